"""A small chart of the plan's pace: hours planned against hours done, week by week.

Painted with QPainter from the palette (so it follows the light or dark theme): for each
of the last ``WEEKS_SHOWN`` weeks an outlined bar of the hours planned and a filled bar
of the hours done beside it, with the tutorials done over those planned under the week
("2/3"). Hovering a week shows its figures. No pyqtgraph: it is a dozen rectangles.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from careerplanner.services.pace import PaceWeek

WEEKS_SHOWN = 12
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 22, 34


class PaceChart(QWidget):
    """Planned against done per week (``set_weeks``); the last ``WEEKS_SHOWN`` weeks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks: tuple[PaceWeek, ...] = ()
        self.setMouseTracking(True)
        self.setMinimumSize(220, 130)
        self.setAccessibleName("Pace: hours planned and done per week")

    def set_weeks(self, weeks: tuple[PaceWeek, ...]) -> None:
        self.weeks = tuple(weeks[-WEEKS_SHOWN:])
        self.setAccessibleDescription(self.summary())
        self.update()

    def summary(self) -> str:
        """The figures in words (for screen readers and the tooltip of the whole chart)."""
        return "; ".join(
            f"week {w.number}: {w.planned_hours:g} h planned, {w.actual_hours:g} h done, "
            f"{w.actual_tutorials} of {w.planned_tutorials} tutorials"
            for w in self.weeks
        )

    def sizeHint(self) -> QSize:
        return QSize(420, 150)

    def _scale(self) -> float:
        top = max((max(w.planned_hours, w.actual_hours) for w in self.weeks), default=0.0)
        return max(1.0, float(int(top) + 1 if top > int(top) else int(top)))

    def _slot(self, index: int) -> QRect:
        plot = self.rect().adjusted(LEFT, TOP, -RIGHT, -BOTTOM)
        width = plot.width() / max(1, len(self.weeks))
        return QRect(round(plot.left() + index * width), plot.top(), round(width), plot.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        done_color = pal.color(QPalette.ColorRole.Highlight)
        plan_color = QColor(muted)
        plot = self.rect().adjusted(LEFT, TOP, -RIGHT, -BOTTOM)
        small = painter.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        painter.setFont(small)

        # Legend.
        painter.setPen(QPen(plan_color, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRect(LEFT, 4, 10, 10))
        painter.setPen(text)
        painter.drawText(QPoint(LEFT + 14, 13), "planned h")
        legend2 = LEFT + 14 + painter.fontMetrics().horizontalAdvance("planned h") + 14
        painter.fillRect(QRect(legend2, 4, 10, 10), done_color)
        painter.drawText(QPoint(legend2 + 14, 13), "done h · tutorials done/planned")

        if not self.weeks:
            painter.setPen(muted)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No weeks yet")
            return
        scale = self._scale()
        # Axis: 0 and the top of the scale.
        painter.setPen(QPen(muted, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRect(0, plot.top() - 7, LEFT - 4, 14), right, f"{scale:g} h")
        painter.drawText(QRect(0, plot.bottom() - 7, LEFT - 4, 14), right, "0")
        for i, week in enumerate(self.weeks):
            slot = self._slot(i)
            bar = max(3, min(18, (slot.width() - 8) // 2))
            middle = slot.center().x()

            def height(hours: float) -> int:
                return round(plot.height() * min(hours, scale) / scale)

            planned = QRect(middle - bar, plot.bottom() - height(week.planned_hours), bar,
                            height(week.planned_hours))  # fmt: skip
            done = QRect(middle + 1, plot.bottom() - height(week.actual_hours), bar,
                         height(week.actual_hours))  # fmt: skip
            painter.setPen(QPen(plan_color, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if planned.height():
                painter.drawRect(planned)
            if done.height():
                painter.fillRect(done, done_color)
            painter.setPen(text)
            label = QRect(slot.left(), plot.bottom() + 2, slot.width(), 14)
            painter.drawText(label, Qt.AlignmentFlag.AlignHCenter, f"W{week.number}")
            painter.setPen(muted)
            label.translate(0, 14)
            painter.drawText(label, Qt.AlignmentFlag.AlignHCenter,
                             f"{week.actual_tutorials}/{week.planned_tutorials}")  # fmt: skip

    def week_at(self, pos: QPoint) -> PaceWeek | None:
        for i, week in enumerate(self.weeks):
            if self._slot(i).adjusted(0, -TOP, 0, BOTTOM).contains(pos):
                return week
        return None

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            week = self.week_at(e.pos())
            if week is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(
                    e.globalPos(),
                    f"Week {week.number} (from {week.start.isoformat()}): "
                    f"{week.planned_hours:g} h planned, {week.actual_hours:g} h done; "
                    f"tutorials: {week.planned_tutorials} planned, {week.actual_tutorials} done",
                    self,
                )
            return True
        return super().event(e)
