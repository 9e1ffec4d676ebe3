"""The search view (render/search_view.py) gives Material's own search parser the records the whole
page gives it, and peerlog's stages are timed inside a real build (``PEERLOG_TIMINGS``)."""

from __future__ import annotations

import json
import re

import pytest
from material.plugins.search.plugin import Parser

from peerlog.render.search_view import page_search_view, search_view

from .project import Project

ENTRY_LIKE = """
<header class="peerlog-entry-header" data-search-exclude>
  <h1>Tables from invoices</h1>
  <dl><dt>By</dt><dd><a href="../people/priya/">priya</a></dd></dl>
</header>
<p hidden>By priya. Problem type: data-extraction.</p>
<section class="peerlog-attempts">
  <h2 id="attempts">Attempts, in order</h2>
  <ol hidden><li>asked for JSON: failed.</li></ol>
  <ol class="peerlog-timeline" data-search-exclude>
    <li><span>✘ failed</span> <span>asked for JSON</span></li>
  </ol>
</section>
<div class="peerlog-notes"><h2 id="user-content-notes">Notes</h2>
<p>The <em>trick</em> was one example row.</p></div>
<section data-search-exclude aria-label="Tried it since" data-form='{"a": "x > y"}'>
  <h2>Tried it since</h2>
  <form data-search-exclude hidden><p>Worked <input name="by"> for me</p></form>
</section>
<footer data-search-exclude><p><small>Source: <code>journals/x.md</code></small></p></footer>
"""


def records(html: str) -> list[tuple[str | None, str, str]]:
    """What Material's search makes of ``html``: each section's id, title and text."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title).strip(), "".join(s.text).strip())
            for s in parser.data if not s.is_excluded()]


def test_an_entry_page_indexes_the_same_with_far_fewer_tags() -> None:
    view = search_view(ENTRY_LIKE)
    assert records(view) == records(ENTRY_LIKE) == [
        (None, "", "<p>By priya. Problem type: data-extraction.</p>"),
        ("attempts", "Attempts, in order", "<ol><li>asked for JSON: failed.</li></ol>"),
        ("user-content-notes", "Notes", "<p>The trick was one example row.</p>"),
    ]
    assert view.count("<") == 26 and ENTRY_LIKE.count("<") == 55
    assert "Tried it since" not in view and "x > y" not in view and "<i></i>" in view


@pytest.mark.parametrize("html", [
    # Whitespace runs on both sides of a cut element stay two runs, as Material saw them.
    "<p>a </p> <div data-search-exclude>x</div>b <p> c</p>",
    "<div data-search-exclude>first</div>",
    "text<span data-search-exclude>x</span>text",
    "<pre><code>a\n</code><span data-search-exclude>x</span>\n\nb</pre>",
    # The mark as a value or in another attribute's value is no mark.
    '<p title=" data-search-exclude">kept</p><p data-x="data-search-exclude">kept too</p>',
    '<DIV DATA-SEARCH-EXCLUDE="">upper case</DIV><p>after</p>',
])
def test_cutting_never_changes_the_records(html: str) -> None:
    assert records(search_view(html)) == records(html)


@pytest.mark.parametrize("html", [
    # Material ends the exclusion at the first </div>, so "shown" is indexed: left whole.
    "<div data-search-exclude><div>hidden</div> shown</div>",
    # A heading with an id makes a record, inside an excluded element or excluded itself.
    '<section data-search-exclude><h2 id="x">Heading</h2></section>',
    '<h3 id="y" data-search-exclude>Heading</h3><p>text</p>',
    # Never closed.
    "<div data-search-exclude><p>open",
])
def test_html_is_left_whole_where_a_cut_could_change_the_index(html: str) -> None:
    assert search_view(html) == html


def test_html_without_the_mark_is_returned_as_it_is() -> None:
    html = "<p>plain</p> data-search-exclude <b>in text</b>"
    assert search_view(html) is html


def test_a_page_is_cut_in_its_trusted_parts_only() -> None:
    """The notes between ``before`` and ``after`` are never cut; content another plugin
    changed is left whole."""
    before, after = '<div data-search-exclude>header</div><div class="n">', "</div><p>end</p>"
    notes = '<p>notes</p><span data-search-exclude="">as written</span>'
    assert page_search_view(before + notes + after, before, after) == (
        '<i></i><div class="n">' + notes + after)
    changed = "<p>changed</p>" + before + notes + after
    assert page_search_view(changed, before, after) is changed


def test_stages_are_timed_in_the_build_and_the_index_matches_the_page(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One real build with ``PEERLOG_TIMINGS``: every stage, and the entry's search
    records are those Material's parser makes of the whole article the reader gets."""
    project.entry("2026/2026-03-02-invoices.md", "The *trick* was one example row.\n",
                  title="Tables from invoices", date="2026-03-02", author="priya",
                  problem="data-extraction", tags=["pdf"],
                  attempts=[{"tried": "Asked for JSON", "result": "failed"}])
    timings = project.root / "timings.json"
    monkeypatch.setenv("PEERLOG_TIMINGS", str(timings))
    build = project.build("--strict")
    assert build.code == 0, build.log
    seconds = json.loads(timings.read_text(encoding="utf-8"))
    assert set(seconds) == {"parse", "history", "model", "playbooks", "people", "pulse",
                            "checks", "render", "sanitize", "search view"}
    assert all(isinstance(s, float) and 0 <= s < 60 for s in seconds.values())

    location = "entries/2026/2026-03-02-invoices/"
    index = json.loads((build.site / "search" / "search_index.json").read_text("utf-8"))
    indexed = [(d["location"], d["title"], d["text"]) for d in index["docs"]
               if d["location"].startswith(location)]
    article = build.article(location)
    content = article[article.index(">") + 1:]
    assert "data-search-exclude" in content
    expected = [(location + (f"#{i}" if i else ""), title or "Tables from invoices", text)
                for i, title, text in records(content)]
    assert indexed == expected
    assert [t for _, t, _ in indexed] == ["Tables from invoices", "Attempts, in order", "Notes"]
    assert re.search(r"By priya\..*Tags: pdf\.", indexed[0][2])
