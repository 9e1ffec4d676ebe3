"""Keys, slugs and URLs for names contributors type by hand.

Contributors write ``Prompting``, ``prompting `` and ``PROMPTING`` (and NFC or NFD forms) for one
topic, so everything that groups by name groups by :func:`key`. Everything that becomes a path
goes through :func:`slug`, which can only produce a single safe path segment: no slashes, no
``..``, no percent signs, no Windows-reserved names. Slugs stay readable and, when two keys would
share one, get a suffix derived from the key itself so a URL never depends on which other names
exist.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata

_SEPARATORS = re.compile(r"[\s_\-‐-―]+", re.UNICODE)
_NOT_SLUG = re.compile(r"[^\w-]+", re.UNICODE)
_DASHES = re.compile(r"-{2,}")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)
MAX_SLUG = 80


def clean(text: str) -> str:
    """NFC-normalise, drop invisible and control characters, collapse white space."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def key(name: str) -> str:
    """The identity of a tag, problem type or handle: case-, space- and Unicode-insensitive."""
    folded = unicodedata.normalize("NFKC", clean(name)).casefold()
    return _SEPARATORS.sub("-", folded).strip("-")


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def slug(name: str) -> str:
    """A readable, safe single path segment for ``name`` (never empty, never ``.``/``..``)."""
    k = key(name)
    ascii_form = unicodedata.normalize("NFKD", k)
    ascii_form = "".join(ch for ch in ascii_form if not unicodedata.combining(ch))
    s = _DASHES.sub("-", _NOT_SLUG.sub("-", ascii_form)).strip("-")[:MAX_SLUG].strip("-")
    if not s or s.replace("-", "") == "" or s.lstrip("_") == "":
        return "x-" + short_hash(k)
    if s in _WINDOWS_RESERVED or s.split(".")[0] in _WINDOWS_RESERVED:
        s += "-"
    return s


def unique_slugs(keys: list[str]) -> dict[str, str]:
    """Slug every key; keys whose slug collides get a suffix from their own hash (stable)."""
    by_slug: dict[str, list[str]] = {}
    for k in keys:
        by_slug.setdefault(slug(k), []).append(k)
    result: dict[str, str] = {}
    for s, ks in by_slug.items():
        if len(ks) == 1:
            result[ks[0]] = s
        else:
            for k in ks:
                result[k] = f"{s}-{short_hash(k)}"
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
    """A link from the page at ``from_url`` to ``to_url``, both site-relative."""
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    rel = posixpath.relpath(to_url or ".", base or ".")
    if to_url.endswith("/") and rel != ".":
        rel += "/"
    return "./" if rel == "." else rel
