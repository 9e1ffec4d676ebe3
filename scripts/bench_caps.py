"""Time and peak memory of the worst input at each cap on contributor input, and just past it.

Every loop over what a pull request brings is capped and every regex over it is linear; this
measures the worst case we know for each, against a linear reference measured in the same run:
the same function on a tenth of the input (a ratio near 10 is linear, near 100 quadratic), or
a plain `str.count` over the same text (the ratio is then a constant factor, and stays flat
as the input grows). Peak memory is traced (tracemalloc) in a second, untimed run. Prints a
Markdown table; `--write` also rewrites its own section of docs/benchmarks.md.

    .venv/bin/python scripts/bench_caps.py [--write] [--only WORD]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench_doc import write_section
from peerlog.base import identity, text
from peerlog.knowledge import checks, grouping
from peerlog.read import entries, frontmatter, schema

TITLE = "The worst case at each cap (`scripts/bench_caps.py`)"
MB = 1_000_000
FRONT = "---\ntitle: Worst case\n---\n"
NOTES = (
    "Grouping with the default scoring (embeddings, when the `semantic` extra is installed) is "
    "timed with the embeddings already cached by the first run; a build embeds at most "
    "`grouping.MAX_EMBEDDED_KEYS` keys per problem type once. `checks._neighbours` compares "
    "each tag with at most `checks.MAX_TYPO_TARGETS` most used tags, so its cost grows "
    "linearly past that many."
)


@dataclass(frozen=True)
class Case:
    """One worst input for one cap: ``run`` does the work and says what came out;
    ``reference`` is the linear yardstick, described by ``against``."""

    cap: str
    input: str
    run: Callable[[], str]
    against: str
    reference: Callable[[], object]


@dataclass(frozen=True)
class Timing:
    """Best wall and CPU seconds: CPU time is what the ratio uses, because on a shared
    machine wall time mostly measures the neighbours."""

    wall: float
    cpu: float


@dataclass(frozen=True)
class Row:
    case: Case
    timing: Timing
    peak_mib: float
    reference: Timing
    outcome: str


def best_time(fn: Callable[[], object]) -> Timing:
    """Best times of up to three runs (one if a run takes over a second): other work on the
    machine only ever adds time."""
    wall = cpu = float("inf")
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
        if wall > 1:
            break
    return Timing(wall, cpu)


def peak_mib(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure(case: Case) -> Row:
    outcome = case.run()
    return Row(case, best_time(case.run), peak_mib(case.run), best_time(case.reference), outcome)


def entry_file(directory: Path, name: str, content: str) -> Path:
    path = directory / name
    path.write_text(content, encoding="utf-8")
    return path


def parsed(path: Path) -> str:
    """Parse an entry file as a build does; say how many attempts it kept and the first
    warning (where counting stopped, for the attempt caps)."""
    entry, problems = entries.parse_entry(path, path.name, path.name)
    if entry is None:
        return "refused: " + "; ".join(p.message for p in problems)
    capped = [f"line {p.line}: {p.message}" for p in problems if "attempts are used" in p.message]
    others = len(problems) - len(capped)
    return "; ".join([f"{len(entry.attempts)} attempts kept", *capped,
                      f"{others} other warnings"])


def attempt_lines(n: int) -> str:
    return "".join(f"- tried approach {i} with the table as JSON -> failed: no\n" for i in range(n))


def inline_attempts(n: int) -> str:
    return FRONT + attempt_lines(n)


def front_attempts(n: int) -> str:
    items = "".join(f"  - tried: approach {i}\n    result: failed\n" for i in range(n))
    return f"---\ntitle: Worst case\nattempts:\n{items}---\n"


def attempt_cases(directory: Path) -> Iterator[Case]:
    cap = f"`schema.MAX_ATTEMPTS` = {schema.MAX_ATTEMPTS}"
    at = entry_file(directory, "inline-at.md", inline_attempts(schema.MAX_ATTEMPTS))
    tenth = entry_file(directory, "inline-tenth.md", inline_attempts(schema.MAX_ATTEMPTS // 10))
    yield Case(f"{cap}, inline", f"{schema.MAX_ATTEMPTS} attempt lines", lambda: parsed(at),
               "same, a tenth of the lines", lambda: parsed(tenth))
    lines = MB // len("- tried approach 00000 with the table as JSON -> failed: no\n")
    past = entry_file(directory, "inline-past.md", inline_attempts(lines))
    past_text = past.read_text(encoding="utf-8")
    yield Case(f"{cap}, inline", f"{lines:,} attempt lines (1 MB)", lambda: parsed(past),
               "`str.count` over the text", lambda: past_text.count("->"))
    front_at = entry_file(directory, "front-at.md", front_attempts(schema.MAX_ATTEMPTS))
    front_tenth = entry_file(directory, "front-tenth.md",
                             front_attempts(schema.MAX_ATTEMPTS // 10))
    yield Case(f"{cap}, front matter", f"{schema.MAX_ATTEMPTS} items", lambda: parsed(front_at),
               "same, a tenth of the items", lambda: parsed(front_tenth))
    many = frontmatter.MAX_NODES // 6
    front_past = entry_file(directory, "front-past.md", front_attempts(many))
    front_past_tenth = entry_file(directory, "front-past-tenth.md", front_attempts(many // 10))
    yield Case(f"{cap}, front matter", f"{many:,} items", lambda: parsed(front_past),
               "same, a tenth of the items", lambda: parsed(front_past_tenth))
    both = entry_file(directory, "both.md", front_attempts(60) + attempt_lines(60))
    both_tenth = entry_file(directory, "both-tenth.md", front_attempts(6) + attempt_lines(6))
    yield Case(f"{cap}, both", "60 in front matter + 60 inline", lambda: parsed(both),
               "same, a tenth of each", lambda: parsed(both_tenth))


def counting(text_: str, part: str) -> Callable[[], int]:
    """The linear yardstick: one ``str.count`` pass over the same text."""
    return lambda: text_.count(part)


def links(line: str) -> Callable[[], str]:
    return lambda: f"{len(entries._links(line)):,} links"


def link_cases() -> Iterator[Case]:
    lines = {
        "1 MB of `[a](n.md) `": "".join(f"[a](p{i}.md) " for i in range(MB // 12)),
        "1 MB of `](` and no `)`": ".md" + "](" * (MB // 2),
        "1 MB of `](a.md x)`": "](a.md x)" * (MB // 9),
        "1 MB of `](a.md \"t\" x)`": '](a.md "t" x)' * (MB // 13),
        "`](` + 1 MB of spaces + `a.md)`": "](" + " " * MB + "a.md)",
    }
    for description, line in lines.items():
        tenth = line[: len(line) // 10]
        yield Case("link extraction (no cap: linear)", description, links(line),
                   "same, first tenth", links(tenth))


def front(text_: str) -> Callable[[], str]:
    def run() -> str:
        try:
            found = frontmatter.parse_front(text_)
        except frontmatter.FrontMatterError as error:
            return f"refused: {error.message}"
        return f"read, {len(found.notes)} notes"
    return run


def frontmatter_cases() -> Iterator[Case]:
    nodes = frontmatter.MAX_NODES
    for count, where in ((nodes - 10, "at"), (nodes * 5, "past")):
        flow = "title: x\ntags: [" + ", ".join("t" for _ in range(count)) + "]\n"
        tenth = "title: x\ntags: [" + ", ".join("t" for _ in range(count // 10)) + "]\n"
        yield Case(f"`frontmatter.MAX_NODES` = {nodes:,}", f"{count:,} scalars ({where})",
                   front(flow), "same, a tenth", front(tenth))
    depth = frontmatter.MAX_DEPTH
    for levels in (depth - 1, MB // 2):
        nested = "title: x\ntags: " + "[" * levels + "]" * levels + "\n"
        yield Case(f"`frontmatter.MAX_DEPTH` = {depth}", f"{levels:,} nested lists",
                   front(nested), "`str.count` over the text",
                   counting(nested, "["))


def file_size_cases(directory: Path) -> Iterator[Case]:
    cap = schema.MAX_FILE_BYTES
    unit = "- tried [a](b.md) `x` <y> -> worked\n"
    body = unit * ((cap - len(FRONT)) // len(unit))
    at = entry_file(directory, "size-at.md", FRONT + body + "x" * (cap - len(FRONT) - len(body)))
    past = entry_file(directory, "size-past.md", FRONT + body + "x" * (cap - len(FRONT)
                                                                     - len(body) + 1))
    yield Case(f"`schema.MAX_FILE_BYTES` = {cap:,}", f"{cap:,} bytes of attempts, links, "
               "code and tags", lambda: parsed(at), "`read_bytes` + `count`",
               lambda: at.read_bytes().count(b"\n"))
    yield Case(f"`schema.MAX_FILE_BYTES` = {cap:,}", f"{cap + 1:,} bytes", lambda: parsed(past),
               "`read_bytes` + `count`", lambda: past.read_bytes().count(b"\n"))


def fence_cases() -> Iterator[Case]:
    bodies = {
        "1 MB paragraph of `<a [b `c`": "<a [b `c\n" * (MB // 9),
        "1 MB of nested list markers": ("- " * 30 + "x\n") * (MB // 63),
        "1 MB of `~~~~` runs": "~~~~ " * (MB // 5),
    }
    for description, body in bodies.items():
        def run(body: str = body) -> str:
            return "fenced" if entries.fence_if_costly(body) else "rendered as Markdown"
        def tenth(body: str = body[: len(body) // 10]) -> str:
            return "fenced" if entries.fence_if_costly(body) else "rendered as Markdown"
        yield Case(f"`fence_if_costly` (`MAX_MARKDOWN_WORK` = "
                   f"{entries.MAX_MARKDOWN_WORK:,})", description, run,
                   "same, a tenth of the body", tenth)


def wordings(n: int) -> list[str]:
    """``n`` distinct wordings that share most of their words: every pair is a candidate
    unless the caps stop it (the worst shape for the prefix filter and the clustering)."""
    return [f"asked for a few json table examples {i} times with claude per page"
            for i in range(n)]


def grouped(texts: list[str], scoring: grouping.Scoring | None) -> Callable[[], str]:
    return lambda: f"{len(grouping.group_wordings(texts, scoring=scoring)):,} groups"


def grouping_cases() -> Iterator[Case]:
    cap = grouping.MAX_COMPARED
    for scoring, name in ((grouping.LEXICAL, "lexical"), (None, "default scoring")):
        for n in (cap, cap * 10):
            yield Case(f"`grouping.MAX_COMPARED` = {cap:,}, {name}", f"{n:,} distinct wordings",
                       grouped(wordings(n), scoring), "same, a tenth of the wordings",
                       grouped(wordings(n // 10), scoring))


def contact(value: str) -> Callable[[], str]:
    def run() -> str:
        found = identity.parse_contact(value)
        return "nobody" if found is None else f"name {len(found.name):,} chars"
    return run


def bot(value: str) -> Callable[[], str]:
    keys = identity.bot_keys(identity.DEFAULT_BOTS)
    return lambda: "bot" if identity.is_bot(value, value, keys) else "not a bot"


def identity_cases() -> Iterator[Case]:
    names = {
        "1 MB of `a ` words": "a " * (MB // 2),
        "1 MB of `<`": "<" * MB,
        "1 MB of `x@`": "x@" * (MB // 2),
        "`Ann <` + 1 MB": "Ann <" + "a" * MB,
        "1 MB of `>,`": ">," * (MB // 2),
    }
    for description, value in names.items():
        yield Case("`identity.parse_contact` (no cap: linear)", description, contact(value),
                   "same, a tenth of the name", contact(value[: len(value) // 10]))
    trailer = "Ann <a@x>, " * (MB // 11)
    yield Case(f"`identity.MAX_CONTACTS_PER_TRAILER` = {identity.MAX_CONTACTS_PER_TRAILER}",
               "1 MB trailer of `Ann <a@x>, `",
               lambda: f"{len(identity.split_contacts(trailer))} contacts",
               "`str.count` over the trailer", counting(trailer, ","))
    bots = {
        "`x` + 1 MB of spaces + `bot`": "x" + " " * MB + "bot",
        "1 MB of `-`": "-" * MB,
        "1 MB of `a-bot `": "a-bot " * (MB // 6),
    }
    for description, value in bots.items():
        yield Case("`identity.is_bot` (no cap: linear)", description, bot(value),
                   "same, a tenth of the name", bot(value[: len(value) // 10]))


def neighbours(counts: dict[str, int]) -> Callable[[], str]:
    return lambda: f"{len(checks._neighbours(counts, plural=True)):,} with a neighbour"


def tag_cases() -> Iterator[Case]:
    """Distinct tags of one length, each used twice, so every one could be a suggestion."""
    for n in (3_000, 50_000):
        counts = {f"t{i:05d}".ljust(checks.MAX_TYPO_LENGTH, "x"): 2 for i in range(n)}
        tenth = dict(list(counts.items())[: n // 10])
        yield Case(f"`checks.MAX_TYPO_TARGETS` = {checks.MAX_TYPO_TARGETS:,}",
                   f"{n:,} tags of {checks.MAX_TYPO_LENGTH} characters", neighbours(counts),
                   "same, a tenth of the tags", neighbours(tenth))


def slugged(name: str) -> Callable[[], str]:
    return lambda: f"{len(text.slug(name))} chars"


def slug_cases() -> Iterator[Case]:
    names = {
        "1 MB of `a-`": "a-" * (MB // 2),
        "1 MB of `a` + combining accent": "a\u0301" * (MB // 2),
        "1 MB of spaces and dashes": " -" * (MB // 2),
        "1 MB of `%/..`": "%/.." * (MB // 4),
    }
    for description, name in names.items():
        yield Case(f"`text.slug` (`MAX_SLUG` = {text.MAX_SLUG})", description,
                   slugged(name), "same, a tenth of the name", slugged(name[: len(name) // 10]))


def all_cases(directory: Path) -> Iterator[Case]:
    yield from attempt_cases(directory)
    yield from link_cases()
    yield from frontmatter_cases()
    yield from file_size_cases(directory)
    yield from fence_cases()
    yield from grouping_cases()
    yield from identity_cases()
    yield from tag_cases()
    yield from slug_cases()


def table(rows: list[Row]) -> str:
    lines = ["| Cap | Worst input | Wall s | CPU s | Peak MiB | Outcome | Reference (CPU s) "
             "| Ratio |", "| --- | --- | ---: | ---: | ---: | --- | --- | ---: |"]
    for row in rows:
        reference = max(row.reference.cpu, 1e-4)  # below the clock's resolution
        lines.append(
            f"| {row.case.cap} | {row.case.input} | {row.timing.wall:.3f} | "
            f"{row.timing.cpu:.3f} | {row.peak_mib:.1f} | {row.outcome.replace('|', '/')} | "
            f"{row.case.against}: {row.reference.cpu:.4f} | "
            f"{row.timing.cpu / reference:,.1f} |")
    return "\n".join(lines)


def section(rows: list[Row]) -> str:
    load = os.getloadavg()[0]
    return "\n".join([
        f"Measured {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores "
        f"(load average {load:.1f} at the end: other work shared the cores, so wall time runs "
        f"well above CPU time), Python {sys.version.split()[0]}. Times are the best of up to 3 "
        "runs; peak memory is traced in another run. Ratio: CPU time over the reference's. "
        "Against a tenth of the input, about 10 is linear and 100 quadratic (below 10: fixed "
        "costs, or a cap that stops the work); against `str.count`, a constant factor. "
        "References under a millisecond make the ratio noisy.",
        "",
        table(rows),
        "",
        NOTES,
        "",
        "Regenerate with `.venv/bin/python scripts/bench_caps.py --write`.",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    parser.add_argument("--only", default="", help="only the cases whose cap holds this word")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        rows = []
        for case in all_cases(Path(directory)):
            if args.only.lower() in case.cap.lower():
                rows.append(measure(case))
                print(table(rows[-1:]).splitlines()[-1], flush=True)
    print(section(rows))
    if args.write:
        write_section("caps", section(rows), TITLE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
