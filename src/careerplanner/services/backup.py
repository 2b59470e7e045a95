"""Backups, restores and health checks of a data folder, for the window and the CLI.

``back_up`` writes a checked backup and applies the retention policy; ``restore`` backs
up the current data, checks the chosen file and copies it into the open database in one
step, then brings schema and built-in path up to date. ``recover`` handles a database
that cannot be opened at all: it is moved aside (never deleted) and the newest good
backup, or nothing ("start fresh"), takes its place.

"Newest" always means by the sequence number each backup carries (see
``store.backup``), never by the date in its name: a wrong clock cannot make old data look
newest. Where dates and that order disagree, listings mark the backups whose dates are
out of order, and show what each holds.
"""

from __future__ import annotations

import itertools
import logging
import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from careerplanner import paths
from careerplanner.services import settings
from careerplanner.services.packs import ensure_builtin_pack
from careerplanner.store import Store, migrations, uses_store
from careerplanner.store import backup as files
from careerplanner.store.backup import BackupError, BackupFile, FileCheck, RetentionPolicy
from careerplanner.store.database import move_aside

_log = logging.getLogger(__name__)

#: Minutes between automatic backups while there are changes.
AUTO_BACKUP_MINUTES = 30

#: Retention floors: whatever the settings hold (0, negative), at least the newest good
#: backup of one older day, one week and one month stays, besides today's and
#: yesterday's and the newest good backup of all.
MIN_DAILY = 1
MIN_WEEKLY = 1
MIN_MONTHLY = 1

#: How a listing marks a backup dated later than the newer one above it.
OUT_OF_ORDER = "(dated after a newer backup)"

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
    #: Dated later than the next newer backup: the dates disagree with the order the
    #: backups were taken in (a wrong clock). Only set among usable backups.
    out_of_order: bool = False

    @property
    def usable(self) -> bool:
        return self.check.ok


@dataclass(frozen=True)
class HealthReport:
    healthy: bool
    lines: tuple[str, ...]


@uses_store
def policy(store: Store) -> RetentionPolicy:
    """The retention policy: the ``settings.RETENTION`` counts, each at least its floor
    (``MIN_DAILY``, ...)."""
    return RetentionPolicy(
        daily=max(MIN_DAILY, settings.KEEP_DAILY.get(store)),
        weekly=max(MIN_WEEKLY, settings.KEEP_WEEKLY.get(store)),
        monthly=max(MIN_MONTHLY, settings.KEEP_MONTHLY.get(store)),
    )


@uses_store
def back_up(store: Store, data_dir: Path, reason: str, now: datetime | None = None) -> BackupFile:
    """Write a checked, numbered backup of the open database, then prune old ones.

    ``now`` replaces the clock (for tests). Raises BackupError (disk full, read-only
    folder, ...) with a message for the user; the data itself is unchanged (only the
    backup counter in the settings moves on).
    """
    folder = paths.backup_dir(data_dir)
    try:
        made = files.write_backup(store.db.connection(), folder, reason, now)
    except BackupError as exc:
        _log.warning("backup (%s) failed: %s", reason, exc)
        raise
    _log.info("backup (%s) written: %s, %d bytes", reason, made.path.name, made.size)
    deleted = files.prune(folder, policy(store), (now or datetime.now()).date())
    if deleted:
        _log.info("retention deleted %s", ", ".join(p.name for p in deleted))
    return made


def _out_of_order(newest_first: list[BackupEntry]) -> set[Path]:
    """The backups dated later than the next newer one (the one above in a list, newest
    first): where the dates stop agreeing with the order taken. This states a fact rather
    than guessing which clock was wrong; the contents tell the user which is which."""
    pairs = itertools.pairwise(newest_first)
    return {older.file.path for newer, older in pairs if older.file.created > newer.file.created}


def list_backups(data_dir: Path, *, full_check: bool = False) -> list[BackupEntry]:
    """Every backup in the folder, each checked (quick_check by default), newest first:
    by sequence number, then date; usable ones whose date is out of that order are
    marked ``out_of_order`` where dated later than the next newer usable one."""
    entries = []
    for f in files.list_files(paths.backup_dir(data_dir)):
        check = files.check_file(f.path, full=full_check)
        entries.append(BackupEntry(replace(f, sequence=check.sequence), check))
    entries.sort(key=lambda e: files.order_key(e.file), reverse=True)
    odd = _out_of_order([e for e in entries if e.usable])
    return [replace(e, out_of_order=e.file.path in odd) for e in entries]


def newest_good_backup(data_dir: Path) -> BackupEntry | None:
    """The newest backup by sequence number that passes the full check."""
    for f in files.with_sequences(files.list_files(paths.backup_dir(data_dir))):
        check = files.check_file(f.path, full=True)
        if check.ok:
            return BackupEntry(replace(f, sequence=check.sequence), check)
    return None


@uses_store
def restore(store: Store, data_dir: Path, backup: Path) -> BackupFile:
    """Replace the open database's content with ``backup``; returns the safety backup of
    the data as it was. Raises BackupError when the file is unusable (nothing changed)."""
    check = files.check_file(backup, full=True)
    if not check.ok:
        raise BackupError(f"{backup.name} cannot be restored. {check.problem}")
    safety = back_up(store, data_dir, "restore")
    _log.info("restoring %s", backup)
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
    _log.info("recovering %s from %s", database, backup or "nothing (a fresh start)")
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
    lines.extend(_backup_lines(data_dir))
    lines.append("Healthy." if check.ok else "NOT healthy.")
    return HealthReport(check.ok, tuple(lines))


def _backup_lines(data_dir: Path) -> list[str]:
    """The backups: how many are usable, one line for each that is not (retention leaves
    those alone), leftovers of interrupted backups, and the order when dates disagree."""
    folder = paths.backup_dir(data_dir)
    entries = list_backups(data_dir)
    good = [e for e in entries if e.usable]
    lines = []
    if good:
        newest = good[0].file
        lines.append(
            f"Backups: {len(good)} usable of {len(entries)}; newest "
            f"{newest.created:%Y-%m-%d %H:%M} ({newest.path.name})"
        )
    else:
        lines.append(f"Backups: none usable of {len(entries)}")
    for e in entries:
        if not e.usable:
            lines.append(f"Not a usable backup, left alone: {e.file.path.name}: {e.check.problem}")
    for stale in files.stale_partials(folder):
        lines.append(f"Left by an interrupted backup, removed at the next backup: {stale.name}")
    if any(e.out_of_order for e in good):
        lines.append(
            "Backup dates are out of order (the computer's clock was wrong when some were "
            "taken). The usable backups in the order they were taken, newest first:"
        )
        for e in good:
            number = f"#{e.file.sequence}" if e.file.sequence is not None else "#-"
            mark = f"  {OUT_OF_ORDER}" if e.out_of_order else ""
            lines.append(
                f"  {number}  {e.file.created:%Y-%m-%d %H:%M}  {e.file.path.name}: "
                f"{e.check.summary}{mark}"
            )
    return lines


def _current() -> int:
    return migrations.current_version()
