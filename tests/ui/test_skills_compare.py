"""Comparing the assessment with a snapshot, as a user does it: the compare box names the
snapshots and never offers one identical to now, the radar's legend names the one
compared with, a line says what changed since; the history chart stands by date."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.ui.skills.history_chart import SkillHistoryChart
from careerplanner.ui.skills.tab import SkillsTab


def _skills(qtbot: QtBot, data_dir: Path) -> SkillsTab:
    window = show_window(qtbot, data_dir)
    tab = window.show_tab("skills")
    assert isinstance(tab, SkillsTab)
    return tab


def _click_level(qtbot: QtBot, tab: SkillsTab, key: str, level: int) -> None:
    qtbot.mouseClick(tab.cards[key].buttons[level], Qt.MouseButton.LeftButton)


def _offered(tab: SkillsTab) -> list[str]:
    return [tab.compare.itemText(i) for i in range(1, tab.compare.count())]


def test_the_compare_box_names_snapshots_and_never_offers_one_identical_to_now(
    qtbot: QtBot, data_dir: Path
) -> None:
    tab = _skills(qtbot, data_dir)
    _click_level(qtbot, tab, "ml-fundamentals", 1)
    qtbot.keyClicks(tab.note, "Before the course")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    title = tab.snapshot_list.item(0).text()
    assert title.endswith(" — Before the course")
    datetime.strptime(title.split(" — ")[0], "%d %b %Y, %H:%M")  # date and time
    assert _offered(tab) == []  # the only snapshot is the assessment as it is now

    _click_level(qtbot, tab, "ml-fundamentals", 2)
    _click_level(qtbot, tab, "system-design", 1)
    assert _offered(tab) == [title]  # now it differs: offered by its name
    # A ticked topic makes a difference too; unticking it and going back does not.
    _click_level(qtbot, tab, "ml-fundamentals", 1)
    _click_level(qtbot, tab, "system-design", 0)
    assert _offered(tab) == []
    box = tab.findChild(QCheckBox, "topic_cloud-devops_iac")
    assert box is not None
    box.click()
    assert _offered(tab) == [title]
    box.click()
    assert _offered(tab) == []

    # Asking for it from the history list says why it is not shown.
    tab.panels.setCurrentIndex(1)
    tab.snapshot_list.setCurrentRow(0)
    messages: list[str] = []
    tab.events.status_message.connect(messages.append)
    qtbot.mouseClick(tab.show_button, Qt.MouseButton.LeftButton)
    assert tab.compare.currentIndex() == 0
    assert messages and "current assessment" in messages[-1]

    # Compared with: the legend names the snapshot, a line says what changed.
    _click_level(qtbot, tab, "ml-fundamentals", 3)
    _click_level(qtbot, tab, "system-design", 1)
    _click_level(qtbot, tab, "data-engineering", 2)
    tab.compare.setCurrentIndex(1)
    assert tab.chart.legend_names == ["Target", "Current", title]
    assert tab.radar.delta.text() == (
        f"Since {title}: ML Fundamentals +2, System Design +1, Data Engineering +2"
    )
    _click_level(qtbot, tab, "ml-fundamentals", 0)
    assert tab.radar.delta.text().endswith(
        ": ML Fundamentals \u22121, System Design +1, Data Engineering +2"
    )
    # The choice stays while it differs, and comes back after it matched for a while.
    _click_level(qtbot, tab, "ml-fundamentals", 1)
    _click_level(qtbot, tab, "system-design", 0)
    _click_level(qtbot, tab, "data-engineering", 0)
    assert tab.compare.currentIndex() == 0 and tab.chart.points("snapshot") == []
    _click_level(qtbot, tab, "ai-agents-llms", 1)
    assert tab.compare.currentIndex() == 1
    assert tab.radar.delta.text() == f"Since {title}: AI Agents & LLMs +1"
    tab.compare.setCurrentIndex(0)
    assert tab.radar.delta.isHidden()
    assert tab.chart.legend_names == ["Target", "Current"]


def test_a_long_or_marked_up_note_is_shown_as_written_and_cut_to_fit(
    qtbot: QtBot, data_dir: Path
) -> None:
    tab = _skills(qtbot, data_dir)
    note = "<b>Mock</b> interview with the platform team, before the architecture review"
    qtbot.keyClicks(tab.note, note)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    _click_level(qtbot, tab, "ml-fundamentals", 1)
    offered = _offered(tab)[0]
    assert offered.endswith("…") and "<b>Mock</b> interview" in offered
    assert tab.compare.itemData(1, Qt.ItemDataRole.ToolTipRole).endswith(note)
    tab.compare.setCurrentIndex(1)
    legend = tab.chart.legend_names[-1]
    assert legend.endswith("…") and "<b>Mock</b>" in legend
    assert note in tab.radar.delta.text()


def test_the_history_chart_spaces_snapshots_by_date(qtbot: QtBot) -> None:
    chart = SkillHistoryChart()
    qtbot.addWidget(chart)
    chart.resize(600, 260)
    chart.show()
    qtbot.waitExposed(chart)
    points = [
        (datetime(2026, 1, 5, 9, 0), 1),
        (datetime(2026, 1, 5, 23, 30), 2),  # later the same day: the day's level
        (datetime(2026, 1, 6, 0, 15), 2),  # just after midnight: the next day
        (datetime(2026, 4, 20, 12, 0), 3),
    ]
    chart.set_history([("ML Fundamentals", points), ("System Design", points[:1])])
    assert chart.days[0][1] == [(date(2026, 1, 5), 2), (date(2026, 1, 6), 2),
                                (date(2026, 4, 20), 3)]  # fmt: skip
    assert chart.days[1][1] == [(date(2026, 1, 5), 1)]
    labels = [t.label for t in chart.ticks]
    assert labels and all(":" not in label for label in labels)  # no hours on the axis
    assert {"Feb", "Mar", "Apr"} <= {label.split()[-1] for label in labels}
    # The x positions are days: one day apart is one unit, months apart are months.
    xs = chart.positions(0)
    assert [x - xs[0] for x in xs] == [0, 1, (date(2026, 4, 20) - date(2026, 1, 5)).days]
