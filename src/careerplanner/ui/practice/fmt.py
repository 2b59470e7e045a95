"""How practice times read: FSRS works in UTC, people read local time."""

from __future__ import annotations

from datetime import date, datetime

from careerplanner.services.practice import QuestionRow, local_day
from careerplanner.services.readiness import (
    HORIZON_DAYS,
    MIN_ATTEMPTS,
    MIN_STABILITY_DAYS,
    attempts_text,
)


def local(dt: datetime) -> datetime:
    """An aware datetime in the computer's local time zone (unconverted when the local
    time would fall outside the dates Python can hold: a stored year 1 or 9999)."""
    try:
        return dt.astimezone()
    except (OverflowError, OSError, ValueError):
        return dt


def local_text(dt: datetime) -> str:
    return local(dt).strftime("%a %d %b %Y, %H:%M")


def interval(due: datetime, now: datetime) -> str:
    """Anki-style: '10 min', '3 h', '2 days', '1.5 mo', '1.2 yr'."""
    seconds = (due - now).total_seconds()
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h"
    days = seconds / 86400
    if days < 31:
        n = round(days)
        return f"{n} day" if n == 1 else f"{n} days"
    if days < 365:
        return f"{days / 30.4:.1f} mo"
    return f"{days / 365:.1f} yr"


def day_name(day: date, today: date) -> str:
    """A day as people say it: "Today", "Tomorrow", "Thu 3 Dec" (with the year when it
    is not this year's)."""
    offset = (day - today).days
    if offset == 0:
        return "Today"
    if offset == 1:
        return "Tomorrow"
    if offset == -1:
        return "Yesterday"
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def due_day(due: datetime, now: datetime) -> str:
    """When a question comes back, as a day (scheduling is in whole days: no clock time)."""
    return day_name(local_day(due), local_day(now))


def back_text(due: datetime, now: datetime) -> str:
    """ "back tomorrow", "back on Thu 3 Dec (in 3 days)"."""
    day = due_day(due, now)
    if day in ("Today", "Tomorrow"):
        return f"back {day.lower()}"
    return f"back on {day} (in {interval(due, now)})"


def due_text(due: datetime | None, now: datetime) -> str:
    """What the bank shows in its Due column: "New", "Due today", "Overdue", "Tomorrow",
    "Thu 3 Dec"."""
    if due is None:
        return "New"
    day, today = local_day(due), local_day(now)
    if day == today:
        return "Due today"
    if day < today:
        return "Overdue"  # since when: the tooltip
    return day_name(day, today)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def readiness_cell(r: QuestionRow) -> str:
    """ "82%" or "learning" over "4 attempts": ``QuestionRow.readiness_text`` in a cell."""
    figure = "learning" if r.readiness is None else percent(r.readiness)
    return f"{figure}\n{attempts_text(r.attempts)}"


def readiness_tip(r: QuestionRow) -> str:
    """What a question's readiness is made of (docs/readiness.md)."""
    lines = [f"{r.attempts} attempt{'s' if r.attempts != 1 else ''}"]
    if r.stability is not None:
        lines.append(f"Memory stability: {r.stability:.1f} days (FSRS)")
    lines.append(f"Predicted recall in {HORIZON_DAYS} days: {percent(r.recall_ahead)}")
    lines.append(f"Recent ratings: {percent(r.grade)} · rubric covered: {percent(r.coverage)}")
    if r.readiness is None:
        lines.append(
            f"Learning: a figure needs {MIN_ATTEMPTS} attempts and a stability of "
            f"{MIN_STABILITY_DAYS:g} days or more."
        )
    return "\n".join(lines)
