"""The activity heatmap: one square per day of the last 52 weeks, a column per week.

Painted with QPainter from the palette, so it follows the light or dark theme. Hovering
a day shows its date and count.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from careerplanner.services.activity import Heatmap

CELL, GAP, LABEL_W, LABEL_H = 11, 3, 30, 16
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class HeatmapWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: Heatmap | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Activity over the last 52 weeks")

    def set_heatmap(self, data: Heatmap) -> None:
        self.data = data
        active = data.active_days
        self.setAccessibleDescription(f"{active} active days in the last {data.weeks} weeks")
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        weeks = self.data.weeks if self.data else 52
        return QSize(LABEL_W + weeks * (CELL + GAP), LABEL_H + 7 * (CELL + GAP))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _cell(self, day: date) -> QRect:
        assert self.data is not None
        offset = (day - self.data.start).days
        week, weekday = divmod(offset, 7)
        return QRect(LABEL_W + week * (CELL + GAP), LABEL_H + weekday * (CELL + GAP), CELL, CELL)

    def color_for(self, count: int) -> QColor:
        """Empty days in the palette's mid tone; active days in the highlight, by count."""
        pal = self.palette()
        if count <= 0:
            c = QColor(pal.color(QPalette.ColorRole.Mid))
            c.setAlpha(90)
            return c
        c = QColor(pal.color(QPalette.ColorRole.Highlight))
        c.setAlpha((110, 160, 210, 255)[min(count, 4) - 1])
        return c

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.data is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        text = self.palette().color(QPalette.ColorRole.PlaceholderText)
        font = painter.font()
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.75))
        painter.setFont(font)
        painter.setPen(text)
        first = self.data.start
        for row in (0, 2, 4):
            name = DAY_NAMES[(first.weekday() + row) % 7]
            box = QRect(0, LABEL_H + row * (CELL + GAP) - 2, LABEL_W - 4, CELL + 4)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(box, align, name)
        last_month = None
        day = first
        while day <= self.data.end:
            if day.month != last_month and day.day <= 7:
                rect = self._cell(day)
                painter.setPen(text)
                painter.drawText(QPoint(rect.left(), LABEL_H - 4), day.strftime("%b"))
                last_month = day.month
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.color_for(self.data.count(day)))
            painter.drawRoundedRect(self._cell(day), 2, 2)
            day += timedelta(days=1)
        painter.end()

    def day_at(self, pos: QPoint) -> date | None:
        if self.data is None:
            return None
        x, y = pos.x() - LABEL_W, pos.y() - LABEL_H
        if x < 0 or y < 0:
            return None
        week, weekday = x // (CELL + GAP), y // (CELL + GAP)
        if weekday > 6:
            return None
        day = self.data.start + timedelta(days=week * 7 + weekday)
        return day if self.data.start <= day <= self.data.end else None

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            day = self.day_at(e.pos())
            if day is not None and self.data is not None:
                n = self.data.count(day)
                what = f"{n} thing{'s' if n != 1 else ''} done" if n else "no activity"
                QToolTip.showText(e.globalPos(), f"{day:%a %d %b %Y}: {what}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)
