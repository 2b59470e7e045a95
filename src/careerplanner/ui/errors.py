"""Failed writes (disk full, read-only folder, permission denied) shown as a message.

``install_write_error_hook`` replaces ``sys.excepthook`` while the window runs: an
exception in a slot caused by the storage gets a plain message instead of a traceback,
and the app keeps running. SQLite rolled the change back, so nothing is half-written;
the next change tries again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from careerplanner.store.backup import describe_os_error, is_write_problem

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def write_failed_text(exc: BaseException) -> str:
    return (
        f"Your last change could not be saved: {describe_os_error(exc)}.\n\n"
        "Nothing was half-written: your data is as it was before that change. Free some "
        "space or fix the folder's permissions; Career Planner keeps running and tries "
        "again with your next change."
    )


def show_write_failed(exc: BaseException, parent: QWidget | None = None) -> None:
    box = QMessageBox(parent)
    box.setObjectName("write_failed_dialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Could not save")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(write_failed_text(exc))
    box.exec()


def install_write_error_hook(parent: Callable[[], QWidget | None]) -> ExceptHook:
    """Show storage failures as a message; other errors go to the previous hook.
    Returns the previous hook."""
    previous: ExceptHook = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if is_write_problem(exc):
            print(
                f"careerplanner: a change was not saved: {describe_os_error(exc)}", file=sys.stderr
            )
            show_write_failed(exc, parent())
        else:
            previous(kind, exc, tb)

    sys.excepthook = hook
    return previous


def show_error(parent: QWidget | None, exc: BaseException, title: str = "") -> None:
    """Tell the user that an action failed: a storage problem or a refused request as a
    plain message."""
    if is_write_problem(exc):
        show_write_failed(exc, parent)
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or "Could not do that")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(str(exc) or type(exc).__name__)
    box.exec()
