"""A write in the window while another process writes (an import-path from the command
line, say): after the busy timeout the window says in words that the data is busy;
the action is not recorded and nothing is lost. The other process is real
(``tests/busy.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from windows import show_window

from busy import another_process_writing
from careerplanner.services import catalog, practice
from careerplanner.store import database
from careerplanner.ui.practice.tab import PracticeTab
from fingerprint import data_fingerprint


@pytest.fixture(autouse=True)
def _short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)


def _rows(data_dir: Path) -> list[str]:
    return data_fingerprint(data_dir)[0]


def test_a_rating_in_the_window_while_another_process_writes(
    qtbot: QtBot, data_dir: Path, request: pytest.FixtureRequest
) -> None:
    window = show_window(qtbot, data_dir)
    tab = window.show_tab("practice")
    assert isinstance(tab, PracticeTab)
    qid = next(q.id for q in catalog.questions(window.store, window.path_id))
    tab.open_session(qid)
    tab.session.editor.setPlainText("My answer, typed before the other process began")
    tab.session.flush_draft()
    qtbot.mouseClick(tab.session.review_button, Qt.MouseButton.LeftButton)
    assert tab.session.in_review  # the rating comes after the review step
    rows = _rows(data_dir)
    with another_process_writing(data_dir):
        tab.rate(3)
        shown = request.node.shown_dialogs
        assert shown and shown[-1].startswith(
            "The data is busy: another Career Planner command is writing. Try again in a "
            "moment.\n\nYour last change was not recorded, and nothing was lost"
        )
        # Not recorded, and nothing of the answer lost: the session is still open with it.
        assert practice.attempts(window.store, qid) == []
        assert tab.session.active and tab.session.in_review
        assert tab.session.answer() == "My answer, typed before the other process began"
    assert _rows(data_dir) == rows
    assert not window.events.undo_stack.canUndo()
    # The other process has finished: the same rating goes through.
    tab.rate(3)
    (attempt,) = practice.attempts(window.store, qid)
    assert attempt.rating == 3
    assert attempt.answer == "My answer, typed before the other process began"
    assert len(request.node.shown_dialogs) == 1
