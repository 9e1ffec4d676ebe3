"""Each person's learning record: what they wrote, what they tried and how it went, who taught
them and whom they taught, row by row and tallied by topic and by month.

It is the evidence of AI literacy a manager or an auditor asks for (the EU AI Act asks
employers to ensure their staff's AI literacy), so every row names its entry and its date, and
people by id only (the pages show their names, never an address). One pass over the entries
and one over the confirmations; each person's rows are then sorted once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from peerlog.base.text import key
from peerlog.knowledge.people import person_id
from peerlog.read.confirmations import Confirmation
from peerlog.read.entries import Entry

WROTE, TRIED, TAUGHT_BY, TAUGHT = "wrote", "tried", "was taught by", "taught"
ROLES = (WROTE, TRIED, TAUGHT_BY, TAUGHT)
CONFIRMATION = "confirmed the entry: tried it and said how it went"


@dataclass(frozen=True)
class Row:
    """One fact of a record. ``others`` are person ids: for ``wrote`` whom they wrote it with
    (co-authors and pair), for ``tried`` a confirmed entry's authors, for ``was taught by`` the
    teacher, for ``taught`` the learners. ``result`` is the attempt's or confirmation's result,
    else the entry's outcome; ``what`` says what was tried; ``topics`` are the entry's, as the
    site names them."""

    date: date | None
    entry: Entry
    role: str
    others: tuple[str, ...] = ()
    result: str = ""
    what: str = ""
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tally:
    """How much of each role one topic or month holds; ``worked`` counts tries that worked."""

    name: str
    wrote: int = 0
    tried: int = 0
    worked: int = 0
    taught_by: int = 0
    taught: int = 0

    @property
    def total(self) -> int:
        return self.wrote + self.tried + self.taught_by + self.taught


@dataclass(frozen=True)
class Record:
    """A person's rows, newest first, and their tallies (topics most active first, months
    newest first; undated rows are in no month)."""

    rows: tuple[Row, ...]
    by_topic: tuple[Tally, ...] = field(default=())
    by_month: tuple[Tally, ...] = field(default=())


def learning_records(
    entries: Iterable[Entry], confirmations: Sequence[Confirmation] = (),
    topic_names: Mapping[str, str] | None = None,
) -> dict[str, Record]:
    """Every person's record by person id. ``confirmations`` are those that count;
    ``topic_names`` maps topic keys to the site's display names (so ``PDF`` and ``pdf`` are one
    topic, as on the topic pages)."""
    rows: dict[str, list[Row]] = {}

    def add(pid: str, row: Row) -> None:
        rows.setdefault(pid, []).append(row)

    names = topic_names or {}
    by_path: dict[str, tuple[Entry, tuple[str, ...]]] = {}
    for e in entries:
        topics = topics_of(e, names)
        by_path[e.path] = e, topics
        authors = tuple(dict.fromkeys(person_id(a) for a in e.authors))
        teachers = tuple(dict.fromkeys(person_id(t) for t in e.learned_from))
        outcome = e.outcome or ""
        for author in authors:
            company = tuple(dict.fromkeys(
                p for p in (*authors, *(person_id(h) for h in e.pair)) if p != author))
            add(author, Row(e.date, e, WROTE, company, outcome, topics=topics))
            for attempt in e.attempts:
                add(author, Row(e.date, e, TRIED, (), attempt.result or "", attempt.tried,
                                topics))
            for teacher in teachers:
                if teacher != author:
                    add(author, Row(e.date, e, TAUGHT_BY, (teacher,), outcome, topics=topics))
        for teacher in teachers:
            learners = tuple(a for a in authors if a != teacher)
            if learners:
                add(teacher, Row(e.date, e, TAUGHT, learners, outcome, topics=topics))
    for c in confirmations:
        if c.target in by_path:
            target, topics = by_path[c.target]
            add(person_id(c.by), Row(c.date, target, TRIED,
                                     tuple(dict.fromkeys(person_id(a) for a in target.authors)),
                                     c.result, CONFIRMATION, topics))
    return {pid: _record(found) for pid, found in rows.items()}


_ROLE_ORDER = {role: i for i, role in enumerate(ROLES)}
#: Where each role counts among a :class:`Tally`'s numbers (wrote, tried, worked, was taught
#: by, taught), and where a try that worked counts too.
_COLUMN = {WROTE: 0, TRIED: 1, TAUGHT_BY: 3, TAUGHT: 4}
_WORKED = 2


def _record(rows: list[Row]) -> Record:
    rows.sort(key=lambda r: (-(r.date or date.min).toordinal(), r.entry.title, r.entry.path,
                             _ROLE_ORDER[r.role]))
    topics: dict[str, list[int]] = {}
    months: dict[str, list[int]] = {}
    for row in rows:
        column = _COLUMN[row.role]
        for counts in (*(topics.setdefault(t, [0] * 5) for t in row.topics),
                       *((months.setdefault(row.date.strftime("%Y-%m"), [0] * 5),)
                         if row.date else ())):
            counts[column] += 1
            counts[_WORKED] += row.role == TRIED and row.result == "worked"
    by_topic = sorted((Tally(t, *c) for t, c in topics.items()),
                      key=lambda t: (-t.total, key(t.name)))
    return Record(tuple(rows), tuple(by_topic),
                  tuple(Tally(m, *months[m]) for m in sorted(months, reverse=True)))


def topics_of(entry: Entry, topic_names: Mapping[str, str]) -> tuple[str, ...]:
    """An entry's tags as the site names its topics, each once."""
    return tuple(dict.fromkeys(topic_names.get(key(t), t) for t in entry.tags))
