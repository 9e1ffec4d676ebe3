"""What a person sees in a real browser: navigation, Material's search, and hostile entries.

The example knowledge base of this repository is built once and served over HTTP; the hostile
one is a small ``Project``. Expected texts come from the journal files themselves, read here with
PyYAML rather than peerlog's parser, so the parser cannot agree with itself by mistake.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Dialog, Locator, Page, expect

from .browser import REPO, search, serve
from .project import Project

pytestmark = pytest.mark.browser

RESULT_LABELS = {"worked": "✔ worked", "failed": "✘ failed"}
WORD = re.compile(r"(?<![\w'\u2019-])([a-z]{7,})(?![\w'\u2019-])")


@dataclass(frozen=True)
class Journal:
    """One example journal file as its author wrote it."""

    path: Path
    front: dict[str, Any]
    body: str


def read_journals() -> list[Journal]:
    """The example journals that end up on the site: titled and not drafts."""
    found = []
    for path in sorted((REPO / "journals").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, head, body = text.split("---\n", 2)
        front = yaml.safe_load(head)
        if front.get("title") and front.get("draft") is not True:
            found.append(Journal(path, front, body))
    return found


def prose_words(markdown: str) -> set[str]:
    """Lower-case words of the Markdown outside fenced code blocks."""
    words: set[str] = set()
    fenced = False
    for line in markdown.lower().splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            words.update(WORD.findall(line))
    return words


def distinctive_word() -> tuple[str, Journal]:
    """A word from one entry's notes that no other file of the site contains, even inside a
    longer word (Material's search matches prefixes), with that entry."""
    journals = read_journals()
    others = [p.read_text(encoding="utf-8").lower()
              for folder in ("journals", "docs", "playbooks")
              for p in sorted((REPO / folder).rglob("*.md"))]
    for journal in journals:
        candidates = prose_words(journal.body) - prose_words(str(journal.front["title"]))
        for word in sorted(candidates, key=lambda w: (-len(w), w)):
            if sum(word in text for text in others) == 1:
                return word, journal
    raise AssertionError("no word in the example journals occurs in exactly one entry")


def tried_and_worked() -> tuple[str, Journal]:
    """The first example entry with a tag and both a failed and a worked attempt."""
    for journal in read_journals():
        attempts = journal.front.get("attempts") or []
        results = {a.get("result") for a in attempts if isinstance(a, dict)}
        tags = journal.front.get("tags")
        if {"worked", "failed"} <= results and isinstance(tags, list) and tags:
            return str(tags[0]), journal
    raise AssertionError("no example entry has a tag and both a failed and a worked attempt")


def heading(page: Page) -> Locator:
    """The page's main heading; assert on it with ``expect``, which waits for the navigation."""
    return page.locator("article h1").first


def test_topic_and_entry_reached_through_the_navigation(page: Page, example_url: str) -> None:
    tag, journal = tried_and_worked()
    response = page.goto(example_url)
    assert response is not None and response.ok, "the example site has no home page"

    nav = page.locator("nav.md-nav--primary")
    shown = [link.inner_text() for link in nav.get_by_role("link").all() if link.is_visible()]
    assert "Topics" in shown, f"the navigation shows no 'Topics' link, only {shown}"
    nav.get_by_role("link", name="Topics", exact=True).click()
    expect(heading(page)).to_have_text("Topics")

    # A topic merges spellings ("PDF", "pdf"), so the topic is found regardless of case.
    same_tag = re.compile(f"^{re.escape(tag)}$", re.IGNORECASE)
    page.locator('table[data-peerlog="index"]').get_by_role("link", name=same_tag).click()
    expect(heading(page)).to_have_text(same_tag)
    listed = page.locator("a.peerlog-list__title")
    hrefs = [a.evaluate("a => a.href") for a in listed.all()]
    assert hrefs, f"the topic page of {tag!r} lists no entries"
    check = page.context.new_page()
    for href in hrefs:
        check.goto(href)
        chips = check.locator(".peerlog-tags .md-tag").all_inner_texts()
        assert tag.casefold() in [chip.casefold() for chip in chips], href
    check.close()

    title = journal.front["title"]
    listed.get_by_text(title, exact=True).click()
    expect(heading(page)).to_have_text(title)
    expect(page.get_by_role("heading", name="Attempts, in order", exact=True)).to_be_visible()
    timeline = [
        (item.locator(".peerlog-attempt__result").inner_text(),
         item.locator(".peerlog-attempt__tried").inner_text())
        for item in page.locator("ol.peerlog-timeline > li").all()
    ]
    assert timeline == [
        (RESULT_LABELS[a["result"]], a["tried"]) for a in journal.front["attempts"]
    ]
    assert page.locator(".peerlog-tags .md-tag").all_inner_texts() == journal.front["tags"]


def test_search_finds_an_entry_by_a_word_of_its_notes(page: Page, example_search_url: str) -> None:
    word, journal = distinctive_word()
    title = journal.front["title"]
    page.goto(example_search_url)
    assert title in search(page, word), word

    page.locator(".md-search-result__item > a").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    ).click()
    expect(heading(page)).to_have_text(title)
    assert word in page.locator("article .peerlog-notes").inner_text().lower()


SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
SVG = "<svg onload=alert(1)>"
BREAKOUT = '"><script>alert(1)</script>'
JS_LINK = "javascript:window.__pwned=1"
HOSTILE_TITLE = f"Zanzibarite {SCRIPT} {IMG} {SVG} {BREAKOUT}"


def hostile_kb(project: Project) -> None:
    every = f"{SCRIPT} {IMG} {SVG} {BREAKOUT}"
    project.entry(
        "2026/2026-03-02-hostile.md",
        title=HOSTILE_TITLE,
        date="2026-03-02",
        author="mallory",
        tags=[SCRIPT, IMG, SVG, BREAKOUT, JS_LINK],
        problem=f"{SVG}{BREAKOUT}",
        tools=[SCRIPT, SVG],
        pair=[BREAKOUT, SVG],
        learned_from=[IMG],
        attempts=[{"tried": every, "result": "failed", "note": every},
                  {"tried": f"[link]({JS_LINK})", "result": "worked", "note": SVG}],
        body=(f"{every}\n\n[click me]({JS_LINK})\n\n<a href=\"{JS_LINK}\">raw link</a>\n\n"
              f"<iframe src=\"{JS_LINK}\"></iframe>\n\n"
              f"<div onmouseover=\"window.__pwned=1\">{BREAKOUT}</div>\n"),
    )
    project.entry("2026/2026-03-03-plain.md", title="A plain neighbour", date="2026-03-03",
                  author="alice", tags=[SCRIPT, "pdf"], problem="data-extraction")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = Project(tmp_path_factory.mktemp("hostile") / "kb")
    hostile_kb(project)
    build = project.build()
    assert build.code == 0, build.log
    with serve(build.site) as url:
        yield build.site, url


@dataclass
class Watch:
    """Dialogs a page opened; any dialog means injected script ran."""

    dialogs: list[str]

    def record(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def pwned(page: Page) -> Any:
    return page.evaluate("() => window.__pwned")


def test_hostile_entry_never_runs_script(page: Page, hostile_site: tuple[Path, str]) -> None:
    site, url = hostile_site
    watch = Watch([])
    page.on("dialog", watch.record)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert "entries/2026/2026-03-02-hostile/index.html" in pages
    for rel in pages:
        page.goto(url + rel, wait_until="load")
        assert pwned(page) is None, rel
    assert watch.dialogs == []

    page.goto(url + "entries/2026/2026-03-02-hostile/")
    title = heading(page).text_content() or ""
    assert "Zanzibarite <script>window.__pwned=1</script>" in title
    assert BREAKOUT in title
    attempts = page.locator(".peerlog-attempt__tried").all_text_contents()
    assert attempts[0] == f"{SCRIPT} {IMG} {SVG} {BREAKOUT}"
    assert page.locator(".peerlog-tags .md-tag").all_text_contents() == [
        SCRIPT, IMG, SVG, BREAKOUT, JS_LINK
    ]
    expect(page.get_by_role("link", name=f"{SVG}{BREAKOUT}", exact=True)).to_be_visible()
    assert f"{SCRIPT}, {SVG}" in page.locator(".peerlog-facts dd").all_text_contents()
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert [h for h in hrefs if not h.startswith(("http:", "https:", "mailto:"))] == []

    with serve(site, search=True) as search_url:
        page.goto(search_url)
        titles = search(page, "Zanzibarite")
        # Page titles (search results, <title>) show angle brackets as look-alike quotes.
        shown = HOSTILE_TITLE.replace("<", "\u2039").replace(">", "\u203a")
        assert [t for t in titles if t.startswith("Zanzibarite")] == [shown]
        page.locator(".md-search-result__item > a").first.click()
        page.wait_for_load_state("load")
        assert pwned(page) is None

        # Material finds nothing for the raw title, but the query is shown back to the reader.
        page.goto(search_url)
        search(page, HOSTILE_TITLE)
    assert pwned(page) is None
    assert watch.dialogs == []
