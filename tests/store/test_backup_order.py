"""Backups by content and by sequence number: retention never counts or deletes a file that
fails its check, keeps the newest good backup of every period it keeps, orders backups by
the number each carries (not by a clock), cleans what interrupted backups left, and
restores a backup of another page size."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from careerplanner.store import Store
from careerplanner.store import backup as b
from careerplanner.store import models as m
from careerplanner.store.folder_lock import LOCK_NAME
from careerplanner.vocab import TutorialStatus
from junk_backups import JUNK, make_junk


def _done(count: int) -> None:
    ids = [t.id for t in m.Tutorial.select().order_by(m.Tutorial.id).limit(count)]
    m.Tutorial.update(status=TutorialStatus.NOT_STARTED).execute()
    m.Tutorial.update(status=TutorialStatus.DONE).where(m.Tutorial.id.in_(ids)).execute()


def _fill(store: Store) -> None:
    now = datetime(2026, 1, 1, 10, 0)
    path = m.CareerPath.create(key="a", title="Path A", installed_at=now, updated_at=now)
    phase = m.Phase.create(path=path, key="p", position=0, title="P")
    for i in range(10):
        m.Tutorial.create(path=path, phase=phase, key=f"t{i}", position=i, title=f"T{i}")


def _name(when: datetime, reason: str = "auto") -> str:
    return f"careerplanner-{when:%Y%m%d-%H%M%S}-{reason}.sqlite3"


def test_junk_named_as_the_newest_of_a_day_never_costs_that_days_good_backups(
    store: Store, tmp_path: Path
) -> None:
    _fill(store)
    folder = tmp_path / "backups"
    today = date(2026, 6, 30)
    good: dict[tuple[int, int], Path] = {}
    for days_ago in range(9, 1, -1):  # oldest first: their numbers follow their dates
        day = today - timedelta(days=days_ago)
        for hour in (8, 18):
            when = datetime.combine(day, datetime.min.time()).replace(hour=hour)
            good[days_ago, hour] = b.write_backup(store.db.connection(), folder, "auto", when).path
    junk: dict[Path, bytes] = {}
    for days_ago, kind in zip(range(3, 8), JUNK, strict=True):
        day = today - timedelta(days=days_ago)
        target = folder / _name(datetime.combine(day, datetime.min.time()).replace(hour=23))
        make_junk(kind, good[days_ago, 18], target)
        junk[target] = target.read_bytes()
    for target in junk:
        assert not b.check_file(target).ok

    deleted = b.prune(folder, b.RetentionPolicy(daily=7, weekly=0, monthly=0), today)

    for target, content in junk.items():  # left alone, byte for byte
        assert target.read_bytes() == content
    for days_ago in range(2, 9):  # the 7 days kept: the newest good backup of each stays
        assert good[days_ago, 18].exists(), days_ago
        assert not good[days_ago, 8].exists()
    assert set(deleted) <= set(good.values())
    assert all(b.check_file(p).ok for p in good.values() if p.exists())


def test_the_newest_good_backup_stays_whatever_the_policy(store: Store, tmp_path: Path) -> None:
    _fill(store)
    folder = tmp_path / "backups"
    made = [
        b.write_backup(store.db.connection(), folder, "auto", datetime(2026, 3, day, 12))
        for day in (1, 2, 3)
    ]
    # A broken file that would be "newest" by name and by date.
    make_junk("truncated", made[-1].path, folder / _name(datetime(2026, 3, 3, 23)))
    policy = b.RetentionPolicy(daily=0, weekly=0, monthly=0)
    b.prune(folder, policy, date(2026, 9, 1))
    remaining = [f.path for f in b.list_files(folder)]
    assert made[-1].path in remaining
    assert folder / _name(datetime(2026, 3, 3, 23)) in remaining


def test_selection_never_lets_a_bad_file_go_nor_counts_it_for_a_period() -> None:
    files = [
        b.BackupFile(Path(_name(datetime(2026, 5, d, h))), datetime(2026, 5, d, h), "auto", 1, n)
        for n, (d, h) in enumerate([(d, h) for d in range(1, 11) for h in (8, 18)], start=1)
    ]
    bad = {files[-1].path, files[5].path, files[4].path}  # the newest, and all of May 3

    def is_good(f: b.BackupFile) -> bool:
        return f.path not in bad

    doomed = b.select_to_delete(files, b.RetentionPolicy(3, 0, 0), date(2026, 6, 1), is_good)
    assert not {f.path for f in doomed} & bad
    kept = {f.path for f in files} - {f.path for f in doomed}
    # The newest good (May 10 08:00 since 18:00 is bad), then the newest good of May 9, 8.
    assert kept == bad | {files[-2].path, files[-3].path, files[-5].path}


def test_backups_are_numbered_and_ordered_by_number_not_by_clock(
    store: Store, tmp_path: Path
) -> None:
    _fill(store)
    folder = tmp_path / "backups"
    conn = store.db.connection()
    _done(1)
    first = b.write_backup(conn, folder, "auto", datetime(2026, 6, 1, 9))
    _done(2)
    wrong = b.write_backup(conn, folder, "auto", datetime(2099, 1, 1, 9))  # a wrong clock
    _done(3)
    last = b.write_backup(conn, folder, "auto", datetime(2026, 6, 1, 10))
    assert (first.sequence, wrong.sequence, last.sequence) == (1, 2, 3)
    assert [b.read_sequence(f.path) for f in (first, wrong, last)] == [1, 2, 3]
    assert b.check_file(last.path).sequence == 3
    ordered = b.with_sequences(b.list_files(folder))
    assert [f.path for f in ordered] == [last.path, wrong.path, first.path]
    assert b.check_file(ordered[0].path).summary == "Path A: 3 of 10 tutorials done (30%)"
    live = conn.execute("SELECT value FROM setting WHERE key = 'backup.sequence'").fetchone()
    assert live == ("3",)


def test_numbers_keep_rising_after_a_restore_or_a_bad_stored_value(
    store: Store, tmp_path: Path
) -> None:
    _fill(store)
    folder = tmp_path / "backups"
    conn = store.db.connection()
    first = b.write_backup(conn, folder, "auto", datetime(2026, 6, 1, 9))
    b.write_backup(conn, folder, "auto", datetime(2026, 6, 1, 10))
    b.restore_into(first.path, conn)  # brings back the counter the first backup had
    assert b.write_backup(conn, folder, "auto").sequence == 3
    for value in ("nonsense", "-4", "1e9", "9" * 40):
        m.Setting.insert(key=b.SEQUENCE_KEY, value=value).on_conflict_replace().execute()
        made = b.write_backup(conn, folder, "auto")
        assert made.sequence == b.read_sequence(made.path)
        assert made.sequence == max(f.sequence or 0 for f in b.with_sequences(b.list_files(folder)))
    assert [f.sequence for f in b.with_sequences(b.list_files(folder))] == [7, 6, 5, 4, 3, 2, 1]


def test_a_source_that_cannot_be_written_is_numbered_from_the_folder(
    store: Store, tmp_path: Path
) -> None:
    _fill(store)
    folder = tmp_path / "backups"
    b.write_backup(store.db.connection(), folder, "auto")
    read_only = sqlite3.connect(f"{store.path.as_uri()}?mode=ro", uri=True)
    try:
        made = b.write_backup(read_only, folder, "auto")
    finally:
        read_only.close()
    assert made.sequence == 2 and b.read_sequence(made.path) == 2


def test_old_backups_without_a_number_come_before_numbered_ones(
    store: Store, tmp_path: Path
) -> None:
    _fill(store)
    folder = tmp_path / "backups"
    numbered = b.write_backup(store.db.connection(), folder, "auto", datetime(2026, 1, 1))
    old = folder / _name(datetime(2026, 5, 1))  # an older version's backup, dated later
    conn = sqlite3.connect(old)
    store.db.connection().backup(conn)
    conn.execute("DELETE FROM setting WHERE key = 'backup.sequence'")
    conn.commit()
    conn.close()
    older = folder / _name(datetime(2025, 5, 1))
    older.write_bytes(old.read_bytes())
    assert b.read_sequence(old) is None
    ordered = [f.path for f in b.with_sequences(b.list_files(folder))]
    assert ordered == [numbered.path, old, older]


def test_leftovers_of_interrupted_backups_are_removed_and_nothing_else(
    store: Store, tmp_path: Path
) -> None:
    _fill(store)
    folder = tmp_path / "backups"
    folder.mkdir()
    stem = _name(datetime(2026, 2, 1, 8))
    leftovers = [folder / f"{stem}.partial{s}" for s in ("", "-wal", "-shm", "-journal")]
    for path in leftovers:
        path.write_bytes(b"half a backup")
    others = [
        folder / "notes.partial",
        folder / "careerplanner.sqlite3.partial",
        folder / f"{stem}.partial-old",
        tmp_path / f"{stem}.partial",  # not in the backup folder
    ]
    for path in others:
        path.write_bytes(b"not ours to remove")
    assert b.stale_partials(folder) == sorted(leftovers)
    b.write_backup(store.db.connection(), folder, "manual")
    assert not any(p.exists() for p in leftovers)
    assert all(p.read_bytes() == b"not ours to remove" for p in others)
    # The same cleanup runs when pruning.
    leftovers[1].write_bytes(b"again")
    b.prune(folder, b.RetentionPolicy())
    assert not leftovers[1].exists()


def test_a_failed_backup_removes_its_partial_and_sqlite_companions(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(store)
    folder = tmp_path / "backups"
    folder.mkdir()

    def failing_check(path: Path, **kwargs: bool) -> b.FileCheck:
        # SQLite's files beside the copy, as a crash of the check would leave them.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").write_bytes(b"x")
        return b.FileCheck(False, "The file is damaged (simulated).")

    monkeypatch.setattr(b, "check_file", failing_check)
    with pytest.raises(b.BackupError, match="failed its check"):
        b.write_backup(store.db.connection(), folder, "manual")
    assert [p.name for p in folder.iterdir()] == [LOCK_NAME]


@pytest.mark.parametrize("page_size", [1024, 8192, 65536])
def test_a_backup_with_another_page_size_restores(
    store: Store, tmp_path: Path, page_size: int
) -> None:
    _fill(store)
    _done(4)
    made = b.write_backup(store.db.connection(), tmp_path, "manual")
    conn = sqlite3.connect(made.path)
    conn.execute(f"PRAGMA page_size = {page_size}")
    conn.execute("VACUUM")
    assert conn.execute("PRAGMA page_size").fetchone() == (page_size,)
    conn.close()
    assert b.check_file(made.path).ok
    _done(9)
    b.restore_into(made.path, store.db.connection())
    assert m.Tutorial.select().where(m.Tutorial.status == TutorialStatus.DONE).count() == 4
    db = store.db
    assert db.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute_sql("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute_sql("PRAGMA page_size").fetchone() == (4096,)
