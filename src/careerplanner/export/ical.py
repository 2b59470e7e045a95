"""The weekly study blocks as an iCalendar file (RFC 5545), written with ``icalendar``.

One all-day event per week of the plan, from its first to its last day, listing what to
do. UIDs are stable (path and week number), so importing a newer export updates the
events in calendars that honour UIDs instead of duplicating them.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from careerplanner.paths import partial_file
from careerplanner.services.plan import BOOK, PRACTICE
from careerplanner.services.report import PlanReport


def build_calendar(report: PlanReport) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Career Planner//Study plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{report.title} study plan")
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    for week in report.schedule.weeks:
        lines = []
        for item in week.items:
            prefix = (
                "Read: " if item.kind == BOOK else ("Practice: " if item.kind == PRACTICE else "")
            )
            hours = f" ({item.hours:g} h)" if item.hours else ""
            detail = f" — {item.detail}" if item.detail else ""
            lines.append(f"• {prefix}{item.title}{hours}{detail}")
        event = Event()
        event.add("uid", f"{report.path_key}-week-{week.number}@careerplanner")
        event.add("dtstamp", stamp)
        event.add("dtstart", week.start)
        event.add("dtend", week.end + timedelta(days=1))
        event.add("summary", f"{report.title} study — week {week.number} ({week.hours:g} h)")
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())


def write_calendar(report: PlanReport, out: Path) -> int:
    """Write the calendar; returns the number of events. Raises OSError on failure."""
    data = build_calendar(report)
    tmp = partial_file(out)
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
    return len(report.schedule.weeks)
