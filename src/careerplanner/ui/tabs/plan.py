"""Study plan: the reading list (the schedule and exports build on it)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from careerplanner.services import catalog
from careerplanner.store import Store
from careerplanner.ui import widgets as w
from careerplanner.ui.events import AppEvents
from careerplanner.ui.tabs.base import BaseTab


class PlanTab(BaseTab):
    name = "plan"
    title = "Study Plan"

    def __init__(self, store: Store, events: AppEvents, path_id: int) -> None:
        super().__init__(store, events, path_id)
        area, self._page = w.scroll_page()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(area)
        self.listen(events.plan_changed, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        w.clear_layout(self._page)
        info = catalog.path_info(self.store, self.path_id)
        self._page.addWidget(w.heading("Recommended reading", 1))
        if info.reading_intro:
            self._page.addWidget(w.label(info.reading_intro, muted=True))
        for book in catalog.books(self.store, self.path_id):
            if book.retired:
                continue
            frame, box = w.card()
            box.addWidget(w.label(book.title, bold=True, point_delta=1))
            box.addWidget(w.label(f"by {book.authors}"))
            if book.url:
                box.addWidget(w.label(book.url, muted=True))
            self._page.addWidget(frame)
        self._page.addStretch(1)
