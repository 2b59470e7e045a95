"""Backups with SQLite's online backup API: writing, checking, listing, retention, restoring.

A backup is a complete, self-contained SQLite file in the backup folder named
``careerplanner-YYYYmmdd-HHMMSS-<reason>.sqlite3``. It is written to a ``.partial`` file
first, checked with ``PRAGMA integrity_check`` and only then renamed into place, so a
full disk or a crash never leaves a half-written backup under a backup's name. A file
that fails its check (empty, not SQLite, another application's, newer, damaged) is never
offered for restore.

Each backup carries a sequence number (the ``backup.sequence`` setting inside the copy),
one higher than any backup before it. Backups are ordered by that number, not by the
date in their name, so a wrong clock cannot make an old backup look newest; the date
only breaks ties (and orders old backups from before numbering, which come first).

Retention deletes only backups that pass a check, and keeps the newest good backup of
every period it keeps; a file it cannot read or verify is left alone. Writing and
pruning hold the folder's lock (``folder_lock``), so concurrent backups queue.

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
import stat
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from careerplanner.errors import UserError, os_error_text
from careerplanner.store import migrations
from careerplanner.store.database import APPLICATION_ID, SQLITE_MAGIC, is_io_problem
from careerplanner.store.folder_lock import FolderBusy, folder_lock

PREFIX = "careerplanner-"
SUFFIX = ".sqlite3"
PARTIAL = ".partial"
_NAME = re.compile(r"^careerplanner-(\d{8})-(\d{6})(?:-(\d+))?-([a-z][a-z-]*)\.sqlite3$")
#: What an unfinished backup leaves: the partial copy and SQLite's files beside it.
_PARTIAL_NAME = re.compile(
    r"^careerplanner-\d{8}-\d{6}(?:-\d+)?-[a-z][a-z-]*\.sqlite3\.partial(?:-wal|-shm|-journal)?$"
)
#: The setting that numbers backups; each backup holds its own number.
SEQUENCE_KEY = "backup.sequence"
SEQUENCE_MAX = 10**18
_SEQUENCE_TEXT = re.compile(r"^[0-9]{1,19}$")

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
    "upgrade",
)


class BackupError(UserError):
    """A backup could not be written or restored. The message is fit for the user."""


@dataclass(frozen=True)
class RetentionPolicy:
    """Everything from today and yesterday, then the newest good backup of each of the
    last ``daily`` days, ``weekly`` weeks and ``monthly`` months that have one. (The
    service applies the floors; see ``services.backup.policy``.)"""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12


@dataclass(frozen=True)
class BackupFile:
    path: Path
    created: datetime
    reason: str
    size: int
    #: The number the backup carries; None for backups from before numbering (or
    #: unreadable ones). Filled in by ``with_sequences``, not by ``list_files``.
    sequence: int | None = None


@dataclass(frozen=True)
class FileCheck:
    """The result of checking a database or backup file, read-only."""

    ok: bool
    problem: str = ""
    schema_version: int = 0
    summary: str = ""
    sequence: int | None = None


def _cause(exc: BaseException) -> BaseException:
    """The real failure behind a failed rollback (SQLite already rolled back on I/O errors)."""
    while "no transaction is active" in str(exc) and exc.__context__ is not None:
        exc = exc.__context__
    return exc


#: What a write that waited in vain for another process's write is told.
BUSY_MESSAGE = "The data is busy: another Career Planner command is writing. Try again in a moment."
_BUSY_MARKERS = (
    "database is locked",
    "database table is locked",
    "database schema is locked",
    "database is busy",
)


def is_busy(exc: BaseException) -> bool:
    """True when SQLite gave up waiting for another connection's lock (SQLITE_BUSY or
    SQLITE_LOCKED): another process was writing; nothing was written."""
    exc = _cause(exc)
    name = str(getattr(exc, "sqlite_errorname", ""))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return True
    text = str(exc).lower()
    return any(marker in text for marker in _BUSY_MARKERS)


def describe_os_error(exc: BaseException) -> str:
    """A short, plain explanation of a failed write (disk full, read-only, permissions,
    busy)."""
    exc = _cause(exc)
    if is_busy(exc):
        return "the data is busy: another Career Planner command is writing (try again in a moment)"
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
    if isinstance(exc, OSError):
        return os_error_text(exc)
    return str(exc) or type(exc).__name__


def is_write_problem(exc: BaseException) -> bool:
    """True for failures of the storage itself (full, read-only, denied, I/O), and for a
    write that found the data busy (another process writing)."""
    exc = _cause(exc)
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO)
    if is_busy(exc):
        return True
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


def write_problem_text(exc: BaseException, outcome: str = "Nothing was changed.") -> str:
    """A failed write in one or two sentences for the user: ``outcome`` (what became of
    the data) and why. A busy database changed nothing, whatever was being done."""
    if is_busy(exc):
        return f"{BUSY_MESSAGE} Nothing was changed."
    return f"{outcome[:-1] if outcome.endswith('.') else outcome}: {describe_os_error(exc)}."


# -- names ---------------------------------------------------------------------------------


def _same_second(f: BackupFile) -> int:
    match = _NAME.match(f.path.name)
    return int(match.group(3)) if match and match.group(3) else 1


def order_key(f: BackupFile) -> tuple[bool, int, datetime, int]:
    """Sort key, oldest first: the sequence number, then the date and the counter of
    backups taken in the same second. Backups without a number (written before numbering
    began) come before every numbered one, among themselves by date."""
    numbered = f.sequence is not None
    return numbered, f.sequence or 0, f.created, _same_second(f)


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
    found.sort(key=order_key, reverse=True)
    return found


def with_sequences(files: Iterable[BackupFile]) -> list[BackupFile]:
    """``files`` with the sequence number each carries, newest first by ``order_key``."""
    numbered = [replace(f, sequence=read_sequence(f.path)) for f in files]
    return sorted(numbered, key=order_key, reverse=True)


def stale_partials(folder: Path) -> list[Path]:
    """Leftovers of interrupted backups in ``folder``: regular files named as the app names
    its unfinished copies. Only meaningful while holding the folder's lock."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        if not _PARTIAL_NAME.match(entry.name):
            continue
        try:
            if stat.S_ISREG(entry.lstat().st_mode):
                found.append(entry)
        except OSError:
            continue
    return sorted(found)


def _remove_stale_partials(folder: Path) -> None:
    """Delete leftovers of interrupted backups; the caller holds the folder's lock, so no
    backup is being written."""
    for stale in stale_partials(folder):
        with contextlib.suppress(OSError):
            stale.unlink()


# -- checking ------------------------------------------------------------------------------


def parse_sequence(value: object) -> int | None:
    """A stored sequence number, or None when it is not a plain number in range."""
    if not isinstance(value, str) or not _SEQUENCE_TEXT.match(value):
        return None
    number = int(value)
    return number if number <= SEQUENCE_MAX else None


def _sequence(conn: sqlite3.Connection) -> int | None:
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (SEQUENCE_KEY,)).fetchone()
    except sqlite3.Error:
        return None
    return parse_sequence(row[0]) if row else None


def _open_ro(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection; ``immutable``: read the file as it is on disk, without
    locks or the -shm file (only when no other process writes it)."""
    options = "mode=ro&immutable=1" if immutable else "mode=ro"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True)
    # A damaged file can hold (or report) text that is not UTF-8.
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    return conn


def read_sequence(path: Path) -> int | None:
    """The sequence number a backup file carries, read cheaply (no integrity check);
    None when it has none or is not a readable Career Planner file."""
    try:
        with path.open("rb") as fh:
            if not fh.read(100).startswith(SQLITE_MAGIC):
                return None
        conn = _open_ro(path)
    except (OSError, sqlite3.Error, ValueError):
        return None
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return None
        return _sequence(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _plain(text: object) -> str:
    """Text from the file, without control characters (it reaches terminals)."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in str(text))


def _summary(conn: sqlite3.Connection) -> str:
    parts = []
    paths = conn.execute("SELECT id, title FROM career_path ORDER BY builtin DESC, id").fetchall()
    for path_id, raw_title in paths:
        title = _plain(raw_title)
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


class _Unreadable(Exception):
    """The disk or the folder, not the file, kept SQLite from reading it."""

    def __init__(self, cause: sqlite3.Error) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _has_wal(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def check_file(path: Path, *, full: bool = True, summary: bool = True) -> FileCheck:
    """Check a database file without changing it: ``integrity_check`` when ``full``,
    else ``quick_check``; also that it is Career Planner's and not newer than this app.
    The result carries the file's sequence number and, with ``summary``, what it holds.

    A file that SQLite cannot read because of the disk or the folder (full, read-only: a
    WAL database needs its ``-shm`` file made beside it) is never called damaged: when no
    write-ahead log is pending it is read as it is on disk (``immutable``), and otherwise
    the result says that it cannot be read now, and why."""
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
        return _check_open(path, full, summary, immutable=False)
    except _Unreadable as first:
        problem = first.cause
    if not is_busy(problem) and not _has_wal(path):
        try:
            return _check_open(path, full, summary, immutable=True)
        except _Unreadable as again:
            problem = again.cause
    return FileCheck(
        False,
        f"The file cannot be read now: {describe_os_error(problem)}. This says nothing "
        "about the file itself (the disk may be full or the folder not writable).",
    )


def _check_open(path: Path, full: bool, summary: bool, *, immutable: bool) -> FileCheck:
    try:
        conn = _open_ro(path, immutable=immutable)
    except (sqlite3.Error, ValueError) as exc:
        if isinstance(exc, sqlite3.Error) and is_io_problem(exc):
            raise _Unreadable(exc) from exc
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
                sequence=_sequence(conn),
            )
        pragma = "integrity_check" if full else "quick_check"
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
        if rows != ["ok"]:
            return FileCheck(False, f"The file is damaged ({_plain(rows[0])}).", version)
        about = _summary(conn) if summary else ""
        return FileCheck(True, "", version, about, _sequence(conn))
    except sqlite3.Error as exc:
        if is_io_problem(exc):
            raise _Unreadable(exc) from exc
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


def _companions(path: Path) -> list[Path]:
    return [path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal"))]


def _number(dest: sqlite3.Connection, sequence: int) -> None:
    """Write ``sequence`` into the copy, so the backup carries its own number."""
    has_table = dest.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'setting'"
    ).fetchone()[0]
    if has_table:
        dest.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
            (SEQUENCE_KEY, str(sequence)),
        )
        dest.commit()


def copy_database(source: sqlite3.Connection, target: Path, sequence: int | None = None) -> None:
    """Copy ``source`` into a new, checked, durable file ``target`` (via ``.partial``),
    numbered ``sequence`` when given.

    Raises BackupError; nothing is left under ``target`` or its partial names on failure.
    """
    partial = target.with_name(target.name + PARTIAL)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
            # A backup is a single self-contained file: no -wal beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
            if sequence is not None:
                _number(dest, sequence)
        finally:
            dest.close()
        check = check_file(partial, full=True, summary=False)
        if not check.ok:
            raise BackupError(f"The backup failed its check: {check.problem}")
        with partial.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except BackupError:
        _discard(partial)
        raise
    except (OSError, sqlite3.Error) as exc:
        _discard(partial)
        raise BackupError(f"The backup could not be written: {describe_os_error(exc)}.") from exc


def _discard(partial: Path) -> None:
    """Remove an unfinished copy and the -wal/-shm/-journal files SQLite made beside it."""
    for leftover in _companions(partial):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _reserve_sequence(source: sqlite3.Connection, folder: Path) -> int:
    """The next backup's number: one more than the live database's counter and than every
    number in ``folder``. The counter is raised in the live database in one short write
    transaction, so the live data and every copy of it carry it; when that write is
    impossible (read-only, busy, full, inside a transaction), the folder alone decides."""
    numbers = (read_sequence(f.path) for f in list_files(folder))
    highest = max((n for n in numbers if n is not None), default=0)
    if source.in_transaction:
        return min(highest + 1, SEQUENCE_MAX)
    try:
        source.execute("BEGIN IMMEDIATE")
        try:
            row = source.execute(
                "SELECT value FROM setting WHERE key = ?", (SEQUENCE_KEY,)
            ).fetchone()
            live = parse_sequence(row[0]) if row else None
            number = min(max(highest, live or 0) + 1, SEQUENCE_MAX)
            source.execute(
                "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                (SEQUENCE_KEY, str(number)),
            )
            source.execute("COMMIT")
        except BaseException:
            if source.in_transaction:
                source.execute("ROLLBACK")
            raise
    except sqlite3.Error:
        return min(highest + 1, SEQUENCE_MAX)
    return number


def write_backup(
    source: sqlite3.Connection, folder: Path, reason: str, now: datetime | None = None
) -> BackupFile:
    """Back up ``source`` (an open connection) into ``folder``; returns the checked file.

    Holds the folder's lock while it numbers, names and writes the backup (concurrent
    backups queue), and first removes what interrupted backups left behind."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(
            f"The backup folder {folder} cannot be created: {describe_os_error(exc)}."
        ) from exc
    try:
        with folder_lock(folder):
            _remove_stale_partials(folder)
            sequence = _reserve_sequence(source, folder)
            when = (now or datetime.now()).replace(microsecond=0)
            target = _new_path(folder, when, reason)
            copy_database(source, target, sequence)
            return BackupFile(target, when, reason, target.stat().st_size, sequence)
    except FolderBusy as exc:
        raise BackupError(
            "Another backup of this data folder has been running for a minute; try again later."
        ) from exc
    except OSError as exc:
        raise BackupError(f"The backup could not be written: {describe_os_error(exc)}.") from exc


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


#: SQLITE_BUSY and SQLITE_LOCKED, as sqlite3_backup_step returns them.
_BUSY_CODES = (5, 6)


def _give_up_when_busy(status: int, remaining: int, total: int) -> None:
    """The backup API's progress callback: stop when a step found the database busy
    (after the target's busy timeout), instead of retrying for ever as Python does."""
    if status & 0xFF in _BUSY_CODES:
        raise sqlite3.OperationalError("database is locked")


def restore_into(backup: Path, target: sqlite3.Connection) -> None:
    """Replace the content of the open database ``target`` with ``backup``, atomically.

    The caller checks ``backup`` first (``check_file``) and backs up the current data.
    While another process writes the database for longer than the busy timeout, it
    gives up (BackupError saying the data is busy), having changed nothing.
    A backup with another page size than the database is first rebuilt with the
    database's page size (in memory): SQLite cannot copy pages of another size into a
    database in WAL mode.
    """
    try:
        source = _open_ro(backup)
    except (sqlite3.Error, ValueError) as exc:
        raise BackupError(f"The backup cannot be opened: {exc}.") from exc
    try:
        page_size = int(target.execute("PRAGMA page_size").fetchone()[0])
        if int(source.execute("PRAGMA page_size").fetchone()[0]) == page_size:
            # All pages in one step: one write transaction.
            source.backup(target, progress=_give_up_when_busy)
        else:
            name = f"file:careerplanner-restore-{uuid.uuid4().hex}?mode=memory&cache=shared"
            rebuilt = sqlite3.connect(name, uri=True)
            try:
                source.execute(f"PRAGMA page_size = {page_size}")
                source.execute("VACUUM INTO ?", (name,))
                rebuilt.backup(target, progress=_give_up_when_busy)
            finally:
                rebuilt.close()
    except sqlite3.Error as exc:
        raise BackupError(f"The backup could not be restored: {describe_os_error(exc)}.") from exc
    finally:
        source.close()


def restore_to_file(backup: Path, database: Path) -> None:
    """Write ``backup`` as the database file ``database`` (which must not exist or be moved
    aside already): copied and checked beside it, then renamed into place."""
    try:
        source = _open_ro(backup)
    except (sqlite3.Error, ValueError) as exc:
        raise BackupError(f"The backup cannot be opened: {exc}.") from exc
    try:
        copy_database(source, database)
    finally:
        source.close()


# -- retention -----------------------------------------------------------------------------


def _keep_by(
    files: Iterable[BackupFile],
    count: int,
    period: Callable[[datetime], object],
    good: Callable[[BackupFile], bool],
) -> list[BackupFile]:
    """The newest good file of each of the ``count`` most recent periods that have one
    (files newest first)."""
    kept: list[BackupFile] = []
    seen: set[object] = set()
    for f in files:
        if len(seen) >= count:
            break
        key = period(f.created)
        if key not in seen and good(f):
            seen.add(key)
            kept.append(f)
    return kept


def select_to_delete(
    files: list[BackupFile],
    policy: RetentionPolicy,
    today: date,
    is_good: Callable[[BackupFile], bool] | None = None,
) -> list[BackupFile]:
    """Which of ``files`` (any order) the policy lets go, newest first.

    Newest means by ``order_key`` (the sequence number first). Kept: the newest good
    file; every file dated yesterday or later; then the newest good file of each of the
    ``daily`` most recent days that have one, of ``weekly`` weeks before those and of
    ``monthly`` months before those. ``is_good`` (default: every file) is asked only
    about files that decide something; a file it rejects is never let go and never
    stands for a period.
    """
    good = is_good or (lambda _f: True)
    newest_first = sorted(files, key=order_key, reverse=True)
    keep: set[Path] = set()
    newest_good = next((f for f in newest_first if good(f)), None)
    if newest_good is not None:
        keep.add(newest_good.path)
    recent_limit = today - timedelta(days=1)
    keep.update(f.path for f in newest_first if f.created.date() >= recent_limit)
    remaining = [f for f in newest_first if f.created.date() < recent_limit]
    rules: list[tuple[int, Callable[[datetime], object]]] = [
        (policy.daily, lambda d: d.date()),
        (policy.weekly, lambda d: tuple(d.isocalendar())[:2]),
        (policy.monthly, lambda d: (d.year, d.month)),
    ]
    for count, period in rules:
        chosen = _keep_by(remaining, count, period, good)
        keep.update(f.path for f in chosen)
        if chosen:
            # A longer period starts after the last file the shorter one kept, and not in
            # that file's own (shorter) period.
            last = chosen[-1]
            after = remaining[[f.path for f in remaining].index(last.path) + 1 :]
            remaining = [f for f in after if period(f.created) != period(last.created)]
    return [f for f in newest_first if f.path not in keep and good(f)]


class _Checks:
    """Quick checks of backup files, each done at most once while its size and
    modification time stay the same."""

    def __init__(self) -> None:
        self._done: dict[Path, tuple[tuple[int, int], bool]] = {}

    @staticmethod
    def _stamp(path: Path) -> tuple[int, int] | None:
        try:
            st = path.lstat()
        except OSError:
            return None
        return (st.st_size, st.st_mtime_ns) if stat.S_ISREG(st.st_mode) else None

    def good(self, f: BackupFile) -> bool:
        stamp = self._stamp(f.path)
        if stamp is None:
            return False  # gone, a link, or not a regular file: leave it alone
        done = self._done.get(f.path)
        if done is not None and done[0] == stamp:
            return done[1]
        ok = check_file(f.path, full=False, summary=False).ok and self._stamp(f.path) == stamp
        self._done[f.path] = (stamp, ok)
        return ok

    def unchanged(self, f: BackupFile) -> bool:
        """Checked good and not changed since."""
        done = self._done.get(f.path)
        return done is not None and done[1] and done[0] == self._stamp(f.path)


def prune(folder: Path, policy: RetentionPolicy, today: date | None = None) -> list[Path]:
    """Delete the backups the policy does not keep, and leftovers of interrupted backups;
    returns the backups deleted.

    Only backups that pass a quick check count: a file that fails it or cannot be read
    is left alone (``careerplanner check`` reports it), and a backup is deleted only
    when it is unchanged since its check. A quick check walks every page of every table
    and index, so it finds empty, foreign, truncated and damaged files; it skips only
    comparing indexes with their tables and UNIQUE constraints, at a fifth of the cost
    of the full check, which a restore runs first. Best effort: when the folder's lock
    cannot be had, nothing is deleted.
    """
    checks = _Checks()
    try:
        with folder_lock(folder):
            _remove_stale_partials(folder)
            files = with_sequences(list_files(folder))
            day = today or date.today()
            # Most of the time nothing is due even if every file were good: then no file
            # needs checking. (A bad file only ever makes the policy keep more.)
            if not select_to_delete(files, policy, day):
                return []
            doomed = select_to_delete(files, policy, day, checks.good)
            deleted = []
            for f in doomed:
                if not checks.unchanged(f):
                    continue
                try:
                    f.path.unlink()
                except OSError:
                    continue
                deleted.append(f.path)
            return deleted
    except (OSError, FolderBusy):
        return []
