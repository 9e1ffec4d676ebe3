"""Find and parse every entry under the journals folder, once per changed file.

A ``mkdocs serve`` rebuild creates new plugin objects, so the parse cache lives here at module
level, keyed by absolute path and validated by size and modification time: a rebuild re-reads only
the files that changed. Walking never leaves the project and never trusts a name: symlinks that
point outside it, into ``.git``, nowhere or in a loop are refused (by the same checks
:mod:`peerlog.read.untrusted` reads every file with), linked folders are not followed (they could
loop), pipes and devices are never opened (reading one would hang), names with control characters
or undecodable bytes are refused and shown escaped, and the walk is iterative and bounded in depth
and path length, so the site's own paths stay short enough to write.

Files beside the entries whose type is in :data:`ATTACHMENT_TYPES` (screenshots, PDFs, small data
files) are attachments: published beside the entry pages so that ``![shot](shot.png)`` works.
Types a browser would run as part of the site (SVG and HTML hold scripts that run on the site's
origin) are never among them; each attachment is capped in size, and all of them together.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from peerlog.base.problems import Problem, Severity
from peerlog.base.text import markdown_stem, shown_name, slug, unsafe_name
from peerlog.read.confirmations import CONFIRMS, Confirmation, build_confirmation
from peerlog.read.entries import Entry, build_entry, parse_front_text, read_source
from peerlog.read.parsecache import ParseStore
from peerlog.read.untrusted import Refused, folders_kept, inside

MAX_FOLDER_DEPTH = 16
MAX_PATH_CHARS = 400
#: File types published beside the entries. Not SVG, HTML or XML: opened from the site, they run
#: their scripts on the site's origin. Images browsers show, PDF (run in the browser's PDF viewer,
#: apart from the site), and plain text and CSV (shown as text, never run).
ATTACHMENT_TYPES = ("png", "jpg", "jpeg", "gif", "webp", "avif", "pdf", "txt", "csv")
_SCRIPTED_TYPES = frozenset({"svg", "svgz", "html", "htm", "xhtml", "xml", "js", "mjs"})
#: A screenshot is well under 1 MB; a 5 MB one is a photo or an uncompressed capture.
MAX_ATTACHMENT_BYTES = 5_000_000
#: What the site may carry in attachments, all together, and how many files.
MAX_ATTACHMENTS_BYTES = 200_000_000
MAX_ATTACHMENTS = 10_000

_Stamp = tuple[int, int]
_Parsed = Entry | Confirmation | None
_CACHE: dict[str, tuple[_Stamp, _Parsed, tuple[Problem, ...]]] = {}


@dataclass(frozen=True)
class Attachment:
    """A file to publish beside the entries: ``path`` on disk, ``rel`` under the journals folder,
    ``site_rel`` where it goes under the entry pages' folder. Folders are slugged as
    :func:`~peerlog.knowledge.model.entry_slugs` slugs them and the name is kept, so a
    relative link from an entry in the same folder (or a sub-folder with a plain name) finds it."""

    path: Path
    rel: str
    site_rel: str
    size: int


@dataclass(frozen=True)
class Journal:
    """Everything read from the journals folder: usable entries (drafts included), attachments,
    confirmations (files whose front matter has ``confirms:``) and problems."""

    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    attachments: tuple[Attachment, ...] = ()
    confirmations: tuple[Confirmation, ...] = ()


@dataclass(frozen=True)
class Found:
    """One name met while walking: a Markdown file to read (``problem`` is ``None``) or a
    problem (severity, message, hint) about a name that is not read."""

    path: Path
    rel: str
    problem: tuple[Severity, str, str] | None = None
    attachment: bool = False


def load_journal(root: Path, folder: str, store: ParseStore | None = None) -> Journal:
    """Parse every Markdown file under ``root/folder`` (``folder`` may be nested, e.g. a/b), and
    gather the attachments beside them. With a ``store`` (``peerlog check --cache``), files
    are looked up there by their text instead of in the in-memory cache."""
    entries: list[Entry] = []
    confirmations: list[Confirmation] = []
    found_attachments: list[Found] = []
    problems: list[Problem] = []
    base = root / folder
    if not base.is_dir():
        problems.append(Problem(folder, 0, 0, "warning", "the journals folder does not exist",
                                f"create '{folder}/' or set the plugin's journals option"))
        return Journal((), tuple(problems))
    seen: set[str] = set()
    with folders_kept():  # one open per file, not one per folder on its way
        for found in walk_markdown(root, base):
            shown = f"{folder}/{found.rel}".replace("//", "/")
            if found.problem:
                problems.append(Problem(shown, 0, 0, *found.problem))
                continue
            if found.attachment:
                found_attachments.append(found)
                continue
            cache_key = f"{found.path}\0{shown}"
            seen.add(cache_key)
            record, parsed = (_parse_cached(cache_key, root, found.path, shown, found.rel)
                              if store is None else
                              _parse_stored(store, root, found.path, shown, found.rel))
            problems.extend(parsed)
            if isinstance(record, Confirmation):
                confirmations.append(record)
            elif record is not None:
                entries.append(record)
    prefix = f"{base}{os.sep}"
    for stale in [k for k in _CACHE if k.startswith(prefix) and k not in seen]:
        del _CACHE[stale]
    attachments = _attachments(found_attachments, base, folder, problems)
    return Journal(tuple(entries), tuple(problems), attachments, tuple(confirmations))


def site_folder(folder_rel: str) -> str:
    """Where a folder under the journals folder is on the site, under the entry pages' folder:
    every part slugged, as :func:`~peerlog.knowledge.model.entry_slugs` slugs entry folders."""
    return "/".join(slug(part) for part in folder_rel.split("/")) if folder_rel else ""


def attachment_type(name: str) -> str | None:
    """The type of a file name if it is one of :data:`ATTACHMENT_TYPES` (any case)."""
    kind = name.rpartition(".")[2].lower() if "." in name else ""
    return kind if kind in ATTACHMENT_TYPES else None


def _attachments(
    found: list[Found], base: Path, folder: str, problems: list[Problem]
) -> tuple[Attachment, ...]:
    """The attachments to publish, in walk order, within the caps; a problem for each one that
    is not published."""
    kept: list[Attachment] = []
    total = 0
    taken: dict[str, str] = {}
    real_base = base.resolve()
    for i, item in enumerate(found):
        shown = f"{folder}/{item.rel}".replace("//", "/")

        def refuse(message: str, hint: str, shown: str = shown) -> None:
            problems.append(Problem(shown, 0, 0, "error", message, hint))

        try:
            st = os.lstat(item.path)
            linked = stat.S_ISLNK(st.st_mode)
            real = item.path.resolve(strict=True) if linked else item.path
            size = real.stat().st_size if linked else st.st_size
        except (OSError, RuntimeError) as exc:
            refuse(f"the file cannot be read: {getattr(exc, 'strerror', None) or exc}",
                   "check that it still exists and is readable")
            continue
        if linked and not (real.is_relative_to(real_base) and attachment_type(real.name)):
            refuse("this symlink points to a file that is not an attachment in the journals "
                   "folder, so it is not published", "copy the file into the journals folder")
            continue
        if size > MAX_ATTACHMENT_BYTES:
            refuse(f"the file is {size:,} bytes, more than the {MAX_ATTACHMENT_BYTES:,} an "
                   "attachment may have, so it is not published",
                   "crop or shrink it (JPEG and WebP are smaller for photos), or link to it")
            continue
        if total + size > MAX_ATTACHMENTS_BYTES or len(kept) >= MAX_ATTACHMENTS:
            refuse(f"the attachments add up to more than {MAX_ATTACHMENTS_BYTES:,} bytes or "
                   f"{MAX_ATTACHMENTS:,} files, so this one and the {len(found) - i - 1:,} after "
                   "it are not published", "keep large files out of the journals folder")
            break
        folder_rel, _, name = item.rel.rpartition("/")
        site_rel = f"{site_folder(folder_rel)}/{name}".lstrip("/")
        first = taken.setdefault(site_rel.casefold(), shown)
        if first != shown:
            refuse(f"{first} is published at the same address, so this file is not",
                   "rename one of them: on the site, names that differ only in case are one, "
                   "and so are folders that differ in case or punctuation")
            continue
        total += size
        kept.append(Attachment(item.path, item.rel, site_rel, size))
    return tuple(kept)


def _parse_cached(
    cache_key: str, root: Path, path: Path, shown: str, rel: str
) -> tuple[_Parsed, tuple[Problem, ...]]:
    try:
        st = path.stat()
    except OSError as exc:
        return None, (Problem(shown, 0, 0, "error", f"the file cannot be read: {exc.strerror}",
                              "check that it still exists and is readable"),)
    stamp = (st.st_size, st.st_mtime_ns)
    hit = _CACHE.get(cache_key)
    if hit and hit[0] == stamp:
        return hit[1], hit[2]
    record, problems = _parse(root, path, shown, rel)
    _CACHE[cache_key] = (stamp, record, tuple(problems))
    return record, tuple(problems)


def _parse(root: Path, path: Path, shown: str, rel: str) -> tuple[_Parsed, list[Problem]]:
    """Read and parse a journal file once; its front matter tells an entry from a
    confirmation."""
    text = read_source(path, shown, root)
    return (None, text) if isinstance(text, list) else _parse_text(text, shown, rel)


def _parse_stored(
    store: ParseStore, root: Path, path: Path, shown: str, rel: str
) -> tuple[_Parsed, tuple[Problem, ...]]:
    """:func:`_parse` through the on-disk store: a text it knows is not parsed again."""
    text = read_source(path, shown, root)
    if isinstance(text, list):
        return None, tuple(text)
    found = store.get(shown, text)
    if found is None:
        record, problems = _parse_text(text, shown, rel)
        found = (record, tuple(problems))
        store.put(shown, text, found)
    return found


def _parse_text(text: str, shown: str, rel: str) -> tuple[_Parsed, list[Problem]]:
    parsed = parse_front_text(text, shown)
    if isinstance(parsed, list):
        return None, parsed
    if CONFIRMS in parsed[1].fields:
        return build_confirmation(*parsed, shown, shown[: len(shown) - len(rel)])
    return build_entry(*parsed, shown, rel)


def walk_markdown(root: Path, base: Path, report_others: bool = True) -> Iterator[Found]:
    """Every Markdown file (``*.md``, ``*.markdown``) under ``base`` in a stable order, and a
    :class:`Found` problem for each name that is refused or skipped; other files only when
    ``report_others``: attachments (see :data:`ATTACHMENT_TYPES`) as a :class:`Found`
    ``attachment``, anything else as a problem."""
    root = root.resolve()
    if not _inside(base, root):
        yield Found(base, "", ("error", "the folder points outside the repository and is not "
                                         "read", "keep journals and playbooks inside the project"))
        return
    pending: list[tuple[Path, str, int]] = [(base, "", 0)]
    while pending:
        folder, rel, depth = pending.pop()
        try:
            items = sorted(os.scandir(folder), key=lambda d: d.name)
        except OSError as exc:
            yield Found(folder, rel, ("warning", f"cannot read this folder: {exc.strerror}",
                                             "check permissions"))
            continue
        folders: list[tuple[Path, str, int]] = []
        for item in items:
            if item.name.startswith("."):
                continue
            found = _look_at(item, root, f"{rel}{shown_name(item.name)}", depth, report_others)
            if isinstance(found, Found):
                yield found
            elif found is not None:
                folders.append(found)
        pending.extend(reversed(folders))


def _look_at(
    item: os.DirEntry[str], root: Path, rel: str, depth: int, report_others: bool
) -> Found | tuple[Path, str, int] | None:
    """What one directory entry is: a file or problem to report, a folder to walk, or nothing."""
    path = Path(item.path)
    if unsafe_name(item.name):
        return Found(path, rel, ("error", "the name holds control characters, bidirectional "
                                 "overrides or bytes that are not UTF-8, so it is refused",
                                 "rename it using plain letters, digits and dashes"))
    if len(rel) > MAX_PATH_CHARS:
        return Found(path, rel[:60] + "…", ("error", f"the path is longer than {MAX_PATH_CHARS} "
                                            "characters and is not read",
                                            "use shorter folder and file names"))
    if item.is_symlink():
        try:
            target = root.joinpath(*inside(root, path))
        except Refused as exc:  # outside the repository, into .git, missing or a loop
            return Found(path, rel, ("error", exc.message, exc.hint))
        if target.is_dir():
            return Found(path, rel, ("warning", "linked folders are not followed",
                                     "move the entries into the journals folder"))
    if item.is_dir(follow_symlinks=False):
        if depth >= MAX_FOLDER_DEPTH:
            return Found(path, rel, ("error", f"folders nested more than {MAX_FOLDER_DEPTH} deep "
                                     "are not read", "move the entries to a shallower folder"))
        return path, rel + "/", depth + 1
    is_entry = markdown_stem(item.name) is not None
    if not is_entry and not report_others:
        return None
    if not is_entry and attachment_type(item.name) is None:
        kind = item.name.rpartition(".")[2].lower() if "." in item.name else ""
        return Found(path, rel, ("warning", "only Markdown entries and these attachment types "
                                 f"are published: {', '.join(ATTACHMENT_TYPES)}; this file is "
                                 "ignored", "SVG and HTML files can run scripts on the site: "
                                 "export the picture as PNG" if kind in _SCRIPTED_TYPES else
                                 "convert it to one of those types to publish it, or move it "
                                 "out of the journals folder"))
    if not item.is_file():
        return Found(path, rel, ("error", "this is not a regular file (a pipe, socket or device) "
                                 "and is never opened", "replace it with a Markdown file"))
    return Found(path, rel, attachment=not is_entry)


def _inside(folder: Path, root: Path) -> bool:
    try:
        return folder.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return False
