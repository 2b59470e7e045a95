"""Application dialogs: Settings, Keyboard Shortcuts, About."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMenuBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerplanner import APP_DISPLAY_NAME, __version__, log
from careerplanner.export.pdf import A4, LETTER, default_paper
from careerplanner.services import backup, practice_questions, settings
from careerplanner.store import Store
from careerplanner.ui import theme
from careerplanner.ui.kit import widgets as w

PAPER_SETTING = "plan.paper"
FIRST_WEEKDAY = "first_weekday"
WEEKDAYS = {0: "Monday", 6: "Sunday", 5: "Saturday"}

#: Keys that work inside a tab, beside the menu shortcuts.
TAB_KEYS = (
    ("Roadmap", "Space", "Mark the selected tutorial done, or take it back"),
    ("Roadmap", "Ctrl+F", "Search tutorials and notes"),
    ("Roadmap", "Menu key / right click", "Set any status, edit or delete own tutorials"),
    ("Interview Practice", "1 · 2 · 3 · 4", "Rate the answer: Again · Hard · Good · Easy"),
    ("Any list", "Arrow keys · Tab", "Move between items and controls"),
)


class SettingsDialog(QDialog):
    """Settings kept with the user's data. ``save()`` stores them; the caller applies them."""

    def __init__(self, parent: QWidget | None, store: Store, categories: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setObjectName("settings_dialog")
        self.store = store
        self.theme_combo = QComboBox()
        for mode in theme.MODES:
            self.theme_combo.addItem(theme.LABELS[mode].replace("&", ""), mode)
        self.theme_combo.setCurrentIndex(
            max(0, self.theme_combo.findData(settings.get(store, theme.SETTING) or theme.SYSTEM))
        )
        self.weekday_combo = QComboBox()
        for day, name in WEEKDAYS.items():
            self.weekday_combo.addItem(name, day)
        self.weekday_combo.setCurrentIndex(
            max(0, self.weekday_combo.findData(settings.get_int(store, FIRST_WEEKDAY, 0)))
        )
        self.paper_combo = QComboBox()
        self.paper_combo.addItem("A4", A4)
        self.paper_combo.addItem("US Letter", LETTER)
        paper = settings.get(store, PAPER_SETTING) or default_paper()
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(paper)))
        general = QFormLayout()
        general.addRow("&Theme:", self.theme_combo)
        general.addRow("&Weeks start on:", self.weekday_combo)
        general.addRow("PDF &paper size:", self.paper_combo)
        general_box = QGroupBox("General")
        general_box.setLayout(general)

        self.timer_spins: dict[str, QSpinBox] = {}
        timers = QFormLayout()
        for category in categories:
            spin = QSpinBox()
            spin.setRange(1, 120)
            spin.setSuffix(" min")
            spin.setValue(practice_questions.timer_minutes(store, category))
            spin.setAccessibleName(f"Timer length for {category}")
            self.timer_spins[category] = spin
            timers.addRow(QLabel(category), spin)
        timers_box = QGroupBox("Interview practice: default timer per category")
        timers_box.setLayout(timers)

        policy = backup.policy(store)
        self.keep_daily = self._spin(policy.daily, backup.MIN_DAILY, 365, " days")
        self.keep_weekly = self._spin(policy.weekly, backup.MIN_WEEKLY, 104, " weeks")
        self.keep_monthly = self._spin(policy.monthly, backup.MIN_MONTHLY, 120, " months")
        keep = QFormLayout()
        keep.addRow("Daily backups:", self.keep_daily)
        keep.addRow("Weekly backups:", self.keep_weekly)
        keep.addRow("Monthly backups:", self.keep_monthly)
        keep_box = QGroupBox("Automatic backups to keep (besides today and yesterday)")
        keep_box.setLayout(keep)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for box in (general_box, timers_box, keep_box):
            layout.addWidget(box)
        layout.addWidget(buttons)

    @staticmethod
    def _spin(value: int, lo: int, hi: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(lo, hi)
        spin.setSuffix(suffix)
        spin.setValue(value)
        return spin

    def save(self) -> None:
        s = self.store
        settings.put(s, theme.SETTING, str(self.theme_combo.currentData()))
        settings.put(s, FIRST_WEEKDAY, str(self.weekday_combo.currentData()))
        settings.put(s, PAPER_SETTING, str(self.paper_combo.currentData()))
        for category, spin in self.timer_spins.items():
            practice_questions.set_timer_minutes(s, category, spin.value())
        settings.put(s, backup.KEEP_DAILY, str(self.keep_daily.value()))
        settings.put(s, backup.KEEP_WEEKLY, str(self.keep_weekly.value()))
        settings.put(s, backup.KEEP_MONTHLY, str(self.keep_monthly.value()))


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
