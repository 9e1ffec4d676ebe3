"""Rendered results kept from one build to the next (``mkdocs serve``), with their inputs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class RenderCache(Generic[T]):
    """Rendered results kept from one build to the next, each with the inputs it was made from.

    :meth:`start` opens a build with what every result depends on (settings, link layout);
    when that differs from the last build's, nothing is reused. A result not asked for during
    a build is forgotten at the next :meth:`start`, so the cache holds one build's worth."""

    def __init__(self) -> None:
        self._shared: object = None
        self._last: dict[str, tuple[object, T]] = {}
        self._current: dict[str, tuple[object, T]] = {}
        #: How many results the current build reused.
        self.hits = 0

    def start(self, shared: object) -> None:
        kept = self._current if shared == self._shared else {}
        self._last, self._current, self._shared, self.hits = kept, {}, shared, 0

    def get(self, name: str, inputs: object, make: Callable[[], T]) -> T:
        """The last build's result for ``name`` if it was made from equal ``inputs``, else
        ``make()``. Inputs are compared with ``==``: frozen dataclasses compare by value, and
        anything compared by identity only ever misses, which is slower but never wrong."""
        last = self._last.get(name)
        if last is not None and last[0] == inputs:
            self.hits += 1
            value = last[1]
        else:
            value = make()
        self._current[name] = (inputs, value)
        return value
