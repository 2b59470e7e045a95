"""Interview practice: the question bank, FSRS scheduling, attempts, readiness, own questions.

Scheduling uses the ``fsrs`` package (``Scheduler``, ``Card``, ``Rating``), imported where
first needed. FSRS works in UTC: every datetime this module returns is timezone-aware UTC
(the UI converts to local time). The database keeps *naive UTC* datetimes in
``Question.due``, ``Question.last_review`` and ``Attempt.reviewed_at``; the full card
state is ``Question.card`` (the fsrs ``Card`` as JSON).

An open-ended answer is not re-practised minutes later, so the scheduler runs without
(re)learning steps: every rating schedules whole days. Fuzzing is off, so the interval a
rating button shows is exactly the one the rating gives.

Readiness is documented in ``docs/readiness.md``. Own questions and the
drawing of mock interviews are in ``careerplanner.services.practice_questions``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from typing import TYPE_CHECKING, Any

from careerplanner.errors import UserError
from careerplanner.services import changes
from careerplanner.services.catalog import PreparedBy, outline_of, preparations
from careerplanner.services.changes import Outcome
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.vocab import Rating

if TYPE_CHECKING:
    from fsrs import Card, Scheduler

#: Attempts whose rubric coverage counts towards readiness (the most recent ones).
RECENT_ATTEMPTS = 3
#: Weights of the readiness formula (docs/readiness.md).
RECALL_WEIGHT = 0.6
COVERAGE_WEIGHT = 0.4
MAX_TEXT = 100_000


class PracticeError(UserError, ValueError):
    """A request that cannot be carried out, with a message for the user."""


# -- time ------------------------------------------------------------------------------


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _aware(dt: datetime | None) -> datetime | None:
    """A stored naive-UTC datetime as aware UTC."""
    if dt is None:
        return None
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


def _naive(dt: datetime | None) -> datetime | None:
    """An aware datetime as naive UTC, for storing."""
    if dt is None:
        return None
    return dt.astimezone(timezone.utc).replace(tzinfo=None) if dt.tzinfo else dt


def _now(now: datetime | None) -> datetime:
    if now is None:
        return utcnow()
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(timezone.utc)


# -- dataclasses -----------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionRow:
    """One question of the bank with its scheduling state and readiness (0-1)."""

    id: int
    key: str
    category: str
    text: str
    guidance: str
    focus_points: tuple[str, ...]
    custom: bool
    due: datetime | None
    last_rating: int | None
    last_review: datetime | None
    attempts: int
    retrievability: float
    coverage: float | None
    readiness: float
    draft: str
    #: The reference outline of a strong answer, for the review step (may be empty).
    outline: tuple[str, ...] = ()
    #: The tutorials that prepare for the question, with the learner's status on each.
    prepares: tuple[PreparedBy, ...] = ()
    #: Added by the pack beyond the document the path is based on.
    beyond_source: bool = False

    @property
    def new(self) -> bool:
        return self.due is None

    def is_due(self, now: datetime) -> bool:
        """Never practised, or its review date has come."""
        return self.due is None or self.due <= now


@dataclass(frozen=True)
class CategoryReadiness:
    category: str
    readiness: float
    questions: int
    due: int


@dataclass(frozen=True)
class AttemptItem:
    id: int
    question_id: int
    reviewed_at: datetime
    duration_s: float
    covered: int
    total: int
    covered_points: tuple[str, ...]
    rating: int
    answer: str
    mock: bool

    @property
    def coverage(self) -> float | None:
        return self.covered / self.total if self.total else None


@dataclass(frozen=True)
class CardState:
    """What a rating changes on a question: enough to put it back exactly."""

    card: str | None
    due: datetime | None
    last_rating: int | None
    last_review: datetime | None
    draft: str


@dataclass(frozen=True)
class Review:
    """A recorded rating: the attempt row and the question's state before and after."""

    question_id: int
    attempt_id: int
    attempt: dict[str, Any]
    before: CardState
    after: CardState


# -- FSRS ------------------------------------------------------------------------------


def scheduler() -> Scheduler:
    from fsrs import Scheduler

    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def _card(question_id: int, card_json: str | None, now: datetime) -> Card:
    from fsrs import Card

    if card_json:
        return Card.from_json(card_json)
    return Card(card_id=question_id, due=now)


def retrievability(card_json: str | None, now: datetime | None = None) -> float:
    """FSRS's predicted probability of recall now; 0 for a question never practised."""
    if not card_json:
        return 0.0
    from fsrs import Card

    return float(scheduler().get_card_retrievability(Card.from_json(card_json), _now(now)))


def readiness(recall: float, coverage: float | None) -> float:
    """Readiness (0-1) from retrievability and the mean coverage of recent attempts.

    ``RECALL_WEIGHT * recall + COVERAGE_WEIGHT * coverage``; without coverage (no attempt
    with focus points) the recall alone counts. See docs/readiness.md.
    """
    recall = min(max(recall, 0.0), 1.0)
    if coverage is None:
        return recall
    coverage = min(max(coverage, 0.0), 1.0)
    return RECALL_WEIGHT * recall + COVERAGE_WEIGHT * coverage


def recent_coverage(items: Iterable[tuple[int, int]]) -> float | None:
    """Mean coverage of the most recent attempts, from (covered, total) newest first."""
    values = [c / t for c, t in items if t > 0][:RECENT_ATTEMPTS]
    return sum(values) / len(values) if values else None


# -- the bank --------------------------------------------------------------------------


def _points(question_ids: Sequence[int] | None = None) -> dict[int, list[str]]:
    query = m.FocusPoint.select().order_by(m.FocusPoint.position, m.FocusPoint.id)
    if question_ids is not None:
        query = query.where(m.FocusPoint.question.in_(list(question_ids)))
    points: dict[int, list[str]] = {}
    for fp in query:
        points.setdefault(fp.question_id, []).append(fp.text)
    return points


_RECENT_SQL = """
    SELECT covered, total FROM attempt
    WHERE question_id = ? AND total > 0
    ORDER BY reviewed_at DESC, id DESC LIMIT ?
"""


def _recent(store: Store, question_ids: Sequence[int]) -> dict[int, list[tuple[int, int]]]:
    """The rubric coverage of each question's newest attempts, newest first.

    One indexed lookup per question (attempt(question_id, reviewed_at)) reads only
    ``RECENT_ATTEMPTS`` rows, however long the history.
    """
    db = store.db
    result: dict[int, list[tuple[int, int]]] = {}
    for qid in question_ids:
        rows = db.execute_sql(_RECENT_SQL, (qid, RECENT_ATTEMPTS)).fetchall()
        if rows:
            result[int(qid)] = [(int(c), int(t)) for c, t in rows]
    return result


def _rows(store: Store, query: Any, now: datetime) -> list[QuestionRow]:
    questions = list(query)
    ids = [q.id for q in questions]
    points = _points(ids)
    recent = _recent(store, ids)
    prepared = preparations(ids)
    rows = []
    for q in questions:
        recall = retrievability(q.card, now)
        coverage = recent_coverage(recent.get(q.id, []))
        rows.append(
            QuestionRow(
                id=q.id, key=q.key, category=q.category, text=q.text, guidance=q.guidance,
                focus_points=tuple(points.get(q.id, ())), custom=bool(q.custom),
                due=_aware(q.due), last_rating=q.last_rating, last_review=_aware(q.last_review),
                attempts=len(recent.get(q.id, [])), retrievability=recall, coverage=coverage,
                readiness=readiness(recall, coverage) if q.card else 0.0, draft=q.draft,
                outline=tuple(outline_of(q.outline)), prepares=prepared.get(q.id, ()),
                beyond_source=bool(q.beyond_source),
            )
        )  # fmt: skip
    return rows


@uses_store
def question_bank(store: Store, path_id: int, now: datetime | None = None) -> list[QuestionRow]:
    """The path's current questions (pack order, then own questions) with their state."""
    query = (
        m.Question.select()
        .where((m.Question.path == path_id) & (m.Question.retired == False))  # noqa: E712
        .order_by(m.Question.custom, m.Question.position, m.Question.id)
    )
    return _rows(store, query, _now(now))


@uses_store
def question(store: Store, question_id: int, now: datetime | None = None) -> QuestionRow:
    rows = _rows(store, m.Question.select().where(m.Question.id == question_id), _now(now))
    if not rows:
        raise PracticeError("That question no longer exists.")
    return rows[0]


def categories(rows: Iterable[QuestionRow]) -> list[str]:
    """Categories in order of first appearance."""
    return list(dict.fromkeys(r.category for r in rows))


def due_now(rows: Iterable[QuestionRow], now: datetime | None = None) -> list[QuestionRow]:
    """Questions to practise now, the longest overdue first, then new ones in order."""
    t = _now(now)
    due = [r for r in rows if r.is_due(t)]
    return sorted(due, key=lambda r: (r.due is None, r.due or t))


def category_readiness(
    rows: Sequence[QuestionRow], now: datetime | None = None
) -> list[CategoryReadiness]:
    """Mean readiness per category (questions never practised count as 0)."""
    t = _now(now)
    result = []
    for category in categories(rows):
        items = [r for r in rows if r.category == category]
        result.append(
            CategoryReadiness(
                category,
                sum(r.readiness for r in items) / len(items),
                len(items),
                sum(1 for r in items if r.is_due(t)),
            )
        )
    return result


def overall_readiness(rows: Sequence[QuestionRow]) -> float:
    return sum(r.readiness for r in rows) / len(rows) if rows else 0.0


# -- rating ----------------------------------------------------------------------------


def _state(q: m.Question) -> CardState:
    return CardState(q.card, _aware(q.due), q.last_rating, _aware(q.last_review), q.draft)


def _question(question_id: int) -> m.Question:
    q = m.Question.get_or_none(m.Question.id == question_id)
    if q is None:
        raise PracticeError("That question no longer exists.")
    return q


@uses_store
def preview(store: Store, question_id: int, now: datetime | None = None) -> dict[int, datetime]:
    """When the question would come back for each rating (1-4), aware UTC."""
    from fsrs import Rating

    t = _now(now)
    q = _question(question_id)
    card = _card(q.id, q.card, t)
    sched = scheduler()
    return {int(r): sched.review_card(card, r, t)[0].due for r in Rating}


@uses_store
def rate(
    store: Store,
    question_id: int,
    rating: int,
    *,
    covered_points: Sequence[str] = (),
    duration_s: float = 0.0,
    answer: str = "",
    mock: bool = False,
    now: datetime | None = None,
) -> Outcome[Review]:
    """Rate an answer: schedule the next review with FSRS and log the attempt.

    ``covered_points`` are the texts of the rubric items the answer covered. The draft is
    cleared (the answer now lives in the attempt). The outcome's value is the Review.
    """
    from fsrs import Rating as FsrsRating

    if not Rating.has(rating):
        raise PracticeError("A rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).")
    if len(answer) > MAX_TEXT:
        raise PracticeError(f"An answer can be at most {MAX_TEXT:,} characters.")
    t = _now(now)
    with store.db.atomic():
        q = _question(question_id)
        points = _points([q.id]).get(q.id, [])
        covered = [p for p in points if p in set(covered_points)]
        before = _state(q)
        card, _log = scheduler().review_card(_card(q.id, q.card, t), FsrsRating(rating), t)
        after = CardState(card.to_json(), card.due, rating, t, "")
        _apply(q.id, after)
        attempt = {
            "question": q.id, "reviewed_at": _naive(t), "duration_s": max(0.0, duration_s),
            "covered": len(covered), "total": len(points),
            "covered_points": json.dumps(covered), "rating": rating, "answer": answer,
            "card_before": before.card, "card_after": after.card, "mock": mock,
        }  # fmt: skip
        attempt_id = int(m.Attempt.insert(**attempt).execute())
    review = Review(q.id, attempt_id, {**attempt, "id": attempt_id}, before, after)
    return Outcome(changes.questions(q.id), partial(undo_review, store, review), review)


def _apply(question_id: int, state: CardState) -> None:
    m.Question.update(
        card=state.card, due=_naive(state.due), last_rating=state.last_rating,
        last_review=_naive(state.last_review), draft=state.draft,
    ).where(m.Question.id == question_id).execute()  # fmt: skip


@uses_store
def undo_review(store: Store, review: Review) -> Outcome[Review]:
    """Put the question's scheduler state back exactly and remove the attempt."""
    with store.db.atomic():
        m.Attempt.delete().where(m.Attempt.id == review.attempt_id).execute()
        _apply(review.question_id, review.before)
    return Outcome(
        changes.questions(review.question_id), partial(redo_review, store, review), review
    )


@uses_store
def redo_review(store: Store, review: Review) -> Outcome[Review]:
    """Record the same rating again, with the same attempt id and the same result."""
    with store.db.atomic():
        _question(review.question_id)
        m.Attempt.insert(**review.attempt).execute()
        _apply(review.question_id, review.after)
    return Outcome(
        changes.questions(review.question_id), partial(undo_review, store, review), review
    )


@uses_store
def save_draft(store: Store, question_id: int, text: str) -> Outcome[None]:
    """Keep the answer being typed (not undoable: the text box has its own undo)."""
    if len(text) > MAX_TEXT:
        raise PracticeError(f"An answer can be at most {MAX_TEXT:,} characters.")
    if not m.Question.update(draft=text).where(m.Question.id == question_id).execute():
        raise PracticeError("That question no longer exists.")
    return Outcome(changes.NOTHING)


# -- attempts --------------------------------------------------------------------------


def _attempt(a: m.Attempt) -> AttemptItem:
    try:
        points = tuple(str(p) for p in json.loads(a.covered_points or "[]"))
    except (ValueError, TypeError):
        points = ()
    reviewed = _aware(a.reviewed_at)
    assert reviewed is not None
    return AttemptItem(
        a.id, a.question_id, reviewed, float(a.duration_s), a.covered, a.total, points,
        a.rating, a.answer, bool(a.mock),
    )  # fmt: skip


@uses_store
def attempts(store: Store, question_id: int) -> list[AttemptItem]:
    """A question's attempts, oldest first."""
    query = (
        m.Attempt.select()
        .where(m.Attempt.question == question_id)
        .order_by(m.Attempt.reviewed_at, m.Attempt.id)
    )
    return [_attempt(a) for a in query]


@uses_store
def attempts_by_id(store: Store, attempt_ids: Sequence[int]) -> list[AttemptItem]:
    """The attempts that still exist among ``attempt_ids``, in that order."""
    found = {a.id: _attempt(a) for a in m.Attempt.select().where(m.Attempt.id.in_(attempt_ids))}
    return [found[i] for i in attempt_ids if i in found]


# -- timer lengths ---------------------------------------------------------------------


@uses_store
def timer_minutes(store: Store, category: str) -> int:
    """The countdown length for a category: the user's setting, else the default."""
    from careerplanner.services import settings

    return settings.PRACTICE_TIMER.of(category).get(store)


@uses_store
def set_timer_minutes(store: Store, category: str, minutes: int) -> None:
    from careerplanner.services import settings

    setting = settings.PRACTICE_TIMER.of(category)
    if not setting.low <= minutes <= setting.high:
        raise PracticeError(f"A timer is between {setting.low} and {setting.high} minutes.")
    setting.set(store, minutes)
