"""The main window opens with five tabs, each showing the path's content."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QLabel, QWidget
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.ui.window.main_window import MainWindow


def _texts(widget: QWidget) -> str:
    return "\n".join(lab.text() for lab in widget.findChildren(QLabel))


def _open(qtbot: QtBot, data_dir: Path) -> MainWindow:
    window = show_window(qtbot, data_dir)
    return window


def test_window_has_five_tabs_and_shortcuts(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Overview", "Roadmap", "Skills", "Interview Practice", "Study Plan"]
    assert "AI/ML Architect" in window.windowTitle()
    assert not window.windowIcon().isNull()
    for i in range(5):
        key = Qt.Key(Qt.Key.Key_1.value + i)
        qtbot.keyClick(window.tabs, key, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == i
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Help"]


def test_overview_shows_role_responsibilities_audience_and_counts(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = _open(qtbot, data_dir)
    text = _texts(window.tab("overview"))
    assert "AI/ML Architect Career Path" in text
    assert "A structured roadmap to become an AI/ML Architect — curated tutorials" in text
    assert "designs the technical vision for machine learning systems at scale" in text
    for resp in (
        "Design ML Systems",
        "Select Technology Stack",
        "Lead Technical Decisions",
        "Bridge Business & Engineering",
    ):
        assert resp in text
    assert "Translate business requirements into scalable ML solutions." in text
    assert "Senior engineers looking to specialize in AI/ML architecture" in text
    assert "4 phases · 32 curated tutorials · 6 tracks · 32 interview questions" in text


def test_roadmap_lists_phases_and_tutorials_with_status(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    tab = window.show_tab("roadmap")
    model = tab.view.model()
    assert model.rowCount() == 4
    for row in range(4):
        phase = model.index(row, 0)
        assert model.rowCount(phase) == 8
        assert model.index(0, 4, phase).data() == "Not started"
    # Selecting a tutorial shows its description and link in the details pane.
    first = model.index(0, 0, model.index(0, 0))
    tab.view.setCurrentIndex(first)
    assert first.data() in _texts(tab)
    assert "https://" in _texts(tab)


def test_skills_tab_shows_the_six_skills_topics_and_targets(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    text = _texts(window.show_tab("skills"))
    for name, target in [
        ("ML Fundamentals", "Intermediate"),
        ("System Design", "Advanced"),
        ("Data Engineering", "Intermediate"),
        ("ML Infrastructure", "Advanced"),
        ("Cloud & DevOps", "Intermediate"),
        ("AI Agents & LLMs", "Intermediate"),
    ]:
        assert name in text
        assert f"Target: {target}" in text
    # The topics are the checklist: one checkbox each, in the seed's order.
    tab = window.tab("skills")
    topics = [box.text() for box in tab.findChildren(QCheckBox)]
    assert "IaC (Pulumi/Terraform)" in topics
    agents = tab.findChild(QWidget, "skill_ai-agents-llms")
    assert agents is not None
    assert [box.text() for box in agents.findChildren(QCheckBox)] == [
        "Agent architectures", "Orchestration", "RAG", "Evaluation", "Guardrails",
    ]  # fmt: skip


def test_practice_tab_shows_questions_by_category_and_tips(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    tab = window.show_tab("practice")
    # The bank lists the question; choosing it shows it with its focus points.
    view = tab.findChild(QAbstractItemView, "bank_view")
    model = view.model()
    feature = "How would you design a feature store for a large organization?"
    (row,) = [r for r in range(model.rowCount()) if model.index(r, 0).data() == feature]
    view.setCurrentIndex(model.index(row, 0))
    text = _texts(tab)
    for category in ("SYSTEM DESIGN", "ML ARCHITECTURE", "DATA ENGINEERING", "LEADERSHIP"):
        assert category in text
    assert feature in text
    assert "Point-in-time correctness" in text
    assert "Reference real-world systems (Netflix, Uber, Google) to show awareness" in text


def test_plan_tab_shows_the_reading_list(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    text = _texts(window.show_tab("plan"))
    assert "Designing Machine Learning Systems" in text
    assert "by Chip Huyen" in text
    assert "MLOps: Continuous Delivery for ML" in text


def test_geometry_and_tab_are_remembered(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    window.resize(760, 540)  # the offscreen screen is 800x600
    window.show_tab("skills")
    window.close()
    again = _open(qtbot, data_dir)
    assert again.tabs.currentIndex() == 2
    assert (again.width(), again.height()) == (760, 540)


def test_pack_text_that_looks_like_html_is_shown_literally(qtbot: QtBot, data_dir: Path) -> None:
    window = _open(qtbot, data_dir)
    from careerplanner.store import models as m

    m.CareerPath.update(role_summary="<b>bold</b> & <i>not</i>").execute()
    tab = window.tab("overview")
    tab.refresh()
    labels = [lab for lab in tab.findChildren(QLabel) if lab.text() == "<b>bold</b> & <i>not</i>"]
    assert labels and all(lab.textFormat() == Qt.TextFormat.PlainText for lab in labels)
