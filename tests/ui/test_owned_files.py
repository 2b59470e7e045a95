"""In the window, no file dialog can lead an export over, or an import from, the app's own
files: the database, a backup. Each is refused with a message box and nothing changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner import paths
from careerplanner.ui.plan.tab import PlanTab
from careerplanner.ui.window.main_window import MainWindow
from fingerprint import data_fingerprint


def _answer_save(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """Make every save dialog answer ``target``; returns the titles it was asked with."""
    asked: list[str] = []

    def fake(_parent: object, title: str, *_args: object, **_kw: object) -> tuple[str, str]:
        asked.append(title)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return asked


def _answer_open(monkeypatch: pytest.MonkeyPatch, source: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(source), ""))


def _window_with_progress(qtbot: QtBot, data_dir: Path) -> MainWindow:
    """A window whose data holds finished tutorials and one backup."""
    window = show_window(qtbot, data_dir)
    window.data_actions.back_up_now()  # type: ignore[union-attr]
    roadmap = window.show_tab("roadmap")
    for tutorial in roadmap.model.phases()[0].tutorials[:2]:  # type: ignore[attr-defined]
        roadmap.select_item(tutorial.id)  # type: ignore[attr-defined]
        roadmap.set_status("done")  # type: ignore[attr-defined]
    return window


def _done(data_dir: Path) -> int:
    conn = sqlite3.connect(f"{paths.database_path(data_dir).as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM tutorial WHERE status='done'").fetchone()[0])
    finally:
        conn.close()


def _owned(data_dir: Path, which: str) -> Path:
    if which == "backup":
        [backup] = sorted(paths.backup_dir(data_dir).glob("*.sqlite3"))
        return backup
    return paths.database_path(data_dir)


@pytest.mark.parametrize("which", ["database", "backup"])
def test_plan_pdf_export_over_an_own_file_is_refused(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest, which: str,
) -> None:  # fmt: skip
    window = _window_with_progress(qtbot, data_dir)
    assert _done(data_dir) == 2
    tab = window.show_tab("plan")
    assert isinstance(tab, PlanTab)
    target = _owned(data_dir, which)
    asked = _answer_save(monkeypatch, target)
    before = data_fingerprint(data_dir)
    with qtbot.waitSignal(tab.runner.finished, timeout=30000) as blocker:
        qtbot.mouseClick(tab.pdf_button, Qt.MouseButton.LeftButton)
    assert asked == ["Export Study Plan"]
    assert blocker.args[0] is False
    [shown] = request.node.shown_dialogs
    assert shown.startswith(f"Cannot write {target}: it is ") and "\n" not in shown
    assert data_fingerprint(data_dir) == before
    assert _done(data_dir) == 2
    assert tab.pdf_button.isEnabled()
    assert window.store.db.execute_sql("PRAGMA quick_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("which", ["database", "backup"])
def test_json_and_path_exports_over_an_own_file_are_refused(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest, which: str,
) -> None:  # fmt: skip
    window = _window_with_progress(qtbot, data_dir)
    target = _owned(data_dir, which)
    asked = _answer_save(monkeypatch, target)
    before = data_fingerprint(data_dir)
    window.data_actions.export_action.trigger()  # type: ignore[union-attr]
    window.path_actions.export_action.trigger()
    assert asked == ["Export Data", "Export Career Path"]
    shown = request.node.shown_dialogs
    assert len(shown) == 2
    assert all(f"Cannot write {target}: it is " in text for text in shown), shown
    assert data_fingerprint(data_dir) == before
    assert _done(data_dir) == 2


def test_the_live_database_cannot_be_imported_or_restored(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:  # fmt: skip
    window = _window_with_progress(qtbot, data_dir)
    database = paths.database_path(data_dir)
    _answer_open(monkeypatch, database)
    before = data_fingerprint(data_dir)
    window.data_actions.import_action.trigger()  # type: ignore[union-attr]
    window.path_actions.import_action.trigger()
    assert not window.data_actions.restore_file(database)  # type: ignore[union-attr]
    shown = request.node.shown_dialogs
    assert len(shown) == 3
    assert all(f"Cannot read {database}: it is " in text for text in shown), shown
    assert data_fingerprint(data_dir) == before
    assert _done(data_dir) == 2
