"""The practice session pane: question, rubric checklist, countdown, answer, rating."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
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
    QVBoxLayout,
    QWidget,
)

from careerplanner.services.practice import QuestionRow
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.practice import fmt
from careerplanner.ui.practice.timer import Clock, Countdown, format_seconds
from careerplanner.vocab import Rating

DRAFT_DELAY_MS = 600


class _PointLabel(QLabel):
    """A wrapped rubric text that toggles its checkbox when clicked."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._box = box

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._box.isEnabled():
            self._box.toggle()
        super().mousePressEvent(event)


class SessionPanel(QWidget):
    """Shows one question to practise. Emits ``rate_requested(1-4)`` and ``draft_edited``.

    The panel holds no data of its own beyond what the user is doing now; the tab
    loads questions into it (``load``) and records ratings through the services.
    """

    rate_requested = Signal(int)
    draft_edited = Signal(int, str)
    time_up = Signal()
    #: While the countdown runs past zero: the overtime in whole seconds, once a second.
    overtime = Signal(int)
    length_changed = Signal(int)

    def __init__(self, clock: Clock | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question: QuestionRow | None = None
        self.active = False
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

        # Rubric.
        self.rubric_title = w.label("Rubric — tick what your answer covered", bold=True)
        self.coverage_label = w.label("", muted=True, name="coverage", wrap=False)
        self._rubric_box = QVBoxLayout()
        self._rubric_box.setSpacing(4)
        self.checks: list[QCheckBox] = []

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
            "Notes or a written answer. Saved as a draft while you type."
        )
        self.editor.setAccessibleName("Answer")
        self.editor.setMinimumHeight(120)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)
        self.editor.textChanged.connect(self._on_text)
        self.draft_label = w.label("", muted=True, name="draft_state", wrap=False)

        # Rating.
        self.rate_title = w.label("How did it go?  (keys 1–4)", bold=True)
        self.rate_buttons: dict[int, QPushButton] = {}
        rate_row = QHBoxLayout()
        for value, name in ((int(r), r.label) for r in Rating):
            button = QPushButton(name)
            button.setObjectName(f"rate_{name.lower()}")
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _c=False, v=value: self.rate_requested.emit(v))
            self.rate_buttons[value] = button
            rate_row.addWidget(button)
        self.result_label = w.label("", name="session_result")
        self.next_button = QPushButton("Practise next due question")
        self.next_button.setObjectName("session_next_due")
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
        rubric_head = QHBoxLayout()
        rubric_head.addWidget(self.rubric_title, 1)
        rubric_head.addWidget(self.coverage_label)
        layout.addLayout(rubric_head)
        layout.addLayout(self._rubric_box)
        layout.addWidget(_line())
        layout.addLayout(timer_row)
        answer_head = QHBoxLayout()
        answer_head.addWidget(w.label("Your answer", bold=True), 1)
        answer_head.addWidget(self.draft_label)
        layout.addLayout(answer_head)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.rate_title)
        layout.addLayout(rate_row)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result_label, 1)
        result_row.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(result_row)
        self._pending_draft = False
        self._last_over = -1
        self._set_active(False)
        self._show_time(self.countdown.remaining())

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
        self._build_rubric(q.focus_points)
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
        self._set_active(True)

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
        self._build_rubric(())
        self.editor.blockSignals(True)
        self.editor.clear()
        self.editor.blockSignals(False)
        self._set_active(False)

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
            ticked = {
                p for p, b in zip(old.focus_points, self.checks, strict=False) if b.isChecked()
            }
            self._build_rubric(q.focus_points)
            self.set_covered(tuple(ticked))
            self._set_active(self.active)
        if self.editor.toPlainText() != q.draft and not self._pending_draft:
            self.editor.blockSignals(True)
            self.editor.setPlainText(q.draft)
            self.editor.blockSignals(False)

    def _build_rubric(self, points: tuple[str, ...]) -> None:
        while self._rubric_box.count():
            item = self._rubric_box.takeAt(0)
            row = item.layout() if item is not None else None
            if row is not None:
                while row.count():
                    sub = row.takeAt(0)
                    widget = sub.widget() if sub is not None else None
                    if widget is not None:
                        widget.hide()
                        widget.deleteLater()
                row.deleteLater()
        self.checks = []
        for i, point in enumerate(points):
            box = QCheckBox()
            box.setObjectName(f"rubric_{i}")
            box.setAccessibleName(point)
            box.toggled.connect(self._update_coverage)
            text = _PointLabel(point, box)
            row = QHBoxLayout()
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(text, 1)
            self._rubric_box.addLayout(row)
            box.show()
            text.show()
            self.checks.append(box)
        self.rubric_title.setVisible(bool(points))
        self._update_coverage()

    # -- state -----------------------------------------------------------------------
    def _set_active(self, active: bool) -> None:
        self.active = active and self.question is not None
        for button in self.rate_buttons.values():
            button.setEnabled(self.active)
        for box in self.checks:
            box.setEnabled(self.active)
        self.editor.setReadOnly(not self.active)
        self.start_button.setEnabled(self.question is not None)
        self.reset_button.setEnabled(self.question is not None)

    def finish(self, message: str, *, pause: bool = True) -> None:
        """After a rating: show the outcome; the question is done for this session."""
        if pause:
            self.countdown.pause()
        self.result_label.setText(message)
        self.next_button.setVisible(pause)
        self._set_active(False)

    def covered_points(self) -> list[str]:
        if self.question is None:
            return []
        return [
            p
            for p, box in zip(self.question.focus_points, self.checks, strict=False)
            if box.isChecked()
        ]

    def set_covered(self, points: tuple[str, ...]) -> None:
        for p, box in zip(
            self.question.focus_points if self.question else (), self.checks, strict=False
        ):
            box.setChecked(p in points)

    def answer(self) -> str:
        return self.editor.toPlainText()

    def show_previews(self, previews: dict[int, datetime], now: datetime) -> None:
        for value, button in self.rate_buttons.items():
            name = Rating(value).label
            due = previews.get(value)
            if due is None:
                button.setText(f"{value}  {name}")
                button.setToolTip("")
            else:
                button.setText(f"{value}  {name}\n{fmt.interval(due, now)}")
                button.setToolTip(f"{name}: back on {fmt.local_text(due)}")

    def _update_coverage(self) -> None:
        total = len(self.checks)
        done = sum(1 for b in self.checks if b.isChecked())
        self.coverage_label.setText(f"{done} of {total} covered" if total else "")

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
