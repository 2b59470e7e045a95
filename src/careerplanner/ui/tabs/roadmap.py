"""Roadmap: the phases and their tutorials, with a details pane."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from careerplanner.content import level_name
from careerplanner.services import catalog, progress
from careerplanner.store import Store
from careerplanner.ui import widgets as w
from careerplanner.ui.events import AppEvents
from careerplanner.ui.roadmap_model import (
    COL_FINISHED,
    COL_HOURS,
    COL_LEVEL,
    COL_STATUS,
    COL_TITLE,
    COL_TRACK,
    STATUS_LABELS,
    RoadmapModel,
    SortRole,
)
from careerplanner.ui.tabs.base import BaseTab


def is_web_url(url: str) -> bool:
    qurl = QUrl(url)
    return qurl.isValid() and qurl.scheme().lower() in ("http", "https") and bool(qurl.host())


class RoadmapTab(BaseTab):
    name = "roadmap"
    title = "Roadmap"

    def __init__(self, store: Store, events: AppEvents, path_id: int) -> None:
        super().__init__(store, events, path_id)
        self.model = RoadmapModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setRecursiveFilteringEnabled(True)

        self.view = QTreeView()
        self.view.setObjectName("roadmap_view")
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName("Roadmap: phases and tutorials")
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (COL_TRACK, COL_LEVEL, COL_HOURS, COL_STATUS, COL_FINISHED):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentChanged.connect(self._on_current)

        self._details = QWidget()
        details = QVBoxLayout(self._details)
        details.setContentsMargins(12, 8, 12, 8)
        self._d_title = w.heading("", 2)
        self._d_meta = w.label("", muted=True)
        self._d_desc = w.label("")
        self._d_url = w.label("", muted=True)
        self._d_open = QPushButton("Open resource in browser")
        self._d_open.clicked.connect(self._open_current)
        self._d_open.setEnabled(False)
        for widget in (self._d_title, self._d_meta, self._d_desc, self._d_url):
            details.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self._d_open)
        row.addStretch(1)
        details.addLayout(row)
        details.addStretch(1)

        self._intro = w.label("", muted=True)
        self._summary = w.label("", bold=True, name="roadmap_summary")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 10, 6, 10)
        left_layout.addWidget(self._intro)
        left_layout.addWidget(self._summary)
        left_layout.addWidget(self.view)

        splitter = QSplitter()
        splitter.setObjectName("roadmap_splitter")
        splitter.addWidget(left)
        splitter.addWidget(self._details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.listen(events.progress_changed, lambda *_: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        info = catalog.path_info(self.store, self.path_id)
        phases = catalog.roadmap(self.store, self.path_id)
        prog = progress.path_progress(self.store, self.path_id)
        self.model.set_roadmap(phases, prog)
        self.view.expandAll()
        self._intro.setText(info.roadmap_intro)
        o = prog.overall
        self._summary.setText(
            f"{info.phase_count} phases · {info.tutorial_count} tutorials · "
            f"{o.done} of {o.total} done ({o.percent}%)"
        )
        self._show_tutorial(None)

    def select_item(self, item_id: int) -> None:
        index = self.proxy.mapFromSource(self.model.index_of_tutorial(item_id))
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        source = self.proxy.mapToSource(current)
        self._show_tutorial(self.model.tutorial_at(source.siblingAtColumn(0)))

    def _show_tutorial(self, tut: catalog.TutorialItem | None) -> None:
        self._current = tut
        if tut is None:
            self._d_title.setText("Select a tutorial")
            self._d_meta.setText("")
            self._d_desc.setText("The details of the selected tutorial appear here.")
            self._d_url.setText("")
            self._d_open.setEnabled(False)
            return
        self._d_title.setText(tut.title)
        self._d_meta.setText(
            f"{tut.skill_name} · {level_name(tut.level)} · {tut.hours:g} h · "
            f"{STATUS_LABELS.get(tut.status, tut.status)}"
        )
        self._d_desc.setText(tut.description)
        self._d_url.setText(tut.url)
        self._d_open.setEnabled(is_web_url(tut.url))

    def _open_current(self) -> None:
        tut = self._current
        if tut is not None and is_web_url(tut.url):
            QDesktopServices.openUrl(QUrl(tut.url))
