"""The hostile corpus in a real headless Chromium: no payload runs on any page, ever.

The corpus of :mod:`tests.hostile_corpus` is committed to git by authors whose names are markup
too (so people pages and the contributor graph carry payloads), built with ``mkdocs build`` and
served over HTTP. Every payload sets ``window.__pwned`` or calls ``alert``: an init script traps
the first in every frame before any page script runs, and a dialog handler records the second.
Then every HTML page is opened, the playbook finder is given the payloads as filters, and
Material's search is asked for ``script`` and ``onerror``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from .browser import ServedSite, Watch, search, serve, visit_all
from .gitrepo import GitRepo
from .hostile_corpus import ALL, BREAKOUT, IMG, PAYLOADS, SCRIPT, SVG, write_corpus
from .project import Project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    root = tmp_path_factory.mktemp("hostile-browser") / "kb"
    repo = GitRepo.init(root)
    project = Project(root)
    corpus = write_corpus(root / "journals")
    fifo = next(c for c in corpus.cases if c.link == "fifo")
    (root / "journals" / fifo.name).unlink()
    repo.git.add("--all")
    repo.commit(author=(IMG, "mallory@example.com"), message=f"Journals {SCRIPT}")
    project.write("journals/late.md", "---\ntitle: Written by a markup name\n---\n")
    repo.git.add("--all")
    repo.commit(author=(SVG, "eve@example.com"), message="Late entry",
                coauthors=[(SCRIPT, "trudy@example.com")])
    build = project.build()
    assert build.code == 0, build.log
    with serve(build.site) as url:
        pages = sorted(p.relative_to(build.site).as_posix() for p in build.site.rglob("*.html"))
        yield ServedSite(build.site, url, pages)


def test_traps_catch_a_payload_that_runs(page: Page, hostile: ServedSite) -> None:
    """The control: the same payloads, inserted as HTML by a script, are caught."""
    watch = Watch(page.context)
    page.goto(hostile.url + "recent/")
    page.evaluate("html => document.body.insertAdjacentHTML('beforeend', html)", IMG + SVG)
    page.wait_for_function("() => window.__hits.length > 0")
    assert any("set __pwned=1" in hit for hit in watch.hits(page))
    page.evaluate("() => setTimeout(() => alert('caught'), 0)")
    page.wait_for_timeout(200)
    assert any("alert caught" in hit for hit in watch.hits(page))


def test_the_sweep_catches_a_page_whose_payload_runs(page: Page, tmp_path: Path) -> None:
    """The control of :func:`test_no_page_runs_a_payload`: a page whose payloads run on load
    and on hover is reported by :func:`tests.browser.visit_all`, and a quiet page is not."""
    (tmp_path / "quiet.html").write_text("<p>nothing runs here</p>", encoding="utf-8")
    (tmp_path / "loud.html").write_text(
        IMG + '<div style="position:fixed;inset:0" onmouseover="alert(2)"></div>'
        "<script>alert(1)</script>", encoding="utf-8")
    with serve(tmp_path) as url:
        quiet, loud = visit_all(page, url, ["quiet.html", "loud.html"])
    assert quiet.ok and quiet.hits == []
    assert loud.ok and any("set __pwned=1" in hit for hit in loud.hits)
    assert any("alert 1" in hit for hit in loud.hits)
    assert any("alert 2" in hit for hit in loud.hits)


#: The names the corpus's cap cases generate by the dozen (tags t0...t49 and u0...u49):
#: letters then digits. No script gives such a name a meaning (``constructor`` or
#: ``__proto__`` would), so two pages identical but for one of these as their own name behave
#: alike in the browser.
GENERATED_NAME = re.compile(r"[a-z]+[0-9]+")


def one_page_per_kind(site: Path, pages: list[str]) -> list[str]:
    """``pages`` without those identical, byte for byte, to an earlier one once each page's
    own name (its folder's, when that is a :data:`GENERATED_NAME`) is set aside."""
    seen: set[bytes] = set()
    kept = []
    for rel in pages:
        html = (site / rel).read_bytes()
        parts = rel.split("/")
        name = parts[-2] if len(parts) > 1 else ""
        if GENERATED_NAME.fullmatch(name):
            html = re.sub(rb"(?<![\w-])" + name.encode() + rb"(?![\w-])", b"\0", html)
        digest = hashlib.sha256(html).digest()
        if digest not in seen:
            seen.add(digest)
            kept.append(rel)
    return kept


@pytest.mark.slow
def test_no_page_runs_a_payload(page: Page, hostile: ServedSite) -> None:
    """Every page, with the pointer over the content, one after the other in one tab
    (:func:`tests.browser.visit_all`); of the pages that differ only in a generated name (the
    50 topic pages of a capped tag list), one is opened for all.

    The search index (4 MB of the corpus's text) is served empty (:func:`tests.browser.serve`):
    Material's search worker would index it on every page load, which halved the pace of this
    sweep, and the worker has no document to run anything in; what search shows from it is
    :func:`test_search_for_markup_runs_nothing`'s part, with the index loaded."""
    assert "people/graph/index.html" in hostile.pages
    opened = one_page_per_kind(hostile.root, hostile.pages)
    assert len(opened) > 300
    assert "topics/t0/index.html" in opened and "topics/t1/index.html" not in opened
    assert {"topics/c/index.html", "topics/constructor/index.html"} <= set(opened)
    visited = visit_all(page, hostile.url, opened)
    assert [v.rel for v in visited] == opened
    for seen in visited:
        assert seen.ok, seen.rel
        assert seen.hits == [], seen.rel


def test_entry_shows_payloads_as_text(page: Page, hostile: ServedSite) -> None:
    watch = Watch(page.context)
    page.goto(hostile.url + "entries/markup/attempts/")
    shown = page.locator(".peerlog-attempt__tried").all_text_contents()
    assert shown[0] == ALL
    page.goto(hostile.url + "people/")
    assert SCRIPT in page.locator("article").inner_text()
    assert watch.hits(page) == []


@pytest.mark.slow
def test_finder_filters_with_payloads(page: Page, hostile: ServedSite) -> None:
    watch = Watch(page.context)
    page.goto(hostile.url + "playbooks/")
    form = page.locator("form[data-peerlog-finder]")
    page.wait_for_selector("form[data-loaded]")
    words = form.locator("input[type=search]")
    field = words.get_attribute("name")
    for payload in (*PAYLOADS, ALL, "script", "onerror"):
        words.fill("")
        words.press_sequentially(payload[:60])
        page.mouse.move(700, 450)
        assert watch.hits(page) == [], payload
    words.fill("")
    for select_name in ("problem", "tool", "tag"):
        select = form.locator(f"select[name={select_name}]")
        for value in select.locator("option").evaluate_all("os => os.map(o => o.value)"):
            select.select_option(value=value)
        select.select_option(value="")
    page.reload(wait_until="load")
    assert watch.hits(page) == []
    page.goto(f"{hostile.url}playbooks/?{field}={quote(SCRIPT)}&tag={quote(BREAKOUT)}")
    page.wait_for_selector("form[data-loaded]")
    assert words.input_value() == SCRIPT
    assert watch.hits(page) == []


@pytest.mark.slow
def test_search_for_markup_runs_nothing(page: Page, hostile: ServedSite) -> None:
    """Material's search, given markup and payload words, shows them as text: the results
    hovered and expanded on one page load (indexing the corpus's 4 MB takes seconds a load),
    then the last query's first result followed."""
    watch = Watch(page.context)
    with serve(hostile.root, search=True) as url:
        page.goto(url)
        for query in ("script", "onerror", "pwned", "Markup", "svg onload", "alert"):
            results = search(page, query, timeout_ms=60_000)
            # Material indexes "<script>" in escaped text, so "script" alone may find nothing.
            assert results or query == "script", query
            for item in page.locator(".md-search-result__item").all()[:10]:
                item.hover()
            more = page.locator(".md-search-result__more summary")
            for i in range(min(more.count(), 5)):
                more.nth(i).click()
            assert watch.hits(page) == [], query
        page.locator(".md-search-result__item > a").first.click()
        page.wait_for_load_state("load")
    assert watch.hits(page) == []
