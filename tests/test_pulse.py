"""The Pulse page's numbers, on a journal whose every number is worked out by hand below, and
a real build of the page, its charts, tables and CSV files."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from peerlog.knowledge.chains import MAX_DEPTH, Chains, teaching_chains
from peerlog.knowledge.pulse import (
    OpenProblem,
    ProblemMonth,
    Pulse,
    Taught,
    TeamMonth,
    Trend,
    build_pulse,
    readings,
    trend_reading,
)
from peerlog.read.entries import Entry, Source
from peerlog.render.charts import Chart, Series, to_csv

from .project import Project

TODAY = date(2026, 4, 15)  # a Wednesday in ISO week 16; April 2026 has not ended


def entry(day: str, *authors: str, **kw: object) -> Entry:
    return Entry(f"journals/{day}-{authors[0]}.md", f"{day}-{authors[0]}.md", day,
                 date.fromisoformat(day), authors, **kw)


# Jan: alice (course), bob (taught by alice), carol (taught by bob, paired with dan).
# Feb: nothing. Mar: dan (taught by carol and the docs), alice and erin together (self-taught).
# Apr: bob alone, taught by nobody. Teams: alice, bob Finance; carol, dan Support; erin none.
ENTRIES = (
    entry("2026-01-05", "alice", sources=(Source("course", "Prompting 101"),), outcome="solved",
          problem="data-extraction", tags=("pdf",)),
    entry("2026-01-07", "bob", learned_from=("alice",), outcome="unsolved",
          problem="data-extraction", tags=("pdf",)),
    entry("2026-01-20", "carol", learned_from=("bob",), pair=("dan",), outcome="partial",
          problem="emails", tags=("email",)),
    entry("2026-03-02", "dan", learned_from=("carol",), sources=(Source("docs", "API"),),
          outcome="unsolved", problem="emails", tags=("email", "PDF")),
    entry("2026-03-03", "alice", "erin", sources=(Source("self"),), outcome="solved",
          problem="data-extraction", tags=("excel",)),
    entry("2026-04-01", "bob", outcome="unsolved", problem="emails", tags=("email",)),
    Entry("journals/undated.md", "undated.md", "Undated", None, ("zed",), outcome="solved"),
)
TEAMS = {"alice": "Finance", "bob": "Finance", "carol": "Support", "dan": "Support"}


def pulse(today: date = TODAY) -> Pulse:
    return build_pulse(ENTRIES, today, teams=TEAMS, names={"alice": "Alice Martin"},
                       topic_names={"pdf": "pdf"}, coauthored=[("frank", "alice")])


def test_monthly_series_with_the_empty_month_as_zeros() -> None:
    months = pulse().months
    assert [m.label for m in months] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert [(m.entries, m.writers, m.new_writers, m.helpers) for m in months] == [
        (3, 3, 3, 3),  # helpers: alice (bob's teacher), bob (carol's), dan (carol's pair)
        (0, 0, 0, 0),
        (2, 3, 2, 3),  # new: dan, erin; helpers: carol (dan's teacher), alice and erin (co-wrote)
        (1, 1, 0, 0),
    ]
    #            teammate course docs video book article talk self   nobody
    assert [(m.taught_by, m.untaught) for m in months] == [
        ((2, 1, 0, 0, 0, 0, 0, 0), 0),
        ((0, 0, 0, 0, 0, 0, 0, 0), 0),
        ((1, 0, 1, 0, 0, 0, 0, 1), 0),
        ((0, 0, 0, 0, 0, 0, 0, 0), 1),
    ]
    assert [m.outcomes for m in months] == [(1, 1, 1), (0, 0, 0), (1, 0, 1), (0, 0, 1)]
    assert pulse().complete_months == 3 and pulse().dated_entries == 6


def test_weekly_series_runs_to_this_week_with_gaps_as_zeros() -> None:
    p = pulse()
    assert p.weeks[0].label == "2026-W02" and p.weeks[0].start == date(2026, 1, 5)
    assert p.weeks[-1].label == "2026-W16" and p.weeks[-1].start == date(2026, 4, 13)
    assert {w.label: w.entries for w in p.weeks if w.entries} == {
        "2026-W02": 2, "2026-W04": 1, "2026-W10": 2, "2026-W14": 1}
    assert len(p.weeks) == 15 and sum(w.entries for w in p.weeks) == 6
    assert p.complete_weeks == 14


def test_outcomes_by_problem_type_and_open_problems() -> None:
    p = pulse()
    assert p.outcomes == (
        ProblemMonth("2026-01", "data-extraction", (1, 0, 1)),
        ProblemMonth("2026-01", "emails", (0, 1, 0)),
        ProblemMonth("2026-03", "data-extraction", (1, 0, 0)),
        ProblemMonth("2026-03", "emails", (0, 0, 1)),
        ProblemMonth("2026-04", "emails", (0, 0, 1)),
    )
    # data-extraction's latest three include a solved one; emails' (partial, unsolved x2) none.
    assert p.open_problems == (OpenProblem("emails", 3, date(2026, 4, 1), None),)


def test_helpers_of_all_time_add_git_co_authors() -> None:
    assert pulse().helpers_all_time == 6  # alice, bob, carol, dan, erin, and frank from git


def test_topics_growing_and_fading_compare_two_windows_of_complete_months() -> None:
    assert (pulse().growing, pulse().fading) == ((), ())  # 3 complete months: too few
    later = pulse(date(2026, 7, 10))  # Jan-Mar against Apr-Jun
    assert later.growing == ()  # excel had 1, then 0; email 2, then 1
    assert later.fading == (Trend("pdf", 3, 0), Trend("email", 2, 1))
    grown = build_pulse([*ENTRIES, entry("2026-05-04", "bob", tags=("excel",)),
                         entry("2026-06-01", "dan", tags=("Excel",))], date(2026, 7, 10))
    assert grown.growing == (Trend("excel", 1, 2),)


def test_spread_across_teams() -> None:
    p = pulse()
    assert p.teams == ("Finance", "Support", "")
    assert p.team_months == (
        TeamMonth("2026-01", "Finance", 2, 2), TeamMonth("2026-01", "Support", 1, 1),
        TeamMonth("2026-03", "Finance", 1, 1), TeamMonth("2026-03", "Support", 1, 1),
        TeamMonth("2026-03", "", 1, 1), TeamMonth("2026-04", "Finance", 1, 1),
    )
    assert p.taught == (
        Taught("bob", "Finance", "carol", "Support", 1),
        Taught("Alice Martin", "Finance", "bob", "Finance", 1),
        Taught("carol", "Support", "dan", "Support", 1),
    )
    assert [t.crosses for t in p.taught] == [True, False, False]
    assert build_pulse(ENTRIES, TODAY).teams == ()


def test_teaching_chains_of_the_journal() -> None:
    chains = pulse().chains
    assert chains == Chains(relays=("bob", "carol"),
                            generations=(("alice",), ("bob",), ("carol",), ("dan",)),
                            longest=("alice", "bob", "carol", "dan"))
    assert chains.depth == 3


def test_chains_generations_take_the_shortest_way_and_circles_are_safe() -> None:
    chains = teaching_chains([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("x", "y"),
                              ("y", "x"), ("d", "b"), ("e", "e"), ("a", "b")])
    # d -> b closes a circle b, c, d: it is never followed; x and y teach only each other.
    assert chains.generations == (("a",), ("b", "c"), ("d",))
    assert chains.circular == ("x", "y")
    assert chains.relays == ("b", "c", "d", "x", "y")
    assert chains.longest == ("a", "b", "c", "d")
    assert teaching_chains([]) == Chains((), (), ())


def test_a_long_chain_is_capped_and_linear() -> None:
    people = [f"p{i:05d}" for i in range(20_000)]
    chains = teaching_chains(pairwise(people))
    assert len(chains.longest) == MAX_DEPTH and chains.longest[0] == "p00000"
    assert len(chains.generations) == MAX_DEPTH


def test_readings_follow_one_rule() -> None:
    said = readings(pulse())
    assert said["entries-monthly"] == ("Entries: too few complete months (3) to tell a trend; "
                                       "it takes 6.")
    assert said["writers"].endswith(" The last new writer started in 2026-03.")
    assert said["helpers"].endswith(" 6 people have helped a teammate in all.")
    assert said["taught"] == ("Of 6 dated entries, 3 (50%) name a teammate who taught them; "
                              "sources: course 1, docs 1, self 1; 1 (17%) name nobody and "
                              "nothing.")
    assert said["outcomes"] == ("Of 6 entries with an outcome, 2 (33%) were solved, 1 partly "
                                "and 3 not; 1 problem type is open: emails.")
    assert said["teams"] == ("Entries came from 2 teams; 1 of 3 teaching links between people "
                             "with a team cross team lines.")
    later = readings(pulse(date(2026, 7, 10)))
    assert later["entries-monthly"] == (
        "Entries fell from 1.7 to 0.3 a month: the first 3 months (2026-01 to 2026-03) against "
        "the last 3 (2026-04 to 2026-06); the peak was 3 in 2026-01.")


def test_trend_reading_rises_falls_and_holds() -> None:
    labels = [f"m{i}" for i in range(6)]
    assert trend_reading("entries", [1, 1, 1, 3, 3, 3], labels, "month").startswith(
        "Entries rose from 1 to 3 a month")
    # 4 -> 3.3 is less than a 20% fall: steady.
    assert trend_reading("writers", [4, 4, 4, 4, 3, 3], labels, "month").startswith(
        "Writers held steady (4 a month, then 3.3)")
    # 0.3 -> 0.7 more than doubles but is less than one more a month: steady.
    assert trend_reading("helpers", [1, 0, 0, 1, 1, 0], labels, "month").startswith(
        "Helpers held steady")


def test_a_hostile_first_date_cannot_make_a_million_periods() -> None:
    p = build_pulse([entry("0001-01-01", "old"), *ENTRIES], TODAY)
    assert len(p.months) == 120 and len(p.weeks) == 104
    assert p.months[-1].label == "2026-04" and sum(m.new_writers for m in p.months) == 5


def test_chart_geometry_and_csv_cells() -> None:
    c = Chart("x", "T", "Month", "Entries", "", ("a", "b"),
              (Series("s", (3, 0)), Series("t", (4, 1))))
    assert c.y_max == 8 and [t.label for t in c.y_ticks] == ["0", "2", "4", "6", "8"]
    assert [(b.label, b.value, b.series) for b in c.bars] == [("a", 3, 0), ("a", 4, 1),
                                                              ("b", 1, 1)]
    first, second = c.bars[0], c.bars[1]
    assert second.y + second.height == first.y  # stacked
    assert to_csv(("name", "n"), [["=HYPERLINK(1)", 1], ["-bob", 2], ["ok", 3]]) == (
        "name,n\n'=HYPERLINK(1),1\n'-bob,2\nok,3\n")


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_pulse_page_has_charts_tables_and_csv(project: Project) -> None:
    project.write("contributors.yml", "alice: {name: Alice Martin, team: Finance}\n"
                  "bob: {name: Bob, team: '=<b>Support</b>'}\n")
    project.entry("a.md", title="A", date="2026-01-05", author="alice", outcome="solved",
                  learned_from=["course: Prompting 101"])
    project.entry("b.md", title="B", date="2026-03-04", author="bob", learned_from=["alice"],
                  outcome="unsolved", problem="emails")
    build = project.build("--strict")
    assert build.code == 0, build.log
    page = build.article("people/activity/")
    for chart in ("entries-monthly", "entries-weekly", "writers", "helpers", "taught",
                  "outcomes", "teams"):
        assert f'data-peerlog-chart="{chart}"' in page
        assert f'data-peerlog-table="{chart}"' in page
    assert page.count("<svg") == 7 and page.count('data-axis="x"') == 7
    assert "<h1>Pulse</h1>" in page
    assert ("Each reading compares the average of the first 3 complete months (or 4 weeks) with "
            "the last 3 (or 4): rising when the last is at least 25% higher and at least one "
            "more a period, falling when at least 20% lower and at least one fewer, otherwise "
            "steady.") in page
    monthly = _rows((build.site / "pulse/monthly.csv").read_text(encoding="utf-8"))
    assert monthly[0][:7] == ["month", "start", "entries", "writers", "new_writers", "helpers",
                              "taught_by_teammate"]
    assert monthly[1] == ["2026-01", "2026-01-01", "1", "1", "1", "0", "0", "1", "0", "0", "0",
                          "0", "0", "0", "0", "1", "0", "0"]
    assert monthly[2] == ["2026-02", "2026-02-01", *["0"] * 16]
    assert monthly[3] == ["2026-03", "2026-03-01", "1", "1", "1", "1", "1", "0", "0", "0", "0",
                          "0", "0", "0", "0", "0", "0", "1"]
    today = date.today()
    assert len(monthly) == 1 + (today.year - 2026) * 12 + today.month
    assert _rows((build.site / "pulse/teams.csv").read_text(encoding="utf-8")) == [
        ["month", "team", "entries", "writers"], ["2026-01", "Finance", "1", "1"],
        ["2026-03", "'=<b>Support</b>", "1", "1"]]
    assert _rows((build.site / "pulse/taught.csv").read_text(encoding="utf-8")) == [
        ["teacher", "teacher_team", "learner", "learner_team", "entries"],
        ["Alice Martin", "Finance", "Bob", "'=<b>Support</b>", "1"]]
    assert ("<td>Alice Martin</td><td>Finance</td><td>Bob</td><td>=&lt;b&gt;Support&lt;/b&gt;"
            "</td><td>1</td>") in page
    assert "<b>" not in page and "=&lt;b&gt;Support&lt;/b&gt;</li>" in page  # the legend
    assert 'href="../../pulse/monthly.csv"' in page


def test_long_lists_are_cut_on_the_page_and_whole_in_the_csv(project: Project) -> None:
    project.write("contributors.yml", "".join(
        f"t{i:02d}: {{team: Alpha}}\nl{i:02d}: {{team: Beta}}\n" for i in range(32)))
    for i in range(32):
        project.entry(f"e{i:02d}.md", title=f"E{i}", date="2026-02-02", author=f"l{i:02d}",
                      learned_from=[f"t{i:02d}"])
    build = project.build("--strict")
    assert build.code == 0, build.log
    page = build.article("people/activity/")
    table = page[page.index('data-peerlog-table="taught-across-teams"'):]
    assert table[:table.index("</table>")].count("<tr>") == 1 + 30
    assert "2 more in <a" in table
    generations = page[page.index('data-peerlog-table="generations"'):]
    assert ", t29 and 2 more</td>" in generations and ", l29 and 2 more</td>" in generations
    taught = _rows((build.site / "pulse/taught.csv").read_text(encoding="utf-8"))
    assert len(taught) == 1 + 32 and taught[1] == ["t00", "Alpha", "l00", "Beta", "1"]


def test_an_entry_page_shows_its_sources(project: Project) -> None:
    project.entry("a.md", title="A", date="2026-01-05", author="alice",
                  learned_from=["bob", "course: Prompting <101>", {"video": "Evals"}, "myself"])
    page = project.build("--strict").article("entries/a/")
    assert ('<dt>Learned from</dt><dd><a class="peerlog-person" href="../../people/bob/">bob</a>'
            ', course: Prompting &lt;101&gt;, video: Evals, self</dd>') in page
    assert "Learned from bob, course: Prompting &lt;101&gt;, video: Evals, self." in page


_NAMES = st.sampled_from(["ann", "Ann", "bo", "cy", "di", "ed"])
_ENTRIES = st.lists(st.builds(
    lambda day, authors, teachers, pair, outcome: entry(
        (date(2025, 6, 1) + timedelta(days=day)).isoformat(), *authors,
        learned_from=tuple(teachers), pair=tuple(pair), outcome=outcome),
    st.integers(0, 500), st.lists(_NAMES, min_size=1, max_size=2, unique=True),
    st.lists(_NAMES, max_size=2, unique=True), st.lists(_NAMES, max_size=1),
    st.sampled_from([None, "solved", "partial", "unsolved"])), max_size=25)


@given(_ENTRIES)
def test_the_series_add_up(entries: list[Entry]) -> None:
    """Weeks and months count the same entries; everyone is new exactly once; no period is
    skipped; helpers and writers never exceed the people named."""
    p = build_pulse(entries, date(2026, 12, 1), teams={"ann": "A", "bo": "B"})
    assert sum(m.entries for m in p.months) == sum(w.entries for w in p.weeks) == len(entries)
    writers = {a.lower() for e in entries for a in e.authors}
    assert sum(m.new_writers for m in p.months) == len(writers)
    assert sum(w.new_writers for w in p.weeks) == len(writers)
    assert all(b.start - a.start == timedelta(weeks=1) for a, b in pairwise(p.weeks))
    assert all(m.writers <= len(writers) and m.helpers <= 6 for m in p.months)
    assert sum(sum(m.outcomes) for m in p.months) == sum(1 for e in entries if e.outcome)
    assert sum(r.entries for r in p.team_months) >= len(entries)
    assert len(p.chains.longest) <= 6
