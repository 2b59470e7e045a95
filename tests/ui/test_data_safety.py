"""File menu data actions, automatic backups, the start-up problem dialog, failed writes."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner import paths
from careerplanner.services import changes, userdata
from careerplanner.store import backup as files
from careerplanner.store import current_version
from careerplanner.store import models as m
from careerplanner.ui import create_main_window
from careerplanner.ui.app import open_window
from careerplanner.ui.errors import install_error_hook
from careerplanner.ui.window.main_window import MainWindow
from careerplanner.ui.window.restore import RestoreDialog
from careerplanner.vocab import TutorialStatus


def _open(qtbot: QtBot, data_dir: Path) -> MainWindow:
    window = show_window(qtbot, data_dir)
    return window


def _reasons(data_dir: Path) -> list[str]:
    return [f.reason for f in files.list_files(paths.backup_dir(data_dir))]


def _mark_done(window: MainWindow, count: int) -> None:
    ids = [t.id for t in m.Tutorial.select().order_by(m.Tutorial.id).limit(count)]
    m.Tutorial.update(status=TutorialStatus.DONE).where(m.Tutorial.id.in_(ids)).execute()
    window.events.announce(changes.tutorials())


def _status(window: MainWindow) -> str:
    return window._status_label.text()


def test_file_menu_offers_backup_restore_export_import(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    texts = [a.text().replace("&", "") for a in window.file_menu.actions() if a.text()]
    mine = ["Back Up Now", "Restore Backup…", "Export Data…", "Import Data…"]
    assert [t for t in texts if t in mine] == mine
    assert texts[-1] == "Quit"


def test_back_up_now_writes_a_checked_backup(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    with qtbot.waitSignal(window.events.status_message) as blocker:
        window.findChild(type(window.file_menu.actions()[0]), "action_backup").trigger()
    assert "Backup written and checked" in blocker.args[0]
    [made] = files.list_files(paths.backup_dir(data_dir))
    assert files.check_file(made.path).ok


def test_restore_dialog_lists_good_backups_and_restores_the_chosen_one(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = _open(qtbot, data_dir)
    _mark_done(window, 3)
    window.data_actions.back_up_now()  # type: ignore[union-attr]
    broken = paths.backup_dir(data_dir) / "careerplanner-29990101-000000-auto.sqlite3"
    broken.write_bytes(b"")
    _mark_done(window, 10)
    assert _status(window).startswith("10 of 32")
    roadmap = window.show_tab("roadmap")
    seen: dict[str, object] = {}

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RestoreDialog)
        tree = dialog.tree
        seen["rows"] = tree.topLevelItemCount()
        seen["summary"] = tree.topLevelItem(0).text(3)
        seen["taken"] = tree.topLevelItem(0).text(1)
        seen["note"] = dialog.findChild(QLabel, "broken_note").text()
        qtbot.mouseClick(dialog.findChild(QPushButton, "restore_button"), _left())

    QTimer.singleShot(0, choose)
    with qtbot.waitSignal(window.events.changed):
        window.data_actions.restore_action.trigger()  # type: ignore[union-attr]
    assert seen["rows"] == 1  # the empty backup is not offered
    assert seen["summary"] == "AI/ML Architect: 3 of 32 tutorials done (9%)"
    assert seen["taken"] == "Backed up by you"
    assert seen["note"] == "1 damaged or empty backup is not shown."
    assert _status(window).startswith("3 of 32")
    assert m.Tutorial.select().where(m.Tutorial.status == TutorialStatus.DONE).count() == 3
    model = roadmap.view.model()
    statuses = [
        model.index(r, 4, model.index(0, 0)).data()
        for r in range(model.rowCount(model.index(0, 0)))
    ]
    assert statuses.count("Done") == 3
    assert "restore" in _reasons(data_dir)  # the data as it was is kept


def _left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_import_replaces_the_data_and_a_bad_file_is_explained(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    window = _open(qtbot, data_dir)
    _mark_done(window, 5)
    exported = tmp_path / "mine.json"
    assert window.data_actions.export_to(exported)  # type: ignore[union-attr]
    _mark_done(window, 20)
    with qtbot.waitSignal(window.events.changed):
        assert window.data_actions.import_from(exported)  # type: ignore[union-attr]
    assert _status(window).startswith("5 of 32")
    assert "import" in _reasons(data_dir)

    bad = tmp_path / "bad.json"
    doc = json.loads(exported.read_text())
    doc["paths"][0]["plan"]["hours_per_week"] = "lots"
    bad.write_text(json.dumps(doc))
    assert not window.data_actions.import_from(bad)  # type: ignore[union-attr]
    shown = request.node.shown_dialogs
    assert "paths[0].plan.hours_per_week: must be a number of at least 0" in shown[-1]
    assert _status(window).startswith("5 of 32")


def test_automatic_backup_only_while_there_are_changes(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    actions = window.data_actions
    assert actions is not None
    assert actions.timer.interval() == 30 * 60 * 1000
    actions.auto_backup()
    assert _reasons(data_dir) == []  # nothing changed yet
    actions.timer.setInterval(20)
    _mark_done(window, 1)
    qtbot.waitUntil(lambda: _reasons(data_dir) == ["auto"], timeout=5000)
    actions.auto_backup()
    assert _reasons(data_dir) == ["auto"]


def test_closing_backs_up_changes(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    _mark_done(window, 2)
    window.close()
    [made] = files.list_files(paths.backup_dir(data_dir))
    assert made.reason == "close"
    assert files.check_file(made.path).summary.startswith("AI/ML Architect: 2 of 32")


def test_failed_backup_is_explained_and_the_app_keeps_running(
    qtbot: QtBot, data_dir: Path, request: pytest.FixtureRequest
) -> None:
    window = _open(qtbot, data_dir)
    paths.backup_dir(data_dir).write_text("a file blocks the backup folder")
    window.data_actions.back_up_now()  # type: ignore[union-attr]
    assert "cannot be created" in request.node.shown_dialogs[-1]
    _mark_done(window, 1)
    assert _status(window).startswith("1 of 32")


def test_a_failed_write_shows_a_message_not_a_traceback(
    qtbot: QtBot, data_dir: Path, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    window = _open(qtbot, data_dir)
    previous = install_error_hook(lambda: window)
    try:

        def failing_slot() -> None:
            raise sqlite3.OperationalError("database or disk is full")

        QTimer.singleShot(0, failing_slot)
        qtbot.waitUntil(lambda: bool(request.node.shown_dialogs), timeout=5000)
    finally:
        sys.excepthook = previous
    assert request.node.shown_dialogs[-1].startswith(
        "Your last change could not be saved: the disk is full."
    )
    assert "Traceback" not in capsys.readouterr().err
    assert window.isVisible()


def _answer(monkeypatch: pytest.MonkeyPatch, button: str) -> list[tuple[str, str, list[str]]]:
    seen: list[tuple[str, str, list[str]]] = []

    def fake_exec(self: QMessageBox) -> int:
        seen.append((self.windowTitle(), self.text(), [b.text() for b in self.buttons()]))
        for b in self.buttons():
            if b.text() == button:
                b.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


def _damage(data_dir: Path) -> bytes:
    db = paths.database_path(data_dir)
    db.write_bytes(b"not a database, sorry " * 200)
    return db.read_bytes()


def test_damaged_database_restore_newest_backup(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _open(qtbot, data_dir)
    _mark_done(window, 4)
    window.close()  # a close backup with 4 done
    before = _damage(data_dir)
    seen = _answer(monkeypatch, "Restore Newest Backup")
    reopened = open_window(data_dir)
    assert reopened is not None
    qtbot.addWidget(reopened)
    title, text, buttons = seen[0]
    assert title == "Not a Career Planner file"
    assert "is not a Career Planner database (it is not an SQLite file)" in text
    assert sorted(buttons) == ["Quit", "Restore Newest Backup", "Start Fresh"]
    assert _status(reopened).startswith("4 of 32")
    [aside] = data_dir.glob("careerplanner.sqlite3.damaged-*")
    assert aside.read_bytes() == before
    reopened.close()


def test_damaged_database_start_fresh_or_quit(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_main_window(data_dir).close()
    before = _damage(data_dir)
    _answer(monkeypatch, "Quit")
    assert open_window(data_dir) is None
    assert paths.database_path(data_dir).read_bytes() == before  # untouched
    _answer(monkeypatch, "Start Fresh")
    window = open_window(data_dir)
    assert window is not None
    qtbot.addWidget(window)
    assert _status(window).startswith("0 of 32")
    [aside] = data_dir.glob("careerplanner.sqlite3.damaged-*")
    assert aside.read_bytes() == before
    window.close()


def test_foreign_database_is_explained(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = sqlite3.connect(paths.database_path(data_dir))
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    seen = _answer(monkeypatch, "Quit")
    assert open_window(data_dir) is None
    assert seen[0][0] == "File of another application"
    assert "an SQLite database of another application" in seen[0][1]
    assert sorted(seen[0][2]) == ["Quit", "Start Fresh"]  # no backup to offer


def test_newer_database_only_offers_quit_and_is_left_alone(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_main_window(data_dir).close()
    db = paths.database_path(data_dir)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {current_version() + 1}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    seen = _answer(monkeypatch, "Quit")
    assert open_window(data_dir) is None
    assert seen[0][0] == "Data from a newer version"
    assert "newer version of Career Planner" in seen[0][1]
    assert seen[0][2] == ["Quit"]
    assert db.read_bytes() == before
    assert not list(data_dir.glob("*.damaged-*"))


def test_export_writes_every_kind_of_state(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    window = _open(qtbot, data_dir)
    _mark_done(window, 1)
    target = tmp_path / "out.json"
    assert window.data_actions.export_to(target)  # type: ignore[union-attr]
    doc = json.loads(target.read_text())
    assert doc["paths"][0]["tutorials"][0]["status"] == "done"
    assert userdata.export_data(window.store)["paths"] == doc["paths"]
