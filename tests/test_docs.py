"""The README and the docs stay true to the code."""

from __future__ import annotations

import re
from pathlib import Path

from peerlog.cli import COMMANDS

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    return [m.__name__.rsplit(".", 1)[1] for m in COMMANDS]


def test_every_command_is_documented() -> None:
    contributing = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    assert set(command_names()) == {"check", "graph", "new", "promote"}
    for name in command_names():
        assert f"`peerlog {name}" in README, name
    for name in ("check", "new"):
        assert f"peerlog {name}" in contributing, name


def test_docs_pages_in_nav_exist() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in re.findall(r":\s+(\S+\.md)$", nav, re.M):
        assert (ROOT / "docs" / page).is_file(), page
