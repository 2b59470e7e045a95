"""The database cannot be opened: say what is wrong and offer a way back."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from careerplanner.services.backup import BackupEntry
from careerplanner.store import StoreOpenError

#: Problems of the disk or of this app's version, not of the file: nothing to recover.
ONLY_QUIT = (StoreOpenError.NEWER, StoreOpenError.UNREADABLE)

RESTORE = "restore"
FRESH = "fresh"
QUIT = "quit"

TITLES = {
    StoreOpenError.NOT_SQLITE: "Not a Career Planner file",
    StoreOpenError.FOREIGN: "File of another application",
    StoreOpenError.DAMAGED: "Your data file is damaged",
    StoreOpenError.NEWER: "Data from a newer version",
    StoreOpenError.UNREADABLE: "Data file unreadable",
}


def explain(error: StoreOpenError, newest: BackupEntry | None) -> tuple[str, str]:
    """(main text, details) for the dialog; plain text."""
    if error.kind == StoreOpenError.NEWER:
        return str(error), "Install the newer version of Career Planner to use this data."
    if error.kind == StoreOpenError.UNREADABLE:
        return str(error), "Free some disk space or fix the folder's permissions, then start again."
    aside = f"{error.path.name}.damaged-<date>"
    lines = [
        "Nothing has been changed or deleted. If you go on, the file is kept: it is moved "
        f"aside as {aside} in the same folder."
    ]
    if newest is not None:
        f = newest.file
        lines.append(
            f"The newest good backup is from {f.created:%Y-%m-%d %H:%M} ({newest.check.summary})."
        )
    else:
        lines.append("There is no usable backup, so you can start fresh.")
    return str(error), "\n\n".join(lines)


def ask(error: StoreOpenError, newest: BackupEntry | None, parent: QWidget | None = None) -> str:
    """Show the problem; returns RESTORE, FRESH or QUIT."""
    box = QMessageBox(parent)
    box.setObjectName("open_problem_dialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(TITLES.get(error.kind, "Your data cannot be opened"))
    text, details = explain(error, newest)
    from PySide6.QtCore import Qt

    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setInformativeText(details)
    choices: dict[object, str] = {}
    if error.kind not in ONLY_QUIT:
        if newest is not None:
            restore = box.addButton("Restore Newest Backup", QMessageBox.ButtonRole.AcceptRole)
            choices[restore] = RESTORE
            box.setDefaultButton(restore)
        fresh = box.addButton("Start Fresh", QMessageBox.ButtonRole.DestructiveRole)
        choices[fresh] = FRESH
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    choices[quit_button] = QUIT
    box.setEscapeButton(quit_button)
    if error.kind in ONLY_QUIT:
        box.setDefaultButton(quit_button)
    box.exec()
    clicked: object = box.clickedButton()
    return choices.get(clicked, QUIT)
