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

from careerplanner.services import skills
from careerplanner.services.catalog import SkillItem
from careerplanner.services.skills import SnapshotItem
from careerplanner.ui.kit import widgets as w
from careerplanner.vocab import level_name


def snapshot_title(item: SnapshotItem) -> str:
    when = item.taken_at.strftime("%d %b %Y, %H:%M")
    return f"{when} — {item.note}" if item.note else when


def short_title(item: SnapshotItem, limit: int = 48) -> str:
    """The title cut to ``limit`` characters (a long note ends in "…")."""
    title = snapshot_title(item)
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


class RadarPanel(QWidget):
    """The radar of the current assessment against the targets and a chosen snapshot.

    The compare box offers the saved snapshots by name (date, time and note), never one
    that holds exactly the current assessment (there would be nothing to see); beside it,
    what changed since the snapshot compared with, in words.
    """

    #: The snapshot to compare with changed (snapshot id, or 0 for none).
    compare_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        from careerplanner.ui.skills.radar import RadarChart

        self.compare = QComboBox()
        self.compare.setObjectName("compare_snapshot")
        self.compare.setAccessibleName("Earlier snapshot shown on the radar")
        self.compare.setMinimumContentsLength(24)
        self.compare.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.compare.currentIndexChanged.connect(self._chosen)
        self.delta = w.label("", name="compare_delta")
        self.delta.setAccessibleName("Changes since the snapshot compared with")
        self.chart = RadarChart()
        self.chart.setObjectName("radar_chart")
        top = QHBoxLayout()
        top.addWidget(w.heading("Skills radar", 2), 1)
        top.addWidget(w.label("Compare with:", wrap=False, selectable=False))
        top.addWidget(self.compare)
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 10, 6, 4)
        box.addLayout(top)
        box.addWidget(self.delta)
        box.addWidget(self.chart, 1)
        self._shots: list[SnapshotItem] = []
        self._offered: list[int] | None = None
        #: The snapshot the user chose, kept while it matches the current assessment.
        self._wanted: int | None = None

    def compared(self) -> int | None:
        data = self.compare.currentData()
        return int(data) if data is not None else None

    def offered(self) -> list[int]:
        """The ids of the snapshots the compare box offers, in its order."""
        return list(self._offered or [])

    def _chosen(self, _index: int) -> None:
        self._wanted = self.compared()
        self.compare_changed.emit(self._wanted or 0)

    def compare_with(self, snapshot_id: int) -> bool:
        """Choose a snapshot; False when it is not offered (it matches the assessment)."""
        index = self.compare.findData(snapshot_id)
        if index < 0:
            return False
        self.compare.setCurrentIndex(index)
        return True

    def set_snapshots(self, shots: list[SnapshotItem], items: list[SkillItem]) -> None:
        """All the path's snapshots, newest first, and the current assessment."""
        self._shots = list(shots)
        self._offered = None
        self.offer(items)

    def add_newest(self, shot: SnapshotItem, items: list[SkillItem]) -> None:
        self._shots.insert(0, shot)
        self.offer(items)

    def offer(self, items: list[SkillItem]) -> None:
        """Offer every snapshot that differs from the assessment ``items`` (after a change
        of levels or topics, one that matched may differ again, and the reverse)."""
        same = skills.same_as_now(self._shots, items)
        offered = [s for s in self._shots if s.id not in same]
        ids = [s.id for s in offered]
        if ids == self._offered:
            return
        self._offered = ids
        wanted = self._wanted
        self.compare.blockSignals(True)
        self.compare.clear()
        self.compare.addItem("No earlier snapshot", None)
        for s in offered:
            self.compare.addItem(short_title(s), s.id)
            self.compare.setItemData(
                self.compare.count() - 1, snapshot_title(s), Qt.ItemDataRole.ToolTipRole
            )
        self.compare.setCurrentIndex(max(0, self.compare.findData(wanted)))
        self.compare.blockSignals(False)

    def show_radar(self, items: list[SkillItem], shot: SnapshotItem | None) -> None:
        self.chart.set_data(
            [s.name for s in items],
            [s.target for s in items],
            [s.level for s in items],
            [shot.level_of(s.key) for s in items] if shot is not None else None,
            short_title(shot, 40) if shot is not None else "Earlier",
        )
        if shot is None:
            self.delta.setText("")
            self.delta.hide()
        else:
            change = skills.delta(shot, items).describe()
            self.delta.setText(f"Since {snapshot_title(shot)}: {change}")
            self.delta.show()


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
