from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerlog.base.problems import Problem
from peerlog.base.text import clean, slug
from peerlog.read.entries import Entry, parse_entry, person_name


def parse(tmp_path: Path, content: str | bytes, name: str = "x.md") -> tuple[Entry | None, list[Problem]]:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return parse_entry(path, f"journals/{name}", name)


FULL = """\
---
title: Getting tables out of scanned invoices
date: 2026-03-02
author: alice
tags: [pdf, extraction, claude]
problem: data-extraction
tools: [claude]
pair: [bob]
learned_from: [carol]
outcome: solved
attempts:
  - tried: Asked for the whole table as JSON
    result: failed
    note: It invented columns
  - tried: Gave it one example row first
    result: worked
draft: false
---
It worked in the end.

- tried: splitting per page -> partial: slow
"""


def test_full_entry(tmp_path: Path) -> None:
    entry, problems = parse(tmp_path, FULL)
    assert problems == []
    assert entry is not None
    assert entry.title == "Getting tables out of scanned invoices"
    assert entry.date == date(2026, 3, 2)
    assert entry.authors == ("alice",)
    assert entry.tags == ("pdf", "extraction", "claude")
    assert entry.problem == "data-extraction"
    assert entry.pair == ("bob",) and entry.learned_from == ("carol",)
    assert entry.outcome == "solved"
    assert [(a.tried, a.result, a.note) for a in entry.attempts] == [
        ("Asked for the whole table as JSON", "failed", "It invented columns"),
        ("Gave it one example row first", "worked", ""),
        ("splitting per page", "partial", "slow"),
    ]
    assert [a.line for a in entry.attempts] == [12, 15, 21]
    assert entry.body_line == 19
    assert not entry.draft


def test_minimal_entry(tmp_path: Path) -> None:
    entry, problems = parse(tmp_path, "---\ntitle: Just notes\n---\nhello\n")
    assert problems == [] and entry is not None
    assert (entry.title, entry.date, entry.authors, entry.tags) == ("Just notes", None, (), ())


def test_lenient_forms(tmp_path: Path) -> None:
    entry, problems = parse(tmp_path, "---\ntitle: T\ntags: Prompting, few shot ,  \n"
                            "authors: [alice, bob]\noutcome: Solved\ndraft: yes\n---\n")
    assert problems == [] and entry is not None
    assert entry.tags == ("Prompting", "few shot")
    assert entry.authors == ("alice", "bob")
    assert entry.outcome == "solved" and entry.draft


def lines(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_missing_title_is_an_error_with_line(tmp_path: Path) -> None:
    entry, problems = parse(tmp_path, "---\ndate: 2026-01-01\n---\n")
    assert entry is None
    assert lines(problems) == [
        "journals/x.md:2: error: the entry has no title "
        "(add a line like 'title: Getting tables out of scanned invoices')"
    ]


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    entry, problems = parse(tmp_path, "---\ntitle: T\ndate: 2026-02-30\ntag: [x]\n"
                            "outcome: done\nauthor: 'Alice Smith!'\n---\n")
    assert entry is not None
    assert lines(problems) == [
        "journals/x.md:3:7: warning: date '2026-02-30' is not a real date "
        "(check the day and month; the git date is used instead)",
        "journals/x.md:4: warning: unknown field 'tag' is ignored (did you mean 'tags'?)",
        "journals/x.md:5:10: warning: outcome 'done' is not one of solved, partial, unsolved "
        "(use one of those words)",
        "journals/x.md:6:9: warning: author: 'Alice Smith!' is not a usable value and is "
        "ignored (use a name or handle, like 'Alice Martin' or 'alice': letters, digits, "
        "spaces, '.', '-', '_' or apostrophes, at most 60 characters)",
    ]
    assert len(problems) == 4
    assert {p.line for p in problems} == {3, 4, 5, 6}


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ("no front matter\n", "the entry has no front matter", 1),
        ("---\ntitle: x\n", "the front matter starts with '---' but never ends", 1),
        ("---\ntitle: [unclosed\n---\n", "the front matter is not valid YAML", 3),
        ("---\n- a\n- b\n---\n", "the front matter must be a list of 'key: value' lines", 2),
        ("---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n",
         "YAML tags like 'tag:yaml.org,2002:python/object/apply:os.system' are not allowed", 2),
        ("---\na: &a [x, x]\nb: &b [*a, *a]\ntitle: t\n---\n", "YAML aliases", 3),
        ("---\ntitle: ''\n---\n", "the title is empty", 2),
        ("---\ntitle: [a, b]\n---\n", "the title must be text, found a list", 2),
    ],
)
def test_unusable_files(tmp_path: Path, content: str, message: str, line: int) -> None:
    entry, problems = parse(tmp_path, content)
    assert entry is None
    assert any(p.message.startswith(message) and p.line == line and p.severity == "error"
               for p in problems), lines(problems)


def test_encodings_and_newlines(tmp_path: Path) -> None:
    text = "---\ntitle: Café\n---\nnotes\n"
    for i, raw in enumerate([
        codecs.BOM_UTF8 + text.encode(),
        text.encode("utf-16"),
        text.replace("\n", "\r\n").encode(),
        text.replace("\n", "\r").encode(),
    ]):
        entry, problems = parse(tmp_path, raw, f"e{i}.md")
        assert problems == [] and entry is not None, i
        assert entry.title == "Café" and entry.body == "notes\n"


def test_binary_and_bad_bytes(tmp_path: Path) -> None:
    _, problems = parse(tmp_path, b"---\ntitle: a\n---\n\xff\xfe\xfa", "bad.md")
    assert [(p.line, p.message) for p in problems] == [(4, "the file is not valid UTF-8")]
    _, problems = parse(tmp_path, b"---\ntitle: a\x00\n---\n", "nul.md")
    assert problems[0].message.startswith("the file contains a NUL byte")


def test_huge_file_refused_without_reading(tmp_path: Path) -> None:
    _, problems = parse(tmp_path, "---\ntitle: t\n---\n" + "x" * 5_000_000)
    assert "more than the 1,000,000 allowed" in problems[0].message


def test_long_title_and_many_tags_are_trimmed(tmp_path: Path) -> None:
    tags = ", ".join(f"t{i}" for i in range(3000))
    entry, problems = parse(tmp_path, f"---\ntitle: {'a' * 10_000}\ntags: {tags}\n---\n")
    assert entry is not None
    assert len(entry.title) == 200 and len(entry.tags) == 50
    assert [p.severity for p in problems] == ["warning", "warning"]


def test_alias_bomb_costs_nothing(tmp_path: Path) -> None:
    bomb = "---\ntitle: t\na: &a [" + ",".join(["lol"] * 10) + "]\n"
    for i in range(1, 30):
        bomb += f"{chr(97 + i % 26)}{i}: &a{i} [" + ",".join([f"*a{i - 1}" if i > 1 else "*a"] * 10) + "]\n"
    entry, problems = parse(tmp_path, bomb + "---\n")
    assert entry is None and "aliases" in problems[0].message


def test_links_are_collected_outside_code(tmp_path: Path) -> None:
    entry, _ = parse(tmp_path, "---\ntitle: t\n---\nSee [a](../2025/a.md) and [b](b.md#x).\n"
                     "```\n[c](c.md)\n```\n[web](https://x.org/y.md)\n")
    assert entry is not None and entry.links == ("../2025/a.md", "b.md")


@pytest.mark.parametrize(("written", "day"), [
    ("2026-03-02", date(2026, 3, 2)),
    ("2013-05-06 02:12:52 +0200", date(2013, 5, 6)),  # Jekyll's own posts
    ('"2013-05-06 02:12:52 +0200"', date(2013, 5, 6)),
    ("2026-03-02T23:30:00-08:00", date(2026, 3, 2)),  # the day as written, not in UTC
    ("2026-03-02T10:00Z", date(2026, 3, 2)),
    ("2026-03-02 9:05", date(2026, 3, 2)),
    ("2026-03-02T10:00:00.123456+01:00", date(2026, 3, 2)),
])
def test_a_date_may_carry_the_time_real_notes_write(tmp_path: Path, written: str, day: date) -> None:
    entry, problems = parse(tmp_path, f"---\ntitle: T\ndate: {written}\n---\nNotes.\n")
    assert entry is not None and entry.date == day
    assert problems == []


@pytest.mark.parametrize("written", ["2026-03-02 tomorrow", "2026-03-02T", "2026-03-02 25", "3/2/2026"])
def test_a_date_with_anything_else_after_it_is_refused(tmp_path: Path, written: str) -> None:
    entry, problems = parse(tmp_path, f"---\ntitle: T\ndate: {written}\n---\nNotes.\n")
    assert entry is not None and entry.date is None
    assert [p.message for p in problems] == ["date must look like 2026-03-02 (YYYY-MM-DD)"]


@pytest.mark.parametrize("name", ["Jane Doe", "jdoe", "mei.lin", "Seán O'Brien", "O\u2019Neill",
                                  "Ana María Pérez-Gómez", "李雷", "bob_smith", "R2 D2"])
def test_full_names_and_handles_name_people(tmp_path: Path, name: str) -> None:
    entry, problems = parse(tmp_path, f"---\ntitle: T\nauthor: {name}\npair: [{name}]\n"
                            f"learned_from: {name}\n---\n")
    assert problems == []
    assert entry is not None
    assert (entry.authors, entry.pair, entry.learned_from) == ((name,), (name,), (name,))


@pytest.mark.parametrize(("value", "message", "hint"), [
    ("jane@example.com", "author: an e-mail address is not a usable value and is ignored",
     "use a name or handle, not an e-mail address; addresses are never published"),
    ("Jane Doe <jane@example.com>", "author: an e-mail address is not a usable value and is "
     "ignored", "use a name or handle, not an e-mail address; addresses are never published"),
    ("https://example.org/jane", "author: a web address is not a usable value and is ignored",
     "use a name or handle, like 'Alice Martin' or 'alice'"),
    ("www.jane.example", "author: a web address is not a usable value and is ignored",
     "use a name or handle, like 'Alice Martin' or 'alice'"),
    ("<b>Jane</b>", "author: '<b>Jane</b>' is not a usable value and is ignored", "use a name"),
    ("[Jane](x.md)", "author: '[Jane](x.md)' is not a usable value and is ignored", "use a name"),
    ("1234", "author: '1234' is not a usable value and is ignored", "use a name"),
    ("'-.-'", "author: \"'-.-'\" is not a usable value and is ignored", "use a name"),
    ("J" * 61, f"author: {'J' * 40!r} is not a usable value and is ignored", "use a name"),
])
def test_what_cannot_be_a_name_is_refused_with_a_hint(
    tmp_path: Path, value: str, message: str, hint: str
) -> None:
    entry, problems = parse(tmp_path, f"---\ntitle: T\nauthor: {json.dumps(value)}\n---\n")
    assert entry is not None and entry.authors == ()
    [problem] = problems
    assert (problem.line, problem.message) == (3, message)
    assert problem.hint.startswith(hint)
    assert "example.com" not in str(problem)


@given(st.text(max_size=80))
def test_an_accepted_name_slugs_to_one_safe_segment(text: str) -> None:
    name = person_name(clean(text))
    if name is None:
        return
    assert "@" not in name and "://" not in name
    s = slug(name)
    assert s and "/" not in s and "\\" not in s and "@" not in s and "%" not in s
    assert s not in (".", "..", "index", "nul", "con") and not s.startswith("-")


@pytest.mark.parametrize("body", [
    "# Tables from PDFs\n\n- tried one row first -> worked\n",
    "#   tables from pdfs   ##\n\n- tried one row first -> worked\n",
    "\n\nTables from PDFs\n===\n- tried one row first -> worked\n",
])
def test_a_heading_equal_to_the_title_is_dropped_and_lines_stay_right(
    tmp_path: Path, body: str
) -> None:
    content = f"---\ntitle: Tables from PDFs\n---\n{body}"
    entry, problems = parse(tmp_path, content)
    assert problems == [] and entry is not None
    assert "Tables" not in entry.body and "tables" not in entry.body
    tried = content.split("\n").index("- tried one row first -> worked") + 1
    assert [a.line for a in entry.attempts] == [tried]
    first = next(i for i, line in enumerate(entry.body.split("\n")) if line.strip())
    assert content.split("\n")[entry.body_line + first - 1] == entry.body.split("\n")[first]


@pytest.mark.parametrize("body", ["# Something else\n\nNotes.\n", "## Tables from PDFs\n",
                                  "Notes first.\n\n# Tables from PDFs\n",
                                  "    # Tables from PDFs\n", "Tables from PDFs\n---\n"])
def test_other_openings_are_kept(tmp_path: Path, body: str) -> None:
    entry, _ = parse(tmp_path, f"---\ntitle: Tables from PDFs\n---\n{body}")
    assert entry is not None and entry.body == body and entry.body_line == 4


def test_without_a_title_the_leading_heading_is_the_title(tmp_path: Path) -> None:
    entry, problems = parse(tmp_path, "---\nauthor: Jane Doe\n---\n# Tables from PDFs #\n\nNotes.\n")
    assert problems == [] and entry is not None
    assert (entry.title, entry.body, entry.body_line) == ("Tables from PDFs", "\nNotes.\n", 5)
    untitled, problems = parse(tmp_path, "---\nauthor: Jane Doe\n---\nNotes, no heading.\n")
    assert untitled is None
    assert [p.message for p in problems] == ["the entry has no title"]


def test_other_tools_fields_are_ignored_and_typos_of_ours_are_named(tmp_path: Path) -> None:
    """Jekyll's ``layout`` and ``categories`` are fine; ``tag`` is a typo of ``tags``."""
    entry, problems = parse(tmp_path, "---\ntitle: T\nlayout: post\ncategories: [release]\n"
                            "redirect_from: /old/\ndescription: x\naliases: [t]\ntag: pdf\n"
                            "titel: Typo\n---\nNotes.\n")
    assert entry is not None and entry.title == "T"
    assert [str(p) for p in problems] == [
        "journals/x.md:8: warning: unknown field 'tag' is ignored (did you mean 'tags'?)",
        "journals/x.md:9: warning: unknown field 'titel' is ignored (did you mean 'title'?)",
    ]


SOURCES = """\
---
title: Sources
learned_from:
  - bob
  - course: Prompting 101
  - {docs: Anthropic guide}
  - "video: Evals in ten minutes"
  - Documentation: API reference
  - self-taught
  - podcast: Hard Fork
  - book: [a, list]
  - Bob
---
"""


def test_learned_from_names_people_and_sources(tmp_path: Path) -> None:
    entry, problems = parse(tmp_path, SOURCES)
    assert entry is not None
    assert entry.learned_from == ("bob", "Bob")
    assert [s.label for s in entry.sources] == [
        "course: Prompting 101", "docs: Anthropic guide", "video: Evals in ten minutes",
        "docs: API reference", "self"]
    assert [str(p) for p in problems] == [
        "journals/x.md:10:14: warning: learned_from: 'podcast' is not a kind of source, so the "
        "value is ignored (write a person's name, 'self', or a source as 'kind: title' with one "
        "of course, docs, documentation, video, book, article, talk)",
        "journals/x.md:11:11: warning: learned_from: a nested value is ignored (write one plain "
        "value per item, like 'course: Prompting 101')",
    ]
    assert entry.at.find(["learned_from"], "course: Prompting 101") == (5, 13)
    assert entry.at.find(["learned_from"], "docs: Anthropic guide") == (6, 12)
    assert entry.at.find(["learned_from"], "video: Evals in ten minutes") == (7, 5)


@pytest.mark.parametrize(("written", "people", "labels"), [
    ('"course: Prompting 101, alice, myself"', ("alice",), ["course: Prompting 101", "self"]),
    ("{book: Co-Intelligence}", (), ["book: Co-Intelligence"]),
    ("[self, Self, talk: Clinic demo]", (), ["self", "talk: Clinic demo"]),
    ("[article:  ]", (), ["article"]),
])
def test_sources_as_text_or_mapping(tmp_path: Path, written: str, people: tuple[str, ...],
                                    labels: list[str]) -> None:
    entry, problems = parse(tmp_path, f"---\ntitle: T\nlearned_from: {written}\n---\n")
    assert entry is not None and problems == []
    assert entry.learned_from == people
    assert [s.label for s in entry.sources] == labels


# YAML refuses control characters anywhere in a file, quoted or not: not what is tested here.
_YAML_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)
_YAML_SCALAR = st.one_of(st.none(), _YAML_TEXT, st.integers(), st.booleans())
_LEARNED_FROM = st.recursive(
    _YAML_SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(_YAML_TEXT, inner, max_size=3)),
    max_leaves=12,
)


@given(_LEARNED_FROM)
def test_any_learned_from_never_raises(tmp_path_factory: pytest.TempPathFactory,
                                       value: object) -> None:
    """Whatever ``learned_from`` holds, the entry is read: people are names, sources have a
    known kind, and every other value is a warning."""
    path = tmp_path_factory.mktemp("lf") / "x.md"
    path.write_text("---\ntitle: T\nlearned_from: " + json.dumps(value, ensure_ascii=False)
                    + "\n---\n",
                    encoding="utf-8")
    entry, problems = parse_entry(path, "journals/x.md", "x.md")
    assert entry is not None
    assert all(person_name(p) == p for p in entry.learned_from)
    assert {s.kind for s in entry.sources} <= {"course", "docs", "video", "book", "article",
                                                "talk", "self"}
    assert all(p.severity == "warning" for p in problems)
