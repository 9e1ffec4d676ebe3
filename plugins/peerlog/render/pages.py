"""Turn the knowledge model into virtual pages.

Each :class:`GeneratedPage` is trusted HTML (``before``/``after``, from autoescaping Jinja
templates) around untrusted Markdown (``markdown``: an entry's notes), which the front end renders
with the site's Markdown extensions and then passes through :func:`~.sanitize.sanitize`. Page
titles go into MkDocs' own templates, which do not escape, so they are made display-safe here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from peerlog.base.text import key, page_url, slug
from peerlog.knowledge.activity import by_month
from peerlog.knowledge.graph import to_json
from peerlog.knowledge.model import Group, KnowledgeBase
from peerlog.knowledge.people import People
from peerlog.knowledge.playbooks import Playbook
from peerlog.read.entries import Entry
from peerlog.read.journals import Attachment
from peerlog.render.links import Linker

ASSET_CSS = "assets/peerlog/peerlog.css"
ASSET_FINDER_JS = "assets/peerlog/finder.js"
ASSET_WRITE_JS = "assets/peerlog/write.js"
ASSET_WRITE_CSS = "assets/peerlog/write.css"
# Loaded only by the graph page's template: the vendored library alone is ~430 KB.
ASSET_GRAPH_JS = "assets/peerlog/graph.js"
ASSET_GRAPH_CSS = "assets/peerlog/graph.css"
ASSET_CYTOSCAPE_JS = "assets/peerlog/vendor/cytoscape.min.js"
DATA_JSON = "peerlog.json"
#: Entry pages live under this folder at their slugged path, and attachments beside them.
ENTRIES_FOLDER = "entries"
PLAYBOOK_SEARCH_BOOST = 10.0
# Python-Markdown's ATX heading: "#" at the start of the first non-blank line.
_OPENS_WITH_HEADING = re.compile(r"(?:[ \t]*\n)*#")


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
    playbooks_title: str = "Playbooks"
    write_title: str = "Write an entry"
    people_title: str = "People"
    graph_title: str = "Who learns from whom"
    activity_title: str = "Is it spreading?"
    journals: str = "journals"
    repo_url: str | None = None
    branch: str = "main"


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
    search_boost: float | None = None
    searchable: bool = True


@dataclass(frozen=True)
class NavSection:
    """A navigation section of generated index pages (never one item per entry)."""

    title: str
    pages: tuple[str, ...]


@dataclass(frozen=True)
class RenderedSite:
    """The generated pages, the navigation section, and non-page files (``path -> text``)."""

    pages: tuple[GeneratedPage, ...]
    nav: tuple[NavSection, ...]
    data: dict[str, str] = field(default_factory=dict)


def display_title(title: str) -> str:
    """A title safe in MkDocs' templates, which print it raw and also through ``striptags``
    (which would undo an escaped ``&lt;``): angle brackets become look-alike quotes."""
    return (
        title.replace("&", "&amp;").replace("<", "‹").replace(">", "›")  # noqa: RUF001
        .replace('"', "&quot;")
    )


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("peerlog", "templates/peerlog"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        auto_reload=False,  # templates ship with the package; don't stat them per render
    )


class Urls:
    """Source URIs of every generated page, so templates and the plugin agree on one layout."""

    recent = "recent.md"
    topics = "topics/index.md"
    problems = "problems/index.md"
    finder = "playbooks/index.md"
    write = "write.md"
    people = "people/index.md"
    graph = "people/graph.md"
    activity = "people/activity.md"

    def __init__(self, kb: KnowledgeBase, playbooks: Sequence[Playbook] = ()) -> None:
        self.kb = kb
        self._topics = {g.key: g.slug for g in kb.topics}
        self._problems = {g.key: g.slug for g in kb.problems}
        self._playbooks = {p.key: p.slug for p in playbooks}

    def entry(self, entry: Entry) -> str:
        return f"{ENTRIES_FOLDER}/{self.kb.entry_slugs[entry.rel]}.md"

    def topic(self, group: Group) -> str:
        return f"topics/{group.slug}.md"

    def problem(self, group: Group | Playbook) -> str:
        return f"problems/{group.slug}.md"

    def playbook(self, playbook: Playbook) -> str:
        return f"playbooks/{playbook.slug}.md"

    def playbook_of(self, problem_key: str) -> str:
        return f"playbooks/{self._playbooks[problem_key]}.md"

    def person(self, person_id: str) -> str:
        """People pages share a folder with the index and the graph, so those names are kept."""
        return f"people/{person_id}{'-' if person_id in ('index', 'graph', 'activity') else ''}.md"

    def person_of(self, handle: str) -> str:
        return self.person(slug(handle))

    def topic_of(self, name: str) -> str:
        return f"topics/{self._topics[key(name)]}.md"

    def problem_of(self, entry: Entry) -> str:
        return f"problems/{self._problems[key(entry.problem or '')]}.md"


def attachment_uri(attachment: Attachment) -> str:
    """Where an attachment is published: in the folder of the pages of the entries beside it,
    so that MkDocs resolves (and validates) their relative links to it."""
    return f"{ENTRIES_FOLDER}/{attachment.site_rel}"


def render_site(
    kb: KnowledgeBase, playbooks: Sequence[Playbook], people: People, options: Options
) -> RenderedSite:
    """Every generated page: one per entry, topic, problem type and playbook, and the indexes."""
    from peerlog.render.export import export

    urls = Urls(kb, playbooks)
    pages: list[GeneratedPage] = []

    def page(src_uri: str, name: str, template: str, kind: str, searchable: bool = True,
             **context: Any) -> None:
        before = _render(template, src_uri, options, urls, **context)
        pages.append(GeneratedPage(src_uri, display_title(name), before, kind=kind,
                                   searchable=searchable))

    for entry in kb.entries:
        pages.append(_entry_page(entry, urls.entry(entry), options, urls))
    # Pages that only repeat what entry pages say stay out of the search index.
    page(urls.recent, options.recent_title, "recent.html", "index", False,
         title=options.recent_title,
         entries=kb.entries[: options.recent_count], total=len(kb.entries))
    page(urls.topics, options.topics_title, "group_index.html", "index",
         title=options.topics_title, groups=kb.topics, page_of=urls.topic, column="Topic",
         intro="Every tag used in the journals, with how many entries use it.")
    for group in kb.topics:
        page(urls.topic(group), group.name, "group.html", "topic", group=group,
             index_uri=urls.topics, plural="topics", playbook=None)
    page(urls.problems, options.problems_title, "group_index.html", "index",
         title=options.problems_title, groups=kb.problems, page_of=urls.problem,
         column="Problem type", intro="The kinds of problem people brought to the journals; "
         "each has a playbook of what worked.")
    for group in kb.problems:
        page(urls.problem(group), group.name, "group.html", "problem", group=group,
             index_uri=urls.problems, plural="problem types", playbook=urls.playbook_of(group.key))
    for playbook in playbooks:
        pages.append(_playbook_page(playbook, urls, options))
    page(urls.finder, options.playbooks_title, "finder.html", "index",
         title=options.playbooks_title, playbooks=playbooks,
         tools=sorted({t for p in playbooks for t in p.tools}, key=key),
         tags=sorted({t for p in playbooks for t in p.tags}, key=key),
         outcomes=("solved", "partial", "unsolved"))
    page(urls.write, options.write_title, "write.html", "index", title=options.write_title,
         form=_write_form_data(kb, options))
    page(urls.people, options.people_title, "people_index.html", "index",
         title=options.people_title, people=people, notes=people.notes)
    for person in people.persons.values():
        page(urls.person(person.id), person.name, "person.html", "person", person=person,
             people=people)
    page(urls.graph, options.graph_title, "graph.html", "index", False, title=options.graph_title,
         graph=_graph_data(people, urls, options), people=people)
    page(urls.activity, options.activity_title, "activity.html", "index", False,
         title=options.activity_title, months=by_month(kb.entries))
    nav = (NavSection(options.nav_title, (urls.finder, urls.recent, urls.topics, urls.problems,
                                          urls.people, urls.graph, urls.activity, urls.write)),)
    data = {DATA_JSON: export(kb, tuple(playbooks), options.use_directory_urls)}
    return RenderedSite(tuple(pages), nav, data)


def _graph_data(people: People, urls: Urls, options: Options) -> dict[str, Any]:
    """The graph as JSON for the graph page; each node carries its page's site-relative URL."""
    data = to_json(people)
    for node in data["nodes"]:
        node["url"] = page_url(urls.person(node["id"]), options.use_directory_urls)
    return data


def _write_form_data(kb: KnowledgeBase, options: Options) -> dict[str, Any]:
    """What the "Write an entry" form needs: the validator's rules, suggestions from the
    knowledge base (most used first), and where to send the finished file."""
    from peerlog.read.scaffold import TEMPLATE
    from peerlog.read.schema import rules

    people: dict[str, int] = {}
    tools: dict[str, int] = {}
    for entry in kb.entries:
        for handle in (*entry.authors, *entry.pair, *entry.learned_from):
            people[handle] = people.get(handle, 0) + 1
        for tool in entry.tools:
            tools[tool] = tools.get(tool, 0) + 1
    return {
        "rules": rules(),
        "template": TEMPLATE,
        "tags": [g.name for g in kb.topics],
        "problems": [g.name for g in kb.problems],
        "people": sorted(people, key=lambda h: (-people[h], h)),
        "tools": sorted(tools, key=lambda t: (-tools[t], t)),
        "journals": options.journals,
        "repo_url": options.repo_url,
        "branch": options.branch,
    }


def _playbook_page(playbook: Playbook, urls: Urls, options: Options) -> GeneratedPage:
    src_uri = urls.playbook(playbook)
    before = _render("playbook_header.html", src_uri, options, urls, playbook=playbook)
    after = _render("playbook_evidence.html", src_uri, options, urls, playbook=playbook)
    body = playbook.curated.body if playbook.curated else ""
    edit_url = (options.edit_url + quote(playbook.curated.path)
                if options.edit_url and playbook.curated else None)
    return GeneratedPage(src_uri, display_title(playbook.page_title), before, body, after,
                         edit_url=edit_url, kind="playbook", search_boost=PLAYBOOK_SEARCH_BOOST)


def _entry_page(entry: Entry, src_uri: str, options: Options, urls: Urls) -> GeneratedPage:
    # Notes that open with their own heading (the write form's "## What I was trying to do")
    # need no "Notes" heading above it, which would head an empty section.
    notes_heading = bool(entry.body.strip()) and not _OPENS_WITH_HEADING.match(entry.body)
    before = _render("entry_header.html", src_uri, options, urls, entry=entry,
                     notes_heading=notes_heading)
    edit_url = options.edit_url + quote(entry.path) if options.edit_url else None
    after = _render("entry_footer.html", src_uri, options, urls, entry=entry, edit_url=edit_url)
    return GeneratedPage(src_uri, display_title(entry.title), before, entry.body, after,
                         edit_url=edit_url, kind="entry")


def _render(template: str, src_uri: str, options: Options, urls: Urls, **context: Any) -> str:
    linker = Linker(src_uri, options.use_directory_urls)
    link: Callable[[str], str] = linker
    return _env().get_template(template).render(
        link=link, link_asset=linker.asset, urls=urls, **context
    )
