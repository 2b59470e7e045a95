"""The Skills tab's gaps: the skills, largest gap first, and the unfinished tutorials of
the selected skill's track."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services.catalog import TutorialItem
from careerplanner.services.skills import Gap
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.kit.table_model import RowsTableModel
from careerplanner.ui.kit.widgets import tooltip
from careerplanner.ui.skills.assessment import track_text
from careerplanner.vocab import TutorialStatus, level_name

SkillIdRole = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex
GAP_HEADERS = ("Skill", "Current", "Target", "Gap", "Tutorials")


#: What the gap table says of a level while the user has not rated themselves.
NOT_RATED = "Not rated yet"


def gap_text(gap: int, rated: bool = True) -> str:
    if not rated:
        return "—"
    if gap > 0:
        return f"{gap} level{'s' if gap != 1 else ''}"
    return "On target" if gap == 0 else "Above"


class GapModel(RowsTableModel):
    """The skills, largest gap first (the order the service gives)."""

    HEADERS = GAP_HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._gaps: list[Gap] = []

    def set_gaps(self, gaps: list[Gap]) -> None:
        self.beginResetModel()
        self._gaps = list(gaps)
        self.endResetModel()

    def gap_at(self, row: int) -> Gap | None:
        return self._gaps[row] if 0 <= row < len(self._gaps) else None

    def row_of(self, skill_id: int) -> int:
        return next((i for i, g in enumerate(self._gaps) if g.skill_id == skill_id), -1)

    def items(self) -> list[Any]:
        return self._gaps

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._gaps):
            return None
        g, col = self._gaps[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                g.name,
                level_name(g.level) if g.rated else NOT_RATED,
                level_name(g.target),
                gap_text(g.gap, g.rated),
                f"{g.track.done} of {g.track.total}" if g.track.total else "—",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            now = f"{level_name(g.level)} now" if g.rated else "not rated yet"
            return tooltip(
                f"{g.name}: {now}, target {level_name(g.target)}. {track_text(g.track)}."
            )
        if role == SkillIdRole:
            return g.skill_id
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class GapsPanel(QWidget):
    """The gap table and, beside it, the tutorials that close the selected gap."""

    #: The selected gap changed (skill id, or 0 when none is selected).
    gap_selected = Signal(int)
    #: Open a tutorial in the roadmap (tutorial id).
    open_tutorial = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.gap_model = GapModel(self)
        self.gap_view = QTableView()
        self.gap_view.setObjectName("gap_table")
        self.gap_view.setAccessibleName("Skill gaps, largest first")
        self.gap_view.setModel(self.gap_model)
        self.gap_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.gap_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.gap_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gap_view.verticalHeader().hide()
        self.gap_view.setAlternatingRowColors(True)
        self.gap_view.setWordWrap(False)
        self.gap_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.gap_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.gap_view.selectionModel().selectionChanged.connect(
            lambda *_: self.gap_selected.emit(self.selected_skill() or 0)
        )
        self.tutorials_title = w.label("", bold=True, name="gap_tutorials_title")
        self.tutorial_list = QListWidget()
        self.tutorial_list.setObjectName("gap_tutorials")
        self.tutorial_list.setAccessibleName("Unfinished tutorials of the selected skill's track")
        self.tutorial_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tutorial_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tutorial_list.setAlternatingRowColors(True)
        self.tutorial_list.itemActivated.connect(lambda *_: self.open_current())
        self.tutorial_list.currentRowChanged.connect(lambda *_: self._update_button())
        self.open_button = QPushButton("Open in Roadmap")
        self.open_button.setObjectName("open_in_roadmap")
        self.open_button.clicked.connect(self.open_current)
        row = QHBoxLayout(self)
        row.addWidget(self.gap_view, 5)
        side = QVBoxLayout()
        side.addWidget(self.tutorials_title)
        side.addWidget(self.tutorial_list, 1)
        side.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        row.addLayout(side, 3)

    def show_gaps(self, gaps: list[Gap]) -> None:
        """Show the gaps, keeping the selected skill selected (else the largest gap)."""
        selected = self.selected_skill()
        self.gap_view.blockSignals(True)
        self.gap_model.set_gaps(gaps)
        self.gap_view.blockSignals(False)
        row = self.gap_model.row_of(selected) if selected is not None else 0
        self.gap_view.selectRow(max(row, 0))
        self.gap_selected.emit(self.selected_skill() or 0)

    def select_skill(self, skill_id: int) -> bool:
        row = self.gap_model.row_of(skill_id)
        if row >= 0:
            self.gap_view.selectRow(row)
        return row >= 0

    def selected_skill(self) -> int | None:
        rows = self.gap_view.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(SkillIdRole)
        return int(value) if value is not None else None

    def selected_gap(self) -> Gap | None:
        skill_id = self.selected_skill()
        return self.gap_model.gap_at(self.gap_model.row_of(skill_id)) if skill_id else None

    def show_tutorials(self, gap: Gap | None, todo: list[TutorialItem]) -> None:
        self.tutorial_list.clear()
        if gap is None:
            self.tutorials_title.setText("Select a skill to see the tutorials that close its gap.")
        else:
            self.tutorials_title.setText(
                f"{len(todo)} unfinished tutorial{'s' if len(todo) != 1 else ''} on the "
                f"{gap.name} track" if todo else f"Every tutorial on the {gap.name} track is done."
            )  # fmt: skip
        for t in todo:
            item = QListWidgetItem(
                f"{t.title}\n{level_name(t.level)} · {t.hours:g} h · "
                f"{TutorialStatus.label_of(t.status)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            item.setToolTip(w.tooltip(t.description or t.title))
            self.tutorial_list.addItem(item)
        if todo:
            self.tutorial_list.setCurrentRow(0)
        self._update_button()

    def open_current(self) -> None:
        item = self.tutorial_list.currentItem()
        if item is not None:
            self.open_tutorial.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _update_button(self) -> None:
        self.open_button.setEnabled(self.tutorial_list.currentItem() is not None)
