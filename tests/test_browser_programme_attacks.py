"""The programme lead's surfaces, attacked in Chromium: team names from ``contributors.yml``,
sources in ``learned_from``, pairs and teachers whose names are payloads, the ids of the theme's
own elements and names like ``constructor``, on the Pulse, pairing, clinic, archive, home,
person (learning record), topic, problem and playbook pages. No script runs, no request
leaves, Material's ``#__config`` stays its own, and the payloads show as text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Page, expect

from .browser import ServedSite, serve
from .project import Project
from .test_browser_attacks import THEME, Visit
from .test_browser_trust_attacks import PAYLOAD

pytestmark = pytest.mark.browser

CLOBBER = '<a id="__config">x</a>'
TEAM = f"constructor {PAYLOAD} {CLOBBER}"


@pytest.fixture(name="site", scope="module")
def site_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    project = Project(tmp_path_factory.mktemp("programme-attacks") / "kb")
    project.extra_config = yaml.safe_dump({"theme": THEME})
    project.write("contributors.yml", yaml.safe_dump({
        "alice": {"name": "Alice", "team": TEAM},
        "bob": {"name": "Bob", "team": "__proto__"},
        "carol": {"name": "Carol", "team": "toString"},
    }))
    for i, (who, outcome) in enumerate((("alice", "solved"), ("bob", "unsolved"),
                                        ("carol", "unsolved"), ("bob", "solved"))):
        project.entry(
            f"2026/e{i}.md", title=f"Entry {i} {PAYLOAD}", date=f"2026-{i + 8:02d}-03",
            author=who, tags=["constructor", f"__proto__{PAYLOAD}"], problem="constructor",
            outcome=outcome, pair=["alice"] if who != "alice" else [],
            learned_from=[f"course: {PAYLOAD} {CLOBBER}", "alice" if who != "alice" else "self"],
            attempts=[{"tried": f"asked for constructor {PAYLOAD}",
                       "result": "worked" if outcome == "solved" else "failed"}])
    build = project.build()
    assert build.code == 0, build.log
    with serve(build.site) as url:
        yield ServedSite(build.site, url, [
            "", "people/activity/", "pairs/", "clinic/", "archive/", "archive/2026-09/",
            "people/", "people/alice/", "topics/constructor/", "problems/constructor/",
            "playbooks/constructor/", "entries/2026/e1/"])


def test_no_payload_runs_or_leaves_and_the_theme_is_untouched(page: Page, site: ServedSite) -> None:
    visit = Visit(page)
    for rel in site.pages:
        response = page.goto(site.url + rel, wait_until="load")
        assert response is not None and response.ok, rel
        page.mouse.move(600, 400)
        page.wait_for_timeout(200)
        assert visit.findings() == [], rel
        assert page.locator("[id='__config']").count() == 1, rel  # Material's own only
        assert page.evaluate("() => typeof JSON.parse(document.getElementById("
                             "'__config').textContent).base") == "string", rel
        assert page.locator("article img[src=x], article script").count() == 0, rel


def test_payloads_show_as_text_on_the_pulse_and_the_entry(page: Page, site: ServedSite) -> None:
    page.goto(site.url + "people/activity/")
    for details in page.locator("article details").all():
        details.evaluate("d => d.open = true")
    # A team name is cut at 60 characters (contributors.yml's cap); what is shown is text.
    expect(page.locator("article")).to_contain_text(TEAM[:40])
    page.goto(site.url + "entries/2026/e1/")
    expect(page.locator("article")).to_contain_text(f"{PAYLOAD} {CLOBBER}")
    page.goto(site.url + "people/alice/")
    expect(page.locator("article")).to_contain_text("Entry 0 <img src=x")
