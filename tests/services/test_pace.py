"""Pace against the plan, re-planning from today, and the study days of the plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from careerplanner.services import pace, packs, plan, roadmap, study_days
from careerplanner.services.plan import PlanSettings, WorkItem
from careerplanner.services.study_days import DEFAULT_STUDY_TIMES, StudyTime
from careerplanner.store import Store
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus

MONDAY = date(2026, 1, 5)


def _work(*hours: float) -> list[WorkItem]:
    return [WorkItem(i + 1, f"T{i + 1}", h, "Phase") for i, h in enumerate(hours)]


def test_planned_against_actual_week_by_week() -> None:
    settings = PlanSettings(hours_per_week=5, start_date=MONDAY, include_practice=False)
    work = _work(3, 2, 5, 5, 5)
    # T1 (3 h) finished in week 1, T2 (2 h) in week 3; today is the Wednesday of week 3.
    finished = [(work[0], date(2026, 1, 7)), (work[1], date(2026, 1, 19))]
    today = date(2026, 1, 21)
    p = pace.build_pace(settings, work[2:], finished, today)
    assert [(w.number, w.start) for w in p.weeks] == [
        (1, MONDAY), (2, date(2026, 1, 12)), (3, date(2026, 1, 19))
    ]  # fmt: skip
    assert [w.planned_hours for w in p.weeks] == [5, 5, 5]
    assert [w.planned_tutorials for w in p.weeks] == [2, 1, 1]
    assert [w.actual_hours for w in p.weeks] == [3, 0, 2]
    assert [w.actual_tutorials for w in p.weeks] == [1, 0, 1]
    # 10 h by the end of week 2, and the 2 days of week 3 already over (Mon, Tue).
    assert p.planned_to_date == pytest.approx(10 + 5 * 2 / 7, abs=0.01)
    assert p.actual_to_date == 5
    assert p.status == pace.BEHIND
    assert p.message == (
        "Behind the plan by 6.4 h: 11.4 h planned by today, 5 h done (2 tutorials finished)."
    )


def test_ahead_and_on_pace() -> None:
    settings = PlanSettings(hours_per_week=5, start_date=MONDAY, include_practice=False)
    work = _work(4, 4, 4)
    finished = [(work[0], MONDAY), (work[1], MONDAY)]
    assert pace.build_pace(settings, work[2:], finished, MONDAY).status == pace.AHEAD
    on = pace.build_pace(settings, work[1:], [], MONDAY)  # nothing due on the first day
    assert on.status == pace.ON_PACE and on.message.startswith("On pace with the plan")


def test_no_pace_without_a_start_or_before_it() -> None:
    p = pace.build_pace(PlanSettings(), _work(3), [], MONDAY)
    assert (p.weeks, p.status) == ((), pace.NOT_STARTED)
    assert "Choose a start date" in p.message
    later = pace.build_pace(PlanSettings(start_date=date(2026, 2, 2)), _work(3), [], MONDAY)
    assert later.weeks == () and "starts on 2026-02-02" in later.message
    ancient = pace.build_pace(PlanSettings(start_date=date(1970, 1, 1)), _work(3), [], MONDAY)
    assert ancient.weeks == () and "more than 520 weeks ago" in ancient.message


def test_the_hours_that_meet_the_target_from_today() -> None:
    settings = PlanSettings(
        hours_per_week=5, start_date=MONDAY, target_date=date(2026, 3, 1), include_practice=False
    )
    today = date(2026, 1, 19)
    p = pace.build_pace(settings, _work(*[10] * 6), [], today)
    # 60 h from 2026-01-19 to 2026-03-01: 6 whole weeks, so 10 h a week.
    assert p.replan_hours == 10
    assert "10 h a week from today meet it" in p.replan_message
    met = pace.build_pace(replace(settings, hours_per_week=10), _work(*[10] * 6), [], today)
    assert met.replan_hours is None and "in time for your target" in met.replan_message
    late = replace(settings, target_date=date(2026, 1, 10))
    assert pace.build_pace(late, _work(10), [], today).replan_hours is None
    assert (
        pace.build_pace(replace(settings, target_date=None), _work(10), [], today).replan_message
        == ""
    )


def test_replan_from_today_is_one_step_and_meets_the_target(store: Store) -> None:
    path_id = packs.ensure_builtin_pack(store).path_id
    today = date(2026, 3, 2)
    settings = PlanSettings(hours_per_week=6, start_date=MONDAY, target_date=date(2026, 9, 27))
    plan.save_settings(store, path_id, settings)
    first = plan.remaining_work(store, path_id)[0].ref_id
    roadmap.set_status(store, first, TutorialStatus.DONE, today=date(2026, 1, 8))
    p = pace.pace_for(store, path_id, today=today)
    assert p.weeks[0].actual_tutorials == 1 and len(p.weeks) == 9
    assert p.replan_hours is not None and p.replan_hours > 6

    outcome = pace.replan(store, path_id, p.replan_hours, today=today)
    now = plan.get_settings(store, path_id)
    assert (now.start_date, now.hours_per_week) == (today, p.replan_hours)
    assert now.target_date == settings.target_date
    assert plan.schedule_for(store, path_id, today=today).on_track is True
    assert pace.pace_for(store, path_id, today=today).replan_hours is None
    assert outcome.undo is not None and outcome.merge_key == ""
    outcome.undo()
    assert plan.get_settings(store, path_id) == settings
    with pytest.raises(plan.PlanError):
        pace.replan(store, path_id, float("nan"), today=today)
    with pytest.raises(plan.PlanError):
        pace.replan(store, path_id, 500, today=today)
    assert plan.get_settings(store, path_id) == settings
    assert m.PlanSettings.select().count() == 1


def test_study_days_are_saved_with_the_plan_and_checked(store: Store) -> None:
    path_id = packs.ensure_builtin_pack(store).path_id
    assert plan.get_settings(store, path_id).study_times == DEFAULT_STUDY_TIMES
    chosen = (StudyTime(5, time(9, 30)), StudyTime(1, time(18)))
    plan.save_settings(store, path_id, PlanSettings(study_times=chosen))
    assert plan.get_settings(store, path_id).study_times == tuple(sorted(chosen))
    kept = plan.get_settings(store, path_id)
    for bad, message in (
        ((), "at least one study day"),
        ((StudyTime(1, time(18)), StudyTime(1, time(19))), "once"),
        ((StudyTime(7, time(18)),), "Monday to Sunday"),
        ((StudyTime(1, time(18, 0, 30)),), "hours and minutes"),
    ):
        with pytest.raises(plan.PlanError, match=message):
            plan.save_settings(store, path_id, PlanSettings(study_times=bad))
    assert plan.get_settings(store, path_id) == kept
    # A stored value the app cannot use reads as the default evenings.
    for stored in ("not json", '{"mon": "25:00"}', "[]", '{"mon": "19:00", "xyz": "1"}'):
        m.PlanSettings.update(study_times=stored).execute()
        assert plan.get_settings(store, path_id).study_times == DEFAULT_STUDY_TIMES


def test_sessions_longer_than_four_hours_are_explained() -> None:
    three = DEFAULT_STUDY_TIMES
    assert study_days.session_hours(6, three) == 2
    assert study_days.session_problem(12, three) is None
    problem = study_days.session_problem(13, three)
    assert problem is not None and "4.3 h a session" in problem and "more days" in problem
    assert study_days.describe(three) == "Mon, Wed, Fri at 19:00"
    assert study_days.describe((StudyTime(6, time(10)), StudyTime(1, time(19, 30)))) == (
        "Tue 19:30, Sun 10:00"
    )
