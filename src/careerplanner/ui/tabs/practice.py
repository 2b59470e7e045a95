"""Interview practice: the question bank by category, with focus points, and the tips."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from careerplanner.services import catalog
from careerplanner.store import Store
from careerplanner.ui import widgets as w
from careerplanner.ui.events import AppEvents
from careerplanner.ui.tabs.base import BaseTab


class PracticeTab(BaseTab):
    name = "practice"
    title = "Interview Practice"

    def __init__(self, store: Store, events: AppEvents, path_id: int) -> None:
        super().__init__(store, events, path_id)
        area, self._page = w.scroll_page()
        tips_area, self._tips = w.scroll_page()
        tips_area.setMaximumWidth(360)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(area, 3)
        outer.addWidget(tips_area, 1)
        self.listen(events.practice_reviewed, lambda *_: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        w.clear_layout(self._page)
        w.clear_layout(self._tips)
        info = catalog.path_info(self.store, self.path_id)
        self._page.addWidget(w.heading("Interview preparation", 1))
        if info.questions_intro:
            self._page.addWidget(w.label(info.questions_intro, muted=True))
        by_category: dict[str, list[catalog.QuestionItem]] = {}
        for q in catalog.questions(self.store, self.path_id):
            if not q.retired:
                by_category.setdefault(q.category, []).append(q)
        for category, items in by_category.items():
            self._page.addWidget(w.heading(category.upper(), 3))
            for q in items:
                frame, box = w.card()
                box.addWidget(w.label(q.text, bold=True, point_delta=1))
                if q.guidance:
                    box.addWidget(w.label(q.guidance, muted=True))
                points = QVBoxLayout()
                points.setSpacing(2)
                for point in q.focus_points:
                    points.addWidget(w.label(f"•  {point}"))
                box.addLayout(points)
                self._page.addWidget(frame)
        self._page.addStretch(1)

        self._tips.addWidget(w.heading("Interview tips", 2))
        for tip in catalog.tips(self.store, self.path_id):
            frame, box = w.card()
            box.addWidget(w.label(tip))
            self._tips.addWidget(frame)
        self._tips.addStretch(1)
