"""One error path: an expected failure in words, a bug logged with its traceback and shown
as a bug (Copy Details, Open Log Folder, the log file named), and the app keeps running."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner import log
from careerplanner.services import roadmap
from careerplanner.ui import errors
from careerplanner.ui.roadmap.tab import RoadmapTab
from careerplanner.ui.window.main_window import MainWindow
from fingerprint import data_fingerprint


def _roadmap(qtbot: QtBot, data_dir: Path) -> tuple[MainWindow, RoadmapTab]:
    window = show_window(qtbot, data_dir)
    tab = window.show_tab("roadmap")
    assert isinstance(tab, RoadmapTab)
    first = tab.model.phases()[0].tutorials[0]
    tab.select_item(first.id)
    tab.view.setFocus()
    return window, tab


def _fail_status_writes(monkeypatch: pytest.MonkeyPatch, exc: Exception) -> None:
    """Every service a status change may go through raises ``exc``."""

    def fail(*_args: object, **_kwargs: object) -> None:
        raise exc

    monkeypatch.setattr(roadmap, "restore_state", fail)
    monkeypatch.setattr(roadmap, "set_status", fail)


def _log_text(log_dir: Path) -> str:
    return (log_dir / log.LOG_NAME).read_text(encoding="utf-8")


def test_a_bug_in_an_action_is_logged_and_shown_as_a_bug(
    qtbot: QtBot, data_dir: Path, log_dir: Path, monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:  # fmt: skip
    window, tab = _roadmap(qtbot, data_dir)
    before = data_fingerprint(data_dir)
    _fail_status_writes(monkeypatch, ZeroDivisionError("division by zero in the scheduler"))
    qtbot.keyClick(tab.view, Qt.Key.Key_Space)  # mark the tutorial done

    dialog = errors.current_bug_dialog()
    assert dialog is not None and dialog.isVisible()
    texts = "\n".join(lab.text() for lab in dialog.findChildren(QLabel))
    assert "This is a bug in Career Planner, not something you did." in texts
    assert "ZeroDivisionError: division by zero in the scheduler" in texts
    assert str(log_dir / log.LOG_NAME) in texts
    assert "Traceback (most recent call last)" in dialog.details
    assert request.node.shown_dialogs == []  # no plain message box besides

    logged = _log_text(log_dir)
    assert "ERROR careerplanner.ui.errors: bug (Could not mark “" in logged
    assert "Done): ZeroDivisionError: division by zero" in logged
    assert "Traceback (most recent call last)" in logged
    assert "in fail" in logged and "ZeroDivisionError: division by zero" in logged
    assert data_fingerprint(data_dir) == before
    # The app keeps running: the dialog closes and the next change works.
    dialog.reject()
    assert errors.current_bug_dialog() is None
    monkeypatch.undo()
    qtbot.keyClick(tab.view, Qt.Key.Key_Space)
    assert "1 of 32 tutorials done" in window._status_label.text()


def test_an_expected_failure_is_a_plain_message_and_no_bug(
    qtbot: QtBot, data_dir: Path, log_dir: Path, monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:  # fmt: skip
    _window, tab = _roadmap(qtbot, data_dir)
    before = data_fingerprint(data_dir)
    _fail_status_writes(monkeypatch, roadmap.RoadmapError("That tutorial was removed."))
    qtbot.keyClick(tab.view, Qt.Key.Key_Space)
    assert request.node.shown_dialogs == ["That tutorial was removed."]
    assert errors.current_bug_dialog() is None
    logged = _log_text(log_dir)
    assert "Done: That tutorial was removed." in logged  # "Could not mark “…” Done: …"
    assert "Traceback" not in logged and "ERROR" not in logged
    assert data_fingerprint(data_dir) == before


def test_a_full_disk_in_an_action_is_the_could_not_save_message(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    _window, tab = _roadmap(qtbot, data_dir)
    _fail_status_writes(monkeypatch, sqlite3.OperationalError("database or disk is full"))
    qtbot.keyClick(tab.view, Qt.Key.Key_Space)
    assert request.node.shown_dialogs[-1].startswith(
        "Your last change could not be saved: the disk is full."
    )
    assert errors.current_bug_dialog() is None


def test_the_operation_runner_takes_the_one_path(
    qtbot: QtBot, data_dir: Path, log_dir: Path, request: pytest.FixtureRequest
) -> None:
    """Every action runs through ``events.run``; a refusal and a bug it meets are told
    apart there, and nothing is put on the undo stack."""
    window = show_window(qtbot, data_dir)
    before = data_fingerprint(data_dir)

    def user_error() -> None:
        raise roadmap.RoadmapError("A plain refusal.")

    def bug() -> None:
        raise KeyError("card_id")

    assert window.events.run("Refused", user_error) is None
    assert request.node.shown_dialogs == ["A plain refusal."]
    assert errors.current_bug_dialog() is None
    assert window.events.run("Broken", bug) is None
    dialog = errors.current_bug_dialog()
    assert dialog is not None
    assert dialog.message == "Could not broken: KeyError: 'card_id'"
    assert "KeyError: 'card_id'" in _log_text(log_dir)
    assert window.events.undo_stack.count() == 0
    assert data_fingerprint(data_dir) == before


def test_the_bug_dialog_copies_its_details_and_opens_the_log_folder(
    qtbot: QtBot, log_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    try:
        raise ValueError("odd value")
    except ValueError as exc:
        errors.show_error(None, exc, "Doing something")
    dialog = errors.current_bug_dialog()
    assert dialog is not None
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied == dialog.details
    assert copied.startswith("Career Planner ")
    assert "While: Doing something" in copied and "ValueError: odd value" in copied
    assert dialog.isVisible()  # copying does not close it
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(log_dir)]


def test_more_bugs_while_the_dialog_is_open_are_counted_not_stacked(
    qtbot: QtBot, log_dir: Path
) -> None:
    for n in range(3):
        errors.show_error(None, RuntimeError(f"bug {n}"))
    dialog = errors.current_bug_dialog()
    assert dialog is not None
    assert dialog.message_label.text() == "RuntimeError: bug 0\n(and 2 more errors since)"
    assert "RuntimeError: bug 2" in dialog.details
    assert _log_text(log_dir).count("ERROR careerplanner.ui.errors: bug") == 3


def test_an_exception_escaping_a_slot_is_a_bug_and_the_app_keeps_running(
    qtbot: QtBot, data_dir: Path, log_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window = show_window(qtbot, data_dir)
    previous = errors.install_error_hook(lambda: window)
    try:

        def failing_slot() -> None:
            raise AttributeError("'NoneType' object has no attribute 'id'")

        QTimer.singleShot(0, failing_slot)
        qtbot.waitUntil(lambda: errors.current_bug_dialog() is not None, timeout=5000)
    finally:
        sys.excepthook = previous
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip() == (
        "careerplanner: unexpected error: AttributeError: 'NoneType' object has no attribute "
        f"'id'. The details are in the log file {log_dir / log.LOG_NAME}."
    )
    assert "in failing_slot" in _log_text(log_dir)
    assert window.isVisible()
    window.show_tab("skills")  # the rest of the app works
    assert window.tabs.currentWidget().isVisible()


def test_a_bug_in_an_export_is_shown_as_a_bug(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, log_dir: Path,
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest,
) -> None:  # fmt: skip
    from careerplanner.ui.kit import export_runner

    window = show_window(qtbot, data_dir)
    tab = window.show_tab("plan")

    def broken(*_args: object, **_kwargs: object) -> str:
        raise TypeError("unsupported operand")

    monkeypatch.setattr(export_runner, "export_plan", broken)
    monkeypatch.setattr(tab, "ask_save_path", lambda kind: tmp_path / "plan.md")
    with qtbot.waitSignal(tab.runner.finished, timeout=30000) as blocker:
        tab.export("markdown")  # type: ignore[attr-defined]
    assert blocker.args == [False, ""]
    dialog = errors.current_bug_dialog()
    assert dialog is not None
    assert dialog.message == "Exporting to plan.md: TypeError: unsupported operand"
    assert request.node.shown_dialogs == []  # not a second, plain box
    assert "in broken" in _log_text(log_dir)
    assert tab.pdf_button.isEnabled()  # type: ignore[attr-defined]


def test_a_bug_in_an_import_is_shown_as_a_bug_and_changes_nothing(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, log_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from careerplanner.services import userdata

    window = show_window(qtbot, data_dir)
    exported = tmp_path / "mine.json"
    assert window.data_actions is not None
    assert window.data_actions.export_to(exported)
    before = data_fingerprint(data_dir)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(userdata, "import_data", broken)
    assert window.data_actions.import_from(exported) is False
    dialog = errors.current_bug_dialog()
    assert dialog is not None
    assert dialog.message == "Importing mine.json: IndexError: list index out of range"
    assert data_fingerprint(data_dir) == before


def test_about_names_the_log_folder(
    qtbot: QtBot, data_dir: Path, log_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = show_window(qtbot, data_dir)
    dialog = window.show_about()
    assert str(log_dir) in [lab.text() for lab in dialog.findChildren(QLabel)]
    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(log_dir)]


def test_a_bug_while_opening_the_data_is_shown_and_the_start_ends_cleanly(
    qtbot: QtBot, data_dir: Path, log_dir: Path, monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    import careerplanner.ui
    from careerplanner.ui.app import open_window

    def broken(*_args: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(careerplanner.ui, "create_main_window", broken)
    assert open_window(data_dir) is None
    assert request.node.shown_dialogs == [
        "Opening the data: RecursionError: maximum recursion depth exceeded"
    ]
    assert "Traceback" not in capsys.readouterr().err
    assert "in broken" in _log_text(log_dir)
