"""Activity over time: the heatmap of active days, streaks, and progress by date.

A day is *active* when the user finished a tutorial, saved an assessment snapshot or
practised an interview question on it (local dates; practice times are stored in UTC
and converted). Stored dates outside the app's limits count on the nearest limit, and
values that are not dates at all are left out, so odd data never breaks a chart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from careerplanner import limits
from careerplanner.store import Store, uses_store

HEATMAP_WEEKS = 52


@dataclass(frozen=True)
class Streaks:
    current: int
    longest: int


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


@dataclass(frozen=True)
class DayActivity:
    """What the user did on one day."""

    tutorials: int = 0  # tutorials finished
    reviews: int = 0  # practice answers rated
    snapshots: int = 0  # assessments saved

    @property
    def total(self) -> int:
        return self.tutorials + self.reviews + self.snapshots

    def __add__(self, other: DayActivity) -> DayActivity:
        return DayActivity(
            self.tutorials + other.tutorials,
            self.reviews + other.reviews,
            self.snapshots + other.snapshots,
        )

    def describe(self) -> str:
        """In words: "2 tutorials finished, 1 practice answer", or "no activity"."""
        parts = [
            _plural(self.tutorials, "tutorial finished", "tutorials finished"),
            _plural(self.reviews, "practice answer", "practice answers"),
            _plural(self.snapshots, "assessment saved", "assessments saved"),
        ]
        counts = (self.tutorials, self.reviews, self.snapshots)
        said = [text for text, n in zip(parts, counts, strict=True) if n > 0]
        return ", ".join(said) if said else "no activity"


#: How many shades of activity the heatmap tells apart (besides none).
LEVELS = 4


@dataclass(frozen=True)
class Heatmap:
    """Counts per day for the weeks ending with the one holding ``end``.

    ``days`` runs from ``start`` (the first day of the first week) to ``end``;
    ``detail`` says, where known, what each count is made of.
    """

    start: date
    end: date
    counts: dict[date, int]
    detail: Mapping[date, DayActivity] = field(default_factory=dict)
    #: The counts at which shades 2, 3 and 4 begin.
    thresholds: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Quartiles of the distinct counts, so that a few very busy days do not wash out
        # every other one, and a run of alike days does not look busier than it is.
        seen = sorted({c for d, c in self.counts.items() if c > 0 and self.start <= d <= self.end})
        cuts = tuple(seen[len(seen) * k // LEVELS] for k in range(1, LEVELS)) if seen else ()
        object.__setattr__(self, "thresholds", cuts)

    @property
    def weeks(self) -> int:
        return ((self.end - self.start).days // 7) + 1

    def count(self, day: date) -> int:
        return self.counts.get(day, 0)

    def day(self, day: date) -> DayActivity:
        """What was done on ``day`` (nothing, for a heatmap built without ``detail``)."""
        return self.detail.get(day) or DayActivity()

    def level(self, day: date) -> int:
        """The shade of ``day``: 0 for no activity, else 1 (least) to ``LEVELS`` (most)."""
        n = self.count(day)
        if n <= 0:
            return 0
        return 1 + sum(1 for t in self.thresholds if n >= t)

    @property
    def active_days(self) -> int:
        return sum(1 for d, c in self.counts.items() if c and self.start <= d <= self.end)

    @property
    def totals(self) -> DayActivity:
        """Everything done in the period, by kind."""
        total = DayActivity()
        for d, what in self.detail.items():
            if self.start <= d <= self.end:
                total = total + what
        return total


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
def activity_by_day(store: Store, path_id: int) -> dict[date, DayActivity]:
    """What the user did on each day: tutorials finished, practice answers, assessments.

    Counted in SQL, one row per day and kind, so years of history cost a few milliseconds.
    """
    finished = _by_day(store, _FINISHED_BY_DAY.format(extra=""), path_id)
    reviews = _by_day(store, _REVIEWS_BY_DAY, path_id)
    shots = _by_day(store, _SNAPSHOTS_BY_DAY, path_id)
    return {
        day: DayActivity(finished[day], reviews[day], shots[day])
        for day in set(finished) | set(reviews) | set(shots)
    }


def totals(by_day: Mapping[date, DayActivity]) -> Counter[date]:
    """How many things were done on each day."""
    return Counter({day: what.total for day, what in by_day.items()})


@uses_store
def activity_counts(store: Store, path_id: int) -> Counter[date]:
    """How many things the user did on each day (finished, assessed, practised)."""
    return totals(activity_by_day(store, path_id))


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


def heatmap(
    counts: Counter[date], today: date, first_weekday: int = 0,
    detail: Mapping[date, DayActivity] | None = None,
) -> Heatmap:  # fmt: skip
    """The last ``HEATMAP_WEEKS`` weeks; weeks start on ``first_weekday`` (0 = Monday).

    ``detail`` (from ``activity_by_day``) lets the heatmap say what each day held.
    """
    offset = (today.weekday() - first_weekday) % 7
    start = today - timedelta(days=offset) - timedelta(weeks=HEATMAP_WEEKS - 1)
    window = {d: c for d, c in counts.items() if start <= d <= today}
    days = {d: v for d, v in (detail or {}).items() if start <= d <= today}
    return Heatmap(start, today, window, days)


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
