"""Who to ask about a topic or a problem type, and where the knowledge is thin.

The rules, shared by pairing and the clinic so the three can never disagree:

- An entry *worked* for its authors as many times as it has attempts whose result is
  ``worked``; an entry without attempts counts once when its outcome is ``solved``. Authors are
  credited, not pair partners or teachers: the author is the one who reports that it worked.
- An entry is *cracked* when something in it worked or its outcome is ``solved``.
- An entry is *stuck* when it is not cracked and its outcome is ``unsolved`` or one of its
  attempts failed (a ``partial`` outcome with no failed attempt is neither).
- Someone *taught* in a group when an entry of it by someone else names them in ``pair`` or
  ``learned_from``; they are credited once per distinct person they helped.
- *Supply* is the people for whom it worked; *demand* the people with a stuck entry dated in the
  :data:`RECENT_DAYS` days up to ``today`` (someone can be both). One person of supply is a
  **bus factor of 1**; demand above supply is a **skill gap**.

One pass over a group's entries; people are ids (:func:`~peerlog.knowledge.people.person_id`)
shown by the spelling the entries use, which the pipeline has already made one per person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from peerlog.knowledge.model import Group, KnowledgeBase
from peerlog.knowledge.people import person_id
from peerlog.read.entries import Entry

#: How far back a failed attempt or an unsolved entry still counts as someone being stuck.
RECENT_DAYS = 90
#: People named per list on a page or in a suggestion: a group of 500 helpers lists its best.
MAX_NAMED = 5


@dataclass(frozen=True)
class Expertise:
    """Who to ask in one topic or problem type. ``experts`` and ``teachers`` are
    ``(name, count)`` pairs, most first (ties by id), at most :data:`MAX_NAMED` each;
    ``stuck`` names the people recently stuck, at most :data:`MAX_NAMED`."""

    key: str
    name: str
    experts: tuple[tuple[str, int], ...]
    teachers: tuple[tuple[str, int], ...]
    supply: int
    demand: int
    stuck: tuple[str, ...]

    @property
    def bus_factor_one(self) -> bool:
        """Only one person holds what worked here."""
        return self.supply == 1

    @property
    def skill_gap(self) -> bool:
        """More people are recently stuck here than it worked for."""
        return self.demand > self.supply


def worked_count(entry: Entry) -> int:
    """How many times an entry worked for its authors (see the module's rules)."""
    if entry.attempts:
        return sum(a.result == "worked" for a in entry.attempts)
    return int(entry.outcome == "solved")


def cracked(entry: Entry) -> bool:
    return entry.outcome == "solved" or worked_count(entry) > 0


def stuck(entry: Entry) -> bool:
    return not cracked(entry) and (
        entry.outcome == "unsolved" or any(a.result == "failed" for a in entry.attempts))


def recent(entry: Entry, today: date) -> bool:
    """Dated within the :data:`RECENT_DAYS` days up to ``today`` (never after it)."""
    return entry.date is not None and today - timedelta(days=RECENT_DAYS) <= entry.date <= today


class Tally:
    """Counts by person id that remember how the entries spell each person."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.names: dict[str, str] = {}

    def add(self, name: str, n: int = 1) -> None:
        pid = person_id(name)
        self.names.setdefault(pid, name)
        self.counts[pid] += n

    def top(self, limit: int = MAX_NAMED) -> tuple[tuple[str, int], ...]:
        ranked = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return tuple((self.names[pid], n) for pid, n in ranked[:limit] if n > 0)


def expertise(group: Group, today: date) -> Expertise:
    """Who to ask in ``group``, as of ``today`` (entries after it are not counted)."""
    worked, taught, demand = Tally(), Tally(), Tally()
    helped: set[tuple[str, str]] = set()
    for entry in group.entries:
        if entry.date is not None and entry.date > today:
            continue
        n = worked_count(entry)
        blocked = not n and stuck(entry) and recent(entry, today)
        authors = {person_id(a) for a in entry.authors}
        for author in entry.authors:
            if n:
                worked.add(author, n)
            elif blocked:
                demand.add(author)
        for teacher in dict.fromkeys((*entry.pair, *entry.learned_from)):
            tid = person_id(teacher)
            if tid in authors:
                continue
            learners = {a for a in authors if (tid, a) not in helped}
            helped.update((tid, a) for a in learners)
            taught.add(teacher, len(learners))
    supply = sum(1 for n in worked.counts.values() if n > 0)
    return Expertise(group.key, group.name, worked.top(), taught.top(), supply,
                     len(demand.counts), tuple(name for name, _ in demand.top()))


def expertise_by_key(groups: Iterable[Group], today: date) -> dict[str, Expertise]:
    """:func:`expertise` of every group, by its key."""
    return {g.key: expertise(g, today) for g in groups}


@dataclass(frozen=True)
class WhoToAsk:
    """Who to ask in every topic and every problem type of a knowledge base, by group key."""

    topics: dict[str, Expertise]
    problems: dict[str, Expertise]


def who_to_ask(kb: KnowledgeBase, today: date) -> WhoToAsk:
    return WhoToAsk(expertise_by_key(kb.topics, today), expertise_by_key(kb.problems, today))
