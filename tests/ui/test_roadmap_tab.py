"""The Roadmap tab worked as a user would: status, progress, notes, links, filters, own items."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QListWidget, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.ui.roadmap.details import NOTES_SAVE_DELAY_MS
from careerplanner.ui.roadmap.tab import RoadmapTab
from careerplanner.ui.window.main_window import MainWindow


def _open(qtbot: QtBot, data_dir: Path) -> tuple[MainWindow, RoadmapTab]:
    window = show_window(qtbot, data_dir)
    tab = window.show_tab("roadmap")
    assert isinstance(tab, RoadmapTab)
    return window, tab


@pytest.fixture
def roadmap_tab(qtbot: QtBot, data_dir: Path) -> Iterator[tuple[MainWindow, RoadmapTab]]:
    yield _open(qtbot, data_dir)


def _tutorial_index(tab: RoadmapTab, phase: int, row: int) -> QModelIndex:
    return tab.proxy.index(row, 0, tab.proxy.index(phase, 0))


def _select(qtbot: QtBot, tab: RoadmapTab, phase: int, row: int) -> QModelIndex:
    index = _tutorial_index(tab, phase, row)
    tab.view.scrollTo(index)
    rect = tab.view.visualRect(index)
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.view.currentIndex().row() == row
    return index


def _status(tab: RoadmapTab, phase: int, row: int) -> str:
    return str(_tutorial_index(tab, phase, row).siblingAtColumn(4).data())


def test_models_pass_the_model_tester(qtmodeltester: ModelTester, roadmap_tab) -> None:  # type: ignore[no-untyped-def]
    _window, tab = roadmap_tab
    qtmodeltester.check(tab.model)
    tab.search.setText("kubernetes")
    qtmodeltester.check(tab.proxy)


def test_keyboard_and_mouse_change_status_and_progress(qtbot: QtBot, roadmap_tab) -> None:  # type: ignore[no-untyped-def]
    window, tab = roadmap_tab
    assert "0 of 32 tutorials done" in tab.overall_text.text()
    _select(qtbot, tab, 0, 0)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Space)
    assert _status(tab, 0, 0) == "Done"
    assert tab.overall_bar.value() == 3  # 1 of 32
    assert "1 of 32 tutorials done" in tab.overall_text.text()
    assert "1 of 8 done" in str(tab.proxy.index(0, 4).data())
    assert tab.details.finished.date().isValid()
    assert "1 of 32 tutorials done" in window._status_label.text()
    window.show_tab("overview")  # hidden tabs catch up when they are shown
    overview_text = "\n".join(lab.text() for lab in window.tab("overview").findChildren(
        type(tab.overall_text)))  # fmt: skip
    assert "1 of 32 tutorials done" in overview_text

    window.show_tab("roadmap")
    # With the mouse: the status combo in the details pane.
    _select(qtbot, tab, 0, 1)
    combo: QComboBox = tab.details.status_combo
    combo.setCurrentIndex(combo.findText("Skipped"))
    combo.activated.emit(combo.currentIndex())
    assert _status(tab, 0, 1) == "Skipped"
    assert "1 of 31 tutorials done" in tab.overall_text.text()
    assert "1 skipped tutorial left out of the totals" in tab.skipped_note.text()

    # Space again on a done tutorial takes it back; Ctrl+Z undoes.
    _select(qtbot, tab, 0, 0)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Space)
    assert _status(tab, 0, 0) == "Not started"
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _status(tab, 0, 0) == "Done"
    assert "Undo" in window.findChild(type(window.menuBar().actions()[0]), "action_undo").text()


def test_state_survives_a_restart(qtbot: QtBot, data_dir: Path) -> None:
    window, tab = _open(qtbot, data_dir)
    _select(qtbot, tab, 1, 2)
    tab.set_status("in_progress")
    tab.details.notes.setFocus()
    qtbot.keyClicks(tab.details.notes, "Read the lakehouse chapter.")
    tab.details.notes.insertPlainText(" 🚀 <i>again</i>")  # QTest types ASCII only
    qtbot.waitUntil(lambda: tab.details.notes_state.text() == "Notes saved.",
                    timeout=NOTES_SAVE_DELAY_MS * 10)  # fmt: skip
    title = _tutorial_index(tab, 1, 2).data()
    window.close()

    window, tab = _open(qtbot, data_dir)
    assert _status(tab, 1, 2) == "In progress"
    _select(qtbot, tab, 1, 2)
    assert _tutorial_index(tab, 1, 2).data() == title
    assert tab.details.notes.toPlainText() == "Read the lakehouse chapter. 🚀 <i>again</i>"
    assert tab.details.started.date().isValid()


def test_notes_pending_when_closing_are_saved(qtbot: QtBot, data_dir: Path) -> None:
    window, tab = _open(qtbot, data_dir)
    _select(qtbot, tab, 0, 3)
    tab.details.notes.setFocus()
    qtbot.keyClicks(tab.details.notes, "typed just before closing")
    window.close()  # before the save delay has passed
    window, tab = _open(qtbot, data_dir)
    _select(qtbot, tab, 0, 3)
    assert tab.details.notes.toPlainText() == "typed just before closing"


def _dialog(qtbot: QtBot, name: str) -> QDialog:
    found: list[QDialog] = []

    def visible() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.objectName() == name and w.isVisible()
        ]  # fmt: skip
        return bool(found)

    qtbot.waitUntil(visible, timeout=3000)
    return found[0]


def test_own_links_added_edited_removed_and_kept(qtbot: QtBot, data_dir: Path) -> None:
    window, tab = _open(qtbot, data_dir)
    _select(qtbot, tab, 2, 0)
    qtbot.mouseClick(tab.details.add_link_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, "link_dialog")
    qtbot.keyClicks(dialog.title_edit, "Bad link")  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.url_edit, "javascript:alert(1)")  # type: ignore[attr-defined]
    dialog.accept()
    # Refused with a message; the dialog is back with the text kept.
    dialog = _dialog(qtbot, "link_dialog")
    assert dialog.url_edit.text() == "javascript:alert(1)"  # type: ignore[attr-defined]
    dialog.url_edit.setText("https://example.org/talk")  # type: ignore[attr-defined]
    dialog.title_edit.setText("Conference talk")  # type: ignore[attr-defined]
    dialog.accept()
    links: QListWidget = tab.details.links
    qtbot.waitUntil(lambda: links.count() == 1)
    assert links.item(0).text() == "Conference talk — https://example.org/talk"
    window.close()

    window, tab = _open(qtbot, data_dir)
    _select(qtbot, tab, 2, 0)
    links = tab.details.links
    assert links.count() == 1
    links.setCurrentRow(0)
    qtbot.mouseClick(tab.details.edit_link_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, "link_dialog")
    dialog.title_edit.setText("Keynote")  # type: ignore[attr-defined]
    dialog.accept()
    qtbot.waitUntil(lambda: links.item(0).text().startswith("Keynote"))
    links.setCurrentRow(0)
    qtbot.mouseClick(tab.details.remove_link_button, Qt.MouseButton.LeftButton)
    assert links.count() == 0


def test_filters_and_search_show_the_right_rows(qtbot: QtBot, roadmap_tab) -> None:  # type: ignore[no-untyped-def]
    _window, tab = roadmap_tab
    assert tab.count_label.text() == "Showing 32 of 32 tutorials"
    assert not tab.clear_button.isEnabled()
    qtbot.keyClicks(tab.search, "feature store")
    titles = [tab.proxy.index(r, 0, tab.proxy.index(p, 0)).data()
              for p in range(tab.proxy.rowCount())
              for r in range(tab.proxy.rowCount(tab.proxy.index(p, 0)))]  # fmt: skip
    assert titles and any("Feast" in t for t in titles)
    assert tab.count_label.text() == f"Showing {len(titles)} of 32 tutorials"
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert tab.search.text() == "" and tab.count_label.text() == "Showing 32 of 32 tutorials"

    tab.track_filter.setCurrentIndex(tab.track_filter.findText("Cloud & DevOps"))
    rows = tab.proxy.visible_tutorials()
    assert 4 <= rows < 32
    tab.status_filter.setCurrentIndex(tab.status_filter.findText("Done"))
    assert tab.proxy.visible_tutorials() == 0
    assert tab.count_label.text() == "Showing 0 of 32 tutorials"
    tab.clear_filters()
    tab.phase_filter.setCurrentIndex(2)  # the second phase
    assert tab.proxy.rowCount() == 1 and tab.proxy.visible_tutorials() == 8

    # Notes are searched too.
    tab.clear_filters()
    _select(qtbot, tab, 3, 4)
    tab.details.notes.setPlainText("zebra-word")
    tab.details.save_notes()
    qtbot.keyClicks(tab.search, "ZEBRA-word")
    qtbot.waitUntil(lambda: tab.proxy.visible_tutorials() == 1)


def test_own_tutorial_added_edited_and_deleted(
    qtbot: QtBot, roadmap_tab, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window, tab = roadmap_tab
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, "tutorial_dialog")
    qtbot.keyClicks(dialog.title_edit, "<b>My</b> course & more")  # type: ignore[attr-defined]
    dialog.track_combo.setCurrentIndex(dialog.track_combo.findText("System Design"))  # type: ignore[attr-defined]
    dialog.hours_spin.setValue(7.5)  # type: ignore[attr-defined]
    dialog.url_edit.setText("https://example.org/course")  # type: ignore[attr-defined]
    dialog.accept()
    qtbot.waitUntil(lambda: tab.count_label.text() == "Showing 33 of 33 tutorials")
    current = tab.current_tutorial()
    assert current is not None and current.title == "<b>My</b> course & more" and current.custom
    # Shown literally: the view shows the text, the details heading is plain text.
    assert tab.view.currentIndex().data() == "<b>My</b> course & more"
    assert tab.details.title.textFormat() == Qt.TextFormat.PlainText
    assert tab.details.title.text() == "<b>My</b> course & more"
    assert "33 tutorials" in tab.overall_text.text() or "of 33" in tab.overall_text.text()

    qtbot.mouseClick(tab.details.edit_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, "tutorial_dialog")
    assert dialog.hours_spin.value() == 7.5  # type: ignore[attr-defined]
    dialog.title_edit.setText("Renamed course")  # type: ignore[attr-defined]
    dialog.accept()
    qtbot.waitUntil(lambda: tab.current_tutorial() is not None
                    and tab.current_tutorial().title == "Renamed course")  # type: ignore[union-attr]  # fmt: skip

    # Cancelling the confirmation keeps it; confirming deletes it; undo brings it back.
    monkeypatch.setattr(QMessageBox, "exec", lambda self: int(QMessageBox.StandardButton.Cancel))
    qtbot.mouseClick(tab.details.delete_button, Qt.MouseButton.LeftButton)
    assert tab.count_label.text() == "Showing 33 of 33 tutorials"
    monkeypatch.setattr(QMessageBox, "exec", lambda self: int(QMessageBox.StandardButton.Ok))
    qtbot.mouseClick(tab.details.delete_button, Qt.MouseButton.LeftButton)
    assert tab.count_label.text() == "Showing 32 of 32 tutorials"
    window.events.undo_stack.undo()
    assert tab.count_label.text() == "Showing 33 of 33 tutorials"


def test_built_in_tutorials_offer_no_delete(qtbot: QtBot, roadmap_tab) -> None:  # type: ignore[no-untyped-def]
    _window, tab = roadmap_tab
    _select(qtbot, tab, 0, 0)
    assert not tab.details.delete_button.isVisible()
    assert not tab.details.edit_button.isVisible()
