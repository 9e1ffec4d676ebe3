"""One configuration: the options are declared once (``PeerlogConfig``), the plugin and the CLI
derive the same frozen settings from it, and every option does something."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config

from peerlog.base.settings import Settings
from peerlog.cli import main
from peerlog.config import PeerlogConfig, load_settings

from .project import Project

PACKAGE = Path(__file__).parents[1] / "plugins" / "peerlog"
#: Settings fields that are not plugin options: the project folder and the site facts.
SITE_FIELDS = {"root", "site_name", "site_url", "repo_url", "edit_url", "use_directory_urls"}
TITLES = {name: f"My {name.removesuffix('_title')}" for name in PeerlogConfig()
          if name.endswith("_title")}


def test_every_option_is_a_setting_and_every_setting_an_option_or_a_site_fact() -> None:
    options = set(PeerlogConfig()) - {"edit_uri"}  # resolved, with repo_url, to edit_url
    fields = {f.name for f in dataclasses.fields(Settings)}
    assert fields == options | SITE_FIELDS


def test_every_setting_is_used_by_the_package() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")
                        if p.name not in ("config.py", "settings.py"))
    unused = [f.name for f in dataclasses.fields(Settings)
              if not re.search(rf"\.{f.name}\b", sources)]
    assert unused == []


def _configure(project: Project, **site: Any) -> Path:
    project.plugin_options = {
        "journals": "notes", "playbooks": "advice", "bots": ["ci-robot"],
        "people_from_git": False, "recent_count": 7, "remote_images": True, "branch": "trunk",
        "search": "pagefind", **TITLES,
    }
    project.extra_config = "".join(f"{k}: {v}\n" for k, v in site.items())
    (project.root / "notes").mkdir()
    project.write("notes/a.md", "---\ntitle: A\ndate: 2026-01-02\nproblem: p\n---\nHi.\n")
    project.build()  # writes mkdocs.yml
    return project.root / "mkdocs.yml"


@pytest.mark.parametrize("site", [
    {"repo_url": "https://github.com/acme/kb"},
    {"repo_url": "https://git.example/kb", "edit_uri": "src/branch/main/docs/",
     "use_directory_urls": "false"},
    {},
])
def test_the_cli_gets_the_settings_the_plugin_gets(project: Project, site: dict[str, str]) -> None:
    config_file = _configure(project, **site)
    config = load_config(str(config_file))  # MkDocs' own loader, as `mkdocs build` runs it
    config.plugins.on_config(config)
    from_plugin = config.plugins["peerlog"].settings
    assert load_settings(project.root.resolve()) == from_plugin
    assert from_plugin.journals == "notes" and from_plugin.recent_count == 7
    assert from_plugin.bots == ("ci-robot",) and from_plugin.branch == "trunk"
    assert from_plugin.search == "pagefind"
    if site.get("repo_url", "").startswith("https://github.com"):
        # MkDocs' default edit_uri for GitHub ("edit/master/docs/"), less the docs folder
        assert from_plugin.edit_url == "https://github.com/acme/kb/edit/master/"
    elif site:
        assert from_plugin.edit_url == "https://git.example/kb/src/branch/main/"
        assert from_plugin.use_directory_urls is False
    else:
        assert from_plugin.edit_url is None


def test_every_title_is_configurable(project: Project) -> None:
    _configure(project)
    build = project.build()
    assert build.code == 0, build.log
    home = build.page("")
    nav = re.findall(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>', home)
    for name, title in TITLES.items():
        if name != "nav_title":
            assert title in nav, name
    assert TITLES["nav_title"] in nav
    for url, name in [("recent/", "recent_title"), ("people/", "people_title"),
                      ("people/graph/", "graph_title"), ("people/activity/", "activity_title")]:
        assert f"<h1>{TITLES[name]}</h1>" in build.page(url) or \
            f">{TITLES[name]}</h1>" in build.page(url), url


def test_bad_options_are_all_listed_and_stop_the_cli(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.plugin_options = {"journals": 5, "recent_count": "many"}
    project.extra_config = "use_directory_urls: maybe\n"
    project.build()
    assert main(["--root", str(project.root), "check"]) == 2
    err = capsys.readouterr().err
    lines = (project.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    where = [f"mkdocs.yml:{n}:{line.index(':') + 3}: error: " for n, line in enumerate(lines, 1)
             if line.lstrip().startswith(("use_directory_urls:", "journals:", "recent_count:"))]
    assert sorted(line[: line.index("error: ") + 7] for line in err.splitlines()) == sorted(where)
    assert len(where) == 3
    assert "option 'use_directory_urls': Expected type: <class 'bool'>" in err
    assert "plugin 'peerlog' option 'journals': Expected type: <class 'str'>" in err
    assert "plugin 'peerlog' option 'recent_count'" in err
    assert "Traceback" not in err


def test_another_tool_s_yaml_is_read_without_running_or_expanding_it(tmp_path: Path) -> None:
    """``mkdocs.yml`` is the project's, but a pull request can change it: its tags are read as
    nothing and its aliases are not expanded (a billion laughs costs nothing), while plain
    values keep YAML's types."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
        for i in range(9))
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nrepo_url: https://github.com/acme/kb\n" + bomb +
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:os.system\n"
        "extra: !ENV [HOME]\nuse_directory_urls: false\n"
        "plugins:\n  search: {}\n  peerlog:\n    journals: notes\n    recent_count: 0x10\n"
        "    people_from_git: no\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    assert (settings.journals, settings.recent_count, settings.people_from_git) == (
        "notes", 16, False)
    assert settings.use_directory_urls is False
    assert settings.edit_url == "https://github.com/acme/kb/edit/master/"
