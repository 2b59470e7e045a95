"""Skills: self-assessment and topics, the radar, snapshots and history, gaps.

Every change runs through the app's operation runner (``AppEvents.run``) with a
``services.skills`` function: stored at once, put on the undo stack, and announced; this
tab (and any other that shows skills) refreshes on it. The charts (pyqtgraph) are built
when the tab is first built.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services import catalog, skills
from careerplanner.services.changes import Area
from careerplanner.services.progress import Progress
from careerplanner.services.skills import SnapshotItem
from careerplanner.store import Store
from careerplanner.ui.events import AppEvents
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.kit.base_tab import BaseTab
from careerplanner.ui.skills.widgets import GapModel, SkillCard, SkillIdRole
from careerplanner.vocab import TutorialStatus, level_name


def snapshot_title(item: SnapshotItem) -> str:
    when = item.taken_at.strftime("%d %b %Y, %H:%M")
    return f"{when} — {item.note}" if item.note else when


class SkillsTab(BaseTab):
    name = "skills"
    title = "Skills"
    watches = Area.SKILLS | Area.TUTORIALS

    def __init__(self, store: Store, events: AppEvents, path_id: int) -> None:
        super().__init__(store, events, path_id)
        from careerplanner.ui.skills.history_chart import SkillHistoryChart
        from careerplanner.ui.skills.radar import RadarChart

        self.cards: dict[str, SkillCard] = {}
        self._shape: list[tuple[int, tuple[int, ...]]] = []  # skill and topic ids shown

        # -- the radar, with the snapshot to compare against -------------------------
        self.compare = QComboBox()
        self.compare.setObjectName("compare_snapshot")
        self.compare.setAccessibleName("Earlier snapshot shown on the radar")
        self.compare.setMinimumContentsLength(18)
        self.compare.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.compare.currentIndexChanged.connect(lambda *_: self._update_chart())
        self.chart = RadarChart()
        self.chart.setObjectName("radar_chart")
        chart_top = QHBoxLayout()
        chart_top.addWidget(w.heading("Skills radar", 2), 1)
        chart_top.addWidget(w.label("Compare with:", wrap=False, selectable=False))
        chart_top.addWidget(self.compare)
        chart_host = QWidget()
        chart_box = QVBoxLayout(chart_host)
        chart_box.setContentsMargins(12, 10, 6, 4)
        chart_box.addLayout(chart_top)
        chart_box.addWidget(self.chart, 1)

        # -- gaps and the tutorials that close them ---------------------------------------
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
        self.gap_view.selectionModel().selectionChanged.connect(self._on_gap_selected)
        self.tutorials_title = w.label("", bold=True, name="gap_tutorials_title")
        self.tutorial_list = QListWidget()
        self.tutorial_list.setObjectName("gap_tutorials")
        self.tutorial_list.setAccessibleName("Unfinished tutorials of the selected skill's track")
        self.tutorial_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tutorial_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tutorial_list.setAlternatingRowColors(True)
        self.tutorial_list.itemActivated.connect(lambda *_: self.open_in_roadmap())
        self.tutorial_list.currentRowChanged.connect(lambda *_: self._update_buttons())
        self.open_button = QPushButton("Open in Roadmap")
        self.open_button.setObjectName("open_in_roadmap")
        self.open_button.clicked.connect(self.open_in_roadmap)
        gap_page = QWidget()
        gap_row = QHBoxLayout(gap_page)
        gap_row.addWidget(self.gap_view, 5)
        side = QVBoxLayout()
        side.addWidget(self.tutorials_title)
        side.addWidget(self.tutorial_list, 1)
        side.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        gap_row.addLayout(side, 3)

        # -- snapshots and history ----------------------------------------------------
        self.snapshot_list = QListWidget()
        self.snapshot_list.setObjectName("snapshot_list")
        self.snapshot_list.setAccessibleName("Saved assessments, newest first")
        self.snapshot_list.itemActivated.connect(lambda *_: self.compare_with_selected())
        self.snapshot_list.currentRowChanged.connect(lambda *_: self._update_buttons())
        self.show_button = QPushButton("Show on Radar")
        self.show_button.setObjectName("show_snapshot")
        self.show_button.clicked.connect(self.compare_with_selected)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("delete_snapshot")
        self.delete_button.clicked.connect(self.delete_selected)
        self.history_chart = SkillHistoryChart()
        self.history_chart.setObjectName("history_chart")
        history_page = QWidget()
        history_row = QHBoxLayout(history_page)
        left = QVBoxLayout()
        left.addWidget(self.snapshot_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.delete_button)
        left.addLayout(buttons)
        history_row.addLayout(left, 2)
        history_row.addWidget(self.history_chart, 3)

        self.panels = QTabWidget()
        self.panels.setObjectName("skills_lower_tabs")
        self.panels.setDocumentMode(True)
        self.panels.addTab(gap_page, "Gaps")
        self.panels.addTab(history_page, "History")
        self._snapshot_signature: tuple[int, int] | None = None
        self._names: dict[str, str] = {}
        self._shots: list[skills.SnapshotItem] = []
        self._history_stale = True
        self.panels.currentChanged.connect(
            lambda index: self._fill_history() if index == 1 else None
        )

        left_split = QSplitter(Qt.Orientation.Vertical)
        left_split.setObjectName("skills_left_splitter")
        left_split.addWidget(chart_host)
        left_split.addWidget(self.panels)
        left_split.setStretchFactor(0, 3)
        left_split.setStretchFactor(1, 2)
        left_split.setSizes([430, 270])
        left_split.setChildrenCollapsible(False)

        # -- the self-assessment ----------------------------------------------------------
        self.note = QLineEdit()
        self.note.setObjectName("snapshot_note")
        self.note.setPlaceholderText("Note for this snapshot (optional)")
        self.note.setAccessibleName("Snapshot note")
        self.note.returnPressed.connect(self.save_assessment)
        self.save_button = QPushButton("Save Assessment")
        self.save_button.setObjectName("save_assessment")
        self.save_button.setToolTip("Keep a dated snapshot of all levels and ticked topics")
        self.save_button.clicked.connect(self.save_assessment)
        area, self._page = w.scroll_page()
        self._page.setContentsMargins(12, 10, 14, 12)
        self._page.setSpacing(10)
        self._page.addWidget(w.heading("Your self-assessment", 2))
        self.intro = w.label("", muted=True, name="skills_intro")
        self._page.addWidget(self.intro)
        save_row = QHBoxLayout()
        save_row.addWidget(self.note, 1)
        save_row.addWidget(self.save_button)
        self._page.addLayout(save_row)
        self._cards_box = QVBoxLayout()
        self._cards_box.setSpacing(8)
        self._page.addLayout(self._cards_box)
        self._page.addStretch(1)

        self.splitter = QSplitter()
        self.splitter.setObjectName("skills_splitter")
        self.splitter.addWidget(left_split)
        self.splitter.addWidget(area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([710, 470])
        self.splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)

        self.refresh()

    # -- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        items = skills.assessment(self.store, self.path_id)
        tracks = skills.track_progress(self.store, self.path_id)
        info = catalog.path_info(self.store, self.path_id)
        self.intro.setText(
            (info.skills_intro + "\n\n" if info.skills_intro else "")
            + "Rate each skill and tick the topics you are comfortable with; "
            "changes are kept at once. The bar shows how much of each track's "
            "tutorials you have done."
        )
        if self._shape_of(items) != self._shape:
            self._build_cards(items)
        for s in items:
            self.cards[s.key].update_skill(s, tracks.get(s.id, Progress()))
        signature = skills.snapshot_signature(self.store, self.path_id)
        names = {s.key: s.name for s in items}
        old = self._snapshot_signature
        if (
            old is not None
            and names == self._names
            and signature == (old[0] + 1, signature[1])
            and signature[1] > old[1]
            and self._add_newest_snapshot(signature[1])
        ):
            # One snapshot was saved: add it, do not reload years of history.
            self._snapshot_signature = signature
            self._history_stale = True
        elif signature != old or self._names != names:
            # The snapshot list and history change only when snapshots do.
            self._snapshot_signature = signature
            self._names = {s.key: s.name for s in items}
            self._shots = skills.snapshots(self.store, self.path_id)
            self._fill_snapshots(self._names)
            self._history_stale = True
        self._update_chart()
        self._fill_gaps()
        if self.panels.currentIndex() == 1:
            self._fill_history()
        self._update_buttons()

    def _build_cards(self, items: list[catalog.SkillItem]) -> None:
        w.clear_layout(self._cards_box)
        self.cards = {}
        for s in items:
            card = SkillCard(s)
            card.level_picked.connect(self.set_level)
            card.topic_toggled.connect(self.set_topic)
            self._cards_box.addWidget(card)
            self.cards[s.key] = card
        self._shape = self._shape_of(items)

    @staticmethod
    def _shape_of(items: list[catalog.SkillItem]) -> list[tuple[int, tuple[int, ...]]]:
        return [(s.id, tuple(t.id for t in s.topics)) for s in items]

    def _snapshot_item(self, s: skills.SnapshotItem) -> QListWidgetItem:
        names = self._names
        levels = "\n".join(f"{names[k]}: {level_name(v)}" for k, v in s.levels if k in names)
        item = QListWidgetItem(snapshot_title(s))
        item.setData(Qt.ItemDataRole.UserRole, s.id)
        item.setToolTip(w.tooltip(f"{levels}\nTopics ticked: {len(s.topics)}"))
        return item

    def _add_newest_snapshot(self, snapshot_id: int) -> bool:
        """Put a just-saved snapshot at the top of the list and the compare box."""
        shot = skills.snapshot(self.store, snapshot_id)
        if shot is None or (self._shots and shot.taken_at < self._shots[0].taken_at):
            return False
        self._shots.insert(0, shot)
        self.compare.blockSignals(True)
        self.compare.insertItem(1, snapshot_title(shot), shot.id)
        self.compare.blockSignals(False)
        self.snapshot_list.blockSignals(True)
        self.snapshot_list.insertItem(0, self._snapshot_item(shot))
        self.snapshot_list.blockSignals(False)
        return True

    def _fill_snapshots(self, names: dict[str, str]) -> None:
        shots = self._shots
        chosen, listed = self.compare.currentData(), self._current_snapshot_id()
        self.compare.blockSignals(True)
        self.compare.clear()
        self.compare.addItem("No earlier snapshot", None)
        for s in shots:
            self.compare.addItem(snapshot_title(s), s.id)
        self.compare.setCurrentIndex(max(0, self.compare.findData(chosen)))
        self.compare.blockSignals(False)
        self.snapshot_list.blockSignals(True)
        self.snapshot_list.clear()
        for s in shots:
            item = self._snapshot_item(s)
            self.snapshot_list.addItem(item)
            if s.id == listed:
                self.snapshot_list.setCurrentItem(item)
        self.snapshot_list.blockSignals(False)

    def _update_chart(self) -> None:
        items = skills.assessment(self.store, self.path_id)
        shot_id = self.compare.currentData()
        shot = skills.snapshot(self.store, shot_id) if shot_id is not None else None
        self.chart.set_data(
            [s.name for s in items],
            [s.target for s in items],
            [s.level for s in items],
            [shot.level_of(s.key) for s in items] if shot is not None else None,
            shot.taken_at.strftime("%d %b %Y") if shot is not None else "Earlier",
        )

    def _fill_gaps(self) -> None:
        selected = self._selected_gap_skill()
        self.gap_model.set_gaps(skills.gaps(self.store, self.path_id))
        row = self.gap_model.row_of(selected) if selected is not None else 0
        self.gap_view.selectRow(max(row, 0))
        self._fill_tutorials()

    def _fill_history(self) -> None:
        """The history chart, drawn when its panel is shown and the snapshots changed."""
        if not self._history_stale:
            return
        self._history_stale = False
        self.history_chart.set_history(
            [(h.name, h.points) for h in skills.history(self.store, self.path_id, self._shots)]
        )

    def _selected_gap_skill(self) -> int | None:
        rows = self.gap_view.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(SkillIdRole)
        return int(value) if value is not None else None

    def _on_gap_selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._fill_tutorials()

    def _fill_tutorials(self) -> None:
        skill_id = self._selected_gap_skill()
        self.tutorial_list.clear()
        gap = self.gap_model.gap_at(self.gap_model.row_of(skill_id)) if skill_id else None
        if gap is None:
            self.tutorials_title.setText("Select a skill to see the tutorials that close its gap.")
            self._update_buttons()
            return
        todo = skills.open_tutorials(self.store, self.path_id, gap.skill_id)
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
        self._update_buttons()

    def _current_snapshot_id(self) -> int | None:
        item = self.snapshot_list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _update_buttons(self) -> None:
        has_shot = self._current_snapshot_id() is not None
        self.show_button.setEnabled(has_shot)
        self.delete_button.setEnabled(has_shot)
        self.open_button.setEnabled(self.tutorial_list.currentItem() is not None)

    # -- actions --------------------------------------------------------------------------
    def set_level(self, skill_id: int, level: int) -> None:
        card = next((c for c in self.cards.values() if c.skill.id == skill_id), None)
        if card is None or card.skill.level == level:
            return
        text = f"Rate {card.skill.name} {level_name(level)}"
        if self.events.run(text, partial(skills.set_level, self.store, skill_id, level),
                           parent=self) is None:  # fmt: skip
            self.refresh()  # put the picker back

    def set_topic(self, topic_id: int, name: str, checked: bool) -> None:
        text = f"{'Tick' if checked else 'Untick'} “{name}”"
        if self.events.run(text, partial(skills.set_topic, self.store, topic_id, checked),
                           parent=self) is None:  # fmt: skip
            self.refresh()  # put the tick back

    def save_assessment(self) -> None:
        op = partial(skills.save_snapshot, self.store, self.path_id, self.note.text())
        if self.events.run("Save Assessment", op, parent=self) is not None:
            self.note.clear()
            self.events.status_message.emit("Assessment saved.")

    def compare_with_selected(self) -> None:
        shot_id = self._current_snapshot_id()
        if shot_id is not None:
            self.compare.setCurrentIndex(max(0, self.compare.findData(shot_id)))

    def delete_selected(self) -> None:
        shot_id = self._current_snapshot_id()
        if shot_id is None:
            return
        op = partial(skills.delete_snapshot, self.store, shot_id)
        self.events.run("Delete Snapshot", op, parent=self)

    def open_in_roadmap(self) -> None:
        item = self.tutorial_list.currentItem()
        if item is not None:
            self.events.navigate.emit("roadmap", int(item.data(Qt.ItemDataRole.UserRole)))

    def select_item(self, item_id: int) -> None:
        """Navigation to a skill (by id): select its gap row and show its card."""
        row = self.gap_model.row_of(item_id)
        if row >= 0:
            self.panels.setCurrentIndex(0)
            self.gap_view.selectRow(row)
        card = next((c for c in self.cards.values() if c.skill.id == item_id), None)
        if card is not None:
            card.setFocus()
