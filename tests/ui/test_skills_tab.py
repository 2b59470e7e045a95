"""The Skills tab: assessment widgets, the radar it draws, snapshots, gaps, the image."""

from __future__ import annotations

import math
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QCheckBox
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.services import roadmap
from careerplanner.services.changes import Area
from careerplanner.store import models as m
from careerplanner.ui.skills.radar import (
    CURRENT_COLOR,
    SNAPSHOT_COLOR,
    TARGET_COLOR,
    polygon_points,
    render_radar_image,
)
from careerplanner.ui.skills.tab import SkillsTab
from careerplanner.ui.window.main_window import MainWindow
from careerplanner.vocab import TutorialStatus

KEYS = [
    "ml-fundamentals",
    "system-design",
    "data-engineering",
    "ml-infrastructure",
    "cloud-devops",
    "ai-agents-llms",
]
TARGETS = [2, 3, 2, 3, 2, 2]  # from the built-in path


def _open(qtbot: QtBot, data_dir: Path) -> MainWindow:
    window = show_window(qtbot, data_dir)
    return window


def _skills(window: MainWindow) -> SkillsTab:
    tab = window.show_tab("skills")
    assert isinstance(tab, SkillsTab)
    return tab


def _radii(points: list[tuple[float, float]]) -> list[float]:
    return [round(math.hypot(x, y), 6) for x, y in points]


def _click_level(qtbot: QtBot, tab: SkillsTab, key: str, level: int) -> None:
    qtbot.mouseClick(tab.cards[key].buttons[level], Qt.MouseButton.LeftButton)


def _assert_polygon(points: list[tuple[float, float]], levels: list[int]) -> None:
    """The drawn vertices are exactly the levels, one per axis, in the skills' order."""
    assert len(points) == len(levels)
    for (x, y), (ex, ey) in zip(points, polygon_points(levels), strict=True):
        assert x == pytest.approx(ex, abs=1e-9)
        assert y == pytest.approx(ey, abs=1e-9)
    assert _radii(points) == [float(v) for v in levels]


def test_radar_draws_the_targets_and_the_levels_set_with_the_widgets(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = _open(qtbot, data_dir)
    tab = _skills(window)
    assert list(tab.cards) == KEYS
    assert tab.chart.labels == [
        "ML Fundamentals", "System Design", "Data Engineering",
        "ML Infrastructure", "Cloud & DevOps", "AI Agents & LLMs",
    ]  # fmt: skip
    _assert_polygon(tab.chart.points("target"), TARGETS)
    _assert_polygon(tab.chart.points("current"), [0] * 6)
    assert tab.chart.points("snapshot") == []

    levels = [2, 1, 3, 4, 0, 1]
    for key, level in zip(KEYS, levels, strict=True):
        _click_level(qtbot, tab, key, level)
        assert tab.cards[key].level() == level
    _assert_polygon(tab.chart.points("current"), levels)
    _assert_polygon(tab.chart.points("target"), TARGETS)  # the target does not move

    # Ctrl+Z puts the last level back, on the buttons and on the chart.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.cards["ai-agents-llms"].level() == 0
    _assert_polygon(tab.chart.points("current"), [2, 1, 3, 4, 0, 0])
    # Picking Cloud & DevOps' level 0 again changed nothing, so the next undo is ML Infra.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.cards["ml-infrastructure"].level() == 0
    _assert_polygon(tab.chart.points("current"), [2, 1, 3, 0, 0, 0])


def test_level_changes_announce_skill_changes(qtbot: QtBot, data_dir: Path) -> None:
    tab = _skills(_open(qtbot, data_dir))
    with qtbot.waitSignal(
        tab.events.changed, timeout=1000, check_params_cb=lambda c: c.touches(Area.SKILLS)
    ):
        _click_level(qtbot, tab, "system-design", 3)
    assert m.Skill.get(m.Skill.key == "system-design").level == 3


def test_levels_and_topics_survive_a_restart(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    tab = _skills(window)
    _click_level(qtbot, tab, "cloud-devops", 3)
    iac = tab.findChild(QCheckBox, "topic_cloud-devops_iac")
    assert iac is not None and iac.text() == "IaC (Pulumi/Terraform)"
    qtbot.mouseClick(iac, Qt.MouseButton.LeftButton)
    assert iac.isChecked()
    assert tab.cards["cloud-devops"].topics_label.text() == "1 of 4 topics ticked"
    window.close()

    again = _skills(_open(qtbot, data_dir))
    assert again.cards["cloud-devops"].level() == 3
    box = again.findChild(QCheckBox, "topic_cloud-devops_iac")
    assert box is not None and box.isChecked()
    _assert_polygon(again.chart.points("current"), [0, 0, 0, 0, 3, 0])


def test_snapshots_are_saved_listed_and_overlaid(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    tab = _skills(window)
    assert tab.history_chart.empty.isVisibleTo(tab.history_chart)
    _click_level(qtbot, tab, "ml-fundamentals", 1)
    qtbot.keyClicks(tab.note, "Before the course")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.note.text() == ""
    assert tab.snapshot_list.count() == 1
    assert tab.snapshot_list.item(0).text().endswith("— Before the course")

    _click_level(qtbot, tab, "ml-fundamentals", 3)
    _click_level(qtbot, tab, "system-design", 2)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.snapshot_list.count() == 2
    assert "Before the course" in tab.snapshot_list.item(1).text()  # newest first
    assert "—" not in tab.snapshot_list.item(0).text()  # saved without a note
    # The history chart (drawn when its panel is shown) has both snapshots; saved the
    # same day, they make one point by date: the day's last.
    tab.panels.setCurrentIndex(1)
    assert [len(points) for _name, points in tab.history_chart.series] == [2] * 6
    assert [p[1] for p in tab.history_chart.series[0][1]] == [1, 3]
    assert [level for _day, level in tab.history_chart.days[0][1]] == [3]

    # Choose the older snapshot and show it on the radar.
    tab.panels.setCurrentIndex(1)
    tab.snapshot_list.setCurrentRow(1)
    qtbot.mouseClick(tab.show_button, Qt.MouseButton.LeftButton)
    assert tab.compare.currentText().endswith("Before the course")
    _assert_polygon(tab.chart.points("snapshot"), [1, 0, 0, 0, 0, 0])
    _assert_polygon(tab.chart.points("current"), [3, 2, 0, 0, 0, 0])
    # The overlay stays while levels change; "No earlier snapshot" hides it.
    _click_level(qtbot, tab, "data-engineering", 2)
    _assert_polygon(tab.chart.points("snapshot"), [1, 0, 0, 0, 0, 0])
    tab.compare.setCurrentIndex(0)
    assert tab.chart.points("snapshot") == []

    # Deleting a snapshot can be undone.
    tab.snapshot_list.setCurrentRow(0)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert tab.snapshot_list.count() == 1
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.snapshot_list.count() == 2
    window.close()

    again = _skills(_open(qtbot, data_dir))
    assert again.snapshot_list.count() == 2
    assert again.compare.count() == 3  # "No earlier snapshot" and the two


def test_gap_table_is_largest_first_and_opens_tutorials_in_the_roadmap(
    qtbot: QtBot, qtmodeltester: object, data_dir: Path
) -> None:
    window = _open(qtbot, data_dir)
    tab = _skills(window)
    qtmodeltester.check(tab.gap_model)  # type: ignore[attr-defined]
    model = tab.gap_model

    def names() -> list[str]:
        return [model.index(r, 0).data() for r in range(model.rowCount())]

    # Not rated yet: the gaps are unknown, the skills in the path's order.
    assert names() == [
        "ML Fundamentals", "System Design", "Data Engineering",
        "ML Infrastructure", "Cloud & DevOps", "AI Agents & LLMs",
    ]  # fmt: skip
    assert [model.index(0, c).data() for c in (1, 3)] == ["Not rated yet", "—"]
    _click_level(qtbot, tab, "data-engineering", 0)  # None, chosen: still no assessment
    assert model.index(0, 1).data() == "Not rated yet"
    _click_level(qtbot, tab, "data-engineering", 1)
    # Rated: the largest gap first, ties in the path's order.
    assert names() == [
        "System Design", "ML Infrastructure", "ML Fundamentals",
        "Cloud & DevOps", "AI Agents & LLMs", "Data Engineering",
    ]  # fmt: skip
    assert model.index(0, 3).data() == "3 levels"
    _click_level(qtbot, tab, "data-engineering", 0)
    _click_level(qtbot, tab, "system-design", 4)
    _click_level(qtbot, tab, "ml-fundamentals", 1)
    assert names() == [
        "ML Infrastructure", "Data Engineering", "Cloud & DevOps",
        "AI Agents & LLMs", "ML Fundamentals", "System Design",
    ]  # fmt: skip
    assert model.index(5, 3).data() == "Above"
    qtmodeltester.check(model)  # type: ignore[attr-defined]

    # The selected skill's unfinished tutorials; one opens in the Roadmap tab.
    tab.gap_view.selectRow(0)
    assert "ML Infrastructure" in tab.tutorials_title.text()
    count = tab.tutorial_list.count()
    assert count >= 4
    tab.tutorial_list.setCurrentRow(1)
    wanted = int(tab.tutorial_list.currentItem().data(Qt.ItemDataRole.UserRole))
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.tabs.widget(1)
    road = window.tab("roadmap")
    current = road.current_tutorial()  # type: ignore[attr-defined]
    assert current is not None and current.id == wanted

    # Finishing it there updates the progress hint and drops it from the list.
    window.events.run(
        "Done", partial(roadmap.set_status, window.store, wanted, TutorialStatus.DONE)
    )
    window.show_tab("skills")  # a hidden tab catches up when it is shown
    assert tab.tutorial_list.count() == count - 1
    assert tab.cards["ml-infrastructure"].track_label.text().startswith("1 of ")
    assert tab.cards["ml-infrastructure"].level() == 0  # the hint never sets a level


def test_rendered_radar_image_shows_the_three_polygons(qapp: QApplication) -> None:
    labels = ["One", "Two", "Three", "Four", "Five", "Six"]
    image = render_radar_image(
        [3, 3, 3, 3, 3, 3], [1, 2, 1, 2, 1, 2], [4, 0, 4, 0, 4, 0], labels=labels, size=(600, 420)
    )
    assert (image.width(), image.height()) == (600, 420)
    assert _count(image, TARGET_COLOR) > 200
    assert _count(image, CURRENT_COLOR) > 200
    assert _count(image, SNAPSHOT_COLOR) > 200

    plain = render_radar_image([3] * 6, [1] * 6, labels=labels, size=(300, 240), dark=True)
    assert _count(plain, SNAPSHOT_COLOR) == 0
    assert _count(plain, TARGET_COLOR) > 50
    assert QColor(plain.pixel(1, 1)).lightness() < 60  # a dark background


def _count(image: QImage, color: str, tolerance: int = 12) -> int:
    want = QColor(color)
    found = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = QColor(image.pixel(x, y))
            if (
                abs(c.red() - want.red()) <= tolerance
                and abs(c.green() - want.green()) <= tolerance
                and abs(c.blue() - want.blue()) <= tolerance
            ):
                found += 1
    return found


def test_pyqtgraph_is_not_imported_with_the_tab_module() -> None:
    code = (
        "import sys; import careerplanner.ui.skills.tab, careerplanner.ui.skills.radar, "
        "careerplanner.ui.skills.history_chart; print('pyqtgraph' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_thousands_of_signal_emits_do_not_use_up_true(qtbot: QtBot, data_dir: Path) -> None:
    """PySide6 6.12.0 loses a reference to True per emit; the app guards against it."""
    window = _open(qtbot, data_dir)
    tab = _skills(window)
    for _ in range(3000):  # about as many emits as redrawing the radar 300 times
        tab.events.status_message.emit("")
    for level in (1, 2, 3, 4, 0) * 20:
        tab.chart.set_data(tab.chart.labels, TARGETS, [level] * 6)
    assert sys.getrefcount(True) > 1000
