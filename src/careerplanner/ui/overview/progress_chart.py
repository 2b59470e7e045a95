"""Progress over time: tutorials finished and practice reviews, cumulative, by date.

Drawn with QPainter (no pyqtgraph, no numpy: the Overview is the first tab and starts
fast). The two totals grow at very different rates (a few dozen tutorials, thousands of
reviews), so each has its own panel with its own whole-number scale, one above the
other on a shared month-labelled date axis: neither line can hide the other. Hovering
shows the date and both totals. Colours come from the palette at each paint, so the
chart follows a live theme switch.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from careerplanner import limits
from careerplanner.services.activity import ProgressPoint
from careerplanner.ui.kit.chart_axes import DateTick, date_ticks, int_ticks

TUTORIALS_COLOR = "#3B82F6"
REVIEWS_COLOR = "#10B981"


@dataclass(frozen=True)
class Series:
    key: str
    title: str
    color: str


SERIES = (
    Series("tutorials", "Tutorials finished", TUTORIALS_COLOR),
    Series("reviews", "Practice reviews", REVIEWS_COLOR),
)
PAD, PANEL_GAP, TITLE_H, TICK_PX = 10, 14, 18, 26
#: The shortest stretch of time shown: one active day still reads as a step up.
MIN_DAYS = 14
EMPTY_TEXT = "Finish a tutorial or practise a question, and your progress shows here."


def _value(points: list[ProgressPoint], key: str, index: int) -> int:
    if index < 0:
        return 0
    p = points[index]
    return p.tutorials_done if key == "tutorials" else p.reviews


class ProgressChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progress_chart")
        self.setAccessibleName("Progress over time chart")
        self.setMouseTracking(True)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.points: list[ProgressPoint] = []
        self.today = date.today()
        self.first = self.last = self.today
        self.hover_day: date | None = None
        self._days: list[date] = []
        self.set_points([], self.today)

    def sizeHint(self) -> QSize:
        return QSize(640, 260)

    # -- data -----------------------------------------------------------------------
    def set_points(self, points: list[ProgressPoint], today: date) -> None:
        """Cumulative totals by date (oldest first), drawn from the day before the first
        to today (or to the last date, when stored data lies ahead of the clock)."""
        self.today = limits.clamp_date(today)  # a computer clock far off
        self.points = sorted(points, key=lambda p: p.day)
        self._days = [p.day for p in self.points]
        end = max(self.today, self.points[-1].day) if self.points else self.today
        start = self.points[0].day - timedelta(days=1) if self.points else end
        self.first = min(start, end - timedelta(days=MIN_DAYS))
        self.last = end
        self.hover_day = None
        self._describe()
        self.update()

    def total(self, key: str) -> int:
        return _value(self.points, key, len(self.points) - 1)

    def value_on(self, key: str, day: date) -> int:
        """The total of ``key`` at the end of ``day``."""
        return _value(self.points, key, bisect_right(self._days, day) - 1)

    def steps(self, key: str) -> tuple[list[date], list[int]]:
        """The corners of the step line drawn for ``key``: (dates, totals)."""
        xs, ys = [self.first], [0]
        for i, p in enumerate(self.points):
            value = _value(self.points, key, i)
            if value != ys[-1]:
                xs += [p.day, p.day]
                ys += [ys[-1], value]
        xs.append(self.last)
        ys.append(ys[-1])
        return xs, ys

    def series(self) -> dict[str, tuple[list[date], list[int]]]:
        """Every step line drawn: key → (dates, totals)."""
        return {s.key: self.steps(s.key) for s in SERIES}

    def _describe(self) -> None:
        if not self.points:
            self.setAccessibleDescription("No progress yet.")
            return
        self.setAccessibleDescription(
            f"{self.total('tutorials'):,} tutorials finished and {self.total('reviews'):,} "
            f"practice reviews from {self.points[0].day:%d %b %Y} to {self.last:%d %b %Y}"
        )

    # -- geometry -------------------------------------------------------------------
    def _font(self, delta: float = 0, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() + delta))
        font.setBold(bold)
        return font

    def _panel_height(self) -> float:
        bottom = 2 * QFontMetrics(self._font(-1)).height() + 8
        return max(10.0, (self.height() - PAD - bottom - PANEL_GAP - 2 * TITLE_H) / 2)

    def y_ticks(self, key: str) -> list[int]:
        """The whole-number ticks of a panel's scale, as drawn at the current size."""
        return int_ticks(self.total(key), max(1, int(self._panel_height()) // TICK_PX))

    def x_ticks(self) -> list[DateTick]:
        """The date ticks as drawn at the current width."""
        plot = self.panels()[0]
        width = QFontMetrics(self._font(-1)).horizontalAdvance("30 Sep") + 18
        return date_ticks(self.first, self.last, max(2, int(plot.width()) // width))

    def panels(self) -> tuple[QRectF, QRectF]:
        """The two plotting areas (tutorials above, reviews below), titles excluded."""
        fm = QFontMetrics(self._font(-1))
        widest = max(fm.horizontalAdvance(f"{t:,}") for s in SERIES for t in self.y_ticks(s.key))
        left = PAD + widest + 8
        right = self.width() - PAD - 6
        height = self._panel_height()
        top = QRectF(left, PAD + TITLE_H, max(10.0, right - left), height)
        below = QRectF(top.left(), top.bottom() + PANEL_GAP + TITLE_H, top.width(), height)
        return top, below

    def _x(self, rect: QRectF, day: date) -> float:
        span = max(1, (self.last - self.first).days)
        return rect.left() + rect.width() * (day - self.first).days / span

    def day_at(self, pos: QPoint) -> date | None:
        """The date under ``pos``, or None outside the plotted area."""
        top, below = self.panels()
        inside_x = top.left() <= pos.x() <= top.right()
        if not (inside_x and top.top() - TITLE_H <= pos.y() <= below.bottom()):
            return None
        span = max(1, (self.last - self.first).days)
        offset = round((pos.x() - top.left()) / max(1.0, top.width()) * span)
        return self.first + timedelta(days=max(0, min(span, offset)))

    # -- hover ----------------------------------------------------------------------
    def tooltip_for(self, day: date) -> str:
        """What hovering ``day`` says: the date and both totals (with that day's gain)."""
        lines = [f"{day:%a %d %b %Y}"]
        before = day - timedelta(days=1)
        for s in SERIES:
            value = self.value_on(s.key, day)
            gained = value - (self.value_on(s.key, before) if day > self.first else 0)
            extra = f" (+{gained:,} that day)" if gained > 0 else ""
            lines.append(f"{s.title}: {value:,}{extra}")
        return "\n".join(lines)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day != self.hover_day:
            self.hover_day = day
            self.update()
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_for(day), self)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.hover_day = None
        self.update()
        super().leaveEvent(event)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            day = self.day_at(e.pos())
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(e.globalPos(), self.tooltip_for(day), self)
            return True
        return super().event(e)

    # -- painting -------------------------------------------------------------------
    def colors(self) -> tuple[QColor, QColor]:
        """(background, text) as painted now: the palette's base and window text."""
        pal = self.palette()
        return pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.WindowText)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        bg, fg = self.colors()
        painter.fillRect(self.rect(), bg)
        top, below = self.panels()
        for rect, s in ((top, SERIES[0]), (below, SERIES[1])):
            self._paint_panel(painter, rect, s, bg, fg)
        self._paint_dates(painter, below, fg)
        if not self.points:
            painter.setFont(self._font())
            muted = QColor(fg)
            muted.setAlpha(170)
            painter.setPen(muted)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(top.adjusted(8, 0, -8, 0), flags, EMPTY_TEXT)
        painter.end()

    def _paint_panel(
        self, painter: QPainter, rect: QRectF, s: Series, bg: QColor, fg: QColor
    ) -> None:
        color = QColor(s.color)
        # Title: a swatch of the line, the name and the total.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        title_y = rect.top() - TITLE_H
        painter.fillRect(QRectF(rect.left(), title_y + TITLE_H / 2 - 1.5, 16, 3), color)
        painter.setFont(self._font(0, bold=True))
        painter.setPen(fg)
        painter.drawText(
            QRectF(rect.left() + 22, title_y, rect.width() - 22, TITLE_H - 2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{s.title}: {self.total(s.key):,}",
        )
        # Scale and grid.
        ticks = self.y_ticks(s.key)
        top_value = ticks[-1]
        grid = QColor(fg)
        grid.setAlpha(40)
        painter.setFont(self._font(-1))
        fm = painter.fontMetrics()
        for t in ticks:
            y = rect.bottom() - rect.height() * t / top_value
            painter.setPen(QPen(grid if t else fg, 1))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.setPen(fg)
            label = f"{t:,}"
            painter.drawText(
                QPointF(rect.left() - 6 - fm.horizontalAdvance(label), y + fm.ascent() / 2 - 1),
                label,
            )
        painter.setPen(QPen(fg, 1))
        painter.drawLine(rect.topLeft(), rect.bottomLeft())

        # The step line, clipped to the panel.
        def point(day: date, value: int) -> QPointF:
            return QPointF(self._x(rect, day), rect.bottom() - rect.height() * value / top_value)

        xs, ys = self.steps(s.key)
        painter.save()
        painter.setClipRect(rect.adjusted(-4, -4, 4, 1))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.points:
            path = QPainterPath(point(xs[0], ys[0]))
            for day, value in zip(xs[1:], ys[1:], strict=True):
                path.lineTo(point(day, value))
            pen = QPen(color, 2.2)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            # A dot where the total grew, while there is room for dots.
            risen = [(xs[i], ys[i]) for i in range(2, len(xs) - 1, 2)]
            if len(risen) * 12 <= rect.width():
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color)
                for day, value in risen:
                    painter.drawEllipse(point(day, value), 3.2, 3.2)
        if self.hover_day is not None and self.points:
            x = self._x(rect, self.hover_day)
            guide = QColor(fg)
            guide.setAlpha(120)
            painter.setPen(QPen(guide, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            painter.setPen(QPen(bg, 1.5))
            painter.setBrush(color)
            painter.drawEllipse(point(self.hover_day, self.value_on(s.key, self.hover_day)), 4, 4)
        painter.restore()

    def _paint_dates(self, painter: QPainter, rect: QRectF, fg: QColor) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setFont(self._font(-1))
        fm = painter.fontMetrics()
        muted = QColor(fg)
        muted.setAlpha(150)
        for tick in self.x_ticks():
            x = self._x(rect, tick.day)
            painter.setPen(QPen(fg, 1))
            painter.drawLine(QPointF(x, rect.bottom()), QPointF(x, rect.bottom() + 4))
            for row, text, pen in ((0, tick.label, fg), (1, tick.year, muted)):
                if not text:
                    continue
                w = fm.horizontalAdvance(text)
                left = min(max(x - w / 2, 0.0), self.width() - w - 2.0)
                painter.setPen(pen)
                baseline = rect.bottom() + 6 + fm.ascent() + row * fm.height()
                painter.drawText(QPointF(left, baseline), text)
