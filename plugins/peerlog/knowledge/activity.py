"""Is peer learning spreading? Month-by-month participation, from the journals.

The people running a peer-learning programme measure participation and "who taught you this?",
not hours of training (see the domain notes): active contributors, newcomers, how many people
others name as their teacher, and how many entries credit a teacher or a pair. One pass over the
entries, grouped by month.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from peerlog.base.text import slug
from peerlog.read.entries import Entry


@dataclass(frozen=True)
class Month:
    """One calendar month of journal activity (``month`` is ``YYYY-MM``)."""

    month: str
    entries: int
    contributors: int
    newcomers: int
    teachers: int
    credited: int
    solved: int

    @property
    def credited_share(self) -> float:
        """Share of entries that name a teacher or a pair partner."""
        return self.credited / self.entries if self.entries else 0.0


def by_month(entries: Iterable[Entry]) -> tuple[Month, ...]:
    """Months with at least one dated entry, oldest first; undated entries are not counted."""
    buckets: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.date is not None:
            buckets.setdefault(entry.date.strftime("%Y-%m"), []).append(entry)
    seen: set[str] = set()
    months: list[Month] = []
    for month in sorted(buckets):
        group = buckets[month]
        authors = {slug(h) for e in group for h in e.authors}
        months.append(Month(
            month=month,
            entries=len(group),
            contributors=len(authors),
            newcomers=len(authors - seen),
            teachers=len({slug(h) for e in group for h in e.learned_from}),
            credited=sum(1 for e in group if e.learned_from or e.pair),
            solved=sum(1 for e in group if e.outcome == "solved"),
        ))
        seen |= authors
    return tuple(months)
