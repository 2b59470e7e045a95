"""The baseline: a bare PySide6 QMainWindow that shows and exits right after its first paint.

    python bench/bare_window.py

The benchmark compares Career Planner's start-up with this script, run the same way
(whole processes, interleaved). The window has the app's default size. With
``CAREERPLANNER_BENCH_REPORT=1`` in the environment it prints
``first_paint <epoch seconds>`` to stderr.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class _FirstPaint(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__()
        self.window = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if os.environ.get("CAREERPLANNER_BENCH_REPORT"):
                print(f"first_paint {time.time():.6f}", file=sys.stderr, flush=True)
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.window.close)
        return False


def make_window() -> QMainWindow:
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    window.resize(1180, 780)
    return window


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = make_window()
    watcher = _FirstPaint(window)
    window.installEventFilter(watcher)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
