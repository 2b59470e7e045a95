"""Overview: where you are today, what to do next, and the role you are working towards."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services import activity, overview, settings
from careerplanner.services.catalog import PathInfo
from careerplanner.services.changes import Area
from careerplanner.services.progress import Progress
from careerplanner.services.readiness import waiting_text
from careerplanner.store import Store
from careerplanner.ui.events import AppEvents
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.kit.base_tab import BaseTab
from careerplanner.ui.overview.heatmap import HeatmapWidget
from careerplanner.ui.overview.progress_chart import ProgressChart
from careerplanner.vocab import level_name

#: The height of the progress chart's card, and the page width from which the activity
#: heatmap and the progress chart stand side by side.
CHART_CARD_H, SIDE_BY_SIDE_W = 330, 1500
QWIDGETSIZE_MAX = (1 << 24) - 1


def button_text(text: str) -> str:
    """Text for a button label, shown literally ('&' is not a mnemonic)."""
    return text.replace("&", "&&")


class EntryButton(QPushButton):
    """A button with its lines of text on the left, drawn by the style from the palette.

    (A style sheet would align the text too, but pins the palette the button was first
    polished with: after a live theme switch it would keep the old theme's colours.)
    """

    PAD = 8

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + self.PAD, hint.height() + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        opt = QStyleOptionButton()
        self.initStyleOption(opt)
        text, opt.text = opt.text, ""
        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_PushButton, opt)
        style = self.style()
        rect = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, self)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        style.drawItemText(
            painter, rect.adjusted(self.PAD - 2, 0, -2, 0),
            int(flags) | int(Qt.TextFlag.TextShowMnemonic), self.palette(), self.isEnabled(),
            text, QPalette.ColorRole.ButtonText,
        )  # fmt: skip


def _link_button(text: str, tip: str, name: str) -> QPushButton:
    b = EntryButton(button_text(text))
    b.setObjectName(name)
    b.setToolTip(w.tooltip(tip))
    b.setAccessibleName(text)
    return b


def _bar(fraction: float, fmt: str, name: str = "") -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 1000)
    bar.setValue(round(fraction * 1000))
    bar.setFormat(fmt)  # only our own figures: user text never goes into a format
    bar.setAccessibleName(name or fmt)
    bar.setMaximumHeight(22)
    return bar


def progress_text(p: Progress) -> str:
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
    watches = Area.TUTORIALS | Area.SKILLS | Area.QUESTIONS | Area.PLAN | Area.SETTINGS

    def __init__(self, store: Store, events: AppEvents, path_id: int) -> None:
        super().__init__(store, events, path_id)
        area, page = w.scroll_page()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(area)
        self.chart: ProgressChart | None = None
        self._chart_scheduled = False

        self.heading = w.heading("", 0)
        self.tagline = w.label("", muted=True)
        self.counts = w.label("", name="counts", bold=True)
        page.addWidget(self.heading)
        page.addWidget(self.tagline)
        page.addWidget(self.counts)

        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.progress_card, self.progress_box = w.card()
        self.next_card, self.next_box = w.card()
        self.gaps_card, self.gaps_box = w.card()
        self.practice_card, self.practice_box = w.card()
        self.activity_card, activity_box = w.card()
        grid.addWidget(self.progress_card, 0, 0, 2, 1)
        grid.addWidget(self.next_card, 0, 1)
        grid.addWidget(self.gaps_card, 0, 2)
        grid.addWidget(self.practice_card, 1, 1, 1, 2)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 4)
        grid.setColumnStretch(2, 4)
        page.addWidget(grid_host)

        self.activity_card.setObjectName("activity_card")
        activity_box.addWidget(w.heading("Activity", 2))
        self.heatmap = HeatmapWidget()
        self.heatmap.setObjectName("heatmap")
        activity_box.addWidget(self.heatmap)
        self.activity_totals = w.label("", name="activity_totals")
        activity_box.addWidget(self.activity_totals)
        self.streak_label = w.label("", name="streaks")
        activity_box.addWidget(self.streak_label)
        activity_box.addStretch(1)

        self.chart_card, self.chart_box = w.card()
        self.chart_box.addWidget(w.heading("Progress over time", 2))
        self.chart_placeholder = w.label("The chart appears here.", muted=True)
        self.chart_box.addWidget(self.chart_placeholder)
        self.chart_card.setObjectName("progress_card")
        self.chart_card.setFixedHeight(CHART_CARD_H)

        # Activity and progress side by side where the page is wide enough for both to
        # be read, one above the other otherwise (``_arrange``).
        activity_host = QWidget()
        self.activity_grid = QGridLayout(activity_host)
        self.activity_grid.setContentsMargins(0, 0, 0, 0)
        self.activity_grid.setSpacing(10)
        self.side_by_side: bool | None = None
        self._arrange(False)
        page.addWidget(activity_host)

        self.role_card, self.role_box = w.card()
        page.addWidget(self.role_card)
        page.addStretch(1)

        self.refresh()

    # -- building -------------------------------------------------------------------
    def _arrange(self, side_by_side: bool) -> None:
        if side_by_side == self.side_by_side:
            return
        self.side_by_side = side_by_side
        grid = self.activity_grid
        grid.removeWidget(self.activity_card)
        grid.removeWidget(self.chart_card)
        grid.addWidget(self.activity_card, 0, 0)
        grid.addWidget(self.chart_card, *((0, 1) if side_by_side else (1, 0)))
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1 if side_by_side else 0)
        self.activity_card.setMaximumHeight(CHART_CARD_H if side_by_side else QWIDGETSIZE_MAX)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width() >= SIDE_BY_SIDE_W)
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.chart is None and not self._chart_scheduled:
            # Build the chart only after the tab has been painted once: the window is on
            # screen and usable at once, the chart follows.
            self._chart_scheduled = True
            QTimer.singleShot(0, self._build_chart)

    def build_deferred(self) -> None:
        self._build_chart()

    def _build_chart(self) -> None:
        if self.chart is not None or not self.store.is_open:  # the window closed meanwhile
            return
        chart = ProgressChart()
        self.chart_placeholder.hide()
        self.chart_box.addWidget(chart, 1)
        self.chart = chart
        self._update_chart()

    def _update_chart(self) -> None:
        if self.chart is not None:
            self.chart.set_points(
                activity.progress_over_time(self.store, self.path_id), date.today()
            )

    def refresh(self) -> None:
        first_weekday = settings.FIRST_WEEKDAY.get(self.store)
        d = overview.dashboard(self.store, self.path_id, first_weekday=first_weekday)
        info = d.info
        self.heading.setText(f"{info.title} Career Path")
        self.tagline.setText(info.tagline)
        self.tagline.setVisible(bool(info.tagline))
        self.counts.setText(
            f"{info.phase_count} phases · {info.tutorial_count} curated tutorials · "
            f"{info.track_count} tracks · {info.question_count} interview questions · "
            f"{info.book_count} books"
        )
        self._fill_progress(d)
        self._fill_next(d)
        self._fill_gaps(d)
        self._fill_practice(d)
        self.heatmap.set_heatmap(d.heatmap)
        totals = d.heatmap.totals.describe()
        self.activity_totals.setText(
            f"In the last 52 weeks: {totals}." if d.heatmap.active_days else
            "Nothing done in the last 52 weeks yet: finished tutorials, practice answers "
            "and saved assessments show here."
        )  # fmt: skip
        s = d.streaks
        self.streak_label.setText(
            f"{d.heatmap.active_days} active days in the last 52 weeks · current streak "
            f"{s.current} day{'s' if s.current != 1 else ''} · longest {s.longest} "
            f"day{'s' if s.longest != 1 else ''}"
        )
        self._fill_role(info)
        self._update_chart()

    def _fill_progress(self, d: overview.Dashboard) -> None:
        box = self.progress_box
        w.clear_layout(box)
        box.addWidget(w.heading("Progress", 2))
        o = d.progress.overall
        bar = _bar(o.fraction, f"{o.percent}% overall", "Overall progress")
        bar.setObjectName("overall_progress")
        box.addWidget(bar)
        box.addWidget(w.label(progress_text(o), name="overall_text"))
        for number, phase in enumerate(d.phases, start=1):
            p = d.progress.by_phase.get(phase.id, Progress())
            box.addWidget(w.label(f"Phase {number}: {phase.title}", bold=True))
            box.addWidget(_bar(p.fraction, f"{p.percent}% · {p.done} of {p.total} done",
                               f"Progress of {phase.title}"))  # fmt: skip
        box.addStretch(1)

    def _fill_next(self, d: overview.Dashboard) -> None:
        box = self.next_box
        w.clear_layout(box)
        box.addWidget(w.heading("Next up", 2))
        if not d.next_tutorials:
            box.addWidget(w.label("Every tutorial is done or skipped. Well done!"))
        elif not d.rated:
            box.addWidget(w.label("In roadmap order until you rate your skills; then the "
                                  "tracks you need most come first.", muted=True,
                                  name="next_hint"))  # fmt: skip
        for i, t in enumerate(d.next_tutorials):
            state = f"in progress, {round(t.done_fraction * 100)}% done · " if t.in_progress else ""
            b = _link_button(f"{t.title}\n{state}{t.track} · {t.hours:g} h",
                             f"Show “{t.title}” in the Roadmap", f"next_{i}")  # fmt: skip
            b.clicked.connect(lambda _c=False, tid=t.id: self.events.navigate.emit("roadmap", tid))
            box.addWidget(b)
        box.addStretch(1)

    def _fill_gaps(self, d: overview.Dashboard) -> None:
        box = self.gaps_box
        w.clear_layout(box)
        box.addWidget(w.heading("Biggest skill gaps", 2))
        if not d.rated:
            text = (
                "Not rated yet: rate your skills to see your gaps and to study the "
                "tracks you need most first."
            )
            box.addWidget(w.label(text, name="not_rated"))
            rate = QPushButton("Rate Your Skills…")
            rate.setObjectName("rate_skills")
            rate.clicked.connect(lambda: self.events.navigate.emit("setup", 1))
            row = QHBoxLayout()
            row.addWidget(rate)
            row.addStretch(1)
            box.addLayout(row)
        elif not d.gaps:
            box.addWidget(w.label("Every skill is at or above its target."))
        for i, g in enumerate(d.gaps):
            text = (f"{g.name}\n{level_name(g.level)} → {level_name(g.target)} "
                    f"({g.gap} level{'s' if g.gap != 1 else ''} to go)")  # fmt: skip
            b = _link_button(text, f"Show {g.name} in Skills", f"gap_{i}")
            b.clicked.connect(
                lambda _c=False, sid=g.skill_id: self.events.navigate.emit("skills", sid)
            )
            box.addWidget(b)
        box.addStretch(1)

    def _fill_practice(self, d: overview.Dashboard) -> None:
        box = self.practice_box
        w.clear_layout(box)
        box.addWidget(w.heading("Interview practice", 2))
        row = QHBoxLayout()
        row.addWidget(w.label(
            f"{waiting_text(len(d.due_questions), d.new_questions)}\n"
            f"Overall readiness: {d.overall.text}", name="due_today"), 1)  # fmt: skip
        practise = QPushButton("Practise Now" if d.next_question else "Open Interview Practice")
        practise.setObjectName("practise_now")
        first = d.next_question or 0
        practise.clicked.connect(lambda: self.events.navigate.emit("practice", first))
        row.addWidget(practise)
        box.addLayout(row)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for i, r in enumerate(d.readiness):
            grid.addWidget(w.label(r.category, wrap=False), i, 0)
            grid.addWidget(_bar(r.readiness or 0.0, f"{r.text} · {r.due} due · {r.new} new",
                                f"Readiness in {r.category}"), i, 1)  # fmt: skip
        box.addLayout(grid)

    def _fill_role(self, info: PathInfo) -> None:
        box = self.role_box
        w.clear_layout(box)
        box.addWidget(w.heading("Role overview", 2))
        box.addWidget(w.label(info.role_summary, name="role_summary"))
        grid = QGridLayout()
        grid.setSpacing(10)
        for i, (title, description) in enumerate(info.responsibilities):
            frame, inner = w.card()
            inner.addWidget(w.label(title, bold=True, point_delta=1))
            inner.addWidget(w.label(description))
            inner.addStretch(1)
            grid.addWidget(frame, i // 2, i % 2)
        box.addLayout(grid)
        box.addWidget(w.heading("Who this path is for", 3))
        box.addWidget(w.label(info.audience, name="audience"))
