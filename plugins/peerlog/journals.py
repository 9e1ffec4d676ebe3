"""Find and parse every entry under the journals folder, once per changed file.

A ``mkdocs serve`` rebuild creates new plugin objects, so the parse cache lives here at module
level, keyed by absolute path and validated by size and modification time: a rebuild re-reads only
the files that changed. Walking never leaves the project and never trusts a name: symlinks that
point outside it, nowhere or in a loop are refused, linked folders are not followed (they could
loop), pipes and devices are never opened (reading one would hang), names with control characters
or undecodable bytes are refused and shown escaped, and the walk is iterative and bounded in depth
and path length, so the site's own paths stay short enough to write.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .entries import Entry, parse_entry
from .problems import Problem, Severity
from .text import shown_name, unsafe_name

MAX_FOLDER_DEPTH = 16
MAX_PATH_CHARS = 400

_Stamp = tuple[int, int]
_CACHE: dict[str, tuple[_Stamp, Entry | None, tuple[Problem, ...]]] = {}


@dataclass(frozen=True)
class Journal:
    """Everything read from the journals folder: usable entries (drafts included) and problems."""

    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Found:
    """One name met while walking: a Markdown file to read (``problem`` is ``None``) or a
    problem (severity, message, hint) about a name that is not read."""

    path: Path
    rel: str
    problem: tuple[Severity, str, str] | None = None


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
    for found in walk_markdown(root, base):
        shown = f"{folder}/{found.rel}".replace("//", "/")
        if found.problem:
            problems.append(Problem(shown, 0, 0, *found.problem))
            continue
        cache_key = f"{found.path}\0{shown}"
        seen.add(cache_key)
        entry, parsed = _parse_cached(cache_key, found.path, shown, found.rel)
        problems.extend(parsed)
        if entry is not None:
            entries.append(entry)
    prefix = f"{base}{os.sep}"
    for stale in [k for k in _CACHE if k.startswith(prefix) and k not in seen]:
        del _CACHE[stale]
    return Journal(tuple(entries), tuple(problems))


def _parse_cached(
    cache_key: str, path: Path, shown: str, rel: str
) -> tuple[Entry | None, tuple[Problem, ...]]:
    try:
        st = path.stat()
    except OSError as exc:
        return None, (Problem(shown, 0, 0, "error", f"the file cannot be read: {exc.strerror}",
                              "check that it still exists and is readable"),)
    stamp = (st.st_size, st.st_mtime_ns)
    hit = _CACHE.get(cache_key)
    if hit and hit[0] == stamp:
        return hit[1], hit[2]
    entry, problems = parse_entry(path, shown, rel)
    _CACHE[cache_key] = (stamp, entry, tuple(problems))
    return entry, tuple(problems)


def walk_markdown(root: Path, base: Path, report_others: bool = True) -> Iterator[Found]:
    """Every ``*.md`` file under ``base`` in a stable order, and a :class:`Found` problem for each
    name that is refused or skipped (other files only when ``report_others``)."""
    root = root.resolve()
    if not _inside(base, root):
        yield Found(base, "", ("error", "the folder points outside the repository and is not "
                                         "read", "keep journals and playbooks inside the project"))
        return
    pending: list[tuple[Path, str, int]] = [(base, "", 0)]
    while pending:
        folder, rel, depth = pending.pop()
        try:
            items = sorted(os.scandir(folder), key=lambda d: d.name)
        except OSError as exc:
            yield Found(folder, rel, ("warning", f"cannot read this folder: {exc.strerror}",
                                             "check permissions"))
            continue
        folders: list[tuple[Path, str, int]] = []
        for item in items:
            if item.name.startswith("."):
                continue
            found = _look_at(item, root, f"{rel}{shown_name(item.name)}", depth, report_others)
            if isinstance(found, Found):
                yield found
            elif found is not None:
                folders.append(found)
        pending.extend(reversed(folders))


def _look_at(
    item: os.DirEntry[str], root: Path, rel: str, depth: int, report_others: bool
) -> Found | tuple[Path, str, int] | None:
    """What one directory entry is: a file or problem to report, a folder to walk, or nothing."""
    path = Path(item.path)
    if unsafe_name(item.name):
        return Found(path, rel, ("error", "the name holds control characters, bidirectional "
                                 "overrides or bytes that are not UTF-8, so it is refused",
                                 "rename it using plain letters, digits and dashes"))
    if len(rel) > MAX_PATH_CHARS:
        return Found(path, rel[:60] + "…", ("error", f"the path is longer than {MAX_PATH_CHARS} "
                                            "characters and is not read",
                                            "use shorter folder and file names"))
    if item.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # a missing target, or a loop (RuntimeError before 3.13)
            return Found(path, rel, ("error", "this symlink points to nothing (its target is "
                                     "missing, or it loops) and is refused",
                                     "delete it or copy the file into the journals folder"))
        if not target.is_relative_to(root):
            return Found(path, rel, ("error", "this symlink points outside the repository and is "
                                     "refused", "copy the file into the journals folder instead"))
        if target.is_dir():
            return Found(path, rel, ("warning", "linked folders are not followed",
                                     "move the entries into the journals folder"))
    if item.is_dir(follow_symlinks=False):
        if depth >= MAX_FOLDER_DEPTH:
            return Found(path, rel, ("error", f"folders nested more than {MAX_FOLDER_DEPTH} deep "
                                     "are not read", "move the entries to a shallower folder"))
        return path, rel + "/", depth + 1
    if not item.name.lower().endswith(".md"):
        if not report_others:
            return None
        return Found(path, rel, ("warning", "only Markdown (.md) files are journal entries; this "
                                 "file is ignored",
                                 "rename it to .md or move it out of the journals folder"))
    if not path.is_file():
        return Found(path, rel, ("error", "this is not a regular file (a pipe, socket or device) "
                                 "and is never opened", "replace it with a Markdown file"))
    return Found(path, rel)


def _inside(folder: Path, root: Path) -> bool:
    try:
        return folder.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return False
