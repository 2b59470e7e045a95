"""The activity heatmap: one square per day of the last 52 weeks, a column per week.

Painted with QPainter from the palette at each paint, so it follows the light or dark
theme, even when switched live. The squares grow with the width they are given (within
limits, so a wide window does not get giant squares); a legend under them reads from
less to more. Hovering a day says what was done on it.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from careerplanner.services.activity import LEVELS, Heatmap

LABEL_W, LABEL_H, LEGEND_H = 32, 16, 22
MIN_PITCH, MAX_PITCH = 12, 20
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKS = 52


class HeatmapWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: Heatmap | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit()
        self.setAccessibleName("Activity over the last 52 weeks")

    def set_heatmap(self, data: Heatmap) -> None:
        self.data = data
        active = data.active_days
        self.setAccessibleDescription(
            f"{active} active day{'s' if active != 1 else ''} in the last {data.weeks} weeks"
        )
        self._fit()
        self.update()

    # -- geometry -------------------------------------------------------------------
    @property
    def weeks(self) -> int:
        return self.data.weeks if self.data else WEEKS

    def _width_for(self, pitch: int) -> int:
        return LABEL_W + self.weeks * pitch + 2

    def pitch(self, width: int | None = None) -> int:
        """Distance from one day's square to the next, for the widget's width."""
        width = self.width() if width is None else width
        return max(MIN_PITCH, min(MAX_PITCH, (width - LABEL_W - 2) // max(1, self.weeks)))

    def _gap(self) -> int:
        return max(2, self.pitch() // 5)

    def height_for(self, width: int) -> int:
        return LABEL_H + 7 * self.pitch(width) + LEGEND_H

    def _fit(self) -> None:
        """Squares as large as the width allows: the height follows the width."""
        self.setMinimumWidth(self._width_for(MIN_PITCH))
        self.setMaximumWidth(self._width_for(MAX_PITCH))
        self.setFixedHeight(self.height_for(self.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        if event.size().width() != event.oldSize().width():
            self.setFixedHeight(self.height_for(event.size().width()))
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        width = self._width_for(MAX_PITCH)
        return QSize(width, self.height_for(width))

    def cell(self, day: date) -> QRect:
        """Where ``day``'s square is drawn."""
        assert self.data is not None
        week, weekday = divmod((day - self.data.start).days, 7)
        p = self.pitch()
        size = p - self._gap()
        return QRect(LABEL_W + week * p, LABEL_H + weekday * p, size, size)

    def legend_cells(self) -> list[QRect]:
        """The legend's squares, from no activity to the most (under the grid, right)."""
        p = self.pitch()
        size = p - self._gap()
        right = LABEL_W + self.weeks * p - self._gap()
        more_w = self.fontMetrics().horizontalAdvance("More") + 6
        top = LABEL_H + 7 * p + (LEGEND_H - size) // 2
        first = right - more_w - (LEVELS + 1) * p + self._gap()
        return [QRect(first + i * p, top, size, size) for i in range(LEVELS + 1)]

    # -- colours --------------------------------------------------------------------
    def color_for_level(self, level: int) -> QColor:
        """No activity in the palette's mid tone; more activity in deeper highlight."""
        pal = self.palette()
        if level <= 0:
            c = QColor(pal.color(QPalette.ColorRole.Mid))
            c.setAlpha(90)
            return c
        c = QColor(pal.color(QPalette.ColorRole.Highlight))
        c.setAlpha((95, 150, 205, 255)[min(level, LEVELS) - 1])
        return c

    def color_for(self, day: date) -> QColor:
        return self.color_for_level(self.data.level(day) if self.data else 0)

    # -- painting -------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        if self.data is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlpha(170)
        font = QFont(painter.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
        painter.setFont(font)
        painter.setPen(muted)
        p = self.pitch()
        first = self.data.start
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row in (0, 2, 4):
            name = DAY_NAMES[(first.weekday() + row) % 7]
            box = QRect(0, LABEL_H + row * p - 2, LABEL_W - 6, p)
            painter.drawText(box, right, name)
        last_month = None
        day = first
        while day <= self.data.end:
            if day.month != last_month and day.day <= 7:
                rect = self.cell(day)
                painter.setPen(muted)
                painter.drawText(QPoint(rect.left(), LABEL_H - 4), day.strftime("%b"))
                last_month = day.month
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.color_for(day))
            painter.drawRoundedRect(self.cell(day), 2, 2)
            day += timedelta(days=1)
        cells = self.legend_cells()
        painter.setPen(muted)
        less = QRect(0, cells[0].top() - 4, cells[0].left() - 5, cells[0].height() + 8)
        painter.drawText(less, right, "Less")
        more = QRect(cells[-1].right() + 6, less.top(), 60, less.height())
        painter.drawText(more, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "More")
        painter.setPen(Qt.PenStyle.NoPen)
        for level, rect in enumerate(cells):
            painter.setBrush(self.color_for_level(level))
            painter.drawRoundedRect(rect, 2, 2)
        painter.end()

    # -- hover ----------------------------------------------------------------------
    def day_at(self, pos: QPoint) -> date | None:
        if self.data is None:
            return None
        p = self.pitch()
        x, y = pos.x() - LABEL_W, pos.y() - LABEL_H
        if x < 0 or y < 0:
            return None
        week, weekday = x // p, y // p
        if weekday > 6 or week >= self.weeks:
            return None
        day = self.data.start + timedelta(days=week * 7 + weekday)
        return day if self.data.start <= day <= self.data.end else None

    def tooltip_for(self, day: date) -> str:
        """The date and what was done on it."""
        assert self.data is not None
        what = self.data.day(day)
        n = self.data.count(day)
        if what.total:
            said = what.describe()
        else:
            said = f"{n} thing{'s' if n != 1 else ''} done" if n else "no activity"
        return f"{day:%a %d %b %Y}: {said}"

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            day = self.day_at(e.pos())
            if day is not None and self.data is not None:
                QToolTip.showText(e.globalPos(), self.tooltip_for(day), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)
