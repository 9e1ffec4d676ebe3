"""Draft a curated playbook from the evidence in the journals, for a person to edit.

The draft names every approach the grouping found, with its wordings as aliases, so the curated
playbook starts out grouping exactly as the generated one did; a person then renames, merges or
splits approaches by editing the aliases, and writes the advice.
"""

from __future__ import annotations

import json

from peerlog.knowledge.playbooks import Approach, Playbook


def draft(playbook: Playbook) -> str:
    """The text of a curated playbook for ``playbook``'s problem type."""
    lines = [
        "---",
        f"title: {_q(playbook.name + ': what works')}",
        f"problem: {_q(playbook.name)}",
        f"tags: [{', '.join(_q(t) for t in playbook.tags[:5])}]",
        "approaches:",
    ]
    for a in playbook.approaches:
        lines.append(f"  - label: {_q(a.label)}")
        aliases = [v for v in a.variants if v != a.label]
        if aliases:
            lines.append(f"    aliases: [{', '.join(_q(v) for v in aliases)}]")
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
