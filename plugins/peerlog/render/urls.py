"""Where every generated page and attachment goes: one layout that the pages, the data file
and the plugin share."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from peerlog.base.text import key, page_url, slug
from peerlog.knowledge.model import Group, KnowledgeBase
from peerlog.knowledge.playbooks import Playbook
from peerlog.read.entries import Entry
from peerlog.read.journals import Attachment

#: Entry pages live under this folder at their slugged path, and attachments beside them.
ENTRIES_FOLDER = "entries"


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
    pairs = "pairs.md"
    clinic = "clinic.md"
    archive = "archive/index.md"

    def __init__(self, kb: KnowledgeBase, playbooks: Sequence[Playbook] = ()) -> None:
        self.kb = kb
        self._topics = {g.key: g.slug for g in kb.topics}
        self._problems = {g.key: g.slug for g in kb.problems}
        self._playbooks = {p.key: p.slug for p in playbooks}
        self._topic_names = {g.key: g.name for g in kb.topics}
        self._problem_names = {g.key: g.name for g in kb.problems}

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

    def archive_month(self, month: str) -> str:
        return f"archive/{month}.md"

    def record_csv(self, person_id: str) -> str:
        """A person's learning record as CSV, in the folder of their page's URL."""
        return f"{self.person(person_id)[:-3]}/record.csv"

    def person_of(self, handle: str) -> str:
        return self.person(slug(handle))

    def topic_of(self, name: str) -> str:
        return f"topics/{self._topics[key(name)]}.md"

    def problem_of(self, entry: Entry) -> str:
        return f"problems/{self._problems[key(entry.problem or '')]}.md"

    def topic_name(self, name: str) -> str:
        """The shown name of the topic ``name`` is a spelling of (``pdf `` -> ``PDF``): one
        value per topic for search filters, as the topic pages have one page per topic."""
        return self._topic_names[key(name)]

    def problem_name(self, entry: Entry) -> str:
        """The shown name of the entry's problem type (see :meth:`topic_name`)."""
        return self._problem_names[key(entry.problem or "")]


def attachment_uri(attachment: Attachment) -> str:
    """Where an attachment is published: in the folder of the pages of the entries beside it,
    so that MkDocs resolves (and validates) their relative links to it."""
    return f"{ENTRIES_FOLDER}/{attachment.site_rel}"


def address(src_uri: str, site_url: str | None, use_directory_urls: bool) -> str:
    """Where the page at ``src_uri`` lives, for files read outside the site (feeds, CSV): an
    absolute URL under ``site_url`` when the site sets one, else a path from the site's root
    (``/entries/2026/x/``), which is right when the site is served at the root of its host."""
    url = page_url(src_uri, use_directory_urls)
    return (site_url.rstrip("/") if site_url else "") + "/" + url


def asset_source(asset: str) -> Path:
    """The file in the package that the site's ``assets/peerlog/...`` asset is."""
    return Path(__file__).parents[1] / "assets" / Path(asset).relative_to("assets/peerlog")
