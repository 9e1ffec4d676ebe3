"""Skill-based pairing: someone stuck in a topic or problem type, with someone it worked for.

A working partnership for a real problem, not mentoring (see the domain notes). Each *need* is a
person with a recent stuck entry in a group (the rules are
:mod:`~peerlog.knowledge.expertise`'s). A topic that is also the name of a tool (``claude``)
says nothing about the skill, so it makes no needs. Needs in problem types are served before
needs in topics (a problem type is the more specific), then most stuck entries first, then
newest, then by group and person, so the result is deterministic; a need whose entries an
earlier suggestion to the same person already covers is skipped, so each stuck entry gets one
suggestion. Each need gets the first helper of its group (someone it worked for there, most
worked first) who

1. is not the stuck person, has not already been suggested to them, and has fewer than
   ``max_load`` suggestions so far (spreading the load), and
2. preferably has never worked with them (no ``co-authored``, ``paired`` or ``taught`` edge
   between the two in :attr:`People.edges`); only when every free helper has, one who has.

A need nobody can serve is left out. Only the :data:`MAX_HELPERS` best helpers of a group are
considered, so the cost is linear in the entries whatever the size of the team.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from peerlog.base.text import key
from peerlog.knowledge.expertise import recent, stuck, worked_count
from peerlog.knowledge.model import Group, KnowledgeBase
from peerlog.knowledge.people import UNDIRECTED, People, person_id
from peerlog.read.entries import Entry

#: Helpers considered per group, best first.
MAX_HELPERS = 20
#: How many suggestions one helper may get.
MAX_LOAD = 2
#: Entries shown behind each side of a suggestion.
MAX_EVIDENCE = 3
_TOGETHER = UNDIRECTED | {"taught"}


@dataclass(frozen=True)
class Suggestion:
    """Pair ``learner`` (stuck in ``group``) with ``helper`` (it worked for them there).
    ``kind`` is ``topic`` or ``problem``; ``new_pair`` says they have not worked together."""

    learner: str
    helper: str
    kind: str
    group: str
    stuck_on: tuple[Entry, ...]
    worked_in: tuple[Entry, ...]
    new_pair: bool


@dataclass(frozen=True)
class _Need:
    kind: str
    group: Group
    learner: str
    entries: tuple[Entry, ...]


def worked_together(people: People) -> set[frozenset[str]]:
    """Every two person ids who co-authored, paired, or taught one another."""
    return {frozenset((e.source, e.target)) for e in people.edges if e.kind in _TOGETHER}


def _by_person(entries: Iterable[Entry]) -> dict[str, tuple[str, list[Entry]]]:
    """Person id -> (their spelling, their entries in the order given: a group's, newest
    first)."""
    found: dict[str, tuple[str, list[Entry]]] = {}
    for entry in entries:
        for author in entry.authors:
            found.setdefault(person_id(author), (author, []))[1].append(entry)
    return found


def suggest_pairs(
    kb: KnowledgeBase, people: People, today: date, *, topic: str | None = None,
    max_load: int = MAX_LOAD,
) -> tuple[Suggestion, ...]:
    """Pairing suggestions as of ``today`` over every topic and problem type (or only the
    one whose name has the key of ``topic``)."""
    tools = {key(t) for e in kb.entries for t in e.tools}
    groups = [("problem", g) for g in kb.problems]
    groups += [("topic", g) for g in kb.topics if g.key not in tools]
    if topic is not None:
        groups = [(kind, g) for kind, g in groups if g.key == key(topic)]
    needs: list[_Need] = []
    #: (kind, group key) -> (person id, spelling, entries where it worked), best first.
    helpers: dict[tuple[str, str], list[tuple[str, str, tuple[Entry, ...]]]] = {}
    for kind, group in groups:
        current = [e for e in group.entries if e.date is None or e.date <= today]
        stuck_now = _by_person(e for e in current if stuck(e) and recent(e, today))
        needs.extend(_Need(kind, group, name, tuple(es)) for name, es in stuck_now.values())
        ranked = sorted(
            ((pid, name, [e for e in es if worked_count(e)])
             for pid, (name, es) in _by_person(current).items()),
            key=lambda h: (-sum(map(worked_count, h[2])), h[0]))
        helpers[kind, group.key] = [(pid, name, tuple(es[:MAX_EVIDENCE]))
                                      for pid, name, es in ranked[:MAX_HELPERS] if es]
    needs.sort(key=lambda n: (n.kind != "problem", -len(n.entries),
                              -max((e.date or date.min).toordinal() for e in n.entries),
                              n.group.key, person_id(n.learner)))
    together = worked_together(people)
    load: dict[str, int] = {}
    suggested: set[tuple[str, str]] = set()
    covered: set[tuple[str, str]] = set()
    out = []
    for need in needs:
        lid = person_id(need.learner)
        if all((lid, e.path) in covered for e in need.entries):
            continue
        free = [h for h in helpers[need.kind, need.group.key]
                if h[0] != lid and (lid, h[0]) not in suggested and load.get(h[0], 0) < max_load]
        if not free:
            continue
        fresh = [h for h in free if frozenset((lid, h[0])) not in together]
        hid, name, evidence = (fresh or free)[0]
        load[hid] = load.get(hid, 0) + 1
        suggested.add((lid, hid))
        covered.update((lid, e.path) for e in need.entries)
        out.append(Suggestion(need.learner, name, need.kind, need.group.name,
                              need.entries[:MAX_EVIDENCE], evidence, bool(fresh)))
    return tuple(out)
