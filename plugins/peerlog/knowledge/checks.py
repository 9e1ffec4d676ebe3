"""Checks across the whole knowledge base: what no single entry can know about itself.

A tag is only a typo next to the tag everyone else uses, a title only a duplicate and a link only
dead given the other entries, so these run after every file is parsed, over all of them. They
are warnings: the entry is published either way, and the contributor is told what looks wrong.

Near-duplicates are found among the *distinct* keys, which stay few (hundreds) even with 10,000
entries: plurals through one dict of singular forms, typos by comparing only keys whose lengths
differ by at most two (rapidfuzz's optimal string alignment distance, in C). Warnings point at
the line and column the parse recorded (:class:`~peerlog.read.entries.Positions`): no file is
read twice.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from urllib.parse import unquote

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from peerlog.base.problems import Problem
from peerlog.base.text import key
from peerlog.knowledge.people import person_id
from peerlog.read.entries import Entry
from peerlog.read.journals import Attachment, attachment_type, site_folder

#: Keys shorter than this are never typos of each other: "sql"/"sq", "hr"/"ar" are too close.
MIN_TYPO_LENGTH = 5
#: Keys this long may differ in two edits ("sumarisation"/"summarisation"), shorter ones in one.
TWO_EDITS_LENGTH = 8
#: Keys longer than this are phrases, not words to misspell; they are not compared.
MAX_TYPO_LENGTH = 32
#: The most used tags, problem types or names that a rarer spelling is compared with: a
#: suggestion points at a spelling used at least twice, and a pull request adding 50,000 new
#: tags must cost seconds, not the square of 50,000 comparisons.
MAX_TYPO_TARGETS = 500
#: Broken links and images reported per entry; past this, one line counts the rest (each report
#: of a dead link looks for a likely target among every entry's path).
MAX_LINK_PROBLEMS = 20

_Names = Callable[[Entry], Iterable[str]]
# The target of a Markdown link or image: what follows "](" up to a space, ")" or ">". One
# character class after a fixed opening, so the scan is linear in the line.
_TARGET = re.compile(r"\]\(\s*<?([^)\s<>]+)")


def cross_check(
    entries: Sequence[Entry],
    known_people: Mapping[str, str] | Collection[str] | None,
    today: date,
    *,
    broken: Collection[str] = (),
    attachments: Collection[Attachment] = (),
) -> list[Problem]:
    """Warnings about ``entries`` (drafts included) that need the whole knowledge base.

    ``known_people``: the handles of a contributors list, or every name it gives (handles and
    full names) mapped to the handle to suggest; None to guess typos from usage.
    ``broken``: the project paths of journal files that failed to parse, so links to them are
    told apart.
    ``attachments``: the files published beside the entries, that images and links may show.
    """
    problems = [
        *_near_duplicates(entries, "tag", ("tags",), lambda e: e.tags),
        *_near_duplicates(entries, "problem type", ("problem",),
                          lambda e: (e.problem,) if e.problem else ()),
        *_people(entries, known_people),
        *_duplicate_titles(entries),
        *_links(entries, broken),
        *_attachment_links(entries, attachments),
        *_future_dates(entries, today),
    ]
    return sorted(problems)


def _warn(entry: Entry, fields: Sequence[str], message: str, hint: str, value: str = "") -> Problem:
    """A warning at the item of ``fields`` whose key is ``value`` (or at the field), where the
    parse of the entry recorded it."""
    line, col = entry.at.find(fields, value)
    return Problem(entry.path, line, col, "warning", message, hint)


def _near_duplicates(
    entries: Sequence[Entry], label: str, fields: Sequence[str], names_of: _Names
) -> Iterator[Problem]:
    """Warn each entry using a spelling that is close to a spelling used twice as often."""
    users, spellings = _usage(entries, names_of)
    counts = {k: len(es) for k, es in users.items()}
    for rare, common in _suggestions(counts, plural=True).items():
        shown = _display(spellings[common])
        for entry in users[rare]:
            spelled = next(n for n in names_of(entry) if key(n) == rare)
            yield _warn(
                entry, fields,
                f"{label} {spelled!r} is close to {shown!r}, used by {_entries(counts[common])}",
                f"did you mean {shown!r}?", spelled,
            )


_ROLES: tuple[tuple[str, tuple[str, ...], _Names], ...] = (
    ("author", ("author", "authors"), lambda e: () if e.author_from_git else e.authors),
    ("pair", ("pair",), lambda e: e.pair),
    ("learned_from", ("learned_from",), lambda e: e.learned_from),
)


def _people(
    entries: Sequence[Entry], known: Mapping[str, str] | Collection[str] | None
) -> Iterator[Problem]:
    """Names missing from the contributors list (a person may be named by their handle or their
    full name there; the suggestion is always the handle); without one, names used in one entry
    only that look like a typo of a name used in several. Names compare by slug, as people do:
    ``Jane Doe`` and ``jane-doe`` are one person."""
    if known is not None:
        unknown = unknown_person(known)
        for entry in entries:
            for role, fields, names_of in _ROLES:
                for handle in names_of(entry):
                    hint = unknown(handle)
                    if hint is not None:
                        yield _warn(entry, fields,
                                    f"{role} {handle!r} is not in the contributors list",
                                    hint, handle)
        return
    users, spellings = _usage(entries, lambda e: (n for _, _, of in _ROLES for n in of(e)))
    counts = {k: len(es) for k, es in users.items()}
    for rare, common in _suggestions(counts, plural=False, rare_at_most=1).items():
        entry = users[rare][0]
        shown = _display(spellings[common])
        role, fields, handle = next((role, fields, n) for role, fields, of in _ROLES
                                    for n in of(entry) if key(n) == rare)
        yield _warn(
            entry, fields, f"{role} {handle!r} appears in no other entry and is close to "
            f"{shown!r}, used by {_entries(counts[common])}", f"did you mean {shown!r}?", handle,
        )


def unknown_person(
    known: Mapping[str, str] | Collection[str]
) -> Callable[[str], str | None]:
    """For a contributors list (see :func:`cross_check`'s ``known_people``), a function that
    gives ``None`` for a name it knows and, for any other, the hint to show: the closest
    handle, or to add them. One fuzzy search per unknown name, however often it is used."""
    pairs = known.items() if isinstance(known, Mapping) else ((h, h) for h in known)
    known_names: dict[str, str] = {}
    for name, handle in pairs:
        known_names.setdefault(person_id(name), handle)
    known_keys = list(known_names)
    hints: dict[str, str] = {}

    def hint(name: str) -> str | None:
        pid = person_id(name)
        if pid in known_names:
            return None
        if pid not in hints:
            guess = process.extractOne(pid, known_keys, scorer=OSA.distance, score_cutoff=2)
            hints[pid] = (f"did you mean {known_names[guess[0]]!r}?" if guess else
                          "check the spelling, or add them to the contributors list")
        return hints[pid]

    return hint


def _duplicate_titles(entries: Sequence[Entry]) -> Iterator[Problem]:
    """The oldest entry keeps its title; every later one with the same title is warned."""
    first: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: (e.date or date.max, e.path)):
        original = first.setdefault(key(entry.title), entry)
        if original is not entry:
            yield _warn(entry, ("title",),
                             f"another entry has the same title: {original.path}",
                             "say in the title what is different about this one")


def _links(entries: Sequence[Entry], broken: Collection[str]) -> Iterator[Problem]:
    """Relative links between entries that the site cannot follow.

    Links are resolved from the entry's folder inside the journals folder; links that leave it
    (to ``docs/``, say) are left to MkDocs' own link validation.
    """
    by_rel = {e.rel: e for e in entries}
    for entry in entries:
        folder = posixpath.dirname(entry.rel)
        report = _LinkReport(entry)
        for link in entry.links:
            target = posixpath.normpath(posixpath.join(folder, unquote(link)))
            if link.startswith("/") or target == ".." or target.startswith("../"):
                continue
            linked = by_rel.get(target)
            if linked is not None and (entry.draft or not linked.draft):
                continue
            if report.full():
                continue
            line, col = report.position(link)
            if linked is not None:
                message, hint = (f"link to {link!r} points at a draft, which is not on the site",
                                 "publish that entry first, or link to it later")
            elif _journal_path(entry, target) in broken:
                message, hint = (f"link to {link!r} points at an entry with errors, which is left "
                                 "out of the site", f"fix {_journal_path(entry, target)} first")
            else:
                message, hint = (f"link to {link!r} points at no journal entry",
                                 _link_hint(folder, target, list(by_rel)))
            yield Problem(entry.path, line, col, "warning", message, hint)
        yield from report.rest()


def _attachment_links(
    entries: Sequence[Entry], attachments: Collection[Attachment]
) -> Iterator[Problem]:
    """Relative images and links to attachment types (``![shot](shot.png)``) that no published
    attachment answers, told in the journal's own terms: MkDocs' own warning names the entry's
    page, not its file. Links that leave the journals folder are left to MkDocs."""
    published = {a.site_rel for a in attachments}
    by_rel = {a.rel: a for a in attachments}
    for entry in entries:
        folder = posixpath.dirname(entry.rel)
        on_site = site_folder(folder)
        report = _LinkReport(entry)
        for link, (line, col) in report.found.items():
            path = link.split("#", 1)[0].split("?", 1)[0]
            if ":" in path or path.startswith("/") or not attachment_type(posixpath.basename(path)):
                continue
            target = unquote(path)
            in_journals = posixpath.normpath(posixpath.join(folder, target))
            if in_journals == ".." or in_journals.startswith("../"):
                continue
            site = posixpath.normpath(posixpath.join(on_site, target))
            if site in published or report.full():
                continue
            found = by_rel.get(in_journals)
            if found is not None:
                message = (f"link to {link!r} names a folder the way the site does not, so it "
                           "is broken on the site")
                hint = (f"write {posixpath.relpath(found.site_rel, on_site or '.')!r}: folders "
                        "on the site are lowercase, with dashes for spaces")
            else:
                message = f"{link!r} is not a file published beside this entry"
                hint = f"add the file as {_journal_path(entry, in_journals)}, or check the name"
            yield Problem(entry.path, line, col, "warning", message, hint)
        yield from report.rest()


class _LinkReport:
    """One entry's link problems: where each link target first appears in the notes (``found``,
    in one pass over them, outside fenced code; ``targets`` also without any ``#part``), and
    the count past :data:`MAX_LINK_PROBLEMS`."""

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        self.reported = 0
        self.found: dict[str, tuple[int, int]] = {}
        self.targets: dict[str, tuple[int, int]] = {}
        in_fence = False
        for i, text in enumerate(entry.body.split("\n")):
            if text.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            elif not in_fence and "](" in text:
                for match in _TARGET.finditer(text):
                    at = (entry.body_line + i, match.start(1) + 1)
                    self.found.setdefault(match.group(1), at)
                    self.targets.setdefault(match.group(1).split("#", 1)[0], at)
        self.targets = {**self.targets, **self.found}

    def position(self, link: str) -> tuple[int, int]:
        return self.targets.get(link, (self.entry.body_line, 0))

    def full(self) -> bool:
        """Count one more problem; true once the entry has had its share reported."""
        self.reported += 1
        return self.reported > MAX_LINK_PROBLEMS

    def rest(self) -> Iterator[Problem]:
        more = self.reported - MAX_LINK_PROBLEMS
        if more > 0:
            yield Problem(self.entry.path, self.entry.body_line, 0, "warning",
                          f"{more:,} more broken links or images in this entry",
                          "fix the ones listed; the next check reports the rest")


def _future_dates(entries: Sequence[Entry], today: date) -> Iterator[Problem]:
    """Dates after tomorrow: an entry written today east of the build server is a day ahead."""
    latest = today + timedelta(days=1)
    for entry in entries:
        if entry.date is not None and not entry.date_from_git and entry.date > latest:
            yield _warn(entry, ("date",), f"date {entry.date.isoformat()} is in the future",
                             "check the year and the month")


def _usage(
    entries: Iterable[Entry], names_of: _Names
) -> tuple[dict[str, list[Entry]], dict[str, Counter[str]]]:
    """Key -> the entries using it (each once), and key -> how often each spelling is used."""
    users: dict[str, list[Entry]] = {}
    spellings: dict[str, Counter[str]] = {}
    for entry in entries:
        seen: set[str] = set()
        for name in names_of(entry):
            k = key(name)
            if not k:
                continue
            spellings.setdefault(k, Counter())[name] += 1
            if k not in seen:
                seen.add(k)
                users.setdefault(k, []).append(entry)
    return users, spellings


def _suggestions(
    counts: Mapping[str, int], plural: bool, rare_at_most: int | None = None
) -> dict[str, str]:
    """Rare key -> the close key to suggest instead: the most used one, used at least twice as
    often (two spellings used about equally are both deliberate, or both new)."""
    suggested: dict[str, str] = {}
    for k, near in _neighbours(counts, plural).items():
        if rare_at_most is not None and counts[k] > rare_at_most:
            continue
        best = min(near, key=lambda n: (-counts[n], n))
        if counts[best] >= 2 * counts[k]:
            suggested[k] = best
    return suggested


def _neighbours(counts: Mapping[str, int], plural: bool) -> dict[str, set[str]]:
    """Key -> the other keys that look like another spelling of it, without comparing all
    pairs: plurals meet in a dict, and typos are looked for only among the
    :data:`MAX_TYPO_TARGETS` most used keys (a suggestion must be used at least twice) of
    similar length, so the cost grows with the keys, not with their square."""
    near: dict[str, set[str]] = {}

    def pair(a: str, b: str) -> None:
        near.setdefault(a, set()).add(b)
        near.setdefault(b, set()).add(a)

    if plural:
        by_singular: dict[str, str] = {}
        for k in counts:
            other = by_singular.setdefault(_singular(k), k)
            if other != k:
                pair(other, k)
    comparable = [k for k in counts if MIN_TYPO_LENGTH <= len(k) <= MAX_TYPO_LENGTH]
    used = sorted((k for k in comparable if counts[k] >= 2), key=lambda k: (-counts[k], k))
    targets: dict[int, list[str]] = {}
    for k in used[:MAX_TYPO_TARGETS]:
        targets.setdefault(len(k), []).append(k)
    nearby_by_length: dict[int, list[str]] = {}  # a handful of lengths: made once each
    for k in comparable:
        nearby = nearby_by_length.get(len(k))
        if nearby is None:
            nearby = nearby_by_length[len(k)] = [
                t for n in range(len(k) - 2, len(k) + 3) for t in targets.get(n, ())]
        for other, distance, _ in process.extract(k, nearby, scorer=OSA.distance,
                                                  score_cutoff=2, limit=None):
            shorter = min(len(k), len(other))
            if other != k and distance <= (1 if shorter < TWO_EDITS_LENGTH else 2):
                pair(k, other)
    return near


def _singular(k: str) -> str:
    """Each word of a key without a plural ``s`` (``prompt-templates`` -> ``prompt-template``)."""
    return "-".join(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) else w
        for w in k.split("-")
    )


def _display(spellings: Counter[str]) -> str:
    return min(spellings, key=lambda s: (-spellings[s], s != s.lower(), s))


def _entries(n: int) -> str:
    return f"{n} entry" if n == 1 else f"{n} entries"


def _journal_path(entry: Entry, rel: str) -> str:
    """``rel`` (inside the journals folder) as a path from the project root, like ``path``."""
    return entry.path[: len(entry.path) - len(entry.rel)] + rel


def _link_hint(folder: str, target: str, rels: list[str]) -> str:
    guess = process.extractOne(target, rels, scorer=fuzz.ratio, score_cutoff=80)
    if guess is None:
        return "check the file name; links are relative to this entry's folder"
    return f"did you mean {posixpath.relpath(guess[0], folder or '.')!r}?"
