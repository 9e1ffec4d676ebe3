"""The Pulse: is peer learning spreading? Week by week and month by month, from the journals.

The people running a peer-learning programme measure participation and "who taught you this?",
not hours of training (see the domain notes). Every number here comes from one pass over the
dated entries (undated ones have no place in time and are left out):

- **entries**, **writers** (people who wrote an entry that period) and **new writers** (whose
  first dated entry it is);
- **helpers**: people other authors name as their pair or teacher, and the co-authors of an
  entry written together (each helped the others); the all-time count adds git's co-authors
  (``Co-authored-by:``), whose commits carry no entry date;
- **who taught them**: entries naming a teammate in ``learned_from``, or a source of each kind
  (course, docs, ...); an entry naming several counts once for each;
- **outcomes** by problem type and month, **open problems** (no entry among a problem type's
  latest :data:`OPEN_LATEST` is solved), **topics growing and fading** (see :func:`_trends`);
- **teams** (from ``contributors.yml``): entries and writers per team and month, and the people
  taught across team lines;
- **teaching chains** (:mod:`.chains`).

Series run from the first dated entry to the period of ``today`` with empty periods as zeros,
at most :data:`MAX_MONTHS` months and :data:`MAX_WEEKS` weeks back (a hostile date in year 1
would otherwise make 100,000 empty weeks). Each chart gets a one-line reading that follows one
rule (:func:`trend_reading`), computed on complete periods only: the current one has not ended.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from peerlog.base.text import key
from peerlog.knowledge.chains import Chains, teaching_chains
from peerlog.knowledge.people import named_helpers, person_id
from peerlog.read.entries import Entry

#: The weekly series covers the last two years at most, the monthly one ten.
MAX_WEEKS = 104
MAX_MONTHS = 120
#: A problem type is open when none of its latest entries (this many) is solved.
OPEN_LATEST = 3
#: Topics growing or fading compare the last this-many complete months with as many before.
TREND_MONTHS = 3
#: Past this many, the growing and fading topics are not listed (the strongest come first).
MAX_TRENDS = 10
#: A reading compares the average of the first and of the last this-many complete periods.
READING_WINDOW = {"month": 3, "week": 4}
#: "Rising" needs the last window's average at least this much above the first one's (and at
#: least one more a period); "falling" as much below (at most this share of it).
RISE, FALL = 1.25, 0.8
#: Who taught an entry's author, in the order charts and tables show them.
TAUGHT_BY = ("teammate", "course", "docs", "video", "book", "article", "talk", "self")
OUTCOMES = ("solved", "partial", "unsolved")
#: The team of someone ``contributors.yml`` gives none (no team name can be empty).
NO_TEAM = ""


@dataclass(frozen=True)
class Period:
    """One week (``2026-W09``) or month (``2026-03``) of journal activity."""

    label: str
    start: date
    entries: int = 0
    writers: int = 0
    new_writers: int = 0
    helpers: int = 0
    taught_by: tuple[int, ...] = (0,) * len(TAUGHT_BY)
    """Entries naming each of :data:`TAUGHT_BY`."""
    untaught: int = 0
    """Entries that name nobody and nothing as their teacher."""
    outcomes: tuple[int, ...] = (0,) * len(OUTCOMES)
    """Entries ending solved, partial and unsolved."""


@dataclass(frozen=True)
class ProblemMonth:
    month: str
    problem: str
    outcomes: tuple[int, ...]


@dataclass(frozen=True)
class OpenProblem:
    """A problem type whose latest entries are not solved."""

    problem: str
    entries: int
    latest: date
    last_solved: date | None


@dataclass(frozen=True)
class Trend:
    """A topic's entries in the :data:`TREND_MONTHS` months before the last ones, and in them."""

    topic: str
    before: int
    recent: int


@dataclass(frozen=True)
class TeamMonth:
    month: str
    team: str
    entries: int
    writers: int


@dataclass(frozen=True)
class Taught:
    """Someone taught someone (by ``learned_from``), with their teams and how many entries."""

    teacher: str
    teacher_team: str
    learner: str
    learner_team: str
    entries: int

    @property
    def crosses(self) -> bool:
        """Both have a team, and not the same one."""
        return NO_TEAM not in (self.teacher_team, self.learner_team) and (
            self.teacher_team != self.learner_team)


@dataclass(frozen=True)
class Pulse:
    """Everything the Pulse page and its CSV files show; people are display names."""

    today: date
    weeks: tuple[Period, ...]
    months: tuple[Period, ...]
    complete_weeks: int
    complete_months: int
    """How many of the leading periods have ended (the last one usually has not)."""
    outcomes: tuple[ProblemMonth, ...]
    open_problems: tuple[OpenProblem, ...]
    growing: tuple[Trend, ...]
    fading: tuple[Trend, ...]
    teams: tuple[str, ...]
    """Teams by entries, most first (:data:`NO_TEAM` last, if any entry's author has none);
    empty when ``contributors.yml`` gives nobody a team."""
    team_months: tuple[TeamMonth, ...]
    taught: tuple[Taught, ...]
    helpers_all_time: int
    chains: Chains
    names: Mapping[str, str] = field(default_factory=dict)
    """Person id -> display name, for the ids in ``chains``."""

    def name(self, person: str) -> str:
        return self.names.get(person, person)

    @property
    def dated_entries(self) -> int:
        return sum(m.entries for m in self.months)


def build_pulse(
    entries: Iterable[Entry],
    today: date,
    *,
    teams: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    topic_names: Mapping[str, str] | None = None,
    problem_names: Mapping[str, str] | None = None,
    coauthored: Iterable[tuple[str, str]] = (),
) -> Pulse:
    """The pulse of ``entries`` as of ``today``. ``teams`` maps person ids to teams, ``names``
    ids to display names, ``topic_names``/``problem_names`` keys to the site's spelling;
    ``coauthored`` are git's co-author pairs (person ids)."""
    teams, names = teams or {}, names or {}
    topic_names, problem_names = topic_names or {}, problem_names or {}
    dated = sorted((e for e in entries if e.date is not None), key=lambda e: e.date or today)
    end = max(today, dated[-1].date or today) if dated else today
    month_keys = _months(dated[0].date or today, end) if dated else [_month(today)]
    week_keys = _weeks(dated[0].date or today, end) if dated else [_monday(today)]

    first_seen: dict[str, date] = {}
    for e in dated:
        for a in e.authors:
            first_seen.setdefault(person_id(a), e.date or today)
    monthly = _series(dated, month_keys, _month, _month_label, first_seen)
    weekly = _series(dated, week_keys, _monday, _week_label, first_seen)

    taught_pairs: Counter[tuple[str, str]] = Counter()
    helpers: set[str] = set()
    for e in dated:
        authors = [person_id(a) for a in e.authors]
        helpers.update(_helpers(e, authors))
        for teacher in {person_id(t) for t in e.learned_from}:
            for learner in authors:
                if learner != teacher:
                    taught_pairs[teacher, learner] += 1
    for a, b in coauthored:
        helpers.update((a, b))

    def team(pid: str) -> str:
        return teams.get(pid, NO_TEAM)

    def named(pid: str) -> str:
        return names.get(pid, pid)

    team_rows, team_order = _team_months(dated, team) if teams else ((), ())
    taught = tuple(sorted(
        (Taught(named(t), team(t), named(learner), team(learner), n)
         for (t, learner), n in taught_pairs.items()),
        key=lambda r: (r.teacher_team == r.learner_team, -r.entries, key(r.teacher),
                       key(r.learner))))
    complete = _complete(month_keys, today, _next_month)
    growing, fading = _trends(dated, month_keys[:complete], topic_names)
    return Pulse(
        today=today,
        weeks=weekly,
        months=monthly,
        complete_weeks=_complete(week_keys, today, lambda d: d + timedelta(days=7)),
        complete_months=complete,
        outcomes=_problem_months(dated, problem_names, month_keys[0]),
        open_problems=_open_problems(dated, problem_names),
        growing=growing,
        fading=fading,
        teams=team_order,
        team_months=team_rows,
        taught=taught,
        helpers_all_time=len(helpers),
        chains=teaching_chains(taught_pairs),
        names=dict(names),
    )


def _month(d: date) -> date:
    return d.replace(day=1)


def _next_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _month_label(d: date) -> str:
    return d.strftime("%Y-%m")


def _week_label(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _months(first: date, last: date) -> list[date]:
    start, stop = _month(first), _month(last)
    keys: list[date] = []
    while start <= stop:
        keys.append(start)
        start = _next_month(start)
    return keys[-MAX_MONTHS:]


def _weeks(first: date, last: date) -> list[date]:
    stop = _monday(last)
    start = max(_monday(first), stop - timedelta(weeks=MAX_WEEKS - 1))
    return [start + timedelta(weeks=i) for i in range((stop - start).days // 7 + 1)]


def _complete(keys: Sequence[date], today: date, after: Callable[[date], date]) -> int:
    """How many leading periods have ended by ``today`` (all but, usually, the last)."""
    return sum(1 for k in keys if after(k) <= today)


def _helpers(entry: Entry, authors: Sequence[str]) -> set[str]:
    """The people ``entry`` credits with helping its authors (:func:`named_helpers`), and,
    when several wrote it, each author (credited by the others)."""
    return named_helpers(entry) | (set(authors) if len(set(authors)) > 1 else set())


def _series(
    dated: Sequence[Entry], keys: Sequence[date], period_of: Callable[[date], date],
    label: Callable[[date], str], first_seen: Mapping[str, date],
) -> tuple[Period, ...]:
    """One :class:`Period` per key (``period_of`` a date is its key), empty ones as zeros;
    entries before the first key (past the cap) are left out, but still make their authors
    not new."""
    buckets: dict[date, list[Entry]] = {k: [] for k in keys}
    for e in dated:
        bucket = buckets.get(period_of(e.date)) if e.date else None
        if bucket is not None:
            bucket.append(e)
    out = []
    for k, group in buckets.items():
        writers = {person_id(a) for e in group for a in e.authors}
        helpers: set[str] = set()
        taught_by = [0] * len(TAUGHT_BY)
        outcomes = [0] * len(OUTCOMES)
        untaught = 0
        for e in group:
            helpers |= _helpers(e, [person_id(a) for a in e.authors])
            kinds = {s.kind for s in e.sources} | ({"teammate"} if e.learned_from else set())
            for i, kind in enumerate(TAUGHT_BY):
                taught_by[i] += kind in kinds
            untaught += not kinds
            if e.outcome in OUTCOMES:
                outcomes[OUTCOMES.index(e.outcome)] += 1
        out.append(Period(
            label=label(k), start=k, entries=len(group), writers=len(writers),
            new_writers=sum(1 for w in writers if period_of(first_seen[w]) == k),
            helpers=len(helpers), taught_by=tuple(taught_by), untaught=untaught,
            outcomes=tuple(outcomes)))
    return tuple(out)


def _problem_name(entry: Entry, problem_names: Mapping[str, str]) -> str | None:
    if not entry.problem:
        return None
    return problem_names.get(key(entry.problem), entry.problem)


def _problem_months(dated: Sequence[Entry], problem_names: Mapping[str, str],
                    since: date) -> tuple[ProblemMonth, ...]:
    """Outcomes by month and problem type, for the months and types that have entries."""
    counts: dict[tuple[str, str], list[int]] = {}
    for e in dated:
        problem = _problem_name(e, problem_names)
        if problem is None or e.date is None or e.date < since or e.outcome not in OUTCOMES:
            continue
        row = counts.setdefault((_month_label(e.date), problem), [0] * len(OUTCOMES))
        row[OUTCOMES.index(e.outcome)] += 1
    return tuple(ProblemMonth(m, p, tuple(c))
                 for (m, p), c in sorted(counts.items(), key=lambda kv: (kv[0][0], key(kv[0][1]))))


def _open_problems(dated: Sequence[Entry], problem_names: Mapping[str, str]
                   ) -> tuple[OpenProblem, ...]:
    """Problem types none of whose latest :data:`OPEN_LATEST` entries is solved; the most
    attempted first."""
    by_problem: dict[str, list[Entry]] = {}
    for e in dated:
        problem = _problem_name(e, problem_names)
        if problem is not None:
            by_problem.setdefault(problem, []).append(e)
    found = []
    for problem, group in by_problem.items():  # each group is oldest first
        if any(e.outcome == "solved" for e in group[-OPEN_LATEST:]):
            continue
        solved = [e.date for e in group if e.outcome == "solved" and e.date]
        found.append(OpenProblem(problem, len(group), group[-1].date or date.min,
                                 max(solved) if solved else None))
    return tuple(sorted(found, key=lambda p: (-p.entries, key(p.problem))))


def _trends(dated: Sequence[Entry], complete: Sequence[date], topic_names: Mapping[str, str]
            ) -> tuple[tuple[Trend, ...], tuple[Trend, ...]]:
    """Topics growing and fading: entries tagged with each in the last :data:`TREND_MONTHS`
    complete months against the as many months before. Growing: more than before, and at least
    2; fading: fewer than before, which had at least 2. The biggest changes first."""
    if len(complete) < 2 * TREND_MONTHS:
        return (), ()
    recent_from, before_from = complete[-TREND_MONTHS], complete[-2 * TREND_MONTHS]
    stop = _next_month(complete[-1])
    before: Counter[str] = Counter()
    recent: Counter[str] = Counter()
    spelt: dict[str, str] = {}
    for e in dated:
        if e.date is None or not before_from <= e.date < stop:
            continue
        window = recent if e.date >= recent_from else before
        for t in e.tags:
            spelt.setdefault(key(t), topic_names.get(key(t), t))
        window.update({key(t) for t in e.tags})
    trends = [Trend(spelt[t], before[t], recent[t]) for t in {*before, *recent}]
    growing = sorted((t for t in trends if t.recent > t.before and t.recent >= 2),
                     key=lambda t: (t.before - t.recent, key(t.topic)))
    fading = sorted((t for t in trends if t.before > t.recent and t.before >= 2),
                    key=lambda t: (t.recent - t.before, key(t.topic)))
    return tuple(growing[:MAX_TRENDS]), tuple(fading[:MAX_TRENDS])


def _team_months(dated: Sequence[Entry], team: Callable[[str], str]
                 ) -> tuple[tuple[TeamMonth, ...], tuple[str, ...]]:
    """Entries and writers per team and month (an entry counts once for each of its authors'
    teams), and the teams by entries, most first."""
    entries: Counter[tuple[str, str]] = Counter()
    writers: dict[tuple[str, str], set[str]] = {}
    totals: Counter[str] = Counter()
    for e in dated:
        month = _month_label(e.date or date.min)
        authors = {person_id(a) for a in e.authors}
        for t in {team(a) for a in authors}:
            entries[month, t] += 1
            totals[t] += 1
        for a in authors:
            writers.setdefault((month, team(a)), set()).add(a)
    order = tuple(sorted(totals, key=lambda t: (t == NO_TEAM, -totals[t], key(t))))
    rank = {t: i for i, t in enumerate(order)}
    rows = tuple(TeamMonth(m, t, n, len(writers[m, t]))
                 for (m, t), n in sorted(entries.items(), key=lambda kv: (kv[0][0],
                                                                         rank[kv[0][1]])))
    return rows, order


def _number(value: float) -> str:
    """An average as people say it: ``9``, ``2.3``."""
    return f"{round(value, 1):g}"


def trend_reading(what: str, values: Sequence[int], labels: Sequence[str], per: str) -> str:
    """One line saying whether ``values`` (complete periods only, oldest first) rose, fell or
    held steady: the average of the first :data:`READING_WINDOW` periods against the last as
    many, "rising" when the last is at least :data:`RISE` times the first and at least one more,
    "falling" when at most :data:`FALL` times and at least one fewer; with the peak."""
    n = READING_WINDOW[per]
    if len(values) < 2 * n:
        return (f"{what.capitalize()}: too few complete {per}s ({len(values)}) to tell a "
                f"trend; it takes {2 * n}.")
    first, last = sum(values[:n]) / n, sum(values[-n:]) / n
    if last >= first * RISE and last - first >= 1:
        verb = "rose"
    elif last <= first * FALL and first - last >= 1:
        verb = "fell"
    else:
        verb = "held steady"
    peak = max(range(len(values)), key=lambda i: (values[i], -i))
    change = (f"{verb} from {_number(first)} to {_number(last)} a {per}" if verb != "held steady"
              else f"held steady ({_number(first)} a {per}, then {_number(last)})")
    return (f"{what.capitalize()} {change}: the first {n} {per}s ({labels[0]} to "
            f"{labels[n - 1]}) against the last {n} ({labels[-n]} to {labels[-1]}); "
            f"the peak was {values[peak]} in {labels[peak]}.")


def reading_rule() -> str:
    """The rule :func:`trend_reading` follows, in words, for the page to state it."""
    months, weeks = READING_WINDOW["month"], READING_WINDOW["week"]
    return (f"Each reading compares the average of the first {months} complete months (or "
            f"{weeks} weeks) with the last {months} (or {weeks}): rising when the last is at "
            f"least {round(100 * (RISE - 1))}% higher and at least one more a period, falling "
            f"when at least {round(100 * (1 - FALL))}% lower and at least one fewer, otherwise "
            "steady. The current month and week have not ended and are left out.")


def _share(n: int, total: int) -> str:
    return f"{n} ({round(100 * n / total) if total else 0}%)"


def readings(pulse: Pulse) -> dict[str, str]:
    """The one-line reading of each chart of the Pulse page, by chart."""
    months = pulse.months[: pulse.complete_months]
    weeks = pulse.weeks[: pulse.complete_weeks]
    month_labels = [m.label for m in months]

    def monthly(what: str, values: Callable[[Period], int]) -> str:
        return trend_reading(what, [values(m) for m in months], month_labels, "month")

    total = pulse.dated_entries
    taught = [sum(m.taught_by[i] for m in pulse.months) for i in range(len(TAUGHT_BY))]
    sources = ", ".join(f"{kind} {n}" for kind, n in zip(TAUGHT_BY[1:], taught[1:], strict=True)
                        if n)
    untaught = sum(m.untaught for m in pulse.months)
    newcomers = [m for m in pulse.months if m.new_writers]
    outcomes = [sum(m.outcomes[i] for m in pulse.months) for i in range(len(OUTCOMES))]
    crossing = sum(1 for t in pulse.taught if t.crosses)
    known = sum(1 for t in pulse.taught if NO_TEAM not in (t.teacher_team, t.learner_team))
    open_names = ", ".join(p.problem for p in pulse.open_problems[:3])
    return {
        "entries-monthly": monthly("entries", lambda m: m.entries),
        "entries-weekly": trend_reading("entries", [w.entries for w in weeks],
                                        [w.label for w in weeks], "week"),
        "writers": monthly("active writers", lambda m: m.writers) + (
            f" The last new writer started in {newcomers[-1].label}." if newcomers else ""),
        "helpers": monthly("helpers", lambda m: m.helpers)
        + f" {pulse.helpers_all_time} people have helped a teammate in all.",
        "taught": (f"Of {total} dated entries, {_share(taught[0], total)} name a teammate who "
                   f"taught them; {'sources: ' + sources if sources else 'none names a source'}"
                   f"; {_share(untaught, total)} name nobody and nothing."),
        "outcomes": (f"Of {sum(outcomes)} entries with an outcome, "
                     f"{_share(outcomes[0], sum(outcomes))} were solved, {outcomes[1]} partly "
                     f"and {outcomes[2]} not; "
                     f"{len(pulse.open_problems)} problem type"
                     f"{' is' if len(pulse.open_problems) == 1 else 's are'} open"
                     f"{': ' + open_names if open_names else ''}."),
        "teams": (f"Entries came from {len([t for t in pulse.teams if t != NO_TEAM])} teams; "
                  f"{crossing} of {known} teaching links between people with a team cross "
                  "team lines." if pulse.teams else "No contributor has a team in "
                  "contributors.yml, so there is no spread across teams to show."),
    }
