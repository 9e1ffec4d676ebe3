"""One journal file in, one :class:`Entry` (or nothing) and its problems out.

Rough notes are the point, so everything but ``title`` is optional and lenient: a comma-separated
string works where a list is expected, results and outcomes accept synonyms, unknown fields get a
"did you mean" warning instead of failing. A file is only left out (an ``error``) when there is no
usable title or the file itself cannot be read as Markdown with front matter.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from . import schema
from .attempts import Attempt, normalise_result, parse_shorthand
from .frontmatter import Field, FrontMatterError, decode, parse_mapping, split
from .problems import Problem, Severity
from .text import clean, key

_HANDLE = re.compile(r"^[\w.\-]+$", re.UNICODE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+?\.md)(?:#[^)\s>]*)?>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Entry:
    """A usable journal entry. ``path`` is relative to the project root, ``rel`` to the journals
    folder; ``date`` and ``authors`` may be filled from git later (``date_from_git``)."""

    path: str
    rel: str
    title: str
    date: date | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    problem: str | None = None
    tools: tuple[str, ...] = ()
    pair: tuple[str, ...] = ()
    learned_from: tuple[str, ...] = ()
    outcome: str | None = None
    attempts: tuple[Attempt, ...] = ()
    draft: bool = False
    body: str = ""
    body_line: int = 1
    links: tuple[str, ...] = ()
    updated: datetime | None = None
    date_from_git: bool = False
    author_from_git: bool = False


@dataclass
class _Report:
    path: str
    problems: list[Problem] = field(default_factory=list)

    def add(
        self, severity: Severity, at: Field | int, message: str, hint: str = "", col: int = 0
    ) -> None:
        line, col = (at, col) if isinstance(at, int) else (at.line, at.col)
        self.problems.append(Problem(self.path, line, col, severity, message, hint))


def parse_entry(source: Path, path: str, rel: str) -> tuple[Entry | None, list[Problem]]:
    """Parse the file at ``source``; ``path``/``rel`` are how it is named in messages and URLs."""
    report = _Report(path)
    try:
        size = source.stat().st_size
        if size > schema.MAX_FILE_BYTES:
            report.add(
                "error",
                1,
                f"the file is {size:,} bytes, more than the {schema.MAX_FILE_BYTES:,} allowed",
                "split it into several entries or move large attachments elsewhere",
            )
            return None, report.problems
        text = decode(source.read_bytes())
        parts = split(text)
        if parts.front is None:
            report.add(
                "error",
                1,
                "the entry has no front matter",
                "start the file with a '---' line, 'title: ...', and another '---' line",
            )
            return None, report.problems
        fields = parse_mapping(parts.front)
    except FrontMatterError as exc:
        report.add("error", exc.line, exc.message, exc.hint, exc.col)
        return None, report.problems
    except OSError as exc:
        report.add("error", 1, f"the file cannot be read: {exc.strerror}", "check its permissions")
        return None, report.problems
    entry = _build(fields, parts.body, parts.body_line, path, rel, report)
    return entry, sorted(report.problems)


def _build(
    fields: dict[str, Field], body: str, body_line: int, path: str, rel: str, report: _Report
) -> Entry | None:
    for name, f in fields.items():
        if name not in schema.FIELDS:
            guess = difflib.get_close_matches(name.lower(), list(schema.FIELDS), n=1, cutoff=0.6)
            report.add(
                "warning",
                f.line,
                f"unknown field {name!r} is ignored",
                f"did you mean {guess[0]!r}?" if guess else "see the format reference",
            )
    title_field = fields.get("title")
    title = _text(title_field, report) if title_field else ""
    if not title:
        report.add(
            "error",
            title_field or 2,
            "the entry has no title" if not title_field else "the title is empty",
            "add a line like 'title: Getting tables out of scanned invoices'",
        )
        return None
    if len(title) > schema.MAX_TITLE:
        report.add(
            "warning",
            title_field or 2,
            f"the title is {len(title):,} characters long",
            f"keep it under {schema.MAX_TITLE}; put the details in the notes",
        )
        title = title[: schema.MAX_TITLE - 1].rstrip() + "…"
    get = _Getter(fields, report)
    authors = get.list("author", _handle) + get.list("authors", _handle)
    attempts = get.attempts() + tuple(parse_shorthand(body, body_line))
    return Entry(
        path=path,
        rel=rel,
        title=title,
        date=get.date(),
        authors=tuple(dict.fromkeys(authors)),
        tags=get.list("tags", _name),
        problem=get.single("problem"),
        tools=get.list("tools", _name),
        pair=get.list("pair", _handle),
        learned_from=get.list("learned_from", _handle),
        outcome=get.choice("outcome", schema.OUTCOMES),
        attempts=attempts,
        draft=get.flag("draft"),
        body=body,
        body_line=body_line,
        links=_links(body),
    )


def _text(f: Field, report: _Report) -> str:
    if isinstance(f.value, (list, dict)):
        report.add("error", f, "expected text here, found a list", "write it on one line")
        return ""
    return clean(f.value or "")


def _handle(value: str) -> str | None:
    return value if _HANDLE.match(value) and len(value) <= schema.MAX_NAME else None


def _name(value: str) -> str | None:
    return value if len(value) <= schema.MAX_NAME and key(value) else None


class _Getter:
    """Reads each field leniently, reporting what it had to drop."""

    def __init__(self, fields: dict[str, Field], report: _Report) -> None:
        self.fields, self.report = fields, report

    def _scalars(self, name: str) -> list[tuple[str, Field]]:
        f = self.fields.get(name)
        if f is None or f.value is None:
            return []
        if isinstance(f.value, str):
            return [(part, f) for part in f.value.split(",")]
        if isinstance(f.value, list):
            out = []
            for item in f.items:
                if isinstance(item.value, str):
                    out.append((item.value, item))
                elif item.value is not None:
                    self.report.add("warning", item, f"{name}: a nested value is ignored",
                                    "write one plain value per item")
            return out
        self.report.add("warning", f, f"{name} should be a list, found a mapping",
                        f"write e.g. '{name}: [a, b]'")
        return []

    def list(self, name: str, accept: Callable[[str], str | None]) -> tuple[str, ...]:
        values: list[str] = []
        for raw, at in self._scalars(name):
            value = clean(raw)
            if not value:
                continue
            ok = accept(value)
            if ok is None:
                self.report.add(
                    "warning", at, f"{name}: {value[:40]!r} is not a usable value and is ignored",
                    "use a short handle like 'alice'" if accept is _handle
                    else f"keep each value under {schema.MAX_NAME} characters",
                )
            else:
                values.append(ok)
        if len(values) > schema.MAX_ITEMS:
            self.report.add("warning", self.fields[name], f"{name}: {len(values):,} values, "
                            f"only the first {schema.MAX_ITEMS} are used", "keep the list short")
            values = values[: schema.MAX_ITEMS]
        return tuple(dict.fromkeys(values))

    def single(self, name: str) -> str | None:
        values = self.list(name, _name)
        if len(values) > 1:
            self.report.add("warning", self.fields[name], f"{name}: only one value is allowed, "
                            f"using {values[0]!r}", "pick the one that fits best")
        return values[0] if values else None

    def date(self) -> date | None:
        f = self.fields.get("date")
        if f is None or f.value is None:
            return None
        text = clean(f.value) if isinstance(f.value, str) else ""
        if _DATE.match(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                self.report.add("warning", f, f"date {text!r} is not a real date",
                                "check the day and month; the git date is used instead")
                return None
        self.report.add("warning", f, "date must look like 2026-03-02 (YYYY-MM-DD)",
                        "fix the format; the git date is used instead")
        return None

    def choice(self, name: str, allowed: tuple[str, ...]) -> str | None:
        f = self.fields.get(name)
        value = self.single(name)
        if value is None or f is None:
            return None
        k = key(value)
        if k in allowed:
            return k
        self.report.add("warning", f, f"{name} {value[:40]!r} is not one of {', '.join(allowed)}",
                        "use one of those words")
        return None

    def flag(self, name: str) -> bool:
        f = self.fields.get(name)
        if f is None or f.value is None:
            return False
        text = f.value.strip().lower() if isinstance(f.value, str) else "?"
        if text in schema.TRUE_WORDS:
            return True
        if text not in schema.FALSE_WORDS:
            self.report.add("warning", f, f"{name} must be true or false", "write 'draft: true'")
        return False

    def attempts(self) -> tuple[Attempt, ...]:
        f = self.fields.get("attempts")
        if f is None or f.value is None:
            return ()
        if not isinstance(f.value, list):
            self.report.add("warning", f, "attempts must be a list",
                            "write each attempt as '- tried: ...' with 'result: ...'")
            return ()
        out: list[Attempt] = []
        for item in f.items[: schema.MAX_ATTEMPTS]:
            attempt = self._attempt(item)
            if attempt is not None:
                out.append(attempt)
        if len(f.items) > schema.MAX_ATTEMPTS:
            self.report.add("warning", f, f"only the first {schema.MAX_ATTEMPTS} attempts are used",
                            "keep the list short")
        return tuple(out)

    def _attempt(self, item: Field) -> Attempt | None:
        if isinstance(item.value, str):
            parsed = parse_shorthand("- tried " + item.value, item.line)
            if parsed:
                return parsed[0]
            return Attempt(tried=clean(item.value), result=None, line=item.line)
        if not isinstance(item.value, dict):
            self.report.add("warning", item, "an attempt must have 'tried:' and 'result:'",
                            "write '- tried: ...' then '  result: worked'")
            return None
        values = {k: v for k, v in item.value.items()}
        tried = values.get("tried")
        if not isinstance(tried, str) or not clean(tried):
            self.report.add("warning", item, "an attempt has no 'tried:' text and is ignored",
                            "say what you tried, e.g. 'tried: asked for JSON'")
            return None
        raw_result = values.get("result")
        result = normalise_result(raw_result) if isinstance(raw_result, str) else None
        if raw_result is not None and result is None:
            self.report.add("warning", item, f"attempt result {str(raw_result)[:30]!r} is not "
                            "worked, failed or partial", "use one of those words")
        note = values.get("note")
        return Attempt(
            tried=clean(tried)[: schema.MAX_TITLE],
            result=result,
            note=clean(note) if isinstance(note, str) else "",
            line=item.line,
        )


def _links(body: str) -> tuple[str, ...]:
    """Relative links to other Markdown files, for "built on" edges and dead-link checks."""
    found: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence and ".md" in line:
            found.extend(m.group(1) for m in _MD_LINK.finditer(line) if "://" not in m.group(1))
    return tuple(dict.fromkeys(found))
