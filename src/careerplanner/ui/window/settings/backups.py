"""Automatic backups: how many of the older ones to keep."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox

from careerplanner.services import backup, settings
from careerplanner.store import Store
from careerplanner.ui.window.settings.page import SettingsPage


def _spin(setting: settings.Whole, floor: int, suffix: str, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(max(floor, setting.low), setting.high)
    spin.setSuffix(suffix)
    return spin


class BackupsPage(SettingsPage):
    TITLE = "Backups"

    def __init__(self, store: Store) -> None:
        super().__init__(
            store, "settings_backups",
            "Automatic backups to keep, besides today's and yesterday's. The oldest go "
            "first; at least one of each kind always stays.",
        )  # fmt: skip
        self.keep_daily = _spin(settings.KEEP_DAILY, backup.MIN_DAILY, " days", "keep_daily")
        self.keep_weekly = _spin(settings.KEEP_WEEKLY, backup.MIN_WEEKLY, " weeks", "keep_weekly")
        self.keep_monthly = _spin(
            settings.KEEP_MONTHLY, backup.MIN_MONTHLY, " months", "keep_monthly"
        )
        self.form.addRow("&Daily backups:", self.keep_daily)
        self.form.addRow("&Weekly backups:", self.keep_weekly)
        self.form.addRow("&Monthly backups:", self.keep_monthly)

    def load(self) -> None:
        policy = backup.policy(self.store)
        self.keep_daily.setValue(policy.daily)
        self.keep_weekly.setValue(policy.weekly)
        self.keep_monthly.setValue(policy.monthly)

    def save(self) -> None:
        settings.KEEP_DAILY.set(self.store, self.keep_daily.value())
        settings.KEEP_WEEKLY.set(self.store, self.keep_weekly.value())
        settings.KEEP_MONTHLY.set(self.store, self.keep_monthly.value())
