"""Dialogs of the Roadmap tab: an own tutorial, an own link."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from careerplanner import limits
from careerplanner.services import roadmap
from careerplanner.services.catalog import PhaseItem, SkillItem
from careerplanner.ui.kit import widgets as w
from careerplanner.vocab import LEVEL_NAMES


class TutorialDialog(QDialog):
    """Add or edit an own tutorial. ``draft()`` validates nothing; the service does."""

    def __init__(
        self, parent: QWidget | None, phases: list[PhaseItem], skills: list[SkillItem],
        draft: roadmap.TutorialDraft | None = None, *, editing: bool = False,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Edit Own Tutorial" if editing else "Add Own Tutorial")
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("tutorial_title")
        self.title_edit.setMaxLength(roadmap.MAX_TITLE)
        self.phase_combo = QComboBox()
        for p in phases:
            if not p.retired:
                self.phase_combo.addItem(p.title, p.id)
        self.track_combo = QComboBox()
        self.track_combo.addItem("(no track)", None)
        for s in skills:
            if not s.retired:
                self.track_combo.addItem(s.name, s.id)
        self.level_combo = QComboBox()
        for level in (1, 2, 3):
            self.level_combo.addItem(LEVEL_NAMES[level], level)
        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setRange(0.5, limits.MAX_TUTORIAL_HOURS)
        self.hours_spin.setSingleStep(0.5)
        self.hours_spin.setValue(2)
        self.hours_spin.setSuffix(" h")
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://…")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(90)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Phase:", self.phase_combo)
        form.addRow("T&rack:", self.track_combo)
        form.addRow("&Level:", self.level_combo)
        form.addRow("Estimated &hours:", self.hours_spin)
        form.addRow("Lin&k:", self.url_edit)
        form.addRow("&Description:", self.description_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            w.label("Your own tutorials can be edited and deleted at any time.", muted=True)
        )
        layout.addWidget(buttons)
        if draft is not None:
            self.title_edit.setText(draft.title)
            self._select(self.phase_combo, draft.phase_id)
            self._select(self.track_combo, draft.skill_id)
            self._select(self.level_combo, draft.level)
            self.hours_spin.setValue(draft.hours)
            self.url_edit.setText(draft.url)
            self.description_edit.setPlainText(draft.description)

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def draft(self) -> roadmap.TutorialDraft:
        return roadmap.TutorialDraft(
            phase_id=int(self.phase_combo.currentData() or 0),
            title=self.title_edit.text(),
            skill_id=self.track_combo.currentData(),
            level=int(self.level_combo.currentData() or 1),
            hours=float(self.hours_spin.value()),
            url=self.url_edit.text(),
            description=self.description_edit.toPlainText(),
        )


class LinkDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str = "", url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Link" if url else "Add Link")
        self.setMinimumWidth(460)
        self.title_edit = QLineEdit(title)
        self.title_edit.setObjectName("link_title")
        self.url_edit = QLineEdit(url)
        self.url_edit.setObjectName("link_url")
        self.url_edit.setPlaceholderText("https://…")
        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Address:", self.url_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
