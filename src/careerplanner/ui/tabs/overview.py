"""Overview: the role, its responsibilities, who the path is for, and progress."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QProgressBar, QVBoxLayout, QWidget

from careerplanner.services import catalog, progress
from careerplanner.store import Store
from careerplanner.ui import widgets as w
from careerplanner.ui.events import AppEvents
from careerplanner.ui.tabs.base import BaseTab


def _progress_text(p: progress.Progress) -> str:
    text = (
        f"{p.done} of {p.total} tutorials done · "
        f"{p.hours_done:g} h done, {p.hours_remaining:g} h to go"
    )
    if p.skipped:
        text += f" · {p.skipped} skipped (not counted)"
    return text


class OverviewTab(BaseTab):
    name = "overview"
    title = "Overview"

    def __init__(self, store: Store, events: AppEvents, path_id: int) -> None:
        super().__init__(store, events, path_id)
        area, self._page = w.scroll_page()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(area)
        self.listen(events.progress_changed, lambda *_: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        w.clear_layout(self._page)
        info = catalog.path_info(self.store, self.path_id)
        page = self._page
        page.addWidget(w.heading(f"{info.title} Career Path", 0))
        if info.tagline:
            page.addWidget(w.label(info.tagline, muted=True))
        counts = (
            f"{info.phase_count} phases · {info.tutorial_count} curated tutorials · "
            f"{info.track_count} tracks · {info.question_count} interview questions · "
            f"{info.book_count} books"
        )
        page.addWidget(w.label(counts, name="counts", bold=True))

        frame, box = w.card()
        box.addWidget(w.heading("Role overview", 2))
        box.addWidget(w.label(info.role_summary, name="role_summary"))
        page.addWidget(frame)

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        for i, (title, description) in enumerate(info.responsibilities):
            rframe, rbox = w.card()
            rbox.addWidget(w.label(title, bold=True, point_delta=1))
            rbox.addWidget(w.label(description))
            rbox.addStretch(1)
            grid.addWidget(rframe, i // 2, i % 2)
        page.addWidget(grid_host)

        frame, box = w.card()
        box.addWidget(w.heading("Who this path is for", 2))
        box.addWidget(w.label(info.audience, name="audience"))
        page.addWidget(frame)

        prog = progress.path_progress(self.store, self.path_id)
        frame, box = w.card()
        box.addWidget(w.heading("Progress", 2))
        bar = QProgressBar()
        bar.setObjectName("overall_progress")
        bar.setRange(0, 100)
        bar.setValue(prog.overall.percent)
        bar.setFormat("%p% overall")
        bar.setAccessibleName("Overall progress")
        box.addWidget(bar)
        box.addWidget(w.label(_progress_text(prog.overall), name="overall_text"))
        for phase in catalog.roadmap(self.store, self.path_id):
            if phase.retired:
                continue
            p = prog.by_phase.get(phase.id, progress.Progress())
            box.addWidget(w.label(phase.title, bold=True))
            pbar = QProgressBar()
            pbar.setRange(0, 100)
            pbar.setValue(p.percent)
            pbar.setFormat(f"%p% · {p.done} of {p.total} done")
            pbar.setAccessibleName(f"Progress of {phase.title}")
            box.addWidget(pbar)
        page.addWidget(frame)
        page.addStretch(1)
