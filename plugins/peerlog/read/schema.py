"""The rules for journal entry fields, as data.

One table serves the parser (``entries.py``), ``peerlog check`` and the browser's "Write an entry"
form (which receives it as JSON), so the three can never disagree about what a valid entry is.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["text", "date", "handles", "sources", "names", "name", "choice", "bool",
               "attempts"]

MAX_TITLE = 200
MAX_NAME = 60
MAX_ITEMS = 50
MAX_ATTEMPTS = 100
MAX_FILE_BYTES = 1_000_000

OUTCOMES = ("solved", "partial", "unsolved")
RESULTS = ("worked", "failed", "partial")

#: field name -> (kind, what it is for). ``authors`` is the plural spelling of ``author``.
FIELDS: dict[str, tuple[Kind, str]] = {
    "title": ("text", "what you tried to do, in a few words (required)"),
    "date": ("date", "when it happened, as YYYY-MM-DD"),
    "author": ("handles", "your name or handle, e.g. Alice Martin or alice"),
    "authors": ("handles", "several authors' names or handles"),
    "tags": ("names", "topics, as a list or a comma-separated line"),
    "problem": ("name", "the kind of problem, e.g. data-extraction"),
    "tools": ("names", "the tools you used, e.g. claude"),
    "pair": ("handles", "who worked on it with you: their names or handles"),
    "learned_from": ("sources", "who or what taught you this: names or handles, or a source "
                     "such as 'course: Prompting 101', 'docs: Anthropic guide' or 'self'"),
    "outcome": ("choice", "solved, partial or unsolved"),
    "attempts": ("attempts", "what you tried, in order, each with a result"),
    "draft": ("bool", "true keeps the entry out of the site"),
}

#: The kinds of source ``learned_from`` may name beside people (``course: Prompting 101``),
#: with their other spellings; a bare ``self`` (or ``self-taught``, ``myself``) is one too.
SOURCE_KINDS: dict[str, str] = {
    "course": "course", "docs": "docs", "documentation": "docs", "video": "video",
    "book": "book", "article": "article", "talk": "talk", "self": "self",
}
SELF_WORDS = frozenset({"self", "self-taught", "myself"})

#: A confirmation's fields (``read/confirmations.py``): someone tried an entry and says how it
#: went. ``confirms`` names the entry relative to the journals folder.
CONFIRMATION_FIELDS: dict[str, tuple[Kind, str]] = {
    "confirms": ("text", "the entry you tried, relative to the journals folder, e.g. "
                 "2026/2026-03-02-invoices.md (required)"),
    "author": ("name", "who tried it: your name or handle (required)"),
    "date": ("date", "when you tried it, as YYYY-MM-DD"),
    "result": ("choice", "worked, partial or failed (required)"),
}
#: A confirmation's note is shown on the entry's page as text; past this it is cut.
MAX_NOTE = 2_000

TRUE_WORDS = frozenset({"true", "yes", "on", "y", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "n", "0", ""})


def rules() -> dict[str, object]:
    """The rules as JSON-ready data, for the web form."""
    return {
        "fields": {name: {"kind": kind, "help": text} for name, (kind, text) in FIELDS.items()},
        "outcomes": list(OUTCOMES),
        "results": list(RESULTS),
        "max_title": MAX_TITLE,
        "max_name": MAX_NAME,
        "max_items": MAX_ITEMS,
        "max_attempts": MAX_ATTEMPTS,
        "source_kinds": sorted(SOURCE_KINDS),
        "self_words": sorted(SELF_WORDS),
    }
