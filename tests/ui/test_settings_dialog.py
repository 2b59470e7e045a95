"""The Settings dialog: pages that show the stored values and store what the user chose."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QSpinBox
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.services import settings
from careerplanner.services.startup import open_data_dir
from careerplanner.store import Store
from careerplanner.ui import theme
from careerplanner.ui.window.main_window import MainWindow
from careerplanner.ui.window.settings import SettingsDialog
from careerplanner.ui.window.settings.page import SettingsPage
from raw_settings import put_raw

CATEGORIES = ["System Design", "ML Architecture", "Data Engineering", "Leadership"]


@pytest.fixture(autouse=True)
def _light_again() -> object:
    yield None
    theme.apply(theme.LIGHT)


def _click(qtbot: QtBot, dialog: SettingsDialog, button: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.buttons.button(button), Qt.MouseButton.LeftButton)


def _stored(store: Store) -> dict[str, object]:
    return {
        "theme": settings.THEME.get(store),
        "weekday": settings.FIRST_WEEKDAY.get(store),
        "paper": settings.PLAN_PAPER.get(store),
        "timers": [settings.PRACTICE_TIMER.of(c).get(store) for c in CATEGORIES],
        "keep": [s.get(store) for s in settings.RETENTION],
    }


def test_the_pages_show_what_is_stored(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    s = window.store
    settings.THEME.set(s, "dark")
    settings.FIRST_WEEKDAY.set(s, 6)
    settings.PLAN_PAPER.set(s, "Letter")
    settings.PRACTICE_TIMER.of("Leadership").set(s, 150)
    settings.KEEP_WEEKLY.set(s, 500)
    dialog = window.show_settings()
    general = dialog.general
    assert general.theme_combo.currentData() == "dark"
    assert general.weekday_combo.currentText() == "Sunday"
    assert general.paper_combo.currentText() == "US Letter"
    assert list(dialog.timers.timer_spins) == CATEGORIES  # the path's, in order
    assert dialog.timers.timer_spins["Leadership"].value() == 150
    assert dialog.timers.timer_spins["System Design"].value() == 20  # the default
    assert [dialog.backups.keep_daily.value(), dialog.backups.keep_weekly.value(),
            dialog.backups.keep_monthly.value()] == [7, 500, 12]  # fmt: skip
    # Every range is the declaration's: opening and saving never cuts a value down.
    spin = dialog.timers.timer_spins["Leadership"]
    assert (spin.minimum(), spin.maximum()) == (1, 180)
    assert dialog.backups.keep_weekly.maximum() == settings.KEEP_WEEKLY.high
    before = _stored(s)
    _click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert _stored(s) == before


def test_ok_saves_every_page_and_the_window_follows(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    dialog = window.show_settings()
    assert [dialog.page_list.item(i).text() for i in range(dialog.page_list.count())] == [
        "General", "Interview Practice", "Backups"]  # fmt: skip
    general = dialog.general
    general.theme_combo.setCurrentIndex(general.theme_combo.findData(theme.DARK))
    general.weekday_combo.setCurrentIndex(general.weekday_combo.findText("Saturday"))
    general.paper_combo.setCurrentIndex(general.paper_combo.findText("A4"))
    dialog.page_list.setCurrentRow(1)
    assert dialog.stack.currentIndex() == 1
    assert dialog.timers.isVisible() and not general.isVisible()
    spin = dialog.timers.timer_spins["Data Engineering"]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "33")
    dialog.show_page(dialog.backups)
    for box, value in ((dialog.backups.keep_daily, 2), (dialog.backups.keep_monthly, 24)):
        box.setValue(value)
    _click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert _stored(window.store) == {
        "theme": "dark", "weekday": 5, "paper": "A4", "timers": [20, 15, 33, 8],
        "keep": [2, 4, 24],
    }  # fmt: skip
    assert window.theme_actions[theme.DARK].isChecked()
    assert window.tab("overview").heatmap.data.start.weekday() == 5  # type: ignore[attr-defined,union-attr]


def test_cancel_changes_nothing(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    dialog = window.show_settings()
    before = _stored(window.store)
    dialog.general.theme_combo.setCurrentIndex(dialog.general.theme_combo.findData(theme.DARK))
    dialog.timers.timer_spins["Leadership"].setValue(99)
    dialog.backups.keep_daily.setValue(1)
    _click(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert _stored(window.store) == before
    assert window.theme_actions[theme.SYSTEM].isChecked()


def test_values_the_app_cannot_use_open_as_defaults(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    s = window.store
    bad = {"theme": "purple", "plan.paper": "A5", "first_weekday": "x",
           "practice.timer.Leadership": "0", "backup.keep_daily": "lots"}  # fmt: skip
    for key, text in bad.items():
        put_raw(s, key, text)
    dialog = window.show_settings()
    assert dialog.general.theme_combo.currentData() == theme.SYSTEM
    assert dialog.general.weekday_combo.currentText() == "Monday"
    assert dialog.general.paper_combo.currentData() in settings.PLAN_PAPER.choices
    assert dialog.timers.timer_spins["Leadership"].value() == 8
    assert dialog.backups.keep_daily.value() == 7
    _click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert settings.THEME.get(s) == "system" and settings.KEEP_DAILY.get(s) == 7


def test_a_week_start_from_an_import_is_shown_and_kept(qtbot: QtBot, data_dir: Path) -> None:
    """The dialog offers Monday, Sunday and Saturday; a Thursday set elsewhere (an
    imported file) is shown as it is, and saving does not turn it into a Monday."""
    window = show_window(qtbot, data_dir)
    settings.FIRST_WEEKDAY.set(window.store, 3)
    dialog = window.show_settings()
    assert dialog.general.weekday_combo.currentText() == "Thursday"
    _click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert settings.FIRST_WEEKDAY.get(window.store) == 3


def test_ok_saves_all_pages_or_none(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that cannot save (here: a failing disk, injected) leaves every setting as
    it was, including those of the pages saved before it."""
    window = show_window(qtbot, data_dir)
    dialog = window.show_settings()
    before = _stored(window.store)
    dialog.general.theme_combo.setCurrentIndex(dialog.general.theme_combo.findData(theme.DARK))
    dialog.timers.timer_spins["Leadership"].setValue(99)

    def fail() -> None:
        raise OSError("disk full")

    monkeypatch.setattr(dialog.backups, "save", fail)
    with pytest.raises(OSError):
        dialog.save()
    assert _stored(window.store) == before
    dialog.reject()


def test_a_path_without_questions_says_so(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    dialog = SettingsDialog(window, window.store, [])
    qtbot.addWidget(dialog)
    assert dialog.timers.timer_spins == {}
    texts = [lab.text() for lab in dialog.timers.findChildren(QLabel)]
    assert "This career path has no interview questions." in texts
    dialog.save()
    assert settings.PRACTICE_TIMER.of("Leadership").get(window.store) == 8


def test_every_page_has_a_title_and_a_name(qtbot: QtBot, data_dir: Path) -> None:
    window: MainWindow = show_window(qtbot, data_dir)
    dialog = window.show_settings()
    names = {page.objectName() for page in dialog.pages}
    assert names == {"settings_general", "settings_timers", "settings_backups"}
    assert all(isinstance(p, SettingsPage) and p.TITLE for p in dialog.pages)
    assert {s.objectName() for s in dialog.backups.findChildren(QSpinBox)} == {
        "keep_daily", "keep_weekly", "keep_monthly"}  # fmt: skip
    dialog.reject()


def test_the_window_opens_as_it_was_closed(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    window.resize(760, 500)
    size = window.size()
    assert size.height() == 500  # (the width may stop at the window's minimum)
    window.tabs.setCurrentIndex(3)
    window.close()
    again = show_window(qtbot, data_dir)
    assert again.size() == size
    assert again.tabs.currentIndex() == 3


def test_a_saved_window_state_the_app_cannot_use_opens_a_default_window(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = show_window(qtbot, data_dir)
    window.close()
    store = open_data_dir(data_dir)
    try:
        put_raw(store, settings.WINDOW_GEOMETRY.key, "AAAA")  # Base64, not a geometry
        put_raw(store, settings.CURRENT_TAB.key, "77")  # no such tab
    finally:
        store.close()
    again = show_window(qtbot, data_dir)
    assert (again.width(), again.height()) == (1180, 780)
    assert again.tabs.currentIndex() == 0


def test_many_categories_scroll_inside_a_dialog_that_fits_a_small_screen(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = show_window(qtbot, data_dir)
    categories = [f"Category {i}" for i in range(60)]
    dialog = SettingsDialog(window, window.store, categories)
    qtbot.addWidget(dialog)
    dialog.show_page(dialog.timers)
    assert dialog.sizeHint().height() <= 600
    assert list(dialog.timers.timer_spins) == categories
