"""The ``peerlog`` command: a thin adapter over the core, like the plugin.

Each subcommand lives in ``peerlog.commands.<name>`` with a ``register(subparsers)`` that adds its
parser and sets ``run``; ``run(args) -> int`` returns the exit status.

Only the command being run is imported: the commands between them import the whole core
(MkDocs' config, networkx, the grouping and rendering layers), and ``peerlog graph`` on a big
history should not pay a third of a second for the rest. ``peerlog --help`` (or a name that is
no command) imports them all, to list them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from peerlog.base.problems import format_problems
from peerlog.config import SettingsError

COMMAND_NAMES = ("check", "clinic", "confirm", "export", "graph", "new", "pairs", "promote")


def command_module(name: str) -> ModuleType:
    """The module of the command ``name`` (one of :data:`COMMAND_NAMES`)."""
    return importlib.import_module(f"peerlog.commands.{name}")


def __getattr__(name: str) -> tuple[ModuleType, ...]:
    """``COMMANDS``: every command's module, imported on first use (the docs' tests list them)."""
    if name == "COMMANDS":
        return tuple(command_module(command) for command in COMMAND_NAMES)
    raise AttributeError(name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(
        prog="peerlog", description="Turn learning journals into a knowledge base."
    )
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="the project folder, holding mkdocs.yml (default: .)")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    chosen = _command_named(arguments)
    for name in (chosen,) if chosen else COMMAND_NAMES:
        command_module(name).register(sub)
    args = parser.parse_args(arguments)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        code: int = args.run(args)
    except SettingsError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        return 2
    return code


def _command_named(arguments: Sequence[str]) -> str | None:
    """The command the arguments run: the first word that is not an option or the value of
    ``--root``; None when that word is no command (argparse then lists them all)."""
    words = iter(arguments)
    for word in words:
        if word == "--root":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMAND_NAMES else None
    return None
