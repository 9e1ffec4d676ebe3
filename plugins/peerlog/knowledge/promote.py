"""Draft a curated playbook from the evidence in the journals, for a person to edit.

The draft names every approach the grouping found. Only confident merges become aliases: a
wording grouped with an approach but less like its label than :data:`~.grouping.CONFIDENT` is
written commented out under a "# to decide:" note, because an alias is a curator's word that
two wordings are one approach, and a doubtful merge should not become that word by default. A
person then renames, merges or splits approaches by editing the aliases, and writes the advice.
"""

from __future__ import annotations

import json
from datetime import date

from peerlog.knowledge.playbooks import Approach, Playbook

TO_DECIDE = "# to decide:"


def doubtful(playbook: Playbook) -> frozenset[str]:
    """The wordings the grouping put into an approach with little confidence."""
    return frozenset(v for a in playbook.approaches for v in a.doubtful)


def draft(playbook: Playbook, undecided: frozenset[str] | None = None) -> str:
    """The text of a curated playbook for ``playbook``'s problem type; ``undecided`` are the
    wordings left for the curator (default: :func:`doubtful`)."""
    if undecided is None:
        undecided = doubtful(playbook)
    lines = [
        "---",
        f"title: {_q(playbook.name + ': what works')}",
        f"problem: {_q(playbook.name)}",
        # Drafted from all the evidence there is: reviewed as of the day it was drafted.
        f"reviewed: {(playbook.as_of or date.today()).isoformat()}",
        f"tags: [{', '.join(_q(t) for t in playbook.tags[:5])}]",
        "approaches:",
    ]
    for a in playbook.approaches:
        lines.append(f"  - label: {_q(a.label)}")
        aliases = [v for v in a.variants if v != a.label and v not in undecided]
        if aliases:
            lines.append(f"    aliases: [{', '.join(_q(v) for v in aliases)}]")
        if unsure := [v for v in a.variants if v in undecided]:
            lines += [f"    {TO_DECIDE} grouped here, but less like the label than the aliases;",
                      "    # move a wording into the aliases if it is the same approach:"]
            lines += [f"    #   {_q(v)}" for v in unsure]
    lines += ["---", "", "## The short version", ""]
    if playbook.worked:
        best = playbook.worked[0]
        lines.append(f"What worked most often: **{best.label}** ({_record(best)}).")
    else:
        lines.append("Nobody has reported an approach that worked yet.")
    lines += ["", "## What to try first", ""]
    lines += [f"- **{a.label}**: {_record(a)}." for a in playbook.worked] or ["- (nothing yet)"]
    lines += ["", "## What to avoid", ""]
    lines += [f"- **{a.label}**: {_record(a)}." for a in playbook.abandoned] or ["- (nothing yet)"]
    lines += [
        "", "## Ask", "",
        "Who to ask: " + (", ".join(_people(playbook)) or "(nobody yet)") + ".",
        "",
        "<!-- Drafted by `peerlog promote` from "
        f"{len(playbook.entries)} entries. Edit freely; the site adds the evidence from the "
        "journals below this text. -->",
        "",
    ]
    return "\n".join(lines)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _record(a: Approach) -> str:
    parts = [f"worked {a.worked}", f"partly {a.partial}", f"failed {a.failed}"]
    return ", ".join(p for p in parts if not p.endswith(" 0")) or "no result recorded"


def _people(playbook: Playbook) -> list[str]:
    seen: dict[str, None] = {}
    for a in playbook.worked:
        for p in a.people:
            seen[p] = None
    return list(seen)[:5]
