"""careerplanner backup | check | restore with hostile backup folders: junk named like
backups, retention settings of any value, a wrong clock, leftovers of interrupted backups,
backups of another page size, several backups at once."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from careerplanner import paths
from careerplanner.cli import main
from careerplanner.services import backup, settings
from careerplanner.services.startup import open_data_dir
from careerplanner.store import backup as files
from junk_backups import JUNK, make_junk


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _sql(data_dir: Path, statement: str, *params: object) -> None:
    conn = sqlite3.connect(paths.database_path(data_dir))
    conn.execute(statement, params)
    conn.commit()
    conn.close()


def _set_done(data_dir: Path, count: int) -> None:
    _sql(data_dir, "UPDATE tutorial SET status = 'not_started'")
    _sql(data_dir, "UPDATE tutorial SET status = 'done' WHERE id IN "
         "(SELECT id FROM tutorial ORDER BY id LIMIT ?)", count)  # fmt: skip


def _at(days_ago: int, hour: int) -> datetime:
    day = date.today() - timedelta(days=days_ago)
    return datetime.combine(day, datetime.min.time()).replace(hour=hour)


def _write(data_dir: Path, when: datetime) -> Path:
    store = open_data_dir(data_dir)
    try:
        folder = paths.backup_dir(data_dir)
        return files.write_backup(store.db.connection(), folder, "auto", when).path
    finally:
        store.close()


def _good(data_dir: Path) -> set[Path]:
    return {e.file.path for e in backup.list_backups(data_dir, full_check=True) if e.usable}


def test_backup_keeps_the_good_backups_of_each_day_and_leaves_junk_alone(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    good = {(d, h): _write(data_dir, _at(d, h)) for d in range(9, 1, -1) for h in (8, 18)}
    junk: dict[Path, bytes] = {}
    for days_ago, kind in zip(range(3, 8), JUNK, strict=True):
        target = (
            paths.backup_dir(data_dir)
            / f"careerplanner-{_at(days_ago, 23):%Y%m%d-%H%M%S}-auto.sqlite3"
        )
        make_junk(kind, good[days_ago, 18], target)
        junk[target] = target.read_bytes()

    code, out, _ = run(capsys, "--data-dir", str(data_dir), "backup")
    assert code == 0

    for target, content in junk.items():
        assert target.read_bytes() == content
    for days_ago in range(2, 9):  # the default keeps 7 older days: the newest of each
        assert good[days_ago, 18].exists()
        assert not good[days_ago, 8].exists()
    made = Path(out.split("checked: ")[1].split(" (")[0])
    assert made in _good(data_dir)

    code, out, _ = run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 0 and "Healthy." in out
    lines = out.splitlines()
    problems = [line for line in lines if line.startswith("Not a usable backup, left alone: ")]
    assert len(problems) == len(junk)
    for target in junk:
        [line] = [p for p in problems if target.name in p]
        assert line.split(f"{target.name}: ")[1]  # says what is wrong
    assert f"Not a usable backup, left alone: {_name_of(junk, 3)}: The file is empty." in lines
    assert any("belongs to another application" in line for line in problems)
    assert any("not an SQLite database" in line for line in problems)


def _name_of(junk: dict[Path, bytes], days_ago: int) -> str:
    return next(
        p.name for p in junk if p.name.startswith(f"careerplanner-{_at(days_ago, 0):%Y%m%d}")
    )


def _history(data_dir: Path, days: range) -> list[Path]:
    """One good backup a day (copies of one backup, so they share its number)."""
    first = _write(data_dir, _at(days[0], 12))
    made = [first]
    for days_ago in days[1:]:
        target = (
            paths.backup_dir(data_dir)
            / f"careerplanner-{_at(days_ago, 12):%Y%m%d-%H%M%S}-auto.sqlite3"
        )
        shutil.copyfile(first, target)
        made.append(target)
    return made


@pytest.mark.parametrize("value", ["0", "-5", "-99999999999999999999"])
def test_retention_floors_hold_whatever_the_settings_say(
    capsys: pytest.CaptureFixture[str], data_dir: Path, value: str
) -> None:
    history = _history(data_dir, range(2, 70))
    for key in (s.key for s in settings.RETENTION):
        _sql(data_dir, "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", key, value)
    code, _, _ = run(capsys, "--data-dir", str(data_dir), "backup")
    assert code == 0
    kept = _good(data_dir)
    # The new backup, then the newest of one older day, one week and one month.
    assert len(kept) == 4
    assert history[0] in kept  # the newest older backup (the floor of the daily count)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("abc", files.RetentionPolicy(7, 4, 12)),
        ("2.5", files.RetentionPolicy(7, 4, 12)),
        # A huge number keeps the most the setting allows (never the default, fewer).
        ("9" * 5000, files.RetentionPolicy(1000, 1000, 1000)),
        (" 3 ", files.RetentionPolicy(3, 3, 3)),
        ("10000000000", files.RetentionPolicy(1000, 1000, 1000)),
    ],
)
def test_odd_retention_settings_mean_the_default_or_a_bound(
    data_dir: Path, value: str, expected: files.RetentionPolicy
) -> None:
    store = open_data_dir(data_dir)
    try:
        for key in (s.key for s in settings.RETENTION):
            _sql(data_dir, "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", key, value)
        assert backup.policy(store) == expected
    finally:
        store.close()


def test_huge_retention_settings_delete_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    history = _history(data_dir, range(2, 40))
    for key in (s.key for s in settings.RETENTION):
        _sql(data_dir, "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", key, "10" * 9)
    code, _, _ = run(capsys, "--data-dir", str(data_dir), "backup")
    assert code == 0
    assert set(history) < _good(data_dir)


def _faketime() -> str | None:
    return shutil.which("faketime")


@pytest.mark.skipif(
    _faketime() is None, reason="needs faketime (Debian package faketime; .ci/run installs it)"
)
def test_a_session_under_a_wrong_clock_does_not_make_old_data_newest(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    d = str(data_dir)
    assert run(capsys, "--data-dir", d, "backup")[0] == 0
    _set_done(data_dir, 2)
    result = subprocess.run(
        [str(_faketime()), "2099-01-01 12:00:00", sys.executable, "-m", "careerplanner",
         "--data-dir", d, "backup"],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "-20990101-1200" in result.stdout
    _set_done(data_dir, 5)
    assert run(capsys, "--data-dir", d, "backup")[0] == 0

    newest = backup.newest_good_backup(data_dir)
    assert newest is not None
    assert newest.check.summary == "AI/ML Architect: 5 of 32 tutorials done (16%)"

    code, out, _ = run(capsys, "--data-dir", d, "check")
    assert code == 0
    lines = out.splitlines()
    assert f"({newest.file.path.name})" in next(
        x for x in lines if x.startswith("Backups: 3 usable")
    )
    start = lines.index(
        "Backup dates are out of order (the computer's clock was wrong when some were taken). "
        "The usable backups in the order they were taken, newest first:"
    )
    listed = lines[start + 1 : start + 4]
    assert listed[0].startswith("  #3  ") and "5 of 32 tutorials done" in listed[0]
    assert listed[1].startswith("  #2  2099-01-01 12:00  ")
    assert listed[1].endswith("2 of 32 tutorials done (6%)  (dated after a newer backup)")
    assert listed[2].startswith("  #1  ") and "0 of 32" in listed[2]
    assert "dated after" not in listed[0] + listed[2]

    # Restoring the newest (by number) brings back the newest data.
    _set_done(data_dir, 0)
    code, _, _ = run(capsys, "--data-dir", d, "restore", str(newest.file.path))
    assert code == 0
    check = files.check_file(paths.database_path(data_dir))
    assert "5 of 32 tutorials done" in check.summary


def test_check_reports_and_backup_removes_leftovers_of_interrupted_backups(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "--data-dir", str(data_dir), "backup")
    folder = paths.backup_dir(data_dir)
    stem = f"careerplanner-{_at(3, 8):%Y%m%d-%H%M%S}-auto.sqlite3"
    leftovers = [folder / f"{stem}.partial{s}" for s in ("", "-wal", "-shm", "-journal")]
    for path in leftovers:
        path.write_bytes(b"unfinished")
    mine = folder / "my-notes.partial"
    mine.write_text("keep me")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 0
    for path in leftovers:
        assert f"Left by an interrupted backup, removed at the next backup: {path.name}" in out
    assert "my-notes" not in out
    code, _, _ = run(capsys, "--data-dir", str(data_dir), "backup")
    assert code == 0
    assert not any(p.exists() for p in leftovers)
    assert mine.read_text() == "keep me"
    assert len(_good(data_dir)) == 2


@pytest.mark.parametrize("page_size", [1024, 16384])
def test_restore_of_a_valid_backup_with_another_page_size(
    capsys: pytest.CaptureFixture[str], data_dir: Path, page_size: int
) -> None:
    run(capsys, "--data-dir", str(data_dir), "backup")
    _set_done(data_dir, 3)
    run(capsys, "--data-dir", str(data_dir), "backup")
    made = backup.list_backups(data_dir)[0].file.path
    conn = sqlite3.connect(made)
    conn.execute(f"PRAGMA page_size = {page_size}")
    conn.execute("VACUUM")
    conn.close()
    _set_done(data_dir, 20)
    code, out, err = run(capsys, "--data-dir", str(data_dir), "restore", str(made))
    assert code == 0, err
    assert f"Restored {made.name}" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 0 and "Progress: AI/ML Architect: 3 of 32 tutorials done (9%)" in out


def test_backups_started_at_once_queue_and_all_succeed(data_dir: Path) -> None:
    open_data_dir(data_dir).close()
    command = [sys.executable, "-m", "careerplanner", "--data-dir", str(data_dir), "backup"]
    for _ in range(2):
        running = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(4)
        ]
        for process in running:
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
            assert "Backup written and checked" in out
    entries = backup.list_backups(data_dir, full_check=True)
    assert all(e.usable for e in entries)
    assert sorted(e.file.sequence or 0 for e in entries) == list(range(1, 9))
    assert files.stale_partials(paths.backup_dir(data_dir)) == []
