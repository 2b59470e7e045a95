"""Application dialogs: Keyboard Shortcuts, About (Settings: ``ui.window.settings``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QMenuBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerplanner import APP_DISPLAY_NAME, __version__, log
from careerplanner.ui.kit import widgets as w

#: Keys that work inside a tab, beside the menu shortcuts.
TAB_KEYS = (
    ("Roadmap", "Space", "Mark the selected tutorials done, or take it back"),
    ("Roadmap", "Ctrl+click · Shift+click", "Select several tutorials (Set Status applies to all)"),
    ("Roadmap", "Ctrl+F", "Search tutorials and notes"),
    ("Roadmap", "Menu key / right click", "Set any status, edit or delete own tutorials"),
    ("Interview Practice", "1 · 2 · 3 · 4", "Rate the answer: Again · Hard · Good · Easy"),
    ("Any list", "Arrow keys · Tab", "Move between items and controls"),
)


def menu_shortcuts(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, action, shortcut) for every action of the menu bar, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            sub = action.menu()
            text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            if isinstance(sub, QMenu):
                walk(sub, f"{path} → {text}")
                continue
            keys = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
            )
            rows.append((path, text, keys or "Alt + the underlined letters"))

    for top in bar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, top.text().replace("&", ""))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None, bar: QMenuBar) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setObjectName("shortcuts_dialog")
        self.resize(640, 560)
        rows = [(m, a, k) for m, a, k in menu_shortcuts(bar)]
        rows += [(where, what, keys) for where, keys, what in TAB_KEYS]
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Where", "What", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None, data_dir: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_DISPLAY_NAME}")
        self.setObjectName("about_dialog")
        self.data_dir = data_dir
        layout = QVBoxLayout(self)
        layout.addWidget(w.heading(f"{APP_DISPLAY_NAME} {__version__}", 1))
        layout.addWidget(w.label(
            "Plan and track your way to a new role: a curated roadmap, a skills radar, "
            "interview practice with spaced repetition, and a printable study plan. "
            "Everything stays on this computer."))  # fmt: skip
        layout.addWidget(w.label("Your data folder:", bold=True))
        layout.addWidget(w.label(data_dir, name="data_dir"))
        self.open_button = QPushButton("&Open Data Folder")
        self.open_button.clicked.connect(self.open_folder)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(w.label("The log folder (what the app did, and the details of any error):",
                                 bold=True))  # fmt: skip
        self.log_dir = str(log.log_dir())
        layout.addWidget(w.label(self.log_dir, name="log_dir"))
        self.log_button = QPushButton("Open &Log Folder")
        self.log_button.setObjectName("open_log_folder")
        self.log_button.clicked.connect(self.open_log_folder)
        log_row = QHBoxLayout()
        log_row.addWidget(self.log_button)
        log_row.addStretch(1)
        layout.addLayout(log_row)
        layout.addWidget(w.label("Licence: MIT. Built with Qt for Python (PySide6), Peewee, "
                                 "pyqtgraph and FSRS.", muted=True))  # fmt: skip
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def open_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.data_dir))))

    def open_log_folder(self) -> bool:
        from careerplanner.ui.errors import open_log_folder

        return open_log_folder()


#: Items listed under each heading of What's New (then how many more).
LIST_LIMIT = 10


def whats_new_text(news: object) -> tuple[str, str]:
    """(headline, details) of Help → What's New for ``news`` (a ``pack_changes.News`` or
    None)."""
    from careerplanner.services.pack_changes import News

    if not isinstance(news, News):
        return (
            "No update of the built-in career path has been installed yet.",
            f"When a new version of {APP_DISPLAY_NAME} brings a new edition of the path, "
            "this says what is new. Your progress is always kept.",
        )
    ch = news.changes
    return (
        f"“{ch.title}” was updated from version {ch.old_version} to version {ch.new_version}.",
        "\n".join([*ch.lines(), "", "Your data as it was before the update is kept in a backup."]),
    )


def show_whats_new(parent: QWidget | None, news: object) -> None:
    """Help → What's New: what the last update of the built-in path brought."""
    from PySide6.QtWidgets import QMessageBox

    from careerplanner.ui.errors import show_message

    headline, details = whats_new_text(news)
    show_message(
        parent, "What's New", headline, details,
        icon=QMessageBox.Icon.Information, name="whats_new_dialog",
    )  # fmt: skip
