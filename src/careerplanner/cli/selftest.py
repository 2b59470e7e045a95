"""Start-up checks: ``--self-test`` (build everything, report, exit) and ``--exit-when-shown``
(start for real and exit after the first paint, for the benchmark and the installers)."""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from careerplanner import APP_DISPLAY_NAME, __version__, log
from careerplanner.cli import display, say

_log = logging.getLogger(__name__)


def self_test(data_dir: Path) -> int:
    """Open the data, build the window and every tab, and report: ``SELFTEST OK ...`` and
    0, or ``SELFTEST FAILED: ...`` and 1. A tab that shows an error in its place, or an
    exception that escapes a slot, fails it too; a bug's traceback goes to the log."""
    display.use_display_or_offscreen()
    problems: list[str] = []
    escaped: list[str] = []
    failures: dict[str, str] = {}

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        _log.error("self-test: an exception escaped a slot", exc_info=(kind, exc, tb))
        escaped.append(f"{kind.__name__}: {exc}")

    previous_hook = sys.excepthook
    try:
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler

        def handler(mode: QtMsgType, _context: object, message: str) -> None:
            lowered = message.lower()
            if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg) or (
                "plugin" in lowered and ("could not" in lowered or "failed" in lowered)
            ):
                problems.append(message)

        qInstallMessageHandler(handler)
        sys.excepthook = hook
        from careerplanner.services import catalog
        from careerplanner.store import current_version
        from careerplanner.ui import create_main_window

        window = create_main_window(data_dir)
        tabs = window.build_all_tabs()
        for tab in tabs:
            tab.build_deferred()
        failures = window.tab_failures()  # shown in the tab's place; the details are logged
        window.show()
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()
        info = catalog.path_info(window.store, window.path_id)
        window.close()
        window.store.close()
    except Exception as exc:
        from careerplanner.errors import UserError

        if os.environ.get("CAREERPLANNER_DEBUG"):
            traceback.print_exc()
        if isinstance(exc, UserError):
            say(f"SELFTEST FAILED: {exc}", file=sys.stderr)
        else:
            _log.error("self-test: %s", exc, exc_info=exc)
            say(f"SELFTEST FAILED: {type(exc).__name__}: {exc}. {log.where_text()}",
                  file=sys.stderr)  # fmt: skip
        return 1
    finally:
        if sys.excepthook is hook:
            sys.excepthook = previous_hook
            qInstallMessageHandler(None)
    if failures or escaped:
        for name, what in failures.items():
            say(f"SELFTEST FAILED: the {name} tab could not be shown: {what}",
                  file=sys.stderr)  # fmt: skip
        for what in escaped:
            say(f"SELFTEST FAILED: an error escaped: {what}", file=sys.stderr)
        say(log.where_text(), file=sys.stderr)
        return 1
    if problems:
        for message in problems:
            say(f"Qt: {message}", file=sys.stderr)
        say("SELFTEST FAILED: Qt reported errors", file=sys.stderr)
        return 1
    say(
        f"SELFTEST OK {APP_DISPLAY_NAME} {__version__}: schema {current_version()}, "
        f"{len(tabs)} tabs, path {info.title!r} with {info.phase_count} phases, "
        f"{info.tutorial_count} tutorials, {info.question_count} questions; data in {data_dir}"
    )
    return 0


def exit_when_shown(data_dir: Path) -> int:
    """Start as a user would, and exit once the window is first painted. A folder or a
    database that cannot be used raises its UserError (the caller prints it)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    from careerplanner.ui import create_main_window
    from careerplanner.ui.app import ensure_app

    app = ensure_app()
    window = create_main_window(data_dir)

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                if os.environ.get("CAREERPLANNER_BENCH_REPORT"):  # read by bench/run.py
                    print(f"first_paint {time.time():.6f}", file=sys.stderr, flush=True)
                QTimer.singleShot(0, window.close)
                obj.removeEventFilter(self)
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    code = app.exec()
    window.store.close()
    return int(code)
