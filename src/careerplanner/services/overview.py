"""The Overview dashboard's figures, gathered in one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from careerplanner.services import activity, catalog, plan, practice, progress, skills
from careerplanner.services.study_order import study_order
from careerplanner.store import Store, uses_store


@dataclass(frozen=True)
class NextTutorial:
    id: int
    title: str
    phase: str
    track: str
    hours: float
    in_progress: bool
    #: The share of it already done (in progress: the user's percent, or half).
    done_fraction: float = 0.0


@dataclass(frozen=True)
class Dashboard:
    info: catalog.PathInfo
    progress: progress.PathProgress
    phases: tuple[catalog.PhaseItem, ...]
    next_tutorials: tuple[NextTutorial, ...]
    gaps: tuple[skills.Gap, ...]
    #: Whether the user has saved a self-assessment (``skills.is_rated``); until then
    #: the gaps are unknown and ``gaps`` is empty.
    rated: bool
    #: Practised questions due today, the longest overdue first.
    due_questions: tuple[practice.QuestionRow, ...]
    #: Questions never practised (counted apart from the due ones).
    new_questions: int
    #: The question "Practise Now" opens: the first due one, else the first new one.
    next_question: int | None
    readiness: tuple[practice.CategoryReadiness, ...]
    overall: practice.CategoryReadiness
    heatmap: activity.Heatmap
    streaks: activity.Streaks


@uses_store
def next_tutorials(store: Store, path_id: int, count: int = 3) -> list[NextTutorial]:
    """What to learn next: the first of the plan's order (``study_order``: the tracks
    below target first), the same the schedule has the user study."""
    ordered = study_order(plan.remaining_work(store, path_id))
    return [
        NextTutorial(w.ref_id, w.title, w.phase, w.track, w.hours, w.in_progress, w.done_fraction)
        for w in ordered[:count]
    ]


@uses_store
def dashboard(
    store: Store, path_id: int, *, today: date | None = None,
    now: datetime | None = None, first_weekday: int = 0,
) -> Dashboard:  # fmt: skip
    today = today or date.today()
    bank = practice.question_bank(store, path_id, now=now)
    waiting = practice.to_practise(bank, now=now)
    by_day = activity.activity_by_day(store, path_id)
    counts = activity.totals(by_day)
    active = {d for d, c in counts.items() if c}
    rated = skills.is_rated(store, path_id)
    return Dashboard(
        info=catalog.path_info(store, path_id),
        progress=progress.path_progress(store, path_id),
        phases=tuple(p for p in catalog.roadmap(store, path_id) if not p.retired),
        next_tutorials=tuple(next_tutorials(store, path_id)),
        gaps=tuple(g for g in skills.gaps(store, path_id) if g.gap > 0)[:3] if rated else (),
        rated=rated,
        due_questions=tuple(practice.due_now(bank, now=now)),
        new_questions=len(practice.new_questions(bank)),
        next_question=waiting[0].id if waiting else None,
        readiness=tuple(practice.category_readiness(bank, now=now)),
        overall=practice.overall_readiness(bank, now=now),
        heatmap=activity.heatmap(counts, today, first_weekday, by_day),
        streaks=activity.streaks(active, today),
    )
