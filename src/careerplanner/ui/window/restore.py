"""File → Restore Backup…: the usable backups with date, size and what they hold.

They are listed in the order they were taken (their sequence numbers), newest first. A
backup whose date disagrees with that order (the clock was wrong when it was taken) is
marked (dated after a newer backup), and a note says so: the contents column tells the
user which is which.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services.backup import OUT_OF_ORDER, BackupEntry
from careerplanner.ui.kit.widgets import label

REASONS = {
    "auto": "Automatic",
    "close": "On closing",
    "manual": "Backed up by you",
    "migration": "Before an update",
    "import": "Before an import",
    "restore": "Before a restore",
    "reset": "Before a reset",
    "startup": "At start-up",
}


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class RestoreDialog(QDialog):
    """Lists the backups that passed their check, newest first (in the order they were
    taken); broken ones are counted but never offered."""

    def __init__(self, entries: list[BackupEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore Backup")
        self.setObjectName("restore_dialog")
        self.resize(760, 420)
        usable = [e for e in entries if e.usable]
        broken = len(entries) - len(usable)
        layout = QVBoxLayout(self)
        intro = (
            "Choose the backup to go back to. Your current data is backed up first, so "
            "this can be undone by restoring that backup."
            if usable
            else "There is no usable backup yet. Use File → Back Up Now to make one."
        )
        layout.addWidget(label(intro))
        self.tree = QTreeWidget()
        self.tree.setObjectName("backup_list")
        self.tree.setHeaderLabels(["Date", "Taken", "Size", "Contents"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for entry in usable:
            f = entry.file
            item = QTreeWidgetItem(
                [
                    f"{f.created:%Y-%m-%d %H:%M}"
                    + (f" {OUT_OF_ORDER}" if entry.out_of_order else ""),
                    REASONS.get(f.reason, f.reason),
                    size_text(f.size),
                    entry.check.summary,
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, str(f.path))
            item.setToolTip(3, f"{entry.check.summary}\n{f.path}")
            if entry.out_of_order:
                item.setToolTip(
                    0,
                    "This backup was taken before the one above it, yet its date is later: "
                    "the computer's clock was wrong when one of them was taken.",
                )
            self.tree.addTopLevelItem(item)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        layout.addWidget(self.tree, 1)
        if any(e.out_of_order for e in usable):
            layout.addWidget(
                label(
                    "Some dates are out of order: the computer's clock was wrong when some "
                    "backups were taken. The list is in the order the backups were taken, "
                    "newest first; compare what each one holds.",
                    muted=True,
                    name="order_note",
                )
            )
        if broken:
            layout.addWidget(
                label(
                    f"{broken} damaged or empty backup{'s are' if broken != 1 else ' is'} "
                    "not shown.",
                    muted=True,
                    name="broken_note",
                )
            )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            "Restore", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("restore_button")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.tree.itemSelectionChanged.connect(self._update)
        self.tree.itemDoubleClicked.connect(lambda *_: self.accept())
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._update()

    def _update(self) -> None:
        self.restore_button.setEnabled(bool(self.tree.selectedItems()))

    def chosen(self) -> Path | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        return Path(str(items[0].data(0, Qt.ItemDataRole.UserRole)))
