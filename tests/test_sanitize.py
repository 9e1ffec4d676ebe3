"""The sanitiser's rules: examples, then properties over generated HTML (Hypothesis).

The rules hold for HTML the site's Markdown extensions produce (which must survive intact) and for
anything a contributor can type (which must not act as the theme's or peerlog's own markup, nor
make a reader's browser load from another host). :mod:`tests.test_browser_attacks` checks the same
in Chromium, against Material's real JavaScript.
"""

from __future__ import annotations

import html.parser
import re
from html import escape, unescape
from pathlib import Path
from typing import Any

import markdown
import material
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.structure.toc import AnchorLink, get_toc
from pygments.token import STANDARD_TYPES

from peerlog.render.sanitize import (
    CLASSES,
    ID_PREFIX,
    MAX_INDEXED_WORD,
    loads_offsite,
    prefix_toc,
    sanitize,
)

from .project import Project

REPO = Path(__file__).parents[1]
PEERLOG = REPO / "plugins" / "peerlog"
REL = "noopener noreferrer nofollow"


def example_extensions() -> list[str | dict[str, Any]]:
    """The example site's ``markdown_extensions``, plus footnotes, which many sites turn on and
    whose ids and back links must keep working."""
    listed = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    return ["footnotes", *listed["markdown_extensions"]]


def site_extensions() -> tuple[list[str], dict[str, Any]]:
    """:func:`example_extensions` as Python-Markdown takes them: names, and options by name."""
    names: list[str] = []
    configs: dict[str, Any] = {}
    for item in example_extensions():
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        configs[name] = options or {}
    return names, configs


def render(text: str, **overrides: dict[str, Any]) -> tuple[str, markdown.Markdown]:
    """``text`` rendered as the example site renders notes."""
    names, configs = site_extensions()
    md = markdown.Markdown(extensions=names, extension_configs=configs | overrides)
    return md.convert(text), md


class Elements(html.parser.HTMLParser):
    """Every start tag of a document with its attributes (entities decoded)."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(document)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))

    def values(self, attribute: str) -> list[str]:
        return [attrs[attribute] for _, attrs in self.found if attribute in attrs]

    def classes(self) -> set[str]:
        return {c for value in self.values("class") for c in value.split()}

    def tags(self) -> set[str]:
        return {tag for tag, _ in self.found}

    def anchors(self) -> set[str]:
        return set(self.values("id")) | {a["name"] for t, a in self.found if t == "a" and "name" in a}

    def fragments(self) -> list[str]:
        return [href[1:] for href in self.values("href") if href.startswith("#")]


# Every block the example site's extensions make, so that every class they emit appears once.
EXTENDED = """\
# Title

!!! tip "Keep this"
    An admonition.

!!! info inline end
    Beside the text.

??? warning "Folded"
    A pymdownx.details block.

| left | centre | right |
|:-----|:------:|------:|
| 1    | 2      | 3     |

```python title="x.py" linenums="1" hl_lines="2"
def f():
    return 1
```

Inline `#!python print("hi")` code, a footnote[^1] and [a link back](#title).

## Second {#custom}

[^1]: The note.
"""


def test_extension_output_keeps_every_class_and_anchor() -> None:
    before, _ = render(EXTENDED)
    after = sanitize(before)
    emitted, kept = Elements(before), Elements(after)
    assert {"admonition", "admonition-title", "tip", "inline", "end", "warning", "highlight",
            "highlighttable", "linenos", "hll", "filename", "footnote-ref", "footnote-backref",
            "headerlink", "k", "nf", "mi"} <= emitted.classes()
    assert kept.classes() == emitted.classes()
    assert '<div class="admonition tip">' in after and '<details class="warning">' in after
    assert kept.anchors() == {ID_PREFIX + a for a in emitted.anchors()}
    assert {"title", "custom", "fn:1", "fnref:1"} <= emitted.anchors()
    assert kept.fragments() == [ID_PREFIX + f for f in emitted.fragments()]
    assert set(emitted.fragments()) <= emitted.anchors() and len(emitted.fragments()) == 5
    assert '<th style="text-align:center">centre</th>' in after


def test_code_line_anchors_still_land() -> None:
    """Material sites often anchor code lines (``__codelineno-…``, ``__span-…`` ids)."""
    before, _ = render("```python\nx = 1\ny = 2\n```\n", **{"pymdownx.highlight": {
        "anchor_linenums": True, "line_spans": "__span", "linenums": True}})
    emitted, kept = Elements(before), Elements(sanitize(before))
    assert "__codelineno-0-2" in emitted.anchors() and "__span-0-2" in emitted.anchors()
    assert kept.anchors() == {ID_PREFIX + a for a in emitted.anchors()}
    assert set(kept.fragments()) <= kept.anchors() and len(kept.fragments()) == 2


def test_table_of_contents_gets_the_same_ids() -> None:
    """MkDocs' own ``get_toc`` over the ``toc`` extension's tokens, as in a real build."""
    html, md = render("# __config\n\n## __search\n\n### Deep\n\n## __search\n\n# Other {#__drawer}\n")
    toc = get_toc(md.toc_tokens)
    prefix_toc(toc)

    def ids(items: list[AnchorLink]) -> list[str]:
        return [i for item in items for i in (item.id, *ids(item.children))]

    listed = ids(list(toc))
    assert listed == [ID_PREFIX + i for i in ("__config", "__search", "deep", "__search_1",
                                              "__drawer")]
    assert [item.url for item in toc][1] == "#user-content-__drawer"
    assert listed == Elements(sanitize(html)).values("id")


@pytest.mark.parametrize(("markup", "anchor"), [
    ('<h2 id="__config">x</h2>', "user-content-__config"),
    ('<div id="__search">x</div>', "user-content-__search"),
    ('<a name="__drawer">x</a>', "user-content-__drawer"),
    ('<sup id="__palette_0">x</sup>', "user-content-__palette_0"),
    ('<span id="user-content-x">x</span>', "user-content-user-content-x"),
])
def test_ids_and_names_get_the_prefix(markup: str, anchor: str) -> None:
    assert Elements(sanitize(markup)).anchors() == {anchor}


def test_empty_ids_are_dropped() -> None:
    assert sanitize('<h2 id="">x</h2>') == "<h2>x</h2>"


@pytest.mark.parametrize(("href", "becomes"), [
    ("#x", "#user-content-x"),
    ("#fn:1", "#user-content-fn:1"),
    (" #__config", "#user-content-__config"),
    ("#\t__search", "#user-content-__search"),
    ("#", "#"),
    ("../other/#x", "../other/#x"),
    ("https://example.org/#x", "https://example.org/#x"),
])
def test_in_page_links_follow_the_prefix(href: str, becomes: str) -> None:
    assert Elements(sanitize(f'<a href="{href}">x</a>')).values("href") == [becomes]


def test_theme_and_peerlog_classes_are_dropped_allowed_ones_kept() -> None:
    out = sanitize('<div class="md-dialog md-dialog--active admonition tip peerlog-notes">'
                   '<p class="md-banner">Sign in</p><span class="k mermaid">x</span></div>')
    assert out == ('<div class="admonition tip"><p>Sign in</p><span class="k">x</span></div>')


def test_allowlist_holds_no_class_of_the_theme_or_of_peerlog() -> None:
    assert {c for c in STANDARD_TYPES.values() if c} <= CLASSES
    assert not [c for c in CLASSES if c.startswith(("md-", "peerlog-"))]
    theme = Path(material.__file__).parent / "templates"
    theme_classes = {c for page in theme.rglob("*.html")
                     for value in re.findall(r'class="([^"{]*)"', page.read_text(encoding="utf-8"))
                     for c in value.split()}
    assert "md-banner" in theme_classes and not theme_classes & CLASSES
    ours = "".join(p.read_text(encoding="utf-8") for p in (*PEERLOG.glob("templates/peerlog/*.html"),
                                                          *PEERLOG.glob("assets/*.*")))
    peerlog_classes = {c for value in re.findall(r'class="([^"{]*)"', ours) for c in value.split()}
    peerlog_classes |= set(re.findall(r"\.(peerlog-[\w-]+)", ours))
    assert "peerlog-notes" in peerlog_classes and "peerlog-write__error" in peerlog_classes
    # The Markdown classes peerlog's templates borrow to look like an admonition, nothing else.
    assert peerlog_classes & CLASSES == {"admonition", "admonition-title", "info", "warning"}


OFFSITE = ["//evil.example/x.png", "/\\evil.example/x.png", "\\\\evil.example/x.png",
           "\\/evil.example", "https:evil.example/x.png", "HTTPS://evil.example", " //evil.example",
           "\t//evil.example", "/\t/evil.example", "/\n/evil.example", "\x01//evil.example",
           "http://evil.example", "ftp://evil.example/x", "mailto:a@evil.example", "c:\\x.png"]
LOCAL = ["shot.png", "./img/shot.png", "../shot.png", "/assets/x.png", "img/a:b.png", "?x=1",
         "#frag", "", "%2F%2Fevil.example", "shot.png?u=//evil.example"]


@pytest.mark.parametrize("url", OFFSITE)
def test_offsite_spellings(url: str) -> None:
    assert loads_offsite(url)


@pytest.mark.parametrize("url", LOCAL)
def test_local_spellings(url: str) -> None:
    assert not loads_offsite(url)


@pytest.mark.parametrize("url", OFFSITE[:12])
def test_remote_image_becomes_its_alt_text(url: str) -> None:
    out = sanitize(f'<p>See <img src="{url}" alt="the &lt;b&gt; diagram" title="t"> here.</p>')
    assert out == "<p>See the &lt;b&gt; diagram here.</p>"


def test_tracking_pixel_leaves_nothing() -> None:
    html, _ = render('Hi ![](https://t.evil.example/p.gif?who=me){ width="1" height="1" } there\n')
    assert sanitize(html) == "<p>Hi  there</p>"


def test_local_image_is_kept_lazy_and_without_referrer() -> None:
    html, _ = render("![The form, filled in](shot.png)\n")
    [(tag, attrs)] = Elements(sanitize(html)).found[1:]
    assert tag == "img" and attrs == {"src": "shot.png", "alt": "The form, filled in",
                                      "loading": "lazy", "referrerpolicy": "no-referrer"}


def test_remote_images_option_keeps_them_without_referrer() -> None:
    out = sanitize('<img src="https://img.example/a.png" alt="a" loading="eager">',
                   remote_images=True)
    [(tag, attrs)] = Elements(out).found
    assert tag == "img" and attrs == {"src": "https://img.example/a.png", "alt": "a",
                                      "loading": "lazy", "referrerpolicy": "no-referrer"}


def test_remote_images_option_in_a_real_build(project: Project) -> None:
    project.entry("2026/remote.md", "![A chart](https://img.example/chart.png)\n",
                  title="Remote chart", date="2026-02-01", author="alice")
    off = project.build("--strict")
    assert off.code == 0, off.log
    article = off.article("entries/2026/remote/")
    assert "img.example" not in article and "<p>A chart</p>" in article
    project.plugin_options = {"remote_images": True}
    on = project.build("--strict")
    assert on.code == 0, on.log
    [image] = [attrs for tag, attrs in Elements(on.article("entries/2026/remote/")).found
               if tag == "img"]
    assert image == {"src": "https://img.example/chart.png", "alt": "A chart",
                     "loading": "lazy", "referrerpolicy": "no-referrer"}


@pytest.mark.parametrize("url", OFFSITE[:12])
def test_offsite_links_are_ordinary_external_links(url: str) -> None:
    out = sanitize(f'<a href="{url}" class="md-button md-dialog" target="_top">Sign in</a>')
    [(tag, attrs)] = Elements(out).found
    assert tag == "a" and attrs == {"href": url, "rel": REL}


def test_active_and_page_altering_tags_are_removed() -> None:
    out = sanitize(
        '<form action="//evil.example"><input name="password"></form><svg><a href="#">s</a>'
        '</svg><math><mi>m</mi></math><base href="//evil.example/"><meta http-equiv="refresh" '
        'content="0;url=//evil.example"><object data="//evil.example/x"></object><iframe '
        'src="//evil.example"></iframe><embed src="//evil.example"><style>*{}</style>'
        '<link rel="stylesheet" href="//evil.example/x.css"><p style="position:fixed">p</p>')
    assert Elements(out).tags() <= {"a", "p"}
    assert "style" not in out and "evil" not in out


def test_table_cells_keep_only_their_alignment() -> None:
    out = sanitize('<table><tr><td style="text-align: right; position: fixed; '
                   'background: url(//evil.example)">1</td></tr></table>')
    assert '<td style="text-align:right">1</td>' in out


# Properties: generated markup, mixing what contributors type with what attacks the theme.
TRICKY = st.sampled_from([
    "__config", "__search", "__drawer", "md-dialog md-dialog--active", "admonition tip md-banner",
    "peerlog-notes highlight", "//evil.example/x.png", "/\\evil.example/x.png", "\\\\evil.example",
    "https:evil.example", " \t//evil.example", "\x01//evil.example", "java\tscript:alert(1)",
    "#__config", "&#47;&#47;evil.example", "&sol;&sol;evil.example", "/&#92;evil.example",
    "&#x2F;&#x09;/evil.example", "shot.png", "#", "&quot;", "'", '"', ">",
])
VALUES = st.one_of(TRICKY, st.text(max_size=12), st.lists(TRICKY, max_size=3).map(" ".join))
ATTRIBUTE_NAMES = st.sampled_from(["id", "name", "class", "href", "src", "alt", "title", "style",
                                   "ID", "Name", "CLASS", "SRC", "srcset", "data-md-component"])
QUOTES = st.sampled_from(['"', "'", ""])
TAG_NAMES = st.sampled_from(["a", "img", "IMG", "image", "h2", "div", "span", "p", "sup", "li",
                             "td", "details", "form", "svg", "math", "object", "iframe", "base",
                             "meta", "input", "template", "noscript", "table", "pre", "code"])
ATTRIBUTES = st.lists(st.tuples(ATTRIBUTE_NAMES, QUOTES, VALUES), max_size=4).map(
    lambda items: "".join(f" {name}={q}{value}{q}" for name, q, value in items))


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda tag, attributes, inner: f"<{tag}{attributes}>{inner}</{tag}>",
                     TAG_NAMES, ATTRIBUTES, children)


FRAGMENTS = st.recursive(
    st.text(max_size=8) | st.builds(lambda tag, attributes: f"<{tag}{attributes}>", TAG_NAMES,
                                    ATTRIBUTES),
    lambda children: _element(children) | st.lists(children, max_size=3).map("".join),
    max_leaves=12,
)
PROPERTY = settings(max_examples=300, deadline=None)


@PROPERTY
@given(FRAGMENTS)
@example('<h2 id=__config>x</h2><a name=__search href="#__drawer">y</a>')
def test_no_id_or_name_lacks_the_prefix(markup: str) -> None:
    found = Elements(sanitize(markup))
    assert all(v.startswith(ID_PREFIX) for v in (*found.values("id"), *found.values("name")))
    assert all(f.startswith(ID_PREFIX) for f in found.fragments() if f)


@PROPERTY
@given(FRAGMENTS)
@example('<div class="md-dialog admonition"><p class="md-banner peerlog-notes">x</p></div>')
def test_no_class_outside_the_allowlist(markup: str) -> None:
    assert Elements(sanitize(markup)).classes() <= CLASSES


@PROPERTY
@given(FRAGMENTS)
@example('<img src="&#47;&#47;evil.example"><IMG SRC=" /\\evil.example"><img src=https:evil>')
def test_no_image_from_another_host(markup: str) -> None:
    found = Elements(sanitize(markup))
    assert not [src for src in found.values("src") if loads_offsite(src)]
    assert not found.tags() & {"form", "input", "svg", "math", "base", "meta", "object",
                               "iframe", "template", "noscript", "image"}


@PROPERTY
@given(st.text(max_size=40))
def test_any_image_url_is_either_local_or_gone(url: str) -> None:
    """Straight into the attribute, entity-escaped as a Markdown renderer would."""
    src = url.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    out = sanitize(f'<img src="{src}" alt="alt">')
    kept = Elements(out).values("src")
    assert not [v for v in kept if loads_offsite(v)]
    assert kept or out == "alt" or url.lower().lstrip(" \t\n").startswith("javascript:")


@given(st.lists(st.text(alphabet="xy&<", min_size=1, max_size=2 * MAX_INDEXED_WORD), max_size=6))
def test_words_too_long_to_index_keep_their_text_and_leave_pagefind(words: list[str]) -> None:
    """A word whose HTML is longer than ``MAX_INDEXED_WORD`` is wrapped for Pagefind to skip;
    the text a reader sees is the same, and no shorter word is touched."""
    text = " ".join(words)
    out = sanitize(f"<p>{escape(text, quote=False)}</p>")
    assert unescape(re.sub(r"<[^>]*>", "", out)) == text
    wrapped = re.findall(r"<span data-pagefind-ignore>([^<]*)</span>", out)
    assert wrapped == [escape(w, quote=False) for w in words
                       if len(escape(w, quote=False)) > MAX_INDEXED_WORD]


def test_a_long_address_in_a_link_is_left_whole() -> None:
    url = "https://example.com/" + "a" * 400
    out = sanitize(f'<p><a href="{url}">{url}</a></p>')
    assert f'href="{url}"' in out
    assert f"<span data-pagefind-ignore>{url}</span>" in out
