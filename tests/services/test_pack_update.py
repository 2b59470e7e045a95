"""Updating a path from a pack: what is said beforehand is what happens; the learner's own
tutorials and questions keep their identity through an export and an import; an install
runs in short transactions."""

from __future__ import annotations

from pathlib import Path

from careerplanner.content import parse_pack
from careerplanner.services import pack_changes, pack_files, packs, practice, roadmap
from careerplanner.services import practice_questions as own_questions
from careerplanner.services.pack_changes import Item
from careerplanner.store import Store, open_store
from careerplanner.store import models as m
from careerplanner.vocab import BookStatus, TutorialStatus
from packs_data import mini_v2, write

MINI = Path(__file__).resolve().parents[1] / "data" / "mini-pack.yaml"


def _retired() -> set[tuple[str, str]]:
    found = {("tutorial", t.title) for t in m.Tutorial.select().where(m.Tutorial.retired)}
    found |= {("question", q.text) for q in m.Question.select().where(m.Question.retired)}
    found |= {("topic", t.name) for t in m.Topic.select().where(m.Topic.retired)}
    found |= {("skill", s.name) for s in m.Skill.select().where(m.Skill.retired)}
    found |= {("book", b.title) for b in m.Book.select().where(m.Book.retired)}
    return found


def test_what_an_update_retires_is_said_before_and_is_what_happens(
    store: Store, tmp_path: Path
) -> None:
    path_id = pack_files.import_pack_file(store, MINI).path_id
    roadmap.set_status(store, int(m.Tutorial.get(m.Tutorial.key == "t2").id), TutorialStatus.DONE)
    practice.rate(store, int(m.Question.get(m.Question.key == "q1").id), 3)
    topic = m.Topic.get(m.Topic.key == "a2")
    topic.checked = True
    topic.save()
    book = m.Book.get(m.Book.key == "book-1")
    book.status = BookStatus.READING
    book.save()

    plan = pack_files.read_pack_file(store, write(tmp_path, "v2.yaml", mini_v2()))
    changes = plan.changes
    assert (changes.old_version, changes.new_version) == (1, 2)
    assert set(changes.retired) == {
        Item("tutorial", "Tutorial 2"), Item("question", "Design a thing?"),
        Item("topic", "Topic A2"), Item("book", "A Book"),
    }  # fmt: skip
    assert set(changes.removed) == {Item("tutorial", "Tutorial 3")}
    assert set(changes.added) == {
        Item("tutorial", "Tutorial 4"), Item("question", "Design another thing?"),
        Item("book", "Another Book"),
    }  # fmt: skip
    assert "  … and 2 more" in changes.lines(limit=1)  # a long list, shortened
    assert _retired() == set()  # reading it changed nothing

    pack_files.apply_import(store, plan, None)
    assert _retired() == {(i.kind, i.title) for i in changes.retired}
    assert not m.Tutorial.select().where(m.Tutorial.key == "t3").exists()
    done = m.Tutorial.get(m.Tutorial.key == "t2")
    assert done.status == TutorialStatus.DONE and done.path_id == path_id
    # Nothing left to say about the same file: it is installed.
    assert pack_changes.changes_of(store, plan.pack).retired == ()


def test_own_tutorials_and_questions_keep_their_identity_through_export_and_import(
    store: Store, tmp_path: Path
) -> None:
    path_id = pack_files.import_pack_file(store, MINI).path_id
    phase = m.Phase.get(m.Phase.key == "two")
    skill = m.Skill.get(m.Skill.key == "alpha")
    own_id = roadmap.add_tutorial(
        store, path_id,
        roadmap.TutorialDraft(phase.id, "My own course", skill.id, 2, 3.5,
                              "https://example.org/own", "Mine."),
    ).value  # fmt: skip
    roadmap.set_status(store, own_id, TutorialStatus.IN_PROGRESS)
    roadmap.set_notes(store, own_id, "half way")
    qid = own_questions.add_question(
        store, path_id, own_questions.QuestionDraft("Mine", "My own question?", "", ("One",))
    ).value
    practice.rate(store, qid, 2)
    exported = pack_files.export_pack(store, path_id)
    out = tmp_path / "exported.yaml"
    out.write_text(exported, encoding="utf-8")

    # Imported again where it came from: it imports, and the own items stay own.
    plan = pack_files.read_pack_file(store, out)
    assert plan.changes.is_update and plan.changes.retired == plan.changes.removed == ()
    assert plan.changes.added == ()
    pack_files.apply_import(store, plan, None)
    own = m.Tutorial.get_by_id(own_id)
    assert own.custom and own.notes == "half way" and own.status == TutorialStatus.IN_PROGRESS
    assert m.Question.get_by_id(qid).custom and len(practice.attempts(store, qid)) == 1
    assert m.Tutorial.select().where(m.Tutorial.path == path_id).count() == 4
    assert pack_files.export_pack(store, path_id) == exported

    # Into another data folder: the same path, the same file again.
    store.close()
    fresh = open_store(tmp_path / "fresh.sqlite3")
    try:
        packs.ensure_builtin_pack(fresh)
        other = pack_files.import_pack_file(fresh, out).path_id
        assert pack_files.export_pack(fresh, other) == exported
    finally:
        fresh.close()


def test_an_install_writes_in_short_transactions(store: Store) -> None:
    """Each step of an install is a transaction of its own, so another process's write
    waits for one step at most, never for the whole install."""
    statements: list[str] = []
    store.db.connection().set_trace_callback(statements.append)
    try:
        packs.install_pack(store, parse_pack(MINI.read_bytes(), "mini.yaml"))
    finally:
        store.db.connection().set_trace_callback(None)
    begins = [s for s in statements if s.startswith("BEGIN")]
    commits = [s for s in statements if s.startswith("COMMIT")]
    assert len(begins) == len(commits) == 1 + len(packs._STEPS)
    assert set(begins) == {"BEGIN IMMEDIATE"}
    # The version and digest come last: until then the path is not complete.
    last = statements[statements.index(begins[-1]) :]
    assert any('UPDATE "career_path"' in s and '"digest" = ' in s for s in last)
