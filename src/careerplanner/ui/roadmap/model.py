"""The roadmap as a Qt item model: phases at the top level, their tutorials below.

Read-only; the view sits behind a QSortFilterProxyModel. Rows hold the services'
plain dataclasses, never Peewee objects.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from careerplanner.services.catalog import PhaseItem, TutorialItem
from careerplanner.services.progress import PathProgress, Progress
from careerplanner.ui.kit.widgets import tooltip
from careerplanner.vocab import TutorialStatus, level_name

COLUMNS = ("Title", "Track", "Level", "Hours", "Status", "Finished")
COL_TITLE, COL_TRACK, COL_LEVEL, COL_HOURS, COL_STATUS, COL_FINISHED = range(len(COLUMNS))

#: Custom roles.
ItemIdRole = Qt.ItemDataRole.UserRole + 1
IsPhaseRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3
StatusRole = Qt.ItemDataRole.UserRole + 4

_PHASE = 0  # internalId of phase rows; tutorial rows store phase row + 1.

ModelIndex = QModelIndex | QPersistentModelIndex


def _hours(h: float) -> str:
    return f"{h:g}"


class RoadmapModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._phases: list[PhaseItem] = []
        self._progress: dict[int, Progress] = {}

    # -- data in ---------------------------------------------------------------------
    def set_roadmap(self, phases: list[PhaseItem], progress: PathProgress) -> None:
        self.beginResetModel()
        self._phases = list(phases)
        self._progress = dict(progress.by_phase)
        self.endResetModel()

    def phase_at(self, index: ModelIndex) -> PhaseItem | None:
        if index.isValid() and index.internalId() == _PHASE:
            return self._phases[index.row()]
        return None

    def tutorial_at(self, index: ModelIndex) -> TutorialItem | None:
        if index.isValid() and index.internalId() != _PHASE:
            return self._phases[index.internalId() - 1].tutorials[index.row()]
        return None

    def replace_tutorial(self, item: TutorialItem, progress: PathProgress) -> bool:
        """Update one tutorial row in place (no reset: selection and scroll stay)."""
        for p, phase in enumerate(self._phases):
            for r, tut in enumerate(phase.tutorials):
                if tut.id == item.id and item.phase_id == phase.id:
                    tutorials = list(phase.tutorials)
                    tutorials[r] = item
                    self._phases[p] = PhaseItem(
                        phase.id, phase.key, phase.title, phase.summary, phase.retired,
                        tuple(tutorials),
                    )  # fmt: skip
                    self._progress = dict(progress.by_phase)
                    last = len(COLUMNS) - 1
                    self.dataChanged.emit(
                        self.createIndex(r, 0, p + 1), self.createIndex(r, last, p + 1)
                    )
                    self.dataChanged.emit(
                        self.createIndex(p, 0, _PHASE), self.createIndex(p, last, _PHASE)
                    )
                    return True
        return False

    def phases(self) -> list[PhaseItem]:
        return list(self._phases)

    def index_of_tutorial(self, tutorial_id: int) -> QModelIndex:
        for p, phase in enumerate(self._phases):
            for r, tut in enumerate(phase.tutorials):
                if tut.id == tutorial_id:
                    return self.createIndex(r, 0, p + 1)
        return QModelIndex()

    # -- structure ---------------------------------------------------------------------
    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _PHASE)
        if parent.internalId() == _PHASE:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _PHASE:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _PHASE)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._phases)
        if parent.column() != 0:
            return 0
        if parent.internalId() == _PHASE:
            return len(self._phases[parent.row()].tutorials)
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- data out ----------------------------------------------------------------------
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        phase = self.phase_at(index)
        if phase is not None:
            return self._phase_data(phase, index.row(), index.column(), role)
        tut = self.tutorial_at(index)
        assert tut is not None
        return self._tutorial_data(tut, index.row(), index.column(), role)

    def _phase_data(self, phase: PhaseItem, row: int, col: int, role: int) -> Any:
        prog = self._progress.get(phase.id, Progress())
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TITLE:
                suffix = " (retired)" if phase.retired else ""
                return f"Phase {row + 1}: {phase.title}{suffix}"
            if col == COL_HOURS:
                return _hours(prog.hours_done + prog.hours_remaining)
            if col == COL_STATUS:
                return f"{prog.done} of {prog.total} done · {prog.percent}%"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_HOURS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TITLE and phase.summary:
            return tooltip(phase.summary)
        if role == PhaseFractionRole and col == COL_STATUS:
            return prog.fraction
        if role == SortRole:
            return row
        if role == ItemIdRole:
            return phase.id
        if role == IsPhaseRole:
            return True
        if role == Qt.ItemDataRole.FontRole and col == COL_TITLE:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def _tutorial_data(self, tut: TutorialItem, row: int, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TITLE:
                return tut.title + (" (retired)" if tut.retired else "")
            if col == COL_TRACK:
                return tut.skill_name
            if col == COL_LEVEL:
                return level_name(tut.level)
            if col == COL_HOURS:
                return _hours(tut.hours)
            if col == COL_STATUS:
                return TutorialStatus.label_of(tut.status)
            if col == COL_FINISHED:
                return tut.finished_on.isoformat() if tut.finished_on else ""
            return None
        if role == SortRole:
            return (
                row,
                tut.title,
                tut.skill_name,
                tut.level,
                tut.hours,
                tut.status,
                tut.finished_on.isoformat() if tut.finished_on else "",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TITLE:
            return tooltip(tut.description) if tut.description else None
        if role == ItemIdRole:
            return tut.id
        if role == IsPhaseRole:
            return False
        if role == StatusRole:
            return tut.status
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_HOURS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RoadmapFilter(QSortFilterProxyModel):
    """Filters tutorials by phase, track, status and a search over title, description
    and notes. Phases stay visible while any of their tutorials matches; with no filter,
    every phase shows."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setSortRole(SortRole)
        self._phase_id: int | None = None
        self._skill_key: str | None = None
        self._status: str | None = None
        self._words: list[str] = []

    def set_filters(
        self, *, phase_id: int | None, skill_key: str | None, status: str | None, text: str
    ) -> None:
        self.beginFilterChange()
        self._phase_id, self._skill_key, self._status = phase_id, skill_key, status
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def active(self) -> bool:
        return bool(self._phase_id or self._skill_key or self._status or self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RoadmapModel)
        index = model.index(source_row, 0, source_parent)
        phase = model.phase_at(index)
        if phase is not None:
            return not self.active()
        tut = model.tutorial_at(index)
        if tut is None:
            return False
        if self._phase_id is not None and tut.phase_id != self._phase_id:
            return False
        if self._skill_key is not None and tut.skill_key != self._skill_key:
            return False
        if self._status is not None and tut.status != self._status:
            return False
        if self._words:
            haystack = f"{tut.title}\n{tut.description}\n{tut.notes}".casefold()
            return all(word in haystack for word in self._words)
        return True

    def visible_tutorials(self) -> int:
        count = 0
        for row in range(self.rowCount()):
            count += self.rowCount(self.index(row, 0))
        return count


PhaseFractionRole = Qt.ItemDataRole.UserRole + 5


class PhaseProgressDelegate(QStyledItemDelegate):
    """Roomier rows, and a phase row's status cell drawn over a thin progress bar."""

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().paint(painter, option, index)
        fraction = index.data(PhaseFractionRole)
        if fraction is None:
            return
        rect = option.rect.adjusted(3, 0, -3, -1)
        bar = rect.adjusted(0, rect.height() - 3, 0, 0)
        palette = option.palette
        painter.save()
        painter.fillRect(bar, palette.color(palette.ColorRole.Mid))
        done = bar.adjusted(0, 0, -round(bar.width() * (1 - float(fraction))), 0)
        painter.fillRect(done, palette.color(palette.ColorRole.Highlight))
        painter.restore()
