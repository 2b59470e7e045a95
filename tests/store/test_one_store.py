"""One store is open at a time, and services reach the database only through it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from careerplanner import paths
from careerplanner.services import catalog, roadmap, settings
from careerplanner.services.startup import open_data_dir
from careerplanner.store import (
    Store,
    StoreAlreadyOpenError,
    StoreClosedError,
    StoreOpenError,
    open_store,
)
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus
from fingerprint import data_fingerprint


def _first_tutorial(store: Store) -> int:
    path_id = settings.active_path_id(store)
    return catalog.roadmap(store, path_id)[0].tutorials[0].id


def _read(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows straight from the folder's file, not through the app."""
    uri = f"{paths.database_path(data_dir).as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_two_data_folders_opened_in_turn_write_to_their_own_files(tmp_path: Path) -> None:
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a = open_data_dir(a_dir)
    settings.put(a, "note.folder", "a")
    roadmap.set_notes(a, _first_tutorial(a), "written in a")
    a.close()
    b = open_data_dir(b_dir)
    settings.put(b, "note.folder", "b")
    roadmap.set_status(b, _first_tutorial(b), TutorialStatus.DONE)
    b.close()
    a = open_data_dir(a_dir)  # and back: a's data is where it was left
    roadmap.set_status(a, _first_tutorial(a), TutorialStatus.IN_PROGRESS)
    a.close()

    setting = "SELECT value FROM setting WHERE key = 'note.folder'"
    assert _read(a_dir, setting) == [("a",)]
    assert _read(b_dir, setting) == [("b",)]
    notes = "SELECT notes FROM tutorial WHERE notes != ''"
    assert _read(a_dir, notes) == [("written in a",)]
    assert _read(b_dir, notes) == []
    states = "SELECT status FROM tutorial WHERE status != 'not_started'"
    assert _read(a_dir, states) == [(TutorialStatus.IN_PROGRESS.value,)]
    assert _read(b_dir, states) == [(TutorialStatus.DONE.value,)]


def test_a_closed_stores_services_fail_clearly_and_touch_the_open_one_not(
    tmp_path: Path,
) -> None:
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a = open_data_dir(a_dir)
    tutorial_id = _first_tutorial(a)
    a.close()
    b = open_data_dir(b_dir)
    before = data_fingerprint(b_dir)
    writes = (
        lambda: settings.put(a, "note.folder", "a"),
        lambda: roadmap.set_notes(a, tutorial_id, "meant for a"),
        lambda: roadmap.set_status(a, tutorial_id, TutorialStatus.DONE),
    )
    reads = (
        lambda: settings.get(a, "note.folder"),
        lambda: catalog.tutorial(a, tutorial_id),
        lambda: a.db,
    )
    for call in (*writes, *reads):
        with pytest.raises(StoreClosedError, match=r"a[/\\]careerplanner\.sqlite3 was used after"):
            call()
    b.close()
    assert data_fingerprint(b_dir) == before
    assert not a.is_open and not b.is_open


def test_after_close_the_models_refuse_any_use(store: Store) -> None:
    m.Setting.insert(key="k", value="v").execute()
    store.close()
    with pytest.raises(StoreClosedError, match="No data is open"):
        m.Setting.get_or_none(m.Setting.key == "k")
    with pytest.raises(StoreClosedError, match="No data is open"):
        m.Setting.insert(key="k2", value="v").execute()
    with (
        pytest.raises(StoreClosedError, match="No data is open"),
        m.Setting._meta.database.atomic(),
    ):
        pass


def test_a_second_open_while_one_is_open_is_refused_and_touches_nothing(tmp_path: Path) -> None:
    first = open_store(tmp_path / "first.sqlite3")
    settings.put(first, "k", "first")
    second_file = tmp_path / "second.sqlite3"
    with pytest.raises(StoreAlreadyOpenError, match=r"first\.sqlite3 is still open"):
        open_store(second_file)
    assert not second_file.exists()
    # The same file again is refused too; the open store goes on working.
    with pytest.raises(StoreAlreadyOpenError):
        open_store(tmp_path / "first.sqlite3")
    assert first.is_open
    assert settings.get(first, "k") == "first"
    first.close()


def test_a_second_data_folder_is_refused_while_one_is_open(tmp_path: Path) -> None:
    a = open_data_dir(tmp_path / "a")
    with pytest.raises(StoreAlreadyOpenError):
        open_data_dir(tmp_path / "b")
    assert not paths.database_path(tmp_path / "b").exists()
    assert settings.active_path_id(a) > 0
    a.close()


def test_close_is_idempotent_and_a_new_open_works_after_it(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    store = open_store(path)
    settings.put(store, "k", "1")
    store.close()
    store.close()
    assert not store.is_open
    again = open_store(path)
    assert again.is_open
    assert settings.get(again, "k") == "1"
    store.close()  # closing the old handle again leaves the new one open
    assert again.is_open
    assert settings.get(again, "k") == "1"
    again.close()
    other = open_store(tmp_path / "y.sqlite3")
    assert settings.get(other, "k") is None
    other.close()


def test_a_failed_open_leaves_nothing_open(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 10)
    with pytest.raises(StoreOpenError):
        open_store(bad)
    good = open_store(tmp_path / "good.sqlite3")  # not refused as "already open"
    good.close()
