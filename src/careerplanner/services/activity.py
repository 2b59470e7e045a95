"""Activity over time: the heatmap of active days, streaks, and progress by date.

A day is *active* when the user finished a tutorial, saved an assessment snapshot or
practised an interview question on it (local dates; practice times are stored in UTC
and converted). Stored dates outside the app's limits count on the nearest limit, and
values that are not dates at all are left out, so odd data never breaks a chart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from careerplanner import limits
from careerplanner.store import Store, uses_store

HEATMAP_WEEKS = 52


@dataclass(frozen=True)
class Streaks:
    current: int
    longest: int


@dataclass(frozen=True)
class Heatmap:
    """Counts per day for the weeks ending with the one holding ``end``.

    ``days`` runs from ``start`` (the first day of the first week) to ``end``.
    """

    start: date
    end: date
    counts: dict[date, int]

    @property
    def weeks(self) -> int:
        return ((self.end - self.start).days // 7) + 1

    def count(self, day: date) -> int:
        return self.counts.get(day, 0)

    @property
    def active_days(self) -> int:
        return sum(1 for d, c in self.counts.items() if c and self.start <= d <= self.end)


@dataclass(frozen=True)
class ProgressPoint:
    day: date
    tutorials_done: int  # cumulative
    reviews: int  # cumulative practice reviews


_FINISHED_BY_DAY = """
    SELECT finished_on, count(*) FROM tutorial
    WHERE path_id = ? AND finished_on IS NOT NULL {extra}
    GROUP BY finished_on
"""
_SNAPSHOTS_BY_DAY = """
    SELECT date(taken_at), count(*) FROM snapshot WHERE path_id = ? GROUP BY 1
"""
# Practice times are stored in UTC: count them on the user's local date.
_REVIEWS_BY_DAY = """
    SELECT date(a.reviewed_at, 'localtime'), count(*)
    FROM attempt a JOIN question q ON q.id = a.question_id
    WHERE q.path_id = ? GROUP BY 1
"""


def _by_day(store: Store, sql: str, path_id: int) -> Counter[date]:
    counts: Counter[date] = Counter()
    for value, n in store.db.execute_sql(sql, (path_id,)).fetchall():
        day = limits.as_date(value if isinstance(value, date) else str(value or ""))
        if day is not None:
            counts[limits.clamp_date(day)] += int(n)
    return counts


@uses_store
def activity_counts(store: Store, path_id: int) -> Counter[date]:
    """How many things the user did on each day (finished, assessed, practised).

    Counted in SQL, one row per day, so years of history cost a few milliseconds.
    """
    counts = _by_day(store, _FINISHED_BY_DAY.format(extra=""), path_id)
    counts.update(_by_day(store, _SNAPSHOTS_BY_DAY, path_id))
    counts.update(_by_day(store, _REVIEWS_BY_DAY, path_id))
    return counts


def streaks(active: set[date], today: date) -> Streaks:
    """The current streak (ending today, or yesterday when today is not active yet) and
    the longest run of consecutive active days."""
    longest = run = 0
    previous: date | None = None
    for day in sorted(active):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    day = today if today in active else today - timedelta(days=1)
    while day in active:
        current += 1
        day -= timedelta(days=1)
    return Streaks(current, longest)


def heatmap(counts: Counter[date], today: date, first_weekday: int = 0) -> Heatmap:
    """The last ``HEATMAP_WEEKS`` weeks; weeks start on ``first_weekday`` (0 = Monday)."""
    offset = (today.weekday() - first_weekday) % 7
    start = today - timedelta(days=offset) - timedelta(weeks=HEATMAP_WEEKS - 1)
    window = {d: c for d, c in counts.items() if start <= d <= today}
    return Heatmap(start, today, window)


@uses_store
def progress_over_time(store: Store, path_id: int) -> list[ProgressPoint]:
    """Cumulative tutorials finished and practice reviews, one point per active date."""
    done = _by_day(store, _FINISHED_BY_DAY.format(extra="AND status = 'done'"), path_id)
    reviews = _by_day(store, _REVIEWS_BY_DAY, path_id)
    points = []
    total_done = total_reviews = 0
    for day in sorted(set(done) | set(reviews)):
        total_done += done[day]
        total_reviews += reviews[day]
        points.append(ProgressPoint(day, total_done, total_reviews))
    return points
