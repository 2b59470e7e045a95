"""A page of the main window's tabs: it builds its tab when first needed, and shows an
error panel in the tab's place when building or refreshing it fails.

One tab whose data is odd never stops the window from opening, and never takes the other
tabs with it: the failure is logged (a bug with its traceback), the page says what failed
with a Retry button, and the page tries again by itself when it is shown after a change
that may have fixed it (for a tab that was built, a change of what it watches; for one that
could not be built, any change: a restore, an import, another career path).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QStackedLayout, QWidget

from careerplanner.ui.events import AppEvents
from careerplanner.ui.kit.base_tab import BaseTab
from careerplanner.ui.kit.error_panel import ErrorPanel

#: A tab class: ``cls(store, events, path_id)``.
TabFactory = type[BaseTab]
#: Runs a tab's ``__init__`` with the window's store, events and path.
TabInit = Callable[[BaseTab], None]

_log = logging.getLogger(__name__)


class TabUnavailable(LookupError):
    """The tab could not be built; its page shows why."""


class TabHost(QWidget):
    def __init__(
        self, name: str, title: str, loader: Callable[[], TabFactory], init: TabInit,
        events: AppEvents,
    ) -> None:  # fmt: skip
        super().__init__()
        self.name = name
        self.title = title
        self.loader = loader
        self._init = init
        self.tab: BaseTab | None = None
        self.panel: ErrorPanel | None = None
        self._changed_since_failure = False
        self._layout = QStackedLayout(self)
        events.changed.connect(self._something_changed)

    # -- building and refreshing ------------------------------------------------------------
    def build(self) -> BaseTab | None:
        """The tab, built now if it was not; None when building it failed (the page then
        shows why)."""
        if self.tab is not None:
            return self.tab
        tab: BaseTab | None = None
        try:
            cls = self.loader()
            # Created and initialised in two steps, so that a tab whose __init__ fails
            # half-way can still be told to drop what it already connected.
            tab = cls.__new__(cls)
            self._init(tab)
        except Exception as exc:
            if tab is not None:  # stop it listening, and free it with its widgets
                with contextlib.suppress(Exception):
                    tab.disconnect_all()
                with contextlib.suppress(Exception):
                    tab.deleteLater()
            self._failed(exc, f"The {self.title} tab could not be shown")
            return None
        tab.setObjectName(f"tab_{self.name}")
        tab.on_failure = self._refresh_failed
        self.tab = tab
        self._layout.addWidget(tab)
        self._show_tab()
        return tab

    def refresh(self) -> bool:
        """Refresh the built tab now (nothing when it is not built); True when it shows."""
        if self.tab is None:
            return False
        if self.tab.refresh_safely():
            self._show_tab()
            return True
        return False

    def retry(self) -> bool:
        """Build or refresh again; True when the tab shows."""
        self._changed_since_failure = False
        if self.tab is None:
            return self.build() is not None
        return self.refresh()

    @property
    def failure(self) -> str:
        """What failed, in one line; empty while the tab shows."""
        return self.panel.summary if self.panel is not None else ""

    # -- the error panel ----------------------------------------------------------------------
    def _refresh_failed(self, exc: BaseException) -> None:
        self._failed(exc, f"The {self.title} tab could not be refreshed")

    def _failed(self, exc: BaseException, heading: str) -> None:
        from careerplanner.ui.errors import is_expected, log_bug

        if is_expected(exc):
            _log.warning("%s: %s", heading, exc)
        else:
            log_bug(exc, heading)
        panel = ErrorPanel(heading, exc)
        panel.retry_requested.connect(self.retry)
        self._drop_panel()
        self.panel = panel
        self._layout.addWidget(panel)
        self._layout.setCurrentWidget(panel)

    def _show_tab(self) -> None:
        if self.tab is not None:
            self._layout.setCurrentWidget(self.tab)
        self._drop_panel()

    def _drop_panel(self) -> None:
        if self.panel is not None:
            self._layout.removeWidget(self.panel)
            self.panel.deleteLater()
            self.panel = None

    def _something_changed(self, *_args: object) -> None:
        if self.panel is not None:
            self._changed_since_failure = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.panel is None:
            return
        stale = self.tab is not None and self.tab.stale
        if self._changed_since_failure or stale:
            self.retry()
