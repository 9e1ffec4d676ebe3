"""The options the core runs with: one frozen object for a whole build or command.

Options are declared once, in :class:`peerlog.config.PeerlogConfig` (typed, with their defaults
and documentation); an adapter derives a :class:`Settings` from them (the plugin from MkDocs'
validated configuration, the CLI from ``mkdocs.yml`` through the same declaration), so the core
never sees a front end's configuration machinery and the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Who answers the search box (``search`` option; :mod:`peerlog.render.search`).
SEARCH_MODES = ("auto", "material", "pagefind")


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Every option of :class:`~peerlog.config.PeerlogConfig` (``edit_uri`` resolved to
    ``edit_url``), plus the project folder and the site facts rendering needs."""

    root: Path
    """The project folder: the one holding ``mkdocs.yml``."""
    journals: str
    playbooks: str
    bots: tuple[str, ...]
    people_from_git: bool
    recent_count: int
    remote_images: bool
    branch: str
    stale_after_days: int
    review_every_days: int
    nav_title: str
    recent_title: str
    topics_title: str
    problems_title: str
    playbooks_title: str
    write_title: str
    people_title: str
    graph_title: str
    activity_title: str
    pairs_title: str
    clinic_title: str
    archive_title: str
    search: str
    """``auto``, ``material`` or ``pagefind``: see :mod:`peerlog.render.search`."""
    site_name: str
    site_url: str | None
    """The site's address, ending in ``/``: feeds need it for absolute links (see
    :mod:`peerlog.render.feeds`)."""
    repo_url: str | None
    edit_url: str | None
    """The URL prefix for editing a project file (a project path is appended), or None."""
    use_directory_urls: bool

    @property
    def journals_dir(self) -> Path:
        return self.root / self.journals
