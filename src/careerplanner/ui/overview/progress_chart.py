"""Progress over time: tutorials finished and practice reviews, cumulative, by date.

A pyqtgraph plot (imported when the chart is first built) with a date axis, styled from
the palette so it follows the light or dark theme.
"""

from __future__ import annotations

import calendar
import time
from datetime import date, timedelta

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

from careerplanner import limits
from careerplanner.services.activity import ProgressPoint
from careerplanner.ui.kit.plotting import date_plot, style_plot

TUTORIALS_COLOR = "#3B82F6"
REVIEWS_COLOR = "#10B981"


def _stamp(day: date) -> float:
    """Local midnight of ``day`` as a timestamp, as the date axis reads it."""
    try:
        return time.mktime(day.timetuple())
    except (OverflowError, OSError, ValueError):  # before 1970 on Windows
        return calendar.timegm(day.timetuple()) + time.timezone


class ProgressChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self._pg = pg
        self.plot = date_plot(pg, "progress_plot", "Progress over time chart", 200)
        item = self.plot.getPlotItem()
        item.showGrid(x=False, y=True, alpha=0.25)
        self.legend = item.addLegend(offset=(10, 6))
        tutorials_pen = pg.mkPen(TUTORIALS_COLOR, width=2.5)
        reviews_pen = pg.mkPen(REVIEWS_COLOR, width=2.5)
        self.tutorials = item.plot(
            [], [], name="Tutorials finished", pen=tutorials_pen, stepMode="right"
        )
        self.reviews = item.plot([], [], name="Practice reviews", pen=reviews_pen, stepMode="right")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.points: list[ProgressPoint] = []
        self._restyle()

    def set_points(self, points: list[ProgressPoint], today: date) -> None:
        """Cumulative step lines from the first active day to today."""
        today = limits.clamp_date(today)  # a computer clock far off
        self.points = list(points)
        if not points:
            self.tutorials.setData([], [])
            self.reviews.setData([], [])
            self.plot.getPlotItem().setXRange(_stamp(today - timedelta(days=30)), _stamp(today))
            self.plot.getPlotItem().setYRange(0, 5)
            return
        # Start from zero the day before the first activity, end today.
        xs: list[float] = [_stamp(points[0].day - timedelta(days=1))]
        done: list[float] = [0.0]
        reviews: list[float] = [0.0]
        for p in points:
            xs.append(_stamp(p.day))
            done.append(p.tutorials_done)
            reviews.append(p.reviews)
        if points[-1].day < today:
            xs.append(_stamp(today))
            done.append(done[-1])
            reviews.append(reviews[-1])
        self.tutorials.setData(xs, done)
        self.reviews.setData(xs, reviews)
        item = self.plot.getPlotItem()
        start = min(points[0].day - timedelta(days=1), today - timedelta(days=14))
        item.setXRange(_stamp(start), _stamp(today + timedelta(days=1)), padding=0.02)
        item.setYRange(0, max(max(done), max(reviews), 1) * 1.1, padding=0)

    def series(self) -> dict[str, tuple[list[float], list[float]]]:
        """What the chart draws (for tests): name → (x, y)."""
        out: dict[str, tuple[list[float], list[float]]] = {}
        for name, curve in (("tutorials", self.tutorials), ("reviews", self.reviews)):
            x, y = curve.getData()
            out[name] = ([] if x is None else list(x), [] if y is None else list(y))
        return out

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._restyle()
        super().changeEvent(event)

    def _restyle(self) -> None:
        pal = self.palette()
        fg = style_plot(self._pg, self.plot, pal)
        self.legend.setLabelTextColor(fg)
        for _sample, label in self.legend.items:
            label.setText(label.text, color=QColor(fg))
        self.legend.setBrush(self._pg.mkBrush(pal.color(QPalette.ColorRole.Base)))
