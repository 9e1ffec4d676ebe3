"""The ``--as-of`` and ``--since`` days of the programme commands, read without a traceback.

``peerlog pairs`` and ``peerlog clinic`` answer "as of a day" so that their output can be
reproduced (the docs' transcripts are); a bad day is a message and exit status 2, like any
other command that cannot run.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date


class BadOption(Exception):
    """An option that cannot be used (a day that is not a date); the message says which and
    how to write it."""


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", metavar="DATE", default=None,
                        help="answer as of this day, YYYY-MM-DD (default: today); later "
                        "entries are left out, so the output can be reproduced")


def day(value: str | None, option: str, default: date) -> date:
    """``value`` as a date (``default`` when not given); :class:`BadOption` when it is not one."""
    if value is None:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadOption(f"{option} {value!r} is not a date (write it as YYYY-MM-DD, e.g. "
                     "2026-11-30)") from None


def refuse(command: str, exc: BadOption) -> int:
    """Say why ``command`` cannot run; its exit status."""
    print(f"peerlog {command}: {exc}", file=sys.stderr)
    return 2
