"""The question bank as a read-only table, filtered by category through a proxy."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from careerplanner.services.practice import QuestionRow, local_day, utcnow
from careerplanner.ui.kit.table_model import RowsTableModel
from careerplanner.ui.kit.widgets import tooltip
from careerplanner.ui.practice import fmt
from careerplanner.vocab import Rating

COL_QUESTION, COL_CATEGORY, COL_RATING, COL_DUE, COL_READY = range(5)
HEADERS = ("Question", "Category", "Last rating", "Due", "Readiness")
QuestionIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class QuestionBankModel(RowsTableModel):
    HEADERS = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[QuestionRow] = []
        self._now = utcnow()

    def set_rows(self, rows: list[QuestionRow], now: datetime) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._now = now
        self.endResetModel()

    def replace_row(self, row: QuestionRow, now: datetime) -> bool:
        """Update one question's row in place (no reset: selection and scroll stay);
        False when the question is not in the bank."""
        i = self.row_of(row.id)
        if i < 0:
            return False
        new_day = local_day(now) != local_day(self._now)
        self._rows[i] = row
        self._now = now
        last = len(HEADERS) - 1
        if new_day and self._rows:  # "Due today" and "Tomorrow" moved on for every row
            self.dataChanged.emit(self.index(0, COL_DUE), self.index(len(self._rows) - 1, COL_DUE))
        self.dataChanged.emit(self.index(i, 0), self.index(i, last))
        return True

    def update_rows(self, rows: list[QuestionRow], now: datetime) -> None:
        """New data for the same questions (say, their tutorials' status) without a reset;
        a different list of questions resets the model."""
        if [r.id for r in rows] != [r.id for r in self._rows]:
            self.set_rows(rows, now)
            return
        self._rows = list(rows)
        self._now = now
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(HEADERS) - 1))

    def row_of(self, question_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == question_id:
                return i
        return -1

    def question(self, row: int) -> QuestionRow:
        return self._rows[row]

    def items(self) -> list[Any]:
        return self._rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == QuestionIdRole:
            return r.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_QUESTION:
                return r.text
            if col == COL_CATEGORY:
                return r.category
            if col == COL_RATING:
                return Rating.label_of(r.last_rating, "—")
            if col == COL_DUE:
                return fmt.due_text(r.due, self._now)
            if col == COL_READY:
                # The figure (or "learning") with the attempts beside it, on two lines
                # to keep the column narrow: rows are already as tall as their question.
                return "—" if r.new else fmt.readiness_cell(r)
        if role == SortRole:
            if col == COL_RATING:
                return r.last_rating or 0
            if col == COL_DUE:
                return r.due.timestamp() if r.due else 0.0
            if col == COL_READY:
                # New, then learning (by attempts), then the figures.
                if r.readiness is None:
                    return -2.0 if r.new else -1.0 + min(r.attempts, 999) / 1000
                return r.readiness
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_QUESTION:
                return tooltip(r.text)
            if col == COL_DUE and r.due is not None:
                day = fmt.local(r.due)
                return f"Next review: {day:%A} {day.day} {day:%B %Y}"
            if col == COL_READY and not r.new:
                return fmt.readiness_tip(r)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_RATING, COL_READY):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class CategoryFilter(QSortFilterProxyModel):
    """Shows one category, or all when the category is empty."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._category = ""
        self.setSortRole(SortRole)

    def set_category(self, category: str) -> None:
        self.beginFilterChange()
        self._category = category
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._category:
            return True
        model = self.sourceModel()
        assert isinstance(model, QuestionBankModel)
        return model.question(source_row).category == self._category
