"""The plugin's options, declared once, and the one way the core's settings are made from them.

:class:`PeerlogConfig` is the only declaration of peerlog's options (types, defaults, what each
does); MkDocs validates it for the plugin. :func:`settings_from` turns a validated
configuration into the core's frozen :class:`~peerlog.base.settings.Settings`, and
:func:`load_settings` gives the CLI the same: it reads ``mkdocs.yml`` itself and validates the
plugin's options (and the few site keys the core needs) with the same MkDocs option types.

The CLI does not run MkDocs' whole loader, which imports every plugin, theme and Markdown
extension and resolves ``!!python/name:`` tags: a pull request can change ``mkdocs.yml``, so it
is read like every other file a pull request brings, through :mod:`peerlog.read.untrusted`
(never through a symlink out of the repository, never a pipe, at most :data:`MAX_BYTES`) and
the careful YAML composer, as another tool's file: tags and aliases are read as nothing, never
run or expanded, and every value keeps its line.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c

from peerlog.base.identity import DEFAULT_BOTS
from peerlog.base.problems import Problem
from peerlog.base.settings import SEARCH_MODES, Settings
from peerlog.read.frontmatter import Field, FrontMatterError
from peerlog.read.untrusted import read_yaml

#: Real ``mkdocs.yml`` files are a few kilobytes; PyYAML's own loader is slow past a megabyte.
MAX_BYTES = 1_000_000
CONFIG_FILE = "mkdocs.yml"


class PeerlogConfig(base.Config):
    """``plugins: [peerlog]`` in ``mkdocs.yml`` works as is; every option has a default."""

    journals = c.Type(str, default="journals")
    """Folder of journal entries, relative to ``mkdocs.yml``, outside ``docs/``."""
    playbooks = c.Type(str, default="playbooks")
    """Folder of curated playbooks, relative to ``mkdocs.yml``."""
    edit_uri = c.Optional(c.Type(str))
    """Where "Edit this entry" points, relative to ``repo_url`` (e.g. ``edit/main/``); by default
    MkDocs' ``edit_uri`` with its docs folder removed."""
    bots = c.ListOfItems(c.Type(str), default=list(DEFAULT_BOTS))
    """Git names or emails (besides any ``[bot]`` name) left out of people and the graph."""
    people_from_git = c.Type(bool, default=True)
    """Whether git identities that no journal entry and no ``contributors.yml`` entry names are
    people of their own (pages, graph). Off, git still gives commit counts, dates and "last
    updated" to the people the journals name; an example site whose entries were committed by
    its developers turns it off."""
    recent_count = c.Type(int, default=50)
    """How many entries the "Recent entries" page lists."""
    remote_images = c.Type(bool, default=False)
    """Show images that entry notes load from other hosts (with ``referrerpolicy="no-referrer"``).
    Off by default: a reader's browser then never calls a host a pull request names."""
    branch = c.Type(str, default="main")
    """The branch the "Write an entry" form opens the hosting service's editor on."""
    stale_after_days = c.Type(int, default=365)
    """Evidence older than this many days counts half in a playbook and is marked as possibly
    out of date: what worked with last year's model may not work with this year's."""
    review_every_days = c.Type(int, default=180)
    """A curated playbook whose ``reviewed`` date is older than this, and whose problem type
    has had new evidence since, is flagged as due for review (on its page and by ``check``)."""
    nav_title = c.Type(str, default="Journal")
    """The navigation section of the generated index pages."""
    recent_title = c.Type(str, default="Recent entries")
    topics_title = c.Type(str, default="Topics")
    problems_title = c.Type(str, default="Problem types")
    playbooks_title = c.Type(str, default="Playbooks")
    write_title = c.Type(str, default="Write an entry")
    people_title = c.Type(str, default="People")
    graph_title = c.Type(str, default="Who learns from whom")
    activity_title = c.Type(str, default="Pulse")
    """The Pulse page (at `people/activity/`): is peer learning spreading?"""
    pairs_title = c.Type(str, default="Pairing suggestions")
    """The page pairing someone stuck with someone it worked for (``peerlog pairs``)."""
    clinic_title = c.Type(str, default="Clinic agenda")
    """The page of the weekly clinic's agenda (``peerlog clinic``)."""
    archive_title = c.Type(str, default="Archive")
    """The archive: every entry, by month."""
    search = c.Choice(SEARCH_MODES, default="auto")
    """Who answers Material's search box: ``material`` (its own index, downloaded whole by
    every reader), ``pagefind`` (a chunked index: a query fetches a few hundred kilobytes, with
    filters by topic, problem type and outcome), or ``auto``: Material up to 500 entries,
    Pagefind above. Either needs Material's ``search`` plugin in ``plugins:``."""


class SiteConfig(base.Config):
    """The keys of ``mkdocs.yml`` beyond the plugin's that the core needs, with MkDocs' own
    option types, so the CLI reads them as a build does (``edit_uri`` gets MkDocs' default for
    GitHub, GitLab and Bitbucket)."""

    site_name = c.Type(str, default="")
    site_url = c.Optional(c.URL(is_dir=True))
    repo_url = c.Optional(c.URL())
    edit_uri = c.Optional(c.EditURI("repo_url"))
    docs_dir = c.Type(str, default="docs")
    use_directory_urls = c.Type(bool, default=True)


class _Site(Protocol):
    """What :func:`settings_from` reads of a site's configuration: a :class:`SiteConfig`, or
    MkDocs' own validated configuration."""

    site_name: str
    site_url: str | None
    repo_url: str | None
    edit_uri: str | None
    docs_dir: str
    use_directory_urls: bool


_C = TypeVar("_C", bound=base.Config)


class SettingsError(Exception):
    """``mkdocs.yml`` gives peerlog options it cannot use; ``problems`` says which and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def settings_from(options: PeerlogConfig, site: _Site, root: Path) -> Settings:
    """The core's settings from validated options: every option by its own name, but
    ``edit_uri``, resolved with the site's repository to the URL prefix for editing a file."""
    values: dict[str, Any] = {name: tuple(value) if isinstance(value, list) else value
                              for name, value in options.items() if name != "edit_uri"}
    return Settings(root=root, **values, site_name=site.site_name, site_url=site.site_url,
                    repo_url=site.repo_url,
                    edit_url=_edit_url(options.edit_uri, site, root),
                    use_directory_urls=site.use_directory_urls)


def load_settings(root: Path, config_file: str = CONFIG_FILE) -> Settings:
    """The settings a build of ``root/config_file`` would have; the defaults where the file is
    missing, refused or not YAML. Raises :class:`SettingsError` when options do not validate,
    listing every bad option (MkDocs stops at the first), each at its line."""
    top = _mapping(_read(root, config_file))
    site = {name: top[name] for name in SiteConfig() if name in top}
    options = _mapping(_plugin_options(top.get("plugins")))
    problems = [*_problems(SiteConfig, site, "", config_file),
                *_problems(PeerlogConfig, options, "plugin 'peerlog' ", config_file)]
    if problems:
        raise SettingsError(problems)
    return settings_from(_validated(PeerlogConfig, options), _validated(SiteConfig, site), root)


def _validated(kind: type[_C], given: Mapping[str, Field]) -> _C:
    config = kind()
    config.load_dict({name: f.value for name, f in given.items()})
    config.validate()
    return config


def _problems(
    kind: type[base.Config], given: Mapping[str, Field], where: str, path: str
) -> Iterator[Problem]:
    """Each given option validated on its own (with ``repo_url``, which ``edit_uri`` needs)."""
    for name, f in given.items():
        config = kind()
        config.load_dict({"repo_url": given["repo_url"].value, name: f.value}
                         if name == "edit_uri" and "repo_url" in given else {name: f.value})
        for failed, error in config.validate()[0]:
            at = given.get(failed, f)
            yield Problem(path, at.line, at.col, "error", f"{where}option {failed!r}: {error}",
                          "fix the value, or remove the option to use its default")


def site_config(root: Path, config_file: str = CONFIG_FILE) -> dict[str, Any]:
    """The whole of ``mkdocs.yml`` as plain values, read as another tool's file (a tag such as
    ``!!python/name:`` reads as ``None``, never runs): what ``peerlog export`` carries over to
    another engine's configuration."""
    document = _read(root, config_file)
    return dict(document.value) if document is not None and isinstance(document.value, dict) \
        else {}


def _read(root: Path, config_file: str) -> Field | None:
    """The file's YAML as another tool's (tags and aliases read as nothing, never run)."""
    if not (root / config_file).is_file():
        return None
    try:
        return read_yaml(root, config_file, MAX_BYTES, foreign=True)[0]
    except (OSError, FrontMatterError):
        return None


def _mapping(f: Field | None) -> dict[str, Field]:
    """A mapping's values by key, each with its position; ``{}`` for anything else."""
    if f is None or not isinstance(f.value, dict):
        return {}
    return dict(zip(f.value, f.items, strict=True))


def _plugin_options(plugins: Field | None) -> Field | None:
    """peerlog's options from ``plugins:``, a list (``- peerlog: {...}``) or a mapping."""
    if plugins is not None and isinstance(plugins.value, list):
        found = [_mapping(item).get("peerlog") for item in plugins.items]
        return next((f for f in reversed(found) if f is not None), None)
    return _mapping(plugins).get("peerlog")


def _edit_url(edit_uri: str | None, site: _Site, root: Path) -> str | None:
    """The URL prefix for editing a project file: the plugin's ``edit_uri``, or the site's with
    its docs folder removed (project files live beside ``docs/``, not in it)."""
    if not site.repo_url:
        return None
    if edit_uri is None:
        if not site.edit_uri:
            return None
        docs = posixpath.relpath(Path(root, site.docs_dir).as_posix(),
                                 root.as_posix()).strip("/") + "/"
        edit_uri = site.edit_uri
        if edit_uri.endswith(docs):
            edit_uri = edit_uri[: -len(docs)]
    return urljoin(site.repo_url.rstrip("/") + "/", edit_uri.rstrip("/") + "/")
