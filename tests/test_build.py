"""Real ``mkdocs build`` runs of small knowledge bases, asserting on the generated pages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .htmlcheck import dangerous
from .project import Build, Project, mkdocs_build

REPO = Path(__file__).parents[1]


def titles_in_list(html: str) -> list[str]:
    return re.findall(r'class="peerlog-list__title" href="[^"]*">([^<]*)<', html)


def small_kb(project: Project) -> None:
    project.entry("2026/2026-03-02-invoices.md", title="Tables from invoices", date="2026-03-02",
                  author="alice", tags=["PDF", "claude"], problem="data-extraction",
                  pair=["bob"], learned_from=["carol"], outcome="solved",
                  attempts=[{"tried": "Asked for JSON", "result": "failed", "note": "invented"},
                            {"tried": "One example row first", "result": "worked"}],
                  body="The *trick* was the example row.\n")
    project.entry("2026/2026-01-10-receipts.md", title="Receipts", date="2026-01-10",
                  author="bob", tags="pdf, ocr", problem="Data Extraction")
    project.entry("2025/2025-11-05-summaries.md", title="Summaries", date="2025-11-05",
                  author="carol", tags=["summaries"], problem="summarising")
    project.entry("2026/2026-04-01-secret.md", title="Secret draft", date="2026-04-01",
                  tags=["pdf"], draft=True)


@pytest.fixture(scope="module")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """:func:`small_kb` built once with ``--strict`` for the tests that only read its pages."""
    project = Project(tmp_path_factory.mktemp("small") / "kb")
    small_kb(project)
    return project.build("--strict")


def test_entries_topics_problems_and_recent(small_build: Build) -> None:
    build = small_build
    assert build.code == 0, build.log

    entry = build.page("entries/2026/2026-03-02-invoices/")
    assert "<h1>Tables from invoices</h1>" in entry
    assert "The <em>trick</em> was the example row." in entry
    assert re.search(r"✘ failed</span>\s*<span[^>]*>Asked for JSON</span>\s*<span[^>]*>invented",
                     entry)
    assert "✔ worked" in entry
    assert 'href="../../../topics/pdf/"' in entry
    assert 'href="../../../problems/data-extraction/"' in entry
    assert 'Paired with</dt><dd><a class="peerlog-person" href="../../../people/bob/">bob</a>' in entry

    pdf = build.page("topics/pdf/")
    assert titles_in_list(pdf) == ["Tables from invoices", "Receipts"]
    assert "Secret draft" not in pdf
    assert not build.has_page("entries/2026/2026-04-01-secret")

    extraction = build.page("problems/data-extraction/")
    assert titles_in_list(extraction) == ["Tables from invoices", "Receipts"]

    topics = build.page("topics/")
    rows = re.findall(r'<td><a href="([^"]+)">([^<]+)</a></td>\s*<td>(\d+)</td>', topics)
    assert rows[0] == ("pdf/", "pdf", "2")
    assert {r[1] for r in rows} == {"pdf", "claude", "ocr", "summaries"}

    recent = build.page("recent/")
    assert titles_in_list(recent) == ["Tables from invoices", "Receipts", "Summaries"]


def test_navigation_holds_sections_not_entries(small_build: Build) -> None:
    home = small_build.page("")
    # Up to the content: the home page itself lists the newest entries.
    nav = home[home.index('class="md-nav md-nav--primary"'):home.index("<article")]
    assert "Recent entries" in nav and "Topics" in nav and "Problem types" in nav
    assert "Tables from invoices" not in nav
    assert "Receipts" not in nav


def test_bad_entry_warns_but_keeps_good_ones(project: Project) -> None:
    small_kb(project)
    project.write("journals/2026/broken.md", "---\ntitle: [unclosed\n---\nbody\n")
    project.write("journals/2026/untitled.md", "---\ndate: 2026-01-01\n---\nbody\n")

    plain = project.build()
    assert plain.code == 0, plain.log
    assert "journals/2026/broken.md:3:1: error: the front matter is not valid YAML" in plain.log
    assert "journals/2026/untitled.md:2: error: the entry has no title" in plain.log
    assert "Traceback" not in plain.log
    assert titles_in_list(plain.page("recent/")) == ["Tables from invoices", "Receipts", "Summaries"]

    strict = project.build("--strict")
    assert strict.code == 1
    assert "broken.md" in strict.log and "untitled.md" in strict.log
    assert "Traceback" not in strict.log


def test_contributor_markup_is_escaped_and_sanitised(project: Project) -> None:
    evil = "<script>alert('t')</script><img src=x onerror=alert(1)>"
    project.entry("evil.md", title=f"Evil {evil}", author="mallory", tags=[evil, "ok"],
                  problem=evil, tools=[evil], outcome="solved",
                  attempts=[{"tried": evil, "result": "failed", "note": evil}],
                  body=(
                      "<script>alert('body')</script>\n\n"
                      "<img src=x onerror=\"alert('img')\">\n\n"
                      "[click](javascript:alert('js')) [data](data:text/html,<script>x</script>)\n\n"
                      "<iframe src=\"https://example.org\"></iframe>\n\n"
                      "<form action=\"/x\"><input name=q></form>\n\n"
                      "<p style=\"color:red\" onclick=\"alert('p')\">styled</p>\n\n"
                      "!!! tip \"Keep this\"\n    Admonitions survive.\n\n"
                      "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                      "```python\nprint('hi')\n```\n"
                  ))
    build = project.build()
    assert build.code == 0, build.log
    pages = [p for p in build.site.rglob("*.html")]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert dangerous(html) == [], page
    entry = next(p for p in pages if "entries" in p.parts).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;" in entry
    notes = entry[entry.index('class="peerlog-notes"'):entry.index('class="peerlog-confirmations"')]
    assert "<form" not in notes and "<input" not in notes
    assert '<div class="admonition tip">' in entry
    assert "<td>1</td>" in entry
    assert 'class="highlight"' in entry
    assert "styled" in entry and 'style="color:red"' not in entry


def test_urls_come_from_paths_and_survive_retitling(project: Project) -> None:
    project.entry("2026/Odd Name %.md", title="First title")
    project.entry("2026/odd-name.md", title="Second")
    first = project.build("--strict")
    odd = sorted(p.parent.name for p in (first.site / "entries/2026").glob("*/index.html"))
    assert len(odd) == 2 and all(name.startswith("odd-name") for name in odd)
    project.entry("2026/Odd Name %.md", title="Renamed title")
    second = project.build("--strict")
    assert odd == sorted(p.parent.name for p in (second.site / "entries/2026").glob("*/index.html"))


def test_edit_link_points_at_the_source(project: Project) -> None:
    project.extra_config = "repo_url: https://github.com/acme/kb\nedit_uri: edit/main/docs/\n"
    project.entry("a.md", title="A")
    project.entry("odd name #1?.md", title="Odd")
    build = project.build("--strict")
    assert 'href="https://github.com/acme/kb/edit/main/journals/a.md"' in build.page("entries/a/")
    assert ('href="https://github.com/acme/kb/edit/main/journals/odd%20name%20%231%3F.md"'
            in build.page("entries/odd-name-1/"))


def test_options_rename_folders_and_titles(project: Project) -> None:
    project.plugin_options = {"journals": "notes/learning", "nav_title": "Learning log"}
    project.write("notes/learning/a.md", "---\ntitle: Nested folder\ntags: [x]\n---\n")
    build = project.build("--strict")
    assert build.code == 0, build.log
    assert "Nested folder" in build.page("entries/a/")
    assert "Learning log" in build.page("")


def test_the_plugin_is_registered_for_mkdocs_and_for_properdocs() -> None:
    """ProperDocs (the maintained fork of MkDocs 1.x) reads the ``properdocs.plugins`` group
    as well as MkDocs' own: both name the one plugin class."""
    from importlib.metadata import entry_points

    from peerlog.plugin import PeerlogPlugin

    for group in ("mkdocs.plugins", "properdocs.plugins"):
        found = [e for e in entry_points(group=group) if e.name == "peerlog"]
        assert [e.load() for e in found] == [PeerlogPlugin], group


def test_properdocs_builds_the_example_as_mkdocs_does(tmp_path: Path) -> None:
    """The example, built strictly by ProperDocs' own command line, is MkDocs' site file for
    file: the same files, the same HTML but for the generator's name in ``<head>``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    sites = {}
    for engine, build in (("mkdocs", mkdocs_build), ("properdocs", None)):
        site = tmp_path / engine
        if build is not None:
            assert build(REPO / "mkdocs.yml", site, "--strict").code == 0
        else:
            done = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict",
                                   "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
                                  cwd=REPO, env=env, capture_output=True, text=True, check=False)
            assert done.returncode == 0, done.stdout + done.stderr
        sites[engine] = site
    files = {engine: sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                            if p.is_file()) for engine, site in sites.items()}
    assert files["properdocs"] == files["mkdocs"]
    assert len([f for f in files["mkdocs"] if f.startswith("entries/")]) >= 60
    generator = re.compile(r'<meta name="generator" content="[^"]*">')
    for rel in files["mkdocs"]:
        if rel.endswith(".html"):
            made = [generator.sub("", (sites[e] / rel).read_text(encoding="utf-8"))
                    for e in ("mkdocs", "properdocs")]
            assert made[0] == made[1], rel
