"""The coach in the window: the first-run set-up, "not rated yet", bulk status, test-out,
how far a tutorial is, and re-planning from the pace."""

from __future__ import annotations

from datetime import date, time, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, QTime
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWizard
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner.services import plan, roadmap, settings, skills
from careerplanner.services.plan import PlanSettings
from careerplanner.services.study_days import StudyTime
from careerplanner.store import models as m
from careerplanner.ui import create_main_window
from careerplanner.ui.plan.tab import PlanTab
from careerplanner.ui.roadmap.tab import RoadmapTab
from careerplanner.ui.window.main_window import MainWindow
from careerplanner.ui.window.setup_wizard import SetupWizard
from careerplanner.vocab import Level, TutorialStatus


def _texts(window: MainWindow) -> str:
    return "\n".join(label.text() for label in window.findChildren(QLabel)) + "\n".join(
        b.text() for b in window.findChildren(QPushButton)
    )


def _skill(window: MainWindow, name: str) -> skills.SkillItem:
    return next(s for s in skills.assessment(window.store, window.path_id) if s.name == name)


def _wizards(window: MainWindow) -> list[SetupWizard]:
    return [w for w in window.findChildren(SetupWizard) if w.isVisible()]


def test_a_new_user_is_asked_once_and_the_setup_saves_what_was_entered(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = show_window(qtbot, data_dir)
    assert _wizards(window) == [], "the test seam never opens the set-up by itself"
    overview = window.show_tab("overview")
    assert "Not rated yet" in overview.findChild(QLabel, "not_rated").text()
    assert "None →" not in _texts(window) and "levels to go" not in _texts(window)

    rate = overview.findChild(QPushButton, "rate_skills")
    qtbot.mouseClick(rate, Qt.MouseButton.LeftButton)  # "Rate Your Skills…": the skills page
    [opened] = _wizards(window)
    assert opened.currentPage() is opened.skills_page
    opened.reject()
    settings.SETUP_STATE.reset(window.store)  # as if never shown: the start offers it
    wizard = window.offer_setup()
    # Opened window-modal, without blocking: the call came back with it on screen.
    assert isinstance(wizard, SetupWizard) and wizard.isVisible()
    assert wizard.windowModality() == Qt.WindowModality.WindowModal
    de, ml = _skill(window, "Data Engineering"), _skill(window, "ML Fundamentals")
    combo = wizard.findChild(
        type(wizard.skills_page.level_combos[de.id]), "setup_level_data-engineering"
    )
    combo.setCurrentIndex(combo.findData(int(Level.EXPERT)))
    for topic in de.topics:
        wizard.skills_page.topic_checks[topic.id].setChecked(True)
    ml_combo = wizard.skills_page.level_combos[ml.id]
    ml_combo.setCurrentIndex(ml_combo.findData(int(Level.BEGINNER)))
    t = wizard.time_page
    t.hours.setValue(10.5)
    t.day_checks[0].setChecked(False)  # not Monday
    t.day_checks[1].setChecked(True)  # Tuesday at 18:30
    t.day_times[1].setTime(QTime(18, 30))
    t.day_checks[5].setChecked(True)  # Saturday at 09:00
    t.day_times[5].setTime(QTime(9, 0))
    start = date.today() + timedelta(days=3)
    t.start.setDate(QDate(start.year, start.month, start.day))
    t.target.setDate(QDate(start.year, start.month, start.day).addDays(200))
    assert "4 sessions a week of 2.6 h" in t.sessions.text()
    wizard.go_to_end()
    summary = wizard.summary_page.text.text()
    assert "At or above target: Data Engineering" in summary
    assert "First up:" in summary
    undo_before = window.events.undo_stack.count()
    wizard.button(QWizard.WizardButton.FinishButton).click()

    assert not wizard.isVisible()
    assert window.events.undo_stack.count() == undo_before + 1
    assert window.events.undo_stack.undoText() == "Set up your plan"
    store, path_id = window.store, window.path_id
    assert _skill(window, "Data Engineering").level == Level.EXPERT
    assert all(t.checked for t in _skill(window, "Data Engineering").topics)
    assert _skill(window, "ML Fundamentals").level == Level.BEGINNER
    saved = plan.get_settings(store, path_id)
    assert saved.hours_per_week == 10.5
    assert saved.study_times == (
        StudyTime(1, time(18, 30)), StudyTime(2, time(19)), StudyTime(4, time(19)),
        StudyTime(5, time(9)),
    )  # fmt: skip
    assert (saved.start_date, saved.target_date) == (start, start + timedelta(days=200))
    assert [s.note for s in skills.snapshots(store, path_id)] == ["Self-assessment from the set-up"]
    assert settings.SETUP_STATE.get(store) == "finished"

    # Everything after reflects it: the Overview's gaps and Next up.
    window.show_tab("overview")
    assert overview.findChild(QLabel, "not_rated") is None
    gap = overview.findChild(QPushButton, "gap_0")
    assert gap is not None and gap.text().startswith("System Design")
    next_up = overview.findChild(QPushButton, "next_0")
    assert next_up is not None and "Data Engineering" not in next_up.text()

    # One undo takes the whole set-up back; it is not offered again.
    window.events.undo_stack.undo()
    assert _skill(window, "Data Engineering").level == 0
    assert not skills.is_rated(store, path_id)
    assert plan.get_settings(store, path_id).hours_per_week == 6
    assert overview.findChild(QLabel, "not_rated") is not None
    window.close()
    window = show_window(qtbot, data_dir)
    assert window.offer_setup() is None


def test_skipping_the_setup_shows_it_no_more_but_help_opens_it(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = show_window(qtbot, data_dir)
    wizard = window.offer_setup()
    assert wizard is not None
    wizard.button(QWizard.WizardButton.CancelButton).click()  # "Skip Set-Up"
    assert not wizard.isVisible()
    assert settings.SETUP_STATE.get(window.store) == "skipped"
    assert window.events.undo_stack.count() == 0  # nothing of the user's changed
    window.close()

    window = show_window(qtbot, data_dir)
    assert window.offer_setup() is None
    action = window.findChild(QAction, "action_setup")
    assert action is not None and action.text() == "&Set Up Your Plan…"
    action.trigger()
    assert len(_wizards(window)) == 1
    _wizards(window)[0].reject()


def test_a_folder_in_use_is_not_asked(qtbot: QtBot, data_dir: Path) -> None:
    window = create_main_window(data_dir)
    tid = plan.remaining_work(window.store, window.path_id)[0].ref_id
    roadmap.set_status(window.store, tid, TutorialStatus.DONE)
    window.close()
    window = show_window(qtbot, data_dir)
    assert window.offer_setup() is None and _wizards(window) == []


def _select_rows(tab: RoadmapTab, rows: list[tuple[int, int]]) -> None:
    tab.view.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for phase, row in rows:
        index = tab.proxy.index(row, 0, tab.proxy.index(phase, 0))
        tab.view.selectionModel().select(index, flags)
    tab.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)


def test_several_tutorials_change_status_as_one_step(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    tab = window.show_tab("roadmap")
    assert isinstance(tab, RoadmapTab)
    _select_rows(tab, [(0, 0), (0, 2), (1, 1)])
    assert [t.title for t in tab.selected_tutorials()] == [
        "Machine Learning Crash Course", "Kaggle Learn: Feature Engineering",
        "Medallion Lakehouse Architecture",
    ]  # fmt: skip
    assert "3 selected" in tab.count_label.text() and tab.status_button.text() == "Set S&tatus (3)"
    skipped = next(a for a in tab.status_menu.actions() if a.objectName() == "set_status_skipped")
    skipped.trigger()
    ids = [t.id for t in tab.selected_tutorials()]
    assert {m.Tutorial.get_by_id(i).status for i in ids} == {TutorialStatus.SKIPPED}
    assert window.events.undo_stack.undoText() == "Mark 3 tutorials Skipped"
    assert [tab.proxy.index(r, 4, tab.proxy.index(0, 0)).data() for r in (0, 1, 2)] == [
        "Skipped", "Not started", "Skipped"
    ]  # fmt: skip
    window.events.undo_stack.undo()
    assert {m.Tutorial.get_by_id(i).status for i in ids} == {TutorialStatus.NOT_STARTED}
    # Space: all done; again: all back in progress.
    _select_rows(tab, [(0, 0), (0, 2), (1, 1)])
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Space)
    assert {m.Tutorial.get_by_id(i).status for i in ids} == {TutorialStatus.DONE}
    qtbot.keyClick(tab.view, Qt.Key.Key_Space)
    assert {m.Tutorial.get_by_id(i).status for i in ids} == {TutorialStatus.IN_PROGRESS}
    assert window.events.undo_stack.undoText() == "Mark 3 tutorials In progress"
    window.events.undo_stack.undo()
    assert {m.Tutorial.get_by_id(i).status for i in ids} == {TutorialStatus.DONE}


def _rate_expert_in_data_engineering(window: MainWindow) -> skills.SkillItem:
    de = _skill(window, "Data Engineering")
    window.events.run("Rate", partial(skills.set_level, window.store, de.id, int(Level.EXPERT)))
    return de


def test_testing_out_of_a_track_is_one_step_and_says_what_it_saved(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = show_window(qtbot, data_dir)
    tab = window.show_tab("plan")
    assert isinstance(tab, PlanTab)
    assert not tab.test_out_panel.isVisible()  # not rated: nothing to test out of
    de = _rate_expert_in_data_engineering(window)
    assert tab.test_out_panel.isVisible()
    rows = list(m.Tutorial.select().where(m.Tutorial.skill == de.id))
    hours = sum(t.hours for t in rows)
    total_before = plan.schedule_for(window.store, window.path_id).total_hours
    with qtbot.waitSignal(window.events.status_message) as said:
        qtbot.mouseClick(tab.test_out_panel.buttons[de.id], Qt.MouseButton.LeftButton)
    assert said.args == [
        f"Tested out of Data Engineering: {len(rows)} tutorials skipped, {hours:g} h saved. "
        "Edit → Undo takes it back."
    ]
    assert {m.Tutorial.get_by_id(t.id).status for t in rows} == {TutorialStatus.SKIPPED}
    assert window.events.undo_stack.undoText() == "Test out of Data Engineering"
    label = tab.test_out_panel.findChild(QLabel, f"known_{de.id}")
    assert f"{hours:g} h saved" in label.text()
    assert de.id not in tab.test_out_panel.buttons
    schedule = plan.schedule_for(window.store, window.path_id)
    assert schedule.total_hours == total_before - hours
    window.events.undo_stack.undo()
    assert {m.Tutorial.get_by_id(t.id).status for t in rows} == {TutorialStatus.NOT_STARTED}
    assert de.id in tab.test_out_panel.buttons


def test_how_far_a_tutorial_is_changes_what_the_plan_schedules(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = show_window(qtbot, data_dir)
    tab = window.show_tab("roadmap")
    assert isinstance(tab, RoadmapTab)
    first = tab.model.phases()[0].tutorials[0]
    tab.select_item(first.id)
    combo = tab.details.percent_combo
    assert not combo.isVisible()
    tab.set_status(TutorialStatus.IN_PROGRESS)
    assert combo.isVisible() and combo.currentText() == "Not said (counts as half done)"
    combo.setCurrentIndex(combo.findData(80))
    combo.activated.emit(combo.currentIndex())
    assert m.Tutorial.get_by_id(first.id).percent_done == 80
    item = plan.schedule_for(window.store, window.path_id).weeks[0].items[0]
    assert (item.ref_id, item.detail.split(" · ")[1]) == (first.id, "80% done")
    assert item.hours == min(first.hours * 0.2, 5)
    window.events.undo_stack.undo()
    assert m.Tutorial.get_by_id(first.id).percent_done is None
    assert combo.currentData() is None


def test_behind_the_target_one_click_replans_from_today(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    store, path_id = window.store, window.path_id
    today = date.today()
    settings_before = PlanSettings(
        hours_per_week=6,
        start_date=today - timedelta(days=20),
        target_date=today + timedelta(days=120),
    )
    window.events.run("Plan", partial(plan.save_settings, store, path_id, settings_before))
    tab = window.show_tab("plan")
    assert isinstance(tab, PlanTab)
    panel = tab.pace_panel
    assert panel.chart.isVisible() and len(panel.chart.weeks) == 3
    assert panel.message.text().startswith("Behind the plan by")
    assert panel.replan_button.isVisible()
    needed = plan.schedule_for(store, path_id).hours_needed
    assert needed is not None and panel.replan_button.text() == f"Use {needed:g} h a Week"
    assert f"{needed:g} hours a week would meet it" in tab.advice.text()
    qtbot.mouseClick(panel.replan_button, Qt.MouseButton.LeftButton)
    now = plan.get_settings(store, path_id)
    assert (now.start_date, now.hours_per_week) == (today, needed)
    assert tab.hours_spin.value() == needed
    assert not panel.replan_button.isVisible()
    assert plan.schedule_for(store, path_id).on_track is True
    assert window.events.undo_stack.undoText() == f"Re-plan from today at {needed:g} h a week"
    window.events.undo_stack.undo()
    assert plan.get_settings(store, path_id) == settings_before
    assert QApplication.instance() is not None


def test_the_plan_tab_keeps_the_study_days_it_does_not_edit(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    store, path_id = window.store, window.path_id
    days = (StudyTime(1, time(18, 30)), StudyTime(5, time(9)))
    window.events.run("Plan", partial(plan.save_settings, store, path_id,
                                      PlanSettings(study_times=days)))  # fmt: skip
    tab = window.show_tab("plan")
    assert isinstance(tab, PlanTab)
    assert tab.days_label.text() == "Tue 18:30, Sat 09:00, 3.0 h a session"
    tab.hours_spin.setValue(7)
    assert plan.get_settings(store, path_id).study_times == days
    assert tab.days_label.text() == "Tue 18:30, Sat 09:00, 3.5 h a session"
    qtbot.mouseClick(tab.days_button, Qt.MouseButton.LeftButton)
    [wizard] = _wizards(window)
    assert wizard.currentPage() is wizard.time_page
    assert [c.isChecked() for c in wizard.time_page.day_checks] == [
        False, True, False, False, False, True, False
    ]  # fmt: skip
    wizard.reject()
    assert settings.SETUP_STATE.get(store) == "skipped"
