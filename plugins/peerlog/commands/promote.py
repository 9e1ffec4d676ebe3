"""``peerlog promote PROBLEM``: draft a curated playbook into ``playbooks/`` (never overwrites)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..pipeline import gather
from ..promote import draft
from ..settings import load_settings
from ..text import key


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
    target = settings.playbooks_dir / f"{playbook.slug}.md"
    if target.exists():
        print(f"peerlog promote: {target} exists; not overwriting it", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(draft(playbook), encoding="utf-8")
    shown = target.relative_to(settings.root)
    print(f"wrote {shown}: {len(playbook.approaches)} approaches from "
          f"{len(playbook.entries)} entries")
    print(f"next: edit the advice and the approach names, run `peerlog check {shown}`, "
          "then open a pull request")
    return 0
