"""``peerlog pairs``: skill-based pairing suggestions, as text, CSV or JSON.

The suggestions are the site's Pairing page's (:func:`~peerlog.knowledge.pairing.suggest_pairs`
on what :func:`~peerlog.knowledge.pipeline.gather` reads), as of ``--as-of``. The suggestions go
to standard output and a one-line summary to standard error, so CSV and JSON parse as they are.
Names and titles come from pull requests: text output escapes control characters, and a CSV
cell that a spreadsheet would run as a formula starts with an apostrophe.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from typing import Any

from peerlog.base.text import shown_name, spreadsheet_cell
from peerlog.commands.dates import BadOption, add_as_of, day, refuse
from peerlog.config import load_settings
from peerlog.knowledge.pairing import MAX_LOAD, Suggestion, suggest_pairs
from peerlog.knowledge.pipeline import gather
from peerlog.read.entries import Entry

CSV_COLUMNS = ("learner", "helper", "kind", "group", "new_pair", "stuck_on", "worked_in")


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "pairs", help="suggest who could pair with whom: someone stuck with someone it worked for",
        description="Suggest pairs: each person with a recent failed or unsolved entry in a "
        f"topic or problem type, with someone it worked for there; nobody is suggested more "
        f"than {MAX_LOAD} times, and people who have not worked together come first.",
    )
    parser.add_argument("--format", choices=["text", "csv", "json"], default="text")
    parser.add_argument("--topic", metavar="NAME",
                        help="only this topic or problem type (any spelling of its name)")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="at most N suggestions (default: all)")
    add_as_of(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        as_of = day(args.as_of, "--as-of", date.today())
    except BadOption as exc:
        return refuse("pairs", exc)
    if args.limit is not None and args.limit < 0:
        return refuse("pairs", BadOption(f"--limit {args.limit} is negative"))
    knowledge = gather(load_settings(args.root))
    found = suggest_pairs(knowledge.kb, knowledge.people, as_of, topic=args.topic)
    shown = found if args.limit is None else found[: args.limit]
    if args.format == "json":
        print(json.dumps([_as_dict(s) for s in shown], indent=2, ensure_ascii=False))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows([spreadsheet_cell(v) for v in _row(s)] for s in shown)
    else:
        for i, s in enumerate(shown, 1):
            print(_text(i, s))
    where = f" in {args.topic!r}" if args.topic else ""
    print(f"{len(shown)} of {len(found)} suggestions{where} as of {as_of.isoformat()}",
          file=sys.stderr)
    return 0


def _where(s: Suggestion) -> str:
    return f"{'problem type' if s.kind == 'problem' else 'topic'} {s.group!r}"


def _text(i: int, s: Suggestion) -> str:
    together = "" if s.new_pair else " (they have worked together)"
    lines = [f"{i}. {s.learner} with {s.helper}, {_where(s)}{together}",
             *(f"   stuck: {_dated(e)}" for e in s.stuck_on),
             *(f"   worked for {s.helper}: {_dated(e)}" for e in s.worked_in)]
    return "\n".join(map(shown_name, lines))


def _dated(e: Entry) -> str:
    return f"{e.date.isoformat() if e.date else 'undated'} {e.title} ({e.path})"


def _row(s: Suggestion) -> tuple[str, ...]:
    return (s.learner, s.helper, s.kind, s.group, "yes" if s.new_pair else "no",
            ";".join(e.path for e in s.stuck_on), ";".join(e.path for e in s.worked_in))


def _entry(e: Entry) -> dict[str, Any]:
    return {"path": e.path, "title": e.title, "date": e.date.isoformat() if e.date else None}


def _as_dict(s: Suggestion) -> dict[str, Any]:
    return {"learner": s.learner, "helper": s.helper, "kind": s.kind, "group": s.group,
            "new_pair": s.new_pair, "stuck_on": [_entry(e) for e in s.stuck_on],
            "worked_in": [_entry(e) for e in s.worked_in]}
