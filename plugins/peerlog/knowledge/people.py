"""People and who learns from whom, from the journals' fields and git history together.

A journal names people by handle or full name (``author``, ``pair``, ``learned_from``): every
spelling with the same slug (``Jane Doe``, ``jane-doe``, ``jane doe``) is one person, and a
contributors file entry (``jdoe: {name: Jane Doe}``) makes its handle and its name one person
too (:func:`name_directory`). git names people by mailmap-resolved name and email; the
contributors file, or a git name whose slug equals a journal name's, joins the two. A person git
knows but no journal names keeps the slug of their git name as id, unless ``people_from_git`` is
off. Every directed edge points the way knowledge flowed: ``taught`` from teacher to learner,
``built-on`` from the person whose entry was linked to the person who linked it.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from peerlog.base.text import key, slug
from peerlog.history.log import History, person_id_for
from peerlog.read.confirmations import Confirmation
from peerlog.read.contributors import Contributor
from peerlog.read.entries import Entry

KINDS = ("co-authored", "paired", "taught", "built-on")
#: A person's id from one spelling of their name (``slug`` keeps the names it has slugged).
person_id = slug
UNDIRECTED = frozenset({"co-authored", "paired"})


def named_helpers(entry: Entry) -> set[str]:
    """The ids of the people ``entry`` credits with helping its authors: those it names as
    ``pair`` or in ``learned_from`` who are not among its authors."""
    return ({person_id(h) for h in (*entry.pair, *entry.learned_from)}
            - {person_id(a) for a in entry.authors})


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    weight: int


@dataclass(frozen=True)
class Person:
    """One contributor. ``entries`` are the published entries they wrote, newest first;
    ``confirmed`` the confirmations they gave (they tried someone's entry), oldest first."""

    id: str
    name: str
    entries: tuple[Entry, ...] = ()
    topics: tuple[tuple[str, int], ...] = ()
    commits: int = 0
    first: date | None = None
    last: date | None = None
    taught: tuple[str, ...] = ()
    learned_from: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    confirmed: tuple[Confirmation, ...] = ()


@dataclass(frozen=True)
class People:
    """Everyone, by id (most active first), and the edges between them."""

    persons: Mapping[str, Person]
    edges: tuple[Edge, ...]
    history_commits: int = 0
    shallow: bool = False
    notes: tuple[str, ...] = field(default=())


def link_target(entry_rel: str, link: str) -> str | None:
    """The journals-relative path a relative Markdown link in an entry points at, if inside."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(entry_rel), link))
    return None if target.startswith("../") or target == ".." or target.startswith("/") else target


def name_directory(
    entries: Iterable[Entry], contributors: Mapping[str, Contributor]
) -> dict[str, str]:
    """Slug of every name the journals or the contributors file use -> the one spelling that
    stands for that person everywhere (its slug is the person's id).

    A contributors entry is named by its handle, whatever spelling of its handle or its name an
    entry uses; a handle wins over another entry's name, and the first entry of the file wins a
    name two of them give. Other people are
    named by the spelling the journals use most (on a tie, the capitalised one: ``Jane Doe``
    over ``jane doe``)."""
    directory: dict[str, str] = {}
    for c in contributors.values():
        directory.setdefault(person_id(c.handle), c.handle)
    for c in contributors.values():
        directory.setdefault(person_id(c.name), c.handle)
    spellings: dict[str, Counter[str]] = {}
    for entry in entries:
        for name in (*entry.authors, *entry.pair, *entry.learned_from):
            pid = person_id(name)
            if pid not in directory:
                spellings.setdefault(pid, Counter())[name] += 1
    for person, used in spellings.items():
        directory[person] = min(used, key=lambda s: (-used[s], s == s.lower(), s))
    return directory


def with_people_named(entries: Iterable[Entry], directory: Mapping[str, str]) -> tuple[Entry, ...]:
    """``entries`` with every person written as :func:`name_directory` spells them, so pages,
    counts and links see one person however each entry wrote their name."""

    def named(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(directory.get(person_id(n), n) for n in names))

    out = []
    for e in entries:
        authors, pair, learned_from = named(e.authors), named(e.pair), named(e.learned_from)
        same = (authors, pair, learned_from) == (e.authors, e.pair, e.learned_from)
        out.append(e if same else replace(e, authors=authors, pair=pair,
                                          learned_from=learned_from))
    return tuple(out)


def build_people(
    entries: Sequence[Entry],
    history: History | None = None,
    git_people: Mapping[str, str] | None = None,
    topic_names: Mapping[str, str] | None = None,
    known_names: Mapping[str, str] | None = None,
    people_from_git: bool = True,
    confirmations: Sequence[Confirmation] = (),
) -> People:
    """Merge journal names and git identities into people and weighted, typed edges.

    ``git_people`` maps git person ids to person ids (see :func:`git_people`), ``known_names``
    gives display names (the contributors file's) that win over handles; ``topic_names``
    maps topic keys to the site's display names, so a person's ``PDF`` and ``pdf`` count as one
    topic, as on the topic pages. Without ``people_from_git``, git only adds commits and dates to
    the people the journals or the contributors file name, never a person of its own.
    ``confirmations`` (those that count) credit their person, and the confirmed entry's
    authors helped them: a ``built-on`` edge, as a link to the entry would be."""
    topic_names = topic_names or {}
    git_to_person = git_people or {}
    names: dict[str, str] = {}

    authored: dict[str, list[Entry]] = {}
    topics: dict[str, Counter[str]] = {}
    weights: Counter[tuple[str, str, str]] = Counter()
    by_rel = {e.rel: e for e in entries}

    def add(source: str, target: str, kind: str, weight: int = 1) -> None:
        if source == target:
            return
        if kind in UNDIRECTED and target < source:
            source, target = target, source
        weights[(source, target, kind)] += weight

    for entry in entries:
        authors = [person_id(h) for h in entry.authors]
        for person in authors:
            names.setdefault(person, _handle_name(entry.authors, person))
            authored.setdefault(person, []).append(entry)
            topics.setdefault(person, Counter()).update(
                topic_names.get(key(t), t) for t in entry.tags)
        for handle in (*entry.pair, *entry.learned_from):
            names.setdefault(person_id(handle), handle)
        for author in authors:
            for partner in entry.pair:
                add(author, person_id(partner), "paired")
            for teacher in entry.learned_from:
                add(person_id(teacher), author, "taught")
        for link in entry.links:
            rel = link_target(entry.rel, link)
            linked = by_rel.get(rel) if rel else None
            if linked is not None and linked is not entry:
                for original in linked.authors:
                    for author in authors:
                        add(person_id(original), author, "built-on")

    confirmed: dict[str, list[Confirmation]] = {}
    by_path = {e.path: e for e in entries}
    for c in confirmations:
        person = person_id(c.by)
        names.setdefault(person, c.by)
        confirmed.setdefault(person, []).append(c)
        for original in by_path[c.target].authors if c.target in by_path else ():
            add(person_id(original), person, "built-on")

    commits: Counter[str] = Counter()
    spans: dict[str, list[date]] = {}
    named = {*names, *(known_names or {})}

    def person_of(gid: str) -> str | None:
        pid = git_to_person.get(gid, gid)
        return pid if people_from_git or pid in named else None

    if history is not None and history.available:
        for gid, stats in history.people.items():
            pid = person_of(gid)
            if pid is None:
                continue
            if names.get(pid, pid) == pid:
                names[pid] = stats.name
            commits[pid] += stats.commits
            spans.setdefault(pid, []).extend(
                d.date() for d in (stats.first, stats.last) if d is not None)
        for (author, coauthor), n in history.coauthored.items():
            source, target = person_of(author), person_of(coauthor)
            if source is not None and target is not None:
                add(source, target, "co-authored", n)
    for pid, es in authored.items():
        spans.setdefault(pid, []).extend(e.date for e in es if e.date)
    names.update(known_names or {})

    edges = tuple(sorted((Edge(s, t, k, w) for (s, t, k), w in weights.items()),
                         key=lambda e: (KINDS.index(e.kind), e.source, e.target)))
    for e in edges:
        names.setdefault(e.source, e.source)
        names.setdefault(e.target, e.target)
    taught: dict[str, list[str]] = {}
    learned: dict[str, list[str]] = {}
    partners: dict[str, list[str]] = {}
    for e in edges:
        if e.kind == "taught":
            taught.setdefault(e.source, []).append(e.target)
            learned.setdefault(e.target, []).append(e.source)
        elif e.kind in UNDIRECTED:
            partners.setdefault(e.source, []).append(e.target)
            partners.setdefault(e.target, []).append(e.source)
    persons = {
        pid: Person(
            id=pid,
            name=name,
            entries=tuple(authored.get(pid, ())),
            topics=tuple(topics.get(pid, Counter()).most_common()),
            commits=commits[pid],
            first=min(spans[pid]) if spans.get(pid) else None,
            last=max(spans[pid]) if spans.get(pid) else None,
            taught=tuple(dict.fromkeys(taught.get(pid, ()))),
            learned_from=tuple(dict.fromkeys(learned.get(pid, ()))),
            partners=tuple(dict.fromkeys(partners.get(pid, ()))),
            confirmed=tuple(confirmed.get(pid, ())),
        )
        for pid, name in names.items()
    }
    ordered = dict(sorted(persons.items(),
                          key=lambda kv: (-len(kv[1].entries), -kv[1].commits, kv[0])))
    return People(
        persons=ordered,
        edges=edges,
        history_commits=history.commits if history and history.available else 0,
        shallow=bool(history and history.shallow),
        notes=history.notes if history else (),
    )


def _handle_name(handles: Iterable[str], person: str) -> str:
    return next((h for h in handles if person_id(h) == person), person)


def display_names(contributors: Mapping[str, Contributor]) -> dict[str, str]:
    """Person id -> the name the contributors file gives."""
    return {person_id(c.handle): c.name for c in contributors.values()}


def git_people(history: History | None, contributors: Mapping[str, Contributor],
               entries: Sequence[Entry]) -> dict[str, str]:
    """git person id -> person id: through the contributors file (handle, name or email), else a
    journal name with the same slug; other git people keep their own id."""
    if history is None or not history.available:
        return {}
    mapping: dict[str, str] = {}
    for c in contributors.values():
        for identity in (c.handle, c.name, *c.emails):
            gid = person_id_for(history, identity)
            if gid is not None:
                mapping.setdefault(gid, person_id(c.handle))
    handles = {person_id(h) for e in entries for h in (*e.authors, *e.pair, *e.learned_from)}
    for gid in history.people:
        if gid not in mapping and gid in handles:
            mapping[gid] = gid
    return mapping
