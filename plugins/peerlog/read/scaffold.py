"""The file a new journal entry starts as, written by ``peerlog new`` and by the web form.

There is ONE template, :data:`TEMPLATE`, and two renderers of it: :func:`render` here and
``render`` in ``assets/write.js``, which receives the template through the page's JSON. Both
must produce byte-identical files from the same values, so the mini-format is kept small enough
to port exactly:

- ``{name}`` is replaced by the value of field ``name``; ``{name|text}`` by ``text`` when that
  value is empty. Replacement is a single pass: braces inside values are never expanded.
- Above the closing ``---``, a value is written as YAML that survives any input, in the shape
  its kind in :data:`peerlog.read.schema.FIELDS` asks for (the web form gets the same table): text
  as a JSON-style double-quoted string (valid YAML, so a title like ``no: #1 - [draft]`` stays
  that string), ``handles`` and ``names`` as a flow sequence of those, ``attempts`` as a block
  sequence of ``tried``/``result``/``note`` mappings (``[]`` when there are none). Each line
  then loses its trailing spaces.
- Below it, a value is Markdown as typed, minus leading blank lines and trailing white space.
- With ``form=True`` (the web form, whose file is final as sent), the body is split into
  sections at each line of the template that starts with ``#``; a section whose placeholders
  are all empty is left out, heading and all, instead of showing its prompt, and each line
  break typed inside a paragraph becomes a Markdown line break (:func:`line_breaks_kept`).
  ``peerlog new`` keeps every section and its prompt: that file is opened in an editor next.

Values are cleaned first (:func:`peerlog.base.text.clean`; list items deduplicated by
:func:`peerlog.base.text.key`; attempts without ``tried`` dropped), so what the parser reads back is
exactly what was written. The prompts for empty sections are HTML comments: visible while
editing, stripped from the site, and never mistaken for inline attempts (the lines start with
``<!--``, not ``tried``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from peerlog.base.text import clean, key, slug
from peerlog.read import schema

TEMPLATE = """\
---
title: {title}
date: {date}
author: {author}
tags: {tags}
problem: {problem}
tools: {tools}
pair: {pair}
learned_from: {learned_from}
outcome: {outcome}  # solved, partial or unsolved
attempts: {attempts}
---
## What I was trying to do

{goal|<!-- The task in a sentence or two: what you needed, for whom, and what "done" looked like. -->}

## What I tried

{notes|<!-- What happened, in order. One line per attempt reads well: "- tried asking for the whole table as JSON -> failed: it invented columns". Failures are worth as much as fixes. -->}

## What I'd tell a teammate

{advice|<!-- What would you tell a teammate with the same problem? What would you try first next time? -->}
"""  # noqa: E501 - the prompts are single lines so inline-attempt parsing never sees them

_PLACEHOLDER = re.compile(r"\{(\w+)(?:\|([^{}]*))?\}")
_FRONT_END = "\n---\n"
_LEADING_BLANK_LINES = re.compile(r"^(?:[ \t]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t\n]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SECTION_START = re.compile(r"(?<=\n)(?=#)")
# Lines Python-Markdown reads as a block of their own, or as code: no line break is added
# after them (_OWN_LINE) or before them (_STARTS_BLOCK). ASCII classes only, so that the
# port in write.js means exactly the same.
_OWN_LINE = re.compile(r"(?: {4}|\t| {0,3}#| {0,3}[=*_-][ =*_-]*$)")
_STARTS_BLOCK = re.compile(
    r"(?: {4}|\t| {0,3}(?:[#>]|[-*+](?:[ \t]|$)|[0-9]{1,9}[.)](?:[ \t]|$)|[=*_-][ =*_-]*$"
    r"|`{3}|~{3}))"
)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*([^\n]*)")
_BLANK = re.compile(r"[ \t]*$")
_HARD_BREAK = "  "


def render(values: Mapping[str, object], template: str = TEMPLATE, form: bool = False) -> str:
    """The entry file for ``values`` (field name -> text, list of texts, or list of attempts,
    each a mapping with ``tried``, ``result`` and ``note``); missing fields count as empty.
    ``form``: the web form's final file (see the module's docstring)."""
    end = template.index(_FRONT_END, 3) + 1
    front = _PLACEHOLDER.sub(lambda m: _yaml(m[1], values.get(m[1]), m[2]), template[:end])
    body = _form_body(template[end:], values) if form else _PLACEHOLDER.sub(
        lambda m: body_text(values.get(m[1])) or m[2] or "", template[end:])
    return "".join(line.rstrip(" ") + "\n" for line in front.split("\n")[:-1]) + body


def _form_body(template: str, values: Mapping[str, object]) -> str:
    kept: list[str] = []
    for section in _SECTION_START.split(template):
        typed = {m[1]: line_breaks_kept(body_text(values.get(m[1])))
                 for m in _PLACEHOLDER.finditer(section)}
        if not typed or any(typed.values()):
            kept.append(_PLACEHOLDER.sub(lambda m, filled=typed: filled[m[1]], section))
    body = "".join(kept).rstrip("\n")
    return body + "\n" if body else ""


def line_breaks_kept(text: str) -> str:
    """``text`` with each line break inside a paragraph made a Markdown line break (two spaces
    before it): people type lines into a box, and Markdown would run them into one. Left alone:
    fenced code, and the breaks around lines that are blocks of their own (headings, list
    items, quotes, rules, indented code, table rows), where Markdown already keeps the line."""
    lines = text.split("\n")
    fence = ""
    for i, line in enumerate(lines[:-1]):
        marker = _FENCE.match(line)
        if fence:
            if marker and marker[1][0] == fence[0] and len(marker[1]) >= len(fence) \
                    and not marker[2]:
                fence = ""
            continue
        if marker:
            fence = marker[1]
            continue
        after = lines[i + 1]
        if not (_BLANK.match(line) or _BLANK.match(after) or line.endswith(_HARD_BREAK)
                or _OWN_LINE.match(line) or _STARTS_BLOCK.match(after)
                or "|" in line or "|" in after):
            lines[i] = line + _HARD_BREAK
    return "\n".join(lines)


def file_name(day: str, title: str) -> str:
    """``2026-03-02-getting-tables-out.md``: the date, then the title's slug."""
    return f"{day}-{slug(title)}.md"


def entry_path(folder: str, day: str, title: str) -> str:
    """Where a new entry goes: ``<journals>/YYYY/YYYY-MM-DD-slug.md`` (POSIX, root-relative)."""
    return f"{folder.strip('/')}/{day[:4]}/{file_name(day, title)}"


def body_text(value: object) -> str:
    """Notes as typed: LF newlines, no control characters, no blank lines before or white
    space after; lone surrogates (which no file encoding can hold) become U+FFFD."""
    if not isinstance(value, str):
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    return _TRAILING_SPACE.sub("", _LEADING_BLANK_LINES.sub("", text))


def texts(value: object) -> list[str]:
    """A list field's values: cleaned, without empties, first spelling of each key kept."""
    items = value if isinstance(value, list) else []
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        text = clean(item) if isinstance(item, str) else ""
        if text and key(text) not in seen:
            seen.add(key(text))
            out.append(text)
    return out


def attempts(value: object) -> list[dict[str, str]]:
    """The attempts worth writing: each with a ``tried``; a ``result`` only if it is valid."""
    out: list[dict[str, str]] = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, Mapping):
            continue
        tried, result, note = (clean(v) if isinstance(v := item.get(k), str) else ""
                               for k in ("tried", "result", "note"))
        if tried:
            attempt = {"tried": tried}
            if result in schema.RESULTS:
                attempt["result"] = result
            if note:
                attempt["note"] = note
            out.append(attempt)
    return out


def _yaml(name: str, value: object, default: str | None) -> str:
    kind = schema.FIELDS.get(name, ("text", ""))[0]
    if kind == "attempts":
        return _attempts_yaml(attempts(value)) or default or "[]"
    if kind in ("handles", "sources", "names"):
        return "[" + ", ".join(_quote(t) for t in texts(value)) + "]"
    text = clean(value) if isinstance(value, str) else ""
    return _quote(text) if text or default is None else default


def _attempts_yaml(items: list[dict[str, str]]) -> str:
    lines: list[str] = []
    for attempt in items:
        lines.extend(f"{'  - ' if name == 'tried' else '    '}{name}: {_quote(text)}"
                     for name, text in attempt.items())
    return "".join("\n" + line for line in lines)


def _quote(text: str) -> str:
    """A JSON string, which YAML reads back as the same string whatever it contains."""
    return json.dumps(text, ensure_ascii=False)
