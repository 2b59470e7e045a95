"""Disk full and read-only data folders: a clear message, nothing half-written, and the
next change works again once the problem is gone."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from peewee import OperationalError

from careerplanner import paths
from careerplanner.cli import main
from careerplanner.services import backup, userdata
from careerplanner.services.startup import open_data_dir
from careerplanner.store import backup as files
from careerplanner.store import models as m
from careerplanner.store.folder_lock import LOCK_NAME
from careerplanner.vocab import TutorialStatus

pytestmark = pytest.mark.faults


def _page_limit_to_current(store_db: object) -> None:
    db = store_db
    count = db.execute_sql("PRAGMA page_count").fetchone()[0]  # type: ignore[attr-defined]
    db.execute_sql(f"PRAGMA max_page_count = {count}")  # type: ignore[attr-defined]


def test_disk_full_during_a_write_changes_nothing_and_the_next_write_works(
    data_dir: Path,
) -> None:
    store = open_data_dir(data_dir)
    try:
        before = userdata.export_data(store)["paths"]
        _page_limit_to_current(store.db)
        with pytest.raises(OperationalError) as info, store.db.atomic():
            m.Tutorial.update(status=TutorialStatus.DONE).execute()
            m.Tutorial.update(notes="n" * 20_000).execute()  # needs new pages
        assert files.is_write_problem(info.value)
        assert files.describe_os_error(info.value) == "the disk is full"
        assert userdata.export_data(store)["paths"] == before  # nothing half-written
        assert store.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
        store.db.execute_sql("PRAGMA max_page_count = 1073741823")  # space freed
        m.Tutorial.update(status=TutorialStatus.DONE).where(m.Tutorial.position == 0).execute()
        assert m.Tutorial.select().where(m.Tutorial.status == TutorialStatus.DONE).count() == 4
    finally:
        store.close()


def test_disk_full_during_an_import_changes_nothing(data_dir: Path, tmp_path: Path) -> None:
    store = open_data_dir(data_dir)
    try:
        m.Tutorial.update(notes="n" * 5000).execute()
        file = tmp_path / "big.json"
        userdata.export_file(store, file)
        m.Tutorial.update(notes="").execute()
        store.db.execute_sql("VACUUM")  # no free pages left to reuse
        before = userdata.export_data(store)["paths"]
        _page_limit_to_current(store.db)
        with pytest.raises(OperationalError):
            userdata.import_file(store, None, file)
        assert userdata.export_data(store)["paths"] == before
    finally:
        store.close()


def test_full_disk_while_writing_a_backup_leaves_nothing_behind(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """A child process may write at most 64 KiB per file (as on a full disk)."""
    store = open_data_dir(data_dir)
    m.Tutorial.update(status=TutorialStatus.DONE).where(m.Tutorial.position == 0).execute()
    store.close()

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    result = subprocess.run(
        [sys.executable, "-m", "careerplanner", "--data-dir", str(data_dir), "backup"],
        capture_output=True, text=True, preexec_fn=limit, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "The backup could not be written" in result.stderr
    assert "Traceback" not in result.stderr
    # No partial file, no bad backup: only the folder's (empty) lock file.
    left = [p.name for p in paths.backup_dir(data_dir).iterdir() if p.name != LOCK_NAME]
    assert left == []
    check = files.check_file(paths.database_path(data_dir))
    assert check.ok and "4 of 32 tutorials done" in check.summary


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` read-only for this process: chmod, and as root also drop to
    an unprivileged user for the duration (root ignores permissions)."""
    mode = folder.stat().st_mode
    folder.chmod(0o555)
    root = os.geteuid() == 0
    try:
        if root:
            os.setegid(65534)
            os.seteuid(65534)
        yield
    finally:
        if root:
            os.seteuid(0)
            os.setegid(0)
        folder.chmod(mode)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A data folder an unprivileged user can reach (pytest's tmp_path is private)."""
    base = Path(tempfile.mkdtemp(prefix="cp-faults-"))
    base.chmod(0o755)
    folder = base / "data"
    folder.mkdir()
    yield folder
    import shutil

    shutil.rmtree(base, ignore_errors=True)


@pytest.mark.skipif(not hasattr(os, "seteuid"), reason="POSIX permissions")
def test_read_only_data_folder_is_explained_at_start(
    capsys: pytest.CaptureFixture[str], shared_dir: Path
) -> None:
    open_data_dir(shared_dir).close()
    database = paths.database_path(shared_dir)
    before = database.read_bytes()
    with read_only(shared_dir):
        code = main(["--data-dir", str(shared_dir), "backup"])
        code_import = main(["--data-dir", str(shared_dir), "import-json", "/nonexistent.json"])
    out, err = capsys.readouterr()
    assert code == 1 and code_import == 1
    assert f"The data folder {shared_dir} cannot be written: Permission denied." in err
    assert "Traceback" not in out + err
    assert database.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "seteuid"), reason="POSIX permissions")
def test_folder_turning_read_only_while_running_fails_the_backup_not_the_app(
    shared_dir: Path,
) -> None:
    store = open_data_dir(shared_dir)
    try:
        with read_only(shared_dir), pytest.raises(files.BackupError) as info:
            backup.back_up(store, shared_dir, "auto")
        assert "permission was denied" in str(info.value)
        assert not paths.backup_dir(shared_dir).exists()
        # Writable again: the next backup works.
        made = backup.back_up(store, shared_dir, "auto")
        assert files.check_file(made.path).ok
        conn = sqlite3.connect(made.path)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()
    finally:
        store.close()


def test_io_error_at_start_is_not_mistaken_for_damage(data_dir: Path) -> None:
    """With the disk full, even SQLite's -shm file cannot be made: the database must not be
    reported damaged (and so never moved aside)."""
    store = open_data_dir(data_dir)
    store.close()
    database = paths.database_path(data_dir)
    assert not Path(f"{database}-shm").exists()

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (8 * 1024, 8 * 1024))

    result = subprocess.run(
        [sys.executable, "-m", "careerplanner", "--data-dir", str(data_dir), "backup"],
        capture_output=True, text=True, preexec_fn=limit, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "cannot be read (disk I/O error). The disk may be full" in result.stderr
    assert "damaged" not in result.stderr and "Traceback" not in result.stderr
    assert database.exists() and not list(data_dir.glob("*.damaged-*"))
    assert files.check_file(database).ok
