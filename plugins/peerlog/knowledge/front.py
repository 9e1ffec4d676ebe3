"""What the home page shows around the team's welcome text: the newest entries, this month's
numbers, the playbooks with the most evidence, the problems nobody has cracked, and the people
others name most as their teacher or pair.

"This month" is the month of ``today``, which the caller passes (the build's date), so the same
journals always give the same page for a given day. One pass over the entries and one over the
playbooks, each followed by a sort; every list is capped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice

from peerlog.base.text import key
from peerlog.knowledge.model import KnowledgeBase
from peerlog.knowledge.people import named_helpers, person_id
from peerlog.knowledge.playbooks import Playbook
from peerlog.read.entries import Entry

NEWEST = 5
FEATURED = 3
OPEN = 3
HELPERS = 5


@dataclass(frozen=True)
class MonthNumbers:
    """This month's entries, distinct writers and entries whose outcome is ``solved``."""

    month: str
    entries: int
    writers: int
    solved: int


@dataclass(frozen=True)
class Helper:
    """A person and how many entries name them as teacher (``learned_from``) or ``pair``."""

    id: str
    named: int


@dataclass(frozen=True)
class FrontPage:
    newest: tuple[Entry, ...]
    month: MonthNumbers
    featured: tuple[Playbook, ...]
    open_problems: tuple[Playbook, ...]
    unsolved: tuple[Entry, ...]
    """Unsolved entries, newest first, filling the open problems up to :data:`OPEN` when fewer
    problem types than that are unsolved."""
    helpers: tuple[Helper, ...]


def evidence_count(playbook: Playbook) -> int:
    """Every report behind a playbook: attempts in its entries and confirmations of them."""
    return sum(len(a.evidence) for a in playbook.approaches)


def front_page(kb: KnowledgeBase, playbooks: Sequence[Playbook], today: date) -> FrontPage:
    """The home page's sections for ``kb`` as of ``today``. Entries name people as the people
    pages do (see :func:`~peerlog.knowledge.people.with_people_named`), so a helper's id is the
    slug of the name."""
    month = today.strftime("%Y-%m")
    this_month = [e for e in kb.entries if e.date and e.date.strftime("%Y-%m") == month]
    named: Counter[str] = Counter()
    for entry in kb.entries:
        named.update(named_helpers(entry))
    with_entries = [p for p in playbooks if p.entries]
    featured = sorted(with_entries, key=lambda p: (-evidence_count(p), p.key))[:FEATURED]
    # Playbooks come most entries first: the most attempted open problems lead.
    open_problems = tuple(p for p in with_entries if not p.solved)[:OPEN]
    open_keys = {p.key for p in open_problems}
    unsolved = islice((e for e in kb.entries if e.outcome == "unsolved"
                       and key(e.problem or "") not in open_keys), OPEN - len(open_problems))
    return FrontPage(
        newest=kb.entries[:NEWEST],
        month=MonthNumbers(month, len(this_month),
                           len({person_id(a) for e in this_month for a in e.authors}),
                           sum(e.outcome == "solved" for e in this_month)),
        featured=tuple(featured),
        open_problems=open_problems,
        unsolved=tuple(unsolved),
        helpers=tuple(Helper(pid, n) for pid, n in
                      sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))[:HELPERS]),
    )

