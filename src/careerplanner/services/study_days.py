"""Study days: the days of the week the user studies, and the time each session starts.

Part of a path's plan settings (``plan.PlanSettings.study_times``), beside the hours per
week they share out: the set-up asks for them together, one save validates them
together, and the JSON export carries them in the path's ``plan``. Stored as a JSON
object in weekday order, ``{"mon": "19:00", "wed": "19:00", "fri": "19:00"}``; an empty
or unusable stored value reads as the default (three evenings at 19:00).

A session lasts ``hours per week / study days`` (``session_hours``) and should not exceed
``MAX_SESSION_HOURS``; ``session_problem`` says so in words (more days, or fewer hours).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import time
from typing import Any

#: Day keys, Monday first (``date.weekday()`` numbers).
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: A study session never lasts longer than this.
MAX_SESSION_HOURS = 4.0
_CLOCK = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")


@dataclass(frozen=True, order=True)
class StudyTime:
    """One study day: ``weekday`` 0 = Monday … 6 = Sunday, and the session's start."""

    weekday: int
    start: time

    @property
    def key(self) -> str:
        return WEEKDAYS[self.weekday]

    @property
    def clock(self) -> str:
        return f"{self.start.hour:02d}:{self.start.minute:02d}"

    @property
    def label(self) -> str:
        return f"{DAY_NAMES[self.weekday][:3]} {self.clock}"


#: Three evenings at 19:00, spread over the week.
DEFAULT_STUDY_TIMES: tuple[StudyTime, ...] = (
    StudyTime(0, time(19)),
    StudyTime(2, time(19)),
    StudyTime(4, time(19)),
)


def parse_clock(text: Any) -> time:
    """``"HH:MM"`` (24 hours) as a time; ValueError with a message otherwise."""
    match = _CLOCK.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"{str(text)[:20]!r} is not a time of day as HH:MM (00:00 to 23:59)")
    return time(int(match.group(1)), int(match.group(2)))


def problem(times: tuple[StudyTime, ...]) -> str | None:
    """Why ``times`` cannot be the study days (for a message), or None."""
    if not times:
        return "Choose at least one study day."
    days = [t.weekday for t in times]
    if any(not isinstance(d, int) or isinstance(d, bool) or not 0 <= d <= 6 for d in days):
        return "A study day must be one of Monday to Sunday."
    if len(set(days)) != len(days):
        return "Each study day can be chosen once."
    for t in times:
        if not isinstance(t.start, time) or t.start.second or t.start.microsecond:
            return "A study time is a time of day in hours and minutes."
    return None


def normalised(times: tuple[StudyTime, ...]) -> tuple[StudyTime, ...]:
    """In weekday order."""
    return tuple(sorted(times))


def from_mapping(value: Any) -> tuple[StudyTime, ...]:
    """``{"mon": "19:00", …}`` as study times; ValueError with a message otherwise."""
    if not isinstance(value, dict):
        raise ValueError('must be an object such as {"mon": "19:00", "thu": "19:00"}')
    times = []
    for key, clock in value.items():
        if key not in WEEKDAYS:
            raise ValueError(f"{str(key)[:20]!r} is not a day (one of {', '.join(WEEKDAYS)})")
        times.append(StudyTime(WEEKDAYS.index(key), parse_clock(clock)))
    found = problem(tuple(times))
    if found:
        raise ValueError(found)
    return normalised(tuple(times))


def to_mapping(times: tuple[StudyTime, ...]) -> dict[str, str]:
    return {t.key: t.clock for t in normalised(times)}


def to_text(times: tuple[StudyTime, ...]) -> str:
    """What the database stores: '' for the default (so a later default applies to a
    user who never chose), else the JSON object."""
    ordered = normalised(times)
    return "" if ordered == DEFAULT_STUDY_TIMES else json.dumps(to_mapping(ordered))


def from_text(text: str | None) -> tuple[StudyTime, ...]:
    """What the database stores, read back; anything unusable reads as the default."""
    if not text:
        return DEFAULT_STUDY_TIMES
    try:
        return from_mapping(json.loads(text))
    except (ValueError, TypeError, RecursionError):
        return DEFAULT_STUDY_TIMES


def session_hours(hours_per_week: float, times: tuple[StudyTime, ...]) -> float:
    """How long each session is when the week's hours are shared out evenly."""
    return hours_per_week / max(1, len(times))


def session_problem(hours_per_week: float, times: tuple[StudyTime, ...]) -> str | None:
    """A sentence when a session would last longer than ``MAX_SESSION_HOURS``."""
    if not times or session_hours(hours_per_week, times) <= MAX_SESSION_HOURS + 1e-9:
        return None
    days = len(times)
    return (
        f"{hours_per_week:g} h over {days} study day{'s' if days != 1 else ''} is "
        f"{session_hours(hours_per_week, times):.1f} h a session; a session lasts at most "
        f"{MAX_SESSION_HOURS:g} h: choose more days or fewer hours."
    )


def describe(times: tuple[StudyTime, ...]) -> str:
    """``Mon, Wed, Fri at 19:00`` (one time for all), or ``Mon 19:00, Sat 10:00``."""
    ordered = normalised(times)
    clocks = {t.clock for t in ordered}
    if len(clocks) == 1:
        days = ", ".join(DAY_NAMES[t.weekday][:3] for t in ordered)
        return f"{days} at {ordered[0].clock}"
    return ", ".join(t.label for t in ordered)
