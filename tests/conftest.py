"""Shared fixtures. Qt runs offscreen; set before anything imports Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from collections.abc import Iterator
from pathlib import Path

import pytest

from careerplanner.store import Store, open_store

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session", autouse=True)
def _log_in_temp_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The app's log goes to a temporary folder, never the real per-user one (the CLI
    sets up logging; subprocesses inherit the variable)."""
    from careerplanner import log

    folder = tmp_path_factory.mktemp("log")
    previous = os.environ.get(log.LOG_DIR_ENV)
    os.environ[log.LOG_DIR_ENV] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop(log.LOG_DIR_ENV, None)
    else:
        os.environ[log.LOG_DIR_ENV] = previous


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    """A log folder of this test's own, set up; the log file is ``log_dir / LOG_NAME``."""
    from careerplanner import log

    folder = tmp_path / "log"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(log.LOG_DIR_ENV, str(folder))
        log.setup()
        yield folder
    log.setup()  # back to the session's folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated, empty database."""
    s = open_store(tmp_path / "test.sqlite3")
    yield s
    s.close()


@pytest.fixture
def mini_pack_text() -> str:
    return (DATA / "mini-pack.yaml").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[None]:
    """Message boxes never block a test: exec() returns at once, and is recorded. So does
    the bug dialog's exec() (it is otherwise opened without blocking; one left open is
    closed after the test)."""
    if "qtbot" not in request.fixturenames and "window" not in request.fixturenames:
        yield
        return
    from PySide6.QtWidgets import QMessageBox

    from careerplanner.ui import errors

    shown: list[str] = []

    def fake_exec(self: QMessageBox) -> int:
        shown.append(self.text())
        return int(QMessageBox.StandardButton.Ok)

    def fake_bug_exec(self: errors.BugDialog) -> int:
        shown.append(self.message)
        self.reject()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(errors.BugDialog, "exec", fake_bug_exec)
    request.node.shown_dialogs = shown
    yield
    dialog = errors.current_bug_dialog()
    if dialog is not None:
        dialog.reject()
