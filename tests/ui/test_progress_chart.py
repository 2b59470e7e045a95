"""The Overview's progress-over-time chart, as a user reads it: two cumulative totals on
their own whole-number scales over a month-labelled date axis, a tooltip with the date
and both totals, and every history the data can hold (none, one day, years, the limits).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QScrollArea, QToolTip
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner import limits
from careerplanner.services import practice
from careerplanner.services.activity import ProgressPoint
from careerplanner.ui.overview.progress_chart import (
    EMPTY_TEXT,
    REVIEWS_COLOR,
    TUTORIALS_COLOR,
    ProgressChart,
)
from careerplanner.ui.overview.tab import OverviewTab

TODAY = date(2026, 6, 17)
MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}


def _chart(qtbot: QtBot, points: list[ProgressPoint], width: int = 900) -> ProgressChart:
    chart = ProgressChart()
    qtbot.addWidget(chart)
    chart.resize(width, 260)
    chart.set_points(points, TODAY)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def _has_color(image: QImage, color: str, near: int = 40) -> bool:
    """Whether the image holds a pixel close to ``color`` (antialiased lines blend)."""
    want = QColor(color)
    for y in range(0, image.height(), 1):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (abs(c.red() - want.red()) + abs(c.green() - want.green())
                    + abs(c.blue() - want.blue())) <= near:  # fmt: skip
                return True
    return False


def _line_drawn(chart: ProgressChart, index: int) -> bool:
    """Whether panel ``index`` (0 tutorials, 1 reviews) shows its line inside the plot."""
    image = chart.grab().toImage()
    inside = image.copy(chart.panels()[index].toRect().adjusted(2, 2, 0, -2))
    return _has_color(inside, (TUTORIALS_COLOR, REVIEWS_COLOR)[index])


def _hover(qtbot: QtBot, chart: ProgressChart, day: date) -> str:
    """Move the mouse over ``day`` in the upper panel; the tooltip shown."""
    QToolTip.hideText()
    for x in range(chart.width()):
        if chart.day_at(QPoint(x, 60)) == day:
            qtbot.mouseMove(chart, QPoint(0, 0))  # from elsewhere, so that the mouse moves
            qtbot.mouseMove(chart, QPoint(x, 60))
            qtbot.waitUntil(lambda: QToolTip.isVisible() and bool(QToolTip.text()), timeout=3000)
            return QToolTip.text()
    raise AssertionError(f"{day} is not on the chart")


def test_the_overview_chart_follows_the_work_and_tells_the_date_on_hover(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = show_window(qtbot, data_dir)
    tab = window.show_tab("overview")
    assert isinstance(tab, OverviewTab)
    qtbot.waitUntil(lambda: tab.chart is not None, timeout=5000)
    chart = tab.chart
    assert chart is not None
    qtbot.waitUntil(chart.isVisible, timeout=3000)
    assert chart.total("tutorials") == 0 and chart.total("reviews") == 0
    roadmap = window.tab("roadmap")
    roadmap.select_item(roadmap.model.phases()[0].tutorials[0].id)  # type: ignore[attr-defined]
    roadmap.set_status("done")  # type: ignore[attr-defined]
    qid = practice.question_bank(window.store, window.path_id)[0].id
    two_days_ago = datetime.now(timezone.utc) - timedelta(days=2)
    window.events.run("Rate", partial(practice.rate, window.store, qid, 3, now=two_days_ago))
    assert chart.total("tutorials") == 1 and chart.total("reviews") == 1
    area = tab.findChild(QScrollArea)
    assert area is not None
    area.ensureWidgetVisible(chart)  # scrolled down to it
    text = _hover(qtbot, chart, date.today())
    assert text.splitlines() == [
        f"{date.today():%a %d %b %Y}",
        "Tutorials finished: 1 (+1 that day)",
        "Practice reviews: 1",
    ]


def test_one_day_of_work_reads_as_a_step_with_month_named_days(qtbot: QtBot) -> None:
    chart = _chart(qtbot, [ProgressPoint(TODAY - timedelta(days=3), 1, 0)])
    xs, ys = chart.series()["tutorials"]
    assert ys == [0, 0, 1, 1] and xs[1] == xs[2] == TODAY - timedelta(days=3)
    assert xs[-1] == TODAY  # the line runs on to today
    assert chart.y_ticks("tutorials") == [0, 1]
    ticks = chart.x_ticks()
    assert len(ticks) >= 2
    assert all(t.label.split()[-1] in MONTHS for t in ticks)  # "14 Jun"
    assert ticks[0].year == "2026"
    assert _hover(qtbot, chart, TODAY - timedelta(days=4)).splitlines()[1:] == [
        "Tutorials finished: 0",
        "Practice reviews: 0",
    ]
    assert _line_drawn(chart, 0)


def test_years_of_data_keep_both_lines_readable_on_their_own_scales(qtbot: QtBot) -> None:
    start = TODAY - timedelta(days=5 * 365)
    points = [ProgressPoint(start + timedelta(days=i), i // 45, i * 11) for i in range(5 * 365)]
    chart = _chart(qtbot, points, width=1200)
    # Each total has its own whole-number scale: 40 tutorials are not flattened against
    # 20,000 reviews.
    tutorials, reviews = chart.y_ticks("tutorials"), chart.y_ticks("reviews")
    assert tutorials[-1] >= chart.total("tutorials") and tutorials[-1] < 100
    assert reviews[-1] >= chart.total("reviews") > 10_000
    assert all(isinstance(t, int) for t in tutorials + reviews)
    assert 3 <= len(tutorials) <= 8
    ticks = chart.x_ticks()
    assert all(t.label in MONTHS for t in ticks)  # month-labelled
    years = [t.year for t in ticks if t.year]
    assert years == [str(y) for y in range(int(years[0]), 2027)]  # each year named once
    assert 8 <= len(ticks) <= 40
    assert _line_drawn(chart, 0) and _line_drawn(chart, 1)


@pytest.mark.parametrize(
    "days",
    [
        (limits.MIN_DATE, limits.MAX_DATE),
        (limits.MIN_DATE,),
        (limits.MAX_DATE,),
    ],
)
def test_dates_at_the_limits_are_drawn(qtbot: QtBot, days: tuple[date, ...]) -> None:
    points = [ProgressPoint(d, i + 1, 2 * i) for i, d in enumerate(days)]
    chart = _chart(qtbot, points)
    assert chart.series()["tutorials"][1][-1] == len(days)
    assert chart.first <= days[0] and chart.last >= days[-1]
    ticks = chart.x_ticks()
    assert len(ticks) >= 2
    assert all(chart.first <= t.day <= chart.last for t in ticks)
    assert chart.tooltip_for(days[-1]).startswith(f"{days[-1]:%a %d %b %Y}")
    chart.grab()  # painting does not fail


def test_an_empty_history_says_how_to_start_it(qtbot: QtBot) -> None:
    chart = _chart(qtbot, [])
    assert chart.y_ticks("tutorials") == [0, 1]
    assert chart.series()["reviews"][1] == [0, 0]
    assert chart.accessibleDescription() == "No progress yet."
    assert EMPTY_TEXT.startswith("Finish a tutorial")
    assert not _line_drawn(chart, 0) and not _line_drawn(chart, 1)
