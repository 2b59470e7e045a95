"""Own questions and timer lengths: the dialogs of the practice tab and what they save."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from careerplanner.services import changes, practice
from careerplanner.services import practice_questions as questions
from careerplanner.services.practice import QuestionRow
from careerplanner.ui.kit.widgets import confirm
from careerplanner.ui.ops import Op
from careerplanner.ui.practice.dialogs import QuestionDialog, TimerDialog

if TYPE_CHECKING:
    from careerplanner.store import Store
    from careerplanner.ui.events import AppEvents
    from careerplanner.ui.practice.bank import BankPane
    from careerplanner.ui.practice.mock import MockRun
    from careerplanner.ui.practice.session import SessionPanel


class OwnQuestionsMixin(QWidget):
    """Add, edit and delete own questions; set the timer lengths. Part of PracticeTab."""

    store: Store
    events: AppEvents
    path_id: int
    rows: list[QuestionRow]
    bank: BankPane
    session: SessionPanel
    mock: MockRun | None
    dialog: QDialog | None
    select_item: Callable[[int], None]  # provided by PracticeTab

    def _with_current(self, action: Callable[[int], object]) -> None:
        qid = self.bank.current_id()
        if qid is not None:
            action(qid)

    def open_question_dialog(self, question_id: int | None) -> QuestionDialog:
        draft = questions.question_draft(self.store, question_id) if question_id else None
        dialog = QuestionDialog(
            self, practice.categories(self.rows), draft, editing=question_id is not None
        )
        dialog.setObjectName("question_dialog")
        self.dialog = dialog

        def done(result: int) -> None:
            if result != QuestionDialog.DialogCode.Accepted:
                self._close_dialog(dialog)
                return
            op: Op
            if question_id is None:
                text = "Add question"
                op = partial(questions.add_question, self.store, self.path_id, dialog.draft())
            else:
                text = "Edit question"
                op = partial(questions.update_question, self.store, question_id, dialog.draft())
            outcome = self.events.run(text, op, parent=dialog)
            if outcome is None:
                dialog.open()  # nothing typed is lost: let the user fix it
                return
            self._close_dialog(dialog)
            self.select_item(question_id or int(outcome.value or 0))
            self.events.status_message.emit("Question saved")

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def delete_question(self, question_id: int) -> None:
        row = next((r for r in self.rows if r.id == question_id), None)
        if row is None or not row.custom:
            return
        if not confirm(
            self, "Delete Question", f"Delete your question “{row.text}”?",
            f"Its {row.attempts} attempt(s) and their answers are deleted with it.", "Delete",
        ):  # fmt: skip
            return
        op = partial(questions.delete_question, self.store, question_id)
        if self.events.run("Delete Question", op, parent=self,
                           on_undo=lambda: self.select_item(question_id)) is not None:  # fmt: skip
            self.events.status_message.emit("Question deleted. Edit → Undo brings it back.")

    def open_timer_dialog(self) -> TimerDialog:
        lengths = {c: practice.timer_minutes(self.store, c) for c in practice.categories(self.rows)}
        dialog = TimerDialog(self, lengths)
        dialog.setObjectName("timer_dialog")
        self.dialog = dialog

        def done(result: int) -> None:
            self._close_dialog(dialog)
            if result != TimerDialog.DialogCode.Accepted:
                return
            lengths = dialog.lengths()

            def save() -> changes.Outcome[None]:
                for category, minutes in lengths.items():
                    practice.set_timer_minutes(self.store, category, minutes)
                keys = (practice.TIMER_KEY + c for c in lengths)
                return changes.Outcome(changes.settings(*keys))

            if self.events.run("Set timer lengths", save, parent=self, undoable=False) is None:
                return
            q = self.session.question
            countdown = self.session.countdown
            if q is not None and self.mock is None and countdown.elapsed() == 0:
                self.session.length_spin.setValue(practice.timer_minutes(self.store, q.category))
            self.events.status_message.emit("Timer lengths saved")

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def _close_dialog(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
