"""What Material's search reads of a generated page: the page without its excluded elements.

Material's search plugin indexes a page by running Python's ``HTMLParser`` over all of its HTML,
about 20 µs a tag, and only then skips the text of elements marked ``data-search-exclude``. An
entry page's header, timeline, "Tried it since" form, related entries and footer are all
excluded, and they are nine tenths of its tags: parsing them was the largest part of a
peerlog build (see docs/benchmarks.md). :func:`search_view` cuts those elements out before the
parser sees them, so the index is the same, byte for byte, for a fraction of the work; the page
readers get is not changed.

Each cut element becomes an empty ``<i></i>``: to the parser it opens and closes where the
element did (starting the page's first record if nothing came before, checking the same depth
when it closes) and it keeps the text on either side two pieces of text, as they were (the
whitespace rules see the same pieces); ``i`` is not a tag Material copies into the index. The
cut is made only where it cannot change what Material indexes; otherwise the HTML is returned
whole:

- Material ends an excluded element at the first closing tag of the same name, so an element of
  the same name inside one is not cut;
- a heading with an ``id`` starts a search record even when it, or an element around it, is
  excluded, so such an element is not cut either;
- nor is an element left unclosed.
"""

from __future__ import annotations

import re

MARK = "data-search-exclude"
# A tag as peerlog's templates and nh3 write them: attribute values quoted (a quoted value may
# hold ">"); text never holds a raw "<" before a letter. The alternatives start with different
# characters, so the pattern cannot backtrack.
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_HEADING = re.compile(r"""<(h[1-6])((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.IGNORECASE)
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_EXCLUDED = re.compile(r"(?:^|\s)" + MARK + r"(?=[\s=/]|$)", re.IGNORECASE)
_ID = re.compile(r"(?:^|\s)id(?=[\s=/]|$)", re.IGNORECASE)
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
# The elements Material's parser never pushes (its ``void`` set): they cannot hold text.
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"))
_CUT = "<i></i>"


def search_view(html: str) -> str:
    """``html`` without the elements marked ``data-search-exclude``, each left as an empty
    ``<i></i>``; ``html`` itself wherever cutting could change Material's index (module notes).

    ``html`` is trusted template output (``GeneratedPage.before`` or ``after``): autoescaped,
    so a ``<`` is always a tag's. The marks are found by searching, and inside an excluded
    element only its headings are read, so a page costs a few searches."""
    kept: list[str] = []
    done = at = 0  # where the text not yet copied starts; where to look for the next mark
    while (mark := html.find(MARK, at)) != -1:
        at = mark + len(MARK)
        tag = _TAG.match(html, html.rfind("<", 0, mark))
        if tag is None or tag.end() <= mark or tag[1]:
            continue  # the words in text, not in a tag
        name, attributes = tag[2].lower(), _QUOTED.sub("", tag[3])
        if name in _VOID or not _EXCLUDED.search(attributes):
            continue
        close = re.compile(f"</{name}\\s*>", re.IGNORECASE).search(html, tag.end())
        if close is None or _is_record(name, attributes):
            return html
        inside = html[tag.end():close.start()]
        if re.search(f"<{name}(?=[\\s/>])", inside, re.IGNORECASE) or any(
                _is_record(h[1].lower(), _QUOTED.sub("", h[2])) for h in _HEADING.finditer(inside)):
            return html
        kept += (html[done:tag.start()], _CUT)
        done = at = close.end()
    if not kept:
        return html
    kept.append(html[done:])
    return "".join(kept)


def page_search_view(content: str, before: str, after: str) -> str:
    """The search view of a generated page's HTML ``content``: its trusted ``before`` and
    ``after`` cut, the sanitised notes between them as they are. Content that is not
    ``before + notes + after`` (another plugin changed it) is returned whole."""
    if not (content.startswith(before) and content.endswith(after)):
        return content
    notes = content[len(before):len(content) - len(after)]
    return search_view(before) + notes + search_view(after)


def _is_record(name: str, attributes: str) -> bool:
    """Whether Material starts a search record at this tag: a heading with an id."""
    return name in _HEADINGS and _ID.search(attributes) is not None
