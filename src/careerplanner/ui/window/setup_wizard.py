"""The first-run set-up: a short wizard that asks the user about themselves once.

Four pages: a welcome, the self-assessment (a level per skill with its topic checklist),
the time (hours a week, study days with a start time each, start and target dates), and
what the plan will be. "Skip Set-Up" (or closing it) skips it; "Save My Plan" hands the
answers to the window, which saves them as one step to undo (``services.setup``).
It is opened with ``open()``, never ``exec()``: nothing blocks, in tests neither.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QScrollArea,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from careerplanner.services import plan, setup, skills, study_days
from careerplanner.services.catalog import SkillItem
from careerplanner.services.study_days import DAY_NAMES, StudyTime
from careerplanner.store import Store
from careerplanner.ui.kit import widgets as w
from careerplanner.vocab import Level, level_name

#: What each level means, as the set-up offers it.
LEVEL_HINTS = {
    Level.NONE: "None: new to it",
    Level.BEGINNER: "Beginner: know the basics",
    Level.INTERMEDIATE: "Intermediate: use it at work",
    Level.ADVANCED: "Advanced: design with it",
    Level.EXPERT: "Expert: could teach it",
}
TOPIC_COLUMNS = 4
TOPIC_WIDTH = 165


class SkillsPage(QWizardPage):
    """A level for each skill, and its topics to tick."""

    def __init__(self, items: list[SkillItem], answers: setup.SetupAnswers) -> None:
        super().__init__()
        self.setTitle("Your skills")
        self.setSubTitle(
            "Rate yourself on each skill and tick the topics you already know. The plan "
            "puts the skills below their target first; those at or above it you can test "
            "out of."
        )
        self.level_combos: dict[int, QComboBox] = {}
        self.topic_checks: dict[int, QCheckBox] = {}
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(12, 4, 12, 4)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        row = 0
        for skill in items:
            name = w.label(skill.name, bold=True, wrap=False)
            combo = QComboBox()
            combo.setObjectName(f"setup_level_{skill.key}")
            combo.setAccessibleName(f"Your level in {skill.name}")
            for level in Level:
                combo.addItem(LEVEL_HINTS[level], int(level))
            combo.setCurrentIndex(max(0, combo.findData(answers.levels.get(skill.id, 0))))
            self.level_combos[skill.id] = combo
            grid.addWidget(name, row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(w.label(f"target {level_name(skill.target)}", muted=True), row, 2)
            topics = QGridLayout()
            topics.setContentsMargins(16, 0, 0, 10)
            for i, topic in enumerate(skill.topics):
                check = QCheckBox(topic.name.replace("&", "&&"))
                check.setObjectName(f"setup_topic_{skill.key}_{topic.key}")
                check.setChecked(answers.topics.get(topic.id, topic.checked))
                self.topic_checks[topic.id] = check
                topics.addWidget(check, i // TOPIC_COLUMNS, i % TOPIC_COLUMNS)
            for c in range(TOPIC_COLUMNS):
                topics.setColumnMinimumWidth(c, TOPIC_WIDTH)
            topics.setColumnStretch(TOPIC_COLUMNS, 1)
            grid.addLayout(topics, row + 1, 0, 1, 3)
            row += 2
        grid.setColumnStretch(2, 1)
        column.addLayout(grid)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def levels(self) -> dict[int, int]:
        return {sid: int(c.currentData()) for sid, c in self.level_combos.items()}

    def topics(self) -> dict[int, bool]:
        return {tid: c.isChecked() for tid, c in self.topic_checks.items()}


class TimePage(QWizardPage):
    """Hours a week, study days with their start times, start and target dates."""

    def __init__(self, settings: plan.PlanSettings, today: date) -> None:
        super().__init__()
        self.setTitle("Your time")
        self.setSubTitle(
            "How many hours a week you can study, on which days and from what time, and "
            "by when you want to be ready."
        )
        self.hours = QDoubleSpinBox()
        self.hours.setObjectName("setup_hours")
        self.hours.setRange(plan.MIN_HOURS, plan.MAX_HOURS)
        self.hours.setSingleStep(0.5)
        self.hours.setDecimals(1)
        self.hours.setSuffix(" h a week")
        self.hours.setAccessibleName("Hours per week")
        self.hours.setValue(settings.hours_per_week)
        chosen = {t.weekday: t.start for t in settings.study_times}
        self.day_checks: list[QCheckBox] = []
        self.day_times: list[QTimeEdit] = []
        days = QGridLayout()
        days.setHorizontalSpacing(12)
        for day, name in enumerate(DAY_NAMES):
            check = QCheckBox(name)
            check.setObjectName(f"setup_day_{study_days.WEEKDAYS[day]}")
            start = QTimeEdit()
            start.setObjectName(f"setup_time_{study_days.WEEKDAYS[day]}")
            start.setDisplayFormat("HH:mm")
            start.setAccessibleName(f"Start time on {name}")
            when = chosen.get(day, time(19))
            start.setTime(QTime(when.hour, when.minute))
            check.setChecked(day in chosen)
            start.setEnabled(day in chosen)
            check.toggled.connect(start.setEnabled)
            check.toggled.connect(lambda *_: self._changed())
            start.timeChanged.connect(lambda *_: self._changed())
            self.day_checks.append(check)
            self.day_times.append(start)
            days.addWidget(check, day % 4, (day // 4) * 2)
            days.addWidget(start, day % 4, (day // 4) * 2 + 1)
        days.setColumnStretch(4, 1)
        self.sessions = w.label("", name="setup_sessions")
        self.start = w.optional_date_edit("setup_start", "today")
        self.start.setDate(w.to_qdate(settings.start_date or today))
        self.target = w.optional_date_edit("setup_target", "no target")
        self.target.setDate(w.to_qdate(settings.target_date))
        self.hours.valueChanged.connect(lambda *_: self._changed())
        self.start.dateChanged.connect(lambda *_: self._changed())
        self.target.dateChanged.connect(lambda *_: self._changed())
        form = QFormLayout(self)
        for fixed in (self.hours, self.start, self.target):
            fixed.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form.addRow("&Study time:", self.hours)
        days_column = QVBoxLayout()
        days_column.setSpacing(8)
        days_column.addLayout(days)
        days_column.addWidget(self.sessions)
        form.addRow("Study days:", days_column)
        form.addRow("S&tart:", self.start)
        form.addRow("T&arget date:", self.target)
        self._changed()

    def study_times(self) -> tuple[StudyTime, ...]:
        return tuple(
            StudyTime(day, time(edit.time().hour(), edit.time().minute()))
            for day, (check, edit) in enumerate(zip(self.day_checks, self.day_times, strict=True))
            if check.isChecked()
        )

    def problem(self) -> str | None:
        times = self.study_times()
        found = study_days.problem(times)
        if found:
            return found
        start, target = w.from_qdate(self.start.date()), w.from_qdate(self.target.date())
        if start and target and target < start:
            return "The target date cannot be before the start date."
        return None

    def _changed(self) -> None:
        times = self.study_times()
        problem = self.problem() or study_days.session_problem(self.hours.value(), times)
        if problem:
            self.sessions.setText(problem)
        else:
            each = study_days.session_hours(self.hours.value(), times)
            self.sessions.setText(
                f"{len(times)} session{'s' if len(times) != 1 else ''} a week of "
                f"{each:.1f} h: {study_days.describe(times)}."
            )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.problem() is None


class SummaryPage(QWizardPage):
    """What the answers make of the plan, before it is saved."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Your plan")
        self.setSubTitle("This is what your answers make of the plan. You can change all of "
                         "it later: Skills, Study Plan, or Help → Set Up Your Plan…")  # fmt: skip
        self.text = w.label("", name="setup_summary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = self._wizard
        p = setup.preview(wizard.store, wizard.path_id, wizard.answers(), today=wizard.today)
        lines = []
        s = p.schedule
        if s is None:
            lines.append(p.problem)
        elif s.finish is None:
            lines.append("Nothing is left to schedule: every tutorial is done or skipped.")
        else:
            lines.append(
                f"{len(s.weeks)} weeks at {s.hours_per_week:g} h a week, from "
                f"{s.start.isoformat()}: you would finish on {s.finish.isoformat()}."
            )
            if s.on_track is True:
                lines.append("That is in time for your target date.")
            elif s.on_track is False and s.hours_needed:
                lines.append(f"That is after your target date: {s.hours_needed:g} h a week "
                             "would meet it.")  # fmt: skip
            elif s.target is None:
                lines.append("With a target date (on the page before) the plan also tells "
                             "you whether you are on track.")  # fmt: skip
        if p.first_up:
            lines.append("First up: " + "; ".join(p.first_up) + ".")
        if p.known:
            lines.append(
                "At or above target: " + ", ".join(p.known) + ". The Study Plan offers to "
                "test out of them, skipping their tutorials."
            )
        self.text.setText("\n\n".join(lines))


class SetupWizard(QWizard):
    """The set-up over one career path; ``answers()`` is what the user chose."""

    def __init__(
        self, parent: QWidget | None, store: Store, path_id: int, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.path_id = path_id
        self.today = today or date.today()
        self.setObjectName("setup_wizard")
        self.setWindowTitle("Set Up Your Plan")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.CancelButton, "Skip Set-Up")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Save My Plan")
        answers = setup.current_answers(store, path_id)
        welcome = QWizardPage()
        welcome.setTitle("Welcome to your plan")
        welcome.setSubTitle("Three short questions, so that the plan fits you.")
        intro = QVBoxLayout(welcome)
        intro.addWidget(w.label(
            "How do you rate your skills today, how much time do you have, and by when do "
            "you want to be ready? From your answers the plan puts the skills you need most "
            "first, spreads the work over your study days, and tells you whether you are on "
            "track.\n\nIt takes about two minutes. You can skip it and do it later from "
            "Help → Set Up Your Plan…"
        ))  # fmt: skip
        intro.addStretch(1)
        self.skills_page = SkillsPage(skills.assessment(store, path_id), answers)
        self.time_page = TimePage(answers.plan, self.today)
        self.summary_page = SummaryPage(self)
        for page in (welcome, self.skills_page, self.time_page, self.summary_page):
            self.addPage(page)
        self._base = answers.plan
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(780, screen.width() - 40), min(600, screen.height() - 60))

    def answers(self) -> setup.SetupAnswers:
        t = self.time_page
        settings = plan.PlanSettings(
            hours_per_week=float(t.hours.value()),
            start_date=w.from_qdate(t.start.date()),
            target_date=w.from_qdate(t.target.date()),
            include_reading=self._base.include_reading,
            include_practice=self._base.include_practice,
            learner_name=self._base.learner_name,
            study_times=t.study_times(),
        )
        return setup.SetupAnswers(self.skills_page.levels(), self.skills_page.topics(), settings)

    def go_to_end(self) -> None:
        """Move to the last page (tests and the benchmark use it)."""
        while self.currentPage() is not self.summary_page and self.currentPage() is not None:
            self.next()
