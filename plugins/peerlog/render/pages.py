"""Turn the knowledge model into virtual pages.

Each :class:`GeneratedPage` is trusted HTML (``before``/``after``, from autoescaping Jinja
templates) around untrusted Markdown (``markdown``: an entry's notes), which the front end renders
with the site's Markdown extensions and then passes through :func:`~.sanitize.sanitize`. Page
titles go into MkDocs' own templates, which do not escape, so they are made display-safe here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..entries import Entry
from ..model import Group, KnowledgeBase
from ..text import key
from .links import Linker

ASSET_CSS = "assets/peerlog/peerlog.css"


@dataclass(frozen=True)
class Options:
    """What rendering needs from the site's configuration."""

    use_directory_urls: bool = True
    edit_url: str | None = None
    recent_count: int = 50
    nav_title: str = "Journal"
    recent_title: str = "Recent entries"
    topics_title: str = "Topics"
    problems_title: str = "Problem types"


@dataclass(frozen=True)
class GeneratedPage:
    """One virtual page: its source URI, display-safe title and content."""

    src_uri: str
    title: str
    before: str
    markdown: str = ""
    after: str = ""
    edit_url: str | None = None
    kind: str = "page"


@dataclass(frozen=True)
class NavSection:
    """A navigation section of generated index pages (never one item per entry)."""

    title: str
    pages: tuple[str, ...]


@dataclass(frozen=True)
class RenderedSite:
    pages: tuple[GeneratedPage, ...]
    nav: tuple[NavSection, ...]
    entry_uris: dict[str, str] = field(default_factory=dict)


def display_title(title: str) -> str:
    """A title safe in MkDocs' templates, which print it raw and also through ``striptags``
    (which would undo an escaped ``&lt;``): angle brackets become look-alike quotes."""
    return (
        title.replace("&", "&amp;").replace("<", "‹").replace(">", "›").replace('"', "&quot;")
    )


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("peerlog", "templates/peerlog"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )


class Urls:
    """Source URIs of every generated page, so templates and the plugin agree on one layout."""

    recent = "recent.md"
    topics = "topics/index.md"
    problems = "problems/index.md"

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._topics = {g.key: g.slug for g in kb.topics}
        self._problems = {g.key: g.slug for g in kb.problems}

    def entry(self, entry: Entry) -> str:
        return f"entries/{self.kb.entry_slugs[entry.rel]}.md"

    def topic(self, group: Group) -> str:
        return f"topics/{group.slug}.md"

    def problem(self, group: Group) -> str:
        return f"problems/{group.slug}.md"

    def topic_of(self, name: str) -> str:
        return f"topics/{self._topics[key(name)]}.md"

    def problem_of(self, entry: Entry) -> str:
        return f"problems/{self._problems[key(entry.problem or '')]}.md"


def render_site(kb: KnowledgeBase, options: Options) -> RenderedSite:
    """Every generated page for ``kb``: one per entry, topic and problem type, and the indexes."""
    urls = Urls(kb)
    pages: list[GeneratedPage] = []

    def page(src_uri: str, name: str, template: str, kind: str, **context: Any) -> None:
        before = _render(template, src_uri, options, urls, **context)
        pages.append(GeneratedPage(src_uri, display_title(name), before, kind=kind))

    for entry in kb.entries:
        pages.append(_entry_page(entry, urls.entry(entry), options, urls))
    page(urls.recent, options.recent_title, "recent.html", "index", title=options.recent_title,
         entries=kb.entries[: options.recent_count], total=len(kb.entries))
    for title, uri, groups, page_of, column, plural, intro in (
        (options.topics_title, urls.topics, kb.topics, urls.topic, "Topic", "topics",
         "Every tag used in the journals, with how many entries use it."),
        (options.problems_title, urls.problems, kb.problems, urls.problem, "Problem type",
         "problem types", "The kinds of problem people brought to the journals."),
    ):
        page(uri, title, "group_index.html", "index", title=title, groups=groups,
             page_of=page_of, column=column, intro=intro)
        for group in groups:
            page(page_of(group), group.name, "group.html", plural, group=group, index_uri=uri,
                 plural=plural, extra="")
    nav = (NavSection(options.nav_title, (urls.recent, urls.topics, urls.problems)),)
    return RenderedSite(tuple(pages), nav, {e.rel: urls.entry(e) for e in kb.entries})


def _entry_page(entry: Entry, src_uri: str, options: Options, urls: Urls) -> GeneratedPage:
    has_notes = bool(entry.body.strip())
    before = _render("entry_header.html", src_uri, options, urls, entry=entry,
                     has_notes=has_notes)
    edit_url = options.edit_url + entry.path if options.edit_url else None
    after = _render("entry_footer.html", src_uri, options, urls, entry=entry, edit_url=edit_url)
    return GeneratedPage(src_uri, display_title(entry.title), before, entry.body, after,
                         edit_url=edit_url, kind="entry")


def _render(template: str, src_uri: str, options: Options, urls: Urls, **context: Any) -> str:
    link: Callable[[str], str] = Linker(src_uri, options.use_directory_urls)
    return _env().get_template(template).render(link=link, urls=urls, **context)


def nav_pages(site: RenderedSite) -> Sequence[str]:
    """Source URIs that the navigation holds."""
    return [uri for section in site.nav for uri in section.pages]
