"""The PDF study plan, written with Qt's own PDF writer (QPdfWriter + QTextDocument).

The document is built as rich text in which every piece of pack or user text is escaped,
so markup in a title or a note is printed literally. Text stays real text in the PDF
(selectable and searchable). Each page gets a footer with the plan's title and
"Page N of M".
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from careerplanner.export import ExportError
from careerplanner.paths import partial_file
from careerplanner.services import settings
from careerplanner.services.plan import BOOK, PRACTICE, TUTORIAL
from careerplanner.services.report import NOT_RATED_ADVICE, PlanReport
from careerplanner.vocab import BookStatus, Rating, TutorialStatus

A4, LETTER = settings.PLAN_PAPER.choices
RESOLUTION = 300
MARGIN_MM = 18.0
RADAR_URL = "careerplanner://radar.png"

CHECKBOX: dict[str, str] = {
    TutorialStatus.DONE: "☑",
    TutorialStatus.SKIPPED: "☒",
    TutorialStatus.IN_PROGRESS: "◐",
    TutorialStatus.NOT_STARTED: "☐",
}


def default_paper() -> str:
    """Letter where the locale measures in US units, else A4."""
    system = QLocale.system().measurementSystem()
    return LETTER if system == QLocale.MeasurementSystem.ImperialUSSystem else A4


def e(text: object) -> str:
    """Escape pack or user text for the rich-text document (printed literally)."""
    return html.escape(str(text), quote=True).replace("\n", "<br>")


def _hours(h: float) -> str:
    return f"{h:g} h"


STYLE = """
body { font-size: 10pt; color: #1f2328; }
h1 { font-size: 22pt; color: #1c2f7a; margin-bottom: 4px; }
h2 { font-size: 15pt; color: #1c2f7a; margin-top: 14px; margin-bottom: 6px; }
h3 { font-size: 11.5pt; margin-top: 10px; margin-bottom: 4px; }
.muted { color: #5b6470; }
.note { color: #3b4452; font-style: italic; }
th { background-color: #e8ecf7; text-align: left; }
.big { font-size: 13pt; }
"""


def _title_page(r: PlanReport) -> list[str]:
    s = r.schedule
    o = r.overall
    parts = [
        "<p style='margin-top: 120px'></p>",
        f"<h1>{e(r.title)} — Study Plan</h1>",
        f"<p class='big muted'>{e(r.tagline)}</p>" if r.tagline else "",
    ]
    if r.settings.learner_name:
        parts.append(f"<p class='big'>Prepared for <b>{e(r.settings.learner_name)}</b></p>")
    rows = [
        ("Created", r.generated_on.isoformat()),
        ("Start", s.start.isoformat()),
        ("Target date", s.target.isoformat() if s.target else "none set"),
        ("Projected finish", s.finish.isoformat() if s.finish else "nothing left to schedule"),
        ("Study time", f"{r.settings.hours_per_week:g} hours a week"),
        ("Progress", f"{o.done} of {o.total} tutorials done ({o.percent}%)"),
        ("Hours", f"{o.hours_done:g} h done, {o.hours_remaining:g} h remaining"),
    ]
    if o.skipped:
        rows.append(
            ("Skipped", f"{o.skipped} tutorial{'s' if o.skipped != 1 else ''} (not in the totals)")
        )
    parts.append("<table cellpadding='5' cellspacing='0' style='margin-top: 24px'>")
    for label, value in rows:
        parts.append(f"<tr><td class='muted'>{e(label)}</td><td><b>{e(value)}</b></td></tr>")
    parts.append("</table>")
    if s.on_track is False:
        advice = (
            f"At {s.hours_per_week:g} h a week the plan ends after the target date; "
            f"{s.hours_needed:g} h a week would meet it."
            if s.hours_needed else "The plan ends after the target date."
        )  # fmt: skip
        parts.append(f"<p style='color:#b42318'>{e(advice)}</p>")
    for note in s.notes:
        parts.append(f"<p class='muted'>{e(note)}</p>")
    if r.role_summary:
        parts.append(f"<h3 style='margin-top: 30px'>The role</h3><p>{e(r.role_summary)}</p>")
    return parts


def _skills(r: PlanReport, radar_width: int) -> list[str]:
    parts = ["<h2 style='page-break-before: always'>Skills: where you are against the target</h2>"]
    if radar_width:
        parts.append(f"<p align='center'><img src='{RADAR_URL}' width='{radar_width}'></p>")
    parts.append("<table border='1' cellpadding='4' cellspacing='0' width='100%'>")
    parts.append("<tr><th>Skill</th><th>Target</th><th>You</th><th>Gap</th></tr>")
    for s in r.skills:
        parts.append(
            f"<tr><td>{e(s.name)}</td><td>{e(s.target_name)}</td>"
            f"<td>{e(s.level_name)}</td><td>{e(s.gap_text)}</td></tr>"
        )
    parts.append("</table>")
    parts.append("<h3>Gaps to close first</h3>")
    if not r.rated:
        parts.append(f"<p>{e(NOT_RATED_ADVICE)}</p>")
    elif r.gaps:
        parts.append("<ol>")
        for s in r.gaps:
            parts.append(
                f"<li><b>{e(s.name)}</b>: from {e(s.level_name)} to {e(s.target_name)}</li>"
            )
        parts.append("</ol>")
    else:
        parts.append("<p>Every skill is at or above its target.</p>")
    return parts


def _roadmap(r: PlanReport) -> list[str]:
    parts = ["<h2 style='page-break-before: always'>Roadmap</h2>",
             "<p class='muted'>☑ done · ◐ in progress · ☐ to do · ☒ skipped (left out of "
             "the totals)</p>"]  # fmt: skip
    for number, phase in enumerate(r.phases, start=1):
        p = r.phase_progress.get(phase.id)
        figures = f" — {p.done} of {p.total} done ({p.percent}%)" if p else ""
        retired = " (retired)" if phase.retired else ""
        parts.append(f"<h3>Phase {number}: {e(phase.title)}{retired}{e(figures)}</h3>")
        if phase.summary:
            parts.append(f"<p class='muted'>{e(phase.summary)}</p>")
        parts.append("<table cellpadding='3' cellspacing='0' width='100%'>")
        for t in phase.tutorials:
            finished = f" · finished {t.finished_on.isoformat()}" if t.finished_on else ""
            own = " · your own" if t.custom else ""
            kept = f" · {t.retired_note}" if t.retired_note else ""
            parts.append(
                f"<tr><td width='5%' style='font-size: 13pt'>{CHECKBOX.get(t.status, '☐')}</td>"
                f"<td><b>{e(t.title)}</b><br><span class='muted'>{e(t.skill_name)} · "
                f"{_hours(t.hours)} · {e(TutorialStatus.label_of(t.status))}{e(finished)}"
                f"{own}{e(kept)}</span><br><span class='muted'>{e(t.url)}</span>"
            )
            if t.notes.strip():
                parts.append(f"<br><span class='note'>Notes: {e(t.notes.strip())}</span>")
            parts.append("</td></tr>")
        parts.append("</table>")
    return parts


def _schedule(r: PlanReport) -> list[str]:
    s = r.schedule
    parts = ["<h2 style='page-break-before: always'>Week by week</h2>"]
    if not s.weeks:
        parts.append("<p>Nothing left to schedule: every tutorial is done or skipped.</p>")
        return parts
    parts.append(
        f"<p class='muted'>{s.hours_per_week:g} h a week from {s.start.isoformat()}; "
        f"{s.total_hours:g} h of tutorials remaining.</p>"
    )
    # One block per week (not one long table): a week can then never be cut through a
    # row at a page break.
    for week in s.weeks:
        parts.append(
            f"<p style='margin-top: 10px; margin-bottom: 2px'><b>Week {week.number}</b>"
            f" <span class='muted'>· {week.start.isoformat()} – {week.end.isoformat()}"
            f" · {_hours(week.hours)}</span></p><ul style='margin-top: 0px; list-style-type: none'>"
        )
        for item in week.items:
            mark = {TUTORIAL: "☐", BOOK: "Read:", PRACTICE: "Practice:"}.get(item.kind, "•")
            detail = f" <span class='muted'>({e(item.detail)})</span>" if item.detail else ""
            hours = f" — {_hours(item.hours)}" if item.hours else ""
            parts.append(f"<li>{mark} {e(item.title)}{hours}{detail}</li>")
        parts.append("</ul>")
    return parts


def _practice(r: PlanReport) -> list[str]:
    parts = ["<h2 style='page-break-before: always'>Interview practice</h2>"]
    if r.settings.include_practice:
        parts.append("<p>Practise the questions due each week: answer aloud against the clock, "
                     "tick the focus points you covered, and rate yourself.</p>")  # fmt: skip
    by_category: dict[str, list[str]] = {}
    for q in r.questions:
        due = q.due.date().isoformat() if q.due else "not practised yet"
        rating = f" · last rated {Rating.label_of(q.last_rating)}" if q.last_rating else ""
        points = "".join(f"<li>{e(p)}</li>" for p in q.focus_points)
        by_category.setdefault(q.category, []).append(
            f"<p><b>{e(q.text)}</b><br><span class='muted'>Next review: {e(due)}"
            f"{e(rating)}</span></p><ul>{points}</ul>"
        )
    for category, items in by_category.items():
        parts.append(f"<h3>{e(category)}</h3>")
        parts.extend(items)
    if r.tips:
        parts.append("<h3>Interview tips</h3><ul>")
        parts.extend(f"<li>{e(t)}</li>" for t in r.tips)
        parts.append("</ul>")
    return parts


def _reading(r: PlanReport) -> list[str]:
    parts = ["<h2>Reading list</h2>", "<table cellpadding='3' cellspacing='0' width='100%'>"]
    for b in r.books:
        mark = (
            "☑" if b.status == BookStatus.READ else ("◐" if b.status == BookStatus.READING else "☐")
        )
        url = f"<br><span class='muted'>{e(b.url)}</span>" if b.url else ""
        note = f"<br>{e(b.note)}" if b.note else ""
        parts.append(
            f"<tr><td width='5%' style='font-size: 13pt'>{mark}</td><td><b>{e(b.title)}</b> "
            f"by {e(b.authors)} <span class='muted'>({e(BookStatus.label_of(b.status))})"
            f"</span>{note}{url}</td></tr>"
        )
    parts.append("</table>")
    return parts


def build_html(report: PlanReport, *, radar_width: int = 0) -> str:
    """The document as rich text; ``radar_width`` (in CSS pixels) 0 leaves the chart out."""
    body = [
        *_title_page(report),
        *_skills(report, radar_width),
        *_roadmap(report),
        *_schedule(report),
        *_practice(report),
        *_reading(report),
    ]
    return f"<html><head><style>{STYLE}</style></head><body>{''.join(body)}</body></html>"


def write_pdf(
    report: PlanReport, out: Path, *, paper: str = A4, radar: QImage | None = None
) -> int:
    """Write the study plan to ``out``; returns the number of pages.

    Raises ExportError when the file cannot be written. The file appears complete or
    not at all (written to a temporary name, then renamed).
    """
    try:
        tmp = partial_file(out)
    except OSError as exc:
        raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    writer = QPdfWriter(str(tmp))
    writer.setResolution(RESOLUTION)
    writer.setTitle(f"{report.title} — Study Plan")
    writer.setCreator("Career Planner")
    size = QPageSize.PageSizeId.Letter if paper == LETTER else QPageSize.PageSizeId.A4
    writer.setPageLayout(QPageLayout(QPageSize(size), QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM + 6),
                                     QPageLayout.Unit.Millimeter))  # fmt: skip
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    font = QFont()
    font.setPointSizeF(10)
    # No "fi"/"fl" ligatures: a reader searching the PDF for "first" must find it.
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    doc.setDefaultFont(font)
    if radar is not None:
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(RADAR_URL), radar)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    # Images are sized in CSS pixels (1/96 in): the chart takes 85% of the text width.
    radar_width = round(page.width() * 96 / writer.resolution() * 0.85) if radar else 0
    doc.setHtml(build_html(report, radar_width=radar_width))
    doc.setPageSize(QSizeF(page.width(), page.height()))
    pages = doc.pageCount()
    footer_title = f"{report.title} — Study Plan"
    painter = QPainter()
    if not painter.begin(writer):
        tmp.unlink(missing_ok=True)
        raise ExportError(f"Cannot write {out}.")
    try:
        footer_font = QFont(font)
        footer_font.setPointSizeF(8)
        for number in range(pages):
            if number:
                writer.newPage()
            painter.save()
            painter.setClipRect(QRectF(0, 0, page.width(), page.height()))
            painter.translate(0, -number * page.height())
            ctx = QAbstractTextDocumentLayout.PaintContext()
            ctx.clip = QRectF(0, number * page.height(), page.width(), page.height())
            doc.documentLayout().draw(painter, ctx)
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.darkGray)
            y = page.height() + writer.resolution() * 0.12
            painter.drawText(QPointF(0, y), footer_title)
            label = f"Page {number + 1} of {pages}"
            width = painter.fontMetrics().horizontalAdvance(label)
            painter.drawText(QPointF(page.width() - width, y), label)
    finally:
        painter.end()
    del writer
    try:
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    return pages
