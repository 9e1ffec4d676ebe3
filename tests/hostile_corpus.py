"""A journals folder of hostile files beside good ones, and what peerlog must make of each.

:func:`cases` is pure data (names, bytes, expectations); :func:`write_corpus` puts every case on
disk. Expectations are written out by hand, never computed with peerlog's own functions, so the
parser cannot agree with itself by mistake:

- ``error``: the file is left out and ``check`` names it with an error starting with ``message``;
- ``warning``: kept (its ``title`` is on the site) and named with a warning starting with
  ``message``;
- ``ok``: kept, and ``check`` says nothing about it; ``kept``: kept, warnings allowed (another
  check may flag it, e.g. a duplicate title);
- ``draft``: read without complaint but not published; ``ignored``: not an entry at all (a
  non-Markdown file, a linked folder), named with a warning starting with ``message``.

Payloads that would run set ``window.__pwned`` or call ``alert``, so a browser test can trap them.
"""

from __future__ import annotations

import codecs
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Expect = Literal["error", "warning", "ok", "kept", "draft", "ignored"]
KEPT: tuple[Expect, ...] = ("warning", "ok", "kept")

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
SVG = "<svg onload=alert(1)>"
BREAKOUT = '"><script>alert(1)</script>'
ATTR = "' onmouseover='alert(1)' x='"
JS_URL = "javascript:window.__pwned=1"
PAYLOADS = (SCRIPT, IMG, SVG, BREAKOUT, ATTR, JS_URL)
ALL = " ".join(PAYLOADS)

RAW_HTML_BODY = f"""\
{SCRIPT}

{IMG}

{SVG}

<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>
<iframe src="{JS_URL}"></iframe>
<object data="{JS_URL}"></object><embed src="{JS_URL}">
<meta http-equiv="refresh" content="0;url={JS_URL}">
<base href="{JS_URL}/">
<style>@import 'javascript:alert(1)'; body {{ background: url({JS_URL}) }}</style>
<form action="{JS_URL}"><button formaction="{JS_URL}">go</button><input autofocus onfocus="window.__pwned=1"></form>
<details open ontoggle="window.__pwned=1"><summary>s</summary>d</details>
<video><source onerror="window.__pwned=1"></video>
<math><mi xlink:href="{JS_URL}">m</mi></math>
<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>"></noscript>
<!--><script>window.__pwned=1</script>-->
<scr<script>ipt>window.__pwned=1</scr</script>ipt>
<a href="jav&#x09;ascript:window.__pwned=1">tab link</a>
<a href="&#106;avascript:window.__pwned=1">entity link</a>
<a href="data:text/html,<script>alert(1)</script>">data link</a>
<div onmouseover="window.__pwned=1" style="position:fixed;inset:0">{BREAKOUT}</div>
<template><script>window.__pwned=1</script></template>
<textarea></textarea><script>window.__pwned=1</script>
<table><tr><td><script>window.__pwned=1</script></td></tr></table>
"""

MARKDOWN_BODY = f"""\
# Heading <img src=x onerror=window.__pwned=1>

## {SCRIPT}

## \\<script\\>window.__pwned=1\\</script\\>

[md link]({JS_URL}) [ref link][r] <{JS_URL}> ![image]({JS_URL})

[r]: {JS_URL}

[attr link](https://example.org){{: onclick="window.__pwned=1" }}

Paragraph with attributes.
{{: onmouseover="window.__pwned=1" style="color:red" }}

![x" onerror="window.__pwned=1](x.png)

!!! note "{SCRIPT}"
    {IMG}

| a | {SCRIPT} |
|---|---|
| {IMG} | `{SVG}` |

```html
{SCRIPT}
```

- tried {SCRIPT} -> failed: {IMG}
- tried [x]({JS_URL}) -> worked
"""


@dataclass(frozen=True)
class Case:
    """One name under ``journals/`` and what peerlog must make of it.

    ``name`` may hold surrogate escapes (bytes that are not UTF-8 on disk). ``link`` makes a
    symlink instead of a file: ``outside``, ``outside-dir``, ``absolute``, ``missing``, ``loop``,
    ``fifo`` (a named pipe, not a link) or a path relative to ``journals/``. ``shown`` is how
    ``check`` names the file when that is not ``journals/<name>``.
    """

    category: str
    name: str
    content: bytes = b""
    expect: Expect = "ok"
    title: str = ""
    message: str = ""
    link: str | None = None
    shown: str = ""

    @property
    def path(self) -> str:
        return self.shown or f"journals/{self.name}"


@dataclass(frozen=True)
class Corpus:
    """What :func:`write_corpus` wrote."""

    cases: tuple[Case, ...]

    @property
    def errors(self) -> list[Case]:
        return [c for c in self.cases if c.expect == "error"]

    @property
    def warnings(self) -> list[Case]:
        return [c for c in self.cases if c.expect in ("warning", "ignored")]

    @property
    def kept(self) -> list[Case]:
        return [c for c in self.cases if c.expect in KEPT]

    @property
    def good(self) -> list[Case]:
        return [c for c in self.cases if c.category == "good"]

    @property
    def hostile(self) -> list[Case]:
        return [c for c in self.cases if c.category != "good"]


def doc(front: str, body: str = "Notes.\n") -> bytes:
    return f"---\n{front}\n---\n{body}".encode()


def titled(title: str, extra: str = "", body: str = "Notes.\n") -> bytes:
    return doc(f"title: {title}" + (f"\n{extra}" if extra else ""), body)


def _good() -> Iterator[Case]:
    """Realistic entries that must all survive beside the hostile ones."""
    people = ["alice", "bob", "carol", "dan", "erin", "farid", "grace", "hana"]
    problems = ["data-extraction", "summarising", "sql-and-formulas", "customer-emails"]
    tries = [
        ("Asked for the whole table as JSON", "failed", "It invented columns"),
        ("Gave it one example row first", "worked", ""),
        ("Split the PDF per page", "partial", "slow but fine"),
        ("Pasted the raw OCR text", "failed", "garbled numbers"),
    ]
    topics = ["pdf", "ocr", "prompting", "claude", "templates", "sql", "email", "review"]
    for i in range(24):
        first, second = tries[i % 4], tries[(i + 1) % 4]
        front = (
            f"title: Good entry {i:02d} about {problems[i % 4].replace('-', ' ')}\n"
            f"date: 2026-0{1 + i % 9}-{10 + i % 18}\n"
            f"author: {people[i % 8]}\n"
            f"tags: [{topics[i % 8]}, {topics[(i + 3) % 8]}]\n"
            f"problem: {problems[i % 4]}\n"
            f"tools: [claude]\n"
            f"pair: [{people[(i + 1) % 8]}]\n"
            f"outcome: {'solved' if i % 3 else 'partial'}\n"
            "attempts:\n"
            f"  - tried: {first[0]}\n    result: {first[1]}\n"
            f"  - tried: {second[0]}\n    result: {second[1]}\n"
        )
        folder, neighbour = ("2025", (i + 1) % 8) if i < 8 else ("2026", 8 + (i - 7) % 16)
        body = (f"We tried a few things on ticket {i}.\n\n- then tried asking for CSV instead "
                f"-> worked: clean output\n\nSee the [next entry](good-{neighbour:02d}.md).\n")
        yield Case("good", f"{folder}/good-{i:02d}.md", doc(front, body), "ok",
                   f"Good entry {i:02d} about {problems[i % 4].replace('-', ' ')}")


_YAML_ERRORS = {
    "unclosed-flow-list": ("title: Unclosed\ntags: [a, b", "the front matter is not valid YAML"),
    "unclosed-double-quote": ('title: "never closed', "the front matter is not valid YAML"),
    "unclosed-single-quote": ("title: 'it's broken'", "the front matter is not valid YAML"),
    "unclosed-flow-mapping": ("title: Unclosed\nx: {a: b", "the front matter is not valid YAML"),
    "colon-in-plain-text": ("title: Summary: what worked", "the front matter is not valid YAML"),
    "bad-indentation": ("title: Indented\n  tags: [a]\n date: x", "the front matter is not "
                        "valid YAML"),
    "tab-indentation": ("title: Tabs\n\ttags: [a]", "the front matter is not valid YAML"),
    "list-item-in-mapping": ("title: Mixed\n- stray item", "the front matter is not valid YAML"),
    "unknown-escape": ('title: "bad \\q escape"', "the front matter is not valid YAML"),
    "reserved-indicator": ("title: Reserved\n@at: x", "the front matter is not valid YAML"),
    "stray-bracket": ("title: ]bracket", "the front matter is not valid YAML"),
    "yaml-directive": ("%YAML 9.9", "the front matter is not valid YAML"),
    "second-document": ("title: First\n--- second: doc", "the front matter holds more than one"),
    "control-character": ("title: bell \x07 here", "the front matter contains a control "
                          "character"),
    "line-separator": ("title: a\u2028b", "the front matter is not valid YAML"),
}

_NOT_MAPPING = {
    "list": "- a\n- b",
    "flow-list": "[title, x]",
    "sentence": "just a sentence about my day",
    "number": "42",
    "quoted": '"title: in quotes"',
    "block-text": "|\n  title: inside a block",
}

_FIELDS = ("title", "date", "author", "authors", "tags", "problem", "tools", "pair",
           "learned_from", "outcome", "attempts", "draft")
_WRONG = {
    "list": "[alpha, beta]",
    "mapping": "{alpha: beta}",
    "number": "42",
    "bool": "true",
    "null": "~",
    "nested-list": "[[alpha, beta], [gamma]]",
    "block-mapping": "\n  alpha: 1\n  beta: 2",
}


def _wrong_type(field: str, kind: str) -> tuple[Expect, str]:
    """What a wrong type in a field does: hand-written rules of the format reference."""
    mapping = kind in ("mapping", "block-mapping")
    if field == "title":
        if kind == "list" or kind == "nested-list":
            return "error", "the title must be text, found a list"
        if mapping:
            return "error", "the title must be text, found a mapping"
        if kind == "null":
            return "error", "the title is empty"
        return "ok", ""
    if kind == "null":
        return "ok", ""
    if field == "date":
        return "warning", "date must look like 2026-03-02"
    if field == "draft":
        return ("draft", "") if kind == "bool" else ("warning", "draft must be true or false")
    if field == "attempts":
        if kind == "list":
            return "ok", ""
        if kind == "nested-list":
            return "warning", "an attempt must have"
        return "warning", "attempts must be a list"
    if mapping and field == "learned_from":  # a mapping names sources: 'alpha' is no kind
        return "warning", "learned_from: 'alpha' is not a kind of source"
    if mapping:
        return "warning", f"{field} should be a list, found a mapping"
    if kind == "nested-list":
        return "warning", f"{field}: a nested value is ignored"
    if field == "outcome":
        return "warning", "outcome"
    if field == "problem" and kind == "list":
        return "warning", "problem: only one value is allowed"
    if field in ("author", "authors", "pair", "learned_from") and kind == "number":
        return "warning", f"{field}: '42' is not a usable value"  # a name has a letter
    return "ok", ""


def _wrong_types() -> Iterator[Case]:
    for field in _FIELDS:
        for kind, value in _WRONG.items():
            expect, message = _wrong_type(field, kind)
            if field == "title":
                front = f"title: {value}"
                title = {"number": "42", "bool": "true"}.get(kind, "")
            else:
                title = f"Wrong type, {field} as {kind}"
                front = f"title: {title}\n{field}: {value}"
            yield Case("wrong-type", f"types/{field}-{kind}.md", doc(front), expect, title, message)
    attempt_fields = {
        "tried-list": ("  - tried: [a, b]\n    result: worked", "an attempt has no 'tried:'"),
        "result-mapping": ("  - tried: x\n    result: {a: b}", "attempt result"),
        "result-number": ("  - tried: x\n    result: 42", "attempt result"),
        "note-list": ("  - tried: x\n    result: worked\n    note: [a, b]", ""),
        "item-number": ("  - 42", ""),
        "item-null": ("  - ~\n  - tried: y\n    result: failed", "an attempt must have"),
    }
    for kind, (items, message) in attempt_fields.items():
        title = f"Wrong type, attempt {kind}"
        yield Case("wrong-type", f"types/attempt-{kind}.md", doc(f"title: {title}\nattempts:\n"
                   f"{items}"), "warning" if message else "ok", title, message)


def _front_matter() -> Iterator[Case]:
    for kind, (front, message) in _YAML_ERRORS.items():
        yield Case("yaml", f"yaml/{kind}.md", doc(front), "error", message=message)
    for kind, front in _NOT_MAPPING.items():
        yield Case("not-mapping", f"not-mapping/{kind}.md", doc(front), "error",
                   message="the front matter must be a list of 'key: value' lines")
    missing = {
        "none.md": (b"Just notes, no front matter.\n", "the entry has no front matter"),
        "unclosed.md": (b"---\ntitle: Never closed\n\nnotes\n",
                        "the front matter starts with '---' but never ends"),
        "dashes-only.md": (b"---\n", "the front matter starts with '---' but never ends"),
        "blank-line-first.md": (b"\n---\ntitle: Late\n---\n", "the front matter must start on "
                                "the very first line"),
        "indented.md": (b"  ---\ntitle: Indented\n---\n", "the front matter must start on"),
        "toml.md": (b'+++\ntitle = "toml"\n+++\n', "the entry has no front matter"),
        "four-dashes.md": (b"----\ntitle: Four\n----\n", "the entry has no front matter"),
        "empty-front.md": (b"---\n---\nnotes\n", "the entry has no title"),
        "comment-only.md": (b"---\n# title: commented out\n---\n", "the entry has no title"),
        "null-front.md": (b"---\n~\n---\n", "the entry has no title"),
    }
    for name, (raw, message) in missing.items():
        yield Case("front-matter", f"front/{name}", raw, "error", message=message)
    valid = {
        "closed-with-dots.md": (b"---\ntitle: Closed with dots\n...\nnotes\n", "Closed with dots"),
        "trailing-spaces.md": (b"--- \ntitle: Fences with spaces\n---  \n", "Fences with spaces"),
        "no-body.md": (b"---\ntitle: No body at all\n---", "No body at all"),
        "rules-in-body.md": (b"---\ntitle: Rules in the body\n---\na\n\n---\n\nb\n---\n",
                             "Rules in the body"),
        "explicit-str.md": (b"---\ntitle: !!str 2026-01-01\n---\n", "2026-01-01"),
    }
    for name, (raw, title) in valid.items():
        yield Case("front-matter", f"front/{name}", raw, "ok", title)


def _keys_and_dates() -> Iterator[Case]:
    odd = {
        "duplicate-key": ("title: First\ntitle: Duplicate key wins", "Duplicate key wins",
                          "'title' is given more than once"),
        "complex-key": ("? [a, b]\n: value\ntitle: Complex key", "Complex key",
                        "a key must be plain text"),
        "null-key": ("~: x\ntitle: Null key", "Null key", "a key must be plain text"),
        "misspelt-keys": ("title: Misspelt keys\n" + "".join(
            f"{name[:i]}q{name[i + 1:]}: v\n" for name in ("learned_from", "attempts", "outcome")
            for i in range(len(name))).rstrip("\n"), "Misspelt keys",
            "unknown field 'qearned_from' is ignored"),
    }
    for kind, (front, title, message) in odd.items():
        yield Case("keys", f"keys/{kind}.md", doc(front), "warning", title, message)
    # Keys that are no typo of a field are other tools' (or nonsense): ignored, without a word.
    others = {
        "timestamp-key": ("2026-01-01: x\ntitle: Timestamp key", "Timestamp key"),
        "number-key": ("42: x\ntitle: Number key", "Number key"),
        "proto-key": ("__proto__: x\nconstructor: y\ntitle: Proto key", "Proto key"),
        "many-unknown-keys": ("title: Many unknown keys\n" + "".join(
            f"k{i}: v\n" for i in range(2000)).rstrip("\n"), "Many unknown keys"),
    }
    for kind, (front, title) in others.items():
        yield Case("keys", f"keys/{kind}.md", doc(front), "ok", title, "")
    dates = {
        "feb-30": ("2026-02-30", "date '2026-02-30' is not a real date"),
        "month-13": ("2026-13-01", "date '2026-13-01' is not a real date"),
        "year-0": ("0000-01-01", "date '0000-01-01' is not a real date"),
        "not-leap": ("2025-02-29", "date '2025-02-29' is not a real date"),
        "five-digit-year": ("99999-01-01", "date must look like"),
        "word": ("yesterday", "date must look like"),
        "short": ("2026-1-5", "date must look like"),
        "time-without-date": ("10:00:00", "date must look like"),
        "timestamp-day-32": ("2026-03-32T10:00:00", "date '2026-03-32' is not a real date"),
        "negative": ("-2026-01-01", "date must look like"),
        "day-00": ("2026-01-00", "date '2026-01-00' is not a real date"),
    }
    for kind, (value, message) in dates.items():
        title = f"Impossible date {kind}"
        yield Case("dates", f"dates/{kind}.md", doc(f"title: {title}\ndate: {value}"), "warning",
                   title, message)


def _titles_and_sizes() -> Iterator[Case]:
    long_title = " ".join(f"word{i}" for i in range(2000))[:10_000]
    cut = long_title[:199].rstrip() + "…"
    titles: list[tuple[str, str, Expect, str, str]] = [
        ("empty.md", "title: ''", "error", "", "the title is empty"),
        ("blank.md", "title: '   '", "error", "", "the title is empty"),
        ("invisible.md", 'title: "\\u200b\\u200d\\u2060"', "error", "", "the title is empty"),
        ("missing.md", "date: 2026-01-01", "error", "", "the entry has no title"),
        ("long.md", f"title: {long_title}", "warning", cut, "the title is 10,000 characters"),
        ("multiline.md", "title: |\n  Line one\n  Line two", "ok", "Line one Line two", ""),
        ("escape-codes.md", 'title: "\\e[31mRed\\e[0m text"', "ok", "[31mRed [0m text", ""),
        ("rtl.md", 'title: "Invoice \\u202egnp.exe"', "ok", "Invoice gnp.exe", ""),
    ]
    for name, front, expect, title, message in titles:
        yield Case("titles", f"titles/{name}", doc(front), expect, title, message)
    yield Case("sizes", "sizes/empty.md", b"", "error", message="the entry has no front matter")
    yield Case("sizes", "sizes/whitespace.md", b" \n\t\n", "error",
               message="the entry has no front matter")
    yield Case("sizes", "sizes/five-mb.md", titled("Five megabytes", body="x" * 5_000_000),
               "error", message="the file is 5,000,")
    head = titled("Exactly one megabyte")
    yield Case("sizes", "sizes/one-mb.md", head + b"y" * (1_000_000 - len(head)), "ok",
               "Exactly one megabyte")
    head = titled("One byte too many")
    yield Case("sizes", "sizes/one-mb-and-one.md", head + b"y" * (1_000_001 - len(head)),
               "error", message="the file is 1,000,001 bytes")
    costly = {
        "mixed": ("[" * 2000 + "*" * 2000 + "_" * 2000 + "<" * 2000 + "`" * 2000 + "\n") * 20
        + "".join(f"{'>' * 50} {'-' * 30} {'#' * 6} [a]({'(' * 40}\n" for _ in range(500)),
        "brackets": "[" * 2000 + "filler " * 40_000,
        "raw-html": '<a href="' * 2000 + "filler " * 40_000,
        "autolinks": "<http://" * 2000 + "filler " * 40_000,
        "cdata": "<![CDATA[" * 700 + "filler " * 40_000,
        "code-spans": "[`" * 1000 + "filler " * 40_000,
        "one-line-lists": "1. " * 4000,
        "indented-lists": "".join(" " * (4 * i) + "- x\n" for i in range(400)),
        "quotes": ">" * 3000 + " deep",
        "headings": "# x\n\n" * 5000,
        "unclosed-fence": "```\n" + "[" * 2000 + "filler " * 40_000,
    }
    for kind, body in costly.items():
        title = f"Costly Markdown {kind}"
        yield Case("sizes", f"sizes/costly-{kind}.md", titled(title, body=body), "warning", title,
                   "the notes are too deeply nested or too costly to render")
    fenced = "```html\n" + '<a href="x">' * 5_000 + "\n```\n\n" + "Plain words. " * 1000
    yield Case("sizes", "sizes/big-fenced-code.md", titled("Big fenced code", body=fenced), "ok",
               "Big fenced code")


def _encodings() -> Iterator[Case]:
    text = "---\ntitle: Encoded {}\n---\nnotes: café ✓\n"
    ok = {
        "utf8-bom": codecs.BOM_UTF8 + text.format("utf8-bom").encode(),
        "double-bom": codecs.BOM_UTF8 * 2 + text.format("double-bom").encode(),
        "utf16-le": text.format("utf16-le").encode("utf-16"),
        "utf16-be": codecs.BOM_UTF16_BE + text.format("utf16-be").encode("utf-16-be"),
        "utf32": text.format("utf32").encode("utf-32"),
        "crlf": text.format("crlf").replace("\n", "\r\n").encode(),
        "lone-cr": text.format("lone-cr").replace("\n", "\r").encode(),
        "mixed-newlines": b"---\r\ntitle: Encoded mixed-newlines\r---\n\r\nnotes\r",
        "form-feed-body": text.format("form-feed-body").encode() + b"\x0c\x0b page break\n",
    }
    for kind, raw in ok.items():
        yield Case("encoding", f"encoding/{kind}.md", raw, "ok", f"Encoded {kind}")
    bad = {
        "latin1-title": (b"---\ntitle: Caf\xe9\n---\n", "the file is not valid UTF-8"),
        "latin1-body": (b"---\ntitle: t\n---\n\n\xe9t\xe9\n", "the file is not valid UTF-8"),
        "cp1252-quotes": (b"---\ntitle: \x93smart\x94\n---\n", "the file is not valid UTF-8"),
        "overlong": (b"---\ntitle: a\xc0\xafb\n---\n", "the file is not valid UTF-8"),
        "encoded-surrogate": (b"---\ntitle: a\xed\xa0\x80\n---\n", "the file is not valid UTF-8"),
        "truncated-utf8": (b"---\ntitle: caf\xc3", "the file is not valid UTF-8"),
        "utf16-no-bom": ("---\ntitle: x\n---\n".encode("utf-16-le"), "the file contains a NUL"),
        "utf16-lone-surrogate": (codecs.BOM_UTF16_LE + "---\ntitle: ".encode("utf-16-le")
                                 + b"\x00\xd8" + "x\n---\n".encode("utf-16-le"),
                                 "the file is not valid UTF-16"),
        "utf16-odd-length": (text.format("odd").encode("utf-16") + b"\x00",
                             "the file is not valid UTF-16"),
        "nul-in-front": (b"---\ntitle: a\x00b\n---\n", "the file contains a NUL byte"),
        "nul-in-body": (b"---\ntitle: t\n---\nbody\x00\n", "the file contains a NUL byte"),
        "binary-png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "the file is not valid UTF-8"),
    }
    for kind, (raw, message) in bad.items():
        yield Case("encoding", f"encoding/{kind}.md", raw, "error", message=message)


def _yaml_attacks() -> Iterator[Case]:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, 12):
        bomb += f"a{i}: &a{i} [{','.join([f'*a{i - 1}' if i > 1 else '*a'] * 9)}]\n"
    attacks = {
        "billion-laughs": (bomb + "title: Bomb", "YAML aliases"),
        "alias": ("base: &b x\ntitle: *b", "YAML aliases"),
        "merge-key": ("base: &b {title: x}\n<<: *b", "YAML aliases"),
        "undefined-alias": ("title: *nowhere", "YAML aliases"),
        "python-apply": ("title: !!python/object/apply:os.system ['touch /tmp/pwned']",
                         "YAML tags like"),
        "python-name": ("title: !!python/name:os.system", "YAML tags like"),
        "python-new": ("title: !!python/object/new:subprocess.Popen [[touch, /tmp/pwned]]",
                       "YAML tags like"),
        "python-module": ("title: !!python/module:os", "YAML tags like"),
        "tag-directive": ("%TAG !py! tag:yaml.org,2002:python/\n--- {title: "
                          "!py!object/apply:os.system [x]}", "YAML tags like"),
        "verbatim-tag": ("title: !<tag:yaml.org,2002:python/object/apply:os.system> [x]",
                         "YAML tags like"),
        "custom-tag": ("title: !Ref Something", "YAML tags like"),
        "binary-tag": ("title: !!binary aGVsbG8=", "YAML tags like"),
        "set-tag": ("title: t\ntags: !!set {a, b}", "YAML tags like"),
        "deep-flow": ("title: " + "[" * 10_000 + "]" * 10_000, "the front matter"),
        "deep-block": ("title: t\nx:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 40)),
                       "the front matter is nested more than 20 levels deep"),
        "deep-30": ("title: " + "[" * 30 + "]" * 30, "the front matter is nested more than 20"),
        "many-keys": ("title: t\n" + "".join(f"k{i}: v\n" for i in range(30_000)).rstrip(),
                      "the front matter has more than 20,000 values"),
        "huge-list": ("title: t\ntags: [" + ",".join(["x"] * 60_000) + "]",
                      "the front matter has more than 20,000 values"),
    }
    for kind, (front, message) in attacks.items():
        yield Case("yaml-attack", f"attacks/{kind}.md", doc(front), "error", message=message)


def _many_values() -> Iterator[Case]:
    many = {
        "3000-tags-string": ("tags: " + ", ".join(f"t{i}" for i in range(3000)), "tags: 3,000"),
        "5000-tags-list": ("tags: [" + ", ".join(f"u{i}" for i in range(5000)) + "]",
                           "tags: 5,000"),
        "1000-tools": ("tools: [" + ", ".join(f"tool{i}" for i in range(1000)) + "]",
                       "tools: 1,000"),
        "1000-authors": ("authors: [" + ", ".join(f"p{i}" for i in range(1000)) + "]",
                         "authors: 1,000"),
        "long-tag": ("tags: [ok, " + "t" * 10_000 + "]", "tags: 'tttt"),
        "500-attempts": ("attempts:\n" + "".join(f"  - tried: approach {i}\n    result: failed\n"
                                                 for i in range(500)).rstrip(),
                         "only the first 100 attempts"),
    }
    for kind, (extra, message) in many.items():
        title = f"Many values {kind}"
        yield Case("many", f"many/{kind}.md", titled(title, extra), "warning", title, message)


def _markup() -> Iterator[Case]:
    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def items(values: tuple[str, ...]) -> str:
        return "[" + ", ".join(quoted(v) for v in values) + "]"

    fields: dict[str, tuple[str, Expect, str, str]] = {
        "title": (f"title: {quoted('Markup ' + ALL)}", "ok", f"Markup {ALL}", ""),
        "tags": (f"title: Markup in tags\ntags: {items(PAYLOADS)}", "ok", "Markup in tags", ""),
        "problem": (f"title: Markup in problem\nproblem: {quoted(BREAKOUT + SVG)}", "ok",
                    "Markup in problem", ""),
        "tools": (f"title: Markup in tools\ntools: {items(PAYLOADS)}", "ok", "Markup in tools", ""),
        "author": (f"title: Markup in author\nauthor: {quoted(SCRIPT)}", "warning",
                   "Markup in author", "author: "),
        "pair": (f"title: Markup in pair\npair: {items((SVG, 'bob'))}", "warning",
                 "Markup in pair", "pair: "),
        "learned-from": (f"title: Markup in learned_from\nlearned_from: {items((IMG,))}",
                         "warning", "Markup in learned_from", "learned_from: "),
        "attempts": (f"title: Markup in attempts\nproblem: data-extraction\nattempts:\n"
                     f"  - tried: {quoted(ALL)}\n    result: failed\n    note: {quoted(ALL)}\n"
                     f"  - tried: {quoted(SCRIPT)}\n    result: worked\n    note: {quoted(SVG)}",
                     "ok", "Markup in attempts", ""),
        "result": (f"title: Markup in result\nattempts:\n  - tried: x\n    result: "
                   f"{quoted(SCRIPT)}", "warning", "Markup in result", "attempt result"),
        "outcome": (f"title: Markup in outcome\noutcome: {quoted(IMG)}", "warning",
                    "Markup in outcome", "outcome "),
        "date": (f"title: Markup in date\ndate: {quoted(SCRIPT)}", "warning", "Markup in date",
                 "date must look like"),
    }
    for kind, (front, expect, title, message) in fields.items():
        yield Case("markup", f"markup/{kind}.md", doc(front), expect, title, message)
    yield Case("markup", "markup/raw-html-body.md", titled("Raw HTML in the notes",
               body=RAW_HTML_BODY), "ok", "Raw HTML in the notes")
    yield Case("markup", "markup/markdown-body.md", titled("Markdown tricks in the notes",
               "problem: data-extraction", body=MARKDOWN_BODY), "ok",
               "Markdown tricks in the notes")
    yield Case("markup", "markup/jinja-body.md", titled("Template syntax {{ 7*7 }}",
               body="{{ config }} {% raw %} ${alert(1)} #{7*7}\n"), "ok",
               "Template syntax {{ 7*7 }}")


# Look-alikes written as escapes, so that this file shows what they are.
_FULLWIDTH = "\uff46\uff55\uff4c\uff4c\uff57\uff49\uff44\uff54\uff48"
_CYRILLIC = "\u0440\u0430"
_NFC = unicodedata.normalize("NFC", "café")
_NFD = unicodedata.normalize("NFD", "café")


def _names() -> Iterator[Case]:
    kept = [
        "100%.md", "%2e%2e.md", "a%2Fb.md", "%00.md", "with space.md", "hash#tag.md",
        "question?.md", "semi;colon.md", "quote'single.md", 'dq"uote.md', "back\\slash.md",
        "colon:name.md", "<img src=x onerror=alert(1)>.md", "CON.md", "nul.md", "aux.md",
        "com1.md", "LPT9.md", "con.txt.md", "index.md", "sub/index.md", "sub.md",
        "-rf.md", "~tilde.md", "$HOME.md", "`id`.md", "UPPER.md", "upper.md", "x.MD",
        "dots...md", "emoji-🔥🔥.md", "Ⅻ-roman.md", _FULLWIDTH + ".md", _CYRILLIC + "ypal-cyrillic.md",
        "zero\u200bwidth.md", "zalgo-e\u0301\u0302\u0303\u0304.md", f"{_NFC}.md", f"{_NFD}.md",
        "n" * 240 + ".md", "ڪ\u200cپ-persian-zwnj.md",
        "deep/" * 10 + "ten-deep.md",
    ]
    for i, name in enumerate(kept):
        title = f"Odd file name {i:02d}"
        yield Case("names", f"names/{name}", titled(title), "ok", title)
    refused = {
        "rtl-\u202efdp.md": "journals/names/rtl-\\u202efdp.md",
        "new\nline.md": "journals/names/new\\x0aline.md",
        "tab\there.md": "journals/names/tab\\x09here.md",
        "\x1b[31mred.md": "journals/names/\\x1b[31mred.md",
        "caf\udce9-latin1.md": "journals/names/caf\\xe9-latin1.md",
        "bad\udcff-folder/inside.md": "journals/names/bad\\xff-folder",
    }
    for name, shown in refused.items():
        yield Case("names", f"names/{name}", titled("Refused name"), "error",
                   message="the name holds control characters", shown=shown)
    yield Case("names", "names/" + "d/" * 17 + "too-deep.md", titled("Too deep"), "error",
               message="folders nested more than 16 deep", shown="journals/names/" + "d/" * 15
               + "d")
    tags = ["../../x", "a/b", "%2e%2e", "%2F", "<script>alert(1)</script>", "CON", "index",
            "..", ".", "/", "\\", "\u202eevil", "p\u200bdf", "\u0440df", "e\u0301", "🔥", _NFC, _NFD,
            "\uff50\uff44\uff46", JS_URL, "#hash", "?q=1", "&amp;", "null", "__proto__", "constructor",
            "toString", "x--1a2b3c", "c", "c++", "c#"]
    for i in range(0, len(tags), 8):
        chunk = tags[i:i + 8]
        title = f"Tricky tags {i // 8}"
        values = ", ".join('"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"' for t in chunk)
        yield Case("tags", f"tags/tricky-{i // 8}.md",
                   titled(title, f"tags: [{values}]\nproblem: {chunk[0]!r}"), "ok", title)
    for i, problem in enumerate(["__proto__", "index", "../x", "CON", "<b>bold</b>"]):
        title = f"Tricky problem type {i}"
        yield Case("tags", f"tags/problem-{i}.md", titled(title, f"problem: {problem!r}"), "ok",
                   title)


def _duplicates_links_folders() -> Iterator[Case]:
    yield Case("duplicates", "dupes/one.md", titled("Same title twice"), "kept", "Same title twice")
    yield Case("duplicates", "dupes/two.md", titled("Same title twice"), "kept", "Same title twice")
    yield Case("duplicates", "dupes/case.md", titled("SAME TITLE twice"), "kept",
               "SAME TITLE twice")
    yield Case("duplicates", "dupes/good-copy.md", titled("Good entry 00 about data extraction"),
               "kept", "Good entry 00 about data extraction")
    links: dict[str, tuple[str, Expect, str]] = {
        "outside.md": ("outside", "error", "this symlink points outside the repository"),
        "outside-dir": ("outside-dir", "error", "this symlink points outside the repository"),
        "passwd.md": ("absolute", "error", "this symlink points outside the repository"),
        "dotdot.md": ("../../../outside/secret.md", "error", "this symlink points outside"),
        "missing.md": ("missing", "error", "this symlink points to nothing"),
        "loop.md": ("loop", "error", "this symlink points to nothing"),
        "git-config.md": ("git", "error", "this path leads into .git, git's own folder"),
        "pipe.md": ("fifo", "error", "this is not a regular file"),
        "inside-dir": ("2025", "ignored", "linked folders are not followed"),
    }
    for name, (link, expect, message) in links.items():
        yield Case("symlinks", f"links/{name}", expect=expect, message=message, link=link)
    yield Case("symlinks", "links/inside.md", expect="kept",
               title="Good entry 01 about summarising", link="2025/good-01.md")
    folders = [
        ("folder.md/inside.md", "Inside a folder named like an entry"),
        ("deep.md/deeper.md/x.md", "Inside two folders named like entries"),
        ("index/index.md", "Index inside index"),
        ("2026.md", "A file named like the 2026 folder"),
    ]
    for name, title in folders:
        yield Case("folders", f"folders/{name}", titled(title), "ok", title)
    yield Case("folders", "folders/2026/index.md", titled("Index of the 2026 folder"), "ok",
               "Index of the 2026 folder")
    # Jekyll's posts are .markdown: an entry like any other (an UPPER-case suffix too).
    for name in ("entry.markdown", "ENTRY.MARKDOWN"):
        yield Case("folders", f"other/{name}", titled(f"Markdown extension {name}"), "ok",
                   f"Markdown extension {name}")
    others = {
        "notes.docx": b"PK\x03\x04",
        "picture.svg": b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        "page.html": b"<script>alert(1)</script>",
        "archive.zip": b"PK\x03\x04",
        "entry.md.bak": titled("Backup"),
        "entry.md~": titled("Editor backup"),
        "README": b"readme",
        "run.sh": b"#!/bin/sh\ntouch /tmp/pwned\n",
        "empty.md/notes.docx": b"a folder named like an entry holding no entry",
    }
    for name, raw in others.items():
        yield Case("non-markdown", f"other/{name}", raw, "ignored",
                   message="only Markdown entries and these attachment types are published")


def cases() -> tuple[Case, ...]:
    """Every case, good entries first."""
    return (*_good(), *_front_matter(), *_wrong_types(), *_keys_and_dates(),
            *_titles_and_sizes(), *_encodings(), *_yaml_attacks(), *_many_values(), *_markup(),
            *_names(), *_duplicates_links_folders())


def write_case(case: Case, journals: Path) -> None:
    """Put one case on disk under ``journals`` (outside targets go next to the project)."""
    path = journals / case.name
    path.parent.mkdir(parents=True, exist_ok=True)
    outside = journals.parent.parent / "outside"
    if case.link in ("outside", "outside-dir") or (case.link or "").startswith(".."):
        outside.mkdir(exist_ok=True)
        (outside / "secret.md").write_text("---\ntitle: Secret from outside\n---\n",
                                           encoding="utf-8")
    if case.link is None:
        path.write_bytes(case.content)
    elif case.link == "fifo":
        os.mkfifo(path)
    elif case.link == "loop":
        os.symlink(path, path)
    elif case.link == "missing":
        os.symlink(journals / "no-such-file.md", path)
    elif case.link == "absolute":
        os.symlink("/etc/passwd", path)
    elif case.link == "git":
        secret = path.parent / ".git" / "config"
        secret.parent.mkdir(exist_ok=True)
        secret.write_text("---\ntitle: Secret from .git\n---\n", encoding="utf-8")
        os.symlink(secret, path)
    elif case.link in ("outside", "outside-dir"):
        os.symlink(outside if case.link == "outside-dir" else outside / "secret.md", path)
    elif case.link.startswith(".."):
        os.symlink(case.link, path)
    else:
        os.symlink(journals / case.link, path)


def write_corpus(journals: Path) -> Corpus:
    """Write every case under ``journals``; the project is ``journals.parent``."""
    corpus = Corpus(cases())
    for case in corpus.cases:
        write_case(case, journals)
    return corpus
