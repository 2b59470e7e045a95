"""``careerplanner --exit-when-shown``: starts for real, shows the window, exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from careerplanner import paths


def _run(data_dir: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra_env}
    env.pop("CAREERPLANNER_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "careerplanner", "--data-dir", str(data_dir), "--exit-when-shown"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_exit_when_shown_exits_0_and_creates_the_data(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    done = _run(folder)
    assert done.returncode == 0, done.stderr
    assert paths.database_path(folder).is_file()
    again = _run(folder)  # the second start opens the existing database
    assert again.returncode == 0, again.stderr


def test_exit_when_shown_reports_first_paint_for_the_benchmark(tmp_path: Path) -> None:
    done = _run(tmp_path / "data", CAREERPLANNER_BENCH_REPORT="1")
    assert done.returncode == 0, done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("first_paint ")]
    assert len(lines) == 1
    assert float(lines[0].split()[1]) > 0


def test_exit_when_shown_fails_cleanly_on_a_foreign_file(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    paths.database_path(folder).write_bytes(b"not a database at all" * 10)
    done = _run(folder)
    assert done.returncode == 1
    assert "not a Career Planner database" in done.stderr
    assert "Traceback" not in done.stderr
    assert paths.database_path(folder).read_bytes() == b"not a database at all" * 10
