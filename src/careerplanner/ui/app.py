"""Application set-up: the QApplication, the window, and errors shown as dialogs."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from careerplanner import APP_DISPLAY_NAME, APP_NAME, __version__, paths

if TYPE_CHECKING:
    from careerplanner.ui.window.main_window import MainWindow

_log = logging.getLogger(__name__)


def ensure_app() -> QApplication:
    """The QApplication, created once."""
    from careerplanner.ui.qt_workarounds import protect_bools_from_emit_refcount_bug

    protect_bools_from_emit_refcount_bug()  # PySide6 6.12.0; see the module
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName(APP_DISPLAY_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("careerplanner")
    app = QApplication(sys.argv[:1])
    icon = paths.icon_path()
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def show_error(title: str, message: str) -> None:
    """A modal error dialog with plain text (used before the window exists)."""
    from careerplanner.ui.errors import show_message

    ensure_app()
    show_message(None, title, message, icon=QMessageBox.Icon.Critical, name="start_error")


def run_gui(data_dir: Path) -> int:
    """Open the window over ``data_dir`` and run the event loop.

    One instance per data folder: a second start brings the running window to the front
    and exits. A database that cannot be opened gets a dialog saying what is wrong, with
    a way back (restore the newest good backup, start fresh, or quit).
    """
    from careerplanner.instance import LockFileError, SingleInstance, notify_running
    from careerplanner.ui.errors import install_error_hook

    app = ensure_app()
    guard = SingleInstance(data_dir)
    try:
        taken = guard.acquire()
    except LockFileError as exc:  # a full disk, say: not another instance
        print(f"careerplanner: {exc}", file=sys.stderr)
        show_error("Cannot use the data folder", str(exc))
        return 1
    if not taken:
        if notify_running(data_dir):
            print(
                f"{APP_DISPLAY_NAME} is already running with {data_dir}; "
                "its window was brought to the front."
            )
            return 0
        show_error(
            f"{APP_DISPLAY_NAME} is already running",
            f"Another {APP_DISPLAY_NAME} is using {data_dir} and did not answer. "
            "Close it, then start again.",
        )
        return 1
    shown: list[MainWindow] = []  # the parent of error dialogs, once there is one
    previous = install_error_hook(lambda: shown[0] if shown else None)
    try:
        window = open_window(data_dir)
        if window is None:
            return 1
        shown.append(window)
        guard.activated.connect(window.bring_to_front)
        _log.info("window open on %s", data_dir)
        window.show()
        QTimer.singleShot(0, window.offer_setup)  # a new data folder: ask the user once
        code = app.exec()
        window.store.close()
        return int(code)
    finally:
        sys.excepthook = previous
        guard.release()


def open_window(data_dir: Path) -> MainWindow | None:
    """The main window, after resolving a database that cannot be opened with the user;
    None when the user quits or the folder cannot be used (already explained)."""
    from careerplanner.content import PackError
    from careerplanner.errors import UserError
    from careerplanner.services import backup
    from careerplanner.store import StoreOpenError
    from careerplanner.ui import create_main_window
    from careerplanner.ui.window import open_problem

    while True:
        try:
            return create_main_window(data_dir)
        except paths.DataDirError as exc:
            show_error("Cannot use the data folder", str(exc))
            return None
        except backup.BackupError as exc:
            show_error(
                "Cannot update your data",
                f"{exc}\n\nA backup is needed before your data is updated. Nothing was changed.",
            )
            return None
        except StoreOpenError as exc:
            newest = (
                None if exc.kind in open_problem.ONLY_QUIT else backup.newest_good_backup(data_dir)
            )
            choice = open_problem.ask(exc, newest)
            if choice == open_problem.QUIT:
                return None
            chosen = newest.file.path if choice == open_problem.RESTORE and newest else None
            try:
                moved = backup.recover(data_dir, chosen)
            except backup.BackupError as err:
                show_error("Cannot recover your data", str(err))
                return None
            print(f"careerplanner: the unusable database was moved aside to {moved}")
        except PackError as exc:
            show_error("The built-in career path is damaged", str(exc))
            return None
        except UserError as exc:  # an update of the built-in path stopped part-way, ...
            show_error("Cannot open your data", str(exc))
            return None
        except Exception as exc:  # a bug: logged, explained, and no traceback to abort on
            from careerplanner.ui.errors import report_bug

            print(f"careerplanner: unexpected error while opening the data: {exc}",
                  file=sys.stderr)  # fmt: skip
            report_bug(None, exc, "Opening the data", wait=True)
            return None
