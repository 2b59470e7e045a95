"""Installing a pack, and updating it to a newer version without losing user state."""

from __future__ import annotations

from careerplanner.content import parse_pack
from careerplanner.services import catalog, packs, progress, settings
from careerplanner.store import Store
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus


def _install(store: Store, text: str) -> packs.InstallResult:
    return packs.install_pack(store, parse_pack(text.encode(), "mini.yaml"))


def test_install_creates_the_path_with_all_content(store: Store, mini_pack_text: str) -> None:
    result = _install(store, mini_pack_text)
    assert result.created
    info = catalog.path_info(store, result.path_id)
    assert (info.phase_count, info.tutorial_count, info.track_count) == (2, 3, 2)
    assert info.responsibilities == (("Do things", "Does things well."),)
    phases = catalog.roadmap(store, result.path_id)
    assert [p.title for p in phases] == ["Phase One", "Phase Two"]
    assert [t.title for t in phases[0].tutorials] == ["Tutorial 1", "Tutorial 2"]
    assert phases[0].tutorials[1].skill_name == "Beta"
    skills = catalog.skills(store, result.path_id)
    assert [(s.name, s.target, [t.name for t in s.topics]) for s in skills] == [
        ("Alpha", 3, ["Topic A1", "Topic A2"]),
        ("Beta", 2, ["Topic B1"]),
    ]
    questions = catalog.questions(store, result.path_id)
    assert questions[0].focus_points == ("Part one", "Part two")
    assert catalog.tips(store, result.path_id) == ["Think first."]
    assert settings.active_path_id(store) == result.path_id


def test_installing_the_same_pack_again_changes_nothing(store: Store, mini_pack_text: str) -> None:
    first = _install(store, mini_pack_text)
    again = _install(store, mini_pack_text)
    assert not again.created and not again.updated
    assert again.path_id == first.path_id


def test_newer_pack_keeps_user_state_and_retires_dropped_tutorials(
    store: Store, mini_pack_text: str
) -> None:
    path_id = _install(store, mini_pack_text).path_id
    # The user works on the path.
    m.Tutorial.update(status=TutorialStatus.DONE, notes="great").where(
        m.Tutorial.key == "t1"
    ).execute()
    m.Tutorial.update(status=TutorialStatus.IN_PROGRESS).where(m.Tutorial.key == "t2").execute()
    m.Skill.update(level=2).where(m.Skill.key == "alpha").execute()
    m.Topic.update(checked=True).where(m.Topic.key == "a2").execute()

    newer = (
        mini_pack_text.replace("version: 1\ntitle", "version: 2\ntitle")
        .replace("title: Tutorial 1,", "title: Tutorial One (2nd edition),")
        # t2 (in progress) and t3 (untouched) are dropped; t4 is new.
        .replace(
            "      - {id: t2, title: Tutorial 2, skill: beta, level: Intermediate, hours: 3.5, "
            'url: "https://example.org/2", description: Second.}\n',
            "",
        )
        .replace("{id: t3, title: Tutorial 3,", "{id: t4, title: Tutorial 4,")
        .replace("      - {id: a2, name: Topic A2}\n", "")
    )
    result = _install(store, newer)
    assert result.updated and result.path_id == path_id
    assert result.retired_tutorials == 1

    t1 = m.Tutorial.get(m.Tutorial.key == "t1")
    assert (t1.title, t1.status, t1.notes, t1.retired) == (
        "Tutorial One (2nd edition)",
        TutorialStatus.DONE,
        "great",
        False,
    )
    t2 = m.Tutorial.get(m.Tutorial.key == "t2")
    assert t2.retired and t2.status == TutorialStatus.IN_PROGRESS  # kept, not silently deleted
    assert m.Tutorial.get_or_none(m.Tutorial.key == "t3") is None  # no state: removed
    assert m.Tutorial.get(m.Tutorial.key == "t4").status == TutorialStatus.NOT_STARTED
    assert m.Skill.get(m.Skill.key == "alpha").level == 2
    assert m.Topic.get(m.Topic.key == "a2").retired  # ticked topic kept as retired

    # Progress still counts the finished tutorial; the retired unfinished one leaves the total.
    prog = progress.path_progress(store, path_id).overall
    assert (prog.done, prog.total) == (1, 2)
    info = catalog.path_info(store, path_id)
    assert info.tutorial_count == 2


def test_builtin_pack_is_installed_once_and_skipped_when_unchanged(store: Store) -> None:
    first = packs.ensure_builtin_pack(store)
    assert first.created
    info = catalog.path_info(store, first.path_id)
    assert (info.phase_count, info.tutorial_count, info.track_count) == (4, 32, 6)
    assert (info.question_count, info.book_count) == (32, 5)
    again = packs.ensure_builtin_pack(store)
    assert not again.created and not again.updated
