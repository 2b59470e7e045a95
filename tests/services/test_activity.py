"""Streaks, the heatmap and progress over time, against a prepared history."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from careerplanner import limits
from careerplanner.services import activity, packs
from careerplanner.store import Store
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus

TODAY = date(2026, 6, 17)  # a Wednesday


def _days(*offsets: int) -> set[date]:
    return {TODAY - timedelta(days=o) for o in offsets}


def test_streaks() -> None:
    assert activity.streaks(set(), TODAY) == activity.Streaks(0, 0)
    assert activity.streaks(_days(0, 1, 2, 5, 6, 7, 8), TODAY) == activity.Streaks(3, 4)
    # Today not active yet: the streak up to yesterday still counts.
    assert activity.streaks(_days(1, 2), TODAY) == activity.Streaks(2, 2)
    # A gap of a day breaks it.
    assert activity.streaks(_days(2, 3), TODAY) == activity.Streaks(0, 2)


def test_heatmap_covers_52_weeks_from_the_first_weekday() -> None:
    counts = Counter({TODAY: 2, TODAY - timedelta(days=400): 5, TODAY - timedelta(days=3): 1})
    hm = activity.heatmap(counts, TODAY, first_weekday=0)
    assert hm.start.weekday() == 0
    assert hm.weeks == 52
    assert hm.count(TODAY) == 2 and hm.active_days == 2  # the old day is outside
    sunday_first = activity.heatmap(counts, TODAY, first_weekday=6)
    assert sunday_first.start.weekday() == 6


def test_counts_and_progress_over_time_from_the_store(store: Store) -> None:
    path_id = packs.ensure_builtin_pack(store).path_id
    tutorials = list(m.Tutorial.select().order_by(m.Tutorial.id).limit(3))
    for t, day in zip(
        tutorials, (date(2026, 3, 1), date(2026, 3, 1), date(2026, 3, 4)), strict=True
    ):
        m.Tutorial.update(status=TutorialStatus.DONE, finished_on=day).where(
            m.Tutorial.id == t.id
        ).execute()
    m.Snapshot.create(path=path_id, taken_at=datetime(2026, 3, 2, 12, 0), levels="{}")
    q = m.Question.select().first()
    m.Attempt.create(question=q, reviewed_at=datetime(2026, 3, 4, 12, 0), rating=3)
    counts = activity.activity_counts(store, path_id)
    assert counts[date(2026, 3, 1)] == 2
    assert counts[date(2026, 3, 2)] == 1
    assert counts[date(2026, 3, 4)] == 2
    points = activity.progress_over_time(store, path_id)
    assert [(p.day, p.tutorials_done, p.reviews) for p in points] == [
        (date(2026, 3, 1), 2, 0),
        (date(2026, 3, 4), 3, 1),
    ]


def test_stored_dates_outside_the_limits_count_on_the_nearest_limit(store: Store) -> None:
    path_id = packs.ensure_builtin_pack(store).path_id
    ids = [t.id for t in m.Tutorial.select().order_by(m.Tutorial.id).limit(3)]
    for tid, day in zip(ids, ("0001-01-01", "9999-12-31", "not a date"), strict=True):
        store.db.execute_sql(
            "UPDATE tutorial SET status = 'done', finished_on = ? WHERE id = ?", (day, tid)
        )
    points = activity.progress_over_time(store, path_id)
    assert [(p.day, p.tutorials_done) for p in points] == [
        (limits.MIN_DATE, 1),
        (limits.MAX_DATE, 2),
    ]
    assert activity.activity_counts(store, path_id) == Counter(
        {limits.MIN_DATE: 1, limits.MAX_DATE: 1}
    )


def test_each_day_says_what_was_done_on_it(store: Store) -> None:
    path_id = packs.ensure_builtin_pack(store).path_id
    ids = [t.id for t in m.Tutorial.select().order_by(m.Tutorial.id).limit(2)]
    m.Tutorial.update(status=TutorialStatus.DONE, finished_on=date(2026, 3, 1)).where(
        m.Tutorial.id.in_(ids)
    ).execute()
    m.Snapshot.create(path=path_id, taken_at=datetime(2026, 3, 1, 12, 0), levels="{}")
    q = m.Question.select().first()
    m.Attempt.create(question=q, reviewed_at=datetime(2026, 3, 2, 12, 0), rating=3)
    days = activity.activity_by_day(store, path_id)
    assert days[date(2026, 3, 1)] == activity.DayActivity(tutorials=2, snapshots=1)
    assert days[date(2026, 3, 1)].describe() == "2 tutorials finished, 1 assessment saved"
    assert days[date(2026, 3, 2)].describe() == "1 practice answer"
    assert activity.DayActivity().describe() == "no activity"
    hm = activity.heatmap(activity.totals(days), date(2026, 3, 4), 0, days)
    assert hm.day(date(2026, 3, 1)).total == hm.count(date(2026, 3, 1)) == 3
    assert hm.totals == activity.DayActivity(tutorials=2, reviews=1, snapshots=1)


def test_heatmap_shades_tell_busier_days_apart() -> None:
    def shades(counts: dict[int, int]) -> dict[int, int]:
        hm = activity.heatmap(
            Counter({TODAY - timedelta(days=o): c for o, c in counts.items()}), TODAY
        )
        return {o: hm.level(TODAY - timedelta(days=o)) for o in counts}

    assert shades({0: 0}) == {0: 0}
    assert shades({3: 1}) == {3: activity.LEVELS}  # one active day: a full shade
    assert shades({1: 2, 2: 2, 3: 2}) == {1: 4, 2: 4, 3: 4}  # alike days look alike
    # One very busy day does not wash out the others: each count keeps its own shade.
    assert shades({1: 1, 2: 2, 3: 3, 4: 90}) == {1: 1, 2: 2, 3: 3, 4: 4}
    many = shades({o: o for o in range(1, 41)})
    assert [many[o] for o in (1, 10, 11, 20, 21, 30, 31, 40)] == [1, 1, 2, 2, 3, 3, 4, 4]
