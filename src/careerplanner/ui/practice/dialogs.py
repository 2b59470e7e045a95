"""Dialogs of the practice tab: an own question, the timer lengths."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services import settings
from careerplanner.services.practice_questions import QuestionDraft
from careerplanner.ui.kit import widgets as w


class QuestionDialog(QDialog):
    """Add or edit an own question. The service validates what is entered."""

    def __init__(
        self,
        parent: QWidget | None,
        categories: list[str],
        draft: QuestionDraft | None = None,
        *,
        editing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Own Question" if editing else "Add Own Question")
        self.setMinimumWidth(540)
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("question_category")
        self.category_combo.setEditable(True)
        self.category_combo.addItems(categories)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("question_text")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(70)
        self.guidance_edit = QPlainTextEdit()
        self.guidance_edit.setObjectName("question_guidance")
        self.guidance_edit.setTabChangesFocus(True)
        self.guidance_edit.setFixedHeight(60)
        self.points_edit = QPlainTextEdit()
        self.points_edit.setObjectName("question_points")
        self.points_edit.setTabChangesFocus(True)
        self.points_edit.setPlaceholderText("One focus point per line")
        self.points_edit.setFixedHeight(100)
        self.outline_edit = QPlainTextEdit()
        self.outline_edit.setObjectName("question_outline")
        self.outline_edit.setTabChangesFocus(True)
        self.outline_edit.setPlaceholderText(
            "Optional: what a strong answer covers, one point per line"
        )
        self.outline_edit.setAccessibleName("Reference outline")
        self.outline_edit.setFixedHeight(110)
        form = QFormLayout()
        form.addRow("&Category:", self.category_combo)
        form.addRow("&Question:", self.text_edit)
        form.addRow("&Guidance:", self.guidance_edit)
        form.addRow("&Focus points:", self.points_edit)
        form.addRow("Reference &outline:", self.outline_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("question_buttons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            w.label(
                "Each focus point becomes an item of the rubric checklist. The outline is "
                "shown beside it when you review your answer.",
                muted=True,
            )
        )
        layout.addWidget(buttons)
        if draft is not None:
            self.category_combo.setCurrentText(draft.category)
            self.text_edit.setPlainText(draft.text)
            self.guidance_edit.setPlainText(draft.guidance)
            self.points_edit.setPlainText("\n".join(draft.focus_points))
            self.outline_edit.setPlainText("\n".join(draft.outline))
        else:
            self.category_combo.setCurrentText("")

    def draft(self) -> QuestionDraft:
        return QuestionDraft(
            category=self.category_combo.currentText(),
            text=self.text_edit.toPlainText(),
            guidance=self.guidance_edit.toPlainText(),
            focus_points=tuple(self.points_edit.toPlainText().splitlines()),
            outline=tuple(self.outline_edit.toPlainText().splitlines()),
        )


class TimerDialog(QDialog):
    """The default countdown length of each category, in minutes."""

    def __init__(self, parent: QWidget | None, lengths: dict[str, int]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Timer Lengths")
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for category, minutes in lengths.items():
            spin = QSpinBox()
            timer = settings.PRACTICE_TIMER.of(category)
            spin.setRange(timer.low, timer.high)
            spin.setSuffix(" min")
            spin.setValue(minutes)
            spin.setAccessibleName(f"Timer length for {category}")
            self.spins[category] = spin
            form.addRow(w.label(category, wrap=False), spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(
            w.label("Default length of the practice countdown for each category.", muted=True)
        )
        layout.addLayout(form)
        layout.addWidget(buttons)

    def lengths(self) -> dict[str, int]:
        return {category: spin.value() for category, spin in self.spins.items()}
