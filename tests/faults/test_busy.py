"""Two processes at once: while another process holds the write lock, a write from the
command line or the window waits (the busy timeout), then says in words that the data is
busy; nothing is lost and nothing half-written. Reading commands and backups go on.

The other process is real (``tests/busy.py``): a child that opens the database with
SQLite, begins a write transaction and holds it until told to roll it back. The busy
timeout is made short for the test (``store.database.BUSY_TIMEOUT_MS``). The window's
side is in ``tests/ui/test_busy_window.py``.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from busy import BUSY_LINE, another_process_writing
from careerplanner import paths
from careerplanner.cli import main
from careerplanner.services.startup import open_data_dir
from careerplanner.store import backup as files
from careerplanner.store import database
from careerplanner.store import models as m
from fingerprint import data_fingerprint

pytestmark = pytest.mark.faults

MINI = Path(__file__).resolve().parents[1] / "data" / "mini-pack.yaml"


@pytest.fixture(autouse=True)
def _short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)


def _rows(data_dir: Path) -> list[str]:
    return data_fingerprint(data_dir)[0]


def _new_files(data_dir: Path, before: dict[str, str]) -> set[str]:
    return set(data_fingerprint(data_dir)[1]) - set(before)


def test_a_command_line_write_while_another_process_writes_says_busy(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_data_dir(data_dir).close()
    rows, files_before = data_fingerprint(data_dir)
    with another_process_writing(data_dir):
        code = main(["--data-dir", str(data_dir), "import-path", str(MINI)])
        # The window's whole-life lock is not in the way: SQLite's lock is what waited.
    out, err = capsys.readouterr()
    assert code == 1
    assert err.strip().splitlines()[-1] == BUSY_LINE
    assert "Traceback" not in out + err and "bug" not in err
    assert _rows(data_dir) == rows  # exactly as before (the backup taken first is extra)
    assert {Path(f).parent.name for f in _new_files(data_dir, files_before)} <= {"backups"}
    # The other process has finished: the same command works.
    assert main(["--data-dir", str(data_dir), "import-path", str(MINI)]) == 0
    assert "Imported “Mini Path”" in capsys.readouterr().out


def test_reading_commands_and_backups_work_while_another_process_writes(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_data_dir(data_dir).close()
    rows = _rows(data_dir)
    with another_process_writing(data_dir):
        assert main(["--data-dir", str(data_dir), "export-markdown", str(tmp_path / "p.md")]) == 0
        assert main(["--data-dir", str(data_dir), "backup"]) == 0
        assert main(["--data-dir", str(data_dir), "check"]) == 0
    out = capsys.readouterr().out
    assert "Backup written and checked" in out and "Healthy." in out
    assert (tmp_path / "p.md").read_text(encoding="utf-8").startswith("# AI/ML Architect")
    (made,) = files.list_files(paths.backup_dir(data_dir))
    assert files.check_file(made.path).ok  # the committed data, not the other's change
    assert _rows(data_dir) == rows


def test_a_transaction_holds_the_write_lock_from_its_start(data_dir: Path) -> None:
    """A transaction that read first could not wait for the lock when it then writes
    (SQLite fails it at once): so every transaction takes the lock when it begins, where
    the busy timeout applies."""
    store = open_data_dir(data_dir)
    other = sqlite3.connect(paths.database_path(data_dir), timeout=0, isolation_level=None)
    try:
        with store.db.atomic():
            m.Tutorial.select().count()  # only a read so far
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once it ended
        other.execute("ROLLBACK")
    finally:
        other.close()
        store.close()


def test_a_restore_while_another_process_writes_gives_up_and_says_busy(data_dir: Path) -> None:
    """SQLite's backup API, which a restore copies with, would retry for ever while
    another process writes; the restore gives up after the busy timeout instead."""
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    (good,) = paths.backup_dir(data_dir).glob("*.sqlite3")
    rows = _rows(data_dir)
    with another_process_writing(data_dir):
        result = subprocess.run(
            [sys.executable, "-m", "careerplanner", "--data-dir", str(data_dir), "restore",
             str(good)],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == (
        "careerplanner: The backup could not be restored: the data is busy: another Career "
        "Planner command is writing (try again in a moment).\n"
    )
    assert _rows(data_dir) == rows
