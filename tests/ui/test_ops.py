"""The one operation runner: every kind of change undoes and redoes through it, views
follow, and a tab refreshes only for the changes it watches."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from windows import show_window

from careerplanner import paths
from careerplanner.services import changes, plan, practice, roadmap, skills
from careerplanner.services import practice_questions as questions
from careerplanner.services.changes import Area, Changes
from careerplanner.ui.window.main_window import MainWindow
from careerplanner.vocab import BookStatus, TutorialStatus

#: Tables of user data, and the columns that only record when a row was written.
TABLES = ("tutorial", "tutorial_link", "skill", "topic", "snapshot", "question",
          "focus_point", "attempt", "book", "plan_settings")  # fmt: skip
WHEN_WRITTEN = {"updated_at"}


def user_state(data_dir: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the user's data, without the times rows were written."""
    conn = sqlite3.connect(f"{paths.database_path(data_dir).as_uri()}?mode=ro", uri=True)
    try:
        state = {}
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table} ORDER BY id")
            names = [c[0] for c in cursor.description]
            keep = [i for i, n in enumerate(names) if n not in WHEN_WRITTEN]
            state[table] = [tuple(row[i] for i in keep) for row in cursor]
        return state
    finally:
        conn.close()


def _first_tutorial(window: MainWindow) -> int:
    tab: Any = window.show_tab("roadmap")
    tab.select_item(tab.model.phases()[0].tutorials[0].id)
    tutorial = tab.current_tutorial()
    assert tutorial is not None
    return int(tutorial.id)


def _kinds(window: MainWindow) -> dict[str, Callable[[], object]]:
    """One action of every kind, each done the way the UI does it."""
    store, path_id = window.store, window.path_id
    road: Any = window.tab("roadmap")
    skills_tab: Any = window.tab("skills")
    tid = _first_tutorial(window)
    phase_id = road.model.phases()[0].id
    skill = skills.assessment(store, path_id)[0]
    topic = skill.topics[0]
    question = practice.question_bank(store, path_id)[0]
    book = plan.unread_books(store, path_id)[0][0]

    def notes() -> None:
        road.details.notes.setPlainText("My notes")
        road.details.save_notes()

    def snapshot() -> None:
        skills_tab.note.setText("before the course")
        skills_tab.save_assessment()

    def rating() -> None:
        practice_tab: Any = window.show_tab("practice")
        practice_tab.open_session(question.id)
        practice_tab.session.start_button.click()
        practice_tab.session.start_review()  # ratings come after the review step
        practice_tab.rate(3)

    def run(text: str, op: Callable[[], changes.Outcome[Any]]) -> Callable[[], object]:
        return lambda: window.events.run(text, op, parent=window)

    draft = roadmap.TutorialDraft(phase_id, "My own course", skill.id, 1, 2.0)
    own_question = questions.QuestionDraft("Leadership", "Why this role?", "", ("Motive",))
    settings = plan.PlanSettings(hours_per_week=9.5, start_date=date(2026, 12, 7))
    return {
        "status": lambda: road.set_status(TutorialStatus.DONE),
        "notes": notes,
        "link": run("Add link", partial(roadmap.add_link, store, tid, "Mine", "https://x.org")),
        "own tutorial": run("Add", partial(roadmap.add_tutorial, store, path_id, draft)),
        "assessment": lambda: skills_tab.set_level(skill.id, 3),
        "topic": lambda: skills_tab.set_topic(topic.id, topic.name, True),
        "snapshot": snapshot,
        "rating": rating,
        "own question": run("Add", partial(questions.add_question, store, path_id, own_question)),
        "plan settings": run("Plan", partial(plan.save_settings, store, path_id, settings)),
        "book status": run("Book", partial(plan.set_book_status, store, book, BookStatus.READ)),
    }


KINDS = ("status", "notes", "link", "own tutorial", "assessment", "topic", "snapshot",
         "rating", "own question", "plan settings", "book status")  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_change_undoes_and_redoes_through_the_runner(
    qtbot: QtBot, data_dir: Path, kind: str
) -> None:
    window = show_window(qtbot, data_dir)
    action = _kinds(window)[kind]
    seen: list[Changes] = []
    window.events.changed.connect(seen.append)
    stack = window.events.undo_stack
    before = user_state(data_dir)
    action()
    after = user_state(data_dir)
    assert after != before, "the action changed nothing"
    assert stack.count() == 1 and stack.canUndo()
    assert seen and not seen[-1].empty
    stack.undo()
    assert user_state(data_dir) == before
    assert len(seen) == 2 and seen[-1].areas == seen[0].areas  # the views were told
    stack.redo()
    assert user_state(data_dir) == after
    assert len(seen) == 3
    stack.undo()
    assert user_state(data_dir) == before


def test_typing_notes_undoes_as_one_step(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    tid = _first_tutorial(window)
    details: Any = window.tab("roadmap").details  # type: ignore[attr-defined]
    for text in ("F", "Fea", "Feast first"):
        details.notes.setPlainText(text)
        details.save_notes()
    stack = window.events.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Edit notes of “" + (
        details.tutorial.title + "”"
    )
    stack.undo()
    assert details.notes.toPlainText() == ""  # the pane follows the undo
    assert roadmap.links(window.store, tid) == []
    stack.redo()
    assert details.notes.toPlainText() == "Feast first"


def test_undoing_an_added_tutorial_clears_the_details_pane(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    road: Any = window.show_tab("roadmap")
    phase_id = road.model.phases()[0].id
    draft = roadmap.TutorialDraft(phase_id, "Soon gone", None, 1, 1.0)
    outcome = window.events.run("Add", partial(roadmap.add_tutorial, window.store,
                                               window.path_id, draft))  # fmt: skip
    assert outcome is not None
    road.select_item(outcome.value)
    assert road.details.tutorial.title == "Soon gone"
    window.events.undo_stack.undo()
    assert road.details.tutorial is None
    assert not road.details.notes.isEnabled()  # nothing left to edit
    window.events.undo_stack.redo()
    road.select_item(outcome.value)
    assert road.details.tutorial.title == "Soon gone"


def test_a_failed_operation_changes_nothing_and_is_not_recorded(
    qtbot: QtBot, data_dir: Path, request: pytest.FixtureRequest
) -> None:
    window = show_window(qtbot, data_dir)
    before = user_state(data_dir)
    bad = partial(roadmap.set_status, window.store, 999_999, TutorialStatus.DONE)
    assert window.events.run("Mark", bad, parent=window) is None
    assert user_state(data_dir) == before
    assert window.events.undo_stack.count() == 0
    assert request.node.shown_dialogs == ["That tutorial no longer exists."]


def test_an_undo_that_can_no_longer_be_done_is_dropped(
    qtbot: QtBot, data_dir: Path, request: pytest.FixtureRequest
) -> None:
    """The data moved on outside the undo history (the link was removed elsewhere)."""
    window = show_window(qtbot, data_dir)
    tid = _first_tutorial(window)
    added = window.events.run("Add link", partial(roadmap.add_link, window.store, tid, "L",
                                                  "https://l.org"))  # fmt: skip
    assert added is not None and added.value is not None
    roadmap.remove_link(window.store, added.value.id)
    stack = window.events.undo_stack
    stack.undo()
    assert request.node.shown_dialogs == ["That link no longer exists."]
    assert stack.count() == 0  # no entry left that no longer matches the data


def test_tabs_refresh_only_for_the_changes_they_watch(qtbot: QtBot, data_dir: Path) -> None:
    window = show_window(qtbot, data_dir)
    tabs: dict[str, Any] = {t.name: t for t in window.build_all_tabs()}
    for name in tabs:  # every tab shown once, so none has catching up to do
        window.show_tab(name)
    window.show_tab("overview")

    def counts() -> dict[str, int]:
        for name in tabs:  # a hidden tab refreshes when it is shown
            window.show_tab(name)
        window.show_tab("overview")
        return {name: tab.refreshes for name, tab in tabs.items()}

    start = counts()
    window.events.announce(changes.questions())  # practice only (and who shows it)
    after_questions = counts()
    grown = {n for n in tabs if after_questions[n] > start[n]}
    assert grown == {n for n, t in tabs.items() if t.watches & Area.QUESTIONS}
    assert "roadmap" not in grown and "skills" not in grown and "practice" in grown

    window.events.announce(changes.SKILLS)
    after_skills = counts()
    grown = {n for n in tabs if after_skills[n] > after_questions[n]}
    assert grown == {n for n, t in tabs.items() if t.watches & Area.SKILLS}
    assert "roadmap" not in grown and "practice" not in grown and "skills" in grown

    # Three changes while hidden: one refresh when shown, not three.
    window.show_tab("overview")
    for _ in range(3):
        window.events.announce(changes.tutorials())
    before = tabs["roadmap"].refreshes
    window.show_tab("roadmap")
    assert tabs["roadmap"].refreshes == before + 1

    # Switching the path shown reaches every tab.
    window.events.announce(Changes(Area.PATH, active_path=window.path_id))
    everything = counts()
    assert all(everything[n] > after_skills[n] for n in tabs)
