"""``peerlog check --cache``: a pull request's check parses only the files it changed, and a
cache it cannot trust changes nothing but the time it takes."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from peerlog.cli import main
from peerlog.read.entries import Entry
from peerlog.read.journals import load_journal
from peerlog.read.parsecache import FILE_NAME, decode, encode

from .gitrepo import GitRepo
from .project import SAMPLE_ENTRY, Project

Capture = pytest.CaptureFixture[str]
ROOT = Path(__file__).parents[1]
ENTRY = "---\ntitle: {title}\ntags: [{tags}]\nauthor: {author}\n---\nNotes, see [b](b.md).\n"
CONFIRMATION = ("---\nconfirms: a.md\nauthor: bob\nresult: worked\ndate: 2026-03-01\n---\n"
                "Worked for our memos too.\n")
#: main's journal: five files, a broken one, near-duplicate tags and a confirmation, so the
#: cache holds entries, a confirmation and a file that parses to nothing but problems.
MAIN = {
    "journals/a.md": ENTRY.format(title="Tables", tags="prompting", author="ann"),
    "journals/b.md": ENTRY.format(title="Memos", tags="promting", author="bob"),
    "journals/c.md": SAMPLE_ENTRY,
    "journals/broken.md": "no front matter\n",
    "journals/confirmations/bob-a.md": CONFIRMATION,
}


@pytest.fixture
def repo(project: Project) -> GitRepo:
    """``project`` as a git repository: ``main`` holds :data:`MAIN`, the branch ``pr`` (checked
    out) changes ``b.md`` only."""
    git = GitRepo.init(project.root)
    git.commit(MAIN)
    git.branch("pr")
    git.checkout("pr")
    git.commit({"journals/b.md": ENTRY.format(title="Memos", tags="prompting", author="bob")})
    return git


def check(root: Path, capsys: Capture, *args: str) -> tuple[int, list[str], list[str]]:
    code = main(["--root", str(root), "check", "--changed-since", "main", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def test_the_second_check_parses_only_the_changed_file(
    repo: GitRepo, tmp_path: Path, capsys: Capture
) -> None:
    cache = tmp_path / "cache"
    repo.checkout("main")
    assert main(["--root", str(repo.path), "check", "--cache", str(cache)]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"cache {FILE_NAME}: 5 files parsed, 0 reused")
    repo.checkout("pr")

    plain = check(repo.path, capsys)
    cached = check(repo.path, capsys, "--cache", str(cache))
    assert cached[2][-1] == f"cache {FILE_NAME}: 1 file parsed, 4 reused"
    assert cached[:2] == plain[:2]
    assert cached[2][:-1] == plain[2] == ["1 file checked: 0 errors, 0 warnings"]
    saved = (cache / FILE_NAME).read_bytes()
    (cache / FILE_NAME).touch()
    stamp = (cache / FILE_NAME).stat().st_mtime_ns
    again = check(repo.path, capsys, "--cache", str(cache))
    assert again[2][-1] == f"cache {FILE_NAME}: 0 files parsed, 5 reused"
    assert again[:2] == plain[:2]
    # Nothing new: the cache is not written again.
    assert (cache / FILE_NAME).stat().st_mtime_ns == stamp
    assert (cache / FILE_NAME).read_bytes() == saved


def test_the_whole_check_is_the_same_with_the_cache(
    repo: GitRepo, tmp_path: Path, capsys: Capture
) -> None:
    """Every problem, line and column of every file, warm and cold, in the three formats."""
    cache = tmp_path / "cache"
    for fmt in ("github", "json", "text"):
        args = ["--root", str(repo.path), "check", "--format", fmt]
        assert main(args) == 1
        plain = capsys.readouterr()
        assert main([*args, "--cache", str(cache)]) == 1
        cold = capsys.readouterr()
        assert main([*args, "--cache", str(cache)]) == 1
        warm = capsys.readouterr()
        assert plain.out == cold.out == warm.out
        assert warm.err.splitlines()[-1] == f"cache {FILE_NAME}: 0 files parsed, 5 reused"
    assert "journals/broken.md:1: error: the entry has no front matter" in plain.out


def test_records_come_back_equal_to_the_parse(project: Project) -> None:
    """The example journal's every entry and confirmation, through JSON and back: equal, and
    with every position a check may point at."""
    journal = load_journal(ROOT, "journals")
    assert len(journal.entries) > 60 and journal.confirmations
    for record in (*journal.entries, *journal.confirmations):
        back = decode(type(record), json.loads(json.dumps(encode(record))))
        assert back == record
        if isinstance(record, Entry):
            assert (back.at.fields, back.at.values) == (record.at.fields, record.at.values)


def tampered(cache: Path, edit: str) -> None:
    """``cache``'s file changed the way an attacker or a crash might."""
    path = cache / FILE_NAME
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n")
    if edit == "cut":
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    elif edit == "edit":  # a record changed, the checksum left as it was
        path.write_text(text.replace('"Tables"', '"Tablets"'), encoding="utf-8")
    elif edit == "garbage":
        path.write_bytes(b"\x80\x00" * 100)
    elif edit in ("wrong type", "other file"):  # checksum recomputed: the records are checked
        records = json.loads(body)
        if edit == "wrong type":
            records["journals/a.md"][1]["record"]["body_line"] = "6; import os"
        else:
            records["journals/a.md"] = records["journals/c.md"]
        body = json.dumps(records)
        header = json.loads(head)
        header["sha256"] = hashlib.sha256(body.encode()).hexdigest()
        path.write_text(json.dumps(header) + "\n" + body + "\n", encoding="utf-8")
    elif edit == "pickle":
        path.write_bytes(b"\x80\x04\x95" + b"cos\nsystem\n(S'echo hacked'\ntR.")


WHY = {
    "cut": "its contents do not match their checksum",
    "edit": "its contents do not match their checksum",
    "garbage": "it is not a peerlog cache (not JSON in UTF-8)",
    "wrong type": "the record for journals/a.md is not valid: '6; import os' is not a int",
    "other file": "the record for journals/a.md is not valid: it names another file",
    "pickle": "it is not a peerlog cache (not JSON in UTF-8)",
}


@pytest.mark.parametrize("edit", list(WHY))
def test_a_tampered_cache_is_ignored_with_a_notice(
    repo: GitRepo, tmp_path: Path, capsys: Capture, edit: str
) -> None:
    cache = tmp_path / "cache"
    plain = check(repo.path, capsys)
    check(repo.path, capsys, "--cache", str(cache))
    tampered(cache, edit)
    code, out, err = check(repo.path, capsys, "--cache", str(cache))
    assert (code, out) == plain[:2]
    assert err == [
        *plain[2],
        f"peerlog check: the cache {FILE_NAME} is ignored, and every file is parsed: {WHY[edit]}",
        f"cache {FILE_NAME}: 5 files parsed, 0 reused",
    ]
    # The check wrote a good cache again: the next one is warm.
    assert check(repo.path, capsys, "--cache", str(cache))[2][-1] == (
        f"cache {FILE_NAME}: 0 files parsed, 5 reused")


def test_a_cache_folder_linked_out_of_the_project_is_never_followed(
    repo: GitRepo, tmp_path: Path, capsys: Capture
) -> None:
    """A pull request can commit ``.cache/peerlog`` as a symlink: it is neither read nor
    written through."""
    outside = tmp_path / "outside"
    check(repo.path, capsys, "--cache", str(outside))
    planted = (outside / FILE_NAME).read_bytes()
    (repo.path / ".cache").mkdir()
    os.symlink(outside, repo.path / ".cache" / "peerlog")
    plain = check(repo.path, capsys)
    code, out, err = check(repo.path, capsys, "--cache", str(repo.path / ".cache" / "peerlog"))
    assert (code, out) == plain[:2]
    assert err[-2:] == [
        f"peerlog check: the cache .cache/peerlog/{FILE_NAME} is ignored, and every file is "
        "parsed: this path leads outside the repository through a linked folder and is refused",
        f"peerlog check: the cache .cache/peerlog/{FILE_NAME} cannot be written: .cache/peerlog/"
        " is a symlink (or inside one) that leads out of the project or into .git, and peerlog"
        " never writes through one",
    ]
    assert (outside / FILE_NAME).read_bytes() == planted
    assert sorted(p.name for p in outside.iterdir()) == [FILE_NAME]
