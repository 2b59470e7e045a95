"""Backups with SQLite's online backup API: writing, checking, listing, retention, restoring.

A backup is a complete, self-contained SQLite file in the backup folder named
``careerplanner-YYYYmmdd-HHMMSS-<reason>.sqlite3``. It is written to a ``.partial`` file
first, checked with ``PRAGMA integrity_check`` and only then renamed into place, so a
full disk or a crash never leaves a half-written backup under a backup's name. A file
that fails its check (empty, not SQLite, another application's, newer, damaged) is never
offered for restore.

Restoring copies a checked backup *into* the open database with the same backup API, in
one step: SQLite writes it as one transaction, so the database is either the old one or
the restored one, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from careerplanner.store import migrations
from careerplanner.store.database import APPLICATION_ID, SQLITE_MAGIC

PREFIX = "careerplanner-"
SUFFIX = ".sqlite3"
PARTIAL = ".partial"
_NAME = re.compile(r"^careerplanner-(\d{8})-(\d{6})(?:-(\d+))?-([a-z][a-z-]*)\.sqlite3$")

#: Why a backup was taken (the last part of its name).
REASONS = (
    "auto",
    "close",
    "manual",
    "migration",
    "import",
    "restore",
    "reset",
    "startup",
    "remove",
)


class BackupError(Exception):
    """A backup could not be written or restored. The message is fit for the user."""


@dataclass(frozen=True)
class RetentionPolicy:
    """Everything from today and yesterday, then the newest backup of each of the last
    ``daily`` days, ``weekly`` weeks and ``monthly`` months that have one."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12


@dataclass(frozen=True)
class BackupFile:
    path: Path
    created: datetime
    reason: str
    size: int


@dataclass(frozen=True)
class FileCheck:
    """The result of checking a database or backup file, read-only."""

    ok: bool
    problem: str = ""
    schema_version: int = 0
    summary: str = ""


def _cause(exc: BaseException) -> BaseException:
    """The real failure behind a failed rollback (SQLite already rolled back on I/O errors)."""
    while "no transaction is active" in str(exc) and exc.__context__ is not None:
        exc = exc.__context__
    return exc


def describe_os_error(exc: BaseException) -> str:
    """A short, plain explanation of a failed write (disk full, read-only, permissions)."""
    exc = _cause(exc)
    text = str(exc).lower()
    number = getattr(exc, "errno", None)
    if number == errno.ENOSPC or "disk is full" in text or "database or disk is full" in text:
        return "the disk is full"
    if number == errno.EROFS or "readonly" in text or "read-only" in text:
        return "the folder or disk is read-only"
    if number in (errno.EACCES, errno.EPERM) or "permission denied" in text:
        return "permission was denied"
    if "unable to open database file" in text:
        return "the file cannot be created or opened (is the folder writable?)"
    if "disk i/o error" in text or number == errno.EIO:
        return "the disk reported an input/output error"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__


def is_write_problem(exc: BaseException) -> bool:
    """True for failures of the storage itself (full, read-only, denied, I/O)."""
    exc = _cause(exc)
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO)
    text = str(exc).lower()
    return any(
        marker in text
        for marker in (
            "disk is full",
            "readonly database",
            "read-only",
            "unable to open database file",
            "disk i/o error",
            "permission denied",
        )
    )


# -- names ---------------------------------------------------------------------------------


def _order(f: BackupFile) -> tuple[datetime, int]:
    """Sort key: time, then the counter of backups taken in the same second."""
    match = _NAME.match(f.path.name)
    return f.created, int(match.group(3)) if match and match.group(3) else 1


def parse_name(name: str) -> tuple[datetime, str] | None:
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        created = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return created, match.group(4)


def _new_path(folder: Path, now: datetime, reason: str) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{PREFIX}{stamp}-{reason}{SUFFIX}"
    n = 2
    while candidate.exists() or candidate.with_name(candidate.name + PARTIAL).exists():
        candidate = folder / f"{PREFIX}{stamp}-{n}-{reason}{SUFFIX}"
        n += 1
    return candidate


def list_files(folder: Path) -> list[BackupFile]:
    """Backup files in ``folder`` (unchecked), newest first."""
    found: list[BackupFile] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        parsed = parse_name(entry.name)
        if parsed is None or not entry.is_file():
            continue
        try:
            size = entry.stat().st_size
        except OSError:
            continue
        found.append(BackupFile(entry, parsed[0], parsed[1], size))
    found.sort(key=_order, reverse=True)
    return found


# -- checking ------------------------------------------------------------------------------


def _summary(conn: sqlite3.Connection) -> str:
    parts = []
    paths = conn.execute("SELECT id, title FROM career_path ORDER BY builtin DESC, id").fetchall()
    for path_id, title in paths:
        done, total = conn.execute(
            "SELECT coalesce(sum(status = 'done'), 0), count(*) FROM tutorial "
            "WHERE path_id = ? AND (retired = 0 OR status = 'done')",
            (path_id,),
        ).fetchone()
        percent = round(100 * done / total) if total else 0
        attempts = conn.execute(
            "SELECT count(*) FROM attempt JOIN question ON question.id = attempt.question_id "
            "WHERE question.path_id = ?",
            (path_id,),
        ).fetchone()[0]
        text = f"{title}: {done} of {total} tutorials done ({percent}%)"
        if attempts:
            text += f", {attempts} practice answer{'s' if attempts != 1 else ''}"
        parts.append(text)
    return "; ".join(parts) if parts else "no career path yet"


def check_file(path: Path, *, full: bool = True) -> FileCheck:
    """Check a database file without changing it: ``integrity_check`` when ``full``,
    else ``quick_check``; also that it is Career Planner's and not newer than this app."""
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        return FileCheck(False, f"The file cannot be read: {describe_os_error(exc)}.")
    if not header:
        return FileCheck(False, "The file is empty.")
    if not header.startswith(SQLITE_MAGIC):
        return FileCheck(False, "The file is not an SQLite database.")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return FileCheck(False, f"The file cannot be opened: {exc}.")
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if app_id != APPLICATION_ID:
            return FileCheck(False, "The file belongs to another application.", version)
        if version < 1:
            return FileCheck(False, "The file holds no Career Planner data.", version)
        if version > migrations.current_version():
            return FileCheck(
                False,
                f"The file was written by a newer version of Career Planner (schema {version}).",
                version,
            )
        pragma = "integrity_check" if full else "quick_check"
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
        if rows != ["ok"]:
            return FileCheck(False, f"The file is damaged ({rows[0]}).", version)
        return FileCheck(True, "", version, _summary(conn))
    except sqlite3.Error as exc:
        return FileCheck(False, f"The file is damaged ({exc}).")
    finally:
        conn.close()


# -- writing -------------------------------------------------------------------------------


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy ``source`` into a new, checked, durable file ``target`` (via ``.partial``).

    Raises BackupError; nothing is left under ``target`` or its partial name on failure.
    """
    partial = target.with_name(target.name + PARTIAL)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
            # A backup is a single self-contained file: no -wal beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        check = check_file(partial, full=True)
        if not check.ok:
            raise BackupError(f"The backup failed its check: {check.problem}")
        with partial.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except BackupError:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise BackupError(f"The backup could not be written: {describe_os_error(exc)}.") from exc


def write_backup(
    source: sqlite3.Connection, folder: Path, reason: str, now: datetime | None = None
) -> BackupFile:
    """Back up ``source`` (an open connection) into ``folder``; returns the checked file."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(
            f"The backup folder {folder} cannot be created: {describe_os_error(exc)}."
        ) from exc
    when = (now or datetime.now()).replace(microsecond=0)
    target = _new_path(folder, when, reason)
    copy_database(source, target)
    return BackupFile(target, when, reason, target.stat().st_size)


def backup_path_file(database: Path, folder: Path, reason: str) -> BackupFile:
    """Back up the database file at ``database`` (not open elsewhere in this process)."""
    try:
        source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"The database cannot be read: {describe_os_error(exc)}.") from exc
    try:
        return write_backup(source, folder, reason)
    finally:
        source.close()


# -- restoring -----------------------------------------------------------------------------


def restore_into(backup: Path, target: sqlite3.Connection) -> None:
    """Replace the content of the open database ``target`` with ``backup``, atomically.

    The caller checks ``backup`` first (``check_file``) and backs up the current data.
    """
    try:
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"The backup cannot be opened: {exc}.") from exc
    try:
        source.backup(target)  # all pages in one step: one write transaction
    except sqlite3.Error as exc:
        raise BackupError(f"The backup could not be restored: {describe_os_error(exc)}.") from exc
    finally:
        source.close()


def restore_to_file(backup: Path, database: Path) -> None:
    """Write ``backup`` as the database file ``database`` (which must not exist or be moved
    aside already): copied and checked beside it, then renamed into place."""
    try:
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"The backup cannot be opened: {exc}.") from exc
    try:
        copy_database(source, database)
    finally:
        source.close()


# -- retention -----------------------------------------------------------------------------


def _keep_by(
    files: Iterable[BackupFile], count: int, period: Callable[[datetime], object]
) -> list[BackupFile]:
    """The newest file of each of the ``count`` most recent periods (files newest first)."""
    kept: list[BackupFile] = []
    seen: set[object] = set()
    for f in files:
        if len(seen) >= count:
            break
        key = period(f.created)
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept


def select_to_delete(
    files: list[BackupFile], policy: RetentionPolicy, today: date
) -> list[BackupFile]:
    """Which of ``files`` (any order) the policy lets go. Today's and yesterday's stay."""
    newest_first = sorted(files, key=_order, reverse=True)
    recent_limit = today - timedelta(days=1)
    keep = {f.path for f in newest_first if f.created.date() >= recent_limit}
    older = [f for f in newest_first if f.created.date() < recent_limit]
    rules: list[tuple[int, Callable[[datetime], object]]] = [
        (policy.daily, lambda d: d.date()),
        (policy.weekly, lambda d: tuple(d.isocalendar())[:2]),
        (policy.monthly, lambda d: (d.year, d.month)),
    ]
    remaining = older
    for count, period in rules:
        chosen = _keep_by(remaining, count, period)
        keep.update(f.path for f in chosen)
        if chosen:
            # A longer period starts where the shorter one stopped.
            # (nor in the same period as the oldest file the shorter one kept).
            oldest = chosen[-1].created
            remaining = [
                f for f in remaining if f.created < oldest and period(f.created) != period(oldest)
            ]
    return [f for f in newest_first if f.path not in keep]


def prune(folder: Path, policy: RetentionPolicy, today: date | None = None) -> list[Path]:
    """Delete the backups the policy does not keep; returns what was deleted."""
    doomed = select_to_delete(list_files(folder), policy, today or date.today())
    deleted = []
    for f in doomed:
        try:
            f.path.unlink()
        except OSError:
            continue
        deleted.append(f.path)
    # Leftovers of interrupted backups.
    with contextlib.suppress(OSError):
        for stale in folder.glob(f"{PREFIX}*{SUFFIX}{PARTIAL}"):
            with contextlib.suppress(OSError):
                stale.unlink()
    return deleted
