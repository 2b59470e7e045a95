"""A tab that fails to build or refresh shows the error in its own place (what failed, the
details, the log file, Retry); the window still opens and the other tabs work."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner import cli, log, paths
from careerplanner.services import overview, settings
from careerplanner.services.changes import EVERYTHING, Area, Changes
from careerplanner.ui import create_main_window
from careerplanner.ui.kit.error_panel import ErrorPanel
from careerplanner.ui.skills.tab import SkillsTab
from careerplanner.ui.window.main_window import MainWindow
from careerplanner.ui.window.tab_host import TabHost, TabUnavailable

TAB_INDEX = {"overview": 0, "roadmap": 1, "skills": 2, "practice": 3, "plan": 4}


def _fresh(data_dir: Path) -> None:
    """A data folder with the database created, as after a first start."""
    assert cli.main(["--data-dir", str(data_dir), "backup"]) == 0


def _sql(data_dir: Path, statement: str) -> None:
    conn = sqlite3.connect(paths.database_path(data_dir))
    try:
        with conn:
            conn.execute(statement)
    finally:
        conn.close()


def _odd_snapshot(data_dir: Path) -> None:
    """A saved assessment whose date is not a date: only the Skills tab reads it."""
    _sql(data_dir, "INSERT INTO snapshot (path_id, taken_at, note, levels, topics) "
                   "VALUES (1, 'yesterday', '', '{}', '[]')")  # fmt: skip


def _host(window: MainWindow, name: str) -> TabHost:
    host = window.tabs.widget(TAB_INDEX[name])
    assert isinstance(host, TabHost) and host.name == name
    return host


def _panel(window: MainWindow, name: str) -> ErrorPanel:
    panel = _host(window, name).panel
    assert panel is not None, f"{name} shows no error"
    return panel


def _mark_first_done(qtbot: QtBot, window: MainWindow) -> None:
    road = window.show_tab("roadmap")
    first = road.model.phases()[0].tutorials[0]  # type: ignore[attr-defined]
    road.select_item(first.id)
    road.view.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(road.view, Qt.Key.Key_Space)  # type: ignore[attr-defined]


def test_odd_data_in_one_tab_leaves_the_rest_of_the_window_working(
    qtbot: QtBot, data_dir: Path, log_dir: Path
) -> None:
    _fresh(data_dir)
    _odd_snapshot(data_dir)
    # The window re-opens the last tab: the broken one, at start-up.
    _sql(data_dir, f"INSERT INTO setting VALUES ('{settings.CURRENT_TAB.key}', '2')")
    window = show_window(qtbot, data_dir)  # opens: start-up never aborts for one tab

    assert window.tabs.currentIndex() == TAB_INDEX["skills"]
    panel = _panel(window, "skills")
    assert panel.isVisible()
    texts = [lab.text() for lab in panel.findChildren(QLabel)]
    assert "The Skills tab could not be shown" in texts
    assert "AttributeError: 'str' object has no attribute 'strftime'" in texts
    assert f"The details are in the log file {log_dir / log.LOG_NAME}." in texts
    assert "Traceback (most recent call last)" in panel.details
    assert "bug (The Skills tab could not be shown)" in (log_dir / log.LOG_NAME).read_text()
    assert window.tab_failures() == {
        "skills": "AttributeError: 'str' object has no attribute 'strftime'"
    }
    with pytest.raises(TabUnavailable):
        window.tab("skills")

    # Every other tab works, and a change made in one reaches the others.
    _mark_first_done(qtbot, window)
    assert "1 of 32 tutorials done" in window._status_label.text()
    for name in ("overview", "practice", "plan"):
        window.show_tab(name)
        assert _host(window, name).panel is None, name
    assert window.tab_failures().keys() == {"skills"}


def test_the_view_menu_and_navigation_reach_a_broken_tab_without_an_error(
    qtbot: QtBot, data_dir: Path
) -> None:
    _fresh(data_dir)
    _odd_snapshot(data_dir)
    window = show_window(qtbot, data_dir)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # View › Skills
    assert window.tabs.currentIndex() == TAB_INDEX["skills"]
    assert _panel(window, "skills").isVisible()
    window.events.navigate.emit("skills", 1)  # what the Overview's links do
    assert window.tabs.currentIndex() == TAB_INDEX["skills"]


def test_retry_builds_the_tab_once_the_data_is_fixed(qtbot: QtBot, data_dir: Path) -> None:
    _fresh(data_dir)
    _odd_snapshot(data_dir)
    window = show_window(qtbot, data_dir)
    window.tabs.setCurrentIndex(TAB_INDEX["skills"])
    panel = _panel(window, "skills")
    qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)  # still odd: still shown
    assert _panel(window, "skills").summary.startswith("AttributeError")

    _sql(data_dir, "UPDATE snapshot SET taken_at = '2024-01-01 10:00:00'")
    qtbot.mouseClick(_panel(window, "skills").retry_button, Qt.MouseButton.LeftButton)
    assert _host(window, "skills").panel is None
    tab = window.tab("skills")
    assert isinstance(tab, SkillsTab) and tab.isVisible()
    assert window.tab_failures() == {}


def test_a_refresh_that_raises_shows_the_panel_and_a_later_change_recovers(
    qtbot: QtBot, data_dir: Path, log_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = show_window(qtbot, data_dir)
    home = window.show_tab("overview")
    assert _host(window, "overview").panel is None

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(overview, "dashboard", broken)
    _mark_first_done(qtbot, window)  # the Overview is now stale
    window.show_tab("overview")  # its refresh raises: the panel takes its place
    panel = _panel(window, "overview")
    assert panel.isVisible() and not home.isVisible()
    assert "The Overview tab could not be refreshed" in [
        lab.text() for lab in panel.findChildren(QLabel)
    ]
    assert "OverflowError: date value out of range" in (log_dir / log.LOG_NAME).read_text()
    window.show_tab("roadmap")  # the rest works
    assert "1 of 32 tutorials done" in window._status_label.text()

    monkeypatch.undo()
    _mark_first_done(qtbot, window)  # a change the Overview watches: it tries again
    window.show_tab("overview")
    assert _host(window, "overview").panel is None
    assert home.isVisible()


def test_a_tab_built_after_a_restore_recovers_by_itself(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = show_window(qtbot, data_dir)

    def broken(self: SkillsTab) -> None:
        raise KeyError("skill")

    monkeypatch.setattr(SkillsTab, "refresh", broken)
    window.tabs.setCurrentIndex(TAB_INDEX["skills"])
    assert _panel(window, "skills").summary == "KeyError: 'skill'"
    window.show_tab("roadmap")
    monkeypatch.undo()
    # What a restore or an import announces.
    window.events.announce(Changes(Area.ALL, active_path=window.path_id))
    window.show_tab("skills")
    assert _host(window, "skills").panel is None


def test_the_self_test_fails_and_names_the_broken_tab(
    data_dir: Path, capsys: pytest.CaptureFixture[str], log_dir: Path
) -> None:
    _fresh(data_dir)
    _odd_snapshot(data_dir)
    capsys.readouterr()
    assert cli.main(["--data-dir", str(data_dir), "--self-test"]) == 1
    out, err = capsys.readouterr()
    assert "SELFTEST OK" not in out
    assert err == (
        "SELFTEST FAILED: the skills tab could not be shown: AttributeError: 'str' object has "
        f"no attribute 'strftime'\nThe details are in the log file {log_dir / log.LOG_NAME}.\n"
    )


def test_the_self_test_fails_on_an_error_that_escapes_a_slot(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fresh(data_dir)
    # An attempt whose date is not a date: the Practice tab's history slot trips on it.
    _sql(data_dir, "INSERT INTO attempt (question_id, reviewed_at, duration_s, covered, total, "
                   "covered_points, rating, answer, mock) "
                   "VALUES (1, 'garbage', 1, 0, 1, '[]', 3, '', 0)")  # fmt: skip
    capsys.readouterr()
    assert cli.main(["--data-dir", str(data_dir), "--self-test"]) == 1
    _out, err = capsys.readouterr()
    assert "SELFTEST FAILED: an error escaped: AttributeError:" in err
    assert "Traceback" not in err


def test_a_half_built_tab_stops_listening(qtbot: QtBot, data_dir: Path) -> None:
    """A tab whose __init__ fails after it connected to the app's events is disconnected,
    so that it does no work for changes made elsewhere."""
    _fresh(data_dir)
    _odd_snapshot(data_dir)
    window = create_main_window(data_dir)
    qtbot.addWidget(window)
    heard: list[object] = []
    original = SkillsTab._on_changed

    def counting(self: SkillsTab, *args: object) -> None:
        heard.append(self)
        original(self, *args)  # type: ignore[arg-type]

    SkillsTab._on_changed = counting  # type: ignore[method-assign]
    try:
        window.build_all_tabs()
        assert "skills" in window.tab_failures()
        window.events.announce(EVERYTHING)
    finally:
        SkillsTab._on_changed = original  # type: ignore[method-assign]
    assert heard == []
