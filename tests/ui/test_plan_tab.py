"""The Study Plan tab: settings that reschedule at once, reading statuses, exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.ui.plan.tab import PlanTab
from careerplanner.ui.window.main_window import MainWindow


def _open(qtbot: QtBot, data_dir: Path) -> tuple[MainWindow, PlanTab]:
    window = show_window(qtbot, data_dir)
    tab = window.show_tab("plan")
    assert isinstance(tab, PlanTab)
    return window, tab


def test_hours_and_dates_reschedule_at_once_and_are_kept(qtbot: QtBot, data_dir: Path) -> None:
    window, tab = _open(qtbot, data_dir)
    weeks_at_6 = tab.tree.topLevelItemCount()
    assert weeks_at_6 > 20
    tab.hours_spin.setValue(20)
    weeks_at_20 = tab.tree.topLevelItemCount()
    assert weeks_at_20 < weeks_at_6
    # A start to come: the schedule begins then (a start gone by: today).
    start = QDate.currentDate().addDays(10)
    tab.start_edit.setDate(start)
    assert tab.tree.topLevelItem(0).text(1).startswith(start.toString("yyyy-MM-dd"))
    tab.target_edit.setDate(start.addDays(27))
    assert "Behind the target" in tab.advice.text()
    assert "hours a week would meet it" in tab.advice.text()
    tab.name_edit.setFocus()
    qtbot.keyClicks(tab.name_edit, "Ada")
    window.close()

    window, tab = _open(qtbot, data_dir)
    assert tab.hours_spin.value() == 20
    assert tab.start_edit.date() == start
    assert tab.target_edit.date() == start.addDays(27)
    assert tab.name_edit.text() == "Ada"
    assert tab.tree.topLevelItemCount() == weeks_at_20


def test_finished_tutorials_leave_the_schedule(qtbot: QtBot, data_dir: Path) -> None:
    window, tab = _open(qtbot, data_dir)
    first = tab.tree.topLevelItem(0).child(0).text(0)
    roadmap_tab = window.tab("roadmap")
    roadmap_tab.select_item(roadmap_tab.model.phases()[0].tutorials[0].id)  # type: ignore[attr-defined]
    roadmap_tab.set_status("done")  # type: ignore[attr-defined]
    assert tab.tree.topLevelItem(0).child(0).text(0) != first


def test_reading_status_is_kept_and_undoable(qtbot: QtBot, data_dir: Path) -> None:
    window, tab = _open(qtbot, data_dir)
    book_id, combo = next(iter(tab.book_combos.items()))
    combo.setCurrentIndex(combo.findText("Read"))
    combo.activated.emit(combo.currentIndex())
    books_in_plan = [
        tab.tree.topLevelItem(i).child(j).text(0)
        for i in range(tab.tree.topLevelItemCount())
        for j in range(tab.tree.topLevelItem(i).childCount())
        if tab.tree.topLevelItem(i).child(j).text(0).startswith("Read alongside")
    ]
    assert len(books_in_plan) == 4  # the read book left the plan
    window.events.undo_stack.undo()
    assert tab.book_combos[book_id].currentText() == "To read"
    window.events.undo_stack.redo()
    window.close()
    window, tab = _open(qtbot, data_dir)
    assert tab.book_combos[book_id].currentText() == "Read"


@pytest.mark.parametrize(("button", "suffix"), [("pdf_button", ".pdf"), ("ics_button", ".ics"),
                                                ("md_button", ".md")])  # fmt: skip
def test_export_buttons_write_files(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    button: str, suffix: str,
) -> None:  # fmt: skip
    _window, tab = _open(qtbot, data_dir)
    out = tmp_path / f"my-plan{suffix}"
    monkeypatch.setattr(tab, "ask_save_path", lambda kind: out)
    with qtbot.waitSignal(tab.runner.finished, timeout=30000) as blocker:
        qtbot.mouseClick(getattr(tab, button), Qt.MouseButton.LeftButton)
    assert blocker.args[0] is True, blocker.args
    assert out.exists() and out.stat().st_size > 100
    if suffix == ".pdf":
        assert len(PdfReader(str(out)).pages) >= 6
    assert getattr(tab, button).isEnabled()


def test_export_failure_is_reported_not_raised(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:  # fmt: skip
    _window, tab = _open(qtbot, data_dir)
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x")
    monkeypatch.setattr(tab, "ask_save_path", lambda kind: blocker_file / "plan.md")
    with qtbot.waitSignal(tab.runner.finished, timeout=30000) as blocker:
        tab.export("markdown")
    assert blocker.args[0] is False
    assert any("Cannot write" in text for text in request.node.shown_dialogs)
