"""docs/benchmarks.md, where each benchmark script keeps a section of its own (``--write``).

A section lies between ``<!-- bench:NAME:start -->`` and ``<!-- bench:NAME:end -->``; writing
one replaces it, or adds it at the end, and leaves the rest of the page (other sections, prose
between them) as it was.
"""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = "# Benchmarks\n\nEach script in `scripts/` rewrites only its own section (`--write`).\n"


def write_section(name: str, text: str, title: str | None = None, path: Path = DOCS) -> None:
    """Make ``text`` (under ``## title``, when given) the section ``name`` of ``path``."""
    begin, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    body = f"## {title}\n\n{text}" if title else text
    section = f"{begin}\n{body.rstrip()}\n{end}"
    current = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if begin in current and end in current:
        head, _, rest = current.partition(begin)
        current = head + section + rest.partition(end)[2]
    else:
        current = current.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(current, encoding="utf-8")
