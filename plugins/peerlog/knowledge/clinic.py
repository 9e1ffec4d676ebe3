"""The weekly clinic's agenda: what nobody has cracked yet, and what was cracked since last time.

A clinic is an hour where people bring what they are stuck on (see the domain notes). An *open
problem* is a problem type none of whose entries is cracked (the rules are
:mod:`~peerlog.knowledge.expertise`'s), or, for an entry without a problem type, that entry
when it is stuck. Open problems come most attempted first (then most entries, then by name),
each with what has been ruled out (its failed attempts' wordings, one per
:func:`~peerlog.base.text.key`) and who is stuck (its authors). *Solved since* lists the
cracked entries dated from ``since`` to ``as_of``, oldest first. Entries dated after ``as_of``
do not exist yet, so an agenda for a past date is the agenda of that day.

:func:`to_markdown` writes the agenda ready to paste into a chat or a document; every name,
title and wording in it is escaped, so nothing from a journal becomes a link or markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from peerlog.base.text import key, shown_name
from peerlog.knowledge.expertise import cracked, stuck
from peerlog.knowledge.model import KnowledgeBase, oldest_first
from peerlog.read.entries import Entry

#: Clinics are weekly: by default an agenda reports what was solved in the week before it.
SINCE_DAYS = 7
#: Open problems on one agenda: an hour has room for a few, and the rest can wait a week.
MAX_OPEN = 10
#: Ruled-out wordings listed per open problem.
MAX_RULED_OUT = 8
# What CommonMark (and chat tools) would read as markup inside a line: escaped text never starts
# a line here, so list markers and heading dots need no escape.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")


@dataclass(frozen=True)
class OpenProblem:
    """One problem nobody has cracked: a problem type (``problem`` set) or one entry."""

    name: str
    problem: str | None
    entries: tuple[Entry, ...]
    attempts: int
    ruled_out: tuple[str, ...]
    stuck: tuple[str, ...]


@dataclass(frozen=True)
class Agenda:
    as_of: date
    since: date
    open: tuple[OpenProblem, ...]
    open_total: int
    solved: tuple[Entry, ...]


def _open_problem(name: str, problem: str | None, entries: list[Entry]) -> OpenProblem:
    ruled_out: dict[str, str] = {}
    for entry in entries:
        for attempt in entry.attempts:
            if attempt.result == "failed" and attempt.tried.strip():
                ruled_out.setdefault(key(attempt.tried), attempt.tried.strip())
    people = {key(a): a for e in entries for a in e.authors}
    return OpenProblem(name, problem, tuple(entries), sum(len(e.attempts) for e in entries),
                       tuple(ruled_out.values())[:MAX_RULED_OUT], tuple(sorted(
                           people.values(), key=key)))


def clinic_agenda(kb: KnowledgeBase, as_of: date, since: date) -> Agenda:
    """The agenda of the clinic held on ``as_of``, the last one having been on ``since``."""
    current = [e for e in kb.entries if e.date is None or e.date <= as_of]
    by_problem: dict[str, list[Entry]] = {}
    problems: list[OpenProblem] = []
    for entry in current:
        if entry.problem:
            by_problem.setdefault(key(entry.problem), []).append(entry)
        elif stuck(entry):
            problems.append(_open_problem(entry.title, None, [entry]))
    names = {g.key: g.name for g in kb.problems}
    problems.extend(_open_problem(names[k], names[k], es)
                    for k, es in by_problem.items() if not any(map(cracked, es)))
    problems.sort(key=lambda p: (-p.attempts, -len(p.entries), key(p.name), p.entries[0].path))
    solved = [e for e in oldest_first(current)
              if e.date is not None and since <= e.date and cracked(e)]
    return Agenda(as_of, since, tuple(problems[:MAX_OPEN]), len(problems), tuple(solved))


def escape(text: str) -> str:
    """``text`` as literal Markdown on one line: line breaks become spaces, other control
    characters are spelled out (:func:`~peerlog.base.text.shown_name`), and every character
    Markdown gives a meaning is backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", shown_name(" ".join(text.split())))


def _names(names: Iterable[str]) -> str:
    return ", ".join(escape(n) for n in names) or "nobody named"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def to_markdown(agenda: Agenda) -> str:
    """The agenda as Markdown, ready to paste."""
    lines = [f"# Clinic agenda, {agenda.as_of.isoformat()}", "",
             "## Open problems nobody has cracked", ""]
    if not agenda.open:
        lines += ["Nothing open: every problem brought to the journals has been cracked.", ""]
    for i, p in enumerate(agenda.open, 1):
        what = "problem type" if p.problem else "entry"
        lines += [f"### {i}. {escape(p.name)} ({what})", "",
                  f"{_count(p.attempts, 'attempt', 'attempts')} in "
                  f"{_count(len(p.entries), 'entry', 'entries')}; stuck: {_names(p.stuck)}.", ""]
        if p.ruled_out:
            lines += ["Ruled out:", "", *(f"- {escape(w)}" for w in p.ruled_out), ""]
    if agenda.open_total > len(agenda.open):
        lines += [f"And {agenda.open_total - len(agenda.open)} more open problems.", ""]
    lines += [f"## Solved since {agenda.since.isoformat()}", ""]
    if not agenda.solved:
        lines += ["Nothing yet.", ""]
    for e in agenda.solved:
        when = e.date.isoformat() if e.date else ""
        lines.append(f"- {when}: {escape(e.title)} ({_names(e.authors)})")
    return "\n".join(lines).rstrip("\n") + "\n"
