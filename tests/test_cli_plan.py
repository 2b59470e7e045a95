"""The headless export and import-path commands, run as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "mlops-engineer.yaml"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "careerplanner", *args], capture_output=True,
                          text=True, env=env, timeout=120)  # fmt: skip


def test_exports_write_files_and_exit_zero(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    pdf, ics, md = tmp_path / "plan.pdf", tmp_path / "plan.ics", tmp_path / "plan.md"
    r = _run("--data-dir", data, "export-pdf", str(pdf), "--paper", "Letter")
    assert r.returncode == 0, r.stderr
    assert "pages" in r.stdout and len(PdfReader(str(pdf)).pages) >= 6
    r = _run("--data-dir", data, "export-ics", str(ics))
    assert r.returncode == 0 and ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    r = _run("--data-dir", data, "export-markdown", str(md))
    assert r.returncode == 0 and md.read_text(encoding="utf-8").startswith("# AI/ML Architect")


def test_unwritable_output_exits_non_zero_with_a_message(tmp_path: Path) -> None:
    r = _run("--data-dir", str(tmp_path / "data"), "export-markdown", str(tmp_path / "no" / "x.md"))
    assert r.returncode == 1
    assert "Cannot write" in r.stderr and "Traceback" not in r.stderr


def test_import_path_accepts_a_pack_and_refuses_a_bad_one(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    r = _run("--data-dir", data, "import-path", str(EXAMPLE))
    assert r.returncode == 0 and "Imported “MLOps Engineer”" in r.stdout
    r = _run("--data-dir", data, "import-path", str(EXAMPLE))
    assert r.returncode == 1 and "already installed" in r.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [", encoding="utf-8")
    r = _run("--data-dir", data, "import-path", str(bad))
    assert r.returncode == 1 and str(bad) in r.stderr and "Traceback" not in r.stderr
