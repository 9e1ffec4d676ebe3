"""``mkdocs serve`` rebuilds when a journal or playbook changes (the folders live outside docs/),
and ``mkdocs serve --dirty`` rewrites only what changed, leaving the site a clean build's."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .gitrepo import GitRepo
from .project import MKDOCS_YML, Project, mkdocs_build


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared at {url}")


@contextmanager
def serving(project: Project, *args: str, tmp: Path | None = None) -> Iterator[str]:
    """Serve the project; with ``tmp``, MkDocs' site folder (``mkdocs_*``) and the log
    (``serve.log``) go there."""
    (project.root / "mkdocs.yml").write_text(MKDOCS_YML.format(options="", extra=""), "utf-8")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if tmp is not None:
        env["TMPDIR"] = str(tmp)
    log = open(tmp / "serve.log", "wb") if tmp else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *args],
        cwd=project.root, env=env, stdout=subprocess.DEVNULL, stderr=log,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if tmp is not None:
            log.close()  # type: ignore[union-attr]


def test_serve_rebuilds_when_journals_and_playbooks_change(project: Project) -> None:
    project.entry("a.md", title="First entry", problem="citations")
    playbook = "---\nproblem: citations\ntitle: {}\n---\nAdvice.\n"
    project.write("playbooks/citations.md", playbook.format("Curated before"))
    with serving(project) as url:
        wait_for(url + "recent/", "First entry")
        project.entry("b.md", title="Added while serving", problem="citations")
        wait_for(url + "recent/", "Added while serving")
        project.write("playbooks/citations.md", playbook.format("Edited while serving"))
        page = wait_for(url + "playbooks/citations/", "Edited while serving")
        assert "· 2 entries" in page


def _settle(log: Path, done: Callable[[], bool], seconds: float = 60) -> None:
    """Wait until ``done()`` and every build the server started has finished (the search
    index is written after the pages). A rebuild ends with "Reloading browsers"; MkDocs logs
    "Documentation built in 0.45 seconds" only the first time those exact words come up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = log.read_text("utf-8")
        builds, reloads = text.count("Building documentation"), text.count("Reloading browsers")
        if done() and "Documentation built" in text and builds == reloads + 1:
            return
        time.sleep(0.3)
    raise AssertionError(f"the server never settled:\n{log.read_text('utf-8')}")


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_ino, status.st_mtime_ns


def _without_serve_url(html: str) -> str:
    """A served page names the server's address as the site's URL (a canonical link, and the
    blank lines its template leaves); a clean build has none."""
    html = re.sub(r'<link rel="canonical" href="[^"]*">', "", html)
    return "\n".join(line for line in html.splitlines() if line.strip())


@pytest.mark.slow
def test_dirty_serve_rewrites_only_what_changed_and_keeps_the_site_whole(
    project: Project, tmp_path: Path
) -> None:
    repo = GitRepo.init(project.root)
    entry = "---\ntitle: {}\ndate: 2026-01-0{}\nauthor: {}\ntags: [{}]\nproblem: {}\n---\n{}\n"
    repo.commit({
        "journals/a.md": entry.format("First entry", 1, "ann", "pdf", "citations", "Notes one."),
        "journals/b.md": entry.format("Second entry", 2, "bob", "pdf", "citations", "Notes two."),
        "journals/c.md": entry.format("Elsewhere", 3, "cy", "excel", "formulas", "Notes three."),
        "docs/index.md": "# Home\n\nWelcome.\n",
    })
    (tmp_path / "serve").mkdir()
    with serving(project, "--dirty", tmp=tmp_path / "serve") as url:
        wait_for(url + "entries/a/", "First entry")
        [site] = (tmp_path / "serve").glob("mkdocs_*")
        unrelated = _stamp(site / "entries/c/index.html")
        (project.root / "journals/a.md").write_text(
            entry.format("Renamed entry", 1, "ann", "pdf", "citations", "Edited notes."), "utf-8")
        assert "Edited notes." in wait_for(url + "entries/a/", "Renamed entry")
        _settle(tmp_path / "serve" / "serve.log", lambda: True)
        assert "Renamed entry" in fetch(url + "topics/pdf/")
        assert "First entry" not in fetch(url + "problems/citations/")
        assert _stamp(site / "entries/c/index.html") == unrelated
        project.write("journals/d.md", entry.format("Added later", 4, "dee", "word", "summaries",
                                                    "Notes four."))
        wait_for(url + "recent/", "Added later")
        (project.root / "journals/b.md").unlink()
        _settle(tmp_path / "serve" / "serve.log", lambda: "Second entry" not in fetch(url))
        assert "Added later" in fetch(url + "entries/d/")
        assert not (site / "entries/b/index.html").exists()
        served = json.loads(fetch(url + "search/search_index.json"))["docs"]
        log = (tmp_path / "serve" / "serve.log").read_text("utf-8")
        assert _stamp(site / "entries/c/index.html") == unrelated
        pages = {p.relative_to(site): _without_serve_url(p.read_text("utf-8"))
                 for p in site.rglob("*.html")}
    # The first build reads git; each rebuild finds HEAD where it was.
    assert re.findall(r"generated pages and files changed, \d+ gone; git history \w+", log)[:1] \
        == ["generated pages and files changed, 0 gone; git history read"]
    rebuilds = re.findall(r"INFO    -  peerlog: (\d+) of (\d+) generated pages and files "
                          r"changed, (\d+) gone; git history (\w+)", log)
    assert len(rebuilds) >= 3 and all(r[3] == "reused" for r in rebuilds[1:])
    # Renaming an entry rewrites its page, its topic, problem, person, archive pages and indexes,
    # not the whole site.
    assert 0 < int(rebuilds[1][0]) < int(rebuilds[1][1])
    clean = mkdocs_build(project.root / "mkdocs.yml", tmp_path / "clean")
    assert clean.code == 0, clean.log
    expected = {p.relative_to(clean.site): _without_serve_url(p.read_text("utf-8"))
                for p in clean.site.rglob("*.html")}
    assert sorted(pages) == sorted(expected)
    assert [p for p in pages if pages[p] != expected[p]] == []
    # The search index lists every page once, as a clean build's does, in the same order.
    index = json.loads((clean.site / "search/search_index.json").read_text("utf-8"))["docs"]
    assert served == index
    assert sum(1 for d in served if d["location"] == "entries/a/") == 1
