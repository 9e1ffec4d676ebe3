"""``peerlog new``: start a journal entry with what is already known filled in.

In a terminal it asks for a title, problem type and tags, suggesting the ones the journals
already use; flags answer the same questions for scripts (``--no-input`` never asks). The author
comes from git (``git var GIT_AUTHOR_IDENT``, then ``.mailmap``, then ``contributors.yml``), the
date is today's, and the file is :data:`peerlog.read.scaffold.TEMPLATE` rendered at
``<journals>/YYYY/YYYY-MM-DD-slug.md``. Before anything is written the text is parsed exactly as
``peerlog check`` parses it, so the command never leaves a file that check would complain about;
an existing file is never overwritten (``-2``, ``-3``, ... are added instead) and nothing is
ever written through a symlink (see :func:`peerlog.read.untrusted.create`).
Exit status: 0 written, 1 cancelled, 2 nothing written because of the answers given or of a
symlink in the way.
"""

from __future__ import annotations

import argparse
import difflib
import re
import shlex
import subprocess
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from peerlog.base.identity import decode_name, parse_contact
from peerlog.base.problems import Problem
from peerlog.base.text import clean, key, slug
from peerlog.config import load_settings
from peerlog.history.gitenv import git_env
from peerlog.knowledge.pipeline import gather
from peerlog.read import schema
from peerlog.read.contributors import Contributor
from peerlog.read.entries import names_a_source, parse_text
from peerlog.read.scaffold import entry_path, render
from peerlog.read.untrusted import Refused
from peerlog.read.untrusted import create as create_new

SHOWN_SUGGESTIONS = 8
CLOSE_MATCH = 0.75
_IDENT = re.compile(r"(?P<name>.*) <(?P<email>[^<>]*)> \d+ [+-]\d{4}")


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "new", help="start a journal entry from the template",
        description="Write journals/YYYY/YYYY-MM-DD-slug.md with the author, date and the "
        "answers given filled in, ready to edit. Asks for a title, problem type and tags when "
        "run in a terminal. Exit status: 0 written, 1 cancelled, 2 nothing written.",
    )
    parser.add_argument("--title", help="what you tried to do, in a few words")
    parser.add_argument("--problem", help="the kind of problem, e.g. data-extraction")
    parser.add_argument("--tags", help="comma-separated topics, e.g. 'pdf, extraction'")
    parser.add_argument("--tools", help="comma-separated tools, e.g. claude")
    parser.add_argument("--pair", help="comma-separated handles of who worked on it with you")
    parser.add_argument("--learned-from", dest="learned_from",
                        help="comma-separated handles of who taught you this")
    parser.add_argument("--author", help="your handle (default: from git, through .mailmap and "
                        "contributors.yml)")
    parser.add_argument("--date", help="YYYY-MM-DD (default: today)")
    parser.add_argument("--outcome", choices=schema.OUTCOMES)
    parser.add_argument("--no-input", "--yes", dest="no_input", action="store_true",
                        help="never ask; fail if --title is missing")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.root)
    knowledge = gather(settings, use_git=False)
    kb, contributors = knowledge.kb, knowledge.contributors
    problems, tags = [g.name for g in kb.problems], [g.name for g in kb.topics]
    answers = {"title": args.title, "problem": args.problem,
               "tags": None if args.tags is None else _split(args.tags)}
    asked = {name for name, value in answers.items() if value is None}
    if not args.no_input and sys.stdin.isatty():
        try:
            _ask(answers, problems, tags)
        except (EOFError, KeyboardInterrupt):
            print("\npeerlog new: cancelled; nothing was written", file=sys.stderr)
            return 1
    else:
        asked = set()
    answers["problem"] = _spelled(answers["problem"] or "", problems)
    answers["tags"] = [_spelled(tag, tags) for tag in answers["tags"] or []]
    title = clean(answers["title"] or "")
    if not title:
        print("peerlog new: a title is required: pass --title 'What you tried to do'",
              file=sys.stderr)
        return 2
    author = args.author if args.author is not None else author_handle(settings.root,
                                                                       contributors)
    values: dict[str, object] = {
        "title": title,
        "date": args.date or date.today().isoformat(),
        "author": _split(author or ""),
        "problem": answers["problem"],
        "tags": answers["tags"],
        "tools": _split(args.tools or ""),
        "pair": _split(args.pair or ""),
        "learned_from": _split(args.learned_from or ""),
        "outcome": args.outcome or "",
    }
    text = render(values)
    rel = entry_path(settings.journals, str(values["date"]), title)
    refused = _problems(text, rel, settings.journals)
    if refused:
        for problem in refused:
            print(f"peerlog new: {problem.message} ({problem.hint})", file=sys.stderr)
        print("peerlog new: nothing was written", file=sys.stderr)
        return 2
    for note in _notes(values, problems, tags, contributors, author, asked):
        print(f"peerlog new: note: {note}", file=sys.stderr)
    try:
        written = create(settings.root, rel, text)
    except Refused as exc:
        print(f"peerlog new: {exc.message}; nothing was written ({exc.hint})", file=sys.stderr)
        return 2
    shown = Path(args.root) / written
    print(f"Created {shown}" + (f" ({Path(rel).name} already exists)" if written != rel else ""))
    check = (["peerlog"] if Path(args.root) == Path(".") else ["peerlog", "--root", str(args.root)])
    print("Next: open it and write what you tried, what happened and what you'd tell a "
          f"teammate;\nthen run `{shlex.join([*check, 'check', str(shown)])}`, commit it and "
          "open a pull request.")
    return 0


def create(root: Path, rel: str, text: str) -> str:
    """Write ``text`` at ``rel`` under ``root``, or at ``-2``, ``-3``... if that file exists;
    returns the path used. Exclusive creation, so a file appearing meanwhile is never replaced;
    a symlink at the name or a linked folder out of the project is refused (``Refused``)."""
    stem, n = rel[: -len(".md")], 1
    while True:
        candidate = rel if n == 1 else f"{stem}-{n}.md"
        try:
            create_new(root, candidate, text)
        except FileExistsError:
            n += 1
            continue
        return candidate


def author_handle(root: Path, contributors: Mapping[str, Contributor]) -> str | None:
    """The handle of whoever would author a commit in ``root``: git's identity resolved through
    ``.mailmap``, then the contributors file (by email, then name), else the slug of the name."""
    ident = _git(root, "var", "GIT_AUTHOR_IDENT")
    found = _IDENT.fullmatch(ident or "")
    if found is None:
        return None
    name, email = found["name"], found["email"]
    mapped = parse_contact(_git(root, "check-mailmap", f"{name} <{email}>") or "")
    if mapped is not None and mapped[1]:
        name, email = mapped
    for contributor in contributors.values():
        if email.strip().lower() in contributor.emails:
            return contributor.handle
    for contributor in contributors.values():
        if contributor.name.strip().lower() == name.strip().lower():
            return contributor.handle
    return slug(name) if clean(name) else None


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, env=git_env(keep_identity=True),
                              capture_output=True, check=False)
    except OSError:
        return None
    return decode_name(done.stdout).rstrip("\n") if done.returncode == 0 else None


def _ask(answers: dict[str, Any], problems: Sequence[str], tags: Sequence[str]) -> None:
    """Ask for what the flags left out, suggesting names the journals already use."""
    while not clean(answers["title"] or ""):
        answers["title"] = input("Title (what you tried to do, in a few words): ")
    if answers["problem"] is None:
        print(_suggested("Problem types", problems))
        answer = clean(input("Problem type (Enter to skip): "))
        answers["problem"] = _confirm(answer, problems, "problem type") if answer else ""
    if answers["tags"] is None:
        print(_suggested("Tags", tags))
        answers["tags"] = [_confirm(tag, tags, "tag")
                           for tag in _split(input("Tags, comma-separated (Enter to skip): "))]


def _suggested(label: str, names: Sequence[str]) -> str:
    if not names:
        return f"{label}: none yet, yours will be the first."
    more = len(names) - SHOWN_SUGGESTIONS
    return (f"{label} used so far: {', '.join(names[:SHOWN_SUGGESTIONS])}"
            + (f" and {more} more" if more > 0 else ""))


def _confirm(name: str, known: Sequence[str], label: str) -> str:
    """``name``, or the known spelling it is close to if the person says so."""
    guess = _close(name, known)
    if guess is None:
        return name
    reply = input(f"  {label} {name!r} is new; did you mean {guess!r}? [Y/n] ")
    return guess if reply.strip().lower() in ("", "y", "yes") else name


def _spelled(name: str, known: Sequence[str]) -> str:
    """The spelling the journals use for ``name`` (``PDF`` -> ``pdf``), or ``name`` if new."""
    return next((k for k in known if key(k) == key(name)), name)


def _close(name: str, known: Sequence[str]) -> str | None:
    """The known name ``name`` looks like a misspelling of, unless it is one of them."""
    by_key = {key(k): k for k in known}
    if key(name) in by_key:
        return None
    found = difflib.get_close_matches(key(name), list(by_key), n=1, cutoff=CLOSE_MATCH)
    return by_key[found[0]] if found else None


def _notes(values: Mapping[str, Any], problems: Sequence[str], tags: Sequence[str],
           contributors: Mapping[str, Contributor], author: str | None,
           asked: set[str]) -> list[str]:
    """What ``peerlog check`` may warn about across entries, said before it is written (names
    the person was already asked about are not mentioned again)."""
    notes = []
    if author is None:
        notes.append("no git identity found, so the author is left empty (git fills it in "
                     "from the commit); pass --author to set it")
    named = [*([] if "problem" in asked else [("problem type", values["problem"])]),
             *([] if "tags" in asked else [("tag", t) for t in values["tags"]])]
    for label, name in named:
        guess = _close(name, problems if label == "problem type" else tags) if name else None
        if guess is not None:
            notes.append(f"{label} {name!r} is new; did you mean {guess!r}?")
    if contributors:
        handles = [c.handle for c in contributors.values()]
        for role in ("author", "pair", "learned_from"):
            for handle in values[role]:
                if role == "learned_from" and names_a_source(handle):
                    continue
                if key(handle) not in map(key, handles):
                    guess = _close(handle, handles)
                    notes.append(f"{role} {handle!r} is not in contributors.yml"
                                 + (f"; did you mean {guess!r}?" if guess else ""))
    return notes


def _problems(text: str, rel: str, journals: str) -> list[Problem]:
    """What ``peerlog check`` would say about ``text`` at ``rel``."""
    return parse_text(text, rel, rel[len(journals.strip("/")) + 1:])[1]


def _split(text: str) -> list[str]:
    return [part for part in (clean(p) for p in text.split(",")) if part]
