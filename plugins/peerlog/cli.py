"""The ``peerlog`` command: a thin adapter over the core, like the plugin."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .journals import load_journal
from .problems import Problem, format_problems
from .settings import load_settings


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (1 when problems were found)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    code: int = args.run(args)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peerlog", description="Turn learning journals into a knowledge base."
    )
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="the project folder, holding mkdocs.yml (default: .)")
    sub = parser.add_subparsers(title="commands")

    check = sub.add_parser("check", help="validate journal entries; exit 1 on problems")
    check.add_argument("paths", nargs="*", type=Path,
                       help="files or folders to check (default: all entries)")
    check.add_argument("--format", choices=["text", "github", "json"], default="text")
    check.set_defaults(run=_check)
    return parser


def _check(args: argparse.Namespace) -> int:
    settings = load_settings(args.root)
    journal = load_journal(settings.root, settings.journals)
    problems: list[Problem] = list(journal.problems)
    if args.paths:
        wanted = [_relative(settings.root, p) for p in args.paths]
        problems = [p for p in problems if any(_within(p.path, w) for w in wanted)]
    if problems:
        print(format_problems(problems, args.format))
    errors = sum(p.severity == "error" for p in problems)
    checked = len(journal.entries) + errors
    if args.format == "text":
        print(f"{checked} entries checked: {errors} errors, {len(problems) - errors} warnings",
              file=sys.stderr)
    return 1 if problems else 0


def _relative(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _within(path: str, wanted: str) -> bool:
    return wanted in (".", "") or path == wanted or path.startswith(wanted.rstrip("/") + "/")
