"""The MkDocs adapter: wires MkDocs events to the peerlog core, and nothing else.

Pages are virtual (``File.generated``) and kept out of the automatic navigation
(``NOT_IN_NAV``): Material renders the whole navigation into every page, so listing 10,000
entries there would make the site grow with the square of the entries. The navigation gets one
section of index pages instead.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext as Context

from peerlog.base import timing
from peerlog.base.settings import Settings
from peerlog.config import PeerlogConfig, settings_from
from peerlog.knowledge.pipeline import gather
from peerlog.read.contributors import FILE_NAME as CONTRIBUTORS_FILE
from peerlog.render.pages import (
    ASSET_SEARCH_JS,
    ASSETS,
    PAGE_CSS,
    PAGE_JS,
    GeneratedPage,
    RenderedSite,
    head_links,
    render_site,
)
from peerlog.render.sanitize import prefix_toc, sanitize
from peerlog.render.search import index_site, pagefind_missing, uses_pagefind
from peerlog.render.search_view import page_search_view
from peerlog.render.urls import asset_source, attachment_uri

log = get_plugin_logger(__name__)


class PeerlogPlugin(BasePlugin[PeerlogConfig]):
    """Generates entry, topic, problem-type and index pages from ``journals/``."""

    supports_multiple_instances = False
    settings: Settings
    """The core's settings, made from the validated options when MkDocs loads its config."""

    def __init__(self) -> None:
        self.site = RenderedSite((), ())
        self.pages: dict[str, GeneratedPage] = {}
        self.pagefind = False
        """Whether Pagefind answers the search box this build (see render/search.py)."""
        self.stopwatch = timing.Stopwatch()
        self.whole: str | None = None  # the page's HTML while search reads its search view

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = settings_from(
            self.config, config, Path(config.config_file_path or ".").resolve().parent)
        self.stopwatch = timing.Stopwatch()
        config.extra_css.extend(PAGE_CSS)
        config.extra_javascript.extend(PAGE_JS)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        knowledge = gather(self.settings, stopwatch=self.stopwatch)
        for problem in knowledge.problems:
            log.log(logging.INFO if problem.severity == "notice" else logging.WARNING, problem)
        history = knowledge.history
        for note in history.notes if history else ():
            # A shallow clone gets counts and dates wrong: warn, so a strict build stops.
            log.log(logging.WARNING if history and history.shallow else logging.INFO, note)
        with self.stopwatch.stage("render"):
            self.site = render_site(knowledge.kb, knowledge.playbooks, knowledge.people,
                                    self.settings, knowledge.pulse, knowledge.confirmations,
                                    today=knowledge.today)
        # Material's search plugin draws the box; without it there is no search to answer.
        self.pagefind = ("material/search" in config.plugins
                         and uses_pagefind(self.settings.search, len(knowledge.kb.entries)))
        if self.pagefind and (missing := pagefind_missing()):
            log.warning(missing)
            self.pagefind = False
        if self.pagefind and ASSET_SEARCH_JS not in config.extra_javascript:
            config.extra_javascript.append(ASSET_SEARCH_JS)
        self.pages = {}
        home = self.site.home
        # A hand-written home page (docs/index.md or README.md) keeps its place; the generated
        # sections follow it (on_page_content).
        if home is not None and not any(files.get_file_from_path(name) is not None
                                        for name in ("index.md", "README.md")):
            self.pages[home.src_uri] = home
            files.append(File.generated(config, home.src_uri, content=home.markdown))
        for page in self.site.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                log.warning(f"docs/{page.src_uri} hides the generated page of the same name; "
                            "rename the hand-written page")
                continue
            self.pages[page.src_uri] = page
            files.append(File.generated(config, page.src_uri, content=page.markdown,
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        for path, text in self.site.data.items():
            files.append(File.generated(config, path, content=text))
        for attachment in knowledge.journal.attachments:
            files.append(File.generated(config, attachment_uri(attachment),
                                        abs_src_path=str(attachment.path)))
        for asset in ASSETS:
            files.append(File.generated(config, asset, abs_src_path=str(asset_source(asset))))
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
        if generated is not None:
            page.meta = {"title": generated.title}
            if generated.kind not in ("entry", "playbook"):
                page.meta["hide"] = ["toc"]
            if generated.search_boost:
                page.meta["search"] = {"boost": generated.search_boost}
            if not generated.searchable:
                page.meta["search"] = {"exclude": True}
            page.edit_url = generated.edit_url
            markdown = generated.markdown
        if self.pagefind:
            # Pagefind answers: Material's index keeps its configuration and no page, so no
            # reader downloads it.
            page.meta["search"] = {"exclude": True}
        return markdown

    # Runs last so no other plugin alters the HTML after it is sanitised.
    @event_priority(-100)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            home = self.site.home
            return html + home.after if page.is_homepage and home is not None else html
        with self.stopwatch.stage("sanitize"):
            prefix_toc(page.toc)
            clean = sanitize(html, remote_images=self.settings.remote_images)
        return generated.before + clean + generated.after

    # Material's search (priority 0) indexes page.content: the search view, only around it.
    @event_priority(1)
    def _show_search_view(self, context: Context, /, *, page: Page, **_: Any) -> Context:
        if (generated := self.pages.get(page.file.src_uri)) and page.content is not None:
            self.whole = page.content
            with self.stopwatch.stage("search view"):
                page.content = page_search_view(self.whole, generated.before, generated.after)
        return context

    @event_priority(-1)
    def _show_whole_page(self, context: Context, /, *, page: Page, **_: Any) -> Context:
        if self.whole is not None:
            page.content, self.whole = self.whole, None
        return context

    on_page_context = CombinedEvent(_show_search_view, _show_whole_page)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Advertise the feeds in the page's ``<head>`` (its first ``</head>``: the theme's)."""
        links = head_links(self.site, page.file.src_uri, self.settings.use_directory_urls)
        return output.replace("</head>", links + "</head>", 1) if links else output

    # After Material's search plugin has written its (empty) index, and after every page.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.pagefind:
            with self.stopwatch.stage("pagefind"):
                report = index_site(Path(config.site_dir))
            log.info(f"search: Pagefind indexed {report.pages} pages into "
                     f"{report.bytes / 1e6:.1f} MB in {report.seconds:.1f} s")
        self.stopwatch.finish(log.debug)

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
