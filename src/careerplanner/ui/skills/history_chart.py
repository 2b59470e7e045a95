"""A small chart of each skill's level over time, from the saved snapshots.

Points stand by date (a day each: the last snapshot of a day counts for it), so a series
saved over months reads by day and month, never by the hour; a level holds until the
next snapshot (a step). The date axis is labelled with month names, by
``careerplanner.ui.kit.chart_axes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from careerplanner.ui.kit import widgets as w
from careerplanner.ui.kit.chart_axes import date_ticks
from careerplanner.ui.kit.plotting import still_plot, style_plot
from careerplanner.vocab import LEVEL_NAMES, MAX_LEVEL

#: One colour per skill, mid-tones that read on light and dark backgrounds.
SKILL_COLORS = ("#3B82F6", "#F59E0B", "#10B981", "#EF4444", "#A855F7", "#06B6D4",
                "#EC4899", "#84CC16")  # fmt: skip

#: Lines at the same level are drawn a hair apart so that none hides another.
DODGE = 0.045
#: Room for one date label on the axis (pixels).
TICK_W = 64


def by_day(points: Sequence[tuple[datetime, int]]) -> list[tuple[date, int]]:
    """One point per day, oldest first: the level of the day's last snapshot."""
    days: dict[date, tuple[datetime, int]] = {}
    for when, level in points:
        day = when.date()
        if day not in days or when >= days[day][0]:
            days[day] = (when, level)
    return [(day, days[day][1]) for day in sorted(days)]


class SkillHistoryChart(QWidget):
    """Lines of level (y, named levels) against the date of each snapshot (x)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self._pg = pg
        self.series: list[tuple[str, list[tuple[datetime, int]]]] = []
        #: What is drawn: per skill, its levels by day.
        self.days: list[tuple[str, list[tuple[date, int]]]] = []
        self.plot = still_plot(pg, "history_plot", "Skill levels over time", 160)
        item = self.plot.getPlotItem()
        item.getAxis("left").setTicks([[(i, LEVEL_NAMES[i]) for i in range(MAX_LEVEL + 1)]])
        item.getAxis("left").setWidth(86)
        item.showGrid(x=False, y=True, alpha=0.25)
        self.legend_host = QWidget()
        self.legend_host.setObjectName("history_legend")
        self._legend = QGridLayout(self.legend_host)
        self._legend.setContentsMargins(4, 2, 4, 0)
        self._legend.setHorizontalSpacing(6)
        self._legend.setVerticalSpacing(2)
        self._legend.setColumnStretch(6, 1)
        chart_page = QWidget()
        page_box = QVBoxLayout(chart_page)
        page_box.setContentsMargins(0, 0, 0, 0)
        page_box.setSpacing(2)
        page_box.addWidget(self.plot, 1)
        page_box.addWidget(self.legend_host)
        self.empty = w.label(
            "Save an assessment to start your history: each save adds a point per skill.",
            muted=True,
            name="history_empty",
        )
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.empty)
        self._stack.addWidget(chart_page)
        self._chart_page = chart_page
        self._curves: list[Any] = []
        self._dots: list[Any] = []
        self._span: tuple[date, date] | None = None
        self._restyle()

    def set_history(self, series: Sequence[tuple[str, Sequence[tuple[datetime, int]]]]) -> None:
        """One (skill name, [(taken at, level), ...]) per skill, oldest point first."""
        self.series = [(name, list(points)) for name, points in series]
        self.days = [(name, by_day(points)) for name, points in self.series]
        item = self.plot.getPlotItem()
        for curve in self._curves:
            item.removeItem(curve)
        self._curves, self._dots = [], []
        while self._legend.count():
            child = self._legend.takeAt(0)
            gone = child.widget() if child is not None else None
            if gone is not None:
                gone.deleteLater()
        has_points = any(points for _name, points in self.days)
        self._stack.setCurrentWidget(self._chart_page if has_points else self.empty)
        if not has_points:
            self._span = None
            return
        n = len(self.days)
        for i, (name, points) in enumerate(self.days):
            color = SKILL_COLORS[i % len(SKILL_COLORS)]
            dodge = (i - (n - 1) / 2) * DODGE
            xs = [float(d.toordinal()) for d, _level in points]
            ys = [level + dodge for _d, level in points]
            # A level holds until the next snapshot: a step, with a dot at each snapshot.
            step_x, step_y = xs[:1], ys[:1]
            for x, y in zip(xs[1:], ys[1:], strict=True):
                step_x += [x, x]
                step_y += [step_y[-1], y]
            line = self._pg.PlotDataItem(step_x, step_y, pen=self._pg.mkPen(color, width=2))
            dots = self._pg.ScatterPlotItem(
                xs, ys, size=6, brush=self._pg.mkBrush(color), pen=self._pg.mkPen(color)
            )
            for curve in (line, dots):
                item.addItem(curve)
                self._curves.append(curve)
            self._dots.append(dots)
            swatch = QFrame()
            swatch.setFixedSize(16, 4)
            swatch.setStyleSheet(f"background: {color}; border: none;")
            cell = i % 3 * 2
            self._legend.addWidget(swatch, i // 3, cell)
            self._legend.addWidget(w.label(name, wrap=False, selectable=False), i // 3, cell + 1)
        days = [d for _name, points in self.days for d, _level in points]
        self._span = (min(days), max(days))
        self._set_range()
        self._restyle()

    def positions(self, index: int) -> list[float]:
        """Where the snapshots of skill ``index`` stand on the x axis (in days)."""
        return [float(x) for x in self._dots[index].data["x"]]

    def _set_range(self) -> None:
        if self._span is None:
            return
        first, last = self._span
        pad = max((last - first).days * 0.05, 2.0)  # a lone day still has room around it
        lo, hi = first.toordinal() - pad, last.toordinal() + pad
        item = self.plot.getPlotItem()
        item.getViewBox().setRange(xRange=(lo, hi), yRange=(-0.3, MAX_LEVEL + 0.3), padding=0)
        # Ticks within the snapshots' dates: a label at the very edge would be dropped.
        self.ticks = date_ticks(first, last, max(2, self.plot.width() // TICK_W))
        major = [(float(t.day.toordinal()), t.label + (f" {t.year}" if t.year else ""))
                 for t in self.ticks]  # fmt: skip
        item.getAxis("bottom").setTicks([major])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._set_range()  # as many date labels as the width holds

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._restyle()

    def _restyle(self) -> None:
        style_plot(self._pg, self.plot, self.palette())

    def colors(self) -> tuple[QColor, QColor]:
        """(background, text) as drawn now: they follow the palette."""
        axis = self.plot.getPlotItem().getAxis("left")
        return self.plot.backgroundBrush().color(), axis.textPen().color()
