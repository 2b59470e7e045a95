"""What the app's pyqtgraph charts share: a still plot styled from the palette.

Call these only from a chart's constructor or restyle: they need pyqtgraph imported.
(The Overview's chart is drawn with QPainter and imports none of this.)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QSizePolicy


def still_plot(pg: Any, name: str, accessible_name: str, min_height: int) -> Any:
    """A PlotWidget with no menu, no buttons and no mouse zoom or pan."""
    plot = pg.PlotWidget()
    plot.setObjectName(name)
    plot.setAccessibleName(accessible_name)
    plot.setMinimumHeight(min_height)
    plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    item = plot.getPlotItem()
    item.setMenuEnabled(False)
    item.hideButtons()
    item.getViewBox().setMouseEnabled(False, False)
    return plot


def style_plot(pg: Any, view: Any, palette: QPalette, items: Iterable[Any] = ()) -> QColor:
    """Background, axes and titles in the palette's colours; returns the text colour.

    ``view`` is a PlotWidget or a GraphicsLayoutWidget; ``items`` its PlotItems (by
    default the PlotWidget's one). Called again after a theme switch.
    """
    fg = QColor(palette.color(QPalette.ColorRole.WindowText))
    view.setBackground(palette.color(QPalette.ColorRole.Base))
    for item in list(items) or [view.getPlotItem()]:
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(fg))
            axis.setTextPen(pg.mkPen(fg))
            if axis.label.toPlainText():
                axis.setLabel(axis.labelText, color=fg.name())
        title = item.titleLabel
        if title.text:
            title.setText(title.text, color=fg.name())
    return fg
