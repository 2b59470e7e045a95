"""One instance per data folder: a lock left by a killed process does not block the next
start; a live one does (and headless commands that replace data refuse to run)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from careerplanner import paths
from careerplanner.cli import main
from careerplanner.instance import SingleInstance, is_running

pytestmark = pytest.mark.faults

HOLDER = r"""
import os, signal, sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(0)
print("locked", flush=True)
if sys.argv[2] == "die":
    os.kill(os.getpid(), signal.SIGKILL)
sys.stdin.readline()
"""


def _hold(data_dir: Path, mode: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(paths.lock_path(data_dir)), mode],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    return child


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_lock_of_a_killed_process_does_not_block(qapp: object, data_dir: Path) -> None:
    child = _hold(data_dir, "die")
    child.wait()
    assert child.returncode == -signal.SIGKILL
    assert paths.lock_path(data_dir).exists()  # the crash left its lock behind
    assert not is_running(data_dir)
    guard = SingleInstance(data_dir)
    assert guard.acquire()
    guard.release()


def test_live_lock_blocks_and_data_commands_refuse(
    qapp: object, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    child = _hold(data_dir, "wait")
    try:
        assert is_running(data_dir)
        assert not SingleInstance(data_dir).acquire()
        code = main(["--data-dir", str(data_dir), "import-json", str(tmp_path / "x.json")])
        err = capsys.readouterr().err
        assert code == 1
        assert "Career Planner is running with this data folder. Close it first" in err
    finally:
        assert child.stdin is not None
        child.stdin.write("\n")
        child.stdin.close()
        child.wait()
    assert not is_running(data_dir)
    assert os.path.exists(data_dir)
