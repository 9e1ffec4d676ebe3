"""contributors.yml is a file a pull request can change: read carefully, never through a link."""

from __future__ import annotations

import os
from pathlib import Path

from peerlog.read.contributors import Contributor, load_contributors

from .project import SAMPLE_ENTRY, Project

# alice writes the sample entry; the other keys name nobody in the journals.
OUTSIDE = """\
alice: {name: Zorblax Quux, emails: [zorblax@outside.example]}
mallory-from-outside: {name: Mallory Outsider}
root: {name: Superuser Zero}
"""


def site_text(site: Path) -> str:
    """Every file of the built site, as one lower-cased text."""
    return "\n".join(p.read_bytes().decode("utf-8", "replace").lower()
                     for p in site.rglob("*") if p.is_file())


def test_a_real_contributors_file_names_people(project: Project) -> None:
    """The control for the next test: the same file, committed for real, does reach the site."""
    project.write("journals/2026/entry.md", SAMPLE_ENTRY)
    project.write("contributors.yml", OUTSIDE)
    build = project.build()
    assert build.code == 0, build.log
    assert "zorblax quux" in site_text(build.site)


def test_a_symlinked_contributors_file_outside_is_refused(project: Project) -> None:
    outside = project.root.parent / "elsewhere.yml"
    outside.write_text(OUTSIDE, encoding="utf-8")
    project.write("journals/2026/entry.md", SAMPLE_ENTRY)
    (project.root / "contributors.yml").symlink_to(outside)

    found, problems = load_contributors(project.root)
    assert found == {}
    assert [str(p) for p in problems] == [
        "contributors.yml:1: error: contributors.yml is a symlink to outside the repository and "
        "is ignored (commit the contributors file itself: replace the link with a copy of the "
        "file, or delete it)"]

    build = project.build()
    assert build.code == 0, build.log
    assert ("peerlog: contributors.yml:1: error: contributors.yml is a symlink to outside the "
            "repository and is ignored") in build.log
    text = site_text(build.site)
    for leaked in ("zorblax", "quux", "mallory", "outsider", "superuser", "outside.example"):
        assert leaked not in text, leaked
    assert "alice" in text


def test_links_into_git_pipes_and_huge_files_are_refused(project: Project) -> None:
    (project.root / ".git").mkdir()
    (project.root / ".git" / "config").write_text("[user]\n\tname = x\n", encoding="utf-8")
    (project.root / "contributors.yml").symlink_to(".git/config")
    assert [p.message for p in load_contributors(project.root)[1]] == [
        "this path leads into .git, git's own folder, and is refused"]
    (project.root / "contributors.yml").unlink()
    os.mkfifo(project.root / "contributors.yml")
    assert [p.message for p in load_contributors(project.root)[1]] == [
        "this is not a regular file (a folder, pipe, socket or device) and is never opened"]
    (project.root / "contributors.yml").unlink()
    project.write("contributors.yml", "alice: Alice\n" * 80_000)
    assert [p.message for p in load_contributors(project.root)[1]] == [
        "the file is 1,040,000 bytes, more than the 1,000,000 allowed"]


def test_yaml_attacks_are_refused_with_their_line(project: Project) -> None:
    cases = {
        "alice: Alice\nbob: &b {name: Bob}\ncarol: *b\n":
            "contributors.yml:3:8: warning: YAML aliases (&name / *name) are not allowed in "
            "contributors.yml (write the value out in full)",
        "alice: Alice\nbob: !!python/object/apply:os.system [touch /tmp/pwned]\n":
            "contributors.yml:2:6: warning: YAML tags like "
            "'tag:yaml.org,2002:python/object/apply:os.system' are not allowed (remove the '!' "
            "tag and write a plain value)",
        "alice: Alice\nbob: [unclosed\n":
            "contributors.yml:3:1: warning: contributors.yml is not valid YAML: did not find "
            "expected ',' or ']' (check quotes, colons and indentation on this line; wrap text "
            "with ':' in quotes)",
        "- alice\n- bob\n":
            "contributors.yml:1:1: warning: the contributors file must map handles to names; it "
            "is ignored (write 'alice: {name: Alice Martin, emails: [...]}')",
        "x: " + "[" * 30 + "]" * 30 + "\n":
            "contributors.yml:1:23: warning: contributors.yml is nested more than 20 levels deep "
            "(keep contributors.yml to the fields in the format reference)",
    }
    for text, expected in cases.items():
        project.write("contributors.yml", text)
        found, problems = load_contributors(project.root)
        assert (found, [str(p) for p in problems]) == ({}, [expected]), text


def test_bad_entries_are_reported_on_their_line_and_good_ones_kept(project: Project) -> None:
    project.write("contributors.yml", (
        "\ufeffalice: {name: Alice Martin, emails: [Alice@Example.com]}\n"
        "bob: [not, a, name]\n"
        "carol: Carol Diaz\n"
        "[x]: {name: Key}\n"
        "alice: {name: Alice Again}\n"
        "dan: {emails: dan@example.com}\n"))
    found, problems = load_contributors(project.root)
    assert found == {
        "alice": Contributor("alice", "Alice Again", ()),
        "carol": Contributor("carol", "Carol Diaz"),
        "dan": Contributor("dan", "dan", ("dan@example.com",)),
    }
    assert [str(p) for p in problems] == [
        "contributors.yml:4:1: warning: a key must be plain text; this one and its value are "
        "ignored (write keys like 'title:' or 'tags:')",
        "contributors.yml:5:1: warning: 'alice' is given more than once; the last one is used "
        "(delete the other one)",
        "contributors.yml:2:6: warning: entry 'bob' is ignored (give each handle a name and "
        "optional emails)",
    ]


def test_a_big_real_team_fits(project: Project) -> None:
    """3,000 people with two addresses each: under both caps."""
    project.write("contributors.yml", "".join(
        f"person-{i}: {{name: Person {i}, emails: [p{i}@example.com, p{i}@old.example]}}\n"
        for i in range(3_000)))
    found, problems = load_contributors(project.root)
    assert (len(found), problems) == (3_000, [])
    assert found["person-2999"].emails == ("p2999@example.com", "p2999@old.example")


def test_teams_are_read_cut_and_checked(project: Project) -> None:
    project.write("contributors.yml", (
        "alice: {name: Alice Martin, team: Support}\n"
        "bob:\n  name: Bob\n  team: [Sales, Support]\n"
        f"carol: {{name: Carol, team: {'Customer Operations ' * 4}}}\n"
        "dan: {name: Dan, team: ''}\n"))
    found, problems = load_contributors(project.root)
    assert {h: c.team for h, c in found.items()} == {
        "alice": "Support", "bob": None, "carol": ("Customer Operations " * 4)[:59].rstrip() + "…",
        "dan": None}
    assert [str(p) for p in problems] == [
        "contributors.yml:4:9: warning: a team must be a name; it is ignored (write 'team: "
        "Support' on one line)",
        "contributors.yml:5:28: warning: the team name is 79 characters long, so it is cut "
        "(keep it under 60 characters)",
        "contributors.yml:6:24: warning: a team must be a name; it is ignored (write 'team: "
        "Support' on one line)",
    ]
