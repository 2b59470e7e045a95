"""Migration 3 (pack format 2) adds columns in place: no practice history is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

from careerplanner.store import APPLICATION_ID, migrations, open_store
from careerplanner.store import models as m
from careerplanner.vocab import BookStatus


def _database_at_version_2(path: Path) -> None:
    db = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    db.connect()
    for step in migrations.MIGRATIONS:
        if step.version <= 2:
            step.apply(db)
    db.execute_sql("PRAGMA user_version = 2")
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(
        """
        INSERT INTO career_path VALUES (1, 'p', 'P', '', 1, 1, 'd', 1, '', '', '', '', '', '',
            '2026-01-01 00:00:00', '2026-01-01 00:00:00');
        INSERT INTO question VALUES (1, 1, 'q1', 0, 'Design', 'Q?', '', 0, 0, '{"card": 1}',
            '2026-02-01 00:00:00', 3, '2026-01-20 00:00:00', 'my draft');
        INSERT INTO focus_point VALUES (1, 1, 0, 'Point');
        INSERT INTO attempt VALUES (1, 1, '2026-01-20 00:00:00', 61.5, 1, 1, '["Point"]', 3,
            'my answer', NULL, '{"card": 1}', 0);
        INSERT INTO attempt VALUES (2, 1, '2026-01-21 00:00:00', 30.0, 0, 1, '[]', 2,
            'second', '{"card": 1}', '{"card": 1}', 1);
        INSERT INTO book VALUES (1, 1, 'b1', 0, 'Book', 'Author', '', 'reading', 0);
        """
    )
    conn.commit()
    conn.close()


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_version_2_database_keeps_every_row_and_gets_the_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    _database_at_version_2(path)
    attempts_before = _rows(path, "SELECT * FROM attempt ORDER BY id")
    question_before = _rows(path, "SELECT * FROM question")
    assert len(attempts_before) == 2

    store = open_store(path, backup_dir=tmp_path / "backups")
    assert migrations.schema_version(store.db) == migrations.current_version() >= 3
    q = m.Question.get_by_id(1)
    assert (q.outline, q.beyond_source, q.draft, q.last_rating) == ("[]", False, "my draft", 3)
    assert m.Book.get_by_id(1).note == "" and m.Book.get_by_id(1).status == BookStatus.READING
    assert m.Preparation.select().count() == 0
    store.close()

    assert _rows(path, "SELECT * FROM attempt ORDER BY id") == attempts_before
    assert _rows(path, "SELECT * FROM focus_point") == [(1, 1, 0, "Point")]
    after = _rows(path, "SELECT * FROM question")
    assert after[0][: len(question_before[0])] == question_before[0]
    assert list(Path(tmp_path / "backups").iterdir()), "a backup is taken before migrating"


def test_preparations_follow_their_question_and_tutorial(tmp_path: Path) -> None:
    """Deleting a question or a tutorial removes its preparation rows (ON DELETE CASCADE)."""
    from careerplanner.content import parse_pack
    from careerplanner.services import packs

    store = open_store(tmp_path / "fk.sqlite3")
    text = (Path(__file__).parents[1] / "data" / "mini-pack.yaml").read_text(encoding="utf-8")
    text = text.replace("format_version: 1", "format_version: 2").replace(
        "    focus_points: [Part one, Part two]\n",
        "    focus_points: [Part one, Part two]\n    prepares: [t1, t3]\n",
    )
    packs.install_pack(store, parse_pack(text.encode(), "mini.yaml"))
    assert m.Preparation.select().count() == 2
    m.Tutorial.get(m.Tutorial.key == "t1").delete_instance()
    assert [p.tutorial.key for p in m.Preparation.select()] == ["t3"]
    m.Question.get(m.Question.key == "q1").delete_instance()
    assert m.Preparation.select().count() == 0
    store.close()
