"""Clean the HTML rendered from contributors' Markdown, as GitHub does for pull requests.

Markdown passes raw HTML through, so an entry's notes could carry ``<script>``, ``onerror=`` or a
``javascript:`` link. nh3 (Rust's ammonia) removes everything not on the allowlist below: what
Markdown, tables, code highlighting and Material's admonitions produce survives; scripts, event
handlers, styles, iframes, forms and ``javascript:``/``data:`` URLs do not.
"""

from __future__ import annotations

import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "caption", "figure", "figcaption",
}
_ATTRIBUTES = {
    "*": {"class", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "details": {"open"},
    **{f"h{i}": {"id"} for i in range(1, 7)},
}


def sanitize(html: str) -> str:
    """Return ``html`` with only allowlisted tags, attributes and URL schemes left."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
