"""Practice services: FSRS scheduling, attempts, undo, readiness, own questions, mocks."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating, Scheduler

from careerplanner.content import parse_pack
from careerplanner.services import changes, practice
from careerplanner.services import practice_questions as questions
from careerplanner.services.packs import ensure_builtin_pack, install_pack
from careerplanner.store import Store
from careerplanner.store import models as m

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def path_id(store: Store) -> int:
    return ensure_builtin_pack(store).path_id


def _fsrs() -> Scheduler:
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def test_bank_lists_the_questions_all_new_and_due(store: Store, path_id: int) -> None:
    rows = practice.question_bank(store, path_id, NOW)
    assert len(rows) == 32
    assert practice.categories(rows) == [
        "System Design",
        "ML Architecture",
        "Data Engineering",
        "Leadership",
    ]
    assert all(r.new and r.readiness == 0 for r in rows)
    assert len(practice.due_now(rows, NOW)) == 32
    feature = next(r for r in rows if r.key == "feature-store-design")
    assert "Point-in-time correctness" in feature.focus_points
    # What the answer-review step shows: the outline and the tutorials that prepare.
    assert 6 <= len(feature.outline) <= 10
    assert feature.prepares[0].key == "feast-feature-store"
    assert feature.prepares[0].title == "Feast Feature Store Documentation"
    assert not feature.beyond_source
    assert [r.beyond_source for r in rows] == [False] * 8 + [True] * 24


def test_rating_schedules_like_fsrs_and_logs_the_attempt(store: Store, path_id: int) -> None:
    q = practice.question_bank(store, path_id, NOW)[1]
    review = practice.rate(
        store, q.id, 3, covered_points=[q.focus_points[0], q.focus_points[2]],
        duration_s=612.5, answer="Offline store in the lake...", now=NOW,
    ).value  # fmt: skip
    assert review is not None
    expected, _ = _fsrs().review_card(Card(card_id=q.id, due=NOW), Rating.Good, NOW)
    row = practice.question(store, q.id, NOW)
    assert row.due == expected.due and row.due > NOW
    assert row.last_rating == 3 and row.last_review == NOW
    assert not row.new and not row.is_due(NOW)
    # Stored as naive UTC.
    assert m.Question.get_by_id(q.id).due == expected.due.replace(tzinfo=None)
    (attempt,) = practice.attempts(store, q.id)
    assert attempt.id == review.attempt_id
    assert (attempt.covered, attempt.total, attempt.rating) == (2, 4, 3)
    assert attempt.covered_points == (q.focus_points[0], q.focus_points[2])
    assert attempt.duration_s == 612.5 and attempt.answer.startswith("Offline store")
    assert attempt.reviewed_at == NOW
    # A second review, days later, continues from the stored card.
    later = row.due + timedelta(days=1) if row.due else NOW
    practice.rate(store, q.id, 4, now=later)
    card2, _ = _fsrs().review_card(expected, Rating.Easy, later)
    assert practice.question(store, q.id, later).due == card2.due


def test_preview_matches_what_each_rating_gives(store: Store, path_id: int) -> None:
    q = practice.question_bank(store, path_id, NOW)[0]
    shown = practice.preview(store, q.id, NOW)
    assert sorted(shown) == [1, 2, 3, 4]
    assert shown[1] <= shown[2] <= shown[3] < shown[4]
    practice.rate(store, q.id, 2, now=NOW)
    assert practice.question(store, q.id, NOW).due == shown[2]


def test_undo_restores_the_exact_state_and_removes_the_attempt(store: Store, path_id: int) -> None:
    q = practice.question_bank(store, path_id, NOW)[0]
    practice.rate(store, q.id, 1, now=NOW)
    practice.save_draft(store, q.id, "my draft")
    before = m.Question.select().where(m.Question.id == q.id).dicts().get()
    rated = practice.rate(store, q.id, 3, answer="my draft", now=NOW + timedelta(days=1))
    review = rated.value
    assert review is not None and rated.changes == changes.questions(q.id)
    assert m.Question.get_by_id(q.id).draft == ""
    assert rated.undo is not None
    undone = rated.undo()
    assert m.Question.select().where(m.Question.id == q.id).dicts().get() == before
    assert [a.rating for a in practice.attempts(store, q.id)] == [1]
    assert undone.undo is not None
    undone.undo()
    assert [(a.id, a.rating) for a in practice.attempts(store, q.id)][-1] == (review.attempt_id, 3)
    assert m.Question.get_by_id(q.id).card == review.after.card


def test_readiness_formula() -> None:
    assert practice.readiness(0.0, None) == 0.0
    assert practice.readiness(0.9, None) == pytest.approx(0.9)
    assert practice.readiness(1.0, 0.5) == pytest.approx(0.6 + 0.2)
    assert practice.readiness(0.5, 1.0) == pytest.approx(0.3 + 0.4)
    # Only the three most recent attempts with focus points count.
    assert practice.recent_coverage([(4, 4), (2, 4), (0, 4), (0, 4)]) == pytest.approx(0.5)
    assert practice.recent_coverage([(0, 0)]) is None


def test_readiness_per_question_and_category_fades_with_time(store: Store, path_id: int) -> None:
    rows = practice.question_bank(store, path_id, NOW)
    q = rows[0]
    practice.rate(store, q.id, 3, covered_points=q.focus_points[:2], now=NOW)
    row = practice.question(store, q.id, NOW)
    assert row.retrievability == pytest.approx(1.0)
    assert row.readiness == pytest.approx(0.6 * 1.0 + 0.4 * 0.5)
    later = practice.question(store, q.id, NOW + timedelta(days=30))
    assert later.retrievability < 0.9
    assert later.readiness < row.readiness
    cats = practice.category_readiness(practice.question_bank(store, path_id, NOW), NOW)
    design = cats[0]
    assert design.category == "System Design" and design.questions == 8
    assert design.readiness == pytest.approx(row.readiness / 8)
    assert design.due == 7
    assert cats[1].readiness == 0


def test_own_questions_add_edit_delete(store: Store, path_id: int) -> None:
    qid = questions.add_question(
        store,
        path_id,
        questions.QuestionDraft("Behavioural", "  Tell me about a failure  ", "", ("A", " ", "B")),
    ).value
    assert qid is not None
    row = practice.question(store, qid)
    assert row.custom and row.key.startswith("own-") and row.text == "Tell me about a failure"
    assert row.focus_points == ("A", "B")
    assert practice.question_bank(store, path_id)[-1].id == qid
    practice.rate(store, qid, 3, covered_points=["A"], now=NOW)
    questions.update_question(
        store, qid, questions.QuestionDraft("Leadership", "Tell me about a failure", "g", ("C",))
    )
    row = practice.question(store, qid)
    assert (row.category, row.guidance, row.focus_points) == ("Leadership", "g", ("C",))
    assert practice.attempts(store, qid)[0].covered_points == ("A",)
    with pytest.raises(practice.PracticeError):
        questions.add_question(store, path_id, questions.QuestionDraft("X", "  "))
    builtin = practice.question_bank(store, path_id)[0].id
    with pytest.raises(practice.PracticeError):
        questions.delete_question(store, builtin)
    before = practice.question(store, qid, NOW)
    history = practice.attempts(store, qid)
    deleted = questions.delete_question(store, qid)
    assert all(r.id != qid for r in practice.question_bank(store, path_id))
    assert not m.Attempt.select().where(m.Attempt.question == qid).exists()
    assert deleted.undo is not None and deleted.undo().value == qid
    assert practice.question(store, qid, NOW) == before
    assert practice.attempts(store, qid) == history


def test_own_questions_survive_a_pack_update(store: Store, mini_pack_text: str) -> None:
    pack = parse_pack(mini_pack_text.encode())
    path_id = install_pack(store, pack).path_id
    qid = questions.add_question(
        store, path_id, questions.QuestionDraft("Mine", "Why?", "", ("x",))
    ).value
    assert qid is not None
    install_pack(store, parse_pack(mini_pack_text.replace("Design a thing?", "Changed?").encode()))
    assert [r.text for r in practice.question_bank(store, path_id)] == ["Changed?", "Why?"]
    assert practice.question(store, qid).focus_points == ("x",)


def test_timer_lengths_default_per_category_and_can_be_changed(store: Store) -> None:
    assert practice.timer_minutes(store, "System Design") == 20
    assert practice.timer_minutes(store, "Something else") == practice.DEFAULT_TIMER_MINUTES
    practice.set_timer_minutes(store, "System Design", 35)
    assert practice.timer_minutes(store, "System Design") == 35
    with pytest.raises(practice.PracticeError):
        practice.set_timer_minutes(store, "System Design", 0)


def test_mock_selection_prefers_due_and_weak_questions(store: Store, path_id: int) -> None:
    rows = practice.question_bank(store, path_id, NOW)[:8]
    for r in rows[:6]:  # practised well, not due
        practice.rate(store, r.id, 4, covered_points=r.focus_points, now=NOW)
    rows = practice.question_bank(store, path_id, NOW)[:8]
    picks = questions.pick_mock(rows, 3, NOW, random.Random(1))
    assert len(picks) == len(set(picks)) == 3
    weak = {rows[6].id, rows[7].id}
    hits = sum(
        len(weak & set(questions.pick_mock(rows, 2, NOW, random.Random(seed))))
        for seed in range(200)
    )
    # Weak, due questions weigh 5 against 1.x for strong ones: most draws include them.
    assert hits > 200
    assert len(questions.pick_mock(rows, 20, NOW)) == 8
