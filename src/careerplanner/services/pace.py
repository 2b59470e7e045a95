"""Pace: the plan against what the user did, week by week, and re-planning from today.

**Planned** is the plan as it stood on its start date: the tutorials finished since then
and those still left, in study order, packed at the current hours a week
(``plan.build_schedule``). Week by week it gives the hours of tutorial work planned and
the tutorials planned to be finished (in the week their last part falls in).

**Actual** is what was finished: the tutorials marked done with a finish date in that
week, with their estimated hours.

**Ahead or behind** compares the hours finished by today with the hours planned by
today (the current week counted by its days already over). Within ``TOLERANCE`` of the plan
(half an hour, or 5 % of what was planned) is "on pace".

**Re-planning** starts the plan today: the remaining work (in-progress tutorials with
their credit) from today to the target date gives the hours a week that meet it
(``hours_needed``); ``replan`` saves those hours and today's date as one step to undo.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta

from careerplanner import limits
from careerplanner.services import plan
from careerplanner.services.changes import Outcome
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus

TOLERANCE_HOURS = 0.5
TOLERANCE_SHARE = 0.05
AHEAD, BEHIND, ON_PACE, NOT_STARTED = "ahead", "behind", "on pace", "not started"


@dataclass(frozen=True)
class PaceWeek:
    number: int
    start: date
    planned_hours: float
    actual_hours: float
    planned_tutorials: int
    actual_tutorials: int


@dataclass(frozen=True)
class Pace:
    #: From the plan's start to the current week (empty before the plan starts).
    weeks: tuple[PaceWeek, ...]
    planned_to_date: float
    actual_to_date: float
    status: str
    message: str
    #: The hours a week that meet the target from today, when the current ones do not.
    replan_hours: float | None
    #: About the target from today: met at the current hours, or what it would take.
    replan_message: str


def _fmt(hours: float) -> str:
    return f"{round(hours, 1):g} h"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def planned_weeks(schedule: plan.Schedule) -> list[tuple[float, int]]:
    """(tutorial hours, tutorials finished) per week of ``schedule``."""
    last_week: dict[int, int] = {}
    hours = [0.0] * len(schedule.weeks)
    for i, week in enumerate(schedule.weeks):
        for item in week.items:
            if item.kind == plan.TUTORIAL:
                hours[i] += item.hours
                last_week[item.ref_id] = i
    finished = [0] * len(schedule.weeks)
    for i in last_week.values():
        finished[i] += 1
    return list(zip(hours, finished, strict=True))


def _status(planned: float, actual: float) -> tuple[str, float]:
    diff = actual - planned
    if abs(diff) <= max(TOLERANCE_HOURS, TOLERANCE_SHARE * planned):
        return ON_PACE, diff
    return (AHEAD if diff > 0 else BEHIND), diff


def build_pace(
    settings: plan.PlanSettings,
    remaining: list[plan.WorkItem],
    finished: list[tuple[plan.WorkItem, date]],
    today: date,
) -> Pace:
    """The pace from the settings, the work left and the tutorials finished since the
    plan's start with their finish dates (pure; see the module)."""
    start = settings.start_date
    replan_hours, replan_message = _replan(settings, remaining, today)
    if start is None:
        message = "Choose a start date to compare your pace with the plan."
        return Pace((), 0.0, 0.0, NOT_STARTED, message, replan_hours, replan_message)
    if start > today:
        message = f"The plan starts on {start.isoformat()}; your pace shows from then."
        return Pace((), 0.0, 0.0, NOT_STARTED, message, replan_hours, replan_message)
    if (today - start).days // 7 >= limits.MAX_PLAN_WEEKS:
        message = (
            f"The plan started more than {limits.MAX_PLAN_WEEKS} weeks ago: choose a later "
            "start date to compare your pace with it."
        )
        return Pace((), 0.0, 0.0, NOT_STARTED, message, replan_hours, replan_message)
    baseline_work = [replace(w, in_progress=False) for w, _day in finished] + [
        replace(w, in_progress=False) for w in remaining
    ]
    baseline = plan.build_schedule(
        replace(settings, include_reading=False, target_date=None), baseline_work, [], today=start
    )
    per_week = planned_weeks(baseline)
    count = (today - start).days // 7 + 1
    weeks = []
    for i in range(count):
        begins = start + timedelta(weeks=i)
        ends = begins + timedelta(days=6)
        done = [w for w, day in finished if begins <= day <= ends]
        p_hours, p_count = per_week[i] if i < len(per_week) else (0.0, 0)
        hours_done = sum(w.hours for w in done if limits.tutorial_hours_ok(w.hours))
        weeks.append(
            PaceWeek(i + 1, begins, round(p_hours, 2), round(hours_done, 2), p_count, len(done))
        )
    gone = (today - weeks[-1].start).days / 7  # the days of this week already over
    planned = sum(w.planned_hours for w in weeks[:-1]) + weeks[-1].planned_hours * gone
    actual = sum(w.actual_hours for w in weeks)
    status, diff = _status(planned, actual)
    actual_n = sum(w.actual_tutorials for w in weeks)
    so_far = (
        f"{_fmt(planned)} planned by today, {_fmt(actual)} done "
        f"({_plural(actual_n, 'tutorial')} finished)"
    )
    if status == ON_PACE:
        message = f"On pace with the plan: {so_far}."
    else:
        where = "Ahead of" if status == AHEAD else "Behind"
        message = f"{where} the plan by {_fmt(abs(diff))}: {so_far}."
    return Pace(tuple(weeks), round(planned, 2), round(actual, 2), status, message,
                replan_hours, replan_message)  # fmt: skip


def _replan(
    settings: plan.PlanSettings, remaining: list[plan.WorkItem], today: date
) -> tuple[float | None, str]:
    target = settings.target_date
    if target is None:
        return None, ""
    from_today = replace(settings, start_date=today, include_reading=False)
    s = plan.build_schedule(from_today, remaining, [], today=today)
    if s.finish is None:
        return None, ""
    if s.finish <= target:
        return None, (
            f"At {settings.hours_per_week:g} h a week from today you finish by "
            f"{s.finish.isoformat()}, in time for your target ({target.isoformat()})."
        )
    if s.hours_needed is None:
        return None, " ".join(s.notes[-1:]) or "The target date cannot be met."
    if s.hours_needed > plan.MAX_HOURS:
        return None, "The target date cannot be met even at 80 hours a week: choose a later one."
    return s.hours_needed, (
        f"At {settings.hours_per_week:g} h a week from today you would finish on "
        f"{s.finish.isoformat()}, after your target ({target.isoformat()}); "
        f"{s.hours_needed:g} h a week from today meet it."
    )


@uses_store
def pace_for(store: Store, path_id: int, today: date | None = None) -> Pace:
    """The pace of the path's plan (raises PlanError when its settings cannot be used)."""
    today = today or date.today()
    settings = plan.get_settings(store, path_id)
    plan.plan_start(settings, today)  # the same refusal as the schedule's
    finished: list[tuple[plan.WorkItem, date]] = []
    if settings.start_date is not None:
        items = plan.work_items(
            store, path_id, (TutorialStatus.DONE,), finished_since=settings.start_date
        )
        days = {
            t.id: limits.as_date(t.finished_on)
            for t in m.Tutorial.select(m.Tutorial.id, m.Tutorial.finished_on).where(
                m.Tutorial.id.in_([w.ref_id for w in items])
            )
        }
        finished = [(w, day) for w in items if (day := days.get(w.ref_id)) is not None]
    return build_pace(settings, plan.remaining_work(store, path_id), finished, today)


@uses_store
def replan(
    store: Store, path_id: int, hours_per_week: float, today: date | None = None
) -> Outcome[None]:
    """Start the plan today at ``hours_per_week`` (one step to undo)."""
    today = today or date.today()
    if not (isinstance(hours_per_week, (int, float)) and math.isfinite(hours_per_week)):
        raise plan.PlanError("Hours per week must be a number.")
    wanted = replace(
        plan.get_settings(store, path_id), start_date=today, hours_per_week=float(hours_per_week)
    )
    return replace(plan.save_settings(store, path_id, wanted), merge_key="")
