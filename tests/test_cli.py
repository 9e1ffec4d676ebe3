from __future__ import annotations

import json
from pathlib import Path

import pytest

from peerlog.cli import main

from .gitrepo import GitRepo
from .project import SAMPLE_ENTRY, Project

Capture = pytest.CaptureFixture[str]


def test_check_lists_every_problem_and_fails(project: Project, capsys: Capture) -> None:
    project.entry("good.md", title="Good")
    project.write("journals/a.md", "---\ntitle: [x\n---\n")
    project.write("journals/b.md", "no front matter\n")
    code = main(["--root", str(project.root), "check"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.splitlines() == [
        "journals/a.md:3:1: error: the front matter is not valid YAML: did not find expected "
        "',' or ']' (check quotes, colons and indentation on this line; wrap text with ':' in "
        "quotes)",
        "journals/b.md:1: error: the entry has no front matter (start the file with a '---' "
        "line, 'title: ...', and another '---' line)",
    ]
    assert "3 files checked: 2 errors, 0 warnings" in err


def test_check_clean_project_passes(project: Project, capsys: Capture) -> None:
    project.entry("good.md", title="Good")
    assert main(["--root", str(project.root), "check"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("", "1 file checked: 0 errors, 0 warnings\n")


def test_check_formats(project: Project, capsys: Capture) -> None:
    project.write("journals/a.md", "---\ntitle: t\ndate: soon\n---\n")
    main(["--root", str(project.root), "check", "--format", "github"])
    assert capsys.readouterr().out.strip() == (
        "::warning file=journals/a.md,line=3,col=7,title=peerlog warning::date must look like "
        "2026-03-02 (YYYY-MM-DD) (fix the format; the git date is used instead)"
    )
    main(["--root", str(project.root), "check", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data == [{"path": "journals/a.md", "line": 3, "col": 7, "severity": "warning",
                     "message": "date must look like 2026-03-02 (YYYY-MM-DD)",
                     "hint": "fix the format; the git date is used instead"}]


def test_check_given_paths_only(project: Project, capsys: Capture) -> None:
    project.write("journals/a.md", "no front matter\n")
    project.write("journals/sub/b.md", "no front matter\n")
    code = main(["--root", str(project.root), "check", str(project.root / "journals/sub")])
    assert code == 1
    assert [line.split(":")[0] for line in capsys.readouterr().out.splitlines()] == [
        "journals/sub/b.md"
    ]


def test_warnings_alone_pass_unless_strict(project: Project, capsys: Capture) -> None:
    for i in range(2):
        project.entry(f"p{i}.md", title=f"Prompting {i}", tags=["prompting"])
    project.entry("typo.md", title="Typo", tags=["pdf", "promting"])
    assert main(["--root", str(project.root), "check"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "journals/typo.md:5:3: warning: tag 'promting' is close to 'prompting', used by 2 "
        "entries (did you mean 'prompting'?)"
    ]
    assert err == "3 files checked: 0 errors, 1 warning\n"
    assert main(["--root", str(project.root), "check", "--strict"]) == 1


def test_json_lists_nothing_as_an_empty_list(project: Project, capsys: Capture) -> None:
    project.entry("good.md", title="Good")
    assert main(["--root", str(project.root), "check", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert err == "1 file checked: 0 errors, 0 warnings\n"


def test_missing_path_cannot_be_checked(project: Project, capsys: Capture) -> None:
    missing = project.root / "journals" / "nope.md"
    assert main(["--root", str(project.root), "check", str(missing)]) == 2
    assert capsys.readouterr().err == f"peerlog check: no such file or folder: {missing}\n"


ENTRY = "---\ntitle: {title}\ntags: [{tags}]\n---\nNotes.\n"


def test_changed_since_reports_only_what_the_branch_touches(
    project: Project, capsys: Capture
) -> None:
    repo = GitRepo.init(project.root)
    repo.commit({
        "journals/a.md": ENTRY.format(title="Tables", tags="prompting"),
        "journals/b.md": ENTRY.format(title="Memos", tags="prompting"),
        "journals/old-typo.md": ENTRY.format(title="Old", tags="promting"),
        "journals/old-broken.md": "no front matter\n",
    })
    repo.branch("feature")
    repo.checkout("feature")
    repo.commit({
        "journals/new.md": ENTRY.format(title="tables", tags="summarising"),
        "journals/a.md": ENTRY.format(title="Tables", tags="prompting, pdf"),
        "journals/old-broken.md": None,
    })
    repo.checkout("main")
    repo.commit({"journals/main-only.md": "no front matter\n"})
    repo.checkout("feature")
    project.write("journals/b.md", ENTRY.format(title="Memos", tags="prompting, pdfs"))
    project.write("journals/untracked.md", "---\ntitle: [x\n---\n")

    code = main(["--root", str(project.root), "check", "--changed-since", "main"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.splitlines() == [
        "journals/new.md:2:8: warning: another entry has the same title: journals/a.md (say in "
        "the title what is different about this one)",
        "journals/untracked.md:3:1: error: the front matter is not valid YAML: did not find "
        "expected ',' or ']' (check quotes, colons and indentation on this line; wrap text with "
        "':' in quotes)",
    ]
    assert err == "4 files checked: 1 error, 1 warning\n"


def test_changed_since_with_paths_checks_both(
    project: Project, capsys: Capture
) -> None:
    repo = GitRepo.init(project.root)
    repo.commit({"journals/a.md": "no front matter\n", "journals/b.md": "no front matter\n"})
    assert main(["--root", str(project.root), "check", "--changed-since", "HEAD"]) == 0
    assert capsys.readouterr().err == "0 files checked: 0 errors, 0 warnings\n"
    code = main(["--root", str(project.root), "check", "--changed-since", "HEAD",
                 str(project.root / "journals" / "b.md")])
    assert code == 1
    assert [line.split(":")[0] for line in capsys.readouterr().out.splitlines()] == [
        "journals/b.md"
    ]


def test_changed_since_explains_what_git_could_not_do(
    project: Project, tmp_path: Path, capsys: Capture
) -> None:
    def fails(root: Path, ref: str) -> str:
        assert main(["--root", str(root), "check", "--changed-since", ref]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        return err

    assert fails(project.root, "main") == (
        f"peerlog check: {project.root} is not in a git repository, so --changed-since cannot "
        "tell what changed\n"
    )
    origin = GitRepo.init(tmp_path / "origin")
    origin.commit({"journals/a.md": ENTRY.format(title="A", tags="pdf")})
    origin.branch("feature")
    origin.checkout("feature")
    origin.commit({"journals/b.md": ENTRY.format(title="B", tags="pdf")})
    origin.checkout("main")
    origin.commit({"journals/c.md": ENTRY.format(title="C", tags="pdf")})
    clone = GitRepo.clone(origin, tmp_path / "shallow", depth=1)
    clone.git.fetch("--quiet", "--depth=1", "origin", "feature:feature")
    clone.checkout("feature")
    assert fails(clone.path, "origin/feature") == (
        "peerlog check: 'origin/feature' is not a branch, tag or commit here; `git fetch origin "
        "feature` first: CI checkouts are shallow and hold only the commit being checked\n"
    )
    assert fails(clone.path, "origin/main") == (
        "peerlog check: HEAD and 'origin/main' share no history here: CI checkouts are shallow, "
        "so fetch the full history (actions/checkout with 'fetch-depth: 0', or 'git fetch "
        "--unshallow')\n"
    )
    clone.git.fetch("--quiet", "--unshallow")
    assert main(["--root", str(clone.path), "check", "--changed-since", "origin/main"]) == 0
    assert capsys.readouterr().err == "1 file checked: 0 errors, 0 warnings\n"


def test_handles_are_checked_against_the_contributors_file(
    project: Project, capsys: Capture
) -> None:
    project.write("contributors.yml", "alice: Alice Martin\nbob: {name: Bob Stone}\n")
    project.entry("a.md", title="Tables", author="alcie", pair=["bob"])
    assert main(["--root", str(project.root), "check"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "journals/a.md:3:9: warning: author 'alcie' is not in the contributors list (did you "
        "mean 'alice'?)"
    ]


def promote_kb(project: Project) -> Path:
    """One data-extraction entry and an ``outside`` folder beside the project; returns it."""
    project.write("journals/2026/entry.md", SAMPLE_ENTRY)
    outside = project.root.parent / "outside"
    outside.mkdir()
    (outside / "existing.md").write_text("not yours\n", encoding="utf-8")
    return outside


@pytest.mark.parametrize(("link", "target"), [
    ("playbooks/data-extraction.md", "new.md"),
    ("playbooks/data-extraction.md", "existing.md"),
])
def test_promote_never_writes_through_a_symlink(
    project: Project, capsys: Capture, link: str, target: str
) -> None:
    outside = promote_kb(project)
    (project.root / "playbooks").mkdir()
    (project.root / link).symlink_to(outside / target)
    assert main(["--root", str(project.root), "promote", "data-extraction"]) == 1
    assert capsys.readouterr().err == (
        "peerlog promote: playbooks/data-extraction.md is a symlink, and peerlog never writes "
        "through one; nothing was written (delete the link, or choose another name)\n")
    assert sorted(p.name for p in outside.iterdir()) == ["existing.md"]
    assert (outside / "existing.md").read_text("utf-8") == "not yours\n"


def test_promote_refuses_a_playbooks_folder_linked_out(project: Project, capsys: Capture) -> None:
    outside = promote_kb(project)
    (project.root / "playbooks").symlink_to(outside)
    assert main(["--root", str(project.root), "promote", "data-extraction"]) == 1
    assert capsys.readouterr().err == (
        "peerlog promote: playbooks/ is a symlink (or inside one) that leads out of the project "
        "or into .git, and peerlog never writes through one; nothing was written (replace the "
        "linked folder with a real one)\n")
    assert sorted(p.name for p in outside.iterdir()) == ["existing.md"]


PEOPLE_WARNING = ("{name}:1:1: warning: this pull request {verb} {name}, which renames and "
                  "merges people (a reviewer should look at who it maps to whom)")


def test_changed_since_warns_about_files_that_rename_people(
    project: Project, capsys: Capture
) -> None:
    repo = GitRepo.init(project.root)
    repo.commit({"journals/a.md": ENTRY.format(title="Tables", tags="pdf"),
                 ".mailmap": "Ada <ada@example.com>\n", "contributors.yml": "ada: Ada\n"})
    repo.branch("feature")
    repo.checkout("feature")
    repo.commit({"contributors.yml": "ada: {name: Ada, emails: [boss@example.com]}\n",
                 ".mailmap": None})
    code = main(["--root", str(project.root), "check", "--changed-since", "main"])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.splitlines() == [
        PEOPLE_WARNING.format(name=".mailmap", verb="deletes"),
        PEOPLE_WARNING.format(name="contributors.yml", verb="changes"),
    ]
    assert err == "0 files checked: 0 errors, 2 warnings\n"
    assert main(["--root", str(project.root), "check", "--changed-since", "main",
                 "--strict", "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::warning file=.mailmap,line=1,col=1,title=peerlog warning::this pull request deletes "
        ".mailmap, which renames and merges people (a reviewer should look at who it maps to "
        "whom)",
        "::warning file=contributors.yml,line=1,col=1,title=peerlog warning::this pull request "
        "changes contributors.yml, which renames and merges people (a reviewer should look at "
        "who it maps to whom)",
    ]
    assert main(["--root", str(project.root), "check", "--changed-since", "main",
                 "--format", "json"]) == 0
    assert [p["path"] for p in json.loads(capsys.readouterr().out)] == [
        ".mailmap", "contributors.yml"]

    repo.checkout("main")
    project.write(".mailmap", "Ada Lovelace <ada@example.com>\n")
    assert main(["--root", str(project.root), "check", "--changed-since", "HEAD"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        PEOPLE_WARNING.format(name=".mailmap", verb="changes")]
    project.write(".mailmap", "Ada <ada@example.com>\n")
    assert main(["--root", str(project.root), "check", "--changed-since", "HEAD",
                 str(project.root / "contributors.yml")]) == 0
    assert capsys.readouterr().out == ""


def test_every_command_module_is_a_command() -> None:
    """``cli.COMMAND_NAMES`` lists the commands by hand (so that one command imports only
    itself): every module of ``peerlog.commands`` that registers a parser is in it."""
    import importlib
    import pkgutil

    import peerlog.commands
    from peerlog.cli import COMMAND_NAMES

    registering = sorted(
        m.name for m in pkgutil.iter_modules(peerlog.commands.__path__)
        if hasattr(importlib.import_module(f"peerlog.commands.{m.name}"), "register"))
    assert registering == sorted(COMMAND_NAMES)
