"""Application set-up: the QApplication, the window, and errors shown as dialogs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from careerplanner import APP_DISPLAY_NAME, APP_NAME, __version__, paths


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
    ensure_app()
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    box.exec()


def run_gui(data_dir: Path) -> int:
    """Open the window over ``data_dir`` and run the event loop."""
    from careerplanner.content import PackError
    from careerplanner.store import StoreOpenError
    from careerplanner.ui import create_main_window

    app = ensure_app()
    try:
        window = create_main_window(data_dir)
    except paths.DataDirError as exc:
        show_error("Cannot use the data folder", str(exc))
        return 1
    except StoreOpenError as exc:
        show_error("Cannot open your data", f"{exc}\n\nThe file was left untouched.")
        return 1
    except PackError as exc:
        show_error("The built-in career path is damaged", str(exc))
        return 1
    window.show()
    code = app.exec()
    window.store.close()
    return int(code)
