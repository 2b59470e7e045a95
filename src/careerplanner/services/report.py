"""Everything an exported study plan shows, gathered in one plain dataclass.

The exporters (PDF, iCalendar, Markdown) only format a ``PlanReport``; they never query
the store, so they can run on a worker thread or without a display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from careerplanner.services import catalog, plan, progress
from careerplanner.services import skills as skill_service
from careerplanner.store import Store, uses_store
from careerplanner.vocab import BookStatus, level_name

#: What the exports say of a level while the user has not rated themselves.
NOT_RATED = "not rated yet"
NOT_RATED_ADVICE = (
    "Your skills are not rated yet: rate them in the app (Help → Set Up Your Plan…) to see "
    "your gaps and to study the tracks you need most first."
)


@dataclass(frozen=True)
class SkillRow:
    name: str
    target: int
    level: int
    #: False until the user has saved a self-assessment (``skills.is_rated``).
    rated: bool = True

    @property
    def gap(self) -> int:
        return self.target - self.level

    @property
    def gap_text(self) -> str:
        if not self.rated:
            return "—"
        return f"{self.gap} level{'s' if self.gap != 1 else ''}" if self.gap > 0 else "met"

    @property
    def target_name(self) -> str:
        return level_name(self.target)

    @property
    def level_name(self) -> str:
        return level_name(self.level) if self.rated else NOT_RATED


@dataclass(frozen=True)
class QuestionRow:
    category: str
    text: str
    focus_points: tuple[str, ...]
    due: datetime | None
    last_rating: int | None


@dataclass(frozen=True)
class PlanReport:
    path_key: str
    title: str
    tagline: str
    role_summary: str
    generated_on: date
    settings: plan.PlanSettings
    overall: progress.Progress
    phases: tuple[catalog.PhaseItem, ...]
    phase_progress: dict[int, progress.Progress]
    skills: tuple[SkillRow, ...]
    schedule: plan.Schedule
    questions: tuple[QuestionRow, ...]
    tips: tuple[str, ...]
    books: tuple[catalog.BookItem, ...]
    #: Whether the user has saved a self-assessment: until then the gaps are unknown.
    rated: bool = True

    @property
    def gaps(self) -> tuple[SkillRow, ...]:
        """Skills below their target, the largest gap first (ties keep path order); none
        until the user has rated themselves."""
        if not self.rated:
            return ()
        return tuple(sorted((s for s in self.skills if s.gap > 0), key=lambda s: -s.gap))


@uses_store
def build_report(store: Store, path_id: int, today: date | None = None) -> PlanReport:
    today = today or date.today()
    info = catalog.path_info(store, path_id)
    prog = progress.path_progress(store, path_id)
    phases = tuple(
        p for p in catalog.roadmap(store, path_id) if not p.retired or p.tutorials
    )  # fmt: skip
    rated = skill_service.is_rated(store, path_id)
    skills = tuple(
        SkillRow(s.name, s.target, s.level, rated)
        for s in catalog.skills(store, path_id)
        if not s.retired
    )
    questions = tuple(
        QuestionRow(q.category, q.text, q.focus_points, q.due, q.last_rating)
        for q in catalog.questions(store, path_id)
        if not q.retired
    )
    books = tuple(
        b for b in catalog.books(store, path_id) if not b.retired or b.status != BookStatus.TO_READ
    )  # fmt: skip
    return PlanReport(
        path_key=info.key, title=info.title, tagline=info.tagline,
        role_summary=info.role_summary, generated_on=today,
        settings=plan.get_settings(store, path_id), overall=prog.overall, phases=phases,
        phase_progress=prog.by_phase, skills=skills,
        schedule=plan.schedule_for(store, path_id, today=today), questions=questions,
        tips=tuple(catalog.tips(store, path_id)), books=books, rated=rated,
    )  # fmt: skip
