"""The contact parser and bot rules: every shape decided, no address ever shown, linear time.

The examples pin each decision of `identity.py`; the properties (Hypothesis) state the one rule
that must hold for any contact string: no e-mail address reaches a name, an id, `peerlog.json`
data or GraphML; one real `mkdocs build` over such a history checks every file of the site.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import git
import pytest
from hypothesis import HealthCheck, example, given, reject, settings
from hypothesis import strategies as st

from peerlog.base.identity import (
    DEFAULT_BOTS,
    MAX_CONTACTS_PER_TRAILER,
    Contact,
    bot_keys,
    display_name,
    is_bot,
    parse_contact,
    public_name,
    split_contacts,
)
from peerlog.base.text import short_hash, slug
from peerlog.history.log import read_history
from peerlog.knowledge.graph import to_graphml, to_json
from peerlog.knowledge.people import build_people

from .gitrepo import GitRepo
from .project import Project


def unnamed(email: str) -> str:
    return f"unnamed contributor {short_hash(email)}"


@pytest.mark.parametrize(
    ("value", "contact"),
    [
        # What git's split_ident_line accepts.
        ("Ada Lovelace <ada@example.com>", ("Ada Lovelace", "ada@example.com")),
        ("  Ada   Lovelace  <ada@example.com> ", ("Ada Lovelace", "ada@example.com")),
        ("Ada <>", ("Ada", "")),
        ("Ada <not an address>", ("Ada", "not an address")),
        # A bare name.
        ("Margaret Hamilton", ("Margaret Hamilton", "")),
        ("@alice", ("@alice", "")),
        ("Cy @x.example>", ("Cy", "@x.example")),
        # Brackets in names: the email is the last <...> pair.
        ("Eve <3 <eve@example.com>", ("Eve <3", "eve@example.com")),
        ("<img onerror=x> <m@example.com>", ("<img onerror=x>", "m@example.com")),
        ("<b>Mal</b> <m@example.com>", ("<b>Mal</b>", "m@example.com")),
        ("Ann <a@example.com> <3", ("Ann <3", "a@example.com")),
        ("Ann <a@example.com> (ACME)", ("Ann (ACME)", "a@example.com")),
        # Shapes git refuses.
        ("Ann <ann@example.com", ("Ann", "ann@example.com")),
        ("ann@example.com", ("", "ann@example.com")),
        ("  <ada@example.com> ", ("", "ada@example.com")),
        ("ann@example.com <ann@example.com>", ("", "ann@example.com")),
        ("ann@example.com <bob@example.com>", ("", "bob@example.com")),
        ("Ann ann@example.com", ("Ann", "ann@example.com")),
        ("Ann (ann@example.com),", ("Ann", "ann@example.com")),
        ("Ann <ann@example.com>, more text a@b", ("Ann , more text", "ann@example.com")),
        ("Ann x\uff20example.com", ("Ann", "x@example.com")),
        ("Doe, John <j@example.com>", ("Doe, John", "j@example.com")),
        ("Ann <>a@b.c", ("Ann", "a@b.c")),
        ("<>", None),
        ("   ", None),
        ("", None),
    ],
)
def test_parse_contact(value: str, contact: tuple[str, str] | None) -> None:
    assert parse_contact(value) == contact


def test_several_contacts_in_one_trailer() -> None:
    assert split_contacts("Ann <a@x.example>, Bob <b@x.example> ,c@y.example") == [
        Contact("Ann", "a@x.example"), Contact("Bob", "b@x.example"), Contact("", "c@y.example")]
    assert split_contacts("Doe, John <j@x.example>") == [Contact("Doe, John", "j@x.example")]
    assert split_contacts("<>, Ann <a@x.example>,") == [Contact("Ann", "a@x.example")]
    many = ", ".join(f"P{i} <p{i}@x.example>" for i in range(3 * MAX_CONTACTS_PER_TRAILER))
    found = split_contacts(many)
    assert len(found) == MAX_CONTACTS_PER_TRAILER
    assert all("@" not in contact.name for contact in found)


def test_display_name_is_never_an_address() -> None:
    assert display_name("Ada", "ada@example.com") == "Ada"
    assert display_name("ada@example.com", "ada@example.com") == unnamed("ada@example.com")
    assert display_name("", "Ada@Example.com ") == unnamed("ada@example.com")
    assert display_name("", "") == ""
    assert public_name("Ann  ann@example.com  Lee") == "Ann Lee"
    assert public_name("ann\ufe6bexample.com") == ""


@pytest.mark.parametrize(
    ("name", "email", "bot"),
    [
        ("deploy-bot", "", False),
        ("renovate bot", "", True),
        ("Renovate_ -Bot", "", True),
        ("renovatebot", "", False),
        ("x", "29139614+renovate[bot]@users.noreply.github.com", True),
        ("bot", "", False),
    ],
)
def test_bot_suffixes(name: str, email: str, bot: bool) -> None:
    assert is_bot(name, email, bot_keys(DEFAULT_BOTS)) is bot


MEGABYTE = 1 << 20
# Inputs that make a backtracking regex retry a long run from every position.
WORST_CASES = {
    "spaces then bot": "a" + " " * MEGABYTE + "bot",
    "separators then bot": " -_" * (MEGABYTE // 3) + "bot",
    "open brackets": "<" * MEGABYTE,
    "close brackets": ">" * MEGABYTE,
    "bracket pairs": "<>" * (MEGABYTE // 2),
    "contacts without commas": "<a>" * (MEGABYTE // 3),
    "commas after brackets": ">," * (MEGABYTE // 2),
    "spaces before a comma": ">" + " " * MEGABYTE,
    "at signs": "@" * MEGABYTE,
    "addresses": "a@b " * (MEGABYTE // 4),
}
CALLS: dict[str, Callable[[str], object]] = {
    "parse_contact": parse_contact,
    "split_contacts": split_contacts,
    "is_bot": lambda text: is_bot(text, text, bot_keys(DEFAULT_BOTS)),
    "display_name": lambda text: display_name(text, text),
}


@pytest.mark.parametrize("call", sorted(CALLS))
def test_megabyte_contacts_in_linear_time(call: str) -> None:
    """A quadratic scan of 1 MB takes hours; linear takes well under a second each (the limit
    leaves room for a loaded machine)."""
    for shape, text in WORST_CASES.items():
        started = time.perf_counter()
        CALLS[call](text)
        assert time.perf_counter() - started < 5, shape


# Fragments a contact string is built from: the characters the parser cuts at, white space,
# look-alike at signs, markup, unicode, free text, and addresses (generated and real-looking).
REAL_LOOKING = ["ann@example.com", "Jane.Doe+ci@mail.example.org",
                "41898282+github-actions[bot]@users.noreply.github.com", "x@y"]
PUNCTUATION = st.sampled_from(["<", ">", "@", ",", " ", "  ", "\t", "<3", "(", ")", '"', "'",
                               "\uff20", "\ufe6b", "<b>", "</b>", "&lt;", "é", "\u200b", ":"])
ADDRESSES = st.one_of(st.emails(), st.sampled_from(REAL_LOOKING))
FRAGMENT = st.one_of(
    st.tuples(st.just(False), PUNCTUATION),
    st.tuples(st.just(False), st.text(max_size=6)),
    st.tuples(st.just(True), ADDRESSES),
)
CONTACTS = st.lists(FRAGMENT, max_size=12)


def joined(fragments: list[tuple[bool, str]]) -> tuple[str, list[str]]:
    """The contact string and the addresses in it."""
    return "".join(text for _, text in fragments), [text for is_address, text in fragments
                                                     if is_address]


def leaked(addresses: list[str], *outputs: str) -> list[str]:
    """The addresses found in any output, in any case."""
    folded = [output.casefold() for output in outputs]
    return [a for a in addresses if any(a.casefold() in output for output in folded)]


@given(CONTACTS)
@settings(max_examples=400, deadline=None)  # a loaded 2-core machine, not the code, is slow
@example([(False, "Ann <"), (True, "ann@x.com")])
@example([(True, "ann@x.com")])
@example([(False, "<"), (True, "ann@x.com"), (False, ">")])
@example([(True, "ann@x.com"), (False, " <"), (True, "ann@x.com"), (False, ">")])
@example([(False, "Ann <"), (True, "a@x.com"), (False, ">, Bob <"), (True, "b@x.com"),
          (False, ">")])
@example([(False, "x"), (True, "a@b.com"), (False, "<>")])
def test_no_parsed_name_holds_an_address(fragments: list[tuple[bool, str]]) -> None:
    value, addresses = joined(fragments)
    contacts = [*split_contacts(value), *filter(None, [parse_contact(value)])]
    shown = [display_name(name, email) for name, email in contacts]
    assert leaked(addresses, *(name for name, _ in contacts), *shown,
                  *(slug(name) for name in shown)) == []


AUTHOR_NAMES = st.one_of(
    st.lists(st.one_of(PUNCTUATION.filter(lambda p: p not in "<>"), ADDRESSES,
                       st.text(st.characters(blacklist_characters="<>\n\0"), max_size=6)),
             min_size=1, max_size=5).map("".join),
    ADDRESSES,
)


@given(authors=st.lists(st.tuples(AUTHOR_NAMES, ADDRESSES), min_size=1, max_size=3),
       trailers=st.lists(CONTACTS, max_size=4))
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@example(authors=[("ann@x.com", "ann@x.com")], trailers=[[(False, "Bo <"), (True, "bo@x.com")]])
@example(authors=[("0\x1f\U0010de56", "0@A.COM")], trailers=[])  # git's field separator
@example(authors=[("ann@example.com", "ann@example.com")], trailers=[[(False, "\x00")]])
# A control character in a co-author's name: XML cannot hold it (lxml's GraphML writer raised).
@example(authors=[("ann@example.com", "ann@example.com")], trailers=[[(False, "\x1b")]])
@example(authors=[("Ann", "ann@x.com")],
         trailers=[[(True, "cy@x.com"), (False, " <"), (True, "cy@x.com"), (False, ">")]])
def test_no_address_reaches_history_json_or_graphml(
        tmp_path_factory: pytest.TempPathFactory,
        authors: list[tuple[str, str]], trailers: list[list[tuple[bool, str]]]) -> None:
    """Real commits by these authors with these trailers, read by peerlog as a build reads them."""
    repo = GitRepo.init(tmp_path_factory.mktemp("contacts"))
    values = [joined(fragments) for fragments in trailers]
    # One line per trailer, and no NUL: git refuses a message holding one.
    message = "Generated\n\n" + "\n".join(
        f"Co-authored-by: {' '.join(value.replace(chr(0), '').split())}" for value, _ in values)
    try:
        for i, author in enumerate(authors):
            repo.commit({f"journals/{i}.md": "x"}, author, f"2026-01-0{i + 1}T10:00:00+00:00",
                        message)
    except git.GitCommandError:
        reject()  # git refuses this name (nothing but punctuation, say): nothing to read
    history = read_history(repo.path, ["."])
    people = build_people((), history)
    outputs = (json.dumps(to_json(people), ensure_ascii=False), to_graphml(people),
               repr((history, dict(history.people), history.coauthored, history.files)))
    addresses = [email for _, email in authors] + [a for _, found in values for a in found]
    addresses += [name for name, _ in authors if "@" in name[1:]]
    assert leaked(addresses, *outputs) == []


# The breakage the issue found, and every shape above, in one real history.
SITE_AUTHORS = [("ann@user-name.example", "ann@user-name.example"),
                ("Mapped Author", "mapped@address.example"), ("Ada", "ada@example.com")]
SITE_TRAILERS = (
    "Co-authored-by: Ann <unclosed@trailer.example",
    "Co-authored-by: only@trailer.example",
    "Co-authored-by: <bracketed@trailer.example>",
    "Co-authored-by: named@trailer.example <named@trailer.example>",
    "Co-authored-by: Bo <bo@two.example>, Cy <cy@two.example>",
    "Co-authored-by: Fay fay@inside.example",
    "Co-authored-by: x\uff20wide.example",
)
SITE_ADDRESSES = [email for _, email in SITE_AUTHORS] + [
    "unclosed@trailer.example", "only@trailer.example", "bracketed@trailer.example",
    "named@trailer.example", "bo@two.example", "cy@two.example", "fay@inside.example",
    "mapped@name.example", "x\uff20wide.example", "handle@contributors.example",
    "name@contributors.example"]


def test_no_address_in_any_file_of_a_built_site(tmp_path: Path) -> None:
    project = Project(tmp_path / "kb")
    repo = GitRepo.init(project.root)
    # A mailmap may turn a name into an address too, and so may the contributors file.
    repo.mailmap("mapped@name.example <mapped@address.example>")
    project.write("contributors.yml", "handle@contributors.example: {name: Hal}\n"
                                      "bob: {name: name@contributors.example}\n")
    project.entry("bob.md", title="By Bob", date="2026-01-09", author="bob", pair=["Hal"])
    for i, author in enumerate(SITE_AUTHORS):
        # No author in the front matter: the entry's author comes from git, as a person.
        repo.commit({f"journals/{i}.md": f"---\ntitle: Entry {i}\ndate: 2026-01-0{i + 1}\n---\n"
                     "Notes.\n"}, author, f"2026-01-0{i + 1}T10:00:00+00:00",
                    "Entry\n\n" + "\n".join(SITE_TRAILERS))
    build = project.build()
    assert build.code == 0, build.log
    assert "contributors.yml:1:30: warning: entry 'handle@contributors.example' is ignored" \
        in build.log
    assert "<h1>bob</h1>" in build.page("people/bob/")
    index = build.site / "search" / "search_index.json"
    assert index.is_file()
    texts = {p.relative_to(build.site).as_posix(): p.read_bytes().decode("utf-8", "replace")
             for p in build.site.rglob("*") if p.is_file()}
    assert {rel: found for rel, text in texts.items()
            if (found := leaked(SITE_ADDRESSES, text, text.replace("&#64;", "@")))} == {}
    # The people are there, under names that are not addresses.
    people = build.page("people/")
    for name in ("Ann", "Bo", "Cy", "Fay", "Ada", unnamed("ann@user-name.example"),
                 unnamed("only@trailer.example"), unnamed("mapped@address.example")):
        assert f">{name}<" in people, name
    assert f"people/{slug(unnamed('ann@user-name.example'))}/index.html" in texts
