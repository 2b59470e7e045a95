"""The review step of a practice session: the answer given, set against the focus points
(the rubric to tick), the reference outline and the tutorials that prepare for the
question; then the rating."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services.catalog import PreparedBy
from careerplanner.services.practice import QuestionRow
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.practice import fmt
from careerplanner.vocab import Rating, TutorialStatus

#: How a tutorial's status reads beside its title in the review.
_STATUS_MARK = {
    TutorialStatus.DONE: "✓ Done",
    TutorialStatus.IN_PROGRESS: "◐ In progress",
    TutorialStatus.SKIPPED: "Skipped",
    TutorialStatus.NOT_STARTED: "Not started",
}


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


def status_text(item: PreparedBy) -> str:
    """The learner's status on a tutorial: "✓ Done", "Not started · retired"."""
    mark = _STATUS_MARK[TutorialStatus(item.status)] if TutorialStatus.has(item.status) else ""
    return f"{mark}{' · retired' if item.retired else ''}" or "—"


class ReviewPane(QWidget):
    """Widgets only: the session panel fills it (``show_question``, ``show_answer``)."""

    rate_requested = Signal(int)
    back_requested = Signal()
    #: A tutorial that prepares for the question was clicked: its id.
    tutorial_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checks: list[QCheckBox] = []
        self._points: tuple[str, ...] = ()

        self.answer_view = QPlainTextEdit()
        self.answer_view.setObjectName("review_answer")
        self.answer_view.setReadOnly(True)
        self.answer_view.setAccessibleName("Your answer")
        self.answer_view.setFixedHeight(96)
        self.answer_view.setTabChangesFocus(True)

        self.rubric_title = w.label("Rubric — tick what your answer covered", bold=True)
        self.coverage_label = w.label("", muted=True, name="coverage", wrap=False)
        self._rubric_box = QVBoxLayout()
        self._rubric_box.setSpacing(4)

        self.outline_title = w.label("Reference outline — what a strong answer covers", bold=True)
        self._outline_box = QVBoxLayout()
        self._outline_box.setSpacing(3)

        self.prepares_title = w.label("Tutorials that prepare for it", bold=True)
        self._prepares_box = QVBoxLayout()
        self._prepares_box.setSpacing(3)

        body = QWidget()
        body.setObjectName("review_body")
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 6, 0)
        inner.setSpacing(8)
        inner.addWidget(w.label("Your answer", bold=True))
        inner.addWidget(self.answer_view)
        rubric_head = QHBoxLayout()
        rubric_head.addWidget(self.rubric_title, 1)
        rubric_head.addWidget(self.coverage_label)
        inner.addLayout(rubric_head)
        inner.addLayout(self._rubric_box)
        inner.addWidget(self.outline_title)
        inner.addLayout(self._outline_box)
        inner.addWidget(self.prepares_title)
        inner.addLayout(self._prepares_box)
        inner.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("review_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(body)

        self.rate_title = w.label("How did it go?  (keys 1–4)", bold=True, wrap=False)
        self.back_button = QPushButton("◂ Back to my answer")
        self.back_button.setObjectName("review_back")
        self.back_button.setToolTip("Go on answering; the rubric ticks are kept")
        self.back_button.clicked.connect(self.back_requested)
        rate_head = QHBoxLayout()
        rate_head.addWidget(self.rate_title, 1)
        rate_head.addWidget(self.back_button)
        self.rate_buttons: dict[int, QPushButton] = {}
        rate_row = QHBoxLayout()
        for value, name in ((int(r), r.label) for r in Rating):
            button = QPushButton(name)
            button.setObjectName(f"rate_{name.lower()}")
            button.setMinimumHeight(44)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, v=value: self.rate_requested.emit(v))
            self.rate_buttons[value] = button
            rate_row.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(rate_head)
        layout.addLayout(rate_row)

    # -- filling ---------------------------------------------------------------------
    def show_question(self, q: QuestionRow) -> None:
        """The question's rubric (unticked), outline and preparing tutorials."""
        self.build_rubric(q.focus_points)
        self.show_outline(q)
        self.show_prepares(q.prepares)

    def show_answer(self, text: str) -> None:
        self.answer_view.setPlainText(text or "(You wrote no answer: compare what you said.)")

    def show_outline(self, q: QuestionRow) -> None:
        w.clear_layout(self._outline_box)
        if q.outline:
            for point in q.outline:
                self._outline_box.addWidget(w.label(f"•  {point}"))
        else:
            hint = " Add one with Edit…" if q.custom else ""
            self._outline_box.addWidget(
                w.label(f"This question has no reference outline.{hint}", muted=True)
            )

    def show_prepares(self, items: tuple[PreparedBy, ...]) -> None:
        w.clear_layout(self._prepares_box)
        self.prepares_title.setVisible(bool(items))
        for i, item in enumerate(items):
            button = QPushButton(f"▸ {item.title}   ({status_text(item)})")
            button.setObjectName(f"prepares_{i}")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet(
                "QPushButton { text-align: left; padding: 2px 4px; color: palette(link); }"
            )
            button.setToolTip(w.tooltip(f"Show “{item.title}” in the Roadmap"))
            button.setAccessibleName(f"{item.title}, {status_text(item)}")
            button.clicked.connect(
                lambda _c=False, tid=item.tutorial_id: self.tutorial_requested.emit(tid)
            )
            self._prepares_box.addWidget(button)

    def build_rubric(self, points: tuple[str, ...]) -> None:
        w.clear_layout(self._rubric_box)
        self._points = points
        self.checks = []
        for i, point in enumerate(points):
            box = QCheckBox()
            box.setObjectName(f"rubric_{i}")
            box.setAccessibleName(point)
            box.toggled.connect(self._update_coverage)
            row = QHBoxLayout()
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(_PointLabel(point, box), 1)
            self._rubric_box.addLayout(row)
            self.checks.append(box)
        self.rubric_title.setVisible(bool(points))
        self._update_coverage()

    # -- state -----------------------------------------------------------------------
    def set_enabled(self, enabled: bool) -> None:
        """Ratings, ticks and going back are possible until the answer is rated."""
        for button in self.rate_buttons.values():
            button.setEnabled(enabled)
        for box in self.checks:
            box.setEnabled(enabled)
        self.back_button.setEnabled(enabled)

    def covered_points(self) -> list[str]:
        return [p for p, box in zip(self._points, self.checks, strict=False) if box.isChecked()]

    def set_covered(self, points: tuple[str, ...]) -> None:
        for p, box in zip(self._points, self.checks, strict=False):
            box.setChecked(p in points)

    def show_previews(self, previews: dict[int, datetime], now: datetime) -> None:
        """Each button says how long until the question comes back, its tooltip the day."""
        for value, button in self.rate_buttons.items():
            name = Rating(value).label
            due = previews.get(value)
            if due is None:
                button.setText(f"{value}  {name}")
                button.setToolTip("")
            else:
                button.setText(f"{value}  {name}\n{fmt.interval(due, now)}")
                button.setToolTip(f"{name}: {fmt.back_text(due, now)}")

    def focus_first(self) -> None:
        """Where the keyboard goes on entering the review: the rubric, else the ratings."""
        target = self.checks[0] if self.checks else self.rate_buttons[int(Rating.GOOD)]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_coverage(self) -> None:
        total = len(self.checks)
        done = sum(1 for b in self.checks if b.isChecked())
        self.coverage_label.setText(f"{done} of {total} covered" if total else "")
