"""Attempts: "tried X -> failed", from front matter or from one line of the notes.

People write attempts the way they talk, so the shorthand is lenient about case, punctuation,
arrows and result synonyms, but strict about shape: a line is an attempt only if it starts with
``tried`` (or ``try:`` / ``attempt:``) *and* has an arrow followed by a result word. Anything else
is prose, because a false attempt on a playbook is worse than a missed one.

Beyond the spec's words it also accepts a few obvious variants: "okay", "doesn't work",
"broken", "sorta", "partly worked" (partial, not worked), a spaced en dash as an arrow, task-list
boxes and a bold ``**Tried:**``, and a note after plain white space ("worked great") except
after the short words yes/no/ok, which need a separator.

Every regex is compiled once, works within one line, and has no unbounded repetition inside
another (runs of blanks that two quantifiers could share are possessive), so parsing is linear
in the size of the body (multi-megabyte pastes included). Parsing stops at the caller's limit
of attempts, and an approach is cut at ``schema.MAX_TITLE`` like a front-matter ``tried:``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from peerlog.read import schema

Result = Literal["worked", "failed", "partial"]

_EMPHASIS = r"[*_]{0,2}"
# Optional list marker or task box, then/next/also/first, then the keyword. ``try`` and
# ``attempt`` need their colon, so "try to keep it short -> ok" in a sentence stays prose.
_PREFIX = re.compile(
    r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?"
    r"(?:(?:and[ \t]+)?(?:then|next|also|first)(?:[ \t]*+,)?[ \t]++){0,2}"
    rf"{_EMPHASIS}(?:tried(?=[\s:*_])(?:{_EMPHASIS}[ \t]*:)?|(?:try|attempt){_EMPHASIS}[ \t]*:)"
    rf"{_EMPHASIS}[ \t]*",
    re.IGNORECASE,
)
# Arrows; the spaced dashes need white space on both sides so "re-ran" or "e--mail" never split.
_ARROW = re.compile(r"-{1,2}>|=>|[—\u2013]>|[→⇒➜]|(?<=\s)(?:--|—|\u2013)(?=\s)")
#: Every result word accepted, by result, as people write them; the patterns below are made
#: from these (an apostrophe may be typographic, a backtick or left out; a space may be a
#: dash), and the warning about an unknown word lists them.
RESULT_WORDS: dict[Result, tuple[str, ...]] = {
    "worked": ("worked", "works", "working", "succeeded", "success", "solved", "okay", "yes",
               "ok", "✅", "✔", "✓"),
    "failed": ("didn't work", "did not work", "doesn't work", "does not work", "failed", "fails",
               "fail", "nope", "no", "broken", "broke", "❌", "✗", "✘"),
    "partial": ("partly worked", "partially worked", "half worked", "sort of worked",
                "kinda worked", "partially", "partial", "partly", "sort of", "sorta", "kinda",
                "meh", "mixed", "🤷"),
}
#: Words people use for a result that are not result words, and the one they most likely mean
#: (the warning suggests it; it is never assumed).
LIKELY_RESULT = {
    **dict.fromkeys(("brilliant", "great", "perfect", "awesome", "excellent", "nice", "good",
                     "fine", "fixed", "done", "sorted", "nailed it", "great success"), "worked"),
    **dict.fromkeys(("terrible", "awful", "bad", "useless", "hopeless", "disaster", "rubbish",
                     "no luck", "no dice", "wrong", "error", "crashed", "hallucinated"), "failed"),
    **dict.fromkeys(("so-so", "so so", "somewhat", "mostly", "almost", "kind of worked",
                     "kind of", "ish", "half", "some"), "partly worked"),
}
_APOS = "['\u2019`]"


def _pattern(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace("'", f"{_APOS}?").replace(r"\ ", "[ -]") for w in words)


_WORKED = _pattern(RESULT_WORDS["worked"])
_FAILED = _pattern(RESULT_WORDS["failed"])
_PARTIAL = _pattern(RESULT_WORDS["partial"])
_RESULT_WORD = (
    rf"(?:(?P<worked>{_WORKED})|(?P<failed>{_FAILED})|(?P<partial>{_PARTIAL}))"
    r"(?![\w'\u2019])[\ufe0f\u200d\u2640\u2642\U0001F3FB-\U0001F3FF]*"
)
_RESULT_AFTER_ARROW = re.compile(
    rf"[ \t]*{_EMPHASIS}{_RESULT_WORD}{_EMPHASIS}[!.]*(?=$|[\s:,;(—\u2013])", re.IGNORECASE
)
_RESULT_ONLY = re.compile(_RESULT_WORD, re.IGNORECASE)
# "yes", "no" and "ok" start ordinary phrases ("no luck with tables"); after them a note needs
# a separator. Longer result words may be followed by a note after plain white space.
_NEEDS_SEPARATOR = frozenset({"yes", "no", "ok", "okay"})
_SEPARATOR = re.compile(r"[ \t]*(?:[:,;]|\s[-—\u2013]\s|[—\u2013])[ \t]*")
# Text follows the result without a separator or "(": checked in place, never by slicing,
# so a line of a thousand "-> no" arrows stays linear.
_NO_NOTE_SEPARATOR = re.compile(r"[ \t]*(?:[^\s:,;(—\u2013-]|-(?!\s))")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
# One to three words (letters, apostrophes, inner dashes) and closing punctuation: the shape of
# a result someone wrote in their own words.
_UNKNOWN_TAIL = re.compile(
    r"[ \t]*[*_]{0,2}([^\W\d_][\w'\u2019-]{0,30}(?:[ \t][\w'\u2019-]{1,30}){0,2})"
    r"[*_]{0,2}[!.?]*[ \t]*"
)
_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)")
_TRIM_APPROACH = " \t,;:"
_TRIM_AFTER_PARENS = " ,;:-—\u2013"


@dataclass(frozen=True)
class Attempt:
    """One thing someone tried and how it went; ``line`` is 1-based in the source file."""

    tried: str
    result: Result | None
    note: str = ""
    line: int = 0


def normalise_result(word: str) -> Result | None:
    """Map a result as people write it ("Worked!", "didn't work", "✅") to one of three values.

    Shared with the front-matter reader so ``result:`` and the inline shorthand accept the same
    words. Returns ``None`` for anything that is not one of the synonyms.
    """
    text = " ".join(word.split()).strip("*_ ").rstrip("!. ").strip("*_ ")
    match = _RESULT_ONLY.fullmatch(text)
    return _result_of(match) if match else None


@dataclass(frozen=True)
class UnknownResult:
    """A line shaped like an attempt ("tried X -> brilliant") whose word after the arrow is no
    result word, so it is not counted: the writer is told, never silently ignored."""

    word: str
    line: int
    col: int

    def advice(self) -> tuple[str, str]:
        """The message and the hint of the warning: the likeliest word, and every word."""
        likely = LIKELY_RESULT.get(self.word.casefold())
        if likely is None:
            close = difflib.get_close_matches(self.word.casefold(), _ALL_WORDS, n=1, cutoff=0.6)
            likely = close[0] if close else None
        accepted = "; ".join(f"{result}: {', '.join(words)}"
                             for result, words in RESULT_WORDS.items())
        return (f"{self.word!r} after the arrow is not a result word, so this attempt is not "
                "counted", (f"did you mean '-> {likely}'? " if likely else "")
                + f"Accepted words are {accepted}")


@dataclass(frozen=True)
class Shorthand:
    """The inline attempts of a body, and the lines that look like attempts but are not."""

    attempts: list[Attempt]
    unknown: list[UnknownResult]


def parse_shorthand(body: str, first_line: int, limit: int | None = None) -> list[Attempt]:
    """Every inline attempt in ``body`` in reading order (see :func:`read_shorthand`)."""
    return read_shorthand(body, first_line, limit).attempts


def read_shorthand(body: str, first_line: int, limit: int | None = None) -> Shorthand:
    """Every inline attempt in ``body`` in reading order, skipping fenced code blocks, and the
    attempt-shaped lines whose result word is unknown.

    ``first_line`` is the file line number of the body's first line, so each
    :attr:`Attempt.line` points into the file a contributor would open. With ``limit``, reading
    stops at that many attempts: the rest of the body is never split or matched, so the cost
    is that of the lines up to the last attempt kept (ask for one more than you keep to learn
    where counting stopped).
    """
    attempts: list[Attempt] = []
    unknown: list[UnknownResult] = []
    fence: str | None = None
    for index, raw in enumerate(_lines(body)):
        if limit is not None and len(attempts) >= limit:
            break
        line = raw.rstrip("\r")
        if fence is not None:
            if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
                fence = None
            continue
        opening = _FENCE_OPEN.fullmatch(line)
        if opening and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = opening.group(1)
            continue
        attempt = _parse_line(line, first_line + index)
        if isinstance(attempt, Attempt):
            attempts.append(attempt)
        elif attempt is not None:
            unknown.append(attempt)
    return Shorthand(attempts, unknown)


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time, so a caller that stops early never splits the rest."""
    start = 0
    while (end := text.find("\n", start)) != -1:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def _parse_line(line: str, line_no: int) -> Attempt | UnknownResult | None:
    """The attempt on one line, an unknown result, or ``None`` when the line is prose.

    The first arrow that is followed by a result word splits approach from result, so an
    approach may itself contain an arrow ("mapped A -> B in the prompt -> worked"). Arrows
    inside inline code are masked out (same length, so offsets still index ``line``). With no
    result word, one to three plain words closing the line after its last arrow ("-> kind of
    worked", "-> brilliant!") are an unknown result; a longer tail is prose ("mapped A -> B in
    the prompt").
    """
    prefix = _PREFIX.match(line)
    if prefix is None:
        return None
    masked = _CODE_SPAN.sub(lambda m: "`" + "\0" * (len(m.group()) - 2) + "`", line)
    last_arrow = None
    for arrow in _ARROW.finditer(masked, prefix.end()):
        last_arrow = arrow
        found = _RESULT_AFTER_ARROW.match(masked, arrow.end())
        if found is None:
            continue
        word = found.group(found.lastgroup or "").casefold()
        if word in _NEEDS_SEPARATOR and _NO_NOTE_SEPARATOR.match(line, found.end()):
            continue
        tried = line[prefix.end():arrow.start()].strip().rstrip(_TRIM_APPROACH)[: schema.MAX_TITLE]
        if not tried:
            return None
        note = _note(line[found.end():])
        return Attempt(tried=tried, result=_result_of(found), note=note, line=line_no)
    if last_arrow is None or not line[prefix.end():last_arrow.start()].strip():
        return None
    tail = _UNKNOWN_TAIL.fullmatch(masked, last_arrow.end())
    if tail is None:
        return None
    return UnknownResult(tail.group(1), line_no, tail.start(1) + 1)


_ALL_WORDS = [w for words in RESULT_WORDS.values() for w in words if w.isascii()]


def _note(rest: str) -> str:
    """The note after a result: after ``:``/``,``/``;``/a dash, inside ``( … )``, or plain text."""
    separator = _SEPARATOR.match(rest)
    text = rest[separator.end():] if separator else rest
    text = text.strip()
    if text.startswith("("):
        inner, _, after = text[1:].partition(")")
        text = f"{inner.strip()} {after.strip(_TRIM_AFTER_PARENS)}".strip()
    if normalise_result(text) is not None:
        return ""
    return text


def _result_of(match: re.Match[str]) -> Result:
    if match.group("worked") is not None:
        return "worked"
    if match.group("failed") is not None:
        return "failed"
    return "partial"
