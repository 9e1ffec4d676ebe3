"""The plugin's options, typed, with defaults that need no configuration."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from peerlog.base.identity import DEFAULT_BOTS


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
    nav_title = c.Type(str, default="Journal")
    recent_title = c.Type(str, default="Recent entries")
    topics_title = c.Type(str, default="Topics")
    problems_title = c.Type(str, default="Problem types")
    playbooks_title = c.Type(str, default="Playbooks")
    write_title = c.Type(str, default="Write an entry")
    remote_images = c.Type(bool, default=False)
    """Show images that entry notes load from other hosts (with ``referrerpolicy="no-referrer"``).
    Off by default: a reader's browser then never calls a host a pull request names."""
    branch = c.Type(str, default="main")
    """The branch the "Write an entry" form opens the hosting service's editor on."""
