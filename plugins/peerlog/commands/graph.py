"""``peerlog graph``: the contributor graph (who learns from whom) as JSON or GraphML."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..graph import to_graphml, to_json
from ..pipeline import gather
from ..settings import load_settings


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
                             "folders; '.' for the whole history)")
    parser.add_argument("--out", type=Path, default=None,
                        help="write here instead of standard output")
    parser.add_argument("--format", choices=["json", "graphml"], default="json")


def run(args: argparse.Namespace) -> int:
    root = (args.repo or args.root).resolve()
    settings = load_settings(root)
    knowledge = gather(settings, history_paths=args.paths)
    if knowledge.history is not None:
        for note in knowledge.history.notes:
            print(f"peerlog graph: {note}", file=sys.stderr)
    people = knowledge.people
    text = (to_graphml(people) if args.format == "graphml"
            else json.dumps(to_json(people), ensure_ascii=False, indent=2))
    if args.out is None:
        sys.stdout.write(text + "\n")
    else:
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out}: {len(people.persons)} people, {len(people.edges)} edges",
              file=sys.stderr)
    return 0
