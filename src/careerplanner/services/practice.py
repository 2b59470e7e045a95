"""Interview practice: the question bank, FSRS scheduling, attempts, readiness, own questions.

Scheduling uses the ``fsrs`` package (``Scheduler``, ``Card``, ``Rating``), imported where
first needed. FSRS works in UTC: every datetime this module returns is timezone-aware UTC
(the UI converts to local time). The database keeps *naive UTC* datetimes in
``Question.due``, ``Question.last_review`` and ``Attempt.reviewed_at``; the full card
state is ``Question.card`` (the fsrs ``Card`` as JSON).

An open-ended answer is not re-practised minutes later, so the scheduler runs without
(re)learning steps: every rating schedules whole days, and a question is due from the
start of its due day (local time). The desired retention is 0.88, so that the four
ratings of a new question give four different intervals (1, 2, 3 and 11 days; at 0.9
Again and Hard both give one day). Fuzzing is off, so the interval a rating button shows
is exactly the one the rating gives.

Readiness (``careerplanner.services.readiness``) is documented in ``docs/readiness.md``.
Own questions and the drawing of mock interviews are in
``careerplanner.services.practice_questions``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from careerplanner.errors import UserError
from careerplanner.services import changes
from careerplanner.services.catalog import PreparedBy, outline_of
from careerplanner.services.changes import Outcome
from careerplanner.services.readiness import (
    HORIZON_DAYS,
    MIN_ATTEMPTS,
    RECENT_ATTEMPTS,
    Recent,
    question_readiness,
    readiness_text,
    summarize,
)
from careerplanner.services.readiness import CategoryReadiness as CategoryReadiness
from careerplanner.services.readiness import coverage as recent_coverage
from careerplanner.services.readiness import grade as recent_grade
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.vocab import Rating

if TYPE_CHECKING:
    from fsrs import Card, Scheduler

#: The predicted recall at which a question comes back (FSRS's ``desired_retention``).
DESIRED_RETENTION = 0.88
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


def local_day(dt: datetime) -> date:
    """The day ``dt`` falls on in the computer's local time zone (its UTC day when the
    local time cannot be computed: a year 1 or 9999)."""
    try:
        return dt.astimezone().date()
    except (OverflowError, OSError, ValueError):
        return dt.astimezone(timezone.utc).date()


def day_end(now: datetime) -> datetime:
    """The first instant (aware UTC) of the local day after ``now``'s: a question whose
    due time is before it is due today. Scheduling is in whole days, so a question due
    on a day is due from that day's start, however late in the day it was rated."""
    try:
        start = datetime.combine(local_day(now) + timedelta(days=1), time())
        return start.astimezone().astimezone(timezone.utc)
    except (OverflowError, OSError, ValueError):
        return datetime.max.replace(tzinfo=timezone.utc)


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
    #: How many times the question was answered and rated.
    attempts: int
    #: FSRS's predicted probability of recall now (0 when never practised).
    retrievability: float
    #: Mean rubric coverage of the most recent attempts with focus points (0-1).
    coverage: float | None
    #: The readiness figure (0-1), or None while the question is new or learning.
    readiness: float | None
    draft: str
    #: The reference outline of a strong answer, for the review step (may be empty).
    outline: tuple[str, ...] = ()
    #: The tutorials that prepare for the question, with the learner's status on each.
    prepares: tuple[PreparedBy, ...] = ()
    #: Added by the pack beyond the document the path is based on.
    beyond_source: bool = False
    #: FSRS's stability in days (None when never practised).
    stability: float | None = None
    #: FSRS's predicted recall ``HORIZON_DAYS`` from now.
    recall_ahead: float = 0.0
    #: Mean rating score of the most recent attempts (docs/readiness.md).
    grade: float | None = None
    #: On how many different days it was practised (counted up to ``MIN_ATTEMPTS``).
    days: int = 0

    @property
    def new(self) -> bool:
        """Never practised: not yet scheduled."""
        return self.due is None

    @property
    def learning(self) -> bool:
        """Practised, but without enough evidence for a readiness figure."""
        return not self.new and self.readiness is None

    def is_due(self, now: datetime) -> bool:
        """Practised, and its review day has come (new questions are counted apart)."""
        return self.due is not None and self.due < day_end(now)

    @property
    def readiness_text(self) -> str:
        """The figure with the attempts beside it: "82% (4 attempts)", "learning (1
        attempt)" or "not practised yet"."""
        return readiness_text(self.readiness, self.attempts)


@dataclass(frozen=True)
class PracticeCounts:
    """What is waiting: questions due today, and new questions never practised."""

    due: int
    new: int


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


@cache
def scheduler() -> Scheduler:
    """The one scheduler (its parameters never change; building one validates them)."""
    from fsrs import Scheduler

    return Scheduler(
        desired_retention=DESIRED_RETENTION,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )


def _card(question_id: int, card_json: str | None, now: datetime) -> Card:
    from fsrs import Card

    if card_json:
        return Card.from_json(card_json)
    return Card(card_id=question_id, due=now)


@dataclass(frozen=True)
class Memory:
    """FSRS's memory state of a question's card, as readiness uses it."""

    stability: float | None
    recall_now: float
    recall_ahead: float


_NO_MEMORY = Memory(None, 0.0, 0.0)


def memory(card_json: str | None, now: datetime | None = None) -> Memory:
    """The card's stability and its retrievability now and ``HORIZON_DAYS`` from now.

    Nothing (stability None, recall 0) for a question never practised or a card that
    cannot be read. Retrievability counts whole days since the last review, as fsrs does.
    """
    if not card_json:
        return _NO_MEMORY
    from fsrs import Card

    t = _now(now)
    try:
        card = Card.from_json(card_json)
        sched = scheduler()
        recall = float(sched.get_card_retrievability(card, t))
        try:
            ahead = float(sched.get_card_retrievability(card, t + timedelta(days=HORIZON_DAYS)))
        except OverflowError:
            ahead = recall
    except (ValueError, TypeError, KeyError, OverflowError, ZeroDivisionError):
        return _NO_MEMORY
    stability = float(card.stability) if card.stability is not None else None
    return Memory(stability, recall, ahead)


def retrievability(card_json: str | None, now: datetime | None = None) -> float:
    """FSRS's predicted probability of recall now; 0 for a question never practised."""
    return memory(card_json, now).recall_now


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
    SELECT rating, covered, total FROM attempt
    WHERE question_id = ?
    ORDER BY reviewed_at DESC, id DESC LIMIT ?
"""
_COUNT_SQL = "SELECT COUNT(*) FROM attempt WHERE question_id = ?"
# On how many different local days a question was practised, counting no further than
# needed (the scan stops at the LIMIT).
_DAYS_SQL = """
    SELECT COUNT(*) FROM (
        SELECT DISTINCT date(reviewed_at, 'localtime') FROM attempt
        WHERE question_id = ? LIMIT ?
    )
"""


def _recent(store: Store, question_ids: Sequence[int]) -> dict[int, list[Recent]]:
    """Each question's newest attempts (rating and rubric coverage), newest first.

    One indexed lookup per question (attempt(question_id, reviewed_at)) reads only
    ``RECENT_ATTEMPTS`` rows, however long the history.
    """
    db = store.db
    result: dict[int, list[Recent]] = {}
    for qid in question_ids:
        rows = db.execute_sql(_RECENT_SQL, (qid, RECENT_ATTEMPTS)).fetchall()
        if rows:
            result[int(qid)] = [Recent(int(r), int(c), int(t)) for r, c, t in rows]
    return result


_PREPARED_SQL = """
    SELECT p.question_id, t.id, t.key, t.title, t.status, t.retired
    FROM preparation p JOIN tutorial t ON t.id = p.tutorial_id
    WHERE p.question_id IN ({marks})
    ORDER BY p.question_id, p.position
"""


def _prepared(store: Store, question_ids: Sequence[int]) -> dict[int, tuple[PreparedBy, ...]]:
    """``catalog.preparations`` for some questions, reading only the columns it shows (a
    rating reads it for one question; the Peewee query costs more to build than to run)."""
    result: dict[int, list[PreparedBy]] = {}
    ids = [int(i) for i in question_ids]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        sql = _PREPARED_SQL.format(marks=", ".join("?" * len(chunk)))
        for qid, tid, key, title, status, retired in store.db.execute_sql(sql, chunk):
            result.setdefault(int(qid), []).append(
                PreparedBy(int(tid), key, title, status, bool(retired))
            )
    return {qid: tuple(items) for qid, items in result.items()}


def _attempt_counts(store: Store, question_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """How many attempts each question has, and on how many different days (counted up
    to ``MIN_ATTEMPTS``): index lookups per question."""
    db = store.db
    counts: dict[int, tuple[int, int]] = {}
    for qid in question_ids:
        (n,) = db.execute_sql(_COUNT_SQL, (qid,)).fetchone()
        if n:
            (days,) = db.execute_sql(_DAYS_SQL, (qid, MIN_ATTEMPTS)).fetchone()
            counts[int(qid)] = (int(n), int(days))
    return counts


def _rows(store: Store, query: Any, now: datetime) -> list[QuestionRow]:
    questions = list(query)
    ids = [q.id for q in questions]
    points = _points(ids)
    recent = _recent(store, ids)
    counts = _attempt_counts(store, ids)
    prepared = _prepared(store, ids)
    rows = []
    for q in questions:
        mem = memory(q.card, now)
        latest = recent.get(q.id, [])
        attempts, days = counts.get(q.id, (0, 0))
        rows.append(
            QuestionRow(
                id=q.id, key=q.key, category=q.category, text=q.text, guidance=q.guidance,
                focus_points=tuple(points.get(q.id, ())), custom=bool(q.custom),
                due=_aware(q.due), last_rating=q.last_rating, last_review=_aware(q.last_review),
                attempts=attempts, retrievability=mem.recall_now,
                coverage=recent_coverage(latest),
                readiness=question_readiness(
                    attempts, days, mem.stability, mem.recall_ahead, latest
                ),
                draft=q.draft, outline=tuple(outline_of(q.outline)),
                prepares=prepared.get(q.id, ()), beyond_source=bool(q.beyond_source),
                stability=mem.stability, recall_ahead=mem.recall_ahead,
                grade=recent_grade(latest), days=days,
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
    """Practised questions due today, the longest overdue first (new ones are apart)."""
    t = _now(now)
    due = [r for r in rows if r.is_due(t)]
    return sorted(due, key=lambda r: r.due or t)


def new_questions(rows: Iterable[QuestionRow]) -> list[QuestionRow]:
    """Questions never practised, in the bank's order."""
    return [r for r in rows if r.new]


def to_practise(rows: Sequence[QuestionRow], now: datetime | None = None) -> list[QuestionRow]:
    """What to practise next: the due questions first, then the new ones."""
    return due_now(rows, now) + new_questions(rows)


def _summary(category: str, rows: Sequence[QuestionRow], now: datetime) -> CategoryReadiness:
    return summarize(category, [(r.readiness, r.attempts, r.new, r.is_due(now)) for r in rows])


def category_readiness(
    rows: Sequence[QuestionRow], now: datetime | None = None, only: str | None = None
) -> list[CategoryReadiness]:
    """Readiness per category, in the bank's order (or of the one category ``only``).

    New and learning questions count 0 in a category's figure (docs/readiness.md).
    """
    t = _now(now)
    wanted = categories(rows) if only is None else [only]
    return [_summary(c, [r for r in rows if r.category == c], t) for c in wanted]


def overall_readiness(
    rows: Sequence[QuestionRow], now: datetime | None = None
) -> CategoryReadiness:
    """Readiness of all the questions together."""
    return _summary("All questions", rows, _now(now))


_DUE_SQL = """
    SELECT COALESCE(SUM(due IS NOT NULL AND due < ?), 0), COALESCE(SUM(due IS NULL), 0)
    FROM question WHERE path_id = ? AND NOT retired
"""


@uses_store
def counts(store: Store, path_id: int, now: datetime | None = None) -> PracticeCounts:
    """How many questions of the path are due today and how many are new (one query,
    for a view that shows only the counts, such as a tray icon)."""
    end = _naive(day_end(_now(now)))
    assert end is not None
    # Stored as text "YYYY-MM-DD HH:MM:SS[.ffffff]"; the end of the day is a whole second.
    stamp = end.strftime("%Y-%m-%d %H:%M:%S")
    due, new = store.db.execute_sql(_DUE_SQL, (stamp, path_id)).fetchone()
    return PracticeCounts(due=int(due), new=int(new))


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
def attempt_ids(store: Store, question_id: int) -> list[int]:
    """The ids of a question's attempts, oldest first (as ``attempts`` lists them): an
    index-only read, so that a view can tell which attempts came or went."""
    rows = store.db.execute_sql(
        "SELECT id FROM attempt WHERE question_id = ? ORDER BY reviewed_at, id", (question_id,)
    ).fetchall()
    return [int(r[0]) for r in rows]


@uses_store
def prepared_by(store: Store, question_ids: Sequence[int]) -> dict[int, tuple[PreparedBy, ...]]:
    """The tutorials that prepare for each question, with the learner's status on each."""
    return _prepared(store, question_ids)


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
