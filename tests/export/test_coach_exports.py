"""The exports reflect the user's answers: the schedule in study order, "not rated yet"."""

from __future__ import annotations

import re
from pathlib import Path

from careerplanner.cli import main
from careerplanner.export.markdown import md
from careerplanner.services import plan, settings, skills
from careerplanner.services.startup import open_data_dir
from careerplanner.store import models as m
from careerplanner.vocab import Level

_ITEM = re.compile(r"^- \[ \] (?!Read: |Practice: )(.*?)(?: — [0-9.]+ h)?(?: \(.*\))?$")


def _scheduled_titles(text: str) -> list[str]:
    """The tutorials of the "Week by week" section, in order, each once."""
    section = text.split("## Week by week", 1)[1].split("## Interview practice", 1)[0]
    titles: list[str] = []
    for line in section.splitlines():
        match = _ITEM.match(line)
        if match and match.group(1) not in titles:
            titles.append(match.group(1))
    return titles


def test_export_markdown_lists_the_schedule_in_the_order_the_app_has_the_user_study(
    tmp_path: Path,
) -> None:
    data_dir, out = tmp_path / "data", tmp_path / "plan.md"
    assert main(["--data-dir", str(data_dir), "export-markdown", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "| not rated yet | — |" in text and "| None |" not in text
    assert "Your skills are not rated yet" in text

    store = open_data_dir(data_dir)
    path_id = settings.active_path_id(store)
    de = next(s for s in skills.assessment(store, path_id) if s.name == "Data Engineering")
    skills.set_level(store, de.id, int(Level.EXPERT))
    expected = [
        md(i.title)
        for w in plan.schedule_for(store, path_id).weeks
        for i in w.items
        if i.kind == plan.TUTORIAL
    ]
    de_titles = {md(t.title) for t in m.Tutorial.select().where(m.Tutorial.skill == de.id)}
    store.close()

    assert main(["--data-dir", str(data_dir), "export-markdown", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    titles = _scheduled_titles(text)
    assert titles == list(dict.fromkeys(expected))
    first_de = min(titles.index(t) for t in de_titles)
    assert set(titles[first_de:]) == de_titles, "the expert track comes last"
    assert "| Data Engineering | Intermediate | Expert | met |" in text
    assert "not rated yet" not in text
