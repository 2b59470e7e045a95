"""Interview practice: question bank, timed sessions with a rubric, FSRS ratings, history,
own questions and mock interviews.

The widgets live in ``careerplanner.ui.practice``; this module wires them to the
services (``careerplanner.services.practice``) and the app's events and undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
)

from careerplanner.services import catalog, practice
from careerplanner.services import practice_questions as questions
from careerplanner.services.changes import Area, Changes
from careerplanner.services.practice import QuestionRow, Review
from careerplanner.store import Store
from careerplanner.ui.events import AppEvents
from careerplanner.ui.kit.base_tab import BaseTab
from careerplanner.ui.practice import fmt
from careerplanner.ui.practice.bank import BankPane
from careerplanner.ui.practice.history import HistoryPanel
from careerplanner.ui.practice.mock import MockRun, SummaryPanel
from careerplanner.ui.practice.own import OwnQuestionsMixin
from careerplanner.ui.practice.session import ANSWER, REVIEW, SessionPanel
from careerplanner.vocab import Rating


class PracticeTab(OwnQuestionsMixin, BaseTab):
    name = "practice"
    title = "Interview Practice"
    #: Tutorials too: the review step shows the learner's status on those that prepare.
    watches = Area.QUESTIONS | Area.SETTINGS | Area.TUTORIALS

    def __init__(self, store: Store, events: AppEvents, path_id: int) -> None:
        super().__init__(store, events, path_id)
        #: The time used for scheduling (aware UTC); tests may replace it.
        self.now: Callable[[], datetime] = practice.utcnow
        self.rows: list[QuestionRow] = []
        self.mock: MockRun | None = None
        self._loaded_at = 0.0
        #: When the answer went to review (the session's clock), for its duration.
        self._answered_at: float | None = None
        self._restoring = False
        #: The dialog opened last (own question, timer lengths), while it is open.
        self.dialog: QDialog | None = None

        self.bank = BankPane()
        self.session = SessionPanel()
        self.summary = SummaryPanel()
        self.history = HistoryPanel()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.session)
        self.stack.addWidget(self.summary)
        self.right = QTabWidget()
        self.right.setObjectName("practice_pages")
        self.right.addTab(self.stack, "Session")
        self.right.addTab(self.history, "History")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.bank)
        split.addWidget(self.right)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 6)
        split.setSizes([600, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

        b = self.bank
        b.category_filter.currentIndexChanged.connect(
            lambda *_: b.proxy.set_category(b.category_filter.currentData() or "")
        )
        b.view.selectionModel().currentRowChanged.connect(self._on_current)
        b.next_button.clicked.connect(self.practise_next_due)
        b.add_button.clicked.connect(lambda: self.open_question_dialog(None))
        b.edit_button.clicked.connect(lambda: self._with_current(self.open_question_dialog))
        b.delete_button.clicked.connect(lambda: self._with_current(self.delete_question))
        b.timers_button.clicked.connect(self.open_timer_dialog)
        b.mock_button.clicked.connect(self.start_mock)
        self.session.rate_requested.connect(self.rate)
        self.session.stage_changed.connect(self._on_stage)
        self.session.review.tutorial_requested.connect(
            lambda tid: self.events.navigate.emit("roadmap", tid)
        )
        self.session.draft_edited.connect(self._save_draft)
        self.session.time_up.connect(self._on_time_up)
        self.session.overtime.connect(self._on_overtime)
        self.session.end_button.clicked.connect(self.finish_mock)
        self.session.next_button.clicked.connect(self.practise_next_due)
        self.summary.closed.connect(lambda: self.stack.setCurrentWidget(self.session))
        # Keys 1-4 rate, in the review step only: while answering they type digits.
        self.rating_keys: list[QShortcut] = []
        for value in map(int, Rating):
            key = QShortcut(QKeySequence(str(value)), self)
            key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            key.setEnabled(False)
            key.activated.connect(lambda v=value: self.rate(v))
            self.rating_keys.append(key)
        # Due dates come and go while the app is open: recount them once a minute.
        self.minute = QTimer(self)
        self.minute.setInterval(60_000)
        self.minute.timeout.connect(self.refresh_bank)
        self.minute.start()

        self.refresh()
        waiting = practice.to_practise(self.rows, self.now())
        first = waiting[0].id if waiting else (self.rows[0].id if self.rows else None)
        if first is not None:
            self.select_item(first)

    # -- loading -------------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_bank()
        self.bank.show_tips(catalog.tips(self.store, self.path_id))
        shown = self.session.question
        if shown is not None:
            row = next((r for r in self.rows if r.id == shown.id), None)
            if row is None:
                self.session.clear("Choose a question in the bank, or press “Practise next due”.")
            else:
                self.session.refresh_question(row)
                if self.session.active:
                    self._show_previews(row.id)
        self._show_history(self.bank.current_id())

    def refresh_for(self, changes: Changes) -> None:
        """A rating (or its undo) touches one question: its row is updated in place, its
        one new attempt appended to the history, and only its category's readiness is
        recomputed. A change to the list of questions (add, edit, delete, import) or to
        the settings reloads everything; tutorials only refresh what prepares."""
        if changes.touches(Area.SETTINGS) or (
            changes.touches(Area.QUESTIONS) and not changes.questions
        ):
            self.refresh()
            return
        if changes.questions and not self._update_questions(sorted(changes.questions)):
            self.refresh()
            return
        if changes.touches(Area.TUTORIALS):
            self._update_prepares()

    def _update_questions(self, ids: list[int]) -> bool:
        """Replace the rows of ``ids``; False when that is not enough (a question came or
        went, or a category appeared or disappeared)."""
        now = self.now()
        known = {r.id: i for i, r in enumerate(self.rows)}
        touched: set[str] = set()
        for qid in ids:
            if qid not in known:
                return False
            try:
                row = practice.question(self.store, qid, now)
            except practice.PracticeError:
                return False
            old = self.rows[known[qid]]
            if row.category != old.category:
                return False  # the category cards and the filter change: reload
            self.rows[known[qid]] = row
            if not self.bank.model.replace_row(row, now):
                return False
            touched.add(row.category)
            shown = self.session.question
            if shown is not None and shown.id == qid:
                # Its previews need no update: a rating ends the session, and an undo
                # opens it again (``_reopen``), which shows them afresh.
                self.session.refresh_question(row)
            self._update_history(qid)
        for category in touched:
            (summary,) = practice.category_readiness(self.rows, now, only=category)
            self.bank.update_readiness(summary)
        self._show_counts(now)
        self._update_buttons()
        return True

    def _update_history(self, qid: int) -> None:
        """The history of ``qid``, if shown: add or take back its newest attempt."""
        if self.history.question_id != qid:
            return
        ids = practice.attempt_ids(self.store, qid)
        shown = self.history.attempt_ids()
        if len(ids) == len(shown) + 1 and ids[:-1] == shown:
            self.history.add_attempt(*practice.attempts_by_id(self.store, ids[-1:]))
        elif ids == shown[:-1]:
            self.history.remove_newest()
        elif ids != shown:
            self._show_history(qid)

    def _update_prepares(self) -> None:
        """Tutorials changed: the status shown beside the tutorials that prepare."""
        prepared = practice.prepared_by(self.store, [r.id for r in self.rows])
        self.rows = [replace(r, prepares=prepared.get(r.id, ())) for r in self.rows]
        self.bank.model.update_rows(self.rows, self.now())
        shown = self.session.question
        row = next((r for r in self.rows if shown is not None and r.id == shown.id), None)
        if row is not None:
            self.session.refresh_question(row)

    def refresh_bank(self) -> None:
        """The bank's rows, due count and readiness, as of now (also once a minute)."""
        now = self.now()
        self.rows = practice.question_bank(self.store, self.path_id, now)
        current = self.bank.current_id()
        self._restoring = True
        try:
            self.bank.model.set_rows(self.rows, now)
            self.bank.show_categories(practice.categories(self.rows))
            if current is not None:
                self.bank.select(current)
        finally:
            self._restoring = False
        self._show_counts(now)
        self.bank.show_readiness(practice.category_readiness(self.rows, now))
        self._update_buttons()

    def _show_counts(self, now: datetime) -> None:
        """Due today and new, counted apart."""
        due = len(practice.due_now(self.rows, now))
        new = len(practice.new_questions(self.rows))
        self.bank.due_label.setText(f"{due} due today · {new} new")
        self.bank.next_button.setEnabled(bool(due or new) and self.mock is None)

    def select_item(self, item_id: int) -> None:
        self.bank.select(item_id)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring:
            return
        qid = self.bank.current_id()
        self._update_buttons()
        self._show_history(qid)
        if qid is not None and self.mock is None:
            self.open_session(qid)

    def _update_buttons(self) -> None:
        qid = self.bank.current_id()
        row = next((r for r in self.rows if r.id == qid), None)
        own = row is not None and row.custom and self.mock is None
        self.bank.edit_button.setEnabled(own)
        self.bank.delete_button.setEnabled(own)
        self.bank.mock_button.setEnabled(self.mock is None and bool(self.rows))

    def _show_history(self, qid: int | None) -> None:
        row = next((r for r in self.rows if r.id == qid), None)
        if row is None:
            self.history.show_attempts("Choose a question to see its attempts.", [])
        else:
            self.history.show_attempts(row.text, practice.attempts(self.store, row.id), row.id)

    def _show_previews(self, qid: int) -> None:
        now = self.now()
        self.session.show_previews(practice.preview(self.store, qid, now), now)

    # -- session ---------------------------------------------------------------------
    def open_session(self, qid: int, mode: str = "") -> None:
        try:
            q = practice.question(self.store, qid, self.now())
        except practice.PracticeError as exc:
            self.session.clear(str(exc))
            return
        self.session.load(q, practice.timer_minutes(self.store, q.category), mode)
        self._loaded_at = self.session.countdown.clock()
        self._show_previews(q.id)
        self.stack.setCurrentWidget(self.session)

    def practise_next_due(self) -> None:
        """Open the question due longest, or else the first new one."""
        due = practice.to_practise(self.rows, self.now())
        if due:
            before = self.bank.current_id()
            self.select_item(due[0].id)  # opens it when it was not selected
            self.right.setCurrentWidget(self.stack)
            if before == due[0].id and not self.session.active:
                self.open_session(due[0].id)

    def _on_stage(self, stage: str) -> None:
        for key in self.rating_keys:
            key.setEnabled(stage == REVIEW)
        if stage == REVIEW:
            self._answered_at = self.session.countdown.clock()
        elif stage == ANSWER:
            self._answered_at = None

    def _duration(self) -> float:
        """How long the answer took: until the review began (the review is not timed)."""
        countdown = self.session.countdown
        if self.mock is not None:
            return countdown.elapsed() - self.mock.started_at
        if countdown.elapsed() > 0:
            return countdown.elapsed()
        end = self._answered_at if self._answered_at is not None else countdown.clock()
        return max(0.0, end - self._loaded_at)

    def rate(self, value: int) -> None:
        """Rate the reviewed answer (buttons, keys 1-4): schedule and log it. Only in the
        review step: an answer is compared with the rubric and the outline first."""
        q = self.session.question
        if q is None or not self.session.in_review:
            return
        self.session.flush_draft()
        name = Rating(value).label
        op = partial(
            practice.rate, self.store, q.id, value, covered_points=self.session.covered_points(),
            duration_s=self._duration(), answer=self.session.answer(),
            mock=self.mock is not None, now=self.now(),
        )  # fmt: skip
        review: Review | None = None

        def redone() -> None:
            if review and self.session.question and self.session.question.id == review.question_id:
                self.session.finish(f"Rated {name} again (redo).")

        def undone() -> None:
            self.events.status_message.emit(f"Rating “{name}” undone")
            if review is not None:
                self._reopen(review)

        outcome = self.events.run(f"Rating “{name}”", op, parent=self, on_undo=undone,
                                  on_redo=redone)  # fmt: skip
        if outcome is None:
            return
        review = outcome.value
        assert isinstance(review, Review)

        self.session.editor.blockSignals(True)
        self.session.editor.clear()
        self.session.editor.blockSignals(False)
        due = review.after.due
        when = fmt.back_text(due, self.now()) if due else ""
        self.session.finish(
            f"Rated {name}: {when}.  Edit → Undo (Ctrl+Z) takes it back.",
            pause=self.mock is None,
        )
        self.events.status_message.emit(f"Rated {name}: {when}")
        if self.mock is not None:
            self.mock.attempt_ids.append(review.attempt_id)
            self.mock.index += 1
            if self.mock.done:
                self.finish_mock()
            else:
                self._load_mock_question()

    def _reopen(self, review: Review) -> None:
        """After undo: the same question is open again, with its answer and ticks."""
        shown = self.session.question
        if shown is None or shown.id != review.question_id or self.session.active:
            return
        if self.mock is not None:
            return
        self.open_session(review.question_id)
        points = tuple(str(p) for p in _json_list(str(review.attempt.get("covered_points"))))
        self.session.editor.blockSignals(True)
        self.session.editor.setPlainText(str(review.attempt.get("answer") or ""))
        self.session.editor.blockSignals(False)
        # Back in the review step where it was rated, with the same ticks.
        self.session.start_review()
        self.session.set_covered(points)

    def _save_draft(self, qid: int, text: str) -> None:
        op = partial(practice.save_draft, self.store, qid, text)
        saved = self.events.run("Save draft", op, parent=self, undoable=False)
        self.session.draft_saved(saved is not None)

    def _on_time_up(self, over: str = "") -> None:
        q = self.session.question
        what = "Mock interview time" if self.mock is not None else "Time"
        self.events.status_message.emit(
            f"{what} is up{over}{': ' + q.text if q and self.mock is None else ''}"
        )

    def _on_overtime(self, seconds: int) -> None:
        # Repeated while running over time, so the status bar keeps saying it on every tab.
        if seconds > 0:
            self._on_time_up(f" (+{seconds // 60}:{seconds % 60:02d})")

    def flush(self) -> None:
        self.session.flush_draft()

    # -- mock interview --------------------------------------------------------------
    def start_mock(self) -> None:
        visible = [
            self.bank.model.question(self.bank.proxy.mapToSource(self.bank.proxy.index(r, 0)).row())
            for r in range(self.bank.proxy.rowCount())
        ]
        ids = questions.pick_mock(visible, self.bank.mock_count.value(), self.now())
        if not ids:
            return
        minutes = sum(
            practice.timer_minutes(self.store, r.category) for r in self.rows if r.id in ids
        )
        self.session.flush_draft()
        self.mock = MockRun(ids, minutes)
        countdown = self.session.countdown
        countdown.reset()
        self.session.length_spin.blockSignals(True)
        self.session.length_spin.setValue(min(minutes, 180))
        self.session.length_spin.blockSignals(False)
        countdown.set_length(minutes * 60)
        self._load_mock_question()
        countdown.start()
        self._update_buttons()
        self.bank.next_button.setEnabled(False)
        self.right.setCurrentWidget(self.stack)

    def _load_mock_question(self) -> None:
        assert self.mock is not None
        self.mock.started_at = self.session.countdown.elapsed()
        self.open_session(self.mock.current, self.mock.label())
        self._restoring = True
        try:
            self.bank.select(self.mock.current)
        finally:
            self._restoring = False
        self._show_history(self.mock.current)

    def finish_mock(self) -> None:
        run = self.mock
        if run is None:
            return
        self.mock = None
        self.session.countdown.pause()
        self.session.flush_draft()
        texts = {r.id: r.text for r in self.rows}
        asked = [(qid, texts.get(qid, "(deleted question)")) for qid in run.question_ids]
        self.summary.show_summary(
            asked, practice.attempts_by_id(self.store, run.attempt_ids),
            self.session.countdown.elapsed(), run.minutes,
        )  # fmt: skip
        self.session.clear("Mock interview finished. Choose a question to practise.")
        self.stack.setCurrentWidget(self.summary)
        self.refresh()


def _json_list(text: str) -> list[object]:
    import json

    try:
        value = json.loads(text)
    except ValueError:
        return []
    return value if isinstance(value, list) else []
