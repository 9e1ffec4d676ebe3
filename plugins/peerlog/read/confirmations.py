"""Confirmations: "worked for me too", one small file per person and entry.

Reading an entry and trying it is how a journal gets better, so saying how it went must be one
step that never touches someone else's file: a confirmation is its own Markdown file (under
``<journals>/confirmations/`` by convention, anywhere in the journals folder in fact) whose
front matter names the entry it ``confirms``, relative to the journals folder, with who tried
it, when and the result; the notes are an optional comment. Two people confirming the same
entry write two files, so their pull requests never conflict.

The journals walker parses each file once and hands the front matter here when it has
``confirms:`` (see :func:`peerlog.read.journals.load_journal`). Fields are read by the entry
reader's own ``FieldReader`` (a person as in ``author:``, a date as in ``date:``), the result with
the words of :func:`~peerlog.read.attempts.normalise_result`; what only the whole journal can
tell (no such entry, a draft, the same person twice) :mod:`peerlog.knowledge.confirmations`
checks.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date

from peerlog.base.problems import Problem
from peerlog.base.text import clean
from peerlog.read import schema
from peerlog.read.attempts import Result, normalise_result
from peerlog.read.entries import (
    MAX_UNKNOWN_REPORTED,
    TYPO_SIMILARITY,
    FieldReader,
    Report,
    parse_front_text,
    person_name,
)
from peerlog.read.frontmatter import Field, FrontMatter, Source
from peerlog.read.scaffold import body_text, file_name, render

CONFIRMS = "confirms"
#: Where ``peerlog confirm`` and the entry page's form put new confirmations.
FOLDER = "confirmations"
#: The file both writers produce, through :func:`peerlog.read.scaffold.render` and its port in
#: ``assets/write.js``, the end trimmed to one newline (an empty note leaves no body).
TEMPLATE = """\
---
confirms: {confirms}
author: {by}
date: {date}
result: {result}  # worked, partial or failed
---
{note}
"""
#: No entry has a longer path (the journals walker refuses paths past 400 characters).
MAX_TARGET = 400
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}-")
ACCEPTED = ("worked, partial or failed; synonyms work too, e.g. yes, ok, didn't work, "
            "partly worked")


@dataclass(frozen=True)
class Confirmation:
    """Someone tried an entry and says how it went. ``path`` and ``target`` are project paths
    (``journals/confirmations/x.md``, ``journals/2026/x.md``); ``line`` is where ``confirms:``
    is written, ``by_line`` and ``date_line`` where ``author:`` and ``date:`` are; ``note`` is
    untrusted text, shown escaped."""

    path: str
    target: str
    by: str
    date: date | None
    result: Result
    note: str = ""
    line: int = 1
    by_line: int = field(default=1, compare=False)
    date_line: int = field(default=1, compare=False)


def build_confirmation(
    parts: Source, front: FrontMatter, path: str, journals: str
) -> tuple[Confirmation | None, list[Problem]]:
    """The confirmation a parsed file describes, or ``None`` (with errors) when it names no
    entry, no person or no result; every problem of the file is listed at once."""
    report = Report(path)
    fields = front.fields
    for odd in front.notes:
        report.add("warning", odd.line, odd.message, odd.hint, odd.col)
    unknown = [(name, f) for name, f in fields.items() if name not in schema.CONFIRMATION_FIELDS]
    for name, f in unknown[:MAX_UNKNOWN_REPORTED]:
        guess = difflib.get_close_matches(name.lower(), list(schema.CONFIRMATION_FIELDS), n=1,
                                          cutoff=TYPO_SIMILARITY)
        report.add("warning", f, f"unknown field {name[:40]!r} is ignored in a confirmation",
                   f"did you mean {guess[0]!r}?" if guess else
                   f"a confirmation has {', '.join(schema.CONFIRMATION_FIELDS)} and a note")
    get = FieldReader(fields, report)
    target = _target(fields[CONFIRMS].value, journals)
    at = fields[CONFIRMS]
    if target is None:
        report.add("error", at, "confirms: must name one entry, relative to the journals folder",
                   "write e.g. 'confirms: 2026/2026-03-02-invoices.md'")
    people = get.list("author", person_name)
    if not people:
        report.add("error", fields.get("author") or at, "the confirmation says nobody tried it",
                   "add a line 'author: your-handle'")
    elif len(people) > 1:
        report.add("error", fields["author"], "a confirmation is one person's",
                   "each person writes their own confirmation file")
    result = _result(report, fields.get("result"), at)
    day = get.date()
    note = body_text(parts.body)
    if len(note) > schema.MAX_NOTE:
        report.add("warning", parts.body_line, f"the note is {len(note):,} characters long, only "
                   f"the first {schema.MAX_NOTE:,} are shown", "a long story is a journal entry")
        note = note[: schema.MAX_NOTE - 1].rstrip() + "…"
    problems = sorted(report.problems)
    if target is None or len(people) != 1 or result is None:
        return None, problems
    return Confirmation(path, target, people[0], day, result, note, at.line,
                        fields["author"].line, (fields.get("date") or at).line), problems


def parse_confirmation_text(
    text: str, path: str, journals: str
) -> tuple[Confirmation | None, list[Problem]]:
    """Parse a confirmation's text (``peerlog confirm`` checks what it is about to write)."""
    parsed = parse_front_text(text, path)
    if isinstance(parsed, list):
        return None, parsed
    if CONFIRMS not in parsed[1].fields:
        return None, [Problem(path, 1, 0, "error", "this is not a confirmation",
                              "start the front matter with 'confirms: <entry>'")]
    return build_confirmation(*parsed, path, journals)


def render_confirmation(target_rel: str, by: str, day: str, result: str, note: str = "") -> str:
    """The file confirming the entry at ``target_rel`` (relative to the journals folder)."""
    values = {"confirms": target_rel, "by": by, "date": day, "result": result, "note": note}
    return render(values, TEMPLATE).rstrip("\n") + "\n"


def confirmation_path(journals: str, day: str, by: str, target_rel: str) -> str:
    """``<journals>/confirmations/2026-04-01-priya-invoices.md`` for ``target_rel``
    ``2026/2026-03-02-invoices.md``: the day, the person and the entry's file name without its
    date, so two confirmers never pick the same file (``assets/confirm.js`` names it alike)."""
    stem = _DATED.sub("", posixpath.basename(target_rel).rpartition(".")[0])
    return f"{journals.strip('/')}/{FOLDER}/{file_name(day, f'{by} {stem}')}"


def _target(value: object, journals: str) -> str | None:
    """The project path of the entry ``confirms:`` names, if it names a Markdown file inside
    the journals folder."""
    text = clean(value) if isinstance(value, str) else ""
    rel = posixpath.normpath(text.removeprefix("./")) if text else ""
    if (not rel.endswith((".md", ".markdown")) or rel.startswith(("/", "../")) or rel == ".."
            or len(rel) > MAX_TARGET):
        return None
    return f"{journals.strip('/')}/{rel}"


def _result(report: Report, f: Field | None, at: Field) -> Result | None:
    """``result:`` as one of the three words, or ``None`` with an error saying which work."""
    value = f.value if f is not None else None
    result = normalise_result(value) if isinstance(value, str) else None
    if result is None:
        written = clean(value) if isinstance(value, str) else ""
        report.add("error", f or at, f"result {written[:30]!r} is not a result word" if written
                   else "the confirmation has no result", f"write 'result: ' and one of {ACCEPTED}")
    return result
