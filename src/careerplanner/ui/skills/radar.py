"""The skills radar: one axis per skill, rings for the levels, target/current/earlier.

Two renderers share the geometry and the colours here:

- ``RadarChart``, the interactive widget of the Skills tab, drawn with pyqtgraph
  (imported when the first chart is built, never when this module is imported);
- ``paint_radar`` / ``render_radar_image`` (in ``careerplanner.export.radar``), plain
  QPainter drawing onto any paint device
  (an image, or a PDF page), which needs a QGuiApplication but no window and no widget.

Axis 0 points up; the others follow clockwise. A level ``r`` on axis ``i`` of ``n`` is
the point ``(r·cos a, r·sin a)`` with ``a = 90° − i·360°/n`` (y grows upwards).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPolygonItem, QSizePolicy, QVBoxLayout, QWidget

from careerplanner.export.radar import (  # noqa: F401 - re-exported for the tab and tests
    CURRENT_COLOR,
    DRAW_ORDER,
    FILL_ALPHA,
    SNAPSHOT_COLOR,
    TARGET_COLOR,
    _anchor,
    _clamped,
    _with_alpha,
    paint_radar,
    polygon_points,
    render_radar_image,
    vertex,
)
from careerplanner.vocab import LEVEL_NAMES, MAX_LEVEL

# -- the interactive widget (pyqtgraph) -------------------------------------------------------


class RadarChart(QWidget):
    """The radar as a pyqtgraph plot with a fixed aspect ratio and no plot furniture."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self._pg = pg
        self.labels: list[str] = []
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("radar_plot")
        self.plot.setAccessibleName("Skills radar chart")
        self.plot.setMinimumSize(320, 260)
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        item = self.plot.getPlotItem()
        for axis in ("left", "bottom", "right", "top"):
            item.hideAxis(axis)
        item.setMenuEnabled(False)
        item.hideButtons()
        self.view = item.getViewBox()
        self.view.setMouseEnabled(False, False)
        self.view.setAspectLocked(True)
        self.view.enableAutoRange(enable=False)
        self.legend = item.addLegend(offset=(8, 8))
        self._grid: list[Any] = []
        self._texts: list[Any] = []  # axis labels
        self._ring_texts: list[Any] = []
        self._fills: dict[str, Any] = {}
        self._lines: dict[str, Any] = {}
        self._values: dict[str, list[float] | None] = {
            "target": [],
            "current": [],
            "snapshot": None,
        }
        self.snapshot_label = "Earlier"
        for key, name, color, style in (
            ("target", "Target", TARGET_COLOR, Qt.PenStyle.DashLine),
            ("current", "Current", CURRENT_COLOR, Qt.PenStyle.SolidLine),
            ("snapshot", "Earlier", SNAPSHOT_COLOR, Qt.PenStyle.DotLine),
        ):
            fill = QGraphicsPolygonItem()
            fill.setBrush(_with_alpha(color, FILL_ALPHA[key]))
            fill.setPen(QPen(Qt.PenStyle.NoPen))
            fill.setZValue(DRAW_ORDER[key])
            self.view.addItem(fill, ignoreBounds=True)
            pen = pg.mkPen(color=color, width=2.5, style=style)
            line = pg.PlotDataItem([], [], pen=pen, name=name, symbol="o", symbolSize=7,
                                   symbolBrush=color, symbolPen=pg.mkPen(color))  # fmt: skip
            line.setZValue(5 + DRAW_ORDER[key])
            self.view.addItem(line)
            self._fills[key], self._lines[key] = fill, line
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self._restyle()

    # -- data ----------------------------------------------------------------------
    def set_data(
        self,
        labels: Sequence[str],
        targets: Sequence[float],
        current: Sequence[float],
        snapshot: Sequence[float] | None = None,
        snapshot_label: str = "Earlier",
    ) -> None:
        """Show these skills and levels (one per label, in order); redraws at once."""
        if list(labels) != self.labels:
            self.labels = list(labels)
            self._draw_grid()
        n = len(self.labels)
        self._values = {
            "target": _clamped(targets, n),
            "current": _clamped(current, n),
            "snapshot": _clamped(snapshot, n) if snapshot is not None else None,
        }
        self.snapshot_label = snapshot_label
        self._draw_series()

    def points(self, key: str) -> list[tuple[float, float]]:
        """The vertices the chart draws for ``key`` (target, current, snapshot)."""
        line = self._lines[key]
        if not line.isVisible():
            return []
        xs, ys = line.getData()
        if xs is None:
            return []
        return [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)][:-1]

    def series_color(self, key: str) -> str:
        return {"target": TARGET_COLOR, "current": CURRENT_COLOR, "snapshot": SNAPSHOT_COLOR}[key]

    def _draw_series(self) -> None:
        self.legend.clear()
        self.legend_names: list[str] = []
        for key in ("target", "current", "snapshot"):
            values = self._values[key]
            line, fill = self._lines[key], self._fills[key]
            visible = values is not None and bool(self.labels)
            line.setVisible(visible)
            fill.setVisible(visible)
            if not visible or values is None:
                continue
            pts = polygon_points(values)
            closed = [*pts, pts[0]]
            line.setData([p[0] for p in closed], [p[1] for p in closed])
            fill.setPolygon(QPolygonF([QPointF(x, y) for x, y in pts]))
            name = {"target": "Target", "current": "Current"}.get(key, self.snapshot_label)
            self.legend_names.append(name)
            self.legend.addItem(line, html.escape(name))  # the legend reads HTML
        self._restyle_legend()

    def _draw_grid(self) -> None:
        pg = self._pg
        for gi in self._grid + self._texts + self._ring_texts:
            self.view.removeItem(gi)
        self._grid, self._texts, self._ring_texts = [], [], []
        n = len(self.labels)
        if not n:
            return
        for level in range(1, MAX_LEVEL + 1):
            ring = polygon_points([level] * n)
            ring.append(ring[0])
            curve = pg.PlotCurveItem([p[0] for p in ring], [p[1] for p in ring])
            curve.setZValue(-10)
            self.view.addItem(curve)
            self._grid.append(curve)
            text = pg.TextItem(LEVEL_NAMES[level], anchor=(0, 1))
            text.setPos(0.12, level)
            self.view.addItem(text)
            self._ring_texts.append(text)
        for i in range(n):
            x, y = vertex(i, n, MAX_LEVEL)
            spoke = pg.PlotCurveItem([0, x], [0, y])
            spoke.setZValue(-10)
            self.view.addItem(spoke)
            self._grid.append(spoke)
        for i, name in enumerate(self.labels):
            text = pg.TextItem(name, anchor=_anchor(i, n))
            text.setPos(*vertex(i, n, MAX_LEVEL + 0.3))
            self.view.addItem(text)
            self._texts.append(text)
        # Room for the labels at the sides and the legend at the top.
        self.view.setRange(xRange=(-7.4, 7.4), yRange=(-5.2, 5.6), padding=0)
        self._restyle()

    # -- palette -------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._restyle()

    def _restyle(self) -> None:
        pal = self.palette()
        fg = pal.color(QPalette.ColorRole.WindowText)
        self.plot.setBackground(pal.color(QPalette.ColorRole.Base))
        grid = QColor(fg)
        grid.setAlpha(60)
        muted = QColor(fg)
        muted.setAlpha(150)
        for gi in self._grid:
            gi.setPen(self._pg.mkPen(grid, width=1))
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() - 1.5))
        for ti in self._texts:
            ti.setColor(fg)
            ti.setFont(bold)
        for ti in self._ring_texts:
            ti.setColor(muted)
            ti.setFont(small)
        self._restyle_legend()

    def colors(self) -> tuple[QColor, QColor]:
        """(background, text) as drawn now: they follow the palette."""
        text = self._texts[0].color if self._texts else self.legend.opts["labelTextColor"]
        return self.plot.backgroundBrush().color(), QColor(text)

    def _restyle_legend(self) -> None:
        pal = self.palette()
        self.legend.setLabelTextColor(pal.color(QPalette.ColorRole.WindowText))
        self.legend.setBrush(self._pg.mkBrush(pal.color(QPalette.ColorRole.Base)))
