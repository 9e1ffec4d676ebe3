"""The optional contributors file: journal handles mapped to names and git identities.

``contributors.yml`` at the project root, like Material's ``.authors.yml``::

    alice:
      name: Alice Martin
      emails: [alice@example.com, alice.martin@old-laptop.local]

Emails in it are only used to match git identities; they never reach any output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem
from .text import clean

FILE_NAME = "contributors.yml"


@dataclass(frozen=True)
class Contributor:
    """One handle and how to recognise them in git (``emails`` are private)."""

    handle: str
    name: str
    emails: tuple[str, ...] = field(default=(), repr=False)


def load_contributors(root: Path, file_name: str = FILE_NAME) -> tuple[
    dict[str, Contributor], list[Problem]
]:
    """Read the contributors file if there is one; problems instead of exceptions."""
    path = root / file_name
    if not path.is_file():
        return {}, []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return {}, [Problem(file_name, mark.line + 1 if mark else 0, 0, "warning",
                            "the contributors file is not valid YAML; it is ignored",
                            "fix the line shown, or delete the file")]
    if not isinstance(data, dict):
        return {}, [Problem(file_name, 1, 0, "warning", "the contributors file must map handles "
                            "to names", "write 'alice: {name: Alice Martin, emails: [...]}'")]
    found: dict[str, Contributor] = {}
    problems: list[Problem] = []
    for handle, info in data.items():
        if not isinstance(handle, str) or not isinstance(info, (dict, str)):
            problems.append(Problem(file_name, 0, 0, "warning", f"entry {handle!r} is ignored",
                                    "give each handle a name and optional emails"))
            continue
        if isinstance(info, str):
            info = {"name": info}
        emails = info.get("emails") or []
        if isinstance(emails, str):
            emails = [emails]
        name = info.get("name")
        found[handle] = Contributor(
            handle=clean(handle),
            name=clean(name) if isinstance(name, str) else clean(handle),
            emails=tuple(e.strip().lower() for e in emails if isinstance(e, str)),
        )
    return found, problems
