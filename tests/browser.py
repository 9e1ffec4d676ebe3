"""Shared pieces for tests that drive a real headless Chromium over a built site.

``conftest.py`` registers the fixtures once for the whole session (one Playwright, one Chromium);
each is registered under its name without ``_fixture`` (``page``). Pages are
served over HTTP from 127.0.0.1 because Material's search fetches its index and runs a web
worker, neither of which works from ``file://``. Debian's ``/usr/bin/chromium`` is used;
Playwright never downloads a browser here.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import io
import json
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, expect, sync_playwright

from .project import mkdocs_build

CHROMIUM = Path("/usr/bin/chromium")
#: Every host but 127.0.0.1 fails to resolve at once, so nothing can leave the machine and a
#: pending request (Material's Google Fonts) never holds a page's ``load`` event. This is done
#: in the browser's resolver rather than with Playwright's request routing, which turns off the
#: HTTP cache: with routing every page fetched and compiled Material's bundle anew, and the
#: hostile sweep took a third longer. The GPU runs in the browser process (one process less per
#: page to feed; there is no GPU anyway), and without SwiftShader, the software GPU that
#: compositing would otherwise go through: pages are drawn by Skia on the CPU, as they are
#: when a machine has no GPU, and a visit cost about an eighth less CPU (200 hostile pages, in
#: alternating runs: 43.6 and 47.2 s against 50.3 and 53.4 s).
#:
#: Chromium 156 gives every navigation a new document host and, for a same-site link, may swap
#: to a new browsing instance (``RenderDocument``, ``ProactivelySwapBrowsingInstance``; both
#: serve the back-forward cache, which Playwright turns off). They change which process a page
#: lives in, not what its scripts or DOM do; turned off, a page visit costs about a fifth less
#: CPU (measured over 200 pages of the hostile corpus: 53-61 s against 70-74 s). Chromium keeps
#: only the last ``--disable-features``, so Playwright's own list (its
#: ``chromiumSwitches.ts``, less its Windows and Edge entries) is repeated here.
PLAYWRIGHT_DISABLED_FEATURES = [
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding",
    "ThirdPartyStoragePartitioning", "AvoidCorsURLLoaderRestartOnRedirect", "OptimizationHints",
    "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch",
]
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--in-process-gpu",
               "--disable-software-rasterizer",
               "--disable-background-networking", "--disable-component-update",
               "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
               "--disable-features=" + ",".join([*PLAYWRIGHT_DISABLED_FEATURES, "BackForwardCache",
                                                 "RenderDocument",
                                                 "ProactivelySwapBrowsingInstance"])]
REPO = Path(__file__).parents[1]
OFFSITE = re.compile(r"^(?!http://127\.0\.0\.1[:/])")
#: Material's count of results ("1.2k matching documents" past a thousand).
MATCHING = re.compile(r"(No|[\d.]+k?) matching documents?")


#: Material's search index, relative to the site.
SEARCH_INDEX = "search/search_index.json"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without printing a line per request into the test output, and answers
    the site-relative paths in ``stubs`` with the bytes given instead of the file."""

    stubs: ClassVar[dict[str, bytes]] = {}

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        stub = self.stubs.get(self.path.split("?")[0].lstrip("/"))
        if stub is None:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(stub)))
        self.end_headers()
        return io.BytesIO(stub)

    def handle(self) -> None:
        # A tab that navigates on before a page has loaded hangs up on its requests.
        with suppress(BrokenPipeError, ConnectionResetError):
            super().handle()


class _Server(http.server.ThreadingHTTPServer):
    """socketserver's listen backlog is 5. Chromium opens six connections to a host per tab,
    and the tests run several tabs at once: past the backlog, connections wait for the kernel
    to retry them (a second or more). That is the likely cause, not reproduced, of one
    full-suite run where Pagefind's fetch of its entry file failed ("Failed to load Pagefind
    metadata"). A backlog of 128 fits every tab's connections."""

    request_queue_size = 128


@contextmanager
def serve(folder: Path, search: bool = False) -> Iterator[str]:
    """Serve ``folder`` over HTTP on a free port of 127.0.0.1; yield its base URL (with ``/``).

    Material's search worker fetches and indexes the whole search index on every page load:
    for the example site that is 40% of the browser's work per page, and for the hostile
    corpus's 4 MB index half of it. So unless ``search`` is asked for, the index is served
    empty (its own configuration, no documents): the worker starts as it does for readers,
    and has nothing to index. A test that types into the search box serves with ``search``."""
    index = folder / SEARCH_INDEX
    stubs = {}
    if not search and index.is_file():
        config = json.loads(index.read_text(encoding="utf-8"))["config"]
        stubs[SEARCH_INDEX] = json.dumps({"config": config, "docs": []}).encode()
    handler_class = type("Handler", (_QuietHandler,), {"stubs": stubs})
    handler = functools.partial(handler_class, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def build_site(config_file: Path, site: Path) -> Path:
    """Run a real ``mkdocs build`` of ``config_file`` into ``site``; fail with its log if not."""
    build = mkdocs_build(config_file, site)
    if build.code != 0:
        pytest.fail(f"mkdocs build of {config_file} failed:\n{build.log}")
    return site


@pytest.fixture(name="browser", scope="session")
def browser_fixture() -> Iterator[Browser]:
    """One headless Chromium for the whole session; a missing browser fails, never skips."""
    if not CHROMIUM.is_file():
        pytest.fail(f"browser tests need Chromium at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield chromium
        chromium.close()


#: What the ``page`` fixture gives every tab: a desktop window, short timeouts, nothing offsite.
VIEWPORT = {"width": 1400, "height": 900}
TIMEOUT_MS = 10_000


@pytest.fixture(name="page")
def page_fixture(browser: Browser) -> Iterator[Page]:
    """A fresh tab in its own context (no shared cookies, storage or cache), desktop-sized so
    that Material shows the left navigation and the search box in the header. Requests that
    leave 127.0.0.1 fail at once (:data:`LAUNCH_ARGS`)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str,
               build: Callable[[Path], object]) -> Path:
    """The folder ``name``, filled by ``build`` once per test run: the first xdist worker to
    ask builds it under a lock, the others wait and read it (so it must only be read)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if "PYTEST_XDIST_WORKER" in os.environ else base
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            build(folder)
            done.touch()
    return folder


@pytest.fixture(name="example_site", scope="session")
def example_site_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own example knowledge base, built once per test run (not per worker),
    for tests that only read it."""
    return built_once(tmp_path_factory, "example-site",
                      lambda site: build_site(REPO / "mkdocs.yml", site))


@pytest.fixture(name="example_url", scope="session")
def example_url_fixture(example_site: Path) -> Iterator[str]:
    """Base URL of the example site, served for the whole session (search index empty)."""
    with serve(example_site) as url:
        yield url


@pytest.fixture(name="example_search_url", scope="session")
def example_search_url_fixture(example_site: Path) -> Iterator[str]:
    """Base URL of the example site served with its search index, for tests that search."""
    with serve(example_site, search=True) as url:
        yield url


def type_query(page: Page, query: str, timeout_ms: float = TIMEOUT_MS) -> None:
    """Type ``query`` into Material's search box, and wait until it shows the query's results.

    The box may hold an earlier query: one page load can serve many searches, and each load
    makes Material's worker fetch and index the whole search index again (seconds, for a large
    one). So the box is emptied first and Material is seen to drop the old results; then the
    query goes in with a single key press, so that the only results that can arrive are the
    query's own (Material searches on ``keyup``). ``timeout_ms`` allows for a large index."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.click()
    box.fill("")
    box.press("Backspace")
    expect(meta).not_to_have_text(MATCHING, timeout=timeout_ms)
    box.fill(query[:-1])
    box.press(query[-1])
    expect(meta).to_have_text(MATCHING, timeout=timeout_ms)


def await_instant_navigation(page: Page) -> None:
    """Wait until Material follows the page's links without reloading: it does once it has read
    the site's sitemap, which it fetches after ``load``; a click before that is an ordinary
    navigation."""
    page.wait_for_load_state("networkidle")


def search(page: Page, query: str, timeout_ms: float = TIMEOUT_MS) -> list[str]:
    """Type ``query`` into Material's search box (:func:`type_query`); the results' titles."""
    type_query(page, query, timeout_ms)
    return page.locator(".md-search-result__item > a article h1").all_inner_texts()


@dataclass
class ServedSite:
    """A built site being served: its folder, its base URL and the pages a test visits."""

    root: Path
    url: str
    pages: list[str] = field(default_factory=list)


#: Any assignment to ``window.__pwned`` (what every payload in the test corpora does) is recorded.
TRAP = """
window.__hits = [];
Object.defineProperty(window, "__pwned", {
  configurable: false,
  get: function () { return undefined; },
  set: function (value) { window.__hits.push(location.href + " set __pwned=" + value); },
});
"""


@dataclass
class Watch:
    """Dialogs opened and ``__pwned`` assignments seen, in every frame of every tab of one
    browser context."""

    context: BrowserContext
    dialogs: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.context.add_init_script(TRAP)
        self.context.on("dialog", self.record)

    def record(self, dialog: Dialog) -> None:
        where = dialog.page.url if dialog.page else "?"
        self.dialogs.append(f"{where}: {dialog.type} {dialog.message}")
        dialog.dismiss()

    def hits(self, page: Page) -> list[str]:
        found: list[str] = list(self.dialogs)
        for frame in page.frames:
            try:
                found += frame.evaluate("() => window.__hits || []")
            except Exception as exc:  # a frame that navigated away while asked
                found.append(f"frame {frame.url} could not be checked: {exc}")
        return found


@dataclass
class Visited:
    """One page opened by :func:`visit_all`: whether it answered 2xx, and what the traps saw in
    its tab (and every dialog its browser context had opened so far)."""

    rel: str
    ok: bool
    hits: list[str]


def visit_all(page: Page, base_url: str, pages: Sequence[str]) -> list[Visited]:
    """Open every page of ``pages`` under ``base_url`` in ``page``'s tab, one after the other,
    with the traps of :class:`Watch` and the pointer moved over the content; the tab's browser
    context is kept from page to page, so its cache holds the theme's scripts.

    One tab, in the session's browser: two tabs at once, driven through Playwright's async API
    in a thread with a Chromium of their own, took 63-89 s for the hostile corpus's 404 pages
    (on two cores one page's visit already keeps both busy); this loop takes 42 s."""
    watch = Watch(page.context)
    visited = []
    for rel in pages:
        response = page.goto(base_url + rel, wait_until="load", timeout=30_000)
        page.mouse.move(700, 450)
        visited.append(Visited(rel, response is not None and response.ok, watch.hits(page)))
    return visited
