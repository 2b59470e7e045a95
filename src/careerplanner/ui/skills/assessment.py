"""The Skills tab's self-assessment: one card per skill (level picker, progress hint,
topics), with the note and the button that saves a dated snapshot."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services.catalog import SkillItem
from careerplanner.services.progress import Progress
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.kit.widgets import tooltip
from careerplanner.vocab import LEVEL_NAMES, MAX_LEVEL, level_name

#: The level picker: a segmented row whose chosen level stands out in either palette.
PICKER_STYLE = """
QToolButton { border: 1px solid palette(mid); background: palette(button);
              padding: 3px 4px; margin: 0; }
QToolButton:hover { background: palette(midlight); }
QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);
                      border-color: palette(highlight); }
QToolButton:focus { border-color: palette(highlight); }
"""


def track_text(p: Progress) -> str:
    if not p.total:
        return "No tutorials on this track yet"
    return f"{p.done} of {p.total} track tutorials done ({p.percent}%)"


class SkillCard(QFrame):
    """One skill: name, target, the level picker, the progress hint and the topics."""

    #: (skill id, new level) when the user picks a level.
    level_picked = Signal(int, int)
    #: (topic id, topic name, checked) when the user ticks or unticks a topic.
    topic_toggled = Signal(int, str, bool)

    def __init__(self, skill: SkillItem) -> None:
        super().__init__()
        self.skill = skill
        self.setObjectName(f"skill_{skill.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("card", True)
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 10, 14, 12)
        box.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(w.label(skill.name, bold=True, point_delta=1.5, name="skill_name"), 1)
        self.target_label = w.label(f"Target: {level_name(skill.target)}", name="target",
                                    wrap=False)  # fmt: skip
        top.addWidget(self.target_label)
        box.addLayout(top)

        picker = QHBoxLayout()
        picker.setSpacing(0)
        picker_host = QWidget()
        picker_host.setObjectName("level_picker")
        picker_host.setStyleSheet(PICKER_STYLE)
        picker_host.setLayout(picker)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QToolButton] = []
        for level, text in enumerate(LEVEL_NAMES):
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setObjectName(f"level_{skill.key}_{level}")
            button.setAccessibleName(f"{skill.name}: {text}")
            button.setToolTip(tooltip(f"Rate {skill.name} as {text} ({level} of {MAX_LEVEL})"))
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setSizePolicy(button.sizePolicy().Policy.Expanding,
                                 button.sizePolicy().Policy.Fixed)  # fmt: skip
            button.clicked.connect(lambda _c=False, v=level: self.level_picked.emit(skill.id, v))
            self.group.addButton(button, level)
            self.buttons.append(button)
            picker.addWidget(button)
        picker.setContentsMargins(0, 0, 0, 0)
        box.addWidget(picker_host)

        hint = QHBoxLayout()
        self.track_bar = QProgressBar()
        self.track_bar.setRange(0, 100)
        self.track_bar.setTextVisible(False)
        self.track_bar.setFixedHeight(6)
        self.track_bar.setMaximumWidth(90)
        self.track_bar.setAccessibleName(f"Tutorials done on the {skill.name} track")
        self.track_label = w.label("", muted=True, name="track_hint")
        hint.addWidget(self.track_bar)
        hint.addWidget(self.track_label, 1)
        box.addLayout(hint)

        grid = QGridLayout()
        grid.setContentsMargins(0, 2, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.topic_boxes: dict[int, QCheckBox] = {}
        for i, topic in enumerate(skill.topics):
            check = QCheckBox(topic.name)
            check.setObjectName(f"topic_{skill.key}_{topic.key}")
            check.setToolTip("Tick the topics you are comfortable with")
            check.clicked.connect(
                lambda checked, t=topic.id, n=topic.name: self.topic_toggled.emit(t, n, checked)
            )
            self.topic_boxes[topic.id] = check
            grid.addWidget(check, i // 2, i % 2)
        box.addLayout(grid)
        self.topics_label = w.label("", muted=True, name="topics_count")
        box.addWidget(self.topics_label)
        self.update_skill(skill, Progress())

    def update_skill(self, skill: SkillItem, track: Progress) -> None:
        """Show ``skill``'s level, target, topics and track progress (no signals)."""
        self.skill = skill
        self.target_label.setText(f"Target: {level_name(skill.target)}")
        button = self.group.button(skill.level)
        if button is not None and not button.isChecked():
            button.setChecked(True)
        for i, b in enumerate(self.buttons):
            font = b.font()
            font.setBold(i == skill.target)
            b.setFont(font)
        for topic in skill.topics:
            check = self.topic_boxes.get(topic.id)
            if check is not None and check.isChecked() != topic.checked:
                check.blockSignals(True)
                check.setChecked(topic.checked)
                check.blockSignals(False)
        ticked = sum(t.checked for t in skill.topics)
        self.topics_label.setText(f"{ticked} of {len(skill.topics)} topics ticked")
        self.track_bar.setValue(track.percent)
        self.track_label.setText(track_text(track))

    def level(self) -> int:
        return self.group.checkedId()


class AssessmentPanel(QScrollArea):
    """Every skill's card, in a scrolling page, and the snapshot note and button."""

    #: (skill id, new level)
    level_picked = Signal(int, int)
    #: (topic id, topic name, checked)
    topic_toggled = Signal(int, str, bool)
    #: The user asked to save a snapshot (the note is in ``note``).
    save_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        self.setWidget(page)
        self.cards: dict[str, SkillCard] = {}
        self._shape: list[tuple[int, tuple[int, ...]]] = []  # skill and topic ids shown
        self.note = QLineEdit()
        self.note.setObjectName("snapshot_note")
        self.note.setPlaceholderText("Note for this snapshot (optional)")
        self.note.setAccessibleName("Snapshot note")
        self.note.returnPressed.connect(self.save_requested)
        self.save_button = QPushButton("Save Assessment")
        self.save_button.setObjectName("save_assessment")
        self.save_button.setToolTip("Keep a dated snapshot of all levels and ticked topics")
        self.save_button.clicked.connect(self.save_requested)
        box = QVBoxLayout(page)
        box.setContentsMargins(12, 10, 14, 12)
        box.setSpacing(10)
        box.addWidget(w.heading("Your self-assessment", 2))
        self.intro = w.label("", muted=True, name="skills_intro")
        box.addWidget(self.intro)
        save_row = QHBoxLayout()
        save_row.addWidget(self.note, 1)
        save_row.addWidget(self.save_button)
        box.addLayout(save_row)
        self._cards_box = QVBoxLayout()
        self._cards_box.setSpacing(8)
        box.addLayout(self._cards_box)
        box.addStretch(1)

    def show_skills(self, items: list[SkillItem], tracks: dict[int, Progress], intro: str) -> None:
        """Show the levels and topics; the cards are rebuilt only when skills or topics
        were added or removed."""
        self.intro.setText(
            (intro + "\n\n" if intro else "")
            + "Rate each skill and tick the topics you are comfortable with; "
            "changes are kept at once. The bar shows how much of each track's "
            "tutorials you have done."
        )
        shape = [(s.id, tuple(t.id for t in s.topics)) for s in items]
        if shape != self._shape:
            w.clear_layout(self._cards_box)
            self.cards = {}
            for s in items:
                card = SkillCard(s)
                card.level_picked.connect(self.level_picked)
                card.topic_toggled.connect(self.topic_toggled)
                self._cards_box.addWidget(card)
                self.cards[s.key] = card
            self._shape = shape
        for s in items:
            self.cards[s.key].update_skill(s, tracks.get(s.id, Progress()))

    def card_of(self, skill_id: int) -> SkillCard | None:
        return next((c for c in self.cards.values() if c.skill.id == skill_id), None)
