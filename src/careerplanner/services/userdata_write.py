"""Writing validated user data into one career path (called inside a transaction).

The path's user state becomes exactly what the file holds: state not in the file is
reset, own tutorials and questions, links, attempts and snapshots are replaced. Items
the file names but this database lacks (retired or from another pack version) are
created from the content the file carries, marked retired unless they are the user's own.
"""

from __future__ import annotations

import json
from typing import Any

from careerplanner.services.userdata_check import PathData, Row
from careerplanner.store import models as m
from careerplanner.vocab import BookStatus, TutorialStatus


def _pick(row: Row, *names: str) -> dict[str, Any]:
    return {n: row[n] for n in names}


def _phases(path: m.CareerPath, data: PathData) -> dict[str, int]:
    existing = {p.key: p.id for p in m.Phase.select().where(m.Phase.path == path)}
    for row in data.phases:
        if row["key"] not in existing:
            created = m.Phase.create(
                path=path, retired=True, **_pick(row, "key", "title", "summary", "position")
            )
            existing[row["key"]] = created.id
    return existing


def _skills(path: m.CareerPath, data: PathData) -> dict[str, int]:
    m.Skill.update(level=0).where(m.Skill.path == path).execute()
    skill_ids = [s.id for s in m.Skill.select(m.Skill.id).where(m.Skill.path == path)]
    m.Topic.update(checked=False).where(m.Topic.skill.in_(skill_ids)).execute()
    existing = {s.key: s for s in m.Skill.select().where(m.Skill.path == path)}
    for row in data.skills:
        skill = existing.get(row["key"])
        if skill is None:
            skill = m.Skill.create(
                path=path,
                retired=True,
                **_pick(row, "key", "name", "summary", "target", "position", "level"),
            )
            existing[row["key"]] = skill
        else:
            m.Skill.update(level=row["level"]).where(m.Skill.id == skill.id).execute()
        topics = {t.key: t.id for t in m.Topic.select().where(m.Topic.skill == skill)}
        for topic in row["topics"]:
            if topic["key"] in topics:
                m.Topic.update(checked=topic["checked"]).where(
                    m.Topic.id == topics[topic["key"]]
                ).execute()
            else:
                m.Topic.create(
                    skill=skill,
                    retired=True,
                    **_pick(topic, "key", "name", "position", "checked"),
                )
    return {key: s.id for key, s in existing.items()}


TUTORIAL_STATE = ("status", "started_on", "finished_on", "notes", "updated_at", "percent_done")
TUTORIAL_CONTENT = ("key", "position", "title", "level", "hours", "url", "description")


def _tutorials(
    path: m.CareerPath, data: PathData, phases: dict[str, int], skills: dict[str, int]
) -> int:
    m.Tutorial.delete().where((m.Tutorial.path == path) & m.Tutorial.custom).execute()
    ids = m.Tutorial.select(m.Tutorial.id).where(m.Tutorial.path == path)
    m.TutorialLink.delete().where(m.TutorialLink.tutorial.in_(ids)).execute()
    m.Tutorial.update(
        status=TutorialStatus.NOT_STARTED,
        started_on=None,
        finished_on=None,
        notes="",
        updated_at=None,
        percent_done=None,
    ).where(m.Tutorial.path == path).execute()
    existing = {t.key: t.id for t in m.Tutorial.select().where(m.Tutorial.path == path)}
    wanted = {row["key"] for row in data.tutorials}
    for key, existing_id in existing.items():
        row_obj = m.Tutorial.get_by_id(existing_id)
        if row_obj.retired and key not in wanted:
            row_obj.delete_instance(recursive=True)  # retired, and no state any more
    for row in data.tutorials:
        state = _pick(row, *TUTORIAL_STATE)
        tutorial_id: int | None = existing.get(row["key"]) if not row["custom"] else None
        if tutorial_id is None:
            created = m.Tutorial.create(
                path=path,
                phase=phases[row["phase"]],
                skill=skills.get(row["skill"] or ""),
                custom=row["custom"],
                retired=row["retired"] or not row["custom"],
                **_pick(row, *TUTORIAL_CONTENT),
                **state,
            )
            tutorial_id = created.id
        else:
            m.Tutorial.update(**state).where(m.Tutorial.id == tutorial_id).execute()
        for i, link in enumerate(row["links"]):
            m.TutorialLink.create(tutorial=tutorial_id, position=i, **_pick(link, "title", "url"))
    return len(data.tutorials)


QUESTION_STATE = ("card", "due", "last_rating", "last_review", "draft")
ATTEMPT_FIELDS = (
    "reviewed_at",
    "duration_s",
    "covered",
    "total",
    "covered_points",
    "rating",
    "answer",
    "card_before",
    "card_after",
    "mock",
)


def _questions(path: m.CareerPath, data: PathData) -> int:
    custom = m.Question.select(m.Question.id).where((m.Question.path == path) & m.Question.custom)
    m.FocusPoint.delete().where(m.FocusPoint.question.in_(custom)).execute()
    all_ids = m.Question.select(m.Question.id).where(m.Question.path == path)
    m.Attempt.delete().where(m.Attempt.question.in_(all_ids)).execute()
    m.Question.delete().where((m.Question.path == path) & m.Question.custom).execute()
    m.Question.update(card=None, due=None, last_rating=None, last_review=None, draft="").where(
        m.Question.path == path
    ).execute()
    existing = {q.key: q for q in m.Question.select().where(m.Question.path == path)}
    wanted = {row["key"] for row in data.questions}
    for key, q in existing.items():
        if q.retired and key not in wanted:
            q.delete_instance(recursive=True)
    attempts = 0
    for row in data.questions:
        state = _pick(row, *QUESTION_STATE)
        found = existing.get(row["key"]) if not row["custom"] else None
        if found is None:
            created = m.Question.create(
                path=path,
                custom=row["custom"],
                retired=row["retired"] or not row["custom"],
                **_pick(row, "key", "position", "category", "text", "guidance"),
                outline=json.dumps(row["outline"], ensure_ascii=False),
                **state,
            )
            question_id = created.id
            for i, point in enumerate(row["focus_points"]):
                m.FocusPoint.create(question=question_id, position=i, text=point)
        else:
            question_id = found.id
            m.Question.update(**state).where(m.Question.id == question_id).execute()
        for attempt in row["attempts"]:
            m.Attempt.create(question=question_id, **_pick(attempt, *ATTEMPT_FIELDS))
            attempts += 1
    return attempts


def _books(path: m.CareerPath, data: PathData) -> None:
    m.Book.update(status=BookStatus.TO_READ).where(m.Book.path == path).execute()
    existing = {b.key: b for b in m.Book.select().where(m.Book.path == path)}
    wanted = {row["key"] for row in data.books}
    for key, book in existing.items():
        if book.retired and key not in wanted:
            book.delete_instance()
    for row in data.books:
        if row["key"] in existing:
            m.Book.update(status=row["status"]).where(
                m.Book.id == existing[row["key"]].id
            ).execute()
        else:
            m.Book.create(
                path=path,
                retired=True,
                **_pick(row, "key", "title", "authors", "url", "position", "status"),
            )


def _rest(path: m.CareerPath, data: PathData) -> None:
    m.Snapshot.delete().where(m.Snapshot.path == path).execute()
    for row in data.snapshots:
        m.Snapshot.create(path=path, **_pick(row, "taken_at", "note", "levels", "topics"))
    if data.plan is not None:
        plan = m.PlanSettings.get_or_none(m.PlanSettings.path == path)
        if plan is None:
            m.PlanSettings.create(path=path, **data.plan)
        else:
            m.PlanSettings.update(**data.plan).where(m.PlanSettings.id == plan.id).execute()


def write_path(data: PathData) -> tuple[int, int]:
    """Replace the user state of the path ``data.key``; returns (tutorials, attempts)."""
    path = m.CareerPath.get(m.CareerPath.key == data.key)
    phases = _phases(path, data)
    skills = _skills(path, data)
    tutorials = _tutorials(path, data, phases, skills)
    attempts = _questions(path, data)
    _books(path, data)
    _rest(path, data)
    return tutorials, attempts
