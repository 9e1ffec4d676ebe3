"""The "Who learns from whom" page in a real headless Chromium: drawing, hover, click, table.

A small knowledge base in a real git repository gives every kind of link: ``pair`` (paired),
``learned_from`` (taught), a link to another person's entry (built-on) and ``Co-authored-by:``
trailers (co-authored), plus a git name made of HTML-looking text. The expected people and links
are written out here by hand, not read back from peerlog, so the page cannot agree with itself.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from .browser import await_instant_navigation, serve
from .gitrepo import GitRepo
from .project import Project

pytestmark = pytest.mark.browser

VENDOR = Path(__file__).parents[1] / "plugins" / "peerlog" / "assets" / "vendor"
# A git name cannot hold < or >, but it can hold text that turns into markup if anything
# decodes it as HTML: it must be shown exactly as written.
ODD = "Eve \"&lt;img src=x onerror=window.__pwned=1&gt;\" O'Neil & co"
ALICE = ("Alice", "alice@example.com")
BOB = ("Bob", "bob@example.com")
CAROL = ("Carol", "carol@example.com")
EVE = (ODD, "eve@example.com")
PEOPLE = ["Alice", "Bob", "Carol", ODD]
# (source, kind, target, weight), in the table's order: kinds as in the legend, heaviest first.
EDGES = [
    ("Alice", "taught", "Bob", 2),
    ("Alice", "taught", "Carol", 1),
    ("Bob", "taught", "Carol", 1),
    ("Alice", "built-on", "Bob", 1),
    ("Alice", "paired", "Bob", 1),
    ("Alice", "co-authored", "Bob", 1),
    ("Carol", "co-authored", ODD, 1),
]
TABLE = [
    ("Alice", "taught", "Bob", "2 entries"),
    ("Alice", "taught", "Carol", "1 entry"),
    ("Bob", "taught", "Carol", "1 entry"),
    ("Alice", "was built on by", "Bob", "1 link"),
    ("Alice", "paired with", "Bob", "1 entry"),
    ("Alice", "co-authored with", "Bob", "1 commit"),
    ("Carol", "co-authored with", ODD, "1 commit"),
]
# Material's font is switched off so that any request leaving 127.0.0.1 is the graph's fault;
# a second `theme:` key replaces the one tests/project.py writes. Instant navigation only
# follows links found in sitemap.xml, whose URLs must have the served port: site_url is added
# once the server is up.
THEME = """\
theme:
  name: material
  font: false
  features: [navigation.instant]
  palette:
    - scheme: default
      toggle: {icon: material/brightness-7, name: Switch to dark mode}
    - scheme: slate
      toggle: {icon: material/brightness-4, name: Switch to light mode}
"""


def entry(title: str, body: str = "Notes.\n", **front: Any) -> str:
    lines = [f"title: {title}", "date: 2026-01-05"]
    lines += [f"{k}: {v}" for k, v in front.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = Project(tmp_path_factory.mktemp("graph") / "kb")
    repo = GitRepo.init(project.root)
    repo.commit({"journals/a.md": entry("Tables from PDFs", author="alice", pair="[bob]",
                                        tags="[pdf]")},
                author=ALICE, date="2026-01-05T10:00:00+00:00", coauthors=[BOB])
    repo.commit({"journals/b.md": entry("SQL from those tables", "See [the tables](a.md).\n",
                                        author="bob", learned_from="[alice]", tags="[sql]"),
                 "journals/d.md": entry("More SQL", author="bob", learned_from="[alice]")},
                author=BOB, date="2026-01-06T10:00:00+00:00")
    repo.commit({"journals/c.md": entry("Carol's first query", author="carol",
                                        learned_from="[alice, bob]", tags="[sql]")},
                author=EVE, date="2026-01-07T10:00:00+00:00", coauthors=[CAROL])
    (project.root / "site").mkdir()
    with serve(project.root / "site") as url:
        project.extra_config = f"site_url: {url}\n{THEME}"
        build = project.build("--strict")
        assert build.code == 0, build.log
        yield build.site, url


@pytest.fixture
def graph(page: Page, site: tuple[Path, str]) -> Iterator[Page]:
    """The graph page, drawn, with every request and script error it causes recorded."""
    requests: list[str] = []
    errors: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url)

    page.on("request", record)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site[1] + "people/graph/")
    expect(page.locator("[data-peerlog-graph][data-drawn]")).to_be_attached()
    yield page
    assert [u for u in requests if not u.startswith(site[1])] == []
    assert errors == []
    assert page.evaluate("() => window.__pwned") is None


def cy(page: Page, script: str, arg: Any = None) -> Any:
    """Evaluate ``script`` as the body of ``(cy, arg) => ...`` on the page's Cytoscape graph."""
    return page.evaluate(f"([arg]) => {{ const cy = window.__peerlogGraph; {script} }}", [arg])


def node_id(page: Page, name: str) -> str:
    found: list[str] = cy(page, "return cy.nodes().filter(n => n.data('name') === arg)"
                                ".map(n => n.id());", name)
    assert len(found) == 1, (name, found)
    return found[0]


def screen_point(page: Page, element_id: str) -> tuple[float, float]:
    """Where a node (its centre) or an edge (its midpoint) is drawn, in page coordinates."""
    x, y = cy(page, """
        const el = cy.getElementById(arg);
        const at = el.isNode() ? el.renderedPosition() : el.renderedMidpoint();
        const box = cy.container().getBoundingClientRect();
        return [box.left + at.x, box.top + at.y];""", element_id)
    return x, y


def test_a_node_per_person_and_every_kind_of_link(graph: Page) -> None:
    assert sorted(cy(graph, "return cy.nodes().map(n => n.data('name'));")) == sorted(PEOPLE)
    drawn = cy(graph, """
        const names = {};
        cy.nodes().forEach(n => { names[n.id()] = n.data('name'); });
        return cy.edges().map(e => [names[e.data('source')], e.data('kind'),
                                    names[e.data('target')], e.data('weight')]);""")
    assert sorted(map(tuple, drawn)) == sorted(EDGES)

    # Every node is drawn inside the visible canvas.
    width, height = cy(graph, "return [cy.width(), cy.height()];")
    assert width > 600 and height > 300
    for x, y in cy(graph, "return cy.nodes().map(n => [n.renderedPosition().x,"
                          " n.renderedPosition().y]);"):
        assert 0 < x < width and 0 < y < height

    # Kinds are told apart by line style and arrow, as the legend says.
    looks = cy(graph, """
        const look = {};
        cy.edges().forEach(e => { look[e.data('kind')] = [e.style('line-style'),
            e.style('target-arrow-shape'), e.style('line-outline-width')]; });
        return look;""")
    assert looks == {"taught": ["solid", "triangle", "0px"],
                     "built-on": ["dashed", "triangle", "0px"],
                     "paired": ["dashed", "none", "0px"],
                     "co-authored": ["solid", "none", "1.5px"]}
    assert cy(graph, "return cy.edges('.paired').style('line-dash-pattern');") != cy(
        graph, "return cy.edges('.built-on').style('line-dash-pattern');")
    # The heavier link is drawn thicker.
    widths = cy(graph, "return cy.edges('.taught').map(e => [e.data('weight'),"
                       " parseFloat(e.style('width'))]);")
    assert max(widths)[1] > min(widths)[1]


def test_legend_colours_match_the_drawing_in_both_schemes(graph: Page) -> None:
    def colours() -> dict[str, list[str]]:
        found: dict[str, list[str]] = graph.evaluate("""() => {
            const cy = window.__peerlogGraph, found = {};
            for (const kind of ['taught', 'built-on', 'paired', 'co-authored']) {
              const swatch = document.querySelector('.peerlog-graph__swatch--' + kind);
              const edge = cy.edges('.' + kind)[0];
              const drawn = kind === 'co-authored' ? edge.style('line-outline-color')
                                                   : edge.style('line-color');
              found[kind] = [getComputedStyle(swatch).stroke.replace(/ /g, ''),
                             drawn.replace(/ /g, '')];
            }
            return found;
        }""")
        return found

    light = colours()
    assert all(swatch == drawn for swatch, drawn in light.values()), light
    assert len({drawn for _, drawn in light.values()}) == 4
    graph.locator("label[title='Switch to dark mode']").click()
    expect(graph.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    dark = colours()
    assert all(swatch == drawn for swatch, drawn in dark.values()), dark
    assert all(dark[kind] != light[kind] for kind in light)


def test_hover_shows_details_as_text(graph: Page) -> None:
    details = graph.locator("[data-peerlog-details]")
    expect(details).to_be_hidden()
    graph.mouse.move(*screen_point(graph, node_id(graph, "Alice")))
    expect(details).to_be_visible()
    assert details.inner_text().splitlines() == [
        "Alice",
        "1 entry · 1 commit · 1 topic",
        "taught 2 people · learned from 0 people",
        "active 2026-01-05 \u2013 2026-01-05",
        "topics: pdf",
        "Click to open their page",
    ]

    teaching = cy(graph, "return cy.edges('.taught').filter(e => e.source().data('name') ==="
                         " 'Bob').map(e => e.id());")
    assert len(teaching) == 1
    graph.mouse.move(*screen_point(graph, teaching[0]))
    expect(details).to_have_text("taughtBob taught Carol (1 entry)")

    graph.mouse.move(*screen_point(graph, node_id(graph, ODD)))
    expect(details.locator("strong")).to_have_text(ODD)
    assert details.locator("img").count() == 0

    graph.mouse.move(1, 1)
    expect(details).to_be_hidden()


def test_clicking_a_person_opens_their_page(graph: Page, site: tuple[Path, str]) -> None:
    graph.mouse.click(*screen_point(graph, node_id(graph, "Bob")))
    expect(graph).to_have_url(site[1] + "people/bob/")
    expect(graph.locator("article h1")).to_have_text("Bob")


def test_drag_moves_a_person_without_opening_their_page(graph: Page) -> None:
    carol = node_id(graph, "Carol")
    before = cy(graph, "return cy.getElementById(arg).renderedPosition();", carol)
    x, y = screen_point(graph, carol)
    graph.mouse.move(x, y)
    graph.mouse.down()
    graph.mouse.move(x + 40, y + 30, steps=5)
    graph.mouse.move(x + 80, y + 60, steps=5)
    graph.mouse.up()
    after = cy(graph, "return cy.getElementById(arg).renderedPosition();", carol)
    assert after["x"] == pytest.approx(before["x"] + 80, abs=2)
    assert after["y"] == pytest.approx(before["y"] + 60, abs=2)
    assert graph.url.endswith("people/graph/")


def test_zoom_buttons_and_kind_toggles(graph: Page) -> None:
    zoom = cy(graph, "return cy.zoom();")
    graph.get_by_role("button", name="Zoom in").click()
    assert cy(graph, "return cy.zoom();") == pytest.approx(zoom * 1.25)
    graph.get_by_role("button", name="Zoom out").click()
    graph.get_by_role("button", name="Zoom out").click()
    assert cy(graph, "return cy.zoom();") == pytest.approx(zoom * 0.8)
    graph.get_by_role("button", name="Fit").click()
    assert cy(graph, "return cy.zoom();") == pytest.approx(zoom, rel=0.05)

    def visible() -> list[str]:
        # Reading a style brings it up to date; ':visible' may see the style before a toggle.
        return sorted(set(cy(graph, "return cy.edges().filter(e => e.style('display') !== "
                                    "'none').map(e => e.data('kind'));")))

    assert visible() == ["built-on", "co-authored", "paired", "taught"]
    graph.get_by_role("checkbox", name="paired").uncheck()
    graph.get_by_role("checkbox", name="co-authored").uncheck()
    assert visible() == ["built-on", "taught"]
    assert cy(graph, "return cy.nodes().filter(n => n.style('display') !== 'none')"
                     ".length;") == len(PEOPLE)
    graph.get_by_role("checkbox", name="paired").check()
    assert visible() == ["built-on", "paired", "taught"]


def test_vendored_library_is_the_one_recorded(graph: Page) -> None:
    notes = (VENDOR / "VENDORED.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((VENDOR / "cytoscape.min.js").read_bytes()).hexdigest()
    assert f"`{digest}`" in notes
    version = graph.evaluate("() => window.cytoscape.version")
    assert f"| Version | {version} |" in notes
    assert f"`cytoscape@{version}`" in notes


def test_instant_navigation_draws_the_graph(page: Page, site: tuple[Path, str]) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site[1] + "people/")
    await_instant_navigation(page)
    page.evaluate("() => { window.__samePage = true; }")
    page.get_by_role("link", name="See who learns from whom as a graph.").click()
    expect(page.locator("[data-peerlog-graph][data-drawn]")).to_be_attached()
    assert page.evaluate("() => window.__samePage") is True, "not an instant navigation"
    assert page.evaluate("() => window.__peerlogGraph.nodes().length") == len(PEOPLE)
    assert errors == []


def test_table_lists_every_link_without_javascript(browser: Browser,
                                                   site: tuple[Path, str]) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site[1] + "people/graph/")
    expect(page.locator("[data-peerlog-graph]")).to_be_hidden()
    rows = page.locator("table[data-peerlog-edges] tbody tr")
    assert [tuple(row.locator("td").all_inner_texts()) for row in rows.all()] == TABLE
    hrefs = {a.inner_text(): a.evaluate("a => a.href")
             for a in page.locator("table[data-peerlog-edges] a").all()}
    assert hrefs["Bob"] == site[1] + "people/bob/"
    assert re.fullmatch(re.escape(site[1]) + r"people/[\w-]+/", hrefs[ODD])
    page.goto(hrefs[ODD])
    expect(page.locator("article h1")).to_have_text(ODD)
    context.close()


def test_graph_assets_load_on_the_graph_page_only(site: tuple[Path, str]) -> None:
    pages = {p.relative_to(site[0]).as_posix(): p.read_text(encoding="utf-8")
             for p in site[0].rglob("*.html")}
    using = sorted(rel for rel, html in pages.items() if "cytoscape" in html)
    assert using == ["people/graph/index.html"]
    assert (site[0] / "assets/peerlog/vendor/cytoscape.min.js").is_file()


# People named like the properties every JavaScript object inherits, like the graph's own
# element ids, and with quotes and markup. Journals give the handles (their slugs are the ids:
# "constructor", "proto", "tostring", "e0", "e1", "n0", "hasownproperty"); git trailers give
# the names a handle cannot hold, two of them in one trailer.
MARKUP = "Zoë \"q\" <b>x</b> & 'y'"
ODD_PEOPLE = ["constructor", "__proto__", "toString", "e0", "e1", "n0", "hasOwnProperty",
              MARKUP, "Eve <3"]
ODD_EDGES = [
    ("__proto__", "taught", "constructor", 1),
    ("constructor", "taught", "e1", 1),
    ("toString", "taught", "e1", 1),
    ("e0", "taught", "hasOwnProperty", 1),
    ("e1", "taught", "n0", 1),
    ("constructor", "paired", "e0", 1),
    ("e1", "paired", "n0", 1),
    ("constructor", "co-authored", "e0", 1),
    ("constructor", "co-authored", "Eve <3", 1),
    ("hasOwnProperty", "co-authored", MARKUP, 1),
]


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = Project(tmp_path_factory.mktemp("odd-graph") / "kb")
    repo = GitRepo.init(project.root)
    repo.commit({"journals/a.md": entry("Prototypes", author="constructor", pair="[e0]",
                                        learned_from="['__proto__']")},
                author=("constructor", "c@example.com"), date="2026-01-05T10:00:00+00:00",
                message="Prototypes\n\nCo-authored-by: e0 <e0@example.com>, Eve <3 <eve@example.com>")
    repo.commit({"journals/b.md": entry("Strings", author="e1", pair="[n0]",
                                        learned_from="[constructor, toString]")},
                author=("e1", "e1@example.com"), date="2026-01-06T10:00:00+00:00")
    repo.commit({"journals/c.md": entry("Own properties", author="hasOwnProperty",
                                        learned_from="[e0]"),
                 "journals/d.md": entry("Nodes", author="n0", learned_from="[e1]")},
                author=("hasOwnProperty", "h@example.com"), date="2026-01-07T10:00:00+00:00",
                coauthors=[(MARKUP, "z@example.com")])
    (project.root / "site").mkdir()
    with serve(project.root / "site") as url:
        project.extra_config = f"site_url: {url}\n{THEME}"
        build = project.build("--strict")
        assert build.code == 0, build.log
        yield build.site, url


def test_every_person_and_link_is_drawn_whatever_they_are_called(
        page: Page, odd_site: tuple[Path, str]) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(odd_site[1] + "people/graph/")
    expect(page.locator("[data-peerlog-graph][data-drawn]")).to_be_attached()
    data = page.evaluate("() => JSON.parse(document.querySelector('[data-peerlog-graph]')"
                         ".getAttribute('data-graph'))")
    assert sorted(n["name"] for n in data["nodes"]) == sorted(ODD_PEOPLE)
    assert len(data["edges"]) == len(ODD_EDGES)

    assert sorted(cy(page, "return cy.nodes().map(n => n.data('name'));")) == sorted(ODD_PEOPLE)
    drawn = cy(page, """
        const names = new Map(cy.nodes().map(n => [n.id(), n.data('name')]));
        return cy.edges().map(e => [names.get(e.data('source')), e.data('kind'),
                                    names.get(e.data('target')), e.data('weight')]);""")
    assert sorted(map(tuple, drawn)) == sorted(ODD_EDGES)
    # Node and edge ids never collide, and none is a name Object.prototype already has.
    ids = cy(page, "return cy.elements().map(el => el.id());")
    assert len(set(ids)) == len(ODD_PEOPLE) + len(ODD_EDGES)
    assert all(i.startswith(("n:", "e:")) for i in ids)

    # An edge's details name both people, read through the page's own lookup.
    teaching = cy(page, "return cy.edges('.taught').filter(e => e.source().data('name') ==="
                        " '__proto__').map(e => e.id());")
    page.mouse.move(*screen_point(page, teaching[0]))
    expect(page.locator("[data-peerlog-details]")).to_have_text(
        "taught__proto__ taught constructor (1 entry)")
    page.mouse.move(*screen_point(page, node_id(page, MARKUP)))
    expect(page.locator("[data-peerlog-details] strong")).to_have_text(MARKUP)
    assert page.locator("[data-peerlog-details] b").count() == 0
    assert errors == []


def test_odd_names_table_and_pages(browser: Browser, odd_site: tuple[Path, str]) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(odd_site[1] + "people/graph/")
    rows = page.locator("table[data-peerlog-edges] tbody tr")
    assert rows.count() == len(ODD_EDGES)
    page.goto(odd_site[1] + "people/constructor/")
    expect(page.locator("article h1")).to_have_text("constructor")
    context.close()
    site = "".join(p.read_text(encoding="utf-8") for p in odd_site[0].rglob("*")
                   if p.suffix in (".html", ".json", ".xml"))
    assert "example.com" not in site
