"""The optional contributors file: journal handles mapped to names and git identities.

``contributors.yml`` at the project root, like Material's ``.authors.yml``::

    alice:
      name: Alice Martin
      emails: [alice@example.com, alice.martin@old-laptop.local]
      team: Finance

Emails in it are only used to match git identities; they never reach any output.

Every handle in it becomes a published person, and a pull request can change it, so it is read
through :mod:`peerlog.read.untrusted` (never through a symlink out of the repository, at most
:data:`MAX_BYTES`) and the careful front-matter YAML reader (no tags run, no aliases, a node cap),
and every problem names the line it is on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from peerlog.base.identity import looks_like_address, public_name
from peerlog.base.problems import Problem
from peerlog.base.text import clean
from peerlog.read.frontmatter import Field, FrontMatterError
from peerlog.read.schema import MAX_NAME
from peerlog.read.untrusted import LinkedOut, Refused, as_problem, read_yaml

FILE_NAME = "contributors.yml"
#: 1 MB holds some 10,000 people; the node cap allows about as many with a few emails each.
MAX_BYTES = 1_000_000
MAX_NODES = 100_000


@dataclass(frozen=True)
class Contributor:
    """One handle and how to recognise them in git (``emails`` are private), and the team
    they belong to, if the file says."""

    handle: str
    name: str
    emails: tuple[str, ...] = field(default=(), repr=False)
    team: str | None = None


def load_contributors(root: Path, file_name: str = FILE_NAME) -> tuple[
    dict[str, Contributor], list[Problem]
]:
    """Read the contributors file if there is one; problems instead of exceptions."""
    if not os.path.lexists(root / file_name):
        return {}, []
    try:
        document, notes = read_yaml(root, file_name, MAX_BYTES, MAX_NODES)
    except Refused as exc:
        return {}, [_refused(exc, file_name)]
    except FrontMatterError as exc:
        return {}, [as_problem(exc, file_name, "warning")]
    problems = [Problem(file_name, n.line, n.col, "warning", n.message, n.hint) for n in notes]
    if document is None:
        return {}, problems
    if not isinstance(document.value, dict):
        problems.append(Problem(file_name, document.line, document.col, "warning",
                                "the contributors file must map handles to names; it is ignored",
                                "write 'alice: {name: Alice Martin, emails: [...]}'"))
        return {}, problems
    found: dict[str, Contributor] = {}
    for handle, info in zip(document.value, document.items, strict=True):
        contributor = _contributor(handle, info, problems, file_name)
        if contributor is None:
            problems.append(Problem(file_name, info.line, info.col, "warning",
                                    f"entry {clean(handle)!r} is ignored",
                                    "give each handle a name and optional emails"))
            continue
        found[handle] = contributor
    return found, problems


def _contributor(handle: str, info: Field, problems: list[Problem], file_name: str
                 ) -> Contributor | None:
    """One handle's entry: ``name`` alone as a string, or a mapping of ``name`` and ``emails``.

    Handles and names are published, so a handle that is an e-mail address is no entry, and
    the words of a name that are addresses are left out (``identity.public_name``)."""
    if not clean(handle) or looks_like_address(handle):
        return None
    value = info.value
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, dict):
        return None
    name = value.get("name")
    emails = value.get("emails") or []
    if isinstance(emails, str):
        emails = [emails]
    return Contributor(
        handle=clean(handle),
        name=(isinstance(name, str) and public_name(clean(name))) or clean(handle),
        emails=tuple(e.strip().lower() for e in emails if isinstance(e, str))
        if isinstance(emails, list) else (),
        team=_team(info, problems, file_name),
    )


def _team(info: Field, problems: list[Problem], file_name: str) -> str | None:
    """A contributor's ``team``, published as a name is (addresses taken out) and cut at
    :data:`~peerlog.read.schema.MAX_NAME` characters; anything but text is reported at its
    line and ignored."""
    if not isinstance(info.value, dict) or "team" not in info.value:
        return None
    at = info.items[list(info.value).index("team")]
    if at.value is None:
        return None
    team = public_name(clean(at.value)) if isinstance(at.value, str) else ""
    if not team:
        problems.append(Problem(file_name, at.line, at.col, "warning",
                                "a team must be a name; it is ignored",
                                "write 'team: Support' on one line"))
        return None
    if len(team) > MAX_NAME:
        problems.append(Problem(file_name, at.line, at.col, "warning",
                                f"the team name is {len(team):,} characters long, so it is cut",
                                f"keep it under {MAX_NAME} characters"))
        team = team[: MAX_NAME - 1].rstrip() + "…"
    return team


def _refused(exc: Refused, file_name: str) -> Problem:
    """A refusal said plainly: a contributors file linked from elsewhere is not this project's."""
    if isinstance(exc, LinkedOut):
        return Problem(file_name, 1, 0, "error",
                       f"{file_name} is a symlink to outside the repository and is ignored",
                       "commit the contributors file itself: replace the link with a copy of "
                       "the file, or delete it")
    return as_problem(exc, file_name, "error")
