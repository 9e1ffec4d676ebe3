"""The ``peerlog`` command: a thin adapter over the core, like the plugin.

Each subcommand lives in ``peerlog.commands.<name>`` with a ``register(subparsers)`` that adds its
parser and sets ``run``; ``run(args) -> int`` returns the exit status.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from peerlog.base.problems import format_problems
from peerlog.commands import check, clinic, confirm, export, graph, new, pairs, promote
from peerlog.config import SettingsError

COMMANDS = (check, clinic, confirm, export, graph, new, pairs, promote)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="peerlog", description="Turn learning journals into a knowledge base."
    )
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="the project folder, holding mkdocs.yml (default: .)")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        code: int = args.run(args)
    except SettingsError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        return 2
    return code
