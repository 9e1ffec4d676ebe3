"""A real git repository in a temp dir, with pinned people and dates, for tests.

Every git call runs with GIT_CONFIG_GLOBAL=/dev/null, GIT_CONFIG_NOSYSTEM=1 and TZ=UTC, so a
test sees the same repository on every machine whatever the user's git config says.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import git

from peerlog.base.identity import decode_name

ISOLATED = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "TZ": "UTC"}
# A name may be bytes, to commit names that are not UTF-8 (as old commits have).
Person = tuple[str | bytes, str]
ADA: Person = ("Ada Lovelace", "ada@example.com")
DATE = "2026-01-02T10:00:00+00:00"


class GitRepo:
    """Build history commit by commit: `commit`, `rename`, `branch`, `checkout`, `merge`."""

    def __init__(self, path: Path) -> None:
        """Wrap an existing repository; use `init` or `clone` to make one."""
        self.path = path
        self.git = git.Repo(path).git
        self.git.update_environment(**ISOLATED)

    @classmethod
    def init(cls, path: Path, branch: str = "main") -> GitRepo:
        path.mkdir(parents=True, exist_ok=True)
        git.Git(path).execute(
            ["git", "init", "--quiet", f"--initial-branch={branch}"], env=ISOLATED
        )
        return cls(path)

    @classmethod
    def clone(cls, source: GitRepo, path: Path, depth: int | None = None) -> GitRepo:
        """Clone over file://, so `depth` really makes a shallow clone."""
        shallow = [f"--depth={depth}"] if depth else []
        command = ["git", "clone", "--quiet", *shallow, source.path.as_uri(), str(path)]
        git.Git().execute(command, env=ISOLATED)
        return cls(path)

    def commit(
        self,
        files: Mapping[str, str | bytes | None] | None = None,
        author: Person = ADA,
        date: str = DATE,
        message: str = "Update journals",
        coauthors: Sequence[Person] = (),
    ) -> str:
        """Write `files` (None deletes), stage them and commit; returns the new sha.

        `coauthors` become `Co-authored-by:` trailers; put other spellings in `message`.
        """
        for name, content in (files or {}).items():
            target = self.path / name
            if content is None:
                target.unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        if files:
            self.git.add("--all", "--", *files)
        trailers = [f"Co-authored-by: {_text(name)} <{email}>" for name, email in coauthors]
        text = "\n\n".join([message, "\n".join(trailers)]) if trailers else message
        self.git.commit("--quiet", "--allow-empty", "--message", text, env=_who(author, date))
        return self.head()

    def rename(
        self, old: str, new: str, author: Person = ADA, date: str = DATE, message: str = "Rename"
    ) -> str:
        (self.path / new).parent.mkdir(parents=True, exist_ok=True)
        self.git.mv(old, new)
        return self.commit(author=author, date=date, message=message)

    def branch(self, name: str) -> None:
        self.git.branch(name)

    def checkout(self, ref: str) -> None:
        """Switch to a branch, or to a sha for a detached HEAD."""
        self.git.checkout("--quiet", ref)

    def merge(
        self, branch: str, author: Person = ADA, date: str = DATE, message: str = "Merge"
    ) -> str:
        """A real merge commit (`--no-ff`), even when a fast-forward was possible."""
        self.git.merge("--quiet", "--no-ff", "--no-edit", "--message", message, branch,
                       env=_who(author, date))  # fmt: skip
        return self.head()

    def mailmap(self, *lines: str) -> None:
        """Write `.mailmap` in the work tree (uncommitted: git reads it from there)."""
        (self.path / ".mailmap").write_text("".join(f"{line}\n" for line in lines), "utf-8")

    def head(self) -> str:
        return str(self.git.rev_parse("HEAD"))

    def shortlog(self, *paths: str) -> dict[str, int]:
        """`git shortlog -sn --no-merges HEAD -- paths` as {mailmapped name: commits}.

        git's own count, the oracle for peerlog's: names are decoded as peerlog decodes them.
        """
        output = self.git.shortlog("-sn", "--no-merges", "HEAD", "--", *paths,
                                   stdout_as_string=False)  # fmt: skip
        counts: dict[str, int] = {}
        for line in bytes(output).splitlines():
            count, _, name = line.strip().partition(b"\t")
            counts[decode_name(name)] = int(count)
        return counts


def _text(name: str | bytes) -> str:
    """Bytes as the environment carries them on POSIX: git receives the original bytes."""
    return os.fsdecode(name) if isinstance(name, bytes) else name


def _who(person: Person, date: str) -> dict[str, str]:
    name, email = _text(person[0]), person[1]
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_COMMITTER_DATE": date,
    }
