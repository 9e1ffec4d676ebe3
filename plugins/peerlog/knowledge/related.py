"""Where an entry's reader goes next: a handful of entries about the same kind of problem.

Entries of the same problem type that share an approach with this one come first (someone
else tried the same thing: how did it go for them?), newest first, then the most recent others
of that type. Each entry costs a look at the first few entries of its own approaches and of
its problem type, never a pass over the type's entries, so 10,000 entries of one type cost
no more per page than ten.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from peerlog.knowledge.model import KnowledgeBase
from peerlog.knowledge.playbooks import Playbook
from peerlog.read.entries import Entry

#: How many related entries an entry page lists.
RELATED = 5


def related_entries(
    kb: KnowledgeBase, playbooks: Sequence[Playbook]
) -> dict[str, tuple[Entry, ...]]:
    """Entry path -> up to :data:`RELATED` related entries, for every entry with a problem type."""
    approaches: dict[str, list[tuple[Entry, ...]]] = {}
    for playbook in playbooks:
        for approach in playbook.approaches:
            ranked = tuple(sorted(approach.entries, key=_newest)[: RELATED + 1])
            for entry in approach.entries:
                approaches.setdefault(entry.path, []).append(ranked)
    out: dict[str, tuple[Entry, ...]] = {}
    for group in kb.problems:
        for entry in group.entries:
            out[entry.path] = _pick(entry, approaches, group.entries[: RELATED + 1])
    return out


def _pick(
    entry: Entry, approaches: Mapping[str, list[tuple[Entry, ...]]], recent: Sequence[Entry]
) -> tuple[Entry, ...]:
    sharing = sorted({e.path: e for ranked in approaches.get(entry.path, ())
                      for e in ranked if e.path != entry.path}.values(), key=_newest)
    chosen = {e.path: e for e in sharing[:RELATED]}
    for other in recent:
        if len(chosen) >= RELATED:
            break
        if other.path != entry.path:
            chosen.setdefault(other.path, other)
    return tuple(chosen.values())


def _newest(entry: Entry) -> tuple[int, str]:
    return (-(entry.date or date.min).toordinal(), entry.path)
