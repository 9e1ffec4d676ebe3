"""The programme lead's view: who to ask, skill-based pairing, the clinic and momentum.

The knowledge functions run on a purpose-built journal (``JOURNAL``) whose answers are worked
out by hand in the comments; the pages and the commands run on real builds and real projects.
"""

from __future__ import annotations

import csv
import io
import json
import random
import time
from collections import Counter
from datetime import date, timedelta

import pytest

from peerlog.cli import main
from peerlog.knowledge import model
from peerlog.knowledge.clinic import MAX_OPEN, clinic_agenda, to_markdown
from peerlog.knowledge.expertise import MAX_NAMED, Expertise, who_to_ask
from peerlog.knowledge.momentum import MAX_LISTED, Quiet, momentum
from peerlog.knowledge.pairing import MAX_LOAD, Suggestion, suggest_pairs
from peerlog.knowledge.people import build_people
from peerlog.read.attempts import Attempt, Result
from peerlog.read.entries import Entry

from .project import Project
from .test_hostile import Scan

Capture = pytest.CaptureFixture[str]
TODAY = date(2026, 6, 30)  # recent = from 2026-04-01; quiet = nothing from 2026-05-02


def entry(name: str, day: str, author: str, problem: str | None, tag: str,
          tried: tuple[tuple[str, Result], ...] = (), **kw: object) -> Entry:
    return Entry(f"journals/{name}.md", f"{name}.md", kw.pop("title", name),  # type: ignore[arg-type]
                 date.fromisoformat(day), (author,), (tag,), problem,
                 attempts=tuple(Attempt(t, r) for t, r in tried), **kw)  # type: ignore[arg-type]


JOURNAL = [
    # pdf-tables: worked for ana twice (E1's worked attempt, E2's solved outcome without
    # attempts) and ben twice (E3); cy, dee and gus are stuck in the last 90 days.
    entry("e1", "2026-01-10", "ana", "pdf-tables", "pdf",
          (("Ask for JSON", "failed"), ("Give one example row", "worked"))),
    entry("e2", "2026-02-15", "ana", "pdf-tables", "pdf", outcome="solved", pair=("ben",)),
    entry("e3", "2026-03-01", "ben", "pdf-tables", "pdf",
          (("Give one example row", "worked"), ("Camelot first", "worked")),
          learned_from=("ana",), pair=("ana",)),
    entry("e4", "2026-05-10", "cy", "pdf-tables", "pdf", (("Ask for JSON", "failed"),),
          outcome="unsolved"),
    entry("e5", "2026-06-01", "dee", "pdf-tables", "pdf", outcome="unsolved", pair=("ben",)),
    entry("e13", "2026-04-20", "gus", "pdf-tables", "pdf", (("Ask for JSON", "failed"),)),
    # sql: worked for eve only (bus factor 1), whom fay taught; fay is stuck; cy's unsolved
    # entry is too old to be demand.
    entry("e6", "2026-06-20", "eve", "sql", "sql", (("Window function", "worked"),),
          learned_from=("fay",), title="Window functions for a running total"),
    entry("e7", "2026-05-05", "fay", "sql", "sql", (("Ask for SQL directly", "failed"),),
          outcome="unsolved"),
    entry("e11", "2025-12-01", "cy", "sql", "sql", outcome="unsolved"),
    # handwriting: nobody cracked it by TODAY (ben's success is dated after it).
    entry("e8", "2026-06-10", "cy", "handwriting", "ocr",
          (("Photo into chat", "failed"), ("Higher-res scan", "failed")),
          outcome="unsolved", learned_from=("ben",)),
    entry("e9", "2026-06-12", "dee", "handwriting", "ocr", (("photo into  chat", "failed"),),
          outcome="unsolved", learned_from=("ben",)),
    entry("e12", "2026-07-05", "ben", "handwriting", "ocr", (("Printed form", "worked"),)),
    # No problem type: an open problem of its own, with markup in its title.
    entry("e10", "2026-06-15", "fay", None, "misc", (("Ask for 10 slides", "failed"),),
          title="Slides from a *memo* <b>"),
]
KB = model.build(JOURNAL)
PEOPLE = build_people(KB.entries)
BY_NAME = {e.rel.removesuffix(".md"): e for e in JOURNAL}


def test_who_to_ask_counts_experts_teachers_and_flags() -> None:
    who = who_to_ask(KB, TODAY)
    # Teachers in pdf-tables: ben paired with ana (e2) and dee (e5), ana taught ben (e3).
    assert who.problems["pdf-tables"] == Expertise(
        "pdf-tables", "pdf-tables", experts=(("ana", 2), ("ben", 2)),
        teachers=(("ben", 2), ("ana", 1)), supply=2, demand=3, stuck=("cy", "dee", "gus"))
    assert who.topics["pdf"].experts == who.problems["pdf-tables"].experts
    sql = who.problems["sql"]
    assert (sql.experts, sql.teachers, sql.supply, sql.demand, sql.stuck) == (
        (("eve", 1),), (("fay", 1),), 1, 1, ("fay",))
    hand = who.problems["handwriting"]
    assert (hand.experts, hand.teachers, hand.supply, hand.demand) == ((), (("ben", 2),), 0, 2)
    flags = {k: (x.bus_factor_one, x.skill_gap) for k, x in who.problems.items()}
    assert flags == {"pdf-tables": (False, True), "sql": (True, False),
                     "handwriting": (False, True)}
    # A week later ben's printed form counts: handwriting has one person it worked for.
    later = who_to_ask(KB, date(2026, 7, 7)).problems["handwriting"]
    assert (later.experts, later.bus_factor_one, later.skill_gap) == ((("ben", 1),), True, True)


def test_pairing_serves_the_stuck_with_fresh_helpers_within_the_load_cap() -> None:
    e = BY_NAME
    # dee and cy go to ana (ben has worked with both), which fills her cap of 2, so gus gets
    # ben; fay's only helper is eve, whom she taught: suggested, but marked as a known pair.
    # Nobody cracked handwriting or misc, and the topics repeat the problem types' entries.
    assert suggest_pairs(KB, PEOPLE, TODAY) == (
        Suggestion("dee", "ana", "problem", "pdf-tables", (e["e5"],), (e["e2"], e["e1"]), True),
        Suggestion("cy", "ana", "problem", "pdf-tables", (e["e4"],), (e["e2"], e["e1"]), True),
        Suggestion("fay", "eve", "problem", "sql", (e["e7"],), (e["e6"],), False),
        Suggestion("gus", "ben", "problem", "pdf-tables", (e["e13"],), (e["e3"],), True),
    )


def test_pairing_load_cap_topic_filter_and_never_oneself() -> None:
    capped = suggest_pairs(KB, PEOPLE, TODAY, max_load=1)
    assert [(s.learner, s.helper, s.new_pair) for s in capped] == [
        ("dee", "ana", True), ("cy", "ben", False), ("fay", "eve", False)]
    only_sql = suggest_pairs(KB, PEOPLE, TODAY, topic="SQL")
    assert [(s.learner, s.helper, s.kind) for s in only_sql] == [("fay", "eve", "problem")]
    alone = model.build([entry("a", "2026-01-05", "hal", "cal", "cal", outcome="solved"),
                         entry("b", "2026-06-05", "hal", "cal", "cal", outcome="unsolved")])
    assert suggest_pairs(alone, build_people(alone.entries), TODAY) == ()


def test_the_clinic_agenda_exactly() -> None:
    agenda = clinic_agenda(KB, TODAY, date(2026, 6, 1))
    assert to_markdown(agenda) == """\
# Clinic agenda, 2026-06-30

## Open problems nobody has cracked

### 1. handwriting (problem type)

3 attempts in 2 entries; stuck: cy, dee.

Ruled out:

- photo into chat
- Higher-res scan

### 2. Slides from a \\*memo\\* \\<b\\> (entry)

1 attempt in 1 entry; stuck: fay.

Ruled out:

- Ask for 10 slides

## Solved since 2026-06-01

- 2026-06-20: Window functions for a running total (eve)
"""
    # A week after ben's success, handwriting is no longer open, and it was solved since.
    later = clinic_agenda(KB, date(2026, 7, 7), date(2026, 6, 30))
    assert [p.name for p in later.open] == ["Slides from a *memo* <b>"]
    assert later.solved == (BY_NAME["e12"],)


def test_momentum_helpers_this_month_and_who_went_quiet() -> None:
    found = momentum(KB.entries, TODAY)
    # June: ben was named by cy (e8), dee (e5, e9): 2 people; fay by eve (e6).
    assert found.helpers == (("ben", 2), ("fay", 1))
    # ana: January, February, March, nothing since; ana and ben together in February and
    # March. gus was active in April only; everyone else has written since 2026-05-02.
    assert found.quiet_people == (Quiet(("ana",), date(2026, 3, 1), 3),)
    assert found.quiet_pairs == (Quiet(("ana", "ben"), date(2026, 3, 1), 2),)


def _day(days_ago: int) -> str:
    return (date.today() - timedelta(days=days_ago)).isoformat()


HOSTILE = "<script>alert(1)</script>"


def _programme_project(project: Project) -> None:
    """Dated relative to the build day (the pages' today): ana cracked pdf tables; bo is
    stuck on them and on handwriting, which nobody has cracked."""
    project.entry("a.md", title="Tables with one example row", date=_day(200), author="ana",
                  tags=["pdf"], problem="pdf-tables", outcome="solved")
    project.entry("b.md", title=f"Invoice tables {HOSTILE}", date=_day(10), author="bo",
                  tags=["pdf"], problem="pdf-tables", outcome="unsolved",
                  body="- tried: asked for JSON -> failed\n")
    project.entry("c.md", title="Receipts", date=_day(5), author="bo", tags=["ocr"],
                  problem="handwriting", outcome="unsolved", pair=[HOSTILE],
                  learned_from=[HOSTILE], body=f"- tried: a photo {HOSTILE} -> failed\n")
    project.entry("d.md", title="Bad author", date=_day(4), author=HOSTILE, tags=["ocr"],
                  problem="handwriting", outcome="unsolved")


def test_pages_show_who_to_ask_pairs_clinic_and_momentum(project: Project) -> None:
    _programme_project(project)
    build = project.build()
    assert build.code == 0, build.log
    problem = build.article("problems/pdf-tables/")
    assert 'data-peerlog="who-to-ask"' in problem
    assert 'data-peerlog-flag="bus-factor"' in problem
    assert "It worked for</dt><dd>" in problem and ">ana</a> (1)" in problem
    playbook = build.article("playbooks/handwriting/")
    assert 'data-peerlog-flag="skill-gap"' in playbook
    assert "<strong>Skill gap:</strong> 1 person stuck in the last 90 days, 0 it worked for." \
        in playbook
    assert 'data-peerlog="who-to-ask"' in build.article("topics/pdf/")
    pairs = build.article("pairs/")
    assert pairs.count("<tr>") == 2  # the heading and bo with ana
    assert ">bo</a>" in pairs and ">ana</a>" in pairs and "problem type <a" in pairs
    clinic = build.article("clinic/")
    assert "1. <a href=\"../problems/handwriting/\">handwriting</a> (problem type)" in clinic
    assert "<li>a photo &lt;script&gt;alert(1)&lt;/script&gt;</li>" in clinic
    people = build.article("people/")
    for page in (pairs, clinic, people, playbook):
        assert HOSTILE not in page
    # The programme pages run what every page runs (the theme's), and no handler; only the
    # previous and next page links differ.
    scans = {url: _scan(build.page(url)) for url in ("recent/", "pairs/", "clinic/", "people/")}
    active = {u: ({a for a in s.active if not a.startswith("link ")}, s.handlers)
              for u, s in scans.items()}
    assert active == dict.fromkeys(scans, active["recent/"]) and active["recent/"][1] == []
    assert "Invoice tables &lt;script&gt;" in pairs
    assert "Who helped most people this month" in people and "Gone quiet" in people
    home = build.page("")
    assert "Pairing suggestions" in home and "Clinic agenda" in home


def _scan(page: str) -> Scan:
    scan = Scan()
    scan.feed(page)
    scan.close()
    return scan


def _run(project: Project, capsys: Capture, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(project.root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_pairs_command_formats_topic_and_limit(project: Project, capsys: Capture) -> None:
    _programme_project(project)
    as_of = date.today().isoformat()
    code, out, err = _run(project, capsys, "pairs", "--format", "csv", "--as-of", as_of)
    assert code == 0
    assert list(csv.reader(io.StringIO(out))) == [
        ["learner", "helper", "kind", "group", "new_pair", "stuck_on", "worked_in"],
        ["bo", "ana", "problem", "pdf-tables", "yes", "journals/b.md", "journals/a.md"],
    ]
    assert err == f"1 of 1 suggestions as of {as_of}\n"
    code, out, _ = _run(project, capsys, "pairs", "--format", "json", "--topic", "PDF")
    assert json.loads(out) == [{
        "learner": "bo", "helper": "ana", "kind": "topic", "group": "pdf", "new_pair": True,
        "stuck_on": [{"path": "journals/b.md", "title": f"Invoice tables {HOSTILE}",
                      "date": _day(10)}],
        "worked_in": [{"path": "journals/a.md", "title": "Tables with one example row",
                       "date": _day(200)}]}]
    code, out, err = _run(project, capsys, "pairs", "--limit", "0")
    assert (code, out, err) == (0, "", f"0 of 1 suggestions as of {as_of}\n")
    code, out, _ = _run(project, capsys, "pairs")
    assert out.splitlines()[0] == "1. bo with ana, problem type 'pdf-tables'"


def test_clinic_command_and_bad_dates(project: Project, capsys: Capture) -> None:
    _programme_project(project)
    code, out, _ = _run(project, capsys, "clinic", "--as-of", _day(0), "--since", _day(3))
    assert code == 0
    assert out.splitlines()[:8] == [
        f"# Clinic agenda, {_day(0)}", "", "## Open problems nobody has cracked", "",
        "### 1. handwriting (problem type)", "", "1 attempt in 2 entries; stuck: bo.", ""]
    assert "- a photo \\<script\\>alert(1)\\</script\\>" in out
    assert out.endswith(f"## Solved since {_day(3)}\n\nNothing yet.\n")
    assert _run(project, capsys, "clinic", "--since", "2026-13-01") == (
        2, "", "peerlog clinic: --since '2026-13-01' is not a date (write it as YYYY-MM-DD, "
        "e.g. 2026-11-30)\n")
    assert _run(project, capsys, "clinic", "--as-of", "2026-01-01", "--since", "2026-02-01") \
        == (2, "", "peerlog clinic: --since 2026-02-01 is after --as-of 2026-01-01\n")
    assert _run(project, capsys, "pairs", "--as-of", "yesterday")[::2] == (
        2, "peerlog pairs: --as-of 'yesterday' is not a date (write it as YYYY-MM-DD, e.g. "
        "2026-11-30)\n")


def test_pairs_csv_never_hands_a_spreadsheet_a_formula(project: Project, capsys: Capture) -> None:
    project.entry("a.md", title="=HYPERLINK(1)", date=_day(100), author="ana", tags=["@cmd"],
                  outcome="solved")
    project.entry("b.md", title="+1", date=_day(2), author="bo", tags=["@cmd"],
                  outcome="unsolved")
    code, out, _ = _run(project, capsys, "pairs", "--format", "csv")
    assert code == 0
    assert list(csv.reader(io.StringIO(out)))[1] == [
        "bo", "ana", "topic", "'@cmd", "yes", "journals/b.md", "journals/a.md"]
    assert _run(project, capsys, "pairs", "--limit", "-1")[::2] == (
        2, "peerlog pairs: --limit -1 is negative\n")


def test_ten_thousand_entries_stay_linear_and_every_cap_holds() -> None:
    """800 people, 60 tags, 40 problem types, 3 attempts each, one entry naming 300 pair
    partners: about 2 s in all on a busy machine (who to ask 1 s, pairing 0.8 s)."""
    rng = random.Random(12)
    people = [f"p{i}" for i in range(800)]
    results: tuple[Result, ...] = ("worked", "failed", "partial")
    journal = [
        Entry(f"journals/{i}.md", f"{i}.md", f"t{i}", TODAY - timedelta(days=rng.randrange(400)),
              (rng.choice(people),), tuple(rng.sample([f"tag{j}" for j in range(60)], 3)),
              f"prob{rng.randrange(40)}", pair=(rng.choice(people),),
              learned_from=(rng.choice(people),),
              outcome=rng.choice(["solved", "unsolved", "partial", None]),
              attempts=tuple(Attempt(f"approach {rng.randrange(300)}", rng.choice(results))
                             for _ in range(3)))
        for i in range(10_000)]
    journal.append(entry("crowd", "2026-06-29", "p1", "prob1", "tag1", pair=tuple(people[:300])))
    kb = model.build(journal)
    started = time.perf_counter()
    who = who_to_ask(kb, TODAY)
    pairs = suggest_pairs(kb, build_people(kb.entries), TODAY)
    agenda = clinic_agenda(kb, TODAY, TODAY - timedelta(days=7))
    found = momentum(kb.entries, TODAY)
    assert time.perf_counter() - started < 30
    assert all(len(x.experts) <= MAX_NAMED and len(x.stuck) <= MAX_NAMED
               for x in (*who.topics.values(), *who.problems.values()))
    load = Counter(s.helper for s in pairs)
    assert pairs and max(load.values()) <= MAX_LOAD
    assert all(s.learner != s.helper for s in pairs)
    assert len({(s.learner, s.helper) for s in pairs}) == len(pairs)
    assert len(agenda.open) <= MAX_OPEN and len(found.quiet_pairs) <= MAX_LISTED
