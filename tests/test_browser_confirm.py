"""The entry page's "Worked for me too" form in a real browser: the exact file it would commit
(GitHub's ``filename`` and ``value``, and the download byte for byte) is the one
``peerlog confirm`` writes, it passes ``peerlog check`` and shows on the entry once built, and
the form holds the file back until it names a person."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from peerlog.cli import main
from peerlog.read.confirmations import confirmation_path, render_confirmation

from .browser import build_site, serve
from .project import SAMPLE_ENTRY, Project

pytestmark = pytest.mark.browser

REPO_URL = "https://github.com/acme/kb"
MKDOCS_YML = """\
site_name: Test journal
site_url: {site_url}
{repo}theme:
  name: material
  font: false
  features: [navigation.instant]
plugins: [search, peerlog]
markdown_extensions: [admonition, attr_list, tables, pymdownx.superfences]
"""
ENTRY = "journals/2026/2026-01-08-payment-terms.md"
TITLE = "Payment terms from supplier contracts"
NOTE = 'Worked on 40 contracts.\n<img src=x onerror=alert(1)> "quoted" & more'


@pytest.fixture(name="sites", scope="module")
def sites_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One entry, built with and without ``repo_url``, served."""
    with ExitStack() as stack:
        urls = {}
        for name, repo in (("github", f"repo_url: {REPO_URL}\n"), ("none", "")):
            root = tmp_path_factory.mktemp(name)
            (root / "site").mkdir()
            urls[name] = stack.enter_context(serve(root / "site"))
            project = Project(root)
            project.write(ENTRY, SAMPLE_ENTRY)
            project.write("contributors.yml", "alice: Alice Martin\nbob: Bob Stone\n"
                          "carol: Carol Diaz\ndana: Dana Li\n")
            (root / "mkdocs.yml").write_text(MKDOCS_YML.format(site_url=urls[name], repo=repo),
                                             encoding="utf-8")
            build_site(root / "mkdocs.yml", root / "site")
        yield urls


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
    path = confirmation_path("journals", today, "dana", TITLE)
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
        "download", confirmation_path("journals", today, "bob", TITLE).rpartition("/")[2])
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
