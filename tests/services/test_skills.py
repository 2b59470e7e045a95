"""Skills use cases: assessment, snapshots and history, gaps, the progress hint."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from careerplanner.content import parse_pack
from careerplanner.services import changes, packs, roadmap, skills
from careerplanner.store import Store
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus

T1, T2, T3 = datetime(2026, 1, 5, 9, 30), datetime(2026, 2, 1, 18, 0), datetime(2026, 3, 1, 8, 0)


@pytest.fixture
def path_id(store: Store, mini_pack_text: str) -> int:
    return packs.install_pack(store, parse_pack(mini_pack_text.encode())).path_id


def _skill(key: str) -> int:
    return int(m.Skill.get(m.Skill.key == key).id)


def _topic(key: str) -> int:
    return int(m.Topic.get(m.Topic.key == key).id)


def _tutorial(key: str) -> int:
    return int(m.Tutorial.get(m.Tutorial.key == key).id)


def test_levels_and_topics_are_stored_and_undo_to_the_previous_value(
    store: Store, path_id: int
) -> None:
    alpha = _skill("alpha")
    first = skills.set_level(store, alpha, 3)
    assert first.changes == changes.SKILLS and first.undo is not None
    skills.set_level(store, alpha, 1)
    assert skills.set_level(store, alpha, 1).undo is None  # nothing changed
    ticked = skills.set_topic(store, _topic("a2"), True)
    assert ticked.undo is not None
    undone = ticked.undo()
    assert not [t for t in skills.assessment(store, path_id)[0].topics if t.checked]
    assert undone.undo is not None
    undone.undo()  # the undo of the undo ticks it again
    first.undo()  # back to 0 from wherever it is
    assert skills.current_levels(store, path_id)["alpha"] == 0
    skills.set_level(store, alpha, 1)
    items = {s.key: s for s in skills.assessment(store, path_id)}
    assert items["alpha"].level == 1
    assert [t.checked for t in items["alpha"].topics] == [False, True]
    assert skills.current_levels(store, path_id) == {"alpha": 1, "beta": 0}


def test_levels_outside_the_scale_are_refused(store: Store, path_id: int) -> None:
    with pytest.raises(skills.SkillsError):
        skills.set_level(store, _skill("alpha"), 5)
    with pytest.raises(skills.SkillsError):
        skills.set_level(store, _skill("alpha"), -1)
    with pytest.raises(skills.SkillsError):
        skills.set_level(store, 9999, 2)
    assert skills.current_levels(store, path_id)["alpha"] == 0


def test_snapshots_keep_levels_topics_and_note_newest_first(store: Store, path_id: int) -> None:
    skills.set_level(store, _skill("alpha"), 1)
    skills.set_topic(store, _topic("a1"), True)
    first = skills.save_snapshot(store, path_id, "  Start  ", now=T1).value
    skills.set_level(store, _skill("alpha"), 3)
    skills.set_level(store, _skill("beta"), 2)
    skills.set_topic(store, _topic("b1"), True)
    second = skills.save_snapshot(store, path_id, now=T2).value

    assert first.note == "Start"
    assert dict(first.levels) == {"alpha": 1, "beta": 0}
    assert first.topics == ("alpha/a1",)
    shots = skills.snapshots(store, path_id)
    assert [s.id for s in shots] == [second.id, first.id]
    assert shots[0].taken_at == T2
    assert dict(shots[0].levels) == {"alpha": 3, "beta": 2}
    assert set(shots[0].topics) == {"alpha/a1", "beta/b1"}
    # A snapshot is frozen: later changes do not touch it.
    skills.set_level(store, _skill("alpha"), 4)
    assert skills.snapshot(store, first.id) == first


def test_deleting_and_restoring_a_snapshot(store: Store, path_id: int) -> None:
    shot = skills.save_snapshot(store, path_id, "keep me", now=T1).value
    deleted = skills.delete_snapshot(store, shot.id)  # type: ignore[union-attr]
    assert skills.snapshots(store, path_id) == []
    assert deleted.undo is not None
    deleted.undo()
    assert skills.snapshots(store, path_id) == [shot]
    with pytest.raises(skills.SkillsError):
        skills.delete_snapshot(store, 9999)


def test_history_gives_each_skill_its_levels_oldest_first(store: Store, path_id: int) -> None:
    assert [h.points for h in skills.history(store, path_id)] == [(), ()]
    for when, (a, b) in ((T2, (2, 1)), (T1, (1, 0)), (T3, (3, 2))):
        skills.set_level(store, _skill("alpha"), a)
        skills.set_level(store, _skill("beta"), b)
        skills.save_snapshot(store, path_id, now=when)
    history = {h.key: h for h in skills.history(store, path_id)}
    assert history["alpha"].name == "Alpha"
    assert history["alpha"].points == ((T1, 1), (T2, 2), (T3, 3))
    assert history["beta"].points == ((T1, 0), (T2, 1), (T3, 2))


def test_a_skill_missing_from_an_old_snapshot_reads_as_none(store: Store, path_id: int) -> None:
    shot = skills.save_snapshot(store, path_id, now=T1).value
    assert shot is not None
    m.Snapshot.update(levels='{"alpha": 2}').where(m.Snapshot.id == shot.id).execute()
    again = skills.snapshot(store, shot.id)
    assert again is not None
    assert (again.level_of("alpha"), again.level_of("beta")) == (2, 0)


def test_gaps_are_sorted_largest_first_with_track_progress(store: Store, path_id: int) -> None:
    # Targets: alpha Advanced (3), beta Intermediate (2).
    assert [(g.key, g.gap) for g in skills.gaps(store, path_id)] == [("alpha", 3), ("beta", 2)]
    skills.set_level(store, _skill("alpha"), 2)
    assert [(g.key, g.gap) for g in skills.gaps(store, path_id)] == [("beta", 2), ("alpha", 1)]
    skills.set_level(store, _skill("alpha"), 4)  # above the target: last
    gaps = skills.gaps(store, path_id)
    assert [(g.key, g.gap) for g in gaps] == [("beta", 2), ("alpha", -1)]
    # Ties keep the path's order.
    skills.set_level(store, _skill("alpha"), 3)
    skills.set_level(store, _skill("beta"), 2)
    assert [g.key for g in skills.gaps(store, path_id)] == ["alpha", "beta"]

    roadmap.set_status(store, _tutorial("t1"), TutorialStatus.DONE, today=date(2026, 1, 1))
    tracks = skills.track_progress(store, path_id)
    assert (tracks[_skill("alpha")].done, tracks[_skill("alpha")].total) == (1, 2)
    assert tracks[_skill("alpha")].percent == 50
    assert (tracks[_skill("beta")].done, tracks[_skill("beta")].total) == (0, 1)
    alpha_gap = next(g for g in skills.gaps(store, path_id) if g.key == "alpha")
    assert alpha_gap.track.done == 1
    # The hint never changes the assessment by itself.
    assert skills.current_levels(store, path_id) == {"alpha": 3, "beta": 2}


def test_open_tutorials_are_the_unfinished_ones_of_the_track(store: Store, path_id: int) -> None:
    alpha = _skill("alpha")
    titles = [t.title for t in skills.open_tutorials(store, path_id, alpha)]
    assert titles == ["Tutorial 1", "Tutorial 3"]
    roadmap.set_status(store, _tutorial("t1"), TutorialStatus.DONE)
    roadmap.set_status(store, _tutorial("t3"), TutorialStatus.IN_PROGRESS)
    assert [t.title for t in skills.open_tutorials(store, path_id, alpha)] == ["Tutorial 3"]
    roadmap.set_status(store, _tutorial("t3"), TutorialStatus.SKIPPED)
    assert skills.open_tutorials(store, path_id, alpha) == []
    assert [t.title for t in skills.open_tutorials(store, path_id, _skill("beta"))] == [
        "Tutorial 2"
    ]


def test_snapshots_survive_a_pack_update_that_retires_a_skill(
    store: Store, path_id: int, mini_pack_text: str
) -> None:
    skills.set_level(store, _skill("beta"), 2)
    skills.save_snapshot(store, path_id, now=T1)
    # A newer version of the pack without the beta skill (and its tutorial).
    text = mini_pack_text.replace("\nversion: 1\n", "\nversion: 2\n", 1)
    start = text.index("  - id: beta")
    text = text[:start] + text[text.index("phases:") :]
    text = text.replace(
        "      - {id: t2, title: Tutorial 2, skill: beta, level: Intermediate, hours: 3.5, "
        'url: "https://example.org/2", description: Second.}\n',
        "",
    )
    packs.install_pack(store, parse_pack(text.encode()))
    assert [s.key for s in skills.assessment(store, path_id)] == ["alpha"]
    assert [g.key for g in skills.gaps(store, path_id)] == ["alpha"]
    (shot,) = skills.snapshots(store, path_id)
    assert shot.level_of("beta") == 2
