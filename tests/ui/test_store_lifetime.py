"""A window holds its data folder's store for its life and never writes anywhere else."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.services import settings
from careerplanner.store import StoreAlreadyOpenError, StoreClosedError
from careerplanner.ui import create_main_window
from fingerprint import data_fingerprint


def test_a_closed_window_never_writes_into_the_next_folder(qtbot: QtBot, tmp_path: Path) -> None:
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    first = create_main_window(a_dir)  # never shown: Qt sends it every close event
    qtbot.addWidget(first)
    first.show_tab("practice")  # its bank is recounted once a minute
    first.show_tab("plan")
    plan_index = first.tabs.currentIndex()
    first.close()
    assert not first.store.is_open
    assert not [t.objectName() for t in first.findChildren(QTimer) if t.isActive()]
    a_after_close = data_fingerprint(a_dir)

    second = show_window(qtbot, b_dir)
    b_before = data_fingerprint(b_dir)
    first.close()  # a second close event: nothing left to save, nothing written
    QApplication.processEvents()
    assert data_fingerprint(b_dir) == b_before
    assert data_fingerprint(a_dir) == a_after_close
    with pytest.raises(StoreClosedError):
        settings.put(first.store, settings.CURRENT_TAB, "0")
    assert second.store.is_open
    second.close()
    # The plan tab shown in the first window was remembered in the first folder only.
    assert data_fingerprint(a_dir) == a_after_close
    tab_setting = f"INSERT INTO \"setting\" VALUES('{settings.CURRENT_TAB}','{plan_index}');"
    assert tab_setting in a_after_close[0]
    assert tab_setting not in data_fingerprint(b_dir)[0]


def test_a_second_window_while_one_is_open_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    first = show_window(qtbot, tmp_path / "a")
    with pytest.raises(StoreAlreadyOpenError):
        create_main_window(tmp_path / "b")
    assert first.store.is_open
    first.close()
    create_main_window(tmp_path / "b").close()  # once the first is closed
