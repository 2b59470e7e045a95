"""Full JSON export and import of the user's state."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from careerplanner.content import parse_pack
from careerplanner.services import settings, userdata
from careerplanner.services.packs import install_pack
from careerplanner.services.startup import open_data_dir
from careerplanner.store import Store
from careerplanner.store import backup as b
from careerplanner.store import models as m
from careerplanner.vocab import BookStatus, TutorialStatus


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Store]:
    store = open_data_dir(tmp_path / "source")
    yield store
    store.close()


def _path() -> m.CareerPath:
    return m.CareerPath.get(m.CareerPath.builtin == True)  # noqa: E712


def fill_every_kind_of_state(store: Store) -> None:
    """Touch every user-state column of the schema, plus own and retired items."""
    path = _path()
    tutorials = list(m.Tutorial.select().where(m.Tutorial.path == path).order_by(m.Tutorial.id))
    t0, t1 = tutorials[0], tutorials[1]
    m.Tutorial.update(
        status=TutorialStatus.DONE, started_on=date(2026, 1, 2), finished_on=date(2026, 1, 9),
        notes="Línea 1\nline <b>2</b>", updated_at=datetime(2026, 1, 9, 18, 30, 5),
    ).where(m.Tutorial.id == t0.id).execute()  # fmt: skip
    m.Tutorial.update(status=TutorialStatus.SKIPPED).where(m.Tutorial.id == t1.id).execute()
    m.TutorialLink.create(tutorial=t0, position=0, title="My notes", url="https://example.org/n")
    m.TutorialLink.create(tutorial=t0, position=1, title="Repo", url="https://example.org/r")
    own = m.Tutorial.create(
        path=path, phase=t0.phase_id, key="own-1234", position=99, title="My own tutorial",
        skill=t0.skill_id, level=2, hours=2.5, url="https://example.org/own",
        description="Mine.", custom=True, status=TutorialStatus.IN_PROGRESS,
        started_on=date(2026, 2, 1), percent_done=40,
    )  # fmt: skip
    m.TutorialLink.create(tutorial=own, position=0, title="Link", url="https://example.org/l")
    # A tutorial a newer pack dropped but that holds the user's state: retired.
    old_phase = m.Phase.create(path=path, key="gone-phase", position=9, title="Old", retired=True)
    m.Tutorial.create(
        path=path, phase=old_phase, key="gone-tutorial", position=0, title="Dropped",
        retired=True, status=TutorialStatus.DONE, finished_on=date(2025, 12, 1),
    )  # fmt: skip
    skill = m.Skill.select().where(m.Skill.path == path).order_by(m.Skill.position).first()
    m.Skill.update(level=3).where(m.Skill.id == skill.id).execute()
    topic = m.Topic.select().where(m.Topic.skill == skill).first()
    m.Topic.update(checked=True).where(m.Topic.id == topic.id).execute()
    m.Snapshot.create(
        path=path, taken_at=datetime(2026, 1, 15, 9, 0), note="January",
        levels=json.dumps({skill.key: 3}), topics=json.dumps([topic.key]),
    )  # fmt: skip
    q = m.Question.select().where(m.Question.path == path).order_by(m.Question.id).first()
    card = {"card_id": q.id, "state": 2, "step": None, "stability": 3.2, "difficulty": 5.1}
    m.Question.update(
        card=json.dumps(card), due=datetime(2026, 2, 1, 8, 0, 0, 250000), last_rating=3,
        last_review=datetime(2026, 1, 20, 8, 0), draft="Half an answer",
    ).where(m.Question.id == q.id).execute()  # fmt: skip
    m.Attempt.create(
        question=q, reviewed_at=datetime(2026, 1, 20, 8, 0), duration_s=312.5, covered=2,
        total=3, covered_points="[0, 2]", rating=3, answer="My answer", card_before=None,
        card_after=json.dumps(card), mock=True,
    )  # fmt: skip
    own_q = m.Question.create(
        path=path, key="own-q1", position=50, category="Mine", text="My question?",
        guidance="Think.", custom=True, outline=json.dumps(["Start here", "Then <b>this</b>"]),
    )  # fmt: skip
    m.FocusPoint.create(question=own_q, position=0, text="Point A")
    m.Attempt.create(question=own_q, reviewed_at=datetime(2026, 1, 21, 9, 0), rating=1)
    book = m.Book.select().where(m.Book.path == path).first()
    m.Book.update(status=BookStatus.READING).where(m.Book.id == book.id).execute()
    m.PlanSettings.update(
        hours_per_week=7.5, start_date=date(2026, 1, 1), target_date=date(2026, 9, 30),
        include_reading=False, learner_name="Ada",
        study_times='{"tue": "18:30", "sat": "09:00"}',
    ).where(m.PlanSettings.path == path).execute()  # fmt: skip
    settings.KEEP_DAILY.set(store, 9)


def _without_stamp(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "exported_at"}


def test_export_import_into_an_empty_folder_export_gives_the_same_data(
    source: Store, tmp_path: Path
) -> None:
    fill_every_kind_of_state(source)
    first = tmp_path / "first.json"
    userdata.export_file(source, first)
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert doc["format"] == "careerplanner-user-data" and doc["format_version"] == 1
    exported = doc["paths"][0]
    assert any(t["key"] == "own-1234" and t["custom"] for t in exported["tutorials"])
    assert doc["settings"]["backup.keep_daily"] == "9"

    target_dir = tmp_path / "empty"
    source.close()  # one store is open at a time
    target = open_data_dir(target_dir)
    try:
        result = userdata.import_file(target, target_dir, first, with_settings=True)
        assert result.paths == ("ai-ml-architect",)
        assert [(c.key, c.mine, c.theirs) for c in result.settings_imported] == [
            ("backup.keep_daily", None, "9")
        ]
        assert result.attempts == 2
        assert result.backup is not None and result.backup.reason == "import"
        second = tmp_path / "second.json"
        userdata.export_file(target, second)
        again = json.loads(second.read_text(encoding="utf-8"))
        assert _without_stamp(again) == _without_stamp(doc)
        own = m.Tutorial.get(m.Tutorial.key == "own-1234")
        assert own.custom and own.status == TutorialStatus.IN_PROGRESS
        assert own.percent_done == 40
        assert exported["plan"]["study_times"] == {"tue": "18:30", "sat": "09:00"}
        assert m.PlanSettings.get().study_times == '{"tue": "18:30", "sat": "09:00"}'
        assert [link.url for link in own.links] == ["https://example.org/l"]
        assert m.Tutorial.get(m.Tutorial.key == "gone-tutorial").retired
        own_q = m.Question.get(m.Question.key == "own-q1")
        assert json.loads(own_q.outline) == ["Start here", "Then <b>this</b>"]
    finally:
        target.close()


def test_import_replaces_state_that_the_file_does_not_hold(source: Store, tmp_path: Path) -> None:
    clean = tmp_path / "clean.json"
    userdata.export_file(source, clean)
    fill_every_kind_of_state(source)
    userdata.import_file(source, None, clean)
    assert m.Tutorial.select().where(m.Tutorial.status != TutorialStatus.NOT_STARTED).count() == 0
    assert m.Tutorial.select().where(m.Tutorial.custom).count() == 0
    assert m.Question.select().where(m.Question.custom).count() == 0
    assert m.Attempt.select().count() == 0
    assert m.Snapshot.select().count() == 0
    assert m.TutorialLink.select().count() == 0
    assert m.PlanSettings.get().learner_name == ""
    assert not m.Tutorial.select().where(m.Tutorial.key == "gone-tutorial").exists()


def _write(tmp_path: Path, doc: Any, name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _exported(store: Store) -> dict[str, Any]:
    return userdata.export_data(store)


def test_a_bad_file_is_refused_with_every_problem_and_nothing_written(
    source: Store, tmp_path: Path
) -> None:
    fill_every_kind_of_state(source)
    before = _without_stamp(_exported(source))
    doc = _exported(source)
    tutorials = doc["paths"][0]["tutorials"]
    tutorials[0]["status"] = "finished"
    tutorials[1]["started_on"] = "yesterday"
    tutorials[2]["links"] = [{"title": "x", "url": "javascript:alert(1)"}]
    doc["paths"][0]["skills"][0]["level"] = 7
    doc["paths"][0]["questions"][0]["attempts"] = [{"rating": 3}]
    with pytest.raises(userdata.UserDataError) as info:
        userdata.import_file(source, tmp_path / "data", _write(tmp_path, doc))
    assert len(info.value.problems) == 5
    text = str(info.value)
    assert 'paths[0].tutorials[0].status: "finished" is not one of not_started' in text
    assert 'paths[0].tutorials[1].started_on: "yesterday" is not a date like 2025-01-31' in text
    assert "paths[0].tutorials[2].links[0].url: 'javascript:alert(1)' is not a web address" in text
    assert "paths[0].skills[0].level: must be a whole number from 0 to 4" in text
    assert "paths[0].questions[0].attempts[0].reviewed_at: is missing" in text
    assert _without_stamp(_exported(source)) == before
    assert not (tmp_path / "data").exists()  # not even a backup: validation comes first


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json at all", "is not valid JSON: Expecting value at line 1, column 1"),
        ("[1, 2]", "not a Career Planner data file"),
        ('{"format": "something-else"}', "not a Career Planner data file"),
        (
            '{"format": "careerplanner-user-data", "format_version": 99, "paths": []}',
            "written by a newer version of Career Planner",
        ),
        (
            '{"format": "careerplanner-user-data", "format_version": 1, '
            '"paths": [{"key": "no-such-path"}]}',
            "the career path 'no-such-path' is not installed here",
        ),
    ],
)
def test_files_that_are_not_data_files_are_explained(
    source: Store, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(userdata.UserDataError) as info:
        userdata.import_file(source, None, path)
    assert message in str(info.value)


def test_import_runs_in_one_transaction(
    source: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_every_kind_of_state(source)
    file = tmp_path / "state.json"
    userdata.export_file(source, file)
    before = _without_stamp(_exported(source))
    from careerplanner.services import userdata_write

    def fail(*_args: object) -> None:
        raise RuntimeError("simulated failure half-way")

    monkeypatch.setattr(userdata_write, "_books", fail)
    with pytest.raises(RuntimeError):
        userdata.import_file(source, None, file)
    assert _without_stamp(_exported(source)) == before


def test_import_takes_a_backup_first(source: Store, tmp_path: Path) -> None:
    fill_every_kind_of_state(source)
    file = tmp_path / "state.json"
    userdata.export_file(source, file)
    data_dir = tmp_path / "source"
    userdata.import_file(source, data_dir, file)
    files = b.list_files(data_dir / "backups")
    assert [f.reason for f in files] == ["import"]
    assert b.check_file(files[0].path).ok


def test_export_to_an_unwritable_place_is_explained(source: Store, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "out.json"
    with pytest.raises(userdata.UserDataError) as info:
        userdata.export_file(source, target)
    assert "missing-folder does not exist" in str(info.value)
    assert "Nothing was saved" in str(info.value)
    assert not target.parent.exists()


def test_state_of_another_installed_path_round_trips(
    source: Store, tmp_path: Path, mini_pack_text: str
) -> None:
    install_pack(source, parse_pack(mini_pack_text.encode()))
    m.Tutorial.update(status=TutorialStatus.DONE).where(m.Tutorial.key == "t2").execute()
    file = tmp_path / "two.json"
    userdata.export_file(source, file)
    source.close()  # one store is open at a time
    target = open_data_dir(tmp_path / "other")
    try:
        with pytest.raises(userdata.UserDataError, match="'mini-path' is not installed here"):
            userdata.import_file(target, None, file)
        install_pack(target, parse_pack(mini_pack_text.encode()))
        userdata.import_file(target, None, file)
        assert m.Tutorial.get(m.Tutorial.key == "t2").status == TutorialStatus.DONE
        again = userdata.export_data(target)
        assert _without_stamp(again) == _without_stamp(json.loads(file.read_text()))
    finally:
        target.close()


def test_plan_settings_the_plan_cannot_use_are_refused(source: Store, tmp_path: Path) -> None:
    fill_every_kind_of_state(source)
    before = _without_stamp(_exported(source))
    doc = _exported(source)
    plan = doc["paths"][0]["plan"]
    plan["hours_per_week"] = 1000
    plan["start_date"], plan["target_date"] = "2027-06-01", "2027-01-01"
    with pytest.raises(userdata.UserDataError) as info:
        userdata.import_file(source, tmp_path / "data", _write(tmp_path, doc))
    text = str(info.value)
    assert "paths[0].plan.hours_per_week: must be between 0.5 and 80 hours" in text
    assert "paths[0].plan.target_date: is before the start date" in text
    assert _without_stamp(_exported(source)) == before


def test_export_refuses_what_is_not_a_regular_file(source: Store, tmp_path: Path) -> None:
    with pytest.raises(userdata.UserDataError, match="not a regular file"):
        userdata.export_file(source, tmp_path)  # a folder
    with pytest.raises(userdata.UserDataError, match="does not exist"):
        userdata.export_file(source, tmp_path / "missing" / "out.json")
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    userdata.export_file(source, link)
    assert link.is_symlink() and json.loads(real.read_text())["format"]


def test_a_file_of_the_previous_release_imports_with_the_new_fields_at_their_defaults(
    source: Store, tmp_path: Path
) -> None:
    """Files written before the percent done and the study days: still importable."""
    fill_every_kind_of_state(source)
    doc = _exported(source)
    for tutorial in doc["paths"][0]["tutorials"]:
        del tutorial["percent_done"]
    del doc["paths"][0]["plan"]["study_times"]
    userdata.import_file(source, None, _write(tmp_path, doc))
    assert m.Tutorial.get(m.Tutorial.key == "own-1234").percent_done is None
    assert m.PlanSettings.get().study_times == ""  # the default evenings
    assert _exported(source)["paths"][0]["plan"]["study_times"] == {
        "mon": "19:00", "wed": "19:00", "fri": "19:00"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("percent_done", 101, "tutorials[0].percent_done: must be a whole number from 0 to 100"),
        ("percent_done", "50", "tutorials[0].percent_done: must be a whole number from 0 to 100"),
        ("study_times", {}, "plan.study_times: Choose at least one study day."),
        ("study_times", ["mon"], "plan.study_times: must be an object"),
        ("study_times", {"monday": "19:00"}, "plan.study_times: 'monday' is not a day"),
        ("study_times", {"mon": "24:00"}, "plan.study_times: '24:00' is not a time of day"),
        ("study_times", {"mon": "7pm"}, "plan.study_times: '7pm' is not a time of day"),
        ("study_times", {"mon": 19}, "plan.study_times: '19' is not a time of day"),
    ],
)
def test_new_fields_are_checked_on_import(
    source: Store, tmp_path: Path, field: str, value: Any, problem: str
) -> None:
    fill_every_kind_of_state(source)
    before = _without_stamp(_exported(source))
    doc = _exported(source)
    path = doc["paths"][0]
    (path["tutorials"][0] if field == "percent_done" else path["plan"])[field] = value
    with pytest.raises(userdata.UserDataError) as info:
        userdata.import_file(source, tmp_path / "data", _write(tmp_path, doc))
    assert f"paths[0].{problem}" in str(info.value)
    assert _without_stamp(_exported(source)) == before


def test_own_question_outlines_are_checked_and_optional(source: Store, tmp_path: Path) -> None:
    fill_every_kind_of_state(source)
    before = _without_stamp(_exported(source))
    doc = _exported(source)
    own = next(q for q in doc["paths"][0]["questions"] if q["key"] == "own-q1")
    assert own["outline"] == ["Start here", "Then <b>this</b>"]
    builtin = doc["paths"][0]["questions"][0]
    assert 6 <= len(builtin["outline"]) <= 10  # the pack's, exported for information
    for bad, message in (
        ("one line", "must be a list of texts"),
        (["ok", 3], "must be a list of texts"),
        (["x"] * 21, "has 21 points; at most 20 allowed"),
        (["ok", "   "], "point 2 must be a non-empty text of up to 600 characters"),
        (["y" * 601], "point 1 must be a non-empty text of up to 600 characters"),
    ):
        own["outline"] = bad
        with pytest.raises(userdata.UserDataError) as info:
            userdata.import_file(source, None, _write(tmp_path, doc))
        where = f"paths[0].questions[{doc['paths'][0]['questions'].index(own)}].outline"
        assert str(info.value) == f"• {where}: {message}"
        assert _without_stamp(_exported(source)) == before
    # A file written before outlines existed imports, the own question without one.
    del own["outline"]
    userdata.import_file(source, None, _write(tmp_path, doc))
    assert m.Question.get(m.Question.key == "own-q1").outline == "[]"
    # A built-in question's outline comes from the pack, never from the file.
    builtin["outline"] = ["Replaced?"]
    userdata.import_file(source, None, _write(tmp_path, doc))
    first = m.Question.get(m.Question.key == builtin["key"])
    assert json.loads(first.outline) != ["Replaced?"]
