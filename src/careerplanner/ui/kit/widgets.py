"""Small widget helpers. Every text shown here is plain text, never guessed rich text."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from careerplanner import limits


def label(
    text: str,
    *,
    wrap: bool = True,
    selectable: bool = True,
    point_delta: float = 0,
    bold: bool = False,
    muted: bool = False,
    name: str | None = None,
) -> QLabel:
    """A QLabel that shows ``text`` literally (Qt.PlainText), never as HTML."""
    lab = QLabel()
    lab.setTextFormat(Qt.TextFormat.PlainText)
    lab.setText(text)
    lab.setWordWrap(wrap)
    if selectable:
        lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if point_delta or bold:
        font = QFont(lab.font())
        if point_delta:
            font.setPointSizeF(font.pointSizeF() + point_delta)
        font.setBold(bold)
        lab.setFont(font)
    if muted:
        # Drawn in the palette's placeholder colour by role (not a copied colour), so
        # that it follows a live theme switch.
        lab.setProperty("muted", True)
        lab.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    if name:
        lab.setObjectName(name)
    return lab


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally.

    Qt guesses whether a tooltip is rich text, so markup in a pack or in user text would
    be rendered; escaping it inside a paragraph makes Qt print it as written.
    """
    body = html.escape(text).replace("\n", "<br>")
    return f"<p style='white-space: pre-wrap'>{body}</p>"


def heading(text: str, level: int = 1) -> QLabel:
    delta = {0: 8, 1: 5, 2: 2.5, 3: 1}.get(level, 0)
    return label(text, point_delta=delta, bold=True)


def card() -> tuple[QFrame, QVBoxLayout]:
    """A framed panel with a vertical layout."""
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setProperty("card", True)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 12, 14, 12)
    layout.setSpacing(6)
    return frame, layout


def scroll_page() -> tuple[QScrollArea, QVBoxLayout]:
    """A vertically scrolling page; add widgets to the returned layout."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    inner = QWidget()
    layout = QVBoxLayout(inner)
    layout.setContentsMargins(18, 16, 18, 16)
    layout.setSpacing(12)
    area.setWidget(inner)
    return area, layout


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget and nested layout of ``layout``."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)  # gone from findChildren at once, deleted soon
            widget.deleteLater()
            continue
        sub = item.layout()
        if sub is not None:
            clear_layout(sub)
            sub.deleteLater()


def make_action(parent: QWidget, text: str, name: str, shortcut: str | None = None) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    return action


def confirm(parent: QWidget | None, title: str, text: str, detail: str, action: str) -> bool:
    """Ask before a destructive action; the safe answer (Cancel) is the default.

    ``text`` (which may hold pack or user text) is shown as plain text.
    """
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setInformativeText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    ok = box.button(QMessageBox.StandardButton.Ok)
    if ok is not None:
        ok.setText(action)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return bool(box.exec() == QMessageBox.StandardButton.Ok)


# -- optional dates -------------------------------------------------------------------

#: What an optional date field holds when it is empty: the day before the first date the
#: app accepts, shown as the field's special text ("not set", "today").
NO_DATE = QDate(limits.MIN_DATE.year, limits.MIN_DATE.month, limits.MIN_DATE.day).addDays(-1)


def to_qdate(value: date | None) -> QDate:
    """A stored date for an optional date field; dates outside the limits are shown at
    the nearest limit, values that are not dates as empty."""
    day = limits.as_date(value)
    if day is None:
        return NO_DATE
    day = limits.clamp_date(day)
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date | None:
    if value == NO_DATE or not value.isValid():
        return None
    return date(value.year(), value.month(), value.day())


def optional_date_edit(name: str, empty_text: str, maximum: date | None = None) -> QDateEdit:
    """A date field with a calendar that may be empty (``empty_text``), limited to the
    app's dates (``careerplanner.limits``) and to ``maximum`` when given."""
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    last = limits.clamp_date(min(maximum, limits.MAX_DATE) if maximum else limits.MAX_DATE)
    # Both ends at midnight: a date held at the last day keeps the time 00:00, so that
    # the empty value still matches the minimum exactly (and shows ``empty_text``).
    midnight = QTime(0, 0)
    edit.setDateTimeRange(
        QDateTime(NO_DATE, midnight), QDateTime(QDate(last.year, last.month, last.day), midnight)
    )
    edit.setSpecialValueText(empty_text)
    edit.setDate(NO_DATE)
    return edit
