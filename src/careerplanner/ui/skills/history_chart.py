"""A small line chart of each skill's level over time, from the saved snapshots."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from careerplanner.ui.kit import widgets as w
from careerplanner.ui.kit.plotting import date_plot, style_plot
from careerplanner.vocab import LEVEL_NAMES, MAX_LEVEL

#: One colour per skill, mid-tones that read on light and dark backgrounds.
SKILL_COLORS = ("#3B82F6", "#F59E0B", "#10B981", "#EF4444", "#A855F7", "#06B6D4",
                "#EC4899", "#84CC16")  # fmt: skip

#: Lines at the same level are drawn a hair apart so that none hides another.
DODGE = 0.045


class SkillHistoryChart(QWidget):
    """Lines of level (y, named levels) against the date of each snapshot (x)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self._pg = pg
        self.series: list[tuple[str, list[tuple[datetime, int]]]] = []
        self.plot = date_plot(pg, "history_plot", "Skill levels over time", 160)
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
        self._restyle()

    def set_history(self, series: Sequence[tuple[str, Sequence[tuple[datetime, int]]]]) -> None:
        """One (skill name, [(taken at, level), ...]) per skill, oldest point first."""
        self.series = [(name, list(points)) for name, points in series]
        item = self.plot.getPlotItem()
        for curve in self._curves:
            item.removeItem(curve)
        self._curves = []
        while self._legend.count():
            child = self._legend.takeAt(0)
            gone = child.widget() if child is not None else None
            if gone is not None:
                gone.deleteLater()
        has_points = any(points for _name, points in self.series)
        self._stack.setCurrentWidget(self._chart_page if has_points else self.empty)
        if not has_points:
            return
        n = len(self.series)
        stamps: list[float] = []
        for i, (name, points) in enumerate(self.series):
            color = SKILL_COLORS[i % len(SKILL_COLORS)]
            xs = [p[0].timestamp() for p in points]
            ys = [p[1] + (i - (n - 1) / 2) * DODGE for p in points]
            stamps += xs
            curve = self._pg.PlotDataItem(
                xs, ys, name=name, pen=self._pg.mkPen(color, width=2), symbol="o",
                symbolSize=6, symbolBrush=color, symbolPen=self._pg.mkPen(color),
            )  # fmt: skip
            item.addItem(curve)
            self._curves.append(curve)
            swatch = QFrame()
            swatch.setFixedSize(16, 4)
            swatch.setStyleSheet(f"background: {color}; border: none;")
            cell = i % 3 * 2
            self._legend.addWidget(swatch, i // 3, cell)
            self._legend.addWidget(w.label(name, wrap=False, selectable=False), i // 3, cell + 1)
        lo, hi = min(stamps), max(stamps)
        pad = max((hi - lo) * 0.06, 12 * 3600.0)
        item.getViewBox().setRange(
            xRange=(lo - pad, hi + pad), yRange=(-0.3, MAX_LEVEL + 0.3), padding=0
        )
        self._restyle()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._restyle()

    def _restyle(self) -> None:
        style_plot(self._pg, self.plot, self.palette())
