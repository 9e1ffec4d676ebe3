"""Search for a large journal: a Pagefind index of the built site, answered inside Material's box.

Material's search makes every reader download the whole index on their first page (49 MiB at
10,000 entries, see ``docs/benchmarks.md``) and index it again in a web worker on every page
load. Pagefind splits its index into chunks by word, so a query fetches only the chunks of its
words and the fragments of the results it shows. Material keeps its search box and result list;
``assets/peerlog/search.js`` answers the box from Pagefind in Material's result markup, and
adds filters by topic, problem type and outcome (the ``data-pagefind-filter`` attributes of an
entry page's header).

The choice (``search`` option): ``material`` or ``pagefind`` always, or ``auto``: Material up to
:data:`PAGEFIND_ABOVE` entries, where its index is still small enough (about 5 KB an entry) and
it gives section results and suggestions; Pagefind above.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import get_executable

#: ``auto`` turns to Pagefind above this many entries: Material's index is then past about
#: 2.5 MB, which every reader downloads and indexes on every page load.
PAGEFIND_ABOVE = 500
#: Pagefind's bundle, under the site folder; the script reads it from the same place.
PAGEFIND_FOLDER = "pagefind"
#: Material's article: the page's own content, without the header, navigation and footer.
ROOT_SELECTOR = "article.md-content__inner"
#: Pagefind's own search interfaces, which it writes beside its index: never loaded (our script
#: draws the results in Material's list), and their licence headers carry e-mail addresses.
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


@dataclass(frozen=True)
class IndexReport:
    """What indexing a built site did: pages indexed, bytes written, seconds taken."""

    pages: int
    bytes: int
    seconds: float


def uses_pagefind(mode: str, entries: int) -> bool:
    """Whether a site of ``entries`` entries searches with Pagefind under ``mode``."""
    return mode == "pagefind" or (mode == "auto" and entries > PAGEFIND_ABOVE)


def pagefind_answers(mode: str, entries: int, search_box: bool) -> tuple[bool, str | None]:
    """Whether Pagefind answers this build's search box (``search_box``: the site has one,
    Material's search plugin draws it), and why not when it was asked for but cannot."""
    if not (search_box and uses_pagefind(mode, entries)):
        return False, None
    missing = pagefind_missing()
    return missing is None, missing


def pagefind_missing() -> str | None:
    """Why Pagefind cannot run here (its binary is a wheel of its own), or None."""
    if get_executable() is None:
        return ("search: Pagefind's binary is not installed (pip install 'pagefind[bin]'); "
                "Material's search answers instead")
    return None


def index_site(site_dir: Path) -> IndexReport:
    """Index every HTML page of the built site in ``site_dir`` into ``site_dir/pagefind``.

    A function of its own so that a rebuild (``mkdocs serve``) can call it alone; it runs
    Pagefind's binary through its Python API, which is asynchronous, in a loop of its own."""
    started = time.perf_counter()
    pages = asyncio.run(_index(site_dir.resolve()))
    bundle = site_dir / PAGEFIND_FOLDER
    for unused in bundle.iterdir():
        if unused.name.startswith(UNUSED):
            unused.unlink()
    written = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    return IndexReport(pages, written, time.perf_counter() - started)


async def _index(site_dir: Path) -> int:
    config: IndexConfig = {"root_selector": ROOT_SELECTOR, "force_language": "en",
                           "output_path": str(site_dir / PAGEFIND_FOLDER)}
    async with PagefindIndex(config=config) as index:
        indexed = await index.add_directory(str(site_dir))
    return indexed["page_count"]
