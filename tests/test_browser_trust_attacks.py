"""The new surfaces of playbooks and confirmations, attacked in Chromium: a confirmation's note
and author, a curated playbook's owner and review date, attempt wordings that become labels,
"shared words" and finder suggestions, all carrying payloads, ids of the theme's own elements
and names like ``constructor``. No script runs, no request leaves, nothing of the theme is
clobbered, and the payloads show as text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Page, expect

from .browser import ServedSite, serve
from .project import Project
from .test_browser_attacks import THEME, Visit

pytestmark = pytest.mark.browser

PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
WORDING = f'asked for constructor __proto__ JSON {PAYLOAD} <a id="__config">x</a>'


@pytest.fixture(name="site", scope="module")
def site_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    project = Project(tmp_path_factory.mktemp("trust") / "kb")
    # A second theme replaces the one tests/project.py writes: no web fonts, nothing offsite.
    project.extra_config = yaml.safe_dump({"theme": THEME})
    for i, who in enumerate(("alice", "bob")):
        project.entry(f"2026/e{i}.md", title=f"Entry {i} {PAYLOAD}", date=f"2026-0{i + 1}-02",
                      author=who, problem="constructor", tools=[f"__proto__{PAYLOAD}"],
                      attempts=[{"tried": WORDING, "result": "worked"},
                                {"tried": f"then toString {PAYLOAD}", "result": "partial"}])
    project.write("journals/confirmations/c.md",
                  f"---\nconfirms: 2026/e0.md\nauthor: carol\ndate: 2026-03-01\nresult: worked\n"
                  f"---\n{PAYLOAD} <div id=\"__config\">{{\"x\":1}}</div> {{{{7*7}}}}\n")
    project.write("journals/confirmations/bad.md",
                  f"---\nconfirms: 2026/e1.md\nauthor: '{PAYLOAD}'\ndate: 2026-03-01\n"
                  "result: worked\n---\n")
    project.write("playbooks/constructor.md",
                  f"---\nproblem: constructor\nowner: '{PAYLOAD}'\nreviewed: '{PAYLOAD}'\n---\n"
                  "Advice.\n")
    build = project.build()
    assert build.code == 0, build.log
    assert "owner must be one person's handle or name" in build.log
    with serve(build.site) as url:
        yield ServedSite(build.site, url, ["entries/2026/e0/", "entries/2026/e1/",
                                           "playbooks/constructor/", "playbooks/", "people/"])


def test_no_payload_runs_or_leaves_and_the_theme_is_untouched(page: Page, site: ServedSite) -> None:
    visit = Visit(page)
    for rel in site.pages:
        response = page.goto(site.url + rel, wait_until="load")
        assert response is not None and response.ok, rel
        page.wait_for_timeout(200)
        assert visit.findings() == [], rel
        assert page.locator("[id='__config']").count() == 1, rel  # Material's own only
        assert page.evaluate("() => typeof JSON.parse(document.getElementById("
                             "'__config').textContent).base") == "string", rel
    # The finder with a payload for words: the no-results view offers it back as text only.
    page.goto(site.url + "playbooks/")
    expect(page.locator("form[data-peerlog-finder]")).to_have_attribute("data-loaded", "1")
    page.fill("input[name=text]", f"constructr {PAYLOAD}")
    suggest = page.locator("[data-peerlog-suggest]")
    expect(suggest).to_be_visible()
    offered = suggest.locator("button").all_inner_texts()
    assert "clear everything" in offered and any("constructor" in o for o in offered), offered
    for text in offered:  # each click renders the view again, and offers what fits it
        button = suggest.get_by_role("button", name=text, exact=True)
        if suggest.is_visible() and button.count():
            button.click()
    assert visit.findings() == []
    assert page.locator("[data-peerlog-suggest] img, [data-peerlog-results] img").count() == 0


def test_payloads_show_as_text_where_they_are_shown(page: Page, site: ServedSite) -> None:
    page.goto(site.url + "entries/2026/e0/")
    confirmations = page.locator(".peerlog-confirmations")
    expect(confirmations).to_contain_text('<img src=x onerror="window.__pwned=1">')
    expect(confirmations).to_contain_text("{{7*7}}")
    assert confirmations.locator("img, script, #__config").count() == 0
    assert "carol" in (confirmations.inner_text())
    assert PAYLOAD not in confirmations.locator(".peerlog-person").all_inner_texts()
    page.goto(site.url + "playbooks/constructor/")
    article = page.locator("article")
    assert article.locator("script, img[src=x]").count() == 0
    expect(page.locator("[data-peerlog-review]")).to_contain_text("No owner yet")
    expect(page.locator("[data-peerlog-approach]").first).to_contain_text("constructor")
