"""The backup service: back up and prune, restore, recover an unusable database, check."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from careerplanner import paths
from careerplanner.services import backup, settings
from careerplanner.services.startup import open_data_dir
from careerplanner.store import Store, StoreOpenError, open_store
from careerplanner.store import backup as files
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus
from raw_settings import put_raw


@pytest.fixture
def opened(data_dir: Path) -> Iterator[Store]:
    store = open_data_dir(data_dir)
    yield store
    store.close()


def _done() -> int:
    return int(m.Tutorial.select().where(m.Tutorial.status == TutorialStatus.DONE).count())


def test_restore_backs_up_first_and_replaces_the_data(opened: Store, data_dir: Path) -> None:
    m.Tutorial.update(status=TutorialStatus.DONE).where(m.Tutorial.position == 0).execute()
    good = backup.back_up(opened, data_dir, "manual")
    m.Tutorial.update(status=TutorialStatus.DONE).execute()
    safety = backup.restore(opened, data_dir, good.path)
    assert _done() == 4
    assert safety.reason == "restore"
    assert files.check_file(safety.path).summary.startswith("AI/ML Architect: 32 of 32")
    # The restore itself can be undone by restoring the safety backup.
    backup.restore(opened, data_dir, safety.path)
    assert _done() == 32


def test_restoring_a_broken_file_changes_nothing(opened: Store, data_dir: Path) -> None:
    m.Tutorial.update(status=TutorialStatus.DONE).execute()
    bad = data_dir / "bad.sqlite3"
    bad.write_bytes(b"")
    with pytest.raises(backup.BackupError, match="The file is empty"):
        backup.restore(opened, data_dir, bad)
    assert _done() == 32
    assert files.list_files(paths.backup_dir(data_dir)) == []


def test_list_backups_marks_broken_ones_and_newest_good_skips_them(
    opened: Store, data_dir: Path
) -> None:
    good = backup.back_up(opened, data_dir, "manual")
    broken = paths.backup_dir(data_dir) / "careerplanner-29991231-235959-auto.sqlite3"
    broken.write_bytes(good.path.read_bytes()[:5000])  # truncated
    entries = backup.list_backups(data_dir, full_check=True)
    # The truncated file carries no readable number, so its far-future date does not make
    # it newest: numbered backups come first.
    assert [e.file.path for e in entries] == [good.path, broken]
    assert [e.usable for e in entries] == [True, False]
    newest = backup.newest_good_backup(data_dir)
    assert newest is not None and newest.file.path == good.path


def test_recover_moves_a_damaged_database_aside_and_restores_a_backup(
    opened: Store, data_dir: Path
) -> None:
    m.Tutorial.update(status=TutorialStatus.DONE).where(m.Tutorial.position < 2).execute()
    good = backup.back_up(opened, data_dir, "manual")
    opened.close()
    database = paths.database_path(data_dir)
    database.write_bytes(b"this is not a database anymore" * 100)
    with pytest.raises(StoreOpenError):
        open_store(database)
    moved = backup.recover(data_dir, good.path)
    assert moved is not None and moved.name.startswith("careerplanner.sqlite3.damaged-")
    assert moved.read_bytes().startswith(b"this is not a database")
    again = open_data_dir(data_dir)
    assert _done() == 8
    again.close()


def test_start_fresh_keeps_the_old_file(data_dir: Path) -> None:
    database = paths.database_path(data_dir)
    database.write_text("garbage")
    moved = backup.recover(data_dir, None)
    assert moved is not None and moved.read_text() == "garbage"
    assert not database.exists()
    store = open_data_dir(data_dir)
    assert _done() == 0
    store.close()


def test_check_reports_health_and_problems(opened: Store, data_dir: Path) -> None:
    backup.back_up(opened, data_dir, "manual")
    report = backup.check_data_dir(data_dir)
    assert report.healthy
    assert "Integrity check: ok" in report.lines
    assert any(line.startswith("Backups: 1 usable of 1") for line in report.lines)
    opened.close()
    paths.database_path(data_dir).write_bytes(b"x" * 4096)
    report = backup.check_data_dir(data_dir)
    assert not report.healthy
    assert "Problem: The file is not an SQLite database." in report.lines


def test_retention_comes_from_settings(opened: Store, data_dir: Path) -> None:
    assert backup.policy(opened) == files.RetentionPolicy(7, 4, 12)
    settings.KEEP_DAILY.set(opened, 3)
    put_raw(opened, settings.KEEP_MONTHLY.key, "nonsense")
    assert backup.policy(opened) == files.RetentionPolicy(3, 4, 12)


def test_change_tracker_sees_every_write(opened: Store) -> None:
    tracker = backup.ChangeTracker(opened)
    assert not tracker.dirty()
    m.Tutorial.update(notes="x").where(m.Tutorial.position == 0).execute()
    assert tracker.dirty()
    tracker.mark_clean()
    assert not tracker.dirty()


def test_recover_puts_the_file_back_when_the_restore_fails(
    opened: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = backup.back_up(opened, data_dir, "manual")
    opened.close()
    database = paths.database_path(data_dir)
    database.write_text("garbage")

    def disk_full(_backup: Path, _database: Path) -> None:
        raise files.BackupError("The backup could not be written: the disk is full.")

    monkeypatch.setattr(files, "restore_to_file", disk_full)
    with pytest.raises(files.BackupError, match="disk is full"):
        backup.recover(data_dir, good.path)
    assert database.read_text() == "garbage"  # back where it was
    assert not list(data_dir.glob("*.damaged-*"))


def _flagged_after(opened: Store, data_dir: Path, stamps: list[datetime]) -> list[str]:
    for when in stamps:
        backup.back_up(opened, data_dir, "auto", now=when)
    entries = backup.list_backups(data_dir)
    assert [e.file.sequence for e in entries] == list(range(len(stamps), 0, -1))
    return [f"{e.file.created:%Y-%m-%d}" for e in entries if e.out_of_order]


def test_dates_in_order_are_not_flagged(opened: Store, data_dir: Path) -> None:
    stamps = [datetime(2026, 6, d, 9) for d in (1, 2, 3)]
    assert _flagged_after(opened, data_dir, stamps) == []


def test_a_session_under_a_clock_in_the_future_is_flagged(opened: Store, data_dir: Path) -> None:
    stamps = [datetime(2026, 6, 1, 9), datetime(2099, 1, 1, 9), datetime(2099, 1, 2, 9)]
    stamps += [datetime(2026, 6, 2, 9), datetime(2026, 6, 3, 9), datetime(2026, 6, 4, 9)]
    # Where the dates stop agreeing with the order taken: the last 2099 backup is dated
    # after the newer one taken on 2026-06-02.
    assert _flagged_after(opened, data_dir, stamps) == ["2099-01-02"]
    newest = backup.newest_good_backup(data_dir)
    assert newest is not None and newest.file.created == datetime(2026, 6, 4, 9)


def test_a_session_under_a_clock_in_the_past_is_flagged(opened: Store, data_dir: Path) -> None:
    stamps = [datetime(2026, 6, 1, 9), datetime(2001, 1, 1, 9), datetime(2001, 1, 2, 9)]
    stamps += [datetime(2026, 6, 2, 9), datetime(2026, 6, 3, 9)]
    # The first backup is dated after the newer ones taken under the wrong clock.
    assert _flagged_after(opened, data_dir, stamps) == ["2026-06-01"]
    # Retention under the wrong clock lost nothing: every backup is still there.
    assert len(backup.list_backups(data_dir)) == len(stamps)
