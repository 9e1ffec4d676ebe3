"""Confirmations ("worked for me too"): every problem of every confirmation listed at once with
its line, ``peerlog confirm`` writing a file that passes ``peerlog check`` and counts in the
playbook, on people pages and in ``peerlog.json``, and the entry page that shows it (a real
``mkdocs build``), with its playbook and related entries."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from peerlog.cli import main
from peerlog.config import load_settings
from peerlog.knowledge.pipeline import Knowledge, gather
from peerlog.read.confirmations import parse_confirmation_text, render_confirmation

from .gitrepo import GitRepo
from .project import Project

CONTRIBUTORS = "alice: Alice Martin\nbob: Bob Stone\ncarol: Carol Diaz\ndana: Dana Li\n"
INVOICES = "2026/2026-03-02-invoices.md"


def confirmation(confirms: str, author: str, day: str, result: str, note: str = "") -> str:
    return (f"---\nconfirms: {confirms}\nauthor: {author}\ndate: {day}\nresult: {result}\n---\n"
            f"{note}")


@pytest.fixture(name="project")
def project_fixture(tmp_path: Path) -> Project:
    """Three entries of one problem type (two share an approach), a draft and a contributors
    file."""
    project = Project(tmp_path)
    project.write("contributors.yml", CONTRIBUTORS)
    common = {"problem": "data-extraction", "tags": ["pdf"]}
    project.entry(INVOICES, "- tried one example row first -> worked\n",
                  title="Tables from invoices", date="2026-03-02", author="alice", **common)
    project.entry("2026/2026-03-05-receipts.md", "- tried one example row first -> partial\n",
                  title="Receipts", date="2026-03-05", author="carol", **common)
    project.entry("2026/2026-03-09-contracts.md", "- tried asking for JSON -> failed\n",
                  title="Contracts", date="2026-03-09", author="bob", **common)
    project.entry("2026/2026-03-10-draft.md", title="Half done", author="bob", draft="true")
    return project


def knowledge(project: Project) -> Knowledge:
    return gather(load_settings(project.root), use_git=False)


def test_a_confirmation_is_read_once_and_kept_apart_from_entries(project: Project) -> None:
    project.write("journals/confirmations/a.md", confirmation(
        INVOICES, "bob", "2026-03-20", "didn't work", "Our invoices are\nhandwritten."))
    k = knowledge(project)
    assert [c.path for c in k.journal.confirmations] == ["journals/confirmations/a.md"]
    assert "journals/confirmations/a.md" not in {e.path for e in k.journal.entries}
    (c,) = k.confirmations
    assert (c.target, c.by, c.date, c.result, c.note, c.line, c.by_line, c.date_line) == (
        f"journals/{INVOICES}", "bob", date(2026, 3, 20), "failed",
        "Our invoices are\nhandwritten.", 2, 3, 4)
    assert k.problems == ()


def test_every_problem_is_listed_at_once_with_its_line(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    future = (date.today() + timedelta(days=30)).isoformat()
    files = {
        "nowhere.md": confirmation("2026/2026-03-02-invoice.md", "bob", "2026-03-20", "worked"),
        "draft.md": confirmation("2026/2026-03-10-draft.md", "carol", "2026-03-20", "worked"),
        "word.md": confirmation(INVOICES, "carol", "2026-03-20", "maybe"),
        "future.md": confirmation(INVOICES, "dana", future, "worked"),
        "stranger.md": confirmation(INVOICES, "alicia", "2026-03-21", "worked"),
        "first.md": confirmation("2026/2026-03-05-receipts.md", "bob", "2026-03-20", "worked"),
        "again.md": confirmation("./2026/2026-03-05-receipts.md", "Bob Stone", "2026-03-22",
                                 "partial"),
        "nobody.md": "---\nconfirms: ../outside.md\ntitel: x\n---\n",
        "email.md": confirmation(INVOICES, "me@example.com", "2026-03-20", "worked"),
    }
    for name, text in files.items():
        project.write(f"journals/confirmations/{name}", text)
    assert main(["--root", str(project.root), "check"]) == 1
    out, err = capsys.readouterr()
    c = "journals/confirmations"
    assert out.splitlines() == [
        f"{c}/again.md:2: warning: Bob Stone already confirmed this entry in {c}/first.md (keep "
        "one confirmation per person and entry: edit that file instead)",
        f"{c}/draft.md:2: warning: confirms journals/2026/2026-03-10-draft.md, a draft, which is "
        "not on the site (confirm it once it is published)",
        f"{c}/email.md:3:9: error: the confirmation says nobody tried it (add a line 'author: "
        "your-handle')",
        f"{c}/email.md:3:9: warning: author: an e-mail address is not a usable value and is "
        "ignored (use a name or handle, not an e-mail address; addresses are never published)",
        f"{c}/future.md:4: warning: date {future} is in the future (check the year and the "
        "month)",
        f"{c}/nobody.md:2:11: error: confirms: must name one entry, relative to the journals folder"
        " (write e.g. 'confirms: 2026/2026-03-02-invoices.md')",
        f"{c}/nobody.md:2:11: error: the confirmation has no result (write 'result: ' and one of "
        "worked, partial or failed; synonyms work too, e.g. yes, ok, didn't work, partly "
        "worked)",
        f"{c}/nobody.md:2:11: error: the confirmation says nobody tried it (add a line 'author: "
        "your-handle')",
        f"{c}/nobody.md:3:8: warning: unknown field 'titel' is ignored in a confirmation (a "
        "confirmation has confirms, author, date, result and a note)",
        f"{c}/nowhere.md:2: error: confirms '2026/2026-03-02-invoice.md', but no journal entry "
        f"is there (did you mean '{INVOICES}'?)",
        f"{c}/stranger.md:3: warning: author 'alicia' is not in the contributors list (did you "
        "mean 'alice'?)",
        f"{c}/word.md:5:9: error: result 'maybe' is not a result word (write 'result: ' and one "
        "of worked, partial or failed; synonyms work too, e.g. yes, ok, didn't work, partly "
        "worked)",
    ]
    assert "email" not in out.replace("e-mail", "").replace("email.md", "")
    assert err.endswith("13 files checked: 6 errors, 6 warnings\n")
    # Only the first confirmation of each person and entry, of published entries, counts.
    counted = {(c.path.rpartition("/")[2], c.by) for c in knowledge(project).confirmations}
    assert counted == {("first.md", "bob"), ("future.md", "dana"), ("stranger.md", "alicia")}


def test_peerlog_confirm_writes_a_file_that_passes_check_and_counts(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    before = knowledge(project)
    root = str(project.root)
    assert main(["--root", root, "confirm", f"journals/{INVOICES}", "--result", "yes",
                 "--author", "dana", "--date", "2026-03-20", "--note", "Same on receipts."]) == 0
    out, err = capsys.readouterr()
    written = "journals/confirmations/2026-03-20-dana-invoices.md"
    assert out.splitlines() == [
        f"Created {root}/{written}, confirming journals/{INVOICES} (worked)",
        f"Next: run `peerlog --root {root} check {root}/{written}`, commit it and open a pull "
        "request."]
    assert err == ""
    text = (project.root / written).read_text(encoding="utf-8")
    assert text == render_confirmation(INVOICES, "dana", "2026-03-20", "worked",
                                       "Same on receipts.")
    assert parse_confirmation_text(text, written, "journals")[1] == []
    assert main(["--root", root, "check", "--strict", str(project.root / written)]) == 0
    assert capsys.readouterr().err == "1 file checked: 0 errors, 0 warnings\n"

    after = knowledge(project)
    (playbook,) = after.playbooks
    (old,) = before.playbooks
    assert [(a.label, a.confirmations) for a in playbook.approaches if a.confirmations] == [
        (next(a.label for a in old.approaches if a.worked), 1)]
    dana = after.people.persons["dana"]
    assert [c.target for c in dana.confirmed] == [f"journals/{INVOICES}"]
    assert ("alice", "dana", "built-on") in {(e.source, e.target, e.kind)
                                             for e in after.people.edges}

    # Twice is refused, and so are entries that do not exist, drafts and unknown words.
    refusals = {
        (f"journals/{INVOICES}", "worked"): "dana already confirmed this entry in " + written,
        ("2026/2026-03-02-invoice.md", "worked"): "no journal entry at 2026/2026-03-02-invoice"
        f".md (did you mean journals/{INVOICES}?)",
        ("journals/2026/2026-03-10-draft.md", "worked"): "journals/2026/2026-03-10-draft.md is "
        "a draft, which is not on the site: confirm it once it is published",
        (INVOICES, "maybe"): "'maybe' is not a result: use worked, partial or failed",
    }
    for (entry, result), message in refusals.items():
        assert main(["--root", root, "confirm", entry, "--result", result, "--author", "dana",
                     "--date", "2026-03-20"]) == 2
        out, err = capsys.readouterr()
        assert (out, message in err, err.endswith("nothing was written\n")) == ("", True, True)
    assert len(list((project.root / "journals" / "confirmations").iterdir())) == 1


def test_the_entry_page_shows_confirmations_and_leads_on(project: Project) -> None:
    note = "Worked on receipts too.\n<script>alert(1)</script>"
    project.write("journals/confirmations/dana.md",
                  confirmation(INVOICES, "Dana Li", "2026-03-20", "worked", note))
    project.write("journals/confirmations/bob.md",
                  confirmation(INVOICES, "bob", "2026-03-21", "partly worked"))
    build = project.build("--strict")
    assert build.code == 0, build.log
    article = build.article("entries/2026/2026-03-02-invoices/")
    assert '<a href="#peerlog-tried-since">Tried since by 2 people</a>:' in article
    assert article.count('id="peerlog-tried-since"') == 1  # the link lands on the list
    assert '<span class="peerlog-confirmed__worked">1 worked</span>' in article
    assert '<span class="peerlog-confirmed__partial">1 partly worked</span>' in article
    assert '✔ worked</span>\n      for <a class="peerlog-person" href="../../../people/dana/">' \
        'dana</a>, <time datetime="2026-03-20">2026-03-20</time>' in article
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "<script>alert" not in article
    assert 'href="../../../playbooks/data-extraction/">the data-extraction playbook</a>' in article
    related = article[article.index("Related entries"):]
    # The entry sharing an approach comes first, then the most recent other one.
    assert related.index(">Receipts<") < related.index(">Contracts<")
    assert "Half done" not in related
    person = build.article("people/dana/")
    assert "<dt>Tried others' entries</dt><dd>1</dd>" in person

    data = json.loads((build.site / "peerlog.json").read_text(encoding="utf-8"))
    (entry,) = [e for e in data["entries"] if e["title"] == "Tables from invoices"]
    assert entry["confirmations"] == [
        {"by": "dana", "date": "2026-03-20", "result": "worked", "note": note},
        {"by": "bob", "date": "2026-03-21", "result": "partial", "note": ""}]


def test_hostile_confirmations_get_a_message_and_never_hide_the_good_ones(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = {
        "list.md": "---\nconfirms: [a.md, b.md]\nauthor: bob\nresult: worked\n---\n",
        "markup.md": confirmation(INVOICES, '"<script>alert(1)</script>"', "2026-03-20", "ok"),
        "long-path.md": confirmation("a/" * 1000 + "x.md", "bob", "2026-03-20", "ok"),
        "two.md": confirmation(INVOICES, "[alice, bob]", "2026-03-20", "ok"),
        "bytes.md": b"---\nconfirms: \xff\xfe\n---\n",
        "long-note.md": confirmation(INVOICES, "carol", "2026-03-20", "ok", "x" * 5000),
    }
    for name, text in hostile.items():
        project.write(f"journals/confirmations/{name}", text)
    project.write("journals/confirmations/good.md",
                  confirmation(INVOICES, "dana", "2026-03-21", "worked"))
    assert main(["--root", str(project.root), "check"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = out.splitlines()
    for name in hostile:
        assert any(line.startswith(f"journals/confirmations/{name}:") for line in lines), name
    assert max(map(len, lines)) < 400
    counted = {c.path.rpartition("/")[2]: c for c in knowledge(project).confirmations}
    assert sorted(counted) == ["good.md", "long-note.md"]
    assert len(counted["long-note.md"].note) == 2000


def test_an_undated_confirmation_takes_the_date_of_its_commit(project: Project) -> None:
    repo = GitRepo.init(project.root)
    repo.commit({"journals/confirmations/undated.md":
                 f"---\nconfirms: {INVOICES}\nauthor: bob\nresult: worked\n---\n"},
                date="2026-04-02T10:00:00+00:00")
    (c,) = gather(load_settings(project.root)).confirmations
    assert (c.by, c.date) == ("bob", date(2026, 4, 2))
    assert knowledge(project).confirmations[0].date is None  # without git: undated
