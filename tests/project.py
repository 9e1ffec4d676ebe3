"""A throwaway peerlog project on disk, built for real with the ``mkdocs`` command."""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

#: A complete, valid entry (people, tags, problem, a shorthand attempt), for tests that need one.
SAMPLE_ENTRY = """\
---
title: Payment terms from supplier contracts
date: 2026-01-08
author: alice
pair: [bob]
learned_from: [carol]
tags: [pdf, extraction]
problem: data-extraction
tools: [claude]
---
- tried one example row first -> worked
"""

MKDOCS_YML = """\
site_name: Test journal
theme:
  name: material
plugins:
  - search
  - peerlog{options}
markdown_extensions:
  - admonition
  - attr_list
  - tables
  - toc:
      permalink: true
  - pymdownx.highlight
  - pymdownx.superfences
{extra}"""


@dataclass
class Build:
    """What one ``mkdocs build`` did: exit code, its log, and the site folder."""

    code: int
    log: str
    site: Path

    def page(self, url: str) -> str:
        """The HTML of the page at site-relative ``url`` (``topics/pdf/``)."""
        path = self.site / url
        if url.endswith("/") or url == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def article(self, url: str) -> str:
        """Only the page's content (Material's ``<article>``), without the theme's chrome."""
        html = self.page(url)
        return html[html.index("<article"): html.index("</article>")]

    def has_page(self, url: str) -> bool:
        return (self.site / url / "index.html").is_file()


@dataclass
class Project:
    root: Path
    plugin_options: dict[str, Any] = field(default_factory=dict)
    extra_config: str = ""

    def __post_init__(self) -> None:
        (self.root / "docs").mkdir(parents=True, exist_ok=True)
        (self.root / "journals").mkdir(exist_ok=True)
        (self.root / "docs" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")

    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def entry(self, rel: str, body: str = "Some notes.\n", **front: Any) -> Path:
        """Write ``journals/<rel>`` with ``front`` as YAML front matter."""
        head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
        return self.write(f"journals/{rel}", f"---\n{head}---\n{body}")

    def build(self, *args: str) -> Build:
        options = ""
        if self.plugin_options:
            dumped = yaml.safe_dump(self.plugin_options, default_flow_style=True,
                                    width=1_000_000).strip()
            options = ":\n      " + dumped[1:-1].replace(", ", "\n      ")
        (self.root / "mkdocs.yml").write_text(
            MKDOCS_YML.format(options=options, extra=self.extra_config), encoding="utf-8"
        )
        return mkdocs_build(self.root / "mkdocs.yml", self.root / "site", *args)


#: Commands fork from a server that has imported MkDocs and peerlog once (:mod:`.forked`).
_FORKS = multiprocessing.get_context("forkserver")
_FORKS.set_forkserver_preload(["tests.forked"])


def mkdocs_build(config_file: Path, site: Path, *args: str) -> Build:
    """Run the real ``mkdocs build`` command, in an environment free of inherited ``GIT_*``;
    the log is its standard output, then its standard error, as a subprocess's would be."""
    from .forked import run_mkdocs

    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    argv = ["build", "-f", str(config_file), "-d", str(site), *args]
    with tempfile.TemporaryDirectory() as streams:
        out, err = Path(streams, "stdout"), Path(streams, "stderr")
        child = _FORKS.Process(target=run_mkdocs, args=(argv, str(config_file.parent), env,
                                                         str(out), str(err)))
        child.start()
        child.join()
        log = "".join(p.read_text(encoding="utf-8", errors="replace")
                      for p in (out, err) if p.exists())
    assert child.exitcode is not None
    return Build(child.exitcode, log, site)


def peerlog_command(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run the real ``peerlog <argv>`` command line in ``cwd`` with exactly ``env``: its exit
    status, and its standard output and error together in the order printed."""
    from .forked import run_peerlog

    with tempfile.TemporaryDirectory() as streams:
        out = Path(streams, "output")
        child = _FORKS.Process(target=run_peerlog, args=(argv, str(cwd), env, str(out)))
        child.start()
        child.join()
        printed = out.read_text(encoding="utf-8", errors="replace") if out.exists() else ""
    assert child.exitcode is not None
    return child.exitcode, printed
