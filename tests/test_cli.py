from __future__ import annotations

import json

import pytest

from peerlog.cli import main

from .project import Project


def test_check_lists_every_problem_and_fails(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
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


def test_check_clean_project_passes(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.entry("good.md", title="Good")
    assert main(["--root", str(project.root), "check"]) == 0


def test_check_formats(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
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


def test_check_given_paths_only(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write("journals/a.md", "no front matter\n")
    project.write("journals/sub/b.md", "no front matter\n")
    code = main(["--root", str(project.root), "check", str(project.root / "journals/sub")])
    assert code == 1
    assert [line.split(":")[0] for line in capsys.readouterr().out.splitlines()] == [
        "journals/sub/b.md"
    ]
