"""The study-plan scheduler and its settings."""

from __future__ import annotations

from datetime import date

import pytest

from careerplanner import limits
from careerplanner.services import packs, plan, roadmap
from careerplanner.services.plan import BOOK, PRACTICE, TUTORIAL, PlanSettings, WorkItem
from careerplanner.store import Store
from careerplanner.store import models as m
from careerplanner.vocab import BookStatus, TutorialStatus

MONDAY = date(2026, 1, 5)


def _work(*hours: float) -> list[WorkItem]:
    return [WorkItem(i + 1, f"T{i + 1}", h, "Phase") for i, h in enumerate(hours)]


def _tutorial_hours(week: plan.Week) -> float:
    return sum(i.hours for i in week.items if i.kind == TUTORIAL)


def test_packs_tutorials_into_weeks_in_order() -> None:
    settings = PlanSettings(hours_per_week=6, start_date=MONDAY, include_practice=False)
    s = plan.build_schedule(settings, _work(2, 3, 4, 1), [], today=MONDAY)
    assert [[i.title for i in w.items] for w in s.weeks] == [["T1", "T2", "T3"], ["T3", "T4"]]
    assert [_tutorial_hours(w) for w in s.weeks] == [6, 4]
    assert s.weeks[0].items[2].detail == "Phase · part 1 of 2"
    assert s.weeks[1].items[0].detail == "Phase · part 2 of 2"
    assert (s.weeks[0].start, s.weeks[0].end) == (MONDAY, date(2026, 1, 11))
    assert s.finish == date(2026, 1, 18)
    assert s.total_hours == 10


def test_few_hours_a_week_spread_a_long_tutorial_over_many_weeks() -> None:
    settings = PlanSettings(hours_per_week=1, start_date=MONDAY, include_practice=False)
    s = plan.build_schedule(settings, _work(4.5), [], today=MONDAY)
    assert len(s.weeks) == 5
    assert [w.items[0].detail for w in s.weeks][-1] == "Phase · part 5 of 5"
    assert sum(_tutorial_hours(w) for w in s.weeks) == pytest.approx(4.5)


def test_many_hours_a_week_finish_in_one_week() -> None:
    settings = PlanSettings(hours_per_week=40, start_date=MONDAY)
    s = plan.build_schedule(
        settings, _work(5, 5, 5), [(1, "Book")], due_questions=3, new_questions=8, today=MONDAY
    )
    assert len(s.weeks) == 1
    kinds = [i.kind for i in s.weeks[0].items]
    assert kinds == [TUTORIAL, TUTORIAL, TUTORIAL, BOOK, PRACTICE]
    assert s.weeks[0].items[-1].detail == "3 questions due, 8 new"  # counted apart
    assert s.weeks[0].items[-1].hours == plan.PRACTICE_HOURS


def test_practice_takes_its_share_of_each_week_and_books_spread_out() -> None:
    settings = PlanSettings(hours_per_week=5, start_date=MONDAY)
    books = [(1, "A"), (2, "B")]
    s = plan.build_schedule(settings, _work(*([4] * 8)), books, today=MONDAY)
    assert len(s.weeks) == 8
    assert all(_tutorial_hours(w) == 4 for w in s.weeks)
    assert all(w.items[-1].kind == PRACTICE for w in s.weeks)
    book_weeks = [w.number for w in s.weeks for i in w.items if i.kind == BOOK]
    assert book_weeks == [3, 7]


def test_everything_done_gives_an_empty_schedule_with_a_note() -> None:
    s = plan.build_schedule(
        PlanSettings(start_date=MONDAY, include_reading=False), [], [], today=MONDAY
    )
    assert s.weeks == () and s.finish is None
    assert any("nothing left" in n for n in s.notes)


def test_past_target_reports_hours_needed() -> None:
    settings = PlanSettings(hours_per_week=2, start_date=MONDAY,
                            target_date=date(2026, 2, 1), include_practice=False)  # fmt: skip
    s = plan.build_schedule(settings, _work(10, 10), [], today=MONDAY)
    assert s.on_track is False
    # 20 hours in the 4 whole weeks up to the target: 5 hours a week.
    assert s.hours_needed == 5


def test_target_date_already_past_is_explained() -> None:
    settings = PlanSettings(hours_per_week=2, start_date=MONDAY, target_date=date(2025, 12, 1))
    s = plan.build_schedule(settings, _work(10), [], today=MONDAY)
    assert s.on_track is False and s.hours_needed is None
    assert any("already past" in n for n in s.notes)


def test_bad_hours_refused() -> None:
    with pytest.raises(plan.PlanError):
        plan.build_schedule(PlanSettings(hours_per_week=0), _work(1), [], today=MONDAY)


def test_schedule_from_the_store_leaves_out_done_and_skipped(store: Store) -> None:
    path_id = packs.ensure_builtin_pack(store).path_id
    ids = [t.id for t in m.Tutorial.select().order_by(m.Tutorial.phase, m.Tutorial.position)]
    roadmap.set_status(store, ids[0], TutorialStatus.DONE)
    roadmap.set_status(store, ids[1], TutorialStatus.SKIPPED)
    plan.save_settings(store, path_id, PlanSettings(hours_per_week=10, start_date=MONDAY,
                                                   learner_name="Ada"))  # fmt: skip
    assert plan.get_settings(store, path_id).learner_name == "Ada"
    s = plan.schedule_for(store, path_id)
    scheduled = {i.ref_id for w in s.weeks for i in w.items if i.kind == TUTORIAL}
    assert ids[0] not in scheduled and ids[1] not in scheduled
    assert len(scheduled) == 30
    assert s.weeks[0].items[0].ref_id == ids[2]  # roadmap order
    book = m.Book.select().first()
    marked = plan.set_book_status(store, book.id, BookStatus.READ)
    assert marked.undo is not None
    marked.undo()
    assert m.Book.get_by_id(book.id).status == BookStatus.TO_READ
    plan.set_book_status(store, book.id, BookStatus.READ)
    assert len(plan.unread_books(store, path_id)) == 4
    with pytest.raises(plan.PlanError, match="before the start"):
        plan.save_settings(store, path_id, PlanSettings(start_date=MONDAY,
                                                       target_date=date(2025, 1, 1)))  # fmt: skip


def test_tutorials_whose_hours_are_outside_the_limits_are_left_out_with_a_note() -> None:
    settings = PlanSettings(hours_per_week=6, start_date=MONDAY, include_practice=False)
    work = _work(2, 1e12, float("inf"), float("nan"), -1, 0, 3)
    s = plan.build_schedule(settings, work, [], today=MONDAY)
    scheduled = [i.title for w in s.weeks for i in w.items]
    assert scheduled == ["T1", "T7"]
    assert s.total_hours == 5 and s.unscheduled == 5 and s.finish == date(2026, 1, 11)
    assert s.notes == (
        "“T2” cannot be scheduled: its estimated hours (1e+12) must be more than 0 and at "
        "most 1000; correct it or mark it Skipped.",
        "“T3” cannot be scheduled: its estimated hours (inf) must be more than 0 and at "
        "most 1000; correct it or mark it Skipped.",
        "“T4” cannot be scheduled: its estimated hours (not a number) must be more than 0 "
        "and at most 1000; correct it or mark it Skipped.",
        "2 more tutorials cannot be scheduled.",
    )


def test_the_schedule_stops_after_the_longest_plan() -> None:
    settings = PlanSettings(hours_per_week=limits.MIN_HOURS_PER_WEEK, start_date=MONDAY)
    s = plan.build_schedule(
        settings, _work(*[limits.MAX_TUTORIAL_HOURS] * 50), [(1, "Book")], today=MONDAY
    )
    assert len(s.weeks) == limits.MAX_PLAN_WEEKS
    assert s.notes == ("The plan stops after 520 weeks; add hours per week.",)
    # Exactly full is not cut short.
    exact = PlanSettings(hours_per_week=2, start_date=MONDAY, include_practice=False)
    s = plan.build_schedule(exact, _work(*[2] * limits.MAX_PLAN_WEEKS), [], today=MONDAY)
    assert len(s.weeks) == limits.MAX_PLAN_WEEKS and s.notes == ()


@pytest.mark.parametrize(
    ("start", "target", "message"),
    [
        (date(9999, 12, 1), None, "The start date 9999-12-01 is outside the dates"),
        (date(1, 1, 1), None, "The start date 0001-01-01 is outside the dates"),
        (None, date(2200, 1, 1), "The target date 2200-01-01 is outside the dates"),
    ],
)
def test_dates_outside_the_limits_are_refused(
    store: Store, start: date | None, target: date | None, message: str
) -> None:
    path_id = packs.ensure_builtin_pack(store).path_id
    kept = PlanSettings(hours_per_week=7, start_date=MONDAY)
    plan.save_settings(store, path_id, kept)
    bad = PlanSettings(hours_per_week=7, start_date=start, target_date=target)
    with pytest.raises(plan.PlanError, match=message):
        plan.save_settings(store, path_id, bad)
    assert plan.get_settings(store, path_id) == kept
    with pytest.raises(plan.PlanError, match=message):
        plan.build_schedule(bad, _work(1), [], today=MONDAY)


def test_the_last_start_date_plans_its_full_length() -> None:
    settings = PlanSettings(hours_per_week=limits.MIN_HOURS_PER_WEEK, start_date=limits.MAX_DATE)
    s = plan.build_schedule(settings, _work(*[limits.MAX_TUTORIAL_HOURS] * 2), [], today=MONDAY)
    assert len(s.weeks) == limits.MAX_PLAN_WEEKS
    assert s.weeks[-1].end > limits.MAX_DATE


def test_a_clock_outside_the_limits_is_explained() -> None:
    with pytest.raises(plan.PlanError, match="check the computer's clock"):
        plan.build_schedule(PlanSettings(), _work(1), [], today=date(9999, 12, 31))


def test_a_start_gone_by_plans_the_work_left_from_today() -> None:
    """What is left cannot be done in the past: the weeks begin today."""
    settings = PlanSettings(hours_per_week=6, start_date=MONDAY, include_practice=False,
                            target_date=date(2026, 3, 1))  # fmt: skip
    today = date(2026, 2, 4)
    s = plan.build_schedule(settings, _work(6, 6), [], today=today)
    assert (s.start, s.weeks[0].start, s.finish) == (today, today, date(2026, 2, 17))
    assert s.on_track is True
    late = plan.build_schedule(settings, _work(6, 6, 6, 6), [], today=today)
    # 24 h between 2026-02-04 and 2026-03-01: 3 whole weeks, so 8 h a week.
    assert late.on_track is False and late.hours_needed == 8


def test_practice_counts_read_apart() -> None:
    assert plan.practice_counts_text(0, 0) == "no question due"
    assert plan.practice_counts_text(1, 0) == "1 question due"
    assert plan.practice_counts_text(0, 32) == "32 new questions"
    assert plan.practice_counts_text(2, 1) == "2 questions due, 1 new"
