"""The base of every tab: the data it needs, and signal connections it cleans up."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from careerplanner.store import Store
from careerplanner.ui.events import AppEvents


class BaseTab(QWidget):
    """A tab over one career path.

    Subclasses build their widgets in ``__init__`` and fill them in ``refresh()``.
    Connections to the shared event object go through ``listen`` so that they are
    dropped when the tab goes away (a tab may be rebuilt when the data is replaced).
    """

    #: Short, stable name used by the window and by navigation events.
    name = ""
    title = ""

    def __init__(self, store: Store, events: AppEvents, path_id: int) -> None:
        super().__init__()
        self.store = store
        self.events = events
        self.path_id = path_id
        self._connections: list[tuple[SignalInstance, Callable[..., Any]]] = []
        self._stale = False
        #: Given the exception when ``refresh()`` raises in ``refresh_safely`` (the window
        #: then shows it in the tab's place); while None, the exception propagates.
        self.on_failure: Callable[[BaseException], None] | None = None
        self.listen(events.path_changed, self._on_path_changed)
        self.listen(events.data_replaced, self.request_refresh)

    def listen(self, signal: SignalInstance, slot: Callable[..., Any]) -> None:
        signal.connect(slot)
        self._connections.append((signal, slot))

    def disconnect_all(self) -> None:
        for signal, slot in self._connections:
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self._connections.clear()

    def _on_path_changed(self, path_id: int) -> None:
        self.path_id = path_id
        self.request_refresh()

    def request_refresh(self, *_args: object) -> None:
        """Refresh now when the tab is on screen; otherwise when it is next shown.

        Tabs that are not visible do no work for changes made elsewhere, which keeps
        every click fast however many tabs have been opened.
        """
        if self.isVisible():
            self.refresh_safely()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh_safely()
        super().showEvent(event)

    @property
    def stale(self) -> bool:
        """Something the tab shows changed since it last refreshed."""
        return self._stale

    def refresh_safely(self) -> bool:
        """``refresh()``; when it raises, hand the exception to ``on_failure`` (the window
        shows it in the tab's place, and the other tabs go on working) and return False."""
        self._stale = False
        try:
            self.refresh()
        except Exception as exc:
            if self.on_failure is None:
                raise
            self.on_failure(exc)
            return False
        return True

    def refresh(self) -> None:
        """Reload everything shown from the services (every tab overrides this)."""

    def build_deferred(self) -> None:
        """Build now what the tab builds only after it is first painted (a chart); the
        self-test calls it so that it checks everything a user can see."""

    def flush(self) -> None:
        """Store edits still pending (typed text waiting to be saved). Called on close."""

    def select_item(self, item_id: int) -> None:
        """Select an item when another tab navigates here (tabs may override)."""
