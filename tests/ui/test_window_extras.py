"""Career paths, theme, settings, shortcuts and About in the main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.export import PDF, export_plan
from careerplanner.services import report
from careerplanner.ui import theme
from careerplanner.ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "mlops-engineer.yaml"
HOSTILE = ROOT / "tests" / "data" / "hostile-pack.yaml"


def _open(qtbot: QtBot, data_dir: Path) -> MainWindow:
    window = show_window(qtbot, data_dir)
    return window


@pytest.fixture(autouse=True)
def _light_again() -> object:
    yield None
    theme.apply(theme.LIGHT)


def _labels(window: MainWindow, name: str) -> list[str]:
    return [lab.text() for lab in window.tab(name).findChildren(QLabel)]


def test_switching_paths_moves_every_tab_and_keeps_progress_apart(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = _open(qtbot, data_dir)
    combo = window.path_actions.combo
    assert not combo.isVisible()  # one path: nothing to choose
    assert window.path_actions.import_file(EXAMPLE)
    assert combo.isVisible() and combo.count() == 2
    assert combo.currentText() == "MLOps Engineer"
    assert "MLOps Engineer" in window.windowTitle()
    for name in ("overview", "roadmap", "skills", "practice", "plan"):
        window.tab(name)  # every tab follows the selected path
    assert "MLOps Engineer Career Path" in _labels(window, "overview")
    roadmap = window.show_tab("roadmap")
    assert roadmap.model.rowCount() == 2  # type: ignore[attr-defined]
    roadmap.select_item(roadmap.model.phases()[0].tutorials[0].id)  # type: ignore[attr-defined]
    roadmap.set_status("done")  # type: ignore[attr-defined]
    assert "1 of 4 tutorials done" in window._status_label.text()

    combo.setCurrentIndex(combo.findData(1))
    combo.activated.emit(combo.currentIndex())
    assert "AI/ML Architect" in window.windowTitle()
    assert "0 of 32 tutorials done" in window._status_label.text()
    assert roadmap.model.rowCount() == 4  # type: ignore[attr-defined]
    combo.setCurrentIndex(combo.findText("MLOps Engineer"))
    combo.activated.emit(combo.currentIndex())
    window.close()

    again = _open(qtbot, data_dir)  # the choice is remembered
    assert "MLOps Engineer" in again.windowTitle()
    assert "1 of 4 tutorials done" in again._status_label.text()


def test_export_import_and_remove_a_path(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    window = _open(qtbot, data_dir)
    assert not window.path_actions.remove_action.isEnabled()  # the built-in path
    out = tmp_path / "exported.yaml"
    assert window.path_actions.export_file(out)
    assert out.read_text(encoding="utf-8").count("- id:") > 40
    window.path_actions.import_file(EXAMPLE)
    assert window.path_actions.remove_action.isEnabled()
    assert window.path_actions.confirm_remove()  # the patched dialog answers OK
    assert window.path_actions.combo.count() == 1
    assert "AI/ML Architect" in window.windowTitle()
    assert any((data_dir / "backups").iterdir())  # a backup was made first


def test_a_bad_pack_is_refused_with_its_location(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    window = _open(qtbot, data_dir)
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("hours: 6", "hours: six"))
    assert not window.path_actions.import_file(bad)
    [message] = request.node.shown_dialogs
    assert str(bad) in message and "phases[0].tutorials[1].hours" in message
    assert window.path_actions.combo.count() == 1


def test_markup_in_a_pack_is_shown_literally(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    window = _open(qtbot, data_dir)
    assert window.path_actions.import_file(HOSTILE)
    title = "<b>Bold</b> & <script>alert(1)</script> Engineer"
    assert title in window.windowTitle()
    overview = window.tab("overview")
    [heading] = [lab for lab in overview.findChildren(QLabel) if lab.text().startswith("<b>Bold")]
    assert heading.textFormat() == Qt.TextFormat.PlainText
    roadmap = window.show_tab("roadmap")
    first = roadmap.model.phases()[0].tutorials[0]  # type: ignore[attr-defined]
    assert first.title.startswith("<i>MLflow</i>")
    roadmap.select_item(first.id)  # type: ignore[attr-defined]
    assert roadmap.details.title.text().startswith("<i>MLflow</i>")  # type: ignore[attr-defined]
    assert roadmap.details.title.textFormat() == Qt.TextFormat.PlainText  # type: ignore[attr-defined]
    # Tooltips are escaped, so Qt prints the markup instead of rendering it.
    index = roadmap.model.index_of_tutorial(first.id)  # type: ignore[attr-defined]
    tip = str(index.data(Qt.ItemDataRole.ToolTipRole))
    assert "<i>" not in tip or "&lt;" in tip
    phase_tip = str(roadmap.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole))  # type: ignore[attr-defined]
    assert "<script>" not in phase_tip
    out = tmp_path / "hostile.pdf"
    export_plan(PDF, report.build_report(window.store, window.path_id), out, data_dir=data_dir)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    assert "<script>alert(1)</script>" in text
    assert "<a href='file:///etc/passwd'>Tracking</a>" in text


def test_theme_switch_recolours_the_window_and_charts(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    overview = window.tab("overview")
    light_empty = overview.heatmap.color_for(0).name()  # type: ignore[attr-defined]
    window.theme_actions[theme.DARK].trigger()
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    assert base.lightness() < 80
    qtbot.waitUntil(lambda: overview.heatmap.color_for(0).name() != light_empty)  # type: ignore[attr-defined]
    skills = window.show_tab("skills")
    qtbot.waitUntil(lambda: skills.findChild(object, "radar_plot") is not None, timeout=5000)
    radar = skills.findChild(object, "radar_plot")
    assert radar.backgroundBrush().color().lightness() < 80  # type: ignore[union-attr]
    window.close()
    again = _open(qtbot, data_dir)
    assert again.theme_actions[theme.DARK].isChecked()


def test_every_menu_action_is_reachable_from_the_keyboard(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)

    def check(menu: QMenu) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            sub = action.menu()
            if isinstance(sub, QMenu):
                check(sub)
                continue
            text = action.text()
            assert action.shortcuts() or ("&" in text.replace("&&", "")), text

    for top in window.menuBar().actions():
        assert "&" in top.text(), top.text()
        assert isinstance(top.menu(), QMenu)
        check(top.menu())  # type: ignore[arg-type]
    dialog = window.show_shortcuts()
    listed = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert {"Quit", "Overview", "Keyboard Shortcuts", "Settings…"} <= listed


def test_about_shows_the_data_folder(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    dialog = window.show_about()
    assert str(data_dir) in [lab.text() for lab in dialog.findChildren(QLabel)]
    assert dialog.open_button.isEnabled()


def test_settings_dialog_stores_its_choices(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    dialog = window.show_settings()
    general = dialog.general
    general.weekday_combo.setCurrentIndex(general.weekday_combo.findText("Sunday"))
    general.theme_combo.setCurrentIndex(general.theme_combo.findData(theme.DARK))
    dialog.timers.timer_spins["Leadership"].setValue(9)
    dialog.backups.keep_daily.setValue(3)
    dialog.accept()
    assert window.theme_actions[theme.DARK].isChecked()
    overview = window.tab("overview")
    assert overview.heatmap.data.start.weekday() == 6  # type: ignore[attr-defined,union-attr]
    dialog = window.show_settings()
    assert dialog.timers.timer_spins["Leadership"].value() == 9
    assert dialog.backups.keep_daily.value() == 3
    assert isinstance(window.findChild(QAction, "action_settings"), QAction)


def test_undo_and_redo_work_across_tabs(qtbot: QtBot, data_dir: Path) -> None:
    from careerplanner.services import catalog, roadmap

    window = _open(qtbot, data_dir)
    road = window.show_tab("roadmap")
    first = road.model.phases()[0].tutorials[0]  # type: ignore[attr-defined]
    road.select_item(first.id)  # type: ignore[attr-defined]
    road.set_status("done")  # type: ignore[attr-defined]
    before = roadmap.state(window.store, first.id)
    skills = window.show_tab("skills")
    card = skills.cards["system-design"]  # type: ignore[attr-defined]
    qtbot.mouseClick(
        card.findChild(QAbstractButton, "level_system-design_3"), Qt.MouseButton.LeftButton
    )
    window.show_tab("overview")
    undo = window.findChild(QAction, "action_undo")
    assert undo is not None and "System Design" in undo.text()
    undo.trigger()
    level = {s.key: s.level for s in catalog.skills(window.store, window.path_id)}
    assert level["system-design"] == 0
    undo.trigger()
    assert roadmap.state(window.store, first.id).status == "not_started"
    window.findChild(QAction, "action_redo").trigger()  # type: ignore[union-attr]
    assert roadmap.state(window.store, first.id) == before
