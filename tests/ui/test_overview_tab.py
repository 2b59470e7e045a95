"""The Overview dashboard: figures that follow the user's work, entries that navigate."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QPushButton
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.services import practice, skills
from careerplanner.ui.overview.tab import OverviewTab
from careerplanner.ui.practice.tab import PracticeTab
from careerplanner.ui.window.main_window import MainWindow


def _open(qtbot: QtBot, data_dir: Path) -> tuple[MainWindow, OverviewTab]:
    window = show_window(qtbot, data_dir)
    tab = window.show_tab("overview")
    assert isinstance(tab, OverviewTab)
    return window, tab


def _label(tab: OverviewTab, name: str) -> str:
    lab = tab.findChild(QLabel, name)
    assert lab is not None, name
    return lab.text()


def test_next_tutorial_opens_it_in_the_roadmap(qtbot: QtBot, data_dir: Path) -> None:
    window, tab = _open(qtbot, data_dir)
    button = tab.findChild(QPushButton, "next_0")
    assert button is not None and button.text().startswith("Machine Learning Crash Course")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 1
    roadmap = window.tab("roadmap")
    current = roadmap.current_tutorial()  # type: ignore[attr-defined]
    assert current is not None and current.title == "Machine Learning Crash Course"


def test_finishing_a_tutorial_updates_the_dashboard(qtbot: QtBot, data_dir: Path) -> None:
    window, tab = _open(qtbot, data_dir)
    assert "0 of 32 tutorials done" in _label(tab, "overall_text")
    roadmap = window.tab("roadmap")
    roadmap.select_item(roadmap.model.phases()[0].tutorials[0].id)  # type: ignore[attr-defined]
    roadmap.set_status("done")  # type: ignore[attr-defined]
    assert "1 of 32 tutorials done" in _label(tab, "overall_text")
    assert "current streak 1 day" in _label(tab, "streaks")
    next_first = tab.findChild(QPushButton, "next_0")
    assert next_first is not None and not next_first.text().startswith("Machine Learning Crash")
    # The progress chart, drawn after the first paint, has the finished tutorial.
    qtbot.waitUntil(lambda: tab.chart is not None, timeout=5000)
    _xs, ys = tab.chart.series()["tutorials"]  # type: ignore[attr-defined]
    assert ys[-1] == 1


def test_gap_opens_the_skill_and_practice_opens_the_bank(qtbot: QtBot, data_dir: Path) -> None:
    window, tab = _open(qtbot, data_dir)
    data_engineering = next(
        s for s in skills.assessment(window.store, window.path_id) if s.name == "Data Engineering"
    )
    window.events.run("Rate", partial(skills.set_level, window.store, data_engineering.id, 1))
    gap = tab.findChild(QPushButton, "gap_0")
    assert gap is not None and gap.text().startswith("System Design")  # 3 levels: the largest
    qtbot.mouseClick(gap, Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 2
    assert _label(tab, "due_today") == (
        "0 questions due today · 32 new\nOverall readiness: not practised yet"
    )
    window.show_tab("overview")
    qtbot.mouseClick(tab.findChild(QPushButton, "practise_now"), Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 3
    assert QApplication.instance() is not None


def test_practice_counts_due_and_new_apart_and_readiness_waits_for_evidence(
    qtbot: QtBot, data_dir: Path
) -> None:
    window, tab = _open(qtbot, data_dir)
    qid = practice.question_bank(window.store, window.path_id)[0].id
    three_days_ago = datetime.now(timezone.utc) - timedelta(days=3)
    op = partial(practice.rate, window.store, qid, 3, now=three_days_ago)
    window.events.run("Rate", op)
    # Rated Good three days ago: back after three days, so due today; one answer is
    # no evidence of readiness.
    assert _label(tab, "due_today") == (
        "1 question due today · 31 new\nOverall readiness: learning (1 attempt)"
    )
    bars = [b.format() for b in tab.findChildren(QProgressBar)]
    assert "learning (1 attempt) · 1 due · 7 new" in bars
    assert "not practised yet · 0 due · 8 new" in bars
    # Practise Now opens the due question.
    qtbot.mouseClick(tab.findChild(QPushButton, "practise_now"), Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 3
    practice_tab = window.show_tab("practice")
    assert isinstance(practice_tab, PracticeTab)
    assert practice_tab.bank.current_id() == qid
