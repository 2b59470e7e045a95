"""Interview practice as a user runs it: sessions, rating, undo, timer, own questions, mocks."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.services import practice
from careerplanner.store import models as m
from careerplanner.ui.practice import fmt
from careerplanner.ui.practice.bank_model import QuestionIdRole
from careerplanner.ui.practice.dialogs import QuestionDialog, TimerDialog
from careerplanner.ui.practice.tab import PracticeTab
from careerplanner.ui.window.main_window import MainWindow

FEATURE = "How would you design a feature store for a large organization?"


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _open(qtbot: QtBot, data_dir: Path) -> MainWindow:
    window = show_window(qtbot, data_dir)
    return window


def _tab(window: MainWindow, clock: FakeClock | None = None) -> PracticeTab:
    tab = window.show_tab("practice")
    assert isinstance(tab, PracticeTab)
    if clock is not None:
        tab.session.countdown.clock = clock
    return tab


def _texts(widget: QWidget) -> str:
    return "\n".join(lab.text() for lab in widget.findChildren(QLabel) if lab.isVisibleTo(widget))


def _choose(qtbot: QtBot, tab: PracticeTab, text: str) -> int:
    """Click the question's row in the bank; returns its id."""
    view, model = tab.bank.view, tab.bank.view.model()
    (row,) = [r for r in range(model.rowCount()) if model.index(r, 0).data() == text]
    rect = view.visualRect(model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.session.question is not None and tab.session.question.text == text
    return int(model.index(row, 0).data(QuestionIdRole))


def _review(qtbot: QtBot, tab: PracticeTab) -> None:
    """Done answering: on to the review step."""
    qtbot.mouseClick(tab.session.review_button, Qt.MouseButton.LeftButton)
    assert tab.session.in_review


def _undo_key(qtbot: QtBot, window: MainWindow, redo: bool = False) -> None:
    mods = Qt.KeyboardModifier.ControlModifier
    if redo:
        mods |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_Z, mods)


def test_a_whole_session_rated_with_a_key(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    tab = _tab(window, FakeClock())
    qid = _choose(qtbot, tab, FEATURE)
    session = tab.session
    # Read and answer: the rubric and the ratings wait for the review step.
    assert session.stage == "answer" and session.editor.isVisible()
    assert not session.rate_buttons[3].isVisible() and not session.checks[0].isVisible()
    # Type an answer; digits typed in the answer box are text, never ratings.
    session.editor.setFocus()
    qtbot.keyClicks(session.editor, "Offline + online store, 1 source of truth")
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4):
        qtbot.keyClick(session.editor, key)
    assert session.editor.toPlainText().endswith("truth1234")
    assert practice.attempts(window.store, qid) == [] and session.stage == "answer"
    for _ in range(4):
        qtbot.keyClick(session.editor, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: m.Question.get_by_id(qid).draft.endswith("truth"), timeout=3000)
    # Review (Ctrl+Return): the answer, the focus points as the rubric, the reference
    # outline and the tutorials that prepare for the question.
    qtbot.keyClick(session.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert session.in_review and session.review.isVisible()
    assert not session.editor.isVisible()
    review = session.review
    assert review.answer_view.toPlainText() == "Offline + online store, 1 source of truth"
    texts = _texts(review)
    assert "Point-in-time correctness" in texts
    row = practice.question(window.store, qid)
    assert row.outline and all(f"•  {point}" in texts for point in row.outline)
    first = review.findChild(QPushButton, "prepares_0")
    assert first is not None and first.isVisible()
    assert first.text() == "▸ Feast Feature Store Documentation   (Not started)"
    assert [b.text().split("\n")[1] for b in session.rate_buttons.values()] == [
        "1 day", "2 days", "3 days", "11 days",
    ]  # fmt: skip
    assert session.rate_buttons[1].toolTip() == "Again: back tomorrow"
    # Tick two rubric items: one by its box, one by clicking its text.
    qtbot.mouseClick(session.checks[0], Qt.MouseButton.LeftButton)
    point = next(lab for lab in review.findChildren(QLabel) if lab.text() == "Feature freshness")
    qtbot.mouseClick(point, Qt.MouseButton.LeftButton)
    assert "2 of 4 covered" in _texts(review)
    # Rate Good with the key 3 (focus on the rubric).
    session.checks[1].setFocus()
    with qtbot.waitSignal(window.events.changed):
        qtbot.keyClick(session.checks[1], Qt.Key.Key_3)
    assert not session.active
    assert "Rated Good: back on " in session.result_label.text()
    assert "(in 3 days)" in session.result_label.text()

    (attempt,) = practice.attempts(window.store, qid)
    assert attempt.rating == 3 and (attempt.covered, attempt.total) == (2, 4)
    assert attempt.covered_points == ("Offline/online stores", "Feature freshness")
    assert attempt.answer == "Offline + online store, 1 source of truth"
    assert attempt.duration_s == 0  # the countdown was not used, and the clock is fake
    expected, _ = Scheduler(
        desired_retention=0.88, learning_steps=(), relearning_steps=(), enable_fuzzing=False
    ).review_card(Card(card_id=qid, due=attempt.reviewed_at), Rating.Good, attempt.reviewed_at)
    row = practice.question(window.store, qid)
    assert row.due == expected.due
    assert row.due is not None and row.due > datetime.now(timezone.utc) + timedelta(days=1)
    assert m.Question.get_by_id(qid).draft == ""
    # The bank shows the new state.
    model = tab.bank.model
    r = model.row_of(qid)
    assert model.index(r, 2).data() == "Good"
    assert model.index(r, 3).data() == fmt.due_text(row.due, datetime.now(timezone.utc))
    assert model.index(r, 3).data() not in ("New", "Due today")
    assert ":" not in model.index(r, 3).data()  # a day, not a clock time
    assert model.index(r, 4).data() == "learning\n1 attempt"
    assert tab.bank.due_label.text() == "0 due today · 31 new"
    # Keys do nothing once the question is rated.
    assert not any(key.isEnabled() for key in tab.rating_keys)
    qtbot.keyClick(session.checks[1], Qt.Key.Key_1)
    assert len(practice.attempts(window.store, qid)) == 1
    # A minute-by-minute recount notices when the question falls due again.
    later = row.due + timedelta(minutes=1)
    tab.now = lambda: later
    tab.minute.timeout.emit()
    assert model.index(r, 3).data() == "Due today"
    assert tab.bank.due_label.text() == "1 due today · 31 new"
    tab.now = lambda: datetime.now(timezone.utc)
    tab.minute.timeout.emit()
    # On to the next due question.
    assert session.next_button.isVisible()
    qtbot.mouseClick(session.next_button, Qt.MouseButton.LeftButton)
    assert session.active and session.question is not None and session.question.id != qid
    assert session.question.new and session.stage == "answer"
    assert session.editor.toPlainText() == "" and session.covered_points() == []


def test_undo_restores_the_exact_previous_state(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    tab = _tab(window)
    qid = _choose(qtbot, tab, FEATURE)
    practice.rate(window.store, qid, 2, now=datetime.now(timezone.utc) - timedelta(days=3))
    tab.refresh()
    _choose(qtbot, tab, "Compare batch vs real-time ML inference trade-offs")
    _choose(qtbot, tab, FEATURE)
    before = m.Question.select().where(m.Question.id == qid).dicts().get()
    qtbot.keyClicks(tab.session.editor, "second try")
    _review(qtbot, tab)
    qtbot.mouseClick(tab.session.checks[2], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.session.rate_buttons[4], Qt.MouseButton.LeftButton)
    after = m.Question.select().where(m.Question.id == qid).dicts().get()
    assert after["last_rating"] == 4 and after["card"] != before["card"]
    assert len(practice.attempts(window.store, qid)) == 2

    _undo_key(qtbot, window)
    restored = m.Question.select().where(m.Question.id == qid).dicts().get()
    assert restored == {**before, "draft": "second try"}
    assert [a.rating for a in practice.attempts(window.store, qid)] == [2]
    # The session is open again in the review step, with the answer and the ticks.
    assert tab.session.active and tab.session.in_review
    assert tab.session.editor.toPlainText() == "second try"
    assert tab.session.review.answer_view.toPlainText() == "second try"
    assert tab.session.covered_points() == ["Point-in-time correctness"]

    _undo_key(qtbot, window, redo=True)
    assert m.Question.select().where(m.Question.id == qid).dicts().get() == after
    assert [a.rating for a in practice.attempts(window.store, qid)] == [2, 4]


def test_timer_counts_down_pauses_resets_and_shows_time_up(qtbot: QtBot, data_dir: Path) -> None:
    clock = FakeClock()
    window = _open(qtbot, data_dir)
    tab = _tab(window, clock)
    session = tab.session
    _choose(qtbot, tab, FEATURE)  # System Design: 20 minutes by default
    assert session.time_label.text() == "20:00"
    qtbot.mouseClick(session.start_button, Qt.MouseButton.LeftButton)
    assert session.start_button.text() == "Pause"
    clock.t += 65
    qtbot.waitUntil(lambda: session.time_label.text() == "18:55", timeout=2000)
    qtbot.mouseClick(session.start_button, Qt.MouseButton.LeftButton)  # pause
    clock.t += 500
    session.countdown.poll()
    assert session.time_label.text() == "18:55"
    qtbot.mouseClick(session.reset_button, Qt.MouseButton.LeftButton)
    assert session.time_label.text() == "20:00"
    # A shorter length for this session only.
    session.length_spin.setFocus()
    session.length_spin.selectAll()
    qtbot.keyClick(session.length_spin, Qt.Key.Key_2)  # a digit typed here is no rating
    assert session.active and session.length_spin.value() == 2
    assert session.time_label.text() == "2:00"
    assert practice.timer_minutes(window.store, "System Design") == 20
    qtbot.mouseClick(session.start_button, Qt.MouseButton.LeftButton)
    # It keeps running while another tab is shown, and says so when time is up.
    window.show_tab("roadmap")
    clock.t += 130
    with qtbot.waitSignal(window.events.status_message, timeout=2000) as blocker:
        pass
    assert blocker.args[0].startswith("Time is up")
    assert window.statusBar().currentMessage().startswith("Time is up")
    # While it runs over time, the status bar keeps saying so, with the overtime.
    clock.t += 5
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Time is up (+0:15): How would"),
        timeout=2000,
    )
    window.show_tab("practice")
    assert session.time_label.text() == "+0:15"
    assert session.time_up_label.text().strip() == "Time is up"


def test_timer_lengths_are_kept_in_settings(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    tab = _tab(window)
    _choose(qtbot, tab, FEATURE)
    qtbot.mouseClick(tab.bank.timers_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, TimerDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.spins["System Design"].setValue(30)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert practice.timer_minutes(window.store, "System Design") == 30
    assert tab.session.time_label.text() == "30:00"


def test_own_questions_added_edited_and_deleted(
    qtbot: QtBot, data_dir: Path, request: pytest.FixtureRequest
) -> None:
    window = _open(qtbot, data_dir)
    tab = _tab(window)
    qtbot.mouseClick(tab.bank.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, QuestionDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.category_combo.setCurrentText("Behavioural")
    qtbot.keyClicks(dialog.text_edit, "Tell me about a <b>failure</b>")
    dialog.points_edit.setPlainText("Situation\nWhat you learned\n")
    dialog.outline_edit.setPlainText("Say what went wrong\n\nThen what you changed")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    text = "Tell me about a <b>failure</b>"
    rows = [r for r in practice.question_bank(window.store, tab.path_id) if r.text == text]
    assert len(rows) == 1 and rows[0].custom
    assert rows[0].outline == ("Say what went wrong", "Then what you changed")
    assert tab.session.question is not None and tab.session.question.text == text
    _review(qtbot, tab)
    shown = _texts(tab.session)
    assert "Situation" in shown and "What you learned" in shown
    assert "•  Say what went wrong" in shown and "•  Then what you changed" in shown
    assert tab.session.review.findChild(QPushButton, "prepares_0") is None
    assert tab.session.question_label.textFormat() == Qt.TextFormat.PlainText
    assert "BEHAVIOURAL" in _texts(tab.bank)

    # Edit it.
    assert tab.bank.edit_button.isEnabled()
    qtbot.mouseClick(tab.bank.edit_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, QuestionDialog)
    assert dialog.text_edit.toPlainText() == text
    assert dialog.outline_edit.toPlainText() == "Say what went wrong\nThen what you changed"
    dialog.text_edit.setPlainText("Tell me about a failure")
    dialog.points_edit.setPlainText("Situation\nAction\nWhat you learned")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    row = practice.question(window.store, rows[0].id)
    assert row.text == "Tell me about a failure"
    assert row.focus_points == ("Situation", "Action", "What you learned")
    assert tab.session.question_label.text() == "Tell me about a failure"
    assert len(tab.session.checks) == 3

    # Built-in questions cannot be edited or deleted.
    _choose(qtbot, tab, FEATURE)
    assert not tab.bank.edit_button.isEnabled() and not tab.bank.delete_button.isEnabled()

    # Delete, after confirming.
    _choose(qtbot, tab, "Tell me about a failure")
    qtbot.mouseClick(tab.bank.delete_button, Qt.MouseButton.LeftButton)
    assert request.node.shown_dialogs[-1] == "Delete your question “Tell me about a failure”?"
    assert all(r.text != "Tell me about a failure" for r in tab.rows)
    assert tab.bank.model.rowCount() == 32
    assert "BEHAVIOURAL" not in _texts(tab.bank)
    # Undo brings it back, with its focus points.
    _undo_key(qtbot, window)
    assert tab.bank.model.rowCount() == 33
    assert practice.question(window.store, rows[0].id).focus_points == (
        "Situation", "Action", "What you learned",
    )  # fmt: skip
    assert "BEHAVIOURAL" in _texts(tab.bank)


def test_a_mock_interview_from_start_to_summary(qtbot: QtBot, data_dir: Path) -> None:
    clock = FakeClock()
    window = _open(qtbot, data_dir)
    tab = _tab(window, clock)
    session = tab.session
    tab.bank.mock_count.setValue(2)
    qtbot.mouseClick(tab.bank.mock_button, Qt.MouseButton.LeftButton)
    assert tab.mock is not None
    first, second = tab.mock.question_ids
    minutes = tab.mock.minutes
    assert session.mode_label.text() == "Mock interview — question 1 of 2"
    assert session.countdown.running and session.countdown.length == minutes * 60
    assert session.time_label.text() == f"{minutes}:00"
    assert not tab.bank.mock_button.isEnabled()

    clock.t += 300
    _review(qtbot, tab)
    assert session.countdown.running  # a mock interview's countdown runs on in review
    qtbot.mouseClick(session.checks[0], Qt.MouseButton.LeftButton)
    qtbot.keyClick(session.checks[0], Qt.Key.Key_3)
    assert session.mode_label.text() == "Mock interview — question 2 of 2"
    assert session.question is not None and session.question.id == second
    assert session.countdown.running  # one timer for the whole interview
    clock.t += 200
    _review(qtbot, tab)
    qtbot.mouseClick(session.rate_buttons[2], Qt.MouseButton.LeftButton)

    assert tab.mock is None
    assert tab.stack.currentWidget() is tab.summary
    totals = tab.summary.totals.text()
    assert totals.startswith("2 of 2 questions answered in 8:20")
    summary = _texts(tab.summary)
    assert "Good" in summary and "Hard" in summary
    a1 = practice.attempts(window.store, first)[0]
    a2 = practice.attempts(window.store, second)[0]
    assert a1.mock and a2.mock
    assert (a1.rating, a1.duration_s, a1.covered) == (3, 300, 1)
    assert (a2.rating, a2.duration_s) == (2, 200)
    qtbot.mouseClick(tab.summary.back_button, Qt.MouseButton.LeftButton)
    assert tab.stack.currentWidget() is tab.session
    assert tab.bank.mock_button.isEnabled()


def test_history_and_draft_survive_a_restart(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    tab = _tab(window)
    qid = _choose(qtbot, tab, FEATURE)
    qtbot.keyClicks(tab.session.editor, "My first answer")
    _review(qtbot, tab)
    qtbot.mouseClick(tab.session.checks[3], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.session.rate_buttons[3], Qt.MouseButton.LeftButton)
    other = _choose(qtbot, tab, "Compare batch vs real-time ML inference trade-offs")
    qtbot.keyClicks(tab.session.editor, "unfinished draft")
    window.close()  # the pending draft is saved on close

    again = _open(qtbot, data_dir)
    tab = _tab(again)
    _choose(qtbot, tab, "Compare batch vs real-time ML inference trade-offs")
    assert tab.session.editor.toPlainText() == "unfinished draft"
    assert other != qid
    _choose(qtbot, tab, FEATURE)
    tab.right.setCurrentWidget(tab.history)
    history = tab.history
    assert history.model.rowCount() == 1
    assert history.model.index(0, 2).data() == "1/4"
    assert history.model.index(0, 3).data() == "Good"
    assert "1 attempt" in history.summary.text()
    history.view.selectRow(0)
    assert history.answer.toPlainText() == "My first answer"
    assert history._plots is not None  # the chart is drawn


def test_item_models_pass_the_model_tester(qtbot: QtBot, data_dir: Path, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, data_dir)
    tab = _tab(window)
    qid = _choose(qtbot, tab, FEATURE)
    _review(qtbot, tab)
    qtbot.mouseClick(tab.session.rate_buttons[1], Qt.MouseButton.LeftButton)
    assert practice.attempts(window.store, qid)
    qtmodeltester.check(tab.bank.model)
    tab.bank.category_filter.setCurrentIndex(2)
    assert tab.bank.proxy.rowCount() == 8
    qtmodeltester.check(tab.bank.proxy)
    qtmodeltester.check(tab.history.model)


def test_due_dates_read_as_days() -> None:
    today = date(2026, 12, 1)  # a Tuesday
    assert fmt.day_name(today, today) == "Today"
    assert fmt.day_name(date(2026, 12, 2), today) == "Tomorrow"
    assert fmt.day_name(date(2026, 12, 3), today) == "Thu 3 Dec"
    assert fmt.day_name(date(2027, 1, 14), today) == "Thu 14 Jan 2027"
    now = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)
    assert fmt.due_text(None, now) == "New"
    assert fmt.due_text(now, now) == "Due today"
    assert fmt.due_text(now - timedelta(days=1), now) == "Overdue"
    assert fmt.due_text(now + timedelta(days=1), now) == "Tomorrow"
    assert fmt.due_text(now + timedelta(days=9), now).endswith(" Dec")
    assert fmt.due_text(datetime(9999, 12, 31, 23, tzinfo=timezone.utc), now).endswith("9999")


def test_an_outline_too_long_is_refused_and_kept_in_the_dialog(
    qtbot: QtBot, data_dir: Path, request: pytest.FixtureRequest
) -> None:
    window = _open(qtbot, data_dir)
    tab = _tab(window)
    qtbot.mouseClick(tab.bank.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, QuestionDialog)
    dialog.category_combo.setCurrentText("Mine")
    dialog.text_edit.setPlainText("Why?")
    typed = "\n".join(f"point {i}" for i in range(21))
    dialog.outline_edit.setPlainText(typed)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert request.node.shown_dialogs[-1] == (
        "At most 20 outline points of up to 600 characters each."
    )
    assert tab.dialog is dialog and dialog.isVisible()
    assert dialog.outline_edit.toPlainText() == typed
    assert not m.Question.select().where(m.Question.custom).exists()
