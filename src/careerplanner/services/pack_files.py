"""Career paths as files: importing a pack file, exporting a path as one, removing a path.

Importing is two steps, so that the window and the command line can show what an update
does before doing it: ``read_pack_file`` validates the file completely and works out what
installing it would change (``pack_changes.PackChanges``: what is new, which items you
worked on are retired, which are removed), refusing without writing anything:

- a file that is not a valid pack (``content.PackError``);
- a file with the id of the built-in path: the built-in path's content comes with the app
  and is never replaced or updated from a file (it could otherwise retire the shipped
  tutorials for ever);
- the version already installed, unchanged, or an older version than the installed one.

``apply_import`` then backs the data up (``services.backup``, reason ``import``) and
installs the pack (``packs.install_pack``: short transactions). ``import_pack_file`` does
both, for callers that need no confirmation.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careerplanner.content import FORMAT_VERSION, CareerPathPack, load_pack
from careerplanner.errors import UserError
from careerplanner.services import backup, pack_changes
from careerplanner.services.catalog import outline_of
from careerplanner.services.pack_changes import PackChanges
from careerplanner.services.packs import InstallResult, install_pack
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.store.backup import BackupFile

_log = logging.getLogger(__name__)

__all__ = [
    "ImportPlan",
    "Imported",
    "PackImportError",
    "apply_import",
    "export_pack",
    "import_pack_file",
    "read_pack_file",
    "remove_path",
]


class PackImportError(UserError, ValueError):
    """A pack that is valid but cannot be imported here (for example an older version)."""


@dataclass(frozen=True)
class ImportPlan:
    """A checked pack file and what installing it would change."""

    file: Path
    pack: CareerPathPack
    changes: PackChanges


@dataclass(frozen=True)
class Imported:
    result: InstallResult
    #: The backup of the data as it was before the import (None without a data folder).
    backup: BackupFile | None


@uses_store
def read_pack_file(store: Store, file: Path) -> ImportPlan:
    """Validate ``file`` completely and work out what importing it would change.

    Raises content.PackError for a bad file (naming the file, the location and the
    problem) and PackImportError when it cannot be imported here. Writes nothing.
    """
    pack = load_pack(file)
    existing = m.CareerPath.get_or_none(m.CareerPath.key == pack.id)
    if existing is not None:
        if existing.builtin:
            raise PackImportError(
                f"{file}: this file has the id “{pack.id}” of the built-in career path "
                f"“{existing.title}”. A file never replaces or updates the built-in path: "
                "its content comes with Career Planner. To import the file as a path of "
                "your own, give it another id (and title) in the file. Nothing was changed."
            )
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
    return ImportPlan(file, pack, pack_changes.changes_of(store, pack))


@uses_store
def apply_import(store: Store, plan: ImportPlan, data_dir: Path | None) -> Imported:
    """Back up the data into ``data_dir``'s backup folder (when given), then install
    ``plan``'s pack. Raises PackImportError, touching nothing, when the installed path
    changed since ``plan`` was read (what was shown would no longer be true) or when the
    backup cannot be written."""
    if pack_changes.changes_of(store, plan.pack) != plan.changes:
        raise PackImportError(
            f"The career path “{plan.pack.title}” changed since {plan.file.name} was read; "
            "nothing was changed. Import the file again to see what it would do now."
        )
    try:
        made = backup.back_up(store, data_dir, "import") if data_dir is not None else None
    except backup.BackupError as exc:
        raise PackImportError(
            f"{exc} A backup is written before a career path is imported; nothing was changed."
        ) from exc
    result = install_pack(store, plan.pack, builtin=False)
    _log.info(
        "imported %s: path %r version %d (%s)", plan.file.name, plan.pack.id,
        plan.pack.version, "new" if result.created else "an update",
    )  # fmt: skip
    return Imported(result, made)


@uses_store
def import_pack_file(store: Store, file: Path, data_dir: Path | None = None) -> InstallResult:
    """``read_pack_file`` and ``apply_import`` at once (no confirmation)."""
    return apply_import(store, read_pack_file(store, file), data_dir).result


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
