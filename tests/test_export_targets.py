"""No command writes over, or reads back in, a file the app owns in its data folder.

Every export (PDF, Markdown, iCalendar, JSON) is pointed at the database, its -wal, a
backup, the lock file, a file set aside, the folder itself, and at the database again
through a symbolic link, a hard link, a ``..`` and another case. Each is refused with one
line and exit status 1, and the data folder is exactly as it was: the same rows in the
database, the same bytes in every other file, no new file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from careerplanner import paths
from careerplanner.cli import main
from fingerprint import data_fingerprint

EXPORTS = ("export-pdf", "export-markdown", "export-ics", "export-json")
LOCK_TEXT = "4242\nsomehost\ncareerplanner\n"
ASIDE = "careerplanner.sqlite3.damaged-20260101-120000"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with progress, a backup, a lock file and a file set aside."""
    data_dir = tmp_path_factory.mktemp("template") / "data"
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    conn = sqlite3.connect(paths.database_path(data_dir))
    conn.execute("UPDATE tutorial SET status = 'done' WHERE id IN (1, 2, 3)")  # after the backup
    conn.commit()
    conn.close()
    paths.lock_path(data_dir).write_text(LOCK_TEXT, encoding="utf-8")
    (data_dir / ASIDE).write_bytes(b"SQLite format 3\x00 set aside")
    return data_dir


@pytest.fixture
def folder(template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template for each test."""
    return Path(shutil.copytree(template, tmp_path / "data"))


@contextmanager
def reader_open(data_dir: Path) -> Iterator[None]:
    """Another connection in a read transaction, so the -wal and -shm files exist."""
    conn = sqlite3.connect(paths.database_path(data_dir))
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM tutorial").fetchone()
    try:
        yield
    finally:
        conn.close()


def owned_targets(data_dir: Path, tmp_path: Path) -> dict[str, Path]:
    """Each way a user could name a file the app owns, keyed by what it is."""
    database = paths.database_path(data_dir)
    [backup] = sorted(paths.backup_dir(data_dir).glob("*.sqlite3"))
    symlink = tmp_path / "plan-link.pdf"
    symlink.symlink_to(database)
    hardlink = tmp_path / "plan-hard.pdf"
    os.link(database, hardlink)
    (tmp_path / "elsewhere").mkdir()
    folder_link = tmp_path / "data-link"
    folder_link.symlink_to(data_dir, target_is_directory=True)
    return {
        "database": database,
        "wal": Path(f"{database}-wal"),
        "shm": Path(f"{database}-shm"),
        "journal (not there yet)": Path(f"{database}-journal"),
        "backup": backup,
        "new file in backups": backup.parent / "plan.pdf",
        "lock": paths.lock_path(data_dir),
        "set aside": data_dir / ASIDE,
        "data folder": data_dir,
        "symlink to database": symlink,
        "hard link to database": hardlink,
        "path with ..": tmp_path / "elsewhere" / ".." / "data" / paths.DATABASE_NAME,
        "other case": data_dir / paths.DATABASE_NAME.upper(),
        "data folder through a link": folder_link / paths.DATABASE_NAME,
    }


TARGETS = (
    "database", "wal", "shm", "journal (not there yet)", "backup", "new file in backups", "lock",
    "set aside", "data folder", "symlink to database", "hard link to database", "path with ..",
    "other case", "data folder through a link",
)  # fmt: skip


@pytest.mark.parametrize("what", TARGETS)
@pytest.mark.parametrize("command", EXPORTS)
def test_exports_refuse_every_file_the_app_owns(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path, command: str, what: str,
    qapp: object,  # export-pdf needs a QGuiApplication; the tests' QApplication serves
) -> None:  # fmt: skip
    target = owned_targets(folder, tmp_path)[what]
    with reader_open(folder):
        assert Path(f"{paths.database_path(folder)}-wal").exists()
        before = data_fingerprint(folder)
        existed = target.exists()
        code, out, err = run(capsys, "--data-dir", str(folder), command, str(target))
        assert code == 1, (out, err)
        assert out == ""
        assert len(err.strip().splitlines()) == 1, err
        assert err.startswith("careerplanner: Cannot write") or err.startswith(
            "careerplanner: • Cannot write"  # export-json lists its problems
        ), err
        assert "Choose another file" in err, err
        assert data_fingerprint(folder) == before
        assert target.exists() == existed
    assert [p.name for p in tmp_path.rglob("*.part")] == []


def test_the_database_through_another_case_is_refused_on_every_system(tmp_path: Path) -> None:
    """On Windows and macOS ``CareerPlanner.SQLite3`` is the database; names are compared
    case-folded everywhere, so the rule is tested here on a case-sensitive disk too. A
    folder not created yet is compared by its case-folded resolved path."""
    data_dir = tmp_path / "Data"
    data_dir.mkdir()
    for name in ("CareerPlanner.SQLite3", "CAREERPLANNER.SQLITE3-WAL", "CareerPlanner.Lock",
                 "Backups"):  # fmt: skip
        assert paths.owned_file(data_dir / name, data_dir) is not None, name
    assert paths.owned_file(data_dir / "BACKUPS" / "x.pdf", data_dir) is not None
    not_yet = tmp_path / "New"
    assert paths.owned_file(tmp_path / "NEW" / "careerplanner.sqlite3", not_yet) is not None
    assert paths.owned_file(tmp_path / "NEW", not_yet) is not None


def test_other_files_in_the_data_folder_may_be_written(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    """Only the app's own files are refused, not every name in the folder."""
    before = data_fingerprint(folder)
    plan = folder / "my-plan.md"
    code, out, _ = run(capsys, "--data-dir", str(folder), "export-markdown", str(plan))
    assert code == 0 and out.startswith("Wrote the study plan")
    assert plan.read_text(encoding="utf-8").startswith("# ")
    rows, files = data_fingerprint(folder)
    assert rows == before[0]
    assert set(files) - set(before[1]) == {"my-plan.md"}


@pytest.mark.parametrize("command", EXPORTS)
def test_a_loop_of_links_as_target_or_data_folder_is_a_message(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path, command: str,
    qapp: object,
) -> None:  # fmt: skip
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    before = data_fingerprint(folder)
    code, out, err = run(capsys, "--data-dir", str(folder), command, str(loop))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "loops back on itself" in err
    assert data_fingerprint(folder) == before
    code, out, err = run(capsys, "--data-dir", str(loop), command, str(tmp_path / "plan.out"))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "loops back on itself" in err
    assert not (tmp_path / "plan.out").exists()


def test_a_loop_as_data_folder_is_a_message_for_check_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    code, out, err = run(capsys, "--data-dir", str(loop), "check")
    assert code == 1 and out == "" and "loops back on itself" in err


def test_the_live_database_cannot_be_restored_or_imported(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    database = paths.database_path(folder)
    symlink = tmp_path / "copy.sqlite3"
    symlink.symlink_to(database)
    hardlink = tmp_path / "hard.json"
    os.link(database, hardlink)
    sources = {
        "database": database,
        "wal": Path(f"{database}-wal"),
        "lock": paths.lock_path(folder),
        "symlink to database": symlink,
        "hard link to database": hardlink,
        "other case": folder / paths.DATABASE_NAME.upper(),
    }
    with reader_open(folder):
        before = data_fingerprint(folder)
        for command in ("restore", "import-json", "import-path"):
            for what, source in sources.items():
                code, out, err = run(capsys, "--data-dir", str(folder), command, str(source))
                assert code == 1 and out == "", (command, what, out, err)
                assert len(err.strip().splitlines()) == 1, (command, what, err)
                assert "Cannot read" in err and "in use" in err, (command, what, err)
                assert data_fingerprint(folder) == before, (command, what)


def test_a_backup_can_still_be_restored(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """The refusal is for the live files only: the backups are there to be read back."""
    [backup] = sorted(paths.backup_dir(folder).glob("*.sqlite3"))
    paths.lock_path(folder).unlink()  # the lock file of a closed app
    code, out, err = run(capsys, "--data-dir", str(folder), "restore", str(backup))
    assert code == 0 and f"Restored {backup.name}" in out, err
    conn = sqlite3.connect(paths.database_path(folder))
    done = conn.execute("SELECT count(*) FROM tutorial WHERE status = 'done'").fetchone()[0]
    conn.close()
    assert done == 0


def test_an_export_has_the_permissions_of_any_new_file(
    capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    """The temporary file an export is written to is made exclusively, yet the finished
    export is readable as the umask allows (not private like a mkstemp file)."""
    out = tmp_path / "plan.md"
    old = os.umask(0o022)
    try:
        code, _out, err = run(capsys, "--data-dir", str(folder), "export-markdown", str(out))
    finally:
        os.umask(old)
    assert code == 0, err
    assert out.stat().st_mode & 0o777 == 0o644


def test_the_temporary_file_is_never_one_that_was_there(tmp_path: Path) -> None:
    """A file (or a link to the database) under the old fixed temporary name is left alone."""
    target = tmp_path / "plan.md"
    planted = tmp_path / ".plan.md.part"
    victim = tmp_path / "victim"
    victim.write_text("keep")
    planted.symlink_to(victim)
    made = {paths.partial_file(target) for _ in range(20)}
    assert len(made) == 20 and planted not in made
    assert all(p.parent == tmp_path and p.stat().st_size == 0 for p in made)
    assert victim.read_text() == "keep"
