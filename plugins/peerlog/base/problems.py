"""Problems found in contributors' files, collected rather than raised.

One bad entry must never hide the good ones, and a contributor fixing their pull request wants
every problem at once, so parsing never stops at the first error: it returns problems beside
whatever it could use. The plugin, `peerlog check` and the web form all report these.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "notice"]
"""``notice``: worth knowing, not wrong (a curated playbook due for review); it fails nothing,
not even ``--strict``, because the pull request that brings it did nothing wrong."""


@dataclass(frozen=True, order=True)
class Problem:
    """What is wrong with one file, where, and how to fix it.

    ``error`` means the file is left out of the site; ``warning`` means it is published but
    needs attention (``mkdocs build --strict`` and ``peerlog check`` fail on both).
    """

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request's diff."""
        props = [f"file={_gh_prop(self.path)}"]
        if self.line:
            props.append(f"line={self.line}")
        if self.col:
            props.append(f"col={self.col}")
        props.append(f"title={_gh_prop('peerlog ' + self.severity)}")
        body = self.message + (f" ({self.hint})" if self.hint else "")
        return f"::{self.severity} {','.join(props)}::{_gh_data(body)}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    """Render problems for people (``text``), GitHub annotations or machines (``json``)."""
    items = sorted(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in items], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(p.github() for p in items)
    return "\n".join(str(p) for p in items)
