"""``peerlog promote`` drafts only confident merges as aliases; doubtful ones are left, commented
out under "# to decide:", for the curator."""

from __future__ import annotations

import json

import pytest

from peerlog.cli import main
from peerlog.config import load_settings
from peerlog.knowledge.pipeline import gather

from .project import Project
from .test_grouping import load_eval, needs_semantic

DOUBTFUL = ("pasted the table schema first",)


def sql_entries(project: Project) -> None:
    """One entry for each labelled wording of the dev split's SQL problem type (the gold set of
    docs/grouping.md): three ways of giving the schema make one approach, and one of them is
    grouped with doubt."""
    for number, (tried, _) in enumerate(load_eval().load_labels()["dev"]["sql-formulas"]):
        project.write(f"journals/sql-{number:02d}.md", f"---\ntitle: SQL {number}\n"
                      "date: 2026-05-01\nauthor: tester\nproblem: sql-and-formulas\n"
                      f"attempts:\n  - tried: {json.dumps(tried)}\n    result: worked\n---\n")


# Words alone keep "pasted the table schema first" apart from the other ways of giving the
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
    doubtful = sum(len(a.doubtful) for a in generated.approaches)
    assert doubtful == 3  # the schema's, "pasted 5 rows of example data", "told it we use Excel 365"
    assert out[1] == (f"to decide: {doubtful} wording(s) grouped with less confidence are "
                      "commented out under '# to decide:', not aliases")
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
