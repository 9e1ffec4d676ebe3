"""Time `read_history` on a generated 20,000-commit repository against a plain `git log`.

The repository (about 300 authors, a mailmap, co-author trailers, renames, merges, bots and
about 10,000 journal files) is generated once with one `git fast-import` stream and reused
from the temp dir. The script checks every person's count against `git shortlog` and prints
the numbers; `--write` also rewrites its section of docs/benchmarks.md.

    .venv/bin/python scripts/bench_history.py [--repo DIR] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from bench_doc import DOCS, write_section
from peerlog.base.identity import bot_keys, decode_name, is_bot
from peerlog.base.text import slug
from peerlog.history.log import DEFAULT_BOTS, History, log_arguments, read_history

COMMITS = 20_000
AUTHORS = 3_000
SEED = 2026
GENERATOR = "v3"  # bump when the generated history changes, so cached repositories are rebuilt
START = 1_609_459_200  # 2021-01-01T00:00:00Z
FIRST = ["Ada", "Grace", "José", "Zoë", "Øystein", "Ngozi", "李", "Alan", "Radia", "Hedy",
         "Siobhán", "Jean-Luc", "Đặng", "Åsa", "Ólafur"]
LAST = ["Lovelace", "Hopper", "Núñez", "Müller", "Sørensen", "Okafor", "Turing", "Perlman",
        "O'Brien", "van der Berg", "Smith-Jones", "D'Souza", "Nguyễn", "Łukasiewicz", "明"]
MIDDLE = "BKMRTZ"  # 15 x 6 x 15 = 1,350 names; with a "Jr."/"(she/her)" variant, 4,050
TRAILER_KEYS = ("Co-authored-by", "co-authored-by", "CO-AUTHORED-BY")
BOT = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
T = TypeVar("T")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, help="where to keep the generated repository")
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    args = parser.parse_args(argv)
    repo = args.repo or Path(tempfile.gettempdir()) / f"peerlog-bench-history-{GENERATOR}"
    generated = ensure_repository(repo)
    rss_before = peak_rss_mib()

    history_seconds, history = best_of(3, lambda: read_history(repo, ["journals"]))
    git_seconds, _ = best_of(3, lambda: plain_git_log(repo))
    mismatches = shortlog_mismatches(repo, history)

    graph_run, graph = best_run(3, lambda: peerlog_graph(repo))
    peer_run, _ = best_run(3, lambda: graph_git_log(repo))
    plain_run, _ = best_run(3, lambda: plain_git_log(repo, "."))
    mismatches += graph_mismatches(repo, graph)
    lines = report(repo, history, history_seconds, git_seconds, rss_before, generated)
    lines += [
        "",
        "The whole command on the whole history, `peerlog graph --repo R --paths .` (JSON, Python"
        " start-up included), against the `git log` it runs (`history.log.log_arguments`: the"
        " mailmap, the co-author trailers, `-z --name-status -M`, oldest first) and a bare"
        " `git log --name-status -M --no-merges`, each in its own process (best of 3 by wall"
        " time; CPU is user + system of the process and its children, git's included):",
        "",
        "| What | Wall seconds | CPU seconds |",
        "| --- | ---: | ---: |",
        f"| `peerlog graph --paths .` | {graph_run[0]:.2f} | {graph_run[1]:.2f} |",
        f"| the graph's own `git log ... > /dev/null` | {peer_run[0]:.2f} | {peer_run[1]:.2f} |",
        f"| `git log --name-status -M --no-merges > /dev/null` | {plain_run[0]:.2f} |"
        f" {plain_run[1]:.2f} |",
        f"| **Ratio to the graph's own `git log`** | **{graph_run[0] / peer_run[0]:.2f}x** |"
        f" {graph_run[1] / peer_run[1]:.2f}x |",
        f"| Ratio to the bare `git log` | {graph_run[0] / plain_run[0]:.2f}x |"
        f" {graph_run[1] / plain_run[1]:.2f}x |",
        "",
        f"Load average {os.getloadavg()[0]:.1f} at the end. Its {len(graph['nodes']):,} nodes'"
        " commit counts equal `git shortlog -sn --no-merges HEAD` for every person.",
    ]
    print("\n".join(lines))
    if mismatches:
        print("\n".join(["git shortlog disagrees:", *mismatches]), file=sys.stderr)
        return 1
    authors = sum(1 for person in history.people.values() if person.commits)
    lines.append(
        f"`git shortlog -sn --no-merges -- journals` agrees with every count:"
        f" {history.commits:,} commits by {authors} authors."
    )
    print(lines[-1])
    if args.write:
        write_section("history", "\n".join(lines),
                      "Reading git history (`scripts/bench_history.py`)")
        print(f"wrote {DOCS}")
    return 0


def ensure_repository(repo: Path) -> bool:
    """Generate the repository unless a finished one is already there; True if generated."""
    marker = repo / ".git" / "peerlog-bench-complete"
    if marker.exists():
        return False
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    run(repo, "init", "--quiet", "--initial-branch=main")
    with tempfile.TemporaryFile() as stream:
        stream.writelines(fast_import_stream(random.Random(SEED)))
        stream.seek(0)
        subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, stdin=stream, check=True)
    run(repo, "reset", "--quiet", "--hard")
    marker.write_text("complete\n")
    return True


class Generator:
    """Builds the fast-import stream commit by commit, keeping only the journal file names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.mark = 0
        self.when = START
        self.files: list[str] = []
        self.serial = 0
        names = [
            f"{first} {middle}. {last}{suffix}"
            for first in FIRST for middle in MIDDLE for last in LAST
            for suffix in ("", " Jr.", " (she/her)")
        ]
        self.people = [(name, f"{slug(name)}@example.com") for name in rng.sample(names, AUTHORS)]
        self.weights = [1 / (rank + 1) ** 0.8 for rank in range(AUTHORS)]
        # Every seventh person also committed as "A. Hopper" with an old email: only the
        # mailmap (by email) tells these apart and joins them to their full names.
        self.old = {
            i: (f"{name[0]}. {name.rpartition(' ')[2]}", f"{slug(name)}@old.example")
            for i, (name, _) in enumerate(self.people)
            if i % 7 == 0
        }

    def mailmap(self) -> str:
        return "".join(
            f"{self.people[i][0]} <{self.people[i][1]}> <{old_email}>\n"
            for i, (_, old_email) in self.old.items()
        )

    def person(self) -> tuple[str, str]:
        (index,) = self.rng.choices(range(AUTHORS), self.weights)
        if index in self.old and self.rng.random() < 0.3:
            return self.old[index]
        return self.people[index]

    def new_path(self) -> str:
        self.serial += 1
        year = 2021 + self.serial % 5
        accent = "café-" if self.serial % 50 == 0 else ""
        return f"journals/{year}/{self.serial % 12 + 1:02}/{accent}entry-{self.serial}.md"

    def commit(
        self,
        branch: str,
        author: tuple[str, str],
        message: str,
        changes: list[str],
        parents: tuple[int, ...] = (),
    ) -> Iterator[bytes]:
        self.mark += 1
        self.when += self.rng.randint(60, 4 * 3600)
        who = f"{author[0]} <{author[1]}> {self.when} +0000"
        text = message.encode()
        yield f"commit refs/heads/{branch}\nmark :{self.mark}\n".encode()
        yield f"author {who}\ncommitter {who}\ndata {len(text)}\n".encode() + text + b"\n"
        if parents:
            yield f"from :{parents[0]}\n".encode()
            yield "".join(f"merge :{parent}\n" for parent in parents[1:]).encode()
        yield "".join(changes).encode() + b"\n"

    def message(self, author: tuple[str, str]) -> str:
        text = f"Journal notes {self.mark + 1}"
        if self.rng.random() < 0.15:
            coauthors = sorted({self.person() for _ in range(self.rng.randint(1, 2))} - {author})
            key = self.rng.choice(TRAILER_KEYS)
            text += "\n\n" + "\n".join(f"{key}: {name} <{email}>" for name, email in coauthors)
        return text

    def change(self) -> str:
        """One random operation on the journals (or elsewhere), as fast-import lines."""
        roll = self.rng.random()
        if roll < 0.53 or len(self.files) < 10:
            path = self.new_path()
            self.files.append(path)
            return inline(path, f"# Entry {self.serial}\n\nTried a prompt; it worked.\n")
        index = self.rng.randrange(len(self.files))
        path = self.files[index]
        if roll < 0.83:
            return inline(path, f"# Entry\n\nUpdated in commit {self.mark + 1}.\n")
        if roll < 0.88:
            self.files[index] = self.new_path()
            return f'R "{path}" "{self.files[index]}"\n'
        if roll < 0.91:
            self.files[index] = self.files[-1]
            self.files.pop()
            return f'D "{path}"\n'
        return inline("docs/notes.md", f"Site notes, commit {self.mark + 1}\n")


def inline(path: str, content: str) -> str:
    data = content.encode()
    return f'M 100644 inline "{path}"\ndata {len(data)}\n{content}\n'


def fast_import_stream(rng: random.Random) -> Iterator[bytes]:
    """20,000 commits: mostly linear, a merged three-commit branch every 500, 1% by a bot."""
    gen = Generator(rng)
    yield from gen.commit("main", gen.people[0], "Start", [inline(".mailmap", gen.mailmap())])
    while gen.mark < COMMITS:
        if gen.mark % 500 == 0:
            fork = gen.mark
            side: list[str] = []
            for _ in range(3):
                path = gen.new_path()
                side.append(inline(path, "# Side entry\n"))
                author = gen.person()
                parents = () if len(side) > 1 else (fork,)  # then the side branch continues
                yield from gen.commit("side", author, gen.message(author), side[-1:], parents)
                gen.files.append(path)
            # fast-import does not merge trees: the merge commit carries the side's files.
            yield from gen.commit("main", gen.people[0], "Merge side", side, (fork, gen.mark))
            continue
        author = BOT if rng.random() < 0.01 else gen.person()
        yield from gen.commit("main", author, gen.message(author), [gen.change()])


def run(cwd: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True).stdout


def graph_git_log(repo: Path) -> None:
    """The very `git log` that `peerlog graph --paths .` reads, output thrown away."""
    subprocess.run(["git", *log_arguments(())], cwd=repo, check=True,
                   stdout=subprocess.DEVNULL)


def best_run(times: int, work: Callable[[], T]) -> tuple[tuple[float, float], T]:
    """(wall, CPU) seconds of the fastest of `times` runs of a subprocess, and its result; CPU
    is the children's user + system time (git's, and the peerlog process's with its git)."""
    runs: list[tuple[tuple[float, float], T]] = []
    for _ in range(times):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = work()
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        runs.append(((wall, cpu), result))
    return min(runs, key=lambda run: run[0])


def plain_git_log(repo: Path, path: str = "journals") -> None:
    subprocess.run(
        ["git", "log", "--name-status", "-M", "--no-merges", "--", path],
        cwd=repo,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def best_of(times: int, work: Callable[[], T]) -> tuple[float, T]:
    timings: list[float] = []
    for _ in range(times):
        start = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - start)
    return min(timings), result


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def shortlog_counts(repo: Path, path: str) -> dict[str, int]:
    """`git shortlog -sn --no-merges HEAD -- path` by person id, bots left out.

    No pathspec for "." (the whole history): even `-- .` simplifies history, as peerlog does not.
    """
    keys = bot_keys(DEFAULT_BOTS)
    expected: dict[str, int] = {}
    pathspec = () if path == "." else ("--", path)
    for line in run(repo, "shortlog", "-sn", "--no-merges", "HEAD", *pathspec).splitlines():
        count, _, raw = line.strip().partition(b"\t")
        name = decode_name(raw)
        if not is_bot(name, "", keys):
            expected[slug(name)] = expected.get(slug(name), 0) + int(count)
    return expected


def shortlog_mismatches(repo: Path, history: History) -> list[str]:
    """Every (non-bot) person's count must be what `git shortlog -sn --no-merges` says."""
    return compare(shortlog_counts(repo, "journals"),
                   {p.id: p.commits for p in history.people.values() if p.commits})


def peerlog_graph(repo: Path) -> dict[str, Any]:
    """The real command, in its own process, as a person would run it."""
    done = subprocess.run([sys.executable, "-m", "peerlog", "graph", "--repo", str(repo),
                           "--paths", "."], capture_output=True, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def graph_mismatches(repo: Path, graph: dict[str, Any]) -> list[str]:
    return compare(shortlog_counts(repo, "."),
                   {n["id"]: n["commits"] for n in graph["nodes"] if n["commits"]})


def compare(expected: dict[str, int], actual: dict[str, int]) -> list[str]:
    return [
        f"  {person}: git {expected.get(person)}, peerlog {actual.get(person)}"
        for person in sorted(expected.keys() | actual.keys())
        if expected.get(person) != actual.get(person)
    ]


def report(
    repo: Path,
    history: History,
    history_seconds: float,
    git_seconds: float,
    rss_before: float,
    generated: bool,
) -> list[str]:
    commits = int(run(repo, "rev-list", "--count", "HEAD"))
    git_version = run(repo, "--version").decode().strip().removeprefix("git version ")
    pairs = sum(history.coauthored.values())
    return [
        f"Measured {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}, git {git_version}"
        f"{' (repository generated in this run)' if generated else ''}.",
        "",
        f"Repository: {commits:,} commits, {len(history.people)} people after the mailmap,"
        f" {len(history.files):,} journal files, {pairs:,} co-authored (author, co-author)"
        " commit pairs.",
        "",
        "| What (best of 3) | Seconds |",
        "| --- | ---: |",
        f'| `read_history(repo, ["journals"])` | {history_seconds:.2f} |',
        f"| `git log --name-status -M --no-merges -- journals > /dev/null` | {git_seconds:.2f} |",
        f"| Ratio | {history_seconds / git_seconds:.2f}x |",
        "",
        f"Peak RSS of the Python process: {peak_rss_mib():.0f} MiB"
        f" ({rss_before:.0f} MiB before reading history).",
    ]


if __name__ == "__main__":
    sys.exit(main())
