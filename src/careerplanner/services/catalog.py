"""Read-only views of an installed career path, as plain dataclasses for the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from careerplanner import limits
from careerplanner.store import Store
from careerplanner.store import models as m


@dataclass(frozen=True)
class PathSummary:
    id: int
    key: str
    title: str
    builtin: bool
    pack_version: int


@dataclass(frozen=True)
class PathInfo:
    id: int
    key: str
    title: str
    tagline: str
    role_summary: str
    audience: str
    responsibilities: tuple[tuple[str, str], ...]
    skills_intro: str
    roadmap_intro: str
    questions_intro: str
    reading_intro: str
    phase_count: int
    tutorial_count: int
    track_count: int
    question_count: int
    book_count: int


@dataclass(frozen=True)
class TutorialItem:
    id: int
    key: str
    phase_id: int
    title: str
    skill_key: str
    skill_name: str
    level: int
    hours: float
    url: str
    description: str
    custom: bool
    retired: bool
    status: str
    started_on: date | None
    finished_on: date | None
    notes: str


@dataclass(frozen=True)
class PhaseItem:
    id: int
    key: str
    title: str
    summary: str
    retired: bool
    tutorials: tuple[TutorialItem, ...] = field(default=())


@dataclass(frozen=True)
class TopicItem:
    id: int
    key: str
    name: str
    checked: bool


@dataclass(frozen=True)
class SkillItem:
    id: int
    key: str
    name: str
    summary: str
    target: int
    level: int
    retired: bool
    topics: tuple[TopicItem, ...]


@dataclass(frozen=True)
class QuestionItem:
    id: int
    key: str
    category: str
    text: str
    guidance: str
    focus_points: tuple[str, ...]
    custom: bool
    retired: bool
    due: datetime | None
    last_rating: int | None


@dataclass(frozen=True)
class BookItem:
    id: int
    key: str
    title: str
    authors: str
    url: str
    status: str
    retired: bool


def list_paths(store: Store) -> list[PathSummary]:
    rows = m.CareerPath.select().order_by(m.CareerPath.builtin.desc(), m.CareerPath.title)
    return [PathSummary(p.id, p.key, p.title, bool(p.builtin), p.pack_version) for p in rows]


def path_info(store: Store, path_id: int) -> PathInfo:
    p = m.CareerPath.get_by_id(path_id)
    responsibilities = tuple(
        (r.title, r.description)
        for r in m.Responsibility.select()
        .where(m.Responsibility.path == p)
        .order_by(m.Responsibility.position)
    )
    active = m.Tutorial.retired == False  # noqa: E712
    return PathInfo(
        id=p.id,
        key=p.key,
        title=p.title,
        tagline=p.tagline,
        role_summary=p.role_summary,
        audience=p.role_audience,
        responsibilities=responsibilities,
        skills_intro=p.skills_intro,
        roadmap_intro=p.roadmap_intro,
        questions_intro=p.questions_intro,
        reading_intro=p.reading_intro,
        phase_count=m.Phase.select().where((m.Phase.path == p) & ~m.Phase.retired).count(),
        tutorial_count=m.Tutorial.select().where((m.Tutorial.path == p) & active).count(),
        track_count=m.Skill.select().where((m.Skill.path == p) & ~m.Skill.retired).count(),
        question_count=m.Question.select()
        .where((m.Question.path == p) & ~m.Question.retired)
        .count(),
        book_count=m.Book.select().where((m.Book.path == p) & ~m.Book.retired).count(),
    )


def _tutorial_item(t: m.Tutorial, skill: m.Skill | None) -> TutorialItem:
    return TutorialItem(
        id=t.id, key=t.key, phase_id=t.phase_id, title=t.title,
        skill_key=skill.key if skill else "", skill_name=skill.name if skill else "",
        level=t.level, hours=limits.as_float(t.hours), url=t.url, description=t.description,
        custom=bool(t.custom), retired=bool(t.retired), status=t.status,
        started_on=t.started_on, finished_on=t.finished_on, notes=t.notes,
    )  # fmt: skip


def tutorial(store: Store, tutorial_id: int) -> TutorialItem | None:
    """One tutorial, or None when it no longer exists."""
    t = m.Tutorial.get_or_none(m.Tutorial.id == tutorial_id)
    if t is None:
        return None
    skill = m.Skill.get_or_none(m.Skill.id == t.skill_id) if t.skill_id is not None else None
    return _tutorial_item(t, skill)


def roadmap(store: Store, path_id: int) -> list[PhaseItem]:
    """Phases in order with their tutorials; retired ones only when they hold user state."""
    skills = {s.id: s for s in m.Skill.select().where(m.Skill.path == path_id)}
    by_phase: dict[int, list[TutorialItem]] = {}
    query = (
        m.Tutorial.select()
        .where(m.Tutorial.path == path_id)
        .order_by(m.Tutorial.phase, m.Tutorial.custom, m.Tutorial.position, m.Tutorial.id)
    )
    for t in query:
        skill = skills.get(t.skill_id) if t.skill_id is not None else None
        by_phase.setdefault(t.phase_id, []).append(_tutorial_item(t, skill))
    phases = (
        m.Phase.select().where(m.Phase.path == path_id).order_by(m.Phase.retired, m.Phase.position)
    )
    return [
        PhaseItem(p.id, p.key, p.title, p.summary, bool(p.retired), tuple(by_phase.get(p.id, ())))
        for p in phases
    ]


def skills(store: Store, path_id: int) -> list[SkillItem]:
    topics: dict[int, list[TopicItem]] = {}
    topic_query = (
        m.Topic.select()
        .join(m.Skill)
        .where(m.Skill.path == path_id)
        .order_by(m.Topic.retired, m.Topic.position)
    )
    for t in topic_query:
        topics.setdefault(t.skill_id, []).append(TopicItem(t.id, t.key, t.name, bool(t.checked)))
    rows = (
        m.Skill.select().where(m.Skill.path == path_id).order_by(m.Skill.retired, m.Skill.position)
    )
    return [
        SkillItem(
            s.id,
            s.key,
            s.name,
            s.summary,
            s.target,
            s.level,
            bool(s.retired),
            tuple(topics.get(s.id, ())),
        )
        for s in rows
    ]


def questions(store: Store, path_id: int) -> list[QuestionItem]:
    points: dict[int, list[str]] = {}
    point_query = (
        m.FocusPoint.select()
        .join(m.Question)
        .where(m.Question.path == path_id)
        .order_by(m.FocusPoint.position)
    )
    for fp in point_query:
        points.setdefault(fp.question_id, []).append(fp.text)
    rows = (
        m.Question.select()
        .where(m.Question.path == path_id)
        .order_by(m.Question.retired, m.Question.custom, m.Question.position, m.Question.id)
    )
    return [
        QuestionItem(
            q.id,
            q.key,
            q.category,
            q.text,
            q.guidance,
            tuple(points.get(q.id, ())),
            bool(q.custom),
            bool(q.retired),
            q.due,
            q.last_rating,
        )
        for q in rows
    ]


def tips(store: Store, path_id: int) -> list[str]:
    return [t.text for t in m.Tip.select().where(m.Tip.path == path_id).order_by(m.Tip.position)]


def books(store: Store, path_id: int) -> list[BookItem]:
    rows = m.Book.select().where(m.Book.path == path_id).order_by(m.Book.retired, m.Book.position)
    return [
        BookItem(b.id, b.key, b.title, b.authors, b.url, b.status, bool(b.retired)) for b in rows
    ]
