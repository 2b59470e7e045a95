"""Installing and updating career-path packs in the store.

Content is matched by the pack's stable ids, so a newer pack version updates titles,
links and descriptions in place and keeps the user's state beside them. Content that
a new version drops is deleted only when it holds no user state; otherwise it is kept,
marked ``retired``, and still shown where the user's data is shown
(``services.pack_changes`` says beforehand which will be which).

An install runs in steps, each its own short transaction (the path's texts, skills,
phases, tutorials, questions, reading, and last the version and digest), so that it
never holds the write lock for long: the window, or another command, writes in between
instead of finding the data busy. Each step reads the rows it changes inside its own
transaction and writes only the pack's fields, so a learner's change made in between is
never overwritten. The version and digest are written last: an install that is
interrupted leaves the old digest (or none), and installing the same pack again (the next
start, for the built-in path; importing the file again) completes it.

The learner's own tutorials and questions are never changed by a pack, even when the
pack carries them under their own ids (an exported path imported again): they are kept
as they are, and stay the learner's own.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from careerplanner.content import CareerPathPack, builtin_pack_file, parse_pack
from careerplanner.errors import UserError
from careerplanner.services import pack_changes
from careerplanner.services.pack_changes import (
    book_has_state,
    question_has_state,
    skill_has_state,
    topic_has_state,
    tutorial_has_state,
)
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.store.backup import describe_os_error, is_write_problem

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


class InstallInterrupted(UserError):
    """An install stopped after some of its steps (the data was busy, the disk full)."""


@uses_store
def install_pack(store: Store, pack: CareerPathPack, *, builtin: bool = False) -> InstallResult:
    """Install ``pack``, or update the installed path of the same id, in short steps.

    A failure in the first step changes nothing and is raised as it is. A later one
    leaves part of the pack installed (each step whole): a new path is then removed
    again when possible; otherwise ``InstallInterrupted`` says that installing the same
    pack again completes it.
    """
    with store.db.atomic():
        path = m.CareerPath.get_or_none(m.CareerPath.key == pack.id)
        created = path is None
        if path is not None and path.digest == pack.digest and pack.digest:
            return InstallResult(path.id, path.key, created=False, updated=False)
        _log.info(
            "%s %s path %r version %d", "installing" if created else "updating",
            "built-in" if builtin else "imported", pack.id, pack.version,
        )  # fmt: skip
        if path is None:
            path = m.CareerPath(key=pack.id, installed_at=_now(), digest="")
            _set_texts(path, pack, builtin)  # digest "": not complete until the last step
        path_id = int(path.id)
    retired = 0
    try:
        for step in _STEPS:
            with store.db.atomic():
                result = step(m.CareerPath.get_by_id(path_id), pack)
            if step is _sync_tutorials and isinstance(result, int):
                retired = result
    except Exception as exc:
        if not is_write_problem(exc):
            raise  # a bug: shown as one
        raise _interrupted(store, path_id, pack, created, builtin, exc) from exc
    return InstallResult(
        path_id, pack.id, created=created, updated=not created, retired_tutorials=retired
    )


def _finish(path: m.CareerPath, pack: CareerPathPack) -> None:
    """The last step: plan settings, and the path's texts with the version and digest,
    which mark the install complete."""
    if m.PlanSettings.get_or_none(m.PlanSettings.path == path) is None:
        m.PlanSettings.create(path=path)
    path.digest = pack.digest
    _set_texts(path, pack, bool(path.builtin))


def _interrupted(
    store: Store, path_id: int, pack: CareerPathPack, created: bool, builtin: bool,
    exc: Exception,
) -> Exception:  # fmt: skip
    """What to raise when a step after the first failed: the cause itself when a new
    path could be removed again (nothing changed), else an InstallInterrupted."""
    why = describe_os_error(exc)
    if created:
        try:
            with store.db.atomic():
                m.CareerPath.get_by_id(path_id).delete_instance(recursive=True)
        except Exception:  # the same problem again: say what is left
            _log.warning("could not remove the unfinished path %r", pack.id, exc_info=True)
        else:
            return exc
    what = "installing" if created else "updating"
    _log.warning("%s %r stopped part-way: %s", what, pack.id, why)
    again = (
        "start Career Planner again to complete it"
        if builtin
        else "import the same file again to complete it"
    )
    return InstallInterrupted(
        f"{what.capitalize()} the career path “{pack.title}” stopped part-way: {why}. "
        f"Part of the new version is in place and nothing of your work was lost; {again}."
    )


def _set_texts(path: m.CareerPath, pack: CareerPathPack, builtin: bool) -> None:
    """The path's own fields from ``pack`` (its version included), saved."""
    path.title = pack.title
    path.tagline = pack.tagline
    path.pack_version = pack.version
    path.format_version = pack.format_version
    path.builtin = builtin or bool(path.builtin)
    path.role_summary = pack.role.summary
    path.role_audience = pack.role.audience
    path.skills_intro = pack.skills_intro
    path.roadmap_intro = pack.roadmap_intro
    path.questions_intro = pack.questions_intro
    path.reading_intro = pack.reading_intro
    path.updated_at = _now()
    path.save()


def _sync_role(path: m.CareerPath, pack: CareerPathPack) -> None:
    m.Responsibility.delete().where(m.Responsibility.path == path).execute()
    for i, resp in enumerate(pack.role.responsibilities):
        m.Responsibility.create(
            path=path, position=i, title=resp.title, description=resp.description
        )
    m.Tip.delete().where(m.Tip.path == path).execute()
    for i, tip in enumerate(pack.tips):
        m.Tip.create(path=path, position=i, text=tip)


def _sync_skills(path: m.CareerPath, pack: CareerPathPack) -> None:
    existing = {s.key: s for s in m.Skill.select().where(m.Skill.path == path)}
    for i, skill in enumerate(pack.skills):
        row = existing.pop(skill.id, None) or m.Skill(path=path, key=skill.id)
        row.position, row.name, row.summary = i, skill.name, skill.summary
        row.target, row.retired = skill.target, False
        row.save()
        topics = {t.key: t for t in m.Topic.select().where(m.Topic.skill == row)}
        for j, topic in enumerate(skill.topics):
            trow = topics.pop(topic.id, None) or m.Topic(skill=row, key=topic.id)
            trow.position, trow.name, trow.retired = j, topic.name, False
            trow.save()
        for trow in topics.values():
            if topic_has_state(trow):
                trow.retired = True
                trow.save()
            else:
                trow.delete_instance()
    for row in existing.values():
        if skill_has_state(row):
            row.retired = True
            row.save()
        else:
            row.delete_instance(recursive=False)


def _sync_phases(path: m.CareerPath, pack: CareerPathPack) -> None:
    existing = {p.key: p for p in m.Phase.select().where(m.Phase.path == path)}
    for i, phase in enumerate(pack.phases):
        row = existing.pop(phase.id, None) or m.Phase(path=path, key=phase.id)
        row.position, row.title, row.summary, row.retired = i, phase.title, phase.summary, False
        row.save()
    # Phases that are gone: decided after the tutorials move (see _sync_tutorials).
    for row in existing.values():
        row.retired = True
        row.save()


def _sync_tutorials(path: m.CareerPath, pack: CareerPathPack) -> int:
    """Update the pack's tutorials in place; returns how many were newly retired."""
    phases = {p.key: p for p in m.Phase.select().where(m.Phase.path == path)}
    skills = {s.key: s for s in m.Skill.select().where(m.Skill.path == path)}
    existing = {t.key: t for t in m.Tutorial.select().where(m.Tutorial.path == path)}
    for phase in pack.phases:
        for j, tut in enumerate(phase.tutorials):
            row = existing.pop(tut.id, None)
            if row is not None and row.custom:
                continue  # the learner's own tutorial (an exported path): kept as it is
            row = row or m.Tutorial(path=path, key=tut.id)
            row.phase = phases[phase.id]
            row.position, row.title, row.skill = j, tut.title, skills[tut.skill]
            row.level, row.hours, row.url = tut.level, tut.hours, tut.url
            row.description, row.retired = tut.description, False
            row.save()
    retired = 0
    for row in existing.values():
        if row.custom:
            continue
        if tutorial_has_state(row):
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
    tutorials = {t.key: t for t in m.Tutorial.select().where(m.Tutorial.path == path)}
    existing = {q.key: q for q in m.Question.select().where(m.Question.path == path)}
    for i, question in enumerate(pack.questions):
        row = existing.pop(question.id, None)
        if row is not None and row.custom:
            continue  # the learner's own question (an exported path): kept as it is
        row = row or m.Question(path=path, key=question.id)
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
        if row.custom:
            continue
        if question_has_state(row):
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
        if book_has_state(row):
            row.retired = True
            row.save()
        else:
            row.delete_instance()


#: The steps of an install after the first, each its own transaction, in order.
_STEPS: tuple[Callable[[m.CareerPath, CareerPathPack], object], ...] = (
    _sync_role, _sync_skills, _sync_phases, _sync_tutorials, _sync_questions, _sync_books,
    _finish,
)  # fmt: skip


@uses_store
def ensure_builtin_pack(store: Store, backup_dir: Path | None = None) -> InstallResult:
    """Install or update the built-in path from the file shipped with the app; cheap
    when the shipped file is unchanged (its hash is compared with the installed digest
    first, so an unchanged pack is not parsed at all).

    The shipped file always wins: whatever version is installed (a newer one, or a file
    that took the built-in path over before imports were refused that), the built-in path
    becomes the shipped one, and the learner's work is kept by ids as in every update.
    Before an update the data is backed up into ``backup_dir`` (when given), and what is
    new is recorded for the window to tell once (``pack_changes.unseen_news``).
    """
    file = builtin_pack_file()
    raw = file.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    path = m.CareerPath.get_or_none(m.CareerPath.key == file.stem)
    if path is not None and path.digest == digest:
        return InstallResult(path.id, path.key, created=False, updated=False)
    pack = parse_pack(raw, str(file))
    changes = pack_changes.changes_of(store, pack)
    if changes.is_update and backup_dir is not None:
        from careerplanner.store.backup import write_backup

        made = write_backup(store.db.connection(), backup_dir, "upgrade")
        _log.info("backup before updating the built-in path: %s", made.path.name)
    result = install_pack(store, pack, builtin=True)
    if changes.is_update and changes.old_version is not None:
        pack_changes.record_news(store, changes)
    return result
