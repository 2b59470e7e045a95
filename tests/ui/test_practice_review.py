"""The answer-review step: read → answer → review → rate, keys that rate only in the
review, and the tutorials that prepare."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.services import practice, roadmap
from careerplanner.ui.practice.bank_model import QuestionIdRole
from careerplanner.ui.practice.tab import PracticeTab
from careerplanner.ui.roadmap.tab import RoadmapTab
from careerplanner.ui.window.main_window import MainWindow
from careerplanner.vocab import TutorialStatus

FEATURE = "How would you design a feature store for a large organization?"


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _tab(window: MainWindow) -> PracticeTab:
    tab = window.show_tab("practice")
    assert isinstance(tab, PracticeTab)
    return tab


def _choose(qtbot: QtBot, tab: PracticeTab, text: str) -> int:
    view, model = tab.bank.view, tab.bank.view.model()
    (row,) = [r for r in range(model.rowCount()) if model.index(r, 0).data() == text]
    rect = view.visualRect(model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return int(model.index(row, 0).data(QuestionIdRole))


def _review(qtbot: QtBot, tab: PracticeTab) -> None:
    qtbot.mouseClick(tab.session.review_button, Qt.MouseButton.LeftButton)
    assert tab.session.in_review


def test_keys_type_in_the_answer_and_rate_only_in_the_review(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    tab = _tab(window)
    clock = FakeClock()
    tab.session.countdown.clock = clock
    session = tab.session
    qid = _choose(qtbot, tab, FEATURE)
    qtbot.mouseClick(session.start_button, Qt.MouseButton.LeftButton)
    session.editor.setFocus()
    qtbot.keyClicks(session.editor, "Answer 3")
    qtbot.keyClick(session.editor, Qt.Key.Key_2)
    assert session.editor.toPlainText() == "Answer 32"
    assert not any(key.isEnabled() for key in tab.rating_keys)
    # In the review the countdown stops (the review is not part of the answer's time)...
    clock.t += 90
    _review(qtbot, tab)
    assert not session.countdown.running and session.countdown.elapsed() == 90
    assert all(key.isEnabled() for key in tab.rating_keys)
    qtbot.mouseClick(session.checks[1], Qt.MouseButton.LeftButton)
    # ...and going back to the answer keeps the ticks, runs the countdown on, and the
    # keys type again.
    qtbot.mouseClick(session.review.back_button, Qt.MouseButton.LeftButton)
    assert session.stage == "answer" and session.countdown.running
    assert session.editor.hasFocus()
    qtbot.keyClick(session.editor, Qt.Key.Key_1)
    assert session.editor.toPlainText() == "Answer 321"
    assert practice.attempts(window.store, qid) == []
    clock.t += 30
    _review(qtbot, tab)
    assert session.covered_points() == ["Feature freshness"]
    assert session.review.answer_view.toPlainText() == "Answer 321"
    with qtbot.waitSignal(window.events.changed):
        qtbot.keyClick(session.checks[0], Qt.Key.Key_2)
    (attempt,) = practice.attempts(window.store, qid)
    assert attempt.rating == 2 and attempt.answer == "Answer 321"
    assert attempt.duration_s == 120  # the answering time, without the review
    assert attempt.covered_points == ("Feature freshness",)


def test_a_tutorial_that_prepares_opens_in_the_roadmap_and_shows_its_status(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = show_window(qtbot, data_dir)
    tab = _tab(window)
    _choose(qtbot, tab, FEATURE)
    _review(qtbot, tab)
    first = tab.session.review.findChild(QPushButton, "prepares_0")
    assert first is not None and first.text().endswith("(Not started)")
    tid = tab.session.question.prepares[0].tutorial_id  # type: ignore[union-attr]
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 1  # the Roadmap
    road_tab = window.show_tab("roadmap")
    assert isinstance(road_tab, RoadmapTab)
    current = road_tab.current_tutorial()
    assert current is not None and current.id == tid
    # Done in the roadmap: the review says so when the user comes back.
    op = partial(roadmap.set_status, window.store, tid, TutorialStatus.DONE)
    assert window.events.run("Mark done", op) is not None
    tab = _tab(window)
    assert tab.session.in_review  # the review is still where the user left it
    first = tab.session.review.findChild(QPushButton, "prepares_0")
    assert first is not None and first.text().endswith("(✓ Done)")
    assert tab.session.question is not None
    assert tab.session.question.prepares[0].status == TutorialStatus.DONE
    row = tab.rows[tab.bank.model.row_of(tab.session.question.id)]
    assert row.prepares[0].status == TutorialStatus.DONE
