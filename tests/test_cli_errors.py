"""The command line never ends in a bare traceback: one line for an expected failure (exit
1), one line and the log file's path for a bug (exit 2); no command aborts for want of a
display."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from careerplanner import log
from careerplanner.cli import display, main
from careerplanner.services import backup
from careerplanner.store.backup import BackupError
from fingerprint import data_fingerprint


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _raise(exc: BaseException) -> Callable[..., None]:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise exc

    return fail


@pytest.fixture
def opened(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data folder with a database and a backup in it."""
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    capsys.readouterr()
    return data_dir


def test_a_user_error_is_one_line_and_exit_1(
    opened: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    log_dir: Path,
) -> None:  # fmt: skip
    before = data_fingerprint(opened)
    monkeypatch.setattr(backup, "check_data_dir", _raise(BackupError("The backups are busy.")))
    code, out, err = _run(capsys, "--data-dir", str(opened), "check")
    assert (code, out, err) == (1, "", "careerplanner: The backups are busy.\n")
    assert "check refused: The backups are busy." in (log_dir / log.LOG_NAME).read_text()
    assert data_fingerprint(opened) == before


def test_a_bug_is_one_line_naming_the_log_file_and_exit_2(
    opened: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    log_dir: Path,
) -> None:  # fmt: skip
    before = data_fingerprint(opened)
    monkeypatch.delenv("CAREERPLANNER_DEBUG", raising=False)
    monkeypatch.setattr(backup, "check_data_dir", _raise(KeyError("card_id")))
    code, out, err = _run(capsys, "--data-dir", str(opened), "check")
    file = log_dir / log.LOG_NAME
    assert code == 2 and out == ""
    assert err == (
        "careerplanner: unexpected error (a bug in Career Planner): KeyError: 'card_id'. "
        f"The details are in the log file {file}.\n"
    )
    logged = file.read_text(encoding="utf-8")
    assert "ERROR careerplanner.cli: bug in check: 'card_id'" in logged
    assert "Traceback (most recent call last)" in logged and "in fail" in logged
    assert data_fingerprint(opened) == before


def test_a_bug_with_a_long_message_still_prints_one_line(
    opened: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup, "check_data_dir", _raise(ValueError("first\nsecond\nthird")))
    code, _out, err = _run(capsys, "--data-dir", str(opened), "check")
    assert code == 2
    assert err.count("\n") == 1 and "ValueError: first. The details are in" in err


def test_debug_prints_the_traceback_as_well(
    opened: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAREERPLANNER_DEBUG", "1")
    monkeypatch.setattr(backup, "check_data_dir", _raise(KeyError("card_id")))
    code, _out, err = _run(capsys, "--data-dir", str(opened), "check")
    assert code == 2
    assert "Traceback (most recent call last)" in err
    assert err.rstrip().endswith(f"The details are in the log file {log.log_file()}.")


def test_a_full_disk_is_a_plain_message(
    opened: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    full = OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(backup, "check_data_dir", _raise(full))
    code, _out, err = _run(capsys, "--data-dir", str(opened), "check")
    assert (code, err) == (1, "careerplanner: Nothing was saved: the disk is full.\n")


def test_without_a_usable_log_folder_a_bug_says_so(
    opened: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr(backup, "check_data_dir", _raise(KeyError("card_id")))
    monkeypatch.setenv(log.LOG_DIR_ENV, str(blocker / "log"))
    try:
        code, _out, err = _run(capsys, "--data-dir", str(opened), "check")
    finally:
        monkeypatch.undo()
        log.setup()
    assert code == 2
    assert err.endswith(f"No log could be written (the log folder {blocker / 'log'} cannot be "
                        "used).\n")  # fmt: skip


def test_a_bug_in_the_self_test_fails_it_and_names_the_log(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    log_dir: Path,
) -> None:  # fmt: skip
    import careerplanner.ui

    monkeypatch.setattr(careerplanner.ui, "create_main_window", _raise(KeyError("card_id")))
    code, out, err = _run(capsys, "--data-dir", str(data_dir), "--self-test")
    assert code == 1 and "SELFTEST OK" not in out
    assert err == (
        "SELFTEST FAILED: KeyError: 'card_id'. The details are in the log file "
        f"{log_dir / log.LOG_NAME}.\n"
    )
    assert "Traceback" in (log_dir / log.LOG_NAME).read_text(encoding="utf-8")


# -- no display ------------------------------------------------------------------------------


def _no_display_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY",
                                                             "WAYLAND_SOCKET")}  # fmt: skip
    env.pop("CAREERPLANNER_DATA_DIR", None)
    env.update(extra)
    return env


def _spawn(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "careerplanner", *argv],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux's")
@pytest.mark.parametrize("platform", ["", "xcb", "wayland", "xcb;wayland"])
def test_export_pdf_without_a_display_never_aborts(tmp_path: Path, platform: str) -> None:
    """QT_QPA_PLATFORM set but empty (or naming a display server that is not there), and no
    display: Qt aborted the process with SIGABRT; now the PDF is drawn offscreen."""
    out = tmp_path / "plan.pdf"
    done = _spawn(_no_display_env(tmp_path, QT_QPA_PLATFORM=platform),
                  "--data-dir", str(tmp_path / "data"), "export-pdf", str(out))  # fmt: skip
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert done.stdout.startswith(f"Wrote the study plan to {out} (")
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux's")
def test_the_self_test_without_a_display_runs_offscreen(tmp_path: Path) -> None:
    done = _spawn(_no_display_env(tmp_path, QT_QPA_PLATFORM=""),
                  "--data-dir", str(tmp_path / "data"), "--self-test")  # fmt: skip
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert done.stdout.startswith("SELFTEST OK")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux's")
def test_the_window_without_a_display_is_one_line_not_an_abort(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = _spawn(_no_display_env(tmp_path, QT_QPA_PLATFORM=""), "--data-dir", str(data))
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert done.stderr == (
        "careerplanner: there is no display to show the window on (neither DISPLAY nor "
        "WAYLAND_DISPLAY is set). Start it in a desktop session, or use a command that needs "
        "no window (see careerplanner --help).\n"
    )
    assert not data.exists()  # nothing was created for a window that cannot open


@pytest.mark.parametrize(
    ("platform", "env", "can_start", "shows"),
    [
        ("", {}, False, False),
        ("", {"DISPLAY": ":0"}, True, True),
        ("", {"WAYLAND_DISPLAY": "wayland-0"}, True, True),
        ("xcb", {"WAYLAND_DISPLAY": "wayland-0"}, False, False),
        ("xcb", {"DISPLAY": ":1"}, True, True),
        ("wayland:fontengine=freetype", {"WAYLAND_DISPLAY": "w"}, True, True),
        ("xcb;offscreen", {}, True, False),
        ("offscreen", {"DISPLAY": ":0"}, True, False),
        ("minimal", {}, True, False),
        ("eglfs", {}, True, True),
    ],
)
def test_which_platform_can_start(
    monkeypatch: pytest.MonkeyPatch, platform: str, env: dict[str, str], can_start: bool,
    shows: bool,
) -> None:  # fmt: skip
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("QT_QPA_PLATFORM", platform)
    assert display.platform_can_start() is can_start
    assert display.has_display() is shows
    display.use_offscreen()
    assert os.environ["QT_QPA_PLATFORM"] == (platform if platform == "minimal" else "offscreen")


@pytest.mark.parametrize("system", ["win32", "darwin"])
def test_windows_and_macos_need_no_display_server(
    monkeypatch: pytest.MonkeyPatch, system: str
) -> None:
    monkeypatch.setattr(sys, "platform", system)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "")
    assert display.platform_can_start() and display.has_display()
