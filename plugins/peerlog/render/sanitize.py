"""Clean the HTML rendered from contributors' Markdown, as GitHub does for pull requests.

Markdown passes raw HTML through, so an entry's notes could carry ``<script>``, ``onerror=`` or a
``javascript:`` link. nh3 (Rust's ammonia) removes everything not on the allowlist below: what
Markdown, tables, code highlighting and Material's admonitions produce survives; scripts, event
handlers, styles, iframes, forms and ``javascript:``/``data:`` URLs do not.

Allowed markup must not be able to act as the page around it either:

- Every ``id`` and ``name`` gets the prefix ``user-content-`` and every in-page link ``#x``
  becomes ``#user-content-x``, so a note cannot stand in for the theme's own elements (Material
  reads its configuration with ``querySelector("#__config")``, which returns the first match:
  an entry's heading, if it could be called ``__config``). :func:`prefix_toc` gives MkDocs'
  table of contents the same ids.
- A class survives only if a Markdown extension of the site emits it (:data:`CLASSES`), so a
  note cannot dress itself as the theme's dialogs or banners or as peerlog's own blocks.
- An image that would load from another host is replaced by its alt text unless the site allows
  remote images: otherwise a tracking pixel learns who reads which entry. So is an image left
  with no ``src`` (a ``javascript:`` one, say), which could only ever show its alt text.
- Links may point anywhere; every one carries ``rel="noopener noreferrer nofollow"``, and with no
  styles and no theme classes a link to another host always looks like an ordinary link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape, unescape
from typing import Protocol

import nh3
from pygments.token import STANDARD_TYPES

ID_PREFIX = "user-content-"

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "caption", "figure", "figcaption",
}
_ATTRIBUTES = {
    # Any element may carry an id (footnotes put them on <sup> and <li>, attr_list anywhere).
    "*": {"class", "title", "id"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    # Tables align columns with style="text-align: ..."; only that property is kept.
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "style"},
    "ol": {"start"},
    "details": {"open"},
}
_STYLE_PROPERTIES = {"text-align"}
# Set on every image: lazy, and never telling the image's host which page it is on.
_IMAGE_ATTRIBUTES = {"img": {"loading": "lazy", "referrerpolicy": "no-referrer"}}

# The admonition types Material styles, with their aliases (its "Admonitions" reference); an
# admonition or pymdownx.details block of another type keeps the plain "admonition" look.
_ADMONITION_TYPES = (
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
    "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure",
    "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
)
_EXTENSION_CLASSES = (
    "admonition", "admonition-title", "inline", "end",  # admonition (Material's inline ones)
    "highlight", "highlighttable", "linenos", "linenodiv", "normal", "special", "code",
    "filename", "hll",  # pymdownx.highlight, superfences, inlinehilite
    "footnote", "footnote-ref", "footnote-backref",  # footnotes
    "headerlink", "toclink",  # toc permalinks and anchor links
)
#: Every class a note's HTML may keep: what the site's Markdown extensions emit, Pygments' token
#: classes included, and nothing of the theme's (``md-*``) or peerlog's (``peerlog-*``).
CLASSES = frozenset(
    (*_ADMONITION_TYPES, *_EXTENSION_CLASSES, *(c for c in STANDARD_TYPES.values() if c))
)

# What browsers drop from a URL before reading it (the WHATWG URL standard): C0 controls and
# spaces around it, tabs and newlines anywhere; in http(s) URLs a backslash is a slash.
_EDGES = "".join(chr(c) for c in range(0x21))
_TABS_AND_NEWLINES = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# nh3 serialises every tag the same way (lowercase names, ` name="value"` with `"`, `<` and `>`
# escaped), so these patterns read its output exactly; neither can backtrack.
_IMG = re.compile(r'<img((?: [a-z][a-z0-9-]*="[^"]*")*)>')
#: Pagefind's time to index a word grows with the square of its length: a word of 200,000
#: characters takes it 1.3 s, and the one-megabyte word an entry may hold about half a minute
#: (an hour for a pull request of a hundred). No reader searches for a word that long, so a run
#: of more than this many characters without a space is kept out of its index.
MAX_INDEXED_WORD = 200
# A run of more than MAX_INDEXED_WORD characters with no space or tag edge, tried only where
# one starts (so words just under the limit are scanned once, not once per character).
_LONG_RUN = r"(?<![^\s<>])[^\s<>]{" + str(MAX_INDEXED_WORD + 1) + ",}"
# Found anywhere, tags included: most pages have none, and are left without another pass.
_ANY_LONG_RUN = re.compile(_LONG_RUN)
# A tag (in nh3's output no tag holds a ">": it escapes them in attribute values), or a long run
# of text; only the second is wrapped, so no tag is ever cut.
_TAG_OR_LONG_WORD = re.compile(f"(<[^>]*>)|({_LONG_RUN})")
_ATTRIBUTE = re.compile(r' ([a-z][a-z0-9-]*)="([^"]*)"')


class TocItem(Protocol):
    """One heading in a table of contents (MkDocs' ``AnchorLink``, without importing MkDocs)."""

    id: str

    @property
    def children(self) -> Sequence[TocItem]: ...


def sanitize(html: str, *, remote_images: bool = False) -> str:
    """Return ``html`` with only allowlisted tags, attributes, classes and URLs left, its ids
    prefixed, its overlong words out of Pagefind's index, and (unless ``remote_images``) no
    image that loads from another host."""
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        set_tag_attribute_values=_IMAGE_ATTRIBUTES,
        filter_style_properties=_STYLE_PROPERTIES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    if _ANY_LONG_RUN.search(clean):
        clean = _TAG_OR_LONG_WORD.sub(_unindexed, clean)
    return clean if remote_images else _IMG.sub(_local_image_or_alt, clean)


def _unindexed(match: re.Match[str]) -> str:
    """A long word wrapped so that Pagefind skips it (:data:`MAX_INDEXED_WORD`); a tag as is."""
    if match[1] is not None:
        return match[1]
    return f"<span data-pagefind-ignore>{match[2]}</span>"


def prefix_toc(items: Iterable[TocItem]) -> None:
    """Give a page's table of contents the heading ids :func:`sanitize` gave its HTML, so the
    sidebar and the search index still point at the headings."""
    for item in items:
        item.id = _prefixed(item.id)
        prefix_toc(item.children)  # as deep as heading levels go: six at most


def loads_offsite(url: str) -> bool:
    """Whether a browser would fetch ``url``, found on one of the site's pages, from another
    host: anything with a scheme or an authority, however spelled (``//host``, ``/\\host``,
    ``https:host``, `` \\t//host``)."""
    read = url.strip(_EDGES).translate(_TABS_AND_NEWLINES).replace("\\", "/")
    return read.startswith("//") or _SCHEME.match(read) is not None


def _prefixed(name: str) -> str:
    return ID_PREFIX + name


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    """nh3's hook for each allowed attribute: the value to keep, or None to drop it."""
    if attribute in ("id", "name"):
        return _prefixed(value) if value else None
    if attribute == "class":
        return " ".join(c for c in value.split() if c in CLASSES) or None
    if attribute == "href":
        target = value.strip(_EDGES).translate(_TABS_AND_NEWLINES)
        if target.startswith("#") and len(target) > 1:
            return "#" + _prefixed(target[1:])
    return value


def _local_image_or_alt(tag: re.Match[str]) -> str:
    attributes = dict(_ATTRIBUTE.findall(tag[1]))
    src = unescape(attributes.get("src", ""))
    if src and not loads_offsite(src):
        return tag[0]
    return escape(unescape(attributes.get("alt", "")), quote=False)
