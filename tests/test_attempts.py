from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerlog.read.attempts import (
    RESULT_WORDS,
    Attempt,
    Result,
    normalise_result,
    parse_shorthand,
    read_shorthand,
)


def one(line: str) -> Attempt:
    found = parse_shorthand(line, 1)
    assert len(found) == 1, found
    return found[0]


SPEC_EXAMPLES = [
    (
        "- Tried: asked for the whole table as JSON -> failed: it invented columns",
        Attempt("asked for the whole table as JSON", "failed", "it invented columns", 1),
    ),
    (
        "- tried giving it one example row first → WORKED!",
        Attempt("giving it one example row first", "worked", "", 1),
    ),
    (
        "* Then tried splitting the PDF per page => partial (slow, but ok)",
        Attempt("splitting the PDF per page", "partial", "slow, but ok", 1),
    ),
    (
        "1. tried pasting the raw OCR text — didn't work, garbled numbers",
        Attempt("pasting the raw OCR text", "failed", "garbled numbers", 1),
    ),
    (
        "- TRIED asking for CSV instead --> ✅",
        Attempt("asking for CSV instead", "worked", "", 1),
    ),
]


@pytest.mark.parametrize(("line", "expected"), SPEC_EXAMPLES)
def test_spec_examples(line: str, expected: Attempt) -> None:
    assert one(line) == expected


VARIANTS: list[tuple[str, str, Result, str]] = [
    # prefixes and list markers
    ("tried X -> worked", "X", "worked", ""),
    ("+ tried X -> worked", "X", "worked", ""),
    ("12. tried X -> worked", "X", "worked", ""),
    ("3) tried X -> worked", "X", "worked", ""),
    ("   - tried X -> worked", "X", "worked", ""),
    ("- [x] tried X -> worked", "X", "worked", ""),
    ("- next tried X -> worked", "X", "worked", ""),
    ("- also tried: X -> worked", "X", "worked", ""),
    ("- First, tried X -> worked", "X", "worked", ""),
    ("- and then also tried X -> worked", "X", "worked", ""),
    ("- try: X -> worked", "X", "worked", ""),
    ("- Attempt: X -> worked", "X", "worked", ""),
    ("- **Tried:** X -> worked", "X", "worked", ""),
    ("- *tried* X -> worked", "X", "worked", ""),
    ("- tried:X -> worked", "X", "worked", ""),
    # every arrow
    ("- tried X --> failed", "X", "failed", ""),
    ("- tried X => failed", "X", "failed", ""),
    ("- tried X ⇒ failed", "X", "failed", ""),
    ("- tried X ➜ failed", "X", "failed", ""),
    ("- tried X —> failed", "X", "failed", ""),
    ("- tried X \u2013> failed", "X", "failed", ""),
    ("- tried X -- failed", "X", "failed", ""),
    ("- tried X->failed", "X", "failed", ""),
    # every result synonym
    ("- tried X -> works", "X", "worked", ""),
    ("- tried X -> working", "X", "worked", ""),
    ("- tried X -> Success!", "X", "worked", ""),
    ("- tried X -> succeeded.", "X", "worked", ""),
    ("- tried X -> solved", "X", "worked", ""),
    ("- tried X -> yes", "X", "worked", ""),
    ("- tried X -> OK", "X", "worked", ""),
    ("- tried X -> ✔", "X", "worked", ""),
    ("- tried X -> ✔️", "X", "worked", ""),
    ("- tried X -> ✓", "X", "worked", ""),
    ("- tried X -> fails", "X", "failed", ""),
    ("- tried X -> fail", "X", "failed", ""),
    ("- tried X -> did not work", "X", "failed", ""),
    ("- tried X -> didn\u2019t work", "X", "failed", ""),
    ("- tried X -> nope", "X", "failed", ""),
    ("- tried X -> no", "X", "failed", ""),
    ("- tried X -> broke", "X", "failed", ""),
    ("- tried X -> ❌", "X", "failed", ""),
    ("- tried X -> ✗", "X", "failed", ""),
    ("- tried X -> ✘", "X", "failed", ""),
    ("- tried X -> partly", "X", "partial", ""),
    ("- tried X -> partially", "X", "partial", ""),
    ("- tried X -> sort of", "X", "partial", ""),
    ("- tried X -> kinda", "X", "partial", ""),
    ("- tried X -> meh", "X", "partial", ""),
    ("- tried X -> mixed", "X", "partial", ""),
    ("- tried X -> half worked", "X", "partial", ""),
    ("- tried X -> partly worked", "X", "partial", ""),
    ("- tried X -> 🤷", "X", "partial", ""),
    ("- tried X -> 🤷‍♀️", "X", "partial", ""),
    ("- tried X -> **worked**", "X", "worked", ""),
    # notes in every form
    ("- tried X -> failed; too slow", "X", "failed", "too slow"),
    ("- tried X -> failed, too slow", "X", "failed", "too slow"),
    ("- tried X -> failed - too slow", "X", "failed", "too slow"),
    ("- tried X -> failed — too slow", "X", "failed", "too slow"),
    ("- tried X -> failed (too slow)", "X", "failed", "too slow"),
    ("- tried X -> failed(too slow) but cheap", "X", "failed", "too slow but cheap"),
    ("- tried X -> worked great", "X", "worked", "great"),
    ("- tried X -> no, it made up numbers", "X", "failed", "it made up numbers"),
    ("- tried X -> ✅ worked", "X", "worked", ""),
    # the approach may contain arrows, code and trailing punctuation
    ("- tried mapping A -> B here -> worked", "mapping A -> B here", "worked", ""),
    ("- tried `a -> b` in the prompt -> failed", "`a -> b` in the prompt", "failed", ""),
    ("- tried a long prompt, -> meh", "a long prompt", "partial", ""),
    ("- tried asking for e-mail text -- no", "asking for e-mail text", "failed", ""),
]


@pytest.mark.parametrize(("line", "tried", "result", "note"), VARIANTS)
def test_variants(line: str, tried: str, result: Result, note: str) -> None:
    assert one(line) == Attempt(tried, result, note, 1)


PROSE = [
    "I tried asking for JSON and it failed.",
    "Tried a lot of things this week before lunch.",
    "tried X and it worked",
    "- tried asking for JSON -> it invented columns",
    "- tried asking for JSON -> no luck at all",
    "- tried asking for JSON -> ok-ish",
    "- tried asking for JSON -> worked?",
    "- tried -> worked",
    "- try to keep it short -> worked",
    "- triedX -> worked",
    "- trying X -> worked",
    "- we tried X -> worked",
    "The pipeline: upload -> OCR -> worked out the totals",
    "- tried `X -> worked` in the prompt",
    "- tried re-running it - worked",
]


@pytest.mark.parametrize("line", PROSE)
def test_prose_is_not_an_attempt(line: str) -> None:
    assert parse_shorthand(line, 1) == []


def test_fenced_code_is_ignored_and_lines_are_file_lines() -> None:
    body = "\n".join(
        [
            "Some notes.",
            "```text",
            "- tried X -> worked",
            "```",
            "- tried A -> failed",
            "~~~~",
            "- tried Y -> worked",
            "~~~",
            "- still code -> worked",
            "~~~~",
            "  ```python",
            "  tried Z -> worked",
            "  ```",
            "- then tried B → worked",
        ]
    )
    assert parse_shorthand(body, 7) == [
        Attempt("A", "failed", "", 11),
        Attempt("B", "worked", "", 20),
    ]


def test_unclosed_fence_hides_the_rest() -> None:
    assert parse_shorthand("```\n- tried X -> worked\n", 1) == []


def test_inline_backticks_do_not_open_a_fence() -> None:
    body = "``` not a fence ` here\n- tried X -> worked"
    assert parse_shorthand(body, 1) == [Attempt("X", "worked", "", 2)]


def test_windows_line_endings() -> None:
    body = "notes\r\n- tried X -> worked: fine\r\n- tried Y -> no\r\n"
    assert parse_shorthand(body, 3) == [
        Attempt("X", "worked", "fine", 4),
        Attempt("Y", "failed", "", 5),
    ]


def test_several_attempts_keep_reading_order() -> None:
    body = "- tried A -> failed\nprose\n- then tried B -> partial\n- next tried C -> worked"
    assert [(a.tried, a.result, a.line) for a in parse_shorthand(body, 1)] == [
        ("A", "failed", 1),
        ("B", "partial", 3),
        ("C", "worked", 4),
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("worked", "worked"),
        ("Worked!", "worked"),
        ("  SUCCESS. ", "worked"),
        ("✅", "worked"),
        ("✔️", "worked"),
        ("didn't work", "failed"),
        ("Didn\u2019t  work.", "failed"),
        ("did not work", "failed"),
        ("no", "failed"),
        ("❌", "failed"),
        ("half-worked", "partial"),
        ("Sort of", "partial"),
        ("partial", "partial"),
        ("**meh**", "partial"),
        ("🤷", "partial"),
        ("", None),
        ("great", None),
        ("worked great", None),
        ("not really", None),
        ("no luck", None),
    ],
)
def test_normalise_result(word: str, expected: Result | None) -> None:
    assert normalise_result(word) == expected


@pytest.mark.parametrize(
    "body",
    [
        "tried " + "-" * 100_000,
        "tried " + "-" * 100_000 + "> worked",
        "- tried x" + " -> no" * 50_000,
        "- tried x" + " — " * 100_000,
        "- tried " + "`a" * 100_000 + " -> ok",
        "- tried " + " " * 100_000 + "x -> " + " " * 100_000,
        ("- tried x -> " + "✅" * 1000 + "\n") * 1000,
        "```\n" + "tried x -> worked\n" * 100_000,
    ],
)
def test_pathological_input_finishes(body: str) -> None:
    # No timing assert: catastrophic backtracking on these would hang the suite, not slow it.
    assert len(parse_shorthand(body, 1)) <= 1000


@pytest.mark.parametrize(("line", "word", "likely"), [
    ("- tried asking nicely -> brilliant!", "brilliant", "-> worked"),
    ("- tried X -> kind of worked", "kind of worked", "-> partly worked"),
    ("- tried the template -> no luck", "no luck", "-> failed"),
    ("- tried the template -> workd", "workd", "-> worked"),
    ("* tried **splitting** it → *meh-ish*", "meh-ish", None),
])
def test_an_unknown_result_word_is_a_warning_never_a_silent_loss(
    line: str, word: str, likely: str | None
) -> None:
    found = read_shorthand(f"Notes.\n{line}\n", 10)
    assert found.attempts == []
    [unknown] = found.unknown
    assert (unknown.word, unknown.line) == (word, 11)
    assert line[unknown.col - 1:].startswith(word)
    message, hint = unknown.advice()
    assert message == f"{word!r} after the arrow is not a result word, so this attempt is not counted"
    assert hint.startswith(f"did you mean '{likely}'? ") == (likely is not None)
    for words in RESULT_WORDS.values():
        assert ", ".join(words) in hint  # every accepted synonym is listed


@pytest.mark.parametrize("line", [
    "- tried mapping A -> B in the prompt",  # an arrow inside prose, four words after it
    "- tried `a -> b`",  # inside code
    "tried X",  # no arrow
    "- tried -> brilliant",  # nothing tried
    "- tried X -> worked",  # a result
])
def test_prose_and_real_results_are_not_unknown_results(line: str) -> None:
    assert read_shorthand(line, 1).unknown == []


@given(st.text(alphabet=st.sampled_from(list("tried X->ok wrkd!`*\n")), max_size=60))
def test_a_line_is_an_attempt_an_unknown_result_or_prose_never_two(body: str) -> None:
    found = read_shorthand(body, 1)
    lines = [a.line for a in found.attempts] + [u.line for u in found.unknown]
    assert len(lines) == len(set(lines))
