"""What the app's date charts share: a still pyqtgraph plot styled from the palette.

Call these only from a chart's constructor or restyle: they need pyqtgraph imported.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QSizePolicy


def date_plot(pg: Any, name: str, accessible_name: str, min_height: int) -> Any:
    """A PlotWidget with a date axis, no menu, no buttons and no mouse zoom or pan."""
    plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
    plot.setObjectName(name)
    plot.setAccessibleName(accessible_name)
    plot.setMinimumHeight(min_height)
    plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    item = plot.getPlotItem()
    item.setMenuEnabled(False)
    item.hideButtons()
    item.getViewBox().setMouseEnabled(False, False)
    return plot


def style_plot(pg: Any, plot: Any, palette: QPalette) -> QColor:
    """Background and axes in the palette's colours; returns the text colour."""
    fg = QColor(palette.color(QPalette.ColorRole.WindowText))
    plot.setBackground(palette.color(QPalette.ColorRole.Base))
    item = plot.getPlotItem()
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(fg))
        axis.setTextPen(pg.mkPen(fg))
    return fg
