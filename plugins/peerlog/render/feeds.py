"""Atom feeds of the journals: all entries, and one per topic and per problem type.

Made with feedgen (lxml underneath), so the XML is well-formed and escaped whatever a pull
request puts in a title or a tag: ``]]>`` and ``<script>`` are text, and the characters XML 1.0
forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF), which lxml refuses outright, are
removed first. Every string is capped. Authors are display names only: feedgen writes an
``<email>`` only when given one, and it never is.

A feed reader needs absolute links. With ``site_url`` set, links and ids are absolute URLs
under it; without, links are paths from the site's root (``/entries/2026/x/``, right for a
site served at the root of its host) and ids are ``urn:peerlog:`` names of the entry's page,
which stay the same from build to build (an entry keeps its URL, see
:func:`~peerlog.knowledge.model.entry_slugs`). Entries without a date are in no feed: Atom
needs an ``updated`` time, and inventing one would change every build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from itertools import islice

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from peerlog.base.settings import Settings
from peerlog.base.text import page_url, xml_safe
from peerlog.knowledge.model import Group, KnowledgeBase
from peerlog.knowledge.people import People, person_id
from peerlog.read.entries import Entry
from peerlog.render.urls import Urls, address

ALL_FEED = "feeds/all.atom.xml"
MAX_TEXT = 1_000
#: Material's script treats every ``<link rel="alternate">`` as a translation of the site and
#: fetches ``sitemap.xml`` beside it (for its language switcher), on every page. Beside each
#: feed folder lies an empty sitemap, so that fetch finds nothing to use instead of a 404 in
#: every reader's console.
EMPTY_SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')
_RESULT = {"worked": "worked", "failed": "failed", "partial": "partly worked"}


@dataclass(frozen=True)
class Feed:
    """One feed: its site-relative path and its title (for links to it)."""

    path: str
    title: str


def xml_text(text: str, cap: int = MAX_TEXT) -> str:
    """``text`` without the characters XML 1.0 cannot hold, at most ``cap`` characters."""
    text = xml_safe(text)
    return text if len(text) <= cap else text[: cap - 1] + "…"


def summary(entry: Entry) -> str:
    """An entry in a few plain words, from its outcome and attempts (never its notes, whose
    Markdown and HTML a feed reader would show as they are)."""
    parts = [f"Outcome: {entry.outcome}." if entry.outcome else ""]
    if entry.attempts:
        parts.append("Tried: " + "; ".join(
            a.tried + (f" ({_RESULT[a.result]})" if a.result else "") for a in entry.attempts)
            + ".")
    return xml_text(" ".join(p for p in parts if p))


def group_feed(kind: str, group: Group) -> str:
    return f"feeds/{kind}/{group.slug}.atom.xml"


def feeds(
    kb: KnowledgeBase, people: People, urls: Urls, settings: Settings, count: int
) -> tuple[dict[str, str], dict[str, Feed]]:
    """The feeds' files (path -> XML) and, by page source URI, the feed each topic and problem
    page advertises (``""`` for the feed of all entries); each feed holds the newest ``count``
    dated entries."""
    made: dict[str, FeedEntry] = {}

    def entry_of(e: Entry, day: date) -> FeedEntry:
        if e.path not in made:
            made[e.path] = _entry(e, day, people, urls, settings)
        return made[e.path]

    site = settings.site_name or "peerlog"
    files: dict[str, str] = {}
    advertised: dict[str, Feed] = {}

    def feed(path: str, title: str, entries: Sequence[Entry], page: str) -> None:
        dated = list(islice((entry_of(e, e.date) for e in entries if e.date is not None), count))
        if not dated:
            return
        files[path] = _feed(path, title, dated, site, settings)
        files[path.rsplit("/", 1)[0] + "/sitemap.xml"] = EMPTY_SITEMAP
        advertised[page] = Feed(path, title)

    feed(ALL_FEED, f"{site}: all entries", kb.entries, "")
    groups: Iterable[tuple[str, Group, Callable[[Group], str]]] = (
        *(("topics", g, urls.topic) for g in kb.topics),
        *(("problems", g, urls.problem) for g in kb.problems))
    for kind, group, page_of in groups:
        feed(group_feed(kind, group), f"{site}: {group.name}", group.entries, page_of(group))
    return files, advertised


def _entry(e: Entry, day: date, people: People, urls: Urls, settings: Settings) -> FeedEntry:
    src_uri = urls.entry(e)
    url = address(src_uri, settings.site_url, settings.use_directory_urls)
    fe = FeedEntry()
    fe.id(url if settings.site_url else
          f"urn:peerlog:{page_url(src_uri, settings.use_directory_urls).strip('/')}")
    fe.title(xml_text(e.title))
    published = datetime.combine(day, time(), UTC)
    updated = e.updated if e.updated is not None else published
    fe.published(published)
    fe.updated(updated if updated.tzinfo else updated.replace(tzinfo=UTC))
    fe.link(href=url, rel="alternate", type="text/html")
    for handle in e.authors:
        person = people.persons.get(person_id(handle))
        fe.author({"name": xml_text(person.name if person else handle)})
    for tag in dict.fromkeys(e.tags):
        fe.category(term=xml_text(tag))
    text = summary(e)
    if text:
        fe.summary(text)
    return fe


def _feed(path: str, title: str, entries: list[FeedEntry], site: str,
          settings: Settings) -> str:
    fg = FeedGenerator()
    here = settings.site_url.rstrip("/") + "/" + path if settings.site_url else None
    fg.id(here or f"urn:peerlog:{path}")
    fg.title(xml_text(title))
    # Atom wants an author on the feed for entries that name none: the journal itself.
    fg.author({"name": xml_text(site)})
    fg.link(href=here or "/" + path, rel="self", type="application/atom+xml")
    fg.link(href=settings.site_url or "/", rel="alternate", type="text/html")
    fg.updated(max(fe.updated() for fe in entries))
    for fe in entries:
        fg.add_entry(fe, order="append")
    return str(fg.atom_str(pretty=True), "utf-8")
