"""General settings: theme, first day of the week, PDF paper size."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from careerplanner.export.pdf import A4, LETTER, default_paper
from careerplanner.services import settings
from careerplanner.store import Store
from careerplanner.ui import theme
from careerplanner.ui.window.settings.page import SettingsPage

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: The days offered for the start of a week (any other stored day is shown too).
WEEK_STARTS = (0, 6, 5)


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    return combo


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


class GeneralPage(SettingsPage):
    TITLE = "General"

    def __init__(self, store: Store) -> None:
        super().__init__(
            store, "settings_general", "The look of the app, the start of a week, the PDF."
        )
        self.theme_combo = _combo("theme_combo")
        for mode in theme.MODES:
            self.theme_combo.addItem(theme.LABELS[mode].replace("&", ""), mode)
        self.weekday_combo = _combo("weekday_combo")
        for day in WEEK_STARTS:
            self.weekday_combo.addItem(DAY_NAMES[day], day)
        self.paper_combo = _combo("paper_combo")
        self.paper_combo.addItem("A4", A4)
        self.paper_combo.addItem("US Letter", LETTER)
        self.form.addRow("&Theme:", self.theme_combo)
        self.form.addRow("&Weeks start on:", self.weekday_combo)
        self.form.addRow("PDF &paper size:", self.paper_combo)

    def load(self) -> None:
        _select(self.theme_combo, settings.THEME.get(self.store))
        day = settings.FIRST_WEEKDAY.get(self.store)
        if self.weekday_combo.findData(day) < 0:  # set elsewhere (an import): keep it
            self.weekday_combo.addItem(DAY_NAMES[day], day)
        _select(self.weekday_combo, day)
        _select(self.paper_combo, settings.PLAN_PAPER.get(self.store) or default_paper())

    def save(self) -> None:
        settings.THEME.set(self.store, str(self.theme_combo.currentData()))
        settings.FIRST_WEEKDAY.set(self.store, int(self.weekday_combo.currentData()))
        settings.PLAN_PAPER.set(self.store, str(self.paper_combo.currentData()))
