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
    ``<i></i>``; ``html`` itself wherever cutting could change Material's index (module notes)."""
    if MARK not in html:
        return html
    kept: list[str] = []
    done = 0  # where the text not yet copied starts
    inside: str | None = None  # the tag name of the excluded element being cut
    for tag in _TAG.finditer(html):
        closing, name = tag[1] == "/", tag[2].lower()
        attributes = _QUOTED.sub("", tag[3])
        if inside is None:
            if not closing and name not in _VOID and _EXCLUDED.search(attributes):
                if _is_record(name, attributes):
                    return html
                kept += (html[done:tag.start()], _CUT)
                inside = name
        elif name == inside:
            if not closing:
                return html
            inside, done = None, tag.end()
        elif not closing and _is_record(name, attributes):
            return html
    if inside is not None:
        return html
    kept.append(html[done:])
    return "".join(kept)


def _is_record(name: str, attributes: str) -> bool:
    """Whether Material starts a search record at this tag: a heading with an id."""
    return name in _HEADINGS and _ID.search(attributes) is not None
