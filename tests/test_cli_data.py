"""careerplanner backup | restore FILE | check | export-json | import-json."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from careerplanner import paths
from careerplanner.cli import main
from careerplanner.store import backup as files
from careerplanner.store import current_version


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _done(data_dir: Path) -> int:
    conn = sqlite3.connect(paths.database_path(data_dir))
    try:
        return int(conn.execute("SELECT count(*) FROM tutorial WHERE status='done'").fetchone()[0])
    finally:
        conn.close()


def _set_done(data_dir: Path, where: str = "1") -> None:
    conn = sqlite3.connect(paths.database_path(data_dir))
    conn.execute(f"UPDATE tutorial SET status = 'done' WHERE {where}")
    conn.commit()
    conn.close()


def test_backup_check_and_restore(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    d = str(data_dir)
    code, out, _ = run(capsys, "--data-dir", d, "backup")
    assert code == 0 and "Backup written and checked" in out
    [made] = files.list_files(paths.backup_dir(data_dir))
    code, out, _ = run(capsys, "check", "--data-dir", d)
    assert code == 0
    assert "Integrity check: ok" in out and "Healthy." in out
    _set_done(data_dir)
    code, out, _ = run(capsys, "--data-dir", d, "restore", str(made.path))
    assert code == 0 and f"Restored {made.path.name}" in out
    assert _done(data_dir) == 0
    reasons = sorted(f.reason for f in files.list_files(paths.backup_dir(data_dir)))
    assert reasons == ["manual", "restore"]


def test_check_fails_on_a_damaged_database(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "--data-dir", str(data_dir), "backup")
    db = paths.database_path(data_dir)
    db.write_bytes(db.read_bytes()[:100] + b"\x00" * 50)  # truncated
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 1
    assert "Problem:" in out and "NOT healthy." in out


def test_restore_over_a_damaged_database_moves_it_aside(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "--data-dir", str(data_dir), "backup")
    [made] = files.list_files(paths.backup_dir(data_dir))
    db = paths.database_path(data_dir)
    db.write_text("not a database")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "restore", str(made.path))
    assert code == 0
    assert "moved aside" in out
    [aside] = data_dir.glob("careerplanner.sqlite3.damaged-*")
    assert aside.read_text() == "not a database"
    code, _, _ = run(capsys, "--data-dir", str(data_dir), "check")
    assert code == 0


def test_newer_database_is_refused_by_every_command(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "--data-dir", str(data_dir), "backup")
    db = paths.database_path(data_dir)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {current_version() + 1}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    for command in (["backup"], ["export-json", str(data_dir / "x.json")], ["check"]):
        code, out, err = run(capsys, "--data-dir", str(data_dir), *command)
        assert code == 1
        assert "newer version" in out + err
    assert db.read_bytes() == before


def test_export_and_import_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    run(capsys, "--data-dir", str(a), "backup")
    _set_done(a, "position < 3")
    out_file = tmp_path / "data.json"
    code, out, _ = run(capsys, "--data-dir", str(a), "export-json", str(out_file))
    assert code == 0 and "Exported" in out
    code, out, _ = run(capsys, "--data-dir", str(b), "import-json", str(out_file))
    assert code == 0 and "Imported data.json" in out
    assert _done(b) == 12
    again = tmp_path / "again.json"
    run(capsys, "--data-dir", str(b), "export-json", str(again))
    first, second = json.loads(out_file.read_text()), json.loads(again.read_text())
    first.pop("exported_at")
    second.pop("exported_at")
    assert first == second


def test_import_of_a_bad_file_says_what_is_wrong(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "careerplanner-user-data", "format_version": 1, "paths": 3}')
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import-json", str(bad))
    assert code == 1
    assert "bad.json was not imported" in err
    assert "paths: must be a list" in err
    assert "Nothing was changed." in err


def test_unknown_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["restore"])  # FILE missing
    assert info.value.code == 2
