"""``peerlog clinic``: the weekly clinic's agenda as Markdown, ready to paste.

The agenda is the site's Clinic page's (:func:`~peerlog.knowledge.clinic.clinic_agenda`), for
the clinic held ``--as-of`` (default today), the last one having been ``--since`` (default a
week before). Both are days, so the same command prints the same agenda tomorrow.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from typing import Any

from peerlog.commands.dates import BadOption, add_as_of, day, refuse
from peerlog.config import load_settings
from peerlog.knowledge.clinic import SINCE_DAYS, clinic_agenda, to_markdown
from peerlog.knowledge.pipeline import gather


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "clinic", help="print the weekly clinic's agenda as Markdown",
        description="Print the agenda of the weekly clinic as Markdown: the open problems "
        "nobody has cracked (most attempted first, with what was ruled out and who is stuck) "
        "and what was solved since the last clinic.",
    )
    parser.add_argument("--since", metavar="DATE", default=None,
                        help="the day of the last clinic, YYYY-MM-DD (default: "
                        f"{SINCE_DAYS} days before --as-of)")
    add_as_of(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        as_of = day(args.as_of, "--as-of", date.today())
        since = day(args.since, "--since", as_of - timedelta(days=SINCE_DAYS))
        if since > as_of:
            raise BadOption(f"--since {since.isoformat()} is after --as-of {as_of.isoformat()}")
    except BadOption as exc:
        return refuse("clinic", exc)
    knowledge = gather(load_settings(args.root))
    sys.stdout.write(to_markdown(clinic_agenda(knowledge.kb, as_of, since)))
    return 0
