"""import-json against the app's limits, the settings it keeps, and odd stored values.

Refused files leave the data exactly as it was (every table, and no new backup); a
database that already holds dates or hours outside the limits still opens (--self-test).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from careerplanner import limits, paths
from careerplanner.cli import main
from careerplanner.services import settings
from careerplanner.services.startup import open_data_dir
from raw_settings import put_raw

Doc = dict[str, Any]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def fingerprint(data_dir: Path) -> tuple[list[str], list[str]]:
    """Every row of every table, and the backups there are."""
    conn = sqlite3.connect(paths.database_path(data_dir))
    try:
        rows = list(conn.iterdump())
    finally:
        conn.close()
    folder = paths.backup_dir(data_dir)
    backups = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    return rows, backups


def exported(capsys: pytest.CaptureFixture[str], data_dir: Path, out: Path) -> Doc:
    code, _, _ = run(capsys, "--data-dir", str(data_dir), "export-json", str(out))
    assert code == 0
    doc: Doc = json.loads(out.read_text(encoding="utf-8"))
    doc.pop("exported_at")
    return doc


def _put_settings(data_dir: Path, values: dict[str, str]) -> None:
    store = open_data_dir(data_dir)
    try:
        for key, value in values.items():
            put_raw(store, key, value)
    finally:
        store.close()


MINE = {"backup.keep_daily": "7", "backup.keep_weekly": "4", "backup.keep_monthly": "12",
        "window.tab": "2", "theme": "light"}  # fmt: skip
THEIRS = {"backup.keep_daily": "0", "backup.keep_weekly": "0", "backup.keep_monthly": "0",
          "window.geometry": "AdnQywADAAA=", "theme": "dark", "first_weekday": "6"}  # fmt: skip


@pytest.fixture
def mine(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, Path]:
    """A data folder with its own settings, and a file holding other ones."""
    data_dir = tmp_path / "mine"
    _put_settings(data_dir, MINE)
    doc = exported(capsys, data_dir, tmp_path / "base.json")
    doc["settings"] = dict(THEIRS)
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json.dumps(doc), encoding="utf-8")
    return data_dir, theirs


def test_import_keeps_backup_and_window_settings_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, mine: tuple[Path, Path]
) -> None:
    data_dir, theirs = mine
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import-json", str(theirs))
    assert code == 0
    [line] = [x for x in out.splitlines() if x.startswith("Not imported")]
    assert line == (
        "Not imported: the file's backup and window settings (daily backups kept: 0 (yours: "
        "7); monthly backups kept: 0 (yours: 12); weekly backups kept: 0 (yours: 4); window "
        "size and position; tab shown at start); yours are kept. Add --with-settings to "
        "import them."
    )
    after = exported(capsys, data_dir, tmp_path / "after.json")["settings"]
    # Retention and window stay mine; the other settings are the file's.
    assert after == {"backup.keep_daily": "7", "backup.keep_weekly": "4",
                     "backup.keep_monthly": "12", "window.tab": "2", "theme": "dark",
                     "first_weekday": "6"}  # fmt: skip


def test_with_settings_imports_backup_and_window_settings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, mine: tuple[Path, Path]
) -> None:
    data_dir, theirs = mine
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "import-json", "--with-settings", str(theirs)
    )
    assert code == 0
    assert "Not imported" not in out
    assert "Imported the file's backup and window settings (daily backups kept: 0" in out
    assert exported(capsys, data_dir, tmp_path / "after.json")["settings"] == THEIRS


def test_no_settings_line_when_the_file_holds_the_same(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "d"
    _put_settings(data_dir, MINE)
    out_file = tmp_path / "same.json"
    before = exported(capsys, data_dir, out_file)
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import-json", str(out_file))
    assert code == 0 and "window settings" not in out
    assert exported(capsys, data_dir, tmp_path / "again.json") == before


# -- refused values ---------------------------------------------------------------------


def _plan(doc: Doc) -> Doc:
    plan: Doc = doc["paths"][0]["plan"]
    return plan


def _tutorial(doc: Doc) -> Doc:
    tutorial: Doc = doc["paths"][0]["tutorials"][0]
    return tutorial


def _question(doc: Doc) -> Doc:
    question: Doc = doc["paths"][0]["questions"][0]
    return question


def _attempt(reviewed_at: str, duration: Any = 60.0) -> Doc:
    return {"reviewed_at": reviewed_at, "duration_s": duration, "rating": 3}


def _snapshot(taken_at: str) -> Doc:
    return {"taken_at": taken_at, "levels": {}, "topics": []}


Mutation = Callable[[Doc], None]
REFUSED: list[tuple[str, Mutation, str]] = [
    ("plan start 9999", lambda d: _plan(d).update(start_date="9999-12-01"),
     "paths[0].plan.start_date: 9999-12-01 is outside the dates the app can use "
     "(1970-01-01 to 2199-12-31)"),
    ("plan start 0001", lambda d: _plan(d).update(start_date="0001-01-01"),
     "paths[0].plan.start_date: 0001-01-01 is outside"),
    ("plan start a day early", lambda d: _plan(d).update(start_date="1969-12-31"),
     "paths[0].plan.start_date: 1969-12-31 is outside"),
    ("plan target a day late", lambda d: _plan(d).update(target_date="2200-01-01"),
     "paths[0].plan.target_date: 2200-01-01 is outside"),
    ("started 0001", lambda d: _tutorial(d).update(started_on="0001-01-01"),
     "paths[0].tutorials[0].started_on: 0001-01-01 is outside"),
    ("finished 9999", lambda d: _tutorial(d).update(status="done", finished_on="9999-12-31"),
     "paths[0].tutorials[0].finished_on: 9999-12-31 is outside"),
    ("updated 9999", lambda d: _tutorial(d).update(updated_at="9999-12-31T23:59:59"),
     "paths[0].tutorials[0].updated_at: 9999-12-31T23:59:59 is outside"),
    ("time zone", lambda d: _tutorial(d).update(updated_at="2026-01-01T08:00:00+05:00"),
     "paths[0].tutorials[0].updated_at: \"2026-01-01T08:00:00+05:00\" is not a date and time"),
    ("snapshot 0001", lambda d: d["paths"][0]["snapshots"].append(
        _snapshot("0001-01-01T00:00:00")), "paths[0].snapshots[0].taken_at: 0001-01-01T00:00:00"),
    ("attempt 9999", lambda d: _question(d)["attempts"].append(_attempt("9999-06-01T10:00:00")),
     "paths[0].questions[0].attempts[0].reviewed_at: 9999-06-01T10:00:00 is outside"),
    ("due 9999", lambda d: _question(d).update(due="9999-12-31T00:00:00"),
     "paths[0].questions[0].due: 9999-12-31T00:00:00 is outside"),
    ("last review 0001", lambda d: _question(d).update(last_review="0001-01-01T00:00:00"),
     "paths[0].questions[0].last_review: 0001-01-01T00:00:00 is outside"),
    ("hours 1e12", lambda d: _tutorial(d).update(hours=1e12),
     "paths[0].tutorials[0].hours: must be more than 0 and at most 1000 hours"),
    ("hours Infinity", lambda d: _tutorial(d).update(hours=float("inf")),
     "paths[0].tutorials[0].hours: must be a finite number, not Infinity"),
    ("hours NaN", lambda d: _tutorial(d).update(hours=float("nan")),
     "paths[0].tutorials[0].hours: must be a finite number, not NaN"),
    ("hours negative", lambda d: _tutorial(d).update(hours=-1),
     "paths[0].tutorials[0].hours: must be a number of at least 0"),
    ("hours 0", lambda d: _tutorial(d).update(hours=0),
     "paths[0].tutorials[0].hours: must be more than 0"),
    ("hours 10**400", lambda d: _tutorial(d).update(hours=10**400),
     "paths[0].tutorials[0].hours: must be a finite number"),
    ("a week of Infinity", lambda d: _plan(d).update(hours_per_week=float("inf")),
     "paths[0].plan.hours_per_week: must be a finite number"),
    ("a week of 1e12 hours", lambda d: _plan(d).update(hours_per_week=1e12),
     "paths[0].plan.hours_per_week: must be between 0.5 and 80 hours"),
    ("a week of 0 hours", lambda d: _plan(d).update(hours_per_week=0),
     "paths[0].plan.hours_per_week: must be between 0.5 and 80 hours"),
    ("answer of Infinity seconds", lambda d: _question(d)["attempts"].append(
        _attempt("2026-01-01T10:00:00", float("inf"))),
     "paths[0].questions[0].attempts[0].duration_s: must be a finite number"),
    ("weekday x", lambda d: d["settings"].update(first_weekday="x"),
     "settings.first_weekday: must be a whole number from 0 to 6"),
    ("geometry é", lambda d: d["settings"].update({"window.geometry": "é"}),
     "settings.window.geometry: is not a saved window state"),
    ("keep -1", lambda d: d["settings"].update({"backup.keep_daily": "-1"}),
     "settings.backup.keep_daily: must be a whole number from 0 to 1000"),
    ("theme purple", lambda d: d["settings"].update(theme="purple"),
     "settings.theme: must be one of: system, light, dark"),
    ("paper A5", lambda d: d["settings"].update({"plan.paper": "A5"}),
     "settings.plan.paper: must be one of: A4, Letter"),
    ("timer 0", lambda d: d["settings"].update({"practice.timer.Leadership": "0"}),
     "settings.practice.timer.Leadership: must be a whole number from 1 to 180"),
    ("timer x", lambda d: d["settings"].update({"practice.timer.Own": "x"}),
     "settings.practice.timer.Own: must be a whole number from 1 to 180"),
    ("tab 100", lambda d: d["settings"].update({"window.tab": "100"}),
     "settings.window.tab: must be a whole number from 0 to 99"),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "expected"), [r[1:] for r in REFUSED],
                         ids=[r[0] for r in REFUSED])  # fmt: skip
def test_values_outside_the_limits_are_refused_and_nothing_changes(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    mutate: Mutation,
    expected: str,
) -> None:
    data_dir = tmp_path / "d"
    doc = exported(capsys, data_dir, tmp_path / "base.json")
    mutate(doc)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    before = fingerprint(data_dir)
    code, out, err = run(capsys, "--data-dir", str(data_dir), "import-json", str(bad))
    assert code == 1 and out == ""
    [line] = err.splitlines()  # one line, naming the field
    assert line.startswith("careerplanner: bad.json was not imported: ")
    assert expected in line
    assert line.endswith(". Nothing was changed.")
    assert fingerprint(data_dir) == before


def test_several_problems_one_line_then_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "d"
    doc = exported(capsys, data_dir, tmp_path / "base.json")
    _tutorial(doc).update(hours=1e12, started_on="0001-01-01")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "import-json", str(bad))
    first, *rest = err.splitlines()
    assert code == 1
    assert first.startswith("careerplanner: bad.json was not imported: paths[0].tutorials[0]")
    assert first.endswith("(and 1 more problem, below). Nothing was changed.")
    assert len(rest) == 1 and rest[0].startswith("• paths[0].tutorials[0].")


def test_values_at_the_limits_are_imported_and_the_app_opens(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = tmp_path / "d"
    doc = exported(capsys, data_dir, tmp_path / "base.json")
    _plan(doc).update(start_date=limits.MIN_DATE.isoformat(), hours_per_week=0.5,
                      target_date=limits.MAX_DATE.isoformat())  # fmt: skip
    _tutorial(doc).update(status="done", started_on="1970-01-01", finished_on="1970-01-01")
    own = dict(_tutorial(doc), key="own-longest", custom=True, hours=limits.MAX_TUTORIAL_HOURS)
    doc["paths"][0]["tutorials"].append(own)
    _question(doc)["attempts"].append(_attempt("1970-01-01T00:00:00"))
    doc["paths"][0]["snapshots"].append(_snapshot("2199-12-31T23:59:59"))
    good = tmp_path / "limits.json"
    good.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "import-json", str(good))
    assert code == 0 and out.startswith("Imported limits.json")
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "--self-test")
    assert code == 0 and out.startswith("SELFTEST OK")
    again = exported(capsys, data_dir, tmp_path / "again.json")
    assert _plan(again)["start_date"] == "1970-01-01"
    [longest] = [t for t in again["paths"][0]["tutorials"] if t["key"] == "own-longest"]
    assert longest["hours"] == 1000.0 and _tutorial(again)["finished_on"] == "1970-01-01"


# -- odd values already in the database ------------------------------------------------


OUTSIDE = "is outside the dates the plan can use (1970-01-01 to 2199-12-31): choose another."
STORED_PLAN = {
    "start 9999": ("UPDATE plan_settings SET start_date = '9999-12-01'",
                   f"The start date 9999-12-01 {OUTSIDE}"),
    "start 0001": ("UPDATE plan_settings SET start_date = '0001-01-01'",
                   f"The start date 0001-01-01 {OUTSIDE}"),
    "target 9999": ("UPDATE plan_settings SET target_date = '9999-12-31'",
                    f"The target date 9999-12-31 {OUTSIDE}"),
    "start not a date": ("UPDATE plan_settings SET start_date = 'soon'", None),
    "a week of Infinity": ("UPDATE plan_settings SET hours_per_week = 9e999",
                           "Hours per week must be between 0.5 and 80."),
}  # fmt: skip
STORED = {
    "finished 0001": "UPDATE tutorial SET status = 'done', finished_on = '0001-01-01' "
    "WHERE id = (SELECT min(id) FROM tutorial)",
    "finished 9999": "UPDATE tutorial SET status = 'done', finished_on = '9999-12-31' "
    "WHERE id = (SELECT min(id) FROM tutorial)",
    "answer 0001": "INSERT INTO attempt (question_id, reviewed_at, duration_s, covered, total, "
    "covered_points, rating, answer, mock) SELECT min(id), '0001-01-01 00:00:00', 60, 0, 0, "
    "'[]', 3, '', 0 FROM question",
    "snapshot 0001": "INSERT INTO snapshot (path_id, taken_at, note, levels, topics) "
    "SELECT min(id), '0001-01-01 00:00:00', '', '{}', '[]' FROM career_path",
    "hours 1e12": "UPDATE tutorial SET hours = 1e12",
    "hours Infinity": "UPDATE tutorial SET hours = 9e999",
    "hours -Infinity": "UPDATE tutorial SET hours = -9e999 WHERE id % 2 = 0",
    "hours negative and 0": "UPDATE tutorial SET hours = -(id % 2)",
    "hours not a number": "UPDATE tutorial SET hours = 'many'",
}


CASES = {**STORED_PLAN, **{name: (sql, None) for name, sql in STORED.items()}}


@pytest.mark.parametrize(("sql", "refusal"), list(CASES.values()), ids=list(CASES))
def test_the_app_opens_whatever_dates_and_hours_are_stored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sql: str, refusal: str | None
) -> None:
    data_dir = tmp_path / "d"
    run(capsys, "--data-dir", str(data_dir), "export-json", str(tmp_path / "x.json"))
    conn = sqlite3.connect(paths.database_path(data_dir))
    conn.execute(sql)
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "--data-dir", str(data_dir), "--self-test")
    assert code == 0 and out.startswith("SELFTEST OK"), err
    for kind, suffix in (("pdf", ".pdf"), ("ics", ".ics"), ("markdown", ".md")):
        target = tmp_path / f"plan{suffix}"
        code, out, err = run(capsys, "--data-dir", str(data_dir), f"export-{kind}", str(target))
        if refusal is None:
            assert code == 0 and target.stat().st_size > 0, err
        else:  # refused in one line, naming what to change
            assert code == 1 and not target.exists()
            assert err == f"careerplanner: The study plan settings cannot be used: {refusal}\n"


def test_backup_sequence_is_never_exported_or_imported(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    """The backup counter is the app's own bookkeeping: an export leaves it out, and a
    file that carries one (even with --with-settings) never moves ours back."""
    assert run(capsys, "--data-dir", str(data_dir), "backup")[0] == 0
    assert run(capsys, "--data-dir", str(data_dir), "backup")[0] == 0
    doc = exported(capsys, data_dir, tmp_path / "out.json")
    assert settings.BACKUP_SEQUENCE.key not in doc["settings"]
    doc["settings"][settings.BACKUP_SEQUENCE.key] = "0"
    source = tmp_path / "old.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "import-json", str(source), "--with-settings"
    )
    assert code == 0
    assert "backup.sequence" not in out and "Imported the file" not in out
    store = open_data_dir(data_dir)
    try:
        # Two manual backups and the import's own: the counter only went up.
        assert settings.BACKUP_SEQUENCE.get(store) == 3
    finally:
        store.close()


def test_a_timer_of_a_long_category_survives_export_and_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A pack's category may be longer than the name of any other setting: the file the
    app exports with its timer length is one the app imports."""
    category = "A category named at length " * 20
    source = tmp_path / "source"
    store = open_data_dir(source)
    try:
        settings.PRACTICE_TIMER.of(category).set(store, 42)
    finally:
        store.close()
    out = tmp_path / "out.json"
    exported(capsys, source, out)
    target = tmp_path / "target"
    code, _, err = run(capsys, "--data-dir", str(target), "import-json", str(out))
    assert (code, err) == (0, "")
    store = open_data_dir(target)
    try:
        assert settings.PRACTICE_TIMER.of(category).get(store) == 42
    finally:
        store.close()
