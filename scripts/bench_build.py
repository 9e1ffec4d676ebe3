#!/usr/bin/env python3
"""Build a generated knowledge base of N entries and compare it with a plain MkDocs build.

Peer in the same run: the same entries as ordinary pages in ``docs/`` (kept out of the nav, as
peerlog keeps them) built by MkDocs and Material without peerlog. Reported: wall time, peak
memory, site size, their ratios, the per-phase cost of peerlog's own pipeline, and how much a
``mkdocs serve`` rebuild saves through the parse cache. ``--write`` rewrites this script's
section of docs/benchmarks.md.

    .venv/bin/python scripts/bench_build.py --entries 10000 --write
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from peerlog.config import load_settings
from peerlog.knowledge import model
from peerlog.knowledge.people import build_people
from peerlog.knowledge.playbooks import build_playbooks
from peerlog.read import journals
from peerlog.render.pages import render_site

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- bench:build:start -->", "<!-- bench:build:end -->"
SEED = 2026
T = TypeVar("T")

VERBS = ["asked for", "requested", "told it to give", "had it produce", "tried getting"]
THINGS = ["the whole table as JSON", "a CSV export", "one example row first", "a summary per page",
          "bullet points", "a step-by-step plan", "citations with links", "a SQL query",
          "a formula with named ranges", "a reply in our tone", "a glossary first",
          "smaller chunks", "a checklist", "the raw OCR text", "a second pass to check"]
RESULTS = ["worked", "failed", "partial"]
BUILD = ("import resource, sys; from mkdocs.__main__ import cli; sys.argv = "
         "['mkdocs', 'build', '-q', '-f', sys.argv[1], '-d', sys.argv[2]];\n"
         "try:\n    cli()\nexcept SystemExit:\n    pass\n"
         "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="peerlog-bench-build-") as tmp:
        base = Path(tmp)
        kb, peer = base / "kb", base / "peer"
        generate(kb, peer, args.entries)
        phases = pipeline_phases(kb)
        ours = build(kb)
        theirs = build(peer)
    rows = report(args.entries, ours, theirs, phases)
    print(rows)
    if args.write:
        write_section(rows)
    return 0


def generate(kb: Path, peer: Path, n: int) -> None:
    """``n`` entries for peerlog, and the same notes as plain pages for the peer build."""
    rng = random.Random(SEED)
    people = [f"person{i}" for i in range(max(10, n // 30))]
    tags = [f"tag{i}" for i in range(max(20, n // 50))]
    problems = [f"problem-{i}" for i in range(max(5, n // 300))]
    for folder in (kb / "docs", kb / "journals", peer / "docs"):
        folder.mkdir(parents=True)
    for root in (kb, peer):
        (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (kb / "mkdocs.yml").write_text(
        "site_name: bench\ntheme: {name: material}\nplugins: [search, peerlog]\n"
        "nav: [index.md]\nvalidation: {nav: {omitted_files: info}}\n", encoding="utf-8")
    (peer / "mkdocs.yml").write_text(
        "site_name: bench\ntheme: {name: material}\nplugins: [search]\nnav: [index.md]\n"
        "validation: {nav: {omitted_files: info}}\n", encoding="utf-8")
    start = date(2024, 1, 1)
    for i in range(n):
        day = start + timedelta(days=rng.randrange(900))
        attempts = [(rng.choice(VERBS) + " " + rng.choice(THINGS), rng.choice(RESULTS))
                    for _ in range(rng.randint(1, 4))]
        notes = " ".join(rng.choice(THINGS) for _ in range(40))
        front = {
            "title": f"Entry {i}: {rng.choice(THINGS)}",
            "date": day.isoformat(),
            "author": rng.choice(people),
            "tags": rng.sample(tags, 3),
            "problem": rng.choice(problems),
            "pair": [rng.choice(people)],
            "learned_from": [rng.choice(people)],
            "outcome": rng.choice(["solved", "partial", "unsolved"]),
            "attempts": [{"tried": t, "result": r} for t, r in attempts],
        }
        body = f"## Notes\n\n{notes}\n\n- tried {rng.choice(THINGS)} -> {rng.choice(RESULTS)}\n"
        name = f"{day.year}/{day.isoformat()}-{i}.md"
        path = kb / "journals" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text("---\n" + json.dumps(front) + "\n---\n" + body, encoding="utf-8")
        page = peer / "docs" / "entries" / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# {front['title']}\n\n{body}", encoding="utf-8")


def best(n: int, run: Callable[[], T]) -> tuple[float, T]:
    times, result = [], None
    for _ in range(n):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return min(times), result  # type: ignore[return-value]


def pipeline_phases(kb: Path) -> dict[str, float]:
    """Seconds per phase of peerlog's own work (no MkDocs), cold and with a warm parse cache."""
    journals._CACHE.clear()
    cold, journal = best(1, lambda: journals.load_journal(kb, "journals"))
    warm, _ = best(3, lambda: journals.load_journal(kb, "journals"))
    t_model, kb_model = best(3, lambda: model.build(journal.entries))
    t_playbooks, playbooks = best(1, lambda: build_playbooks(kb_model.problems, []))
    t_people, people = best(3, lambda: build_people(kb_model.entries))
    t_render, _ = best(1, lambda: render_site(kb_model, playbooks, people,
                                                    load_settings(kb), today=date.today()))
    return {"parse (cold)": cold, "parse (warm cache, serve rebuild)": warm, "model": t_model,
            "playbooks (grouping)": t_playbooks, "people": t_people, "render": t_render}


def build(project: Path) -> dict[str, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    site = project / "site"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", BUILD, str(project / "mkdocs.yml"), str(site)],
                          capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    rss_kib = int(done.stderr.strip().splitlines()[-1])
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.suffix == ".html")
    size = sum(p.stat().st_size for p in files)
    return {"seconds": seconds, "rss_mib": rss_kib / 1024, "site_mib": size / 2**20,
            "pages": pages, "kib_per_page": size / 1024 / max(pages, 1)}


def report(n: int, ours: dict[str, float], theirs: dict[str, float],
           phases: dict[str, float]) -> str:
    lines = [
        f"Generated knowledge base of **{n:,} entries**; machine: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {date.today().isoformat()}.",
        "",
        "| build | seconds | peak RSS (MiB) | site (MiB) | pages | KiB per page |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in (("peerlog (entries + topic, problem, playbook, people pages)", ours),
                    ("plain MkDocs + Material, same entries as docs pages", theirs)):
        lines.append(f"| {name} | {r['seconds']:.1f} | {r['rss_mib']:.0f} | {r['site_mib']:.1f} "
                     f"| {r['pages']:,.0f} | {r['kib_per_page']:.1f} |")
    lines += [
        f"| **ratio peerlog / plain** | **{ours['seconds'] / theirs['seconds']:.2f}x** | "
        f"**{ours['rss_mib'] / theirs['rss_mib']:.2f}x** | "
        f"**{ours['site_mib'] / theirs['site_mib']:.2f}x** | | "
        f"**{ours['kib_per_page'] / theirs['kib_per_page']:.2f}x** |",
        "",
        "peerlog's own pipeline, without MkDocs (best of 1-3 runs):",
        "",
        "| phase | seconds |",
        "| --- | ---: |",
        *(f"| {k} | {v:.3f} |" for k, v in phases.items()),
        "",
        f"A `mkdocs serve` rebuild re-parses nothing unchanged: warm parse is "
        f"{phases['parse (cold)'] / max(phases['parse (warm cache, serve rebuild)'], 1e-9):.0f}x "
        "faster than cold.",
    ]
    return "\n".join(lines)


def write_section(text: str) -> None:
    current = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    section = f"{BEGIN}\n## Building the site\n\n{text}\n{END}"
    if BEGIN in current:
        head, rest = current.split(BEGIN, 1)
        current = head + section + rest.split(END, 1)[1]
    else:
        current = current.rstrip() + "\n\n" + section + "\n"
    DOCS.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
