"""Curated playbooks: hand-written advice for one problem type, from ``playbooks/*.md``.

They share the entry parser's front-matter reader and problem reporting, so a broken curated
playbook is reported exactly like a broken entry and never stops the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .entries import fence_if_costly
from .frontmatter import Field, FrontMatterError, decode, parse_front, split
from .grouping import CuratedApproach
from .journals import walk_markdown
from .problems import Problem
from .schema import MAX_FILE_BYTES, MAX_TITLE
from .text import clean

_KNOWN = ("title", "problem", "tags", "approaches")


@dataclass(frozen=True)
class CuratedPlaybook:
    """A curated playbook: its problem type, optional tags and named approaches, and its text."""

    path: str
    problem: str
    title: str = ""
    tags: tuple[str, ...] = ()
    approaches: tuple[CuratedApproach, ...] = ()
    body: str = ""


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
        playbook, found_problems = parse_curated(item.path, shown)
        problems.extend(found_problems)
        if playbook is not None:
            found.append(playbook)
    return found, problems


def parse_curated(path: Path, shown: str) -> tuple[CuratedPlaybook | None, list[Problem]]:
    """One curated playbook file; ``None`` with an error when it names no problem type."""
    problems: list[Problem] = []

    def add(at: Field | int, message: str, hint: str, severity: str = "error") -> None:
        line, col = (at, 0) if isinstance(at, int) else (at.line, at.col)
        problems.append(Problem(shown, line, col, "error" if severity == "error" else "warning",
                                message, hint))

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            add(1, "the playbook is larger than 1 MB", "shorten it")
            return None, problems
        parts = split(decode(path.read_bytes()))
        front = parse_front(parts.front) if parts.front is not None else None
    except FrontMatterError as exc:
        problems.append(Problem(shown, exc.line, exc.col, "error", exc.message, exc.hint))
        return None, problems
    except OSError as exc:
        add(1, f"the file cannot be read: {exc.strerror}", "check that it exists and is readable")
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
    ), problems


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
