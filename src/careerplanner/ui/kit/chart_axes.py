"""Axis ticks for the app's charts: dates by day, month or year, and whole numbers.

Plain arithmetic on ``date`` ordinals (no timestamps), so every date the app can hold
(``careerplanner.limits``) has a place on an axis, whatever the platform's clock
functions accept. The charts pick how many ticks fit their width or height.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

#: Steps tried, smallest first: (unit, how many units).
_STEPS = (
    ("day", 1), ("day", 2), ("week", 1), ("week", 2),
    ("month", 1), ("month", 2), ("month", 3), ("month", 6),
    ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 50),
    ("year", 100),
)  # fmt: skip
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30.44, "year": 365.25}
#: From this many days on, an axis is labelled by month (or year), never by day.
MONTHS_FROM = 92


@dataclass(frozen=True)
class DateTick:
    day: date
    label: str
    #: The year under the label (on the first tick and where a new year starts), or "".
    year: str = ""


def _month_start(day: date, step: int) -> date:
    """The first day of the first month on or after ``day`` whose number fits ``step``."""
    y, m = day.year, day.month
    if day.day > 1:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    while (m - 1) % step:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return date(y, m, 1)


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _days(first: date, last: date, unit: str, step: int) -> list[date]:
    out: list[date] = []
    if unit == "day":
        day = first
        while day <= last:
            out.append(day)
            day += timedelta(days=step)
    elif unit == "week":
        day = first + timedelta(days=(7 - first.weekday()) % 7)  # Mondays
        while day <= last:
            out.append(day)
            day += timedelta(days=7 * step)
    elif unit == "month":
        day = _month_start(first, step)
        while day <= last:
            out.append(day)
            day = _add_months(day, step)
    else:
        year = first.year if (first.month, first.day) == (1, 1) else first.year + 1
        year += -year % step
        while year <= last.year:
            out.append(date(year, 1, 1))
            year += step
    return out


def date_ticks(first: date, last: date, max_ticks: int) -> list[DateTick]:
    """Ticks between ``first`` and ``last`` (inclusive), at most ``max_ticks`` of them
    (at least two steps are always tried), labelled with month names.

    Days and weeks read "3 Mar"; months "Mar"; years "2026". Day and month ticks carry
    their year on the first tick and on each January, so a long axis still says when.
    """
    if last < first:
        first, last = last, first
    span = (last - first).days
    max_ticks = max(2, max_ticks)
    for unit, step in _STEPS:
        if unit in ("day", "week") and span > MONTHS_FROM:
            continue  # a season or more reads by month, not by week
        if span / (_UNIT_DAYS[unit] * step) <= max_ticks:
            break
    days = _days(first, last, unit, step)
    ticks: list[DateTick] = []
    previous_year: int | None = None
    for day in days:
        if unit == "year":
            ticks.append(DateTick(day, str(day.year)))
            continue
        label = day.strftime("%b") if unit == "month" else f"{day.day} {day:%b}"
        year = str(day.year) if day.year != previous_year else ""
        ticks.append(DateTick(day, label, year))
        previous_year = day.year
    return ticks


def int_ticks(maximum: float, max_ticks: int) -> list[int]:
    """Whole-number ticks from 0 up to at least ``maximum``: steps of 1, 2 or 5 × 10ⁿ,
    at most ``max_ticks`` intervals. An empty axis (maximum 0) reads 0 and 1."""
    maximum = max(0.0, maximum) if math.isfinite(maximum) else 0.0
    intervals = max(1, max_ticks)
    raw = max(1.0, maximum / intervals)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(
        m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw
    )  # fmt: skip
    step = max(1, int(step))
    top = max(step, math.ceil(maximum / step) * step)
    return list(range(0, top + 1, step))
