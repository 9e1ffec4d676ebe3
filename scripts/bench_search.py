#!/usr/bin/env python3
"""Material's search against Pagefind on one generated knowledge base, measured in Chromium.

The corpus is ``scripts/bench_corpus.py``'s (``write_peerlog``), built twice: ``search:
material`` and ``search: pagefind``. For each: the build's wall time (Pagefind's indexing as
the plugin logs it), the index on disk, and in a fresh headless Chromium (no cache) the bytes
of every response from opening the home page to the first query's results shown, the time
from the page load's start to those results, and from the query's last key press. Then
recall@10 on known-item queries (:func:`known_items`): the share whose entry is among the
first ten results. ``--write`` rewrites this script's section of docs/benchmarks.md.

    .venv/bin/python scripts/bench_search.py --entries 2000
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, Response, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from tests.browser import CHROMIUM, LAUNCH_ARGS, MATCHING, VIEWPORT, serve, type_query  # noqa: E402

from bench_corpus import BenchEntry, entries, write_peerlog  # noqa: E402
from bench_doc import write_section  # noqa: E402

ENGINES = ("material", "pagefind")
#: Queries of each kind: 12 x 3 = 36 known items.
PER_KIND = 12
TIMEOUT_MS = 300_000
#: Material abbreviates large counts ("1.2k matching documents").
PAGEFIND_LOG = re.compile(r"Pagefind indexed (\d+) pages into ([\d.]+) MB in ([\d.]+) s")


@dataclass(frozen=True)
class Query:
    """A known-item query: its words, what kind of memory of the entry they are, the URL."""

    kind: str
    text: str
    url: str


@dataclass(frozen=True)
class Measured:
    """One engine's numbers (see the module's docstring for what each is)."""

    engine: str
    build_s: float
    index_s: float | None
    index_bytes: int
    index_gzip_bytes: int
    first_bytes: int
    first_requests: int
    load_to_results_s: float
    query_to_results_s: float
    recall: float
    missed: tuple[str, ...]


def known_items(corpus: list[BenchEntry]) -> list[Query]:
    """Three kinds of query a reader remembers an entry by, for entries picked at random:
    its title; six words running in its notes (a phrase nobody else wrote); and one of its
    attempts as worded, with its author's name."""
    rng = random.Random(13)
    picked = rng.sample(corpus, 3 * PER_KIND)
    queries = []
    for i, item in enumerate(picked):
        url = "entries/" + item.name.removesuffix(".md") + "/"
        if i < PER_KIND:
            queries.append(Query("title", item.title, url))
        elif i < 2 * PER_KIND:
            words = item.notes.replace(".", "").split()
            start = len(words) // 2
            queries.append(Query("notes phrase", " ".join(words[start:start + 6]), url))
        else:
            attempts: list[dict[str, str]] = item.front["attempts"]  # type: ignore[assignment]
            queries.append(Query("attempt + author",
                                 f"{attempts[0]['tried']} {item.front['author']}", url))
    return queries


def build(config: Path, site: Path) -> tuple[float, float | None]:
    """A real ``mkdocs build``: its wall time, and Pagefind's indexing time from its log."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config),
                           "-d", str(site)], capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{done.stderr[-3000:]}")
    indexed = PAGEFIND_LOG.search(done.stderr)
    return took, float(indexed.group(3)) if indexed else None


def index_files(site: Path, engine: str) -> list[Path]:
    """The index as it lies on disk (Pagefind's whole bundle, UI files it never loads too)."""
    if engine == "material":
        return [site / "search" / "search_index.json"]
    return [p for p in (site / "pagefind").rglob("*") if p.is_file()]


def ask(page: Page, query: str, site_url: str) -> list[str]:
    """Type ``query`` as a reader does; the first ten results' addresses, relative to the
    site."""
    type_query(page, query, TIMEOUT_MS)
    hrefs: list[str] = page.eval_on_selector_all(
        ".md-search-result__item > a:first-child",
        "links => links.slice(0, 10).map(a => a.href)")
    return [h.split("#")[0].split("?")[0].removeprefix(site_url) for h in hrefs]


def in_browser(site: Path, queries: list[Query]) -> tuple[int, int, float, float, float,
                                                         tuple[str, ...]]:
    """In a fresh Chromium: the first query's bytes, requests, seconds from the page load's
    start and from its last key press; then recall@10 and the queries missed, on the same
    page (one page load, as a reader who searches several times)."""
    sizes: list[int] = []

    def count(response: Response) -> None:
        try:
            sizes.append(len(response.body()))
        except Exception:  # a redirect or an aborted request has no body
            sizes.append(0)

    with serve(site) as url, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=LAUNCH_ARGS)
        context = chromium.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.on("response", count)
        started = time.perf_counter()
        page.goto(url, wait_until="load")
        box = page.locator("input.md-search__input")
        box.click()
        first = queries[0].text
        box.fill(first[:-1])
        typed = time.perf_counter()
        box.press(first[-1])
        expect(page.locator(".md-search-result__meta")).to_have_text(MATCHING,
                                                                      timeout=TIMEOUT_MS)
        shown = time.perf_counter()
        first_bytes, first_requests = sum(sizes), len(sizes)
        page.remove_listener("response", count)
        missed = tuple(f"{q.kind}: {q.text!r}" for q in queries
                       if q.url not in ask(page, q.text, url))
        chromium.close()
    recall = 1 - len(missed) / len(queries)
    return first_bytes, first_requests, shown - started, shown - typed, recall, missed


def measure(project: Path, engine: str, queries: list[Query]) -> Measured:
    """Build ``project`` with ``search: engine`` and measure it."""
    config = project / f"mkdocs-{engine}.yml"
    config.write_text((project / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "plugins: [search, peerlog]", f"plugins: [search, {{peerlog: {{search: {engine}}}}}]"),
        encoding="utf-8")
    site = project / f"site-{engine}"
    build_s, index_s = build(config, site)
    files = index_files(site, engine)
    on_disk = sum(p.stat().st_size for p in files)
    # Pagefind's chunks are gzip files already; Material's JSON is what a host would compress.
    gzipped = (sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
               if engine == "material" else on_disk)
    first_bytes, requests, load_s, query_s, recall, missed = in_browser(site, queries)
    return Measured(engine, build_s, index_s, on_disk, gzipped, first_bytes, requests, load_s,
                    query_s, recall, missed)


def report(n: int, rows: list[Measured], queries: list[Query], load: str) -> str:
    """The section of docs/benchmarks.md, as Markdown."""
    mib = 1024 * 1024
    lines = [
        f"Generated knowledge base of **{n:,} entries** (`scripts/bench_corpus.py`); "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Chromium headless; {date.today().isoformat()}; load average {load} "
        "(shared cores: wall times run above an idle machine's).",
        "",
        f"Command: `.venv/bin/python scripts/bench_search.py --entries {n} --write`",
        "",
        "| | Material (`search: material`) | Pagefind (`search: pagefind`) |",
        "| --- | ---: | ---: |",
    ]
    material, pagefind = rows

    def row(label: str, a: str, b: str) -> None:
        lines.append(f"| {label} | {a} | {b} |")

    row("build, wall seconds", f"{material.build_s:.1f}", f"{pagefind.build_s:.1f}")
    row("of which Pagefind's indexing, seconds", "-",
        f"{pagefind.index_s:.1f}" if pagefind.index_s is not None else "?")
    row("index on disk, MiB", f"{material.index_bytes / mib:.1f}",
        f"{pagefind.index_bytes / mib:.1f}")
    row("same, gzipped by the host (Pagefind's chunks are gzip files already), MiB",
        f"{material.index_gzip_bytes / mib:.1f}", f"{pagefind.index_gzip_bytes / mib:.1f}")
    row("**first query: bytes downloaded from opening the page to its results, MiB**",
        f"**{material.first_bytes / mib:.2f}**", f"**{pagefind.first_bytes / mib:.2f}**")
    row("same, had the host gzipped Material's index, MiB",
        f"{(material.first_bytes - material.index_bytes + material.index_gzip_bytes) / mib:.2f}",
        f"{pagefind.first_bytes / mib:.2f}")
    row("first query: requests", str(material.first_requests), str(pagefind.first_requests))
    row("**first query: page load start to results shown, seconds**",
        f"**{material.load_to_results_s:.2f}**", f"**{pagefind.load_to_results_s:.2f}**")
    row("first query: last key press to results shown, seconds",
        f"{material.query_to_results_s:.2f}", f"{pagefind.query_to_results_s:.2f}")
    row(f"**recall@10, {len(queries)} known-item queries**", f"**{material.recall:.2f}**",
        f"**{pagefind.recall:.2f}**")
    lines += ["", "Bytes are response bodies as served by Python's `http.server` (no compression; "
              "Pagefind's chunks are gzipped files already, Material's JSON is not). Known items: "
              f"{PER_KIND} titles, {PER_KIND} six-word phrases from the middle of the notes, "
              f"{PER_KIND} first attempts as worded plus the author's name; the first query is "
              f"the first title, {queries[0].text!r}. Most of Material's misses are "
              "peerlog's own doing: its playbook pages carry a search boost of 10 "
              "(`PLAYBOOK_SEARCH_BOOST`) and quote their entries' attempts, so for a known-item "
              "query they fill Material's first ten results (checked at 300 entries: ten "
              "playbooks for each of the first three titles); Pagefind boosts no page."]
    for measured in rows:
        if measured.missed:
            lines += ["", f"{measured.engine} missed:", ""]
            lines += [f"- {m}" for m in measured.missed]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    args = parser.parse_args(argv)
    corpus = entries(args.entries)
    queries = known_items(corpus)
    with tempfile.TemporaryDirectory(prefix="peerlog-bench-search-") as tmp:
        project = Path(tmp) / "peerlog"
        write_peerlog(project, corpus)
        rows = [measure(project, engine, queries) for engine in ENGINES]
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    text = report(args.entries, rows, queries, load)
    print(text)
    if args.write:
        write_section("search", text, "Search at scale (`scripts/bench_search.py`)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
