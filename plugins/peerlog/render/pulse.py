"""The Pulse page's charts and CSV files, from :class:`~peerlog.knowledge.pulse.Pulse`.

Each chart's table holds exactly the numbers it draws, and the CSV files hold every series, so
a programme lead can take them to a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from peerlog.knowledge.pulse import (
    OPEN_LATEST,
    OUTCOMES,
    TAUGHT_BY,
    TREND_MONTHS,
    Period,
    Pulse,
    reading_rule,
    readings,
)
from peerlog.render.charts import Chart, Series, to_csv

CSV_FOLDER = "pulse"
WEEKLY_CSV = f"{CSV_FOLDER}/weekly.csv"
MONTHLY_CSV = f"{CSV_FOLDER}/monthly.csv"
OUTCOMES_CSV = f"{CSV_FOLDER}/outcomes.csv"
TEAMS_CSV = f"{CSV_FOLDER}/teams.csv"
TAUGHT_CSV = f"{CSV_FOLDER}/taught.csv"
#: The teams chart stacks this many teams (the most active); the CSV holds them all.
MAX_TEAMS_DRAWN = 8
#: The page lists at most this many people or pairs in one place; the CSV files hold them all.
SHOWN = 30
_PERIOD_COLUMNS = ("entries", "writers", "new_writers", "helpers",
                   *(f"taught_by_{kind}" for kind in TAUGHT_BY), "taught_by_nobody", *OUTCOMES)


def pulse_context(pulse: Pulse, data_files: Sequence[str]) -> dict[str, Any]:
    """What ``pulse.html`` needs besides its title; ``data_files`` are the CSV files' paths."""
    return {"pulse": pulse, "charts": pulse_charts(pulse), "readings": readings(pulse),
            "rule": reading_rule(), "data_files": data_files,
            "taught_csv": TAUGHT_CSV, "open_latest": OPEN_LATEST, "trend_months": TREND_MONTHS,
            "shown": SHOWN}


def pulse_charts(pulse: Pulse) -> tuple[Chart, ...]:
    """The charts of the page, in its order; the teams chart only when teams are known."""
    said = readings(pulse)
    months, weeks = pulse.months, pulse.weeks

    def chart(id: str, title: str, periods: Sequence[Period], series: Sequence[Series],
              kind: str = "bars", csv: str = MONTHLY_CSV, x_label: str = "Month",
              y_label: str = "Entries") -> Chart:
        rows = tuple((p.label, *(str(s.values[i]) for s in series))
                     for i, p in enumerate(periods))
        return Chart(id, title, x_label, y_label, said[id], tuple(p.label for p in periods),
                     tuple(series), "lines" if kind == "lines" else "bars",
                     tuple(s.name for s in series), rows, csv)

    def of(periods: Sequence[Period], name: str, value: Callable[[Period], int]) -> Series:
        return Series(name, tuple(value(p) for p in periods))

    used = [i for i, _ in enumerate(TAUGHT_BY) if any(m.taught_by[i] for m in months)]
    charts = [
        chart("entries-monthly", "Entries a month", months, [of(months, "Entries",
                                                                 lambda p: p.entries)]),
        chart("entries-weekly", "Entries a week", weeks, [of(weeks, "Entries",
                                                             lambda p: p.entries)],
              csv=WEEKLY_CSV, x_label="Week (ISO)"),
        chart("writers", "Active and new writers a month", months,
              [of(months, "Active writers", lambda p: p.writers),
               of(months, "New writers", lambda p: p.new_writers)], "lines", y_label="People"),
        chart("helpers", "Helpers a month: people named as pair or teacher, and co-authors",
              months, [of(months, "Helpers", lambda p: p.helpers)], y_label="People"),
        chart("taught", "Who taught them? Entries by who or what they credit", months,
              [*(of(months, TAUGHT_BY[i], _taught_by(i)) for i in used),
               of(months, "nobody named", lambda p: p.untaught)]),
        chart("outcomes", "Outcomes a month", months,
              [of(months, o, _outcome(i)) for i, o in enumerate(OUTCOMES)]),
    ]
    if pulse.teams:
        drawn = pulse.teams[:MAX_TEAMS_DRAWN]
        per_team = {(r.month, r.team): r.entries for r in pulse.team_months}
        charts.append(chart(
            "teams", "Entries a month by the writers' teams", months,
            [of(months, t or "no team given", _of_team(per_team, t)) for t in drawn],
            csv=TEAMS_CSV))
    return tuple(charts)


def _taught_by(i: int) -> Callable[[Period], int]:
    return lambda p: p.taught_by[i]


def _outcome(i: int) -> Callable[[Period], int]:
    return lambda p: p.outcomes[i]


def _of_team(per_team: dict[tuple[str, str], int], team: str) -> Callable[[Period], int]:
    return lambda p: per_team.get((p.label, team), 0)


def pulse_data(pulse: Pulse) -> dict[str, str]:
    """The CSV files: site path -> text."""

    def period_rows(periods: Sequence[Period]) -> list[list[object]]:
        return [[p.label, p.start.isoformat(), p.entries, p.writers, p.new_writers, p.helpers,
                 *p.taught_by, p.untaught, *p.outcomes] for p in periods]

    data = {
        MONTHLY_CSV: to_csv(("month", "start", *_PERIOD_COLUMNS), period_rows(pulse.months)),
        WEEKLY_CSV: to_csv(("week", "start", *_PERIOD_COLUMNS), period_rows(pulse.weeks)),
        OUTCOMES_CSV: to_csv(("month", "problem_type", *OUTCOMES),
                             [[r.month, r.problem, *r.outcomes] for r in pulse.outcomes]),
        TAUGHT_CSV: to_csv(("teacher", "teacher_team", "learner", "learner_team", "entries"),
                           [[t.teacher, t.teacher_team, t.learner, t.learner_team,
                             t.entries] for t in pulse.taught]),
    }
    if pulse.teams:
        data[TEAMS_CSV] = to_csv(("month", "team", "entries", "writers"),
                                 [[r.month, r.team, r.entries, r.writers]
                                  for r in pulse.team_months])
    return data

