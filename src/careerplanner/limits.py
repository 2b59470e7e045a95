"""The app's limits for dates and hours, declared once (no Qt, no Peewee).

Every place where a date or a number of hours enters the app (the plan settings, a
tutorial's dates, an own tutorial, a JSON import, the date pickers) checks it against
these limits, and every place that computes with stored values (the scheduler, the
charts, the progress figures) tolerates values outside them instead of failing.

Dates run from ``MIN_DATE`` to ``MAX_DATE``:

* 1970-01-01 is the epoch of the time functions every platform has; before it,
  timestamps are negative and Windows refuses them. Nothing this app records (a
  tutorial finished, a snapshot, a practice answer) can be older.
* 2199-12-31 leaves room for everything the app computes from a date it accepts: a plan
  of ``MAX_PLAN_WEEKS`` weeks starting on it ends in 2209, and a spaced-repetition review
  (at most 36,500 days ahead) in 2299; both far inside Python's dates (to 9999) and
  Windows' timestamps (to 3000), so no date arithmetic can overflow.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time

MIN_DATE = date(1970, 1, 1)
MAX_DATE = date(2199, 12, 31)
MIN_DATETIME = datetime.combine(MIN_DATE, time.min)
MAX_DATETIME = datetime.combine(MAX_DATE, time.max)

#: A tutorial's estimated hours: more than 0, at most this (packs and own tutorials).
MAX_TUTORIAL_HOURS = 1000.0
#: The study plan's weekly budget.
MIN_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK = 0.5, 80.0
#: The longest schedule the plan builds (about ten years), whatever the data holds.
MAX_PLAN_WEEKS = 520

DATE_RANGE = f"{MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}"


def date_in_range(value: date) -> bool:
    """True when ``value`` (a date, or a datetime by its date) is within the limits."""
    day = value.date() if isinstance(value, datetime) else value
    return MIN_DATE <= day <= MAX_DATE


def date_problem(value: date) -> str | None:
    """Why ``value`` cannot be used (for a message), or None when it can."""
    if date_in_range(value):
        return None
    return f"{value.isoformat()} is outside the dates the app can use ({DATE_RANGE})"


def clamp_date(value: date) -> date:
    """``value`` moved into the limits (for showing stored values that are outside)."""
    return min(max(value, MIN_DATE), MAX_DATE)


def tutorial_hours_ok(hours: float) -> bool:
    return math.isfinite(hours) and 0 < hours <= MAX_TUTORIAL_HOURS


def hours_per_week_ok(hours: float) -> bool:
    return math.isfinite(hours) and MIN_HOURS_PER_WEEK <= hours <= MAX_HOURS_PER_WEEK


def as_float(value: object) -> float:
    """A stored number as a float; NaN when it is not a number at all."""
    if isinstance(value, bool):
        return math.nan
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return math.nan


def as_date(value: object) -> date | None:
    """A stored date as a date; None when it is empty or not a date at all."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
