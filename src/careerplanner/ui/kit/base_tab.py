"""The base of every tab: the data it needs, the changes it watches, and the signal
connections it cleans up."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from careerplanner.services.changes import EVERYTHING, Area, Changes
from careerplanner.store import Store
from careerplanner.ui.events import AppEvents


class BaseTab(QWidget):
    """A tab over one career path.

    Subclasses build their widgets in ``__init__`` and fill them in ``refresh()``; a
    tab that can update part of itself overrides ``refresh_for(changes)``. A tab says
    which areas of the data it shows in ``watches``: it refreshes after an operation
    that changed one of them (and when the path shown changes), never for the others.
    Connections to the shared event object go through ``listen`` so that they are
    dropped when the tab goes away.
    """

    #: Short, stable name used by the window and by navigation events.
    name = ""
    title = ""
    #: The areas of the data this tab shows (a change of the path shown always counts).
    watches = Area.NONE

    def __init__(self, store: Store, events: AppEvents, path_id: int) -> None:
        super().__init__()
        self.store = store
        self.events = events
        self.path_id = path_id
        self._connections: list[tuple[SignalInstance, Callable[..., Any]]] = []
        self._pending: Changes | None = None
        #: How many times the tab refreshed (for tests and the benchmark).
        self.refreshes = 0
        #: Given the exception when a refresh raises in ``refresh_safely`` (the window then
        #: shows it in the tab's place); while None, the exception propagates.
        self.on_failure: Callable[[BaseException], None] | None = None
        self.listen(events.changed, self._on_changed)

    def listen(self, signal: SignalInstance, slot: Callable[..., Any]) -> None:
        signal.connect(slot)
        self._connections.append((signal, slot))

    def disconnect_all(self) -> None:
        for signal, slot in self._connections:
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self._connections.clear()

    def _on_changed(self, changes: Changes) -> None:
        if changes.active_path is not None:
            self.path_id = changes.active_path
        elif not changes.touches(self.watches | Area.PATH):
            return
        self.request_refresh(changes)

    def request_refresh(self, changes: Changes = EVERYTHING) -> None:
        """Refresh now when the tab is on screen; otherwise when it is next shown.

        Tabs that are not visible do no work for changes made elsewhere, which keeps
        every click fast however many tabs have been opened.
        """
        if self.isVisible():
            self.refresh_safely(changes)
        else:
            self._pending = changes if self._pending is None else self._pending | changes

    def showEvent(self, event: QShowEvent) -> None:
        if self._pending is not None:
            self.refresh_safely(self._pending)
        super().showEvent(event)

    @property
    def stale(self) -> bool:
        """Something the tab shows changed since it last refreshed."""
        return self._pending is not None

    def refresh_safely(self, changes: Changes = EVERYTHING) -> bool:
        """Refresh for ``changes``; when that raises, hand the exception to ``on_failure``
        (the window shows it in the tab's place, and the other tabs go on working) and
        return False."""
        self._pending = None
        try:
            self._refresh_for(changes)
        except Exception as exc:
            if self.on_failure is None:
                raise
            self.on_failure(exc)
            return False
        return True

    def _refresh_for(self, changes: Changes) -> None:
        self.refreshes += 1
        if changes.active_path is not None or changes.touches(Area.PATH):
            self.refresh()
        else:
            self.refresh_for(changes)

    def refresh_for(self, changes: Changes) -> None:
        """Show ``changes`` (of the watched areas); by default reload everything."""
        self.refresh()

    def refresh(self) -> None:
        """Reload everything shown from the services (every tab overrides this)."""

    def build_deferred(self) -> None:
        """Build now what the tab builds only after it is first painted (a chart); the
        self-test calls it so that it checks everything a user can see."""

    def flush(self) -> None:
        """Store edits still pending (typed text waiting to be saved). Called on close."""

    def select_item(self, item_id: int) -> None:
        """Select an item when another tab navigates here (tabs may override)."""
