"""How practice times read: FSRS works in UTC, people read local time."""

from __future__ import annotations

from datetime import datetime


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


def due_text(due: datetime | None, now: datetime) -> str:
    """What the bank shows in its Due column."""
    if due is None:
        return "New"
    if due <= now:
        return "Due now"
    when = local(due)
    today = local(now).date()
    days = (when.date() - today).days
    if days == 0:
        return f"Today {when:%H:%M}"
    if days == 1:
        return f"Tomorrow {when:%H:%M}"
    if days < 7:
        return f"{when:%a %H:%M}"
    return f"{when:%d %b %Y}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"
