"""Damaged, truncated, foreign and newer database files: refused with a clear kind and
message, never changed, and `careerplanner check` fails on them."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from careerplanner import paths
from careerplanner.cli import main
from careerplanner.services.startup import open_data_dir
from careerplanner.store import StoreOpenError, current_version, open_store
from careerplanner.store import models as m

pytestmark = pytest.mark.faults


def _make(data_dir: Path) -> Path:
    store = open_data_dir(data_dir)
    m.Tutorial.update(notes="some notes " * 50).execute()
    store.close()
    return paths.database_path(data_dir)


def _check(capsys: pytest.CaptureFixture[str], data_dir: Path) -> tuple[int, str]:
    code = main(["--data-dir", str(data_dir), "check"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def test_flipped_bytes_are_detected_and_the_file_left_alone(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    db = _make(data_dir)
    original = db.read_bytes()
    conn = sqlite3.connect(db)
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    roots = [r for (r,) in conn.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 1")]
    conn.close()
    rng = random.Random(7)
    for trial in range(12):
        data = bytearray(original)
        root = rng.choice(roots)
        start = (root - 1) * page
        for offset in range(start, start + 8):  # a b-tree page header
            data[offset] ^= rng.randint(1, 255)
        db.write_bytes(bytes(data))
        damaged = db.read_bytes()
        with pytest.raises(StoreOpenError) as info:
            open_store(db)
        assert info.value.kind == StoreOpenError.DAMAGED, trial
        assert "is damaged" in str(info.value)
        code, text = _check(capsys, data_dir)
        assert code == 1 and "NOT healthy." in text
        assert db.read_bytes() == damaged  # nothing changed
        assert list(data_dir.glob("*.damaged-*")) == []


def test_flipped_header_is_not_sqlite(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    db = _make(data_dir)
    data = bytearray(db.read_bytes())
    data[0] ^= 0xFF
    db.write_bytes(bytes(data))
    with pytest.raises(StoreOpenError) as info:
        open_store(db)
    assert info.value.kind == StoreOpenError.NOT_SQLITE
    assert _check(capsys, data_dir)[0] == 1


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_truncated_file_is_damaged(
    capsys: pytest.CaptureFixture[str], data_dir: Path, keep: float
) -> None:
    db = _make(data_dir)
    data = db.read_bytes()
    db.write_bytes(data[: int(len(data) * keep)])
    truncated = db.read_bytes()
    with pytest.raises(StoreOpenError) as info:
        open_store(db)
    assert info.value.kind == StoreOpenError.DAMAGED
    code, text = _check(capsys, data_dir)
    assert code == 1 and "damaged" in text
    assert db.read_bytes() == truncated


def test_newer_file_is_refused_unchanged(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    db = _make(data_dir)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {current_version() + 3}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreOpenError) as info:
        open_store(db)
    assert info.value.kind == StoreOpenError.NEWER
    code, text = _check(capsys, data_dir)
    assert code == 1 and "newer version of Career Planner" in text
    assert db.read_bytes() == before
