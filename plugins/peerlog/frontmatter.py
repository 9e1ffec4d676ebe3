"""Split a file into front matter and body, and read the front matter without trusting it.

Why not ``frontmatter.load`` or MkDocs' ``get_data``: they either swallow YAML errors or raise
without a line number, and ``yaml.safe_load`` still builds dates (``2026-02-30`` raises a bare
``ValueError``) and expands aliases. Here YAML is only *composed* into nodes (libyaml's C parser
where installed), then turned into plain ``str``/``list``/``dict`` values by a few lines of our own:
no tag is ever executed, an alias is refused before anything is expanded (so an alias bomb costs
nothing), and every value keeps the file line it came from.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Union

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_NODES = 20_000
MAX_DEPTH = 20

Value = Union[str, list["Value"], dict[str, "Value"], None]


class FrontMatterError(Exception):
    """Raised (and caught by the entry parser) with a 1-based file line and column."""

    def __init__(self, message: str, hint: str, line: int = 1, col: int = 0) -> None:
        super().__init__(message)
        self.message, self.hint, self.line, self.col = message, hint, line, col


@dataclass(frozen=True)
class Source:
    """A decoded file: the front-matter text, the body, and where each starts."""

    front: str | None
    body: str
    body_line: int
    notes: tuple[str, ...] = field(default=())


def decode(raw: bytes) -> str:
    """Decode contributor bytes: UTF-8 (BOM or not) or UTF-16 with a BOM; newlines become LF."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise FrontMatterError(
                "the file is not valid UTF-8",
                "save it as UTF-8 (most editors: File > Save with encoding > UTF-8)",
                line,
            ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise FrontMatterError(
            "the file contains a NUL byte, so it is binary, not Markdown",
            "remove the stray byte or move non-Markdown files out of the journals folder",
            line,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> Source:
    """Find the ``---`` fenced front matter at the top of ``text``."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return Source(front=None, body=text, body_line=1)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return Source(
                front="\n".join(lines[1:i]),
                body="\n".join(lines[i + 1 :]),
                body_line=i + 2,
            )
    raise FrontMatterError(
        "the front matter starts with '---' but never ends",
        "add a line with just '---' after the last field",
        1,
    )


@dataclass
class Field:
    """A front-matter value with the file line and column it was written at."""

    value: Value
    line: int
    col: int
    items: list[Field] = field(default_factory=list)


def parse_mapping(front: str) -> dict[str, Field]:
    """Parse front-matter text (starting at file line 2) into fields keyed by name."""
    try:
        node = yaml.compose(front, Loader=_Loader)  # noqa: S506 - compose only, never constructs
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 2, mark.column + 1) if mark else (2, 0)
        raise FrontMatterError(
            f"the front matter is not valid YAML: {exc.problem or exc.context}",
            "check quotes, colons and indentation on this line; wrap text with ':' in quotes",
            line,
            col,
        ) from None
    except (yaml.YAMLError, RecursionError, MemoryError) as exc:
        raise FrontMatterError(
            f"the front matter could not be read: {type(exc).__name__}",
            "simplify the front matter to plain 'key: value' lines",
            2,
        ) from None
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(
            "the front matter must be a list of 'key: value' lines",
            "write e.g. 'title: My entry' between the '---' lines",
            node.start_mark.line + 2,
            node.start_mark.column + 1,
        )
    converter = _Converter()
    result: dict[str, Field] = {}
    for k_node, v_node in node.value:
        k = converter.convert(k_node, 1)
        if not isinstance(k.value, str):
            raise FrontMatterError(
                "a front-matter key must be a plain word",
                "write keys like 'title:' or 'tags:'",
                k.line,
                k.col,
            )
        result[k.value] = converter.convert(v_node, 1)
    return result


class _Converter:
    """Turns composed YAML nodes into plain values, refusing aliases, tags and huge documents."""

    def __init__(self) -> None:
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, depth: int) -> Field:
        line, col = node.start_mark.line + 2, node.start_mark.column + 1
        if id(node) in self.seen:
            raise FrontMatterError(
                "YAML aliases (&name / *name) are not allowed in front matter",
                "write the value out in full",
                line,
                col,
            )
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES or depth > MAX_DEPTH:
            raise FrontMatterError(
                "the front matter is too large or too deeply nested",
                "keep front matter to the fields in the format reference",
                line,
                col,
            )
        tag = node.tag or ""
        if tag.startswith("tag:yaml.org,2002:python") or not tag.startswith("tag:yaml.org,2002:"):
            raise FrontMatterError(
                f"YAML tags like {tag!r} are not allowed",
                "remove the '!' tag and write a plain value",
                line,
                col,
            )
        if isinstance(node, yaml.ScalarNode):
            is_null = tag == "tag:yaml.org,2002:null" and not node.style
            return Field(None if is_null else str(node.value), line, col)
        if isinstance(node, yaml.SequenceNode):
            items = [self.convert(child, depth + 1) for child in node.value]
            return Field([i.value for i in items], line, col, items)
        mapping: dict[str, Value] = {}
        children: list[Field] = []
        for k_node, v_node in node.value:
            k = self.convert(k_node, depth + 1)
            v = self.convert(v_node, depth + 1)
            mapping[str(k.value)] = v.value
            children.append(v)
        return Field(mapping, line, col, children)
