"""The window's import asks before taking a file's backup and window settings; dates and
hours outside the app's limits are refused in the window and tolerated when stored."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner import limits, paths
from careerplanner.services import settings, userdata
from careerplanner.store import backup as files
from careerplanner.store import models as m
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.plan.tab import PlanTab
from careerplanner.ui.window.main_window import MainWindow
from careerplanner.vocab import TutorialStatus

Doc = dict[str, Any]


def _fingerprint(window: MainWindow, data_dir: Path) -> tuple[Doc, list[str]]:
    doc = userdata.export_data(window.store)
    doc.pop("exported_at")
    backups = [f.path.name for f in files.list_files(paths.backup_dir(data_dir))]
    return doc, backups


def _write(tmp_path: Path, name: str, doc: Doc) -> Path:
    target = tmp_path / name
    target.write_text(json.dumps(doc), encoding="utf-8")
    return target


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    win = show_window(qtbot, data_dir)
    settings.KEEP_DAILY.set(win.store, 7)
    settings.KEEP_WEEKLY.set(win.store, 4)
    return win


def _theirs(window: MainWindow, tmp_path: Path) -> Path:
    doc = userdata.export_data(window.store)
    doc["settings"] = {"backup.keep_daily": "0", "backup.keep_weekly": "0", "theme": "dark"}
    doc["paths"][0]["tutorials"][0]["status"] = "done"
    return _write(tmp_path, "theirs.json", doc)


def _settings(window: MainWindow) -> dict[str, str]:
    return {s.key: s.value for s in m.Setting.select()}


def test_import_asks_and_keeps_my_backup_settings_by_default(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    source = _theirs(window, tmp_path)
    with qtbot.waitSignal(window.events.changed):
        assert window.data_actions.import_from(source)  # type: ignore[union-attr]
    # The patched dialog answers with its default button: keep mine.
    assert request.node.shown_dialogs == [
        "theirs.json holds other backup and window settings than yours."
    ]
    got = _settings(window)
    assert (got["backup.keep_daily"], got["backup.keep_weekly"], got["theme"]) == ("7", "4", "dark")
    assert m.Tutorial.select().where(m.Tutorial.status == TutorialStatus.DONE).count() == 1
    assert window._status_label.text().startswith("1 of 32")


def test_the_question_names_the_differences_and_can_take_the_files(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, str] = {}

    def use_the_files(box: QMessageBox) -> int:
        seen["details"] = box.informativeText()
        default = box.defaultButton()
        seen["default"] = default.objectName() if default is not None else ""
        button = box.findChild(QPushButton, "use_file_settings")
        assert button is not None
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", use_the_files)
    with qtbot.waitSignal(window.events.changed):
        assert window.data_actions.import_from(_theirs(window, tmp_path))  # type: ignore[union-attr]
    assert seen["default"] == "keep_settings"
    assert seen["details"].startswith(
        "• daily backups kept: 0 (yours: 7)\n• weekly backups kept: 0 (yours: 4)\n"
    )
    got = _settings(window)
    assert (got["backup.keep_daily"], got["backup.keep_weekly"]) == ("0", "0")


def test_cancelling_the_question_imports_nothing(
    window: MainWindow, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _theirs(window, tmp_path)
    before = _fingerprint(window, data_dir)

    def cancel(box: QMessageBox) -> int:
        button = box.button(QMessageBox.StandardButton.Cancel)
        assert button is not None
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", cancel)
    assert not window.data_actions.import_from(source)  # type: ignore[union-attr]
    assert _fingerprint(window, data_dir) == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("start_date", "9999-12-01", "paths[0].plan.start_date: 9999-12-01 is outside"),
        ("start_date", "0001-01-01", "paths[0].plan.start_date: 0001-01-01 is outside"),
        ("hours_per_week", float("inf"), "paths[0].plan.hours_per_week: must be a finite"),
    ],
)
def test_a_file_outside_the_limits_is_refused_in_a_dialog(
    window: MainWindow,
    data_dir: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    field: str,
    value: object,
    message: str,
) -> None:
    doc = userdata.export_data(window.store)
    doc["paths"][0]["plan"][field] = value
    doc["paths"][0]["tutorials"][0]["hours"] = 1e12
    before = _fingerprint(window, data_dir)
    assert not window.data_actions.import_from(_write(tmp_path, "bad.json", doc))  # type: ignore[union-attr]
    [shown] = request.node.shown_dialogs
    assert message in shown
    assert "paths[0].tutorials[0].hours: must be more than 0 and at most 1000 hours" in shown
    assert _fingerprint(window, data_dir) == before


def test_plan_dates_are_limited_in_the_window(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    tab = window.show_tab("plan")
    assert isinstance(tab, PlanTab)
    first = QDate(limits.MIN_DATE.year, limits.MIN_DATE.month, limits.MIN_DATE.day)
    last = QDate(limits.MAX_DATE.year, limits.MAX_DATE.month, limits.MAX_DATE.day)
    for edit in (tab.start_edit, tab.target_edit):
        assert edit.maximumDate() == last
        assert edit.minimumDate() == first.addDays(-1) == w.NO_DATE  # shown as "today"
    tab.start_edit.setDate(QDate(9999, 12, 1))  # as typed or picked: held at the limit
    assert tab.start_edit.date() == last
    assert tab.tree.topLevelItemCount() > 20  # a whole plan from the last day
    assert tab.tree.topLevelItem(0).text(1).startswith("2199-12-31")
    tab.start_edit.setDate(first)  # a start gone by: what is left is planned from today
    assert tab.start_edit.date() == first
    assert tab.tree.topLevelItem(0).text(1).startswith(date.today().isoformat())
    tab.start_edit.setDate(w.NO_DATE)
    assert tab.start_edit.text() == "today"
    assert tab.tree.topLevelItem(0).text(1).startswith(date.today().isoformat())


def _sql(data_dir: Path, *statements: str) -> None:
    conn = sqlite3.connect(paths.database_path(data_dir))
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_stored_start_in_9999_opens_on_the_plan_tab_with_a_message(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = show_window(qtbot, data_dir)
    window.show_tab("plan")
    window.close()  # the window remembers the plan tab
    _sql(data_dir, "UPDATE plan_settings SET start_date = '9999-12-01'",
         "UPDATE tutorial SET hours = 1e12 WHERE position = 0")  # fmt: skip
    window = show_window(qtbot, data_dir)
    assert window.tabs.tabText(window.tabs.currentIndex()).replace("&", "") == "Study Plan"
    plan_tab = window.tab("plan")
    assert isinstance(plan_tab, PlanTab)
    assert plan_tab.summary.text() == (
        "The start date 9999-12-01 is outside the dates the plan can use "
        "(1970-01-01 to 2199-12-31): choose another."
    )
    assert plan_tab.start_edit.text() == "2199-12-31"
    picked = QDate.currentDate().addDays(7)
    plan_tab.start_edit.setDate(picked)  # the user picks another: it plans again
    assert plan_tab.tree.topLevelItem(0).text(1).startswith(picked.toString("yyyy-MM-dd"))
    assert "cannot be scheduled: its estimated hours (1e+12)" in plan_tab.advice.text()


def test_the_overview_chart_draws_dates_from_year_one(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    window.close()
    _sql(data_dir, "UPDATE tutorial SET status = 'done', finished_on = '0001-01-01' "
         "WHERE id = (SELECT min(id) FROM tutorial)")  # fmt: skip
    window = show_window(qtbot, data_dir)
    tab = window.show_tab("overview")
    tab.build_deferred()
    xs, ys = tab.chart.series()["tutorials"]  # type: ignore[attr-defined]
    assert ys == [0, 0, 1, 1]  # from zero, up by the finished one, on to today
    assert xs[1] == limits.MIN_DATE and xs[-1] == date.today()
    tab.chart.grab()  # type: ignore[attr-defined]  # and it is painted


def test_roadmap_dates_are_limited_in_the_window(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    roadmap = window.show_tab("roadmap")
    tutorial = roadmap.model.phases()[0].tutorials[0]  # type: ignore[attr-defined]
    roadmap.select_item(tutorial.id)
    started = roadmap.details.started  # type: ignore[attr-defined]
    assert started.minimumDate() == w.NO_DATE and started.text() == "not set"
    started.setDate(QDate(1, 1, 1))
    assert started.text() == "not set"  # nothing before 1970-01-01 can be chosen
    started.setDate(QDate(1970, 1, 1))
    started.editingFinished.emit()
    assert m.Tutorial.get_by_id(tutorial.id).started_on == limits.MIN_DATE


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Tokyo"])
def test_practice_history_shows_odd_stored_answers(qtbot: QtBot, data_dir: Path, zone: str) -> None:
    was = os.environ.get("TZ")
    os.environ["TZ"] = zone  # the local time of year 1 or 9999 is past Python's dates
    time.tzset()
    try:
        window = show_window(qtbot, data_dir)
        window.close()
        insert = (
            "INSERT INTO attempt (question_id, reviewed_at, duration_s, covered, total, "
            "covered_points, rating, answer, mock) SELECT min(id), '{}', {}, 0, 0, '[]', 3, "
            "'', 0 FROM question"
        )
        _sql(data_dir, insert.format("0001-01-01 00:00:00", 60),
             insert.format("9999-12-31 23:00:00", "9e999"))  # fmt: skip
        window = show_window(qtbot, data_dir)
        tab = window.show_tab("practice")
        first = m.Question.select().order_by(m.Question.id).first()
        tab.select_item(first.id)
        tab.right.setCurrentWidget(tab.history)  # type: ignore[attr-defined]
        model = tab.history.model  # type: ignore[attr-defined]
        assert model.rowCount() == 2
        assert [model.index(r, 1).data() for r in range(2)] == ["—", "1:00"]
        assert all(isinstance(model.index(r, 0).data(), str) for r in range(2))
        assert "2 attempts" in tab.history.summary.text()  # type: ignore[attr-defined]
    finally:
        if was is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = was
        time.tzset()
