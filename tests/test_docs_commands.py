"""Every command the README and ``docs/`` show runs, and prints what they say it prints.

A ``console`` block is a transcript: each ``$ command`` runs in a fresh copy of the example
project (committed to a real git repository with a pinned author and date), and the lines after
it must equal what the command printed, stdout and stderr together. ``peerlog`` commands run
their real command line, forked from a process that has imported peerlog once
(:func:`tests.project.peerlog_command`); scripts run with the test interpreter; so the
transcript is checked against this checkout.
Inline mentions such as `peerlog check --strict` must name a real command and real options.
The README's opening ``sh`` block (``make serve`` / ``make test``) is checked with ``make -n``:
serving never ends and ``make test`` is what CI runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from peerlog.cli import COMMANDS

from .gitrepo import ISOLATED, GitRepo
from .project import peerlog_command

ROOT = Path(__file__).parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: What a copy of the example project needs: the content and the configuration, not the code.
EXAMPLE = ("mkdocs.yml", "journals", "playbooks", "docs", "contributors.yml", ".mailmap")
EXAMPLE_AUTHOR = ("Docs Example", "docs@example.invalid")
EXAMPLE_DATE = "2026-03-02T09:00:00+00:00"
_BLOCK = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)
_INLINE = re.compile(r"`(peerlog [^`\n]+)`")


@dataclass(frozen=True)
class Step:
    """One ``$ command`` of a transcript and the output shown under it."""

    where: str
    command: str
    output: tuple[str, ...]


def _blocks(lang: str) -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in _BLOCK.finditer(text):
            if match.group(1) == lang:
                line = text[: match.start()].count("\n") + 1
                found.append((f"{page.relative_to(ROOT)}:{line}", match.group(2)))
    return found


def transcripts() -> list[tuple[str, list[Step]]]:
    """Every ``console`` block as its steps."""
    result = []
    for where, body in _blocks("console"):
        steps: list[Step] = []
        for line in body.splitlines():
            if line.startswith("$ "):
                steps.append(Step(where, line[2:], ()))
            elif steps:
                last = steps[-1]
                steps[-1] = Step(where, last.command, (*last.output, line.rstrip()))
        result.append((where, steps))
    return result


def _run(command: str, cwd: Path) -> tuple[int, list[str]]:
    """Run one transcript command in ``cwd``: its exit status and the lines it printed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(ISOLATED, PYTHONUNBUFFERED="1", NO_MKDOCS_2_WARNING="1", COLUMNS="100")
    words = shlex.split(command, comments=True)
    if words[0] == "peerlog":
        code, printed = peerlog_command(words[1:], cwd, env)
    elif words[0] == "python" and len(words) > 1 and words[1].startswith("scripts/"):
        done = subprocess.run([sys.executable, str(ROOT / words[1]), *words[2:]], cwd=cwd,
                              env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, check=False, timeout=300)
        code, printed = done.returncode, done.stdout
    else:
        raise AssertionError(f"{command!r}: no runner for this command; teach "
                             "test_docs_commands")
    return code, [line.rstrip() for line in printed.splitlines()]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example project, committed once, as a new team's repository would be."""
    folder = tmp_path / "example"
    folder.mkdir()
    for name in EXAMPLE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        elif source.is_file():
            shutil.copy2(source, folder / name)
    repo = GitRepo.init(folder)
    repo.git.add("--all")
    repo.commit(author=EXAMPLE_AUTHOR, date=EXAMPLE_DATE, message="Our journal")
    return folder


@pytest.mark.parametrize(("where", "steps"), transcripts(), ids=[w for w, _ in transcripts()])
def test_transcript_is_what_the_commands_print(
    where: str, steps: list[Step], example: Path
) -> None:
    assert steps, f"{where}: a console block without a '$ ' command"
    for step in steps:
        code, printed = _run(step.command, example)
        assert printed == list(step.output), f"{where}: $ {step.command} (exit {code})"
        assert code == 0, f"{where}: $ {step.command} exited {code}"


def test_there_are_transcripts_in_readme_and_docs() -> None:
    places = {where.split(":")[0] for where, _ in transcripts()}
    assert {"README.md", "docs/contributing.md", "docs/data.md"} <= places


def test_shell_blocks_are_only_the_readme_opening() -> None:
    """Commands belong in ``console`` transcripts, whose output this module checks."""
    shells = [where for lang in ("sh", "bash", "shell") for where, _ in _blocks(lang)]
    shells += [where for where, body in _blocks("") if "$ " in body]
    assert shells == ["README.md:8"]


def _dry_run(target: str) -> str:
    """What ``make target`` would run, also when the suite itself runs under ``make test``
    (whose ``MAKEFLAGS`` would add "Entering directory" lines)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    done = subprocess.run(["make", "-n", "-B", target], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, (target, done.stderr)
    return done.stdout


def test_readme_opens_with_two_real_make_targets_and_ci_runs_the_second() -> None:
    """The README's first block is exactly ``make serve`` and ``make test``."""
    first = _BLOCK.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert first is not None and first.group(1) == "sh", "the README opens with the sh block"
    block = first.group(2)
    targets = [shlex.split(line, comments=True) for line in block.splitlines() if line.strip()]
    assert targets == [["make", "serve"], ["make", "test"]]
    recipes = {}
    for _, target in targets:
        recipes[target] = _dry_run(target)
    assert "pip install" in recipes["serve"] and "mkdocs build --strict" in recipes["serve"]
    assert recipes["serve"].rstrip().endswith("mkdocs serve --dirty")
    assert "ruff check" in recipes["test"] and "mypy" in recipes["test"]
    assert "-m pytest" in recipes["test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().endswith("make test"), "CI must end with the README's test command"


def _parsers() -> dict[str, argparse.ArgumentParser]:
    root = argparse.ArgumentParser(prog="peerlog")
    sub = root.add_subparsers()
    for command in COMMANDS:
        command.register(sub)
    return dict(sub.choices)


def test_inline_commands_name_real_commands_and_options() -> None:
    parsers = _parsers()
    mentions = 0
    for page in PAGES:
        for match in _INLINE.finditer(page.read_text(encoding="utf-8")):
            words = match.group(1).split()
            options = words[1:]
            known = {"--help", "--root"}
            if not words[1].startswith("-"):
                assert words[1] in parsers, f"{page.name}: `{match.group(1)}`"
                known |= set(parsers[words[1]]._option_string_actions)
                options = words[2:]
            for word in options:
                option = word.strip("[]").split("=")[0]
                if option.startswith("--"):
                    assert option in known, f"{page.name}: `{match.group(1)}`: {option}"
            mentions += 1
    assert mentions > 10


def test_every_make_target_the_docs_name_exists() -> None:
    named = {m for page in PAGES for m in re.findall(r"`make ([\w-]+)`",
                                                      page.read_text(encoding="utf-8"))}
    assert {"test", "test-plain"} <= named
    for target in sorted(named):
        assert ".venv" in _dry_run(target), target  # each runs something in a venv
