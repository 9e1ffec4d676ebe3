"""The MkDocs adapter: wires MkDocs events to the peerlog core, and nothing else.

Pages are virtual (``File.generated``) and kept out of the automatic navigation
(``NOT_IN_NAV``): Material renders the whole navigation into every page, so listing 10,000
entries there would make the site grow with the square of the entries. The navigation gets one
section of index pages instead. Under ``mkdocs serve --dirty`` a rebuild writes only the
outputs that changed (:mod:`peerlog.render.incremental`); plain ``serve`` rewrites every page.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from peerlog.base.settings import Settings
from peerlog.config import PeerlogConfig, settings_from
from peerlog.knowledge.pipeline import gather
from peerlog.read.contributors import FILE_NAME as CONTRIBUTORS_FILE
from peerlog.render.incremental import Outputs, Rebuilds, site_outputs
from peerlog.render.pages import (
    ASSETS,
    PAGE_CSS,
    PAGE_JS,
    GeneratedPage,
    RenderedSite,
    head_links,
    render_site,
)
from peerlog.render.sanitize import prefix_toc, sanitize
from peerlog.render.urls import asset_source, attachment_uri

log = get_plugin_logger(__name__)


class _Generated(File):
    """A generated file that knows whether its output changed since the last build: MkDocs
    takes every file with in-memory content as modified, so ``--dirty`` would rebuild all."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class PeerlogPlugin(BasePlugin[PeerlogConfig]):
    """Generates entry, topic, problem-type and index pages from ``journals/``."""

    supports_multiple_instances = False
    settings: Settings
    """The core's settings, made from the validated options when MkDocs loads its config."""

    def __init__(self) -> None:
        self.site = RenderedSite((), ())
        self.pages: dict[str, GeneratedPage] = {}
        self.rebuilds = Rebuilds()
        self.files = Files([])

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.rebuilds.dirty = command == "serve" and dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = settings_from(
            self.config, config, Path(config.config_file_path or ".").resolve().parent)
        config.extra_css.extend(PAGE_CSS)
        config.extra_javascript.extend(PAGE_JS)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        knowledge = gather(self.settings)
        for problem in knowledge.problems:
            log.log(logging.INFO if problem.severity == "notice" else logging.WARNING, problem)
        history = knowledge.history
        for note in history.notes if history else ():
            # A shallow clone gets counts and dates wrong: warn, so a strict build stops.
            log.log(logging.WARNING if history and history.shallow else logging.INFO, note)
        self.site = render_site(knowledge.kb, knowledge.playbooks, knowledge.people,
                                self.settings, knowledge.pulse, knowledge.confirmations,
                                today=knowledge.today, cache=self.rebuilds.cache)
        outputs, hidden = site_outputs(self.site, lambda u: files.get_file_from_path(u) is not None)
        for message in hidden:
            log.warning(message)
        self.pages = {o.src_uri: o.page for o in outputs if o.page is not None}
        made = [cast("_Generated", _Generated.generated(config, o.src_uri, content=o.content,
                inclusion=InclusionLevel.NOT_IN_NAV if o.hidden else InclusionLevel.UNDEFINED))
                for o in outputs]
        written = [(f.src_uri, f.abs_src_path, f.abs_dest_path)
                   for f in files.documentation_pages() if f.abs_src_path]
        changed, summary = self.rebuilds.changed(config.config_file_path, written, {
            o.src_uri: (o.fingerprint, f.abs_dest_path) for o, f in zip(outputs, made, strict=True)
        }, knowledge.history)
        for file in made:
            file.modified = file.src_uri in changed
            files.append(file)
        log.log(logging.INFO if self.rebuilds.dirty else logging.DEBUG, summary)
        for attachment in knowledge.journal.attachments:
            files.append(File.generated(config, attachment_uri(attachment),
                                        abs_src_path=str(attachment.path)))
        for asset in ASSETS:
            files.append(File.generated(config, asset, abs_src_path=str(asset_source(asset))))
        self.files = files
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        items = list(nav.items)
        shown = {id(p) for p in nav.pages}
        # The journal is what people come for: right after the home page, before other pages.
        at = 1 if items and isinstance(items[0], Page) and items[0].is_homepage else 0
        for spec in self.site.nav:
            children: list[Any] = []
            for uri in spec.pages:
                file = files.get_file_from_path(uri)
                if file is not None and file.page is not None and id(file.page) not in shown:
                    children.append(file.page)
                    if not file.is_modified():  # Not read this build; its title is in the nav.
                        file.page.read_source(config)
                        file.page.meta = {"title": self.pages[uri].title}
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

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return markdown
        page.meta = {"title": generated.title}
        if generated.kind not in ("entry", "playbook"):
            page.meta["hide"] = ["toc"]
        if generated.search_boost:
            page.meta["search"] = {"boost": generated.search_boost}
        if not generated.searchable:
            page.meta["search"] = {"exclude": True}
        page.edit_url = generated.edit_url
        return generated.markdown

    # Runs last so no other plugin alters the HTML after it is sanitised.
    @event_priority(-100)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            home = self.site.home
            return html + home.after if page.is_homepage and home is not None else html
        prefix_toc(page.toc)
        return (generated.before + sanitize(html, remote_images=self.settings.remote_images)
                + generated.after)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Advertise the feeds in the page's ``<head>`` (its first ``</head>``: the theme's)."""
        self.rebuilds.built.add(page.url)
        links = head_links(self.site, page.file.src_uri, self.settings.use_directory_urls)
        return output.replace("</head>", links + "</head>", 1) if links else output

    # Before Material's search plugin (priority 0) writes the index.
    @event_priority(50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.rebuilds.mend(config.plugins.values(), [f.page.url for f in self.files if f.page])

    def on_build_error(self, *, error: Exception) -> None:
        self.rebuilds.outputs = Outputs()  # A build that stopped half-way: next time write all.

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        root = self.settings.root
        # Only what exists can be watched: a folder created later needs a restart.
        for path in (self.settings.journals, self.settings.playbooks, CONTRIBUTORS_FILE):
            if (root / path).exists():
                server.watch(str(root / path))
        return server


def _pages_of(items: list[Any]) -> list[Page]:
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        elif isinstance(item, Section):
            found.extend(_pages_of(item.children))
    return found
