"""Curated playbooks: one per problem type, and a clear word when two spellings collide."""

from __future__ import annotations

from pathlib import Path

from peerlog.read.curated import CuratedPlaybook, load_curated, one_per_problem_type

from .project import SAMPLE_ENTRY, Project


def playbook(problem: str, title: str) -> str:
    return f"---\nproblem: {problem}\ntitle: {title}\n---\n{title} advice.\n"


def curated(path: str, problem: str) -> CuratedPlaybook:
    return CuratedPlaybook(path=path, problem=problem)


def test_two_spellings_of_one_problem_type_keep_one_and_name_both() -> None:
    kept, problems = one_per_problem_type(
        [curated("playbooks/b.md", "Data Extraction"), curated("playbooks/a.md", "data extraction!"),
         curated("playbooks/c.md", "summarising")],
        ["data-extraction"])
    assert [c.path for c in kept] == ["playbooks/b.md", "playbooks/c.md"]
    assert [str(p) for p in problems] == [
        "playbooks/a.md: error: playbooks/b.md already curates problem type 'Data Extraction', "
        "and 'data extraction!' names the same playbook page (the names differ only in case, "
        "spaces or punctuation), so this playbook is not used (one problem type, one curated "
        "playbook: merge this file into playbooks/b.md and delete it)"]


def test_without_entries_the_first_file_wins_and_a_near_spelling_is_told_the_right_one() -> None:
    kept, problems = one_per_problem_type(
        [curated("playbooks/z.md", "pdf?"), curated("playbooks/y.md", "pdf!"),
         curated("playbooks/near.md", "Data_Extraction!!")],
        ["data-extraction"])
    assert [c.path for c in kept] == ["playbooks/y.md"]
    assert [(p.path, p.message) for p in problems] == [
        ("playbooks/near.md", "problem type 'Data_Extraction!!' is not one the journal entries "
         "use, but it would take the playbook page of their 'data-extraction', so this playbook "
         "is not used"),
        ("playbooks/z.md", "playbooks/y.md already curates problem type 'pdf!', and 'pdf?' names "
         "the same playbook page (the names differ only in case, spaces or punctuation), so this "
         "playbook is not used"),
    ]
    assert problems[0].hint == "write 'problem: data-extraction' to curate that problem type"


def test_a_real_build_says_so_and_shows_the_kept_playbook(project: Project) -> None:
    project.write("journals/2026/entry.md", SAMPLE_ENTRY)
    project.write("playbooks/one.md", playbook("data extraction!", "One"))
    project.write("playbooks/two.md", playbook("Data-Extraction", "Two"))
    project.write("playbooks/three.md", playbook("pdf!", "Three"))
    project.write("playbooks/four.md", playbook("pdf?", "Four"))
    build = project.build()
    assert build.code == 0, build.log
    warnings = [line for line in build.log.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        "WARNING -  peerlog: playbooks/four.md: warning: no journal entry has problem type "
        "'pdf?'; the playbook is built without evidence (check the spelling of 'problem:')",
        "WARNING -  peerlog: playbooks/one.md: error: playbooks/two.md already curates problem "
        "type 'Data-Extraction', and 'data extraction!' names the same playbook page (the names "
        "differ only in case, spaces or punctuation), so this playbook is not used (one problem "
        "type, one curated playbook: merge this file into playbooks/two.md and delete it)",
        "WARNING -  peerlog: playbooks/three.md: error: playbooks/four.md already curates problem "
        "type 'pdf?', and 'pdf!' names the same playbook page (the names differ only in case, "
        "spaces or punctuation), so this playbook is not used (one problem type, one curated "
        "playbook: merge this file into playbooks/four.md and delete it)",
    ]
    assert "Two advice." in build.article("playbooks/data-extraction/")
    assert "Four advice." in build.article("playbooks/pdf/")
    site = "".join(p.read_text("utf-8", "replace") for p in build.site.rglob("*.html"))
    assert "One advice." not in site and "Three advice." not in site


def test_curated_files_are_read_through_the_untrusted_reader(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    (root / "playbooks").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "x.md").write_text(playbook("git", "Git"), encoding="utf-8")
    (root / "playbooks" / "git.md").symlink_to(root / ".git" / "x.md")
    (root / "playbooks" / "big.md").write_bytes(b"x" * 1_000_001)
    found, problems = load_curated(root, "playbooks")
    assert found == []
    assert [(p.path, p.message) for p in problems] == [
        ("playbooks/big.md", "the file is 1,000,001 bytes, more than the 1,000,000 allowed"),
        ("playbooks/git.md", "this path leads into .git, git's own folder, and is refused"),
    ]
