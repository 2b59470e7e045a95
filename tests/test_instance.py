"""A second start over the same data folder brings the running window to the front and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from careerplanner.instance import SingleInstance, notify_running
from careerplanner.ui import create_main_window


def test_second_start_raises_the_running_window_and_exits(qtbot: QtBot, data_dir: Path) -> None:
    window = create_main_window(data_dir)
    qtbot.addWidget(window)
    guard = SingleInstance(data_dir)
    assert guard.acquire()
    raised: list[bool] = []
    guard.activated.connect(window.bring_to_front)
    guard.activated.connect(lambda: raised.append(True))
    window.showMinimized()
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        second = subprocess.Popen(
            [sys.executable, "-m", "careerplanner", "--data-dir", str(data_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        qtbot.waitUntil(lambda: second.poll() is not None and bool(raised), timeout=20000)
        out, err = second.communicate()
        assert second.returncode == 0, err
        assert "already running" in out and "brought to the front" in out
        assert window.isVisible() and not window.isMinimized()
    finally:
        guard.release()


def test_other_data_folders_are_independent(qtbot: QtBot, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    first, second = SingleInstance(a), SingleInstance(b)
    try:
        assert first.acquire()
        assert second.acquire()
        assert not SingleInstance(a).acquire()
    finally:
        first.release()
        second.release()
    assert not notify_running(a, timeout_ms=200)  # nobody listens any more
