from __future__ import annotations

import unicodedata

import pytest

from peerlog.text import key, page_url, relative_url, slug, unique_slugs


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
    assert together["c++"] != together["c"]
    assert together["c++"].startswith("c-") and together["c"].startswith("c-")
    assert unique_slugs(["c", "c++"]) == together


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
