"""The answer-review step and incremental practice: read → answer → review → rate, keys
that rate only in the review, the tutorials that prepare, and a rating that updates the
bank, the history and the readiness in place exactly as a full reload would."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import Any

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
    # Rated: the keyboard is on "Practise next question", the review stays in view.
    assert session.next_button.hasFocus() and session.review.isVisible()
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


def _snapshot(tab: PracticeTab) -> dict[str, Any]:
    """Everything the practice tab shows of the bank, its readiness and the history."""
    bank, history = tab.bank.model, tab.history.model
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    return {
        "rows": list(tab.rows),
        "bank": [
            [bank.index(r, c).data(role) for c in range(bank.columnCount()) for role in roles]
            for r in range(bank.rowCount())
        ],
        "counts": tab.bank.due_label.text(),
        "cards": {
            category: (figure.text(), counts.text(), frame.toolTip())
            for category, (frame, figure, counts) in tab.bank.cards.items()
        },
        "history": [
            [history.index(r, c).data(role) for c in range(history.columnCount()) for role in roles]
            for r in range(history.rowCount())
        ],
        "attempts": tab.history.model.attempts(),
        "summary": tab.history.summary.text(),
        "chart": {
            k: (list(map(float, x)), list(map(float, y)))
            for k, (x, y) in tab.history.series().items()
        },
    }


def test_a_rating_updates_in_place_what_a_full_reload_shows(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    tab = _tab(window)
    when = datetime.now(timezone.utc)
    tab.now = lambda: when
    qid = next(r.id for r in tab.rows if r.text == FEATURE)
    points = next(r.focus_points for r in tab.rows if r.id == qid)
    # Two earlier answers on two days: the rating in the window is the third, on a
    # third day, so the question earns a figure and its category's card changes.
    for days in (20, 17):
        practice.rate(window.store, qid, 3, covered_points=points, now=when - timedelta(days=days))
    tab.refresh()
    _choose(qtbot, tab, FEATURE)
    category = tab.session.question.category  # type: ignore[union-attr]
    assert tab.bank.cards[category][1].text() == "Readiness learning (2 attempts)"
    assert len(tab.history.attempt_ids()) == 2
    assert len(tab.history.series()["rating"][0]) == 2  # drawn (as when it is shown)
    curves = tab.history._curves
    assert curves is not None
    resets: list[str] = []
    tab.bank.model.modelAboutToBeReset.connect(lambda: resets.append("bank"))
    tab.history.model.modelAboutToBeReset.connect(lambda: resets.append("history"))
    inserted: list[tuple[int, int]] = []
    tab.history.model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    refreshes = tab.refreshes

    _review(qtbot, tab)
    for box in tab.session.checks:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.events.changed):
        qtbot.keyClick(tab.session.checks[0], Qt.Key.Key_3)

    # In place: no model was reset, one attempt was inserted, the chart's curves are
    # the same items with one more point.
    assert resets == [] and inserted == [(0, 0)]
    assert tab.refreshes == refreshes + 1  # one refresh_for, not a reload
    assert tab.history._curves is curves
    assert len(tab.history.series()["rating"][0]) == 3
    figure = tab.rows[tab.bank.model.row_of(qid)].readiness
    assert figure is not None
    assert tab.bank.cards[category][1].text().endswith("(3 attempts)")
    assert "learning" not in tab.bank.cards[category][1].text()

    def same_as_a_full_reload() -> None:
        incremental = _snapshot(tab)
        assert incremental["rows"] == practice.question_bank(window.store, tab.path_id, when)
        assert incremental["attempts"] == practice.attempts(window.store, qid)
        tab.refresh()  # the full reload
        assert _snapshot(tab) == incremental

    same_as_a_full_reload()

    # Undo and redo go the same way: in place, and equal to a reload.
    removed: list[tuple[int, int]] = []
    tab.history.model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    resets.clear()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert resets == [] and removed == [(0, 0)]
    assert len(tab.history.attempt_ids()) == 2
    assert tab.bank.cards[category][1].text() == "Readiness learning (2 attempts)"
    same_as_a_full_reload()
    resets.clear()
    qtbot.keyClick(
        window, Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    assert resets == [] and len(tab.history.attempt_ids()) == 3
    same_as_a_full_reload()
