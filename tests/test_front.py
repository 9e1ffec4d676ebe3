"""The home page that lives: the team's welcome text, then the newest entries, this month's
numbers, featured playbooks, open problems and helpers, worked out by hand."""

from __future__ import annotations

import re
from datetime import date, timedelta

from peerlog.knowledge import model
from peerlog.knowledge.front import FrontPage, Helper, MonthNumbers, front_page
from peerlog.knowledge.playbooks import Freshness, build_playbooks
from peerlog.read.attempts import Attempt
from peerlog.read.entries import Entry

from .project import Project

TODAY = date(2026, 5, 15)


def _entry(title: str, day: str | None, authors: tuple[str, ...], problem: str,
           tries: str = "", **kw: object) -> Entry:
    """An entry whose attempts are ``tries``: one letter each, upper case worked, lower failed."""
    attempts = tuple(Attempt(f"approach {t.lower()}", "worked" if t.isupper() else "failed")
                     for t in tries)
    return Entry(f"journals/{title}.md", f"{title}.md", title,
                 date.fromisoformat(day) if day else None, authors, problem=problem,
                 attempts=attempts, **kw)  # type: ignore[arg-type]


E1 = _entry("may-solved", "2026-05-10", ("alice",), "extraction", "A", outcome="solved",
            learned_from=("bob",))
E2 = _entry("may-open", "2026-05-03", ("bob", "carol"), "dax", "bc", outcome="unsolved")
E3 = _entry("april", "2026-04-28", ("alice",), "extraction", "Ad", learned_from=("bob",),
            pair=("dave",))
E4 = _entry("march", "2026-03-01", ("dave",), "dax", "b", outcome="partial",
            learned_from=("carol",))
E5 = _entry("february", "2026-02-01", ("erin",), "summaries", "E", outcome="solved",
            pair=("alice",))
E6 = _entry("january", "2026-01-10", ("erin",), "prompts", "f", outcome="unsolved")
E7 = _entry("undated", None, ("frank",), "writing", outcome="unsolved")
E8 = _entry("last-may", "2025-05-20", ("alice",), "extraction", outcome="solved")


def _front(*entries: Entry) -> FrontPage:
    kb = model.build(entries)
    return front_page(kb, build_playbooks(kb.problems, [], freshness=Freshness(TODAY)), TODAY)


def test_the_front_page_of_a_known_journal() -> None:
    front = _front(E1, E2, E3, E4, E5, E6, E7, E8)
    assert front.newest == (E1, E2, E3, E4, E5)
    # May 2026 only (not May 2025): E1 and E2, by alice, bob and carol; E1 solved.
    assert front.month == MonthNumbers("2026-05", entries=2, writers=3, solved=1)
    # Reports: dax 2 + 1, extraction 1 + 2 (E8 has none), prompts 1, summaries 1, writing 0;
    # ties by name.
    assert [p.key for p in front.featured] == ["dax", "extraction", "prompts"]
    # Unsolved problem types, most entries first: dax (2), then prompts and writing (1 each).
    assert [p.key for p in front.open_problems] == ["dax", "prompts", "writing"]
    assert front.unsolved == ()
    # Named as teacher or pair: bob twice (E1, E3), alice (E5), carol (E4), dave (E3).
    assert front.helpers == (Helper("bob", 2), Helper("alice", 1), Helper("carol", 1),
                             Helper("dave", 1))


def test_unsolved_entries_fill_the_open_problems_when_few_types_are_open() -> None:
    half = _entry("half", "2026-05-01", ("gina",), "extraction", outcome="unsolved")
    front = _front(E1, E7, half)
    assert [p.key for p in front.open_problems] == ["writing"]
    # E7 is writing's own, already listed; extraction is solved (E1) but "half" is not.
    assert front.unsolved == (half,)
    assert _front().month == MonthNumbers("2026-05", 0, 0, 0)


def _sections(html: str) -> str:
    """The generated sections as text: tags removed, white space collapsed, blank lines dropped."""
    start = html.index(">", html.index('data-peerlog="home"')) + 1
    section = html[start: html.index("</section>", start)]
    lines = (" ".join(line.split()) for line in re.sub(r"<[^>]+>", "", section).splitlines())
    return "\n".join(line for line in lines if line)


def test_the_home_page_keeps_the_welcome_and_adds_the_journal(project: Project) -> None:
    today = date.today()
    earlier = today.replace(day=1) - timedelta(days=1)  # the last day of the previous month
    project.entry("a.md", "- tried one example row -> worked\n", title="Fresh win",
                  date=today.isoformat(), author="alice", problem="extraction",
                  outcome="solved", learned_from=["bob"])
    project.entry("b.md", "- tried the whole file -> failed\n- tried half -> failed\n",
                  title="Still stuck", date=today.isoformat(), author="carol", problem="dax",
                  outcome="unsolved", pair=["bob"])
    project.entry("c.md", title="Last month's note <b>", date=earlier.isoformat(), author="dave",
                  problem="extraction", learned_from=["alice"])
    build = project.build("--strict")
    assert build.code == 0, build.log
    article = build.article("")
    assert article.index("Welcome.") < article.index('data-peerlog="home"')
    month = today.strftime("%B %Y")
    assert _sections(article) == "\n".join([
        "The sections below are generated from the journals at every build.",
        "Newest entries",
        "Fresh win", "solved", f"{today.isoformat()} · alice · extraction",
        "Still stuck", "unsolved", f"{today.isoformat()} · carol · dax",
        "Last month&#39;s note &lt;b&gt;", f"{earlier.isoformat()} · dave · extraction",
        "All recent entries · the archive, month by month",
        "This month",
        f"{month}: 2 entries by 2 writers, 1 solved. Month by month",
        "Featured playbooks",
        "Playbook: dax", "2 reports from 1 entry",
        "Playbook: extraction", "1 report from 2 entries",
        "Open problems",
        "Nobody has cracked these yet. Tried something that worked? Write it down.",
        "dax", "1 entry, nothing worked yet",
        "Helpers",
        "The people others name most as who taught them or who they paired with.",
        "bob named in 2 entries", "alice named in 1 entry",
    ])
    assert '<a class="peerlog-person" href="people/bob/">bob</a>' in article
    assert '<a class="peerlog-list__title" href="playbooks/dax/">dax</a>' in article


def test_without_docs_index_the_home_page_is_generated(project: Project) -> None:
    (project.root / "docs" / "index.md").unlink()
    project.entry("a.md", title="Only entry", date="2026-01-05", author="alice")
    build = project.build("--strict")
    assert build.code == 0, build.log
    article = build.article("")
    assert "<h1>Test journal</h1>" in article
    assert article.index("What we tried with AI tools at work") < article.index("Only entry")
    assert "<title>Test journal - Test journal</title>" in build.page("")
