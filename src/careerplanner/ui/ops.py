"""The one way a change flows: run an operation, put it on the undo stack, announce it.

A writing service returns an ``Outcome`` (``careerplanner.services.changes``): what it
changed and the operation that undoes it. ``AppEvents.run`` runs such an operation from
a click; on success it pushes one ``OpCommand`` on the app's undo stack and emits
``AppEvents.changed`` with the ``Changes``, so every tab that watches them refreshes. A
failure is shown through ``careerplanner.ui.errors.show_error``: a user error as a plain
message, anything else as a bug (logged). Undo and redo run the stored inverse the same
way, so the views follow them too.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from careerplanner.services.changes import Outcome

if TYPE_CHECKING:
    from careerplanner.ui.events import AppEvents

Op = Callable[[], Outcome[Any]]
Hook = Callable[[], object]


def _merge_id(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) & 0x7FFFFFFF


class OpCommand(QUndoCommand):
    """One undoable operation. It holds the operation that reverses the current state:
    running it returns the next one (undo gives redo, redo gives undo)."""

    def __init__(
        self, events: AppEvents, text: str, outcome: Outcome[Any],
        on_undo: Hook | None = None, on_redo: Hook | None = None,
    ) -> None:  # fmt: skip
        super().__init__(text)
        self._events = events
        self._inverse = outcome.undo
        self._key = outcome.merge_key
        self._on_undo = on_undo
        self._on_redo = on_redo
        self._pushed = False  # QUndoStack.push calls redo(); the operation already ran

    def id(self) -> int:
        return _merge_id(self._key) if self._key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Typing in one field: the first command's inverse already restores the text as
        # it was before the first keystroke, so the later command adds nothing.
        return isinstance(other, OpCommand) and bool(self._key) and other._key == self._key

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._swap("redo", self._on_redo)

    def undo(self) -> None:
        self._swap("undo", self._on_undo)

    def _swap(self, verb: str, hook: Hook | None) -> None:
        inverse = self._inverse
        title = f"Could not {verb} “{self.text()}”"
        outcome = self._events.apply(inverse, title=title) if inverse is not None else None
        if outcome is None or outcome.undo is None:
            # It could not be carried out (shown to the user): drop it from the stack
            # rather than leave an entry that no longer matches the data.
            self.setObsolete(True)
            return
        self._inverse = outcome.undo
        if hook is not None:
            hook()
