"""``peerlog.json``: the knowledge base as data, for the playbook finder and for other tools.

The schema is documented in ``docs/data.md``; URLs are relative to the site root. Values are
plain JSON data: whoever shows them must escape them (the finder only ever sets ``textContent``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from peerlog.base.text import page_url
from peerlog.knowledge.model import KnowledgeBase
from peerlog.knowledge.playbooks import Evidence, Playbook
from peerlog.read.confirmations import Confirmation
from peerlog.read.entries import Entry
from peerlog.render.urls import Urls

SCHEMA_VERSION = 1


def export(
    kb: KnowledgeBase, playbooks: tuple[Playbook, ...], use_directory_urls: bool,
    confirmations: Sequence[Confirmation] = (),
) -> str:
    """Serialise the knowledge base; stable key order so the file diffs cleanly.
    ``confirmations`` (those that count) are listed under the entries they confirm."""
    urls = Urls(kb, playbooks)
    confirmed: dict[str, list[dict[str, Any]]] = {}
    for c in confirmations:
        confirmed.setdefault(c.target, []).append({
            "by": c.by, "date": c.date.isoformat() if c.date else None, "result": c.result,
            "note": c.note})

    def url(src_uri: str) -> str:
        return page_url(src_uri, use_directory_urls)

    def entry(e: Entry) -> dict[str, Any]:
        return {
            "title": e.title,
            "url": url(urls.entry(e)),
            "date": e.date.isoformat() if e.date else None,
            "authors": list(e.authors),
            "tags": list(e.tags),
            "problem": e.problem,
            "tools": list(e.tools),
            "outcome": e.outcome,
            "attempts": [{"tried": a.tried, "result": a.result, "note": a.note}
                         for a in e.attempts],
            "confirmations": confirmed.get(e.path, []),
        }

    def playbook(p: Playbook) -> dict[str, Any]:
        return {
            "problem": p.name,
            "key": p.key,
            "title": p.title,
            "url": url(urls.playbook(p)),
            "curated": p.curated is not None,
            "solved": p.solved,
            "entry_count": len(p.entries),
            "entries": [url(urls.entry(e)) for e in p.entries],
            "outcomes": p.outcomes,
            "tools": list(p.tools),
            "tags": list(p.tags),
            "approaches": [
                {
                    "label": a.label,
                    "variants": list(a.variants),
                    "worked": a.worked,
                    "failed": a.failed,
                    "partial": a.partial,
                    "people": list(a.people),
                    "entries": [url(urls.entry(e)) for e in a.entries],
                    "confirmations": a.confirmations,
                    "last_worked": report(a.last_worked),
                    "last_failed": report(a.last_failed),
                    "tools": list(a.tools),
                    "ask": list(a.helpers),
                    "out_of_date_reports": sum(e.old for e in a.evidence),
                    "only_old_successes": a.only_old_successes,
                    "failed_since_it_worked": report(a.failed_since_it_worked),
                }
                for a in p.approaches
            ],
            "transitions": [{"from": t.source, "to": t.target, "count": t.count,
                             "worked": t.worked, "partial": t.partial, "failed": t.failed}
                            for t in p.transitions],
            "as_of": p.as_of.isoformat() if p.as_of else None,
            "review": None if p.review is None else {
                "owner": p.review.owner,
                "reviewed": p.review.reviewed.isoformat() if p.review.reviewed else None,
                "due": p.review.due,
                "entries_since": len(p.review.newest_per_entry),
            },
        }

    def report(e: Evidence | None) -> dict[str, Any] | None:
        if e is None:
            return None
        return {"date": e.date.isoformat() if e.date else None, "tools": list(e.tools),
                "entry": url(urls.entry(e.entry)), "confirmation": e.confirmation is not None,
                "out_of_date": e.old}

    data = {
        "version": SCHEMA_VERSION,
        "entries": [entry(e) for e in kb.entries],
        "topics": [{"name": g.name, "key": g.key, "url": url(urls.topic(g)),
                    "count": len(g.entries)} for g in kb.topics],
        "problems": [{"name": g.name, "key": g.key, "url": url(urls.problem(g)),
                      "count": len(g.entries), "playbook": url(urls.playbook_of(g.key))}
                     for g in kb.problems],
        "playbooks": [playbook(p) for p in playbooks],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
