"""Practice services: FSRS scheduling, attempts, undo, readiness, own questions, mocks."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta, timezone

import pytest
from fsrs import Card, Rating, Scheduler

from careerplanner.content import parse_pack
from careerplanner.services import changes, practice, readiness, settings
from careerplanner.services import practice_questions as questions
from careerplanner.services.packs import ensure_builtin_pack, install_pack
from careerplanner.store import Store
from careerplanner.store import models as m

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def path_id(store: Store) -> int:
    return ensure_builtin_pack(store).path_id


def _fsrs() -> Scheduler:
    return Scheduler(
        desired_retention=0.88, learning_steps=(), relearning_steps=(), enable_fuzzing=False
    )


def test_bank_lists_the_questions_all_new_and_due(store: Store, path_id: int) -> None:
    rows = practice.question_bank(store, path_id, NOW)
    assert len(rows) == 32
    assert practice.categories(rows) == [
        "System Design",
        "ML Architecture",
        "Data Engineering",
        "Leadership",
    ]
    # New questions are not due: they are counted apart.
    assert all(r.new and r.readiness is None and not r.learning for r in rows)
    assert all(r.readiness_text == "not practised yet" for r in rows)
    assert practice.due_now(rows, NOW) == []
    assert len(practice.new_questions(rows)) == 32
    assert practice.to_practise(rows, NOW) == rows
    assert practice.counts(store, path_id, NOW) == practice.PracticeCounts(due=0, new=32)
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
    # Four different whole-day intervals for a new question (docs/readiness.md).
    assert [(shown[r] - NOW) for r in (1, 2, 3, 4)] == [
        timedelta(days=1), timedelta(days=2), timedelta(days=3), timedelta(days=11),
    ]  # fmt: skip
    practice.rate(store, q.id, 2, now=NOW)
    assert practice.question(store, q.id, NOW).due == shown[2]
    # Later reviews keep them apart too: Again < Hard < Good < Easy.
    later = NOW + timedelta(days=2)
    again, hard, good, easy = (practice.preview(store, q.id, later)[r] for r in (1, 2, 3, 4))
    assert again < hard < good < easy


def test_due_is_counted_by_day_and_apart_from_new(store: Store, path_id: int) -> None:
    rows = practice.question_bank(store, path_id, NOW)
    a, b, c = rows[0], rows[1], rows[2]
    practice.rate(store, a.id, 1, now=NOW - timedelta(days=3))  # due two days ago
    practice.rate(store, b.id, 3, now=NOW)  # back in three days
    # Rated late in a day: due from the start of its due day, not at the clock time.
    late = datetime.combine(practice.local_day(NOW), time(23, 50)).astimezone()
    practice.rate(store, c.id, 1, now=late.astimezone(timezone.utc))
    next_morning = datetime.combine(
        practice.local_day(NOW) + timedelta(days=1), time(0, 5)
    ).astimezone()
    rows = practice.question_bank(store, path_id, next_morning)
    assert [r.id for r in practice.due_now(rows, next_morning)] == [a.id, c.id]
    assert len(practice.new_questions(rows)) == 29
    assert [r.id for r in practice.to_practise(rows, next_morning)][:3] == [a.id, c.id, rows[3].id]
    assert practice.counts(store, path_id, next_morning) == practice.PracticeCounts(2, 29)
    # Just before that day starts, c is not due yet.
    before = next_morning - timedelta(minutes=10)
    assert practice.counts(store, path_id, before) == practice.PracticeCounts(1, 29)
    assert [r.id for r in practice.due_now(practice.question_bank(store, path_id, before),
                                            before)] == [a.id]  # fmt: skip
    # Retired questions are not counted.
    m.Question.update(retired=True).where(m.Question.id == a.id).execute()
    assert practice.counts(store, path_id, next_morning) == practice.PracticeCounts(1, 29)


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


def _good_fortnight(store: Store, qid: int, last: int = 3, points: int = 99) -> datetime:
    """Three attempts over two weeks (days 0, 3 and 14), the last rated ``last``, each
    covering the first ``points`` focus points (all of them by default)."""
    q = practice.question(store, qid, NOW)
    covered = q.focus_points[:points]
    for day, rating in ((0, 3), (3, 3), (14, last)):
        practice.rate(store, qid, rating, covered_points=covered, now=NOW + timedelta(days=day))
    return NOW + timedelta(days=14)


def test_one_good_attempt_reads_learning(store: Store, path_id: int) -> None:
    q = practice.question_bank(store, path_id, NOW)[0]
    practice.rate(store, q.id, 3, covered_points=q.focus_points, duration_s=26, now=NOW)
    row = practice.question(store, q.id, NOW)
    assert row.attempts == 1 and row.learning and row.readiness is None
    assert row.readiness_text == "learning (1 attempt)"
    assert row.retrievability == pytest.approx(1.0)  # FSRS: just reviewed
    # A category with one practised question reads "learning", not a percentage.
    design = practice.category_readiness(practice.question_bank(store, path_id, NOW), NOW)[0]
    assert design.readiness is None and design.text == "learning (1 attempt)"
    assert (design.new, design.learning, design.measured, design.attempts) == (7, 1, 0, 1)


def test_attempts_crammed_into_one_day_still_read_learning(store: Store, path_id: int) -> None:
    q = practice.question_bank(store, path_id, NOW)[0]
    for minutes in (0, 10, 20):
        practice.rate(store, q.id, 4, covered_points=q.focus_points,
                      now=NOW + timedelta(minutes=minutes))  # fmt: skip
    row = practice.question(store, q.id, NOW + timedelta(minutes=30))
    # FSRS's same-day reviews raise the stability past a week...
    assert row.attempts == 3 and row.stability is not None and row.stability > 7
    # ...but three answers in twenty minutes are no evidence of lasting recall.
    assert row.days == 1
    assert row.readiness is None and row.readiness_text == "learning (3 attempts)"


def test_three_good_attempts_over_two_weeks_give_a_figure(store: Store, path_id: int) -> None:
    q = practice.question_bank(store, path_id, NOW)[0]
    when = _good_fortnight(store, q.id)
    row = practice.question(store, q.id, when)
    assert row.attempts == 3 and not row.learning
    assert row.stability is not None and row.stability >= 7
    card = Card.from_json(m.Question.get_by_id(q.id).card)
    ahead = _fsrs().get_card_retrievability(card, when + timedelta(days=7))
    assert row.recall_ahead == pytest.approx(ahead)
    # Full rubric and Good ratings: the figure is the predicted recall a week ahead.
    assert row.readiness == pytest.approx(ahead)
    assert 0.9 < row.readiness < 1.0
    assert row.readiness_text == f"{round(ahead * 100)}% (3 attempts)"
    # It fades as time passes without practice.
    assert practice.question(store, q.id, when + timedelta(days=60)).readiness < row.readiness


def test_hard_pulls_readiness_down(store: Store, path_id: int) -> None:
    rows = practice.question_bank(store, path_id, NOW)
    when = _good_fortnight(store, rows[0].id, last=3)
    _good_fortnight(store, rows[1].id, last=2)
    _good_fortnight(store, rows[2].id, last=3, points=2)  # half the rubric
    good, hard, half = (practice.question(store, r.id, when) for r in rows[:3])
    assert good.readiness is not None and hard.readiness is not None
    assert half.readiness is not None
    assert hard.readiness < good.readiness
    assert half.readiness < good.readiness
    # Hard is half an answer in the recent ratings, and lowers FSRS's stability.
    assert hard.grade == pytest.approx((1 + 1 + 0.5) / 3)
    assert hard.stability is not None and good.stability is not None
    assert hard.stability < good.stability
    assert hard.readiness == pytest.approx(hard.recall_ahead * (hard.grade + 1) / 2)
    assert half.coverage is not None and half.coverage < 1
    assert half.readiness == pytest.approx(half.recall_ahead * (1 + half.coverage) / 2)


def test_readiness_formula_pieces() -> None:
    recent = [readiness.Recent(2, 2, 4), readiness.Recent(3, 4, 4), readiness.Recent(3, 0, 0),
              readiness.Recent(1, 0, 4)]  # fmt: skip
    assert readiness.grade(recent) == pytest.approx((0.5 + 1 + 1) / 3)  # only the newest 3
    assert readiness.coverage(recent) == pytest.approx((0.5 + 1) / 2)  # with focus points
    assert readiness.evidence([readiness.Recent(3, 0, 0)]) == 1.0  # no rubric: ratings
    assert readiness.question_readiness(2, 2, 30.0, 0.95, recent) is None  # too few
    assert readiness.question_readiness(5, 2, 30.0, 0.95, recent) is None  # on two days
    assert readiness.question_readiness(5, 3, 6.9, 0.95, recent) is None  # not stable
    assert readiness.question_readiness(5, 3, None, 0.95, recent) is None
    value = readiness.question_readiness(5, 3, 7.0, 0.9, recent)
    assert value == pytest.approx(0.9 * ((0.5 + 1 + 1) / 3 + 0.75) / 2)
    assert readiness.readiness_text(0.825, 1) == "82% (1 attempt)"
    assert readiness.waiting_text(1, 0) == "1 question due today · 0 new"


def test_category_and_overall_readiness_count_only_earned_figures(
    store: Store, path_id: int
) -> None:
    rows = practice.question_bank(store, path_id, NOW)
    when = _good_fortnight(store, rows[0].id)
    practice.rate(store, rows[1].id, 3, now=when)  # learning
    bank = practice.question_bank(store, path_id, when)
    figure = bank[0].readiness
    assert figure is not None
    design = practice.category_readiness(bank, when)[0]
    assert design.category == "System Design" and design.questions == 8
    assert design.readiness == pytest.approx(figure / 8)
    assert (design.new, design.learning, design.measured, design.attempts) == (6, 1, 1, 4)
    assert design.text == f"{round(figure / 8 * 100)}% (4 attempts)"
    assert [c.category for c in practice.category_readiness(bank, when, only="Leadership")] == [
        "Leadership"
    ]
    assert practice.category_readiness(bank, when)[1].readiness is None
    everything = practice.overall_readiness(bank, when)
    assert everything.readiness == pytest.approx(figure / 32)
    assert everything.questions == 32 and everything.attempts == 4


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


def test_own_questions_may_have_a_reference_outline(store: Store, path_id: int) -> None:
    draft = questions.QuestionDraft("Mine", "Why?", "", ("A",), (" First ", "", "Second"))
    added = questions.add_question(store, path_id, draft)
    qid = added.value
    assert qid is not None
    assert practice.question(store, qid).outline == ("First", "Second")
    assert questions.question_draft(store, qid).outline == ("First", "Second")
    edited = questions.update_question(store, qid, questions.QuestionDraft("Mine", "Why?"))
    assert practice.question(store, qid).outline == ()
    assert edited.undo is not None
    edited.undo()  # undo puts the outline back
    assert practice.question(store, qid).outline == ("First", "Second")
    before = m.Question.select().where(m.Question.id == qid).dicts().get()
    for bad in (("x",) * 21, ("y" * 601,), ("nul\x00",)):
        with pytest.raises(practice.PracticeError):
            questions.update_question(
                store, qid, questions.QuestionDraft("Mine", "Why?", "", (), bad)
            )
        with pytest.raises(practice.PracticeError):
            questions.add_question(
                store, path_id, questions.QuestionDraft("Mine", "Q", "", (), bad)
            )
    assert m.Question.select().where(m.Question.id == qid).dicts().get() == before
    assert m.Question.select().where(m.Question.custom).count() == 1
    # Deleting and undoing keeps it.
    deleted = questions.delete_question(store, qid)
    assert deleted.undo is not None
    deleted.undo()
    assert practice.question(store, qid).outline == ("First", "Second")


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
    assert practice.timer_minutes(store, "Something else") == settings.DEFAULT_TIMER_MINUTES
    practice.set_timer_minutes(store, "System Design", 35)
    assert practice.timer_minutes(store, "System Design") == 35
    with pytest.raises(practice.PracticeError):
        practice.set_timer_minutes(store, "System Design", 0)


def test_mock_selection_prefers_due_and_weak_questions(store: Store, path_id: int) -> None:
    rows = practice.question_bank(store, path_id, NOW)[:8]
    for r in rows[:6]:  # practised well over two weeks, not due
        when = _good_fortnight(store, r.id)
    rows = practice.question_bank(store, path_id, when)[:8]
    assert all(r.readiness and r.readiness > 0.9 and not r.is_due(when) for r in rows[:6])
    picks = questions.pick_mock(rows, 3, when, random.Random(1))
    assert len(picks) == len(set(picks)) == 3
    weak = {rows[6].id, rows[7].id}
    hits = sum(
        len(weak & set(questions.pick_mock(rows, 2, when, random.Random(seed))))
        for seed in range(200)
    )
    # New questions weigh 5 against 1.x for strong ones: most draws include them.
    assert hits > 200
    assert len(questions.pick_mock(rows, 20, when)) == 8
    # A question practised once is learning: weighed as not ready.
    practice.rate(store, rows[6].id, 4, covered_points=rows[6].focus_points, now=when)
    learning = practice.question(store, rows[6].id, when)
    assert learning.learning and questions.mock_weight(learning, when) == 3.0


def test_a_card_that_cannot_be_read_has_no_figure(store: Store, path_id: int) -> None:
    q = practice.question_bank(store, path_id, NOW)[0]
    practice.rate(store, q.id, 3, now=NOW)
    for bad in ('{"state": 99}', "[1, 2]", '{"stability": "x", "last_review": 5}'):
        m.Question.update(card=bad).where(m.Question.id == q.id).execute()
        row = practice.question(store, q.id, NOW)
        assert row.stability is None and row.retrievability == 0.0
        assert row.readiness is None and row.readiness_text == "learning (1 attempt)"
