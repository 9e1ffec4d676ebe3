"""``peerlog promote PROBLEM``: draft a curated playbook into ``playbooks/``.

It never overwrites a file and never writes through a symlink (the checkout may be a pull
request's, and a link there could point anywhere): see :func:`peerlog.read.untrusted.create`.
Exit status: 0 written, 1 nothing written.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from peerlog.base.text import key
from peerlog.config import load_settings
from peerlog.knowledge.pipeline import gather
from peerlog.knowledge.promote import TO_DECIDE, doubtful, draft
from peerlog.read.untrusted import Refused, create


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "promote", help="draft a curated playbook for a problem type from the journals"
    )
    parser.add_argument("problem", help="the problem type, e.g. data-extraction")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.root)
    knowledge = gather(settings, use_git=False)
    wanted = key(args.problem)
    playbook = next((p for p in knowledge.playbooks if p.key == wanted), None)
    if playbook is None or not playbook.entries:
        known = ", ".join(p.name for p in knowledge.playbooks if p.entries) or "none yet"
        print(f"peerlog promote: no journal entry has problem type {args.problem!r} "
              f"(known: {known})", file=sys.stderr)
        return 1
    if playbook.curated is not None:
        print(f"peerlog promote: {playbook.curated.path} already curates {playbook.name!r}; "
              "edit that file instead", file=sys.stderr)
        return 1
    shown = f"{settings.playbooks.strip('/')}/{playbook.slug}.md"
    undecided = doubtful(playbook)
    try:
        create(settings.root, shown, draft(playbook, undecided))
    except FileExistsError:
        print(f"peerlog promote: {shown} exists; not overwriting it", file=sys.stderr)
        return 1
    except Refused as exc:
        print(f"peerlog promote: {exc.message}; nothing was written ({exc.hint})",
              file=sys.stderr)
        return 1
    print(f"wrote {shown}: {len(playbook.approaches)} approaches from "
          f"{len(playbook.entries)} entries")
    if undecided:
        print(f"to decide: {len(undecided)} wording(s) grouped with less confidence are "
              f"commented out under '{TO_DECIDE}', not aliases")
    print(f"next: edit the advice and the approach names, run `peerlog check {shown}`, "
          "then open a pull request")
    return 0
