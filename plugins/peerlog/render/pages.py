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
from datetime import date, timedelta
from functools import cache, partial
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from peerlog.base.settings import Settings
from peerlog.base.text import key, page_url
from peerlog.knowledge.archive import UNDATED
from peerlog.knowledge.archive import by_month as archive_months
from peerlog.knowledge.clinic import SINCE_DAYS, clinic_agenda
from peerlog.knowledge.expertise import RECENT_DAYS, Expertise, who_to_ask
from peerlog.knowledge.front import evidence_count, front_page
from peerlog.knowledge.graph import to_json
from peerlog.knowledge.model import KnowledgeBase
from peerlog.knowledge.momentum import BEFORE_DAYS, MIN_ACTIVE_MONTHS, QUIET_DAYS, momentum
from peerlog.knowledge.pairing import MAX_LOAD, suggest_pairs
from peerlog.knowledge.people import People
from peerlog.knowledge.playbooks import Playbook
from peerlog.knowledge.pulse import Pulse
from peerlog.knowledge.record import Record, learning_records
from peerlog.knowledge.related import related_entries
from peerlog.read import confirmations as confirming
from peerlog.read.confirmations import Confirmation
from peerlog.read.entries import Entry
from peerlog.read.scaffold import TEMPLATE
from peerlog.read.schema import CONFIRMATION_FIELDS, MAX_NAME, MAX_NOTE, RESULTS, rules
from peerlog.render.cache import RenderCache
from peerlog.render.export import export
from peerlog.render.feeds import Feed, feeds
from peerlog.render.links import Linker
from peerlog.render.pulse import pulse_context, pulse_data
from peerlog.render.records import record_csv
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
# Loaded only when Pagefind answers the search box (render/search.py).
ASSET_SEARCH_JS = "assets/peerlog/search.js"
#: Every asset a site needs, and those each page loads (confirm.js uses write.js's functions,
#: so it comes after it); the graph page's template loads its own.
ASSETS = (ASSET_CSS, ASSET_FINDER_JS, ASSET_GRAPH_CSS, ASSET_GRAPH_JS, ASSET_CYTOSCAPE_JS,
          ASSET_WRITE_CSS, ASSET_WRITE_JS, ASSET_CONFIRM_JS, ASSET_SEARCH_JS)
PAGE_CSS = (ASSET_CSS, ASSET_WRITE_CSS)
PAGE_JS = (ASSET_FINDER_JS, ASSET_WRITE_JS, ASSET_CONFIRM_JS)
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

    def meta(self) -> dict[str, Any]:
        """The page's front matter for the theme: its title, no table of contents but on
        entries and playbooks, and how Material's search weighs it."""
        meta: dict[str, Any] = {"title": self.title}
        if self.kind not in ("entry", "playbook"):
            meta["hide"] = ["toc"]
        if self.search_boost:
            meta["search"] = {"boost": self.search_boost}
        if not self.searchable:
            meta["search"] = {"exclude": True}
        return meta


@dataclass(frozen=True)
class NavSection:
    """A navigation section of generated index pages (never one item per entry)."""

    title: str
    pages: tuple[str, ...]


@dataclass(frozen=True)
class RenderedSite:
    """The generated pages, the navigation section, and non-page files (``path -> text``);
    ``home`` is the home page (its ``after`` follows a hand-written ``docs/index.md``) and
    ``feeds`` the feed each page advertises in its ``<head>``, by source URI (``""``: every
    page)."""

    pages: tuple[GeneratedPage, ...]
    nav: tuple[NavSection, ...]
    data: dict[str, str] = field(default_factory=dict)
    home: GeneratedPage | None = None
    feeds: dict[str, Feed] = field(default_factory=dict)


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
    # The programme pages state their rules with the numbers the knowledge modules use.
    env.globals.update(RECENT_DAYS=RECENT_DAYS, MAX_LOAD=MAX_LOAD, QUIET_DAYS=QUIET_DAYS,
                       BEFORE_DAYS=BEFORE_DAYS, MIN_ACTIVE_MONTHS=MIN_ACTIVE_MONTHS)
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
    pulse: Pulse, confirmations: Sequence[Confirmation] = (), *, today: date,
    cache: RenderCache[Any] | None = None,
) -> RenderedSite:
    """Every generated page: one per entry, topic, problem type and playbook, and the indexes.
    ``confirmations`` are those that count, shown on the entries they confirm; ``pulse`` makes
    the Pulse page and its CSV files; ``today`` (the build's day) is what "recent" and "this
    month" count from on the programme pages and the home page."""
    urls = Urls(kb, playbooks)
    kept: RenderCache[Any] = cache or RenderCache()
    kept.start((settings, tuple(kb.entry_slugs.items()),
                tuple((g.key, g.slug) for g in (*kb.topics, *kb.problems)),
                tuple((p.key, p.slug) for p in playbooks)))
    data_files, advertised = feeds(kb, people, urls, settings, settings.recent_count)
    pages: list[GeneratedPage] = []

    def page(src_uri: str, name: str, template: str, kind: str, searchable: bool = True,
             made_of: object = None, **context: Any) -> None:
        """Render a page, or take it from the cache when its inputs are as last time: the
        context, or ``made_of`` when the template reads only a little of a large object."""
        def make() -> GeneratedPage:
            before = _render(template, src_uri, settings, urls, **context)
            return GeneratedPage(src_uri, display_title(name), before, kind=kind,
                                 searchable=searchable)
        made = (template, name, kind, searchable, context if made_of is None else made_of)
        pages.append(kept.get(src_uri, made, make))

    related = related_entries(kb, playbooks)
    confirmed: dict[str, list[Confirmation]] = {}
    for c in confirmations:
        confirmed.setdefault(c.target, []).append(c)
    playbook_keys = {p.key for p in playbooks}
    who = who_to_ask(kb, today)
    form = _confirm_form_data(settings)
    for entry in kb.entries:
        problem = key(entry.problem or "")
        src_uri = urls.entry(entry)
        shown = (tuple(confirmed.get(entry.path, ())), tuple(related.get(entry.path, ())),
                 urls.playbook_of(problem) if problem in playbook_keys else None)
        pages.append(kept.get(src_uri, (entry, *shown), partial(
            _entry_page, entry, src_uri, settings, urls, confirmations=shown[0],
            related=shown[1], playbook=shown[2], form=form)))
    # Pages that only repeat what entry pages say stay out of the search index.
    page(urls.recent, settings.recent_title, "recent.html", "index", False,
         title=settings.recent_title,
         entries=kb.entries[: settings.recent_count], total=len(kb.entries),
         feed=advertised.get(""))
    months = archive_months(kb.entries)
    page(urls.archive, settings.archive_title, "archive.html", "index", False,
         title=settings.archive_title, months=months, month_name=month_name)
    for month in months:
        name = month_name(month.month)
        page(urls.archive_month(month.month), f"{settings.archive_title}: {name}",
             "archive_month.html", "index", False, title=name, month=month,
             archive_title=settings.archive_title)
    page(urls.topics, settings.topics_title, "group_index.html", "index",
         title=settings.topics_title, groups=kb.topics, page_of=urls.topic, column="Topic",
         intro="Every tag used in the journals, with how many entries use it.")
    for group in kb.topics:
        page(urls.topic(group), group.name, "group.html", "topic", group=group,
             index_uri=urls.topics, plural="topics", playbook=None,
             expertise=who.topics[group.key], feed=advertised.get(urls.topic(group)))
    page(urls.problems, settings.problems_title, "group_index.html", "index",
         title=settings.problems_title, groups=kb.problems, page_of=urls.problem,
         column="Problem type", intro="The kinds of problem people brought to the journals; "
         "each has a playbook of what worked.")
    for group in kb.problems:
        page(urls.problem(group), group.name, "group.html", "problem", group=group,
             index_uri=urls.problems, plural="problem types", playbook=urls.playbook_of(group.key),
             expertise=who.problems[group.key], feed=advertised.get(urls.problem(group)))
    for playbook in playbooks:
        expertise = who.problems.get(playbook.key)
        pages.append(kept.get(urls.playbook(playbook), (playbook, expertise), partial(
            _playbook_page, playbook, urls, settings, expertise)))
    page(urls.finder, settings.playbooks_title, "finder.html", "index",
         title=settings.playbooks_title, playbooks=playbooks,
         tools=sorted({t for p in playbooks for t in p.tools}, key=key),
         tags=sorted({t for p in playbooks for t in p.tags}, key=key),
         outcomes=("solved", "partial", "unsolved"))
    page(urls.write, settings.write_title, "write.html", "index", title=settings.write_title,
         form=_write_form_data(kb, settings))
    page(urls.people, settings.people_title, "people_index.html", "index",
         title=settings.people_title, people=people, notes=people.notes,
         momentum=momentum(kb.entries, today))
    topic_names = {g.key: g.name for g in kb.topics}
    records = learning_records(kb.entries, confirmations, topic_names)
    # A person's page and record read only the names of the others from ``people``.
    names = {pid: p.name for pid, p in people.persons.items()}
    for person in people.persons.values():
        record = records.get(person.id, Record(()))
        page(urls.person(person.id), person.name, "person.html", "person",
             made_of=(person, record, names), person=person, people=people, record=record)
        path = urls.record_csv(person.id)
        data_files[path] = kept.get(path, (record, names),
                                    partial(record_csv, record, people, urls, settings))
    page(urls.graph, settings.graph_title, "graph.html", "index", False, title=settings.graph_title,
         graph=_graph_data(people, urls, settings), people=people)
    pulse_files = pulse_data(pulse)
    page(urls.activity, settings.activity_title, "pulse.html", "index", False,
         title=settings.activity_title, **pulse_context(pulse, tuple(pulse_files)))
    page(urls.pairs, settings.pairs_title, "pairs.html", "index", False,
         title=settings.pairs_title, today=today, suggestions=suggest_pairs(kb, people, today))
    page(urls.clinic, settings.clinic_title, "clinic.html", "index", False,
         title=settings.clinic_title,
         agenda=clinic_agenda(kb, today, today - timedelta(days=SINCE_DAYS)))
    nav = (NavSection(settings.nav_title, (urls.finder, urls.recent, urls.archive, urls.topics,
                                          urls.problems, urls.people, urls.graph, urls.activity,
                                          urls.pairs, urls.clinic, urls.write)),)
    data = {DATA_JSON: export(kb, tuple(playbooks), settings.use_directory_urls, confirmations),
            **data_files, **pulse_files}
    home = _home_page(kb, playbooks, people, settings, urls, today)
    return RenderedSite(tuple(pages), nav, data, home, advertised)


def month_name(month: str) -> str:
    """``2026-03`` as people say it, ``March 2026``; the undated entries' month as words."""
    if month == UNDATED:
        return "Undated entries"
    return date.fromisoformat(month + "-01").strftime("%B %Y")


def _home_page(kb: KnowledgeBase, playbooks: Sequence[Playbook], people: People,
               settings: Settings, urls: Urls, today: date) -> GeneratedPage:
    """The home page: a default welcome (used when the project has no ``docs/index.md``), then
    what is happening in the journals, which follows the project's own welcome too."""
    src_uri = "index.md"
    title = settings.site_name or "Peer learning journal"
    welcome = _render("home_welcome.html", src_uri, settings, urls, title=title)
    sections = _render("home.html", src_uri, settings, urls, front=front_page(kb, playbooks, today),
                       people=people, evidence_count=evidence_count, month_name=month_name)
    return GeneratedPage(src_uri, display_title(title), welcome, after=sections, kind="home")


def head_links(site: RenderedSite, src_uri: str, use_directory_urls: bool) -> str:
    """The ``<link rel="alternate">`` tags for a page's ``<head>``: the feed of all entries on
    every page, and a topic's or problem type's own feed on its page."""
    shown = [f for f in (site.feeds.get(""), site.feeds.get(src_uri)) if f is not None]
    if not shown:
        return ""
    linker = Linker(src_uri, use_directory_urls)
    return _env().get_template("feed_links.html").render(feeds=shown, link_asset=linker.asset)


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


def _playbook_page(playbook: Playbook, urls: Urls, settings: Settings,
                   expertise: Expertise | None) -> GeneratedPage:
    src_uri = urls.playbook(playbook)
    before = _render("playbook_header.html", src_uri, settings, urls, playbook=playbook,
                     expertise=expertise)
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
