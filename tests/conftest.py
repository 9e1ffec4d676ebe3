from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

# Browser fixtures are registered here, once, so every browser test module shares one
# Playwright instance and one Chromium (two sync Playwright instances in one process clash).
from .browser import (  # noqa: F401
    browser_fixture,
    example_search_url_fixture,
    example_site_fixture,
    example_url_fixture,
    page_fixture,
)
from .project import Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """An empty project (docs/index.md, journals/) in a temp dir, ready to build."""
    return Project(tmp_path / "kb")


class FileProgress:
    """Under pytest-xdist (``make test`` runs ``-n 2``), which prints only dots: a line for each
    test file once its last test has finished, with its count, outcome and time since its first
    test started. Without xdist pytest's own one line per file is left alone."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.total: Counter[str] = Counter()
        self.done: Counter[str] = Counter()
        self.failed: Counter[str] = Counter()
        self.started: dict[str, float] = {}

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node: Any, ids: list[str]) -> None:
        if not self.total:  # every worker collects the same tests
            self.total = Counter(nodeid.split("::")[0] for nodeid in ids)

    def pytest_runtest_logstart(self, nodeid: str, location: Any) -> None:
        self.started.setdefault(nodeid.split("::")[0], time.monotonic())

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        file = report.nodeid.split("::")[0]
        if report.failed:
            self.failed[file] += 1
        if report.when != "teardown":
            return
        self.done[file] += 1
        if self.done[file] == self.total[file]:
            seconds = time.monotonic() - self.started.get(file, time.monotonic())
            outcome = f"{self.failed[file]} FAILED" if self.failed[file] else "passed"
            reporter = self.config.pluginmanager.get_plugin("terminalreporter")
            if reporter is not None:
                reporter.write_line(f"{file}: {self.total[file]} tests {outcome} ({seconds:.0f} s)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The costliest files first: those with the most ``slow`` tests, then the other browser
    files, then the rest, each kept in collection order. pytest-xdist hands out whole files
    (``--dist loadfile``, in this order with ``--no-loadscope-reorder``), so a long file that
    started last would run on alone while the other worker sat idle."""
    slow: Counter[str] = Counter()
    browser: set[str] = set()
    for item in items:
        if item.get_closest_marker("slow"):
            slow[item.nodeid.split("::")[0]] += 1
        if item.get_closest_marker("browser"):
            browser.add(item.nodeid.split("::")[0])

    def cost(item: pytest.Item) -> tuple[int, bool]:
        file = item.nodeid.split("::")[0]
        return -slow[file], file not in browser

    items.sort(key=cost)


def pytest_configure(config: pytest.Config) -> None:
    controller = not hasattr(config, "workerinput")
    if controller and getattr(config.option, "numprocesses", None):
        config.pluginmanager.register(FileProgress(config), "peerlog-file-progress")
