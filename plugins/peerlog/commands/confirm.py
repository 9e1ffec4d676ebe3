"""``peerlog confirm``: say that an entry worked for you too (or did not), in one step.

It writes a confirmation file (see :mod:`peerlog.read.confirmations`) at
``<journals>/confirmations/YYYY-MM-DD-you-entry.md`` (the entry's file name without its date):
a new file per person and entry, so the pull request never edits someone else's entry. The
entry is named by its path (from the project, from the journals folder, or on disk); the author
comes from git like ``peerlog new``'s and the date is today's. Before anything is written the
file is checked exactly as ``peerlog check`` checks it, against the whole journal, so the
command never leaves a file check would complain about; nothing is ever written over a file or
through a symlink.
Exit status: 0 written, 2 nothing written.
"""

from __future__ import annotations

import argparse
import posixpath
import shlex
import sys
from datetime import date
from pathlib import Path
from typing import Any

from peerlog.base.problems import Problem
from peerlog.commands.new import author_handle, create
from peerlog.config import load_settings
from peerlog.knowledge.confirmations import check_confirmations, nearest_entry
from peerlog.knowledge.people import name_directory
from peerlog.knowledge.pipeline import Knowledge, gather
from peerlog.read.attempts import normalise_result
from peerlog.read.confirmations import (
    ACCEPTED,
    confirmation_path,
    parse_confirmation_text,
    render_confirmation,
)
from peerlog.read.entries import Entry
from peerlog.read.untrusted import Refused


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "confirm", help="say that an entry worked for you too (or did not)",
        description="Write journals/confirmations/YYYY-MM-DD-you-entry.md, confirming ENTRY with "
        "your result and an optional note. Exit status: 0 written, 2 nothing written.",
    )
    parser.add_argument("entry", metavar="ENTRY",
                        help="the entry you tried: its path, e.g. journals/2026/2026-03-02-x.md")
    parser.add_argument("--result", required=True,
                        help="how it went for you: worked, partial or failed")
    parser.add_argument("--note", default="", help="what you did differently, or what happened")
    parser.add_argument("--author", help="your handle (default: from git, through .mailmap and "
                        "contributors.yml)")
    parser.add_argument("--date", help="YYYY-MM-DD (default: today)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.root)
    knowledge = gather(settings, use_git=False)
    entry = _entry(knowledge, args.root, args.entry)
    if isinstance(entry, str):
        return _refuse(entry)
    result = normalise_result(args.result)
    if result is None:
        return _refuse(f"{args.result[:30]!r} is not a result: use {ACCEPTED}")
    author = args.author or author_handle(settings.root, knowledge.contributors)
    if not author:
        return _refuse("no git identity found to name you: pass --author your-handle")
    day = args.date or date.today().isoformat()
    text = render_confirmation(entry.rel, author, day, result, args.note)
    rel = confirmation_path(settings.journals, day, author, entry.rel)
    problems = _problems(knowledge, text, rel)
    if problems:
        for problem in problems:
            print(f"peerlog confirm: {problem.message} ({problem.hint})", file=sys.stderr)
        return _refuse("")
    try:
        written = create(settings.root, rel, text)
    except Refused as exc:
        return _refuse(f"{exc.message} ({exc.hint})")
    shown = Path(args.root) / written
    check = (["peerlog"] if Path(args.root) == Path(".") else ["peerlog", "--root", str(args.root)])
    print(f"Created {shown}, confirming {entry.path} ({result})")
    print(f"Next: run `{shlex.join([*check, 'check', str(shown)])}`, commit it and open a pull "
          "request.")
    return 0


def _entry(knowledge: Knowledge, root: Path, named: str) -> Entry | str:
    """The entry ``named`` names (a path from the project, from the journals folder, or on disk
    from here), or why there is none."""
    journals = knowledge.settings.journals.strip("/")
    entries = {e.path: e for e in knowledge.journal.entries}
    written = posixpath.normpath(named.replace("\\", "/"))
    on_disk = Path(named).resolve()
    candidates = [written, f"{journals}/{written}"]
    if on_disk.is_relative_to(knowledge.settings.root.resolve()):
        candidates.append(on_disk.relative_to(knowledge.settings.root.resolve()).as_posix())
    found = next((entries[c] for c in candidates if c in entries), None)
    if found is None:
        guess = nearest_entry(written if written.startswith(f"{journals}/") else
                              f"{journals}/{written}", list(entries))
        return f"no journal entry at {named} (" + (
            f"did you mean {guess}?)" if guess else f"give its path, e.g. {journals}/2026/x.md)")
    if found.draft:
        return f"{found.path} is a draft, which is not on the site: confirm it once it is " \
               "published"
    return found


def _problems(knowledge: Knowledge, text: str, rel: str) -> list[Problem]:
    """What ``peerlog check`` would say about ``text`` at ``rel``, within the whole journal."""
    confirmation, problems = parse_confirmation_text(text, rel, knowledge.settings.journals)
    if confirmation is None:
        return problems
    entries = knowledge.journal.entries
    known = {name: c.handle for c in knowledge.contributors.values()
             for name in (c.handle, c.name)}
    across = check_confirmations(
        [*knowledge.journal.confirmations, confirmation], entries, known or None, date.today(),
        directory=name_directory(entries, knowledge.contributors),
        journals=knowledge.settings.journals)
    return [*problems, *(p for p in across if p.path == rel)]


def _refuse(message: str) -> int:
    if message:
        print(f"peerlog confirm: {message}", file=sys.stderr)
    print("peerlog confirm: nothing was written", file=sys.stderr)
    return 2
