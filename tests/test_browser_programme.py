"""The programme pages read on a phone: the Pairing table scrolls inside its box, the Clinic
agenda and the Who to ask boxes wrap, and nothing makes the page scroll sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_programme_pages_fit_a_phone(page: Page, example_url: str) -> None:
    page.set_viewport_size(PHONE)
    for url in ("pairs/", "clinic/", "people/", "playbooks/reading-handwriting/",
                "problems/data-extraction/"):
        page.goto(example_url + url)
        widths = page.evaluate("() => [document.documentElement.scrollWidth,"
                               " document.documentElement.clientWidth]")
        assert widths[0] <= widths[1] == PHONE["width"], (url, widths)
    # The example is built as of today, so only what no passing day changes is checked.
    page.goto(example_url + "problems/data-extraction/")
    who = page.locator('[data-peerlog="who-to-ask"]')
    expect(who.locator("dt").first).to_have_text("It worked for")
    box = who.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.goto(example_url + "clinic/")
    expect(page.locator('[data-peerlog="open-problem"] h3').first).to_have_text(
        "1. reading-handwriting (problem type)")
