"""Opening the main window in a GUI test, as a user sees it: shown, exposed and active."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from careerplanner.ui import create_main_window
from careerplanner.ui.window.main_window import MainWindow


def show_window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    """The main window over ``data_dir``, closed by qtbot at the end of the test.

    It is made the active window, so keyboard shortcuts reach it.
    """
    window = create_main_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return window
