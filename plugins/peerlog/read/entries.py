"""One journal file in, one :class:`Entry` (or nothing) and its problems out.

Rough notes are the point, so everything but ``title`` is optional and lenient: a comma-separated
string works where a list is expected, results and outcomes accept synonyms, a misspelt field gets
a "did you mean" warning instead of failing, and other tools' fields are ignored. A file is only
left out (an ``error``) when there is no usable title or the file itself cannot be read as
Markdown with front matter. Notes that would
take Python-Markdown minutes to render (or recurse too deeply) are kept, fenced as plain text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from peerlog.base.problems import Problem, Severity
from peerlog.base.text import clean, key
from peerlog.read import schema
from peerlog.read.attempts import (
    Attempt,
    UnknownResult,
    normalise_result,
    parse_shorthand,
    read_shorthand,
)
from peerlog.read.frontmatter import (
    Field,
    FrontMatter,
    FrontMatterError,
    parse_front,
    split,
)
from peerlog.read.frontmatter import Source as Parts
from peerlog.read.untrusted import read_text

# A person is named by a handle (``jdoe``) or a full name (``Jane Doe``, ``Seán O'Brien``):
# letters, digits, spaces, dots, dashes, underscores and apostrophes, with at least one letter
# ("." and ".." are not people, and names become URLs through ``text.slug``). Anything else
# (an address, a link, markup) cannot be a name; a single character class, so it is linear.
_PERSON = re.compile(r"[\w .'\u2019\-]+", re.UNICODE)
_WEB_ADDRESS = re.compile(r"://|^www\.", re.IGNORECASE)
# A date, optionally with the time and zone that Jekyll, Hugo and Obsidian notes carry
# ("2013-05-06 02:12:52 +0200", "2026-03-02T10:00Z"): the entry's date is the one written.
_DATE = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?[ ]?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
# A link's target ends at ")", white space or ">"; the cursors in :func:`_md_links` look for them.
_TARGET_END = re.compile(r"[)\s>]")
_NOT_SPACE = re.compile(r"\S")
_FENCE = re.compile(r"^\s*(```|~~~)")
#: Unknown fields, and attempts with an unknown result word, named one by one; past this, one
#: line says how many more there are.
MAX_UNKNOWN_REPORTED = 10
#: How alike (difflib's ratio) an unknown field must be to a known one to be called a typo:
#: ``titel`` (0.8) and ``tag`` (0.86) are, ``redirect_from`` (0.64 to ``learned_from``) is not.
TYPO_SIMILARITY = 0.75
_ATTEMPTS_CAPPED = f"only the first {schema.MAX_ATTEMPTS} attempts are used"
_ATTEMPTS_CAPPED_HINT = ("keep the attempts that taught you something, or split a long session "
                         "into several entries")
#: Python-Markdown rescans the rest of the notes after every "<" (raw HTML, autolinks) and the
#: rest of the paragraph after every "[" or "`" (links, code spans), so unclosed ones cost
#: quadratic time (2,000 "[" before 1 MB of text: minutes), and it recurses once per level of
#: nesting. Past these bounds notes are shown as plain text. Real notes stay far below them.
MAX_MARKDOWN_WORK = 5_000_000
MAX_NESTING = 20
MAX_HEADINGS = 1_000
# A fence Python-Markdown's superfences surely accepts: a plain language name at most. The
# blank runs are possessive: around an empty name they could otherwise split a long run of
# blanks every possible way before failing (quadratic).
_FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*+[\w#.+-]*+[ \t]*+")
_NESTED = re.compile(r"[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_TILDES = re.compile(r"~{3,}")
# A leading level-1 heading as Python-Markdown reads it: "# Title" (or "#Title"), optionally
# closed by "#"s; setext "Title" over "===".
# Only the first few lines are looked at, however many blank lines precede the heading.
MAX_HEADING_SCAN = 50
_ATX_TITLE = re.compile(r" {0,3}#(?!#)(.*)")
_SETEXT_RULE = re.compile(r" {0,3}=+[ \t]*")
_INDENTED = re.compile(r" {4}|\t")


Position = tuple[int, int]
"""A file line and column, both 1-based; ``(0, 0)`` where nothing is known."""
_SOURCE_KINDS_WORDS = ", ".join(k for k in schema.SOURCE_KINDS if k != "self")
#: The fields whose values checks across entries point at, one by one.
_LOCATED = ("title", "date", "author", "authors", "tags", "problem", "pair", "learned_from")


@dataclass(frozen=True, eq=False)
class Positions:
    """Where the located fields, and each of their comma-separated values, were written, kept
    from the one parse of the file so that a check across entries can point at a line without
    reading the file again. Values are found by :func:`~peerlog.base.text.key`."""

    fields: dict[str, Position] = field(default_factory=dict)
    values: dict[tuple[str, str], Position] = field(default_factory=dict)

    @classmethod
    def of(cls, fields: dict[str, Field]) -> Positions:
        at = cls()
        for name in _LOCATED:
            f = fields.get(name)
            if f is None:
                continue
            at.fields[name] = (f.line, f.col)
            for item in [f] if isinstance(f.value, dict) else f.items or [f]:
                if isinstance(item.value, str):
                    for part in item.value.split(","):
                        at.values.setdefault((name, key(part)), (item.line, item.col))
                elif isinstance(item.value, dict):
                    # A source written as a mapping (``- course: Prompting 101``) is found by
                    # its label, as :attr:`Source.label` writes it.
                    for (kind, title), written in zip(item.value.items(), item.items,
                                                      strict=False):
                        label = f"{kind}: {title}" if isinstance(title, str) else str(kind)
                        at.values.setdefault((name, key(label)), (written.line, written.col))
        return at

    def find(self, names: Sequence[str], value: str = "") -> Position:
        """The first of ``names`` holding ``value`` (by key), else the first of them written."""
        wanted = key(value) if value else ""
        for name in names if wanted else ():
            if (name, wanted) in self.values:
                return self.values[name, wanted]
        return next((self.fields[n] for n in names if n in self.fields), (0, 0))


@dataclass(frozen=True)
class Source:
    """Something other than a person that taught an entry's author: a ``kind`` of
    :data:`~peerlog.read.schema.SOURCE_KINDS` (``docs``, never its alias ``documentation``) and
    a ``title``, which may be empty (``self``)."""

    kind: str
    title: str = ""

    @property
    def label(self) -> str:
        """How it is written back and shown: ``course: Prompting 101``, or just ``self``."""
        return f"{self.kind}: {self.title}" if self.title else self.kind


@dataclass(frozen=True)
class Entry:
    """A usable journal entry. ``path`` is relative to the project root, ``rel`` to the journals
    folder; ``date`` and ``authors`` may be filled from git later (``date_from_git``).

    ``body`` is the notes as Markdown to render, and line ``i`` of it is file line
    ``body_line + i``. Notes too costly to render (see :func:`fence_if_costly`) are fenced as
    plain text, and ``body_line`` then counts the added fence line.
    """

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
    """The people who taught the author (the sources of ``learned_from`` are ``sources``)."""
    sources: tuple[Source, ...] = ()
    outcome: str | None = None
    attempts: tuple[Attempt, ...] = ()
    draft: bool = False
    body: str = ""
    body_line: int = 1
    links: tuple[str, ...] = ()
    updated: datetime | None = None
    date_from_git: bool = False
    author_from_git: bool = False
    at: Positions = field(default_factory=Positions, compare=False, repr=False)


@dataclass
class Report:
    """The problems found in one file, gathered as its fields are read (entries and
    confirmations share it, and :class:`FieldReader`)."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def add(
        self, severity: Severity, at: Field | int, message: str, hint: str = "", col: int = 0
    ) -> None:
        line, col = (at, col) if isinstance(at, int) else (at.line, at.col)
        self.problems.append(Problem(self.path, line, col, severity, message, hint))


def parse_entry(
    source: Path, path: str, rel: str, root: Path | None = None
) -> tuple[Entry | None, list[Problem]]:
    """Parse the file at ``source``; ``path``/``rel`` are how it is named in messages and URLs.

    It is read through :func:`peerlog.read.untrusted.read_text`, never leaving ``root`` (by default
    the file's own folder), with the size cap of :data:`peerlog.read.schema.MAX_FILE_BYTES`."""
    text = read_source(source, path, root)
    return (None, text) if isinstance(text, list) else parse_text(text, path, rel)


def read_source(source: Path, path: str, root: Path | None = None) -> str | list[Problem]:
    """The decoded text of a journal file, or why it cannot be read (see :func:`parse_entry`)."""
    try:
        return read_text(root or source.parent, source.absolute(), schema.MAX_FILE_BYTES)
    except FrontMatterError as exc:
        return [Problem(path, exc.line, exc.col, "error", exc.message, exc.hint)]
    except OSError as exc:
        return [Problem(path, 1, 0, "error", f"the file cannot be read: {exc.strerror}",
                        "check its permissions")]


def parse_text(text: str, path: str, rel: str) -> tuple[Entry | None, list[Problem]]:
    """Parse an entry's decoded text (``peerlog new`` checks what it is about to write)."""
    parsed = parse_front_text(text, path)
    return (None, parsed) if isinstance(parsed, list) else build_entry(*parsed, path, rel)


def parse_front_text(text: str, path: str) -> tuple[Parts, FrontMatter] | list[Problem]:
    """A journal file's parts and its front matter, or the problems that stop it there. The one
    parse every journal file gets: the walker then tells entries from confirmations by it."""
    report = Report(path)
    try:
        parts = split(text)
        if parts.front is None:
            _no_front_matter(text, report)
            return report.problems
        return parts, parse_front(parts.front)
    except FrontMatterError as exc:
        report.add("error", exc.line, exc.message, exc.hint, exc.col)
        return report.problems


def build_entry(
    parts: Parts, front: FrontMatter, path: str, rel: str
) -> tuple[Entry | None, list[Problem]]:
    """The entry a parsed journal file describes, and its problems in file order."""
    report = Report(path)
    entry = _build(front, parts.body, parts.body_line, path, rel, report)
    return entry, sorted(report.problems)


def _no_front_matter(text: str, report: Report) -> None:
    stripped = text.lstrip()
    if stripped.split("\n", 1)[0].rstrip() == "---":
        report.add("error", text[: len(text) - len(stripped)].count("\n") + 1,
                   "the front matter must start on the very first line",
                   "delete the blank lines or spaces before the first '---'")
        return
    report.add("error", 1, "the entry has no front matter",
               "start the file with a '---' line, 'title: ...', and another '---' line")


def _build(
    front: FrontMatter, body: str, body_line: int, path: str, rel: str, report: Report
) -> Entry | None:
    fields = front.fields
    for note in front.notes:
        report.add("warning", note.line, note.message, note.hint, note.col)
    misspelt = [(name, f, guess) for name, f in fields.items() if name not in schema.FIELDS
                and (guess := _field_meant(name))]
    for name, f, guess in misspelt[:MAX_UNKNOWN_REPORTED]:
        report.add("warning", f.line, f"unknown field {name[:40]!r} is ignored",
                   f"did you mean {guess!r}?")
    if len(misspelt) > MAX_UNKNOWN_REPORTED:
        rest = misspelt[MAX_UNKNOWN_REPORTED:]
        report.add("warning", rest[0][1].line, f"{len(rest):,} more unknown fields are ignored",
                   "keep front matter to the fields in the format reference")
    title_field = fields.get("title")
    raw_title = title_field.value if title_field else None
    if isinstance(raw_title, (list, dict)):
        kind = "a list" if isinstance(raw_title, list) else "a mapping"
        report.add("error", title_field or 2, f"the title must be text, found {kind}",
                   "write the title on one line after 'title:'")
        return None
    heading = leading_heading(body)
    title = clean(raw_title if isinstance(raw_title, str) else "") or (
        heading[0] if heading else "")
    if not title:
        report.add(
            "error",
            title_field or 2,
            "the entry has no title" if not title_field else "the title is empty",
            "add a line like 'title: Getting tables out of scanned invoices'",
        )
        return None
    if heading and key(heading[0]) == key(title):
        # The page prints the title as its heading already; keep the file's line numbers.
        body = body.split("\n", heading[1])[heading[1]] if body.count("\n") >= heading[1] else ""
        body_line += heading[1]
    if len(title) > schema.MAX_TITLE:
        report.add(
            "warning",
            title_field or 2,
            f"the title is {len(title):,} characters long",
            f"keep it under {schema.MAX_TITLE}; put the details in the notes",
        )
        title = title[: schema.MAX_TITLE - 1].rstrip() + "…"
    get = FieldReader(fields, report)
    authors = get.list("author", person_name) + get.list("authors", person_name)
    teachers, sources = get.teachers()
    attempts = _with_inline_attempts(get.attempts(), body, body_line, report)
    links = _links(body)
    fenced = fence_if_costly(body)
    if fenced is not None:
        report.add("warning", body_line, "the notes are too deeply nested or too costly to render "
                   "as Markdown, so they are shown as plain text",
                   "put code and pasted HTML between ``` fences; nest lists and quotes less")
        body, body_line = fenced, body_line - 1
    return Entry(
        path=path,
        rel=rel,
        title=title,
        date=get.date(),
        authors=tuple(dict.fromkeys(authors)),
        tags=get.list("tags", _name),
        problem=get.single("problem"),
        tools=get.list("tools", _name),
        pair=get.list("pair", person_name),
        learned_from=teachers,
        sources=sources,
        outcome=get.choice("outcome", schema.OUTCOMES),
        attempts=attempts,
        draft=get.flag("draft"),
        body=body,
        body_line=body_line,
        links=links,
        at=Positions.of(fields),
    )


def parse_date(value: object) -> tuple[date | None, str, str]:
    """A written date (a time and zone may follow; they are ignored), or what is wrong with it
    and how to fix it, for a message "<field> <what is wrong>"."""
    written = _DATE.fullmatch(clean(value) if isinstance(value, str) else "")
    if not written:
        return None, "must look like 2026-03-02 (YYYY-MM-DD)", "fix the format"
    try:
        return date.fromisoformat(written.group(1)), "", ""
    except ValueError:
        return None, f"{written.group(1)!r} is not a real date", "check the day and month"


def leading_heading(body: str) -> tuple[str, int] | None:
    """The text of a level-1 heading (ATX ``# Title`` or setext ``Title`` over ``===``) that
    opens the notes, and how many lines it takes with the blank lines before it."""
    lines = body.split("\n", MAX_HEADING_SCAN)[:MAX_HEADING_SCAN]
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    atx = _ATX_TITLE.fullmatch(lines[first])
    if atx:
        text = atx.group(1).rstrip(" \t")
        unclosed = text.rstrip("#")
        if unclosed != text and (not unclosed or unclosed[-1] in " \t"):
            text = unclosed
        return (clean(text), first + 1) if clean(text) else None
    below = lines[first + 1] if first + 1 < len(lines) else ""
    if _SETEXT_RULE.fullmatch(below) and not _INDENTED.match(lines[first]):
        return clean(lines[first]), first + 2
    return None


def person_name(value: str) -> str | None:
    """``value`` if it can name a person (see ``_PERSON``), else ``None``. The web form
    (``assets/write.js``) applies the same rule as you type."""
    if len(value) > schema.MAX_NAME or not _PERSON.fullmatch(value) or _WEB_ADDRESS.search(value):
        return None
    return value if any(ch.isalpha() for ch in value) else None


def names_a_source(text: str) -> bool:
    """Whether a ``learned_from`` value is meant as a source, not a person: ``self`` (or
    ``self-taught``, ``myself``), or ``kind: title`` (no name has a colon)."""
    return ":" in text or key(text) in schema.SELF_WORDS


def _person_refused(name: str, value: str) -> tuple[str, str]:
    """Message and hint for a value of a people field that cannot name a person. E-mail
    addresses are not repeated in the message: they are never published, not even in a log."""
    if "@" in value:
        return (f"{name}: an e-mail address is not a usable value and is ignored",
                "use a name or handle, not an e-mail address; addresses are never published")
    if _WEB_ADDRESS.search(value):
        return (f"{name}: a web address is not a usable value and is ignored",
                "use a name or handle, like 'Alice Martin' or 'alice'")
    return (f"{name}: {value[:40]!r} is not a usable value and is ignored",
            f"use a name or handle, like 'Alice Martin' or 'alice': letters, digits, spaces, "
            f"'.', '-', '_' or apostrophes, at most {schema.MAX_NAME} characters")


def _name(value: str) -> str | None:
    return value if len(value) <= schema.MAX_NAME and key(value) else None


def _field_meant(name: str) -> str | None:
    """The field an unknown one is a typo of (``tag`` -> ``tags``), if it is close enough.

    Fields that are no typo are other tools' (Jekyll's ``layout`` and ``categories``,
    Obsidian's ``aliases``): real notes carry them, so they are ignored without a warning.
    Names longer than any field cannot be a typo of one and are not compared.
    """
    if len(name) > 2 * max(map(len, schema.FIELDS)):
        return None
    guess = difflib.get_close_matches(name.lower(), list(schema.FIELDS), n=1,
                                      cutoff=TYPO_SIMILARITY)
    return guess[0] if guess else None


class FieldReader:
    """Reads each field leniently, reporting what it had to drop."""

    def __init__(self, fields: dict[str, Field], report: Report) -> None:
        self.fields, self.report = fields, report

    def _scalars(self, name: str) -> list[tuple[str, Field]]:
        f = self.fields.get(name)
        if f is None or f.value is None:
            return []
        if isinstance(f.value, str):
            return [(part, f) for part in f.value.split(",")]
        if isinstance(f.value, list):
            return self._scalars_of(name, f.items)
        self.report.add("warning", f, f"{name} should be a list, found a mapping",
                        f"write e.g. '{name}: [a, b]'")
        return []

    def _scalars_of(self, name: str, items: Sequence[Field]) -> list[tuple[str, Field]]:
        """The plain values of a list's ``items``; nested ones are reported and skipped."""
        out = []
        for item in items:
            if isinstance(item.value, str):
                out.append((item.value, item))
            elif item.value is not None:
                self.report.add("warning", item, f"{name}: a nested value is ignored",
                                "write one plain value per item")
        return out

    def list(self, name: str, accept: Callable[[str], str | None]) -> tuple[str, ...]:
        values: list[str] = []
        for raw, at in self._scalars(name):
            value = clean(raw)
            if not value:
                continue
            ok = accept(value)
            if ok is None:
                message, hint = _person_refused(name, value) if accept is person_name else (
                    f"{name}: {value[:40]!r} is not a usable value and is ignored",
                    f"keep each value under {schema.MAX_NAME} characters")
                self.report.add("warning", at, message, hint)
            else:
                values.append(ok)
        if len(values) > schema.MAX_ITEMS:
            self.report.add("warning", self.fields[name], f"{name}: {len(values):,} values, "
                            f"only the first {schema.MAX_ITEMS} are used", "keep the list short")
            values = values[: schema.MAX_ITEMS]
        return tuple(dict.fromkeys(values))

    def teachers(self) -> tuple[tuple[str, ...], tuple[Source, ...]]:
        """``learned_from``: the people, and the sources (``course: Prompting 101`` as text or
        as a one-key mapping, a bare ``self``), each value at most once and
        ``schema.MAX_ITEMS`` in all. Anything else is a person's name, checked as one."""
        name = "learned_from"
        f = self.fields.get(name)
        if f is None or f.value is None:
            return (), ()
        written: list[tuple[str, object, Field]] = []
        if isinstance(f.value, dict):
            written = [(str(k), v, item) for (k, v), item in zip(f.value.items(), f.items,
                                                                   strict=False)]
        elif isinstance(f.value, list):
            for item in f.items:
                if isinstance(item.value, dict):
                    written.extend((str(k), v, value) for (k, v), value in
                                   zip(item.value.items(), item.items, strict=False))
                    continue
                written.extend(("", raw, at) for raw, at in self._scalars_of(name, [item]))
        else:
            written = [("", raw, at) for raw, at in self._scalars(name)]
        people: list[str] = []
        sources: list[Source] = []
        for kind, raw, at in written:
            value = self._teacher(kind, raw, at)
            if isinstance(value, Source):
                sources.append(value)
            elif value is not None:
                people.append(value)
        if len(people) + len(sources) > schema.MAX_ITEMS:
            self.report.add("warning", f, f"{name}: {len(people) + len(sources):,} values, "
                            f"only the first {schema.MAX_ITEMS} are used", "keep the list short")
            people = people[: schema.MAX_ITEMS]
            sources = sources[: max(0, schema.MAX_ITEMS - len(people))]
        return tuple(dict.fromkeys(people)), tuple(dict.fromkeys(sources))

    def _teacher(self, kind: str, raw: object, at: Field) -> str | Source | None:
        """One ``learned_from`` value: a :class:`Source`, a person's name, or ``None`` (with a
        warning, unless it is blank). ``kind`` is the key of a mapping item, else empty."""
        if not isinstance(raw, str) and raw is not None:
            self.report.add("warning", at, "learned_from: a nested value is ignored",
                            "write one plain value per item, like 'course: Prompting 101'")
            return None
        text = clean(raw or "")
        if not kind:
            if not names_a_source(text):
                return self._person("learned_from", text, at) if text else None
            if key(text) in schema.SELF_WORDS:
                return Source("self")
            kind, text = (clean(part) for part in text.split(":", 1))
        known = schema.SOURCE_KINDS.get(key(kind))
        if known is None:
            self.report.add("warning", at, f"learned_from: {kind[:40]!r} is not a kind of "
                            "source, so the value is ignored",
                            "write a person's name, 'self', or a source as 'kind: title' with "
                            f"one of {_SOURCE_KINDS_WORDS}")
            return None
        if len(text) > schema.MAX_TITLE:
            self.report.add("warning", at, f"learned_from: the {known} title is "
                            f"{len(text):,} characters long, so it is cut",
                            f"keep it under {schema.MAX_TITLE} characters")
            text = text[: schema.MAX_TITLE - 1].rstrip() + "…"
        return Source(known, text)

    def _person(self, name: str, value: str, at: Field) -> str | None:
        ok = person_name(value)
        if ok is None:
            self.report.add("warning", at, *_person_refused(name, value))
        return ok

    def single(self, name: str) -> str | None:
        values = self.list(name, _name)
        if len(values) > 1:
            self.report.add("warning", self.fields[name], f"{name}: only one value is allowed, "
                            f"using {values[0]!r}", "pick the one that fits best")
        return values[0] if values else None

    def date(self, name: str = "date", instead: str = "the git date is used instead"
             ) -> date | None:
        f = self.fields.get(name)
        if f is None or f.value is None:
            return None
        found, wrong, fix = parse_date(f.value)
        if wrong:
            self.report.add("warning", f, f"{name} {wrong}", f"{fix}; {instead}")
        return found

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
            self.report.add("warning", f.items[schema.MAX_ATTEMPTS], _ATTEMPTS_CAPPED,
                            _ATTEMPTS_CAPPED_HINT)
        return tuple(out)

    def _attempt(self, item: Field) -> Attempt | None:
        if isinstance(item.value, str):
            parsed = parse_shorthand("- tried " + item.value, item.line, limit=1)
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
            likely = UnknownResult(str(raw_result)[:30], item.line, item.col).advice()[1]
            self.report.add("warning", item, f"attempt result {str(raw_result)[:30]!r} is not "
                            "worked, failed or partial", likely.replace("-> ", ""))
        note = values.get("note")
        return Attempt(
            tried=clean(tried)[: schema.MAX_TITLE],
            result=result,
            note=clean(note) if isinstance(note, str) else "",
            line=item.line,
        )


def _with_inline_attempts(
    front: tuple[Attempt, ...], body: str, body_line: int, report: Report
) -> tuple[Attempt, ...]:
    """Front-matter attempts, then the notes' inline ones, ``schema.MAX_ATTEMPTS`` in all.

    One more inline attempt than fits is read, only to name the line where counting stopped
    (unless the front matter already ran over); the notes after it are never parsed."""
    room = max(0, schema.MAX_ATTEMPTS - len(front))
    shorthand = read_shorthand(body, body_line, limit=room + 1)
    inline = shorthand.attempts
    if len(inline) > room and not any(p.message == _ATTEMPTS_CAPPED for p in report.problems):
        report.add("warning", inline[room].line, _ATTEMPTS_CAPPED, _ATTEMPTS_CAPPED_HINT)
    for unknown in shorthand.unknown[:MAX_UNKNOWN_REPORTED]:
        report.add("warning", unknown.line, *unknown.advice(), col=unknown.col)
    if len(shorthand.unknown) > MAX_UNKNOWN_REPORTED:
        rest = shorthand.unknown[MAX_UNKNOWN_REPORTED:]
        report.add("warning", rest[0].line, f"{len(rest):,} more attempts have a result word "
                   "that is not one of the accepted words", "see the first ones above")
    return front + tuple(inline[:room])


def _links(body: str) -> tuple[str, ...]:
    """Relative links to other Markdown files, for "built on" edges and dead-link checks."""
    found: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence and ".md" in line:
            found.extend(target for target in _md_links(line) if "://" not in target)
    return tuple(dict.fromkeys(found))


class _Cursor:
    """Where ``find`` next succeeds at or after a position, for positions that never go back.

    A found position stays the answer until a later position passes it, so all the look-ups
    on one line scan it about once, however many link openings share one stretch of it."""

    def __init__(self, find: Callable[[int], int]) -> None:
        self._find = find
        self._found = -1

    def __call__(self, pos: int) -> int:
        if pos > self._found:
            self._found = self._find(pos)
        return self._found


def _md_links(line: str) -> Iterator[str]:
    """The ``.md`` targets of ``[text](target.md#part "title")`` links on one line.

    Found the way the regex they replace did (a target of anything but ``)``, white space and
    ``>``, ending in ``.md``, maybe in ``<>``, then maybe ``#part`` and a quoted title, then
    ``)``), but without backtracking: every opening ``](`` asks the same few questions (where
    its target ends, where ``.md#`` or ``)`` comes next) of cursors that only move forward,
    so a line of a million openings and no closing ``)`` costs a few passes over it.
    """
    end = len(line)

    def cursor(find: Callable[[int], int]) -> _Cursor:
        return _Cursor(lambda pos: found if (found := find(pos)) >= 0 else end)

    def matching(pattern: re.Pattern[str]) -> _Cursor:
        return cursor(lambda pos: match.start() if (match := pattern.search(line, pos)) else -1)

    target_start, title_start = matching(_NOT_SPACE), matching(_NOT_SPACE)
    target_end = matching(_TARGET_END)
    md_with_part = cursor(lambda pos: line.find(".md#", pos))
    closing = cursor(lambda pos: line.find(")", pos))
    last_closing, title_end = -1, -1
    opening = line.find("](")
    while opening >= 0:
        first = target_start(opening + 2)
        first += line.startswith("<", first)
        stop = target_end(first)
        with_part = md_with_part(first + 1)
        cut = with_part + 3 if with_part < stop else stop
        rest = stop + line.startswith(">", stop)
        close = closing(rest)
        if close < end and close != last_closing:
            # White space before ")" never holds another ")": each stretch is stripped once.
            title_end = last_closing + 1 + len(line[last_closing + 1:close].rstrip())
            last_closing = close
        title = title_start(rest)
        plain = cut - first >= 4 and line.startswith(".md", cut - 3)
        titled = (title > rest and title < title_end - 1 and line[title] in "\"'"
                  and line[title_end - 1] in "\"'")
        if close == end:
            return  # no ")" from here on: no later opening can close either
        if plain and (title >= close or titled):
            yield line[first:cut]
            opening = line.find("](", close + 1)
        else:
            # An opening inside this target would have the same end and the same failure.
            opening = line.find("](", max(opening + 1, stop - 2))


def fence_if_costly(body: str) -> str | None:
    """``body`` fenced as plain text when rendering it as Markdown could take more than about a
    second or recurse too deeply; ``None`` when it is fine as it is. Fenced code is skipped by
    the estimate, because superfences sets it aside before anything else looks at the text."""
    work = lt = length = headings = 0
    paragraph: list[str] = []
    for line in [*_unfenced(body.split("\n")), ""]:
        if not line.strip():
            text = "\n".join(paragraph)
            work += (text.count("[") + text.count("`")) * len(text)
            paragraph = []
            continue
        paragraph.append(line)
        lt += line.count("<")
        length += len(line) + 1
        headings += _HEADING.match(line) is not None
        if _too_deep(line):
            work = MAX_MARKDOWN_WORK + 1
            break
    if work + lt * length <= MAX_MARKDOWN_WORK and headings <= MAX_HEADINGS:
        return None
    fence = "~" * max([3, *(len(run) + 1 for run in _TILDES.findall(body))])
    return f"{fence}text\n{body}\n{fence}"


def _unfenced(lines: list[str]) -> Iterator[str]:
    """The lines outside well-formed fenced code blocks; an unclosed fence is not a fence."""
    fenced: list[str] = []
    fence = ""
    for line in lines:
        if not fence:
            opening = _FENCE_OPEN.fullmatch(line)
            if opening:
                fence, fenced = opening.group(1), [line]
            else:
                yield line
            continue
        fenced.append(line)
        closing = line.strip()
        if closing.startswith(fence) and closing == fence[0] * len(closing):
            fence = ""
    yield from fenced if fence else ()


def _too_deep(line: str) -> bool:
    indent = line.expandtabs(4)
    if len(indent) - len(indent.lstrip()) > 4 * MAX_NESTING:
        return True
    depth = pos = 0
    while depth <= MAX_NESTING and (marker := _NESTED.match(line, pos)):
        depth, pos = depth + 1, marker.end()
    return depth > MAX_NESTING
