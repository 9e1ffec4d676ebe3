"""What Material's search indexes of an entry: the title, its facts as sentences, the attempts
and the notes; never the facts run together, the tags strip or the "Last updated / Edit"
footer. Checked in the built ``search/search_index.json`` and in Chromium's search results,
on a page that still shows readers the same header and footer."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from .browser import serve
from .gitrepo import GitRepo
from .project import Build, Project

NOTES = """\
Month-end, and AP wanted the line items in the recon sheet. Usually an afternoon of copy-paste.

- tried splitting the PDF per page -> partial: slow, but no dropped rows
"""
# The body the write form makes: its own headings, no "Notes" above them.
FORM_NOTES = """\
## What I was trying to do

Get key dates out of NDAs for legal.

## What I'd tell a teammate

Ask for the clause number with every date.
"""
ENTRY = "entries/2026/2026-03-02-invoices/"
FORM_ENTRY = "entries/2026/2026-03-03-nda-dates/"


@pytest.fixture(name="built", scope="module")
def built_fixture(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Two entries in a git repository with a ``repo_url``, so the footer has both its
    "Last updated" date and its "Edit this entry" link."""
    project = Project(tmp_path_factory.mktemp("search") / "kb",
                      extra_config="repo_url: https://github.com/acme/kb\n"
                                   "edit_uri: edit/main/docs/\n")
    project.entry(
        "2026/2026-03-02-invoices.md", NOTES, title="Tables from invoices", date="2026-03-02",
        author="priya", pair=["sana"], learned_from=["carol"], problem="data-extraction",
        tools=["claude"], outcome="solved", tags=["pdf", "extraction"],
        attempts=[{"tried": "Asked for the whole table as JSON", "result": "failed",
                   "note": "It invented columns"}, {"tried": "Gave it one example row first"}],
    )
    project.entry("2026/2026-03-03-nda-dates.md", FORM_NOTES, title="NDA dates",
                  date="2026-03-03", author="bob")
    repo = GitRepo.init(project.root)
    repo.git.add("--all")
    repo.commit(message="Two entries")
    build = project.build("--strict")
    assert build.code == 0, build.log
    return build


def records(build: Build, url: str) -> dict[str, dict[str, str]]:
    """The search index's records of the page at ``url``, by location."""
    index = json.loads((build.site / "search" / "search_index.json").read_text("utf-8"))
    return {doc["location"]: doc for doc in index["docs"] if doc["location"].startswith(url)}


def test_an_entry_is_indexed_as_its_title_facts_attempts_and_notes(built: Build) -> None:
    found = records(built, ENTRY)
    assert list(found) == [ENTRY, ENTRY + "#attempts", ENTRY + "#notes"]
    assert found[ENTRY] == {
        "location": ENTRY, "title": "Tables from invoices",
        "text": "<p>By priya. Paired with sana. Learned from carol. Problem type: "
                "data-extraction. Tools: claude. Outcome: solved. Tags: pdf, extraction.</p>",
    }
    assert found[ENTRY + "#attempts"]["text"] == (
        "<ol><li>Asked for the whole table as JSON: failed. It invented columns</li>"
        "<li>Gave it one example row first.</li>"
        "<li>splitting the PDF per page: partly worked. slow, but no dropped rows</li></ol>")
    notes = found[ENTRY + "#notes"]["text"]
    assert notes.startswith("<p>Month-end, and AP wanted the line items in the recon sheet.")
    assert notes.endswith("-&gt; partial: slow, but no dropped rows</li> </ul>")


def test_no_footer_no_labels_run_together(built: Build) -> None:
    index = (built.site / "search" / "search_index.json").read_text("utf-8")
    for noise in ("Last updated", "Edit this entry", "Source", "journals/2026/", "Bypriya",
                  "Date2026", "Problemdata", "pdfextraction", "✘", "✔"):
        assert noise not in index, noise


def test_readers_still_see_the_header_and_footer(built: Build) -> None:
    article = built.article(ENTRY)
    assert '<header class="peerlog-entry-header" data-search-exclude>\n  <h1>Tables from invoices</h1>' in article
    assert re.search(r"<dt>By</dt><dd><a class=\"peerlog-person\" href=\"[^\"]+\">priya</a>"
                     r"</dd>\s*<dt>Date</dt>", article)
    assert re.search(r'<ol class="peerlog-timeline" data-search-exclude data-pagefind-ignore>'
                     r'\s*<li class="peerlog-attempt peerlog-attempt--failed">\s*<span class="peerlog-attempt__result">'
                     r"✘ failed</span>", article)
    assert ">Edit this entry</a> <small>(journals/2026/2026-03-02-invoices.md)</small>" in article
    assert "<p>Last updated <time" in article
    assert '<p hidden>By priya. Paired with sana.' in article
    entry = article[:article.index('<section class="peerlog-confirmations"')]
    assert entry.count("<h2") == 2 and '<h2 id="notes">Notes</h2>' in entry


def test_notes_with_their_own_headings_get_no_empty_notes_heading(built: Build) -> None:
    article = built.article(FORM_ENTRY)
    assert 'id="notes"' not in article
    found = list(records(built, FORM_ENTRY).values())
    assert [(r["title"], r["text"]) for r in found] == [
        ("NDA dates", "<p>By bob.</p>"),
        ("What I was trying to do", "<p>Get key dates out of NDAs for legal.</p>"),
        ("What I'd tell a teammate", "<p>Ask for the clause number with every date.</p>")]


@pytest.fixture(name="served")
def served_fixture(built: Build) -> Iterator[str]:
    with serve(built.site, search=True) as url:
        yield url


@pytest.mark.browser
def test_search_snippets_read_as_words(page: Page, served: str) -> None:
    page.goto(served)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("afternoon")
    results = page.locator(".md-search-result__item")
    expect(results).to_have_count(1)
    sections = results.first.locator("article")
    expect(sections.locator("h1")).to_have_text(["Tables from invoices"])
    expect(sections.locator("h2")).to_have_text(["Notes"])
    snippet = sections.nth(1).inner_text().removeprefix("Notes").strip()
    assert snippet.startswith("Month-end, and AP wanted the line items in the recon sheet."), snippet
    assert "Edit this entry" not in snippet and "Last updated" not in snippet

    box.fill("")
    box.press_sequentially("sana")
    entry = results.filter(has=page.locator(f"a[href$='/{ENTRY}']"))
    expect(entry.locator("article")).to_have_count(1)
    expect(entry.locator("article h1")).to_have_text("Tables from invoices")
    expect(entry.locator("article p")).to_have_text(
        "By priya. Paired with sana. Learned from carol. Problem type: "
        "data-extraction. Tools: claude. Outcome: solved. Tags: pdf, extraction.")
