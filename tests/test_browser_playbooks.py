"""The playbook finder and search ranking, in real headless Chromium on the example site."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .browser import search

pytestmark = pytest.mark.browser


def playbooks(site: Path) -> list[dict[str, Any]]:
    data = json.loads((site / "peerlog.json").read_text(encoding="utf-8"))
    return data["playbooks"]  # type: ignore[no-any-return]


def shown(page: Page) -> list[str]:
    return page.locator("[data-peerlog-results] .peerlog-card__title").all_inner_texts()


def open_finder(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("form[data-peerlog-finder]")).to_have_attribute("data-loaded", "1")


def test_finder_filters_share_and_reload(page: Page, example_url: str,
                                         example_site: Path) -> None:
    every = playbooks(example_site)
    open_finder(page, example_url + "playbooks/")
    assert sorted(shown(page)) == sorted(p["title"] for p in every)

    tool = "claude"
    page.select_option("select[name=tool]", tool)
    with_tool = [p for p in every if tool in p["tools"]]
    assert 1 < len(with_tool) < len(every)
    assert sorted(shown(page)) == sorted(p["title"] for p in with_tool)

    target = next(p for p in every if p["problem"] == "data-extraction")
    page.select_option("select[name=problem]", target["key"])
    assert shown(page) == [target["title"]]
    expect(page.locator("[data-peerlog-count]")).to_have_text("1 playbook")

    word = target["approaches"][-1]["variants"][0].split()[-1].lower()
    page.fill("input[name=text]", word)
    assert shown(page) == [target["title"]]
    page.fill("input[name=text]", word + " zzzunknownzzz")
    assert shown(page) == []
    expect(page.locator("[data-peerlog-count]")).to_have_text("0 playbooks")
    page.fill("input[name=text]", word)

    expect(page).to_have_url(re.compile(rf"[?&]text={re.escape(word)}$"))
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"tool": [tool], "problem": [target["key"]], "text": [word]}
    shared = page.url
    page.goto("about:blank")
    open_finder(page, shared)
    assert page.input_value("select[name=problem]") == target["key"]
    assert page.input_value("select[name=tool]") == tool
    assert page.input_value("input[name=text]") == word
    assert shown(page) == [target["title"]]

    page.locator("[data-peerlog-results] .peerlog-card__title").click()
    expect(page.locator("article h1").first).to_have_text(target["title"])
    assert urlsplit(page.url).path.endswith("/" + target["url"])


def test_outcome_filter(page: Page, example_url: str, example_site: Path) -> None:
    every = playbooks(example_site)
    open_finder(page, example_url + "playbooks/?outcome=unsolved")
    assert sorted(shown(page)) == sorted(p["title"] for p in every
                                         if p["outcomes"].get("unsolved"))


def test_searching_a_problem_type_finds_its_playbook_first(page: Page, example_search_url: str,
                                                           example_site: Path) -> None:
    page.goto(example_search_url)
    for playbook in playbooks(example_site):
        if not playbook["entry_count"]:
            continue
        titles = search(page, playbook["problem"].replace("-", " "))
        assert titles, playbook["problem"]
        assert titles[0].startswith(f"Playbook: {playbook['problem']}"), (playbook, titles[:3])
        first = page.locator(".md-search-result__item > a").first.get_attribute("href") or ""
        assert re.search(rf"playbooks/{re.escape(playbook['url'].split('/')[1])}/", first)
