"""Undoable roadmap actions shared by the tree, its context menu, and the details pane.

Each calls the roadmap services, puts the action on the app's undo stack, and
announces the change on the event object so every view refreshes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from careerplanner.services import roadmap
from careerplanner.store import Store
from careerplanner.ui import undo
from careerplanner.ui.errors import show_error
from careerplanner.ui.events import AppEvents
from careerplanner.vocab import TutorialStatus


def guarded(parent: QWidget | None, title: str, action: Callable[[], Any]) -> bool:
    """Run ``action``; on failure tell the user (``show_error``: an expected failure in
    words, a bug logged and shown as one) and return False (nothing is lost)."""
    try:
        action()
    except Exception as exc:
        show_error(parent, exc, title)
        return False
    return True


def change_status(
    store: Store, events: AppEvents, tutorial_id: int, title: str, status: str,
    today: date | None = None,
) -> None:  # fmt: skip
    before = roadmap.state(store, tutorial_id)
    after = roadmap.next_state(before, status, today or date.today())
    if after == before:
        return

    def put(state: roadmap.TutorialState) -> None:
        roadmap.restore_state(store, state)
        events.progress_changed.emit(tutorial_id)

    label = TutorialStatus.label_of(status)
    undo.record(events, f"Mark “{title}” {label}", lambda: put(after), lambda: put(before))


def change_dates(
    store: Store, events: AppEvents, tutorial_id: int, title: str,
    started_on: date | None, finished_on: date | None,
) -> None:  # fmt: skip
    before, after = roadmap.set_dates(store, tutorial_id, started_on, finished_on)
    if before == after:
        return

    def put(state: roadmap.TutorialState) -> None:
        roadmap.restore_state(store, state)
        events.progress_changed.emit(tutorial_id)

    undo.record(events, f"Change dates of “{title}”", lambda: put(after), lambda: put(before))


def add_tutorial(
    store: Store, events: AppEvents, path_id: int, draft: roadmap.TutorialDraft
) -> int:
    tutorial_id = roadmap.add_tutorial(store, path_id, draft)
    holder: dict[str, roadmap.DeletedTutorial] = {}
    first = [True]

    def redo() -> None:
        if first[0]:
            first[0] = False
        elif "deleted" in holder:
            roadmap.restore_tutorial(store, holder.pop("deleted"))
        events.progress_changed.emit(0)

    def undo_add() -> None:
        holder["deleted"] = roadmap.delete_tutorial(store, tutorial_id)
        events.progress_changed.emit(0)

    undo.record(events, f"Add “{draft.title.strip()}”", redo, undo_add)
    return tutorial_id


def edit_tutorial(
    store: Store, events: AppEvents, tutorial_id: int, draft: roadmap.TutorialDraft
) -> None:
    old = roadmap.draft_of(store, tutorial_id)
    roadmap.update_tutorial(store, tutorial_id, draft)
    first = [True]

    def redo() -> None:
        if first[0]:
            first[0] = False
        else:
            roadmap.update_tutorial(store, tutorial_id, draft)
        events.progress_changed.emit(0)

    def undo_edit() -> None:
        roadmap.update_tutorial(store, tutorial_id, old)
        events.progress_changed.emit(0)

    undo.record(events, f"Edit “{draft.title.strip()}”", redo, undo_edit)


def delete_tutorial(store: Store, events: AppEvents, tutorial_id: int, title: str) -> None:
    holder: dict[str, roadmap.DeletedTutorial] = {}

    def redo() -> None:
        holder["deleted"] = roadmap.delete_tutorial(store, tutorial_id)
        events.progress_changed.emit(0)

    def undo_delete() -> None:
        roadmap.restore_tutorial(store, holder.pop("deleted"))
        events.progress_changed.emit(0)

    undo.record(events, f"Delete “{title}”", redo, undo_delete)
