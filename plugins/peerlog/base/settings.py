"""Where a project keeps its journals and playbooks, read from ``mkdocs.yml`` without MkDocs.

The CLI must agree with the plugin about folders, but must not need MkDocs' config machinery, so
it reads the plugin's options leniently: unknown YAML tags (``!!python/name:`` is common in
``mkdocs.yml`` for Markdown extensions) are read as nothing, never executed. A pull request can
change ``mkdocs.yml`` too, so it is read through :mod:`peerlog.read.untrusted`: never through a
symlink out of the repository, never a pipe, at most :data:`MAX_BYTES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from peerlog.base.identity import DEFAULT_BOTS
from peerlog.read.frontmatter import FrontMatterError
from peerlog.read.untrusted import read_text

#: Real ``mkdocs.yml`` files are a few kilobytes; PyYAML's own loader is slow past a megabyte.
MAX_BYTES = 1_000_000


class _Lenient(yaml.SafeLoader):
    pass


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
_Lenient.add_multi_constructor("!", lambda loader, suffix, node: None)
_Lenient.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Settings:
    """The folders and site facts the CLI needs, as the plugin would see them."""

    root: Path
    journals: str = "journals"
    playbooks: str = "playbooks"
    repo_url: str | None = None
    site_url: str | None = None
    bots: tuple[str, ...] = DEFAULT_BOTS
    people_from_git: bool = True

    @property
    def journals_dir(self) -> Path:
        return self.root / self.journals

    @property
    def playbooks_dir(self) -> Path:
        return self.root / self.playbooks


def load_settings(root: Path, config_file: str = "mkdocs.yml") -> Settings:
    """Read ``root/mkdocs.yml`` (if any) for the peerlog plugin's folder options."""
    data: Any = None
    if (root / config_file).is_file():
        try:
            data = yaml.load(read_text(root, config_file, MAX_BYTES), Loader=_Lenient)
        except (yaml.YAMLError, FrontMatterError):
            data = None
    if not isinstance(data, dict):
        return Settings(root)
    options: dict[str, Any] = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("peerlog"), dict):
            options = plugin["peerlog"]
    return Settings(
        root,
        journals=str(options.get("journals", "journals")),
        playbooks=str(options.get("playbooks", "playbooks")),
        repo_url=data.get("repo_url") if isinstance(data.get("repo_url"), str) else None,
        site_url=data.get("site_url") if isinstance(data.get("site_url"), str) else None,
        bots=_strings(options.get("bots"), DEFAULT_BOTS),
        people_from_git=options.get("people_from_git", True) is not False,
    )


def _strings(value: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return default
