#!/usr/bin/env python3
"""Time an edit under ``mkdocs serve --dirty``: from saving an entry to its new text in Chromium.

Writes the benchmark corpus (``scripts/bench_corpus.py``) as a git repository, serves it on a
free port, opens the edited entry's page in headless Chromium and, for each edit, changes the
entry's title and notes on disk and waits until the page (reloaded by livereload) shows the
new title. Reports the initial build, each edit's time (median), and what MkDocs and peerlog
said of each rebuild. ``--plain`` times one edit under plain ``mkdocs serve`` as well;
``--profile`` profiles one rebuild in-process and names where its time goes. ``--write``
rewrites this script's section of docs/benchmarks.md.

    .venv/bin/python scripts/bench_serve.py --entries 2000 --profile --write
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench_corpus import entries, write_peerlog
from bench_doc import write_section

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
EDITED = 5
#: The rebuild's phases in a profile: the module (path suffix) and function that is each one.
PHASES = {
    "peerlog: gather (all of the below to pulse)": "pipeline.py:gather",
    "  read the journals (parse cache: changed files only)": "journals.py:load_journal",
    "  git history (cached by HEAD)": "log.py:cached_read_history",
    "  model (topics, problem types)": "model.py:build",
    "  playbooks (approach grouping)": "playbooks.py:build_playbooks",
    "  people": "people.py:build_people",
    "  pulse": "pulse.py:build_pulse",
    "  checks across entries": "checks.py:cross_check",
    "peerlog: render_site (all of the below)": "pages.py:render_site",
    "  pages not in the render cache": "pages.py:make",
    "  feeds": "feeds.py:feeds",
    "  peerlog.json": "export.py:export",
    "  learning records": "record.py:learning_records",
    "  related entries": "related.py:related_entries",
    "  who to ask": "expertise.py:who_to_ask",
    "  the graph page": "pages.py:_graph_data",
    "MkDocs: write the pages that changed (Material's template)": "build.py:_build_page",
    "MkDocs: render Markdown of the pages that changed": "build.py:_populate_page",
    "MkDocs: Material's templates compiled again (a new theme each build)":
        "environment.py:compile",
    "MkDocs: sitemap and 404 page (every page, every build)": "build.py:_build_theme_template",
    "Material search: index the rebuilt pages": "plugin.py:add_entry_from_context",
}
LINE = re.compile(r"peerlog: ([\d,]+) of ([\d,]+) generated pages and files changed")
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--plain", action="store_true", help="also time plain `mkdocs serve`")
    parser.add_argument("--profile", action="store_true", help="profile one dirty rebuild")
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="peerlog-bench-serve-") as tmp:
        root = Path(tmp) / "kb"
        corpus = entries(args.entries)
        write_peerlog(root, corpus)
        git(root, "init", "--quiet")
        git(root, "add", "--all")
        git(root, "commit", "--quiet", "--message", "corpus")
        entry = root / "journals" / corpus[EDITED].name
        url = "entries/" + corpus[EDITED].name.removesuffix(".md") + "/"
        rows = [serve(root, entry, url, ["--dirty"], args.edits)]
        if args.plain:
            rows.append(serve(root, entry, url, [], 1))
        phases = profile(root, entry) if args.profile else {}
    text = report(args, rows, phases, load_before, os.getloadavg())
    print(text)
    if args.write:
        write_section("serve", text, "An edit under `mkdocs serve` (`scripts/bench_serve.py`)")
    return 0


def git(root: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | GIT_ENV
    subprocess.run(["git", *args], cwd=root, env=env, check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def edit(entry: Path, number: int) -> str:
    """Give the entry a new title and a new first line of notes; return the new title."""
    title = f"Edited title {number} {time.time_ns()}"
    text = re.sub(r'"title": "[^"]*"', f'"title": "{title}"', entry.read_text("utf-8"), count=1)
    entry.write_text(text.replace("## Notes\n\n", f"## Notes\n\nEdit {number}.\n\n", 1), "utf-8")
    return title


def serve(root: Path, entry: Path, url: str, flags: list[str], edits: int) -> dict[str, object]:
    """Serve, open the entry's page, edit it ``edits`` times; seconds to the first page and
    for each edit, with MkDocs' build times and peerlog's count of changed outputs."""
    port = free_port()
    log_path = root.parent / f"serve{''.join(flags)}.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    started = time.perf_counter()
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *flags],
            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        while b"Serving on" not in log_path.read_bytes():
            if server.poll() is not None:
                raise SystemExit(log_path.read_text("utf-8"))
            time.sleep(0.2)
        first = time.perf_counter() - started
        times = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/{url}")
            for number in range(edits):
                settle(log_path)
                saved = time.perf_counter()
                title = edit(entry, number)
                page.wait_for_function("t => document.body.innerText.includes(t)", arg=title,
                                       timeout=900_000, polling=50)
                times.append(time.perf_counter() - saved)
            settle(log_path)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log_path.read_text("utf-8")
    return {"mode": "mkdocs serve " + " ".join(flags), "first": first, "edits": times,
            "built": [float(s) for s in BUILT.findall(text)][1:],
            "changed": [(m[0], m[1]) for m in LINE.findall(text)][1:]}


def settle(log_path: Path) -> None:
    """Wait until every build the server started has finished."""
    while True:
        text = log_path.read_text("utf-8")
        if text.count("Building documentation") == text.count("Documentation built"):
            return
        time.sleep(0.1)


def profile(root: Path, entry: Path) -> dict[str, float]:
    """Seconds of each phase of one ``--dirty`` rebuild after an edit, under cProfile (which
    slows Python code down, so the phases matter more than the total)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = root.parent / "profile-site"
    os.chdir(root)

    def config():  # type: ignore[no-untyped-def]
        loaded = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
        loaded.site_url = "http://127.0.0.1:8000/"
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    build(first, serve_url=first.site_url, dirty=True)
    edit(entry, 99)
    again = config()
    profiler = cProfile.Profile()
    profiler.enable()
    build(again, serve_url=again.site_url, dirty=True)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = max(cum for _, _, _, cum, _ in stats.values())
    found = {}
    for name, where in PHASES.items():
        path, function = where.split(":")
        found[name] = sum(cum for (file, _, func), (_, _, _, cum, _) in stats.items()
                          if func == function and file.endswith("/" + path))
    return {"whole rebuild": total, **found}


def report(args: argparse.Namespace, rows: list[dict[str, object]], phases: dict[str, float],
           load_before: tuple[float, float, float], load_after: tuple[float, float, float]) -> str:
    lines = [
        f"Measured {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores "
        f"(shared), Python {platform.python_version()}; load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after. Corpus: "
        f"`scripts/bench_corpus.py`, **{args.entries:,} entries**, committed to git.",
        "",
        f"Command: `.venv/bin/python scripts/bench_serve.py --entries {args.entries}"
        f" --edits {args.edits}{' --plain' if args.plain else ''}"
        f"{' --profile' if args.profile else ''}{' --write' if args.write else ''}`",
        "",
        "| serve | first page (s) | edit to browser, median (s) | each edit (s) "
        "| MkDocs' build (s) | generated outputs rewritten |",
        "| --- | ---: | ---: | --- | --- | --- |",
    ]
    for row in rows:
        edits = row["edits"]
        assert isinstance(edits, list)
        built = row["built"]
        assert isinstance(built, list)
        changed = row["changed"]
        assert isinstance(changed, list)
        lines.append(
            f"| `{str(row['mode']).strip()}` | {row['first']:.1f} | "
            f"{statistics.median(edits):.2f} | {', '.join(f'{t:.2f}' for t in edits)} | "
            f"{', '.join(f'{t:.2f}' for t in built)} | "
            f"{', '.join(f'{c} of {n}' for c, n in changed) or 'all'} |")
    if phases:
        lines += ["", "One `--dirty` rebuild after an edit, under cProfile (seconds, "
                  "overlapping: a phase includes what it calls):", "",
                  "| phase | seconds |", "| --- | ---: |",
                  *(f"| {name.replace('  ', '&emsp;')} | {seconds:.2f} |"
                    for name, seconds in phases.items())]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
