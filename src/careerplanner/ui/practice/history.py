"""A question's attempts: table, a past answer, and a chart of coverage and rating."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services.practice import AttemptItem
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.kit.chart_axes import int_ticks
from careerplanner.ui.kit.plotting import style_plot
from careerplanner.ui.kit.table_model import RowsTableModel
from careerplanner.ui.kit.widgets import tooltip
from careerplanner.ui.practice import fmt
from careerplanner.ui.practice.timer import format_seconds
from careerplanner.vocab import Rating

HEADERS = ("Date", "Duration", "Coverage", "Rating", "Kind")
COVERAGE_COLOR, RATING_COLOR = "#1e88e5", "#8e24aa"
MAX_DOTS = 60
AttemptIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class AttemptsModel(RowsTableModel):
    """Attempts, newest first."""

    HEADERS = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AttemptItem] = []

    def set_attempts(self, attempts: list[AttemptItem]) -> None:
        self.beginResetModel()
        self._rows = list(reversed(attempts))
        self.endResetModel()

    def attempt(self, row: int) -> AttemptItem:
        return self._rows[row]

    def items(self) -> list[Any]:
        return self._rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a = self._rows[index.row()]
        col = index.column()
        if role == AttemptIdRole:
            return a.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return fmt.local(a.reviewed_at).strftime("%Y-%m-%d %H:%M")
            if col == 1:
                return format_seconds(a.duration_s)
            if col == 2:
                return f"{a.covered}/{a.total}" if a.total else "—"
            if col == 3:
                return Rating.label_of(a.rating, str(a.rating))
            if col == 4:
                return "Mock" if a.mock else "Practice"
        if role == Qt.ItemDataRole.ToolTipRole and col == 2 and a.covered_points:
            return tooltip("Covered: " + ", ".join(a.covered_points))
        return None


class HistoryPanel(QWidget):
    """Attempts of the selected question; select one to read its answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AttemptsModel(self)
        self.title = w.label("", bold=True, name="history_title")
        self.summary = w.label("", muted=True, name="history_summary")
        self.view = QTableView()
        self.view.setObjectName("history_view")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.view.setAccessibleName("Attempts")
        self.view.selectionModel().currentRowChanged.connect(self._show_answer)
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("history_answer")
        self.answer.setReadOnly(True)
        self.answer.setPlaceholderText("Select an attempt to read the answer you gave.")
        self.answer.setAccessibleName("Past answer")
        self._chart_host = QVBoxLayout()
        self._chart_host.setContentsMargins(0, 0, 0, 0)
        self._plots: Any = None
        self.chart_view: Any = None
        chart = QWidget()
        chart.setLayout(self._chart_host)
        chart.setMinimumHeight(240)
        self.chart = chart

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.answer)
        split.addWidget(chart)
        split.setSizes([150, 110, 300])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    def show_attempts(self, question_text: str, attempts: list[AttemptItem]) -> None:
        self.title.setText(question_text)
        if attempts:
            last = attempts[-1]
            self.summary.setText(
                f"{len(attempts)} attempt{'s' if len(attempts) != 1 else ''} · last "
                f"{fmt.local(last.reviewed_at):%d %b %Y} rated "
                f"{Rating.label_of(last.rating)}"
            )
        else:
            self.summary.setText("No attempts yet.")
        self.model.set_attempts(attempts)
        self.answer.clear()
        self.chart.setVisible(bool(attempts))
        if attempts:
            self.view.selectRow(0)
        self._draw(attempts)

    def _show_answer(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.answer.clear()
            return
        a = self.model.attempt(current.row())
        self.answer.setPlainText(a.answer or "(No written answer for this attempt.)")

    def _draw(self, attempts: list[AttemptItem]) -> None:
        if self._plots is None:
            if not attempts:
                return  # pyqtgraph is imported when there is something to draw
            self._build_chart()
        top, bottom = self._plots
        top.clear()
        bottom.clear()
        xs = list(range(1, len(attempts) + 1))
        cov = [(x, (a.coverage or 0) * 100) for x, a in zip(xs, attempts, strict=True) if a.total]
        import pyqtgraph as pg

        dots = len(attempts) <= MAX_DOTS  # with hundreds of attempts, dots only clutter
        if cov:
            top.plot(
                [c[0] for c in cov], [c[1] for c in cov], pen=pg.mkPen(COVERAGE_COLOR, width=2),
                symbol="o" if dots else None, symbolBrush=COVERAGE_COLOR,
            )  # fmt: skip
        if attempts:
            bottom.plot(
                xs, [a.rating for a in attempts], pen=pg.mkPen(RATING_COLOR, width=2),
                symbol="s" if dots else None, symbolBrush=RATING_COLOR,
            )  # fmt: skip
        # Whole attempt numbers, as many as fit (not one label per attempt for thousands).
        last = max(len(attempts), 1)
        ticks = [(float(x), str(x)) for x in int_ticks(last, 8) if 1 <= x <= last]
        if not ticks or ticks[0][0] != 1:
            ticks.insert(0, (1.0, "1"))
        for plot in (top, bottom):
            plot.setXRange(0.5, last + 0.5, padding=0)
            plot.getAxis("bottom").setTicks([ticks])

    def _build_chart(self) -> None:
        import pyqtgraph as pg

        view = pg.GraphicsLayoutWidget()
        view.setObjectName("history_chart")
        view.setAccessibleName("Coverage and rating of each attempt")
        top = view.addPlot(row=0, col=0)
        top.setTitle("Rubric coverage (%)", size="9pt")
        top.setYRange(0, 100, padding=0.08)
        top.getAxis("left").setTicks([[(v, str(v)) for v in (0, 25, 50, 75, 100)]])
        top.showGrid(x=False, y=True, alpha=0.3)
        top.setMouseEnabled(x=False, y=False)
        top.hideButtons()
        bottom = view.addPlot(row=1, col=0)
        bottom.setTitle("Rating", size="9pt")
        bottom.setYRange(1, 4, padding=0.1)
        bottom.getAxis("left").setTicks([[(int(r), r.label) for r in Rating]])
        bottom.getAxis("bottom").setLabel("Attempt")
        bottom.showGrid(x=False, y=True, alpha=0.3)
        bottom.setMouseEnabled(x=False, y=False)
        bottom.hideButtons()
        bottom.setXLink(top)
        for plot in (top, bottom):
            plot.setMenuEnabled(False)
            plot.getAxis("left").setWidth(48)
        self._chart_host.addWidget(view)
        self.chart_view = view
        self._plots = (top, bottom)
        self._restyle()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._restyle()

    def _restyle(self) -> None:
        """The chart in the palette's colours (again after a theme switch)."""
        if self._plots is None:
            return
        import pyqtgraph as pg

        style_plot(pg, self.chart_view, self.palette(), self._plots)

    def chart_colors(self) -> tuple[QColor, QColor] | None:
        """(background, text) of the chart as drawn now; None before it is built."""
        if self._plots is None:
            return None
        axis = self._plots[0].getAxis("left")
        return self.chart_view.backgroundBrush().color(), axis.textPen().color()
