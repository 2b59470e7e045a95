"""One undo/redo mechanism for the whole app.

Tabs record a user action with ``record(events, text, redo, undo)``: ``redo`` performs
the change (it runs at once) and ``undo`` reverses it exactly. Both are plain callables
that call services and then emit the matching AppEvents signal, so every view
refreshes. The main window's Edit menu shows "Undo <text>" / "Redo <text>".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from careerplanner.ui.events import AppEvents


class FunctionCommand(QUndoCommand):
    def __init__(
        self, text: str, redo: Callable[[], object], undo: Callable[[], object],
        *, done: bool = False,
    ) -> None:  # fmt: skip
        super().__init__(text)
        self._redo = redo
        self._undo = undo
        self._skip = done  # already performed before it was pushed

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._redo()

    def undo(self) -> None:
        self._undo()


def record(
    events: AppEvents, text: str, redo: Callable[[], object], undo: Callable[[], object]
) -> None:
    """Run ``redo`` now and put the action on the app's undo stack.

    When ``redo`` fails (a full disk, say) its exception reaches the caller unchanged
    and nothing is recorded.
    """
    redo()
    events.undo_stack.push(FunctionCommand(text, redo, undo, done=True))
