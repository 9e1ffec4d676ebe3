"""Parsed journal files kept on disk between runs, keyed by their content, as plain JSON.

A pull request's check reads the whole knowledge base (the checks across entries need every
entry), but changes a few files: with the cache saved by the main branch's last run, only the
files whose text changed are parsed again. A record is found by the file's path (problems and
entries carry it) and the SHA-256 of its decoded text, which is all a parse sees; the file as a
whole is valid only for the same peerlog (its version and a digest of the code that parses, so
a change to the parser never reads old records), the same journals folder and the same format.

The cache can be written by a pull request's job, so it is hostile input like every other file:

- never pickle: JSON only, and every record is rebuilt field by field from the dataclasses'
  own type hints, refusing any value of the wrong type (a string where a date goes, a bool
  where a line number goes, an unknown result word);
- read through :func:`~peerlog.read.untrusted.read_bytes` (no symlink out of the folder, no
  pipe, at most :data:`MAX_CACHE_BYTES`);
- the body is checked against the SHA-256 its header names, so a file edited or cut short is
  refused whole; a record whose path is not its key is refused too.

A cache that is refused is ignored with a :attr:`ParseStore.notice` (never a traceback): the
run parses everything, so its results are those of a run without the cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from peerlog.base.problems import Problem
from peerlog.read.confirmations import Confirmation
from peerlog.read.entries import Entry, Positions
from peerlog.read.untrusted import Refused, create, read_bytes

#: Bump when the layout of the file changes.
FORMAT = 1
FILE_NAME = "parsed.json"
#: 10,000 entries of 400 words take some 40 MB; past this size the cache is refused unread.
MAX_CACHE_BYTES = 400_000_000
#: The code a record depends on: the readers and what they use.
_PARSER_FOLDERS = ("base", "read")

Parsed = tuple[Entry | Confirmation | None, tuple[Problem, ...]]


class _Bad(ValueError):
    """A value in the cache is not what the record's type says."""


def parser_digest() -> str:
    """peerlog's version and the SHA-256 of its reading code: a record from any other peerlog
    is never used (the version alone stays the same while the code changes)."""
    try:
        version = metadata.version("peerlog")
    except metadata.PackageNotFoundError:
        version = "unknown"
    digest = hashlib.sha256(version.encode())
    package = Path(__file__).resolve().parent.parent
    for folder in _PARSER_FOLDERS:
        for source in sorted((package / folder).glob("*.py")):
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return f"{version}+{digest.hexdigest()[:16]}"


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ParseStore:
    """The records of one cache folder: :meth:`get` what a file's text parsed to, :meth:`put`
    what it parses to now, :meth:`save` the records of this run's files.

    ``parsed`` and ``reused`` count this run's files: parsed anew, or taken from the cache.
    ``notice`` says why an existing cache was not used (``""`` when it was, or there was none).
    """

    def __init__(self, root: Path, folder: str, journals: str) -> None:
        """The cache in ``root/folder``: read and written through
        :mod:`~peerlog.read.untrusted` from ``root``, so a ``folder`` inside the project that a
        pull request made a symlink out of it is refused, never followed (``root`` is trusted:
        the project, or a cache folder of the user's own outside it, with ``folder`` "")."""
        self.root = root
        self.folder = folder
        self.file = f"{folder}/{FILE_NAME}" if folder else FILE_NAME
        self.header = {"format": FORMAT, "peerlog": parser_digest(), "journals": journals}
        self.parsed = 0
        self.reused = 0
        self.notice = ""
        self._old: dict[str, tuple[str, Any, Parsed]] = {}
        self._new: dict[str, tuple[str, Any]] = {}
        self._load()

    def get(self, path: str, text: str) -> Parsed | None:
        """What ``path`` with this text parsed to last time, if the cache has it."""
        digest = text_digest(text)
        old = self._old.get(path)
        if old is None or old[0] != digest:
            return None
        self.reused += 1
        self._new[path] = (digest, old[1])
        return old[2]

    def put(self, path: str, text: str, parsed: Parsed) -> None:
        """Remember what ``path`` with this text parses to, for :meth:`save`."""
        self.parsed += 1
        self._new[path] = (text_digest(text), _encode_parsed(parsed))

    def save(self) -> None:
        """Write the records of the files this run read (and only those), atomically; nothing
        when they are the cache's own already."""
        if not self.parsed and self._new.keys() == self._old.keys():
            return
        body = json.dumps({path: [digest, record] for path, (digest, record)
                           in sorted(self._new.items())}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        header = dict(self.header, sha256=hashlib.sha256(body).hexdigest())
        text = json.dumps(header, sort_keys=True) + "\n" + body.decode("utf-8") + "\n"
        temporary = f"{self.file}.{os.getpid()}-{time.time_ns()}.tmp"
        self.root.mkdir(parents=True, exist_ok=True)  # trusted; create() makes the rest
        create(self.root, temporary, text)
        os.replace(self.root / temporary, self.root / self.file)

    def _load(self) -> None:
        try:
            raw = read_bytes(self.root, self.file, MAX_CACHE_BYTES)
        except Refused as exc:
            if os.path.lexists(self.root / self.file):
                self._refuse(exc.message)
            return
        except OSError as exc:
            self._refuse(f"it cannot be read: {exc.strerror}")
            return
        head, _, body = raw.partition(b"\n")
        try:
            header = _json(head)
            if not isinstance(header, dict) or header.get("format") != FORMAT:
                raise _Bad("it is not a peerlog cache of this format")
            if {k: header.get(k) for k in self.header} != self.header:
                self.notice = (f"the cache {self.file} is from another peerlog or journals "
                               "folder: every file is parsed")
                return
            if header.get("sha256") != hashlib.sha256(body.rstrip(b"\n")).hexdigest():
                raise _Bad("its contents do not match their checksum")
            records = _json(body)
            if not isinstance(records, dict):
                raise _Bad("it holds no records")
            self._old = {path: _record(path, value) for path, value in records.items()}
        except (_Bad, ValueError, TypeError, KeyError) as exc:
            self._refuse(str(exc))

    def _refuse(self, why: str) -> None:
        self._old = {}
        self.notice = f"the cache {self.file} is ignored, and every file is parsed: {why}"


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _Bad("it is not a peerlog cache (not JSON in UTF-8)") from None


def _record(path: str, value: Any) -> tuple[str, Any, Parsed]:
    """A digest, the record as JSON (to save again as it is) and the record rebuilt; every
    record is rebuilt when the cache is read, so one bad record refuses the whole cache."""
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)):
        raise _Bad(f"the record for {path} is not a digest and a record")
    try:
        return value[0], value[1], _decode_parsed(value[1], path)
    except (_Bad, TypeError, ValueError, KeyError) as exc:
        raise _Bad(f"the record for {path} is not valid: {exc}") from None


def _encode_parsed(parsed: Parsed) -> dict[str, Any]:
    record, problems = parsed
    kind = ("entry" if isinstance(record, Entry) else
            "confirmation" if isinstance(record, Confirmation) else "none")
    return {"kind": kind, "record": None if record is None else encode(record),
            "problems": [encode(p) for p in problems]}


def _decode_parsed(data: Any, path: str) -> Parsed:
    if not isinstance(data, dict):
        raise _Bad("not a mapping")
    kinds: dict[str, type[Entry] | type[Confirmation] | None] = {
        "entry": Entry, "confirmation": Confirmation, "none": None}
    kind = kinds[data["kind"]]
    record = None if kind is None else decode(kind, data["record"])
    problems = decode(tuple[Problem, ...], data["problems"])
    if (record is not None and record.path != path) or any(p.path != path for p in problems):
        raise _Bad("it names another file")
    return record, problems


def encode(value: Any) -> Any:
    """A record as JSON values: dataclasses as mappings of their fields, tuples and mappings
    as lists (a mapping as ``[key, value]`` pairs, since its keys may be tuples), dates as ISO
    text."""
    if isinstance(value, Positions):  # rows, not pairs of lists: some 20 in every entry
        return {"fields": [[name, *at] for name, at in value.fields.items()],
                "values": [[*written, *at] for written, at in value.values.items()]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return [[encode(k), encode(v)] for k, v in value.items()]
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    return value


def decode(kind: Any, data: Any) -> Any:
    """``data`` rebuilt as ``kind`` (a type hint), or :class:`_Bad` for any value of the wrong
    type: the inverse of :func:`encode`, strict because the file may have been written by
    anyone."""
    return _decoder(kind)(data)


Decoder = Callable[[Any], Any]
_DECODERS: dict[Any, Decoder] = {}


def _decoder(kind: Any) -> Decoder:
    """The decoder of a type hint, worked out once: a cache holds some ten thousand records of
    a hundred values each, and looking at the hint again for every value costs more than the
    parse it saves."""
    found = _DECODERS.get(kind)
    if found is None:
        found = _DECODERS[kind] = _make_decoder(kind)
    return found


def _make_decoder(kind: Any) -> Decoder:
    if kind is Positions:
        return lambda data: Positions(*_fields_of(data, ("fields", "values"),
                                                  (_positions(1), _positions(2))))
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        names = tuple(f.name for f in dataclasses.fields(kind))
        decoders = tuple(_decoder(hints[name]) for name in names)
        return lambda data: kind(*_fields_of(data, names, decoders))
    origin, args = get_origin(kind), get_args(kind)
    if origin in (Union, types.UnionType):
        options = tuple(_decoder(a) for a in args if a is not type(None))
        return lambda data: (None if data is None and type(None) in args
                             else _first_fitting(options, data))
    if origin is Literal:
        return lambda data: _checked(data, isinstance(data, str) and data in args, kind)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] is str:  # most of a record: tags, authors, links
            return lambda data: tuple(_checked(data, type(data) is list and all(
                type(item) is str for item in data), tuple[str, ...]))
        item = _decoder(args[0])
        return lambda data: tuple(map(item, _list(data)))
    if origin is tuple:
        items = tuple(_decoder(a) for a in args)
        return lambda data: tuple(d(v) for d, v in zip(items, _list(data, len(items)),
                                                       strict=True))
    if origin is dict:
        key, value = _decoder(args[0]), _decoder(args[1])
        return lambda data: {key(k): value(v) for k, v in map(_pair, _list(data))}
    if kind in _SCALARS:
        return _SCALARS[kind]
    raise _Bad(f"no rule for {kind}")


def _positions(names: int) -> Decoder:
    """The decoder of a :class:`Positions` mapping, written flat by :func:`encode` as rows of
    ``names`` strings (the field, and the value's key) and a line and a column."""

    def rows(data: Any) -> dict[Any, tuple[int, int]]:
        found: dict[Any, tuple[int, int]] = {}
        for row in _list(data):
            if not (type(row) is list and len(row) == names + 2
                    and all(type(part) is str for part in row[:names])
                    and type(row[-2]) is int and type(row[-1]) is int):
                raise _Bad(f"{row!r} is not a position")
            found[row[0] if names == 1 else tuple(row[:names])] = (row[-2], row[-1])
        return found

    return rows


def _checked(data: Any, fits: bool, kind: Any) -> Any:
    if not fits:
        raise _Bad(f"{data!r} is not a {getattr(kind, '__name__', kind)}")
    return data


_SCALARS: dict[Any, Decoder] = {
    str: lambda v: _checked(v, type(v) is str, str),
    int: lambda v: _checked(v, type(v) is int, int),
    bool: lambda v: _checked(v, type(v) is bool, bool),
    datetime: lambda v: datetime.fromisoformat(_checked(v, type(v) is str, datetime)),
    date: lambda v: date.fromisoformat(_checked(v, type(v) is str and len(v) == 10, date)),
}


def _first_fitting(options: tuple[Decoder, ...], data: Any) -> Any:
    for option in options:
        try:
            return option(data)
        except (_Bad, ValueError):
            continue
    raise _Bad(f"{data!r} fits no type of its field")


def _fields_of(
    data: Any, names: tuple[str, ...], decoders: tuple[Decoder, ...]
) -> list[Any]:
    """The values of a record's fields in order, each decoded; exactly those fields."""
    if not isinstance(data, dict) or len(data) != len(names):
        raise _Bad("the fields are not the record's fields")
    try:
        return [decode_field(data[name]) for name, decode_field in zip(names, decoders,
                                                                        strict=True)]
    except KeyError:
        raise _Bad("the fields are not the record's fields") from None


def _list(data: Any, length: int | None = None) -> list[Any]:
    if type(data) is not list:
        raise _Bad(f"{type(data).__name__} where a list goes")
    if length is not None and len(data) != length:
        raise _Bad(f"{len(data)} values where {length} go")
    return data


def _pair(item: Any) -> list[Any]:
    if type(item) is not list or len(item) != 2:
        raise _Bad("not a key and a value")
    return item
