"""The left pane of the practice tab: the question bank, readiness, own questions, tips."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from careerplanner.services.practice import CategoryReadiness
from careerplanner.ui.kit import widgets as w
from careerplanner.ui.practice import bank_model as bm

SMALL_COLUMNS = (bm.COL_CATEGORY, bm.COL_RATING, bm.COL_DUE, bm.COL_READY)


class BankPane(QWidget):
    """Widgets only; the tab fills them from the services and wires the actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = bm.QuestionBankModel(self)
        self.proxy = bm.CategoryFilter(self)
        self.proxy.setSourceModel(self.model)

        self.category_filter = QComboBox()
        self.category_filter.setObjectName("category_filter")
        self.category_filter.setAccessibleName("Filter by category")
        self.due_label = w.label("", bold=True, name="due_count", wrap=False)
        self.next_button = QPushButton("Practise &next")
        self.next_button.setToolTip("The question due longest first, then the new ones")
        self.next_button.setObjectName("next_due")
        filters = QHBoxLayout()
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.due_label)
        filters.addWidget(self.next_button)

        self._readiness = QGridLayout()
        self._readiness.setSpacing(6)
        #: The readiness card of each category: (frame, figure label, counts label).
        self.cards: dict[str, tuple[QFrame, QLabel, QLabel]] = {}

        self.view = QTableView()
        self.view.setObjectName("bank_view")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.setAccessibleName("Question bank")
        # Sized by hand, not ResizeToContents: that mode measures every row again on any
        # change of one cell (80 ms for one rating on 40 wrapped questions). A reset, a
        # filter or a new width measures all rows; a changed row only itself.
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(bm.COL_QUESTION, QHeaderView.ResizeMode.Stretch)
        for col in SMALL_COLUMNS:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_all)
        self.model.modelReset.connect(self.fit_all)
        self.model.dataChanged.connect(self._fit_changed)
        for signal in (self.proxy.layoutChanged, self.proxy.rowsInserted, self.proxy.modelReset):
            signal.connect(self._fit_timer.start)
        header.sectionResized.connect(
            lambda col, _old, _new: self._fit_timer.start() if col == bm.COL_QUESTION else None
        )

        self.add_button = QPushButton("&Add Question…")
        self.add_button.setObjectName("add_question")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("edit_question")
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setObjectName("delete_question")
        self.timers_button = QPushButton("&Timer Lengths…")
        self.timers_button.setObjectName("timer_lengths")
        own = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            own.addWidget(b)
        own.addStretch(1)
        own.addWidget(self.timers_button)

        self.mock_count = QSpinBox()
        self.mock_count.setObjectName("mock_count")
        self.mock_count.setRange(1, 10)
        self.mock_count.setValue(3)
        self.mock_count.setSuffix(" questions")
        self.mock_count.setAccessibleName("Number of questions in the mock interview")
        self.mock_button = QPushButton("Start &Mock Interview")
        self.mock_button.setObjectName("mock_start")
        mock = QHBoxLayout()
        mock.addWidget(w.label("Mock interview:", bold=True, wrap=False))
        mock.addWidget(self.mock_count)
        mock.addWidget(self.mock_button)
        mock.addStretch(1)

        tips_box = QGroupBox("Interview tips")
        tips_area = QScrollArea()
        tips_area.setWidgetResizable(True)
        tips_area.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        self._tips = QVBoxLayout(inner)
        self._tips.setContentsMargins(2, 2, 2, 2)
        self._tips.setSpacing(4)
        tips_area.setWidget(inner)
        tips_layout = QVBoxLayout(tips_box)
        tips_layout.setContentsMargins(8, 4, 8, 8)
        tips_layout.addWidget(tips_area)
        # On a small screen the bank keeps room for a few questions; the tips scroll.
        tips_box.setMinimumHeight(84)
        tips_box.setMaximumHeight(240)
        self.view.setMinimumHeight(150)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 8, 12)
        layout.setSpacing(8)
        layout.addWidget(w.heading("Question bank", 2))
        layout.addLayout(filters)
        layout.addLayout(self._readiness)
        layout.addWidget(self.view, 1)
        layout.addLayout(own)
        layout.addLayout(mock)
        layout.addWidget(tips_box)

    def show_readiness(self, items: list[CategoryReadiness]) -> None:
        """One card per category: its readiness figure (or "learning") with the number
        of attempts beside it, and its due and new questions counted apart."""
        while self._readiness.count():
            item = self._readiness.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.cards = {}
        for i, c in enumerate(items):
            frame, box = w.card()
            frame.setObjectName(f"readiness_{i}")
            box.setContentsMargins(10, 4, 10, 4)
            box.setSpacing(0)
            box.addWidget(w.label(c.category.upper(), bold=True, wrap=False))
            figure = w.label("", wrap=False)
            counts = w.label("", muted=True, wrap=False)
            box.addWidget(figure)
            box.addWidget(counts)
            self.cards[c.category] = (frame, figure, counts)
            self.update_readiness(c)
            self._readiness.addWidget(frame, i // 2, i % 2)
            frame.show()

    def update_readiness(self, c: CategoryReadiness) -> bool:
        """Show one category's readiness in its card; False when it has no card."""
        card = self.cards.get(c.category)
        if card is None:
            return False
        frame, figure, counts = card
        figure.setText(f"Readiness {c.text}")
        counts.setText(f"{c.due} due · {c.new} new · {c.questions} questions")
        frame.setToolTip(
            f"{c.measured} with a figure, {c.learning} learning, {c.new} new.\n"
            "New and learning questions count 0 in the figure (see docs/readiness.md)."
        )
        return True

    def fit_all(self) -> None:
        """Column widths and row heights for every row (after a reset or a new width)."""
        for col in SMALL_COLUMNS:
            self.view.resizeColumnToContents(col)
        self.view.resizeRowsToContents()

    def _fit_changed(self, top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        """Changed rows: their own height, and the small columns widened if they need it
        (never narrowed here; the next reset measures all rows again)."""
        for row in range(top.row(), bottom.row() + 1):
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not index.isValid():
                continue
            for col in SMALL_COLUMNS:
                cell = self.proxy.index(index.row(), col)
                wanted = self.view.sizeHintForIndex(cell).width()
                if wanted > self.view.columnWidth(col):
                    self.view.setColumnWidth(col, wanted)
            self.view.resizeRowToContents(index.row())

    def show_tips(self, tips: list[str]) -> None:
        w.clear_layout(self._tips)
        for i, tip in enumerate(tips, start=1):
            self._tips.addWidget(w.label(f"{i}.  {tip}"))
        self._tips.addStretch(1)

    def show_categories(self, categories: list[str]) -> None:
        current = self.category_filter.currentData()
        self.category_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItem("All categories", "")
        for c in categories:
            self.category_filter.addItem(c, c)
        index = self.category_filter.findData(current) if current else 0
        self.category_filter.setCurrentIndex(max(0, index))
        self.category_filter.blockSignals(False)
        self.proxy.set_category(self.category_filter.currentData() or "")

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        value = index.data(bm.QuestionIdRole)
        return int(value) if value is not None else None

    def select(self, question_id: int) -> bool:
        row = self.model.row_of(question_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.category_filter.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True
