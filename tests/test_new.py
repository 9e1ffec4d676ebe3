"""``peerlog new`` in a real git repository: the exact file, check, the built site, never
overwriting, hostile titles, and the questions it asks in a real terminal (a pty)."""

from __future__ import annotations

import html
import os
import pty
import re
import select
import subprocess
import sys
from datetime import date, timedelta

import pytest
import yaml

from peerlog.base.text import clean, slug
from peerlog.cli import main
from peerlog.read.scaffold import render

from .gitrepo import ADA, GitRepo
from .project import SAMPLE_ENTRY, Project

Capture = pytest.CaptureFixture[str]
PROMPTS = """\
## What I was trying to do

<!-- The task in a sentence or two: what you needed, for whom, and what "done" looked like. -->

## What I tried

<!-- What happened, in order. One line per attempt reads well: "- tried asking for the whole \
table as JSON -> failed: it invented columns". Failures are worth as much as fixes. -->

## What I'd tell a teammate

<!-- What would you tell a teammate with the same problem? What would you try first next \
time? -->
"""
CONTRIBUTORS = """\
priya: {name: Priya Raman, emails: [priya@example.com]}
alice: {name: Alice Martin, emails: [alice@example.com]}
bob: {name: Bob Stone}
carol: {name: Carol Diaz}
"""
RUN_CLI = "import sys; from peerlog.cli import main; sys.exit(main(sys.argv[1:]))"


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """peerlog's own git calls see only the test repository's config, as GitRepo's do."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                 "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def kb(project: Project) -> Project:
    """A journal in git with one entry, a contributors file and a .mailmap; the person at the
    keyboard is configured under an old name and address that only the mailmap resolves."""
    repo = GitRepo.init(project.root)
    project.write("contributors.yml", CONTRIBUTORS)
    repo.commit({"journals/2026/2026-01-08-payment-terms.md": SAMPLE_ENTRY,
                 "contributors.yml": CONTRIBUTORS, "docs/index.md": "# Home\n"}, author=ADA)
    repo.mailmap("Priya Raman <priya@example.com> P. Raman <priya@old-laptop.local>")
    repo.git.config("user.name", "P. Raman")
    repo.git.config("user.email", "priya@old-laptop.local")
    return project


def new(project: Project, *args: str) -> int:
    return main(["--root", str(project.root), "new", "--no-input", *args])


def check(project: Project, *paths: str) -> int:
    return main(["--root", str(project.root), "check", "--strict",
                 *(str(project.root / p) for p in paths)])


def test_writes_the_expected_file_that_passes_check_and_builds(kb: Project,
                                                               capsys: Capture) -> None:
    code = new(kb, "--title", 'Tables from scanned invoices: "OCR first" #2', "--problem",
               "Data Extraction", "--tags", "PDF, extraction", "--tools", "claude", "--pair",
               "alice", "--learned-from", "carol", "--outcome", "solved", "--date", "2026-03-02")
    out, err = capsys.readouterr()
    rel = "journals/2026/2026-03-02-tables-from-scanned-invoices-ocr-first-2.md"
    assert code == 0, err
    assert err == ""
    assert out.splitlines() == [
        f"Created {kb.root / rel}",
        "Next: open it and write what you tried, what happened and what you'd tell a teammate;",
        f"then run `peerlog --root {kb.root} check {kb.root / rel}`, commit it and open a pull "
        "request.",
    ]
    assert (kb.root / rel).read_text(encoding="utf-8") == """\
---
title: "Tables from scanned invoices: \\"OCR first\\" #2"
date: "2026-03-02"
author: ["priya"]
tags: ["pdf", "extraction"]
problem: "data-extraction"
tools: ["claude"]
pair: ["alice"]
learned_from: ["carol"]
outcome: "solved"  # solved, partial or unsolved
attempts: []
---
""" + PROMPTS
    assert check(kb, rel) == 0
    assert "1 file checked: 0 errors, 0 warnings" in capsys.readouterr().err

    build = kb.build("--strict")
    assert build.code == 0, build.log
    article = build.article("entries/2026/2026-03-02-tables-from-scanned-invoices-ocr-first-2/")
    heading = re.search(r"<h1>(.*?)</h1>", article)
    assert heading and html.unescape(heading[1]) == 'Tables from scanned invoices: "OCR first" #2'
    assert 'href="../../../people/priya/"' in article
    assert "What I&#39;d tell a teammate" in article or "What I'd tell a teammate" in article
    assert "&lt;!--" not in article and "<!--" not in article


def test_author_without_a_contributors_file_is_the_slug_of_the_mailmapped_name(
    kb: Project, capsys: Capture
) -> None:
    (kb.root / "contributors.yml").unlink()
    assert new(kb, "--title", "Board pack summaries", "--date", "2026-03-03") == 0
    text = (kb.root / "journals/2026/2026-03-03-board-pack-summaries.md").read_text("utf-8")
    assert 'author: ["priya-raman"]\n' in text


def test_never_overwrites(kb: Project, capsys: Capture) -> None:
    args = ("--title", "Meeting notes", "--date", "2026-03-04")
    assert new(kb, *args) == 0
    first = kb.root / "journals/2026/2026-03-04-meeting-notes.md"
    first.write_text(first.read_text("utf-8") + "My notes.\n", encoding="utf-8")
    assert new(kb, *args) == 0
    assert new(kb, *args) == 0
    out = capsys.readouterr().out
    assert "Created " + str(kb.root / "journals/2026/2026-03-04-meeting-notes-2.md") + \
        " (2026-03-04-meeting-notes.md already exists)" in out
    assert "2026-03-04-meeting-notes-3.md (2026-03-04-meeting-notes.md already exists)" in out
    assert first.read_text("utf-8").endswith("My notes.\n")
    assert sorted(p.name for p in first.parent.glob("*meeting*")) == [
        "2026-03-04-meeting-notes-2.md", "2026-03-04-meeting-notes-3.md",
        "2026-03-04-meeting-notes.md"]


@pytest.mark.parametrize(("args", "message"), [
    ((), "peerlog new: a title is required: pass --title 'What you tried to do'"),
    (("--title", "   "), "peerlog new: a title is required: pass --title 'What you tried to do'"),
    (("--title", "T", "--pair", "bob@example.com"), "peerlog new: pair: an e-mail address is "
     "not a usable value and is ignored (use a name or handle, not an e-mail address; addresses "
     "are never published)"),
    (("--title", "T", "--date", "2026-02-30"), "peerlog new: date '2026-02-30' is not a real "
     "date (check the day and month; the git date is used instead)"),
    (("--title", "T" * 201), "peerlog new: the title is 201 characters long (keep it under 200; "
     "put the details in the notes)"),
])
def test_refuses_what_check_would_flag(kb: Project, capsys: Capture, args: tuple[str, ...],
                                       message: str) -> None:
    assert new(kb, *args) == 2
    assert capsys.readouterr().err.splitlines()[0] == message
    assert sorted(p.name for p in (kb.root / "journals/2026").iterdir()) == [
        "2026-01-08-payment-terms.md"]


def test_notes_what_check_would_warn_about_across_entries(kb: Project, capsys: Capture) -> None:
    assert new(kb, "--title", "T", "--problem", "data extracton", "--tags", "extracton",
               "--pair", "alcie", "--learned-from", "course: Prompting 101, self",
               "--date", "2026-03-05") == 0
    assert capsys.readouterr().err.splitlines() == [
        "peerlog new: note: problem type 'data extracton' is new; did you mean "
        "'data-extraction'?",
        "peerlog new: note: tag 'extracton' is new; did you mean 'extraction'?",
        "peerlog new: note: pair 'alcie' is not in contributors.yml; did you mean 'alice'?",
    ]


HOSTILE_TITLES = [
    "no: #1 - [draft]", "- leading dash", "[not a list]", "{not: a mapping}", "&anchor",
    "*alias", "!tag", "? question", "% percent", "@at", "`backtick`", "| pipe", "> folded",
    "yes", "No", "null", "~", "123", "1e3", "0x1F", "2026-03-02", "true", ".inf",
    "'single' and \"double\" quotes", "back\\slash \\n", "tab\there", "{title} {x|y} $1 $&",
    "---", "...", "Ünïcödé 日本語 😀", "tried X -> worked", "CON", "index", "  spaced   out  ",
    "zero\u200bwidth", "\u202eright-to-left override",
]


def test_hostile_titles_round_trip(kb: Project, capsys: Capture) -> None:
    for n, title in enumerate(HOSTILE_TITLES, start=1):
        day = (date(2026, 4, 1) + timedelta(days=n)).isoformat()
        assert new(kb, f"--title={title}", "--date", day) == 0, (title, capsys.readouterr().err)
        path = kb.root / f"journals/2026/{day}-{slug(title)}.md"
        front = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
        assert front["title"] == clean(title), title
        assert front["date"] == day
    assert check(kb) == 0, capsys.readouterr().out


def test_render_keeps_hostile_values_as_written() -> None:
    values = {
        "title": "a: b", "date": "2026-01-01", "author": ["al.ice"], "tags": ["yes", "#x", "YES"],
        "problem": "- y", "tools": ["[z]"], "pair": [], "learned_from": ["bob"],
        "outcome": "partial", "notes": "\n\n  indented\r\nline  \n\n",
        "attempts": [{"tried": "x -> y: z", "result": "worked", "note": '"quoted"'},
                     {"tried": "", "result": "failed", "note": "dropped"},
                     {"tried": "no result", "result": "maybe"}],
    }
    text = render(values)
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {
        "title": "a: b", "date": "2026-01-01", "author": ["al.ice"], "tags": ["yes", "#x"],
        "problem": "- y", "tools": ["[z]"], "pair": [], "learned_from": ["bob"],
        "outcome": "partial",
        "attempts": [{"tried": "x -> y: z", "result": "worked", "note": '"quoted"'},
                     {"tried": "no result"}],
    }
    assert "## What I tried\n\n  indented\nline\n\n## What I'd tell" in text


class Terminal:
    """The controlling side of a pty: read what the program printed, type answers."""

    def __init__(self, fd: int) -> None:
        self.fd, self.seen = fd, ""

    def expect(self, text: str, timeout: float = 20) -> None:
        while text not in self.seen:
            ready, _, _ = select.select([self.fd], [], [], timeout)
            assert ready, f"waited {timeout}s for {text!r}; the terminal shows:\n{self.seen}"
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:  # the program exited and the pty closed
                chunk = b""
            assert chunk, f"the program ended before printing {text!r}:\n{self.seen}"
            self.seen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        self.seen = self.seen[self.seen.index(text) + len(text):]

    def type(self, line: str) -> None:
        os.write(self.fd, line.encode("utf-8") + b"\n")


def test_asks_in_a_terminal_and_suggests_known_names(kb: Project) -> None:
    controller, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN_CLI, "new", "--date", "2026-03-06", "--outcome", "partial"],
        stdin=child, stdout=child, stderr=child, cwd=kb.root, env=dict(os.environ),
    )
    os.close(child)
    terminal = Terminal(controller)
    try:
        terminal.expect("Title (what you tried to do, in a few words): ")
        terminal.type("Summarising board packs")
        terminal.expect("Problem types used so far: data-extraction\n")
        terminal.expect("Problem type (Enter to skip): ")
        terminal.type("data extracton")
        terminal.expect("problem type 'data extracton' is new; did you mean 'data-extraction'? "
                        "[Y/n] ")
        terminal.type("")
        terminal.expect("Tags used so far: extraction, pdf\n")
        terminal.expect("Tags, comma-separated (Enter to skip): ")
        terminal.type("PDF, extracton, board packs")
        terminal.expect("tag 'extracton' is new; did you mean 'extraction'? [Y/n] ")
        terminal.type("y")
        terminal.expect("Created journals/2026/2026-03-06-summarising-board-packs.md\n")
        assert proc.wait(timeout=20) == 0
    finally:
        os.close(controller)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = (kb.root / "journals/2026/2026-03-06-summarising-board-packs.md").read_text("utf-8")
    assert text.startswith("""\
---
title: "Summarising board packs"
date: "2026-03-06"
author: ["priya"]
tags: ["pdf", "extraction", "board packs"]
problem: "data-extraction"
tools: []
pair: []
learned_from: []
outcome: "partial"  # solved, partial or unsolved
attempts: []
---
""")


def test_never_writes_through_a_symlink(kb: Project, capsys: Capture) -> None:
    outside = kb.root.parent / "outside"
    outside.mkdir()
    (outside / "existing.md").write_text("not yours\n", encoding="utf-8")
    folder = kb.root / "journals" / "2026"
    args = ("--title", "Meeting notes", "--date", "2026-03-04")
    rel = "journals/2026/2026-03-04-meeting-notes.md"
    for target in ("new.md", "existing.md"):
        (kb.root / rel).symlink_to(outside / target)
        assert new(kb, *args) == 2
        assert capsys.readouterr().err.endswith(
            f"peerlog new: {rel} is a symlink, and peerlog never writes through one; nothing was "
            "written (delete the link, or choose another name)\n")
        (kb.root / rel).unlink()
    (kb.root / "journals" / "2027").symlink_to(outside)
    assert new(kb, "--title", "Meeting notes", "--date", "2027-03-04") == 2
    assert capsys.readouterr().err.endswith(
        "peerlog new: journals/2027/ is a symlink (or inside one) that leads out of the project "
        "or into .git, and peerlog never writes through one; nothing was written (replace the "
        "linked folder with a real one)\n")
    assert sorted(p.name for p in outside.iterdir()) == ["existing.md"]
    assert (outside / "existing.md").read_text("utf-8") == "not yours\n"
    assert sorted(p.name for p in folder.iterdir()) == ["2026-01-08-payment-terms.md"]
