"""Skills: the radar, gaps, snapshots and history on the left, the self-assessment on the
right.

The panels (``radar`` and ``snapshots`` from ``ui/skills/snapshots.py``, ``gaps``,
``assessment``) only show what they are given and say what the user asked for; this tab
reads the services and runs every change through the app's operation runner
(``AppEvents.run``): stored at once, put on the undo stack, and announced, so this tab
(and any other that shows skills) refreshes. The charts (pyqtgraph) are built when the
tab is first built.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout

from careerplanner.services import catalog, skills
from careerplanner.services.changes import Area
from careerplanner.services.skills import SnapshotItem
from careerplanner.store import Store
from careerplanner.ui.events import AppEvents
from careerplanner.ui.kit.base_tab import BaseTab
from careerplanner.ui.skills.assessment import AssessmentPanel, SkillCard
from careerplanner.ui.skills.gaps import GapsPanel
from careerplanner.ui.skills.snapshots import RadarPanel, SnapshotsPanel
from careerplanner.vocab import level_name

GAPS_PAGE, HISTORY_PAGE = 0, 1


class SkillsTab(BaseTab):
    name = "skills"
    title = "Skills"
    watches = Area.SKILLS | Area.TUTORIALS

    def __init__(self, store: Store, events: AppEvents, path_id: int) -> None:
        super().__init__(store, events, path_id)
        self.radar = RadarPanel()
        self.gaps = GapsPanel()
        self.snapshots = SnapshotsPanel()
        self.assessment = AssessmentPanel()
        # The widgets a user works with, by the names tests and the benchmark use.
        self.chart, self.compare = self.radar.chart, self.radar.compare
        self.gap_model, self.gap_view = self.gaps.gap_model, self.gaps.gap_view
        self.tutorial_list, self.open_button = self.gaps.tutorial_list, self.gaps.open_button
        self.tutorials_title = self.gaps.tutorials_title
        self.snapshot_list = self.snapshots.snapshot_list
        self.show_button, self.delete_button = (
            self.snapshots.show_button, self.snapshots.delete_button,
        )  # fmt: skip
        self.history_chart = self.snapshots.history_chart
        self.note, self.save_button = self.assessment.note, self.assessment.save_button
        self.intro = self.assessment.intro

        self.panels = QTabWidget()
        self.panels.setObjectName("skills_lower_tabs")
        self.panels.setDocumentMode(True)
        self.panels.addTab(self.gaps, "Gaps")
        self.panels.addTab(self.snapshots, "History")
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("skills_left_splitter")
        left.addWidget(self.radar)
        left.addWidget(self.panels)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setSizes([430, 270])
        left.setChildrenCollapsible(False)
        self.splitter = QSplitter()
        self.splitter.setObjectName("skills_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.assessment)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([710, 470])
        self.splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)

        self._snapshot_signature: tuple[int, int] | None = None
        self._names: dict[str, str] = {}
        self._shots: list[SnapshotItem] = []
        self._history_stale = True

        self.radar.compare_changed.connect(lambda *_: self._update_chart())
        self.gaps.gap_selected.connect(self._fill_tutorials)
        self.gaps.open_tutorial.connect(lambda tid: self.events.navigate.emit("roadmap", tid))
        self.snapshots.compare_requested.connect(self.show_on_radar)
        self.snapshots.delete_requested.connect(self.delete_snapshot)
        self.assessment.level_picked.connect(self.set_level)
        self.assessment.topic_toggled.connect(self.set_topic)
        self.assessment.save_requested.connect(self.save_assessment)
        self.panels.currentChanged.connect(
            lambda index: self._fill_history() if index == HISTORY_PAGE else None
        )
        self.refresh()

    @property
    def cards(self) -> dict[str, SkillCard]:
        return self.assessment.cards

    # -- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        items = skills.assessment(self.store, self.path_id)
        info = catalog.path_info(self.store, self.path_id)
        tracks = skills.track_progress(self.store, self.path_id)
        self.assessment.show_skills(items, tracks, info.skills_intro)
        self._refresh_snapshots(items)
        self.radar.offer(items)  # a snapshot that matched the assessment may differ now
        self._update_chart(items)
        self.gaps.show_gaps(skills.gaps(self.store, self.path_id))
        if self.panels.currentIndex() == HISTORY_PAGE:
            self._fill_history()

    def _refresh_snapshots(self, items: list[catalog.SkillItem]) -> None:
        """The snapshot lists change only when snapshots do; one just saved is added at
        the top instead of reloading years of them."""
        signature = skills.snapshot_signature(self.store, self.path_id)
        names = {s.key: s.name for s in items}
        old = self._snapshot_signature
        if old == signature and names == self._names:
            return
        self._snapshot_signature = signature
        self._history_stale = True
        if (
            old is not None
            and names == self._names
            and signature == (old[0] + 1, signature[1])
            and signature[1] > old[1]
        ):
            shot = skills.snapshot(self.store, signature[1])
            if shot is not None and not (self._shots and shot.taken_at < self._shots[0].taken_at):
                self._shots.insert(0, shot)
                self.radar.add_newest(shot, items)
                self.snapshots.add_newest(shot)
                return
        self._names = names
        self._shots = skills.snapshots(self.store, self.path_id)
        self.radar.set_snapshots(self._shots, items)
        self.snapshots.set_snapshots(self._shots, names)

    def _update_chart(self, items: list[catalog.SkillItem] | None = None) -> None:
        items = items if items is not None else skills.assessment(self.store, self.path_id)
        shot_id = self.radar.compared()
        shot = skills.snapshot(self.store, shot_id) if shot_id is not None else None
        self.radar.show_radar(items, shot)

    def _fill_tutorials(self, skill_id: int) -> None:
        gap = self.gaps.selected_gap() if skill_id else None
        todo = skills.open_tutorials(self.store, self.path_id, gap.skill_id) if gap else []
        self.gaps.show_tutorials(gap, todo)

    def _fill_history(self) -> None:
        """The history chart, drawn when its panel is shown and the snapshots changed."""
        if not self._history_stale:
            return
        self._history_stale = False
        self.history_chart.set_history(
            [(h.name, h.points) for h in skills.history(self.store, self.path_id, self._shots)]
        )

    # -- actions --------------------------------------------------------------------------
    def set_level(self, skill_id: int, level: int) -> None:
        card = self.assessment.card_of(skill_id)
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

    def show_on_radar(self, shot_id: int) -> None:
        if not self.radar.compare_with(shot_id):
            self.events.status_message.emit(
                "That snapshot holds your current assessment: the radar would show no difference."
            )

    def delete_snapshot(self, shot_id: int) -> None:
        op = partial(skills.delete_snapshot, self.store, shot_id)
        self.events.run("Delete Snapshot", op, parent=self)

    def delete_selected(self) -> None:
        shot_id = self.snapshots.current_id()
        if shot_id is not None:
            self.delete_snapshot(shot_id)

    def select_item(self, item_id: int) -> None:
        """Navigation to a skill (by id): select its gap row and show its card."""
        if self.gaps.select_skill(item_id):
            self.panels.setCurrentIndex(GAPS_PAGE)
        card = self.assessment.card_of(item_id)
        if card is not None:
            self.assessment.ensureWidgetVisible(card)
            card.setFocus()
