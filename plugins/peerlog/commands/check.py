"""``peerlog check``: validate entries and curated playbooks, listing every problem at once.

The whole knowledge base is always read, so the checks across entries (near-duplicate tags,
duplicate titles, dead links) see every entry; only what is printed is narrowed to the files
asked for. Errors fail the check, warnings only with ``--strict``, as in ``mkdocs build``;
notices (a curated playbook due for review) never do.
With ``--changed-since``, a change to ``.mailmap`` or ``contributors.yml`` is a warning of its
own: those files rename and merge people, so a reviewer should look.
With ``--cache``, journal files parsed by an earlier run (the main branch's, in CI) are taken
from the cache by their text, so a pull request's check parses only the files it changed
(:mod:`peerlog.read.parsecache`); the results are the same as without it.
Exit status: 0 fine, 1 problems that fail the check, 2 the check could not run.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from peerlog.base.problems import Problem, format_problems
from peerlog.config import load_settings
from peerlog.history.changes import ChangesError, changed_files, people_file_warnings
from peerlog.knowledge.pipeline import Knowledge, gather
from peerlog.read.parsecache import ParseStore
from peerlog.read.untrusted import Refused


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "check", help="validate journal entries and playbooks; exit 1 on errors",
        description="Validate journal entries and curated playbooks and list every problem. "
        "Exit status: 0 when there are no errors, 1 when there are (or warnings with --strict), "
        "2 when the check cannot run.",
    )
    parser.add_argument("paths", nargs="*", type=Path,
                        help="files or folders to check (default: everything)")
    parser.add_argument("--changed-since", metavar="REF",
                        help="also check the files changed since the branch left REF, e.g. "
                        "origin/main (what a pull request touches, plus uncommitted files)")
    parser.add_argument("--format", choices=["text", "github", "json"], default="text",
                        help="text for people, github for pull request annotations, json")
    parser.add_argument("--strict", action="store_true",
                        help="fail on warnings too, like mkdocs build --strict")
    parser.add_argument("--cache", type=Path, metavar="DIR",
                        help="reuse journal files parsed by an earlier check, by their content, "
                        "and save this check's for the next; .cache/peerlog is ignored by git")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.root)
    try:
        changed = None if args.changed_since is None else changed_files(settings.root,
                                                                         args.changed_since)
        wanted = _wanted(settings.root, args.paths, changed)
        people: list[Problem] = [] if changed is None else people_file_warnings(
            settings.root, args.changed_since, changed)
    except (ChangesError, FileNotFoundError) as exc:
        print(f"peerlog check: {exc}", file=sys.stderr)
        return 2
    store = None if args.cache is None else _store(settings.root, args.cache, settings.journals)
    knowledge = gather(settings, use_git=False, store=store)
    files = _files_read(knowledge)
    problems = list(knowledge.problems)
    if wanted is not None:
        files = {f for f in files if _selected(f, wanted)}
        problems = [p for p in problems if _selected(p.path, wanted)] + people
    if problems or args.format == "json":
        print(format_problems(problems, args.format))
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    notices = len(problems) - errors - warnings
    print(f"{_count(len(files), 'file')} checked: {_count(errors, 'error')}, "
          f"{_count(warnings, 'warning')}" + (f", {_count(notices, 'notice')}" if notices else ""),
          file=sys.stderr)
    if store is not None:
        _save(store)
    return 1 if errors or (args.strict and warnings) else 0


def _store(root: Path, cache: Path, journals: str) -> ParseStore:
    """The cache folder: inside the project, read from the project's root (so a symlink there
    is never followed out of it); elsewhere, the user's own folder."""
    folder = Path(os.path.abspath(cache))
    project = Path(os.path.abspath(root))
    if folder.is_relative_to(project):
        return ParseStore(project, folder.relative_to(project).as_posix(), journals)
    return ParseStore(folder, "", journals)


def _save(store: ParseStore) -> None:
    """Say what the cache saved, and why it was not used when it was not; save it."""
    if store.notice:
        print(f"peerlog check: {store.notice}", file=sys.stderr)
    try:
        store.save()
    except (OSError, Refused) as exc:
        print(f"peerlog check: the cache {store.file} cannot be written: "
              f"{getattr(exc, 'message', None) or exc}", file=sys.stderr)
        return
    print(f"cache {store.file}: {_count(store.parsed, 'file')} parsed, {store.reused:,} reused",
          file=sys.stderr)


def _wanted(root: Path, paths: list[Path], changed: list[str] | None) -> list[str] | None:
    """Project paths to report on (folders cover what is inside), or None for everything."""
    if not paths and changed is None:
        return None
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")
    wanted = [_relative(root, p) for p in paths]
    return wanted + (changed or [])


def _files_read(knowledge: Knowledge) -> set[str]:
    """Every file the check read: usable entries, confirmations and playbooks, and files that
    failed."""
    return {
        *(e.path for e in knowledge.journal.entries),
        *(c.path for c in knowledge.journal.confirmations),
        *(c.path for c in knowledge.curated),
        *(p.path for p in knowledge.problems if p.severity == "error"),
    }


def _relative(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _selected(path: str, wanted: Iterable[str]) -> bool:
    return any(w in (".", "") or path == w or path.startswith(w.rstrip("/") + "/")
               for w in wanted)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
