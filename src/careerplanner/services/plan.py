"""The study plan: its settings per career path, and a week-by-week schedule.

The scheduler is pure: ``build_schedule`` takes the remaining work and the settings and
returns weeks. Rules, in order:

* The weeks begin on the start date, or today when the start date has gone by: the work
  left cannot be done in the past, so the projected finish and the hours needed are
  counted from today.
* Tutorials that are not done and not skipped are taken in the order to study them
  (``study_order``: the tracks below target first; see that module) and packed into
  weeks by the hours they still need. A tutorial longer than what is left of a week
  continues into the next week ("part 1 of 2").
* A tutorial in progress still needs half its hours, or what the user said is left of
  it (``percent_done``).
* When weekly practice is on, each week sets aside ``PRACTICE_HOURS`` (but never more
  than a quarter of the week) for interview practice of the questions due then.
* Unread books are spread evenly across the weeks of tutorial work (read alongside;
  they take no tutorial hours). A book that is also a tutorial of the path (the same
  title or link) is not read alongside: the tutorial is scheduled.
* The projected finish is the last day of the last week with tutorial work. When it is
  past the target date, ``hours_needed`` is the weekly budget that would meet it.
* Whatever the database holds, the scheduler ends: a tutorial whose hours are not a
  number between 0 and ``MAX_TUTORIAL_HOURS`` is left out with a note that it cannot be
  scheduled, the schedule stops after ``MAX_WEEKS`` weeks, and start or target dates
  outside the app's limits (``careerplanner.limits``) are refused with a ``PlanError``.

The plan settings also hold the study days and the time each session starts
(``study_days``): the set-up asks for them with the hours, and the calendar export
places sessions there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import Any

from careerplanner import limits
from careerplanner.errors import UserError
from careerplanner.services import changes, skills, study_days
from careerplanner.services.changes import Outcome, unchanged
from careerplanner.services.study_days import DEFAULT_STUDY_TIMES, StudyTime
from careerplanner.services.study_order import BookMatcher, study_order
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.vocab import BookStatus, TutorialStatus

PRACTICE_HOURS = 1.0
MIN_HOURS, MAX_HOURS = limits.MIN_HOURS_PER_WEEK, limits.MAX_HOURS_PER_WEEK
MAX_WEEKS = limits.MAX_PLAN_WEEKS
#: At most this many tutorials that cannot be scheduled are named in the notes.
MAX_NAMED = 3
#: The share of a tutorial in progress counted as done when the user has not said.
IN_PROGRESS_CREDIT = 0.5

TUTORIAL, BOOK, PRACTICE = "tutorial", "book", "practice"


class PlanError(UserError, ValueError):
    """Settings that cannot be used, with a message for the user."""


@dataclass(frozen=True)
class PlanSettings:
    hours_per_week: float = 6.0
    start_date: date | None = None  # None: today
    target_date: date | None = None
    include_reading: bool = True
    include_practice: bool = True
    learner_name: str = ""
    #: The study days and the time each session starts, in weekday order.
    study_times: tuple[StudyTime, ...] = DEFAULT_STUDY_TIMES


@dataclass(frozen=True)
class WorkItem:
    """One tutorial still to do."""

    ref_id: int
    title: str
    hours: float
    phase: str
    track: str = ""
    in_progress: bool = False
    #: The phase's place in the roadmap (0 first).
    phase_index: int = 0
    #: The track's target − the user's level; None for a tutorial without a track, and
    #: for every tutorial while the user has not rated themselves (the gaps are unknown).
    gap: int | None = None
    #: How far the user says a tutorial in progress is (0-100); None: not said.
    percent_done: int | None = None
    #: The id of the track's skill; None for a tutorial without a track.
    track_id: int | None = None

    @property
    def done_fraction(self) -> float:
        """The share already done: 0, the user's percent, or half when in progress."""
        if not self.in_progress:
            return 0.0
        if self.percent_done is None:
            return IN_PROGRESS_CREDIT
        return min(1.0, max(0.0, self.percent_done / 100))

    @property
    def hours_left(self) -> float:
        return self.hours * (1 - self.done_fraction)

    @property
    def progress_note(self) -> str:
        if not self.in_progress:
            return ""
        if self.percent_done is None:
            return "half done (assumed)"
        return f"{min(100, max(0, self.percent_done))}% done"


@dataclass(frozen=True)
class PlanItem:
    kind: str  # tutorial, book, practice
    ref_id: int
    title: str
    hours: float
    detail: str = ""


@dataclass(frozen=True)
class Week:
    number: int
    start: date
    end: date
    items: tuple[PlanItem, ...]

    @property
    def hours(self) -> float:
        return round(sum(i.hours for i in self.items), 2)


@dataclass(frozen=True)
class Schedule:
    start: date
    weeks: tuple[Week, ...]
    total_hours: float
    finish: date | None
    target: date | None
    hours_per_week: float
    hours_needed: float | None = None
    notes: tuple[str, ...] = field(default=())
    #: Tutorials left out because their hours are outside the limits (see the notes).
    unscheduled: int = 0

    @property
    def on_track(self) -> bool | None:
        if self.target is None or self.finish is None:
            return None
        return self.finish <= self.target


def _practice_hours(settings: PlanSettings) -> float:
    if not settings.include_practice:
        return 0.0
    return min(PRACTICE_HOURS, settings.hours_per_week / 4)


def check_settings(settings: PlanSettings) -> None:
    """Raise PlanError when the hours or the dates are outside the app's limits."""
    if not limits.hours_per_week_ok(settings.hours_per_week):
        raise PlanError(f"Hours per week must be between {MIN_HOURS:g} and {MAX_HOURS:g}.")
    problem = study_days.problem(settings.study_times)
    if problem:
        raise PlanError(problem)
    for what, value in (("start", settings.start_date), ("target", settings.target_date)):
        if value is not None and not limits.date_in_range(value):
            raise PlanError(
                f"The {what} date {value.isoformat()} is outside the dates the plan can use "
                f"({limits.DATE_RANGE}): choose another."
            )


def check_to_save(settings: PlanSettings) -> None:
    """Raise PlanError when ``settings`` cannot be saved: ``check_settings``, and a target
    before the start."""
    check_settings(settings)
    if settings.start_date and settings.target_date and settings.target_date < settings.start_date:
        raise PlanError("The target date cannot be before the start date.")


def plan_start(settings: PlanSettings, today: date | None = None) -> date:
    """The plan's first day; raises PlanError when the settings cannot be used."""
    check_settings(settings)
    start = settings.start_date or today or date.today()
    if not limits.date_in_range(start):
        raise PlanError(
            f"Today's date ({start.isoformat()}) is outside the dates the plan can use "
            f"({limits.DATE_RANGE}): check the computer's clock, or choose a start date."
        )
    return start


def _shown(hours: float) -> str:
    return "not a number" if math.isnan(hours) else f"{hours:g}"


def _unschedulable_notes(items: list[WorkItem]) -> list[str]:
    notes = [
        f"“{item.title}” cannot be scheduled: its estimated hours ({_shown(item.hours)}) must be "
        f"more than 0 and at most {limits.MAX_TUTORIAL_HOURS:g}; correct it or mark it Skipped."
        for item in items[:MAX_NAMED]
    ]
    if len(items) > MAX_NAMED:
        more = len(items) - MAX_NAMED
        notes.append(f"{more} more tutorial{'s' if more != 1 else ''} cannot be scheduled.")
    return notes


def build_schedule(
    settings: PlanSettings,
    work: list[WorkItem],
    books: list[tuple[int, str]],
    due_questions: int = 0,
    new_questions: int = 0,
    today: date | None = None,
) -> Schedule:
    """Pack the remaining work into weeks (see the module's docstring for the rules)."""
    start = plan_start(settings, today)
    now = today or date.today()
    if start < now and limits.date_in_range(now):
        start = now  # the work left cannot be done in the past: it is planned from today
    practice = _practice_hours(settings)
    budget = settings.hours_per_week - practice  # at least 0.375 hours
    work = study_order(work)
    usable = [w for w in work if limits.tutorial_hours_ok(w.hours)]
    unusable = [w for w in work if not limits.tutorial_hours_ok(w.hours)]
    total = round(sum(w.hours_left for w in usable), 2)
    notes = _unschedulable_notes(unusable)

    # Each tutorial has at most MAX_TUTORIAL_HOURS / budget parts, and packing stops
    # once MAX_WEEKS weeks are full: the loops end for any stored values.
    weekly: list[list[PlanItem]] = []
    current: list[PlanItem] = []
    left = budget
    stopped = False
    for index, item in enumerate(usable):
        if left <= 1e-9:
            weekly.append(current)
            current, left = [], budget
        first = min(item.hours_left, left)
        chunks = [first]
        rest = item.hours_left - first
        while rest > 1e-9:
            chunks.append(min(rest, budget))
            rest -= chunks[-1]
        for part, hours in enumerate(chunks, start=1):
            if part > 1:
                weekly.append(current)
                current, left = [], budget
            detail = " · ".join(
                x for x in (
                    item.phase, item.progress_note,
                    f"part {part} of {len(chunks)}" if len(chunks) > 1 else "",
                ) if x
            )  # fmt: skip
            current.append(PlanItem(TUTORIAL, item.ref_id, item.title, round(hours, 2), detail))
            left -= hours
        if len(weekly) >= MAX_WEEKS and index < len(usable) - 1:
            stopped = True
            break
    if current:
        weekly.append(current)
    if stopped or len(weekly) > MAX_WEEKS:
        del weekly[MAX_WEEKS:]
        notes.append(f"The plan stops after {MAX_WEEKS} weeks; add hours per week.")

    work_weeks = len(weekly)
    if settings.include_reading and books:
        if not weekly:
            weekly.append([])
        n = len(weekly)
        for k, (book_id, title) in enumerate(books):
            index = min(n - 1, int((k + 0.5) * n / len(books)))
            weekly[index].append(PlanItem(BOOK, book_id, title, 0.0, "read alongside"))
    if practice and weekly:
        for i, items in enumerate(weekly):
            detail = (
                practice_counts_text(due_questions, new_questions)
                if i == 0 else "the questions due that week"
            )  # fmt: skip
            items.append(PlanItem(PRACTICE, 0, "Interview practice", practice, detail))

    weeks = tuple(
        Week(i + 1, start + timedelta(weeks=i), start + timedelta(weeks=i, days=6), tuple(items))
        for i, items in enumerate(weekly)
    )
    finish = weeks[work_weeks - 1].end if work_weeks else None
    needed: float | None = None
    target = settings.target_date
    if target is not None and finish is not None and finish > target:
        days = (target - start).days + 1
        if days <= 0:
            notes.append("The target date is already past: choose a later one.")
        elif days < 7:
            notes.append(
                "The target date is less than a week after the start; the plan counts "
                "whole weeks: choose a later target."
            )
        else:
            available_weeks = math.floor(days / 7) or 1
            needed = math.ceil((total / available_weeks + practice) * 2) / 2
            if needed > MAX_HOURS:
                notes.append("The target date cannot be met even at 80 hours a week.")
    if not work:
        notes.append("Every tutorial is done or skipped: nothing left to schedule.")
    return Schedule(start, weeks, total, finish, target, settings.hours_per_week, needed,
                    tuple(notes), len(unusable))  # fmt: skip


# -- settings in the store ------------------------------------------------------------


@uses_store
def get_settings(store: Store, path_id: int) -> PlanSettings:
    row = m.PlanSettings.get_or_none(m.PlanSettings.path == path_id)
    if row is None:
        return PlanSettings()
    return PlanSettings(
        hours_per_week=limits.as_float(row.hours_per_week),
        start_date=limits.as_date(row.start_date), target_date=limits.as_date(row.target_date),
        include_reading=bool(row.include_reading),
        include_practice=bool(row.include_practice), learner_name=row.learner_name,
        study_times=study_days.from_text(row.study_times),
    )  # fmt: skip


@uses_store
def save_settings(store: Store, path_id: int, settings: PlanSettings) -> Outcome[None]:
    """Save the plan settings of a path. Consecutive saves (typing in the fields) undo as
    one step."""
    check_to_save(settings)
    values = {
        "hours_per_week": settings.hours_per_week, "start_date": settings.start_date,
        "target_date": settings.target_date, "include_reading": settings.include_reading,
        "include_practice": settings.include_practice,
        "learner_name": settings.learner_name.strip()[:200],
        "study_times": study_days.to_text(settings.study_times),
    }  # fmt: skip
    with store.db.atomic():
        before = get_settings(store, path_id)
        if m.PlanSettings.get_or_none(m.PlanSettings.path == path_id) is None:
            m.PlanSettings.create(path=path_id, **values)
        else:
            m.PlanSettings.update(**values).where(m.PlanSettings.path == path_id).execute()
    if get_settings(store, path_id) == before:
        return unchanged()
    return Outcome(
        changes.PLAN, partial(save_settings, store, path_id, before), merge_key=f"plan:{path_id}"
    )


@uses_store
def set_book_status(store: Store, book_id: int, status: str) -> Outcome[None]:
    """Set a book's reading status."""
    if status not in BookStatus.values():
        raise PlanError(f"Unknown reading status {status!r}.")
    row = m.Book.get_or_none(m.Book.id == book_id)
    if row is None:
        raise PlanError("That book no longer exists.")
    before = str(row.status)
    if before == status:
        return unchanged()
    m.Book.update(status=status).where(m.Book.id == book_id).execute()
    return Outcome(changes.PLAN, partial(set_book_status, store, book_id, before))


@uses_store
def remaining_work(store: Store, path_id: int) -> list[WorkItem]:
    """Tutorials not done and not skipped, in roadmap order (retired ones left out), with
    what ordering them needs: the phase's place and the track's gap (``study_order``)."""
    return work_items(store, path_id, (TutorialStatus.NOT_STARTED, TutorialStatus.IN_PROGRESS))


@uses_store
def work_items(
    store: Store, path_id: int, statuses: tuple[str, ...], finished_since: date | None = None
) -> list[WorkItem]:
    """The path's tutorials (retired ones left out) in ``statuses``, in roadmap order, as
    work items; with ``finished_since``, only those finished on or after that day."""
    phase_rows = sorted(
        m.Phase.select().where(m.Phase.path == path_id), key=lambda p: (p.retired, p.position)
    )
    phases = {p.id: p.title for p in phase_rows}
    phase_index = {p.id: i for i, p in enumerate(phase_rows)}
    tracks = {s.id: s for s in m.Skill.select().where(m.Skill.path == path_id)}
    rated = skills.is_rated(store, path_id)
    where = (
        (m.Tutorial.path == path_id)
        & (m.Tutorial.retired == False)  # noqa: E712
        & m.Tutorial.status.in_(list(statuses))
    )
    if finished_since is not None:
        where &= m.Tutorial.finished_on >= finished_since
    ordered = sorted(
        m.Tutorial.select().where(where),
        key=lambda t: (phase_index.get(t.phase_id, len(phase_index)), t.custom, t.position, t.id),
    )

    def gap(skill_id: int | None) -> int | None:
        skill = tracks.get(skill_id) if skill_id is not None and rated else None
        return None if skill is None else int(skill.target) - int(skill.level)

    return [
        WorkItem(
            t.id, t.title, limits.as_float(t.hours), phases.get(t.phase_id, ""),
            tracks[t.skill_id].name if t.skill_id in tracks else "",
            t.status == TutorialStatus.IN_PROGRESS,
            phase_index=phase_index.get(t.phase_id, len(phase_index)),
            gap=gap(t.skill_id), percent_done=t.percent_done,
            track_id=t.skill_id if t.skill_id in tracks else None,
        )
        for t in ordered
    ]  # fmt: skip


@uses_store
def unread_books(store: Store, path_id: int) -> list[tuple[int, str]]:
    """Books to read alongside: not read yet, and not also a tutorial of the path (the
    same title or link, ``study_order.BookMatcher``: the tutorial is scheduled instead)."""
    rows = (
        m.Book.select()
        .where(
            (m.Book.path == path_id)
            & (m.Book.retired == False)  # noqa: E712
            & (m.Book.status != BookStatus.READ)
        )
        .order_by(m.Book.position)
    )
    books = list(rows)
    if not books:
        return []
    tutorials: Any = (
        m.Tutorial.select(m.Tutorial.title, m.Tutorial.url)
        .where((m.Tutorial.path == path_id) & (m.Tutorial.retired == False))  # noqa: E712
        .tuples()
    )
    also_tutorials = BookMatcher((b.title, b.url) for b in books).found_in(
        (str(title), str(url or "")) for title, url in tutorials
    )
    return [
        (b.id, f"{b.title} — {b.authors}") for i, b in enumerate(books) if i not in also_tutorials
    ]


def practice_counts_text(due: int, new: int) -> str:
    """'3 questions due, 8 new' (due and new are counted apart, as everywhere)."""
    if not due and not new:
        return "no question due"
    parts = [f"{due} question{'s' if due != 1 else ''} due"] if due else []
    if new:
        parts.append(f"{new} new" if due else f"{new} new question{'s' if new != 1 else ''}")
    return ", ".join(parts)


@uses_store
def schedule_for(store: Store, path_id: int, today: date | None = None) -> Schedule:
    from careerplanner.services import practice

    settings = get_settings(store, path_id)
    waiting = practice.counts(store, path_id)
    return build_schedule(
        settings, remaining_work(store, path_id), unread_books(store, path_id),
        waiting.due, waiting.new, today=today,
    )  # fmt: skip
