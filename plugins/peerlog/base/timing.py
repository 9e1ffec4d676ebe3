"""Seconds spent in each of peerlog's own stages of a build, measured inside the real build.

The benchmark (``scripts/bench_build.py``) needs peerlog's share of a ``mkdocs build`` without
running the stages a second time outside it: the plugin times each stage with a
:class:`Stopwatch`, logs the seconds at DEBUG, and writes them as JSON to the file named by the
``PEERLOG_TIMINGS`` environment variable (a benchmark's switch, not a site option).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: The environment variable naming the file the plugin writes its stages' seconds to.
ENV = "PEERLOG_TIMINGS"


class Stopwatch:
    """Seconds per stage, added up: a stage timed once per page sums over the pages."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

    def finish(self, log: Callable[[str], None]) -> None:
        """Log each stage's seconds, and write them as a JSON object to the file
        ``PEERLOG_TIMINGS`` names, if it names one."""
        for name, seconds in self.seconds.items():
            log(f"{name}: {seconds:.3f} s")
        if path := os.environ.get(ENV):
            Path(path).write_text(json.dumps(self.seconds, indent=1) + "\n", encoding="utf-8")
