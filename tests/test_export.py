"""``peerlog export DIR`` and Zensical: an engine that runs no plugin builds the same site.

The export of the example and of the hostile corpus are built with Zensical's own command line
(``zensical build -f DIR/mkdocs.yml``, the version CI installs from the test extra), and the
built pages are checked: every entry, topic, playbook and person page is there with its
content, its links land on pages that exist, and no payload of the hostile corpus survives
(the active parts of every page are those of a clean journal's export).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from peerlog.cli import main

from .gitrepo import GitRepo
from .hostile_corpus import IMG, SCRIPT, write_case, write_corpus
from .project import Project
from .test_hostile import GOOD, scan_site

REPO = Path(__file__).parents[1]
ZENSICAL = Path(sys.executable).parent / "zensical"
_LINK = re.compile(r'href="([^"#?:]+)(?:[#?][^"]*)?"')

pytestmark = pytest.mark.slow


def export_and_build(root: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Export ``root`` into ``out``, build it with Zensical; the built site's folder."""
    assert main(["--root", str(root), "export", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.endswith(f"build it with: zensical build -f {out / 'mkdocs.yml'}\n")
    done = subprocess.run([str(ZENSICAL), "build", "-f", str(out / "mkdocs.yml")], cwd=out,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No issues found" in done.stdout + done.stderr  # no broken link or anchor either
    return out / "site"


def test_zensical_builds_the_exported_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = export_and_build(REPO, tmp_path / "out", capsys)
    config = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "plugins" not in config and config["theme"]["name"] == "material"
    # peerlog's section right after the home page, as the plugin puts it
    assert config["nav"][0] == {"Home": "index.md"}
    assert config["nav"][1]["Journal"][:3] == [{"Playbooks": "playbooks/index.md"},
                                               {"Recent entries": "recent.md"},
                                               {"Archive": "archive/index.md"}]
    data = json.loads((site / "peerlog.json").read_text(encoding="utf-8"))
    assert len(data["entries"]) >= 60
    for entry in data["entries"]:
        page = (site / entry["url"] / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{entry['title']}</h1>" in html.unescape(page), entry["url"]
    entry = next(e for e in data["entries"] if e["url"].endswith("contract-payment-terms/"))
    page = (site / entry["url"] / "index.html").read_text(encoding="utf-8")
    assert 'class="peerlog-person" href="../../../people/priya/"' in page
    assert '<a href="#peerlog-tried-since">Tried since by 2 people</a>' in page
    for link in _LINK.findall(page):
        if not link.startswith(("/", "http")):
            target = (site / entry["url"] / link).resolve()
            assert target.is_file() or (target / "index.html").is_file(), link
    topic = (site / "topics/pdf/index.html").read_text(encoding="utf-8")
    assert entry["title"] in topic
    playbook = (site / "playbooks/data-extraction/index.html").read_text(encoding="utf-8")
    assert "peerlog-approach" in playbook and "Who to ask" in playbook
    people = (site / "people/index.html").read_text(encoding="utf-8")
    assert "priya" in people and (site / "people/priya/index.html").is_file()
    assert (site / "people/activity/index.html").read_text(encoding="utf-8").count("<svg") >= 5
    assert (site / "assets/peerlog/peerlog.css").is_file()
    assert (site / "feeds/all.atom.xml").is_file()


def test_no_payload_of_the_hostile_corpus_survives_the_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = Project(tmp_path / "clean")
    for good in GOOD:
        write_case(good, clean.root / "journals")
    clean.write("mkdocs.yml", "site_name: Clean\ntheme:\n  name: material\n")
    allowed = set().union(*(s.active for s in scan_site(
        export_and_build(clean.root, tmp_path / "clean-out", capsys)).values()))

    hostile = Project(tmp_path / "kb")
    repo = GitRepo.init(hostile.root)
    corpus = write_corpus(hostile.root / "journals")
    fifo = next(c for c in corpus.cases if c.link == "fifo")
    (hostile.root / "journals" / fifo.name).unlink()
    hostile.write("mkdocs.yml", "site_name: Hostile\ntheme:\n  name: material\n")
    repo.git.add("--all")
    repo.commit(author=(IMG, "mallory@example.com"), message=f"Journals {SCRIPT}")
    site = export_and_build(hostile.root, tmp_path / "out", capsys)
    scans = scan_site(site)
    assert len(scans) > 300
    for rel, scan in scans.items():
        assert scan.handlers == [], rel
        assert scan.bad_urls == [], rel
        assert scan.active <= allowed, (rel, scan.active - allowed)
    markup = next(site.glob("entries/markup/attempts/index.html")).read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in markup


def test_export_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["--root", str(REPO), "export", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (f"peerlog export: {tmp_path / 'out'} is not an empty "
                                       "folder (export into a new one)\n")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["keep.txt"]
