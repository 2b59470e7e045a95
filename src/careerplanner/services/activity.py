"""Activity over time: the heatmap of active days, streaks, and progress by date.

A day is *active* when the user finished a tutorial, saved an assessment snapshot or
practised an interview question on it (local dates; practice times are stored in UTC
and converted).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from careerplanner.store import Store
from careerplanner.store import models as m

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


def _local_date(moment: datetime, utc: bool) -> date:
    if utc:
        return moment.replace(tzinfo=timezone.utc).astimezone().date()
    return moment.date()


def activity_counts(store: Store, path_id: int) -> Counter[date]:
    """How many things the user did on each day (finished, assessed, practised)."""
    counts: Counter[date] = Counter()
    finished: Any = (
        m.Tutorial.select(m.Tutorial.finished_on)
        .where((m.Tutorial.path == path_id) & m.Tutorial.finished_on.is_null(False))
        .tuples()
    )
    for (day,) in finished:
        counts[day] += 1
    snapshots: Any = (
        m.Snapshot.select(m.Snapshot.taken_at).where(m.Snapshot.path == path_id).tuples()
    )
    for (taken,) in snapshots:
        counts[_local_date(taken, utc=False)] += 1
    attempts: Any = (
        m.Attempt.select(m.Attempt.reviewed_at)
        .join(m.Question)
        .where(m.Question.path == path_id)
        .tuples()
    )
    for (reviewed,) in attempts:
        counts[_local_date(reviewed, utc=True)] += 1
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


def progress_over_time(store: Store, path_id: int) -> list[ProgressPoint]:
    """Cumulative tutorials finished and practice reviews, one point per active date."""
    done: Counter[date] = Counter()
    finished: Any = (
        m.Tutorial.select(m.Tutorial.finished_on)
        .where(
            (m.Tutorial.path == path_id)
            & m.Tutorial.finished_on.is_null(False)
            & (m.Tutorial.status == m.DONE)
        )
        .tuples()
    )
    for (day,) in finished:
        done[day] += 1
    reviews: Counter[date] = Counter()
    attempts: Any = (
        m.Attempt.select(m.Attempt.reviewed_at)
        .join(m.Question)
        .where(m.Question.path == path_id)
        .tuples()
    )
    for (reviewed,) in attempts:
        reviews[_local_date(reviewed, utc=True)] += 1
    points = []
    total_done = total_reviews = 0
    for day in sorted(set(done) | set(reviews)):
        total_done += done[day]
        total_reviews += reviews[day]
        points.append(ProgressPoint(day, total_done, total_reviews))
    return points
