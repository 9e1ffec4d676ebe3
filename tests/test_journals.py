from __future__ import annotations

import os
from pathlib import Path

from peerlog.journals import load_journal

from .project import Project


def test_parse_cache_rereads_only_changed_files(project: Project) -> None:
    for i in range(3):
        project.entry(f"e{i}.md", title=f"Entry {i}")
    first = load_journal(project.root, "journals")
    again = load_journal(project.root, "journals")
    assert [a is b for a, b in zip(first.entries, again.entries, strict=True)] == [True, True, True]

    changed = project.entry("e1.md", title="Entry one, edited")
    st = changed.stat()
    os.utime(changed, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    third = load_journal(project.root, "journals")
    assert [a is b for a, b in zip(again.entries, third.entries, strict=True)] == [True, False, True]
    assert third.entries[1].title == "Entry one, edited"


def test_walk_refuses_outside_symlinks_and_non_markdown(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("---\ntitle: Secret from outside\n---\n", encoding="utf-8")
    project.entry("good.md", title="Good")
    (project.root / "journals" / "link.md").symlink_to(outside)
    (project.root / "journals" / "inside.md").symlink_to(project.root / "journals" / "good.md")
    project.write("journals/notes.docx", "not an entry")
    project.write("journals/folder.md/real.md", "---\ntitle: In a folder named like an entry\n---\n")
    project.write("journals/.hidden.md", "---\ntitle: Hidden\n---\n")

    journal = load_journal(project.root, "journals")
    titles = sorted(e.title for e in journal.entries)
    assert titles == ["Good", "Good", "In a folder named like an entry"]
    messages = {p.path: p.message for p in journal.problems}
    assert messages == {
        "journals/link.md": "this symlink points outside the repository and is refused",
        "journals/notes.docx": "only Markdown entries and these attachment types are published: "
        "png, jpg, jpeg, gif, webp, avif, pdf, txt, csv; this file is ignored",
    }


def test_missing_folder_is_a_warning(tmp_path: Path) -> None:
    journal = load_journal(tmp_path, "nope")
    assert journal.entries == ()
    assert [p.message for p in journal.problems] == ["the journals folder does not exist"]
