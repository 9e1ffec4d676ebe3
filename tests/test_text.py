from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerlog.base.text import key, page_url, relative_url, short_hash, slug, unique_slugs


@pytest.mark.parametrize("name", ["Prompting", "prompting ", "PROMPTING", " prompting"])
def test_case_and_space_insensitive(name: str) -> None:
    assert key(name) == "prompting"


def test_nfc_and_nfd_are_one_key() -> None:
    nfc = unicodedata.normalize("NFC", "Résumé")
    nfd = unicodedata.normalize("NFD", "Résumé")
    assert nfc != nfd
    assert key(nfc) == key(nfd) == "résumé"
    assert slug(nfd) == "resume"


def test_separators_fold() -> None:
    assert key("data extraction") == key("data-extraction") == key("Data_Extraction")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("a/b", "a-b"),
        ("100% done", "100-done"),
        ("CON", "con-"),
        ("nul", "nul-"),
        ("Few Shot", "few-shot"),
        ("c++", "c"),
    ],
)
def test_slug_is_one_safe_segment(name: str, expected: str) -> None:
    assert slug(name) == expected


@pytest.mark.parametrize("name", ["..", "/", "%%%", "???", "\u202e\u200b", "."])
def test_slug_never_empty_or_dots(name: str) -> None:
    s = slug(name)
    assert s.startswith("x-") and len(s) == 8
    assert "/" not in s and ".." not in s


def test_unique_slugs_suffix_from_own_hash() -> None:
    alone = unique_slugs(["c++"])
    together = unique_slugs(["c++", "c"])
    assert alone == {"c++": "c"}
    assert together == {"c": "c", "c++": f"c--{short_hash('c++')}"}
    assert unique_slugs(["c", "c++"]) == together


def test_the_oldest_keeps_the_slug_when_none_is_written_as_it() -> None:
    assert unique_slugs(["pdf!", "pdf?"]) == {"pdf!": "pdf", "pdf?": f"pdf--{short_hash('pdf?')}"}
    assert unique_slugs(["pdf?", "pdf!"]) == {"pdf?": "pdf", "pdf!": f"pdf--{short_hash('pdf!')}"}
    assert unique_slugs(["pdf!", "pdf?", "pdf"])["pdf"] == "pdf"


# Few characters, so that generated names collide often: case, marks, punctuation, separators.
NAMES = st.lists(st.text(alphabet="aAbß-_ !?.\u0301\u00e9/", max_size=4), max_size=12)


@given(NAMES, NAMES)
def test_new_names_never_move_a_name_written_as_its_slug(old: list[str], new: list[str]) -> None:
    before = unique_slugs(key(n) for n in old)
    after = unique_slugs([*(key(n) for n in old), *(key(n) for n in new)])
    newcomers = {key(n) for n in new} - set(before)
    for k, s in before.items():
        if k == slug(k):
            assert after[k] == s == k
        elif s not in newcomers:
            assert after[k] == s, "an older name moved for a newcomer not written as its slug"
    assert len(set(after.values())) == len(after)
    for s in after.values():
        assert s not in ("", ".", "..") and not s.startswith(".")
        assert not set(s) & set("/\\%?#") and len(s.encode("utf-8")) <= 128


def test_page_url() -> None:
    assert page_url("index.md", True) == ""
    assert page_url("topics/index.md", True) == "topics/"
    assert page_url("topics/pdf.md", True) == "topics/pdf/"
    assert page_url("topics/pdf.md", False) == "topics/pdf.html"


@pytest.mark.parametrize(
    ("src", "dst", "expected"),
    [
        ("topics/pdf/", "entries/2026/x/", "../../entries/2026/x/"),
        ("", "topics/", "topics/"),
        ("topics/", "topics/", "./"),
        ("recent.html", "topics/pdf.html", "topics/pdf.html"),
        ("topics/pdf.html", "recent.html", "../recent.html"),
    ],
)
def test_relative_url(src: str, dst: str, expected: str) -> None:
    assert relative_url(src, dst) == expected
