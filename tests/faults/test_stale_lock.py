"""One instance per data folder: a lock left by a killed process (or an unreadable one)
does not block the next start; a live one does (and headless commands that replace data
refuse to run, while the others work beside it). A lock file that cannot be written is
explained as what it is, never as another instance."""

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
from fingerprint import data_fingerprint

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


@pytest.mark.parametrize("content", [b"", b"\x00\x00\x00", b"not a lock\n\xff\xfe\n"])
def test_an_unreadable_lock_left_behind_is_stale(
    qapp: object, data_dir: Path, tmp_path: Path, content: bytes,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """An empty or garbled lock file (a crash while it was written, a full disk) blocks
    neither the commands that replace the data nor the window."""
    assert main(["--data-dir", str(data_dir), "export-json", str(tmp_path / "all.json")]) == 0
    paths.lock_path(data_dir).write_bytes(content)
    assert not is_running(data_dir)
    code = main(["--data-dir", str(data_dir), "import-json", str(tmp_path / "all.json")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Imported all.json" in out and "running" not in err
    paths.lock_path(data_dir).write_bytes(content)
    guard = SingleInstance(data_dir)
    assert guard.acquire()
    guard.release()


def test_an_unreadable_lock_of_a_live_process_still_blocks(
    qapp: object, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Removing a lock takes its owner's file lock first: while the owner lives, a lock
    whose text cannot be read is not stale."""
    child = _hold(data_dir, "wait")
    try:
        paths.lock_path(data_dir).write_bytes(b"")  # its text gone, its owner alive
        assert is_running(data_dir)
        assert not SingleInstance(data_dir).acquire()
        code = main(["--data-dir", str(data_dir), "restore", str(tmp_path / "x.sqlite3")])
        assert code == 1 and "Career Planner is running" in capsys.readouterr().err
        assert paths.lock_path(data_dir).exists()
    finally:
        assert child.stdin is not None
        child.stdin.write("\n")
        child.stdin.close()
        child.wait()


def test_data_commands_do_not_wait_for_the_window(
    qapp: object, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window holds its lock all its life: commands that do not replace the whole
    database work beside it (SQLite's locking keeps them apart)."""
    mini = Path(__file__).resolve().parents[1] / "data" / "mini-pack.yaml"
    child = _hold(data_dir, "wait")
    try:
        assert main(["--data-dir", str(data_dir), "import-path", str(mini)]) == 0
        assert main(["--data-dir", str(data_dir), "backup"]) == 0
        assert main(["--data-dir", str(data_dir), "export-json", str(tmp_path / "a.json")]) == 0
        out = capsys.readouterr().out
        assert "Imported “Mini Path”" in out and "Backup written and checked" in out
    finally:
        assert child.stdin is not None
        child.stdin.write("\n")
        child.stdin.close()
        child.wait()


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX resource limits")
@pytest.mark.parametrize("command", ["restore", "import-json"])
def test_a_full_disk_is_not_taken_for_a_running_app(
    data_dir: Path, tmp_path: Path, command: str
) -> None:
    """No lock file can be written (the disk is full): say so, not "running"."""
    import resource

    assert main(["--data-dir", str(data_dir), "export-json", str(tmp_path / "all.json")]) == 0
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    source = {"restore": str(next(paths.backup_dir(data_dir).glob("*.sqlite3"))),
              "import-json": str(tmp_path / "all.json")}[command]  # fmt: skip
    before = data_fingerprint(data_dir)

    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))

    result = subprocess.run(
        [sys.executable, "-m", "careerplanner", "--data-dir", str(data_dir), command, source],
        capture_output=True, text=True, preexec_fn=full_disk, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"careerplanner: Career Planner cannot create its lock file {paths.lock_path(data_dir)}: "
        "a file size limit was reached (as on a full disk). Nothing was changed."
    )
    assert "running" not in result.stderr and "Traceback" not in result.stderr
    assert data_fingerprint(data_dir) == before


@pytest.mark.skipif(not hasattr(os, "seteuid"), reason="POSIX permissions")
def test_the_window_says_why_it_cannot_lock_a_read_only_folder(
    qtbot: object, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil
    import tempfile

    from careerplanner.ui import errors  # noqa: F401  (imported while it can be read)
    from careerplanner.ui.app import ensure_app, run_gui

    ensure_app()  # everything it imports is imported now, before the user changes
    base = Path(tempfile.mkdtemp(prefix="cp-lock-"))
    try:
        base.chmod(0o755)
        data_dir = base / "data"
        data_dir.mkdir()
        mode = data_dir.stat().st_mode
        data_dir.chmod(0o555)
        root = os.geteuid() == 0
        try:
            if root:  # root ignores permissions: be someone else meanwhile
                os.setegid(65534)
                os.seteuid(65534)
            code = run_gui(data_dir)
        finally:
            if root:
                os.seteuid(0)
                os.setegid(0)
            data_dir.chmod(mode)
        assert code == 1
        (shown,) = request.node.shown_dialogs
        assert shown.startswith(f"Career Planner cannot create its lock file {data_dir}")
        assert "permission was denied" in shown and "running" not in shown
        assert list(data_dir.iterdir()) == []
    finally:
        shutil.rmtree(base, ignore_errors=True)
