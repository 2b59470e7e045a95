"""Mock interview: the run in progress and the summary at its end."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from careerplanner.services.practice import AttemptItem
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.practice import fmt
from careerplanner.ui.practice.timer import format_seconds
from careerplanner.vocab import Rating


@dataclass
class MockRun:
    """Questions drawn for a mock interview, answered back to back under one timer."""

    question_ids: list[int]
    minutes: int
    index: int = 0
    started_at: float = 0.0  # countdown elapsed when the current question was shown
    attempt_ids: list[int] = field(default_factory=list)

    @property
    def current(self) -> int:
        return self.question_ids[self.index]

    @property
    def done(self) -> bool:
        return self.index >= len(self.question_ids)

    def label(self) -> str:
        return f"Mock interview — question {self.index + 1} of {len(self.question_ids)}"


class SummaryPanel(QWidget):
    """What a mock interview came to: per question rating, coverage and time."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = w.heading("Mock interview summary", 2)
        self.totals = w.label("", name="mock_totals")
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(6)
        self.back_button = QPushButton("Back to practice")
        self.back_button.setObjectName("mock_back")
        self.back_button.clicked.connect(self.closed.emit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.totals)
        layout.addLayout(self._grid)
        layout.addStretch(1)
        layout.addLayout(row)

    def show_summary(
        self, asked: list[tuple[int, str]], attempts: list[AttemptItem], elapsed: float,
        minutes: int,
    ) -> None:  # fmt: skip
        """``asked``: (question id, text) in order; ``attempts``: the ratings recorded."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        by_question = {a.question_id: a for a in attempts}
        answered = [by_question[qid] for qid, _ in asked if qid in by_question]
        covered = sum(a.covered for a in answered)
        total = sum(a.total for a in answered)
        good = sum(1 for a in answered if a.rating >= 3)
        over = elapsed - minutes * 60
        self.totals.setText(
            f"{len(answered)} of {len(asked)} questions answered in {format_seconds(elapsed)} "
            f"(limit {minutes} min{', ' + format_seconds(over) + ' over' if over > 0 else ''}) · "
            f"rubric coverage {fmt.percent(covered / total if total else None)} · "
            f"{good} rated Good or Easy"
        )
        for col, head in enumerate(("Question", "Rating", "Coverage", "Time")):
            head_label = w.label(head, bold=True, wrap=False)
            self._grid.addWidget(head_label, 0, col)
            head_label.show()
        for row, (qid, text) in enumerate(asked, start=1):
            a = by_question.get(qid)
            cells = [
                w.label(text),
                w.label(Rating.label_of(a.rating) if a else "not answered", wrap=False),
                w.label(f"{a.covered}/{a.total}" if a and a.total else "—", wrap=False),
                w.label(format_seconds(a.duration_s) if a else "—", wrap=False),
            ]
            for col, cell in enumerate(cells):
                self._grid.addWidget(cell, row, col, Qt.AlignmentFlag.AlignTop)
                cell.show()
        self._grid.setColumnStretch(0, 1)
