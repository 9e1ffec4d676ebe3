"""Evidence that ages: a knowledge base built for the purpose (known dates, tools, results and
confirmations) shows exact ages, out-of-date marks, a failure after an old success, review flags
and confirmation counts, on the playbook page, in ``peerlog.json`` and in ``peerlog check``."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from peerlog.cli import main
from peerlog.render.pages import age_in_words

from .project import Project

TODAY = date.today()
EXAMPLE_ROW = "gave it one example row first"
PER_PAGE = "split the PDF per page"


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def aged_kb(project: Project) -> None:
    project.entry("2025/old.md", title="Old invoices", date=ago(400), author="alice",
                  problem="data-extraction", tools=["gpt-4"], outcome="solved",
                  attempts=[{"tried": EXAMPLE_ROW, "result": "worked"}])
    project.entry("2026/recent.md", title="Recent receipts", date=ago(20), author="bob",
                  problem="data-extraction", tools=["claude-sonnet-4"], outcome="solved",
                  attempts=[{"tried": EXAMPLE_ROW, "result": "failed"},
                            {"tried": PER_PAGE, "result": "worked"}])
    project.entry("2026/new.md", title="New delivery notes", date=ago(3), author="carol",
                  problem="data-extraction", tools=["claude-sonnet-4"], outcome="partial",
                  attempts=[{"tried": PER_PAGE, "result": "partial"}])
    project.write("journals/confirmations/dana-recent.md",
                  f"---\nconfirms: 2026/recent.md\nauthor: dana\ndate: {ago(1)}\n"
                  "result: worked\n---\nSame for our customs forms.\n")
    project.write("playbooks/data-extraction.md",
                  f"---\nproblem: data-extraction\nowner: priya\nreviewed: {ago(200)}\n---\n"
                  "Start with one page.\n")


def _approach(page: str, label: str) -> str:
    """One approach card of the playbook page, from its label to the next card."""
    start = page.index(f"<strong>{label}</strong>")
    end = page.find('data-peerlog-approach>', start)
    return page[start: end if end != -1 else len(page)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, str, dict[str, object]]:
    project = Project(tmp_path_factory.mktemp("aged") / "kb")
    aged_kb(project)
    build = project.build("--strict")
    assert build.code == 0, build.log
    assert "due for review" in build.log  # a notice, logged without failing --strict
    data = json.loads((build.site / "peerlog.json").read_text(encoding="utf-8"))
    return project, build.article("playbooks/data-extraction/"), data


def test_ages_out_of_date_marks_and_a_failure_after_an_old_success(
    built: tuple[Project, str, dict[str, object]],
) -> None:
    _, page, _ = built
    row = _approach(page, EXAMPLE_ROW)
    assert "1 worked · 0 partly worked · 1 failed" in re.sub(r"<[^>]+>", "", row)
    assert (f'Last worked</dt><dd data-peerlog-last="worked"><time datetime="{ago(400)}">'
            f'{ago(400)}</time> (13 months ago) <small class="peerlog-badge peerlog-badge--old"'
            ) in row
    assert f'<time datetime="{ago(400)}">{ago(400)}</time> (13 months ago)' in row
    assert "possibly out of date" in row
    assert "Every report of this working is more than a year old" in row
    failed_since = row[row.index("data-peerlog-failed-since"):]
    assert f"Failed on <time datetime=\"{ago(20)}\">{ago(20)}</time> (2 weeks ago) with " \
           "claude-sonnet-4, in" in failed_since
    assert "after it last worked" in failed_since

    fresh = _approach(page, PER_PAGE)
    text = re.sub(r"<[^>]+>", "", fresh)
    # 1 worked in the entry, 1 confirmation that worked, 1 partly
    assert "2 worked · 1 partly worked · 0 failed · 1 confirmation" in text
    assert f"{ago(1)} (1 day ago) with claude-sonnet-4, confirmed by dana for Recent receipts" in text
    assert "possibly out of date" not in fresh and "more than a year old" not in fresh
    assert "Ask" in text and "dana, bob" in text.replace(" ,", ",")
    # The fresh approach ranks above the one whose only success is old.
    assert page.index(f"<strong>{PER_PAGE}</strong>") < page.index(f"<strong>{EXAMPLE_ROW}</strong>")


def test_a_curated_playbook_past_its_review_says_so_with_the_evidence_since(
    built: tuple[Project, str, dict[str, object]],
) -> None:
    _, page, data = built
    review = page[page.index("data-peerlog-review>"):page.index("Start with one page.")]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", review))
    assert f"Kept by priya · reviewed {ago(200)} (6 months ago)" in text
    assert "Due for review" in text
    assert (f"2 entries have reported on this problem type since the advice below was last "
            f"reviewed; the newest: Recent receipts, {ago(1)} (a confirmation) New delivery "
            f"notes, {ago(3)}") in text
    playbook = next(p for p in data["playbooks"] if p["key"] == "data-extraction")  # type: ignore[index, union-attr]
    assert playbook["review"] == {"owner": "priya", "reviewed": ago(200), "due": True,
                                  "entries_since": 2}
    assert playbook["as_of"] == TODAY.isoformat()


def test_the_json_has_the_ages_and_the_counts(
    built: tuple[Project, str, dict[str, object]],
) -> None:
    _, _, data = built
    playbook = next(p for p in data["playbooks"] if p["key"] == "data-extraction")  # type: ignore[index, union-attr]
    by_label = {a["label"]: a for a in playbook["approaches"]}
    row = by_label[EXAMPLE_ROW]
    assert row["last_worked"] == {"date": ago(400), "tools": ["gpt-4"], "confirmation": False,
                                  "entry": "entries/2025/old/", "out_of_date": True}
    assert row["failed_since_it_worked"]["date"] == ago(20)
    assert (row["only_old_successes"], row["out_of_date_reports"], row["confirmations"]) == (
        True, 1, 0)
    fresh = by_label[PER_PAGE]
    assert (fresh["worked"], fresh["partial"], fresh["confirmations"]) == (2, 1, 1)
    assert fresh["ask"] == ["dana", "bob"] and fresh["tools"] == ["claude-sonnet-4"]
    assert fresh["last_worked"]["confirmation"] is True
    assert fresh["only_old_successes"] is False and fresh["failed_since_it_worked"] is None


def test_check_gives_a_notice_that_fails_nothing(
    built: tuple[Project, str, dict[str, object]], capsys: pytest.CaptureFixture[str],
) -> None:
    project, _, _ = built
    assert main(["--root", str(project.root), "check", "--strict"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"playbooks/data-extraction.md:4: notice: due for review (owner: priya): reviewed "
        f"{ago(200)}, and 2 entries have reported on it since, the newest on {ago(1)} "
        "(journals/2026/recent.md) (check the advice against them, then set 'reviewed:' to "
        "today's date)"]
    assert err.endswith("0 errors, 0 warnings, 1 notice\n")


@pytest.mark.parametrize(("days", "words"), [
    (0, "today"), (1, "1 day ago"), (13, "13 days ago"), (14, "2 weeks ago"), (60, "8 weeks ago"),
    (61, "2 months ago"), (400, "13 months ago"), (729, "23 months ago"), (730, "2 years ago"),
    (-3, "in the future"),
])
def test_ages_in_words(days: int, words: str) -> None:
    assert age_in_words(TODAY - timedelta(days=days), TODAY) == words
    assert age_in_words(None, TODAY) == "undated"
