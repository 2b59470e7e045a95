"""Pieces of the Skills tab: a skill's assessment card, and the table model of gaps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services.catalog import SkillItem
from careerplanner.services.progress import Progress
from careerplanner.services.skills import Gap
from careerplanner.ui.errors import show_error
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.kit.table_model import RowsTableModel
from careerplanner.ui.kit.widgets import tooltip
from careerplanner.vocab import LEVEL_NAMES, MAX_LEVEL, level_name

SkillIdRole = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


def guarded(parent: QWidget | None, title: str, action: Callable[[], Any]) -> bool:
    """Run ``action``; on failure tell the user (``show_error``: an expected failure in
    words, a bug logged and shown as one) and return False."""
    try:
        action()
    except Exception as exc:
        show_error(parent, exc, title)
        return False
    return True


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


GAP_HEADERS = ("Skill", "Current", "Target", "Gap", "Tutorials")

#: The level picker: a segmented row whose chosen level stands out in either palette.
PICKER_STYLE = """
QToolButton { border: 1px solid palette(mid); background: palette(button);
              padding: 3px 4px; margin: 0; }
QToolButton:hover { background: palette(midlight); }
QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);
                      border-color: palette(highlight); }
QToolButton:focus { border-color: palette(highlight); }
"""


def gap_text(gap: int) -> str:
    if gap > 0:
        return f"{gap} level{'s' if gap != 1 else ''}"
    return "On target" if gap == 0 else "Above"


class GapModel(RowsTableModel):
    """The skills, largest gap first (the order the service gives)."""

    HEADERS = GAP_HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._gaps: list[Gap] = []

    def set_gaps(self, gaps: list[Gap]) -> None:
        self.beginResetModel()
        self._gaps = list(gaps)
        self.endResetModel()

    def gap_at(self, row: int) -> Gap | None:
        return self._gaps[row] if 0 <= row < len(self._gaps) else None

    def row_of(self, skill_id: int) -> int:
        return next((i for i, g in enumerate(self._gaps) if g.skill_id == skill_id), -1)

    def items(self) -> list[Any]:
        return self._gaps

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._gaps):
            return None
        g, col = self._gaps[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                g.name,
                level_name(g.level),
                level_name(g.target),
                gap_text(g.gap),
                f"{g.track.done} of {g.track.total}" if g.track.total else "—",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(
                f"{g.name}: {level_name(g.level)} now, target {level_name(g.target)}. "
                f"{track_text(g.track)}."
            )
        if role == SkillIdRole:
            return g.skill_id
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
