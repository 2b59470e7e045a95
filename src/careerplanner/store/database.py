"""Opening the database: checks, pragmas and migrations.

``open_store(path)`` refuses, without changing a byte, a file that is not SQLite, a
SQLite file of another application, a damaged file, and a file written by a newer
version of Career Planner; each is reported as a ``StoreOpenError`` with a ``kind`` and
a message for the user. Otherwise it opens the file with WAL, foreign keys and a
durable ``synchronous`` setting, and brings the schema up to date.

One store is open at a time, and it is the only way to the database. ``open_store`` binds
the models to *its* ``SqliteDatabase`` (``Database.bind``) and refuses a second store
while one is open (``StoreAlreadyOpenError``); ``Store.close`` binds them back to
``models.NO_STORE``, which refuses any use. Binding, rather than a module-level
``DatabaseProxy`` that ``open_store`` initialises, leaves no global database object that
code could use around the store: while open, each model's database *is* ``store.db``.
Not ``bind_ctx`` per call either: the window holds its store for its whole life and calls
services from many handlers, and a context at every call site would be boilerplate that
binds the same global models anyway.

Services reach the database only through the store they are given: transactions and raw
SQL through ``store.db``, queries through the models after ``@uses_store`` has checked
that the store is the open one. A closed store (or one replaced by a newer open) raises
``StoreClosedError`` instead of touching whatever database is open now.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from peewee import DatabaseProxy, SqliteDatabase

from careerplanner.errors import UserError
from careerplanner.store import migrations
from careerplanner.store.models import ALL_MODELS, NO_STORE, StoreClosedError

#: PRAGMA application_id of Career Planner's files: "CPLN".
APPLICATION_ID = 0x43504C4E
SQLITE_MAGIC = b"SQLite format 3\x00"

#: How long a write waits for another process's write to finish (a CLI import while the
#: window runs, or the reverse) before it is reported as busy, in milliseconds.
BUSY_TIMEOUT_MS = 5000

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # FULL in WAL mode: a committed change survives a power cut, not just a crash.
    "synchronous": "full",
    "cache_size": -16_000,
}


class StoreOpenError(UserError):
    """The database file cannot be used. ``kind`` tells the UI what to offer."""

    NOT_SQLITE = "not_sqlite"
    FOREIGN = "foreign"
    DAMAGED = "damaged"
    NEWER = "newer"
    UNREADABLE = "unreadable"

    def __init__(self, kind: str, path: Path, message: str) -> None:
        self.kind = kind
        self.path = path
        super().__init__(message)


class StoreAlreadyOpenError(RuntimeError):
    """``open_store`` was called while another store is open in this process: a bug."""


class Store:
    """The open database: the one handle through which services reach the data.

    ``db`` and ``check`` raise ``StoreClosedError`` once the store is closed; ``path``
    stays readable (for messages).
    """

    __slots__ = ("_db", "path")

    def __init__(self, db: SqliteDatabase, path: Path) -> None:
        self._db = db
        self.path = path

    def __repr__(self) -> str:
        return f"<Store {str(self.path)!r} {'open' if self.is_open else 'closed'}>"

    @property
    def is_open(self) -> bool:
        return _open is self

    def check(self) -> None:
        """Raise ``StoreClosedError`` unless this is the open store."""
        if _open is not self:
            raise StoreClosedError(
                f"The database {self.path} was used after it was closed; nothing was read "
                "or written."
            )

    @property
    def db(self) -> SqliteDatabase:
        """The database, for transactions (``store.db.atomic()``) and raw SQL."""
        self.check()
        return self._db

    def close(self) -> None:
        """Unbind the models and close the file. Closing again does nothing."""
        global _open
        if _open is self:
            _bind(NO_STORE)
            _open = None
        if not self._db.is_closed():
            self._db.close()


#: The one open store, whose database the models are bound to.
_open: Store | None = None

_P = ParamSpec("_P")
_R = TypeVar("_R")


def uses_store(
    service: Callable[Concatenate[Store, _P], _R],
) -> Callable[Concatenate[Store, _P], _R]:
    """Mark a service function that takes the store first: each call checks that the
    store is the open one before the function touches the models."""

    @functools.wraps(service)
    def checked(store: Store, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        store.check()
        return service(store, *args, **kwargs)

    return checked


def _bind(database: SqliteDatabase | DatabaseProxy) -> None:
    for model in ALL_MODELS:
        model.bind(database, bind_refs=False, bind_backrefs=False)


def _inspect(path: Path) -> None:
    """Check an existing file read-only; raise StoreOpenError when it is unusable."""
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise StoreOpenError(
            StoreOpenError.UNREADABLE,
            path,
            f"The database {path} cannot be read: {exc.strerror or exc}.",
        ) from exc
    if not header:
        return  # An empty file is a new database (SQLite treats it so).
    if not header.startswith(SQLITE_MAGIC):
        raise StoreOpenError(
            StoreOpenError.NOT_SQLITE,
            path,
            f"The file {path} is not a Career Planner database (it is not an SQLite file).",
        )
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreOpenError(
            StoreOpenError.UNREADABLE, path, f"The database {path} cannot be opened: {exc}."
        ) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[
            0
        ]
        if app_id != APPLICATION_ID and (app_id != 0 or tables):
            raise StoreOpenError(
                StoreOpenError.FOREIGN,
                path,
                f"The file {path} is an SQLite database of another application, "
                "not of Career Planner.",
            )
        if version > migrations.current_version():
            raise StoreOpenError(
                StoreOpenError.NEWER,
                path,
                f"The database {path} was written by a newer version of Career Planner "
                f"(schema {version}; this version knows up to {migrations.current_version()}). "
                "Update the app to open it. Nothing was changed.",
            )
        result = conn.execute("PRAGMA quick_check").fetchall()
        if [r[0] for r in result] != ["ok"]:
            raise StoreOpenError(
                StoreOpenError.DAMAGED,
                path,
                f"The database {path} is damaged ({result[0][0]}).",
            )
    except sqlite3.DatabaseError as exc:
        if is_io_problem(exc):
            # The disk or the folder is the problem, not the file: never move it aside.
            raise StoreOpenError(
                StoreOpenError.UNREADABLE,
                path,
                f"The database {path} cannot be read ({exc}). The disk may be full or the "
                "folder not writable. Nothing was changed.",
            ) from exc
        raise StoreOpenError(
            StoreOpenError.DAMAGED, path, f"The database {path} is damaged ({exc})."
        ) from exc
    finally:
        conn.close()


def is_io_problem(exc: sqlite3.Error) -> bool:
    """True when SQLite failed for want of the disk or the folder (full, I/O error,
    read-only, cannot create its -shm file) or of a lock, not because of the file."""
    text = str(exc).lower()
    return any(
        marker in text
        for marker in ("disk i/o error", "unable to open", "readonly", "disk is full", "locked")
    )


def move_aside(path: Path, label: str = "damaged", now: datetime | None = None) -> Path:
    """Rename an unusable database (with its -wal/-shm files) to
    ``<name>.<label>-YYYYmmdd-HHMMSS``, never deleting or overwriting anything.

    Returns the new path of the database file.
    """
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 2
    while any(Path(f"{target}{s}").exists() for s in ("", "-wal", "-shm")):
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
        n += 1
    for suffix in ("-wal", "-shm", ""):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.rename(companion, Path(f"{target}{suffix}"))
    return target


def open_store(path: Path, backup_dir: Path | None = None) -> Store:
    """Open (creating when missing) and migrate the database at ``path``, and bind the
    models to it.

    With ``backup_dir``, an existing database is backed up there before any migration.
    Raises ``StoreAlreadyOpenError`` (touching nothing) while another store is open.
    """
    global _open
    if _open is not None:
        raise StoreAlreadyOpenError(
            f"Cannot open the database {path}: {_open.path} is still open in this process "
            "(one is open at a time; close it first)."
        )
    if path.exists():
        _inspect(path)
    db = SqliteDatabase(
        str(path),
        pragmas={**PRAGMAS, "busy_timeout": BUSY_TIMEOUT_MS},
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_MS / 1000,
        # Every transaction takes the write lock when it begins (waiting up to the busy
        # timeout): a deferred one that read first could not wait for it later, and
        # would fail at once while another process writes.
        lock_type="IMMEDIATE",
    )
    try:
        db.connect()
        if backup_dir is not None and migrations.schema_version(db) > 0 and migrations.pending(db):
            from careerplanner.store.backup import write_backup

            write_backup(db.connection(), backup_dir, "migration")
        # Setting it writes (and waits for the write lock): only when it is not set yet,
        # so that opening the data to read it works while another process writes.
        if db.execute_sql("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        migrations.migrate(db)
    except Exception:
        db.close()
        raise
    store = Store(db, path)
    _bind(db)
    _open = store
    return store
