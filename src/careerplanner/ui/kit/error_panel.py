"""What a tab shows in its place when building or refreshing it failed.

The rest of the window keeps working: only this tab's area says what failed, with the
details, the log file and a Retry button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from careerplanner import APP_DISPLAY_NAME, log
from careerplanner.errors import UserError
from careerplanner.ui.errors import bug_details, is_expected, open_log_folder
from careerplanner.ui.kit import widgets as w


def failure_summary(exc: BaseException) -> str:
    """One line: the message of an expected failure, the kind and message of a bug."""
    if isinstance(exc, UserError):
        return str(exc)
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class ErrorPanel(QWidget):
    """``title`` failed with ``exc``: what, why, where the details are, and Retry."""

    #: The user asked to try again.
    retry_requested = Signal()

    def __init__(self, heading: str, exc: BaseException) -> None:
        super().__init__()
        self.setObjectName("tab_error")
        self.expected = is_expected(exc)
        self.summary = failure_summary(exc)
        self.details = bug_details(exc, heading)
        page, layout = w.scroll_page()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(page)
        layout.addWidget(w.heading(heading, 1))
        if self.expected:
            why = "The other tabs work, and your data is as it was. Retry when it is fixed."
        else:
            why = (
                f"This is a bug in {APP_DISPLAY_NAME}, not something you did: something in "
                "the data this tab shows is not what it expects. The other tabs work, and your "
                "data is as it was. If Retry does not help, please report it with the details."
            )
        layout.addWidget(w.label(why))
        self.summary_label = w.label(self.summary, bold=True, name="tab_error_summary")
        layout.addWidget(self.summary_label)
        layout.addWidget(w.label(log.where_text(), name="log_file"))
        buttons = QHBoxLayout()
        self.retry_button = QPushButton("&Retry")
        self.retry_button.setObjectName("retry")
        self.retry_button.clicked.connect(self.retry_requested)
        self.copy_button = QPushButton("&Copy Details")
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button = QPushButton("Open &Log Folder")
        self.folder_button.clicked.connect(self.open_log_folder)
        for button in (self.retry_button, self.copy_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        text = QPlainTextEdit(self.details)
        text.setObjectName("tab_error_details")
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        text.setMinimumHeight(200)
        layout.addWidget(text, 1)
        self.retry_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def copy_details(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.details)
        self.copy_button.setText("Copied")

    def open_log_folder(self) -> bool:
        return open_log_folder()
