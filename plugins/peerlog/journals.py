"""Find and parse every entry under the journals folder, once per changed file.

A ``mkdocs serve`` rebuild creates new plugin objects, so the parse cache lives here at module
level, keyed by absolute path and validated by size and modification time: a rebuild re-reads only
the files that changed. Walking never leaves the project: symlinks that point outside it are
refused, and linked folders are not followed (they could loop).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .entries import Entry, parse_entry
from .problems import Problem

_Stamp = tuple[int, int]
_CACHE: dict[str, tuple[_Stamp, Entry | None, tuple[Problem, ...]]] = {}


@dataclass(frozen=True)
class Journal:
    """Everything read from the journals folder: usable entries (drafts included) and problems."""

    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]

    @property
    def published(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if not e.draft)


def load_journal(root: Path, folder: str) -> Journal:
    """Parse every Markdown file under ``root/folder`` (``folder`` may be nested, e.g. a/b)."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    base = root / folder
    if not base.is_dir():
        problems.append(Problem(folder, 0, 0, "warning", "the journals folder does not exist",
                                f"create '{folder}/' or set the plugin's journals option"))
        return Journal((), tuple(problems))
    seen: set[str] = set()
    for path, rel, problem in _walk(root.resolve(), base, ""):
        shown = f"{folder}/{rel}".replace("//", "/")
        if problem:
            problems.append(Problem(shown, 0, 0, "warning", *problem))
            continue
        cache_key = f"{path}\0{shown}"
        seen.add(cache_key)
        entry, found = _parse_cached(cache_key, path, shown, rel)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    prefix = f"{base}{os.sep}"
    for stale in [k for k in _CACHE if k.startswith(prefix) and k not in seen]:
        del _CACHE[stale]
    return Journal(tuple(entries), tuple(problems))


def _parse_cached(
    cache_key: str, path: Path, shown: str, rel: str
) -> tuple[Entry | None, tuple[Problem, ...]]:
    st = path.stat()
    stamp = (st.st_size, st.st_mtime_ns)
    hit = _CACHE.get(cache_key)
    if hit and hit[0] == stamp:
        return hit[1], hit[2]
    entry, problems = parse_entry(path, shown, rel)
    _CACHE[cache_key] = (stamp, entry, tuple(problems))
    return entry, tuple(problems)


def _walk(root: Path, folder: Path, rel: str) -> Iterator[tuple[Path, str, tuple[str, str] | None]]:
    """Yield (file, path relative to the journals folder, problem or None), sorted for stable
    output."""
    try:
        items = sorted(os.scandir(folder), key=lambda d: d.name)
    except OSError as exc:
        yield folder, rel or ".", (f"cannot read this folder: {exc.strerror}", "check permissions")
        return
    for item in items:
        if item.name.startswith("."):
            continue
        child_rel = f"{rel}{item.name}"
        path = Path(item.path)
        if item.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(root):
                yield path, child_rel, ("this symlink points outside the repository and is refused",
                                        "copy the file into the journals folder instead")
                continue
            if target.is_dir():
                yield path, child_rel, ("linked folders are not followed",
                                        "move the entries into the journals folder")
                continue
        if item.is_dir(follow_symlinks=False):
            yield from _walk(root, path, child_rel + "/")
        elif item.name.lower().endswith(".md"):
            if item.is_file():
                yield path, child_rel, None
        else:
            yield path, child_rel, ("only Markdown (.md) files are journal entries; this file is "
                                    "ignored", "rename it to .md or move it out of the journals folder")
