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
from .test_grouping import needs_semantic

ROOT = Path(__file__).resolve().parent.parent
DOUBTFUL = ("Pasted the table schema first", "pasting the table schema first")
#: Two more ways of giving the schema, each in an entry of its own, so that the example's
#: "Pasted the table schema first" joins "Included the schema in the prompt" only through them.
MORE = ("Copied the DDL in before asking", "Pasted the schema and the DDL before asking")


def sql_entries(project: Project) -> None:
    """The example's own sql-and-formulas entries (real attempts) and two more, which make one
    approach with wordings grouped with doubt."""
    for path in sorted((ROOT / "journals").rglob("*.md")):
        if "problem: sql-and-formulas" in path.read_text(encoding="utf-8"):
            shutil.copy(path, project.root / "journals" / path.name)
    for day, tried in enumerate(MORE, start=1):
        project.write(f"journals/more-{day}.md", f"---\ntitle: More schema {day}\n"
                      f"date: 2026-05-0{day}\nauthor: tester\nproblem: sql-and-formulas\n"
                      f"attempts:\n  - tried: {tried}\n    result: worked\n---\n")


# Words alone keep "Pasted the table schema first" apart from the other ways of giving the
# schema (the overlap floor of docs/grouping.md), so there is no doubtful merge to leave.
@needs_semantic
def test_promote_leaves_doubtful_merges_to_the_curator(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    sql_entries(project)
    before = gather(load_settings(project.root), use_git=False)
    generated = next(p for p in before.playbooks if p.key == "sql-and-formulas")
    schema = next(a for a in generated.approaches if DOUBTFUL[0] in a.variants)
    assert schema.doubtful == DOUBTFUL
    confident = sorted(v for v in schema.variants if v not in (*DOUBTFUL, schema.label))
    assert confident  # the approach has confident aliases too

    assert main(["--root", str(project.root), "promote", "sql-and-formulas"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"wrote playbooks/sql-and-formulas.md: {len(generated.approaches)} "
                      f"approaches from {len(generated.entries)} entries")
    assert out[1] == ("to decide: 2 wording(s) grouped with less confidence are commented out "
                      "under '# to decide:', not aliases")
    text = (project.root / "playbooks/sql-and-formulas.md").read_text(encoding="utf-8")
    block = text[text.index(f'  - label: "{schema.label}"'):]
    block = block[:block.index("\n  - label:")]
    assert block.splitlines() == [
        f'  - label: "{schema.label}"',
        "    aliases: [" + ", ".join(f'"{v}"' for v in confident) + "]",
        "    # to decide: grouped here, but less like the label than the aliases;",
        "    # move a wording into the aliases if it is the same approach:",
        *(f'    #   "{d}"' for d in DOUBTFUL),
    ]

    # The draft is a valid curated playbook, and only the confident aliases are the curator's.
    assert main(["--root", str(project.root), "check", "playbooks/sql-and-formulas.md"]) == 0
    capsys.readouterr()
    after = gather(load_settings(project.root), use_git=False)
    curated = next(p for p in after.playbooks if p.key == "sql-and-formulas").curated
    assert curated is not None
    aliases = {v for a in curated.approaches for v in a.aliases}
    assert not aliases & set(DOUBTFUL) and set(confident) <= aliases
