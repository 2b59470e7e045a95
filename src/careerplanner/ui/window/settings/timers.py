"""Interview practice: the default countdown length of each question category."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox

from careerplanner.services import settings
from careerplanner.store import Store
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.window.settings.page import SettingsPage


class TimersPage(SettingsPage):
    TITLE = "Interview Practice"

    def __init__(self, store: Store, categories: list[str]) -> None:
        super().__init__(
            store, "settings_timers", "The default length of the practice timer per category."
        )
        self.timer_spins: dict[str, QSpinBox] = {}
        for category in categories:
            setting = settings.PRACTICE_TIMER.of(category)
            spin = QSpinBox()
            spin.setRange(setting.low, setting.high)
            spin.setSuffix(" min")
            spin.setAccessibleName(f"Timer length for {category}")
            self.timer_spins[category] = spin
            self.form.addRow(w.label(category, selectable=False), spin)
        if not categories:
            self.form.addRow(w.label("This career path has no interview questions.", muted=True))

    def load(self) -> None:
        for category, spin in self.timer_spins.items():
            spin.setValue(settings.PRACTICE_TIMER.of(category).get(self.store))

    def save(self) -> None:
        for category, spin in self.timer_spins.items():
            settings.PRACTICE_TIMER.of(category).set(self.store, spin.value())
