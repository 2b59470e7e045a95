"""The first-run set-up: the user's self-assessment, hours, study days and dates at once.

``needs_setup`` says whether to offer it: never finished nor skipped in this data folder
(``settings.SETUP_STATE``, the folder's own bookkeeping) and nothing in the data shows
that the user has started (no assessment, no tutorial with a status, no practice, no
plan dates or name). So a new data folder gets it once; a folder in use, or one filled by an
import, does not.

``save_setup`` writes the answers as one step to undo: the levels and ticked topics, a
snapshot of them (so that a saved self-assessment exists even when every level is None,
``skills.is_rated``), and the plan settings. It is made of the services' own writing
functions, run in one transaction; its undo runs their undos, newest first, and its redo
their redos.

``preview`` shows what the answers would make of the plan, before anything is saved.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from typing import Any

from careerplanner.services import changes, plan, settings, skills
from careerplanner.services.changes import Outcome, unchanged
from careerplanner.services.study_order import at_target, study_order
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.vocab import MAX_LEVEL, TutorialStatus

FINISHED, SKIPPED = "finished", "skipped"
SNAPSHOT_NOTE = "Self-assessment from the set-up"


class SetupError(skills.SkillsError):
    """Answers that cannot be saved, with a message for the user."""


@dataclass(frozen=True)
class SetupAnswers:
    """What the set-up asks: a level per skill, the ticked topics, the plan settings."""

    levels: dict[int, int] = field(default_factory=dict)
    topics: dict[int, bool] = field(default_factory=dict)
    plan: plan.PlanSettings = field(default_factory=plan.PlanSettings)


@dataclass(frozen=True)
class Preview:
    schedule: plan.Schedule | None
    #: Why there is no schedule (settings that cannot be used), else "".
    problem: str
    first_up: tuple[str, ...]
    #: The tracks the answers put at or above their target (offered as "test out").
    known: tuple[str, ...]


@uses_store
def needs_setup(store: Store) -> bool:
    """Whether to offer the set-up at start (see the module)."""
    if settings.SETUP_STATE.get(store) is not None:
        return False
    started = (
        m.Snapshot.select().exists()
        or m.Skill.select().where(m.Skill.level > 0).exists()
        or m.Topic.select().where(m.Topic.checked).exists()
        or m.Tutorial.select().where(m.Tutorial.status != TutorialStatus.NOT_STARTED).exists()
        or m.Attempt.select().exists()
        or m.PlanSettings.select()
        .where(
            m.PlanSettings.start_date.is_null(False)
            | m.PlanSettings.target_date.is_null(False)
            | (m.PlanSettings.learner_name != "")
        )
        .exists()
    )
    return not started


@uses_store
def mark(store: Store, state: str) -> Outcome[None]:
    """Remember that the set-up was finished or skipped: it is not offered again (not a
    step to undo: an undone set-up is not offered again either)."""
    settings.SETUP_STATE.set(store, state)
    return Outcome(changes.settings(settings.SETUP_STATE.key))


@uses_store
def current_answers(store: Store, path_id: int) -> SetupAnswers:
    """The answers as the data holds them now (what the set-up shows first)."""
    items = skills.assessment(store, path_id)
    return SetupAnswers(
        levels={s.id: s.level for s in items},
        topics={t.id: t.checked for s in items for t in s.topics},
        plan=plan.get_settings(store, path_id),
    )


def _check(store: Store, path_id: int, answers: SetupAnswers) -> None:
    try:
        plan.check_to_save(answers.plan)
    except plan.PlanError as exc:
        raise SetupError(str(exc)) from exc
    items = skills.assessment(store, path_id)
    skill_ids = {s.id for s in items}
    topic_ids = {t.id for s in items for t in s.topics}
    for skill_id, level in answers.levels.items():
        if skill_id not in skill_ids:
            raise SetupError("A skill of the set-up no longer exists: open the set-up again.")
        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= MAX_LEVEL:
            raise SetupError(f"A level is between 0 and {MAX_LEVEL}.")
    if any(topic_id not in topic_ids for topic_id in answers.topics):
        raise SetupError("A topic of the set-up no longer exists: open the set-up again.")


def _run_all(store: Store, steps: list[Callable[[], Outcome[Any]]]) -> Outcome[None]:
    """Run ``steps`` in one transaction as one operation; its undo runs their undos."""
    with store.db.atomic():
        done = [step() for step in steps]
    undos = [o.undo for o in reversed(done) if o.undo is not None]
    touched = functools.reduce(operator.or_, (o.changes for o in done), changes.NOTHING)
    if touched.empty or not undos:
        return unchanged()
    return Outcome(touched, partial(_run_all, store, undos))


@uses_store
def save_setup(store: Store, path_id: int, answers: SetupAnswers) -> Outcome[None]:
    """Save the answers as one step to undo (see the module); refuses answers that
    cannot be saved (``SetupError``) without changing anything."""
    _check(store, path_id, answers)
    steps: list[Callable[[], Outcome[Any]]] = []
    for skill_id, level in answers.levels.items():
        steps.append(partial(skills.set_level, store, skill_id, level))
    for topic_id, checked in answers.topics.items():
        steps.append(partial(skills.set_topic, store, topic_id, bool(checked)))
    steps.append(partial(skills.save_snapshot, store, path_id, SNAPSHOT_NOTE))
    steps.append(partial(plan.save_settings, store, path_id, answers.plan))
    return _run_all(store, steps)


@uses_store
def preview(
    store: Store, path_id: int, answers: SetupAnswers, today: date | None = None
) -> Preview:
    """What the plan would be with ``answers`` (nothing is written)."""
    targets = {s.id: s.target for s in skills.assessment(store, path_id)}
    levels = {**{s.id: s.level for s in skills.assessment(store, path_id)}, **answers.levels}

    def gap(track_id: int | None) -> int | None:
        if track_id is None or track_id not in targets:
            return None
        return targets[track_id] - levels.get(track_id, 0)

    work = [replace(w, gap=gap(w.track_id)) for w in plan.remaining_work(store, path_id)]
    ordered = study_order(work)
    known = tuple(
        s.name
        for s in skills.assessment(store, path_id)
        if at_target(targets[s.id] - levels.get(s.id, 0))
    )
    first = tuple(w.title for w in ordered if not at_target(w.gap))[:3]
    try:
        schedule = plan.build_schedule(
            answers.plan, work, plan.unread_books(store, path_id), today=today
        )
    except plan.PlanError as exc:
        return Preview(None, str(exc), first, known)
    return Preview(schedule, "", first, known)
