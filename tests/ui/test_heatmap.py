"""The Overview's activity heatmap: what a day held on hover, a legend from less to more,
and squares sized to the card at the screen sizes people use."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QScrollArea, QToolTip
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.services import practice
from careerplanner.ui.overview.heatmap import HeatmapWidget
from careerplanner.ui.overview.tab import OverviewTab
from careerplanner.ui.window.main_window import MainWindow


def _overview(qtbot: QtBot, data_dir: Path) -> tuple[MainWindow, OverviewTab]:
    window = show_window(qtbot, data_dir)
    tab = window.show_tab("overview")
    assert isinstance(tab, OverviewTab)
    return window, tab


def _hover(qtbot: QtBot, tab: OverviewTab, day: date) -> str:
    heatmap = tab.heatmap
    area = tab.findChild(QScrollArea)
    assert area is not None
    area.ensureWidgetVisible(heatmap)
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=3000)
    qtbot.mouseMove(heatmap, QPoint(0, 0))  # from elsewhere, so that the mouse moves
    qtbot.mouseMove(heatmap, heatmap.cell(day).center())
    qtbot.waitUntil(lambda: QToolTip.isVisible() and bool(QToolTip.text()), timeout=5000)
    return QToolTip.text()


def test_hovering_a_day_says_what_was_done_on_it(qtbot: QtBot, data_dir: Path) -> None:
    window, tab = _overview(qtbot, data_dir)
    roadmap = window.tab("roadmap")
    roadmap.select_item(roadmap.model.phases()[0].tutorials[0].id)  # type: ignore[attr-defined]
    roadmap.set_status("done")  # type: ignore[attr-defined]
    bank = practice.question_bank(window.store, window.path_id)
    for q in bank[:2]:
        window.events.run("Rate", partial(practice.rate, window.store, q.id, 3,
                                          now=datetime.now(timezone.utc)))  # fmt: skip
    today = date.today()
    assert _hover(qtbot, tab, today) == (
        f"{today:%a %d %b %Y}: 1 tutorial finished, 2 practice answers"
    )
    yesterday = today - timedelta(days=1)
    assert _hover(qtbot, tab, yesterday) == f"{yesterday:%a %d %b %Y}: no activity"
    totals = tab.activity_totals.text()
    assert totals == "In the last 52 weeks: 1 tutorial finished, 2 practice answers."


def _color_at(image: QImage, point: QPoint) -> tuple[int, int, int]:
    c = image.pixelColor(point)
    return c.red(), c.green(), c.blue()


def test_the_legend_reads_from_less_to_more_in_the_shades_of_the_days(
    qtbot: QtBot, data_dir: Path
) -> None:
    window, tab = _overview(qtbot, data_dir)
    roadmap = window.tab("roadmap")
    roadmap.select_item(roadmap.model.phases()[0].tutorials[0].id)  # type: ignore[attr-defined]
    roadmap.set_status("done")  # type: ignore[attr-defined]
    heatmap = tab.heatmap
    cells = heatmap.legend_cells()
    assert len(cells) == 5
    assert all(heatmap.rect().contains(c) for c in cells)  # the legend is not cut off
    image = heatmap.grab().toImage()
    shades = [_color_at(image, c.center()) for c in cells]
    assert len(set(shades)) == 5  # five distinct shades…
    base = heatmap.palette().color(heatmap.backgroundRole())
    distance = [
        abs(r - base.red()) + abs(g - base.green()) + abs(b - base.blue()) for r, g, b in shades
    ]
    assert distance[1:] == sorted(distance[1:])  # …deeper from less to more
    # Today (the only active day) wears a legend shade; an empty day the "less" one.
    assert _color_at(image, heatmap.cell(date.today()).center()) in shades[1:]
    yesterday = heatmap.cell(date.today() - timedelta(days=1)).center()
    assert _color_at(image, yesterday) == shades[0]


@pytest.mark.parametrize("size", [(1366, 800), (1920, 1080)])
def test_the_heatmap_uses_its_card(qtbot: QtBot, data_dir: Path, size: tuple[int, int]) -> None:
    window, tab = _overview(qtbot, data_dir)
    window.resize(*size)
    heatmap, card = tab.heatmap, tab.activity_card
    wide = size[0] >= 1600
    # Laid out for the new width: side by side with the chart on a wide screen.
    qtbot.waitUntil(
        lambda: tab.side_by_side == wide and (card.width() < tab.width() / 2) == wide,
        timeout=3000,
    )
    room = card.contentsRect().width() - 28  # the card's margins
    grid = heatmap.legend_cells()[-1].right() + 40  # the squares and the legend's "More"
    assert 0.75 * room <= grid <= heatmap.width() <= room
    assert heatmap.height() >= heatmap.legend_cells()[-1].bottom()  # nothing cut off
    if wide:  # beside the progress chart, no taller than it
        assert card.height() <= tab.chart_card.height()


def test_a_standalone_heatmap_has_a_fixed_size_for_its_width(qtbot: QtBot) -> None:
    heatmap = HeatmapWidget()
    qtbot.addWidget(heatmap)
    small, large = heatmap.height_for(700), heatmap.height_for(1400)
    assert small < large  # squares grow with the width…
    assert heatmap.height_for(5000) == large  # …up to a limit
