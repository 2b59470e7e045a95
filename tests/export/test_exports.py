"""The PDF, iCalendar and Markdown exports, read back as a user's tools would read them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from careerplanner.export import ICS, MARKDOWN, PDF, ExportError, export_plan
from careerplanner.services import packs, plan, report, roadmap
from careerplanner.store import Store
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus

START = date(2026, 1, 5)


@pytest.fixture
def partly_done(store: Store) -> int:
    """The built-in path with some progress, notes with markup, and a name."""
    path_id = packs.ensure_builtin_pack(store).path_id
    ids = [t.id for t in m.Tutorial.select().order_by(m.Tutorial.phase, m.Tutorial.position)]
    roadmap.set_status(store, ids[0], TutorialStatus.DONE, today=date(2025, 12, 20))
    roadmap.set_status(store, ids[1], TutorialStatus.IN_PROGRESS, today=date(2025, 12, 21))
    roadmap.set_status(store, ids[2], TutorialStatus.SKIPPED)
    roadmap.set_notes(store, ids[0], "Great intro <b>not bold</b> & <script>x</script>")
    m.Skill.update(level=1).where(m.Skill.key == "system-design").execute()
    plan.save_settings(store, path_id, plan.PlanSettings(
        hours_per_week=8, start_date=START, target_date=date(2026, 6, 30),
        learner_name="Ada <Lovelace>"))  # fmt: skip
    return path_id


def _pdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_pdf_has_every_section_and_the_users_data(
    qapp: object, store: Store, partly_done: int, tmp_path: Path
) -> None:
    out = tmp_path / "plan.pdf"
    message = export_plan(
        PDF, report.build_report(store, partly_done, today=START), out, data_dir=store.path.parent
    )
    assert "pages" in message
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 6
    text = _pdf_text(out)
    flat = " ".join(text.split())
    for section in ("AI/ML Architect — Study Plan", "Skills: where you are against the target",
                    "Gaps to close first", "Roadmap", "Week by week", "Interview practice",
                    "Interview tips", "Reading list"):  # fmt: skip
        assert section in flat, section
    assert "Ada <Lovelace>" in flat  # the name, literally
    assert "Great intro <b>not bold</b> & <script>x</script>" in flat  # notes, literally
    assert "Machine Learning Crash Course" in flat
    assert "1 of 31 tutorials done" in flat
    assert "Design a real-time ML inference system" in flat
    assert "Chip Huyen" in flat
    assert f"Page 1 of {len(reader.pages)}" in flat
    # The status checkboxes: a done, an in-progress and an open tutorial.
    assert "☑" in text and "◐" in text and "☐" in text


def test_pdf_paper_size_letter(
    qapp: object, store: Store, partly_done: int, tmp_path: Path
) -> None:
    out = tmp_path / "letter.pdf"
    r = report.build_report(store, partly_done, today=START)
    export_plan(PDF, r, out, data_dir=store.path.parent, paper="Letter")
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_icalendar_parses_back(store: Store, partly_done: int, tmp_path: Path) -> None:
    from icalendar import Calendar

    out = tmp_path / "plan.ics"
    r = report.build_report(store, partly_done, today=START)
    export_plan(ICS, r, out, data_dir=store.path.parent)
    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(r.schedule.weeks) > 0
    first = events[0]
    assert first.decoded("dtstart") == START
    assert first.decoded("dtend") == date(2026, 1, 12)
    assert "week 1" in str(first.get("summary"))
    assert "Learn Kubernetes Basics" in str(first.get("description")) or "•" in str(
        first.get("description")
    )
    assert len({str(e.get("uid")) for e in events}) == len(events)


def test_markdown_shows_user_text_literally(store: Store, partly_done: int, tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    r = report.build_report(store, partly_done, today=START)
    export_plan(MARKDOWN, r, out, data_dir=store.path.parent)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# AI/ML Architect — Study Plan")
    assert "Prepared for **Ada \\<Lovelace\\>**" in text
    assert "\\<b\\>not bold\\</b\\>" in text
    assert "- [x] [Machine Learning Crash Course]" in text
    assert "## Week by week" in text and "### Week 1: 2026-01-05" in text


def test_unwritable_target_gives_a_clear_error(
    qapp: object, store: Store, partly_done: int, tmp_path: Path
) -> None:
    r = report.build_report(store, partly_done, today=START)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for kind in (PDF, ICS, MARKDOWN):
        with pytest.raises(ExportError, match="Cannot write"):
            export_plan(kind, r, blocker / "sub" / "out", data_dir=store.path.parent)


def test_exports_never_replace_special_files_or_make_folders(
    store: Store, partly_done: int, tmp_path: Path
) -> None:
    r = report.build_report(store, partly_done, today=START)
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(ExportError, match="not a regular file"):
        export_plan(MARKDOWN, r, folder, data_dir=store.path.parent)
    with pytest.raises(ExportError, match="does not exist"):
        export_plan(ICS, r, tmp_path / "new-folder" / "plan.ics", data_dir=store.path.parent)
    assert not (tmp_path / "new-folder").exists()
    real = tmp_path / "plan.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    export_plan(MARKDOWN, r, link, data_dir=store.path.parent)
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# AI/ML")


def test_a_target_within_a_week_is_explained_not_miscounted() -> None:
    settings = plan.PlanSettings(hours_per_week=40, start_date=START, target_date=date(2026, 1, 7))
    s = plan.build_schedule(settings, [plan.WorkItem(1, "T", 50.0, "P")], [], today=START)
    assert s.on_track is False and s.hours_needed is None
    assert any("less than a week" in n for n in s.notes)
