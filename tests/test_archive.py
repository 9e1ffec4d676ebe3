"""The archive: every published entry is reachable from it, month by month, undated ones on a
page of their own."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from peerlog.knowledge.archive import UNDATED, ArchiveMonth, by_month
from peerlog.read.entries import Entry

from .project import Project

BASE = "http://site.invalid/"
_HREF = re.compile(r'href="([^"]*)"')


def _entry(name: str, day: str | None) -> Entry:
    return Entry(f"journals/{name}.md", f"{name}.md", name,
                 date.fromisoformat(day) if day else None)


def test_months_come_newest_first_then_the_undated_entries_in_the_order_given() -> None:
    a, b, c = _entry("a", "2026-03-20"), _entry("b", "2026-03-02"), _entry("c", "2025-12-31")
    u, v = _entry("u", None), _entry("v", None)
    assert by_month([a, b, u, c, v]) == (
        ArchiveMonth("2026-03", (a, b)), ArchiveMonth("2025-12", (c,)),
        ArchiveMonth(UNDATED, (u, v)))
    assert by_month([]) == ()


def _article(site: Path, url: str) -> str:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article"): html.index("</article>")]


def _links(site: Path, url: str, under: str) -> list[str]:
    """The site-relative URLs under ``under`` that the page at ``url`` links to, in order."""
    found = (urljoin(BASE + url, href).removeprefix(BASE)
             for href in _HREF.findall(_article(site, url)))
    return list(dict.fromkeys(u for u in found if u.startswith(under) and u != url))


def test_every_entry_of_the_example_is_reachable_from_the_archive(example_site: Path) -> None:
    entries = [e["url"] for e in json.loads(
        (example_site / "peerlog.json").read_text(encoding="utf-8"))["entries"]]
    months = _links(example_site, "archive/", "archive/")
    assert months == sorted(months, reverse=True) and months[-1] == "archive/2025-09/"
    reached = [e for m in months for e in _links(example_site, m, "entries/")]
    # More than "Recent entries" lists (50), so some are reachable from the archive alone.
    assert len(reached) == len(set(reached)) == len(entries) > 50
    assert set(reached) == set(entries)
    recent = _article(example_site, "recent/")
    assert f"The 50 newest of {len(entries)} entries. Older entries: " \
        '<a href="../archive/">archive</a>.' in recent


def test_archive_pages_count_and_name_their_months(project: Project) -> None:
    project.entry("a.md", title="March one", date="2026-03-02", author="alice")
    project.entry("b.md", title="March two", date="2026-03-20", author="bob")
    project.entry("c.md", title="Old one", date="2025-12-31", author="alice")
    project.entry("d.md", title="No date", author="carol")
    build = project.build("--strict")
    assert build.code == 0, build.log
    index = _article(build.site, "archive/")
    rows = re.findall(r'<tr><td><a href="([^"]*)">([^<]*)</a></td><td>(\d+)</td></tr>', index)
    assert rows == [("2026-03/", "March 2026", "2"), ("2025-12/", "December 2025", "1"),
                    ("undated/", "Undated entries", "1")]
    march = _article(build.site, "archive/2026-03/")
    assert "<h1>March 2026</h1>" in march and "<p>2 entries, newest first." in march
    assert march.index("March two") < march.index("March one") and "Old one" not in march
    assert "No date" in _article(build.site, "archive/undated/")
    assert "<title>Archive: March 2026 - Test journal</title>" in build.page("archive/2026-03/")
