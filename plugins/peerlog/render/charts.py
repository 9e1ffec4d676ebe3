"""Charts drawn at build time: the geometry of SVG bar and line charts, for a template to draw.

No chart library and no script: a build-time SVG works offline, costs the reader nothing, shrinks
with the page (a ``viewBox`` and ``width: 100%``), and takes its colours from CSS custom
properties, so Material's dark scheme (``slate``) restyles it like the rest of the page. The
numbers here are geometry only; every text (titles, labels, series names, which may come from a
pull request) is printed by the autoescaping template ``_chart.html``.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from peerlog.base.text import spreadsheet_cell

WIDTH, HEIGHT = 480, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 10, 48
#: At most this many labels along the x axis (every n-th period), so they never overlap.
MAX_X_LABELS = 6
Y_TICKS = 4


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    label: str
    value: int


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    """A chart and its table: ``labels`` along x, one value per label in each series;
    ``kind`` is ``bars`` (stacked) or ``lines``. ``rows`` are the table's rows (the label, then
    one cell per column), ``columns`` its header after the first."""

    id: str
    title: str
    x_label: str
    y_label: str
    reading: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    kind: Literal["bars", "lines"] = "bars"
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    csv: str = ""
    """The site path of the CSV file holding these numbers."""

    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP

    @property
    def right(self) -> int:
        return self.width - RIGHT

    @property
    def bottom(self) -> int:
        return self.height - BOTTOM

    @property
    def y_max(self) -> int:
        """The top of the y axis: the largest stack or value, rounded up to a tick step."""
        if self.kind == "bars":
            top = max((sum(s.values[i] for s in self.series) for i in range(len(self.labels))),
                      default=0)
        else:
            top = max((v for s in self.series for v in s.values), default=0)
        step = _step(top)
        return max(step, math.ceil(top / step) * step)

    def _y(self, value: float) -> float:
        return round(self.bottom - (self.bottom - self.top) * value / self.y_max, 1)

    @property
    def slot(self) -> float:
        return (self.right - self.left) / max(1, len(self.labels))

    def _x(self, i: int) -> float:
        return round(self.left + self.slot * (i + 0.5), 1)

    @property
    def y_ticks(self) -> tuple[Tick, ...]:
        step = _step(self.y_max)
        return tuple(Tick(self._y(v), str(v)) for v in range(0, self.y_max + 1, step))

    @property
    def x_ticks(self) -> tuple[Tick, ...]:
        every = max(1, math.ceil(len(self.labels) / MAX_X_LABELS))
        return tuple(Tick(self._x(i), label) for i, label in enumerate(self.labels)
                     if i % every == 0)

    @property
    def bars(self) -> tuple[Bar, ...]:
        width = round(self.slot * 0.7, 1)
        out = []
        for i, label in enumerate(self.labels):
            base = 0
            for s, series in enumerate(self.series):
                value = series.values[i]
                if value:
                    top = self._y(base + value)
                    out.append(Bar(round(self._x(i) - width / 2, 1), top, width,
                                   round(self._y(base) - top, 1), s, label, value))
                base += value
        return tuple(out)

    @property
    def lines(self) -> tuple[tuple[int, str], ...]:
        """Each series as ``(index, "x,y x,y ...")`` for a ``<polyline>``."""
        return tuple((s, " ".join(f"{self._x(i)},{self._y(v)}" for i, v in
                                  enumerate(series.values)))
                     for s, series in enumerate(self.series))


def _step(top: int) -> int:
    """A round step that splits ``0..top`` into about :data:`Y_TICKS` parts: 1, 2, 5, 10..."""
    rough = max(1.0, top / Y_TICKS)
    power = 10 ** math.floor(math.log10(rough))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= rough))


def to_csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV text, with every cell a spreadsheet could run as a formula (``=``, ``+``, ``-``, ``@``
    and control characters first: names and teams come from pull requests) quoted as text by
    a leading apostrophe, as OWASP advises."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_cell(v) for v in row])
    return out.getvalue()

