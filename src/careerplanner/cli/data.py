"""Headless data commands: backup, restore, check, export-json, import-json.

Each prints a short, plain report and returns the exit status; failures (a damaged
file, a full disk, a read-only folder, a bad import file) print what is wrong and never
a traceback.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from peewee import PeeweeException

from careerplanner import paths
from careerplanner.cli import err, say
from careerplanner.content import PackError
from careerplanner.services import backup, userdata
from careerplanner.services.startup import open_data_dir
from careerplanner.store import Store, StoreOpenError
from careerplanner.store.backup import BackupError, write_problem_text

RUNNING = (
    "Career Planner is running with this data folder. Close it first, "
    "or use the File menu in the app."
)


@contextmanager
def _exclusive(data_dir: Path) -> Iterator[bool]:
    from careerplanner.instance import exclusive

    with exclusive(data_dir) as taken:
        yield taken


def _with_store(data_dir: Path, action: Callable[[Store], int]) -> int:
    try:
        store = open_data_dir(data_dir)
    except paths.DataDirError as exc:
        return err(str(exc))
    except StoreOpenError as exc:
        hint = ""
        if exc.kind not in (StoreOpenError.NEWER, StoreOpenError.UNREADABLE):
            hint = (
                " Run 'careerplanner restore BACKUP' to restore a backup, or start the app to "
                "choose what to do. The file was left untouched."
            )
        return err(f"{exc}{hint}")
    except (BackupError, PackError) as exc:
        return err(str(exc))
    except (OSError, sqlite3.Error, PeeweeException) as exc:
        return err(write_problem_text(exc, "The data cannot be opened."))
    try:
        return action(store)
    except (BackupError, userdata.UserDataError) as exc:
        return err(str(exc))
    except (OSError, sqlite3.Error, PeeweeException) as exc:
        return err(write_problem_text(exc))
    finally:
        store.close()


def cmd_backup(data_dir: Path) -> int:
    def action(store: Store) -> int:
        made = backup.back_up(store, data_dir, "manual")
        say(f"Backup written and checked: {made.path} ({made.size / 1024:.0f} KiB)")
        return 0

    return _with_store(data_dir, action)


def cmd_restore(data_dir: Path, file: str) -> int:
    try:
        source = paths.input_file(Path(file), data_dir)
        paths.ensure_data_dir(data_dir)
    except paths.DataDirError as exc:
        return err(str(exc))
    with _exclusive(data_dir) as taken:
        if not taken:
            return err(RUNNING)
        try:
            store = open_data_dir(data_dir)
        except StoreOpenError as exc:
            if exc.kind in (StoreOpenError.NEWER, StoreOpenError.UNREADABLE):
                return err(str(exc))
            try:
                moved = backup.recover(data_dir, source)
            except BackupError as problem:
                return err(str(problem))
            say(f"The unusable database was moved aside to {moved}.")
            say(f"Restored {source.name}.")
            return 0
        except (BackupError, PackError) as exc:
            return err(str(exc))
        except (OSError, sqlite3.Error, PeeweeException) as exc:
            return err(write_problem_text(exc, "The data cannot be opened."))
        store.close()

        def action(store: Store) -> int:
            safety = backup.restore(store, data_dir, source)
            say(f"Restored {source.name}. The data as it was is kept in {safety.path}.")
            return 0

        return _with_store(data_dir, action)


def cmd_check(data_dir: Path) -> int:
    report = backup.check_data_dir(data_dir)
    for line in report.lines:
        say(line)
    return 0 if report.healthy else 1


def cmd_export(data_dir: Path, out: str) -> int:
    target = Path(out).expanduser()  # userdata.export_file refuses the app's own files

    def action(store: Store) -> int:
        userdata.export_file(store, target)
        say(f"Exported all your data to {target}")
        return 0

    return _with_store(data_dir, action)


def _refused(source: Path, problems: list[str]) -> int:
    """One line naming the (first) problem; any further ones listed below it."""
    first = problems[0].rstrip(".") if problems else "the file cannot be used"
    more = len(problems) - 1
    also = f" (and {more} more problem{'s' if more != 1 else ''}, below)" if more > 0 else ""
    err(f"{source.name} was not imported: {first}{also}. Nothing was changed.")
    if more > 0:
        rest = str(userdata.UserDataError(problems[1:]))
        say(rest, file=sys.stderr)
    return 1


def cmd_import(data_dir: Path, file: str, with_settings: bool = False) -> int:
    try:
        source = paths.input_file(Path(file), data_dir)
        paths.ensure_data_dir(data_dir)
    except paths.DataDirError as exc:
        return err(str(exc))
    with _exclusive(data_dir) as taken:
        if not taken:
            return err(RUNNING)

        def action(store: Store) -> int:
            try:
                result = userdata.import_file(store, data_dir, source, with_settings=with_settings)
            except userdata.UserDataError as exc:
                return _refused(source, exc.problems)
            say(
                f"Imported {source.name}: {len(result.paths)} career path(s), "
                f"{result.tutorials} tutorials, {result.attempts} practice answers."
            )
            if result.settings_kept:
                kept = "; ".join(c.describe() for c in result.settings_kept)
                say(
                    f"Not imported: the file's backup and window settings ({kept}); yours "
                    "are kept. Add --with-settings to import them."
                )
            if result.settings_imported:
                taken = "; ".join(c.describe() for c in result.settings_imported)
                say(f"Imported the file's backup and window settings ({taken}).")
            if result.backup is not None:
                say(f"Your data as it was is kept in {result.backup.path}.")
            return 0

        return _with_store(data_dir, action)
