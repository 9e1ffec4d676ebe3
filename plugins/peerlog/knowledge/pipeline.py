"""Everything the site and the CLI need, gathered in one place and in one order.

Parse the journals and curated playbooks, read git history once (cached by HEAD), fill in dates
and authors from git where an entry lacks them, write every person the way the people pages name
them (so ``Jane Doe`` and ``jdoe`` are one person everywhere), then build the knowledge model and
playbooks. Checks see the entries as written, so their messages quote the file.
The plugin and the CLI both call :func:`gather`, so they can never disagree; its first half,
the people, is :func:`~peerlog.knowledge.community.gather_community`, all ``peerlog graph`` runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from peerlog.base.problems import Problem
from peerlog.base.settings import Settings
from peerlog.base.timing import Stopwatch
from peerlog.history.log import History
from peerlog.knowledge.checks import cross_check
from peerlog.knowledge.community import gather_community
from peerlog.knowledge.confirmations import check_confirmations
from peerlog.knowledge.grouping import release_encoder
from peerlog.knowledge.model import KnowledgeBase
from peerlog.knowledge.people import (
    People,
    person_id,
)
from peerlog.knowledge.playbooks import Freshness, Playbook, build_playbooks
from peerlog.knowledge.pulse import Pulse, build_pulse
from peerlog.read.confirmations import Confirmation
from peerlog.read.contributors import Contributor
from peerlog.read.curated import CuratedPlaybook, load_curated, one_per_problem_type
from peerlog.read.journals import Journal
from peerlog.read.parsecache import ParseStore


@dataclass(frozen=True)
class Knowledge:
    """The whole knowledge base of a project and every problem found reading it."""

    settings: Settings
    journal: Journal
    curated: tuple[CuratedPlaybook, ...]
    kb: KnowledgeBase
    playbooks: tuple[Playbook, ...]
    history: History | None
    people: People
    contributors: Mapping[str, Contributor]
    problems: tuple[Problem, ...]
    pulse: Pulse
    #: The day it was read: what "recent" and "this month" are counted from, on every page.
    today: date
    #: The confirmations that count (see :func:`~peerlog.knowledge.confirmations.counted`).
    confirmations: tuple[Confirmation, ...] = ()


def gather(
    settings: Settings, use_git: bool = True, history_paths: Sequence[str] | None = None,
    store: ParseStore | None = None, stopwatch: Stopwatch | None = None,
    keep_encoder: bool = True,
) -> Knowledge:
    """Read the project at ``settings.root`` into a :class:`Knowledge`.

    History covers the journals and playbooks folders unless ``history_paths`` says otherwise
    (``["."]`` for the whole repository). A ``store`` (``peerlog check --cache``) gives the
    journal files parsed by an earlier run, by their text; ``stopwatch`` times each stage (the
    build benchmark's). Without ``keep_encoder`` the embedding model is let go once the
    playbooks are grouped (:func:`~peerlog.knowledge.grouping.release_encoder`): a build does
    not group again, a serve does on every rebuild."""
    stopwatch = stopwatch or Stopwatch()
    stage = stopwatch.stage
    community = gather_community(settings, use_git, history_paths, store, stopwatch)
    journal, kb, people, directory = (community.journal, community.kb, community.people,
                                      community.directory)
    entries, dated, contributors = community.entries, community.dated, community.contributors
    with stage("parse"):
        curated, curated_problems = load_curated(settings.root, settings.playbooks)
    today = date.today()
    curated, clashes = one_per_problem_type(curated, [g.name for g in kb.problems])
    with stage("playbooks"):
        playbooks = build_playbooks(kb.problems, curated, community.confirmations, Freshness(
            today, timedelta(days=settings.stale_after_days),
            timedelta(days=settings.review_every_days)))
    if not keep_encoder:
        release_encoder()
    with stage("pulse"):
        pulse = build_pulse(
            kb.entries, today,
            teams={person_id(c.handle): c.team for c in contributors.values() if c.team},
            names={pid: p.name for pid, p in people.persons.items()},
            topic_names={g.key: g.name for g in kb.topics},
            problem_names={g.key: g.name for g in kb.problems},
            coauthored=[(e.source, e.target) for e in people.edges if e.kind == "co-authored"])
    with stage("checks"):
        broken = {p.path for p in journal.problems if p.severity == "error"}
        known = {name: c.handle for c in contributors.values()
                 for name in (c.handle, c.name)} or None
        problems = [*journal.problems, *curated_problems, *clashes,
                    *community.contributor_problems, *_unknown_problem_types(curated, kb),
                    *_reviews_due(playbooks),
                    *cross_check(entries, known, today, broken=broken,
                                 attachments=journal.attachments),
                    *check_confirmations(dated, entries, known, today,
                                         directory=directory, journals=settings.journals,
                                         broken=broken)]
    return Knowledge(settings, journal, tuple(curated), kb, playbooks, community.history, people,
                     contributors, tuple(sorted(problems)), pulse, today,
                     community.confirmations)


def _unknown_problem_types(curated: list[CuratedPlaybook], kb: KnowledgeBase) -> list[Problem]:
    return [
        Problem(c.path, 0, 0, "warning", f"no journal entry has problem type {c.problem!r}; the "
                "playbook is built without evidence", "check the spelling of 'problem:'")
        for c in curated
        if kb.problem(c.problem) is None
    ]


def _reviews_due(playbooks: Sequence[Playbook]) -> Iterator[Problem]:
    """A notice for each curated playbook due for review, with the evidence since."""
    for p in playbooks:
        if p.curated is None or p.review is None or not p.review.due:
            continue
        review, newest = p.review, p.review.since[0]
        when = f"reviewed {review.reviewed.isoformat()}" if review.reviewed else "never reviewed"
        owner = f" (owner: {review.owner})" if review.owner else ""
        entries = len({e.entry.path for e in review.since})
        yield Problem(
            p.curated.path, p.curated.reviewed_line, 0, "notice",
            f"due for review{owner}: {when}, and {entries:,} "
            f"{'entry has' if entries == 1 else 'entries have'} reported on it since, the newest "
            f"on {newest.date.isoformat() if newest.date else 'an unknown day'} "
            f"({newest.entry.path})",
            "check the advice against them, then set 'reviewed:' to today's date")
