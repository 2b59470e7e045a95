"""The practice session pane: read the question, answer it against the countdown, then
review the answer (``careerplanner.ui.practice.review``) and rate it.

The stages are ``ANSWER`` (the answer box; keys type text), ``REVIEW`` (rubric, outline,
preparing tutorials and the ratings; keys 1–4 rate) and ``DONE`` (rated)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services.practice import QuestionRow
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.practice.review import ReviewPane
from careerplanner.ui.practice.timer import Clock, Countdown, format_seconds

DRAFT_DELAY_MS = 600
ANSWER, REVIEW, DONE = "answer", "review", "done"


class SessionPanel(QWidget):
    """Shows one question to practise. Emits ``rate_requested(1-4)`` and ``draft_edited``.

    The panel holds no data of its own beyond what the user is doing now; the tab
    loads questions into it (``load``) and records ratings through the services.
    """

    rate_requested = Signal(int)
    #: The stage changed (``ANSWER``, ``REVIEW``, ``DONE``): the rating keys follow it.
    stage_changed = Signal(str)
    draft_edited = Signal(int, str)
    time_up = Signal()
    #: While the countdown runs past zero: the overtime in whole seconds, once a second.
    overtime = Signal(int)
    length_changed = Signal(int)

    def __init__(self, clock: Clock | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question: QuestionRow | None = None
        self.active = False
        self.stage = DONE
        self._resume_after_review = False
        self.countdown = Countdown(clock, self)
        self.countdown.ticked.connect(self._show_time)
        self.countdown.expired.connect(self._on_expired)
        self.countdown.state_changed.connect(self._update_timer_buttons)

        self.mode_label = w.label("", bold=True, name="session_mode")
        self.end_button = QPushButton("End mock interview")
        self.end_button.setObjectName("mock_end")
        self.end_button.hide()
        self.category_label = w.label("", muted=True, name="session_category")
        self.question_label = w.label(
            "Choose a question in the bank, or press “Practise next due”.",
            bold=True, point_delta=2.5, name="session_question",
        )  # fmt: skip
        self.guidance_label = w.label("", muted=True, name="session_guidance")

        # Countdown.
        self.time_label = QLabel("0:00")
        self.time_label.setObjectName("time_left")
        self.time_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.time_label.font()
        font.setPointSizeF(font.pointSizeF() + 10)
        font.setBold(True)
        self.time_label.setFont(font)
        self.time_label.setAccessibleName("Time left")
        self.time_up_label = w.label("", bold=True, name="time_up", wrap=False)
        self.start_button = QPushButton("Start")
        self.start_button.setObjectName("timer_start")
        self.start_button.clicked.connect(self.countdown.toggle)
        self.reset_button = QPushButton("Reset")
        self.reset_button.setObjectName("timer_reset")
        self.reset_button.clicked.connect(self.countdown.reset)
        self.length_spin = QSpinBox()
        self.length_spin.setObjectName("timer_length")
        self.length_spin.setRange(1, 180)
        self.length_spin.setSuffix(" min")
        self.length_spin.setAccessibleName("Timer length in minutes")
        self.length_spin.setToolTip("Length of the countdown for this session")
        self.length_spin.valueChanged.connect(self._on_length)
        timer_row = QHBoxLayout()
        timer_row.addWidget(self.time_label)
        timer_row.addWidget(self.time_up_label, 1)
        timer_row.addWidget(self.start_button)
        timer_row.addWidget(self.reset_button)
        timer_row.addWidget(self.length_spin)

        # Answer.
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("answer_editor")
        self.editor.setPlaceholderText(
            "Answer as you would aloud: notes or full sentences. Saved as a draft while you type."
        )
        self.editor.setAccessibleName("Answer")
        self.editor.setMinimumHeight(100)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)
        self.editor.textChanged.connect(self._on_text)
        self.draft_label = w.label("", muted=True, name="draft_state", wrap=False)
        self.review_button = QPushButton("Review my answer ▸")
        self.review_button.setObjectName("review_start")
        self.review_button.setToolTip(
            "Compare your answer with the rubric and a reference outline, then rate it "
            "(Ctrl+Return)"
        )
        self.review_button.setMinimumHeight(36)
        self.review_button.clicked.connect(self.start_review)
        answer_page = QWidget()
        answer_page.setObjectName("answer_page")
        answer_layout = QVBoxLayout(answer_page)
        answer_layout.setContentsMargins(0, 0, 0, 0)
        answer_layout.setSpacing(6)
        answer_head = QHBoxLayout()
        answer_head.addWidget(w.label("Your answer", bold=True), 1)
        answer_head.addWidget(self.draft_label)
        answer_layout.addLayout(answer_head)
        answer_layout.addWidget(self.editor, 1)
        review_row = QHBoxLayout()
        self.review_hint = w.label(
            "Then review it against the rubric and an outline, and rate it.", muted=True
        )
        review_row.addWidget(self.review_hint, 1)
        review_row.addWidget(self.review_button)
        answer_layout.addLayout(review_row)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), answer_page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.start_review)

        # Review and rating.
        self.review = ReviewPane()
        self.review.rate_requested.connect(self._rate)
        self.review.back_requested.connect(self.back_to_answer)
        self.pages = QStackedWidget()
        self.pages.addWidget(answer_page)
        self.pages.addWidget(self.review)
        self.answer_page = answer_page

        self.result_label = w.label("", name="session_result")
        self.next_button = QPushButton("Practise next question")
        self.next_button.setObjectName("session_next_due")
        keep = self.next_button.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # showing it after a rating moves nothing
        self.next_button.setSizePolicy(keep)
        self.next_button.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.mode_label, 1)
        mode_row.addWidget(self.end_button)
        layout.addLayout(mode_row)
        layout.addWidget(self.category_label)
        layout.addWidget(self.question_label)
        layout.addWidget(self.guidance_label)
        layout.addWidget(_line())
        layout.addLayout(timer_row)
        layout.addWidget(self.pages, 1)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result_label, 1)
        result_row.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(result_row)
        self._pending_draft = False
        self._last_over = -1
        self._set_stage(DONE)
        self._show_time(self.countdown.remaining())

    # -- the review pane's parts, as the tab and the tests use them -------------------
    @property
    def checks(self) -> list[QCheckBox]:
        return self.review.checks

    @property
    def rate_buttons(self) -> dict[int, QPushButton]:
        return self.review.rate_buttons

    @property
    def in_review(self) -> bool:
        return self.stage == REVIEW and self.question is not None

    # -- loading ---------------------------------------------------------------------
    def load(self, q: QuestionRow, minutes: int, mode: str = "") -> None:
        """Show ``q`` for a fresh attempt, with its saved draft and a reset countdown."""
        self.flush_draft()
        self.question = q
        self.mode_label.setText(mode or "Practice session")
        self.category_label.setText(q.category.upper())
        self.question_label.setText(q.text)
        self.guidance_label.setText(q.guidance)
        self.guidance_label.setVisible(bool(q.guidance))
        self.review.show_question(q)
        self.editor.blockSignals(True)
        self.editor.setPlainText(q.draft)
        self.editor.blockSignals(False)
        self.draft_label.setText("Draft restored" if q.draft else "")
        self.result_label.setText("")
        self.next_button.hide()
        mock = mode.startswith("Mock")
        self.end_button.setVisible(mock)
        if mock:
            self.length_spin.setEnabled(False)
        else:
            self.length_spin.setEnabled(True)
            self.countdown.reset()
            self.length_spin.blockSignals(True)
            self.length_spin.setValue(minutes)
            self.length_spin.blockSignals(False)
            self.countdown.set_length(minutes * 60)
        self._set_stage(ANSWER)

    def clear(self, message: str) -> None:
        self.flush_draft()
        self.question = None
        self.mode_label.setText("")
        self.end_button.hide()
        self.next_button.hide()
        self.result_label.setText("")
        self.category_label.setText("")
        self.question_label.setText(message)
        self.guidance_label.setVisible(False)
        self.review.build_rubric(())
        self.editor.blockSignals(True)
        self.editor.clear()
        self.editor.blockSignals(False)
        self._set_stage(DONE)

    def refresh_question(self, q: QuestionRow) -> None:
        """The same question changed outside the session (undo, edit): show its state."""
        old = self.question
        self.question = q
        if old is not None and (old.text, old.category, old.guidance) != (
            q.text, q.category, q.guidance,
        ):  # fmt: skip
            self.category_label.setText(q.category.upper())
            self.question_label.setText(q.text)
            self.guidance_label.setText(q.guidance)
            self.guidance_label.setVisible(bool(q.guidance))
        if old is not None and old.focus_points != q.focus_points:
            ticked = tuple(self.review.covered_points())
            self.review.build_rubric(q.focus_points)
            self.review.set_covered(ticked)
            self.review.set_enabled(self.active)
        if old is None or (old.outline, old.custom) != (q.outline, q.custom):
            self.review.show_outline(q)
        if old is None or old.prepares != q.prepares:
            self.review.show_prepares(q.prepares)
        if self.editor.toPlainText() != q.draft and not self._pending_draft:
            self.editor.blockSignals(True)
            self.editor.setPlainText(q.draft)
            self.editor.blockSignals(False)

    # -- state -----------------------------------------------------------------------
    def _set_stage(self, stage: str) -> None:
        self.stage = stage if self.question is not None else DONE
        self.active = self.stage in (ANSWER, REVIEW)
        self.editor.setReadOnly(self.stage != ANSWER)
        self.review_button.setEnabled(self.stage == ANSWER)
        self.review.set_enabled(self.stage == REVIEW)
        self.pages.setCurrentWidget(self.review if self.stage != ANSWER else self.answer_page)
        self.start_button.setEnabled(self.question is not None)
        self.reset_button.setEnabled(self.question is not None)
        self.stage_changed.emit(self.stage)

    def start_review(self) -> None:
        """Answering is done: pause the countdown (a mock interview's runs on), show the
        answer against the rubric, the outline and the tutorials; the ratings wake up."""
        if self.stage != ANSWER or self.question is None:
            return
        self.flush_draft()
        mock = self.end_button.isVisible()
        self._resume_after_review = self.countdown.running and not mock
        if self._resume_after_review:
            self.countdown.pause()
        self.review.show_answer(self.editor.toPlainText())
        self._set_stage(REVIEW)
        self.review.focus_first()

    def back_to_answer(self) -> None:
        """Go on answering (the ticks are kept); the countdown resumes if it ran."""
        if self.stage != REVIEW:
            return
        self._set_stage(ANSWER)
        if self._resume_after_review:
            self.countdown.start()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _rate(self, value: int) -> None:
        if self.in_review:
            self.rate_requested.emit(value)

    def finish(self, message: str, *, pause: bool = True) -> None:
        """After a rating: show the outcome; the question is done for this session."""
        if pause:
            self.countdown.pause()
        self.result_label.setText(message)
        self.next_button.setVisible(pause)
        # The keyboard goes on to the next question (not to whatever follows the now
        # disabled ratings, which would scroll the review away).
        if pause:
            self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._set_stage(DONE)

    def covered_points(self) -> list[str]:
        return self.review.covered_points() if self.question is not None else []

    def set_covered(self, points: tuple[str, ...]) -> None:
        self.review.set_covered(points)

    def answer(self) -> str:
        return self.editor.toPlainText()

    def show_previews(self, previews: dict[int, datetime], now: datetime) -> None:
        self.review.show_previews(previews, now)

    # -- timer -----------------------------------------------------------------------
    def _on_length(self, minutes: int) -> None:
        self.countdown.set_length(minutes * 60)
        self.length_changed.emit(minutes)

    def _show_time(self, left: float) -> None:
        if left > 0:
            self._last_over = -1
            self.time_label.setText(format_seconds(left))
            self.time_label.setStyleSheet("")
            self.time_up_label.setText("")
        else:
            over = int(-left)
            if self.countdown.running and over != self._last_over:
                self._last_over = over
                self.overtime.emit(over)
            self.time_label.setText(f"+{format_seconds(-left)}")
            self.time_label.setStyleSheet("color: #c62828;")
            self.time_up_label.setText("  Time is up")
            self.time_up_label.setStyleSheet("color: #c62828;")

    def _on_expired(self) -> None:
        self.time_up.emit()
        QApplication.alert(self.window())

    def _update_timer_buttons(self) -> None:
        self.start_button.setText("Pause" if self.countdown.running else "Start")

    # -- draft -----------------------------------------------------------------------
    def _on_text(self) -> None:
        if self.question is None:
            return
        self._pending_draft = True
        self.draft_label.setText("Saving…")
        self._draft_timer.start()

    def flush_draft(self) -> None:
        """Save a pending draft now (on switching question, rating and closing). The
        receiver of ``draft_edited`` saves it and reports with ``draft_saved``."""
        self._draft_timer.stop()
        if self._pending_draft and self.question is not None:
            self._pending_draft = False
            self.draft_edited.emit(self.question.id, self.editor.toPlainText())

    def draft_saved(self, ok: bool) -> None:
        """Say whether the draft was written; one that was not is tried again."""
        if ok:
            self.draft_label.setText("Draft saved")
        else:
            self._pending_draft = True
            self.draft_label.setText("Draft not saved — your text is still here; it is "
                                     "tried again with your next change.")  # fmt: skip


def _line() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    line.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return line
