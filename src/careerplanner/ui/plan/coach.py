"""The Study Plan's coaching panels: the pace against the plan, and testing out.

They show what the tab gives them (``show``) and say what the user chose through
signals; the tab runs the operations.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from careerplanner.services.known_tracks import KnownTrack
from careerplanner.services.pace import Pace
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.plan.pace_chart import PaceChart
from careerplanner.vocab import level_name


class PacePanel(QGroupBox):
    """Planned against done, ahead or behind, and one click to re-plan from today."""

    #: Re-plan from today at these hours a week.
    replan_requested = Signal(float)

    def __init__(self) -> None:
        super().__init__("Pace")
        self.setObjectName("pace_panel")
        self.chart = PaceChart()
        self.chart.setObjectName("pace_chart")
        self.message = w.label("", name="pace_message")
        self.replan_label = w.label("", name="replan_label")
        self.replan_button = QPushButton()
        self.replan_button.setObjectName("replan")
        self.replan_button.clicked.connect(self._replan)
        self._hours: float | None = None
        side = QVBoxLayout()
        side.addWidget(self.message)
        side.addWidget(self.replan_label)
        row = QHBoxLayout()
        row.addWidget(self.replan_button)
        row.addStretch(1)
        side.addLayout(row)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.chart, 3)
        layout.addLayout(side, 2)

    def show_pace(self, pace: Pace) -> None:
        self.chart.set_weeks(pace.weeks)
        self.chart.setVisible(bool(pace.weeks))
        self.message.setText(pace.message)
        # What the hours from today mean for the target is said above the schedule (the
        # same figure): here only the offer.
        self._hours = pace.replan_hours
        self.replan_label.setText("To meet your target date:")
        if pace.replan_hours is not None:
            self.replan_button.setText(f"Use {pace.replan_hours:g} h a Week")
            tip = (
                f"Start the plan again today at {pace.replan_hours:g} hours a week, which "
                "meets your target date (Edit → Undo takes it back)."
            )
            self.replan_button.setToolTip(w.tooltip(tip))
        self.replan_button.setVisible(pace.replan_hours is not None)
        self.replan_label.setVisible(pace.replan_hours is not None)

    def _replan(self) -> None:
        if self._hours is not None:
            self.replan_requested.emit(self._hours)


class TestOutPanel(QGroupBox):
    """The tracks at or above target: test out of each, or what testing out saved."""

    __test__ = False  # not a pytest test class

    #: Test out of this skill's track (skill id).
    test_out_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__("Tracks you already master")
        self.setObjectName("test_out_panel")
        self.grid = QGridLayout(self)
        self.buttons: dict[int, QPushButton] = {}

    def show_tracks(self, tracks: list[KnownTrack]) -> None:
        w.clear_layout(self.grid)
        self.buttons.clear()
        self.setVisible(bool(tracks))
        for row, track in enumerate(tracks):
            rated = (
                f"{track.name}: you rated {level_name(track.level)}, "
                f"target {level_name(track.target)}"
            )
            if track.not_started:
                n = len(track.not_started)
                text = (f"{rated}. Testing out skips its {n} tutorial{'s' if n != 1 else ''} "
                        f"not started ({track.hours:g} h).")  # fmt: skip
            else:
                text = f"{rated}. Nothing left to test out of."
            if track.skipped:
                text += f" Skipped so far: {track.skipped}, {track.saved_hours:g} h saved."
            label = w.label(text, name=f"known_{track.skill_id}")
            self.grid.addWidget(label, row, 0)
            if track.not_started:
                button = QPushButton("Test Out")
                button.setObjectName(f"test_out_{track.skill_id}")
                button.setAccessibleName(f"Test out of {track.name}")
                button.clicked.connect(
                    lambda _c=False, sid=track.skill_id: self.test_out_requested.emit(sid)
                )
                self.buttons[track.skill_id] = button
                self.grid.addWidget(button, row, 1)
        self.grid.setColumnStretch(0, 1)
