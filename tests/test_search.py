"""Search by Pagefind (the ``search`` option): the index a build writes, and Material's search box
answering from it in Chromium, on the example knowledge base plus one hostile entry.

One build for the whole file: the example copied, with ``search: pagefind`` and the entry of
:data:`HOSTILE`. Expected results were read off the example's journals by hand: "thursday"
occurs in the notes of one entry only, "afternoon" in the notes of two (one solved
data-extraction entry, one partly solved research-citations entry)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from peerlog.render.search import PAGEFIND_ABOVE, uses_pagefind

from .browser import REPO, Watch, build_site, search, serve
from .hostile_corpus import BREAKOUT, IMG, SCRIPT, SVG

INVOICES = "Pulling line items out of supplier invoice PDFs"
BATTLECARD = "Competitor claims for the sales battlecard"
PLAYBOOK = "Research with citations (mostly unsolved)"
HOSTILE_TITLE = f"Quokkaflume {SCRIPT} {IMG}"
HOSTILE = f"""---
title: '{HOSTILE_TITLE}'
date: 2026-11-30
author: Mallory <mallory@evil.example>
tags: [pdf, '{SVG}', constructor, __proto__, toString]
problem: data-extraction
outcome: partial
attempts:
  - tried: pasted {BREAKOUT} into the prompt
    result: failed
---

The word zebrafinchly is in these notes only, beside `{SCRIPT}` and `{IMG}` and `{SVG}`.

A word built to cost Pagefind time: {"wombat" * 50}, and after it numbat.
"""
#: Tags named like what every JavaScript object inherits: filter values Pagefind and the
#: search script keep in plain objects.
PROTOTYPE_NAMES = ["constructor", "__proto__", "toString"]
EMAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")


def test_auto_turns_to_pagefind_above_the_threshold() -> None:
    assert [uses_pagefind("auto", n) for n in (0, PAGEFIND_ABOVE, PAGEFIND_ABOVE + 1)] == [
        False, False, True]
    assert uses_pagefind("pagefind", 1) and not uses_pagefind("material", 10_000)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("search") / "kb"
    for name in ("journals", "docs", "playbooks"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "contributors.yml", project)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      people_from_git: false\n" in config
    (project / "mkdocs.yml").write_text(config.replace(
        "      people_from_git: false\n", "      people_from_git: false\n      search: pagefind\n"),
        encoding="utf-8")
    (project / "journals" / "2026" / "2026-11-30-quokkaflume.md").write_text(HOSTILE,
                                                                            encoding="utf-8")
    return build_site(project / "mkdocs.yml", project / "site")


def _bytes(path: Path) -> bytes:
    """A file of Pagefind's bundle as text: its index chunks are gzipped."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _fragments(site: Path) -> dict[str, dict[str, object]]:
    """Every page Pagefind holds, by URL: its words, title, filters and headings."""
    found = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        record = json.loads(_bytes(path).removeprefix(b"pagefind_dcd"))
        found[record["url"]] = record
    return found


def test_the_index_holds_every_page_with_its_filters_and_no_address(site: Path) -> None:
    assert (site / "pagefind" / "pagefind.js").is_file()
    # Material's own index keeps its configuration and no page: no reader downloads the site.
    assert json.loads((site / "search" / "search_index.json").read_text())["docs"] == []
    fragments = _fragments(site)
    assert len(fragments) == sum(1 for _ in site.rglob("*.html"))
    entry = fragments["/entries/2025/2025-09-08-invoice-line-items/"]
    assert entry["meta"] == {"title": INVOICES}
    # One filter value per topic, whatever the spelling ("PDF", "Pdf"): its shown name.
    assert entry["filters"] == {"topic": ["pdf", "extraction", "invoices", "claude"],
                                "problem": ["data-extraction"], "outcome": ["solved"]}
    assert "thursday" in str(entry["content"]).lower()
    topics = {t for f in fragments.values() for t in f["filters"].get("topic", [])}  # type: ignore[attr-defined]
    assert len({t.casefold() for t in topics}) == len(topics)
    hostile = fragments["/entries/2026/2026-11-30-quokkaflume/"]
    assert hostile["filters"] == {"topic": ["pdf", SVG, *PROTOTYPE_NAMES],
                                  "problem": ["data-extraction"],
                                  "outcome": ["partial"]}
    # The 300-letter word is on the page, not in the index (render/sanitize.MAX_INDEXED_WORD).
    hostile_page = (site / "entries/2026/2026-11-30-quokkaflume/index.html").read_text()
    assert "wombat" * 50 in hostile_page
    assert "numbat" in str(hostile["content"]) and "wombat" not in str(hostile["content"])
    # The only addresses are the examples the hand-written docs show; the hostile author's
    # address is no name, and Pagefind's own interfaces (their licence headers name their
    # authors' addresses) are not published.
    shown = set(EMAIL.findall(b"".join(p.read_bytes() for p in (REPO / "docs").glob("*.md"))))
    for path in (site / "pagefind").rglob("*"):
        if path.is_file():
            assert set(EMAIL.findall(_bytes(path))) <= shown, path
    assert not list((site / "pagefind").glob("pagefind-*ui*"))
    assert b"mallory" not in b"".join(_bytes(p) for p in (site / "pagefind").rglob("*.pf_*"))


@pytest.fixture(scope="module")
def url(site: Path) -> Iterator[str]:
    with serve(site) as base:
        yield base


def _excerpts(page: Page) -> list[str]:
    return page.locator(".md-search-result__item > a:first-child article p").all_inner_texts()


@pytest.mark.browser
def test_a_word_of_one_entry_s_notes_finds_it_with_a_snippet(page: Page, url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    assert search(page, "thursday") == [INVOICES]
    expect(page.locator(".md-search-result__meta")).to_have_text("1 matching document")
    marks = page.locator(".md-search-result__item > a:first-child article p mark")
    assert [m.lower() for m in marks.all_inner_texts()] == ["thursday's"]
    assert "Thursday" in _excerpts(page)[0]
    # The page, Material's bundle, Pagefind's script, its wasm and a few chunks: nothing else.
    assert [r for r in requests if not r.startswith(url)] == []
    assert any(r.endswith(".pf_fragment") for r in requests)
    page.locator(".md-search-result__item > a").first.click()
    expect(page).to_have_url(f"{url}entries/2025/2025-09-08-invoice-line-items/")


@pytest.mark.browser
def search_filters(page: Page) -> Locator:
    """The three filters of the search box, once search.js has added them: they come after
    the first results, from a download of their own, so reading them at once may find none."""
    filters = page.locator("[data-peerlog-search-filters] select")
    expect(filters).to_have_count(3)
    return filters


def test_filters_narrow_the_results(page: Page, url: str) -> None:
    page.goto(url)
    # The two entries, and the playbook whose evidence quotes one of them.
    assert sorted(search(page, "afternoon")) == [BATTLECARD, INVOICES, PLAYBOOK]
    filters = search_filters(page)
    assert [f.get_attribute("name") for f in filters.all()] == ["topic", "problem", "outcome"]
    outcome = page.locator("[data-peerlog-search-filters] select[name=outcome]")
    assert outcome.locator("option").all_inner_texts()[1:] == [
        "partial (7)", "solved (52)", "unsolved (7)"]
    outcome.select_option("partial")
    expect(page.locator(".md-search-result__item h1")).to_have_text([BATTLECARD])
    expect(page.locator(".md-search-result__meta")).to_have_text("1 matching document")
    outcome.select_option("")
    page.locator("[data-peerlog-search-filters] select[name=problem]").select_option(
        "data-extraction")
    expect(page.locator(".md-search-result__item h1")).to_have_text([INVOICES])


@pytest.mark.browser
def test_hostile_titles_and_notes_are_shown_as_text(page: Page, url: str) -> None:
    watch = Watch(page.context)
    page.goto(url)
    assert search(page, "zebrafinchly") == [HOSTILE_TITLE]
    excerpt = _excerpts(page)[0]
    assert SCRIPT in excerpt and IMG in excerpt
    result = page.locator(".md-search-result__list")
    assert result.locator("script, img, svg, [onerror], [onload]").count() == 0
    search_filters(page)
    topics = page.locator("[data-peerlog-search-filters] select[name=topic] option")
    assert f"{SVG} (1)" in topics.all_inner_texts()
    assert {f"{name} (1)" for name in PROTOTYPE_NAMES} <= set(topics.all_inner_texts())
    topic = page.locator("[data-peerlog-search-filters] select[name=topic]")
    for name in PROTOTYPE_NAMES:
        topic.select_option(name)
        expect(page.locator(".md-search-result__item h1")).to_have_text([HOSTILE_TITLE])
    topic.select_option("")
    assert search(page, "Quokkaflume")[0] == HOSTILE_TITLE
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state("load")
    assert watch.hits(page) == []


@pytest.mark.browser
def test_the_filters_take_material_s_colours_in_light_and_slate(page: Page, url: str) -> None:
    page.goto(url)
    search(page, "afternoon")
    select = page.locator("[data-peerlog-search-filters] select").first
    colours = []
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        colours.append(select.evaluate(
            "s => [getComputedStyle(s).color, getComputedStyle(s).backgroundColor,"
            " getComputedStyle(document.body).getPropertyValue('--md-default-bg-color').trim()]"))
    (light_fg, light_bg, _), (dark_fg, dark_bg, _) = colours
    assert light_bg == "rgb(255, 255, 255)" and light_fg != dark_fg and light_bg != dark_bg
