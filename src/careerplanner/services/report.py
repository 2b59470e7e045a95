"""Everything an exported study plan shows, gathered in one plain dataclass.

The exporters (PDF, iCalendar, Markdown) only format a ``PlanReport``; they never query
the store, so they can run on a worker thread or without a display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from careerplanner.services import catalog, plan, progress
from careerplanner.store import Store, uses_store
from careerplanner.vocab import BookStatus, level_name


@dataclass(frozen=True)
class SkillRow:
    name: str
    target: int
    level: int

    @property
    def gap(self) -> int:
        return self.target - self.level

    @property
    def target_name(self) -> str:
        return level_name(self.target)

    @property
    def level_name(self) -> str:
        return level_name(self.level)


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

    @property
    def gaps(self) -> tuple[SkillRow, ...]:
        """Skills below their target, the largest gap first (ties keep path order)."""
        return tuple(sorted((s for s in self.skills if s.gap > 0), key=lambda s: -s.gap))


@uses_store
def build_report(store: Store, path_id: int, today: date | None = None) -> PlanReport:
    today = today or date.today()
    info = catalog.path_info(store, path_id)
    prog = progress.path_progress(store, path_id)
    phases = tuple(
        p for p in catalog.roadmap(store, path_id) if not p.retired or p.tutorials
    )  # fmt: skip
    skills = tuple(
        SkillRow(s.name, s.target, s.level) for s in catalog.skills(store, path_id) if not s.retired
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
        tips=tuple(catalog.tips(store, path_id)), books=books,
    )  # fmt: skip
