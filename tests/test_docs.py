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
    assert set(command_names()) == {"check", "clinic", "confirm", "export", "graph", "new",
                                       "pairs", "promote"}
    for name in command_names():
        assert f"`peerlog {name}" in README, name
    for name in ("check", "new", "confirm"):
        assert f"peerlog {name}" in contributing, name


def test_docs_pages_in_nav_exist() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in re.findall(r":\s+(\S+\.md)$", nav, re.M):
        assert (ROOT / "docs" / page).is_file(), page


def test_every_file_the_docs_name_exists() -> None:
    texts = [README, *(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))]
    named = {m for text in texts
             for m in re.findall(r"`((?:plugins|scripts|tests|docs)/[\w./-]+\.(?:py|md|js))`", text)}
    assert len(named) > 10
    assert sorted(p for p in named if not (ROOT / p).is_file()) == []


def test_the_readme_s_layer_table_is_the_tree() -> None:
    """Each row of the design notes' table names a layer folder and the modules it holds."""
    package = ROOT / "plugins" / "peerlog"
    design = README[README.index("## Design notes"):]
    rows = re.findall(r"^\| `(\w+)/` \| (.*) \|$", design, re.M)
    assert [layer for layer, _ in rows] == ["base", "read", "history", "knowledge", "render"]
    for layer, holds in rows:
        named = {n for n in re.findall(r"`(\w+)`", holds) if not n[0].isupper()}
        modules = {p.stem for p in (package / layer).glob("*.py")} - {"__init__"}
        assert named - modules == set(), layer
        assert modules - named == set(), f"{layer}/ has modules the README does not name"
