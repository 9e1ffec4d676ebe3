"""``peerlog graph``: the contributor graph (who learns from whom) as JSON or GraphML.

Its summary line names the git command whose per-person counts the graph's ``commits`` equal,
so anyone can check them. A repository without a journals folder (``--repo`` pointed at any
project) gets its whole history, as with ``--paths .``. A graph of nobody is an error: it says
why and what to run instead, and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path
from typing import Any

from peerlog.base.settings import Settings
from peerlog.config import load_settings
from peerlog.history.log import History
from peerlog.knowledge.community import Community, gather_community
from peerlog.knowledge.graph import to_graphml, to_json

WHOLE_HISTORY = ["."]


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "graph", help="build the contributor graph from git history and the journals"
    )
    add_arguments(parser)
    parser.set_defaults(run=run)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Shared with ``scripts/contributor_graph.py``."""
    parser.add_argument("--repo", type=Path, default=None,
                        help="the repository / project folder (default: --root, i.e. .)")
    parser.add_argument("--paths", nargs="+", default=None, metavar="PATH",
                        help="history of these paths only (default: the journals and playbooks "
                             "folders, or the whole history when there is no journals folder; "
                             "'.' for the whole history)")
    parser.add_argument("--out", type=Path, default=None,
                        help="write here instead of standard output")
    parser.add_argument("--format", choices=["json", "graphml"], default="json")


def run(args: argparse.Namespace) -> int:
    root = (args.repo or args.root).resolve()
    settings = load_settings(root)
    paths = args.paths
    if paths is None and not settings.journals_dir.is_dir():
        say(f"no {settings.journals}/ folder here: the graph covers the whole git history")
        paths = WHOLE_HISTORY
    knowledge = gather_community(settings, history_paths=paths)
    history = knowledge.history
    if history is not None:
        for line in (*history.notes, *history.diagnostics):
            say(line)
    people = knowledge.people
    if not people.persons:
        say(f"nobody found: {why_nobody(knowledge)}")
        return 1
    text = (to_graphml(people) if args.format == "graphml"
            else json.dumps(to_json(people), ensure_ascii=False, indent=2))
    summary = f"{len(people.persons)} people, {len(people.edges)} edges"
    if history is not None and history.available:
        summary += f"; commit counts equal `{oracle(history)}`"
    if args.out is None:
        sys.stdout.write(text + "\n")
        say(summary)
    else:
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out}: {summary}", file=sys.stderr)
    return 0


def say(line: str) -> None:
    print(f"peerlog graph: {line}", file=sys.stderr)


def oracle(history: History) -> str:
    """The git command that counts each person's commits exactly as the graph does."""
    command = "git shortlog -sn --no-merges HEAD"
    if not history.pathspec:
        return command
    return f"{command} -- {shlex.join(history.pathspec)}"


def why_nobody(knowledge: Community) -> str:
    """Why the graph is empty, and what to run instead."""
    settings: Settings = knowledge.settings
    history = knowledge.history
    if history is None or not history.available:
        return "no journal entry names anyone and git history could not be read (see above)"
    if history.pathspec:
        folders = ", ".join(f"{path}/" for path in history.pathspec)
        return (f"no journal entry names anyone and no commit by a person touches {folders}; "
                "run with --paths . for the whole repository")
    return (f"no journal entry in {settings.journals}/ names anyone and every commit is by a "
            "bot (see `bots:` in the plugin's options)")
