"""Playbooks: what everyone tried for one problem type, what failed and what worked.

Knowledge compounds here: every entry's attempts are grouped into approaches (different wordings
of one idea become one approach, see ``grouping``), counted, credited, and chained into "tried X,
then Y" transitions, so the tenth entry about a problem type improves its playbook without anyone
editing it. A curated playbook adds its text and may name approaches, overriding the grouping.

Knowledge about AI tools goes stale fast, so every report is dated evidence: an attempt in an
entry, or a confirmation of that entry ("worked for me too"). Evidence older than
:attr:`Freshness.stale_after` counts half when approaches are ranked and is marked as possibly
out of date; an approach whose only successes are old says so, and a failure reported after its
last success is shown beside it. A curated playbook is due for review when its ``reviewed`` date
is older than :attr:`Freshness.review_every` and evidence has arrived since.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from peerlog.base.text import key, slug
from peerlog.knowledge.grouping import group_wordings
from peerlog.knowledge.model import Group
from peerlog.read.confirmations import Confirmation
from peerlog.read.curated import CuratedPlaybook
from peerlog.read.entries import Entry

#: How much an out-of-date report counts when approaches are ranked.
STALE_WEIGHT = 0.5


@dataclass(frozen=True)
class Freshness:
    """When evidence is old, and when a curated playbook is due for review, as of ``today``."""

    today: date
    stale_after: timedelta = timedelta(days=365)
    review_every: timedelta = timedelta(days=180)

    def old(self, when: date | None) -> bool:
        """Undated evidence is old: nobody can say it is recent."""
        return when is None or self.today - when > self.stale_after


@dataclass(frozen=True)
class Evidence:
    """One report of how an approach went: an attempt written in an entry, or someone's
    confirmation of that entry (``confirmation``). ``people`` are who reported it."""

    result: str
    date: date | None
    people: tuple[str, ...]
    entry: Entry
    tools: tuple[str, ...]
    old: bool
    confirmation: Confirmation | None = None


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
    evidence: tuple[Evidence, ...] = ()
    """Every report, newest first."""
    shared: tuple[str, ...] = ()
    """Why its wordings were grouped: the words most of them share (automatic grouping only)."""
    doubtful: tuple[str, ...] = ()
    """Variants grouped in with little confidence: ``peerlog promote`` leaves them to decide."""

    @property
    def tries(self) -> int:
        return self.worked + self.failed + self.partial + self.unknown

    @property
    def confirmations(self) -> int:
        return sum(e.confirmation is not None for e in self.evidence)

    @property
    def last_worked(self) -> Evidence | None:
        return next((e for e in self.evidence if e.result == "worked"), None)

    @property
    def last_failed(self) -> Evidence | None:
        return next((e for e in self.evidence if e.result == "failed"), None)

    @property
    def newest(self) -> Evidence | None:
        return self.evidence[0] if self.evidence else None

    @property
    def tools(self) -> tuple[str, ...]:
        """The tools (and model versions) of the reports where it worked, newest first."""
        return tuple(dict.fromkeys(t for e in self.evidence if e.result == "worked"
                                   for t in e.tools))

    @property
    def helpers(self) -> tuple[str, ...]:
        """Who to ask: the people it worked for, most recent first."""
        return tuple(dict.fromkeys(p for e in self.evidence if e.result == "worked"
                                   for p in e.people))

    @property
    def only_old_successes(self) -> bool:
        """It worked, but every report of it working is out of date."""
        return self.worked > 0 and all(e.old for e in self.evidence if e.result == "worked")

    @property
    def failed_since_it_worked(self) -> Evidence | None:
        """A recent failure reported after the last success: the approach may have stopped
        working (a new model version, a changed tool)."""
        last = self.last_worked
        failed = self.last_failed
        if last is None or failed is None or failed.old:
            return None
        return failed if (failed.date or date.min) > (last.date or date.min) else None

    @property
    def ranking(self) -> float:
        """Worked reports, out-of-date ones counting :data:`STALE_WEIGHT`."""
        return sum(STALE_WEIGHT if e.old else 1.0 for e in self.evidence if e.result == "worked")


@dataclass(frozen=True)
class Transition:
    """Entries that tried ``source`` and then ``target`` next; ``worked``, ``partial`` and
    ``failed`` count how the target went for them (the rest gave no result)."""

    source: str
    target: str
    count: int
    worked: int
    partial: int = 0
    failed: int = 0


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
    review: Review | None = None
    as_of: date | None = None
    """The day evidence was judged old or recent against (the build's)."""

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


@dataclass(frozen=True)
class Review:
    """Where a curated playbook stands: its owner, when it was reviewed, the evidence that has
    arrived since (newest first), and whether that makes it due for review."""

    owner: str | None
    reviewed: date | None
    since: tuple[Evidence, ...] = field(default=())
    due: bool = False

    @property
    def newest_per_entry(self) -> tuple[Evidence, ...]:
        """The newest report since the review from each entry (or its confirmations), newest
        first."""
        newest: dict[str, Evidence] = {}
        for evidence in self.since:
            newest.setdefault(evidence.entry.path, evidence)
        return tuple(newest.values())


def _distinct(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(key(name), name)
    return tuple(sorted(seen.values(), key=key))


def build_playbooks(
    problems: Sequence[Group], curated: Sequence[CuratedPlaybook],
    confirmations: Sequence[Confirmation] = (), freshness: Freshness | None = None,
) -> tuple[Playbook, ...]:
    """One playbook per problem type, plus one per curated playbook whose type has no entries.
    ``freshness`` defaults to today's, with the default ages."""
    freshness = freshness or Freshness(date.today())
    by_key = {key(c.problem): c for c in curated}
    confirming: dict[str, list[Confirmation]] = {}
    for confirmation in confirmations:
        confirming.setdefault(confirmation.target, []).append(confirmation)
    playbooks = [build_playbook(g, by_key.get(g.key), confirming, freshness) for g in problems]
    known = {g.key for g in problems}
    for k, c in by_key.items():
        if k not in known:
            playbooks.append(build_playbook(Group(k, c.problem, slug(k), ()), c, {}, freshness))
    return tuple(sorted(playbooks, key=lambda p: (-len(p.entries), p.key)))


def build_playbook(
    group: Group, curated: CuratedPlaybook | None = None,
    confirming: dict[str, list[Confirmation]] | None = None, freshness: Freshness | None = None,
) -> Playbook:
    """Aggregate the attempts of ``group``'s entries (newest first), and the confirmations of
    those entries (by entry path), into a playbook."""
    freshness = freshness or Freshness(date.today())
    confirming = confirming or {}
    wordings = [a.tried for e in group.entries for a in e.attempts]
    groups = group_wordings(wordings, curated.approaches if curated else (),
                            apart=[[a.tried for a in e.attempts] for e in group.entries])
    label_of = {v: g.label for g in groups for v in g.variants}
    curated_labels = {g.label for g in groups if g.curated}
    variants = {g.label: g.variants for g in groups}
    shared = {g.label: g.shared for g in groups}
    doubtful = {g.label: g.doubtful for g in groups}

    results: dict[str, Counter[str]] = {g.label: Counter() for g in groups}
    people: dict[str, dict[str, None]] = {g.label: {} for g in groups}
    entries: dict[str, dict[str, Entry]] = {g.label: {} for g in groups}
    evidence: dict[str, list[Evidence]] = {g.label: [] for g in groups}
    pairs: Counter[tuple[str, str]] = Counter()
    pair_results: dict[tuple[str, str], Counter[str | None]] = {}
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
            evidence[label].append(Evidence(attempt.result or "unknown", entry.date, entry.authors,
                                            entry, entry.tools, freshness.old(entry.date)))
            if not sequence or sequence[-1][0] != label:
                sequence.append((label, attempt.result))
        confirmed = _confirmed_attempt(entry)
        if confirmed is not None:
            label = label_of[confirmed]
            for c in confirming.get(entry.path, ()):
                results[label][c.result] += 1
                people[label][c.by] = None
                evidence[label].append(Evidence(c.result, c.date, (c.by,), entry, entry.tools,
                                                freshness.old(c.date), c))
        if sequence:
            starts[sequence[0][0]] += 1
        for (a, _), (b, result) in pairwise(sequence):
            pairs[(a, b)] += 1
            pair_results.setdefault((a, b), Counter())[result] += 1

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
            evidence=tuple(sorted(evidence[label], key=lambda e: e.date or date.min,
                                  reverse=True)),
            shared=shared[label],
            doubtful=doubtful[label],
        )
        for label, r in results.items()
        if entries[label]
    ]
    worked = sorted((a for a in approaches if a.worked),
                    key=lambda a: (-a.ranking, a.failed, -a.tries, a.label))
    abandoned = sorted((a for a in approaches if not a.worked),
                       key=lambda a: (-a.tries, a.label))
    transitions = tuple(sorted(
        (Transition(a, b, n, r["worked"], r["partial"], r["failed"])
         for (a, b), n in pairs.items() for r in (pair_results[(a, b)],)),
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
        review=_review(curated, approaches, freshness) if curated else None,
        as_of=freshness.today,
    )


def _confirmed_attempt(entry: Entry) -> str | None:
    """What a confirmation of ``entry`` vouches for: its last attempt that worked, else its
    last attempt (someone says "this worked for me" of what the entry ended with)."""
    worked = [a for a in entry.attempts if a.result == "worked"]
    last = worked[-1] if worked else (entry.attempts[-1] if entry.attempts else None)
    return last.tried if last else None


def _review(
    curated: CuratedPlaybook, approaches: Sequence[Approach], freshness: Freshness
) -> Review:
    """Evidence newer than the review (all of it when there was none); due when there is some
    and the review is older than the interval, or there was never one."""
    reviewed = curated.reviewed
    since = tuple(sorted(
        {id(e): e for a in approaches for e in a.evidence
         if reviewed is None or (e.date is not None and e.date > reviewed)}.values(),
        key=lambda e: e.date or date.min, reverse=True))
    overdue = reviewed is None or freshness.today - reviewed > freshness.review_every
    return Review(curated.owner, reviewed, since, bool(since) and overdue)
