"""Every chart follows the theme: switched live from View → Theme, and from the start in
dark mode. Colours are read from the widgets and from what they render."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.services import catalog, packs, practice, roadmap, skills
from careerplanner.services.startup import open_data_dir
from careerplanner.ui import theme
from careerplanner.ui.overview.tab import OverviewTab
from careerplanner.ui.practice.tab import PracticeTab
from careerplanner.ui.skills.tab import SkillsTab
from careerplanner.ui.window.main_window import MainWindow
from careerplanner.vocab import TutorialStatus

Role = QPalette.ColorRole


@pytest.fixture(autouse=True)
def _light_again(qapp: QApplication) -> Iterator[None]:
    """The palette belongs to the whole application: every test ends in light."""
    yield
    theme.apply(theme.LIGHT)


@pytest.fixture
def used_data(data_dir: Path) -> Path:
    """A data folder with something for every chart to draw."""
    store = open_data_dir(data_dir)
    try:
        path_id = packs.ensure_builtin_pack(store).path_id
        tutorial = catalog.roadmap(store, path_id)[0].tutorials[0]
        roadmap.set_status(store, tutorial.id, TutorialStatus.DONE)
        qid = catalog.questions(store, path_id)[0].id
        now = datetime.now(timezone.utc)
        for days, rating in ((30, 2), (10, 3), (1, 4)):
            practice.rate(store, qid, rating, now=now - timedelta(days=days))
        first = skills.assessment(store, path_id)[0]
        skills.save_snapshot(store, path_id, "before", now=datetime.now() - timedelta(days=40))
        skills.set_level(store, first.id, 2)
        skills.save_snapshot(store, path_id, "after")
    finally:
        store.close()
    return data_dir


def _same(a: QColor, b: QColor) -> bool:
    return a.rgb() == b.rgb()


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def _dark(palette: QPalette) -> bool:
    return palette.color(Role.Base).lightness() < 128


def _corner(widget: QWidget) -> QColor:
    """The colour a widget renders at its top-left corner (its background)."""
    return widget.grab().toImage().pixelColor(3, 3)


def _open_every_chart(qtbot: QtBot, data_dir: Path) -> MainWindow:
    window = show_window(qtbot, data_dir)
    overview = window.show_tab("overview")
    assert isinstance(overview, OverviewTab)
    overview.build_deferred()
    skills_tab = window.show_tab("skills")
    assert isinstance(skills_tab, SkillsTab)
    skills_tab.compare.setCurrentIndex(1)
    skills_tab.panels.setCurrentIndex(1)  # the history chart
    practice_tab = window.show_tab("practice")
    assert isinstance(practice_tab, PracticeTab)
    practice_tab.select_item(catalog.questions(window.store, window.path_id)[0].id)
    practice_tab.right.setCurrentWidget(practice_tab.history)
    assert practice_tab.history.chart_colors() is not None
    return window


def _check(qtbot: QtBot, window: MainWindow, palette: QPalette) -> None:
    """Every chart in ``palette``'s colours, on the tab where the user sees it."""
    base, text = palette.color(Role.Base), palette.color(Role.WindowText)
    # Qt hands a new application palette to the widgets from its event loop.
    qtbot.waitUntil(lambda: _same(window.palette().color(Role.Base), base), timeout=5000)

    overview = window.show_tab("overview")
    assert isinstance(overview, OverviewTab)
    chart = overview.chart
    assert chart is not None
    assert [c.rgb() for c in chart.colors()] == [base.rgb(), text.rgb()]
    assert _same(_corner(chart), base)
    heatmap = overview.heatmap
    image = heatmap.grab().toImage()
    more = heatmap.legend_cells()[-1].center()
    assert _same(image.pixelColor(more), palette.color(Role.Highlight))
    assert _same(heatmap.palette().color(Role.WindowText), text)
    tagline = overview.tagline  # a muted label: the theme's placeholder colour
    assert _same(tagline.palette().color(tagline.foregroundRole()), palette.color(
        Role.PlaceholderText))  # fmt: skip
    for name in ("next_0", "gap_0"):  # the Overview's entries, not only its charts
        button = overview.findChild(QPushButton, name)
        assert button is not None
        face = button.grab().toImage().pixelColor(button.width() - 6, button.height() // 2)
        # Fusion shades a button's face: it is nearer this theme's button than the other's.
        other = theme.light_palette() if _dark(palette) else theme.dark_palette()
        assert _distance(face, palette.color(Role.Button)) < _distance(
            face, other.color(Role.Button)
        ), (name, face.name())

    skills_tab = window.show_tab("skills")
    assert isinstance(skills_tab, SkillsTab)
    radar = skills_tab.chart
    assert [c.rgb() for c in radar.colors()] == [base.rgb(), text.rgb()]
    assert _same(_corner(radar.plot), base)
    history = skills_tab.history_chart
    assert [c.rgb() for c in history.colors()] == [base.rgb(), text.rgb()]
    assert _same(_corner(history.plot), base)

    practice_tab = window.show_tab("practice")
    assert isinstance(practice_tab, PracticeTab)
    colors = practice_tab.history.chart_colors()
    assert colors is not None and [c.rgb() for c in colors] == [base.rgb(), text.rgb()]
    assert _same(_corner(practice_tab.history.chart_view), base)


def test_every_chart_follows_a_live_theme_switch(qtbot: QtBot, used_data: Path) -> None:
    window = _open_every_chart(qtbot, used_data)
    window.theme_actions[theme.LIGHT].trigger()
    _check(qtbot, window, theme.light_palette())
    window.theme_actions[theme.DARK].trigger()  # View → Theme → Dark
    _check(qtbot, window, theme.dark_palette())
    window.theme_actions[theme.LIGHT].trigger()
    _check(qtbot, window, theme.light_palette())


def test_every_chart_starts_in_dark_mode(qtbot: QtBot, used_data: Path) -> None:
    window = show_window(qtbot, used_data)
    window.theme_actions[theme.DARK].trigger()
    window.close()
    theme.apply(theme.LIGHT)  # as a new process starts: the setting alone says dark

    again = _open_every_chart(qtbot, used_data)
    _check(qtbot, again, theme.dark_palette())
