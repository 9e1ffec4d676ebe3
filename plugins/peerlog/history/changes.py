"""Which files a pull request touches, for ``peerlog check --changed-since REF``.

One ``git diff --merge-base REF`` compares the point where the branch left ``REF`` with the work
tree: in CI (a clean checkout) that is exactly the pull request's ``REF...HEAD``; on a laptop it
also covers edits not committed yet. One ``git ls-files --others`` adds new files nobody has
``git add``-ed, because the site builds them too. Deleted files are left out: there is nothing
left to check in them.

Two files change who people are rather than what they wrote: ``.mailmap`` and
``contributors.yml`` rename and merge people, so a pull request that changes (or deletes) one
gets a warning, :func:`people_file_warnings`, asking a reviewer to look.

git runs with no inherited ``GIT_*`` variables (a pre-commit hook sets ``GIT_INDEX_FILE``, which
would point it at another index) and in the C locale, so its complaints can be recognised.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from peerlog.base.problems import Problem
from peerlog.history.gitenv import git_env
from peerlog.read.contributors import FILE_NAME as CONTRIBUTORS_FILE

#: Files that rename and merge people; changing one changes every page that names them.
PEOPLE_FILES = (".mailmap", CONTRIBUTORS_FILE)


class ChangesError(Exception):
    """git could not say what changed; the message says what to do about it."""


def changed_files(root: Path, ref: str) -> list[str]:
    """Paths relative to ``root`` of the files added, copied, modified or renamed since the
    branch left ``ref``, committed or not, plus untracked files not ignored; sorted."""
    if ref.startswith("-"):
        raise ChangesError(f"{ref!r} is not a git reference")
    # ls-files first: outside a repository it fails, where diff would quietly become --no-index.
    untracked = _git(root, ref, "ls-files", "--others", "--exclude-standard", "-z")
    diff = _git(root, ref, "diff", "--name-only", "--diff-filter=ACMR", "--relative", "-z",
                "--merge-base", ref, "--")
    return sorted({name for name in f"{diff}{untracked}".split("\0") if name})


def people_file_warnings(root: Path, ref: str, changed: list[str]) -> list[Problem]:
    """A warning for each of :data:`PEOPLE_FILES` that ``changed`` (from :func:`changed_files`)
    holds or that the branch deleted since it left ``ref``."""
    deleted = _git(root, ref, "diff", "--name-only", "--diff-filter=D", "--relative", "-z",
                   "--merge-base", ref, "--", *PEOPLE_FILES).split("\0")
    return [
        Problem(name, 1, 1, "warning",
                f"this pull request {'changes' if name in changed else 'deletes'} {name}, which "
                "renames and merges people", "a reviewer should look at who it maps to whom")
        for name in PEOPLE_FILES
        if name in changed or name in deleted
    ]


def _git(root: Path, ref: str, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, env=git_env(), capture_output=True,
                              check=False)
    except FileNotFoundError:
        raise ChangesError("git is not installed, so --changed-since cannot tell what changed; "
                           "install git or name the files to check") from None
    if done.returncode != 0:
        raise ChangesError(_explain(done.stderr.decode("utf-8", "replace"), root, ref))
    return done.stdout.decode("utf-8", "surrogateescape")


def _explain(stderr: str, root: Path, ref: str) -> str:
    """Turn git's complaint into what a contributor or a CI author should do next."""
    if "not a git repository" in stderr:
        return f"{root} is not in a git repository, so --changed-since cannot tell what changed"
    remote, _, branch = ref.partition("/")
    fetch = f"git fetch {remote} {branch}" if branch else "git fetch origin main"
    if "no merge base" in stderr:
        return (f"HEAD and {ref!r} share no history here: CI checkouts are shallow, so fetch the "
                "full history (actions/checkout with 'fetch-depth: 0', or 'git fetch --unshallow')")
    if "bad revision" in stderr or "unknown revision" in stderr or "ambiguous argument" in stderr:
        return (f"{ref!r} is not a branch, tag or commit here; `{fetch}` first: CI checkouts are "
                "shallow and hold only the commit being checked")
    first = stderr.strip().splitlines()
    return f"git could not compare with {ref!r}: {first[0] if first else 'unknown error'}"
