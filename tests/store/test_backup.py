"""Backups: written with the online backup API and checked; broken ones never offered;
retention; restoring in one step; moving an unusable database aside."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from careerplanner.store import APPLICATION_ID, Store, migrations, open_store
from careerplanner.store import backup as b
from careerplanner.store import models as m
from careerplanner.store.database import move_aside
from careerplanner.vocab import TutorialStatus


def _fill(store: Store, title: str = "Path A") -> None:
    now = datetime(2026, 1, 1, 10, 0)
    path = m.CareerPath.create(key="a", title=title, installed_at=now, updated_at=now)
    phase = m.Phase.create(path=path, key="p", position=0, title="P")
    for i in range(4):
        m.Tutorial.create(
            path=path, phase=phase, key=f"t{i}", position=i, title=f"T{i}",
            status=TutorialStatus.DONE if i == 0 else TutorialStatus.NOT_STARTED,
        )  # fmt: skip


def test_backup_is_a_checked_complete_copy_with_a_summary(store: Store, tmp_path: Path) -> None:
    _fill(store)
    made = b.write_backup(store.db.connection(), tmp_path / "backups", "manual")
    assert made.path.name.startswith("careerplanner-") and made.path.name.endswith(
        "-manual.sqlite3"
    )
    assert made.size > 0
    assert not list((tmp_path / "backups").glob("*.partial"))
    check = b.check_file(made.path)
    assert check.ok, check.problem
    assert check.summary == "Path A: 1 of 4 tutorials done (25%)"
    # The copy is self-contained (no -wal needed) and independent of the original.
    m.Tutorial.update(status=TutorialStatus.DONE).execute()
    conn = sqlite3.connect(made.path)
    assert conn.execute("SELECT count(*) FROM tutorial WHERE status = 'done'").fetchone() == (1,)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()


def test_two_backups_in_the_same_second_get_distinct_names(store: Store, tmp_path: Path) -> None:
    when = datetime(2026, 3, 1, 12, 0, 0)
    first = b.write_backup(store.db.connection(), tmp_path, "auto", when)
    second = b.write_backup(store.db.connection(), tmp_path, "auto", when)
    assert first.path != second.path
    assert [f.path for f in b.list_files(tmp_path)] == [second.path, first.path]  # newest first


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"hello, not a database" * 10, "not an SQLite database"),
    ],
)
def test_empty_or_non_sqlite_backups_are_not_usable(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "careerplanner-20260101-100000-auto.sqlite3"
    path.write_bytes(content)
    check = b.check_file(path)
    assert not check.ok
    assert problem in check.problem


def test_foreign_newer_and_schema_less_files_are_not_usable(store: Store, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    assert "another application" in b.check_file(foreign).problem

    made = b.write_backup(store.db.connection(), tmp_path, "manual")
    conn = sqlite3.connect(made.path)
    conn.execute(f"PRAGMA user_version = {migrations.current_version() + 1}")
    conn.commit()
    conn.close()
    assert "newer version" in b.check_file(made.path).problem

    blank = tmp_path / "blank.sqlite3"
    conn = sqlite3.connect(blank)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE x (a)")
    conn.commit()
    conn.close()
    assert "no Career Planner data" in b.check_file(blank).problem


def test_damaged_backup_fails_its_check(store: Store, tmp_path: Path) -> None:
    _fill(store)
    made = b.write_backup(store.db.connection(), tmp_path, "manual")
    conn = sqlite3.connect(made.path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'tutorial'").fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(made.path.read_bytes())
    for offset in range((root - 1) * page, (root - 1) * page + 12):  # the page's header
        data[offset] ^= 0x5A
    made.path.write_bytes(bytes(data))
    check = b.check_file(made.path)
    assert not check.ok
    assert "damaged" in check.problem


def test_failed_backup_leaves_no_file(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "not-a-folder"
    folder.write_text("a file where the folder should be")
    with pytest.raises(b.BackupError) as info:
        b.write_backup(store.db.connection(), folder, "manual")
    assert "cannot be created" in str(info.value)
    assert folder.read_text() == "a file where the folder should be"


def _files(stamps: list[str]) -> list[b.BackupFile]:
    def one(s: str) -> b.BackupFile:
        created = datetime.strptime(s, "%Y%m%d-%H%M%S")
        return b.BackupFile(Path(f"careerplanner-{s}-auto.sqlite3"), created, "auto", 1)

    return [one(s) for s in stamps]


def test_retention_keeps_today_yesterday_then_daily_weekly_monthly() -> None:
    today = date(2026, 6, 30)
    stamps = [
        "20260630-090000", "20260630-100000", "20260629-080000", "20260629-200000",  # recent
    ]  # fmt: skip
    # Two backups a day for the 40 days before yesterday, and one a month for two years.
    for day in range(2, 42):
        d = date.fromordinal(today.toordinal() - day)
        stamps += [f"{d:%Y%m%d}-080000", f"{d:%Y%m%d}-180000"]
    for month in range(1, 25):
        year, mon = divmod(6 - 2 - month + 12 * 2026, 12)
        stamps.append(f"{year}{mon + 1:02d}15-120000")
    files = _files(stamps)
    policy = b.RetentionPolicy(daily=7, weekly=4, monthly=12)
    doomed = {f.path for f in b.select_to_delete(files, policy, today)}
    kept = sorted((f for f in files if f.path not in doomed), key=lambda f: f.created)
    kept_names = [f.path.name[14:29] for f in kept]
    # Everything from today and yesterday.
    for s in stamps[:4]:
        assert s in kept_names
    older = [f for f in kept if f.created.date() < date(2026, 6, 29)]
    days = {f.created.date() for f in older}
    # 7 daily (the newest of each day), then 4 weekly, then 12 monthly.
    assert len(older) == 7 + 4 + 12
    assert all(f.created.hour == 18 for f in older if f.created.date() >= date(2026, 6, 22))
    assert len(days) == len(older)
    months = {(f.created.year, f.created.month) for f in older}
    assert len(months) >= 12


def test_retention_is_configurable_and_prune_deletes_files(store: Store, tmp_path: Path) -> None:
    for day in range(1, 11):
        b.write_backup(store.db.connection(), tmp_path, "auto", datetime(2026, 5, day, 12))
    deleted = b.prune(tmp_path, b.RetentionPolicy(daily=2, weekly=0, monthly=0), date(2026, 5, 30))
    assert len(deleted) == 8
    assert [f.created.day for f in b.list_files(tmp_path)] == [10, 9]


def test_restore_into_replaces_everything_in_one_step(store: Store, tmp_path: Path) -> None:
    _fill(store, "Before")
    made = b.write_backup(store.db.connection(), tmp_path, "manual")
    m.Tutorial.update(status=TutorialStatus.DONE).execute()
    m.CareerPath.update(title="After").execute()
    b.restore_into(made.path, store.db.connection())
    assert m.CareerPath.get().title == "Before"
    assert m.Tutorial.select().where(m.Tutorial.status == TutorialStatus.DONE).count() == 1
    assert store.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_restore_to_file_writes_a_new_database(store: Store, tmp_path: Path) -> None:
    _fill(store)
    made = b.write_backup(store.db.connection(), tmp_path / "backups", "manual")
    target = tmp_path / "restored.sqlite3"
    b.restore_to_file(made.path, target)
    store.close()  # one store is open at a time
    restored = open_store(target)
    assert m.Tutorial.select().count() == 4
    restored.close()


def test_move_aside_keeps_the_file_and_its_wal(tmp_path: Path) -> None:
    db = tmp_path / "careerplanner.sqlite3"
    db.write_bytes(b"garbage")
    Path(f"{db}-wal").write_bytes(b"wal bytes")
    moved = move_aside(db, now=datetime(2026, 2, 3, 4, 5, 6))
    assert moved.name == "careerplanner.sqlite3.damaged-20260203-040506"
    assert moved.read_bytes() == b"garbage"
    assert Path(f"{moved}-wal").read_bytes() == b"wal bytes"
    assert not db.exists()
    # A second move in the same second never overwrites the first.
    db.write_bytes(b"again")
    again = move_aside(db, now=datetime(2026, 2, 3, 4, 5, 6))
    assert again != moved and again.read_bytes() == b"again" and moved.read_bytes() == b"garbage"


def test_a_backup_is_taken_before_a_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "careerplanner.sqlite3"
    store = open_store(path, tmp_path / "backups")
    _fill(store)
    store.close()
    assert b.list_files(tmp_path / "backups") == []  # nothing to migrate, no backup

    def next_step(db: object) -> None:
        store_db = db
        store_db.execute_sql("CREATE TABLE extra (id INTEGER PRIMARY KEY)")  # type: ignore[attr-defined]

    version = migrations.current_version() + 1
    steps = (*migrations.MIGRATIONS, migrations.Migration(version, "test step", next_step))
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    store = open_store(path, tmp_path / "backups")
    store.close()
    files = b.list_files(tmp_path / "backups")
    assert [f.reason for f in files] == ["migration"]
    conn = sqlite3.connect(files[0].path)
    assert conn.execute("PRAGMA user_version").fetchone() == (version - 1,)
    assert conn.execute("SELECT count(*) FROM tutorial").fetchone() == (4,)
    conn.close()


def test_write_problems_are_described_plainly() -> None:
    import errno

    assert b.describe_os_error(OSError(errno.ENOSPC, "No space left on device")) == (
        "the disk is full"
    )
    assert b.describe_os_error(sqlite3.OperationalError("database or disk is full")) == (
        "the disk is full"
    )
    assert "read-only" in b.describe_os_error(
        sqlite3.OperationalError("attempt to write a readonly database")
    )
    assert b.describe_os_error(PermissionError(errno.EACCES, "Permission denied")) == (
        "permission was denied"
    )
    assert b.is_write_problem(sqlite3.OperationalError("database or disk is full"))
    assert not b.is_write_problem(ValueError("a bug"))
