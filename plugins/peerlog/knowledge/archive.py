"""The archive: every published entry, by the month of its date, so that every entry is reachable
from a page of bounded size (the "Recent entries" page lists only the newest).

One pass over the entries (already newest first), grouped into a dict by month.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from peerlog.read.entries import Entry

#: The archive "month" of entries without a date (neither written nor known to git).
UNDATED = "undated"


@dataclass(frozen=True)
class ArchiveMonth:
    """One month (``YYYY-MM``, or :data:`UNDATED`) and its entries, in the order given."""

    month: str
    entries: tuple[Entry, ...]


def by_month(entries: Iterable[Entry]) -> tuple[ArchiveMonth, ...]:
    """Months that have entries, newest first, then the undated entries as a month of their own;
    each month keeps the order of ``entries`` (newest first on the site)."""
    months: dict[str, list[Entry]] = {}
    for entry in entries:
        month = entry.date.strftime("%Y-%m") if entry.date else UNDATED
        months.setdefault(month, []).append(entry)
    order = sorted((m for m in months if m != UNDATED), reverse=True)
    if UNDATED in months:
        order.append(UNDATED)
    return tuple(ArchiveMonth(m, tuple(months[m])) for m in order)
