"""Split a file into front matter and body, and read the front matter without trusting it.

Why not ``frontmatter.load`` or MkDocs' ``get_data``: they either swallow YAML errors or raise
without a line number, and ``yaml.safe_load`` still builds dates (``2026-02-30`` raises a bare
``ValueError``) and expands aliases. Here YAML is only *parsed* into events (libyaml's C parser
where installed) and a few lines of our own turn them into plain ``str``/``list``/``dict`` values,
without recursion: no tag is ever executed, the first alias stops the parse (so an alias bomb
costs nothing), the node count and nesting depth are capped as the events arrive (so a huge or
deeply nested document is refused after reading only its beginning), and every value keeps the
file line it came from.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import TypeAlias

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_NODES = 20_000
MAX_DEPTH = 20

#: Scalars are text, but in a file another tool owns (``foreign``), where plain ``true``, ``3`` and
#: ``0.5`` are read as YAML's core schema reads them.
Value: TypeAlias = "str | bool | int | float | list[Value] | dict[str, Value] | None"

_CORE = "tag:yaml.org,2002:"
# Tags that only restate what a plain value already is. Anything else (``!!python/...``,
# ``!!binary``, ``!!set``, custom ``!Ref``) asks a loader to build something, so it is refused.
_ALLOWED_TAGS = frozenset(
    {"!"} | {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


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


@dataclass
class Field:
    """A front-matter value with the file line and column it was written at."""

    value: Value
    line: int
    col: int
    items: list[Field] = field(default_factory=list)


@dataclass(frozen=True)
class Note:
    """Something odd but harmless in the front matter (a repeated key): a warning, not an error."""

    message: str
    hint: str
    line: int
    col: int


@dataclass(frozen=True)
class FrontMatter:
    """The top-level fields by name, and the notes gathered while reading them."""

    fields: dict[str, Field]
    notes: tuple[Note, ...] = ()


def decode(raw: bytes) -> str:
    """Decode contributor bytes: UTF-8 (BOM or not), UTF-16 or UTF-32 with a BOM; newlines
    become LF."""
    encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), "utf-8-sig")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8-sig":
            line = raw[: exc.start].count(b"\n") + 1
        else:
            line = raw[: exc.start].decode(encoding, "replace").count("\n") + 1
        raise FrontMatterError(
            f"the file is not valid {encoding.upper().replace('-SIG', '')}",
            "save it as UTF-8 (most editors: File > Save with encoding > UTF-8)",
            line,
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise FrontMatterError(
            "the file contains a NUL byte, so it is binary, not Markdown",
            "remove the stray byte, save UTF-16 text as UTF-8, or move non-Markdown files out "
            "of the journals folder",
            line,
        )
    # Some editors write a second BOM when a file is re-saved; it would hide the first '---'.
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> Source:
    """Find the ``---`` fenced front matter at the top of ``text``."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
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


def parse_front(front: str) -> FrontMatter:
    """Parse front-matter text (starting at file line 2) into fields keyed by name, with notes."""
    return _parse(front, 2, "the front matter").result()


def parse_document(
    text: str, what: str, max_nodes: int = MAX_NODES, *, foreign: bool = False
) -> tuple[Field | None, tuple[Note, ...]]:
    """A whole YAML file (``contributors.yml``) read as carefully as front matter, lines counted
    from 1; ``what`` names the file in messages. The root value (``None`` for an empty file) and
    the notes.

    ``foreign``: the file belongs to another tool (``mkdocs.yml``), whose tags and aliases are
    its own business: a tagged value or an alias is read as ``None`` instead of refused (still
    never run or expanded), and plain scalars get YAML's types (``true``, ``3``, ``0.5``)."""
    builder = _parse(text, 1, what, max_nodes, foreign)
    return builder.root, tuple(builder.notes)


def _parse(
    front: str, first_line: int, what: str, max_nodes: int = MAX_NODES, foreign: bool = False
) -> _Builder:
    builder = _Builder(first_line, what, max_nodes, foreign)
    try:
        for event in yaml.parse(front, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + first_line, mark.column + 1) if mark else (first_line, 0)
        raise FrontMatterError(
            f"{what} is not valid YAML: {exc.problem or exc.context}",
            "check quotes, colons and indentation on this line; wrap text with ':' in quotes",
            line,
            col,
        ) from None
    except yaml.reader.ReaderError as exc:
        raise FrontMatterError(
            f"{what} contains a control character (#x{exc.character:04x}) that YAML "
            "does not allow" if isinstance(exc.character, int)
            else f"{what} contains a character that YAML does not allow",
            "delete the invisible character, or write it as an escape inside double quotes",
            # libyaml counts UTF-8 bytes, PyYAML's own reader characters.
            _position_text(front, exc.position).count("\n") + first_line,
        ) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(
            f"{what} could not be read: {type(exc).__name__}",
            f"simplify {what} to plain 'key: value' lines",
            first_line,
        ) from None
    return builder


_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCT = yaml.constructor.SafeConstructor()
_TYPED = {
    _CORE + "bool": _CONSTRUCT.construct_yaml_bool,
    _CORE + "int": _CONSTRUCT.construct_yaml_int,
    _CORE + "float": _CONSTRUCT.construct_yaml_float,
}


def _typed(value: str) -> Value:
    """A plain scalar as YAML's core schema types it: booleans and numbers; the rest as text."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    construct = _TYPED.get(tag)
    typed: Value = construct(yaml.ScalarNode(tag, value)) if construct else value
    return typed


def _position_text(front: str, position: int) -> str:
    if yaml.__with_libyaml__:
        return front.encode("utf-8")[:position].decode("utf-8", "replace")
    return front[:position]


class _Open:
    """A sequence or mapping whose end event has not arrived yet."""

    def __init__(self, is_map: bool, line: int, col: int, dropped: bool = False) -> None:
        self.is_map, self.line, self.col, self.dropped = is_map, line, col, dropped
        self.items: list[Field] = []
        self.fields: dict[str, Field] = {}
        self.has_key = False
        self.key: Field | None = None


class _Builder:
    """Turns parser events into :class:`Field` values with an explicit stack, never recursing."""

    def __init__(self, first_line: int, what: str, max_nodes: int, foreign: bool) -> None:
        self.first_line, self.what, self.max_nodes = first_line, what, max_nodes
        self.foreign = foreign
        self.stack: list[_Open] = []
        self.root: Field | None = None
        self.top: dict[str, Field] = {}
        self.notes: list[Note] = []
        self.nodes = 0
        self.documents = 0

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            return
        mark = event.start_mark
        what = self.what
        line, col = (mark.line + self.first_line, mark.column + 1) if mark else (
            self.first_line, 0)
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise FrontMatterError(f"{what} holds more than one YAML document",
                                       f"remove the '---' line inside {what}", line, col)
            return
        if isinstance(event, yaml.AliasEvent):
            if self.foreign:
                self._attach(Field(None, line, col))
                return
            raise FrontMatterError(f"YAML aliases (&name / *name) are not allowed in {what}",
                                   "write the value out in full", line, col)
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            self._close()
            return
        if not isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            return
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise FrontMatterError(f"{what} has more than {self.max_nodes:,} values",
                                   f"keep {what} to the fields in the format reference",
                                   line, col)
        tag = event.tag
        dropped = tag is not None and tag not in _ALLOWED_TAGS
        if dropped and not self.foreign:
            raise FrontMatterError(f"YAML tags like {tag!r} are not allowed",
                                   "remove the '!' tag and write a plain value", line, col)
        if isinstance(event, yaml.ScalarEvent):
            plain = tag is None and event.implicit[0]
            null = dropped or tag == _CORE + "null" or (plain and event.value in _NULLS)
            value = None if null else _typed(event.value) if plain and self.foreign else event.value
            self._attach(Field(value, line, col))
            return
        if len(self.stack) >= MAX_DEPTH:
            raise FrontMatterError(f"{what} is nested more than {MAX_DEPTH} levels deep",
                                   f"keep {what} to the fields in the format reference",
                                   line, col)
        self.stack.append(_Open(isinstance(event, yaml.MappingStartEvent), line, col, dropped))

    def _close(self) -> None:
        done = self.stack.pop()
        if done.is_map:
            items = list(done.fields.values())
            value: Value = {name: f.value for name, f in done.fields.items()}
            if not self.stack:
                self.top = done.fields
        else:
            items = done.items
            value = [f.value for f in items]
        if done.dropped:
            value, items = None, []
        self._attach(Field(value, done.line, done.col, items))

    def _attach(self, child: Field) -> None:
        if not self.stack:
            self.root = child
            return
        parent = self.stack[-1]
        if not parent.is_map:
            parent.items.append(child)
        elif not parent.has_key:
            parent.has_key = True
            parent.key = child if isinstance(child.value, str) else None
            if parent.key is None:
                self.notes.append(Note("a key must be plain text; this one and its value are "
                                       "ignored", "write keys like 'title:' or 'tags:'",
                                       child.line, child.col))
        else:
            parent.has_key = False
            if parent.key is not None:
                name = str(parent.key.value)
                if name in parent.fields:
                    self.notes.append(Note(f"{name!r} is given more than once; the last one is "
                                           "used", "delete the other one",
                                           parent.key.line, parent.key.col))
                parent.fields[name] = child

    def result(self) -> FrontMatter:
        if self.root is None or self.root.value is None:
            return FrontMatter({})
        if not isinstance(self.root.value, dict):
            raise FrontMatterError(
                "the front matter must be a list of 'key: value' lines",
                "write e.g. 'title: My entry' between the '---' lines",
                self.root.line,
                self.root.col,
            )
        return FrontMatter(self.top, tuple(self.notes))
