"""The Skills tab's snapshots: the radar with the snapshot to compare against, and the
list of saved assessments with their history chart.

Both panels show the same list of snapshots (newest first); the tab hands it to them,
and adds a just-saved snapshot at the top instead of reloading years of them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services.catalog import SkillItem
from careerplanner.services.skills import SnapshotItem
from careerplanner.ui.kit import widgets as w
from careerplanner.vocab import level_name


def snapshot_title(item: SnapshotItem) -> str:
    when = item.taken_at.strftime("%d %b %Y, %H:%M")
    return f"{when} — {item.note}" if item.note else when


class RadarPanel(QWidget):
    """The radar of the current assessment against the targets and a chosen snapshot."""

    #: The snapshot to compare with changed (snapshot id, or 0 for none).
    compare_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        from careerplanner.ui.skills.radar import RadarChart

        self.compare = QComboBox()
        self.compare.setObjectName("compare_snapshot")
        self.compare.setAccessibleName("Earlier snapshot shown on the radar")
        self.compare.setMinimumContentsLength(18)
        self.compare.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.compare.currentIndexChanged.connect(
            lambda *_: self.compare_changed.emit(self.compared() or 0)
        )
        self.chart = RadarChart()
        self.chart.setObjectName("radar_chart")
        top = QHBoxLayout()
        top.addWidget(w.heading("Skills radar", 2), 1)
        top.addWidget(w.label("Compare with:", wrap=False, selectable=False))
        top.addWidget(self.compare)
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 10, 6, 4)
        box.addLayout(top)
        box.addWidget(self.chart, 1)

    def compared(self) -> int | None:
        data = self.compare.currentData()
        return int(data) if data is not None else None

    def compare_with(self, snapshot_id: int) -> None:
        self.compare.setCurrentIndex(max(0, self.compare.findData(snapshot_id)))

    def set_snapshots(self, shots: list[SnapshotItem]) -> None:
        chosen = self.compare.currentData()
        self.compare.blockSignals(True)
        self.compare.clear()
        self.compare.addItem("No earlier snapshot", None)
        for s in shots:
            self.compare.addItem(snapshot_title(s), s.id)
        self.compare.setCurrentIndex(max(0, self.compare.findData(chosen)))
        self.compare.blockSignals(False)

    def add_newest(self, shot: SnapshotItem) -> None:
        self.compare.blockSignals(True)
        self.compare.insertItem(1, snapshot_title(shot), shot.id)
        self.compare.blockSignals(False)

    def show_radar(self, items: list[SkillItem], shot: SnapshotItem | None) -> None:
        self.chart.set_data(
            [s.name for s in items],
            [s.target for s in items],
            [s.level for s in items],
            [shot.level_of(s.key) for s in items] if shot is not None else None,
            shot.taken_at.strftime("%d %b %Y") if shot is not None else "Earlier",
        )


class SnapshotsPanel(QWidget):
    """The saved assessments, newest first, and the chart of levels over time."""

    #: Show a snapshot on the radar (snapshot id).
    compare_requested = Signal(int)
    #: Delete a snapshot (snapshot id).
    delete_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        from careerplanner.ui.skills.history_chart import SkillHistoryChart

        self._names: dict[str, str] = {}
        self.snapshot_list = QListWidget()
        self.snapshot_list.setObjectName("snapshot_list")
        self.snapshot_list.setAccessibleName("Saved assessments, newest first")
        self.snapshot_list.itemActivated.connect(lambda *_: self._request(self.compare_requested))
        self.snapshot_list.currentRowChanged.connect(lambda *_: self._update_buttons())
        self.show_button = QPushButton("Show on Radar")
        self.show_button.setObjectName("show_snapshot")
        self.show_button.clicked.connect(lambda: self._request(self.compare_requested))
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("delete_snapshot")
        self.delete_button.clicked.connect(lambda: self._request(self.delete_requested))
        self.history_chart = SkillHistoryChart()
        self.history_chart.setObjectName("history_chart")
        row = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(self.snapshot_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.delete_button)
        left.addLayout(buttons)
        row.addLayout(left, 2)
        row.addWidget(self.history_chart, 3)
        self._update_buttons()

    def current_id(self) -> int | None:
        item = self.snapshot_list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _item(self, s: SnapshotItem) -> QListWidgetItem:
        names = self._names
        levels = "\n".join(f"{names[k]}: {level_name(v)}" for k, v in s.levels if k in names)
        item = QListWidgetItem(snapshot_title(s))
        item.setData(Qt.ItemDataRole.UserRole, s.id)
        item.setToolTip(w.tooltip(f"{levels}\nTopics ticked: {len(s.topics)}"))
        return item

    def set_snapshots(self, shots: list[SnapshotItem], names: dict[str, str]) -> None:
        self._names = names
        listed = self.current_id()
        self.snapshot_list.blockSignals(True)
        self.snapshot_list.clear()
        for s in shots:
            item = self._item(s)
            self.snapshot_list.addItem(item)
            if s.id == listed:
                self.snapshot_list.setCurrentItem(item)
        self.snapshot_list.blockSignals(False)
        self._update_buttons()

    def add_newest(self, shot: SnapshotItem) -> None:
        self.snapshot_list.blockSignals(True)
        self.snapshot_list.insertItem(0, self._item(shot))
        self.snapshot_list.blockSignals(False)
        self._update_buttons()

    def _request(self, signal: SignalInstance) -> None:
        shot_id = self.current_id()
        if shot_id is not None:
            signal.emit(shot_id)

    def _update_buttons(self) -> None:
        has_shot = self.current_id() is not None
        self.show_button.setEnabled(has_shot)
        self.delete_button.setEnabled(has_shot)
