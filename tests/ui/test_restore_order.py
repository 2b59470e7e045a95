"""A wrong clock in the GUI: the restore dialog lists backups in the order they were taken
and marks a date that disagrees; "Restore Newest Backup" at start-up brings back the
newest data, not the backup with the latest date."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner import paths
from careerplanner.services import backup, changes
from careerplanner.store import models as m
from careerplanner.ui.app import open_window
from careerplanner.ui.window.main_window import MainWindow
from careerplanner.ui.window.restore import RestoreDialog
from careerplanner.vocab import TutorialStatus


def _mark_done(window: MainWindow, count: int) -> None:
    ids = [t.id for t in m.Tutorial.select().order_by(m.Tutorial.id).limit(count)]
    m.Tutorial.update(status=TutorialStatus.NOT_STARTED).execute()
    m.Tutorial.update(status=TutorialStatus.DONE).where(m.Tutorial.id.in_(ids)).execute()
    window.events.announce(changes.tutorials())


def test_restore_dialog_lists_backups_in_the_order_taken_and_marks_odd_dates(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = show_window(qtbot, data_dir)
    store = window.store
    for done, when in [
        (1, datetime(2026, 6, 1, 9, 0)),
        (2, datetime(2099, 1, 1, 12, 0)),  # one session under a wrong clock
        (3, datetime(2026, 6, 1, 10, 0)),
    ]:
        _mark_done(window, done)
        backup.back_up(store, data_dir, "auto", now=when)
    seen: dict[str, object] = {}

    def read() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RestoreDialog)
        tree = dialog.tree
        rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        seen["rows"] = [(r.text(0), r.text(3)) for r in rows]
        note = dialog.findChild(QLabel, "order_note")
        seen["note"] = note.text() if note is not None else None
        seen["chosen"] = dialog.chosen()
        dialog.reject()

    QTimer.singleShot(0, read)
    window.data_actions.restore()  # type: ignore[union-attr]
    assert seen["rows"] == [
        ("2026-06-01 10:00", "AI/ML Architect: 3 of 32 tutorials done (9%)"),
        (
            "2099-01-01 12:00 (dated after a newer backup)",
            "AI/ML Architect: 2 of 32 tutorials done (6%)",
        ),
        ("2026-06-01 09:00", "AI/ML Architect: 1 of 32 tutorials done (3%)"),
    ]
    assert "clock was wrong" in str(seen["note"])
    newest = backup.newest_good_backup(data_dir)
    assert newest is not None and seen["chosen"] == newest.file.path  # preselected


def test_restore_newest_backup_after_a_wrong_clock_brings_back_the_newest_data(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = show_window(qtbot, data_dir)
    _mark_done(window, 2)
    backup.back_up(window.store, data_dir, "auto", now=datetime(2099, 1, 1, 12, 0))
    _mark_done(window, 5)
    window.close()  # the closing backup, with today's date: older-looking, but newest
    database = paths.database_path(data_dir)
    database.write_bytes(b"not a database, sorry " * 200)

    def restore_newest(self: QMessageBox) -> int:
        for button in self.buttons():
            if button.text() == "Restore Newest Backup":
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", restore_newest)
    reopened = open_window(data_dir)
    assert reopened is not None
    qtbot.addWidget(reopened)
    assert m.Tutorial.select().where(m.Tutorial.status == TutorialStatus.DONE).count() == 5
    assert reopened._status_label.text().startswith("5 of 32")
    reopened.close()
