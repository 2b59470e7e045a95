"""Installing and updating career-path packs in the store.

Content is matched by the pack's stable ids, so a newer pack version updates titles,
links and descriptions in place and keeps the user's state beside them. Content that
a new version drops is deleted only when it holds no user state; otherwise it is kept,
marked ``retired``, and still shown where the user's data is shown. All of it runs in
one transaction.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from careerplanner.content import (
    FORMAT_VERSION,
    CareerPathPack,
    builtin_pack_file,
    load_pack,
    parse_pack,
)
from careerplanner.errors import UserError
from careerplanner.services.catalog import has_user_state, outline_of
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.vocab import BookStatus

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InstallResult:
    path_id: int
    key: str
    created: bool
    updated: bool
    retired_tutorials: int = 0


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


@uses_store
def install_pack(store: Store, pack: CareerPathPack, *, builtin: bool = False) -> InstallResult:
    """Install ``pack``, or update the installed path of the same id. One transaction."""
    with store.db.atomic():
        path = m.CareerPath.get_or_none(m.CareerPath.key == pack.id)
        created = path is None
        if path is not None and path.digest == pack.digest and pack.digest:
            return InstallResult(path.id, path.key, created=False, updated=False)
        now = _now()
        _log.info(
            "%s %s path %r version %d", "installing" if created else "updating",
            "built-in" if builtin else "imported", pack.id, pack.version,
        )  # fmt: skip
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
        retired, tutorials = _sync_tutorials(path, pack, phases, skills)
        _sync_questions(path, pack, tutorials)
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


def _sync_tutorials(
    path: m.CareerPath,
    pack: CareerPathPack,
    phases: dict[str, m.Phase],
    skills: dict[str, m.Skill],
) -> tuple[int, dict[str, m.Tutorial]]:
    """Update the pack's tutorials in place; returns (newly retired, current rows by id)."""
    current: dict[str, m.Tutorial] = {}
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
            current[tut.id] = row
    retired = 0
    for row in existing.values():
        if has_user_state(row):
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
    return retired, current


def _sync_questions(
    path: m.CareerPath, pack: CareerPathPack, tutorials: dict[str, m.Tutorial]
) -> None:
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
        row.outline = json.dumps(list(question.outline), ensure_ascii=False)
        row.beyond_source = question.beyond_source
        row.save()
        m.FocusPoint.delete().where(m.FocusPoint.question == row).execute()
        for j, point in enumerate(question.focus_points):
            m.FocusPoint.create(question=row, position=j, text=point)
        m.Preparation.delete().where(m.Preparation.question == row).execute()
        for j, key in enumerate(question.prepares):
            m.Preparation.create(question=row, tutorial=tutorials[key], position=j)
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
        row.note, row.retired = book.note, False
        row.save()
    for row in existing.values():
        if row.status != BookStatus.TO_READ:
            row.retired = True
            row.save()
        else:
            row.delete_instance()


@uses_store
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


# -- packs as files: import, export, remove --------------------------------------------


class PackImportError(UserError, ValueError):
    """A pack that is valid but cannot be imported here (for example an older version)."""


@uses_store
def import_pack_file(store: Store, file: Path) -> InstallResult:
    """Validate ``file`` completely, then install or update its path in one transaction.

    Raises content.PackError for a bad file (naming the file, the location and the
    problem) and PackImportError when the installed version is newer or the same.
    Nothing is written in either case.
    """
    pack = load_pack(file)
    existing = m.CareerPath.get_or_none(m.CareerPath.key == pack.id)
    if existing is not None:
        if existing.digest == pack.digest:
            raise PackImportError(
                f"{file}: the career path “{pack.title}” (version {pack.version}) is "
                "already installed, unchanged."
            )
        if existing.pack_version > pack.version:
            raise PackImportError(
                f"{file}: version {pack.version} of “{pack.title}” is older than the "
                f"installed version {existing.pack_version}; nothing was changed."
            )
    return install_pack(store, pack, builtin=False)


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in ("", None, [], ())}


@uses_store
def export_pack(store: Store, path_id: int) -> str:
    """The path as a pack file (YAML), with the user's own tutorials and questions.

    Retired content is left out; everything else imports again unchanged.
    """
    import yaml

    from careerplanner.vocab import LEVEL_NAMES

    path = m.CareerPath.get_by_id(path_id)
    skills = list(
        m.Skill.select().where((m.Skill.path == path) & ~m.Skill.retired).order_by(m.Skill.position)
    )
    skill_keys = {s.id: s.key for s in skills}
    data: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "id": path.key,
        "version": path.pack_version,
        "title": path.title,
        "tagline": path.tagline,
        "role": {
            "summary": path.role_summary,
            "responsibilities": [
                {"title": r.title, "description": r.description}
                for r in m.Responsibility.select()
                .where(m.Responsibility.path == path)
                .order_by(m.Responsibility.position)
            ],
            "audience": path.role_audience,
        },
        "skills_intro": path.skills_intro,
        "skills": [
            _drop_empty(
                {
                    "id": s.key,
                    "name": s.name,
                    "target": LEVEL_NAMES[s.target],
                    "summary": s.summary,
                    "topics": [
                        {"id": t.key, "name": t.name}
                        for t in m.Topic.select()
                        .where((m.Topic.skill == s) & ~m.Topic.retired)
                        .order_by(m.Topic.position)
                    ],
                }
            )
            for s in skills
        ],
        "roadmap_intro": path.roadmap_intro,
        "phases": [],
        "questions_intro": path.questions_intro,
        "questions": [],
        "tips": [t.text for t in m.Tip.select().where(m.Tip.path == path).order_by(m.Tip.position)],
        "reading_intro": path.reading_intro,
        "reading": [
            _drop_empty(
                {"id": b.key, "title": b.title, "authors": b.authors, "url": b.url, "note": b.note}
            )
            for b in m.Book.select()
            .where((m.Book.path == path) & ~m.Book.retired)
            .order_by(m.Book.position)
        ],
    }
    for phase in (
        m.Phase.select().where((m.Phase.path == path) & ~m.Phase.retired).order_by(m.Phase.position)
    ):
        tutorials = (
            m.Tutorial.select()
            .where((m.Tutorial.phase == phase) & ~m.Tutorial.retired)
            .order_by(m.Tutorial.custom, m.Tutorial.position, m.Tutorial.id)
        )
        data["phases"].append(
            _drop_empty(
                {
                    "id": phase.key,
                    "title": phase.title,
                    "summary": phase.summary,
                    "tutorials": [
                        _drop_empty(
                            {
                                "id": t.key,
                                "title": t.title,
                                "skill": skill_keys.get(t.skill_id) if t.skill_id else None,
                                "level": LEVEL_NAMES[t.level],
                                "hours": t.hours,
                                "url": t.url,
                                "description": t.description,
                            }
                        )
                        for t in tutorials
                        if t.skill_id in skill_keys and t.url
                    ],
                }
            )
        )
    exported = {t["id"] for ph in data["phases"] for t in ph.get("tutorials", [])}
    prepared: dict[int, list[str]] = {}
    for prep in (
        m.Preparation.select(m.Preparation, m.Tutorial)
        .join(m.Tutorial)
        .where(m.Tutorial.path == path)
        .order_by(m.Preparation.position)
    ):
        if prep.tutorial.key in exported:
            prepared.setdefault(prep.question_id, []).append(prep.tutorial.key)
    for q in (
        m.Question.select()
        .where((m.Question.path == path) & ~m.Question.retired)
        .order_by(m.Question.custom, m.Question.position, m.Question.id)
    ):
        points = [
            p.text
            for p in m.FocusPoint.select()
            .where(m.FocusPoint.question == q)
            .order_by(m.FocusPoint.position)
        ]
        if points:
            data["questions"].append(
                _drop_empty(
                    {
                        "id": q.key,
                        "category": q.category,
                        "text": q.text,
                        "guidance": q.guidance,
                        "focus_points": points,
                        "outline": outline_of(q.outline),
                        "prepares": prepared.get(q.id, []),
                        "beyond_source": bool(q.beyond_source) or None,
                    }
                )
            )
    header = (
        f"# Career path “{path.title}”, exported by Career Planner.\n"
        "# Format: docs/content-format.md. Keep every id when you edit; raise `version`.\n"
    )
    body = yaml.safe_dump(
        _drop_empty(data), sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    return header + body


@uses_store
def remove_path(store: Store, path_id: int) -> str:
    """Remove an imported path with all its progress. The built-in path cannot be removed."""
    path = m.CareerPath.get_or_none(m.CareerPath.id == path_id)
    if path is None:
        raise PackImportError("That career path is not installed.")
    if path.builtin:
        raise PackImportError(f"The built-in path “{path.title}” cannot be removed.")
    title = str(path.title)
    with store.db.atomic():
        path.delete_instance(recursive=True)
    _log.info("removed path %r", path.key)
    return title
