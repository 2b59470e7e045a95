"""The first-run set-up's service: when to offer it, saving as one step, refusing as a whole."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from careerplanner.services import plan, roadmap, settings, setup, skills, userdata
from careerplanner.services.startup import open_data_dir
from careerplanner.store import Store
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus
from fingerprint import data_fingerprint


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[tuple[Store, Path]]:
    data_dir = tmp_path / "data"
    store = open_data_dir(data_dir)
    yield store, data_dir
    store.close()


def _answers(store: Store, path_id: int) -> setup.SetupAnswers:
    a = setup.current_answers(store, path_id)
    levels = {sid: 2 for sid in a.levels}
    return replace(
        a,
        levels=levels,
        topics={tid: True for tid in list(a.topics)[:3]},
        plan=replace(a.plan, hours_per_week=9, start_date=date(2027, 1, 4)),
    )


def test_a_new_folder_needs_the_setup_until_finished_or_skipped(
    folder: tuple[Store, Path],
) -> None:
    store, _ = folder
    assert setup.needs_setup(store)
    setup.mark(store, setup.SKIPPED)
    assert not setup.needs_setup(store)
    settings.SETUP_STATE.reset(store)
    assert setup.needs_setup(store)
    with pytest.raises(settings.SettingError):
        setup.mark(store, "maybe")


@pytest.mark.parametrize("what", ["status", "level", "topic", "snapshot", "attempt", "plan"])
def test_a_folder_in_use_does_not_need_it(folder: tuple[Store, Path], what: str) -> None:
    store, _ = folder
    path_id = settings.active_path_id(store)
    item = skills.assessment(store, path_id)[0]
    if what == "status":
        roadmap.set_status(
            store, plan.remaining_work(store, path_id)[0].ref_id, TutorialStatus.SKIPPED
        )
    elif what == "level":
        skills.set_level(store, item.id, 1)
    elif what == "topic":
        skills.set_topic(store, item.topics[0].id, True)
    elif what == "snapshot":
        skills.save_snapshot(store, path_id)
    elif what == "attempt":
        q = m.Question.select().first()
        m.Attempt.create(question=q, reviewed_at=date(2026, 1, 1), rating=3)
    else:
        plan.save_settings(store, path_id, plan.PlanSettings(target_date=date(2027, 6, 1)))
    assert not setup.needs_setup(store)


def test_the_answers_are_saved_as_one_step_and_undone_as_one(folder: tuple[Store, Path]) -> None:
    store, data_dir = folder
    path_id = settings.active_path_id(store)
    before = data_fingerprint(data_dir)
    answers = _answers(store, path_id)
    outcome = setup.save_setup(store, path_id, answers)
    assert {s.level for s in skills.assessment(store, path_id)} == {2}
    assert plan.get_settings(store, path_id) == answers.plan
    assert skills.is_rated(store, path_id)
    assert len(skills.snapshots(store, path_id)) == 1
    after = data_fingerprint(data_dir)
    assert outcome.undo is not None
    redo = outcome.undo()
    assert not skills.is_rated(store, path_id)
    assert skills.snapshots(store, path_id) == []
    # The plan row existed (the pack makes it) and holds its values again: all as before.
    assert data_fingerprint(data_dir) == before
    assert redo.undo is not None
    redo.undo()
    assert data_fingerprint(data_dir) == after


def test_all_at_none_is_still_a_saved_self_assessment(folder: tuple[Store, Path]) -> None:
    store, _ = folder
    path_id = settings.active_path_id(store)
    setup.save_setup(store, path_id, setup.current_answers(store, path_id))
    assert skills.is_rated(store, path_id)
    assert all(g.rated for g in skills.gaps(store, path_id))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a: replace(a, levels={**a.levels, 99999: 1}), "no longer exists"),
        (lambda a: replace(a, levels={k: 5 for k in a.levels}), "between 0 and 4"),
        (lambda a: replace(a, levels={k: True for k in a.levels}), "between 0 and 4"),
        (lambda a: replace(a, topics={99999: True}), "no longer exists"),
        (lambda a: replace(a, plan=replace(a.plan, hours_per_week=0)), "Hours per week"),
        (lambda a: replace(a, plan=replace(a.plan, study_times=())), "at least one study day"),
        (
            lambda a: replace(a, plan=replace(a.plan, target_date=date(2026, 1, 1))),
            "before the start",
        ),
        (
            lambda a: replace(a, plan=replace(a.plan, start_date=date(2300, 1, 1))),
            "outside the dates",
        ),
    ],
)
def test_answers_that_cannot_be_saved_change_nothing(
    folder: tuple[Store, Path], change: object, message: str
) -> None:
    store, data_dir = folder
    path_id = settings.active_path_id(store)
    before = data_fingerprint(data_dir)
    bad = change(_answers(store, path_id))  # type: ignore[operator]
    with pytest.raises(setup.SetupError, match=message):
        setup.save_setup(store, path_id, bad)
    assert data_fingerprint(data_dir) == before


def test_the_preview_follows_the_answers_without_writing(folder: tuple[Store, Path]) -> None:
    store, data_dir = folder
    path_id = settings.active_path_id(store)
    before = data_fingerprint(data_dir)
    a = setup.current_answers(store, path_id)
    de = next(s for s in skills.assessment(store, path_id) if s.name == "Data Engineering")
    expert = replace(a, levels={**a.levels, de.id: 4})
    p = setup.preview(store, path_id, expert, today=date(2027, 1, 4))
    assert p.known == ("Data Engineering",)
    assert p.schedule is not None and p.problem == ""
    de_titles = {t.title for t in m.Tutorial.select().where(m.Tutorial.skill == de.id)}
    assert not de_titles & set(p.first_up)
    late = [i.title for w in p.schedule.weeks for i in w.items if i.kind == plan.TUTORIAL][-1]
    assert late in de_titles
    bad = setup.preview(store, path_id, replace(a, plan=replace(a.plan, hours_per_week=0)))
    assert bad.schedule is None and "Hours per week" in bad.problem
    assert data_fingerprint(data_dir) == before


def test_the_setup_state_is_the_folders_own_and_survives_an_import(
    folder: tuple[Store, Path], tmp_path: Path
) -> None:
    store, _ = folder
    setup.mark(store, setup.FINISHED)
    out = tmp_path / "export.json"
    userdata.export_file(store, out)
    assert "setup.state" not in out.read_text(encoding="utf-8")
    settings.SETUP_STATE.reset(store)
    setup.mark(store, setup.SKIPPED)
    userdata.import_file(store, None, out, with_settings=True)
    assert settings.SETUP_STATE.get(store) == setup.SKIPPED
