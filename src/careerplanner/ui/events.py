"""The app's one event object: tabs announce changes here and refresh on them.

Created once by the main window and passed into each tab's constructor; no tab
reaches into another tab or into the main window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack


class AppEvents(QObject):
    """Signals for every kind of change, and the app's one undo stack.

    ``undo_stack`` is used through ``careerplanner.ui.undo.record``.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)

    #: A tutorial's status, dates or the path's progress changed (tutorial id, or 0).
    progress_changed = Signal(int)
    #: Notes or links of a tutorial changed (tutorial id).
    tutorial_edited = Signal(int)
    #: Self-assessment levels, topics or snapshots changed.
    assessment_saved = Signal()
    #: A practice attempt was recorded or undone (question id).
    practice_reviewed = Signal(int)
    #: Plan settings or reading statuses changed.
    plan_changed = Signal()
    #: The selected career path changed (path id).
    path_changed = Signal(int)
    #: The whole database was replaced (restore, import): everything reloads.
    data_replaced = Signal()
    #: Ask the window to show a tab and select an item there: (tab name, item id).
    navigate = Signal(str, int)
    #: A short message for the status bar.
    status_message = Signal(str)
