"""The entry page's "Worked for me too" form in a real browser: the exact file it would commit
(GitHub's ``filename`` and ``value``, and the download byte for byte) is the one
``peerlog confirm`` writes, it passes ``peerlog check`` and shows on the entry once built, and
the form holds the file back until it names a person."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from peerlog.cli import main
from peerlog.read.confirmations import confirmation_path, render_confirmation

from .browser import await_instant_navigation
from .project import SAMPLE_ENTRY, Project

# The write form's two sites (with and without repo_url) hold the entry this form confirms.
from .test_browser_write import sites_fixture  # noqa: F401

pytestmark = pytest.mark.browser

ENTRY = "journals/2026/2026-01-08-payment-terms.md"
TITLE = "Payment terms from supplier contracts"
NOTE = 'Worked on 40 contracts.\n<img src=x onerror=alert(1)> "quoted" & more'


def open_entry(page: Page, url: str) -> list[str]:
    """Open the entry page; the script errors and dialogs seen while the test runs."""
    seen: list[str] = []
    page.on("pageerror", lambda error: seen.append(str(error)))
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    page.goto(url + "entries/2026/2026-01-08-payment-terms/")
    expect(page.locator("[data-peerlog-confirm]")).to_be_visible()
    return seen


def test_the_form_opens_github_with_the_exact_file(
    page: Page, sites: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = open_entry(page, sites["github"])
    page.locator("[data-peerlog-confirm] [name=result]").select_option("partial")
    page.locator("[data-peerlog-confirm] [name=by]").fill("dana")
    page.locator("[data-peerlog-confirm] [name=note]").fill(NOTE)
    today = date.today().isoformat()
    path = confirmation_path("journals", today, "dana", ENTRY)
    expected = render_confirmation("2026/2026-01-08-payment-terms.md", "dana", today, "partial",
                                   NOTE)
    expect(page.locator("[data-peerlog-confirm] [data-peerlog-path]")).to_have_text(path)
    commit = page.get_by_role("link", name="Commit it on GitHub")
    href = commit.get_attribute("href") or ""
    url = urlsplit(href)
    assert (url.scheme, url.netloc, url.path) == ("https", "github.com",
                                                  "/acme/kb/new/main/journals/confirmations")
    assert parse_qs(url.query, strict_parsing=True) == {
        "filename": [path.rpartition("/")[2]], "value": [expected]}
    assert expected == (f'---\nconfirms: "2026/2026-01-08-payment-terms.md"\nauthor: "dana"\n'
                        f'date: "{today}"\nresult: "partial"  # worked, partial or failed\n'
                        f"---\n{NOTE}\n")
    assert seen == []

    # The file passes `peerlog check`, counts on the entry and its note stays text.
    project = Project(tmp_path / "kb")
    project.write(ENTRY, SAMPLE_ENTRY)
    project.write(path, expected)
    assert main(["--root", str(project.root), "check", "--strict"]) == 0
    assert "2 files checked: 0 errors, 0 warnings" in capsys.readouterr().err
    build = project.build("--strict")
    assert build.code == 0, build.log
    article = build.article("entries/2026/2026-01-08-payment-terms/")
    assert "Tried since by 1 person" in article
    assert "&lt;img src=x onerror=alert(1)&gt; &#34;quoted&#34; &amp; more" in article
    assert "<img src=x" not in article


def test_without_repo_url_the_file_downloads(page: Page, sites: dict[str, str]) -> None:
    seen = open_entry(page, sites["none"])
    expect(page.locator("[data-peerlog-commit]")).to_be_hidden()
    page.locator("[data-peerlog-confirm] [name=by]").fill("bob")
    download = page.get_by_role("link", name="Download the file")
    today = date.today().isoformat()
    expect(download).to_have_attribute(
        "download", confirmation_path("journals", today, "bob", ENTRY).rpartition("/")[2])
    body = page.evaluate("href => fetch(href).then(r => r.text())",
                         download.get_attribute("href"))
    assert body == render_confirmation("2026/2026-01-08-payment-terms.md", "bob", today,
                                       "worked")
    assert body.endswith('result: "worked"  # worked, partial or failed\n---\n')
    assert seen == []


def test_the_file_is_held_back_without_a_person(page: Page, sites: dict[str, str]) -> None:
    seen = open_entry(page, sites["github"])
    form = page.locator("[data-peerlog-confirm]")
    commit = form.locator("[data-peerlog-commit]")
    expect(commit).to_have_attribute("aria-disabled", "true")
    expect(form.locator("[data-peerlog-status]")).to_have_text(
        "Before the file can be saved, fix: your name or handle.")
    form.locator("[name=by]").fill("me@example.com")
    expect(form.locator("[data-peerlog-message]")).to_have_text(
        "Use a name or handle, not an e-mail address.")
    expect(form.locator("[name=by]")).to_have_attribute("aria-invalid", "true")
    expect(commit).to_have_attribute("aria-disabled", "true")
    form.locator("[name=by]").fill("alice")
    expect(form.locator("[data-peerlog-message]")).to_have_text("")
    expect(commit).to_have_attribute("href", re.compile("^https://github.com/"))
    assert seen == []


def test_instant_navigation_starts_the_form(page: Page, sites: dict[str, str]) -> None:
    page.goto(sites["github"] + "recent/")
    await_instant_navigation(page)
    page.evaluate("window.sameDocument = true")
    for _ in range(2):
        page.get_by_role("link", name=TITLE).first.click()
        form = page.locator("[data-peerlog-confirm]")
        expect(form).to_be_visible()
        form.locator("[name=by]").fill("carol")
        expect(form.locator("[data-peerlog-path]")).to_have_text(
            re.compile(r"^journals/confirmations/\d{4}-\d\d-\d\d-carol-payment-terms\.md$"))
        page.get_by_role("link", name="Recent entries").first.click()
        expect(page.locator("article h1").first).to_have_text("Recent entries")
    assert page.evaluate("window.sameDocument") is True, "Material reloaded the page"
