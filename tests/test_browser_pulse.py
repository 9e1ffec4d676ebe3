"""The Pulse page in a real browser: every chart drawn with labelled axes that can be read, in
the light and the dark (Material's ``slate``) scheme, and on a 390 px phone without sideways
scrolling."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, ViewportSize, expect

pytestmark = pytest.mark.browser
PHONE: ViewportSize = {"width": 390, "height": 844}
CHARTS = ["entries-monthly", "entries-weekly", "writers", "helpers", "taught", "outcomes",
          "teams"]
AXES = {"entries-monthly": ("Month", "Entries"), "entries-weekly": ("Week (ISO)", "Entries"),
        "writers": ("Month", "People"), "helpers": ("Month", "People"),
        "taught": ("Month", "Entries"), "outcomes": ("Month", "Entries"),
        "teams": ("Month", "Entries")}

# For each chart: its axis titles, tick labels and their boxes, the text colour, the colour of
# its first bar or line, and the page's background (WCAG's relative luminance, alpha blended).
_LOOK = """() => {
  const rgba = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const bg = rgba(getComputedStyle(document.body).backgroundColor);
  const over = ([r, g, b, a = 1]) => [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
  const contrast = (colour) => {
    const [l1, l2] = [luminance(over(rgba(colour))), luminance(bg)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  return [...document.querySelectorAll("[data-peerlog-chart]")].map((figure) => {
    const svg = figure.querySelector("svg");
    const box = svg.getBoundingClientRect();
    const label = (axis) => svg.querySelector(`[data-axis=${axis}]`);
    const ticks = [...svg.querySelectorAll(".peerlog-chart__tick")];
    const mark = svg.querySelector("rect, polyline");
    const markStyle = getComputedStyle(mark);
    return {
      id: figure.dataset.peerlogChart,
      x: label("x").textContent, y: label("y").textContent,
      labelsInside: [label("x"), label("y"), ...ticks].every((t) => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.left >= box.left - 1 && r.right <= box.right + 1
          && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
      }),
      ticks: ticks.length,
      textContrast: contrast(getComputedStyle(label("x")).fill),
      tickContrast: contrast(getComputedStyle(ticks[0]).fill),
      markContrast: contrast(mark.tagName === "rect" ? markStyle.fill : markStyle.stroke),
      width: box.width, right: box.right,
      caption: figure.querySelector("figcaption").textContent,
      rows: figure.querySelectorAll("tbody tr").length,
    };
  });
}"""


def _look(page: Page) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(_LOOK)
    return found


def _check_charts(page: Page) -> list[dict[str, Any]]:
    charts = _look(page)
    assert [c["id"] for c in charts] == CHARTS
    for c in charts:
        assert (c["x"], c["y"]) == AXES[c["id"]], c
        assert c["labelsInside"] and c["ticks"] >= 4, c
        assert c["textContrast"] >= 4.5 and c["tickContrast"] >= 4.5, c
        assert c["markContrast"] >= 3, c
        assert c["rows"] >= 15 and c["caption"], c
    return charts


def test_pulse_charts_have_readable_labelled_axes_in_light_and_dark(
    page: Page, example_url: str
) -> None:
    page.goto(example_url + "people/activity/")
    expect(page.locator("h1")).to_have_text("Pulse")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    light = _check_charts(page)
    page.locator("label[title='Switch to dark mode']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    dark = _check_charts(page)
    # The same text colour cannot be readable on both backgrounds: the scheme restyled it.
    assert light[0]["textContrast"] != dark[0]["textContrast"]
    # The example's decline: its last months depend on the day the site is built.
    caption = page.locator("[data-peerlog-chart=entries-monthly] figcaption")
    expect(caption).to_have_text(re.compile(
        r"^Entries fell from 7\.3 to [\d.]+ a month: the first 3 months \(2025-09 to 2025-11\) "
        r"against the last 3 \(.*\); the peak was 9 in 2025-10\.$"))
    table = page.locator("[data-peerlog-chart=entries-monthly] details")
    table.locator("summary").click()
    expect(table.locator("tbody tr").first).to_have_text("2025-096")


def test_pulse_page_fits_a_phone(page: Page, example_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(example_url + "people/activity/")
    for details in page.locator("details").all():
        details.locator("summary").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for c in _check_charts(page):
        assert c["right"] <= PHONE["width"] and c["width"] >= 300, c
