"""The details pane of the Roadmap tab: one tutorial, its status and dates, notes, links."""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services import roadmap
from careerplanner.services.catalog import TutorialItem
from careerplanner.store import Store
from careerplanner.ui.events import AppEvents
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.ops import Op
from careerplanner.ui.roadmap.dialogs import LinkDialog
from careerplanner.vocab import TutorialStatus, level_name

NOTES_SAVE_DELAY_MS = 600
#: The shares a tutorial in progress can be said to be done.
PERCENT_CHOICES = (10, 20, 30, 40, 50, 60, 70, 80, 90)


def _date_edit(name: str) -> QDateEdit:
    return w.optional_date_edit(name, "not set", maximum=date.today())


class TutorialDetails(QWidget):
    """Shows and edits one tutorial. Every change is stored at once."""

    edit_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, store: Store, events: AppEvents) -> None:
        super().__init__()
        self.store = store
        self.events = events
        self.tutorial: TutorialItem | None = None
        self._loading = False
        self._notes_dirty = False

        self.title = w.heading("", 2)
        self.meta = w.label("", muted=True)
        self.description = w.label("")
        self.url = w.label("", muted=True)
        self.open_button = QPushButton("&Open resource in browser")
        self.open_button.setObjectName("open_resource")
        self.open_button.clicked.connect(self._open_resource)

        self.status_combo = QComboBox()
        self.status_combo.setObjectName("status_combo")
        self.status_combo.setAccessibleName("Status")
        for key, text in ((s.value, s.label) for s in TutorialStatus):
            self.status_combo.addItem(text, key)
        self.status_combo.activated.connect(self._status_chosen)
        self.started = _date_edit("started_on")
        self.started.setAccessibleName("Date started")
        self.finished = _date_edit("finished_on")
        self.finished.setAccessibleName("Date finished")
        self.started.editingFinished.connect(self._dates_edited)
        self.finished.editingFinished.connect(self._dates_edited)
        self.percent_combo = QComboBox()
        self.percent_combo.setObjectName("percent_done")
        self.percent_combo.setAccessibleName("How far you are")
        tip = (
            "How far you are with this tutorial: the plan schedules what is left. "
            "Not said, it counts as half done."
        )
        self.percent_combo.setToolTip(w.tooltip(tip))
        self.percent_combo.addItem("Not said (counts as half done)", None)
        for percent in PERCENT_CHOICES:
            self.percent_combo.addItem(f"{percent}% done", percent)
        self.percent_combo.activated.connect(self._percent_chosen)
        form = QFormLayout()
        form.addRow("&Status:", self.status_combo)
        form.addRow("&How far:", self.percent_combo)
        self._form = form
        form.addRow("Started:", self.started)
        form.addRow("Finished:", self.finished)

        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes_edit")
        self.notes.setAccessibleName("Your notes")
        self.notes.setPlaceholderText("Your notes on this tutorial — saved as you type.")
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._notes_typed)
        self.notes_state = w.label("", muted=True, name="notes_state")
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_SAVE_DELAY_MS)
        self._notes_timer.timeout.connect(self.save_notes)

        self.links = QListWidget()
        self.links.setObjectName("links_list")
        self.links.setAccessibleName("Your links")
        self.links.setMaximumHeight(110)
        self.links.itemDoubleClicked.connect(lambda *_: self._open_link())
        self.add_link_button = QPushButton("Add &Link…")
        self.add_link_button.setObjectName("add_link")
        self.edit_link_button = QPushButton("Edit…")
        self.remove_link_button = QPushButton("Remove")
        self.open_link_button = QPushButton("Open")
        self.add_link_button.clicked.connect(self._add_link)
        self.edit_link_button.clicked.connect(self._edit_link)
        self.remove_link_button.clicked.connect(self._remove_link)
        self.open_link_button.clicked.connect(self._open_link)
        self.links.currentRowChanged.connect(lambda *_: self._update_link_buttons())

        self.edit_button = QPushButton("&Edit Tutorial…")
        self.delete_button = QPushButton("&Delete Tutorial…")
        self.edit_button.clicked.connect(self._request_edit)
        self.delete_button.clicked.connect(self._request_delete)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        for widget in (self.title, self.meta, self.description, self.url):
            layout.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(w.label("Notes", bold=True))
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.notes_state)
        layout.addWidget(w.label("Your links", bold=True))
        layout.addWidget(self.links)
        link_row = QHBoxLayout()
        for b in (self.add_link_button, self.edit_link_button, self.remove_link_button,
                  self.open_link_button):  # fmt: skip
            link_row.addWidget(b)
        link_row.addStretch(1)
        layout.addLayout(link_row)
        own_row = QHBoxLayout()
        own_row.addWidget(self.edit_button)
        own_row.addWidget(self.delete_button)
        own_row.addStretch(1)
        layout.addLayout(own_row)
        self.show_tutorial(None)

    # -- showing --------------------------------------------------------------------
    def show_tutorial(self, tut: TutorialItem | None) -> None:
        if self.tutorial is not None and tut is not None and tut.id == self.tutorial.id:
            self._follow(tut)
            return
        self.save_notes()
        self.tutorial = tut
        self._loading = True
        has = tut is not None
        for widget in (self.status_combo, self.started, self.finished, self.notes, self.links,
                       self.add_link_button):  # fmt: skip
            widget.setEnabled(has)
        if tut is None:
            self.title.setText("Select a tutorial")
            self.meta.setText("")
            self.description.setText("Choose a tutorial in the list to see its details, "
                                     "set its status and keep your notes.")  # fmt: skip
            self.url.setText("")
            self.open_button.setEnabled(False)
            self.notes.setPlainText("")
            self.links.clear()
            self.notes_state.setText("")
            self.edit_button.setVisible(False)
            self.delete_button.setVisible(False)
            self._form.setRowVisible(self.percent_combo, False)
            self._update_link_buttons()
            self._loading = False
            return
        self.title.setText(tut.title + (" (retired)" if tut.retired else ""))
        self.meta.setText(
            f"{tut.skill_name or 'No track'} · {level_name(tut.level)} · {tut.hours:g} h"
            + (" · your own tutorial" if tut.custom else "")
        )
        self.description.setText(tut.description or "No description.")
        self.url.setText(tut.url)
        self.open_button.setEnabled(roadmap.is_web_url(tut.url))
        self.notes.setPlainText(tut.notes)
        self.notes_state.setText("")
        self.edit_button.setVisible(tut.custom)
        self.delete_button.setVisible(tut.custom)
        self._show_state(tut)
        self._reload_links()
        self._loading = False

    def _follow(self, tut: TutorialItem) -> None:
        """The tutorial shown changed (an action, its undo or redo): show it as it is now,
        keeping notes the user is typing."""
        self._loading = True
        self.title.setText(tut.title + (" (retired)" if tut.retired else ""))
        self.meta.setText(
            f"{tut.skill_name or 'No track'} · {level_name(tut.level)} · {tut.hours:g} h"
            + (" · your own tutorial" if tut.custom else "")
        )
        self.description.setText(tut.description or "No description.")
        self.url.setText(tut.url)
        if not self._notes_dirty and self.notes.toPlainText() != tut.notes:
            self.notes.setPlainText(tut.notes)
        self._loading = False
        self._show_state(tut)
        self._reload_links()

    def _show_state(self, tut: TutorialItem) -> None:
        was = self._loading
        self._loading = True
        self.tutorial = tut
        self.status_combo.setCurrentIndex(self.status_combo.findData(tut.status))
        in_progress = tut.status == TutorialStatus.IN_PROGRESS
        self._form.setRowVisible(self.percent_combo, in_progress)
        index = self.percent_combo.findData(tut.percent_done)
        if index < 0 and tut.percent_done is not None:  # a value from an import: shown as is
            self.percent_combo.addItem(f"{tut.percent_done}% done", tut.percent_done)
            index = self.percent_combo.count() - 1
        self.percent_combo.setCurrentIndex(max(0, index))
        self.started.setDate(w.to_qdate(tut.started_on))
        self.finished.setDate(w.to_qdate(tut.finished_on))
        self._loading = was

    # -- status and dates -----------------------------------------------------------
    def _status_chosen(self, index: int) -> None:
        tut = self.tutorial
        if tut is None or self._loading:
            return
        status = str(self.status_combo.itemData(index))
        text = f"Mark “{tut.title}” {TutorialStatus.label_of(status)}"
        if self.events.run(text, partial(roadmap.set_status, self.store, tut.id, status),
                           parent=self) is None:  # fmt: skip
            self._show_state(tut)

    def _percent_chosen(self, index: int) -> None:
        tut = self.tutorial
        if tut is None or self._loading:
            return
        data = self.percent_combo.itemData(index)
        percent = int(data) if data is not None else None
        text = f"Say how far “{tut.title}” is"
        op = partial(roadmap.set_percent_done, self.store, tut.id, percent)
        if self.events.run(text, op, parent=self) is None:
            self._show_state(tut)

    def _dates_edited(self) -> None:
        tut = self.tutorial
        if tut is None or self._loading:
            return
        started, finished = w.from_qdate(self.started.date()), w.from_qdate(self.finished.date())
        # A stored date outside the limits is shown at the limit, and only written when
        # the user changes it.
        shown = [w.from_qdate(w.to_qdate(d)) for d in (tut.started_on, tut.finished_on)]
        if [started, finished] == shown:
            return
        op = partial(roadmap.set_dates, self.store, tut.id, started, finished)
        if self.events.run(f"Change dates of “{tut.title}”", op, parent=self) is None:
            self._show_state(tut)

    # -- notes ----------------------------------------------------------------------
    def _notes_typed(self) -> None:
        if self._loading or self.tutorial is None:
            return
        self._notes_dirty = True
        self.notes_state.setText("Saving…")
        self._notes_timer.start()

    def save_notes(self) -> None:
        """Store pending notes now (also called on selection change and close)."""
        self._notes_timer.stop()
        if not self._notes_dirty or self.tutorial is None:
            return
        tut, text = self.tutorial, self.notes.toPlainText()
        op = partial(roadmap.set_notes, self.store, tut.id, text)
        self._notes_dirty = False  # the pane follows the saved notes without retyping them
        if self.events.run(f"Edit notes of “{tut.title}”", op, parent=self) is not None:
            self.notes_state.setText("Notes saved.")
        else:
            self._notes_dirty = True
            self.notes_state.setText("Not saved — your text is still here; it is retried "
                                     "on the next change.")  # fmt: skip

    # -- links ----------------------------------------------------------------------
    def _reload_links(self) -> None:
        self.links.clear()
        if self.tutorial is None:
            return
        for link in roadmap.links(self.store, self.tutorial.id):
            item = QListWidgetItem(f"{link.title} — {link.url}" if link.title != link.url
                                   else link.url)  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, link)
            item.setToolTip(w.tooltip(link.url))
            self.links.addItem(item)
        self._update_link_buttons()

    def _current_link(self) -> roadmap.LinkItem | None:
        item = self.links.currentItem()
        link = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return link if isinstance(link, roadmap.LinkItem) else None

    def _update_link_buttons(self) -> None:
        has = self._current_link() is not None
        for b in (self.edit_link_button, self.remove_link_button, self.open_link_button):
            b.setEnabled(has)

    def _add_link(self) -> None:
        self._link_dialog(None)

    def _edit_link(self) -> None:
        link = self._current_link()
        if link is not None:
            self._link_dialog(link)

    def _link_dialog(self, link: roadmap.LinkItem | None) -> None:
        tut = self.tutorial
        if tut is None:
            return
        dialog = LinkDialog(self, link.title if link else "", link.url if link else "")
        dialog.setObjectName("link_dialog")

        def done(result: int) -> None:
            if not result:
                dialog.deleteLater()
                return
            title, url = dialog.title_edit.text(), dialog.url_edit.text()
            op: Op
            if link is None:
                text = f"Add link to “{tut.title}”"
                op = partial(roadmap.add_link, self.store, tut.id, title, url)
            else:
                text = f"Edit link of “{tut.title}”"
                op = partial(roadmap.update_link, self.store, link.id, title, url)
            if self.events.run(text, op, parent=dialog) is not None:
                dialog.deleteLater()
            else:
                dialog.open()  # keep what the user typed; let them fix it

        dialog.finished.connect(done)
        dialog.open()

    def _remove_link(self) -> None:
        link, tut = self._current_link(), self.tutorial
        if link is None or tut is None:
            return
        self.events.run(f"Remove link from “{tut.title}”",
                        partial(roadmap.remove_link, self.store, link.id), parent=self)  # fmt: skip

    def _open_link(self) -> None:
        link = self._current_link()
        if link is not None and roadmap.is_web_url(link.url):
            QDesktopServices.openUrl(QUrl(link.url))

    def _open_resource(self) -> None:
        tut = self.tutorial
        if tut is not None and roadmap.is_web_url(tut.url):
            QDesktopServices.openUrl(QUrl(tut.url))

    def _request_edit(self) -> None:
        if self.tutorial is not None:
            self.edit_requested.emit(self.tutorial.id)

    def _request_delete(self) -> None:
        if self.tutorial is not None:
            self.delete_requested.emit(self.tutorial.id)
