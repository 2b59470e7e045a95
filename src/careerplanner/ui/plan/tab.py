"""Study plan: settings, the week-by-week schedule, the reading list, and exports."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerplanner.export import ICS, MARKDOWN, PDF
from careerplanner.export.pdf import A4, LETTER, default_paper
from careerplanner.services import catalog, known_tracks, pace, plan, report, settings, study_days
from careerplanner.services.changes import Area
from careerplanner.store import Store
from careerplanner.ui.errors import show_message
from careerplanner.ui.events import AppEvents
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.kit.base_tab import BaseTab
from careerplanner.ui.kit.export_runner import ExportRunner
from careerplanner.ui.plan.coach import PacePanel, TestOutPanel
from careerplanner.vocab import BookStatus

KIND_LABELS = {plan.TUTORIAL: "", plan.BOOK: "Read alongside: ", plan.PRACTICE: ""}
FILTERS = {
    PDF: ("PDF document (*.pdf)", ".pdf"),
    ICS: ("iCalendar file (*.ics)", ".ics"),
    MARKDOWN: ("Markdown (*.md)", ".md"),
}


class PlanTab(BaseTab):
    name = "plan"
    title = "Study Plan"
    watches = Area.PLAN | Area.TUTORIALS | Area.QUESTIONS | Area.SKILLS | Area.SETTINGS

    def __init__(self, store: Store, events: AppEvents, path_id: int) -> None:
        super().__init__(store, events, path_id)
        self._loading = False
        self.runner = ExportRunner(self)
        self.runner.finished.connect(self._export_finished)
        self.last_export: tuple[bool, str] | None = None

        # Settings.
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("learner_name")
        self.name_edit.setPlaceholderText("Your name, for the PDF (optional)")
        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setObjectName("hours_per_week")
        self.hours_spin.setRange(plan.MIN_HOURS, plan.MAX_HOURS)
        self.hours_spin.setSingleStep(0.5)
        self.hours_spin.setDecimals(1)
        self.hours_spin.setSuffix(" h a week")
        self.hours_spin.setAccessibleName("Hours per week")
        self.start_edit = w.optional_date_edit("start_date", "today")
        self.target_edit = w.optional_date_edit("target_date", "no target")
        self._study_times = study_days.DEFAULT_STUDY_TIMES
        self.days_label = w.label("", name="study_days")
        self.days_button = QPushButton("Change Study Days…")
        self.days_button.setObjectName("change_study_days")
        self.days_button.setToolTip(w.tooltip("Choose your study days and times in the set-up"))
        self.days_button.clicked.connect(lambda: self.events.navigate.emit("setup", 2))
        days_row = QVBoxLayout()
        days_row.setSpacing(2)
        days_row.addWidget(self.days_label)
        days_row.addWidget(self.days_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.reading_check = QCheckBox("Include the reading list")
        self.practice_check = QCheckBox("Include weekly interview practice")
        self.paper_combo = QComboBox()
        self.paper_combo.addItem("A4", A4)
        self.paper_combo.addItem("US Letter", LETTER)
        form = QFormLayout()
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Study time:", self.hours_spin)
        form.addRow("Study days:", days_row)
        form.addRow("&Start:", self.start_edit)
        form.addRow("&Target date:", self.target_edit)
        form.addRow("", self.reading_check)
        form.addRow("", self.practice_check)
        form.addRow("PDF &paper:", self.paper_combo)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(300)
        self._save_timer.timeout.connect(self.save_settings)
        self.name_edit.textEdited.connect(lambda *_: self._save_timer.start())
        self.hours_spin.valueChanged.connect(lambda *_: self._settings_changed())
        self.start_edit.dateChanged.connect(lambda *_: self._settings_changed())
        self.target_edit.dateChanged.connect(lambda *_: self._settings_changed())
        self.reading_check.toggled.connect(lambda *_: self._settings_changed())
        self.practice_check.toggled.connect(lambda *_: self._settings_changed())
        self.paper_combo.currentIndexChanged.connect(lambda *_: self._paper_changed())
        settings_box = QGroupBox("Plan settings")
        settings_box.setLayout(form)

        # Exports.
        self.pdf_button = QPushButton("Export &PDF…")
        self.pdf_button.setObjectName("export_pdf")
        self.ics_button = QPushButton("Export to &Calendar…")
        self.ics_button.setObjectName("export_ics")
        self.md_button = QPushButton("Export &Markdown…")
        self.md_button.setObjectName("export_markdown")
        self.pdf_button.clicked.connect(lambda: self.export(PDF))
        self.ics_button.clicked.connect(lambda: self.export(ICS))
        self.md_button.clicked.connect(lambda: self.export(MARKDOWN))
        export_box = QGroupBox("Export")
        export_layout = QVBoxLayout(export_box)
        for b in (self.pdf_button, self.ics_button, self.md_button):
            export_layout.addWidget(b)

        # Reading list.
        self.reading_box = QGroupBox("Recommended reading")
        self.reading_grid = QGridLayout(self.reading_box)
        self.book_combos: dict[int, QComboBox] = {}

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 10, 6, 10)
        left_layout.addWidget(settings_box)
        left_layout.addWidget(export_box)
        left_layout.addWidget(self.reading_box)
        left_layout.addStretch(1)

        # Schedule.
        self.summary = w.label("", bold=True, name="plan_summary")
        self.advice = w.label("", name="plan_advice")
        self.tree = QTreeWidget()
        self.tree.setObjectName("schedule_view")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Week and what to do", "Dates / details", "Hours"])
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("Week-by-week schedule")
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 10, 12, 10)
        self.pace_panel = PacePanel()
        self.pace_panel.replan_requested.connect(self.replan)
        self.test_out_panel = TestOutPanel()
        self.test_out_panel.test_out_requested.connect(self.test_out)
        right_layout.addWidget(w.heading("Week by week", 2))
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.advice)
        right_layout.addWidget(self.pace_panel)
        right_layout.addWidget(self.test_out_panel)
        right_layout.addWidget(self.tree, 1)

        splitter = QSplitter()
        # The settings, exports and reading list scroll on a short screen (1024×640).
        left_scroll = QScrollArea()
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setWidget(left)
        left_scroll.setMinimumWidth(left.minimumSizeHint().width() + 16)
        splitter.addWidget(left_scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.refresh()

    # -- loading --------------------------------------------------------------------
    def refresh(self) -> None:
        self._loading = True
        s = plan.get_settings(self.store, self.path_id)
        self._study_times = s.study_times
        self.days_label.setText(self._days_text(s))
        if not self.name_edit.hasFocus():
            self.name_edit.setText(s.learner_name)
        self.hours_spin.setValue(s.hours_per_week)
        self.start_edit.setDate(w.to_qdate(s.start_date))
        self.target_edit.setDate(w.to_qdate(s.target_date))
        self.reading_check.setChecked(s.include_reading)
        self.practice_check.setChecked(s.include_practice)
        paper = settings.PLAN_PAPER.get(self.store) or default_paper()
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(paper)))
        self._loading = False
        self._fill_books()
        self.refresh_schedule()

    def _fill_books(self) -> None:
        while self.reading_grid.count():
            item = self.reading_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.book_combos.clear()
        info = catalog.path_info(self.store, self.path_id)
        row = 0
        if info.reading_intro:
            self.reading_grid.addWidget(w.label(info.reading_intro, muted=True), row, 0, 1, 2)
            row += 1
        for book in catalog.books(self.store, self.path_id):
            if book.retired and book.status == BookStatus.TO_READ:
                continue
            text = w.label(f"{book.title}\nby {book.authors}")
            combo = QComboBox()
            combo.setAccessibleName(f"Reading status of {book.title}")
            for key, label in ((s.value, s.label) for s in BookStatus):
                combo.addItem(label, key)
            combo.setCurrentIndex(combo.findData(book.status))
            combo.activated.connect(lambda _i, b=book.id, c=combo: self._book_chosen(b, c))
            self.book_combos[book.id] = combo
            self.reading_grid.addWidget(text, row, 0)
            self.reading_grid.addWidget(combo, row, 1, Qt.AlignmentFlag.AlignTop)
            row += 1

    def refresh_schedule(self) -> None:
        self.test_out_panel.show_tracks(known_tracks.known_tracks(self.store, self.path_id))
        try:
            schedule = plan.schedule_for(self.store, self.path_id)
            self.pace_panel.show_pace(pace.pace_for(self.store, self.path_id))
        except plan.PlanError as exc:
            self.tree.clear()
            self.summary.setText(str(exc))
            self.advice.setText("")
            self.pace_panel.hide()
            return
        self.pace_panel.show()
        self.tree.clear()
        for week in schedule.weeks:
            top = QTreeWidgetItem([
                f"Week {week.number}",
                f"{week.start.isoformat()} – {week.end.isoformat()}",
                f"{week.hours:g}",
            ])  # fmt: skip
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for item in week.items:
                child = QTreeWidgetItem([
                    KIND_LABELS.get(item.kind, "") + item.title,
                    item.detail,
                    f"{item.hours:g}" if item.hours else "",
                ])  # fmt: skip
                child.setData(0, Qt.ItemDataRole.UserRole, (item.kind, item.ref_id))
                top.addChild(child)
            top.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
            self.tree.addTopLevelItem(top)
        self.tree.expandToDepth(0)
        self._update_summary(schedule)

    def _update_summary(self, s: plan.Schedule) -> None:
        if s.finish is None and s.unscheduled:
            self.summary.setText("Nothing can be scheduled: see the tutorials named below.")
        elif s.finish is None:
            self.summary.setText("Nothing left to schedule: every tutorial is done or skipped.")
        else:
            target = f" · target {s.target.isoformat()}" if s.target else " · no target date"
            self.summary.setText(
                f"{len(s.weeks)} weeks · {s.total_hours:g} h of tutorials left · "
                f"projected finish {s.finish.isoformat()}{target}"
            )
        advice = []
        if s.on_track is True:
            advice.append("On track: the plan finishes by the target date.")
        elif s.on_track is False and s.hours_needed:
            advice.append(
                f"Behind the target: {s.hours_needed:g} hours a week would meet it "
                f"(now {s.hours_per_week:g})."
            )
        advice.extend(s.notes)
        self.advice.setText(" ".join(advice))

    # -- editing --------------------------------------------------------------------
    def current_settings(self) -> plan.PlanSettings:
        return plan.PlanSettings(
            study_times=self._study_times,  # set in the set-up; kept as they are here
            hours_per_week=float(self.hours_spin.value()),
            start_date=w.from_qdate(self.start_edit.date()),
            target_date=w.from_qdate(self.target_edit.date()),
            include_reading=self.reading_check.isChecked(),
            include_practice=self.practice_check.isChecked(),
            learner_name=self.name_edit.text(),
        )

    @staticmethod
    def _days_text(s: plan.PlanSettings) -> str:
        each = study_days.session_hours(s.hours_per_week, s.study_times)
        return f"{study_days.describe(s.study_times)}, {each:.1f} h a session"

    def _settings_changed(self) -> None:
        if not self._loading:
            self.save_settings()

    def save_settings(self) -> None:
        self._save_timer.stop()
        wanted = self.current_settings()
        try:
            plan.check_to_save(wanted)
        except plan.PlanError as exc:
            self.advice.setText(str(exc))  # said beside the fields while the user types
            return
        op = partial(plan.save_settings, self.store, self.path_id, wanted)
        self.events.run("Change plan settings", op, parent=self)

    def replan(self, hours: float) -> None:
        """Start the plan again today at ``hours`` a week (one step to undo)."""
        self.flush()
        op = partial(pace.replan, self.store, self.path_id, hours)
        self.events.run(f"Re-plan from today at {hours:g} h a week", op, parent=self)

    def test_out(self, skill_id: int) -> None:
        """Skip the not-started tutorials of a track at or above target (one step)."""
        tracks = known_tracks.known_tracks(self.store, self.path_id)
        name = next((k.name for k in tracks if k.skill_id == skill_id), "a track")
        op = partial(known_tracks.test_out, self.store, self.path_id, skill_id)
        outcome = self.events.run(f"Test out of {name}", op, parent=self)
        if outcome is not None and isinstance(outcome.value, known_tracks.SkippedTrack):
            done = outcome.value
            self.events.status_message.emit(
                f"Tested out of {done.name}: {done.count} tutorial"
                f"{'s' if done.count != 1 else ''} skipped, {done.hours:g} h saved. "
                "Edit → Undo takes it back."
            )

    def _paper_changed(self) -> None:
        if not self._loading:
            settings.PLAN_PAPER.set(self.store, str(self.paper_combo.currentData()))

    def _book_chosen(self, book_id: int, combo: QComboBox) -> None:
        status = str(combo.currentData())
        op = partial(plan.set_book_status, self.store, book_id, status)
        if self.events.run(f"Mark book {BookStatus.label_of(status).lower()}", op,
                           parent=self) is None:  # fmt: skip
            self._fill_books()  # show the status as it is

    def flush(self) -> None:
        if self._save_timer.isActive():
            self.save_settings()

    # -- exports --------------------------------------------------------------------
    def ask_save_path(self, kind: str) -> Path | None:
        """Ask where to save (tests replace this)."""
        filter_text, suffix = FILTERS[kind]
        info = catalog.path_info(self.store, self.path_id)
        suggested = str(Path.home() / f"{info.key}-study-plan{suffix}")
        name, _ = QFileDialog.getSaveFileName(self, "Export Study Plan", suggested, filter_text)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(suffix)

    def export(self, kind: str) -> None:
        self.flush()
        out = self.ask_save_path(kind)
        if out is None:
            return
        # The data folder holds the database; export_plan refuses the app's own files there.
        data_dir = self.store.path.parent
        try:
            data = report.build_report(self.store, self.path_id)
        except plan.PlanError as exc:
            self._export_finished(False, f"The study plan settings cannot be used: {exc}")
            return
        paper = str(self.paper_combo.currentData() or A4)
        if self.runner.start(kind, data, out, data_dir, paper):
            for b in (self.pdf_button, self.ics_button, self.md_button):
                b.setEnabled(False)

    def _export_finished(self, ok: bool, message: str) -> None:
        for b in (self.pdf_button, self.ics_button, self.md_button):
            b.setEnabled(True)
        self.last_export = (ok, message)
        if ok:
            self.events.status_message.emit(message)
        elif message:  # an empty message: a bug, already shown by the runner
            show_message(self, "Export failed", message)
