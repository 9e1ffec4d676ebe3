"""What the plugin hands to MkDocs: its generated files, and the navigation's journal section.

An adapter beside ``plugin.py`` (it knows MkDocs' structure classes), so that the plugin's
events only wire the core to MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from peerlog.read.journals import Attachment
from peerlog.render.incremental import Output
from peerlog.render.pages import ASSETS, NavSection
from peerlog.render.urls import asset_source, attachment_uri


class GeneratedFile(File):
    """A generated file that knows whether its output changed since the last build: MkDocs
    takes every file with in-memory content as modified, so ``--dirty`` would rebuild all."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


def generated_files(config: MkDocsConfig, outputs: Iterable[Output]) -> list[GeneratedFile]:
    """A virtual file for each output; pages of the journal stay out of the automatic
    navigation (``hidden``)."""
    return [cast("GeneratedFile", GeneratedFile.generated(
        config, o.src_uri, content=o.content,
        inclusion=InclusionLevel.NOT_IN_NAV if o.hidden else InclusionLevel.UNDEFINED))
        for o in outputs]


def add_copied_files(files: Files, config: MkDocsConfig,
                     attachments: Iterable[Attachment]) -> None:
    """The entries' attachments and peerlog's assets, copied as they are."""
    for attachment in attachments:
        files.append(File.generated(config, attachment_uri(attachment),
                                    abs_src_path=str(attachment.path)))
    for asset in ASSETS:
        files.append(File.generated(config, asset, abs_src_path=str(asset_source(asset))))


def with_journal_sections(nav: Navigation, sections: Iterable[NavSection], files: Files,
                          config: MkDocsConfig, titles: Mapping[str, str]) -> Navigation:
    """``nav`` with peerlog's sections of index pages right after the home page (the journal
    is what people come for), before the other pages, and the previous/next links redone.

    An index page MkDocs did not read this build (unchanged under ``--dirty``) is read now,
    titled from ``titles``: its title is in the navigation of every page that is rebuilt."""
    items = list(nav.items)
    shown = {id(p) for p in nav.pages}
    at = 1 if items and isinstance(items[0], Page) and items[0].is_homepage else 0
    for spec in sections:
        children: list[Any] = []
        for uri in spec.pages:
            file = files.get_file_from_path(uri)
            if file is not None and file.page is not None and id(file.page) not in shown:
                children.append(file.page)
                if not file.is_modified():
                    file.page.read_source(config)
                    file.page.meta = {"title": titles[uri]}
        if children:
            section = Section(spec.title, children)
            for child in children:
                child.parent = section
            items.insert(at, section)
            at += 1
    pages = _pages_of(items)
    for prev, page in zip([None, *pages], pages, strict=False):
        page.previous_page, page.next_page = prev, None
        if prev is not None:
            prev.next_page = page
    return Navigation(items, pages)


def _pages_of(items: list[Any]) -> list[Page]:
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        elif isinstance(item, Section):
            found.extend(_pages_of(item.children))
    return found
