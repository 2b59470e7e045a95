"""The one place that knows where things live.

* ``resources_dir()``: the shipped data files (``resources/``), whether the app runs
  from a source checkout, an installed wheel, or a PyInstaller bundle.
* ``default_data_dir()`` / ``resolve_data_dir()``: the per-user data folder, or the
  folder named by ``--data-dir`` or ``CAREERPLANNER_DATA_DIR``.

Nothing else in the code base computes these paths.
"""

from __future__ import annotations

import errno
import os
import secrets
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from careerplanner import APP_NAME
from careerplanner.errors import UserError

DATA_DIR_ENV = "CAREERPLANNER_DATA_DIR"
DATABASE_NAME = "careerplanner.sqlite3"
BACKUP_DIR_NAME = "backups"
LOCK_NAME = "careerplanner.lock"


class DataDirError(UserError):
    """The data folder cannot be created or written."""


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def resources_dir() -> Path:
    if is_frozen():
        return Path(sys._MEIPASS) / "resources"  # type: ignore[attr-defined]
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "resources"
    if installed.is_dir():
        return installed
    # Source checkout or editable install: src/careerplanner/ -> repository root.
    return package_dir.parent.parent / "resources"


def builtin_paths_dir() -> Path:
    return resources_dir() / "paths"


def icon_path() -> Path:
    return resources_dir() / "icons" / "careerplanner.svg"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``--data-dir`` wins, then the environment, then the default.

    Raises DataDirError when the folder is a loop of links.
    """
    if cli_value:
        return _resolve(Path(cli_value), "Cannot use the data folder")
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return _resolve(Path(env), "Cannot use the data folder")
    return default_data_dir()


def ensure_data_dir(path: Path) -> Path:
    """Create the data folder when missing and prove it is writable.

    Raises DataDirError with a message fit for the user.
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise DataDirError(f"The data folder {path} exists but is not a folder.") from exc
    except OSError as exc:
        raise DataDirError(
            f"The data folder {path} cannot be created: {exc.strerror or exc}."
        ) from exc
    if not path.is_dir():
        raise DataDirError(f"The data folder {path} exists but is not a folder.")
    try:
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        raise DataDirError(
            f"The data folder {path} cannot be written: {exc.strerror or exc}."
        ) from exc
    return path


# -- files the app owns ---------------------------------------------------------------------
#
# Every file the user chooses to write (an export) goes through ``output_file``; every file
# the user chooses to read into the database (a restore, an import) through ``input_file``.
# Both compare by file identity, never by the name alone, so a link, a ``..`` or another
# spelling of the data folder cannot lead them to the live database.

#: Suffixes SQLite adds to the database's name for its own files beside it.
DATABASE_COMPANIONS = ("-wal", "-shm", "-journal")

_LOOP = "it is a symbolic link that loops back on itself (or leads through such a link)"


def _identity(path: Path) -> tuple[int, int] | None:
    """(st_dev, st_ino) of the file ``path`` leads to, or None when it cannot be read."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    if not st.st_ino:  # a file system without file numbers: identity unknown
        return None
    return (st.st_dev, st.st_ino)


def _folded(path: Path) -> str:
    return os.path.normcase(str(path)).casefold()


def _same(a: Path, b: Path, b_id: tuple[int, int] | None) -> bool:
    """Whether ``a`` and ``b`` (both resolved) are the same file or folder: by identity
    when both exist, else by their case-folded paths."""
    a_id = _identity(a)
    if a_id is not None and b_id is not None:
        return a_id == b_id
    return _folded(a) == _folded(b)


def _resolve(path: Path, what: str) -> Path:
    """``path`` with ``~``, links and ``..`` resolved; DataDirError for a loop of links."""
    try:
        return path.expanduser().resolve()
    except RuntimeError as exc:  # Python < 3.13 reports a loop so
        raise DataDirError(f"{what} {path}: {_LOOP}.") from exc
    except OSError as exc:
        reason = _LOOP if exc.errno == errno.ELOOP else (exc.strerror or str(exc))
        raise DataDirError(f"{what} {path}: {reason}.") from exc


def _live_kind(name: str) -> str | None:
    """What the top-level entry ``name`` of a data folder is to the app, case-folded:
    "live" (the database and SQLite's files beside it), "lock", "aside" (any other name
    that starts with the database's: files moved aside, partial copies), "backups"."""
    folded = name.casefold()
    database = DATABASE_NAME.casefold()
    if folded in {database + s for s in ("", *DATABASE_COMPANIONS)}:
        return "live"
    if folded.startswith(LOCK_NAME.casefold()):
        return "lock"
    if folded.startswith(database):
        return "aside"
    if folded == BACKUP_DIR_NAME.casefold():
        return "backups"
    return None


_DESCRIBE = {
    "live": "Career Planner's own database file",
    "lock": "Career Planner's lock file",
    "aside": "a database file Career Planner set aside",
    "backups": "Career Planner's backups folder",
}


def owned_file(path: Path, data_dir: Path, *, reading: bool = False) -> str | None:
    """Why ``path`` is a file the app owns in ``data_dir``, or None when it is not.

    Owned are: the data folder itself; its database with its ``-wal``, ``-shm`` and
    ``-journal`` files; the lock file; anything whose name starts with the database's
    (files moved aside, such as ``careerplanner.sqlite3.damaged-…``); the backups folder and
    everything inside it, at any depth. With ``reading``, only the live files count (the
    folder, the database and its companions, the lock): a backup may be read back.

    The comparison is by identity, not by name. ``path`` is resolved first (links, ``..``);
    a folder on the way is compared to the data and backups folders by (st_dev, st_ino),
    so another spelling of them, a link to them or a bind mount is recognised; and an
    existing file is compared by (st_dev, st_ino) with every owned file, so a hard link to
    the database is recognised too. Names are compared case-folded on every system: on a
    case-insensitive disk (Windows, macOS) ``CareerPlanner.SQLite3`` is the database, and
    on a case-sensitive one such a name in the data folder is refused all the same, which
    costs nothing and keeps one rule everywhere.

    Other files inside the data folder (say a PDF the user chose to keep there) are not
    refused: the owned names above are all the app ever writes there, and a data folder set
    to a broad place (``--data-dir ~``) must not forbid exports to it.

    Raises DataDirError when ``path`` or ``data_dir`` is a loop of links.
    """
    target = _resolve(path, "Cannot use")
    data = _resolve(data_dir, "Cannot use the data folder")
    # Name the owned file only when the user named it otherwise (a link, a "..").
    named = _folded(target) == _folded(path.expanduser().absolute())

    def it_is(what: str, where: Path) -> str:
        return what if named else f"{what} ({where})"

    data_id = _identity(data)
    if _same(target, data, data_id):
        return it_is("Career Planner's data folder", data)
    backups = data / BACKUP_DIR_NAME
    backups_id = _identity(backups)
    if not reading:
        for folder in target.parents:
            if _same(folder, backups, backups_id):
                return it_is("inside Career Planner's backups folder", backups)
    kinds = ("live", "lock") if reading else tuple(_DESCRIBE)
    if _same(target.parent, data, data_id):
        kind = _live_kind(target.name)
        if kind in kinds:
            return it_is(_DESCRIBE[kind], data / target.name)
    target_id = _identity(target)
    if target_id is None or data_id is None:
        return None
    for owned, kind in _owned_entries(data, kinds):
        if _identity(owned) == target_id:
            what = "Career Planner's backup" if kind == "backups" else _DESCRIBE[kind]
            return f"the same file as {what} {owned}"
    return None


def _owned_entries(data: Path, kinds: tuple[str, ...]) -> Iterator[tuple[Path, str]]:
    """The owned files in ``data`` of the given kinds; the backups folder's at any depth."""
    try:
        entries = sorted(data.iterdir())
    except OSError:
        return
    for entry in entries:
        kind = _live_kind(entry.name)
        if kind not in kinds:
            continue
        if kind != "backups":
            yield entry, kind
            continue
        for root, _dirs, names in os.walk(entry):
            for name in names:
                yield Path(root) / name, "backups"


def output_file(path: Path, data_dir: Path) -> Path:
    """Where a file the user chose should be written, or DataDirError with a message.

    Every export and every other write to a file the user chose goes through here. A file
    the app owns in ``data_dir`` is refused (see ``owned_file``), and so is a loop of
    links. A link is followed (the file it points to is replaced, not the link); a folder,
    a device or another special file is refused, and so is a folder that does not exist:
    exports never create folders or replace anything but a regular file. Write through
    ``partial_file`` beside the result, then rename.
    """
    target = path.expanduser()
    reason = owned_file(target, data_dir)
    if reason is not None:
        raise DataDirError(f"Cannot write {path}: it is {reason}. Choose another file.")
    if target.is_symlink():
        target = _resolve(target, "Cannot write")
    if target.exists() and not target.is_file():
        raise DataDirError(f"Cannot write {path}: it is not a regular file. Choose a file name.")
    if not target.parent.is_dir():
        raise DataDirError(f"Cannot write {path}: the folder {target.parent} does not exist.")
    return target


def input_file(path: Path, data_dir: Path) -> Path:
    """A file the user chose to read into the data (restore, import), resolved; or
    DataDirError when it is the live database, one of its files or the lock file (see
    ``owned_file``): reading the database into itself is never what the user meant."""
    reason = owned_file(path, data_dir, reading=True)
    if reason is not None:
        raise DataDirError(
            f"Cannot read {path}: it is {reason}, which is in use. "
            "Choose a backup or an exported file."
        )
    return _resolve(path, "Cannot read")


def partial_file(target: Path) -> Path:
    """A new, empty temporary file beside ``target``, to write and then rename into place.

    Created exclusively (``O_EXCL``), so it is never a file that was already there: a link
    left under that name would otherwise be written through. The permissions are the usual
    ones for a new file (the umask applies). Raises OSError.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            fd = os.open(name, flags, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return name
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR_NAME


def lock_path(data_dir: Path) -> Path:
    """The lock file that lets one app instance at a time use ``data_dir``."""
    return data_dir / LOCK_NAME
