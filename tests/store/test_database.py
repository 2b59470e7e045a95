"""Opening the database: a fresh file, the migration registry, files that are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from careerplanner.store import (
    APPLICATION_ID,
    StoreOpenError,
    current_version,
    migrations,
    open_store,
)
from careerplanner.store.models import ALL_MODELS


def test_fresh_database_is_marked_versioned_and_durable(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    store = open_store(path)
    db = store.db
    assert db.execute_sql("PRAGMA user_version").fetchone()[0] == current_version()
    assert db.execute_sql("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store.close()
    # Opening again changes nothing and applies no migration.
    again = open_store(path)
    assert migrations.pending(again.db) == []
    again.close()


def test_current_version_is_the_highest_registered_migration() -> None:
    versions = [m.version for m in migrations.MIGRATIONS]
    assert versions == sorted(versions)
    assert versions == list(range(1, len(versions) + 1)), "versions must be contiguous"
    assert current_version() == versions[-1]


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    """The frozen migration steps produce exactly the tables and columns the models use."""
    store = open_store(tmp_path / "a.sqlite3")
    reference = SqliteDatabase(":memory:")
    for model in ALL_MODELS:
        with reference.bind_ctx([model], bind_refs=False, bind_backrefs=False):
            model.create_table()
    for model in ALL_MODELS:
        table = model._meta.table_name
        migrated = {c.name: (c.data_type, c.null) for c in store.db.get_columns(table)}
        expected = {c.name: (c.data_type, c.null) for c in reference.get_columns(table)}
        assert migrated == expected, table
        assert {i.name for i in store.db.get_indexes(table)} == {
            i.name for i in reference.get_indexes(table)
        }, table
    store.close()


def test_every_earlier_version_migrates_to_current(tmp_path: Path) -> None:
    for start in range(0, current_version()):
        path = tmp_path / f"from-{start}.sqlite3"
        db = SqliteDatabase(str(path))
        db.connect()
        for step in migrations.MIGRATIONS:
            if step.version <= start:
                step.apply(db)
        db.execute_sql(f"PRAGMA user_version = {start}")
        if start:
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        db.close()
        store = open_store(path)
        assert migrations.schema_version(store.db) == current_version()
        store.close()


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_newer_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {current_version() + 5}")
    conn.commit()
    conn.close()
    before = _bytes(path)
    with pytest.raises(StoreOpenError) as info:
        open_store(path)
    assert info.value.kind == StoreOpenError.NEWER
    assert "newer version" in str(info.value)
    assert _bytes(path) == before


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    before = _bytes(path)
    with pytest.raises(StoreOpenError) as info:
        open_store(path)
    assert info.value.kind == StoreOpenError.FOREIGN
    assert _bytes(path) == before


def test_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("my shopping list\n" * 20)
    with pytest.raises(StoreOpenError) as info:
        open_store(path)
    assert info.value.kind == StoreOpenError.NOT_SQLITE
    assert path.read_text().startswith("my shopping list")
