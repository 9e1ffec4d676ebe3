"""What a ``mkdocs serve --dirty`` rebuild can skip, and what it must still get right.

MkDocs rebuilds the whole site on every saved file; with ``--dirty`` it skips a page whose file
reports itself unmodified, but a generated page always does. This module keeps, between the
builds of one serve, the rendered pages (with the inputs each came from) and a fingerprint of
every generated output, so the front end can say which outputs changed, which are gone, and
rebuild only those. Nothing here knows MkDocs: the front end passes names and fingerprints in.
The rendered pages kept between builds live in :mod:`.cache`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peerlog.render.cache import RenderCache
from peerlog.render.pages import GeneratedPage, RenderedSite


@dataclass(frozen=True)
class Output:
    """A generated file as the front end writes it: a ``page`` (``None`` for a data file),
    whether it stays out of the navigation, and what its output is made from."""

    src_uri: str
    content: str
    page: GeneratedPage | None
    hidden: bool
    fingerprint: object


def site_outputs(
    site: RenderedSite, taken: Callable[[str], bool]
) -> tuple[list[Output], list[str]]:
    """Every file the site generates, and a warning for each page that a hand-written page
    of the same source URI (``taken``) hides. A page's output is made from the page and the
    feeds its ``<head>`` links to; the home page gives way to a hand-written ``index.md`` or
    ``README.md``, which its sections then follow, and is made new at every build (its
    sections change with nearly every edit, and MkDocs names it in every page's navigation
    only once it has read it)."""
    outputs: list[Output] = []
    home, hidden = site.home, []
    if home is not None and not (taken("index.md") or taken("README.md")):
        outputs.append(Output(home.src_uri, home.markdown, home, False, object()))
    for page in site.pages:
        if taken(page.src_uri):
            hidden.append(f"docs/{page.src_uri} hides the generated page of the same name; "
                          "rename the hand-written page")
        else:
            made_of = (page, site.feeds.get(""), site.feeds.get(page.src_uri))
            outputs.append(Output(page.src_uri, page.markdown, page, True, made_of))
    outputs += [Output(path, text, None, False, text) for path, text in site.data.items()]
    return outputs, hidden


class Outputs:
    """The fingerprint and destination of every generated output of the last build.

    A front end that writes only what changed must also delete what is gone: an entry file
    removed while serving must not leave its page behind."""

    def __init__(self) -> None:
        self._context: object = None
        self._last: dict[str, tuple[object, str]] = {}

    def update(
        self, context: object, current: dict[str, tuple[object, str]]
    ) -> tuple[set[str], list[str]]:
        """Record this build's outputs (``name -> (fingerprint, destination)``); return the
        names whose output changed (every name when ``context``, what all outputs embed,
        changed) and the destinations of last build's outputs that are no longer made."""
        last = self._last if context == self._context else {}
        changed = {name for name, (print_, _) in current.items()
                   if name not in last or last[name][0] != print_}
        made = {dest for _, dest in current.values()}
        gone = [dest for name, (_, dest) in self._last.items()
                if name not in current and dest not in made]
        self._context, self._last = context, current
        return changed, gone


def merge_search_index(
    previous: Iterable[dict[str, Any]], fresh: Iterable[dict[str, Any]],
    rebuilt: set[str], pages: Sequence[str],
) -> list[dict[str, Any]]:
    """The search index of the whole site after a build that indexed only the ``rebuilt``
    pages (their URLs): each page of ``pages`` (every page URL, in build order) once, from
    ``fresh`` if it was rebuilt, else from ``previous``; pages no longer built are dropped.
    In build order, it equals the index of a clean build."""
    sections: dict[str, list[dict[str, Any]]] = {}
    for item in previous:
        url = str(item["location"]).split("#", 1)[0]
        if url not in rebuilt:
            sections.setdefault(url, []).append(item)
    for item in fresh:
        sections.setdefault(str(item["location"]).split("#", 1)[0], []).append(item)
    return [item for url in pages for item in sections.pop(url, ())]


def repair_search_index(plugins: Iterable[object], rebuilt: set[str], pages: Sequence[str]) -> None:
    """Give Material's search plugin the whole index before it writes it after a dirty build.

    Under ``--dirty`` Material keeps the previous index and swaps in the entries of the first
    rebuilt page only, so a build that rebuilds several pages (an entry and its topic pages)
    leaves the others twice in the index, and a deleted page stays. Found by its attributes
    (``search_index`` and ``search_index_prev``), so no theme is imported; a plugin without
    them is left alone."""
    for plugin in plugins:
        index, previous = getattr(plugin, "search_index", None), getattr(
            plugin, "search_index_prev", None)
        if previous is not None and isinstance(getattr(index, "entries", None), list):
            index.entries = merge_search_index(  # type: ignore[union-attr]
                previous.entries, index.entries, rebuilt, pages)  # type: ignore[union-attr]
            plugin.search_index_prev = None  # type: ignore[attr-defined]


class Rebuilds:
    """What one ``mkdocs serve`` remembers between its builds (MkDocs keeps a plugin that has
    an ``on_startup`` event for the whole serve), and what a build did."""

    def __init__(self) -> None:
        #: Set under ``--dirty``: only then does MkDocs keep the site and skip unmodified files.
        self.dirty = False
        self.cache: RenderCache[Any] = RenderCache()
        self.outputs = Outputs()
        #: The URLs of the pages this build wrote (and so indexed for search).
        self.built: set[str] = set()
        self._history: object = None

    def changed(
        self, config_file: str | None, written: Sequence[tuple[str, str, str]],
        current: dict[str, tuple[object, str]], history: object,
    ) -> tuple[set[str], str]:
        """The generated outputs that changed (see :meth:`Outputs.update`) and a line saying
        what the build does.

        Every page embeds the configuration and the navigation, which holds the titles of the
        hand-written pages (``written``: their URIs, files and destinations): a change to
        either changes every output. Under ``--dirty``, the outputs that are gone and the
        hand-written pages' (few, and rebuilt at every build so that their titles are known)
        are deleted first, so that MkDocs writes them again. ``history`` is
        the git history: the same object as last time means git's log was not read again."""
        context = (Path(config_file or os.devnull).read_bytes(),
                   [(uri, os.stat(path).st_mtime_ns) for uri, path, _ in written])
        changed, gone = self.outputs.update(context, current)
        reused, self._history, self.built = history is self._history, history, set()
        for dest in (*gone, *(dest for _, _, dest in written)) if self.dirty else ():
            Path(dest).unlink(missing_ok=True)
        return changed, (f"{len(changed):,} of {len(current):,} generated pages and files "
                         f"changed, {len(gone):,} gone; git history "
                         f"{'reused' if reused else 'read'}")

    def mend(self, plugins: Iterable[object], pages: Sequence[str]) -> None:
        """Under ``--dirty``, :func:`repair_search_index` with the pages this build wrote."""
        if self.dirty:
            repair_search_index(plugins, self.built, pages)
