"""``peerlog promote`` drafts only confident merges as aliases; doubtful ones are left, commented
out under "# to decide:", for the curator."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from peerlog.cli import main
from peerlog.config import load_settings
from peerlog.knowledge.pipeline import gather

from .project import Project

ROOT = Path(__file__).resolve().parent.parent
DOUBTFUL = "Included the schema in the prompt"


def sql_entries(project: Project) -> None:
    """The example's own sql-and-formulas entries: real attempts, one grouped with doubt."""
    for path in sorted((ROOT / "journals").rglob("*.md")):
        if "problem: sql-and-formulas" in path.read_text(encoding="utf-8"):
            shutil.copy(path, project.root / "journals" / path.name)


def test_promote_leaves_doubtful_merges_to_the_curator(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    sql_entries(project)
    before = gather(load_settings(project.root), use_git=False)
    generated = next(p for p in before.playbooks if p.key == "sql-and-formulas")
    schema = next(a for a in generated.approaches if DOUBTFUL in a.variants)
    confident = sorted(v for v in schema.variants if v not in (DOUBTFUL, schema.label))
    assert confident  # the approach has confident aliases too

    assert main(["--root", str(project.root), "promote", "sql-and-formulas"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"wrote playbooks/sql-and-formulas.md: {len(generated.approaches)} "
                      f"approaches from {len(generated.entries)} entries")
    assert out[1] == ("to decide: 1 wording(s) grouped with less confidence are commented out "
                      "under '# to decide:', not aliases")
    text = (project.root / "playbooks/sql-and-formulas.md").read_text(encoding="utf-8")
    block = text[text.index(f'  - label: "{schema.label}"'):]
    block = block[:block.index("\n  - label:")]
    assert block.splitlines() == [
        f'  - label: "{schema.label}"',
        "    aliases: [" + ", ".join(f'"{v}"' for v in confident) + "]",
        "    # to decide: grouped here, but less like the label than the aliases;",
        "    # move a wording into the aliases if it is the same approach:",
        f'    #   "{DOUBTFUL}"',
    ]

    # The draft is a valid curated playbook, and only the confident aliases are the curator's.
    assert main(["--root", str(project.root), "check", "playbooks/sql-and-formulas.md"]) == 0
    capsys.readouterr()
    after = gather(load_settings(project.root), use_git=False)
    curated = next(p for p in after.playbooks if p.key == "sql-and-formulas").curated
    assert curated is not None
    aliases = {v for a in curated.approaches for v in a.aliases}
    assert DOUBTFUL not in aliases and set(confident) <= aliases
