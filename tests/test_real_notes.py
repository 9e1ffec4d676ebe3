"""A real-style collection: what people's own notes look like, built strictly and read in Chromium.

Full names instead of handles (and one person spelt three ways, joined to a handle by
``contributors.yml`` and to her git identity), screenshots beside the entries (in a folder with
spaces and capitals too), notes that repeat their title as a heading or have only the heading,
and a real git history in which Jane Doe commits her own entries.
"""

from __future__ import annotations

import html
import json
import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .browser import serve
from .gitrepo import GitRepo
from .project import Build, Project

JANE = ("Jane Doe", "jane@example.com")
OMAR = ("Omar Haddad", "omar@example.com")
SEAN = ("Seán O'Brien", "sean@example.com")
SITE_ROOT = "http://site.invalid/"


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A real PNG of one colour: signature, IHDR, one zlib IDAT of filtered rows, IEND."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def note(body: str, **front: Any) -> str:
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


#: journals-relative path -> (content, who commits it). Twelve notes, three screenshots.
NOTES: dict[str, tuple[str | bytes, tuple[str, str]]] = {
    "2026/2026-01-05-invoice-tables.md": (note(
        "# Invoice tables out of scanned PDFs\n\n"
        "![The table it extracted](invoice-tables.png)\n\n"
        "- tried asking for the whole table as JSON -> failed\n"
        "- tried one example row first -> worked\n",
        title="Invoice tables out of scanned PDFs", date="2026-01-05", author="Jane Doe",
        pair=["Omar Haddad"], tags=["pdf", "extraction"], problem="data-extraction"), JANE),
    "2026/invoice-tables.png": (png(3, 2, (200, 40, 40)), JANE),
    "2026/2026-01-09-board-pack.md": (note(
        "Summarise the board pack\n========================\n\nIt wanted page numbers.\n",
        title="Summarise the board pack", date="2026-01-09", author="jdoe",
        learned_from=["Omar Haddad"], tags=["summaries"]), JANE),
    "2026/2026-01-12-contract-dates.md": (note(
        "Dates from contracts, again. See ![the prompt](contract-prompt.png).\n",
        title="Contract dates", date="2026-01-12", author="jane doe", tags=["contracts"]), JANE),
    "2026/contract-prompt.png": (png(4, 4, (40, 160, 40)), JANE),
    "2026/2026-01-14-pivot-tables.md": (note(
        "# Pivot tables from a description\n\nIt got the filters right.\n",
        title="Pivot tables from a description", date="2026-01-14", author="Omar Haddad",
        pair=["Jane Doe"], tags=["excel"]), OMAR),
    "2026/2026-01-16-meeting-notes.md": (note(
        "# Action items from the standup\n\nAsked for owners and dates.\n",
        date="2026-01-16", author="Omar Haddad", tags=["meetings"]), OMAR),
    "2026/2026-01-19-sql.md": (note(
        "Wrote the join itself once it explained the schema.\n",
        title="SQL for the sales report", date="2026-01-19", author="Seán O'Brien",
        learned_from=["Jane Doe"], tags=["sql"]), SEAN),
    "2026/Team Notes/2026-01-21-slides.md": (note(
        "# Slides from an outline\n\n![The outline](outline.png)\n",
        title="Slides from an outline", date="2026-01-21", author="Seán O'Brien",
        pair=["Omar Haddad"], tags=["slides"]), SEAN),
    "2026/Team Notes/outline.png": (png(2, 5, (40, 40, 200)), SEAN),
    "2026/2026-01-23-emails.md": (note(
        "Shorter replies when told who reads them.\n",
        title="Customer emails", date="2026-01-23", author="Jane Doe", tags=["email"]), JANE),
    "2026/2026-01-26-translation.md": (note(
        "# Translating the handbook\n\nKept the glossary in the prompt.\n",
        title="Translating the handbook", date="2026-01-26", author="Omar Haddad",
        learned_from=["Seán O'Brien"], tags=["translation"]), OMAR),
    "2026/2026-01-28-ocr.md": (note(
        "Handwriting needs a second pass.\n",
        title="OCR of handwritten forms", date="2026-01-28", authors=["Jane Doe", "Seán O'Brien"],
        tags=["ocr"]), JANE),
    "2026/2026-01-30-data-cleaning.md": (note(
        "Asked it to list what it changed.\n",
        title="Cleaning the supplier list", date="2026-01-30", author="jdoe",
        pair=["Seán O'Brien"], tags=["excel"]), JANE),
    "2026/2026-02-02-glossary.md": (note(
        "# Glossary\n\nA glossary, built from the handbook.\n",
        title="A glossary from the handbook", date="2026-02-02", author="Omar Haddad",
        tags=["translation"]), OMAR),
}
#: With a contributors file, everyone must be in it (checks warn otherwise): by handle or name.
CONTRIBUTORS = ("jdoe:\n  name: Jane Doe\n  emails: [jane@example.com]\n"
                "omar: Omar Haddad\nsean:\n  name: Seán O'Brien\n")


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The collection committed note by note by its authors, then built with ``--strict``."""
    project = Project(tmp_path_factory.mktemp("real") / "kb")
    repo = GitRepo.init(project.root)
    repo.commit({"mkdocs.yml": "site_name: placeholder\n", "docs/index.md": "# Home\n",
                 "contributors.yml": CONTRIBUTORS}, author=JANE, date="2026-01-01T09:00:00+00:00")
    for day, (rel, (content, who)) in enumerate(NOTES.items(), start=2):
        repo.commit({f"journals/{rel}": content}, author=who,
                    date=f"2026-02-{day:02d}T09:00:00+00:00", message=f"Add {rel}")
    build = project.build("--strict")
    assert build.code == 0, build.log
    return build


def title_of(rel: str) -> str:
    """The title the note at journals/``rel`` is published under (front matter, or heading)."""
    content = NOTES[rel][0]
    assert isinstance(content, str)
    found = re.search(r'^title: "(.*)"$', content, re.M) or re.search(r"^# (.*)$", content, re.M)
    assert found is not None
    return found[1]


def entry_page(build: Build, rel: str) -> str:
    """Site-relative URL of the entry page of journals/``rel``, as peerlog.json gives it."""
    data = json.loads((build.site / "peerlog.json").read_text(encoding="utf-8"))
    return str(next(e["url"] for e in data["entries"] if e["title"] == title_of(rel)))


def images(html: str) -> list[str]:
    return re.findall(r'<img [^>]*src="([^"]+)"', html)


def resolved(page_url: str, src: str) -> str:
    """The site-relative path a browser fetches for ``src`` on the page at ``page_url``."""
    return unquote(urlsplit(urljoin(SITE_ROOT + page_url, src)).path).lstrip("/")


def test_builds_strictly_without_a_warning(real: Build) -> None:
    assert "WARNING" not in real.log, real.log


@pytest.mark.parametrize(("rel", "picture"), [
    ("2026/2026-01-05-invoice-tables.md", "2026/invoice-tables.png"),
    ("2026/2026-01-12-contract-dates.md", "2026/contract-prompt.png"),
    ("2026/Team Notes/2026-01-21-slides.md", "2026/Team Notes/outline.png"),
])
def test_screenshot_is_where_the_page_looks_for_it(real: Build, rel: str, picture: str) -> None:
    url = entry_page(real, rel)
    [src] = images(real.article(url))
    served = real.site / resolved(url, src)
    assert served.read_bytes() == NOTES[picture][0]


def test_only_published_types_are_in_the_site(real: Build) -> None:
    published = sorted(p.relative_to(real.site / "entries").as_posix()
                       for p in (real.site / "entries").rglob("*.png"))
    assert published == ["2026/contract-prompt.png", "2026/invoice-tables.png",
                         "2026/team-notes/outline.png"]


@pytest.mark.parametrize(("rel", "title"), [
    ("2026/2026-01-05-invoice-tables.md", "Invoice tables out of scanned PDFs"),
    ("2026/2026-01-09-board-pack.md", "Summarise the board pack"),
    ("2026/2026-01-16-meeting-notes.md", "Action items from the standup"),
])
def test_title_shows_once(real: Build, rel: str, title: str) -> None:
    article = real.article(entry_page(real, rel))
    assert article.count("<h1") == 1
    assert article.count(title) == 1
    assert f"<h1>{title}</h1>" in article


def test_a_heading_that_is_not_the_title_stays(real: Build) -> None:
    article = real.article(entry_page(real, "2026/2026-02-02-glossary.md"))
    assert "<h1>A glossary from the handbook</h1>" in article
    assert re.search(r"<h1 id=\"[^\"]*glossary\"[^>]*>Glossary", article), article


def test_jane_doe_is_one_person_with_her_entries_and_commits(real: Build) -> None:
    rows = re.findall(r'<tr>\s*<td><a href="([^"]+)">([^<]+)</a></td>', real.article("people/"))
    assert sorted(rows) == [("jdoe/", "Jane Doe"), ("omar/", "Omar Haddad"),
                            ("sean/", "Seán O&#39;Brien")]
    assert not real.has_page("people/jane-doe/")
    jane = real.article("people/jdoe/")
    assert "<h1>Jane Doe</h1>" in jane
    written = {"Invoice tables out of scanned PDFs", "Summarise the board pack", "Contract dates",
               "Customer emails", "OCR of handwritten forms", "Cleaning the supplier list"}
    assert {t for t in written if t in jane} == written
    commits = sum(1 for _, who in NOTES.values() if who == JANE)
    assert f"<dt>Commits</dt><dd>{commits}</dd>" in jane
    found = re.search(r"data-graph='([^']*)'", real.page("people/graph/"))
    assert found is not None
    graph = json.loads(html.unescape(found[1]))
    assert sorted(n["id"] for n in graph["nodes"]) == ["jdoe", "omar", "sean"]


def test_every_entry_links_to_the_one_person(real: Build) -> None:
    for rel in ("2026/2026-01-09-board-pack.md", "2026/2026-01-12-contract-dates.md",
                "2026/2026-01-14-pivot-tables.md"):
        url = entry_page(real, rel)
        links = re.findall(r'class="peerlog-person" href="([^"]+)"', real.article(url))
        assert "people/jdoe/" in {resolved(url, link) for link in links}, rel


@pytest.fixture(scope="module")
def real_url(real: Build) -> Iterator[str]:
    with serve(real.site) as url:
        yield url


def test_screenshots_load_in_chromium(page: Page, real: Build, real_url: str) -> None:
    for rel in ("2026/2026-01-05-invoice-tables.md", "2026/Team Notes/2026-01-21-slides.md"):
        page.goto(real_url + entry_page(real, rel))
        picture = page.locator("article img")
        expect(picture).to_have_count(1)
        picture.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                               arg=picture.element_handle())
        assert picture.evaluate("img => [img.naturalWidth, img.naturalHeight]") in ([3, 2], [2, 5])


def test_write_form_takes_a_full_name(page: Page, real_url: str) -> None:
    page.goto(real_url + "write/")
    pair = page.locator("[name=pair]")
    pair.fill("Seán O'Brien, Jane Doe")
    expect(pair).to_have_attribute("aria-invalid", "false")
    pair.fill("jane@example.com")
    expect(page.locator("[data-message-for=pair]")).to_have_text(
        "Use a name or handle, not an e-mail address.")
    expect(pair).to_have_attribute("aria-invalid", "true")


def test_nothing_published_holds_an_address(real: Build) -> None:
    for path in Path(real.site).rglob("*"):
        if path.suffix in (".html", ".json", ".xml"):
            assert "example.com" not in path.read_text(encoding="utf-8"), path
