"""Exports of the user's plan (PDF, iCalendar, Markdown). May use QtGui, never ui/ widgets.

``export_plan`` is the one entry point used by the command line and the Study Plan tab.
"""

from __future__ import annotations

import logging
from pathlib import Path

from careerplanner.errors import UserError
from careerplanner.services.report import PlanReport

_log = logging.getLogger(__name__)

PDF, ICS, MARKDOWN = "pdf", "ics", "markdown"
KINDS = (PDF, ICS, MARKDOWN)


class ExportError(UserError):
    """The export could not be written; the message says why."""


def export_plan(
    kind: str, report: PlanReport, out: Path, *, data_dir: Path, paper: str = "A4"
) -> str:
    """Write ``report`` as ``kind`` to ``out``; returns a one-line summary.

    ``out`` is refused when it is a file the app owns in ``data_dir`` (the database, a
    backup, …: see ``paths.output_file``). Raises ExportError with a message for the user.
    The PDF needs a QGuiApplication.
    """
    from careerplanner.paths import DataDirError, output_file

    try:
        out = output_file(out, data_dir)
    except DataDirError as exc:
        raise ExportError(str(exc)) from exc
    _log.info("exporting the plan as %s to %s", kind, out)
    try:
        if kind == PDF:
            from careerplanner.export.pdf import write_pdf
            from careerplanner.export.radar import render_radar_image

            skills = report.skills
            radar = render_radar_image(
                [s.target for s in skills], [s.level for s in skills],
                labels=[s.name for s in skills], size=(1800, 1260),
            )  # fmt: skip
            pages = write_pdf(report, out, paper=paper, radar=radar)
            return f"Wrote the study plan to {out} ({pages} pages)."
        if kind == ICS:
            from careerplanner.export.ical import write_calendar

            events = write_calendar(report, out)
            return f"Wrote {events} weekly study blocks to {out}."
        if kind == MARKDOWN:
            from careerplanner.export.markdown import write_markdown

            write_markdown(report, out)
            return f"Wrote the study plan to {out}."
    except OSError as exc:
        _log.warning("export to %s failed: %s", out, exc)
        raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    raise ExportError(f"Unknown export kind {kind!r}.")
