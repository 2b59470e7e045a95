"""Full export and import of the user's state as versioned JSON.

Everything the user did is exported, keyed by the career path's key and the items'
stable keys (never database ids): tutorial statuses, dates, notes and links, own
tutorials, self-assessed levels, ticked topics and snapshots, practice cards, drafts and
attempts, own questions, reading statuses, plan settings and app settings. The format is
documented in ``docs/user-data-format.md``.

Import validates the whole file first (``userdata_check.validate``), takes a backup, and
then replaces the user state of each path in the file in one transaction: a failure
leaves the database as it was. The backup and window settings (``settings.is_protected``)
are kept as they are unless the caller asks for the file's (``with_settings``), after the
user has seen them (``setting_changes``); the other settings are the file's.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from careerplanner import __version__, limits, paths
from careerplanner.services import backup, settings, study_days
from careerplanner.services.catalog import outline_of
from careerplanner.services.userdata_check import (
    FORMAT,
    FORMAT_VERSION,
    UserData,
    UserDataError,
    validate,
)
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.store.backup import BackupFile, describe_os_error

_log = logging.getLogger(__name__)

MAX_FILE_BYTES = 64 * 1024 * 1024

__all__ = [
    "ImportResult",
    "SettingChange",
    "UserDataError",
    "export_data",
    "export_file",
    "import_data",
    "import_file",
    "read",
    "setting_changes",
]


@dataclass(frozen=True)
class SettingChange:
    """A protected setting (backup or window) whose value in a file differs from ours;
    None means not set (the app's default)."""

    key: str
    mine: str | None
    theirs: str | None

    def describe(self) -> str:
        """For the user: the retention numbers with both values, the window's by name."""
        name = settings.label(self.key)
        setting = settings.find(self.key)
        if setting in settings.RETENTION:
            shown = [v if v is not None else f"default {setting.default}"
                     for v in (self.theirs, self.mine)]  # fmt: skip
            return f"{name}: {shown[0]} (yours: {shown[1]})"
        return name


@dataclass(frozen=True)
class ImportResult:
    paths: tuple[str, ...]
    tutorials: int
    attempts: int
    backup: BackupFile | None
    #: Protected settings that differ in the file: kept as ours, or imported.
    settings_kept: tuple[SettingChange, ...] = ()
    settings_imported: tuple[SettingChange, ...] = ()


# -- export ----------------------------------------------------------------------------------


def _when(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    text = str(value)
    with contextlib.suppress(ValueError):
        return datetime.fromisoformat(text).isoformat()
    return text


def _day(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _json(value: str | None) -> Any:
    if value is None:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return value


def _export_path(path: m.CareerPath) -> dict[str, Any]:
    phases = list(
        m.Phase.select().where(m.Phase.path == path).order_by(m.Phase.position, m.Phase.key)
    )
    phase_key = {p.id: p.key for p in phases}
    phase_pos = {p.id: p.position for p in phases}
    skills = list(
        m.Skill.select().where(m.Skill.path == path).order_by(m.Skill.position, m.Skill.key)
    )
    skill_key = {s.id: s.key for s in skills}
    tutorials = sorted(
        m.Tutorial.select().where(m.Tutorial.path == path),
        key=lambda t: (phase_pos.get(t.phase_id, 0), t.custom, t.position, t.key),
    )
    questions = list(
        m.Question.select()
        .where(m.Question.path == path)
        .order_by(m.Question.custom, m.Question.position, m.Question.key)
    )
    plan = m.PlanSettings.get_or_none(m.PlanSettings.path == path)
    return {
        "key": path.key,
        "title": path.title,
        "pack_version": path.pack_version,
        "phases": [
            {
                "key": p.key,
                "title": p.title,
                "summary": p.summary,
                "position": p.position,
                "retired": bool(p.retired),
            }
            for p in phases
        ],
        "skills": [
            {
                "key": s.key,
                "name": s.name,
                "summary": s.summary,
                "target": s.target,
                "position": s.position,
                "retired": bool(s.retired),
                "level": s.level,
                "topics": [
                    {
                        "key": t.key,
                        "name": t.name,
                        "position": t.position,
                        "retired": bool(t.retired),
                        "checked": bool(t.checked),
                    }
                    for t in m.Topic.select()
                    .where(m.Topic.skill == s)
                    .order_by(m.Topic.position, m.Topic.key)
                ],
            }
            for s in skills
        ],
        "tutorials": [
            {
                "key": t.key,
                "custom": bool(t.custom),
                "retired": bool(t.retired),
                "phase": phase_key[t.phase_id],
                "skill": skill_key.get(t.skill_id or 0),
                "position": t.position,
                "title": t.title,
                "level": t.level,
                "hours": limits.as_float(t.hours),
                "url": t.url,
                "description": t.description,
                "status": t.status,
                "started_on": _day(t.started_on),
                "finished_on": _day(t.finished_on),
                "notes": t.notes,
                "updated_at": _when(t.updated_at),
                "percent_done": t.percent_done,
                "links": [
                    {"title": link.title, "url": link.url}
                    for link in m.TutorialLink.select()
                    .where(m.TutorialLink.tutorial == t)
                    .order_by(m.TutorialLink.position, m.TutorialLink.id)
                ],
            }
            for t in tutorials
        ],
        "questions": [
            {
                "key": q.key,
                "custom": bool(q.custom),
                "retired": bool(q.retired),
                "position": q.position,
                "category": q.category,
                "text": q.text,
                "guidance": q.guidance,
                "focus_points": [
                    f.text
                    for f in m.FocusPoint.select()
                    .where(m.FocusPoint.question == q)
                    .order_by(m.FocusPoint.position, m.FocusPoint.id)
                ],
                "outline": outline_of(q.outline),
                "card": _json(q.card),
                "due": _when(q.due),
                "last_rating": q.last_rating,
                "last_review": _when(q.last_review),
                "draft": q.draft,
                "attempts": [
                    {
                        "reviewed_at": _when(a.reviewed_at),
                        "duration_s": float(a.duration_s),
                        "covered": a.covered,
                        "total": a.total,
                        "covered_points": _json(a.covered_points),
                        "rating": a.rating,
                        "answer": a.answer,
                        "card_before": _json(a.card_before),
                        "card_after": _json(a.card_after),
                        "mock": bool(a.mock),
                    }
                    for a in m.Attempt.select()
                    .where(m.Attempt.question == q)
                    .order_by(m.Attempt.reviewed_at, m.Attempt.id)
                ],
            }
            for q in questions
        ],
        "books": [
            {
                "key": b.key,
                "title": b.title,
                "authors": b.authors,
                "url": b.url,
                "position": b.position,
                "retired": bool(b.retired),
                "status": b.status,
            }
            for b in m.Book.select()
            .where(m.Book.path == path)
            .order_by(m.Book.position, m.Book.key)
        ],
        "snapshots": [
            {
                "taken_at": _when(s.taken_at),
                "note": s.note,
                "levels": _json(s.levels),
                "topics": _json(s.topics),
            }
            for s in m.Snapshot.select()
            .where(m.Snapshot.path == path)
            .order_by(m.Snapshot.taken_at, m.Snapshot.id)
        ],
        "plan": None
        if plan is None
        else {
            "hours_per_week": float(plan.hours_per_week),
            "start_date": _day(plan.start_date),
            "target_date": _day(plan.target_date),
            "include_reading": bool(plan.include_reading),
            "include_practice": bool(plan.include_practice),
            "learner_name": plan.learner_name,
            "study_times": study_days.to_mapping(study_days.from_text(plan.study_times)),
        },
    }


@uses_store
def export_data(store: Store) -> dict[str, Any]:
    """All user state as a JSON-ready document."""
    with store.db.atomic():  # one consistent read
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "exported_at": datetime.now().replace(microsecond=0).isoformat(),
            "settings": {
                s.key: s.value
                for s in m.Setting.select().order_by(m.Setting.key)
                if not settings.is_internal(s.key)
            },
            "paths": [
                _export_path(p)
                for p in m.CareerPath.select().order_by(
                    m.CareerPath.builtin.desc(), m.CareerPath.key
                )
            ],
        }


@uses_store
def export_file(store: Store, target: Path) -> None:
    """Write the export to ``target`` atomically (a temporary file renamed into place).

    Raises OSError subclasses as ``UserDataError`` with a plain message.
    """
    try:
        target = paths.output_file(target, store.path.parent)  # never the app's own files
    except paths.DataDirError as exc:
        raise UserDataError([f"{exc} Nothing was saved."]) from exc
    text = json.dumps(export_data(store), ensure_ascii=False, indent=2) + "\n"
    partial: Path | None = None
    try:
        partial = paths.partial_file(target)
        with partial.open("w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, target)
        _log.info("exported all data to %s", target)
    except OSError as exc:
        if partial is not None:
            with contextlib.suppress(OSError):
                partial.unlink()
        raise UserDataError(
            [f"{target} could not be written: {describe_os_error(exc)}. Nothing was saved."]
        ) from exc


# -- import ----------------------------------------------------------------------------------


@uses_store
def read(store: Store, source: Path) -> UserData:
    """Read and validate ``source`` completely; nothing is written."""
    try:
        if source.stat().st_size > MAX_FILE_BYTES:
            raise UserDataError([f"{source.name} is larger than 64 MB: not a data file."])
        raw = source.read_bytes()
    except OSError as exc:
        raise UserDataError([f"{source} cannot be read: {describe_os_error(exc)}."]) from exc
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UserDataError([f"{source.name} is not a text (UTF-8) file."]) from None
    except json.JSONDecodeError as exc:
        raise UserDataError(
            [
                f"{source.name} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                f"column {exc.colno}."
            ]
        ) from None
    except (ValueError, RecursionError) as exc:  # a number too long, nesting too deep
        raise UserDataError([f"{source.name} cannot be read as data: {exc}."]) from None
    data = validate(document)
    missing = [
        f"paths[{i}].key: the career path {p.key!r} is not installed here; install it first"
        for i, p in enumerate(data.paths)
        if m.CareerPath.get_or_none(m.CareerPath.key == p.key) is None
    ]
    if missing:
        raise UserDataError(missing)
    return data


@uses_store
def setting_changes(store: Store, data: UserData) -> tuple[SettingChange, ...]:
    """The protected settings (backup retention, window) whose values in ``data`` differ
    from ours, in key order: what an import keeps unless the user chooses the file's."""
    mine = {s.key: s.value for s in m.Setting.select() if settings.is_protected(s.key)}
    theirs = {k: v for k, v in data.settings.items() if settings.is_protected(k)}
    return tuple(
        SettingChange(key, mine.get(key), theirs.get(key))
        for key in sorted(mine.keys() | theirs.keys())
        if mine.get(key) != theirs.get(key)
    )


@uses_store
def import_data(
    store: Store, data_dir: Path | None, data: UserData, *, with_settings: bool = False
) -> ImportResult:
    """Back up (when ``data_dir`` is given), then replace the user state of every path in
    ``data`` (from ``read``) and the settings, in one transaction. The backup and window
    settings stay ours unless ``with_settings``; then they become the file's."""
    changes = setting_changes(store, data)
    made = backup.back_up(store, data_dir, "import") if data_dir is not None else None
    from careerplanner.services.userdata_write import write_path

    tutorials = attempts = 0
    with store.db.atomic():
        for row in m.Setting.select():
            if settings.is_internal(row.key):
                continue
            if with_settings or not settings.is_protected(row.key):
                row.delete_instance()
        for key, value in data.settings.items():
            if settings.is_internal(key):
                continue
            if with_settings or not settings.is_protected(key):
                m.Setting.create(key=key, value=value)
        for path_data in data.paths:
            t, a = write_path(path_data)
            tutorials += t
            attempts += a
    _log.info(
        "imported %d path(s), %d tutorials, %d practice answers; file settings %s",
        len(data.paths), tutorials, attempts, "imported" if with_settings else "kept out",
    )  # fmt: skip
    return ImportResult(
        tuple(p.key for p in data.paths), tutorials, attempts, made,
        settings_kept=() if with_settings else changes,
        settings_imported=changes if with_settings else (),
    )  # fmt: skip


@uses_store
def import_file(
    store: Store, data_dir: Path | None, source: Path, *, with_settings: bool = False
) -> ImportResult:
    """Validate ``source`` completely, then ``import_data`` it."""
    return import_data(store, data_dir, read(store, source), with_settings=with_settings)
