"""Who the people are and who learns from whom: the part of :func:`~peerlog.knowledge.pipeline.
gather` that the contributor graph needs, and nothing else.

Read the journals, the contributors file and git history, fill in dates and authors from git
where an entry lacks them, write every person the way the people pages name them, and build the
people and their edges. ``peerlog graph`` stops here: playbooks (approach grouping, perhaps the
embedding model), the Pulse and the checks across entries are work a graph does not need, and
this module does not even import them. :func:`~peerlog.knowledge.pipeline.gather` starts here,
so the graph and the site can never disagree about a person.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from peerlog.base.problems import Problem
from peerlog.base.settings import Settings
from peerlog.base.timing import Stopwatch
from peerlog.history.log import History, cached_read_history
from peerlog.knowledge import model
from peerlog.knowledge.confirmations import counted
from peerlog.knowledge.model import KnowledgeBase
from peerlog.knowledge.people import (
    People,
    build_people,
    display_names,
    git_people,
    name_directory,
    with_people_named,
)
from peerlog.read.confirmations import Confirmation
from peerlog.read.contributors import Contributor, load_contributors
from peerlog.read.entries import Entry
from peerlog.read.journals import Journal, load_journal
from peerlog.read.parsecache import ParseStore


@dataclass(frozen=True)
class Community:
    """The journals, git history and the people they make.

    ``entries`` are as written plus git's facts (the checks quote them); ``kb`` holds them with
    every person named one way; ``dated`` are every confirmation, dated from git where needed,
    ``confirmations`` those that count."""

    settings: Settings
    journal: Journal
    contributors: Mapping[str, Contributor]
    contributor_problems: tuple[Problem, ...]
    history: History | None
    entries: tuple[Entry, ...]
    directory: Mapping[str, str]
    kb: KnowledgeBase
    dated: tuple[Confirmation, ...]
    confirmations: tuple[Confirmation, ...]
    people: People


def gather_community(
    settings: Settings, use_git: bool = True, history_paths: Sequence[str] | None = None,
    store: ParseStore | None = None, stopwatch: Stopwatch | None = None,
) -> Community:
    """Read the people of the project at ``settings.root`` (see :func:`~peerlog.knowledge.
    pipeline.gather` for ``use_git``, ``history_paths``, ``store`` and ``stopwatch``)."""
    stage = (stopwatch or Stopwatch()).stage
    paths = list(history_paths or (settings.journals, settings.playbooks))
    with ThreadPoolExecutor(max_workers=1) as pool:
        # git log runs beside the journals' reading: that is mostly system calls (one file
        # after another), which let the history's parsing thread run.
        pending = (pool.submit(cached_read_history, settings.root, paths, settings.bots)
                   if use_git else None)
        with stage("parse"):
            journal = load_journal(settings.root, settings.journals, store)
            contributors, contributor_problems = load_contributors(settings.root)
        with stage("history"):  # what is left of it once the journals are read
            history = pending.result() if pending else None
    with stage("model"):
        identities = git_people(history, contributors, journal.entries)
        entries = with_git_facts(journal.entries, history, identities, settings.people_from_git)
        directory = name_directory(entries, contributors)
        kb = model.build(with_people_named(entries, directory))
        dated = with_git_dates(journal.confirmations, history)
        confirmations = counted(dated, kb.entries, directory)
    with stage("people"):
        people = build_people(kb.entries, history, identities,
                              {g.key: g.name for g in kb.topics}, display_names(contributors),
                              settings.people_from_git, confirmations)
    return Community(settings, journal, contributors, tuple(contributor_problems), history,
                     entries, directory, kb, dated, confirmations, people)


def with_git_dates(
    confirmations: tuple[Confirmation, ...], history: History | None
) -> tuple[Confirmation, ...]:
    """A confirmation without a date is dated by the commit that added its file."""
    if history is None or not history.available:
        return confirmations
    files = history.files
    return tuple(replace(c, date=files[c.path].added.date())
                 if c.date is None and c.path in files else c for c in confirmations)


def with_git_facts(
    entries: tuple[Entry, ...],
    history: History | None,
    identities: Mapping[str, str],
    people_from_git: bool = True,
) -> tuple[Entry, ...]:
    """Fill a missing date or author from the commit that added the file (following renames),
    and set every entry's last-updated time. ``identities`` maps git person ids to handles;
    without ``people_from_git`` only those are authors: a git identity the journals and the
    contributors file never name is not made an entry's author."""
    if history is None or not history.available:
        return entries
    out = []
    for entry in entries:
        info = history.files.get(entry.path)
        if info is None:
            out.append(entry)
            continue
        adder = info.added_by_id
        known = adder in identities or (people_from_git and adder in history.people)
        git_author = (identities.get(adder, adder),) if known else ()
        out.append(replace(
            entry,
            date=entry.date or info.added.date(),
            date_from_git=entry.date is None,
            authors=entry.authors or git_author,
            author_from_git=not entry.authors and bool(git_author),
            updated=info.updated,
        ))
    return tuple(out)
