"""Each person's learning record: what they wrote, tried, were taught and taught, by topic and
month, on their page and as CSV rows, worked out by hand."""

from __future__ import annotations

import csv
import io
from datetime import date

from peerlog.base.text import spreadsheet_cell
from peerlog.knowledge.record import (
    CONFIRMATION,
    TAUGHT,
    TAUGHT_BY,
    TRIED,
    WROTE,
    Row,
    Tally,
    learning_records,
)
from peerlog.read.attempts import Attempt
from peerlog.read.confirmations import Confirmation
from peerlog.read.entries import Entry

from .project import Project

R1 = Entry("journals/r1.md", "r1.md", "Invoices", date(2026, 3, 2), ("alice",),
           tags=("pdf", "Extraction"), problem="data-extraction", pair=("bob",),
           learned_from=("carol",), outcome="solved",
           attempts=(Attempt("approach a", "worked"), Attempt("approach b", "failed")))
R2 = Entry("journals/r2.md", "r2.md", "=SUM formulas", date(2026, 2, 10), ("bob", "alice"),
           tags=("excel",), problem="sql", learned_from=("alice",), outcome="partial",
           attempts=(Attempt("approach c", "worked"), Attempt("approach d", "partial")))
R3 = Entry("journals/r3.md", "r3.md", "Notes", None, ("carol",), tags=("PDF",),
           learned_from=("dave",))
#: The entries' topics as the site names them (``PDF`` is the site's ``pdf``).
T1, T2, T3 = ("pdf", "Extraction"), ("excel",), ("pdf",)
BY_DAVE = Confirmation("journals/confirmations/c.md", "journals/r1.md", "dave",
                       date(2026, 4, 1), "worked")


def test_records_of_a_known_journal() -> None:
    records = learning_records([R1, R2, R3], [BY_DAVE], {"pdf": "pdf"})
    alice = records["alice"]
    assert alice.rows == (
        Row(R1.date, R1, WROTE, ("bob",), "solved", topics=T1),
        Row(R1.date, R1, TRIED, (), "worked", "approach a", topics=T1),
        Row(R1.date, R1, TRIED, (), "failed", "approach b", topics=T1),
        Row(R1.date, R1, TAUGHT_BY, ("carol",), "solved", topics=T1),
        # Co-author of R2, and named in its learned_from: she taught bob, not herself.
        Row(R2.date, R2, WROTE, ("bob",), "partial", topics=T2),
        Row(R2.date, R2, TRIED, (), "worked", "approach c", topics=T2),
        Row(R2.date, R2, TRIED, (), "partial", "approach d", topics=T2),
        Row(R2.date, R2, TAUGHT, ("bob",), "partial", topics=T2),
    )
    # R1's four rows count for both its topics, R2's four for excel: a tie, so by name;
    # "Extraction" is not a topic name the site gave, so it is kept as written.
    assert alice.by_topic == (Tally("excel", wrote=1, tried=2, worked=1, taught=1),
                              Tally("Extraction", wrote=1, tried=2, worked=1, taught_by=1),
                              Tally("pdf", wrote=1, tried=2, worked=1, taught_by=1))
    assert alice.by_month == (Tally("2026-03", wrote=1, tried=2, worked=1, taught_by=1),
                              Tally("2026-02", wrote=1, tried=2, worked=1, taught=1))
    assert records["bob"].rows == (
        Row(R2.date, R2, WROTE, ("alice",), "partial", topics=T2),
        Row(R2.date, R2, TRIED, (), "worked", "approach c", topics=T2),
        Row(R2.date, R2, TRIED, (), "partial", "approach d", topics=T2),
        Row(R2.date, R2, TAUGHT_BY, ("alice",), "partial", topics=T2),
    )
    assert records["carol"].rows == (Row(R1.date, R1, TAUGHT, ("alice",), "solved", topics=T1),
                                     Row(None, R3, WROTE, (), "", topics=T3),
                                     Row(None, R3, TAUGHT_BY, ("dave",), "", topics=T3))
    dave = records["dave"]
    assert dave.rows == (Row(BY_DAVE.date, R1, TRIED, ("alice",), "worked", CONFIRMATION, topics=T1),
                         Row(None, R3, TAUGHT, ("carol",), "", topics=T3))
    # Undated rows are in their topics but in no month; PDF is the site's pdf.
    assert dave.by_month == (Tally("2026-04", tried=1, worked=1),)
    assert dave.by_topic == (Tally("pdf", tried=1, worked=1, taught=1),
                             Tally("Extraction", tried=1, worked=1))


def test_a_cell_never_runs_as_a_formula() -> None:
    assert [spreadsheet_cell(t) for t in ("=1+1", "+x", "-2", "@SUM(A1)", "\tx", "plain", "")] == [
        "'=1+1", "'+x", "'-2", "'@SUM(A1)", "'\tx", "plain", ""]


def test_the_person_page_and_csv(project: Project) -> None:
    project.extra_config = "site_url: https://kb.example.org/\n"
    project.entry("r1.md", "- tried approach a -> worked\n- tried approach b -> failed\n",
                  title="Invoices", date="2026-03-02", author="alice", pair=["bob"],
                  learned_from=["carol"], tags=["pdf", "extraction"], problem="data-extraction",
                  outcome="solved")
    project.entry("r2.md", "- tried approach c -> worked\n", title="=SUM formulas",
                  date="2026-02-10", author="bob", learned_from=["alice"], tags=["excel"],
                  problem="sql", outcome="partial")
    project.write("journals/confirmations/2026-04-01-dave-r1.md",
                  "---\nconfirms: r1.md\nauthor: dave\ndate: 2026-04-01\nresult: worked\n---\n")
    build = project.build("--strict")
    assert build.code == 0, build.log
    rows = list(csv.reader(io.StringIO(
        (build.site / "people" / "alice" / "record.csv").read_text(encoding="utf-8"))))
    r1, r2 = "https://kb.example.org/entries/r1/", "https://kb.example.org/entries/r2/"
    assert rows == [
        ["date", "entry title", "entry URL", "topics", "problem", "role", "other person",
         "result", "what was tried"],
        ["2026-03-02", "Invoices", r1, "pdf; extraction", "data-extraction", "wrote", "bob",
         "solved", ""],
        ["2026-03-02", "Invoices", r1, "pdf; extraction", "data-extraction", "tried", "",
         "worked", "approach a"],
        ["2026-03-02", "Invoices", r1, "pdf; extraction", "data-extraction", "tried", "",
         "failed", "approach b"],
        ["2026-03-02", "Invoices", r1, "pdf; extraction", "data-extraction", "was taught by",
         "carol", "solved", ""],
        ["2026-02-10", "'=SUM formulas", r2, "excel", "sql", "taught", "bob", "partial", ""],
    ]
    dave = (build.site / "people" / "dave" / "record.csv").read_text(encoding="utf-8")
    assert dave.splitlines()[1:] == [
        f"2026-04-01,Invoices,{r1},pdf; extraction,data-extraction,tried,alice,worked,"
        f"{CONFIRMATION}"]
    page = build.article("people/alice/")
    assert ("evidence of the AI literacy that the EU AI Act asks employers to ensure for their "
            "staff. <a href=\"record.csv\" download data-peerlog=\"record-csv\">") in page
    topics = page[page.index('data-peerlog="record-topic"'):]
    assert ("<tr><td>pdf</td><td>1</td><td>2</td><td>1</td><td>1</td><td>0</td></tr>"
            in topics.split("</table>")[0])
    months = page[page.index('data-peerlog="record-month"'):].split("</table>")[0]
    assert months.count("<tr><td>") == 2 and (
        "<tr><td>2026-02</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>" in months)
    teaching = page[page.index('data-peerlog="record-teaching"'):].split("</ul>")[0]
    assert ('<time datetime="2026-02-10">2026-02-10</time>: taught <a href="../bob/">bob</a> in '
            '<a href="../../entries/r2/">=SUM formulas</a>') in teaching
    assert "@" not in dave and "@" not in page
