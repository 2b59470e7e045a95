"""The Settings dialog: a list of pages beside the page chosen; OK saves every page."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services import settings
from careerplanner.store import Store
from careerplanner.ui.window.settings.backups import BackupsPage
from careerplanner.ui.window.settings.general import GeneralPage
from careerplanner.ui.window.settings.page import SettingsPage
from careerplanner.ui.window.settings.timers import TimersPage


class SettingsDialog(QDialog):
    """Settings kept with the user's data. ``save()`` stores them; the caller applies
    them. ``categories``: the practice categories of the shown career path."""

    def __init__(self, parent: QWidget | None, store: Store, categories: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setObjectName("settings_dialog")
        self.store = store
        self.general = GeneralPage(store)
        self.timers = TimersPage(store, categories)
        self.backups = BackupsPage(store)
        self.pages: tuple[SettingsPage, ...] = (self.general, self.timers, self.backups)

        self.page_list = QListWidget()
        self.page_list.setObjectName("settings_pages")
        self.page_list.setAccessibleName("Settings pages")
        self.stack = QStackedWidget()
        for page in self.pages:
            page.load()
            self.page_list.addItem(page.TITLE)
            area = QScrollArea()  # a path with many categories makes a long page
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(page)
            self.stack.addWidget(area)
        self.page_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.page_list.setCurrentRow(0)
        self.page_list.setFixedWidth(self.page_list.sizeHintForColumn(0) + 32)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def show_page(self, page: SettingsPage) -> None:
        self.page_list.setCurrentRow(self.pages.index(page))

    def save(self) -> None:
        """Store every page's values: all of them, or (on an error) none."""
        with settings.saving(self.store):
            for page in self.pages:
                page.save()
