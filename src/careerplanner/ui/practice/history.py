"""A question's attempts: table, a past answer, and a chart of coverage and rating."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QShowEvent
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
#: Up to this many attempts the chart marks each one.
MAX_SYMBOLS = 200
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

    def add_newest(self, attempt: AttemptItem) -> None:
        """One new attempt, shown first (rows are newest first)."""
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, attempt)
        self.endInsertRows()

    def remove_newest(self) -> None:
        if not self._rows:
            return
        self.beginRemoveRows(QModelIndex(), 0, 0)
        del self._rows[0]
        self.endRemoveRows()

    def attempts(self) -> list[AttemptItem]:
        """Oldest first."""
        return list(reversed(self._rows))

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
        #: The coverage and rating curves, updated in place when an attempt comes or goes.
        self._curves: Any = None
        #: The question whose attempts are shown.
        self.question_id: int | None = None
        #: The chart is behind the table (drawn when next shown).
        self._stale = False
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

    def show_attempts(
        self, question_text: str, attempts: list[AttemptItem], question_id: int | None = None
    ) -> None:
        self.question_id = question_id
        self.title.setText(question_text)
        self.model.set_attempts(attempts)
        self._shown()

    def add_attempt(self, attempt: AttemptItem) -> None:
        """The question's one new attempt (newest): appended to the table and the chart."""
        self.model.add_newest(attempt)
        self._shown()

    def remove_newest(self) -> None:
        """The newest attempt was taken back (undo)."""
        self.model.remove_newest()
        self._shown()

    def attempt_ids(self) -> list[int]:
        """The ids shown, oldest first."""
        return [a.id for a in self.model.attempts()]

    def _shown(self) -> None:
        """Summary, selection and chart for the attempts in the table."""
        attempts = self.model.attempts()
        if attempts:
            last = attempts[-1]
            self.summary.setText(
                f"{len(attempts)} attempt{'s' if len(attempts) != 1 else ''} · last "
                f"{fmt.local(last.reviewed_at):%d %b %Y} rated "
                f"{Rating.label_of(last.rating)}"
            )
        else:
            self.summary.setText("No attempts yet.")
        self.answer.clear()
        self.chart.setVisible(bool(attempts))
        if attempts:
            self.view.selectRow(0)
        # The chart is drawn when it can be seen: a rating made in the Session page
        # does not redraw a history of thousands of points behind it.
        self._stale = True
        if self.isVisible():
            self._draw(attempts)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._draw(self.model.attempts())
        super().showEvent(event)

    def _show_answer(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.answer.clear()
            return
        a = self.model.attempt(current.row())
        self.answer.setPlainText(a.answer or "(No written answer for this attempt.)")

    def _draw(self, attempts: list[AttemptItem]) -> None:
        self._stale = False
        if self._plots is None:
            if not attempts:
                return  # pyqtgraph is imported when there is something to draw
            self._build_chart()
        top, bottom = self._plots
        coverage, ratings = self._curves
        xs = list(range(1, len(attempts) + 1))
        cov = [(x, (a.coverage or 0) * 100) for x, a in zip(xs, attempts, strict=True) if a.total]
        # A symbol per attempt while they can be told apart; a long history is a line
        # (thousands of symbols are a blur, and slow to redraw on every rating).
        marks = len(attempts) <= MAX_SYMBOLS
        coverage.setSymbol("o" if marks else None)
        ratings.setSymbol("s" if marks else None)
        coverage.setData([c[0] for c in cov], [c[1] for c in cov])
        ratings.setData(xs, [a.rating for a in attempts])
        # Whole attempt numbers, as many as fit (not one label per attempt for thousands).
        last = max(len(attempts), 1)
        ticks = [(float(x), str(x)) for x in int_ticks(last, 8) if 1 <= x <= last]
        if not ticks or ticks[0][0] != 1:
            ticks.insert(0, (1.0, "1"))
        for plot in (top, bottom):
            plot.setXRange(0.5, last + 0.5, padding=0)
            plot.getAxis("bottom").setTicks([ticks])

    def series(self) -> dict[str, tuple[list[float], list[float]]]:
        """The chart's data (what the plots show, or will show when next seen), by name."""
        if self._stale:
            self._draw(self.model.attempts())
        if self._curves is None:
            return {}
        coverage, ratings = self._curves
        result = {}
        for name, curve in (("coverage", coverage), ("rating", ratings)):
            xs, ys = curve.getData()
            result[name] = ([] if xs is None else list(xs), [] if ys is None else list(ys))
        return result

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
        self._plots = (top, bottom)
        self.chart_view = view
        coverage = top.plot([], [], pen=pg.mkPen(COVERAGE_COLOR, width=2), symbol="o",
                            symbolBrush=COVERAGE_COLOR)  # fmt: skip
        ratings = bottom.plot([], [], pen=pg.mkPen(RATING_COLOR, width=2), symbol="s",
                              symbolBrush=RATING_COLOR)  # fmt: skip
        self._curves = (coverage, ratings)
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
