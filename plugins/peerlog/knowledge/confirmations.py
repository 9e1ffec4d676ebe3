"""Confirmations against the whole journal: which count, and what ``peerlog check`` says.

A confirmation file knows only its own fields (:mod:`peerlog.read.confirmations`); whether the
entry it names exists and is published, whether its author is a contributor and whether that
person already confirmed the entry, only the whole journal tells. A confirmation counts (on
the entry's page, in playbooks and on people pages) when it names a published entry and is
its person's first for that entry; the others are warned about, never counted.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from rapidfuzz import fuzz, process

from peerlog.base.problems import Problem
from peerlog.knowledge.checks import unknown_person
from peerlog.knowledge.people import person_id
from peerlog.read.confirmations import Confirmation
from peerlog.read.entries import Entry

#: Confirmations of no entry for which the nearest entry path is looked for (each look goes
#: over every entry's path); past this, the hint only says how a path looks.
MAX_GUESSES = 200


def counted(
    confirmations: Sequence[Confirmation], entries: Sequence[Entry],
    directory: Mapping[str, str],
) -> tuple[Confirmation, ...]:
    """The confirmations that count, their person written as ``directory`` (see
    :func:`~peerlog.knowledge.people.name_directory`) spells them, oldest first."""
    published = {e.path for e in entries if not e.draft}
    out = []
    for c in _firsts(confirmations, directory).values():
        by = directory.get(person_id(c.by), c.by)
        if c.target in published:
            out.append(c if by == c.by else replace(c, by=by))
    return tuple(out)


def _firsts(
    confirmations: Sequence[Confirmation], directory: Mapping[str, str]
) -> dict[tuple[str, str], Confirmation]:
    """Each person's first confirmation of each entry, by (entry, person id), oldest first:
    the one that counts, and the one a later duplicate is told about."""
    first: dict[tuple[str, str], Confirmation] = {}
    for c in _in_order(confirmations):
        first.setdefault((c.target, person_id(directory.get(person_id(c.by), c.by))), c)
    return first


def check_confirmations(
    confirmations: Sequence[Confirmation],
    entries: Sequence[Entry],
    known_people: Mapping[str, str] | Collection[str] | None,
    today: date,
    *,
    directory: Mapping[str, str],
    journals: str,
    broken: Collection[str] = (),
) -> list[Problem]:
    """Every problem of every confirmation, each at the line of its ``confirms:`` (or its
    ``author:`` or ``date:``): no such entry (with the nearest path), an entry with errors or a
    draft, a date in the future, a person missing from the contributors list, and the same
    person confirming the same entry twice."""
    by_path = {e.path: e for e in entries}
    rels = [e.rel for e in entries]
    unknown = unknown_person(known_people) if known_people is not None else None
    first = _firsts(confirmations, directory)
    guesses = MAX_GUESSES
    problems: list[Problem] = []
    for c in _in_order(confirmations):

        def warn(message: str, hint: str, line: int = c.line, c: Confirmation = c) -> None:
            problems.append(Problem(c.path, line, 0, "warning", message, hint))

        entry = by_path.get(c.target)
        if entry is None and c.target in broken:
            warn(f"confirms {c.target}, which has errors and is left out of the site",
                 f"fix {c.target} first")
        elif entry is None:
            rel = c.target.removeprefix(journals.strip("/") + "/")
            guesses -= 1
            guess = nearest_entry(rel, rels) if guesses >= 0 else None
            problems.append(Problem(c.path, c.line, 0, "error", f"confirms {rel[:100]!r}, but no "
                                    "journal entry is there",
                                    _did_you_mean(guess, "2026/2026-03-02-x.md")))
        elif entry.draft:
            warn(f"confirms {c.target}, a draft, which is not on the site",
                 "confirm it once it is published")
        if c.date is not None and c.date > today + timedelta(days=1):
            warn(f"date {c.date.isoformat()} is in the future", "check the year and the month",
                 c.date_line)
        hint = unknown(c.by) if unknown is not None else None
        if hint is not None:
            warn(f"author {c.by!r} is not in the contributors list", hint, c.by_line)
        earlier = first[c.target, person_id(directory.get(person_id(c.by), c.by))]
        if earlier is not c:
            warn(f"{c.by} already confirmed this entry in {earlier.path}",
                 "keep one confirmation per person and entry: edit that file instead")
    return sorted(problems)


def nearest_entry(written: str, paths: Sequence[str]) -> str | None:
    """The one of ``paths`` that a path naming no entry most looks like, if any is close."""
    guess = process.extractOne(written, paths, scorer=fuzz.ratio, score_cutoff=80)
    return guess[0] if guess else None


def _did_you_mean(guess: str | None, example: str) -> str:
    return f"did you mean {guess!r}?" if guess else f"check the path, e.g. {example}"


def _in_order(confirmations: Sequence[Confirmation]) -> list[Confirmation]:
    """Oldest first (undated last), then by path: the first of a person's confirmations of an
    entry is the one that counts."""
    return sorted(confirmations, key=lambda c: (c.date or date.max, c.path))

