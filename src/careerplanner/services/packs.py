"""Installing and updating career-path packs in the store.

Content is matched by the pack's stable ids, so a newer pack version updates titles,
links and descriptions in place and keeps the user's state beside them. Content that
a new version drops is deleted only when it holds no user state; otherwise it is kept,
marked ``retired``, and still shown where the user's data is shown. All of it runs in
one transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from careerplanner.content import CareerPathPack, builtin_pack_file, parse_pack
from careerplanner.store import Store
from careerplanner.store import models as m


@dataclass(frozen=True)
class InstallResult:
    path_id: int
    key: str
    created: bool
    updated: bool
    retired_tutorials: int = 0


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def install_pack(store: Store, pack: CareerPathPack, *, builtin: bool = False) -> InstallResult:
    """Install ``pack``, or update the installed path of the same id. One transaction."""
    with store.db.atomic():
        path = m.CareerPath.get_or_none(m.CareerPath.key == pack.id)
        created = path is None
        if path is not None and path.digest == pack.digest and pack.digest:
            return InstallResult(path.id, path.key, created=False, updated=False)
        now = _now()
        if path is None:
            path = m.CareerPath(key=pack.id, installed_at=now)
        path.title = pack.title
        path.tagline = pack.tagline
        path.pack_version = pack.version
        path.format_version = pack.format_version
        path.digest = pack.digest
        path.builtin = builtin or bool(path.builtin)
        path.role_summary = pack.role.summary
        path.role_audience = pack.role.audience
        path.skills_intro = pack.skills_intro
        path.roadmap_intro = pack.roadmap_intro
        path.questions_intro = pack.questions_intro
        path.reading_intro = pack.reading_intro
        path.updated_at = now
        path.save()

        m.Responsibility.delete().where(m.Responsibility.path == path).execute()
        for i, resp in enumerate(pack.role.responsibilities):
            m.Responsibility.create(
                path=path, position=i, title=resp.title, description=resp.description
            )
        m.Tip.delete().where(m.Tip.path == path).execute()
        for i, tip in enumerate(pack.tips):
            m.Tip.create(path=path, position=i, text=tip)

        skills = _sync_skills(path, pack)
        phases = _sync_phases(path, pack)
        retired = _sync_tutorials(path, pack, phases, skills)
        _sync_questions(path, pack)
        _sync_books(path, pack)
        if m.PlanSettings.get_or_none(m.PlanSettings.path == path) is None:
            m.PlanSettings.create(path=path)
        return InstallResult(
            path.id, path.key, created=created, updated=not created, retired_tutorials=retired
        )


def _sync_skills(path: m.CareerPath, pack: CareerPathPack) -> dict[str, m.Skill]:
    existing = {s.key: s for s in m.Skill.select().where(m.Skill.path == path)}
    result: dict[str, m.Skill] = {}
    for i, skill in enumerate(pack.skills):
        row = existing.pop(skill.id, None) or m.Skill(path=path, key=skill.id)
        row.position, row.name, row.summary = i, skill.name, skill.summary
        row.target, row.retired = skill.target, False
        row.save()
        result[skill.id] = row
        topics = {t.key: t for t in m.Topic.select().where(m.Topic.skill == row)}
        for j, topic in enumerate(skill.topics):
            trow = topics.pop(topic.id, None) or m.Topic(skill=row, key=topic.id)
            trow.position, trow.name, trow.retired = j, topic.name, False
            trow.save()
        for trow in topics.values():
            if trow.checked:
                trow.retired = True
                trow.save()
            else:
                trow.delete_instance()
    for row in existing.values():
        has_state = (
            row.level > 0
            or m.Topic.select().where((m.Topic.skill == row) & m.Topic.checked).exists()
        )
        if has_state:
            row.retired = True
            row.save()
        else:
            row.delete_instance(recursive=False)
    return result


def _sync_phases(path: m.CareerPath, pack: CareerPathPack) -> dict[str, m.Phase]:
    existing = {p.key: p for p in m.Phase.select().where(m.Phase.path == path)}
    result: dict[str, m.Phase] = {}
    for i, phase in enumerate(pack.phases):
        row = existing.pop(phase.id, None) or m.Phase(path=path, key=phase.id)
        row.position, row.title, row.summary, row.retired = i, phase.title, phase.summary, False
        row.save()
        result[phase.id] = row
    # Phases that are gone: decided after the tutorials move (see _sync_tutorials).
    for row in existing.values():
        row.retired = True
        row.save()
    return result


def _has_tutorial_state(t: m.Tutorial) -> bool:
    return (
        t.status != m.NOT_STARTED
        or bool(t.notes)
        or t.started_on is not None
        or t.finished_on is not None
        or m.TutorialLink.select().where(m.TutorialLink.tutorial == t).exists()
    )


def _sync_tutorials(
    path: m.CareerPath,
    pack: CareerPathPack,
    phases: dict[str, m.Phase],
    skills: dict[str, m.Skill],
) -> int:
    existing = {
        t.key: t
        for t in m.Tutorial.select().where(
            (m.Tutorial.path == path) & (m.Tutorial.custom == False)  # noqa: E712
        )
    }
    for phase in pack.phases:
        for j, tut in enumerate(phase.tutorials):
            row = existing.pop(tut.id, None) or m.Tutorial(path=path, key=tut.id)
            row.phase = phases[phase.id]
            row.position, row.title, row.skill = j, tut.title, skills[tut.skill]
            row.level, row.hours, row.url = tut.level, tut.hours, tut.url
            row.description, row.retired = tut.description, False
            row.save()
    retired = 0
    for row in existing.values():
        if _has_tutorial_state(row):
            if not row.retired:
                retired += 1
            row.retired = True
            row.save()
        else:
            row.delete_instance()
    # A retired phase stays only while tutorials (retired or the user's own) live in it.
    for phase_row in m.Phase.select().where((m.Phase.path == path) & m.Phase.retired):
        if not m.Tutorial.select().where(m.Tutorial.phase == phase_row).exists():
            phase_row.delete_instance()
    return retired


def _sync_questions(path: m.CareerPath, pack: CareerPathPack) -> None:
    existing = {
        q.key: q
        for q in m.Question.select().where(
            (m.Question.path == path) & (m.Question.custom == False)  # noqa: E712
        )
    }
    for i, question in enumerate(pack.questions):
        row = existing.pop(question.id, None) or m.Question(path=path, key=question.id)
        row.position, row.category, row.text = i, question.category, question.text
        row.guidance, row.retired = question.guidance, False
        row.save()
        m.FocusPoint.delete().where(m.FocusPoint.question == row).execute()
        for j, point in enumerate(question.focus_points):
            m.FocusPoint.create(question=row, position=j, text=point)
    for row in existing.values():
        has_state = (
            row.card is not None
            or bool(row.draft)
            or m.Attempt.select().where(m.Attempt.question == row).exists()
        )
        if has_state:
            row.retired = True
            row.save()
        else:
            row.delete_instance(recursive=True)


def _sync_books(path: m.CareerPath, pack: CareerPathPack) -> None:
    existing = {b.key: b for b in m.Book.select().where(m.Book.path == path)}
    for i, book in enumerate(pack.reading):
        row = existing.pop(book.id, None) or m.Book(path=path, key=book.id)
        row.position, row.title, row.authors, row.url = i, book.title, book.authors, book.url
        row.retired = False
        row.save()
    for row in existing.values():
        if row.status != m.TO_READ:
            row.retired = True
            row.save()
        else:
            row.delete_instance()


def ensure_builtin_pack(store: Store) -> InstallResult:
    """Install or update the built-in path; cheap when the shipped file is unchanged.

    The file's hash is compared with the installed digest first, so an unchanged pack
    is not parsed at all.
    """
    file = builtin_pack_file()
    raw = file.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    path = m.CareerPath.get_or_none(m.CareerPath.key == file.stem)
    if path is not None and path.digest == digest:
        return InstallResult(path.id, path.key, created=False, updated=False)
    pack = parse_pack(raw, str(file))
    if path is not None and path.pack_version > pack.version:
        # Never downgrade content that a newer pack installed.
        return InstallResult(path.id, path.key, created=False, updated=False)
    return install_pack(store, pack, builtin=True)
