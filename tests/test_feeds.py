"""Atom feeds: all entries, each topic and each problem type, parsed as Atom after a real build
of a project with hostile titles and tag names; advertised in every page's ``<head>``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from peerlog.read.attempts import Attempt
from peerlog.read.entries import Entry
from peerlog.render.feeds import EMPTY_SITEMAP, MAX_TEXT, summary, xml_text

from .project import Build, Project

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://kb.example.org/journal/"
SCRIPT_TAG = "<script>alert(1)</script>"
QUOTE_TAG = 'x" onmouseover="alert(1)'


def _write(project: Project) -> None:
    project.entry("a.md", "- tried one example row first -> worked\n"
                  "- tried the whole table as JSON -> failed\n\n<b>notes</b> stay out\n",
                  title="Alpha", date="2026-03-02", author="alice", outcome="solved",
                  tags=["pdf", SCRIPT_TAG], problem="data-extraction")
    project.entry("b.md", title="Beta ]]> <b>bold</b>", date="2026-03-05",
                  author="Dana Smith <dana@example.com>", tags=["PDF"], problem="data-extraction")
    project.entry("c.md", title="Gamma", date="2026-02-01", author="carol", tags=[QUOTE_TAG],
                  problem="writing")
    project.entry("d.md", title="Undated", author="carol", tags=["pdf"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Build]:
    project = Project(tmp_path_factory.mktemp("feeds") / "kb", extra_config=f"site_url: {SITE}\n")
    _write(project)
    build = project.build()
    assert build.code == 0, build.log
    return project, build


def _feed(site: Path, path: str) -> ET.Element:
    root = ET.parse(site / path).getroot()
    assert root.tag == f"{ATOM}feed"
    return root


def _entries(feed: ET.Element, field: str = "title") -> list[str]:
    return [e.findtext(f"{ATOM}{field}") or "" for e in feed.iter(f"{ATOM}entry")]


def test_every_feed_parses_as_atom_with_its_entries_newest_first(
    built: tuple[Project, Build]
) -> None:
    site = built[1].site
    beta = "Beta ]]> <b>bold</b>"
    expected = {
        "feeds/all.atom.xml": [beta, "Alpha", "Gamma"],  # the undated entry is in no feed
        "feeds/topics/pdf.atom.xml": [beta, "Alpha"],  # PDF and pdf are one topic
        "feeds/topics/script-alert-1-script.atom.xml": ["Alpha"],
        "feeds/topics/x-onmouseover-alert-1.atom.xml": ["Gamma"],
        "feeds/problems/data-extraction.atom.xml": [beta, "Alpha"],
        "feeds/problems/writing.atom.xml": ["Gamma"],
    }
    found = sorted(p.relative_to(site).as_posix() for p in (site / "feeds").rglob("*.atom.xml"))
    assert found == sorted(expected)
    # Material fetches sitemap.xml beside every <link rel="alternate">: an empty one is there.
    for folder in ("feeds", "feeds/topics", "feeds/problems"):
        assert (site / folder / "sitemap.xml").read_text(encoding="utf-8") == EMPTY_SITEMAP
    for path, titles in expected.items():
        feed = _feed(site, path)
        assert _entries(feed) == titles, path
        assert feed.findtext(f"{ATOM}id") == SITE + path
        for entry in feed.iter(f"{ATOM}entry"):
            link = entry.find(f"{ATOM}link")
            assert link is not None and link.get("href") == entry.findtext(f"{ATOM}id")
    feed = _feed(site, "feeds/all.atom.xml")
    assert _entries(feed, "id") == [SITE + "entries/b/", SITE + "entries/a/",
                                    SITE + "entries/c/"]
    assert _entries(feed, "updated") == ["2026-03-05T00:00:00+00:00",
                                         "2026-03-02T00:00:00+00:00",
                                         "2026-02-01T00:00:00+00:00"]
    assert feed.findtext(f"{ATOM}updated") == "2026-03-05T00:00:00+00:00"
    alpha = list(feed.iter(f"{ATOM}entry"))[1]
    assert alpha.findtext(f"{ATOM}summary") == (
        "Outcome: solved. Tried: one example row first (worked); the whole table as JSON "
        "(failed).")
    assert [c.get("term") for c in alpha.iter(f"{ATOM}category")] == ["pdf", SCRIPT_TAG]
    assert [a.findtext(f"{ATOM}name") for a in alpha.iter(f"{ATOM}author")] == ["alice"]
    titles = _feed(site, "feeds/topics/x-onmouseover-alert-1.atom.xml").findtext(f"{ATOM}title")
    assert titles == f"Test journal: {QUOTE_TAG}"


def test_no_feed_holds_an_address_or_the_notes(built: tuple[Project, Build]) -> None:
    for path in (built[1].site / "feeds").rglob("*.xml"):
        text = path.read_text(encoding="utf-8")
        assert "@" not in text and "<email" not in text and "notes stay out" not in text, path
    # The entry whose author was only an address names nobody: the feed's author stands in.
    feed = _feed(built[1].site, "feeds/all.atom.xml")
    assert [a.findtext(f"{ATOM}name") for a in feed.findall(f"{ATOM}author")] == ["Test journal"]
    assert next(feed.iter(f"{ATOM}entry")).find(f"{ATOM}author") is None


def test_ids_are_stable_and_links_root_relative_without_site_url(
    built: tuple[Project, Build], tmp_path: Path
) -> None:
    project = Project(tmp_path / "kb")
    _write(project)
    first = _entries(_feed(project.build().site, "feeds/all.atom.xml"), "id")
    project.entry("e.md", title="Newer", date="2026-04-01", author="alice", tags=["pdf"])
    feed = _feed(project.build().site, "feeds/all.atom.xml")
    assert first == ["urn:peerlog:entries/b", "urn:peerlog:entries/a", "urn:peerlog:entries/c"]
    assert _entries(feed, "id") == ["urn:peerlog:entries/e", *first]
    links = [e.find(f"{ATOM}link") for e in feed.iter(f"{ATOM}entry")]
    assert [link.get("href") for link in links if link is not None] == [
        "/entries/e/", "/entries/b/", "/entries/a/", "/entries/c/"]
    # With site_url, the same entries had the same ids built from it.
    assert _entries(_feed(built[1].site, "feeds/all.atom.xml"), "id")[0] == SITE + "entries/b/"


_ALTERNATE = re.compile(r'<link rel="alternate" type="application/atom\+xml"[^>]*>')


def test_every_page_advertises_the_feeds_in_its_head_escaped(built: tuple[Project, Build]) -> None:
    build = built[1]
    everything = ('<link rel="alternate" type="application/atom+xml" '
                  'title="Test journal: all entries" href="{}feeds/all.atom.xml">')
    for url, up in (("", ""), ("entries/a/", "../../"), ("recent/", "../"),
                    ("people/alice/", "../../")):
        head = build.page(url).split("</head>")[0]
        assert _ALTERNATE.findall(head) == [everything.format(up)], url
    head = build.page("topics/script-alert-1-script/").split("</head>")[0]
    assert _ALTERNATE.findall(head) == [
        everything.format("../../"),
        '<link rel="alternate" type="application/atom+xml" title="Test journal: '
        '&lt;script&gt;alert(1)&lt;/script&gt;" href="../../feeds/topics/script-alert-1-script.atom.xml">']
    head = build.page("topics/x-onmouseover-alert-1/").split("</head>")[0]
    assert _ALTERNATE.findall(head)[1] == (
        '<link rel="alternate" type="application/atom+xml" title="Test journal: x&#34; '
        'onmouseover=&#34;alert(1)" href="../../feeds/topics/x-onmouseover-alert-1.atom.xml">')
    head = build.page("problems/data-extraction/").split("</head>")[0]
    assert _ALTERNATE.findall(head)[1].endswith(
        'title="Test journal: data-extraction" href="../../feeds/problems/data-extraction.atom.xml">')


def test_topic_problem_and_recent_pages_link_their_feed(built: tuple[Project, Build]) -> None:
    build = built[1]
    link = '<a class="peerlog-feed" href="{}" type="application/atom+xml">Atom feed</a>'
    assert link.format("../../feeds/topics/pdf.atom.xml") in build.article("topics/pdf/")
    assert link.format("../../feeds/problems/writing.atom.xml") in build.article(
        "problems/writing/")
    assert link.format("../feeds/all.atom.xml") in build.article("recent/")


def test_xml_text_drops_what_xml_cannot_hold_and_caps_the_length() -> None:
    assert xml_text("a\x00b\x01c\x08\x0b\x0c\x1f\ufffe\uffff\ud800d\te\nf") == "abcd\te\nf"
    assert xml_text("é😀]]>") == "é😀]]>"
    long = xml_text("x" * 5_000)
    assert len(long) == MAX_TEXT and long.endswith("…")


def test_a_summary_says_the_outcome_and_attempts_in_plain_words() -> None:
    entry = Entry("journals/x.md", "x.md", "X", outcome="partial", body="**notes**", attempts=(
        Attempt("asked for JSON", "failed", line=1), Attempt("gave one row", "partial", line=2),
        Attempt("asked again", None, line=3)))
    assert summary(entry) == ("Outcome: partial. Tried: asked for JSON (failed); gave one row "
                              "(partly worked); asked again.")
    assert summary(Entry("journals/y.md", "y.md", "Y")) == ""


def test_huge_titles_and_many_entries_keep_feeds_well_formed_and_capped(project: Project) -> None:
    project.plugin_options = {"recent_count": 3}
    for day in range(1, 6):
        project.entry(f"{day}.md", title=f"{day} " + "<]]>" * 3_000, date=f"2026-01-0{day}",
                      author="alice", tags=["huge"])
    build = project.build()
    assert build.code == 0, build.log
    for path in ("feeds/all.atom.xml", "feeds/topics/huge.atom.xml"):
        titles = _entries(_feed(build.site, path))
        assert [t.split()[0] for t in titles] == ["5", "4", "3"]  # the newest recent_count
        assert all(len(t) <= MAX_TEXT and "<]]>" in t for t in titles)
