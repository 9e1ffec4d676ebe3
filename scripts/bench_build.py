#!/usr/bin/env python3
"""Build the same entries three ways, interleaved: peerlog, plain MkDocs, Material's blog.

For each size N, the corpus of ``scripts/bench_corpus.py`` is written as a peerlog project, as
plain MkDocs + Material pages (search on, entries out of the nav) and as a Material blog with
the tags plugin (categories = problem types); then the three are built one after the other,
each by a fresh ``mkdocs build`` subprocess that reports its own peak RSS, so that a noisy
machine slows all three alike and the ratios hold. Reported per build: wall time, peak memory,
site size, HTML pages, the bytes a reader downloads to search (Material's index and its search
worker; a Pagefind index's first query when the site has one and ``scripts/bench_search.py``
can measure it), ratios to plain and to the blog, and peerlog's own stages as timed inside its
build (``PEERLOG_TIMINGS``), with seconds per 1,000 entries to show they grow linearly.

A build that fails is reported with its last error line; the other builds go on. Prints only,
unless ``--write`` rewrites this script's section of docs/benchmarks.md.

    .venv/bin/python scripts/bench_build.py --sizes 1000,5000,10000 --write
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import WRITERS, entries
from bench_doc import write_section

ROOT = Path(__file__).resolve().parent.parent
#: The order each size is built in: the baseline first, then peerlog, then the blog.
KINDS = ("plain", "peerlog", "blog")
# The child builds, then prints its own peak RSS (KiB on Linux) and CPU seconds as its last
# line on stderr: CPU time is what a loaded machine inflates least.
BUILD = ("import resource, sys; from mkdocs.__main__ import cli; sys.argv = "
         "['mkdocs', 'build', '-q', '-f', sys.argv[1], '-d', sys.argv[2]];\n"
         "try:\n    cli()\nexcept SystemExit as stop:\n    code = stop.code\nelse:\n    code = 0\n"
         "use = resource.getrusage(resource.RUSAGE_SELF)\n"
         "print(use.ru_maxrss, use.ru_utime + use.ru_stime, file=sys.stderr)\n"
         "sys.exit(code)")


@dataclass
class Build:
    """One build's measurements, or why it failed (``error``)."""

    kind: str
    n: int
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    rss_mib: float = 0.0
    site_mib: float = 0.0
    pages: int = 0
    search_mib: float = 0.0
    pagefind_mib: float | None = None
    stages: dict[str, float] = field(default_factory=dict)
    error: str = ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000",
                        help="comma-separated entry counts (default: %(default)s)")
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    load_before = os.getloadavg()
    builds: list[Build] = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"peerlog-bench-build-{n}-") as tmp:
            progress(f"N={n:,}: writing the corpus three ways")
            corpus = entries(n)
            configs = {kind: WRITERS[kind](Path(tmp) / kind, corpus) for kind in KINDS}
            for kind in KINDS:
                progress(f"N={n:,}: building {kind}")
                builds.append(build(kind, n, configs[kind]))
                progress(f"N={n:,}: {kind} " + (builds[-1].error or
                         f"{builds[-1].seconds:.1f} s, {builds[-1].rss_mib:.0f} MiB"))
    text = report(builds, load_before, os.getloadavg(), argv if argv is not None else sys.argv[1:])
    print(text)
    if args.write:
        write_section("build", text)
    return 0 if not any(b.error for b in builds) else 1


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def build(kind: str, n: int, config: Path) -> Build:
    """Build ``config`` in a fresh interpreter and measure it and its site."""
    site = config.parent / "site"
    timings = config.parent / "timings.json"
    timings.unlink(missing_ok=True)  # an earlier build's
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PEERLOG_TIMINGS": str(timings)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", BUILD, str(config), str(site)],
                          capture_output=True, text=True, env=env, check=False)
    result = Build(kind, n, seconds=time.perf_counter() - started)
    lines = done.stderr.strip().splitlines()
    usage = lines[-1].split() if lines else []
    if done.returncode != 0 or len(usage) != 2 or not usage[0].isdigit():
        result.error = f"failed (exit {done.returncode}): " + (
            next((line for line in reversed(lines[:-1]) if line.strip()), "no output"))[:200]
        return result
    result.rss_mib, result.cpu_seconds = int(usage[0]) / 1024, float(usage[1])
    files = [p for p in site.rglob("*") if p.is_file()]
    result.site_mib = sum(p.stat().st_size for p in files) / 2**20
    result.pages = sum(1 for p in files if p.suffix == ".html")
    result.search_mib = search_bytes(site) / 2**20
    pagefind = pagefind_index_bytes(site)
    result.pagefind_mib = None if pagefind is None else pagefind / 2**20
    if timings.exists():
        result.stages = json.loads(timings.read_text(encoding="utf-8"))
    return result


def search_bytes(site: Path) -> int:
    """What Material's search downloads before it answers: its index and its web worker."""
    index = site / "search" / "search_index.json"
    workers = site / "assets" / "javascripts" / "workers"
    return sum(p.stat().st_size for p in [index, *workers.glob("search*.js")] if p.exists())


def pagefind_index_bytes(site: Path) -> int | None:
    """The size of the site's Pagefind index, if it has one. A reader fetches only a query's
    chunks of it: ``scripts/bench_search.py`` measures that in Chromium (section above)."""
    folder = site / "pagefind"
    if not folder.is_dir():
        return None
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def report(builds: list[Build], load_before: tuple[float, float, float],
           load_after: tuple[float, float, float], argv: list[str]) -> str:
    """The Markdown section: machine and load, one table of builds, one of peerlog's stages."""
    def load(avg: tuple[float, float, float]) -> str:
        return " / ".join(f"{x:.2f}" for x in avg)

    lines = [
        f"Run {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} on "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average (1/5/15 min) {load(load_before)} before and {load(load_after)} after; "
        f"`python scripts/bench_build.py {shlex.join(argv)}`.",
        "",
        "| N | build | seconds | CPU seconds | peak RSS (MiB) | site (MiB) | pages "
        "| Material search download (MiB) | Pagefind index (MiB) | time / plain | CPU / plain "
        "| memory / plain | time / blog | CPU / blog | memory / blog |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: | ---: |",
    ]
    by = {(b.n, b.kind): b for b in builds}
    for b in builds:
        if b.error:
            lines.append(f"| {b.n:,} | {b.kind} | {b.error} | | | | | | | | | | | |")
            continue
        plain, blog = by.get((b.n, "plain")), by.get((b.n, "blog"))
        pagefind = "-" if b.pagefind_mib is None else f"{b.pagefind_mib:.1f}"
        lines.append(
            f"| {b.n:,} | {b.kind} | {b.seconds:.1f} | {b.cpu_seconds:.1f} | {b.rss_mib:.0f} "
            f"| {b.site_mib:.1f} "
            f"| {b.pages:,} | {b.search_mib:.1f} | {pagefind} "
            f"| {ratio(b, plain, 'seconds')} | {ratio(b, plain, 'cpu_seconds')} "
            f"| {ratio(b, plain, 'rss_mib')} | {ratio(b, blog, 'seconds')} "
            f"| {ratio(b, blog, 'cpu_seconds')} | {ratio(b, blog, 'rss_mib')} |")
    ours = [b for b in builds if b.kind == "peerlog" and b.stages]
    if ours:
        names = list(dict.fromkeys(name for b in ours for name in b.stages))
        lines += [
            "",
            "peerlog's own stages inside its build: seconds, and seconds per 1,000 entries "
            "(flat when a stage grows linearly with N).",
            "",
            "| stage | " + " | ".join(f"N = {b.n:,}" for b in ours) + " |",
            "| --- |" + " ---: |" * len(ours),
            *(f"| {name} | " + " | ".join(
                f"{b.stages.get(name, 0):.2f} ({b.stages.get(name, 0) / b.n * 1000:.2f})"
                for b in ours) + " |" for name in names),
            "| **all stages** | " + " | ".join(
                f"**{sum(b.stages.values()):.2f}** ({sum(b.stages.values()) / b.n * 1000:.2f})"
                for b in ours) + " |",
            "| share of the build | " + " | ".join(
                f"{sum(b.stages.values()) / b.seconds:.0%}" for b in ours) + " |",
        ]
    return "\n".join(lines)


def ratio(build: Build, base: Build | None, measure: str) -> str:
    if base is None or base.error or base is build or not getattr(base, measure):
        return ""
    return f"{getattr(build, measure) / getattr(base, measure):.2f}x"


if __name__ == "__main__":
    sys.exit(main())
