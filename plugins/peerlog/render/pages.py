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
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from peerlog.base.settings import Settings
from peerlog.base.text import key, page_url
from peerlog.knowledge.graph import to_json
from peerlog.knowledge.model import KnowledgeBase
from peerlog.knowledge.people import People
from peerlog.knowledge.playbooks import Playbook
from peerlog.knowledge.pulse import Pulse
from peerlog.knowledge.related import related_entries
from peerlog.read import confirmations as confirming
from peerlog.read.confirmations import Confirmation
from peerlog.read.entries import Entry
from peerlog.read.scaffold import TEMPLATE
from peerlog.read.schema import CONFIRMATION_FIELDS, MAX_NAME, MAX_NOTE, RESULTS, rules
from peerlog.render.export import export
from peerlog.render.links import Linker
from peerlog.render.pulse import pulse_context, pulse_data
from peerlog.render.urls import Urls

ASSET_CSS = "assets/peerlog/peerlog.css"
ASSET_FINDER_JS = "assets/peerlog/finder.js"
ASSET_WRITE_JS = "assets/peerlog/write.js"
ASSET_CONFIRM_JS = "assets/peerlog/confirm.js"
ASSET_WRITE_CSS = "assets/peerlog/write.css"
# Loaded only by the graph page's template: the vendored library alone is ~430 KB.
ASSET_GRAPH_JS = "assets/peerlog/graph.js"
ASSET_GRAPH_CSS = "assets/peerlog/graph.css"
ASSET_CYTOSCAPE_JS = "assets/peerlog/vendor/cytoscape.min.js"
DATA_JSON = "peerlog.json"
PLAYBOOK_SEARCH_BOOST = 10.0
# Python-Markdown's ATX heading: "#" at the start of the first non-blank line.
_OPENS_WITH_HEADING = re.compile(r"(?:[ \t]*\n)*#")


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
    env = Environment(
        loader=PackageLoader("peerlog", "templates/peerlog"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        auto_reload=False,  # templates ship with the package; don't stat them per render
    )
    env.filters["age"] = age_in_words
    env.filters["distinct_wordings"] = distinct_wordings
    return env


def distinct_wordings(variants: Sequence[str], label: str) -> list[str]:
    """The other ways an approach was written, one per wording: case and spacing variants of
    the label or of each other are not different wordings."""
    seen = {key(label)}
    distinct = []
    for variant in variants:
        if key(variant) not in seen:
            seen.add(key(variant))
            distinct.append(variant)
    return distinct


def age_in_words(when: date | None, as_of: date | None) -> str:
    """How long before ``as_of`` a report was made, as people say it ("3 weeks ago")."""
    if when is None or as_of is None:
        return "undated"
    days = (as_of - when).days
    if days < 0:
        return "in the future"
    for unit, size, below in (("day", 1, 14), ("week", 7, 61), ("month", 30.44, 730)):
        if days < below:
            n = 0 if days == 0 else max(1, int(days // size))
            return "today" if n == 0 else f"{n} {unit}{'s' if n != 1 else ''} ago"
    return f"{max(2, int(days // 365.25))} years ago"


def render_site(
    kb: KnowledgeBase, playbooks: Sequence[Playbook], people: People, settings: Settings,
    pulse: Pulse, confirmations: Sequence[Confirmation] = (),
) -> RenderedSite:
    """Every generated page: one per entry, topic, problem type and playbook, and the indexes.
    ``confirmations`` are those that count, shown on the entries they confirm; ``pulse`` makes
    the Pulse page and its CSV files."""
    urls = Urls(kb, playbooks)
    pages: list[GeneratedPage] = []

    def page(src_uri: str, name: str, template: str, kind: str, searchable: bool = True,
             **context: Any) -> None:
        before = _render(template, src_uri, settings, urls, **context)
        pages.append(GeneratedPage(src_uri, display_title(name), before, kind=kind,
                                   searchable=searchable))

    related = related_entries(kb, playbooks)
    confirmed: dict[str, list[Confirmation]] = {}
    for c in confirmations:
        confirmed.setdefault(c.target, []).append(c)
    playbook_keys = {p.key for p in playbooks}
    form = _confirm_form_data(settings)
    for entry in kb.entries:
        problem = key(entry.problem or "")
        pages.append(_entry_page(
            entry, urls.entry(entry), settings, urls, confirmations=confirmed.get(entry.path, []),
            related=related.get(entry.path, ()), form=form,
            playbook=urls.playbook_of(problem) if problem in playbook_keys else None))
    # Pages that only repeat what entry pages say stay out of the search index.
    page(urls.recent, settings.recent_title, "recent.html", "index", False,
         title=settings.recent_title,
         entries=kb.entries[: settings.recent_count], total=len(kb.entries))
    page(urls.topics, settings.topics_title, "group_index.html", "index",
         title=settings.topics_title, groups=kb.topics, page_of=urls.topic, column="Topic",
         intro="Every tag used in the journals, with how many entries use it.")
    for group in kb.topics:
        page(urls.topic(group), group.name, "group.html", "topic", group=group,
             index_uri=urls.topics, plural="topics", playbook=None)
    page(urls.problems, settings.problems_title, "group_index.html", "index",
         title=settings.problems_title, groups=kb.problems, page_of=urls.problem,
         column="Problem type", intro="The kinds of problem people brought to the journals; "
         "each has a playbook of what worked.")
    for group in kb.problems:
        page(urls.problem(group), group.name, "group.html", "problem", group=group,
             index_uri=urls.problems, plural="problem types", playbook=urls.playbook_of(group.key))
    for playbook in playbooks:
        pages.append(_playbook_page(playbook, urls, settings))
    page(urls.finder, settings.playbooks_title, "finder.html", "index",
         title=settings.playbooks_title, playbooks=playbooks,
         tools=sorted({t for p in playbooks for t in p.tools}, key=key),
         tags=sorted({t for p in playbooks for t in p.tags}, key=key),
         outcomes=("solved", "partial", "unsolved"))
    page(urls.write, settings.write_title, "write.html", "index", title=settings.write_title,
         form=_write_form_data(kb, settings))
    page(urls.people, settings.people_title, "people_index.html", "index",
         title=settings.people_title, people=people, notes=people.notes)
    for person in people.persons.values():
        page(urls.person(person.id), person.name, "person.html", "person", person=person,
             people=people)
    page(urls.graph, settings.graph_title, "graph.html", "index", False, title=settings.graph_title,
         graph=_graph_data(people, urls, settings), people=people)
    pulse_files = pulse_data(pulse)
    page(urls.activity, settings.activity_title, "pulse.html", "index", False,
         title=settings.activity_title, **pulse_context(pulse, tuple(pulse_files)))
    nav = (NavSection(settings.nav_title, (urls.finder, urls.recent, urls.topics, urls.problems,
                                          urls.people, urls.graph, urls.activity, urls.write)),)
    data = {DATA_JSON: export(kb, tuple(playbooks), settings.use_directory_urls, confirmations),
            **pulse_files}
    return RenderedSite(tuple(pages), nav, data)


def _graph_data(people: People, urls: Urls, settings: Settings) -> dict[str, Any]:
    """The graph as JSON for the graph page; each node carries its page's site-relative URL."""
    data = to_json(people)
    for node in data["nodes"]:
        node["url"] = page_url(urls.person(node["id"]), settings.use_directory_urls)
    return data


def _write_form_data(kb: KnowledgeBase, settings: Settings) -> dict[str, Any]:
    """What the "Write an entry" form needs: the validator's rules, suggestions from the
    knowledge base (most used first), and where to send the finished file."""
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
        "journals": settings.journals,
        "repo_url": settings.repo_url,
        "branch": settings.branch,
    }


def _playbook_page(playbook: Playbook, urls: Urls, settings: Settings) -> GeneratedPage:
    src_uri = urls.playbook(playbook)
    before = _render("playbook_header.html", src_uri, settings, urls, playbook=playbook)
    after = _render("playbook_evidence.html", src_uri, settings, urls, playbook=playbook)
    body = playbook.curated.body if playbook.curated else ""
    edit_url = (settings.edit_url + quote(playbook.curated.path)
                if settings.edit_url and playbook.curated else None)
    return GeneratedPage(src_uri, display_title(playbook.page_title), before, body, after,
                         edit_url=edit_url, kind="playbook", search_boost=PLAYBOOK_SEARCH_BOOST)


def _confirm_form_data(settings: Settings) -> dict[str, Any]:
    """What every entry page's "Worked for me too" form shares: the file's template and
    fields, the result words, and where to send the file (the entry itself is the form's).
    Every entry page carries it, so the fields go without their help texts (the kinds are what
    write.js's render needs)."""
    return {
        "template": confirming.TEMPLATE,
        "rules": {"fields": {name: {"kind": kind}
                             for name, (kind, _) in CONFIRMATION_FIELDS.items()},
                  "results": list(RESULTS), "max_note": MAX_NOTE, "max_name": MAX_NAME},
        "folder": f"{settings.journals.strip('/')}/{confirming.FOLDER}",
        "repo_url": settings.repo_url,
        "branch": settings.branch,
    }


def _entry_page(
    entry: Entry, src_uri: str, settings: Settings, urls: Urls, *,
    confirmations: Sequence[Confirmation] = (), related: Sequence[Entry] = (),
    playbook: str | None = None, form: dict[str, Any] | None = None,
) -> GeneratedPage:
    """An entry's page: its facts, attempts and notes, then what leads on from it: who tried
    it since (``confirmations``), a form to say you did, its ``playbook`` and ``related``
    entries."""
    # Notes that open with their own heading (the write form's "## What I was trying to do")
    # need no "Notes" heading above it, which would head an empty section.
    notes_heading = bool(entry.body.strip()) and not _OPENS_WITH_HEADING.match(entry.body)
    before = _render("entry_header.html", src_uri, settings, urls, entry=entry,
                     notes_heading=notes_heading, confirmations=confirmations)
    edit_url = settings.edit_url + quote(entry.path) if settings.edit_url else None
    form = {**(form or _confirm_form_data(settings)), "confirms": entry.rel}
    after = _render("entry_footer.html", src_uri, settings, urls, entry=entry, edit_url=edit_url,
                    confirmations=confirmations, related=related, playbook=playbook, form=form)
    return GeneratedPage(src_uri, display_title(entry.title), before, entry.body, after,
                         edit_url=edit_url, kind="entry")


def _render(template: str, src_uri: str, settings: Settings, urls: Urls, **context: Any) -> str:
    linker = Linker(src_uri, settings.use_directory_urls)
    link: Callable[[str], str] = linker
    return _env().get_template(template).render(
        link=link, link_asset=linker.asset, urls=urls, **context
    )
