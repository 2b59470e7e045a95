"""Skills: the path's skills (tracks) with their topics and target levels."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from careerplanner.content import level_name
from careerplanner.services import catalog
from careerplanner.store import Store
from careerplanner.ui import widgets as w
from careerplanner.ui.events import AppEvents
from careerplanner.ui.tabs.base import BaseTab


class SkillsTab(BaseTab):
    name = "skills"
    title = "Skills"

    def __init__(self, store: Store, events: AppEvents, path_id: int) -> None:
        super().__init__(store, events, path_id)
        area, self._page = w.scroll_page()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(area)
        self.listen(events.assessment_saved, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        w.clear_layout(self._page)
        info = catalog.path_info(self.store, self.path_id)
        self._page.addWidget(w.heading("Skills checklist", 1))
        if info.skills_intro:
            self._page.addWidget(w.label(info.skills_intro, muted=True))
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        shown = [s for s in catalog.skills(self.store, self.path_id) if not s.retired]
        for i, skill in enumerate(shown):
            frame, box = w.card()
            frame.setObjectName(f"skill_{skill.key}")
            box.addWidget(w.label(skill.name, bold=True, point_delta=1.5))
            box.addWidget(w.label(f"Target: {level_name(skill.target)}", name="target"))
            box.addWidget(w.label(f"Your level: {level_name(skill.level)}", muted=True))
            box.addWidget(w.label(", ".join(t.name for t in skill.topics) + ".", name="topics"))
            box.addStretch(1)
            grid.addWidget(frame, i // 2, i % 2)
        self._page.addWidget(grid_host)
        self._page.addStretch(1)
