"""Roadmap: phases and tutorials with status, filters and search, progress, details."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services import catalog, progress, roadmap
from careerplanner.services.catalog import TutorialItem
from careerplanner.services.changes import Area, Changes
from careerplanner.store import Store
from careerplanner.ui.events import AppEvents
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.kit.base_tab import BaseTab
from careerplanner.ui.ops import Op
from careerplanner.ui.roadmap.details import TutorialDetails
from careerplanner.ui.roadmap.dialogs import TutorialDialog
from careerplanner.ui.roadmap.model import (
    COL_FINISHED,
    COL_HOURS,
    COL_LEVEL,
    COL_STATUS,
    COL_TITLE,
    COL_TRACK,
    ItemIdRole,
    PhaseProgressDelegate,
    RoadmapFilter,
    RoadmapModel,
)
from careerplanner.vocab import TutorialStatus


def is_web_url(url: str) -> bool:
    return roadmap.is_web_url(url)


class RoadmapTab(BaseTab):
    name = "roadmap"
    title = "Roadmap"
    watches = Area.TUTORIALS

    def __init__(self, store: Store, events: AppEvents, path_id: int) -> None:
        super().__init__(store, events, path_id)
        self.model = RoadmapModel(self)
        self.proxy = RoadmapFilter(self)
        self.proxy.setSourceModel(self.model)

        # Filters and search.
        self.search = QLineEdit()
        self.search.setObjectName("roadmap_search")
        self.search.setPlaceholderText("Search tutorials and notes")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search tutorials")
        self.search.setToolTip("Search titles, descriptions and your notes (Ctrl+F)")
        self.phase_filter = QComboBox()
        self.phase_filter.setObjectName("phase_filter")
        self.phase_filter.setAccessibleName("Filter by phase")
        self.track_filter = QComboBox()
        self.track_filter.setObjectName("track_filter")
        self.track_filter.setAccessibleName("Filter by track")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.addItem("All statuses", None)
        for key, text in ((s.value, s.label) for s in TutorialStatus):
            self.status_filter.addItem(text, key)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setObjectName("clear_filters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.count_label = w.label("", muted=True, name="shown_count", wrap=False)
        self.search.textChanged.connect(lambda *_: self._apply_filters())
        for combo in (self.phase_filter, self.track_filter, self.status_filter):
            combo.currentIndexChanged.connect(lambda *_: self._apply_filters())
        self.add_button = QPushButton("&Add Tutorial…")
        self.add_button.setObjectName("add_tutorial")
        self.add_button.clicked.connect(lambda: self.open_tutorial_dialog(None))
        self.status_button = QPushButton("Set S&tatus")
        self.status_button.setObjectName("set_status")
        tip = "Set the status of the selected tutorials (Ctrl+click or Shift+click selects several)"
        self.status_button.setToolTip(w.tooltip(tip))
        self.status_menu = QMenu(self.status_button)
        for key, text in ((s.value, s.label) for s in TutorialStatus):
            action = self.status_menu.addAction(text)
            action.setObjectName(f"set_status_{key}")
            action.triggered.connect(lambda _c=False, k=key: self.set_status(k))
        self.status_button.setMenu(self.status_menu)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.phase_filter, 2)
        filters.addWidget(self.track_filter, 2)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.clear_button)
        filters.addWidget(self.add_button)

        # Progress.
        self.overall_bar = QProgressBar()
        self.overall_bar.setObjectName("roadmap_progress")
        self.overall_bar.setRange(0, 100)
        self.overall_bar.setAccessibleName("Overall progress")
        self.overall_text = w.label("", name="roadmap_summary")
        self.skipped_note = w.label("", muted=True, name="skipped_note")

        # The tree.
        self.view = QTreeView()
        self.view.setObjectName("roadmap_view")
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.setAccessibleName("Roadmap: phases and tutorials")
        self.view.setAccessibleDescription(
            "Space marks the selected tutorials done or not done; the context menu sets any "
            "status. Ctrl+click or Shift+click selects several."
        )
        self.view.setItemDelegate(PhaseProgressDelegate(self.view))
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # Fixed, measured widths: sizing to contents would measure every row on every change.
        for col in (COL_TRACK, COL_LEVEL, COL_HOURS, COL_STATUS, COL_FINISHED):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_count())
        self.view.doubleClicked.connect(self._focus_notes)
        toggle = QShortcut(QKeySequence(Qt.Key.Key_Space), self.view)
        toggle.setContext(Qt.ShortcutContext.WidgetShortcut)
        toggle.activated.connect(self.toggle_done)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._focus_search)

        self.details = TutorialDetails(store, events)
        self.details.edit_requested.connect(self.open_tutorial_dialog)
        self.details.delete_requested.connect(self.confirm_delete)

        self._intro = w.label("", muted=True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 10, 6, 10)
        left_layout.addWidget(self._intro)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.overall_bar)
        row = QHBoxLayout()
        row.addWidget(self.overall_text, 1)
        row.addWidget(self.count_label)
        row.addWidget(self.status_button)
        left_layout.addLayout(row)
        left_layout.addWidget(self.skipped_note)
        left_layout.addWidget(self.view, 1)

        self.splitter = QSplitter()
        self.splitter.setObjectName("roadmap_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setTabOrder(self.search, self.phase_filter)
        self.setTabOrder(self.phase_filter, self.track_filter)
        self.setTabOrder(self.track_filter, self.status_filter)
        self.setTabOrder(self.status_filter, self.view)

        self.refresh()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _focus_notes(self) -> None:
        self.details.notes.setFocus()

    # -- loading --------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.current_tutorial()
        info = catalog.path_info(self.store, self.path_id)
        phases = catalog.roadmap(self.store, self.path_id)
        self._intro.setText(info.roadmap_intro)
        self._fill_filter(self.phase_filter, "All phases",
                          [(p.title, p.id) for p in phases if not p.retired])  # fmt: skip
        skills = catalog.skills(self.store, self.path_id)
        self._fill_filter(self.track_filter, "All tracks",
                          [(s.name, s.key) for s in skills if not s.retired])  # fmt: skip
        self.model.set_roadmap(phases, progress.path_progress(self.store, self.path_id))
        self._size_columns(skills)
        self.view.expandAll()
        self._update_progress()
        self._update_count()
        if selected is not None:
            self.select_item(selected.id)
        if self.current_tutorial() is None:
            self.details.show_tutorial(None)  # what was shown may be gone (undo, import)

    def _size_columns(self, skills: list[catalog.SkillItem]) -> None:
        fm = self.view.fontMetrics()
        pad = 18
        widest = {
            COL_TRACK: [s.name for s in skills] or ["Track"],
            COL_LEVEL: ["Intermediate", "Level"],
            COL_HOURS: ["1000", "Hours"],
            COL_STATUS: ["88 of 88 done · 100%", "In progress"],
            COL_FINISHED: ["2026-12-31", "Finished"],
        }
        for col, texts in widest.items():
            width = max(fm.horizontalAdvance(t) for t in texts) + pad
            self.view.header().resizeSection(col, min(width, 260))

    @staticmethod
    def _fill_filter(combo: QComboBox, all_text: str, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for text, data in items:
            combo.addItem(text, data)
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    def refresh_for(self, changes: Changes) -> None:
        """Changed tutorials are updated in place (their rows, the details pane, the
        progress bars); a change to the list itself reloads it."""
        if not changes.tutorials:
            self.refresh()
            return
        items = [catalog.tutorial(self.store, tid) for tid in sorted(changes.tutorials)]
        prog = progress.path_progress(self.store, self.path_id)
        for item in items:
            if item is None or not self.model.replace_tutorial(item, prog):
                self.refresh()
                return
            if self.details.tutorial is not None and self.details.tutorial.id == item.id:
                self.details.show_tutorial(item)
        self._update_progress()
        if self.proxy.active():
            self._apply_filters()  # the row may now match, or no longer match
        else:
            self._update_count()

    def _update_progress(self) -> None:
        o = progress.path_progress(self.store, self.path_id).overall
        self.overall_bar.setValue(o.percent)
        self.overall_bar.setFormat(f"%p% done · {o.done} of {o.total} tutorials")
        self.overall_text.setText(
            f"{o.done} of {o.total} tutorials done · {o.hours_done:g} h done · "
            f"{o.hours_remaining:g} h remaining"
        )
        self.skipped_note.setText(
            f"{o.skipped} skipped tutorial{'s' if o.skipped != 1 else ''} left out of the totals."
            if o.skipped else "Skipped tutorials are left out of the totals."
        )  # fmt: skip

    # -- filters --------------------------------------------------------------------
    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            phase_id=self.phase_filter.currentData(),
            skill_key=self.track_filter.currentData(),
            status=self.status_filter.currentData(),
            text=self.search.text(),
        )
        self.view.expandAll()
        self._update_count()

    def clear_filters(self) -> None:
        for combo in (self.phase_filter, self.track_filter, self.status_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._apply_filters()

    def _update_count(self) -> None:
        total = sum(len(p.tutorials) for p in self.model.phases())
        shown = self.proxy.visible_tutorials()
        picked = len(self.selected_tutorials())
        extra = f" · {picked} selected" if picked > 1 else ""
        self.count_label.setText(f"Showing {shown} of {total} tutorials{extra}")
        self.clear_button.setEnabled(self.proxy.active())
        self.status_button.setEnabled(picked > 0)
        self.status_button.setText(f"Set S&tatus ({picked})" if picked > 1 else "Set S&tatus")

    # -- selection ------------------------------------------------------------------
    def current_tutorial(self) -> TutorialItem | None:
        source = self.proxy.mapToSource(self.view.currentIndex())
        return self.model.tutorial_at(source.siblingAtColumn(0)) if source.isValid() else None

    def select_item(self, item_id: int) -> None:
        source = self.model.index_of_tutorial(item_id)
        index = self.proxy.mapFromSource(source)
        if not index.isValid() and source.isValid():
            self.clear_filters()
            index = self.proxy.mapFromSource(source)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.details.show_tutorial(self.current_tutorial())

    def selected_tutorials(self) -> list[TutorialItem]:
        """The selected tutorials, in the roadmap's order (phase rows are left out)."""
        found: list[TutorialItem] = []
        for index in self.view.selectionModel().selectedRows(0):
            tut = self.model.tutorial_at(self.proxy.mapToSource(index))
            if tut is not None:
                found.append(tut)
        order = {t.id: i for i, t in enumerate(t for p in self.model.phases() for t in p.tutorials)}
        return sorted(found, key=lambda t: order.get(t.id, 0))

    def _targets(self) -> list[TutorialItem]:
        """What an action applies to: the selected tutorials, else the current one."""
        chosen = self.selected_tutorials()
        if chosen:
            return chosen
        current = self.current_tutorial()
        return [current] if current is not None else []

    # -- actions --------------------------------------------------------------------
    def set_status(self, status: str) -> None:
        """Set the status of the selected tutorials: one step to undo, however many."""
        targets = self._targets()
        label = TutorialStatus.label_of(status)
        if len(targets) == 1:
            tut = targets[0]
            self.events.run(
                f"Mark “{tut.title}” {label}",
                partial(roadmap.set_status, self.store, tut.id, status), parent=self,
            )  # fmt: skip
        elif targets:
            ids = [t.id for t in targets]
            self.events.run(
                f"Mark {len(ids)} tutorials {label}",
                partial(roadmap.set_statuses, self.store, ids, status), parent=self,
            )  # fmt: skip

    def toggle_done(self) -> None:
        """Space: Done, or back to where it was before (In progress if it was started).
        With several selected: all Done, or when all are done, all back In progress."""
        targets = self._targets()
        if len(targets) > 1:
            all_done = all(t.status == TutorialStatus.DONE for t in targets)
            self.set_status(TutorialStatus.IN_PROGRESS if all_done else TutorialStatus.DONE)
            return
        tut = targets[0] if targets else None
        if tut is None:
            return
        if tut.status == TutorialStatus.DONE:
            reopened = tut.started_on and tut.started_on != tut.finished_on
            self.set_status(TutorialStatus.IN_PROGRESS if reopened else TutorialStatus.NOT_STARTED)
        else:
            self.set_status(TutorialStatus.DONE)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid() or self.proxy.data(index, ItemIdRole) is None:
            return
        if not self.view.selectionModel().isSelected(index):
            self.view.setCurrentIndex(index)  # a row outside the selection: it alone
        tut = self.current_tutorial()
        targets = self._targets()
        if tut is None or not targets:
            return
        menu = QMenu(self)
        if len(targets) > 1:
            menu.addSection(f"{len(targets)} tutorials")
        for key, text in ((s.value, s.label) for s in TutorialStatus):
            action = QAction(text, menu)
            action.setCheckable(True)
            action.setChecked(all(t.status == key for t in targets))
            action.triggered.connect(lambda _c=False, k=key: self.set_status(k))
            menu.addAction(action)
        menu.addSeparator()
        open_action = menu.addAction("Open Resource in Browser")
        open_action.setEnabled(is_web_url(tut.url))
        open_action.triggered.connect(lambda: QDesktopServices.openUrl(QUrl(tut.url)))
        if tut.custom:
            menu.addSeparator()
            menu.addAction("Edit Tutorial…").triggered.connect(
                lambda: self.open_tutorial_dialog(tut.id)
            )
            menu.addAction("Delete Tutorial…").triggered.connect(
                lambda: self.confirm_delete(tut.id)
            )
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def open_tutorial_dialog(self, tutorial_id: int | None) -> TutorialDialog:
        phases = self.model.phases()
        skills = catalog.skills(self.store, self.path_id)
        draft = roadmap.draft_of(self.store, tutorial_id) if tutorial_id else None
        if draft is None:
            tut = self.current_tutorial()
            phase_id = tut.phase_id if tut else next((p.id for p in phases if not p.retired), 0)
            draft = roadmap.TutorialDraft(phase_id=phase_id, title="", skill_id=None)
        dialog = TutorialDialog(self, phases, skills, draft, editing=tutorial_id is not None)
        dialog.setObjectName("tutorial_dialog")

        def done(result: int) -> None:
            if not result:
                dialog.deleteLater()
                return
            draft = dialog.draft()
            op: Op
            if tutorial_id is None:
                text = f"Add “{draft.title.strip()}”"
                op = partial(roadmap.add_tutorial, self.store, self.path_id, draft)
            else:
                text = f"Edit “{draft.title.strip()}”"
                op = partial(roadmap.update_tutorial, self.store, tutorial_id, draft)
            outcome = self.events.run(text, op, parent=dialog)
            if outcome is not None:
                self.select_item(tutorial_id or int(outcome.value or 0))
                dialog.deleteLater()
            else:
                dialog.open()  # nothing typed is lost: let the user fix it

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def confirm_delete(self, tutorial_id: int) -> None:
        tut = catalog.tutorial(self.store, tutorial_id)
        if tut is None or not tut.custom:
            return
        if not w.confirm(
            self, "Delete Tutorial",
            f"Delete your tutorial “{tut.title}” with its notes and links?",
            "You can undo this with Edit → Undo.", "Delete",
        ):  # fmt: skip
            return
        op = partial(roadmap.delete_tutorial, self.store, tutorial_id)
        self.events.run(f"Delete “{tut.title}”", op, parent=self)

    def flush(self) -> None:
        self.details.save_notes()

    def hideEvent(self, event: QHideEvent) -> None:
        self.details.save_notes()
        super().hideEvent(event)
