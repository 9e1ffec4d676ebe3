"""Playbooks: what everyone tried for one problem type, what failed and what worked.

Knowledge compounds here: every entry's attempts are grouped into approaches (different wordings
of one idea become one approach, see ``grouping``), counted, credited, and chained into "tried X,
then Y" transitions, so the tenth entry about a problem type improves its playbook without anyone
editing it. A curated playbook adds its text and may name approaches, overriding the grouping.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from peerlog.base.text import key, slug
from peerlog.knowledge.grouping import group_wordings
from peerlog.knowledge.model import Group
from peerlog.read.curated import CuratedPlaybook
from peerlog.read.entries import Entry


@dataclass(frozen=True)
class Approach:
    """One approach: its label, the wordings grouped into it, its results and who tried it."""

    label: str
    variants: tuple[str, ...]
    curated: bool
    worked: int
    failed: int
    partial: int
    unknown: int
    people: tuple[str, ...]
    entries: tuple[Entry, ...]

    @property
    def tries(self) -> int:
        return self.worked + self.failed + self.partial + self.unknown


@dataclass(frozen=True)
class Transition:
    """Entries that tried ``source`` and then ``target`` next; ``worked`` counts those where the
    target worked."""

    source: str
    target: str
    count: int
    worked: int


@dataclass(frozen=True)
class Start:
    """How many entries began with an approach, and where they went next."""

    label: str
    count: int
    next: tuple[Transition, ...]


@dataclass(frozen=True)
class Playbook:
    """The playbook of one problem type, generated from its entries and maybe curated."""

    key: str
    name: str
    slug: str
    entries: tuple[Entry, ...]
    worked: tuple[Approach, ...]
    abandoned: tuple[Approach, ...]
    transitions: tuple[Transition, ...]
    starts: tuple[Start, ...]
    outcomes: dict[str, int]
    curated: CuratedPlaybook | None = None

    @property
    def approaches(self) -> tuple[Approach, ...]:
        return self.worked + self.abandoned

    @property
    def solved(self) -> bool:
        return bool(self.worked) or self.outcomes.get("solved", 0) > 0

    @property
    def title(self) -> str:
        if self.curated and self.curated.title:
            return self.curated.title
        return f"Playbook: {self.name}"

    @property
    def page_title(self) -> str:
        """The title in navigation, search results and the browser tab: it always names the
        problem type, so searching for a problem type finds its playbook first."""
        base = f"Playbook: {self.name}"
        return f"{base} · {self.curated.title}" if self.curated and self.curated.title else base

    @property
    def tools(self) -> tuple[str, ...]:
        return _distinct(t for e in self.entries for t in e.tools)

    @property
    def tags(self) -> tuple[str, ...]:
        curated = self.curated.tags if self.curated else ()
        return _distinct([*curated, *(t for e in self.entries for t in e.tags)])


def _distinct(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(key(name), name)
    return tuple(sorted(seen.values(), key=key))


def build_playbooks(
    problems: Sequence[Group], curated: Sequence[CuratedPlaybook]
) -> tuple[Playbook, ...]:
    """One playbook per problem type, plus one per curated playbook whose type has no entries."""
    by_key = {key(c.problem): c for c in curated}
    playbooks = [build_playbook(g, by_key.get(g.key)) for g in problems]
    known = {g.key for g in problems}
    for k, c in by_key.items():
        if k not in known:
            playbooks.append(build_playbook(Group(k, c.problem, slug(k), ()), c))
    return tuple(sorted(playbooks, key=lambda p: (-len(p.entries), p.key)))


def build_playbook(group: Group, curated: CuratedPlaybook | None = None) -> Playbook:
    """Aggregate the attempts of ``group``'s entries (newest first) into a playbook."""
    wordings = [a.tried for e in group.entries for a in e.attempts]
    groups = group_wordings(wordings, curated.approaches if curated else ())
    label_of = {v: g.label for g in groups for v in g.variants}
    curated_labels = {g.label for g in groups if g.curated}
    variants = {g.label: g.variants for g in groups}

    results: dict[str, Counter[str]] = {g.label: Counter() for g in groups}
    people: dict[str, dict[str, None]] = {g.label: {} for g in groups}
    entries: dict[str, dict[str, Entry]] = {g.label: {} for g in groups}
    pairs: Counter[tuple[str, str]] = Counter()
    pairs_worked: Counter[tuple[str, str]] = Counter()
    starts: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    for entry in group.entries:
        outcomes[entry.outcome or "unknown"] += 1
        sequence: list[tuple[str, str | None]] = []
        for attempt in entry.attempts:
            label = label_of[attempt.tried]
            results[label][attempt.result or "unknown"] += 1
            for person in entry.authors:
                people[label][person] = None
            entries[label].setdefault(entry.path, entry)
            if not sequence or sequence[-1][0] != label:
                sequence.append((label, attempt.result))
        if sequence:
            starts[sequence[0][0]] += 1
        for (a, _), (b, result) in pairwise(sequence):
            pairs[(a, b)] += 1
            pairs_worked[(a, b)] += result == "worked"

    approaches = [
        Approach(
            label=label,
            variants=variants[label],
            curated=label in curated_labels,
            worked=r["worked"],
            failed=r["failed"],
            partial=r["partial"],
            unknown=r["unknown"],
            people=tuple(people[label]),
            entries=tuple(entries[label].values()),
        )
        for label, r in results.items()
        if entries[label]
    ]
    worked = sorted((a for a in approaches if a.worked),
                    key=lambda a: (-a.worked, a.failed, -a.tries, a.label))
    abandoned = sorted((a for a in approaches if not a.worked),
                       key=lambda a: (-a.tries, a.label))
    transitions = tuple(sorted(
        (Transition(a, b, n, pairs_worked[(a, b)]) for (a, b), n in pairs.items()),
        key=lambda t: (-t.count, -t.worked, t.source, t.target),
    ))
    onward: dict[str, list[Transition]] = {}
    for t in transitions:
        onward.setdefault(t.source, []).append(t)
    start_list = tuple(
        Start(label, n, tuple(onward.get(label, ())))
        for label, n in sorted(starts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return Playbook(
        key=group.key,
        name=group.name,
        slug=group.slug,
        entries=group.entries,
        worked=tuple(worked),
        abandoned=tuple(abandoned),
        transitions=transitions,
        starts=start_list,
        outcomes=dict(outcomes),
        curated=curated,
    )
