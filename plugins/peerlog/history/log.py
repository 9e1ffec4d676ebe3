"""Contributors, co-authors and file dates from ONE `git log` pass.

Why one pass: a journal repository grows to tens of thousands of commits and files, and one
git process per file or per commit costs minutes. git's own options do the hard parts:
`--use-mailmap` resolves authors exactly as `git shortlog` does, `-z --name-status -M` follows
renames without quoting odd names, `%(trailers)` finds `Co-authored-by:` in any case. Besides
the log, a fixed handful of cheap calls: `rev-parse`, `ls-tree` and one `check-mailmap --stdin`.

Counts equal git's own: with the whole repository asked for, `git log` gets NO pathspec, since
even `-- .` turns on history simplification, which drops side branches and empty commits that
`git shortlog -sn --no-merges HEAD` counts; with paths, the same pathspec as
`git shortlog -sn --no-merges HEAD -- PATHS`. `History.pathspec` says which one was used.

What git could not tell comes in two kinds: `History.notes` are fit to publish (no machine
paths, none of git's own messages, which can quote them), `History.diagnostics` hold the details
for a terminal (the `peerlog graph` command prints them).

git runs through `subprocess` rather than GitPython: GitPython always starts from a copy of
`os.environ`, so it cannot drop an inherited `GIT_DIR` or `GIT_INDEX_FILE` (set whenever a build
runs inside a git hook), which would silently read the wrong repository.
"""

from __future__ import annotations

import functools
import os
import posixpath
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import IO, NamedTuple

from peerlog.base.identity import (
    DEFAULT_BOTS,
    UNNAMED,
    Contact,
    IdentityIndex,
    bot_keys,
    decode_name,
    display_name,
    is_bot,
    parse_contact,
    split_contacts,
)
from peerlog.base.text import slug
from peerlog.history.gitenv import git_env
from peerlog.read.untrusted import fingerprint

__all__ = [
    "DEFAULT_BOTS",
    "FileInfo",
    "History",
    "PersonStats",
    "cached_read_history",
    "history_cache_key",
    "log_arguments",
    "person_id_for",
    "read_history",
]

_FIELDS = ("%H", "%aN", "%aE", "%an", "%ae", "%aI")
_TRAILERS = "%(trailers:key=Co-authored-by,valueonly,unfold,separator=%x1f)"
# Fields end at NUL, the one byte git names, emails and trailers cannot hold ("\x1f" can be
# in a name); the trailers' own "\x1f" separator at worst splits one hostile value in two.
_FORMAT = "%x1e" + "%x00".join((*_FIELDS, _TRAILERS))
# User settings that would change what the log prints (the options below cover the rest).
_CONFIG = ("log.follow=false", "log.showSignature=false", "i18n.logOutputEncoding=UTF-8")
# More co-authors than any real commit names; the rest of its trailers are ignored.
MAX_COAUTHORS_PER_COMMIT = 50
_UNREADABLE_NOTE = "git could not read the history; `peerlog graph` prints git's message."
_WARNINGS_NOTE = "git printed warnings while reading the history; `peerlog graph` prints them."
_SHALLOW_NOTE = (
    "This is a shallow clone, so git history is cut short: commit counts, first contributions"
    " and 'added' dates are wrong. Fetch the full history with `git fetch --unshallow`, or in"
    " GitHub Actions give actions/checkout `fetch-depth: 0`."
)

HistoryKey = tuple[str, str, str, str, tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class PersonStats:
    """One person as git knows them, after `.mailmap`. No email, on purpose.

    `commits` counts non-merge commits they authored (what `git shortlog -sn --no-merges`
    reports); `first` and `last` span every commit they authored or co-authored, since a
    pairing session is a contribution by both.
    """

    id: str
    name: str
    commits: int
    first: datetime | None
    last: datetime | None


@dataclass(frozen=True)
class FileInfo:
    """When a file (at its HEAD path) was added, by whom, and when it last changed.

    `added_by_id` may name a bot, which is not in `History.people`.
    """

    added: datetime
    added_by_id: str
    added_by_name: str
    updated: datetime


@dataclass(frozen=True)
class History:
    """What git history says about `paths`; `available=False` plus `notes` when it cannot say.

    `pathspec` is what `git log` was limited to: empty for the whole repository, so that
    `commits` per person equal `git shortlog -sn --no-merges HEAD [-- pathspec]`. `notes` may
    be published; `diagnostics` (git's own messages, machine paths) are for a terminal only.
    `identity_index` is internal: it holds emails and is only for `person_id_for`; it is left
    out of `repr` and comparisons and refuses JSON, so emails never reach output.
    """

    available: bool
    head: str | None
    shallow: bool
    commits: int
    people: Mapping[str, PersonStats]
    coauthored: Mapping[tuple[str, str], int]
    files: Mapping[str, FileInfo]
    notes: tuple[str, ...]
    pathspec: tuple[str, ...] = ()
    diagnostics: tuple[str, ...] = field(default=(), repr=False)
    identity_index: IdentityIndex = field(default_factory=IdentityIndex, repr=False, compare=False)


class _Commit(NamedTuple):
    """One log entry; `name`/`email` are after `.mailmap`, `raw_*` as committed.

    `coauthors` are the `Co-authored-by:` contacts as written, several per trailer possible.
    A tuple rather than a frozen dataclass: one is made per commit, and a frozen dataclass's
    `__init__` costs several times more.
    """

    name: str
    email: str
    raw_name: str
    raw_email: str
    date: datetime
    coauthors: tuple[Contact, ...]
    changes: tuple[tuple[str, ...], ...]


class _GitFailed(Exception):
    """git exited non-zero; the message is git's own first line of complaint."""


def read_history(
    repo: Path, paths: Sequence[str] = (".",), bots: Sequence[str] = DEFAULT_BOTS
) -> History:
    """Read people, co-author pairs and file dates for `paths` (relative to `repo`).

    No paths, `.` or any path that is the repository's root mean the whole repository. Never
    raises: anything git cannot tell (no repository, no commits, no git) comes back as
    `available=False` with a note saying why. File paths are relative to `repo`.
    """
    try:
        return _read(Path(repo), tuple(paths), bot_keys(bots))
    except (OSError, _GitFailed) as error:
        return _unavailable(_UNREADABLE_NOTE, f"git in {repo}: {error}")


def person_id_for(history: History, name_or_email: str) -> str | None:
    """The person a name, email or id from a contributors file stands for, if exactly one."""
    found = history.identity_index.get(name_or_email)
    if found is not None:
        return found
    person_id = slug(name_or_email)
    return person_id if person_id in history.people else None


def history_cache_key(
    repo: Path, paths: Sequence[str] = (".",), bots: Sequence[str] = DEFAULT_BOTS
) -> HistoryKey | None:
    """What `read_history` depends on, from one `rev-parse`; None when there is no HEAD.

    Includes the shallow flag because `git fetch --unshallow` changes history, not HEAD.
    """
    try:
        probe = _run(Path(repo), "rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD")
    except OSError:
        return None
    lines = probe.stdout.splitlines()
    if probe.returncode != 0 or len(lines) != 3:
        return None
    top, shallow, head = os.fsdecode(lines[0]), lines[1].decode(), lines[2].decode()
    mailmap = Path(top) / ".mailmap"
    digest = fingerprint(mailmap.parent, mailmap.name)
    resolved = str(Path(repo).resolve())
    return (resolved, head, shallow, digest, tuple(paths), tuple(bots))


def cached_read_history(
    repo: Path, paths: Sequence[str] = (".",), bots: Sequence[str] = DEFAULT_BOTS
) -> History:
    """`read_history`, reused while HEAD, `.mailmap` and shallowness stay the same.

    `mkdocs serve` rebuilds on every saved file; history only changes with a commit.
    """
    key = history_cache_key(repo, paths, bots)
    return read_history(repo, paths, bots) if key is None else _read_for_key(key)


@functools.lru_cache(maxsize=8)
def _read_for_key(key: HistoryKey) -> History:
    repo, _head, _shallow, _mailmap, paths, bots = key
    return read_history(Path(repo), paths, bots)


def _read(repo: Path, paths: tuple[str, ...], bots: frozenset[str]) -> History:
    probe = _run(repo, "rev-parse", "--is-shallow-repository", "--show-prefix", "HEAD")
    lines = probe.stdout.decode(errors="replace").splitlines()
    if not lines or lines[0] not in ("true", "false"):
        return _unavailable(
            "The project is not inside a git repository, so git tells nothing.",
            f"{repo}: {_complaint(probe)}",
        )
    shallow = lines[0] == "true"
    if probe.returncode != 0 or len(lines) != 3:
        return _unavailable("The git repository has no commits yet.", shallow=shallow)
    pathspec = _pathspec(repo, lines[1], paths)

    tally = _Tally(bots)
    warnings = _stream_log(repo, pathspec, tally.add)
    at_head = _files_at_head(repo, pathspec)
    coauthors = _resolve_coauthors(repo, tally.coauthor_contacts())
    people, coauthored = tally.people_and_pairs(coauthors)

    files = {path: info for path, info in tally.files.items() if path in at_head}
    notes = [_WARNINGS_NOTE] if warnings else []
    if shallow:
        notes.append(_SHALLOW_NOTE)
    if not tally.seen:
        notes.append(f"No commit touches {', '.join(pathspec)}: no people and no file dates.")
    if unknown := len(at_head - files.keys()):
        notes.append(
            f"{unknown} file(s) at HEAD have no commit adding them in `git log` (a merge"
            " brought them in), so they have no added or updated date."
        )
    return History(
        available=True,
        head=lines[2],
        shallow=shallow,
        commits=tally.commits,
        people=people,
        coauthored=coauthored,
        files=files,
        notes=tuple(notes),
        pathspec=pathspec,
        diagnostics=tuple(f"git: {line}" for line in warnings),
        identity_index=tally.index,
    )


def _pathspec(repo: Path, prefix: str, paths: tuple[str, ...]) -> tuple[str, ...]:
    """`paths` relative to `repo`, or () when one of them is the repository's root.

    `prefix` is where `repo` sits in the work tree (`rev-parse --show-prefix`): from a
    subfolder, `.` is that subfolder, not the whole repository.
    """
    relative = tuple(
        os.path.relpath(path, repo).replace(os.sep, "/") if os.path.isabs(path) else path
        for path in paths
    )
    root = any(posixpath.normpath(posixpath.join(prefix, path)) == "." for path in relative)
    return () if root or not relative else relative


def _unavailable(note: str, diagnostic: str = "", shallow: bool = False) -> History:
    details = (diagnostic,) if diagnostic else ()
    return History(False, None, shallow, 0, {}, {}, {}, (note,), diagnostics=details)


class _Tally:
    """Accumulates the log, oldest commit first, so renames chain from the original add."""

    def __init__(self, bots: frozenset[str]) -> None:
        self.bots = bots
        self.seen = 0
        self.commits = 0
        self.authored: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        self.spans: dict[str, tuple[datetime, datetime]] = {}
        self.files: dict[str, FileInfo] = {}
        self.index = IdentityIndex()
        self.pairs: list[tuple[str, datetime, tuple[Contact, ...]]] = []
        self.identities: dict[tuple[str, str, str, str], tuple[str, str, bool]] = {}

    def add(self, commit: _Commit) -> None:
        self.seen += 1
        identity = (commit.name, commit.email, commit.raw_name, commit.raw_email)
        known = self.identities.get(identity)
        if known is None:
            known = self.identities[identity] = self._identify(*identity)
        author_id, shown, bot = known
        self._replay(commit, author_id, shown)
        if bot:
            return
        self.commits += 1
        self.authored[author_id] += 1
        self.names[author_id] = shown
        self._span(author_id, commit.date)
        if commit.coauthors:
            self.pairs.append((author_id, commit.date, commit.coauthors))

    def _identify(
        self, name: str, email: str, raw_name: str, raw_email: str
    ) -> tuple[str, str, bool]:
        """Id, shown name and bot flag of an author identity: worked out once (there are few).

        The shown name is never an address (`display_name`): `user.name` may be one.
        """
        shown = display_name(name, email) or display_name(raw_name, raw_email) or UNNAMED
        person_id = slug(shown)
        if is_bot(name, email, self.bots) or is_bot(raw_name, raw_email, self.bots):
            return person_id, shown, True
        for key in (name, email, raw_name, raw_email):
            self.index.add(key, person_id)
        return person_id, shown, False

    def coauthor_contacts(self) -> set[Contact]:
        return {contact for _, _, contacts in self.pairs for contact in contacts}

    def people_and_pairs(
        self, resolved: Mapping[Contact, Contact]
    ) -> tuple[dict[str, PersonStats], dict[tuple[str, str], int]]:
        """People and (author, co-author) weights, once co-authors went through the mailmap.

        A co-author whose email an author used is that author, whatever name the trailer
        gives (GitHub attributes co-authors by email too).
        """
        ids: dict[Contact, str] = {}
        for contact, (name, email) in resolved.items():
            if is_bot(name, email, self.bots):
                continue
            person_id = self.index.get(email) if email else None
            if person_id is None:
                shown = display_name(name, email)
                person_id = slug(shown)
                self.names.setdefault(person_id, shown)
            ids[contact] = person_id
        pairs: Counter[tuple[str, str]] = Counter()
        for author_id, date, contacts in self.pairs:
            found = {ids.get(contact) for contact in contacts}
            for coauthor_id in {person for person in found if person and person != author_id}:
                pairs[author_id, coauthor_id] += 1
                self._span(coauthor_id, date)
        for contact, person_id in ids.items():
            for key in (*resolved[contact], *contact):
                self.index.add(key, person_id)
        people = {
            person_id: PersonStats(
                person_id, self.names[person_id], self.authored[person_id], first, last
            )
            for person_id, (first, last) in sorted(self.spans.items())
        }
        return people, dict(sorted(pairs.items()))

    def _span(self, person_id: str, date: datetime) -> None:
        first, last = self.spans.get(person_id, (date, date))
        self.spans[person_id] = (min(first, date), max(last, date))

    def _replay(self, commit: _Commit, author_id: str, shown: str) -> None:
        """Apply one commit's name-status lines to the files known so far (bots' too)."""
        added = FileInfo(commit.date, author_id, shown, commit.date)
        for status, *names in commit.changes:
            if status == "A" or status == "C":
                self.files[names[-1]] = added
            elif status == "D":
                self.files.pop(names[0], None)
            else:
                was = self.files.pop(names[0], added)
                self.files[names[-1]] = FileInfo(was.added, was.added_by_id, was.added_by_name,
                                                 max(was.updated, commit.date))


def _stream_log(repo: Path, paths: tuple[str, ...], sink: Callable[[_Commit], None]) -> list[str]:
    """Run the one `git log`, feeding each commit to `sink`; return git's warnings.

    No `--` at all for the whole repository: a pathspec, even `.`, simplifies history.
    """
    with tempfile.TemporaryFile() as errors:
        process = _popen(repo, log_arguments(paths), errors)
        assert process.stdout is not None
        with process:
            for commit in _commits(_tokens(process.stdout)):
                sink(commit)
        errors.seek(0)
        complaint = errors.read().decode(errors="replace").strip()
    if process.returncode != 0:
        raise _GitFailed(complaint.splitlines()[0] if complaint else f"exit {process.returncode}")
    return complaint.splitlines()


def log_arguments(paths: Sequence[str]) -> list[str]:
    """The arguments of the one `git log` (after `git -c ...`): `scripts/bench_history.py` times
    this very command as the graph's peer."""
    return [
        "log", "HEAD", "--no-merges", "--topo-order", "--reverse", "--root", "--use-mailmap",
        "--no-color", "-z", "--name-status", "-M", "--relative", f"--format={_FORMAT}",
        *(("--", *paths) if paths else ()),
    ]  # fmt: skip


def _tokens(stream: IO[bytes]) -> Iterator[bytes]:
    """NUL-separated tokens of `-z` output, read in chunks so the log is never held whole."""
    rest = b""
    while chunk := stream.read(1 << 16):
        parts = (rest + chunk).split(b"\0")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


def _commits(tokens: Iterable[bytes]) -> Iterator[_Commit]:
    """Group tokens into commits: a `\\x1e` header of one token per field, then status and
    path tokens.

    Header fields and paths are taken by count (statuses say how many paths follow: two for
    renames and copies), so neither a name nor a path is ever mistaken for a header or a
    status, whatever bytes it holds. A header cut short (git died) ends the log; the caller
    reports git's exit status.
    """
    stream = iter(tokens)
    header: list[bytes] | None = None
    changes: list[tuple[str, ...]] = []
    for token in stream:
        status = token.removeprefix(b"\n")  # git ends the header with "\0\n"
        if status.startswith(b"\x1e"):
            if header is not None:
                yield _commit(header, changes)
            header, changes = [status[1:], *islice(stream, len(_FIELDS))], []
            if len(header) <= len(_FIELDS):
                return
        elif status:
            count = 2 if status[:1] in (b"R", b"C") else 1
            names = (_path(next(stream, b"")) for _ in range(count))
            changes.append((status[:1].decode(), *names))
    if header is not None:
        yield _commit(header, changes)


def _commit(header: list[bytes], changes: list[tuple[str, ...]]) -> _Commit:
    _sha, name, email, raw_name, raw_email, date, trailers = header
    return _Commit(
        name=decode_name(name),
        email=decode_name(email),
        raw_name=decode_name(raw_name),
        raw_email=decode_name(raw_email),
        date=datetime.fromisoformat(date.decode()),
        coauthors=tuple(islice(_contacts(trailers.split(b"\x1f")), MAX_COAUTHORS_PER_COMMIT))
        if trailers else (),
        changes=tuple(changes),
    )


def _contacts(trailers: Iterable[bytes]) -> Iterator[Contact]:
    for value in trailers:
        yield from split_contacts(decode_name(value))


def _path(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def _files_at_head(repo: Path, paths: tuple[str, ...]) -> set[str]:
    listing = _checked(repo, "ls-tree", "-r", "-z", "--name-only", "HEAD", "--", *paths)
    return {_path(name) for name in listing.split(b"\0") if name}


def _resolve_coauthors(repo: Path, contacts: Iterable[Contact]) -> dict[Contact, Contact]:
    """Each co-author contact -> the contact after `.mailmap`, in one `check-mailmap --stdin`.

    Only emails git can read back are asked about (no brackets, no control characters);
    the others keep the trailer's own contact.
    """
    resolved = {contact: contact for contact in sorted(contacts)}
    mailable = [contact for contact in resolved if _ident_part(contact.email)]
    if mailable:
        # git's ident parser cannot take "<" or ">" in a name: such contacts go by email alone,
        # and keep the trailer's name unless the mailmap gives one.
        lines = "".join(f"{_ident_name(name)}<{email}>\n" for name, email in mailable)
        output = _checked(repo, "check-mailmap", "--stdin", stdin=lines.encode())
        for contact, line in zip(mailable, output.splitlines(), strict=True):
            found = parse_contact(decode_name(line))
            if found is not None:
                resolved[contact] = Contact(found.name or contact.name, found.email)
    return resolved


def _ident_part(text: str) -> bool:
    return bool(text) and text.isprintable() and "<" not in text and ">" not in text


def _ident_name(name: str) -> str:
    return name + " " if _ident_part(name) else ""


def _git_args(args: Sequence[str]) -> list[str]:
    return ["git", *(part for setting in _CONFIG for part in ("-c", setting)), *args]


def _run(repo: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        _git_args(args), cwd=repo, env=git_env(), input=stdin, capture_output=True, check=False
    )


def _checked(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    done = _run(repo, *args, stdin=stdin)
    if done.returncode != 0:
        raise _GitFailed(_complaint(done))
    return done.stdout


def _popen(repo: Path, args: Sequence[str], errors: IO[bytes]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        _git_args(args),
        cwd=repo,
        env=git_env(),
        stdout=subprocess.PIPE,
        stderr=errors,
        stdin=subprocess.DEVNULL,
    )


def _complaint(done: subprocess.CompletedProcess[bytes]) -> str:
    lines = done.stderr.decode(errors="replace").strip().splitlines()
    return lines[0] if lines else f"git exited with {done.returncode}"
