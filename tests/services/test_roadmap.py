"""Roadmap use cases: status and dates, notes, links, own tutorials."""

from __future__ import annotations

from datetime import date

import pytest

from careerplanner.content import parse_pack
from careerplanner.services import catalog, changes, packs, progress, roadmap
from careerplanner.store import Store
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus

D1, D2, D3 = date(2026, 3, 1), date(2026, 3, 5), date(2026, 3, 9)


@pytest.fixture
def path_id(store: Store, mini_pack_text: str) -> int:
    return packs.install_pack(store, parse_pack(mini_pack_text.encode())).path_id


def _id(key: str) -> int:
    return int(m.Tutorial.get(m.Tutorial.key == key).id)


def test_status_changes_record_dates(store: Store, path_id: int) -> None:
    t1 = _id("t1")
    roadmap.set_status(store, t1, TutorialStatus.IN_PROGRESS, today=D1)
    assert roadmap.state(store, t1) == roadmap.TutorialState(
        t1, TutorialStatus.IN_PROGRESS, D1, None
    )
    roadmap.set_status(store, t1, TutorialStatus.DONE, today=D2)
    assert roadmap.state(store, t1) == roadmap.TutorialState(t1, TutorialStatus.DONE, D1, D2)
    # Done again keeps the first finish date; leaving Done clears it.
    roadmap.set_status(store, t1, TutorialStatus.DONE, today=D3)
    assert roadmap.state(store, t1).finished_on == D2
    roadmap.set_status(store, t1, TutorialStatus.IN_PROGRESS, today=D3)
    assert roadmap.state(store, t1) == roadmap.TutorialState(
        t1, TutorialStatus.IN_PROGRESS, D1, None
    )
    roadmap.set_status(store, t1, TutorialStatus.NOT_STARTED, today=D3)
    assert roadmap.state(store, t1) == roadmap.TutorialState(
        t1, TutorialStatus.NOT_STARTED, None, None
    )
    # Done straight from Not started records both dates.
    roadmap.set_status(store, t1, TutorialStatus.DONE, today=D3)
    assert roadmap.state(store, t1) == roadmap.TutorialState(t1, TutorialStatus.DONE, D3, D3)


def test_undo_restores_the_exact_previous_state(store: Store, path_id: int) -> None:
    t2 = _id("t2")
    roadmap.set_status(store, t2, TutorialStatus.IN_PROGRESS, today=D1)
    before = roadmap.state(store, t2)
    done = roadmap.set_status(store, t2, TutorialStatus.DONE, today=D2)
    after = roadmap.state(store, t2)
    assert done.value == after and done.changes == changes.tutorials(t2)
    assert done.undo is not None
    undone = done.undo()
    assert roadmap.state(store, t2) == before
    assert undone.undo is not None
    redone = undone.undo()
    assert roadmap.state(store, t2) == after and redone.undo is not None
    # Setting the status it already has changes nothing and offers nothing to undo.
    again = roadmap.set_status(store, t2, TutorialStatus.DONE, today=D3)
    assert again.changes.empty and again.undo is None
    assert roadmap.state(store, t2) == after


def test_dates_can_be_corrected_but_not_reversed(store: Store, path_id: int) -> None:
    t1 = _id("t1")
    roadmap.set_status(store, t1, TutorialStatus.DONE, today=D3)
    roadmap.set_dates(store, t1, D1, D2)
    assert roadmap.state(store, t1).started_on == D1
    with pytest.raises(roadmap.RoadmapError, match="before"):
        roadmap.set_dates(store, t1, D3, D1)
    assert roadmap.state(store, t1).finished_on == D2


def test_progress_follows_status_and_skipped_leaves_the_total(store: Store, path_id: int) -> None:
    roadmap.set_status(store, _id("t1"), TutorialStatus.DONE)
    roadmap.set_status(store, _id("t3"), TutorialStatus.SKIPPED)
    overall = progress.path_progress(store, path_id).overall
    assert (overall.done, overall.total, overall.skipped) == (1, 2, 1)
    assert (overall.hours_done, overall.hours_remaining) == (2.0, 3.5)


def test_notes_and_links_are_kept(store: Store, path_id: int) -> None:
    t1 = _id("t1")
    roadmap.set_notes(store, t1, "Ünïcode 🚀 <b>not bold</b>")
    assert catalog.tutorial(store, t1).notes == "Ünïcode 🚀 <b>not bold</b>"  # type: ignore[union-attr]
    link = roadmap.add_link(store, t1, "Slides", "https://example.org/slides").value
    assert link is not None
    roadmap.add_link(store, t1, "", "http://example.org/video")
    assert [(x.title, x.url) for x in roadmap.links(store, t1)] == [
        ("Slides", "https://example.org/slides"),
        ("http://example.org/video", "http://example.org/video"),
    ]
    roadmap.update_link(store, link.id, "Deck", "https://example.org/deck")
    assert roadmap.links(store, t1)[0].title == "Deck"
    before = roadmap.links(store, t1)
    removed = roadmap.remove_link(store, link.id)
    assert len(roadmap.links(store, t1)) == 1
    assert removed.undo is not None
    removed.undo()  # undo puts it back with its id, at its place
    assert roadmap.links(store, t1) == before
    roadmap.remove_link(store, link.id)
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "example.org"):
        with pytest.raises(roadmap.RoadmapError, match="http"):
            roadmap.add_link(store, t1, "x", bad)


def test_own_tutorials_add_edit_delete_and_restore(store: Store, path_id: int) -> None:
    phase = m.Phase.get(m.Phase.key == "two")
    skill = m.Skill.get(m.Skill.key == "beta")
    draft = roadmap.TutorialDraft(phase.id, "  My course  ", skill.id, 2, 6.5, "https://x.org", "d")
    tid = roadmap.add_tutorial(store, path_id, draft).value
    assert tid is not None
    phases = catalog.roadmap(store, path_id)
    mine = phases[1].tutorials[-1]
    assert (mine.id, mine.title, mine.custom, mine.skill_name, mine.hours) == (
        tid,
        "My course",
        True,
        "Beta",
        6.5,
    )
    roadmap.update_tutorial(store, tid, roadmap.TutorialDraft(phase.id, "Renamed", None, 1, 2))
    assert catalog.tutorial(store, tid).title == "Renamed"  # type: ignore[union-attr]
    roadmap.set_status(store, tid, TutorialStatus.DONE, today=D1)
    roadmap.add_link(store, tid, "L", "https://l.org")
    deleted = roadmap.delete_tutorial(store, tid)
    assert catalog.tutorial(store, tid) is None
    assert deleted.undo is not None
    deleted.undo()
    back = catalog.tutorial(store, tid)
    assert back is not None and (back.title, back.status, back.finished_on) == (
        "Renamed",
        "done",
        D1,
    )
    assert [x.title for x in roadmap.links(store, tid)] == ["L"]


def test_built_in_tutorials_cannot_be_deleted_or_edited(store: Store, path_id: int) -> None:
    with pytest.raises(roadmap.RoadmapError, match="Skipped"):
        roadmap.delete_tutorial(store, _id("t1"))
    with pytest.raises(roadmap.RoadmapError):
        roadmap.update_tutorial(store, _id("t1"), roadmap.draft_of(store, _id("t1")))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "   "}, "title"),
        ({"hours": 0}, "hours"),
        ({"hours": float("inf")}, "hours"),
        ({"hours": float("nan")}, "hours"),
        ({"hours": 1000.5}, "at most 1000"),
        ({"url": "ftp://x"}, "http"),
        ({"phase_id": 99999}, "phase"),
        ({"skill_id": 99999}, "track"),
    ],
)
def test_invalid_own_tutorial_is_refused(
    store: Store, path_id: int, change: dict[str, object], message: str
) -> None:
    phase = m.Phase.get(m.Phase.key == "one")
    base = {"phase_id": phase.id, "title": "T", "skill_id": None, "hours": 1.0, "url": ""}
    base.update(change)
    with pytest.raises(roadmap.RoadmapError, match=message):
        roadmap.add_tutorial(store, path_id, roadmap.TutorialDraft(**base))  # type: ignore[arg-type]
    assert not m.Tutorial.select().where(m.Tutorial.custom == True).exists()  # noqa: E712


@pytest.mark.parametrize(
    ("started", "finished", "message"),
    [
        (date(1, 1, 1), None, "The date started: 0001-01-01 is outside"),
        (date(1969, 12, 31), None, "The date started: 1969-12-31 is outside"),
        (date(2026, 1, 1), date(1, 1, 1), "The date finished: 0001-01-01 is outside"),
        (date(9999, 12, 31), None, "The date started: 9999-12-31 is outside"),
    ],
)
def test_dates_outside_the_limits_are_refused(
    store: Store, path_id: int, started: date, finished: date | None, message: str
) -> None:
    tid = _id("t1")
    roadmap.set_dates(store, tid, D1, D2)
    with pytest.raises(roadmap.RoadmapError, match=message):
        roadmap.set_dates(store, tid, started, finished)
    assert (roadmap.state(store, tid).started_on, roadmap.state(store, tid).finished_on) == (
        D1,
        D2,
    )
    roadmap.set_dates(store, tid, date(1970, 1, 1), date(1970, 1, 1))  # the first day is fine


def test_a_clock_outside_the_limits_records_no_status(store: Store, path_id: int) -> None:
    tid = _id("t1")
    with pytest.raises(roadmap.RoadmapError, match="check the computer's clock"):
        roadmap.set_status(store, tid, TutorialStatus.DONE, today=date(9999, 1, 1))
    assert roadmap.state(store, tid).status == TutorialStatus.NOT_STARTED
