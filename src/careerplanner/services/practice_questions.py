"""Interview practice, continued: own questions and the drawing of mock interviews.

Scheduling, attempts and readiness are in ``careerplanner.services.practice``.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from careerplanner.content.loader import MAX_OUTLINE_POINT, MAX_OUTLINE_POINTS
from careerplanner.services import changes
from careerplanner.services.changes import Outcome
from careerplanner.services.practice import MAX_TEXT, PracticeError, QuestionRow, question, utcnow

# Timer lengths live in services.practice; also importable from here.
from careerplanner.services.practice import set_timer_minutes as set_timer_minutes
from careerplanner.services.practice import timer_minutes as timer_minutes
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m

MAX_POINTS = 30


def _question(question_id: int) -> m.Question:
    q = m.Question.get_or_none(m.Question.id == question_id)
    if q is None:
        raise PracticeError("That question no longer exists.")
    return q


@dataclass(frozen=True)
class QuestionDraft:
    """The fields of an own question, as the user enters them."""

    category: str
    text: str
    guidance: str = ""
    focus_points: tuple[str, ...] = ()
    #: A reference outline of a strong answer, one point per item (optional): shown in
    #: the review step, as a pack question's outline is.
    outline: tuple[str, ...] = ()


# -- own questions ---------------------------------------------------------------------


def _check(draft: QuestionDraft) -> QuestionDraft:
    category, text = " ".join(draft.category.split()), draft.text.strip()
    if not category:
        raise PracticeError("Choose or type a category.")
    if not text:
        raise PracticeError("A question needs its text.")
    if len(category) > 80 or len(text) > 2000 or len(draft.guidance) > MAX_TEXT:
        raise PracticeError("The category, question or guidance is too long.")
    points = tuple(p.strip() for p in draft.focus_points if p.strip())
    if len(points) > MAX_POINTS or any(len(p) > 300 for p in points):
        raise PracticeError(f"At most {MAX_POINTS} focus points of up to 300 characters each.")
    outline = tuple(p.strip() for p in draft.outline if p.strip())
    if len(outline) > MAX_OUTLINE_POINTS or any(len(p) > MAX_OUTLINE_POINT for p in outline):
        raise PracticeError(
            f"At most {MAX_OUTLINE_POINTS} outline points of up to {MAX_OUTLINE_POINT} "
            "characters each."
        )
    if any("\x00" in t for t in (category, text, draft.guidance, *points, *outline)):
        raise PracticeError("The question contains a NUL character.")
    return QuestionDraft(category, text, draft.guidance.strip(), points, outline)


def _outline_json(outline: Sequence[str]) -> str:
    return json.dumps(list(outline), ensure_ascii=False)


def _write_points(question_id: int, points: Sequence[str]) -> None:
    m.FocusPoint.delete().where(m.FocusPoint.question == question_id).execute()
    for i, point in enumerate(points):
        m.FocusPoint.create(question=question_id, position=i, text=point)


@uses_store
def add_question(store: Store, path_id: int, draft: QuestionDraft) -> Outcome[int]:
    """Add an own question after the others; the outcome's value is its id."""
    d = _check(draft)
    with store.db.atomic():
        position = m.Question.select().where(m.Question.path == path_id).count()
        row = m.Question.create(
            path=path_id, key=f"own-{uuid.uuid4().hex}", position=position,
            category=d.category, text=d.text, guidance=d.guidance, custom=True,
            outline=_outline_json(d.outline),
        )  # fmt: skip
        _write_points(row.id, d.focus_points)
    question_id = int(row.id)
    return Outcome(changes.questions(), partial(delete_question, store, question_id), question_id)


@uses_store
def question_draft(store: Store, question_id: int) -> QuestionDraft:
    q = question(store, question_id)
    return QuestionDraft(q.category, q.text, q.guidance, q.focus_points, q.outline)


@uses_store
def update_question(store: Store, question_id: int, draft: QuestionDraft) -> Outcome[None]:
    """Edit an own question. Past attempts keep the focus points they covered."""
    d = _check(draft)
    with store.db.atomic():
        q = _question(question_id)
        if not q.custom:
            raise PracticeError("Built-in questions cannot be edited.")
        before = question_draft(store, question_id)
        q.category, q.text, q.guidance = d.category, d.text, d.guidance
        q.outline = _outline_json(d.outline)
        q.save()
        _write_points(q.id, d.focus_points)
    return Outcome(changes.questions(), partial(update_question, store, question_id, before))


@dataclass(frozen=True)
class DeletedQuestion:
    """Every row of a deleted own question, to put it back exactly (undo)."""

    question: dict[str, Any]
    focus_points: tuple[dict[str, Any], ...]
    attempts: tuple[dict[str, Any], ...]


@uses_store
def delete_question(store: Store, question_id: int) -> Outcome[DeletedQuestion]:
    """Delete an own question with its focus points and attempts (undo puts them back)."""
    with store.db.atomic():
        q = _question(question_id)
        if not q.custom:
            raise PracticeError("Built-in questions cannot be deleted.")
        row: Any = m.Question.select().where(m.Question.id == q.id).dicts().get()
        points: Any = m.FocusPoint.select().where(m.FocusPoint.question == q.id).dicts()
        attempts: Any = m.Attempt.select().where(m.Attempt.question == q.id).dicts()
        kept = DeletedQuestion(dict(row), tuple(points), tuple(attempts))
        q.delete_instance(recursive=True)
    return Outcome(changes.questions(), partial(restore_question, store, kept), kept)


@uses_store
def restore_question(store: Store, deleted: DeletedQuestion) -> Outcome[int]:
    """Put a deleted own question back with the same ids, state and history."""
    with store.db.atomic():
        m.Question.insert(**deleted.question).execute()
        for row in deleted.focus_points:
            m.FocusPoint.insert(**row).execute()
        for row in deleted.attempts:
            m.Attempt.insert(**row).execute()
    question_id = int(deleted.question["id"])
    return Outcome(changes.questions(), partial(delete_question, store, question_id), question_id)


# -- mock interview --------------------------------------------------------------------


def mock_weight(row: QuestionRow, now: datetime) -> float:
    """How strongly a question is drawn into a mock interview: due, new and weak ones
    more (a question without a readiness figure counts as not ready)."""
    waiting = row.is_due(now) or row.new
    return 1.0 + (2.0 if waiting else 0.0) + 2.0 * (1.0 - (row.readiness or 0.0))


def pick_mock(
    rows: Sequence[QuestionRow],
    count: int,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> list[int]:
    """Draw ``count`` distinct questions, weighted towards due and weak ones."""
    t = now or utcnow()
    rng = rng or random.Random()
    pool = list(rows)
    chosen: list[int] = []
    while pool and len(chosen) < count:
        weights = [mock_weight(r, t) for r in pool]
        pick = rng.choices(range(len(pool)), weights=weights)[0]
        chosen.append(pool.pop(pick).id)
    return chosen
