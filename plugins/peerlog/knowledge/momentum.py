"""Recognition and momentum: who helped most people this month, and who has gone quiet.

The rules:

- *Helped this month*: for entries dated from the first of ``today``'s month to ``today``, each
  person an entry names in ``pair`` or ``learned_from`` helped its authors (not themselves);
  people are ranked by how many distinct people they helped.
- *Gone quiet*: a person (as an author or a pair partner of an entry) or a pair (two people on
  one entry, as authors or pair partners) whose entries fall in at least
  :data:`MIN_ACTIVE_MONTHS` distinct calendar months of the :data:`BEFORE_DAYS` days before the
  last :data:`QUIET_DAYS` days, and in none of those last :data:`QUIET_DAYS` days. Most
  recently active first, so a lead checks in while it is still easy.

One pass over the entries; an entry's first :data:`MAX_PEOPLE_PER_ENTRY` people make its pairs,
so an entry naming a hundred people costs a few dozen pairs, not thousands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from peerlog.knowledge.people import person_id
from peerlog.read.entries import Entry

QUIET_DAYS = 60
BEFORE_DAYS = 180
MIN_ACTIVE_MONTHS = 2
MAX_PEOPLE_PER_ENTRY = 8
#: People (or pairs) listed: the page is a prompt to check in, not a register.
MAX_LISTED = 10


@dataclass(frozen=True)
class Quiet:
    """One person (one name) or pair (two) gone quiet: their last entry and how many months of
    the earlier window they were active in."""

    names: tuple[str, ...]
    last: date
    active_months: int


@dataclass(frozen=True)
class Momentum:
    as_of: date
    helpers: tuple[tuple[str, int], ...]
    quiet_people: tuple[Quiet, ...]
    quiet_pairs: tuple[Quiet, ...]


def helped_this_month(entries: Iterable[Entry], today: date) -> tuple[tuple[str, int], ...]:
    """``(name, people helped)`` for this month's helpers, most first (ties by id)."""
    start = today.replace(day=1)
    helped: dict[str, set[str]] = {}
    spelling: dict[str, str] = {}
    for entry in entries:
        if entry.date is None or not start <= entry.date <= today:
            continue
        authors = {person_id(a) for a in entry.authors}
        for helper in (*entry.pair, *entry.learned_from):
            hid = person_id(helper)
            spelling.setdefault(hid, helper)
            helped.setdefault(hid, set()).update(authors - {hid})
    ranked = sorted(((hid, len(ids)) for hid, ids in helped.items() if ids),
                    key=lambda kv: (-kv[1], kv[0]))
    return tuple((spelling[hid], n) for hid, n in ranked[:MAX_LISTED])


def _quiet(seen: dict[tuple[str, ...], set[date]], spelling: dict[str, str],
           start: date, quiet_from: date) -> tuple[Quiet, ...]:
    found = []
    for ids, dates in seen.items():
        last = max(dates)
        months = {(d.year, d.month) for d in dates if start <= d < quiet_from}
        if last < quiet_from and len(months) >= MIN_ACTIVE_MONTHS:
            found.append(Quiet(tuple(spelling[i] for i in ids), last, len(months)))
    found.sort(key=lambda q: (-q.last.toordinal(), q.names))
    return tuple(found[:MAX_LISTED])


def momentum(entries: Iterable[Entry], today: date) -> Momentum:
    """Helpers of ``today``'s month and who has gone quiet by ``today`` (later entries are not
    counted)."""
    current = [(e.date, e) for e in entries if e.date is not None and e.date <= today]
    quiet_from = today - timedelta(days=QUIET_DAYS - 1)
    start = quiet_from - timedelta(days=BEFORE_DAYS)
    people: dict[tuple[str, ...], set[date]] = {}
    pairs: dict[tuple[str, ...], set[date]] = {}
    spelling: dict[str, str] = {}
    for when, entry in current:
        ids: dict[str, None] = {}
        for name in (*entry.authors, *entry.pair):
            pid = person_id(name)
            spelling.setdefault(pid, name)
            ids.setdefault(pid)
        group = sorted(ids)[:MAX_PEOPLE_PER_ENTRY]
        for pid in ids:
            people.setdefault((pid,), set()).add(when)
        for two in combinations(group, 2):
            pairs.setdefault(two, set()).add(when)
    return Momentum(today, helped_this_month((e for _, e in current), today),
                    _quiet(people, spelling, start, quiet_from),
                    _quiet(pairs, spelling, start, quiet_from))
