"""Career-path updates in the window: an update from a file shows what it retires and
asks first; a file never takes over the built-in path; after the built-in path's own
upgrade the window says once what is new (status bar) and Help → What's New tells more."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner import paths
from careerplanner.services import roadmap
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus
from fingerprint import data_fingerprint
from packs_data import MINI, first_edition, mini_v2, takeover, write


def _answer(monkeypatch: pytest.MonkeyPatch, ok: bool) -> list[tuple[str, str]]:
    """Message boxes answered with OK (or Cancel); returns (text, informative text) seen."""
    seen: list[tuple[str, str]] = []

    def fake_exec(self: QMessageBox) -> int:
        seen.append((self.text(), self.informativeText()))
        button = QMessageBox.StandardButton.Ok if ok else QMessageBox.StandardButton.Cancel
        return int(button)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


def test_an_update_from_a_file_lists_what_it_retires_and_asks(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = show_window(qtbot, data_dir)
    assert window.path_actions.import_file(MINI)  # a new path: nothing to ask
    assert window.windowTitle().startswith("Mini Path")
    roadmap.set_status(window.store, int(m.Tutorial.get(m.Tutorial.key == "t2").id),
                       TutorialStatus.DONE)  # fmt: skip
    v2 = write(tmp_path, "mini-v2.yaml", mini_v2())
    before = data_fingerprint(data_dir)

    seen = _answer(monkeypatch, ok=False)
    assert not window.path_actions.import_file(v2)
    ((text, details),) = seen
    assert text == "mini-v2.yaml updates “Mini Path” from version 1 to version 2."
    assert "Retired, and kept because you worked on them (1 tutorial)" in details
    assert "  tutorial: Tutorial 2" in details.splitlines()
    assert "A backup of your data is made first." in details
    assert data_fingerprint(data_dir) == before  # cancelled: nothing changed, no backup

    seen = _answer(monkeypatch, ok=True)
    assert window.path_actions.import_file(v2)
    assert len(seen) == 1
    backups = [p.name for p in paths.backup_dir(data_dir).glob("*-import.sqlite3")]
    assert len(backups) == 2  # one before each import
    t2 = m.Tutorial.get(m.Tutorial.key == "t2")
    assert t2.retired and t2.status == TutorialStatus.DONE
    assert m.CareerPath.get(m.CareerPath.key == "mini-path").pack_version == 2


def test_a_file_never_takes_over_the_built_in_path_in_the_window(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    window = show_window(qtbot, data_dir)
    before = data_fingerprint(data_dir)
    assert not window.path_actions.import_file(write(tmp_path, "t.yaml", takeover()))
    (shown,) = request.node.shown_dialogs
    assert "A file never replaces or updates the built-in path" in shown
    assert data_fingerprint(data_dir) == before
    assert window.windowTitle().startswith("AI/ML Architect")


def test_after_the_built_in_upgrade_the_window_tells_once_what_is_new(
    qtbot: QtBot, data_dir: Path, request: pytest.FixtureRequest
) -> None:
    first_edition(data_dir)
    window = show_window(qtbot, data_dir)
    message = window.statusBar().currentMessage()
    assert message == (
        "“AI/ML Architect” updated to version 2 — new: 4 tutorials, 24 interview questions; "
        "1 you worked on kept as retired. Help → What's New"
    )
    action = window.findChild(QAction, "action_whats_new")
    assert action is not None
    action.trigger()
    assert request.node.shown_dialogs[-1] == (
        "“AI/ML Architect” was updated from version 1 to version 2."
    )
    window.close()

    again = show_window(qtbot, data_dir)  # told once: not again at the next start
    assert "updated to version" not in again.statusBar().currentMessage()
    again_action = again.findChild(QAction, "action_whats_new")
    assert again_action is not None
    again_action.trigger()  # still there to read
    assert request.node.shown_dialogs[-1].startswith("“AI/ML Architect” was updated")


def test_file_export_then_import_of_a_path_with_own_tutorials(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """File → Export Career Path, then File → Import Career Path of that file: it imports
    (an update the patched dialog confirms), the own tutorial stays the learner's own, and
    exporting again gives the same file."""
    window = show_window(qtbot, data_dir)
    assert window.path_actions.import_file(MINI)
    phase, skill = m.Phase.get(m.Phase.key == "one"), m.Skill.get(m.Skill.key == "beta")
    own = roadmap.add_tutorial(window.store, window.path_id, roadmap.TutorialDraft(
        phase.id, "Own course", skill.id, 1, 2.0, "https://example.org/own")).value  # fmt: skip
    roadmap.set_notes(window.store, own, "my notes")
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    assert window.path_actions.export_file(first)
    assert "title: Own course" in first.read_text(encoding="utf-8")
    assert window.path_actions.import_file(first)
    assert request.node.shown_dialogs == ["first.yaml updates “Mini Path” from version 1 to "
                                          "version 1."]  # fmt: skip
    row = m.Tutorial.get_by_id(own)
    assert row.custom and row.notes == "my notes"
    assert window.path_actions.export_file(second)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_a_built_in_upgrade_stopped_part_way_is_explained_and_completed_next_time(
    qtbot: QtBot, data_dir: Path, request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    import peewee

    from careerplanner.services import packs
    from careerplanner.ui.app import open_window

    first_edition(data_dir)

    def busy(path: m.CareerPath, pack: object) -> None:
        raise peewee.OperationalError("database is locked")

    steps = packs._STEPS
    monkeypatch.setattr(packs, "_STEPS", (*steps[:4], busy, *steps[5:]))
    assert open_window(data_dir) is None
    (shown,) = request.node.shown_dialogs
    assert shown.startswith("Updating the career path “AI/ML Architect” stopped part-way: the "
                            "data is busy")  # fmt: skip
    assert shown.endswith("start Career Planner again to complete it.")
    monkeypatch.setattr(packs, "_STEPS", steps)
    window = show_window(qtbot, data_dir)  # the next start completes it
    assert m.CareerPath.get_by_id(window.path_id).pack_version == 2
    assert "updated to version 2" in window.statusBar().currentMessage()
