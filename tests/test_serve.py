"""``mkdocs serve`` rebuilds when a journal or playbook changes (the folders live outside docs/)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from .project import MKDOCS_YML, Project


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
def serving(project: Project) -> Iterator[str]:
    (project.root / "mkdocs.yml").write_text(MKDOCS_YML.format(options="", extra=""), "utf-8")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


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
