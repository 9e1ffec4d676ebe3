"""``peerlog check``: validate entries and curated playbooks, listing every problem at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..pipeline import gather
from ..problems import Problem, format_problems
from ..settings import load_settings


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "check", help="validate journal entries and playbooks; exit 1 on problems"
    )
    parser.add_argument("paths", nargs="*", type=Path,
                        help="files or folders to check (default: everything)")
    parser.add_argument("--format", choices=["text", "github", "json"], default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.root)
    knowledge = gather(settings, use_git=False)
    problems: list[Problem] = list(knowledge.problems)
    if args.paths:
        wanted = [_relative(settings.root, p) for p in args.paths]
        problems = [p for p in problems if any(_within(p.path, w) for w in wanted)]
    if problems:
        print(format_problems(problems, args.format))
    errors = sum(p.severity == "error" for p in problems)
    checked = len(knowledge.journal.entries) + len(knowledge.curated) + sum(
        p.severity == "error" for p in knowledge.problems)
    if args.format == "text":
        print(f"{checked} files checked: {errors} errors, {len(problems) - errors} warnings",
              file=sys.stderr)
    return 1 if problems else 0


def _relative(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _within(path: str, wanted: str) -> bool:
    return wanted in (".", "") or path == wanted or path.startswith(wanted.rstrip("/") + "/")
