"""The deterministic knowledge base the benchmarks build, written three ways.

The same entries (about 400 words of notes each, 126 authors, 60 tags, 15 problem types, one to
four attempts) become:

- a peerlog project (``journals/``, ``plugins: [search, peerlog]``);
- a plain MkDocs + Material project: each entry an ordinary page under ``docs/entries/``, out of
  the navigation as peerlog keeps its entries, with the search plugin;
- a Material blog: each entry a post with its date, its problem type as the category and its
  tags, built by Material's ``blog`` and ``tags`` plugins (what a team would otherwise pick).

Every entry is a pure function of its number and :data:`SEED`, so entry ``i`` is the same at
N = 1,000 and at N = 10,000, and a benchmark can change one entry and know what it was.

    .venv/bin/python scripts/bench_corpus.py DIR --entries 1000   # writes DIR/{peerlog,plain,blog}
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SEED = 2026
AUTHORS = tuple(f"person{i:03d}" for i in range(126))
TAGS = tuple(f"tag{i:02d}" for i in range(60))
PROBLEMS = tuple(f"problem-{i:02d}" for i in range(15))
VERBS = ("asked for", "requested", "told it to give", "had it produce", "tried getting")
THINGS = ("the whole table as JSON", "a CSV export", "one example row first", "a summary per page",
          "bullet points", "a step-by-step plan", "citations with links", "a SQL query",
          "a formula with named ranges", "a reply in our tone", "a glossary first",
          "smaller chunks", "a checklist", "the raw OCR text", "a second pass to check")
RESULTS = ("worked", "failed", "partial")
OUTCOMES = ("solved", "partial", "unsolved")
#: Words the notes are drawn from: ordinary work vocabulary, so search has real terms to find.
VOCABULARY = (
    "the a prompt model table invoice customer reply summary meeting notes draft report "
    "spreadsheet formula column row answer example format output tone policy contract clause "
    "email ticket label category review code test query schema field value error retry "
    "context window token length page chunk section heading list bullet step plan check "
    "source citation link quote number date total amount currency supplier vendor team "
    "manager colleague client project budget deadline translation language german french "
    "spanish glossary term definition instruction rule worked failed partly better worse "
    "faster slower again first second then finally because when")
WORDS = tuple(VOCABULARY.split())
NOTE_WORDS = 400
START = date(2024, 1, 1)
MKDOCS_BASE = ("site_name: bench\nsite_url: https://bench.example/\ntheme: {name: material}\n"
               "validation: {nav: {omitted_files: info}}\n")


@dataclass(frozen=True)
class BenchEntry:
    """One generated entry: its front matter, its notes and where each layout puts it."""

    number: int
    day: date
    front: dict[str, object]
    notes: str

    @property
    def name(self) -> str:
        return f"{self.day.year}/{self.day.isoformat()}-entry-{self.number}.md"

    @property
    def title(self) -> str:
        return str(self.front["title"])

    def journal_text(self) -> str:
        """The entry as a peerlog journal file (JSON is YAML, and quick to write)."""
        return "---\n" + json.dumps(self.front) + "\n---\n\n## Notes\n\n" + self.notes + "\n"

    def page_text(self) -> str:
        """The entry as an ordinary MkDocs page: its title as the heading, then the notes."""
        return f"# {self.title}\n\n## Notes\n\n{self.notes}\n"

    def post_text(self) -> str:
        """The entry as a Material blog post, its problem type as the category."""
        # The blog wants a YAML date, not the string JSON would write.
        return (f"---\ndate: {self.day.isoformat()}\n"
                f"categories: {json.dumps([self.front['problem']])}\n"
                f"tags: {json.dumps(self.front['tags'])}\n---\n\n"
                f"# {self.title}\n\n{self.notes[:300]}\n\n<!-- more -->\n\n{self.notes[300:]}\n")


def entry(number: int) -> BenchEntry:
    """Entry ``number``, the same in every corpus that holds it."""
    rng = random.Random(f"{SEED}:{number}")
    day = START + timedelta(days=rng.randrange(1000))
    attempts = [{"tried": f"{rng.choice(VERBS)} {rng.choice(THINGS)}",
                 "result": rng.choice(RESULTS)} for _ in range(rng.randint(1, 4))]
    author = rng.choice(AUTHORS)
    front: dict[str, object] = {
        "title": f"Entry {number}: {rng.choice(THINGS)} for {rng.choice(WORDS)}",
        "date": day.isoformat(),
        "author": author,
        "tags": rng.sample(TAGS, 3),
        "problem": rng.choice(PROBLEMS),
        "pair": [rng.choice(AUTHORS)],
        "learned_from": [rng.choice(AUTHORS)],
        "tools": [rng.choice(("claude", "chatgpt", "copilot", "gemini"))],
        "outcome": rng.choice(OUTCOMES),
        "attempts": attempts,
    }
    sentences, words = [], 0
    while words < NOTE_WORDS:
        length = rng.randint(8, 20)
        sentence = " ".join(rng.choice(WORDS) for _ in range(length))
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        words += length
    paragraphs = [" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    return BenchEntry(number, day, front, "\n\n".join(paragraphs))


def entries(n: int) -> list[BenchEntry]:
    return [entry(i) for i in range(n)]


def write_peerlog(root: Path, corpus: list[BenchEntry]) -> Path:
    """A peerlog project of ``corpus``; returns its ``mkdocs.yml``."""
    _write(root / "docs" / "index.md", "# Home\n")
    for item in corpus:
        _write(root / "journals" / item.name, item.journal_text())
    return _write(root / "mkdocs.yml",
                  MKDOCS_BASE + "plugins: [search, peerlog]\nnav: [index.md]\n")


def write_plain(root: Path, corpus: list[BenchEntry]) -> Path:
    """The same entries as ordinary pages, out of the navigation; returns its ``mkdocs.yml``."""
    _write(root / "docs" / "index.md", "# Home\n")
    for item in corpus:
        _write(root / "docs" / "entries" / item.name, item.page_text())
    return _write(root / "mkdocs.yml", MKDOCS_BASE + "plugins: [search]\nnav: [index.md]\n")


def write_blog(root: Path, corpus: list[BenchEntry]) -> Path:
    """The same entries as Material blog posts with categories and tags."""
    _write(root / "docs" / "index.md", "# Home\n")
    _write(root / "docs" / "blog" / "index.md", "# Blog\n")
    _write(root / "docs" / "tags.md", "# Tags\n")
    for item in corpus:
        _write(root / "docs" / "blog" / "posts" / item.name, item.post_text())
    return _write(root / "mkdocs.yml", MKDOCS_BASE + (
        "plugins:\n  - search\n  - blog: {authors: false}\n  - tags\n"
        "nav: [index.md, blog/index.md, tags.md]\n"))


WRITERS = {"peerlog": write_peerlog, "plain": write_plain, "blog": write_blog}


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--only", choices=sorted(WRITERS), action="append")
    args = parser.parse_args(argv)
    corpus = entries(args.entries)
    for name in args.only or sorted(WRITERS):
        print(WRITERS[name](args.folder / name, corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
