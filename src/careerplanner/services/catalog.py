"""Read-only views of an installed career path, as plain dataclasses for the UI."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from careerplanner import limits
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus

#: How a retired tutorial that the learner worked on is described wherever it is shown.
RETIRED_KEPT_NOTE = "retired: kept because you worked on it"


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
    #: Retired by a newer edition of the path and kept because the learner worked on it
    #: (a status, dates, notes or links). Shown with ``RETIRED_KEPT_NOTE``.
    kept_for_user_state: bool = False
    #: How far the user says a tutorial in progress is (0-100); None: not said.
    percent_done: int | None = None

    @property
    def retired_note(self) -> str:
        return RETIRED_KEPT_NOTE if self.retired and self.kept_for_user_state else ""


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
class PreparedBy:
    """A tutorial that prepares for a question, with the learner's progress on it."""

    tutorial_id: int
    key: str
    title: str
    status: str
    retired: bool


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
    #: The reference outline of a strong answer (empty when the pack gives none).
    outline: tuple[str, ...] = ()
    #: The tutorials that prepare for the question, in the pack's order.
    prepares: tuple[PreparedBy, ...] = ()
    #: Added by the pack beyond the document the path is based on.
    beyond_source: bool = False


@dataclass(frozen=True)
class BookItem:
    id: int
    key: str
    title: str
    authors: str
    url: str
    status: str
    retired: bool
    note: str = ""


def outline_of(stored: str | None) -> list[str]:
    """A question's stored outline (JSON) as a list of text; anything malformed is empty."""
    try:
        value = json.loads(stored or "[]")
    except (ValueError, TypeError):
        return []
    if not isinstance(value, list):
        return []
    return [str(item) for item in value if isinstance(item, str) and item.strip()]


@uses_store
def list_paths(store: Store) -> list[PathSummary]:
    rows = m.CareerPath.select().order_by(m.CareerPath.builtin.desc(), m.CareerPath.title)
    return [PathSummary(p.id, p.key, p.title, bool(p.builtin), p.pack_version) for p in rows]


@uses_store
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


def _with_links(tutorial_ids: list[int]) -> set[int]:
    if not tutorial_ids:
        return set()
    query = m.TutorialLink.select(m.TutorialLink.tutorial).where(
        m.TutorialLink.tutorial.in_(tutorial_ids)
    )
    return {row.tutorial_id for row in query}


def has_user_state(t: m.Tutorial, linked: set[int] | None = None) -> bool:
    """Whether the learner worked on a tutorial: a status, dates, notes or links.

    ``linked`` is the set of tutorial ids with links, when the caller has it already.
    """
    if linked is None:
        linked = _with_links([t.id])
    return (
        t.status != TutorialStatus.NOT_STARTED
        or bool(t.notes)
        or t.started_on is not None
        or t.finished_on is not None
        or t.id in linked
    )


def _tutorial_item(t: m.Tutorial, skill: m.Skill | None, linked: set[int]) -> TutorialItem:
    return TutorialItem(
        id=t.id, key=t.key, phase_id=t.phase_id, title=t.title,
        skill_key=skill.key if skill else "", skill_name=skill.name if skill else "",
        level=t.level, hours=limits.as_float(t.hours), url=t.url, description=t.description,
        custom=bool(t.custom), retired=bool(t.retired), status=t.status,
        started_on=t.started_on, finished_on=t.finished_on, notes=t.notes,
        kept_for_user_state=bool(t.retired) and has_user_state(t, linked),
        percent_done=t.percent_done,
    )  # fmt: skip


@uses_store
def tutorial(store: Store, tutorial_id: int) -> TutorialItem | None:
    """One tutorial, or None when it no longer exists."""
    t = m.Tutorial.get_or_none(m.Tutorial.id == tutorial_id)
    if t is None:
        return None
    skill = m.Skill.get_or_none(m.Skill.id == t.skill_id) if t.skill_id is not None else None
    return _tutorial_item(t, skill, _with_links([t.id]) if t.retired else set())


def _tutorial_items(path_id: int, *, retired_only: bool = False) -> list[TutorialItem]:
    """The path's tutorials in roadmap order: by phase, retired ones after the others."""
    skills = {s.id: s for s in m.Skill.select().where(m.Skill.path == path_id)}
    where = m.Tutorial.path == path_id
    if retired_only:
        where &= m.Tutorial.retired == True  # noqa: E712
    rows = list(
        m.Tutorial.select()
        .where(where)
        .order_by(
            m.Tutorial.phase,
            m.Tutorial.retired,
            m.Tutorial.custom,
            m.Tutorial.position,
            m.Tutorial.id,
        )
    )
    linked = _with_links([t.id for t in rows if t.retired])
    return [
        _tutorial_item(t, skills.get(t.skill_id) if t.skill_id is not None else None, linked)
        for t in rows
    ]


@uses_store
def retired_tutorials(store: Store, path_id: int) -> list[TutorialItem]:
    """Tutorials a newer edition of the path dropped and that stay because of user state.

    A retired tutorial whose state the learner has since cleared is listed too, with
    ``kept_for_user_state`` False: the next update of the path removes it.
    """
    return _tutorial_items(path_id, retired_only=True)


@uses_store
def roadmap(store: Store, path_id: int) -> list[PhaseItem]:
    """Phases in order with their tutorials; retired ones after the others in their phase.

    A pack update deletes the tutorials it drops unless they hold user state, so the
    retired tutorials listed here are the ones kept because the learner worked on them.
    """
    by_phase: dict[int, list[TutorialItem]] = {}
    for item in _tutorial_items(path_id):
        by_phase.setdefault(item.phase_id, []).append(item)
    phases = (
        m.Phase.select().where(m.Phase.path == path_id).order_by(m.Phase.retired, m.Phase.position)
    )
    return [
        PhaseItem(p.id, p.key, p.title, p.summary, bool(p.retired), tuple(by_phase.get(p.id, ())))
        for p in phases
    ]


@uses_store
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


def preparations(question_ids: list[int] | None = None) -> dict[int, tuple[PreparedBy, ...]]:
    """The tutorials that prepare for each question (all questions, or ``question_ids``)."""
    query = (
        m.Preparation.select(m.Preparation, m.Tutorial)
        .join(m.Tutorial)
        .order_by(m.Preparation.question, m.Preparation.position)
    )
    if question_ids is not None:
        query = query.where(m.Preparation.question.in_(question_ids))
    result: dict[int, list[PreparedBy]] = {}
    for prep in query:
        t = prep.tutorial
        result.setdefault(prep.question_id, []).append(
            PreparedBy(t.id, t.key, t.title, t.status, bool(t.retired))
        )
    return {qid: tuple(items) for qid, items in result.items()}


@uses_store
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
    rows = list(
        m.Question.select()
        .where(m.Question.path == path_id)
        .order_by(m.Question.retired, m.Question.custom, m.Question.position, m.Question.id)
    )
    prepared = preparations([q.id for q in rows])
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
            outline=tuple(outline_of(q.outline)),
            prepares=prepared.get(q.id, ()),
            beyond_source=bool(q.beyond_source),
        )
        for q in rows
    ]


@uses_store
def tips(store: Store, path_id: int) -> list[str]:
    return [t.text for t in m.Tip.select().where(m.Tip.path == path_id).order_by(m.Tip.position)]


@uses_store
def books(store: Store, path_id: int) -> list[BookItem]:
    rows = m.Book.select().where(m.Book.path == path_id).order_by(m.Book.retired, m.Book.position)
    return [
        BookItem(b.id, b.key, b.title, b.authors, b.url, b.status, bool(b.retired), b.note)
        for b in rows
    ]
