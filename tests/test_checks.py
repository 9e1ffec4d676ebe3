from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from peerlog.knowledge.checks import cross_check
from peerlog.read.entries import Entry, parse_entry
from peerlog.read.journals import load_journal

TODAY = date(2026, 3, 1)


def entry(rel: str, title: str = "", **fields: Any) -> Entry:
    return Entry(path=f"journals/{rel}", rel=rel, title=title or rel, **fields)


def lines(entries: list[Entry], known: list[str] | None = None, **kw: Any) -> list[str]:
    return [str(p) for p in cross_check(entries, known, TODAY, **kw)]


def test_rare_tag_close_to_a_common_one_gets_did_you_mean() -> None:
    entries = [entry(f"p{i:02}.md", tags=("prompting", "pdf")) for i in range(12)]
    entries.append(entry("typo.md", tags=("pdf", "Promting")))
    assert lines(entries) == [
        "journals/typo.md: warning: tag 'Promting' is close to 'prompting', used by 12 entries "
        "(did you mean 'prompting'?)"
    ]


def test_plurals_and_problem_types() -> None:
    entries = [entry(f"t{i}.md", tags=("prompt-templates",), problem="data-extraction")
               for i in range(3)]
    entries.append(entry("one.md", tags=("Prompt template",), problem="data extration"))
    assert lines(entries) == [
        "journals/one.md: warning: problem type 'data extration' is close to 'data-extraction', "
        "used by 3 entries (did you mean 'data-extraction'?)",
        "journals/one.md: warning: tag 'Prompt template' is close to 'prompt-templates', used by "
        "3 entries (did you mean 'prompt-templates'?)",
    ]


def test_spellings_that_are_not_typos_are_left_alone() -> None:
    entries = [
        # one key: case, spaces and dashes do not matter
        entry("a.md", tags=("Data extraction", "sql")), entry("b.md", tags=("data-extraction",)),
        # too short to be a typo, however rare
        entry("c.md", tags=("sq",)), entry("d.md", tags=("sql",)), entry("e.md", tags=("sql",)),
        # used about equally: both deliberate (or both new), nobody is told which is right
        entry("f.md", tags=("contracts",)), entry("g.md", tags=("contacts",)),
        # established on both sides: three against four
        *(entry(f"h{i}.md", tags=("claude",)) for i in range(4)),
        *(entry(f"i{i}.md", tags=("clause",)) for i in range(3)),
    ]
    assert lines(entries) == []


def test_people_against_the_contributors_list() -> None:
    entries = [
        entry("a.md", authors=("alcie",), pair=("bob",), learned_from=("zed",)),
        entry("b.md", authors=("git-person",), author_from_git=True),
    ]
    assert lines(entries, ["alice", "Bob"]) == [
        "journals/a.md: warning: author 'alcie' is not in the contributors list "
        "(did you mean 'alice'?)",
        "journals/a.md: warning: learned_from 'zed' is not in the contributors list "
        "(check the spelling, or add them to the contributors list)",
    ]


def test_people_without_a_list_flag_a_one_off_close_to_a_regular() -> None:
    entries = [
        entry("a.md", authors=("priya",)), entry("b.md", pair=("Priya",)),
        entry("c.md", learned_from=("priya",)), entry("d.md", learned_from=("pryia",)),
        entry("e.md", authors=("newcomer",)),
    ]
    assert lines(entries) == [
        "journals/d.md: warning: learned_from 'pryia' appears in no other entry and is close to "
        "'priya', used by 3 entries (did you mean 'priya'?)"
    ]


def test_duplicate_titles_warn_the_later_entry() -> None:
    entries = [
        entry("new.md", "Tables  from SCANNED invoices", date=date(2026, 2, 1)),
        entry("undated.md", "tables from scanned invoices"),
        entry("old.md", "Tables from scanned invoices", date=date(2025, 9, 8)),
    ]
    assert lines(entries) == [
        "journals/new.md: warning: another entry has the same title: journals/old.md "
        "(say in the title what is different about this one)",
        "journals/undated.md: warning: another entry has the same title: journals/old.md "
        "(say in the title what is different about this one)",
    ]


def test_links_to_missing_draft_and_broken_entries() -> None:
    body = "\n".join([
        "Built on [the invoice one](../2025/2025-09-08-invoice-line-item.md).",
        "[ok](../2025/2025-09-08-invoice-line-items.md) [spaces](my%20entry.md)",
        "[draft](draft.md) and [broken](broken.md) and [docs](../../docs/format.md)",
        "```",
        "[in a fence](nowhere.md)",
        "```",
    ])
    source = entry("2026/links.md", body=body, body_line=5, links=(
        "../2025/2025-09-08-invoice-line-item.md", "../2025/2025-09-08-invoice-line-items.md",
        "my%20entry.md", "draft.md", "broken.md", "../../docs/format.md"))
    entries = [
        source,
        entry("2025/2025-09-08-invoice-line-items.md"),
        entry("2026/my entry.md"),
        entry("2026/draft.md", draft=True, links=("links.md", "gone.md"), body="[x](gone.md)"),
    ]
    assert lines(entries, broken={"journals/2026/broken.md"}) == [
        "journals/2026/draft.md:1:5: warning: link to 'gone.md' points at no journal entry "
        "(check the file name; links are relative to this entry's folder)",
        "journals/2026/links.md:5:28: warning: link to '../2025/2025-09-08-invoice-line-item.md' "
        "points at no journal entry (did you mean '../2025/2025-09-08-invoice-line-items.md'?)",
        "journals/2026/links.md:7:9: warning: link to 'draft.md' points at a draft, which is not "
        "on the site (publish that entry first, or link to it later)",
        "journals/2026/links.md:7:32: warning: link to 'broken.md' points at an entry with "
        "errors, which is left out of the site (fix journals/2026/broken.md first)",
    ]


def test_dates_after_tomorrow_unless_they_came_from_git() -> None:
    entries = [
        entry("a.md", date=date(2026, 3, 3)),
        entry("b.md", date=TODAY),
        # tomorrow already, where the author lives
        entry("c.md", date=date(2026, 3, 2)),
        entry("d.md", date=date(2027, 1, 1), date_from_git=True),
    ]
    assert lines(entries) == [
        "journals/a.md: warning: date 2026-03-03 is in the future (check the year and the month)"
    ]


def test_warnings_point_at_the_line_and_column_of_the_value(tmp_path: Path) -> None:
    files = {
        "a.md": "---\ntitle: Tables\ndate: 2025-09-08\nauthor: priya\ntags: [pdf, prompting]\n"
                "---\n",
        "b.md": "---\ntitle: Memo\nauthors: [priya]\ntags: pdf, prompting\n---\n",
        "c.md": "---\ntitle: Notes\nauthor: priya\ntags:\n  - pdf\n  - promting\n---\n",
        "d.md": "---\n# copied from a.md\ntitle:   TABLES\ndate: 2999-01-01\n---\n",
        "e.md": "---\ntitle: [not text\n---\n",
    }
    for name, text in files.items():
        (tmp_path / "journals").mkdir(exist_ok=True)
        (tmp_path / "journals" / name).write_text(text, encoding="utf-8")
    journal = load_journal(tmp_path, "journals")
    broken = {p.path for p in journal.problems if p.severity == "error"}
    found = cross_check(journal.entries, None, TODAY, broken=broken)
    assert [str(p) for p in found] == [
        "journals/c.md:6:5: warning: tag 'promting' is close to 'prompting', used by 2 entries "
        "(did you mean 'prompting'?)",
        "journals/d.md:3:10: warning: another entry has the same title: journals/a.md "
        "(say in the title what is different about this one)",
        "journals/d.md:4:7: warning: date 2999-01-01 is in the future (check the year and the "
        "month)",
    ]
    assert broken == {"journals/e.md"}


def test_positions_come_from_the_one_parse_not_from_reading_the_file_again(
    tmp_path: Path,
) -> None:
    path = tmp_path / "x.md"
    path.write_text("---\ntitle: Later\ndate: 2999-01-01\ntags: [a, b]\n---\n", encoding="utf-8")
    parsed, _ = parse_entry(path, "x.md", "x.md")
    assert parsed is not None
    path.unlink()
    assert [(p.line, p.col) for p in cross_check([parsed], None, TODAY)] == [(3, 7)]
    assert parsed.at.find(("tags",), "B") == (4, 11)
    assert parsed.at.find(("author", "authors"), "nobody") == (0, 0)
