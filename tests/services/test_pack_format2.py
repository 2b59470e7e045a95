"""Format 2 content in the store: outlines, prepares, beyond_source, book notes, and the
flag that says a retired tutorial was kept because the learner worked on it."""

from __future__ import annotations

from datetime import date, datetime, timezone

import yaml

from careerplanner.content import parse_pack
from careerplanner.services import catalog, pack_files, packs, practice, roadmap
from careerplanner.store import Store
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def _format2(mini: str, *, outline: str = "[Say why, Size it]", prepares: str = "[t3, t1]") -> str:
    return (
        mini.replace("format_version: 1", "format_version: 2")
        .replace(
            "    focus_points: [Part one, Part two]\n",
            "    focus_points: [Part one, Part two]\n"
            f"    outline: {outline}\n    prepares: {prepares}\n    beyond_source: true\n",
        )
        .replace(
            "  - {id: book-1, title: A Book, authors: An Author}",
            "  - {id: book-1, title: A Book, authors: An Author, note: 'With a co-author, B.'}",
        )
    )


def _install(store: Store, text: str) -> int:
    return packs.install_pack(store, parse_pack(text.encode(), "mini.yaml")).path_id


def test_catalog_and_practice_expose_outline_prepares_and_beyond_source(
    store: Store, mini_pack_text: str
) -> None:
    path_id = _install(store, _format2(mini_pack_text))
    t3 = m.Tutorial.get(m.Tutorial.key == "t3")
    roadmap.set_status(store, t3.id, TutorialStatus.DONE, today=date(2026, 2, 1))

    (q,) = catalog.questions(store, path_id)
    assert q.outline == ("Say why", "Size it")
    assert [(p.key, p.title, p.status) for p in q.prepares] == [
        ("t3", "Tutorial 3", TutorialStatus.DONE),
        ("t1", "Tutorial 1", TutorialStatus.NOT_STARTED),
    ]
    assert q.beyond_source is True

    (row,) = practice.question_bank(store, path_id, NOW)
    assert row.outline == q.outline and row.prepares == q.prepares and row.beyond_source
    assert practice.question(store, row.id, NOW).prepares == q.prepares
    assert catalog.books(store, path_id)[0].note == "With a co-author, B."


def test_newer_pack_replaces_outline_and_prepares_but_keeps_practice(
    store: Store, mini_pack_text: str
) -> None:
    path_id = _install(store, _format2(mini_pack_text))
    q = m.Question.get(m.Question.key == "q1")
    practice.rate(store, q.id, 3, covered_points=["Part one"], answer="mine", now=NOW)
    newer = _format2(mini_pack_text, outline="[One new point]", prepares="[t2]").replace(
        "version: 1\ntitle", "version: 2\ntitle"
    )
    _install(store, newer)
    (item,) = catalog.questions(store, path_id)
    assert item.outline == ("One new point",)
    assert [p.key for p in item.prepares] == ["t2"]
    assert [(a.rating, a.answer) for a in practice.attempts(store, q.id)] == [(3, "mine")]
    assert item.last_rating == 3


def test_format_2_content_survives_export_and_import(
    store: Store, mini_pack_text: str, tmp_path: object
) -> None:
    path_id = _install(store, _format2(mini_pack_text))
    exported = yaml.safe_load(pack_files.export_pack(store, path_id))
    assert exported["format_version"] == 2
    (q,) = exported["questions"]
    assert (q["outline"], q["prepares"], q["beyond_source"]) == (
        ["Say why", "Size it"],
        ["t3", "t1"],
        True,
    )
    assert exported["reading"][0]["note"] == "With a co-author, B."
    again = parse_pack(pack_files.export_pack(store, path_id).encode(), "exported.yaml")
    assert again.questions[0].prepares == ("t3", "t1")


def test_export_of_a_format_1_path_leaves_the_new_fields_out(
    store: Store, mini_pack_text: str
) -> None:
    path_id = _install(store, mini_pack_text)
    exported = yaml.safe_load(pack_files.export_pack(store, path_id))
    q = exported["questions"][0]
    assert not {"outline", "prepares", "beyond_source"} & q.keys()
    assert "note" not in exported["reading"][0]


def test_a_damaged_stored_outline_reads_as_none(store: Store, mini_pack_text: str) -> None:
    path_id = _install(store, _format2(mini_pack_text))
    for bad in ("not json", '{"a": 1}', '[1, null, "", "kept"]', ""):
        m.Question.update(outline=bad).execute()
        (q,) = catalog.questions(store, path_id)
        assert q.outline == (("kept",) if "kept" in bad else ())


def test_retired_tutorials_say_they_were_kept_because_of_user_state(
    store: Store, mini_pack_text: str
) -> None:
    path_id = _install(store, mini_pack_text)
    t1 = m.Tutorial.get(m.Tutorial.key == "t1")
    t2 = m.Tutorial.get(m.Tutorial.key == "t2")
    roadmap.add_link(store, t2.id, "My notes", "https://example.org/mine")
    newer = (
        mini_pack_text.replace("version: 1\ntitle", "version: 2\ntitle")
        .replace("      - {id: t1, title: Tutorial 1,", "      - {id: t5, title: Tutorial 5,")
        .replace("      - {id: t2, title: Tutorial 2,", "      - {id: t6, title: Tutorial 6,")
    )
    roadmap.set_notes(store, t1.id, "worked on it")
    result = packs.install_pack(store, parse_pack(newer.encode(), "mini.yaml"))
    assert result.retired_tutorials == 2
    kept = catalog.retired_tutorials(store, path_id)
    assert [(t.key, t.kept_for_user_state, t.retired_note) for t in kept] == [
        ("t1", True, catalog.RETIRED_KEPT_NOTE),
        ("t2", True, catalog.RETIRED_KEPT_NOTE),
    ]
    assert catalog.RETIRED_KEPT_NOTE == "retired: kept because you worked on it"
    phase_one = catalog.roadmap(store, path_id)[0]
    # Retired tutorials come after the current ones of their phase.
    assert [t.key for t in phase_one.tutorials] == ["t5", "t6", "t1", "t2"]
    assert [t.retired_note for t in phase_one.tutorials[:2]] == ["", ""]
    assert catalog.tutorial(store, t2.id).kept_for_user_state  # type: ignore[union-attr]
    # The learner clears the notes of t1: it stays listed, no longer "kept", until the
    # next update of the path removes it.
    roadmap.set_notes(store, t1.id, "")
    assert not catalog.tutorial(store, t1.id).kept_for_user_state  # type: ignore[union-attr]
