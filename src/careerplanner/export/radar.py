"""The skills radar drawn with QPainter onto any paint device: an image, a PDF page.

Needs a QGuiApplication but no window and no widget, so exports and the command line
use it; the Skills tab's interactive chart shares its geometry and colours.

Axis 0 points up; the others follow clockwise. A level ``r`` on axis ``i`` of ``n`` is
the point ``(r·cos a, r·sin a)`` with ``a = 90° − i·360°/n`` (y grows upwards).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPolygonF

from careerplanner.vocab import LEVEL_NAMES, MAX_LEVEL

#: Mid-tone colours that read on a light and on a dark background alike.
TARGET_COLOR = "#F59E0B"  # amber
CURRENT_COLOR = "#3B82F6"  # blue
SNAPSHOT_COLOR = "#C026D3"  # fuchsia
FILL_ALPHA = {"target": 40, "current": 80, "snapshot": 30}
#: Drawn bottom to top: the earlier snapshot, the target, the current polygon.
DRAW_ORDER = {"snapshot": 0, "target": 1, "current": 2}


def vertex(index: int, count: int, radius: float) -> tuple[float, float]:
    """The point at ``radius`` on axis ``index`` of ``count`` (axis 0 up, clockwise)."""
    angle = math.pi / 2 - 2 * math.pi * index / max(count, 1)
    return radius * math.cos(angle), radius * math.sin(angle)


def polygon_points(levels: Sequence[float]) -> list[tuple[float, float]]:
    """The vertices of the polygon of ``levels``, one per axis, in axis order."""
    return [vertex(i, len(levels), float(level)) for i, level in enumerate(levels)]


def _clamped(levels: Sequence[float] | None, count: int) -> list[float]:
    values = list(levels or ())[:count]
    values += [0.0] * (count - len(values))
    return [max(0.0, min(float(MAX_LEVEL), float(v))) for v in values]


def _anchor(index: int, count: int) -> tuple[float, float]:
    """Where an axis label hangs from its point: (0, 0) left/top ... (1, 1) right/bottom."""
    cx, cy = vertex(index, count, 1.0)
    ax = 0.5 if abs(cx) < 0.2 else (0.0 if cx > 0 else 1.0)
    ay = 1.0 if cy > 0.5 else 0.0 if cy < -0.5 else 0.5
    return ax, ay


def _with_alpha(color: str, alpha: int) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c


# -- QPainter renderer (images, PDF) -----------------------------------------------------


def paint_radar(
    painter: QPainter,
    rect: QRectF,
    labels: Sequence[str],
    targets: Sequence[float],
    current: Sequence[float],
    snapshot: Sequence[float] | None = None,
    *,
    snapshot_label: str = "Earlier",
    dark: bool = False,
) -> None:
    """Draw the radar chart, with its legend on top, into ``rect`` of ``painter``."""
    n = len(labels)
    fg = QColor("#E6E8EB") if dark else QColor("#1F2328")
    grid = QColor(fg)
    grid.setAlpha(70)
    muted = QColor(fg)
    muted.setAlpha(150)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    base = max(8.0, min(rect.width(), rect.height()) / 40)
    font = QFont(painter.font())
    font.setPointSizeF(base)
    small = QFont(font)
    small.setPointSizeF(base * 0.8)
    painter.setFont(font)
    fm = QFontMetricsF(font, painter.device())

    # Legend across the top.
    series = [("Target", TARGET_COLOR, targets, Qt.PenStyle.DashLine)]
    series.append(("Current", CURRENT_COLOR, current, Qt.PenStyle.SolidLine))
    if snapshot is not None:
        series.append((snapshot_label, SNAPSHOT_COLOR, snapshot, Qt.PenStyle.DotLine))
    line_h = fm.height()
    x = rect.left() + line_h * 0.5
    legend_y = rect.top() + line_h * 0.4
    for name, color, _values, style in series:
        swatch = QRectF(x, legend_y + line_h * 0.2, line_h * 1.4, line_h * 0.6)
        painter.setPen(QPen(QColor(color), max(1.5, base / 5), style))
        painter.setBrush(_with_alpha(color, 90))
        painter.drawRect(swatch)
        painter.setPen(fg)
        text_rect = QRectF(
            swatch.right() + line_h * 0.4, legend_y, fm.horizontalAdvance(name) + 2, line_h
        )
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, name)
        x = text_rect.right() + line_h * 1.2

    # The chart below the legend, leaving room for the axis labels around it.
    area = QRectF(rect.left(), legend_y + line_h * 1.6, rect.width(), 0)
    area.setBottom(rect.bottom())
    label_w = max((fm.horizontalAdvance(t) for t in labels), default=0.0) + line_h * 0.6
    radius = max(10.0, min((area.width() - 2 * label_w) / 2, (area.height() - 2.6 * line_h) / 2))
    center = area.center()
    unit = radius / MAX_LEVEL

    def at(i: int, r: float) -> QPointF:
        px, py = vertex(i, n, r * unit)
        return QPointF(center.x() + px, center.y() - py)

    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(grid, 1))
    if n:
        for level in range(1, MAX_LEVEL + 1):
            painter.drawPolygon(QPolygonF([at(i, level) for i in range(n)]))
        for i in range(n):
            painter.drawLine(center, at(i, MAX_LEVEL))

    # Fills first, then outlines and points; the earlier snapshot below, current on top.
    keys = ["target", "current", "snapshot"][: len(series)]
    drawn = sorted(zip(keys, series, strict=True), key=lambda ks: DRAW_ORDER[ks[0]])
    polygons = [QPolygonF([at(i, v) for i, v in enumerate(_clamped(s[2], n))]) for _k, s in drawn]
    painter.setPen(Qt.PenStyle.NoPen)
    for (key, (_name, color, _values, _style)), poly in zip(drawn, polygons, strict=True):
        painter.setBrush(_with_alpha(color, FILL_ALPHA[key]))
        painter.drawPolygon(poly)
    for (_key, (_name, color, _values, style)), poly in zip(drawn, polygons, strict=True):
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(color), max(2.0, base / 4), style))
        painter.drawPolygon(poly)
        painter.setBrush(QColor(color))
        painter.setPen(Qt.PenStyle.NoPen)
        for p in poly.toList():
            painter.drawEllipse(p, base / 3, base / 3)

    # Ring labels along the first axis, then the axis labels.
    painter.setFont(small)
    painter.setPen(muted)
    for level in range(1, MAX_LEVEL + 1):
        p = at(0, level)
        painter.drawText(QPointF(p.x() + base * 0.4, p.y() - base * 0.2), LEVEL_NAMES[level])
    painter.setFont(font)
    painter.setPen(fg)
    for i, text in enumerate(labels):
        p = at(i, MAX_LEVEL + 0.25)
        w, h = fm.horizontalAdvance(text) + 2, line_h
        ax, ay = _anchor(i, n)
        box = QRectF(p.x() - w * ax, p.y() - h * ay, w, h)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def render_radar_image(
    targets: Sequence[float],
    current: Sequence[float],
    snapshot: Sequence[float] | None = None,
    labels: Sequence[str] = (),
    size: tuple[int, int] = (900, 640),
    dark: bool = False,
    snapshot_label: str = "Earlier",
) -> QImage:
    """The radar chart as an image of ``size`` pixels, drawn without any window.

    ``targets``, ``current`` and ``snapshot`` hold one level (0-4) per label, in the
    same order. The background is white, or dark grey when ``dark``.
    """
    names = list(labels) or [f"Skill {i + 1}" for i in range(len(targets))]
    image = QImage(max(1, size[0]), max(1, size[1]), QImage.Format.Format_ARGB32)
    image.fill(QColor("#202329") if dark else QColor("#FFFFFF"))
    painter = QPainter(image)
    try:
        margin = min(size) * 0.03
        rect = QRectF(margin, margin, size[0] - 2 * margin, size[1] - 2 * margin)
        paint_radar(painter, rect, names, targets, current, snapshot,
                    snapshot_label=snapshot_label, dark=dark)  # fmt: skip
    finally:
        painter.end()
    return image
