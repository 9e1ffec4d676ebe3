"""Curated playbooks: hand-written advice for one problem type, from ``playbooks/*.md``.

They share the entry parser's front-matter reader, the reader of untrusted files and problem
reporting, so a broken curated playbook is reported exactly like a broken entry and never stops
the build. One problem type has at most one curated playbook: :func:`one_per_problem_type` says
which file is used when two name the same problem type in different spellings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from peerlog.base.problems import Problem
from peerlog.base.text import clean, key, slug
from peerlog.read.entries import fence_if_costly, parse_date, person_name
from peerlog.read.frontmatter import Field, FrontMatterError, parse_front, split
from peerlog.read.journals import walk_markdown
from peerlog.read.schema import MAX_FILE_BYTES, MAX_TITLE
from peerlog.read.untrusted import as_problem, read_text

_KNOWN = ("title", "problem", "tags", "approaches", "owner", "reviewed")


@dataclass(frozen=True)
class CuratedApproach:
    """An approach named in a playbook; its label and aliases override automatic grouping."""

    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CuratedPlaybook:
    """A curated playbook: its problem type, optional tags and named approaches, and its text."""

    path: str
    problem: str
    title: str = ""
    tags: tuple[str, ...] = ()
    approaches: tuple[CuratedApproach, ...] = ()
    body: str = ""
    owner: str | None = None
    """Who keeps the playbook true: the person to ask, and to remind when it is due for review."""
    reviewed: date | None = None
    """When the owner last checked the advice against the evidence."""
    reviewed_line: int = 1
    """Where ``reviewed:`` is written (the first line when it is not)."""


def load_curated(root: Path, folder: str) -> tuple[list[CuratedPlaybook], list[Problem]]:
    """Parse every ``*.md`` directly or nested under ``root/folder`` (missing folder: none)."""
    base = root / folder
    found: list[CuratedPlaybook] = []
    problems: list[Problem] = []
    if not base.is_dir():
        return found, problems
    for item in walk_markdown(root, base, report_others=False):
        shown = f"{folder}/{item.rel}".replace("//", "/")
        if item.problem:
            problems.append(Problem(shown, 0, 0, *item.problem))
            continue
        playbook, found_problems = parse_curated(item.path, shown, root)
        problems.extend(found_problems)
        if playbook is not None:
            found.append(playbook)
    return found, problems


def parse_curated(
    path: Path, shown: str, root: Path | None = None
) -> tuple[CuratedPlaybook | None, list[Problem]]:
    """One curated playbook file, read without leaving ``root`` (by default its own folder);
    ``None`` with an error when it names no problem type."""
    problems: list[Problem] = []

    def add(at: Field | int, message: str, hint: str, severity: str = "error") -> None:
        line, col = (at, 0) if isinstance(at, int) else (at.line, at.col)
        problems.append(Problem(shown, line, col, "error" if severity == "error" else "warning",
                                message, hint))

    try:
        parts = split(read_text(root or path.parent, path.absolute(), MAX_FILE_BYTES))
        front = parse_front(parts.front) if parts.front is not None else None
    except FrontMatterError as exc:
        problems.append(as_problem(exc, shown))
        return None, problems
    fields = front.fields if front else {}
    for note in front.notes if front else ():
        problems.append(Problem(shown, note.line, note.col, "warning", note.message, note.hint))
    problem_field = fields.get("problem")
    problem = clean(problem_field.value) if problem_field and isinstance(
        problem_field.value, str) else ""
    if not problem:
        add(problem_field or 1, "a curated playbook must name its problem type",
            "add a line like 'problem: data-extraction' to the front matter")
        return None, problems
    for name, f in fields.items():
        if name not in _KNOWN:
            add(f, f"unknown field {name!r} is ignored", f"use {', '.join(_KNOWN)}", "warning")
    title = fields.get("title")
    tags = fields.get("tags")
    reviewed, wrong, fix = parse_date(fields["reviewed"].value) if "reviewed" in fields else (
        None, "", "")
    if wrong:
        add(fields["reviewed"], f"reviewed {wrong}", f"{fix}: the day you last checked the advice",
            "warning")
    owner_field = fields.get("owner")
    owner = person_name(clean(owner_field.value)) if owner_field and isinstance(
        owner_field.value, str) else None
    if owner_field and owner is None:
        add(owner_field, "owner must be one person's handle or name",
            "write e.g. 'owner: priya'", "warning")
    fenced = fence_if_costly(parts.body)
    if fenced is not None:
        add(parts.body_line, "the text is too deeply nested or too costly to render as Markdown, "
            "so it is shown as plain text", "nest lists and quotes less; fence code with ```",
            "warning")
    return CuratedPlaybook(
        path=shown,
        problem=problem,
        title=clean(title.value)[:MAX_TITLE] if title and isinstance(title.value, str) else "",
        tags=_strings(tags),
        approaches=_approaches(fields.get("approaches"), add),
        body=fenced or parts.body,
        owner=owner,
        reviewed=reviewed,
        reviewed_line=fields["reviewed"].line if "reviewed" in fields else 1,
    ), problems


def one_per_problem_type(
    curated: Sequence[CuratedPlaybook], problem_types: Sequence[str]
) -> tuple[list[CuratedPlaybook], list[Problem]]:
    """The curated playbooks to use, at most one per problem type, and an error for each other.

    Playbooks are matched to the entries' problem types by :func:`peerlog.base.text.key`, and their
    pages are named by :func:`peerlog.base.text.slug`, so two spellings that slug alike
    (``Data extraction`` and ``data-extraction!``) would claim one page and one would vanish.
    Instead, among playbooks whose problem types slug alike, the one naming an entries' problem
    type exactly (else the first by path) is used, and each other one is reported with both file
    names; a playbook whose spelling only slugs like an entries' problem type is reported with the
    spelling to use."""
    spelled = {key(name): name for name in problem_types}
    by_slug: dict[str, str] = {}
    for name in problem_types:
        by_slug.setdefault(slug(name), name)
    claims: dict[str, list[CuratedPlaybook]] = {}
    for c in sorted(curated, key=lambda c: (key(c.problem) not in spelled, c.path)):
        claims.setdefault(slug(c.problem), []).append(c)
    kept: list[CuratedPlaybook] = []
    problems: list[Problem] = []
    for page, (first, *others) in claims.items():
        entries_name = by_slug.get(page)
        if key(first.problem) not in spelled and entries_name is not None:
            problems.extend(Problem(
                c.path, 0, 0, "error",
                f"problem type {c.problem!r} is not one the journal entries use, but it would "
                f"take the playbook page of their {entries_name!r}, so this playbook is not used",
                f"write 'problem: {entries_name}' to curate that problem type")
                for c in (first, *others))
            continue
        kept.append(first)
        problems.extend(Problem(
            other.path, 0, 0, "error",
            f"{first.path} already curates problem type {first.problem!r}, and {other.problem!r} "
            "names the same playbook page (the names differ only in case, spaces or punctuation), "
            "so this playbook is not used",
            f"one problem type, one curated playbook: merge this file into {first.path} and "
            "delete it") for other in others)
    return kept, problems


def _strings(f: Field | None) -> tuple[str, ...]:
    if f is None or f.value is None:
        return ()
    values = f.value.split(",") if isinstance(f.value, str) else f.value
    if not isinstance(values, list):
        return ()
    return tuple(dict.fromkeys(clean(v) for v in values if isinstance(v, str) and clean(v)))


def _approaches(f: Field | None, add: object) -> tuple[CuratedApproach, ...]:
    if f is None or not isinstance(f.value, list):
        return ()
    out: list[CuratedApproach] = []
    for item in f.items:
        value = item.value
        if isinstance(value, str) and clean(value):
            out.append(CuratedApproach(clean(value)))
        elif isinstance(value, dict) and isinstance(value.get("label"), str):
            aliases = value.get("aliases")
            alias_list = aliases if isinstance(aliases, list) else (
                [aliases] if isinstance(aliases, str) else [])
            out.append(CuratedApproach(
                clean(str(value["label"])),
                tuple(clean(a) for a in alias_list if isinstance(a, str) and clean(a)),
            ))
        elif callable(add):
            add(item, "an approach needs a 'label:' (and optional 'aliases:')",
                "write '- label: ...' with '  aliases: [...]'", "warning")
    return tuple(out)
