"""Keys, slugs and URLs for names contributors type by hand.

Contributors write ``Prompting``, ``prompting `` and ``PROMPTING`` (and NFC or NFD forms) for one
topic, so everything that groups by name groups by :func:`key`. Everything that becomes a path
goes through :func:`slug`, which can only produce a single safe path segment: no slashes, no
``..``, no percent signs, no Windows-reserved names, never ``index`` (which would take the place
of a folder's index page), at most 120 bytes. Slugs stay readable; when several keys would share
one, one keeps it and the others get a ``--`` suffix derived from the key itself (the rule is in
:func:`unique_slugs`), so an existing page keeps its URL when a colliding name appears, and a
suffixed URL can never equal another name's plain slug (which never holds ``--``).

File names are shown in messages with :func:`shown_name`, because a name on disk may hold bytes
that are not UTF-8, control characters or bidirectional overrides that would garble or disguise
the line it is printed on.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable

_SEPARATORS = re.compile("[\\s_\\-\u2010-\u2015]+", re.UNICODE)
_NOT_SLUG = re.compile(r"[^\w-]+", re.UNICODE)
_DASHES = re.compile(r"-{2,}")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Windows device names, and "index", which MkDocs reads as the folder's own page.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "index"]
    + [f"com{i}" for i in range(10)]
    + [f"lpt{i}" for i in range(10)]
)
# C0 and C1 controls, bidirectional embeddings, overrides and isolates, and the lone surrogates
# that stand for undecodable bytes in names read from disk.
_UNSAFE_IN_NAMES = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# What XML 1.0 cannot hold: most C0 controls, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_SLUG = 80
MAX_SLUG_BYTES = 120


def clean(text: str) -> str:
    """NFC-normalise, drop invisible and control characters, collapse white space."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids, which lxml (feeds, GraphML) refuses
    outright: a name from a git trailer may hold an escape character."""
    return _NOT_XML.sub("", text)


# Every layer keys the same few thousand names over and over (a serve rebuild at 10,000
# entries calls this about half a million times); the cache is bounded.
@functools.lru_cache(maxsize=1 << 16)
def key(name: str) -> str:
    """The identity of a tag, problem type or handle: case-, space- and Unicode-insensitive."""
    folded = unicodedata.normalize("NFKC", clean(name)).casefold()
    return _SEPARATORS.sub("-", folded).strip("-")


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:6]


def slug(name: str) -> str:
    """A readable, safe single path segment for ``name`` (never empty, never ``.``/``..``)."""
    k = key(name)
    ascii_form = unicodedata.normalize("NFKD", k)
    ascii_form = "".join(ch for ch in ascii_form if not unicodedata.combining(ch))
    s = _DASHES.sub("-", _NOT_SLUG.sub("-", ascii_form)).strip("-")[:MAX_SLUG]
    while len(s.encode("utf-8")) > MAX_SLUG_BYTES:
        s = s[:-1]
    s = s.strip("-")
    if not any(ch.isalnum() for ch in s):
        return "x-" + short_hash(k)
    return s + "-" if s in _RESERVED else s


#: What counts as a Markdown file, as MkDocs and Jekyll see it (Jekyll posts are ``.markdown``).
MARKDOWN_SUFFIXES = (".md", ".markdown")


def markdown_stem(name: str) -> str | None:
    """``name`` without its Markdown suffix (any case), or ``None`` if it is not Markdown."""
    lower = name.lower()
    for suffix in MARKDOWN_SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return None


def unsafe_name(name: str) -> bool:
    """Whether a file name holds characters that have no business in a path (see
    :func:`shown_name`)."""
    return _UNSAFE_IN_NAMES.search(name) is not None


def shown_name(name: str) -> str:
    """``name`` fit to print on one line: undecodable bytes as ``\\xNN``, control characters and
    bidirectional overrides as ``\\xNN`` / ``\\uNNNN``."""
    return _UNSAFE_IN_NAMES.sub(_escape, name)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def unique_slugs(
    keys: Iterable[str], slug_of: Callable[[str], str] = slug,
    written_as: Callable[[str], str] = str,
) -> dict[str, str]:
    """Give every key its own URL segment, stable as other names come and go.

    ``keys`` come in order of age, oldest first (the order their entries were written in).
    Of the keys that want one slug, the key already written as that slug keeps it (``pdf`` for
    ``pdf``, whatever ``pdf!`` or ``PDF?`` appear later); when none is, the oldest does. Every
    other key gets ``--`` and a hash of itself, which never equals a plain slug (those never
    hold ``--``) and never changes. No history is needed: a key written as its slug never
    moves, and an older key moves only for a newcomer that is written as their slug.
    ``slug_of`` makes the wanted slug and ``written_as`` the form compared with it (for
    entries, the path without ``.md``)."""
    by_slug: dict[str, list[str]] = {}
    for k in dict.fromkeys(keys):
        by_slug.setdefault(slug_of(k), []).append(k)
    result: dict[str, str] = {}
    for s, ks in by_slug.items():
        owner = next((k for k in ks if written_as(k) == s), ks[0])
        for k in ks:
            result[k] = s if k == owner else f"{s}--{short_hash(k)}"
    return result


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The site-relative URL MkDocs gives a page at ``src_uri`` (``a/b.md`` -> ``a/b/``)."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url``, both site-relative.

    Plain segment arithmetic: ``posixpath.relpath`` asks the OS for the working directory on
    every call, and a large site makes tens of thousands of links."""
    here = from_url.split("/")[:-1]
    there = to_url.split("/")
    common = 0
    for a, b in zip(here, there[:-1], strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:])
    return rel or "./"


#: What a spreadsheet reads as the start of a formula (OWASP's list, with tab and return).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """``value`` for a CSV cell: text a spreadsheet would run as a formula gets a leading
    apostrophe, so it is shown as text (names, titles and teams come from pull requests)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
