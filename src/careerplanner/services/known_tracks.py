"""Testing out of a track the user already masters.

A track whose skill the user rated at or above its target (``skills.is_rated`` and
level ≥ target) is offered as "test out": one step marks the track's tutorials that are
not started Skipped, so the plan schedules the tracks below target only. Tutorials in
progress are left as they are (the user chose to start them), and so are retired ones.
Undo puts every one of them back (``roadmap.put_states``).

The hours a test-out saved are the estimated hours of the track's skipped tutorials:
the plan shows them beside the track.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from careerplanner import limits
from careerplanner.services import roadmap, skills
from careerplanner.services.changes import Outcome
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus


class TestOutError(roadmap.RoadmapError):
    """A track that cannot be tested out, with a message for the user."""

    __test__ = False  # not a pytest test class, whatever its name


@dataclass(frozen=True)
class KnownTrack:
    """A track at or above its target: what testing out would skip, and what it saved."""

    skill_id: int
    name: str
    level: int
    target: int
    #: The track's tutorials not started (and not retired): what testing out skips.
    not_started: tuple[int, ...]
    #: Their estimated hours.
    hours: float
    #: How many of the track's tutorials are skipped, and their hours (saved).
    skipped: int
    saved_hours: float


@dataclass(frozen=True)
class SkippedTrack:
    """What one test-out did."""

    name: str
    count: int
    hours: float


def _hours(value: object) -> float:
    hours = limits.as_float(value)
    return hours if limits.tutorial_hours_ok(hours) else 0.0


@uses_store
def known_tracks(store: Store, path_id: int) -> list[KnownTrack]:
    """The tracks at or above their target, in the path's order; none until the user
    has rated themselves."""
    if not skills.is_rated(store, path_id):
        return []
    phase_order = {p.id: p.position for p in m.Phase.select().where(m.Phase.path == path_id)}
    rows: Any = (
        m.Tutorial.select(
            m.Tutorial.id, m.Tutorial.skill, m.Tutorial.status, m.Tutorial.hours,
            m.Tutorial.phase, m.Tutorial.custom, m.Tutorial.position,
        )
        .where((m.Tutorial.path == path_id) & (m.Tutorial.retired == False))  # noqa: E712
        .tuples()
    )  # fmt: skip
    by_track: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        by_track.setdefault(row[1], []).append(row)
    result = []
    for skill in skills.assessment(store, path_id):
        if skill.level < skill.target:
            continue
        mine = by_track.get(skill.id, [])
        open_rows = sorted(
            (r for r in mine if r[2] == TutorialStatus.NOT_STARTED),
            key=lambda r: (phase_order.get(r[4], 0), r[5], r[6], r[0]),
        )
        skipped = [r for r in mine if r[2] == TutorialStatus.SKIPPED]
        result.append(
            KnownTrack(
                skill.id, skill.name, skill.level, skill.target,
                tuple(int(r[0]) for r in open_rows),
                round(sum(_hours(r[3]) for r in open_rows), 2),
                len(skipped), round(sum(_hours(r[3]) for r in skipped), 2),
            )
        )  # fmt: skip
    return result


@uses_store
def test_out(store: Store, path_id: int, skill_id: int) -> Outcome[SkippedTrack]:
    """Mark the not-started tutorials of a track at or above its target Skipped, as one
    step to undo. The outcome's value says how many and how many hours that saved."""
    with store.db.atomic():
        track = next((k for k in known_tracks(store, path_id) if k.skill_id == skill_id), None)
        if track is None:
            raise TestOutError("Only a track you rated at or above its target can be tested out.")
        if not track.not_started:
            raise TestOutError(f"{track.name} has no tutorials left that are not started.")
        outcome = roadmap.set_statuses(store, track.not_started, TutorialStatus.SKIPPED)
    done = SkippedTrack(track.name, len(track.not_started), track.hours)
    return Outcome(outcome.changes, outcome.undo, done)


test_out.__test__ = False  # type: ignore[attr-defined]  # not a pytest test
