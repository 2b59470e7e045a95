"""Axis ticks of the charts: dates named by day, month or year as the span asks, and
whole numbers in steps of 1, 2 or 5."""

from __future__ import annotations

from datetime import date

import pytest

from careerplanner import limits
from careerplanner.ui.kit.chart_axes import date_ticks, int_ticks


def test_months_carry_their_year_where_it_changes() -> None:
    ticks = date_ticks(date(2025, 10, 20), date(2026, 5, 3), 12)
    assert [t.label for t in ticks] == ["Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May"]
    assert [t.year for t in ticks] == ["2025", "", "2026", "", "", "", ""]
    assert all(t.day.day == 1 for t in ticks)


def test_a_season_or_more_reads_by_month_even_with_room_for_weeks() -> None:
    ticks = date_ticks(date(2026, 4, 1), date(2026, 11, 29), 40)
    assert {t.label for t in ticks} <= {"Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"}


def test_a_fortnight_reads_by_day_and_few_ticks_mean_bigger_steps() -> None:
    days = date_ticks(date(2026, 6, 3), date(2026, 6, 17), 20)
    assert days[0].label == "3 Jun" and days[0].year == "2026" and len(days) == 15
    weeks = date_ticks(date(2026, 6, 3), date(2026, 6, 17), 3)
    assert [t.label for t in weeks] == ["8 Jun", "15 Jun"]  # Mondays
    spaced = date_ticks(date(2020, 1, 1), date(2026, 1, 1), 8)
    assert [t.label for t in spaced] == [str(y) for y in range(2020, 2027)]


@pytest.mark.parametrize("max_ticks", [2, 5, 30])
def test_the_whole_range_of_dates_has_ticks(max_ticks: int) -> None:
    ticks = date_ticks(limits.MIN_DATE, limits.MAX_DATE, max_ticks)
    assert 2 <= len(ticks) <= max(max_ticks, 2) + 1
    assert all(limits.MIN_DATE <= t.day <= limits.MAX_DATE for t in ticks)


@pytest.mark.parametrize(
    ("maximum", "room", "expected"),
    [
        (0, 4, [0, 1]),
        (1, 4, [0, 1]),
        (3, 4, [0, 1, 2, 3]),
        (40, 3, [0, 20, 40]),
        (41, 3, [0, 20, 40, 60]),
        (20_000, 4, [0, 5_000, 10_000, 15_000, 20_000]),
        (float("nan"), 4, [0, 1]),
    ],
)
def test_whole_number_ticks(maximum: float, room: int, expected: list[int]) -> None:
    assert int_ticks(maximum, room) == expected
