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
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from peerlog.base import timing
from peerlog.base.settings import Settings
from peerlog.config import PeerlogConfig, settings_from
from peerlog.knowledge.pipeline import gather
from peerlog.read.contributors import FILE_NAME as CONTRIBUTORS_FILE
from peerlog.render.incremental import Outputs, Rebuilds, site_outputs
from peerlog.render.pages import (
    ASSET_SEARCH_JS,
    PAGE_CSS,
    PAGE_JS,
    GeneratedPage,
    RenderedSite,
    head_links,
    render_site,
)
from peerlog.render.sanitize import prefix_toc, sanitize
from peerlog.render.search import index_site, pagefind_answers
from peerlog.render.search_view import page_search_view
from peerlog.structure import add_copied_files, generated_files, with_journal_sections

log = get_plugin_logger(__name__)


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
        self.pagefind = False  # whether Pagefind answers the search box (render/search.py)
        self.indexed = False  # whether a build of this serve has written Pagefind's index
        self.stopwatch = timing.Stopwatch()
        self.whole: str | None = None  # the page's HTML while search reads its search view
        self.serving = False  # set by on_startup, which MkDocs runs before anything else

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.rebuilds.dirty = self.serving and dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = settings_from(
            self.config, config, Path(config.config_file_path or ".").resolve().parent)
        self.stopwatch = timing.Stopwatch()
        config.extra_css.extend(PAGE_CSS)
        config.extra_javascript.extend(PAGE_JS)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        knowledge = gather(self.settings, stopwatch=self.stopwatch, keep_encoder=self.serving)
        for problem in knowledge.problems:
            log.log(logging.INFO if problem.severity == "notice" else logging.WARNING, problem)
        history = knowledge.history
        for note in history.notes if history else ():
            # A shallow clone gets counts and dates wrong: warn, so a strict build stops.
            log.log(logging.WARNING if history and history.shallow else logging.INFO, note)
        with self.stopwatch.stage("render"):
            self.site = render_site(knowledge.kb, knowledge.playbooks, knowledge.people,
                                    self.settings, knowledge.pulse, knowledge.confirmations,
                                    today=knowledge.today, cache=self.rebuilds.cache)
        self.pagefind, missing = pagefind_answers(self.settings.search, len(knowledge.kb.entries),
                                                  "material/search" in config.plugins)
        if missing:
            log.warning(missing)
        if self.pagefind and ASSET_SEARCH_JS not in config.extra_javascript:
            config.extra_javascript.append(ASSET_SEARCH_JS)
        outputs, hidden = site_outputs(self.site, lambda u: files.get_file_from_path(u) is not None)
        for message in hidden:
            log.warning(message)
        self.pages = {o.src_uri: o.page for o in outputs if o.page is not None}
        made = generated_files(config, outputs)
        written = [(f.src_uri, f.abs_src_path, f.abs_dest_path)
                   for f in files.documentation_pages() if f.abs_src_path]
        changed, summary = self.rebuilds.changed(config.config_file_path, written, {
            o.src_uri: (o.fingerprint, f.abs_dest_path) for o, f in zip(outputs, made, strict=True)
        }, knowledge.history)
        for file in made:
            file.modified = file.src_uri in changed
            files.append(file)
        log.log(logging.INFO if self.rebuilds.dirty else logging.DEBUG, summary)
        add_copied_files(files, config, knowledge.journal.attachments)
        self.files = files
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        titles = {uri: page.title for uri, page in self.pages.items()}
        return with_journal_sections(nav, self.site.nav, files, config, titles)

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if (generated := self.pages.get(page.file.src_uri)) is not None:
            page.meta, page.edit_url = generated.meta(), generated.edit_url
            markdown = generated.markdown
        if self.pagefind:  # Material's index keeps its configuration and no page
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

    # Material's search (priority 0) indexes page.content: the search view, only around it
    # (and not at all when Pagefind answers: Material's index then holds no page).
    @event_priority(1)
    def _show_search_view(self, context: TemplateContext, /, *, page: Page,
                          **_: Any) -> TemplateContext:
        generated = None if self.pagefind else self.pages.get(page.file.src_uri)
        if generated is not None and page.content is not None:
            self.whole = page.content
            with self.stopwatch.stage("search view"):
                page.content = page_search_view(self.whole, generated.before, generated.after)
        return context

    @event_priority(-1)
    def _show_whole_page(self, context: TemplateContext, /, *, page: Page,
                         **_: Any) -> TemplateContext:
        if self.whole is not None:
            page.content, self.whole = self.whole, None
        return context

    on_page_context = CombinedEvent(_show_search_view, _show_whole_page)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Advertise the feeds in the page's ``<head>`` (its first ``</head>``: the theme's)."""
        self.rebuilds.built.add(page.url)
        links = head_links(self.site, page.file.src_uri, self.settings.use_directory_urls)
        return output.replace("</head>", links + "</head>", 1) if links else output

    # Before Material's search plugin (priority 0) writes the index.
    @event_priority(50)
    def _mend_search_index(self, *, config: MkDocsConfig) -> None:
        self.rebuilds.mend(config.plugins.values(), [f.page.url for f in self.files if f.page])

    # After every page and Material's (empty) index. Pagefind indexes the whole site, so a
    # dirty serve rebuild keeps the first build's index (38 s to make at 10,000 entries).
    @event_priority(-100)
    def _finish(self, *, config: MkDocsConfig) -> None:
        if self.pagefind and not (self.rebuilds.dirty and self.indexed):
            with self.stopwatch.stage("pagefind"):
                report = index_site(Path(config.site_dir))
            self.indexed = True
            log.info(f"search: Pagefind indexed {report.pages} pages into "
                     f"{report.bytes / 1e6:.1f} MB in {report.seconds:.1f} s")
        self.stopwatch.finish(log.debug)

    on_post_build = CombinedEvent(_mend_search_index, _finish)

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

