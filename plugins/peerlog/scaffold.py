"""The file a new journal entry starts as, written by ``peerlog new`` and by the web form.

There is ONE template, :data:`TEMPLATE`, and two renderers of it: :func:`render` here and
``render`` in ``assets/write.js``, which receives the template through the page's JSON. Both
must produce byte-identical files from the same values, so the mini-format is kept small enough
to port exactly:

- ``{name}`` is replaced by the value of field ``name``; ``{name|text}`` by ``text`` when that
  value is empty. Replacement is a single pass: braces inside values are never expanded.
- Above the closing ``---``, a value is written as YAML that survives any input, in the shape
  its kind in :data:`peerlog.schema.FIELDS` asks for (the web form gets the same table): text
  as a JSON-style double-quoted string (valid YAML, so a title like ``no: #1 - [draft]`` stays
  that string), ``handles`` and ``names`` as a flow sequence of those, ``attempts`` as a block
  sequence of ``tried``/``result``/``note`` mappings (``[]`` when there are none). Each line
  then loses its trailing spaces.
- Below it, a value is Markdown as typed, minus leading blank lines and trailing white space.

Values are cleaned first (:func:`peerlog.text.clean`; list items deduplicated by
:func:`peerlog.text.key`; attempts without ``tried`` dropped), so what the parser reads back is
exactly what was written. The prompts for empty sections are HTML comments: visible while
editing, stripped from the site, and never mistaken for inline attempts (the lines start with
``<!--``, not ``tried``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from . import schema
from .text import clean, key, slug

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


def render(values: Mapping[str, object], template: str = TEMPLATE) -> str:
    """The entry file for ``values`` (field name -> text, list of texts, or list of attempts,
    each a mapping with ``tried``, ``result`` and ``note``); missing fields count as empty."""
    end = template.index(_FRONT_END, 3) + 1
    front = _PLACEHOLDER.sub(lambda m: _yaml(m[1], values.get(m[1]), m[2]), template[:end])
    body = _PLACEHOLDER.sub(lambda m: body_text(values.get(m[1])) or m[2] or "", template[end:])
    return "".join(line.rstrip(" ") + "\n" for line in front.split("\n")[:-1]) + body


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
    if kind in ("handles", "names"):
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
