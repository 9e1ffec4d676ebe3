"""Playbooks: attempts from front matter and shorthand, grouped, counted and chained."""

from __future__ import annotations

import json
import re

import pytest

from peerlog.cli import main
from peerlog.config import load_settings
from peerlog.knowledge import model
from peerlog.knowledge.pipeline import gather
from peerlog.knowledge.playbooks import build_playbook, build_playbooks
from peerlog.read.curated import CuratedApproach, CuratedPlaybook

from .project import Project

JSON = "Asked for the whole table as JSON"
EXAMPLE = "giving one example row first"
CSV = "asking for CSV"


def known_kb(project: Project) -> None:
    """Four entries on one problem type whose attempts are known, in mixed forms and wordings."""
    project.entry("2026/a.md", title="Alice's invoices", date="2026-01-01", author="alice",
                  problem="data-extraction", tools=["claude"], tags=["pdf"], outcome="solved",
                  attempts=[{"tried": JSON, "result": "failed"},
                            {"tried": "Gave it one example row first", "result": "worked"}])
    project.entry("2026/b.md", title="Bob's receipts", date="2026-02-01", author="bob",
                  problem="Data Extraction", tools=["chatgpt"], outcome="solved",
                  body="Notes.\n\n- Tried: requested JSON output of the entire table -> failed: "
                       "made up columns\n- then tried showing it one sample row first → worked!\n")
    project.entry("2026/c.md", title="Carol's contracts", date="2026-03-01", author="carol",
                  problem="data-extraction", outcome="partial",
                  attempts=[{"tried": "told it to return the table in JSON", "result": "failed"}],
                  body="* tried asking for CSV instead => partial (commas broke it)\n")
    project.entry("2026/d.md", title="Dan's delivery notes", date="2026-04-01", author="dan",
                  problem="data-extraction", outcome="solved",
                  body="1. TRIED asking for CSV --> ❌\n2. tried giving one example row first -> worked\n")
    project.entry("2026/e.md", title="Elsewhere", date="2026-04-02", author="erin",
                  problem="summarising", attempts=[{"tried": "asked for bullets",
                                                    "result": "worked"}])


def test_playbook_model(project: Project) -> None:
    known_kb(project)
    from peerlog.read.journals import load_journal

    kb = model.build(load_journal(project.root, "journals").entries)
    group = kb.problem("data extraction")
    assert group is not None
    pb = build_playbook(group)
    assert [(a.label, a.worked, a.partial, a.failed, a.people) for a in pb.worked] == [
        (EXAMPLE, 3, 0, 0, ("dan", "bob", "alice")),
    ]
    assert [(a.label, a.worked, a.partial, a.failed, a.people) for a in pb.abandoned] == [
        (JSON, 0, 0, 3, ("carol", "bob", "alice")),
        (CSV, 0, 1, 1, ("dan", "carol")),
    ]
    assert sorted(pb.worked[0].variants) == sorted(
        ["Gave it one example row first", "giving one example row first",
         "showing it one sample row first"])
    assert [(t.source, t.target, t.count, t.worked) for t in pb.transitions] == [
        (JSON, EXAMPLE, 2, 2), (CSV, EXAMPLE, 1, 1), (JSON, CSV, 1, 0),
    ]
    assert [(s.label, s.count) for s in pb.starts] == [(JSON, 3), (CSV, 1)]
    assert pb.outcomes == {"solved": 3, "partial": 1}
    assert pb.solved


def test_curated_names_override_grouping(project: Project) -> None:
    known_kb(project)
    from peerlog.read.journals import load_journal

    kb = model.build(load_journal(project.root, "journals").entries)
    curated = CuratedPlaybook(
        path="playbooks/x.md", problem="data-extraction", title="Tables from documents",
        approaches=(CuratedApproach("Show an example row", ("gave it one example row first",
                                                            "showing it one sample row first")),),
    )
    playbooks = build_playbooks(kb.problems, [curated])
    pb = next(p for p in playbooks if p.key == "data-extraction")
    assert pb.title == "Tables from documents"
    assert pb.worked[0].label == "Show an example row" and pb.worked[0].curated
    assert pb.worked[0].worked == 3


def test_unsolved_problem_type_says_so(project: Project) -> None:
    project.entry("x.md", title="Citations", problem="citations", outcome="unsolved",
                  attempts=[{"tried": "asked for sources", "result": "failed"},
                            {"tried": "asked it to double-check", "result": "partial"}])
    build = project.build("--strict")
    page = build.article("playbooks/citations/")
    assert "Unsolved so far" in page
    assert "Ruled out so far: <em>asked for sources</em>; <em>asked it to double-check</em>." in page


def test_playbook_page_and_json(project: Project) -> None:
    known_kb(project)
    build = project.build("--strict")
    assert build.code == 0, build.log
    page = build.article("playbooks/data-extraction/")
    worked = page[page.index('id="what-worked"'):page.index('id="tried-and-abandoned"')]
    assert re.search(rf"<strong>{EXAMPLE}</strong>.*?>3 worked</span> · <span data-result=\"partial"
                     rf"\">0 partly worked</span> · <span data-result=\"failed\">0 failed<", worked, re.S)
    entries = worked[worked.index("<dt>Entries</dt>"):]
    assert entries[:entries.index("</dd>")].count('href="../../entries/2026/') == 3
    assert "2 of them moved on to <strong>giving one example row first</strong>: it worked for all 2." in page
    assert "3 entries started with <strong>Asked for the whole table as JSON</strong>;" in page
    card = page[page.index(f"<strong>{JSON}</strong>"):]
    card = card[:card.index("</li>")]
    shared = re.search(r"data-peerlog-shared> \(grouped because they share (.*?)\)</span>", card)
    assert shared is not None and "<q>JSON</q>" in shared.group(1), card

    data = json.loads((build.site / "peerlog.json").read_text(encoding="utf-8"))
    pb = next(p for p in data["playbooks"] if p["problem"] == "data-extraction")
    assert pb["url"] == "playbooks/data-extraction/"
    approaches = {a["label"]: a for a in pb["approaches"]}
    assert approaches[EXAMPLE]["worked"] == 3
    assert approaches[EXAMPLE]["entries"] == ["entries/2026/d/", "entries/2026/b/", "entries/2026/a/"]
    counted = ("label", "worked", "failed", "partial", "people", "entries", "confirmations",
               "tools", "ask", "only_old_successes", "failed_since_it_worked")
    assert {k: approaches[CSV][k] for k in counted} == {
        "label": CSV, "worked": 0, "failed": 1, "partial": 1,
        "people": ["dan", "carol"], "entries": ["entries/2026/d/", "entries/2026/c/"],
        "confirmations": 0, "tools": [], "ask": [], "only_old_successes": False,
        "failed_since_it_worked": None}
    assert approaches[CSV]["last_failed"] | {"out_of_date": None} == {
        "date": "2026-04-01", "tools": [], "entry": "entries/2026/d/", "confirmation": False,
        "out_of_date": None}
    assert sorted(approaches[JSON]["variants"]) == sorted(
        [JSON, "requested JSON output of the entire table", "told it to return the table in JSON"])
    assert {"from": JSON, "to": EXAMPLE, "count": 2, "worked": 2, "partial": 0,
            "failed": 0} in pb["transitions"]
    assert sorted(pb["tools"]) == ["chatgpt", "claude"]
    assert [e["title"] for e in data["entries"]][:2] == ["Elsewhere", "Dan's delivery notes"]
    assert {p["name"]: p["playbook"] for p in data["problems"]} == {
        "data-extraction": "playbooks/data-extraction/", "summarising": "playbooks/summarising/"}


def test_curated_playbook_merged_with_evidence(project: Project) -> None:
    known_kb(project)
    project.write("playbooks/tables.md", "---\ntitle: Tables from documents\nproblem: data extraction\n"
                  "approaches:\n  - label: Show an example row\n    aliases: [gave it one example row "
                  "first, showing it one sample row first]\n---\nAlways **show one row**.\n"
                  "<script>alert(1)</script>\n")
    project.write("playbooks/orphan.md", "---\nproblem: time travel\n---\nNo entries yet.\n")
    build = project.build()
    assert build.code == 0
    assert "playbooks/orphan.md: warning: no journal entry has problem type 'time travel'" in build.log
    page = build.article("playbooks/data-extraction/")
    assert page.index("Always <strong>show one row</strong>") < page.index('id="evidence"')
    assert "<script>alert(1)" not in page
    assert "<strong>Show an example row</strong> <small class=\"peerlog-badge\">curated</small>" in page
    orphan = build.article("playbooks/time-travel/")
    assert "No entries yet." in orphan and "No journal entry has this problem type yet" in orphan
    assert project.build("--strict").code == 1


def test_finder_lists_every_playbook(project: Project) -> None:
    known_kb(project)
    build = project.build("--strict")
    finder = build.article("playbooks/")
    assert re.findall(r'class="peerlog-card__title" href="([^"]+)"', finder) == [
        "data-extraction/", "summarising/"]
    assert 'data-src="../peerlog.json"' in finder
    assert '<option value="chatgpt">chatgpt</option>' in finder


def test_promote_round_trips(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    known_kb(project)
    before = gather(load_settings(project.root), use_git=False)
    generated = next(p for p in before.playbooks if p.key == "data-extraction")

    assert main(["--root", str(project.root), "promote", "Data Extraction"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("wrote playbooks/data-extraction.md: 3 approaches from 4 entries")
    text = (project.root / "playbooks/data-extraction.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "data-extraction: what works"\nproblem: "data-extraction"\n')
    assert f"What worked most often: **{EXAMPLE}** (worked 3)." in text

    after = gather(load_settings(project.root), use_git=False)
    assert after.problems == ()
    promoted = next(p for p in after.playbooks if p.key == "data-extraction")
    assert promoted.curated is not None
    assert [(a.label, sorted(a.variants), a.worked, a.failed, a.partial, a.curated)
            for a in promoted.approaches] == [
        (a.label, sorted(a.variants), a.worked, a.failed, a.partial, True)
        for a in generated.approaches]
    assert promoted.transitions == generated.transitions

    assert main(["--root", str(project.root), "promote", "data-extraction"]) == 1
    assert "already curates" in capsys.readouterr().err
    assert main(["--root", str(project.root), "promote", "nothing-like-this"]) == 1
    assert "no journal entry has problem type 'nothing-like-this'" in capsys.readouterr().err
    build = project.build("--strict")
    assert build.code == 0, build.log
    assert "<h1>data-extraction: what works</h1>" in build.article("playbooks/data-extraction/")
