"""Skills use cases: self-assessment, topic checklist, dated snapshots, history, gaps.

The self-assessment lives on the skill rows (``Skill.level`` on the 0-4 scale,
``Topic.checked``). A snapshot freezes all levels and ticked topics of a path at one
moment, with an optional note: ``Snapshot.levels`` is ``{skill_key: level}`` and
``Snapshot.topics`` a list of ticked topics as ``"skill_key/topic_key"`` (topic keys
are unique only within their skill). Keys, not row ids, so snapshots survive pack
updates.

The progress hint (the share of a track's tutorials done) is only shown beside the
assessment; nothing here changes a level because of it.

**Rated** (``is_rated``) means a saved self-assessment exists: a snapshot, or a level or
a ticked topic the user set (levels and topics are saved as they are chosen). There is
no level for "not rated": None with no snapshot is the absence of an assessment, and the
views say "not rated yet" instead of "None → Advanced".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from peewee import fn

from careerplanner.errors import UserError
from careerplanner.services import catalog, changes
from careerplanner.services.catalog import SkillItem, TutorialItem
from careerplanner.services.changes import Outcome, unchanged
from careerplanner.services.progress import Progress, stored_hours
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.vocab import MAX_LEVEL, TutorialStatus

MAX_NOTE = 2_000


class SkillsError(UserError, ValueError):
    """A request that cannot be carried out, with a message for the user."""


@dataclass(frozen=True)
class SnapshotItem:
    """A saved assessment. ``levels`` holds (skill key, level) pairs."""

    id: int
    taken_at: datetime
    note: str
    levels: tuple[tuple[str, int], ...]
    topics: tuple[str, ...]

    def level_of(self, skill_key: str) -> int:
        """The level saved for ``skill_key``; 0 when the skill did not exist then."""
        return dict(self.levels).get(skill_key, 0)


@dataclass(frozen=True)
class SkillHistory:
    """One skill's saved levels over time, oldest first."""

    key: str
    name: str
    points: tuple[tuple[datetime, int], ...]


@dataclass(frozen=True)
class Gap:
    """How far a skill is from its target, with the work done on its track."""

    skill_id: int
    key: str
    name: str
    level: int
    target: int
    track: Progress
    #: Whether the user has rated themselves (``is_rated``); otherwise ``level`` is no
    #: more than the default and the gap is unknown.
    rated: bool = True

    @property
    def gap(self) -> int:
        return self.target - self.level


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _skill(skill_id: int) -> m.Skill:
    row = m.Skill.get_or_none(m.Skill.id == skill_id)
    if row is None:
        raise SkillsError("That skill no longer exists.")
    return row


def topic_ref(skill_key: str, topic_key: str) -> str:
    """How a ticked topic is named inside a snapshot."""
    return f"{skill_key}/{topic_key}"


# -- the assessment ---------------------------------------------------------------------


@uses_store
def assessment(store: Store, path_id: int) -> list[SkillItem]:
    """The path's active skills in order, with level, target and topics."""
    return [s for s in catalog.skills(store, path_id) if not s.retired]


@uses_store
def set_level(store: Store, skill_id: int, level: int) -> Outcome[None]:
    """Set the self-assessed level of a skill."""
    if not 0 <= level <= MAX_LEVEL:
        raise SkillsError(f"A level is between 0 and {MAX_LEVEL}.")
    row = _skill(skill_id)
    before = int(row.level)
    if before == level:
        return unchanged()
    m.Skill.update(level=level).where(m.Skill.id == skill_id).execute()
    return Outcome(changes.SKILLS, partial(set_level, store, skill_id, before))


@uses_store
def set_topic(store: Store, topic_id: int, checked: bool) -> Outcome[None]:
    """Tick or untick a topic."""
    row = m.Topic.get_or_none(m.Topic.id == topic_id)
    if row is None:
        raise SkillsError("That topic no longer exists.")
    before = bool(row.checked)
    if before == checked:
        return unchanged()
    m.Topic.update(checked=checked).where(m.Topic.id == topic_id).execute()
    return Outcome(changes.SKILLS, partial(set_topic, store, topic_id, before))


@uses_store
def is_rated(store: Store, path_id: int) -> bool:
    """Whether a saved self-assessment of the path exists (see the module)."""
    if m.Snapshot.select().where(m.Snapshot.path == path_id).exists():
        return True
    skill_ids = m.Skill.select(m.Skill.id).where(m.Skill.path == path_id)
    if m.Skill.select().where((m.Skill.path == path_id) & (m.Skill.level > 0)).exists():
        return True
    return bool(m.Topic.select().where(m.Topic.skill.in_(skill_ids) & m.Topic.checked).exists())


@uses_store
def current_levels(store: Store, path_id: int) -> dict[str, int]:
    return {s.key: s.level for s in assessment(store, path_id)}


# -- snapshots ------------------------------------------------------------------------------


def _item(row: m.Snapshot) -> SnapshotItem:
    try:
        raw_levels: Any = json.loads(row.levels or "{}")
        raw_topics: Any = json.loads(row.topics or "[]")
    except ValueError:
        raw_levels, raw_topics = {}, []
    levels = tuple(
        (str(k), max(0, min(MAX_LEVEL, int(v))))
        for k, v in (raw_levels.items() if isinstance(raw_levels, dict) else ())
        if isinstance(v, int)
    )
    topics = tuple(str(t) for t in raw_topics) if isinstance(raw_topics, list) else ()
    return SnapshotItem(int(row.id), row.taken_at, row.note, levels, topics)


@uses_store
def save_snapshot(
    store: Store, path_id: int, note: str = "", now: datetime | None = None
) -> Outcome[SnapshotItem]:
    """Save the current levels and ticked topics of the path as a dated snapshot."""
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise SkillsError(f"A note can be at most {MAX_NOTE:,} characters.")
    with store.db.atomic():
        skills = assessment(store, path_id)
        levels = {s.key: s.level for s in skills}
        topics = [topic_ref(s.key, t.key) for s in skills for t in s.topics if t.checked]
        row = m.Snapshot.create(
            path=path_id,
            taken_at=(now or _now()).replace(microsecond=0),
            note=note,
            levels=json.dumps(levels, sort_keys=True),
            topics=json.dumps(topics),
        )
    item = _item(row)
    return Outcome(changes.SKILLS, partial(delete_snapshot, store, item.id), item)


@uses_store
def snapshots(store: Store, path_id: int) -> list[SnapshotItem]:
    """The path's snapshots, newest first."""
    rows = (
        m.Snapshot.select()
        .where(m.Snapshot.path == path_id)
        .order_by(m.Snapshot.taken_at.desc(), m.Snapshot.id.desc())
    )
    return [_item(r) for r in rows]


@uses_store
def snapshot(store: Store, snapshot_id: int) -> SnapshotItem | None:
    row = m.Snapshot.get_or_none(m.Snapshot.id == snapshot_id)
    return _item(row) if row is not None else None


@uses_store
def delete_snapshot(store: Store, snapshot_id: int) -> Outcome[SnapshotItem]:
    """Delete a snapshot (its undo puts it back with the same id)."""
    row = m.Snapshot.get_or_none(m.Snapshot.id == snapshot_id)
    if row is None:
        raise SkillsError("That snapshot no longer exists.")
    path_id, item = int(row.path_id), _item(row)
    row.delete_instance()
    return Outcome(changes.SKILLS, partial(restore_snapshot, store, path_id, item), item)


@uses_store
def restore_snapshot(store: Store, path_id: int, item: SnapshotItem) -> Outcome[SnapshotItem]:
    """Put back a deleted snapshot with the same id (undo)."""
    m.Snapshot.insert(
        id=item.id,
        path=path_id,
        taken_at=item.taken_at,
        note=item.note,
        levels=json.dumps(dict(item.levels), sort_keys=True),
        topics=json.dumps(list(item.topics)),
    ).execute()
    return Outcome(changes.SKILLS, partial(delete_snapshot, store, item.id), item)


MINUS = "\u2212"


@dataclass(frozen=True)
class Delta:
    """How the current assessment differs from a snapshot."""

    #: (skill name, current level − snapshot level) for each skill whose level moved.
    levels: tuple[tuple[str, int], ...]
    #: Topics ticked now that were not then, and ticked then that are not now.
    topics_ticked: int
    topics_unticked: int

    def describe(self) -> str:
        """ "ML Fundamentals +1, System Design −1 · 2 topics ticked", or "no change"."""
        moved = ", ".join(f"{name} {'+' if d > 0 else MINUS}{abs(d)}" for name, d in self.levels)
        parts = [moved]
        for n, what in ((self.topics_ticked, "ticked"), (self.topics_unticked, "unticked")):
            if n:
                parts.append(f"{n} topic{'s' if n != 1 else ''} {what}")
        text = " · ".join(p for p in parts if p)
        return text or "no change"


def delta(shot: SnapshotItem, items: list[SkillItem]) -> Delta:
    """The current assessment ``items`` against ``shot``, in the path's order of skills."""
    moved = tuple(
        (s.name, s.level - shot.level_of(s.key)) for s in items if s.level != shot.level_of(s.key)
    )
    refs = {topic_ref(s.key, t.key): t.checked for s in items for t in s.topics}
    then = {t for t in shot.topics if t in refs}
    now = {ref for ref, checked in refs.items() if checked}
    return Delta(moved, len(now - then), len(then - now))


def same_as_now(shots: list[SnapshotItem], items: list[SkillItem]) -> set[int]:
    """The ids of the snapshots that hold exactly the current assessment ``items`` (the
    same level for every active skill, the same ticked topics among theirs): comparing
    with them would show nothing. Fast enough to run after every change."""
    levels = [(s.key, s.level) for s in items]
    refs = {topic_ref(s.key, t.key): t.checked for s in items for t in s.topics}
    ticked = {ref for ref, checked in refs.items() if checked}
    same = set()
    for shot in shots:
        saved = dict(shot.levels)
        if all(saved.get(key, 0) == level for key, level in levels) and (
            {t for t in shot.topics if t in refs} == ticked
        ):
            same.add(shot.id)
    return same


@uses_store
def snapshot_signature(store: Store, path_id: int) -> tuple[int, int]:
    """(count, newest id) of the path's snapshots: changes whenever the list changes."""
    row: Any = (
        m.Snapshot.select(fn.COUNT(m.Snapshot.id), fn.MAX(m.Snapshot.id))
        .where(m.Snapshot.path == path_id)
        .tuples()
        .get()
    )
    return int(row[0] or 0), int(row[1] or 0)


@uses_store
def history(
    store: Store, path_id: int, shots: list[SnapshotItem] | None = None
) -> list[SkillHistory]:
    """Each active skill's level in every snapshot, oldest first.

    ``shots`` (newest first, as ``snapshots`` returns them) saves reading them again.
    """
    shots = list(reversed(shots if shots is not None else snapshots(store, path_id)))
    return [
        SkillHistory(s.key, s.name, tuple((shot.taken_at, shot.level_of(s.key)) for shot in shots))
        for s in assessment(store, path_id)
    ]


# -- progress hint and gaps -------------------------------------------------------------------


@uses_store
def track_progress(store: Store, path_id: int) -> dict[int, Progress]:
    """Tutorial progress per skill id (the progress hint), by the rules of ``progress``."""
    query: Any = (
        m.Tutorial.select(m.Tutorial.skill, m.Tutorial.status, m.Tutorial.hours, m.Tutorial.retired)
        .where((m.Tutorial.path == path_id) & m.Tutorial.skill.is_null(False))
        .tuples()
    )
    result: dict[int, Progress] = {}
    for skill_id, status, hours, retired in query:
        if retired and status != TutorialStatus.DONE:
            continue
        result[skill_id] = result.get(skill_id, Progress()).add(status, stored_hours(hours))
    return result


@uses_store
def gaps(store: Store, path_id: int) -> list[Gap]:
    """Every active skill, the largest gap (target − current) first.

    Ties keep the path's order of skills. Skills at or above their target come last.
    Until the user has rated themselves (``is_rated``) the gaps are unknown: every skill
    in the path's order, with ``rated`` False.
    """
    tracks = track_progress(store, path_id)
    rated = is_rated(store, path_id)
    items = [
        Gap(s.id, s.key, s.name, s.level, s.target, tracks.get(s.id, Progress()), rated)
        for s in assessment(store, path_id)
    ]
    if not rated:
        return items  # the gaps are unknown: the path's order
    return sorted(items, key=lambda g: -g.gap)  # sorted() is stable: ties keep path order


@uses_store
def open_tutorials(store: Store, path_id: int, skill_id: int) -> list[TutorialItem]:
    """The unfinished tutorials of a skill's track (not done, not skipped), roadmap order."""
    key = _skill(skill_id).key
    return [
        t
        for phase in catalog.roadmap(store, path_id)
        for t in phase.tutorials
        if t.skill_key == key
        and not t.retired
        and t.status in (TutorialStatus.NOT_STARTED, TutorialStatus.IN_PROGRESS)
    ]
