"""Read and write files inside the project without trusting what a pull request put there.

Every file under the project root can arrive in a pull request, symlinks included, so journal
entries, curated playbooks, ``contributors.yml``, ``.mailmap`` and ``mkdocs.yml`` are all read
through :func:`read_bytes`, which holds each to the same rules:

- a symlink may point elsewhere inside the repository, never outside it and never into a
  ``.git`` folder (git's config, hooks and objects are not the project's to publish);
- only regular files are opened: opening a pipe blocks the build, opening a device may do
  anything, so both are refused from ``lstat`` before any ``open``;
- at most ``cap + 1`` bytes are read, so a huge file costs a refusal, not memory;
- the path is resolved and checked first, then opened one folder at a time from the root with
  ``O_NOFOLLOW``, so a link swapped in between the check and the open is refused, not followed.

:func:`create` writes the same way: the folders on the way are made or opened without following
links and the file is created with ``O_CREAT | O_EXCL | O_NOFOLLOW``, so a command run in a
checked-out pull request never writes through a symlink, dangling or not.

POSIX only (``dir_fd`` and ``O_NOFOLLOW``), like the rest of peerlog's file handling.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import os
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from peerlog.base.problems import Problem, Severity
from peerlog.read.frontmatter import (
    MAX_NODES,
    Field,
    FrontMatterError,
    Note,
    decode,
    parse_document,
)

#: The default cap: entries and playbooks are capped at this size too (``schema.MAX_FILE_BYTES``).
MAX_BYTES = 1_000_000
_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_NOCTTY | os.O_CLOEXEC
_CHUNK = 1 << 16


class Refused(FrontMatterError):
    """The file was not read (or written) at all, and why; ``line`` is 0: the whole file."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message, hint, 0, 0)


class _Link(Exception):
    """A link (or nothing) met where a plain folder or file was expected: resolve and check."""


class LinkedOut(Refused):
    """A symlink, or a linked folder on the way, that leads out of the repository."""


def as_problem(exc: FrontMatterError, path: str, severity: Severity = "error") -> Problem:
    """A refusal or a decoding error as the problem reported for ``path``."""
    return Problem(path, exc.line, exc.col, severity, exc.message, exc.hint)


def read_bytes(root: Path, path: Path | str, cap: int = MAX_BYTES) -> bytes:
    """The bytes of ``path`` (relative to ``root``, or absolute: ``root / rel`` is relative
    when ``root`` is, so pass ``(root / rel).absolute()`` or ``rel``); raises
    :class:`Refused` for anything the module docstring rules out, or when it holds more than
    ``cap`` bytes.

    Most files have no link on their way, so the plain path is opened first, one folder at a time
    without following links; only when that meets a link (or nothing) is the path resolved and
    checked, and the resolved path opened the same way."""
    base = _real(os.fspath(root))
    parts = _plain_parts(os.fspath(root), base, os.fspath(path))
    try:
        if parts is None:
            raise _Link
        return _read(base, parts, cap)
    except _Link:
        resolved = inside(Path(base), Path(root) / path)
        try:
            return _read(base, resolved, cap)
        except _Link:
            raise _swapped() from None


def _read(base: str, parts: tuple[str, ...], cap: int) -> bytes:
    with _opened(base, parts) as fd:
        size = os.fstat(fd).st_size
        if size > cap:
            raise _too_big(size, cap)
        chunks: list[bytes] = []
        got = 0
        while got <= cap:
            chunk = os.read(fd, min(_CHUNK, cap + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > cap:
            raise _too_big(got, cap)
        return b"".join(chunks)


@functools.lru_cache(maxsize=64)
def _real(root: str) -> str:
    """The project root with its own links resolved (the root is the one path trusted)."""
    return os.path.realpath(root)


def _plain_parts(root: str, base: str, path: str) -> tuple[str, ...] | None:
    """The names from the root down to ``path`` as written, or ``None`` when only resolving can
    tell (``..``, ``.``, an absolute path elsewhere); a ``.git`` name is refused here."""
    if os.path.isabs(path):
        prefix = next((p for p in (root, base) if path.startswith(p.rstrip(os.sep) + os.sep)),
                      None)
        if prefix is None:
            return None
        path = path[len(prefix.rstrip(os.sep)) + 1:]
    parts = tuple(path.split(os.sep))
    if any(part in ("", ".", "..") for part in parts):
        return None
    if any(part.casefold() == ".git" for part in parts):
        raise _into_git()
    return parts


def read_text(root: Path, path: Path | str, cap: int = MAX_BYTES) -> str:
    """:func:`read_bytes` decoded by :func:`.frontmatter.decode` (UTF-8 with or without a BOM,
    UTF-16 and UTF-32 with one; LF newlines); a decoding error is a ``FrontMatterError``."""
    return decode(read_bytes(root, path, cap))


def read_yaml(
    root: Path, path: str, cap: int = MAX_BYTES, max_nodes: int = MAX_NODES, *,
    foreign: bool = False,
) -> tuple[Field | None, tuple[Note, ...]]:
    """A whole YAML file through the careful front-matter reader (no tags run, no aliases, node
    and depth caps, file lines on every value); ``None`` for an empty file. ``foreign``: see
    :func:`~peerlog.read.frontmatter.parse_document`."""
    return parse_document(read_text(root, path, cap), path, max_nodes, foreign=foreign)


def fingerprint(root: Path, path: str, cap: int = MAX_BYTES) -> str:
    """What a cache keyed on ``path`` should compare: the SHA-256 of its bytes, ``""`` when it
    does not exist, and why it is refused (with its size and time) when it cannot be read."""
    try:
        return hashlib.sha256(read_bytes(root, path, cap)).hexdigest()
    except Refused as exc:
        try:
            st = os.lstat(root / path)
        except OSError:
            return ""
        return f"{exc.message} {st.st_size} {st.st_mtime_ns}"


def inside(base: Path, path: Path) -> tuple[str, ...]:
    """The folders and name of ``path`` once its links are resolved, relative to ``base`` (a
    resolved root); raises :class:`Refused` when it leads outside, into ``.git``, or nowhere."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        if not os.path.lexists(path):
            raise Refused("the file does not exist", "check the name") from None
        raise _dangling() from None
    except (OSError, RuntimeError):  # a loop: ELOOP, or RuntimeError before Python 3.13
        raise _dangling() from None
    return _checked(base, path, target)


def _checked(base: Path, path: Path, target: Path) -> tuple[str, ...]:
    if not target.is_relative_to(base):
        if path.is_symlink():
            raise LinkedOut("this symlink points outside the repository and is refused",
                            "copy the file into the repository instead of linking to it")
        raise LinkedOut("this path leads outside the repository through a linked folder and is "
                        "refused", "replace the linked folder with a real one")
    parts = target.relative_to(base).parts
    if any(part.casefold() == ".git" for part in parts):
        raise _into_git()
    return parts


def _into_git() -> Refused:
    return Refused("this path leads into .git, git's own folder, and is refused",
                   "link to a file of the project, never into .git")


def _dangling() -> Refused:
    return Refused("this symlink points to nothing (its target is missing, or it loops) and "
                   "is refused", "delete it, or replace it with the file itself")


def _too_big(size: int, cap: int) -> Refused:
    return Refused(f"the file is {size:,} bytes, more than the {cap:,} allowed",
                   "split it into several files or move large attachments elsewhere")


def _swapped() -> Refused:
    return Refused("a folder or the file on this path was replaced by a link while it was "
                   "read, so it is refused", "run the command again")


class _Kept(threading.local):
    """The folders :func:`folders_kept` holds open, per thread: (base, folders) -> descriptor."""

    folders: dict[tuple[str, tuple[str, ...]], int] | None = None


_KEPT = _Kept()
#: More folders than a journal has; past this the kept descriptors are closed and opened anew.
MAX_KEPT_FOLDERS = 256


@contextmanager
def folders_kept() -> Iterator[None]:
    """Within the block, :func:`read_bytes` keeps the folders it opens open and starts from the
    deepest one already open, so reading 10,000 entries in a few dozen folders costs one
    ``open`` per file rather than one per folder on its way. Each folder is still opened one
    level at a time without following links; what is kept is the folder that was opened, so a
    link swapped in later is never followed. Meant for one walk (``load_journal``), where the
    tree does not change: outside the block nothing is kept."""
    if _KEPT.folders is not None:  # already inside a walk: that one closes them
        yield
        return
    _KEPT.folders = {}
    try:
        yield
    finally:
        _close_kept()
        _KEPT.folders = None


def _close_kept() -> None:
    kept = _KEPT.folders or {}
    for fd in kept.values():
        os.close(fd)
    kept.clear()


@contextmanager
def _folder(base: str | Path, folders: tuple[str, ...], make: bool = False) -> Iterator[int]:
    """A descriptor of ``base/folders``, opened one level at a time without following links
    (made where missing when ``make``); raises :class:`_Link` where a link or nothing is."""
    kept = None if make else _KEPT.folders
    if kept is None:
        fd = _open_folders(base, folders, make)
        try:
            yield fd
        finally:
            os.close(fd)
        return
    if len(kept) >= MAX_KEPT_FOLDERS:
        _close_kept()
    yield _kept_folder(kept, os.fspath(base), folders)


def _kept_folder(
    kept: dict[tuple[str, tuple[str, ...]], int], base: str, folders: tuple[str, ...]
) -> int:
    """The kept descriptor of ``base/folders``, opening (and keeping) the levels not open yet
    from the deepest one that is."""
    depth = len(folders)
    while depth and (base, folders[:depth]) not in kept:
        depth -= 1
    if not depth and (base, ()) not in kept:
        kept[base, ()] = os.open(base, _DIR)
    fd = kept[base, folders[:depth]]
    for level in range(depth, len(folders)):
        fd = _open_below(fd, folders[level], make=False)
        kept[base, folders[: level + 1]] = fd
    return fd


def _open_folders(base: str | Path, folders: tuple[str, ...], make: bool) -> int:
    """``base/folders`` opened one level at a time, each level closed once the next is open."""
    fd = os.open(base, _DIR)
    try:
        for name in folders:
            below = _open_below(fd, name, make)
            os.close(fd)
            fd = below
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open_below(fd: int, name: str, make: bool) -> int:
    """The folder ``name`` in the folder ``fd``, never through a link; raises :class:`_Link`
    where a link or nothing is (made where missing when ``make``)."""
    try:
        return os.open(name, _DIR, dir_fd=fd)
    except FileNotFoundError:
        if not make:
            raise _Link from None
        try:
            os.mkdir(name, dir_fd=fd)
        except FileExistsError:  # a dangling link of that name, or a race
            raise _swapped() from None
        return os.open(name, _DIR, dir_fd=fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise _Link from None
        raise


@contextmanager
def _opened(base: str | Path, parts: tuple[str, ...]) -> Iterator[int]:
    """A read descriptor for the regular file ``base/parts``; anything else is refused unopened,
    and a link anywhere on the way raises :class:`_Link` instead of being followed."""
    if not parts:
        raise Refused("this is the project folder itself, not a file", "name a file")
    try:
        with _folder(base, parts[:-1]) as folder:
            before = os.stat(parts[-1], dir_fd=folder, follow_symlinks=False)
            if stat.S_ISLNK(before.st_mode):
                raise _Link
            if not stat.S_ISREG(before.st_mode):
                raise Refused("this is not a regular file (a folder, pipe, socket or device) "
                              "and is never opened", "replace it with a plain text file")
            fd = os.open(parts[-1], _FILE, dir_fd=folder)
    except FileNotFoundError:
        raise _Link from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _Link from None
        raise Refused(f"the file cannot be read: {exc.strerror}",
                      "check that it exists and is readable") from None
    try:
        after = os.fstat(fd)
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
            raise _swapped()
        yield fd
    finally:
        os.close(fd)


def create(root: Path, rel: str, text: str) -> None:
    """Write ``text`` to the new file ``root/rel``; raises ``FileExistsError`` when a file is
    there already and :class:`Refused` when the name is a symlink (dangling or not), when a
    folder above it is a symlink out of the project or into ``.git``, or when it cannot be
    written."""
    base = root.resolve()
    rel_path = PurePosixPath(rel)
    folders = _resolved_folders(base, root, rel_path.parent)
    try:
        with _folder(base, folders, make=True) as folder:
            try:
                fd = os.open(rel_path.name, _NEW, 0o666, dir_fd=folder)
            except FileExistsError:
                there = os.stat(rel_path.name, dir_fd=folder, follow_symlinks=False)
                if stat.S_ISLNK(there.st_mode):
                    raise Refused(f"{rel} is a symlink, and peerlog never writes through one",
                                  "delete the link, or choose another name") from None
                raise
    except _Link:  # a folder became a link after it was resolved
        raise _swapped() from None
    except FileExistsError:
        raise
    except OSError as exc:
        raise Refused(f"{rel} cannot be written: {exc.strerror}",
                      "check that its folder is writable") from None
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)


def _resolved_folders(base: Path, root: Path, rel: PurePosixPath) -> tuple[str, ...]:
    """The folders leading to ``root/rel`` once existing links are resolved, relative to
    ``base``; refused when a linked folder leads out of the project or into ``.git``."""
    try:
        return _checked(base, root / rel, (root / rel).resolve())
    except (Refused, RuntimeError):
        raise Refused(f"{rel.as_posix()}/ is a symlink (or inside one) that leads out of the "
                      "project or into .git, and peerlog never writes through one",
                      "replace the linked folder with a real one") from None
