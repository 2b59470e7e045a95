"""The one place that knows where things live.

* ``resources_dir()``: the shipped data files (``resources/``), whether the app runs
  from a source checkout, an installed wheel, or a PyInstaller bundle.
* ``default_data_dir()`` / ``resolve_data_dir()``: the per-user data folder, or the
  folder named by ``--data-dir`` or ``CAREERPLANNER_DATA_DIR``.

Nothing else in the code base computes these paths.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from careerplanner import APP_NAME

DATA_DIR_ENV = "CAREERPLANNER_DATA_DIR"
DATABASE_NAME = "careerplanner.sqlite3"
BACKUP_DIR_NAME = "backups"
LOCK_NAME = "careerplanner.lock"


class DataDirError(Exception):
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
    """The data folder: ``--data-dir`` wins, then the environment, then the default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
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


def output_file(path: Path) -> Path:
    """Where an export should be written, or DataDirError with a message.

    A link is followed (the file it points to is replaced, not the link); a folder, a
    device or another special file is refused, and so is a folder that does not exist:
    exports never create folders or replace anything but a regular file.
    """
    target = path.expanduser()
    if target.is_symlink():
        target = target.resolve()
    if target.exists() and not target.is_file():
        raise DataDirError(f"Cannot write {path}: it is not a regular file. Choose a file name.")
    if not target.parent.is_dir():
        raise DataDirError(f"Cannot write {path}: the folder {target.parent} does not exist.")
    return target


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR_NAME


def lock_path(data_dir: Path) -> Path:
    """The lock file that lets one app instance at a time use ``data_dir``."""
    return data_dir / LOCK_NAME
