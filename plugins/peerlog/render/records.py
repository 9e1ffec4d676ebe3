"""A person's learning record as CSV, for a manager's or an auditor's spreadsheet.

Every cell is contributor text, so a cell a spreadsheet would read as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``, as OWASP advises
against CSV injection. People appear by display name, never by address.
"""

from __future__ import annotations

import csv
import io

from peerlog.base.settings import Settings
from peerlog.base.text import spreadsheet_cell
from peerlog.knowledge.people import People
from peerlog.knowledge.record import Record
from peerlog.render.urls import Urls, address

COLUMNS = ("date", "entry title", "entry URL", "topics", "problem", "role", "other person",
           "result", "what was tried")


def record_csv(record: Record, people: People, urls: Urls, settings: Settings) -> str:
    """The rows of ``record``, newest first, under a header of :data:`COLUMNS`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in record.rows:
        others = "; ".join(people.persons[p].name if p in people.persons else p
                           for p in row.others)
        writer.writerow(spreadsheet_cell(text) for text in (
            row.date.isoformat() if row.date else "", row.entry.title,
            address(urls.entry(row.entry), settings.site_url, settings.use_directory_urls),
            "; ".join(row.topics), row.entry.problem or "",
            row.role, others, row.result, row.what))
    return out.getvalue()
