"""The app's one event object: every change runs through it and is announced by it.

Created once by the main window and passed into each tab's constructor; no tab
reaches into another tab or into the main window. ``run`` is the operation runner
(``careerplanner.ui.ops``): tabs call a service's writing function through it, and
every tab that watches the changed areas refreshes on ``changed``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from careerplanner.services.changes import Changes, Outcome
from careerplanner.ui.ops import Hook, Op, OpCommand

T = TypeVar("T")


class AppEvents(QObject):
    """The runner of operations, the app's one undo stack, and the signals views use."""

    #: Data changed (a ``Changes``): after an operation, its undo or redo, an import.
    changed = Signal(object)
    #: Ask the window to show a tab and select an item there: (tab name, item id).
    navigate = Signal(str, int)
    #: A short message for the status bar.
    status_message = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)

    def run(
        self, text: str, op: Op, *, parent: QWidget | None = None, undoable: bool = True,
        on_undo: Hook | None = None, on_redo: Hook | None = None,
    ) -> Outcome[Any] | None:  # fmt: skip
        """Run ``op`` (a service's writing function, bound to its arguments).

        On success its changes are announced and, when it can be undone, it goes on the
        undo stack as ``text`` ("Mark “X” done"); the outcome is returned. On failure the
        user is told (``show_error``) and None is returned; nothing was changed.
        ``on_undo``/``on_redo`` run after the data was put back (to reopen a view).
        """
        outcome = self.apply(op, parent=parent, title=f"Could not {text[:1].lower()}{text[1:]}")
        if outcome is None:
            return None
        if undoable and outcome.undo is not None and not outcome.changes.empty:
            self.undo_stack.push(OpCommand(self, text, outcome, on_undo, on_redo))
        return outcome

    def apply(
        self, op: Op, *, parent: QWidget | None = None, title: str = ""
    ) -> Outcome[Any] | None:
        """Run ``op`` and announce its changes, without the undo stack (undo and redo
        themselves use this). Returns None when it failed (the user was told, with
        ``title`` as the message's title)."""
        try:
            outcome = op()
        except Exception as exc:
            from careerplanner.ui.errors import show_error

            show_error(parent or self._window(), exc, title)
            return None
        self.announce(outcome.changes)
        return outcome

    def announce(self, changes: Changes) -> None:
        """Tell every view that data changed (also for changes made outside ``run``)."""
        if not changes.empty:
            self.changed.emit(changes)

    def _window(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None
