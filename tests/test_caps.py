"""One test per cap on contributor input: the worst input we know, at or past the cap.

Each runs under a time limit about ten times what `scripts/bench_caps.py` measured on a busy
machine (docs/benchmarks.md), so a return to quadratic work (minutes to hours on these inputs)
fails here, and each asserts what the cap does to the content.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerlog.base import identity
from peerlog.base.problems import Problem
from peerlog.base.text import slug
from peerlog.knowledge import checks, grouping
from peerlog.read import entries, frontmatter, schema
from peerlog.read.attempts import parse_shorthand
from peerlog.read.curated import CuratedApproach
from peerlog.read.entries import Entry, fence_if_costly, parse_entry
from peerlog.render.sanitize import sanitize
from peerlog.render.search import index_site

from .test_search import _fragments

T = TypeVar("T")
MB = 1_000_000
FRONT = "---\ntitle: Worst case\n---\n"
CAPPED = f"only the first {schema.MAX_ATTEMPTS} attempts are used"
# The link regex the linear scan replaced: the specification of what it must find.
OLD_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+?\.md)(?:#[^)\s>]*)?>?(?:\s+[\"'][^)]*[\"'])?\s*\)")


def within(seconds: float, work: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = work()
    took = time.perf_counter() - start
    assert took < seconds, f"took {took:.2f} s, limit {seconds} s"
    return result


def parse(tmp_path: Path, content: str) -> tuple[Entry, list[Problem]]:
    path = tmp_path / "worst.md"
    path.write_text(content, encoding="utf-8")
    entry, problems = parse_entry(path, "journals/worst.md", "worst.md")
    assert entry is not None
    return entry, problems


def attempt_lines(n: int, start: int = 0) -> str:
    return "".join(f"- tried approach {i} as JSON -> failed: no\n" for i in range(start, n))


def front_attempts(n: int) -> str:
    items = "".join(f"  - tried: front {i}\n    result: worked\n" for i in range(n))
    return f"---\ntitle: Worst case\nattempts:\n{items}---\n"


def capped(problems: list[Problem]) -> list[int]:
    return [p.line for p in problems if p.message == CAPPED]


def test_inline_attempts_stop_at_the_cap_and_say_where(tmp_path: Path) -> None:
    body = attempt_lines(MB // 45)  # about 1 MB of attempt lines
    entry, problems = within(10, lambda: parse(tmp_path, FRONT + body))
    assert [a.tried for a in entry.attempts] == [f"approach {i} as JSON"
                                                  for i in range(schema.MAX_ATTEMPTS)]
    # Three front-matter lines, then attempt 101 on file line 104.
    assert capped(problems) == [3 + schema.MAX_ATTEMPTS + 1]


def test_inline_parse_stops_reading_at_its_limit() -> None:
    # Past the limit, not even a line that once took minutes is looked at.
    body = attempt_lines(2) + "- then" + " " * 200_000 + "x\n" + attempt_lines(4, 2)
    found = within(1, lambda: parse_shorthand(body, 1, limit=2))
    assert [a.line for a in found] == [1, 2]


def test_front_matter_and_inline_attempts_share_one_budget(tmp_path: Path) -> None:
    entry, problems = within(2, lambda: parse(tmp_path, front_attempts(60) + attempt_lines(60)))
    assert len(entry.attempts) == schema.MAX_ATTEMPTS
    assert [a.tried for a in entry.attempts[58:62]] == ["front 58", "front 59", "approach 0 as JSON",
                                                       "approach 1 as JSON"]
    # 4 + 2 * 60 lines of front matter; the 41st inline attempt is the first one not used.
    assert capped(problems) == [4 + 2 * 60 + 41]


def test_front_matter_attempts_warn_at_the_first_item_not_used(tmp_path: Path) -> None:
    entry, problems = within(5, lambda: parse(tmp_path, front_attempts(3_000) + attempt_lines(5)))
    assert [a.tried for a in entry.attempts] == [f"front {i}" for i in range(schema.MAX_ATTEMPTS)]
    assert capped(problems) == [4 + 2 * schema.MAX_ATTEMPTS]


def test_an_approach_is_cut_at_the_title_length() -> None:
    [found] = parse_shorthand("- tried " + "word " * MB + "-> worked", 1)
    assert len(found.tried) <= schema.MAX_TITLE and found.result == "worked"


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("".join(f"[a](p{i}.md) " for i in range(MB // 12)), MB // 12),
        (".md" + "](" * (MB // 2), 0),
        ("](a.md x)" * (MB // 9), 0),
        ('](a.md "t" x)' * (MB // 13), 0),
        ("](" + " " * MB + "a.md)", 1),
        ("](a.md " + " " * MB + "x)", 0),
    ],
)
def test_link_extraction_is_linear_on_a_megabyte_line(line: str, found: int) -> None:
    assert len(within(10, lambda: entries._links(line))) == found


@given(st.lists(st.sampled_from(["](", "]", "(", ")", "<", ">", "#", ".md", ".m", "d", " ",
                                 "\t", '"', "'", "a", "b/", "x.md", "\u00a0", "://"]),
                max_size=40).map("".join))
def test_link_extraction_finds_what_the_regex_found(line: str) -> None:
    expected = [m.group(1) for m in OLD_MD_LINK.finditer(line)]
    if not any(target.startswith("<") for target in expected):  # "](<.md)" is not a link
        assert list(entries._md_links(line)) == expected


def test_front_matter_node_cap() -> None:
    def flow(n: int) -> str:
        return "title: x\ntags: [" + ", ".join("t" for _ in range(n)) + "]\n"

    found = within(5, lambda: frontmatter.parse_front(flow(frontmatter.MAX_NODES - 10)))
    assert len(found.fields["tags"].items) == frontmatter.MAX_NODES - 10
    with pytest.raises(frontmatter.FrontMatterError, match="more than 20,000 values"):
        within(5, lambda: frontmatter.parse_front(flow(5 * frontmatter.MAX_NODES)))


def test_front_matter_depth_cap() -> None:
    def nested(levels: int) -> str:
        return "title: x\ntags: " + "[" * levels + "]" * levels + "\n"

    within(1, lambda: frontmatter.parse_front(nested(frontmatter.MAX_DEPTH - 1)))
    with pytest.raises(frontmatter.FrontMatterError):
        within(1, lambda: frontmatter.parse_front(nested(MB // 2)))


def test_file_size_cap(tmp_path: Path) -> None:
    unit = "- tried [a](b.md) `x` <y> -> worked\n"
    body = unit * ((schema.MAX_FILE_BYTES - len(FRONT)) // len(unit))
    padding = "x" * (schema.MAX_FILE_BYTES - len(FRONT) - len(body))
    entry, problems = within(20, lambda: parse(tmp_path, FRONT + body + padding))
    assert len(entry.attempts) == schema.MAX_ATTEMPTS and entry.links == ("b.md",)
    assert entry.body.startswith("~~~")  # far too costly to render: shown as plain text
    (tmp_path / "worst.md").write_text(FRONT + body + padding + "x", encoding="utf-8")
    refused, problems = parse_entry(tmp_path / "worst.md", "journals/worst.md", "worst.md")
    assert refused is None and "more than the 1,000,000 allowed" in problems[0].message


@pytest.mark.parametrize(
    ("body", "fenced"),
    [
        ("<a [b `c\n" * (MB // 9), True),
        (("- " * 30 + "x\n") * (MB // 63), True),
        ("~~~~ " * (MB // 5), False),
        ("```" + " " * MB + "x y\n", False),
    ],
)
def test_fence_if_costly_worst_cases(body: str, fenced: bool) -> None:
    assert (within(15, lambda: fence_if_costly(body)) is not None) is fenced


def shared_wordings(n: int) -> list[str]:
    return [f"asked for a few json table examples {i} times with claude per page"
            for i in range(n)]


def test_grouping_twenty_thousand_wordings_in_one_problem_type() -> None:
    wordings = shared_wordings(20_000)
    # 6 s on a quiet machine, a minute with several test runs sharing its two cores; without
    # the caps, hours (a set of 200 million candidate pairs).
    # At the threshold of 0.25 (before "precision first") every compared pair merges: the
    # costliest clustering, whatever threshold is tuned later.
    merging = grouping.Scoring(1.0, 0.0, 0.25)
    groups = within(120, lambda: grouping.group_wordings(wordings, scoring=merging))
    variants = [v for group in groups for v in group.variants]
    assert sorted(variants) == sorted(wordings)  # each wording in exactly one group
    # All are used once, so the first 2,000 A-Z are compared (and merge: "a few" agrees with
    # any count); each of the other 18,000 is a group of its own.
    compared = set(sorted(wordings)[: grouping.MAX_COMPARED])
    merged = [g for g in groups if set(g.variants) <= compared]
    assert sum(len(g.variants) for g in merged) == grouping.MAX_COMPARED
    assert len(merged) < grouping.MAX_COMPARED // 10
    assert len(groups) - len(merged) == len(wordings) - grouping.MAX_COMPARED


def test_wordings_past_the_cap_group_by_key_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grouping, "MAX_COMPARED", 2)
    wordings = ["asked for JSON"] * 3 + ["requested JSON output"] * 2 + [
        "Split it page by page", "split it  PAGE by page", "asked for json!"]
    groups = grouping.group_wordings(wordings, scoring=grouping.LEXICAL)
    assert [(g.label, g.variants) for g in groups] == [
        ("asked for JSON", ("asked for JSON", "requested JSON output")),
        ("Split it page by page", ("Split it page by page", "split it  PAGE by page")),
        ("asked for json!", ("asked for json!",)),
    ]


def test_curated_texts_past_the_cap_are_not_read() -> None:
    curated = [CuratedApproach(f"approach {i}", (f"alias {i}",))
               for i in range(grouping.MAX_CURATED_TEXTS)]
    wordings = ["approach 3", "alias 3", f"alias {grouping.MAX_CURATED_TEXTS - 1}"]
    groups = within(60, lambda: grouping.group_wordings(wordings, curated, grouping.LEXICAL))
    # Labels and aliases are read in order: the last approach's alias is past the cap.
    assert [(g.label, g.curated) for g in groups if g.curated] == [("approach 3", True)]
    assert (f"alias {grouping.MAX_CURATED_TEXTS - 1}",) in [g.variants for g in groups
                                                             if not g.curated]


def test_candidate_caps_bound_the_pairs() -> None:
    wordings = [f"asked for the whole table as json with claude item{i}" for i in range(1_500)]
    nodes = sorted({grouping.approach_key(w): w for w in wordings}.items())
    sim = grouping._Similarity(
        [grouping._Node(k, frozenset(k.split()), {}, [w]) for k, w in nodes],
        grouping.LEXICAL, None)
    pairs = within(15, sim.pairs)
    assert len(pairs) <= grouping.MAX_CANDIDATES * len(nodes)


@pytest.mark.parametrize(
    ("value", "name_length", "email"),
    [
        ("a " * (MB // 2) + "<x@y>", MB - 1, "x@y"),
        ("<" * MB, MB - 1, ""),
        ("x@" * (MB // 2), 0, "x@" * (MB // 2)),
        ("Ann <" + "a" * MB, 3, "a" * MB),
    ],
)
def test_contact_parsing_on_megabyte_names(value: str, name_length: int, email: str) -> None:
    found = within(2, lambda: identity.parse_contact(value))
    assert found is not None and len(found.name) == name_length and found.email == email
    assert "@" not in found.name


def test_contacts_per_trailer_cap() -> None:
    found = within(5, lambda: identity.split_contacts("Ann <a@x>, " * (MB // 11)))
    assert len(found) == identity.MAX_CONTACTS_PER_TRAILER


@pytest.mark.parametrize(
    ("name", "is_bot"),
    [
        ("x" + " " * MB + "bot", False),
        ("renovate" + " " * MB + "bot", True),
        ("-" * MB, False),
        ("a-bot " * (MB // 6), False),
    ],
)
def test_bot_detection_on_megabyte_names(name: str, is_bot: bool) -> None:
    keys = identity.bot_keys(identity.DEFAULT_BOTS)
    assert within(2, lambda: identity.is_bot(name, "", keys)) is is_bot


@pytest.mark.parametrize("name", ["a-" * (MB // 2), "a\u0301" * (MB // 2), " -" * (MB // 2),
                                  "%/.." * (MB // 4)])
def test_slug_of_megabyte_names(name: str) -> None:
    found = within(15, lambda: slug(name))
    assert 0 < len(found) <= 80 and "/" not in found and "%" not in found


@pytest.mark.slow
def test_near_duplicate_tags_compare_with_the_most_used_only() -> None:
    """50,000 distinct tags, each used twice (a pull request can add them): seconds, and the
    typo of the most used tag is still found."""
    longest = checks.MAX_TYPO_LENGTH
    counts = {f"t{i:05d}".ljust(longest, "x"): 2 for i in range(50_000)}
    counts |= {"prompting": 40, "promting": 1, "p" * (longest + 1): 1, "p" * longest + "q": 9}
    suggested = within(60, lambda: checks._suggestions(counts, plural=True))
    assert suggested["promting"] == "prompting"
    # A phrase, not a word to misspell: were it compared, the 9 uses would make a suggestion.
    assert "p" * (longest + 1) not in suggested


def test_thousands_of_confirmations_of_no_entry_cost_seconds() -> None:
    """Each confirmation naming no entry looks for the nearest path among every entry's, so a
    pull request of 3,000 of them against 3,000 entries would be 9 million comparisons: only
    the first ``MAX_GUESSES`` get a guess, the rest a plain hint, and all are reported."""
    from datetime import date

    from peerlog.knowledge.confirmations import MAX_GUESSES, check_confirmations
    from peerlog.read.confirmations import Confirmation

    known = [Entry(path=f"journals/2026/entry-{i:05}.md", rel=f"2026/entry-{i:05}.md",
                   title=f"Entry {i}") for i in range(3_000)]
    bogus = [Confirmation(path=f"journals/confirmations/c{i}.md",
                          target=f"journals/2026/entry-{i:05}x.md", by=f"p{i}",
                          date=date(2026, 1, 1), result="worked") for i in range(3_000)]
    problems = within(10, lambda: check_confirmations(bogus, known, None, date(2026, 3, 1),
                                                      directory={}, journals="journals"))
    assert len(problems) == 3_000 and all(p.severity == "error" for p in problems)
    guessed = [p for p in problems if p.hint.startswith("did you mean")]
    assert len(guessed) == MAX_GUESSES
    assert guessed[0].hint == "did you mean '2026/entry-00000.md'?"


def test_a_one_megabyte_word_costs_pagefind_a_moment(tmp_path: Path) -> None:
    """The longest word an entry may hold, through the sanitiser and a real Pagefind index:
    Pagefind is quadratic in a word's length (31 s for this one unwrapped, a fraction of a
    second wrapped), so the sanitiser keeps it out of the index and the words around it in."""
    notes = sanitize("<p>" + "y" * MB + " numbat</p>")
    assert notes.count("<span data-pagefind-ignore>") == 1
    page = tmp_path / "entry" / "index.html"
    page.parent.mkdir()
    page.write_text(f'<html lang="en"><body><article class="md-content__inner">{notes}'
                    "</article></body></html>", encoding="utf-8")
    report = within(15, lambda: index_site(tmp_path))
    assert report.pages == 1
    [indexed] = _fragments(tmp_path).values()
    assert "numbat" in str(indexed["content"]) and "yyy" not in str(indexed["content"])
