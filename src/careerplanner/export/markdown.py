"""The study plan as Markdown: the same sections as the PDF, for notes apps and wikis."""

from __future__ import annotations

import re
from pathlib import Path

from careerplanner.paths import partial_file
from careerplanner.services.plan import BOOK, PRACTICE
from careerplanner.services.report import NOT_RATED_ADVICE, PlanReport
from careerplanner.vocab import BookStatus, TutorialStatus

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|])")
BOXES: dict[str, str] = {
    TutorialStatus.DONE: "[x]",
    TutorialStatus.SKIPPED: "[x] ~~skipped~~",
    TutorialStatus.IN_PROGRESS: "[ ] (in progress)",
}


def md(text: str) -> str:
    """Escape pack or user text so Markdown shows it literally."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def build_markdown(r: PlanReport) -> str:
    s, o = r.schedule, r.overall
    out = [f"# {md(r.title)} — Study Plan", ""]
    if r.settings.learner_name:
        out += [f"Prepared for **{md(r.settings.learner_name)}**", ""]
    out += [
        f"- Created: {r.generated_on.isoformat()}",
        f"- Start: {s.start.isoformat()}",
        f"- Target date: {s.target.isoformat() if s.target else 'none set'}",
        f"- Projected finish: {s.finish.isoformat() if s.finish else 'nothing left to schedule'}",
        f"- Study time: {r.settings.hours_per_week:g} hours a week",
        f"- Progress: {o.done} of {o.total} tutorials done ({o.percent}%), "
        f"{o.hours_done:g} h done, {o.hours_remaining:g} h remaining",
        "",
    ]
    if s.on_track is False and s.hours_needed:
        out += [f"> {s.hours_needed:g} h a week would meet the target date.", ""]
    out += ["## Skills", "", "| Skill | Target | You | Gap |", "|---|---|---|---|"]
    for sk in r.skills:
        out.append(f"| {md(sk.name)} | {sk.target_name} | {sk.level_name} | {sk.gap_text} |")
    if not r.rated:
        out += ["", md(NOT_RATED_ADVICE)]
    out += ["", "## Roadmap", ""]
    for number, phase in enumerate(r.phases, start=1):
        out += [f"### Phase {number}: {md(phase.title)}", ""]
        for t in phase.tutorials:
            box = BOXES.get(t.status, "[ ]")
            kept = f" ({t.retired_note})" if t.retired_note else ""
            out.append(
                f"- {box} [{md(t.title)}](<{t.url}>) — {md(t.skill_name)}, {t.hours:g} h{md(kept)}"
            )
            if t.notes.strip():
                out.append(f"  - Notes: {md(t.notes.strip())}")
        out.append("")
    out += ["## Week by week", ""]
    if not s.weeks:
        out += ["Nothing left to schedule.", ""]
    for week in s.weeks:
        out += [f"### Week {week.number}: {week.start.isoformat()} – {week.end.isoformat()} "
                f"({week.hours:g} h)", ""]  # fmt: skip
        for item in week.items:
            prefix = (
                "Read: " if item.kind == BOOK else ("Practice: " if item.kind == PRACTICE else "")
            )
            hours = f" — {item.hours:g} h" if item.hours else ""
            detail = f" ({md(item.detail)})" if item.detail else ""
            out.append(f"- [ ] {prefix}{md(item.title)}{hours}{detail}")
        out.append("")
    out += ["## Interview practice", ""]
    for q in r.questions:
        due = q.due.date().isoformat() if q.due else "not practised yet"
        out.append(f"- **{md(q.text)}** ({md(q.category)}; next review: {due})")
        out += [f"  - {md(p)}" for p in q.focus_points]
    if r.tips:
        out += ["", "### Interview tips", ""] + [f"- {md(t)}" for t in r.tips]
    out += ["", "## Reading list", ""]
    for b in r.books:
        box = "[x]" if b.status == BookStatus.READ else "[ ]"
        note = f" — {md(b.note)}" if b.note else ""
        out.append(f"- {box} *{md(b.title)}* by {md(b.authors)}{note}")
    return "\n".join(out) + "\n"


def write_markdown(report: PlanReport, out: Path) -> None:
    tmp = partial_file(out)
    try:
        tmp.write_text(build_markdown(report), encoding="utf-8")
        tmp.replace(out)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
