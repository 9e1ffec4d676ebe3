"""The one reader (and writer) of files a pull request can change, on real files and links."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerlog.config import load_settings
from peerlog.read.curated import load_curated
from peerlog.read.frontmatter import FrontMatterError
from peerlog.read.journals import load_journal
from peerlog.read.untrusted import (
    LinkedOut,
    Refused,
    _Link,
    _opened,
    create,
    fingerprint,
    folders_kept,
    inside,
    read_bytes,
    read_text,
    read_yaml,
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project folder with a ``.git`` folder, next to an ``outside`` folder with a secret."""
    project = tmp_path / "kb"
    (project / ".git").mkdir(parents=True)
    (project / ".git" / "config").write_text("[core]\n\tsecret = yes\n", encoding="utf-8")
    (project / "notes").mkdir()
    (project / "notes" / "real.md").write_text("inside\n", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("secret\n", encoding="utf-8")
    return project


def refusal(root: Path, rel: str, cap: int = 1_000) -> Refused:
    with pytest.raises(Refused) as caught:
        read_bytes(root, rel, cap)
    return caught.value


def test_reads_a_file_and_a_link_that_stays_inside(root: Path) -> None:
    (root / "link.md").symlink_to("notes/real.md")
    assert read_bytes(root, "notes/real.md") == b"inside\n"
    assert read_bytes(root, "link.md") == b"inside\n"
    assert read_bytes(root, root / "link.md") == b"inside\n"


def test_symlink_out_of_the_repository_is_refused(root: Path) -> None:
    (root / "out.md").symlink_to(root.parent / "outside" / "secret.txt")
    (root / "up.md").symlink_to("../outside/secret.txt")
    for name in ("out.md", "up.md"):
        exc = refusal(root, name)
        assert isinstance(exc, LinkedOut)
        assert exc.message == "this symlink points outside the repository and is refused"
        assert exc.line == 0


def test_linked_folder_out_of_the_repository_is_refused(root: Path) -> None:
    (root / "folder").symlink_to(root.parent / "outside")
    exc = refusal(root, "folder/secret.txt")
    assert isinstance(exc, LinkedOut)
    assert "outside the repository through a linked folder" in exc.message


def test_nothing_inside_git_is_read(root: Path) -> None:
    (root / "config.md").symlink_to(".git/config")
    (root / "notes" / "deep.md").symlink_to("../.git/config")
    for rel in ("config.md", "notes/deep.md", ".git/config"):
        assert refusal(root, rel).message == ("this path leads into .git, git's own folder, and "
                                              "is refused")


def test_dangling_and_looping_links_are_refused(root: Path) -> None:
    (root / "gone.md").symlink_to("missing.md")
    (root / "a.md").symlink_to("b.md")
    (root / "b.md").symlink_to("a.md")
    for rel in ("gone.md", "a.md"):
        assert refusal(root, rel).message.startswith("this symlink points to nothing")
    assert refusal(root, "never-there.md").message == "the file does not exist"


def test_a_pipe_is_refused_without_being_opened(root: Path) -> None:
    """Opening a FIFO for reading blocks until a writer comes: run it in a child with a timeout,
    so a reader that opens it fails the test instead of hanging it."""
    os.mkfifo(root / "pipe.md")
    (root / "link-to-pipe.md").symlink_to("pipe.md")
    code = ("import sys; from pathlib import Path; from peerlog.read.untrusted import Refused, "
            "read_bytes\ntry:\n    read_bytes(Path(sys.argv[1]), sys.argv[2])\n"
            "except Refused as exc:\n    print(exc.message)\n")
    for rel in ("pipe.md", "link-to-pipe.md"):
        done = subprocess.run([sys.executable, "-c", code, str(root), rel], capture_output=True,
                              text=True, timeout=20, check=True)
        assert done.stdout == ("this is not a regular file (a folder, pipe, socket or device) and "
                               "is never opened\n")
    assert refusal(root, "notes").message.startswith("this is not a regular file")


def test_size_cap_is_exact_and_a_huge_file_costs_nothing(root: Path) -> None:
    (root / "at-cap.md").write_bytes(b"x" * 10)
    (root / "over.md").write_bytes(b"x" * 11)
    assert read_bytes(root, "at-cap.md", 10) == b"x" * 10
    assert refusal(root, "over.md", 10).message == "the file is 11 bytes, more than the 10 allowed"
    with (root / "sparse.md").open("wb") as sparse:
        sparse.truncate(20 * 1024**3)
    started = time.perf_counter()
    assert refusal(root, "sparse.md", 1_000_000).message.startswith(
        "the file is 21,474,836,480 bytes, more than the 1,000,000 allowed")
    assert time.perf_counter() - started < 1


def test_text_is_decoded_from_utf16_and_bad_bytes_are_a_problem(root: Path) -> None:
    (root / "utf16.md").write_bytes(codecs.BOM_UTF16_LE + "héllo\r\nwörld\n".encode("utf-16-le"))
    assert read_text(root, "utf16.md") == "héllo\nwörld\n"
    (root / "latin1.md").write_bytes("ok\ncafé\n".encode("latin-1"))
    with pytest.raises(FrontMatterError) as caught:
        read_text(root, "latin1.md")
    assert not isinstance(caught.value, Refused)
    assert (caught.value.line, caught.value.message) == (2, "the file is not valid UTF-8")


def test_a_folder_swapped_for_a_link_after_the_check_is_refused(root: Path) -> None:
    """The path is checked, then a folder on it becomes a link out: the open must not follow it
    (``_Link`` makes the reader resolve and check the path again)."""
    base = root.resolve()
    parts = inside(base, root / "notes" / "real.md")
    (root / "notes" / "real.md").unlink()
    (root / "notes").rmdir()
    (root / "notes").symlink_to(root.parent / "outside")
    (root.parent / "outside" / "real.md").write_text("outside\n", encoding="utf-8")
    with pytest.raises(_Link), _opened(base, parts):
        pytest.fail("the swapped folder was followed")


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_kept_folders_read_the_same_refuse_the_same_and_close(root: Path) -> None:
    """Inside ``folders_kept`` a walk opens each folder once; what it reads and refuses is what
    it would outside, a folder swapped for a link out after it was kept is not followed (the
    kept descriptor is of the folder that was checked; a file it lacks sends the reader to
    resolve and check the path again), and no descriptor outlives the block."""
    for folder in ("a/b", "a/c", "d"):
        (root / folder).mkdir(parents=True)
        (root / folder / "x.md").write_text(f"{folder}\n", encoding="utf-8")
    (root / "a" / "out").symlink_to(root.parent / "outside")
    before = open_descriptors()
    with folders_kept():
        assert [read_bytes(root, f"{folder}/x.md") for folder in ("a/b", "a/c", "d", "a/b")] == [
            b"a/b\n", b"a/c\n", b"d\n", b"a/b\n"]
        assert open_descriptors() == before + 5  # the root, a, a/b, a/c and d, once each
        assert "through a linked folder" in refusal(root, "a/out/secret.txt").message
        assert refusal(root, ".git/config").message.startswith("this path leads into .git")
        (root / "d" / "x.md").unlink()
        (root / "d").rmdir()
        (root / "d").symlink_to(root.parent / "outside")
        # The kept (now deleted) folder has no such file, so the path is resolved and checked.
        assert "through a linked folder" in refusal(root, "d/secret.txt").message
        with folders_kept():  # nested: the outer block keeps and closes
            assert read_bytes(root, "a/c/x.md") == b"a/c\n"
        assert open_descriptors() == before + 5
    assert open_descriptors() == before
    assert "through a linked folder" in refusal(root, "d/secret.txt").message


def test_whole_yaml_documents_take_the_careful_path(root: Path) -> None:
    (root / "people.yml").write_text("alice:\n  name: Alice\nbob: Bob\n", encoding="utf-8")
    document, notes = read_yaml(root, "people.yml")
    assert document is not None and document.value == {"alice": {"name": "Alice"}, "bob": "Bob"}
    assert [(f.line, f.col) for f in document.items] == [(2, 3), (3, 6)]
    assert notes == ()
    attacks = {
        "alias.yml": ("a: &x [1]\nb: *x\n", 2, "YAML aliases (&name / *name) are not allowed in "
                      "alias.yml"),
        "tag.yml": ("a: 1\nb: !!python/object/apply:os.system [id]\n", 2,
                    "YAML tags like 'tag:yaml.org,2002:python/object/apply:os.system' are not "
                    "allowed"),
        "nodes.yml": ("[" + "1, " * 30 + "1]\n", 1, "nodes.yml has more than 20 values"),
        "two.yml": ("a: 1\n---\nb: 2\n", 2, "two.yml holds more than one YAML document"),
    }
    for name, (text, line, message) in attacks.items():
        (root / name).write_text(text, encoding="utf-8")
        with pytest.raises(FrontMatterError) as caught:
            read_yaml(root, name, max_nodes=20)
        assert (caught.value.line, caught.value.message) == (line, message)


def test_fingerprint_follows_content_and_refusals(root: Path) -> None:
    assert fingerprint(root, ".mailmap") == ""
    (root / ".mailmap").write_text("A <a@x>\n", encoding="utf-8")
    first = fingerprint(root, ".mailmap")
    (root / ".mailmap").write_text("B <b@x>\n", encoding="utf-8")
    assert first != fingerprint(root, ".mailmap") != ""
    (root / ".mailmap").unlink()
    (root / ".mailmap").symlink_to(root.parent / "outside" / "secret.txt")
    assert fingerprint(root, ".mailmap").startswith("this symlink points outside")


def test_create_never_writes_through_a_link(root: Path) -> None:
    secret = root.parent / "outside" / "secret.txt"
    (root / "dangling.md").symlink_to(root.parent / "outside" / "new.md")
    (root / "existing.md").symlink_to(secret)
    (root / "inner.md").symlink_to("notes/real.md")
    for rel in ("dangling.md", "existing.md", "inner.md"):
        with pytest.raises(Refused) as caught:
            create(root, rel, "written\n")
        assert caught.value.message == f"{rel} is a symlink, and peerlog never writes through one"
    assert not (root.parent / "outside" / "new.md").exists()
    assert secret.read_text("utf-8") == "secret\n"
    assert (root / "notes" / "real.md").read_text("utf-8") == "inside\n"


def test_create_refuses_a_linked_folder_out_but_follows_one_inside(root: Path) -> None:
    (root / "out").symlink_to(root.parent / "outside")
    (root / "git").symlink_to(".git")
    for rel in ("out/x.md", "out/new/deeper/x.md", "git/hooks/x.md"):
        with pytest.raises(Refused) as caught:
            create(root, rel, "written\n")
        folder = rel.rsplit("/", 1)[0]
        assert caught.value.message.startswith(f"{folder}/ is a symlink (or inside one) that "
                                               "leads out of the project or into .git")
    assert sorted(p.name for p in (root.parent / "outside").iterdir()) == ["secret.txt"]
    assert not (root / ".git" / "hooks").exists()
    (root / "linked-notes").symlink_to("notes")
    create(root, "linked-notes/new.md", "new\n")
    assert (root / "notes" / "new.md").read_text("utf-8") == "new\n"
    create(root, "fresh/folders/x.md", "x\n")
    assert (root / "fresh" / "folders" / "x.md").read_text("utf-8") == "x\n"
    with pytest.raises(FileExistsError):
        create(root, "fresh/folders/x.md", "again\n")
    assert (root / "fresh" / "folders" / "x.md").read_text("utf-8") == "x\n"


def test_a_relative_project_root_reads_the_same(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``peerlog --root kb`` walks ``kb/journals/...``: paths relative to the working folder."""
    (root / "journals").mkdir()
    (root / "journals" / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    (root / "journals" / "link.md").symlink_to("a.md")
    (root / "playbooks").mkdir()
    (root / "playbooks" / "p.md").write_text("---\nproblem: p\n---\n", encoding="utf-8")
    monkeypatch.chdir(root.parent)
    journal = load_journal(Path("kb"), "journals")
    assert ([e.title for e in journal.entries], journal.problems) == (["A", "A"], ())
    assert [c.problem for c in load_curated(Path("kb"), "playbooks")[0]] == ["p"]
    assert read_bytes(Path("kb"), "notes/real.md") == b"inside\n"


def test_mkdocs_yml_is_read_only_when_it_is_the_project_s_own(root: Path) -> None:
    config = "plugins:\n  - peerlog:\n      journals: {folder}\n"
    (root / "mkdocs.yml").write_text(config.format(folder="notes"), encoding="utf-8")
    assert load_settings(root).journals == "notes"
    elsewhere = root.parent / "outside" / "mkdocs.yml"
    elsewhere.write_text(config.format(folder="../../etc"), encoding="utf-8")
    (root / "mkdocs.yml").unlink()
    (root / "mkdocs.yml").symlink_to(elsewhere)
    assert load_settings(root).journals == "journals"
    (root / "mkdocs.yml").unlink()
    (root / "mkdocs.yml").write_text(config.format(folder="notes") + "#" * 1_000_000, "utf-8")
    assert load_settings(root).journals == "journals"


@pytest.fixture(scope="module")
def maze(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose files say where they are, with every kind of link in and out of it."""
    top = tmp_path_factory.mktemp("maze")
    root, outside = top / "kb", top / "outside"
    for folder in (root / "sub", root / ".git", outside):
        folder.mkdir(parents=True)
    (outside / "f.md").write_bytes(b"OUTSIDE")
    (root / ".git" / "f.md").write_bytes(b"GIT")
    (root / "f.md").write_bytes(b"inside")
    (root / "sub" / "f.md").write_bytes(b"inside")
    links = {"out": outside, "out-file": outside / "f.md", "git": root / ".git",
             "git-file": root / ".git" / "f.md", "in": root / "sub", "in-file": root / "f.md",
             "up": Path(".."), "loop": root / "loop", "gone": root / "nothing"}
    for name, target in links.items():
        (root / name).symlink_to(target)
        (root / "sub" / name).symlink_to(target)
    os.mkfifo(root / "pipe")
    return root


_NAMES = ["f.md", "sub", "out", "out-file", "git", "git-file", ".git", "in", "in-file", "up",
          "loop", "gone", "pipe", "..", ".", "kb", "outside"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=5), st.booleans())
def test_no_path_reads_outside_the_project_or_inside_git(
    maze: Path, names: list[str], absolute: bool
) -> None:
    """Whatever path is asked for, the reader returns a file of the project or refuses."""
    path: Path | str = "/".join(names)
    if absolute:
        path = maze / path
    try:
        content = read_bytes(maze, path)
    except Refused:
        return
    assert content == b"inside", path
