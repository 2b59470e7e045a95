"""The base of a Settings page."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from careerplanner.store import Store
from careerplanner.ui.kit import widgets as w


class SettingsPage(QWidget):
    """A page of the Settings dialog. ``load`` shows the stored values, ``save`` stores
    what the page shows; what a value means and which values are allowed is the business
    of the settings' declarations (``services.settings``), not of the page."""

    #: The page's name in the dialog's list.
    TITLE = ""

    def __init__(self, store: Store, name: str, intro: str) -> None:
        super().__init__()
        self.store = store
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(w.heading(self.TITLE, 2))
        layout.addWidget(w.label(intro, muted=True))
        self.form = QFormLayout()
        layout.addLayout(self.form)
        layout.addStretch(1)

    def load(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError
