"""Backups, restores and health checks of a data folder, for the window and the CLI.

``back_up`` writes a checked backup and applies the retention policy; ``restore`` backs
up the current data, checks the chosen file and copies it into the open database in one
step, then brings schema and built-in path up to date. ``recover`` handles a database
that cannot be opened at all: it is moved aside (never deleted) and the newest good
backup, or nothing ("start fresh"), takes its place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from careerplanner import paths
from careerplanner.services import settings
from careerplanner.services.packs import ensure_builtin_pack
from careerplanner.store import Store, migrations
from careerplanner.store import backup as files
from careerplanner.store.backup import BackupError, BackupFile, FileCheck, RetentionPolicy
from careerplanner.store.database import move_aside

#: Minutes between automatic backups while there are changes.
AUTO_BACKUP_MINUTES = 30

KEEP_DAILY = "backup.keep_daily"
KEEP_WEEKLY = "backup.keep_weekly"
KEEP_MONTHLY = "backup.keep_monthly"

__all__ = [
    "AUTO_BACKUP_MINUTES",
    "BackupEntry",
    "BackupError",
    "BackupFile",
    "ChangeTracker",
    "HealthReport",
    "back_up",
    "check_data_dir",
    "list_backups",
    "newest_good_backup",
    "policy",
    "recover",
    "restore",
]


@dataclass(frozen=True)
class BackupEntry:
    """A backup file and the result of checking it."""

    file: BackupFile
    check: FileCheck

    @property
    def usable(self) -> bool:
        return self.check.ok


@dataclass(frozen=True)
class HealthReport:
    healthy: bool
    lines: tuple[str, ...]


def _setting_int(store: Store, key: str, default: int) -> int:
    value = settings.get(store, key)
    try:
        return max(0, int(value)) if value is not None else default
    except ValueError:
        return default


def policy(store: Store) -> RetentionPolicy:
    """The retention policy: defaults, overridden by the ``backup.keep_*`` settings."""
    base = RetentionPolicy()
    return RetentionPolicy(
        daily=_setting_int(store, KEEP_DAILY, base.daily),
        weekly=_setting_int(store, KEEP_WEEKLY, base.weekly),
        monthly=_setting_int(store, KEEP_MONTHLY, base.monthly),
    )


def back_up(store: Store, data_dir: Path, reason: str) -> BackupFile:
    """Write a checked backup of the open database, then prune old ones.

    Raises BackupError (disk full, read-only folder, ...) with a message for the user;
    the database itself is never touched.
    """
    folder = paths.backup_dir(data_dir)
    made = files.write_backup(store.db.connection(), folder, reason)
    files.prune(folder, policy(store), date.today())
    return made


def list_backups(data_dir: Path, *, full_check: bool = False) -> list[BackupEntry]:
    """Every backup in the folder, newest first, each checked (quick_check by default)."""
    return [
        BackupEntry(f, files.check_file(f.path, full=full_check))
        for f in files.list_files(paths.backup_dir(data_dir))
    ]


def newest_good_backup(data_dir: Path) -> BackupEntry | None:
    for f in files.list_files(paths.backup_dir(data_dir)):
        check = files.check_file(f.path, full=True)
        if check.ok:
            return BackupEntry(f, check)
    return None


def restore(store: Store, data_dir: Path, backup: Path) -> BackupFile:
    """Replace the open database's content with ``backup``; returns the safety backup of
    the data as it was. Raises BackupError when the file is unusable (nothing changed)."""
    check = files.check_file(backup, full=True)
    if not check.ok:
        raise BackupError(f"{backup.name} cannot be restored. {check.problem}")
    safety = back_up(store, data_dir, "restore")
    files.restore_into(backup, store.db.connection())
    migrations.migrate(store.db)
    ensure_builtin_pack(store)
    return safety


def recover(data_dir: Path, backup: Path | None) -> Path | None:
    """Move the unusable database aside and put ``backup`` (or nothing: start fresh) in its
    place. Returns where the old file went, or None when there was none.

    The database must not be open. Raises BackupError when ``backup`` is unusable; then
    nothing has been moved.
    """
    if backup is not None:
        check = files.check_file(backup, full=True)
        if not check.ok:
            raise BackupError(f"{backup.name} cannot be restored. {check.problem}")
    database = paths.database_path(data_dir)
    moved = None
    if any(Path(f"{database}{s}").exists() for s in ("", "-wal")):
        try:
            moved = move_aside(database)
        except OSError as exc:
            raise BackupError(
                f"The database could not be moved aside: {files.describe_os_error(exc)}."
            ) from exc
    if backup is not None:
        try:
            files.restore_to_file(backup, database)
        except BackupError:
            if moved is not None:  # put the old file back: nothing changed
                for suffix in ("-wal", "-shm", ""):
                    aside = Path(f"{moved}{suffix}")
                    if aside.exists():
                        os.rename(aside, Path(f"{database}{suffix}"))
            raise
    return moved


class ChangeTracker:
    """Whether the database changed since the last backup (SQLite's change counter of
    this connection, so no edit is missed, whichever tab made it)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._mark = self._count()

    def _count(self) -> int:
        return int(self._store.db.connection().total_changes)

    def dirty(self) -> bool:
        return self._count() != self._mark

    def mark_clean(self) -> None:
        self._mark = self._count()


def check_data_dir(data_dir: Path) -> HealthReport:
    """A read-only health check of the folder's database, for ``careerplanner check``."""
    database = paths.database_path(data_dir)
    lines = [f"Database: {database}"]
    if not database.exists():
        lines.append("No database yet: the app creates one when it first starts.")
        return HealthReport(False, tuple(lines))
    check = files.check_file(database, full=True)
    size = database.stat().st_size
    lines.append(f"Size: {size / 1024:.0f} KiB")
    if check.ok:
        lines.append(f"Schema version: {check.schema_version} (this app: {_current()})")
        lines.append("Integrity check: ok")
        lines.append(f"Progress: {check.summary}")
    else:
        lines.append(f"Problem: {check.problem}")
    entries = list_backups(data_dir)
    good = [e for e in entries if e.usable]
    if good:
        newest = good[0].file
        lines.append(
            f"Backups: {len(good)} usable of {len(entries)}; newest "
            f"{newest.created:%Y-%m-%d %H:%M} ({newest.path.name})"
        )
    else:
        lines.append(f"Backups: none usable of {len(entries)}")
    lines.append("Healthy." if check.ok else "NOT healthy.")
    return HealthReport(check.ok, tuple(lines))


def _current() -> int:
    return migrations.current_version()
