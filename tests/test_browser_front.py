"""The home page, the archive and a learning record, read on a phone in a real Chromium: nothing
wider than the screen, and the generated sections where a reader looks for them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("url", ["", "archive/", "archive/2026-03/", "people/priya/"])
def test_front_pages_read_on_a_phone_without_sideways_scrolling(
    page: Page, example_url: str, url: str
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(example_url + url)
    widths = page.evaluate("() => [document.documentElement.scrollWidth,"
                           " document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == PHONE["width"], (url, widths)


def test_the_home_page_shows_the_journal_after_the_welcome(page: Page, example_url: str) -> None:
    page.goto(example_url)
    home = page.locator("[data-peerlog=home]")
    expect(home).to_be_visible()
    welcome = page.locator("article h1").first
    assert welcome.bounding_box()["y"] < home.bounding_box()["y"]  # type: ignore[index]
    expect(home.locator("h2")).to_have_text(["Newest entries", "This month",
                                             "Featured playbooks", "Open problems", "Helpers"])
    expect(home.locator(".peerlog-list").first.locator("li")).to_have_count(5)
    home.get_by_role("link", name="the archive, month by month").click()
    expect(page.locator("article h1")).to_have_text("Archive")


def test_a_learning_record_links_its_csv(page: Page, example_url: str) -> None:
    page.goto(example_url + "people/priya/")
    link = page.locator("[data-peerlog=record-csv]")
    expect(link).to_have_attribute("href", "record.csv")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "record.csv"
    with open(download.value.path(), encoding="utf-8") as f:
        assert f.readline().startswith("date,entry title,entry URL,")
