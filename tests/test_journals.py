from __future__ import annotations

import os
import re
import time
from datetime import date
from pathlib import Path

import pytest

from peerlog.knowledge.checks import MAX_LINK_PROBLEMS, cross_check
from peerlog.read import journals
from peerlog.read.journals import load_journal

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


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24


def test_attachments_are_gathered_beside_their_entries(project: Project) -> None:
    project.entry("2026/a.md", title="A")
    for rel in ("2026/shot.png", "2026/Shot 2.JPG", "2026/Team Notes/flow.webp",
                "2026/data.csv", "2026/notes.txt", "2026/spec.pdf"):
        project.write(f"journals/{rel}", PNG)
    journal = load_journal(project.root, "journals")
    assert journal.problems == ()
    assert sorted((a.rel, a.site_rel, a.size) for a in journal.attachments) == [
        ("2026/Shot 2.JPG", "2026/Shot 2.JPG", 32),
        ("2026/Team Notes/flow.webp", "2026/team-notes/flow.webp", 32),
        ("2026/data.csv", "2026/data.csv", 32),
        ("2026/notes.txt", "2026/notes.txt", 32),
        ("2026/shot.png", "2026/shot.png", 32),
        ("2026/spec.pdf", "2026/spec.pdf", 32),
    ]


@pytest.mark.parametrize(("name", "hint"), [
    ("diagram.svg", "SVG and HTML files can run scripts on the site: export the picture as PNG"),
    ("page.html", "SVG and HTML files can run scripts on the site: export the picture as PNG"),
    ("notes.docx", "convert it to one of those types to publish it, or move it out of the "
     "journals folder"),
    ("Makefile", "convert it to one of those types to publish it, or move it out of the "
     "journals folder"),
])
def test_other_files_are_ignored_with_a_hint_that_fits(
    project: Project, name: str, hint: str
) -> None:
    project.write(f"journals/{name}", b"<svg onload='alert(1)'/>")
    journal = load_journal(project.root, "journals")
    assert journal.attachments == ()
    assert [(p.path, p.severity, p.message, p.hint) for p in journal.problems] == [(
        f"journals/{name}", "warning", "only Markdown entries and these attachment types are "
        "published: png, jpg, jpeg, gif, webp, avif, pdf, txt, csv; this file is ignored", hint)]


def test_an_attachment_over_the_size_cap_is_refused(project: Project) -> None:
    project.write("journals/photo.png", PNG + b"\x00" * (journals.MAX_ATTACHMENT_BYTES - len(PNG)))
    project.write("journals/big.png", PNG + b"\x00" * (journals.MAX_ATTACHMENT_BYTES + 1 - len(PNG)))
    journal = load_journal(project.root, "journals")
    assert [a.rel for a in journal.attachments] == ["photo.png"]
    assert [str(p) for p in journal.problems] == [
        "journals/big.png: error: the file is 5,000,001 bytes, more than the 5,000,000 an "
        "attachment may have, so it is not published (crop or shrink it (JPEG and WebP are "
        "smaller for photos), or link to it)"]


def test_attachments_over_the_total_cap_are_refused_in_one_problem(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journals, "MAX_ATTACHMENTS_BYTES", 100)
    for name in "abcde":
        project.write(f"journals/{name}.png", PNG)
    journal = load_journal(project.root, "journals")
    assert [a.rel for a in journal.attachments] == ["a.png", "b.png", "c.png"]
    assert [str(p) for p in journal.problems] == [
        "journals/d.png: error: the attachments add up to more than 100 bytes or 10,000 files, "
        "so this one and the 1 after it are not published (keep large files out of the "
        "journals folder)"]


def test_attachments_at_one_address_keep_the_first(project: Project) -> None:
    project.write("journals/Team Notes/shot.png", PNG)
    project.write("journals/team-notes/shot.png", PNG)
    journal = load_journal(project.root, "journals")
    assert [a.rel for a in journal.attachments] == ["Team Notes/shot.png"]
    assert [(p.path, p.message) for p in journal.problems] == [(
        "journals/team-notes/shot.png",
        "journals/Team Notes/shot.png is published at the same address, so this file is not")]


def test_symlinked_attachments_must_be_attachments_in_the_journals(project: Project) -> None:
    project.write("contributors.yml", "alice:\n  emails: [alice@example.com]\n")
    project.write("journals/real.png", PNG)
    (project.root / "journals" / "people.png").symlink_to(project.root / "contributors.yml")
    (project.root / "journals" / "again.png").symlink_to(project.root / "journals" / "real.png")
    journal = load_journal(project.root, "journals")
    assert [a.rel for a in journal.attachments] == ["again.png", "real.png"]
    assert [(p.path, p.message) for p in journal.problems] == [(
        "journals/people.png", "this symlink points to a file that is not an attachment in the "
        "journals folder, so it is not published")]


def test_unsafe_attachment_names_are_refused(project: Project) -> None:
    project.write("journals/shot\u202egnp.png", PNG)
    journal = load_journal(project.root, "journals")
    assert journal.attachments == ()
    assert [p.message for p in journal.problems] == [
        "the name holds control characters, bidirectional overrides or bytes that are not "
        "UTF-8, so it is refused"]


def test_images_that_are_not_published_are_warned_at_their_line(project: Project) -> None:
    project.entry("2026/Team Notes/a.md", "Intro.\n\n![shot](shot.png) and ![gone](gone.png)\n"
                  "![other](../Team%20Notes/shot.png) ![ok](../team-notes/shot.png)\n"
                  "```\n![in code](nothere.png)\n```\n![far](https://example.org/x.png)\n",
                  title="A")
    project.write("journals/2026/Team Notes/shot.png", PNG)
    build = project.build()
    assert build.code == 0, build.log
    ours = [line for line in build.log.splitlines() if "peerlog: journals/" in line]
    assert ours == [
        "WARNING -  peerlog: journals/2026/Team Notes/a.md:6:31: warning: 'gone.png' is not a "
        "file published beside this entry (add the file as journals/2026/Team Notes/gone.png, "
        "or check the name)",
        "WARNING -  peerlog: journals/2026/Team Notes/a.md:7:10: warning: link to "
        "'../Team%20Notes/shot.png' names a folder the way the site does not, so it is broken on "
        "the site (write 'shot.png': folders on the site are lowercase, with "
        "dashes for spaces)",
    ]
    html = build.article("entries/2026/team-notes/a/")
    assert html.count('src="../shot.png"') == 2
    assert (build.site / "entries/2026/team-notes/shot.png").read_bytes() == PNG


def test_the_format_reference_gives_the_attachment_types_and_caps() -> None:
    text = (Path(__file__).parents[1] / "docs" / "format.md").read_text(encoding="utf-8")
    section = text[text.index("## Screenshots"):text.index("## Links between entries")]
    listed = re.findall(r"`(\w+)`", section[:section.index("SVG and HTML")])
    assert listed == list(journals.ATTACHMENT_TYPES)
    assert f"at most {journals.MAX_ATTACHMENT_BYTES // 1_000_000} MB" in section
    assert (f"at most {journals.MAX_ATTACHMENTS_BYTES // 1_000_000} MB "
            f"({journals.MAX_ATTACHMENTS:,} files)") in section


def test_thousands_of_broken_links_cost_seconds_and_a_few_lines(project: Project) -> None:
    body = "".join(f"![s](gone-{i:05}.png) [e](gone-{i:05}.md)\n\n" for i in range(20_000))
    project.entry("a.md", body, title="A")
    journal = load_journal(project.root, "journals")
    started = time.perf_counter()
    problems = cross_check(journal.entries, None, date(2026, 3, 1),
                           attachments=journal.attachments)
    assert time.perf_counter() - started < 10  # was quadratic: about an hour
    more = [str(p) for p in problems if "more broken" in p.message]
    assert more == [
        "journals/a.md:4: warning: 19,980 more broken links or images in this entry (fix the "
        "ones listed; the next check reports the rest)"] * 2
    assert len(problems) == 2 * (MAX_LINK_PROBLEMS + 1)
    assert "journals/a.md:4:6: warning: 'gone-00000.png' is not a file published beside this " \
        "entry (add the file as journals/gone-00000.png, or check the name)" in map(str, problems)


def test_jekyll_markdown_files_are_entries_with_clean_urls(project: Project) -> None:
    """Jekyll posts are ``.markdown`` files with a time in their date: both are ordinary."""
    project.write("journals/2013/2013-05-06-jekyll-1-0-released.markdown",
                  '---\ntitle: "Jekyll 1.0.0 Released"\ndate: "2013-05-06 02:12:52 +0200"\n'
                  "author: parkr\n---\nHey! After many months of hard work...\n")
    project.entry("2013/2013-05-07-plain.md", title="A plain entry", date="2013-05-07")
    build = project.build("--strict")
    assert build.code == 0, build.log
    article = build.article("entries/2013/2013-05-06-jekyll-1-0-released/")
    assert "Jekyll 1.0.0 Released" in article and "After many months of hard work" in article
    assert "2013-05-06" in article
    assert build.has_page("entries/2013/2013-05-07-plain/")
    assert not list(build.site.rglob("*.markdown"))
