from __future__ import annotations

from datetime import date

from peerlog.knowledge.activity import Month, by_month
from peerlog.read.entries import Entry

from .project import Project


def entry(day: str, authors: tuple[str, ...], **kw: object) -> Entry:
    return Entry(f"journals/{day}.md", f"{day}.md", day, date.fromisoformat(day), authors,
                 **kw)  # type: ignore[arg-type]


def test_months_count_newcomers_teachers_and_credit() -> None:
    months = by_month([
        entry("2026-01-05", ("alice",), outcome="solved"),
        entry("2026-01-20", ("bob",), learned_from=("alice",)),
        entry("2026-02-02", ("Alice",), pair=("carol",), outcome="solved"),
        entry("2026-02-10", ("carol",), learned_from=("alice", "bob")),
        Entry("journals/x.md", "x.md", "undated", None, ("zed",)),
    ])
    assert months == (
        Month("2026-01", entries=2, contributors=2, newcomers=2, teachers=1, credited=1, solved=1),
        Month("2026-02", entries=2, contributors=2, newcomers=1, teachers=2, credited=2, solved=1),
    )
    assert months[1].credited_share == 1.0


def test_activity_page(project: Project) -> None:
    project.entry("a.md", title="A", date="2026-01-05", author="alice")
    project.entry("b.md", title="B", date="2026-02-05", author="bob", learned_from=["alice"])
    page = project.build("--strict").article("people/activity/")
    rows = page[page.index("<tbody>"):]
    assert rows.index("<td>2026-02</td>") < rows.index("<td>2026-01</td>")
    assert "<td>1 (100%)</td>" in rows and "<td>0 (0%)</td>" in rows
