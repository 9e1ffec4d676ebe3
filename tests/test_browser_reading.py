"""Reading playbooks as people do: on a phone, at a glance, and finding one by the words they
think of (American or British spelling, any form of the word, an entry's title, a typo)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def _playbook_urls(site: Path) -> list[str]:
    data = json.loads((site / "peerlog.json").read_text(encoding="utf-8"))
    return [p["url"] for p in data["playbooks"]]


def test_every_playbook_reads_on_a_phone_without_sideways_scrolling(
    page: Page, example_url: str, example_site: Path
) -> None:
    page.set_viewport_size(PHONE)
    urls = _playbook_urls(example_site)
    assert len(urls) >= 10
    for url in urls:
        page.goto(example_url + url)
        widths = page.evaluate("() => [document.documentElement.scrollWidth,"
                               " document.documentElement.clientWidth]")
        assert widths[0] <= widths[1] == PHONE["width"], (url, widths)
        cards = page.locator("[data-peerlog-approach]")
        for i in range(cards.count()):
            box = cards.nth(i).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], url
    # At a glance: the first approach of the busiest playbook has its bar, counts and who to ask.
    page.goto(example_url + "playbooks/data-extraction/")
    first = page.locator("[data-peerlog-approach]").first
    bar = first.locator(".peerlog-results")
    expect(bar).to_have_attribute("aria-label", "8 worked, 1 partly worked, 0 failed")
    assert first.locator(".peerlog-results__part--worked").bounding_box()["width"] > \
        3 * first.locator(".peerlog-results__part--partial").bounding_box()["width"]  # type: ignore[index]
    expect(first.locator("[data-peerlog-counts]")).to_contain_text(
        "8 worked · 1 partly worked · 0 failed · 2 confirmations")
    expect(first.locator("dt", has_text="Ask")).to_be_visible()
    expect(first.locator("[data-peerlog-last=worked]")).to_contain_text("2026-09-09")
    expect(page.locator("[data-peerlog-review-due]")).to_contain_text("Due for review")


def _titles(page: Page) -> list[str]:
    return page.locator("[data-peerlog-results] .peerlog-card__title").all_inner_texts()


@pytest.mark.parametrize(("words", "problem"), [
    ("summarize", "summarising-documents"),  # American spelling, other form of the word
    ("summarized findings", "summarising-documents"),
    ("customs declarations", "data-extraction"),  # words of an entry's title
    ("SUMIFS", "sql-and-formulas"),
])
def test_the_finder_finds_by_any_spelling_form_or_entry_title(
    page: Page, example_url: str, example_site: Path, words: str, problem: str
) -> None:
    data = json.loads((example_site / "peerlog.json").read_text(encoding="utf-8"))
    title = next(p["title"] for p in data["playbooks"] if p["key"] == problem)
    page.goto(example_url + "playbooks/")
    expect(page.locator("form[data-peerlog-finder]")).to_have_attribute("data-loaded", "1")
    page.fill("input[name=text]", words)
    assert title in _titles(page)
    expect(page.locator("[data-peerlog-suggest]")).to_be_hidden()


def test_no_results_suggest_what_to_try(page: Page, example_url: str, example_site: Path) -> None:
    data = json.loads((example_site / "peerlog.json").read_text(encoding="utf-8"))
    citations = next(p["title"] for p in data["playbooks"] if p["key"] == "research-citations")
    page.goto(example_url + "playbooks/?tool=deepl")  # no citations playbook uses it
    expect(page.locator("form[data-peerlog-finder]")).to_have_attribute("data-loaded", "1")
    page.fill("input[name=text]", "citatoins")
    assert _titles(page) == []
    suggest = page.locator("[data-peerlog-suggest]")
    expect(suggest).to_be_visible()
    expect(suggest).to_contain_text("Nothing matches. Try:")
    buttons = suggest.locator("button").all_inner_texts()
    assert buttons == ["\u201ccitations\u201d for \u201ccitatoins\u201d", "any tool",
                       "clear everything"]
    suggest.get_by_role("button", name="any tool").click()
    assert _titles(page) == []  # the typo still finds nothing
    suggest.locator("button").first.click()
    assert page.input_value("input[name=text]") == "citations"
    assert citations in _titles(page)
    expect(suggest).to_be_hidden()
