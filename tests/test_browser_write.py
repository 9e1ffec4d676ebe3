"""The "Write an entry" form in a real browser: the exact file it would commit (the preview,
GitHub's ``value=`` and the download byte for byte), that the file passes ``peerlog check``,
builds and parses back to exactly what was typed, line breaks kept and empty sections left
out, dates never guessed, checks as you type, Material's instant navigation, and that its
JavaScript agrees with Python byte for byte."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from peerlog.base.text import slug
from peerlog.cli import main
from peerlog.read.attempts import Attempt
from peerlog.read.entries import Entry, parse_entry
from peerlog.read.scaffold import entry_path, line_breaks_kept, render

from .browser import await_instant_navigation, build_site, serve
from .project import SAMPLE_ENTRY, Project

pytestmark = pytest.mark.browser

REPO_URL = "https://github.com/acme/kb"
# Material's header asks GitHub for the repository's stars and latest release: the theme's
# requests, made on load. The form itself makes none.
THEME_REQUESTS = re.compile(r"^https://api\.github\.com/repos/acme/kb(/releases/latest)?$")
MKDOCS_YML = """\
site_name: Test journal
site_url: {site_url}
{repo}theme:
  name: material
  font: false
  features: [navigation.instant, navigation.sections]
plugins: [search, peerlog]
markdown_extensions: [admonition, attr_list, tables, pymdownx.superfences]
"""
KB = {
    "contributors.yml": "alice: Alice Martin\nbob: Bob Stone\ncarol: Carol Diaz\ndana: Dana Li\n",
    "journals/2026/2026-01-08-payment-terms.md": SAMPLE_ENTRY,
    "journals/2026/2026-01-12-nda-dates.md": """\
---
title: Key dates from NDAs
date: 2026-01-12
author: bob
learned_from: [alice]
tags: [legal, extraction]
problem: data-extraction
tools: [claude]
---
Notes.
""",
    "journals/2025/2025-11-06-board-pack.md": """\
---
title: Board pack summary
date: 2025-11-06
author: carol
tags: [summarising, "<img src=x onerror=alert(1)>"]
problem: summarising
tools: [copilot]
---
Notes.
""",
}
HOSTILE_TAG = "<img src=x onerror=alert(1)>"
TITLE = 'Tables from "scanned" invoices: 2nd try #ocr'
FILE_NAME = "2026-03-02-tables-from-scanned-invoices-2nd-try-ocr.md"
EXPECTED = """\
---
title: "Tables from \\"scanned\\" invoices: 2nd try #ocr"
date: "2026-03-02"
author: ["dana"]
tags: ["pdf", "extraction"]
problem: "data-extraction"
tools: ["claude"]
pair: ["bob"]
learned_from: ["carol"]
outcome: "solved"  # solved, partial or unsolved
attempts:
  - tried: "Asked for the whole table as JSON"
    result: "failed"
    note: "It invented columns"
  - tried: "Gave it one example row first"
    result: "worked"
---
## What I was trying to do

Get line items out of 300 scanned supplier invoices\x20\x20
for the finance team.

## What I tried

OCR first, then the table.

- `pdftotext` was useless on scans

## What I'd tell a teammate

Show it one example row, including an empty field.
"""
NOT_A_DATE = "is not a date: write it as year-month-day, e.g. 2026-03-02."
# What the text box (browsers without a date picker) makes of dates as people type them.
DATES: dict[str, dict[str, str]] = {
    "2026-03-02": {"iso": "2026-03-02"}, " 2026/3/2 ": {"iso": "2026-03-02"},
    "2026.12.31": {"iso": "2026-12-31"}, "13/03/2026": {"iso": "2026-03-13"},
    "03/13/2026": {"iso": "2026-03-13"}, "3.3.2026": {"iso": "2026-03-03"},
    "2 March 2026": {"iso": "2026-03-02"}, "2nd Mar 2026": {"iso": "2026-03-02"},
    "March 2, 2026": {"iso": "2026-03-02"}, "Sept 30 2026": {"iso": "2026-09-30"},
    "29 February 2028": {"iso": "2028-02-29"},
    "02/03/2026": {"error": "'02/03/2026' could be 2 March or 3 February 2026: write "
                           "2026-03-02 or 2026-02-03 (year-month-day)."},
    "1-12-2026": {"error": "'1-12-2026' could be 1 December or 12 January 2026: write "
                          "2026-12-01 or 2026-01-12 (year-month-day)."},
    "2026-02-30": {"error": "'2026-02-30' is not a real day: check the day and the month."},
    "29 Feb 2026": {"error": "'29 Feb 2026' is not a real day: check the day and the month."},
    "13/13/2026": {"error": "'13/13/2026' is not a real day: check the day and the month."},
    "2/3/26": {"error": f"'2/3/26' {NOT_A_DATE}"},
    "2 Marchy 2026": {"error": f"'2 Marchy 2026' {NOT_A_DATE}"},
    "today": {"error": f"'today' {NOT_A_DATE}"},
    "": {"error": "A date is required: the day it happened."},
}
TRICKY_TITLES = [
    "Getting tables out of scanned invoices", "no: #1 - [draft]", "- leading dash", "yes",
    "null", "123", "2026-03-02", "'single' and \"double\"", "back\\slash", "{title} {x|y} $&",
    "---", "...", "!!!", "", "   ", "CON", "lpt1", "index", "nul.txt", "a--b__c  d",
    "\u2010\u2011\u2012\u2013\u2014\u2015 dashes", "ß ẞ \u0131 İ Σς", "ﬁnance ﬂow", "\u13a0ꭰ ᏸ",
    "cafe\u0301 vs café", "हिंदी में सारांश", "Ελληνικά ΆΈΉ", "日本語のテスト", "emoji 👩‍💻 team ✅",
    "\u202eright-to-left", "zero\u200bwidth\ufeff", "tab\tand\nnewline", "1/2 ½ ① Ⅻ",
    "x" * 200, "é" * 100, "語" * 100, "a" * 79 + "-b", "Ǆemal ǅ ǆ", "ŉ ǰ ΐ ﬀ",
]


def write_kb(root: Path) -> None:
    for rel, text in KB.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


@pytest.fixture(name="sites", scope="module")
def sites_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The same small knowledge base built twice, with and without ``repo_url``, served.
    ``site_url`` is the address served from: Material's instant navigation only follows links
    whose port matches its sitemap's."""
    with ExitStack() as stack:
        urls = {}
        for name, repo in (("github", f"repo_url: {REPO_URL}\n"), ("none", "")):
            root = tmp_path_factory.mktemp(name)
            (root / "site").mkdir()
            urls[name] = stack.enter_context(serve(root / "site"))
            write_kb(root)
            (root / "docs").mkdir()
            (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
            (root / "mkdocs.yml").write_text(MKDOCS_YML.format(site_url=urls[name], repo=repo),
                                             encoding="utf-8")
            build_site(root / "mkdocs.yml", root / "site")
        yield urls


@dataclass
class Seen:
    """What the page did while a test ran: requested URLs, script errors and dialogs."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def open_form(page: Page, url: str) -> Seen:
    """Open the form, watching from before the first request."""
    seen = Seen()
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url + "write/")
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-peerlog-write]")).to_be_visible()
    return seen


def pick(page: Page, field: str, typed: str, suggestion: str) -> None:
    """Type the start of a name, then click the suggestion the form offers for it."""
    page.locator(f"[name={field}]").press_sequentially(typed)
    page.locator(f"[data-suggest-for={field}]").get_by_role(
        "button", name=suggestion, exact=True).click()


def fill_form(page: Page) -> None:
    page.locator("[name=title]").press_sequentially(TITLE)
    page.locator("[name=date]").fill("2026-03-02")
    pick(page, "problem", "data ex", "data-extraction")
    pick(page, "tags", "pdf, extr", "extraction")
    pick(page, "tools", "cla", "claude")
    page.locator("[name=author]").fill("dana")
    pick(page, "pair", "b", "bob")
    page.locator("[name=learned_from]").fill("carol")
    page.locator("[name=outcome]").select_option("solved")
    rows = page.locator("[data-peerlog-attempts] > li")
    rows.nth(0).locator("[data-attempt=tried]").fill("Asked for the whole table as JSON")
    rows.nth(0).locator("[data-attempt=result]").select_option("failed")
    rows.nth(0).locator("[data-attempt=note]").fill("It invented columns")
    page.get_by_role("button", name="Add an attempt").click()
    rows.nth(1).locator("[data-attempt=tried]").fill("Gave it one example row first")
    rows.nth(1).locator("[data-attempt=result]").select_option("worked")
    page.locator("[name=goal]").fill(
        "Get line items out of 300 scanned supplier invoices\nfor the finance team.\n")
    page.locator("[name=notes]").fill(
        "\nOCR first, then the table.\n\n- `pdftotext` was useless on scans  \n\n")
    page.locator("[name=advice]").fill("Show it one example row, including an empty field.")


def form_values() -> dict[str, object]:
    """What ``fill_form`` types, as ``scaffold.render`` takes it."""
    return {
        "title": TITLE, "date": "2026-03-02", "author": ["dana"], "tags": ["pdf", "extraction"],
        "problem": "data-extraction", "tools": ["claude"], "pair": ["bob"],
        "learned_from": ["carol"], "outcome": "solved",
        "attempts": [{"tried": "Asked for the whole table as JSON", "result": "failed",
                      "note": "It invented columns"},
                     {"tried": "Gave it one example row first", "result": "worked", "note": ""}],
        "goal": "Get line items out of 300 scanned supplier invoices\nfor the finance team.\n",
        "notes": "\nOCR first, then the table.\n\n- `pdftotext` was useless on scans  \n\n",
        "advice": "Show it one example row, including an empty field.",
    }


def assert_parses_to_what_was_typed(tmp_path: Path, text: str) -> None:
    """The file, read back by the parser ``peerlog check`` and the build use, holds exactly the
    fields ``fill_form`` typed, and nothing is reported about it."""
    source = tmp_path / FILE_NAME
    source.write_bytes(text.encode("utf-8"))
    entry, problems = parse_entry(source, f"journals/2026/{FILE_NAME}", f"2026/{FILE_NAME}")
    assert problems == []
    assert entry == Entry(
        path=f"journals/2026/{FILE_NAME}", rel=f"2026/{FILE_NAME}", title=TITLE,
        date=date(2026, 3, 2), authors=("dana",), tags=("pdf", "extraction"),
        problem="data-extraction", tools=("claude",), pair=("bob",), learned_from=("carol",),
        outcome="solved",
        attempts=(Attempt("Asked for the whole table as JSON", "failed", "It invented columns",
                          line=12),
                  Attempt("Gave it one example row first", "worked", line=15)),
        body=EXPECTED.split("---\n", 2)[2], body_line=18,
    )


def assert_passes_check_and_builds(tmp_path: Path, rel: str, text: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The committed file, in a project with the same journals: check --strict, then a build."""
    project = Project(tmp_path / "kb")
    write_kb(project.root)
    project.write(rel, text)
    assert main(["--root", str(project.root), "check", "--strict"]) == 0, capsys.readouterr()
    build = project.build("--strict")
    assert build.code == 0, build.log
    article = build.article(f"entries/{rel[len('journals/'):-len('.md')]}/")
    assert "Tables from &#34;scanned&#34; invoices: 2nd try #ocr" in article
    assert article.count('class="peerlog-attempt ') == 2
    assert "<code>pdftotext</code> was useless on scans" in article


def test_the_form_opens_github_with_the_exact_file(
    page: Page, sites: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = open_form(page, sites["github"])
    loaded = list(seen.requests)
    seen.requests.clear()
    fill_form(page)
    expect(page.locator("[data-peerlog-path]")).to_have_text(f"journals/2026/{FILE_NAME}")
    commit = page.get_by_role("link", name="Commit it on GitHub")
    expect(commit).to_have_attribute("href", re.compile("^https://github.com/"))
    href = commit.get_attribute("href") or ""
    url = urlsplit(href)
    query = parse_qs(url.query, keep_blank_values=True, strict_parsing=True)
    assert (url.scheme, url.netloc, url.path) == ("https", "github.com",
                                                  "/acme/kb/new/main/journals/2026")
    assert query == {"filename": [FILE_NAME], "value": [EXPECTED]}
    assert page.locator("[data-peerlog-preview]").text_content() == EXPECTED
    assert render(form_values(), form=True) == EXPECTED
    assert_parses_to_what_was_typed(tmp_path, EXPECTED)
    assert entry_path("journals", "2026-03-02", TITLE) == f"journals/2026/{FILE_NAME}"
    assert seen.requests == [], "the form made requests while it was filled in"
    assert [u for u in loaded if not u.startswith(sites["github"])
            and not THEME_REQUESTS.match(u)] == []
    assert (seen.errors, seen.dialogs) == ([], [])
    assert_passes_check_and_builds(tmp_path, f"journals/2026/{FILE_NAME}", EXPECTED, capsys)


def test_without_repo_url_the_file_downloads(page: Page, sites: dict[str, str],
                                             tmp_path: Path) -> None:
    seen = open_form(page, sites["none"])
    fill_form(page)
    expect(page.locator("[data-peerlog-commit]")).to_be_hidden()
    download = page.get_by_role("link", name="Download the file")
    expect(download).to_have_attribute("href", re.compile("^blob:"))
    assert download.get_attribute("download") == FILE_NAME
    with page.expect_download() as started:
        download.click()
    saved = Path(started.value.path()).read_bytes()
    assert saved == (page.locator("[data-peerlog-preview]").text_content() or "").encode("utf-8")
    assert saved == EXPECTED.encode("utf-8")
    assert_parses_to_what_was_typed(tmp_path, saved.decode("utf-8"))
    assert [u for u in seen.requests if not u.startswith(sites["none"])] == []
    assert (seen.errors, seen.dialogs) == ([], [])
    expect(page.locator("[data-peerlog-status]")).to_have_text(
        f"Download the file and add it to the repository as journals/2026/{FILE_NAME}, or send "
        "it to whoever looks after the journal.")


def test_checks_as_you_type_and_holds_the_file_back(page: Page, sites: dict[str, str]) -> None:
    seen = open_form(page, sites["github"])
    tags = page.locator("[data-suggest-for=tags] button")
    expect(tags).to_have_text(["extraction", HOSTILE_TAG, "legal", "pdf", "summarising"])
    commit = page.locator("[data-peerlog-commit]")
    status = page.locator("[data-peerlog-status]")
    expect(status).to_have_text("Before the file can be saved, fix: Title.")
    expect(commit).not_to_have_attribute("href", re.compile("."))
    page.locator("[name=title]").press_sequentially("Summaries")
    expect(commit).to_have_attribute("href", re.compile("^https://github.com/acme/kb/new/"))

    pair = page.locator("[name=pair]")
    pair.fill("bob@example.com")
    expect(page.locator("[data-message-for=pair]")).to_have_text(
        "Use a name or handle, not an e-mail address.")
    expect(pair).to_have_attribute("aria-invalid", "true")
    page.locator("[name=date]").fill("")
    expect(page.locator("[data-message-for=date]")).to_have_text(
        "A date is required: pick the day it happened.")
    page.locator("[name=title]").fill("x" * 201)
    expect(status).to_have_text(
        "Before the file can be saved, fix: Title, Date, Who I paired with.")
    expect(commit).not_to_have_attribute("href", re.compile("."))
    expect(page.locator("[data-peerlog-download]")).to_have_attribute("aria-disabled", "true")

    page.locator("[name=title]").fill("Summaries")
    page.locator("[name=date]").fill("2026-03-02")
    pair.fill("bob")
    page.locator("[name=tags]").fill("extracton")
    expect(page.locator("[data-message-for=tags]")).to_have_text(
        "'extracton' is a new tag; did you mean 'extraction'?")
    page.locator("[name=problem]").fill("sumarising")
    expect(page.locator("[data-message-for=problem]")).to_have_text(
        "'sumarising' is a new problem type; did you mean 'summarising'?")
    expect(pair).to_have_attribute("aria-invalid", "false")
    expect(commit).to_have_attribute("href", re.compile("^https://github.com/acme/kb/new/"))
    page.locator("[name=tags]").fill("")
    tags.nth(1).click()
    expect(page.locator("[name=tags]")).to_have_value(HOSTILE_TAG + ", ")
    assert (seen.errors, seen.dialogs) == ([], [])


def test_learned_from_takes_people_and_sources(page: Page, sites: dict[str, str]) -> None:
    """A source (``course: Prompting 101``, ``self``) is as good as a name, as in
    ``peerlog check``; an unknown kind of source is no name either."""
    seen = open_form(page, sites["github"])
    page.locator("[name=title]").press_sequentially("Summaries")
    taught = page.locator("[name=learned_from]")
    message = page.locator("[data-message-for=learned_from]")
    taught.fill("carol, course: Prompting 101, Docs: Anthropic guide, self-taught")
    expect(taught).to_have_attribute("aria-invalid", "false")
    expect(message).to_have_text("")
    commit = page.locator("[data-peerlog-commit]")
    expect(commit).to_have_attribute("href", re.compile("^https://github.com/acme/kb/new/"))
    text = parse_qs(urlsplit(commit.get_attribute("href") or "").query)["value"][0]
    assert ('\nlearned_from: ["carol", "course: Prompting 101", "Docs: Anthropic guide", '
            '"self-taught"]\n') in text
    taught.fill("carol, podcast: Hard Fork")
    expect(taught).to_have_attribute("aria-invalid", "true")
    expect(message).to_contain_text("'podcast: Hard Fork' is not a name or handle")
    assert (seen.errors, seen.dialogs) == ([], [])


def test_line_breaks_are_kept_and_empty_sections_left_out(
    page: Page, sites: dict[str, str], tmp_path: Path
) -> None:
    seen = open_form(page, sites["none"])
    page.locator("[name=title]").press_sequentially("Short notes")
    page.locator("[name=date]").fill("2026-03-04")
    page.locator("[name=notes]").click()
    for line in ("First line", "second line", "", "- a list item", "- another", "", "```",
                 "code stays", "as it is", "```"):
        page.keyboard.type(line)
        page.keyboard.press("Enter")
    page.locator("[name=advice]").fill("   \n\n")
    body = ("## What I tried\n\nFirst line  \nsecond line\n\n- a list item\n- another\n\n"
            "```\ncode stays\nas it is\n```\n")
    preview = page.locator("[data-peerlog-preview]")
    expect(preview).to_have_text(re.compile(re.escape("attempts: []\n---\n" + body) + "$"))
    text = preview.text_content() or ""
    download = page.get_by_role("link", name="Download the file")
    assert page.evaluate("href => fetch(href).then(r => r.text())",
                         download.get_attribute("href")) == text
    assert text == render({"title": "Short notes", "date": "2026-03-04",
                           "notes": page.locator("[name=notes]").input_value(),
                           "advice": "   \n\n"}, form=True)
    assert (seen.errors, seen.dialogs) == ([], [])

    project = Project(tmp_path / "kb")
    project.write("journals/2026/2026-03-04-short-notes.md", text)
    build = project.build("--strict")
    assert build.code == 0, build.log
    article = build.article("entries/2026/2026-03-04-short-notes/")
    assert re.search(r"<p>First line<br ?/?>\nsecond line</p>", article)
    notes = article.split('<section class="peerlog-confirmations"')[0]
    assert re.findall(r"<h2[^>]*>([^<]*)", notes) == ["What I tried"]
    assert "<code>code stays\nas it is\n</code>" in article


def test_dates_are_never_guessed(page: Page, sites: dict[str, str]) -> None:
    seen = open_form(page, sites["github"])
    page.locator("[name=title]").press_sequentially("Dates")
    date_box = page.locator("[name=date]")
    message = page.locator("[data-message-for=date]")
    where, nowhere = page.locator("[data-peerlog-where]"), page.locator("[data-peerlog-nowhere]")
    commit = page.locator("[data-peerlog-commit]")
    assert date_box.get_attribute("type") == "date"
    date_box.fill("")
    expect(message).to_have_text("A date is required: pick the day it happened.")
    expect(nowhere).to_be_visible()
    expect(where).to_be_hidden()
    expect(page.locator("[data-peerlog-path]")).to_have_text("")
    expect(commit).not_to_have_attribute("href", re.compile("."))
    date_box.fill("2026-03-02")
    expect(page.locator("[data-peerlog-path]")).to_have_text("journals/2026/2026-03-02-dates.md")
    expect(nowhere).to_be_hidden()
    # The picker takes years up to 275760; no journal file is named after one.
    date_box.evaluate("box => { box.value = '20260-03-02'; "
                      "box.dispatchEvent(new Event('input', {bubbles: true})); }")
    expect(message).to_have_text(f"'20260-03-02' {NOT_A_DATE}")
    expect(where).to_be_hidden()

    # A browser without a date picker shows a text box: typed dates are read, never guessed.
    date_box.evaluate("box => { box.type = 'text'; }")
    date_box.fill("02/03/2026")
    expect(message).to_have_text("'02/03/2026' could be 2 March or 3 February 2026: write "
                                 "2026-03-02 or 2026-02-03 (year-month-day).")
    expect(where).to_be_hidden()
    expect(page.locator("[data-peerlog-preview]")).to_contain_text('\ndate: ""\n')
    expect(commit).not_to_have_attribute("href", re.compile("."))
    expect(page.locator("[data-peerlog-status]")).to_have_text(
        "Before the file can be saved, fix: Date.")
    date_box.fill("13/03/2026")
    expect(page.locator("[data-peerlog-path]")).to_have_text("journals/2026/2026-03-13-dates.md")
    expect(commit).to_have_attribute("href", re.compile("filename=2026-03-13-dates.md&"))
    read = page.evaluate("texts => texts.map(window.peerlogWrite.parseDate)", list(DATES))
    assert dict(zip(DATES, read, strict=True)) == DATES
    assert (seen.errors, seen.dialogs) == ([], [])


def test_instant_navigation_starts_the_form(page: Page, sites: dict[str, str]) -> None:
    page.goto(sites["github"])
    await_instant_navigation(page)
    page.evaluate("window.sameDocument = true")
    for _ in range(2):
        page.get_by_role("link", name="Write an entry").first.click()
        expect(page.locator("[data-peerlog-write]")).to_be_visible()
        page.locator("[name=title]").press_sequentially("Instant")
        expect(page.locator("[data-peerlog-path]")).to_have_text(re.compile(r"-instant\.md$"))
        assert page.locator("[data-peerlog-attempts] > li").count() == 1
        page.get_by_role("link", name="Recent entries").first.click()
        expect(page.locator("article h1").first).to_have_text("Recent entries")
    assert page.evaluate("window.sameDocument") is True, "Material reloaded the page"


def test_javascript_and_python_agree(page: Page, sites: dict[str, str]) -> None:
    open_form(page, sites["none"])
    assert page.evaluate("titles => titles.map(window.peerlogWrite.slug)", TRICKY_TITLES) == [
        slug(title) for title in TRICKY_TITLES]
    cases = random_values(300)
    rendered = page.evaluate("""cases => {
        const form = document.querySelector("[data-peerlog-write]");
        const data = JSON.parse(form.getAttribute("data-form"));
        return [false, true].map(mode => cases.map(
            values => window.peerlogWrite.render(values, data.template, data.rules, mode)));
    }""", cases)
    assert rendered == [[render(values, form=mode) for values in cases] for mode in (False, True)]
    notes = [str(values["notes"]) for values in cases]
    assert page.evaluate("notes => notes.map(window.peerlogWrite.lineBreaksKept)", notes) == [
        line_breaks_kept(text) for text in notes]
    assert sum(line_breaks_kept(text) != text for text in notes) > 50, "few breaks were tested"
    texts = [render(values, form=True) for values in cases[:40]]
    urls = page.evaluate("""texts => texts.map(text => ["https://github.com/a/b",
        "https://gitlab.com/a/b"].map(repo => window.peerlogWrite.commitUrl(
            repo, "main", "journals/2026/x.md", text).url))""", texts)
    for text, (github, gitlab) in zip(texts, urls, strict=True):
        assert parse_qs(urlsplit(github).query, keep_blank_values=True)["value"] == [text]
        assert parse_qs(urlsplit(gitlab).query, keep_blank_values=True)["content"] == [text]
    assert sum(render(values, form=True).count("\n## ") < 3 for values in cases) > 50


def random_values(count: int) -> list[dict[str, object]]:
    """Field values made of the characters most likely to break quoting, folding or slugs."""
    pieces = [*"aZ -_.,:#'\"\\{}[]|&*!?%/\n\r\t\u00a0\u200b\ufeffßẞİΣςﬁé\u0301\u093f日ꭰ😀",
              "\u0131", "\u13a0", "\x00", "\x7f", "con", "null", "yes", "{title}", "{x|y}", "$&",
              "- tried x -> worked", "---", "\n", "\n", "\n\n", "```", "~~~~", "    ", "> ",
              "1. ", "1)", "* ", "===", "\u2028", "  \n", "text", "more words"]
    rng = random.Random(7)

    def text(longest: int) -> str:
        return "".join(rng.choice(pieces) for _ in range(rng.randint(0, longest)))

    return [{
        "title": text(30), "date": text(3), "author": [text(5) for _ in range(rng.randint(0, 3))],
        "tags": [text(6) for _ in range(rng.randint(0, 4))], "problem": text(8),
        "tools": [text(4)], "pair": [], "learned_from": [text(3)],
        "outcome": rng.choice(["", "solved", text(3)]),
        "attempts": [{"tried": text(10), "result": rng.choice(["worked", "failed", "", "x"]),
                      "note": text(6)} for _ in range(rng.randint(0, 3))],
        "goal": text(20), "notes": text(40), "advice": rng.choice(["", text(10)]),
    } for _ in range(count)]
