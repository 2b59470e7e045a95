"""Schema migrations: ordered, forward-only steps registered by version.

The schema version lives in ``PRAGMA user_version``. The current version is the highest
registered step, never a constant kept in sync by hand. Each step runs in one
transaction together with the version bump, so a failed step leaves the file as it was.
Each step's DDL is frozen here: a later change to the models is a new step (written
with ``playhouse.migrate``), never an edit of an old one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from peewee import SqliteDatabase

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[SqliteDatabase], None]


_V1_SCHEMA = (
    'CREATE TABLE "career_path" ("id" INTEGER NOT NULL PRIMARY KEY, "key" TEXT NOT NULL, "title" TEXT NOT NULL, "tagline" TEXT NOT NULL, "pack_version" INTEGER NOT NULL, "format_version" INTEGER NOT NULL, "digest" TEXT NOT NULL, "builtin" INTEGER NOT NULL, "role_summary" TEXT NOT NULL, "role_audience" TEXT NOT NULL, "skills_intro" TEXT NOT NULL, "roadmap_intro" TEXT NOT NULL, "questions_intro" TEXT NOT NULL, "reading_intro" TEXT NOT NULL, "installed_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL);',
    'CREATE UNIQUE INDEX "career_path_key" ON "career_path" ("key");',
    'CREATE TABLE "question" ("id" INTEGER NOT NULL PRIMARY KEY, "path_id" INTEGER NOT NULL, "key" TEXT NOT NULL, "position" INTEGER NOT NULL, "category" TEXT NOT NULL, "text" TEXT NOT NULL, "guidance" TEXT NOT NULL, "custom" INTEGER NOT NULL, "retired" INTEGER NOT NULL, "card" TEXT, "due" DATETIME, "last_rating" INTEGER, "last_review" DATETIME, "draft" TEXT NOT NULL, FOREIGN KEY ("path_id") REFERENCES "career_path" ("id") ON DELETE CASCADE);',
    'CREATE INDEX "question_path_id" ON "question" ("path_id");',
    'CREATE INDEX "question_due" ON "question" ("due");',
    'CREATE UNIQUE INDEX "question_path_id_key" ON "question" ("path_id", "key");',
    'CREATE TABLE "attempt" ("id" INTEGER NOT NULL PRIMARY KEY, "question_id" INTEGER NOT NULL, "reviewed_at" DATETIME NOT NULL, "duration_s" REAL NOT NULL, "covered" INTEGER NOT NULL, "total" INTEGER NOT NULL, "covered_points" TEXT NOT NULL, "rating" INTEGER NOT NULL, "answer" TEXT NOT NULL, "card_before" TEXT, "card_after" TEXT, "mock" INTEGER NOT NULL, FOREIGN KEY ("question_id") REFERENCES "question" ("id") ON DELETE CASCADE);',
    'CREATE INDEX "attempt_question_id" ON "attempt" ("question_id");',
    'CREATE INDEX "attempt_reviewed_at" ON "attempt" ("reviewed_at");',
    'CREATE TABLE "book" ("id" INTEGER NOT NULL PRIMARY KEY, "path_id" INTEGER NOT NULL, "key" TEXT NOT NULL, "position" INTEGER NOT NULL, "title" TEXT NOT NULL, "authors" TEXT NOT NULL, "url" TEXT NOT NULL, "status" TEXT NOT NULL, "retired" INTEGER NOT NULL, FOREIGN KEY ("path_id") REFERENCES "career_path" ("id") ON DELETE CASCADE);',
    'CREATE INDEX "book_path_id" ON "book" ("path_id");',
    'CREATE UNIQUE INDEX "book_path_id_key" ON "book" ("path_id", "key");',
    'CREATE TABLE "focus_point" ("id" INTEGER NOT NULL PRIMARY KEY, "question_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "text" TEXT NOT NULL, FOREIGN KEY ("question_id") REFERENCES "question" ("id") ON DELETE CASCADE);',
    'CREATE INDEX "focus_point_question_id" ON "focus_point" ("question_id");',
    'CREATE TABLE "phase" ("id" INTEGER NOT NULL PRIMARY KEY, "path_id" INTEGER NOT NULL, "key" TEXT NOT NULL, "position" INTEGER NOT NULL, "title" TEXT NOT NULL, "summary" TEXT NOT NULL, "retired" INTEGER NOT NULL, FOREIGN KEY ("path_id") REFERENCES "career_path" ("id") ON DELETE CASCADE);',
    'CREATE INDEX "phase_path_id" ON "phase" ("path_id");',
    'CREATE UNIQUE INDEX "phase_path_id_key" ON "phase" ("path_id", "key");',
    'CREATE TABLE "plan_settings" ("id" INTEGER NOT NULL PRIMARY KEY, "path_id" INTEGER NOT NULL, "hours_per_week" REAL NOT NULL, "start_date" DATE, "target_date" DATE, "include_reading" INTEGER NOT NULL, "include_practice" INTEGER NOT NULL, "learner_name" TEXT NOT NULL, FOREIGN KEY ("path_id") REFERENCES "career_path" ("id") ON DELETE CASCADE);',
    'CREATE UNIQUE INDEX "plan_settings_path_id" ON "plan_settings" ("path_id");',
    'CREATE TABLE "responsibility" ("id" INTEGER NOT NULL PRIMARY KEY, "path_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "title" TEXT NOT NULL, "description" TEXT NOT NULL, FOREIGN KEY ("path_id") REFERENCES "career_path" ("id") ON DELETE CASCADE);',
    'CREATE INDEX "responsibility_path_id" ON "responsibility" ("path_id");',
    'CREATE TABLE "setting" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT NOT NULL);',
    'CREATE TABLE "skill" ("id" INTEGER NOT NULL PRIMARY KEY, "path_id" INTEGER NOT NULL, "key" TEXT NOT NULL, "position" INTEGER NOT NULL, "name" TEXT NOT NULL, "summary" TEXT NOT NULL, "target" INTEGER NOT NULL, "level" INTEGER NOT NULL, "retired" INTEGER NOT NULL, FOREIGN KEY ("path_id") REFERENCES "career_path" ("id") ON DELETE CASCADE);',
    'CREATE INDEX "skill_path_id" ON "skill" ("path_id");',
    'CREATE UNIQUE INDEX "skill_path_id_key" ON "skill" ("path_id", "key");',
    'CREATE TABLE "snapshot" ("id" INTEGER NOT NULL PRIMARY KEY, "path_id" INTEGER NOT NULL, "taken_at" DATETIME NOT NULL, "note" TEXT NOT NULL, "levels" TEXT NOT NULL, "topics" TEXT NOT NULL, FOREIGN KEY ("path_id") REFERENCES "career_path" ("id") ON DELETE CASCADE);',
    'CREATE INDEX "snapshot_path_id" ON "snapshot" ("path_id");',
    'CREATE INDEX "snapshot_taken_at" ON "snapshot" ("taken_at");',
    'CREATE TABLE "tip" ("id" INTEGER NOT NULL PRIMARY KEY, "path_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "text" TEXT NOT NULL, FOREIGN KEY ("path_id") REFERENCES "career_path" ("id") ON DELETE CASCADE);',
    'CREATE INDEX "tip_path_id" ON "tip" ("path_id");',
    'CREATE TABLE "topic" ("id" INTEGER NOT NULL PRIMARY KEY, "skill_id" INTEGER NOT NULL, "key" TEXT NOT NULL, "position" INTEGER NOT NULL, "name" TEXT NOT NULL, "checked" INTEGER NOT NULL, "retired" INTEGER NOT NULL, FOREIGN KEY ("skill_id") REFERENCES "skill" ("id") ON DELETE CASCADE);',
    'CREATE INDEX "topic_skill_id" ON "topic" ("skill_id");',
    'CREATE UNIQUE INDEX "topic_skill_id_key" ON "topic" ("skill_id", "key");',
    'CREATE TABLE "tutorial" ("id" INTEGER NOT NULL PRIMARY KEY, "path_id" INTEGER NOT NULL, "phase_id" INTEGER NOT NULL, "key" TEXT NOT NULL, "position" INTEGER NOT NULL, "title" TEXT NOT NULL, "skill_id" INTEGER, "level" INTEGER NOT NULL, "hours" REAL NOT NULL, "url" TEXT NOT NULL, "description" TEXT NOT NULL, "custom" INTEGER NOT NULL, "retired" INTEGER NOT NULL, "status" TEXT NOT NULL, "started_on" DATE, "finished_on" DATE, "notes" TEXT NOT NULL, "updated_at" DATETIME, FOREIGN KEY ("path_id") REFERENCES "career_path" ("id") ON DELETE CASCADE, FOREIGN KEY ("phase_id") REFERENCES "phase" ("id") ON DELETE CASCADE, FOREIGN KEY ("skill_id") REFERENCES "skill" ("id") ON DELETE SET NULL);',
    'CREATE INDEX "tutorial_path_id" ON "tutorial" ("path_id");',
    'CREATE INDEX "tutorial_phase_id" ON "tutorial" ("phase_id");',
    'CREATE INDEX "tutorial_skill_id" ON "tutorial" ("skill_id");',
    'CREATE UNIQUE INDEX "tutorial_path_id_key" ON "tutorial" ("path_id", "key");',
    'CREATE INDEX "tutorial_path_id_status" ON "tutorial" ("path_id", "status");',
    'CREATE INDEX "tutorial_finished_on" ON "tutorial" ("finished_on");',
    'CREATE TABLE "tutorial_link" ("id" INTEGER NOT NULL PRIMARY KEY, "tutorial_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "title" TEXT NOT NULL, "url" TEXT NOT NULL, FOREIGN KEY ("tutorial_id") REFERENCES "tutorial" ("id") ON DELETE CASCADE);',
    'CREATE INDEX "tutorial_link_tutorial_id" ON "tutorial_link" ("tutorial_id");',
)


def _v1_initial_schema(db: SqliteDatabase) -> None:
    for statement in _V1_SCHEMA:
        db.execute_sql(statement.rstrip(";"))


def _v2_attempt_history_index(db: SqliteDatabase) -> None:
    """Practice history is read per question, newest first: index it that way."""
    from playhouse.migrate import SqliteMigrator, migrate

    migrate(SqliteMigrator(db).add_index("attempt", ("question_id", "reviewed_at"), False))


_V3_PREPARATION = (
    'CREATE TABLE "preparation" ("id" INTEGER NOT NULL PRIMARY KEY, "question_id" INTEGER NOT NULL, "tutorial_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("question_id") REFERENCES "question" ("id") ON DELETE CASCADE, FOREIGN KEY ("tutorial_id") REFERENCES "tutorial" ("id") ON DELETE CASCADE);',
    'CREATE INDEX "preparation_question_id" ON "preparation" ("question_id");',
    'CREATE INDEX "preparation_tutorial_id" ON "preparation" ("tutorial_id");',
    'CREATE UNIQUE INDEX "preparation_question_id_tutorial_id" ON "preparation" ("question_id", "tutorial_id");',
)


def _v3_pack_format_2(db: SqliteDatabase) -> None:
    """Pack format 2: question outlines and ``beyond_source``, book notes, ``prepares``.

    The columns are added with ``ALTER TABLE ... ADD COLUMN ... NOT NULL DEFAULT``
    (``allow_not_null``), never by rebuilding the table: a rebuild drops and renames
    ``question``, and with foreign keys on, dropping it would cascade to every attempt.
    """
    from peewee import SQL, BooleanField, TextField
    from playhouse.migrate import SqliteMigrator, migrate

    migrator = SqliteMigrator(db)

    def column(table: str, name: str, field: TextField | BooleanField) -> object:
        return migrator.add_column(table, name, field, allow_not_null=True)

    migrate(
        column("question", "outline", TextField(default="[]", constraints=[SQL("DEFAULT '[]'")])),
        column(
            "question",
            "beyond_source",
            BooleanField(default=False, constraints=[SQL("DEFAULT 0")]),
        ),
        column("book", "note", TextField(default="", constraints=[SQL("DEFAULT ''")])),
    )
    for statement in _V3_PREPARATION:
        db.execute_sql(statement.rstrip(";"))


def _v4_coach(db: SqliteDatabase) -> None:
    """The coach: how far an in-progress tutorial is (``tutorial.percent_done``, NULL when
    the user has not said) and the study days with their start times
    (``plan_settings.study_times``, '' for the default evenings). Added in place, like v3."""
    from peewee import SQL, IntegerField, TextField
    from playhouse.migrate import SqliteMigrator, migrate

    migrator = SqliteMigrator(db)
    migrate(
        migrator.add_column("tutorial", "percent_done", IntegerField(null=True)),
        migrator.add_column(
            "plan_settings",
            "study_times",
            TextField(default="", constraints=[SQL("DEFAULT ''")]),
            allow_not_null=True,
        ),
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: career paths, content and user state", _v1_initial_schema),
    Migration(2, "index practice attempts by question and time", _v2_attempt_history_index),
    Migration(3, "pack format 2: outlines, beyond_source, book notes, prepares", _v3_pack_format_2),
    Migration(4, "coach: percent done of a tutorial, study days and times", _v4_coach),
)


def current_version() -> int:
    """The schema version this build writes: the highest registered migration."""
    return max(m.version for m in MIGRATIONS)


def schema_version(db: SqliteDatabase) -> int:
    row = db.execute_sql("PRAGMA user_version").fetchone()
    return int(row[0]) if row else 0


def pending(db: SqliteDatabase) -> list[Migration]:
    version = schema_version(db)
    return [m for m in sorted(MIGRATIONS, key=lambda m: m.version) if m.version > version]


def migrate(db: SqliteDatabase) -> list[int]:
    """Apply every pending step in order; return the versions applied."""
    applied = []
    for step in pending(db):
        _log.info("migrating the database to schema %d: %s", step.version, step.description)
        with db.atomic():
            step.apply(db)
            db.execute_sql(f"PRAGMA user_version = {int(step.version)}")
        applied.append(step.version)
    return applied
