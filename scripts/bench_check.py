"""Time a pull request's check and preview build on a 10,000-entry journal, with and without the
main branch's parse cache.

The journal is `scripts/bench_corpus.py`'s, committed to `main` in a fresh git repository; the
branch `pr` then changes 3 entries, as a pull request would. Measured, each in its own process
as CI runs them:

- on `main`, `peerlog check --cache C` (the deploy job's run, which saves the cache);
- on `pr`, `peerlog check --changed-since main` without a cache, and with a copy of main's cache
  (`--cache`), whose output must be the same and which must parse exactly the 3 changed files;
- on `pr`, the preview: `mkdocs build --strict`.

    .venv/bin/python scripts/bench_check.py [--entries 10000] [--write]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_corpus import entries, write_peerlog
from bench_doc import DOCS, write_section

CHANGED = (1, 2, 3)
ISOLATED = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
            "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="peerlog-bench-check-") as tmp:
        base = Path(tmp)
        repo = base / "repo"
        corpus = entries(args.entries)
        write_peerlog(repo, corpus)
        git(repo, "init", "--quiet", "--initial-branch=main")
        git(repo, "add", "-A")
        git(repo, "commit", "--quiet", "-m", "The journal")
        main_cache = base / "main-cache"
        deploy_seconds, _ = timed(check_command(repo, "--cache", str(main_cache)))
        cache_bytes = (main_cache / "parsed.json").stat().st_size

        git(repo, "checkout", "--quiet", "-b", "pr")
        for number in CHANGED:
            path = repo / "journals" / corpus[number].name
            path.write_text(path.read_text(encoding="utf-8") + "\nTried it again.\n",
                            encoding="utf-8")
        git(repo, "commit", "--quiet", "-am", "Three entries changed")

        cold_seconds, cold = timed(check_command(repo, "--changed-since", "main"))
        warm_cache = base / "pr-cache"
        shutil.copytree(main_cache, warm_cache)
        warm_seconds, warm = timed(check_command(repo, "--changed-since", "main",
                                                 "--cache", str(warm_cache)))
        build_seconds, _ = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                                  "-f", str(repo / "mkdocs.yml"), "-d", str(base / "site")])
    cache_line = warm.splitlines()[-1]
    problems = [
        *([] if warm.splitlines()[:-1] == cold.splitlines() else
          ["the check with the cache printed other results than without it"]),
        *([] if f"{len(CHANGED)} files parsed" in cache_line else
          [f"the cached check did not parse exactly the changed files: {cache_line}"]),
    ]
    lines = report(args.entries, deploy_seconds, cold_seconds, warm_seconds, build_seconds,
                   cache_bytes, cache_line)
    print("\n".join(lines))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    if args.write:
        write_section("check", "\n".join(lines),
                      "A pull request's check (`scripts/bench_check.py`)")
        print(f"wrote {DOCS}")
    return 0


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, env={**os.environ, **ISOLATED})


def check_command(repo: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "peerlog", "--root", str(repo), "check", *args]


def timed(command: list[str]) -> tuple[tuple[float, float], str]:
    """Wall and CPU (user + system) seconds of one run, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command} failed:\n{done.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return (seconds, cpu), done.stdout + done.stderr


Run = tuple[float, float]


def report(
    n: int, deploy: Run, cold: Run, warm: Run, build: Run, cache_bytes: int, cache_line: str
) -> list[str]:
    load = os.getloadavg()[0]
    return [
        f"Measured {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}; load average {load:.1f} at the end (other work"
        " shared the cores). Each command once, in its own process, on a generated journal of"
        f" {n:,} entries (`scripts/bench_corpus.py`) in a git repository whose branch `pr`"
        f" changes {len(CHANGED)} entries.",
        "",
        "| What | Wall seconds | CPU seconds |",
        "| --- | ---: | ---: |",
        f"| on `main`: `peerlog check --cache C` (the deploy saves the cache) | {row(deploy)} |",
        f"| on `pr`: `peerlog check --changed-since main`, no cache | {row(cold)} |",
        f"| on `pr`: `peerlog check --changed-since main --cache C` (main's cache) | {row(warm)} |",
        f"| on `pr`: the preview, `mkdocs build --strict` | {row(build)} |",
        "",
        f"With main's cache ({cache_bytes / 2**20:.0f} MiB of JSON) the check parses only the"
        f" changed files (`{cache_line}`) and prints the same problems as without it:"
        f" {cold[1] - warm[1]:.1f} CPU seconds less ({cold[1] / warm[1]:.2f}x)."
        " What is left is reading and hashing every file, the"
        " cache itself, and the checks across entries (and playbooks), which need every entry."
        " The preview build does not use the cache.",
    ]


def row(run: Run) -> str:
    return f"{run[0]:.1f} | {run[1]:.1f}"


if __name__ == "__main__":
    sys.exit(main())
