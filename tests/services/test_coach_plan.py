"""The plan follows the user's gaps: order, test-out, partial credit, books, bulk status."""

from __future__ import annotations

from datetime import date

import pytest

from careerplanner.services import known_tracks, overview, packs, plan, roadmap, skills
from careerplanner.services.plan import BOOK, TUTORIAL, PlanSettings, WorkItem
from careerplanner.services.study_order import same_book, study_order
from careerplanner.store import Store
from careerplanner.store import models as m
from careerplanner.vocab import Level, TutorialStatus

MONDAY = date(2026, 1, 5)


def _path(store: Store) -> int:
    return packs.ensure_builtin_pack(store).path_id


def _skill(store: Store, path_id: int, name: str) -> skills.SkillItem:
    return next(s for s in skills.assessment(store, path_id) if s.name == name)


def _rate_expert_in_data_engineering(store: Store, path_id: int) -> skills.SkillItem:
    de = _skill(store, path_id, "Data Engineering")
    skills.set_level(store, de.id, int(Level.EXPERT))
    for topic in de.topics:
        skills.set_topic(store, topic.id, True)
    return de


def _scheduled(s: plan.Schedule) -> list[int]:
    """Tutorial ids in the order the schedule has them, each once."""
    seen: list[int] = []
    for week in s.weeks:
        for item in week.items:
            if item.kind == TUTORIAL and item.ref_id not in seen:
                seen.append(item.ref_id)
    return seen


def _track_of(tutorial_id: int) -> str:
    t = m.Tutorial.get_by_id(tutorial_id)
    return "" if t.skill_id is None else str(m.Skill.get_by_id(t.skill_id).name)


def test_an_expert_track_comes_after_every_tutorial_below_target(store: Store) -> None:
    path_id = _path(store)
    de = _rate_expert_in_data_engineering(store, path_id)
    plan.save_settings(store, path_id, PlanSettings(hours_per_week=10, start_date=MONDAY))

    order = _scheduled(plan.schedule_for(store, path_id))
    tracks = [_track_of(t) for t in order]
    first_de = tracks.index("Data Engineering")
    assert set(tracks[first_de:]) == {"Data Engineering"}, "nothing below target after it"
    assert tracks.count("Data Engineering") == len(
        [t for t in m.Tutorial.select() if t.skill_id == de.id]
    )
    # Among the tracks below target: phase by phase, and within a phase the larger gap
    # first (System Design and ML Infrastructure target Advanced: 3 levels to go).
    phase_of = {t.id: t.phase_id for t in m.Tutorial.select()}
    positions = {p.id: p.position for p in m.Phase.select()}
    gap_part = [positions[phase_of[t]] for t in order[:first_de]]
    assert gap_part == sorted(gap_part)
    first_phase = [t for t in order if positions[phase_of[t]] == 0]
    gaps = {s.name: s.target - s.level for s in skills.assessment(store, path_id)}
    first_phase_gaps = [gaps[_track_of(t)] for t in first_phase if _track_of(t) in gaps]
    below = [g for g in first_phase_gaps if g > 0]
    assert below == sorted(below, reverse=True)

    # "Next up" is the start of the same order.
    nexts = overview.next_tutorials(store, path_id)
    assert [n.id for n in nexts] == order[:3]
    assert all(n.track != "Data Engineering" for n in nexts)

    # The expert track is offered as "test out", with its hours.
    offers = known_tracks.known_tracks(store, path_id)
    assert [k.name for k in offers] == ["Data Engineering"]
    de_rows = [t for t in m.Tutorial.select() if t.skill_id == de.id]
    assert set(offers[0].not_started) == {t.id for t in de_rows}
    assert offers[0].hours == pytest.approx(sum(t.hours for t in de_rows))


def test_testing_out_skips_the_not_started_tutorials_as_one_step(store: Store) -> None:
    path_id = _path(store)
    de = _rate_expert_in_data_engineering(store, path_id)
    rows = [t for t in m.Tutorial.select() if t.skill_id == de.id]
    started = rows[0]
    roadmap.set_status(store, started.id, TutorialStatus.IN_PROGRESS)
    before = plan.schedule_for(store, path_id)

    outcome = known_tracks.test_out(store, path_id, de.id)
    assert outcome.value is not None and outcome.value.count == len(rows) - 1
    hours = sum(t.hours for t in rows[1:])
    assert outcome.value.hours == pytest.approx(hours)
    statuses = {t.id: m.Tutorial.get_by_id(t.id).status for t in rows}
    assert statuses[started.id] == TutorialStatus.IN_PROGRESS  # started: left alone
    assert all(statuses[t.id] == TutorialStatus.SKIPPED for t in rows[1:])
    after = plan.schedule_for(store, path_id)
    assert after.total_hours == pytest.approx(before.total_hours - hours)
    offer = known_tracks.known_tracks(store, path_id)[0]
    assert (offer.not_started, offer.skipped) == ((), len(rows) - 1)
    assert offer.saved_hours == pytest.approx(hours)

    # One undo puts every one back; its redo skips them again.
    assert outcome.undo is not None
    redo = outcome.undo()
    assert {t.id: m.Tutorial.get_by_id(t.id).status for t in rows} == {
        **{t.id: TutorialStatus.NOT_STARTED for t in rows[1:]},
        started.id: TutorialStatus.IN_PROGRESS,
    }
    assert redo.undo is not None
    redo.undo()
    assert all(m.Tutorial.get_by_id(t.id).status == TutorialStatus.SKIPPED for t in rows[1:])

    with pytest.raises(known_tracks.TestOutError, match="no tutorials left"):
        known_tracks.test_out(store, path_id, de.id)
    ml_infra = _skill(store, path_id, "ML Infrastructure")
    with pytest.raises(known_tracks.TestOutError, match="at or above its target"):
        known_tracks.test_out(store, path_id, ml_infra.id)


def test_nothing_is_offered_for_test_out_before_the_user_rated_themselves(store: Store) -> None:
    path_id = _path(store)
    assert not skills.is_rated(store, path_id)
    assert known_tracks.known_tracks(store, path_id) == []
    # Unrated: the roadmap's order.
    order = _scheduled(plan.schedule_for(store, path_id))
    assert order == [w.ref_id for w in plan.remaining_work(store, path_id)]


def test_rated_means_a_saved_self_assessment(store: Store) -> None:
    path_id = _path(store)
    ml = _skill(store, path_id, "ML Fundamentals")
    assert not skills.is_rated(store, path_id)
    skills.set_level(store, ml.id, 0)  # None chosen where None is: nothing saved
    assert not skills.is_rated(store, path_id)
    outcome = skills.set_topic(store, ml.topics[0].id, True)
    assert skills.is_rated(store, path_id)
    assert outcome.undo is not None
    outcome.undo()
    assert not skills.is_rated(store, path_id)
    shot = skills.save_snapshot(store, path_id, "all None, on purpose")
    assert skills.is_rated(store, path_id)
    assert all(g.rated for g in skills.gaps(store, path_id))
    assert shot.undo is not None
    shot.undo()
    gaps = skills.gaps(store, path_id)
    assert not any(g.rated for g in gaps)
    assert [g.name for g in gaps] == [s.name for s in skills.assessment(store, path_id)]


def test_in_progress_counts_half_unless_the_user_says_how_far() -> None:
    settings = PlanSettings(hours_per_week=40, start_date=MONDAY, include_practice=False)
    work = [
        WorkItem(1, "Started", 10, "P", in_progress=True),
        WorkItem(2, "Said 80 %", 10, "P", in_progress=True, percent_done=80),
        WorkItem(3, "Not started", 10, "P", percent_done=80),  # a leftover percent: ignored
    ]
    s = plan.build_schedule(settings, work, [])
    hours = {i.ref_id: i.hours for i in s.weeks[0].items}
    assert hours == {1: 5, 2: 2, 3: 10}
    assert s.total_hours == 17
    details = {i.ref_id: i.detail for i in s.weeks[0].items}
    assert details[1] == "P · half done (assumed)"
    assert details[2] == "P · 80% done"


def test_percent_done_is_stored_undone_and_cleared_with_the_status(store: Store) -> None:
    path_id = _path(store)
    tid = plan.remaining_work(store, path_id)[0].ref_id
    with pytest.raises(roadmap.RoadmapError, match="in progress"):
        roadmap.set_percent_done(store, tid, 40)
    total = plan.schedule_for(store, path_id).total_hours
    roadmap.set_status(store, tid, TutorialStatus.IN_PROGRESS)
    full = m.Tutorial.get_by_id(tid).hours
    assert plan.schedule_for(store, path_id).total_hours == pytest.approx(total - full / 2)
    for bad in (-1, 101, True, 2.5):
        with pytest.raises(roadmap.RoadmapError):
            roadmap.set_percent_done(store, tid, bad)  # type: ignore[arg-type]
    outcome = roadmap.set_percent_done(store, tid, 75)
    assert outcome.merge_key == f"percent:{tid}"
    assert plan.remaining_work(store, path_id)[0].hours_left == pytest.approx(full * 0.25)
    assert outcome.undo is not None
    outcome.undo()
    assert m.Tutorial.get_by_id(tid).percent_done is None
    roadmap.set_percent_done(store, tid, 75)
    done = roadmap.set_status(store, tid, TutorialStatus.DONE)
    assert m.Tutorial.get_by_id(tid).percent_done is None
    assert done.undo is not None
    done.undo()
    assert m.Tutorial.get_by_id(tid).percent_done == 75


def test_a_book_that_is_also_a_tutorial_is_scheduled_once(store: Store) -> None:
    path_id = _path(store)
    book = m.Book.select().order_by(m.Book.position).first()
    phase = m.Phase.select().order_by(m.Phase.position).first()
    settings = PlanSettings(hours_per_week=10, start_date=MONDAY)
    plan.save_settings(store, path_id, settings)

    def scheduled_books() -> list[int]:
        s = plan.schedule_for(store, path_id)
        return [i.ref_id for w in s.weeks for i in w.items if i.kind == BOOK]

    assert book.id in scheduled_books()
    draft = roadmap.TutorialDraft(phase.id, f"  {book.title.upper()}!  ", None, hours=12)
    added = roadmap.add_tutorial(store, path_id, draft)
    assert book.id not in scheduled_books()
    s = plan.schedule_for(store, path_id)
    assert added.value in _scheduled(s)
    assert added.undo is not None
    added.undo()
    assert book.id in scheduled_books()
    # The same link, another title.
    same_link = roadmap.TutorialDraft(
        phase.id, "Chapter notes", None, hours=3, url=book.url.replace("https://www.", "http://")
    )
    roadmap.add_tutorial(store, path_id, same_link)
    assert book.id not in scheduled_books()


@pytest.mark.parametrize(
    ("book", "tutorial", "same"),
    [
        (
            ("Designing Machine Learning Systems", ""),
            ("designing machine-learning systems", ""),
            True,
        ),
        (("The Pragmatic Programmer", ""), ("Pragmatic Programmer", ""), True),
        (("Tools & Tricks", ""), ("Tools and Tricks", ""), True),
        (("Café Book", ""), ("Cafe book", ""), True),
        (("A", "https://www.example.org/b/"), ("Other", "http://example.org/b#x"), True),
        (("A", "https://example.org/b?id=1"), ("Other", "https://example.org/b?id=2"), False),
        (("Reliable Machine Learning", ""), ("Machine Learning", ""), False),
        (("", ""), ("", ""), False),
        (("A", "not a url"), ("B", "not a url"), False),
    ],
)
def test_the_same_book(book: tuple[str, str], tutorial: tuple[str, str], same: bool) -> None:
    assert same_book(*book, *tutorial) is same


def test_the_order_rule_on_plain_items() -> None:
    items = [
        WorkItem(1, "at target, phase 0", 1, "A", phase_index=0, gap=0),
        WorkItem(2, "gap 1, phase 1", 1, "B", phase_index=1, gap=1),
        WorkItem(3, "gap 1, phase 0", 1, "A", phase_index=0, gap=1),
        WorkItem(4, "own, phase 0", 1, "A", phase_index=0, gap=None),
        WorkItem(5, "gap 3, phase 0", 1, "A", phase_index=0, gap=3),
        WorkItem(6, "above target, phase 0", 1, "A", phase_index=0, gap=-2),
        WorkItem(7, "gap 3, phase 1", 1, "B", phase_index=1, gap=3),
    ]
    assert [w.ref_id for w in study_order(items)] == [5, 3, 4, 7, 2, 1, 6]


def test_bulk_status_is_one_step_and_refuses_as_a_whole(store: Store) -> None:
    path_id = _path(store)
    ids = [w.ref_id for w in plan.remaining_work(store, path_id)[:4]]
    roadmap.set_status(store, ids[0], TutorialStatus.DONE, today=MONDAY)
    outcome = roadmap.set_statuses(store, ids, TutorialStatus.DONE, today=date(2026, 2, 2))
    assert outcome.changes.tutorials == frozenset(ids[1:])
    assert {m.Tutorial.get_by_id(t).status for t in ids} == {TutorialStatus.DONE}
    assert m.Tutorial.get_by_id(ids[0]).finished_on == MONDAY  # already done: untouched
    assert m.Tutorial.get_by_id(ids[1]).finished_on == date(2026, 2, 2)
    assert outcome.undo is not None
    outcome.undo()
    assert [m.Tutorial.get_by_id(t).status for t in ids] == [
        TutorialStatus.DONE,
        *[TutorialStatus.NOT_STARTED] * 3,
    ]
    # One unknown id: nothing is changed.
    with pytest.raises(roadmap.RoadmapError, match="no longer exists"):
        roadmap.set_statuses(store, [*ids, 99999], TutorialStatus.SKIPPED)
    assert [m.Tutorial.get_by_id(t).status for t in ids[1:]] == [TutorialStatus.NOT_STARTED] * 3
    with pytest.raises(roadmap.RoadmapError, match="Unknown status"):
        roadmap.set_statuses(store, ids, "finished")
    assert roadmap.set_statuses(store, ids[:1], TutorialStatus.DONE).undo is None
