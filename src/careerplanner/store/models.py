"""Peewee models: the content of installed career paths and the user's state.

Content rows (phases, tutorials, skills, questions, ...) are keyed by the pack's stable
ids (``key``) within their path, so that installing a newer version of a pack updates
them in place and keeps the user's state that lives beside the content.

The models are bound to the database of the one open ``Store``
(``careerplanner.store.database.open_store`` binds them, ``Store.close`` unbinds them);
while no store is open they point at ``NO_STORE``, which refuses any use with a
``StoreClosedError``. The tables themselves are created by the migrations
(``careerplanner.store.migrations``), never by ``create_tables`` at run time.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from careerplanner.vocab import BookStatus, TutorialStatus


class StoreClosedError(RuntimeError):
    """Code used a store that is not the open one (closed, or replaced): a bug.

    Raised instead of reading or writing whatever database happens to be open.
    """


class _NoStore(DatabaseProxy):
    """What the models are bound to while no store is open: every use is refused."""

    def __getattr__(self, attr: str) -> object:
        if attr.startswith("__"):
            raise AttributeError(attr)
        raise StoreClosedError(
            "No data is open: the database was used after it was closed (or before it was opened)."
        )

    def __enter__(self) -> object:
        return self.__getattr__("transaction")


#: The models' database while no store is open.
NO_STORE = _NoStore()


class BaseModel(Model):
    id = AutoField()

    class Meta:
        database = NO_STORE
        legacy_table_names = False


class CareerPath(BaseModel):
    key = TextField(unique=True)
    title = TextField()
    tagline = TextField(default="")
    pack_version = IntegerField(default=1)
    format_version = IntegerField(default=1)
    digest = TextField(default="")
    builtin = BooleanField(default=False)
    role_summary = TextField(default="")
    role_audience = TextField(default="")
    skills_intro = TextField(default="")
    roadmap_intro = TextField(default="")
    questions_intro = TextField(default="")
    reading_intro = TextField(default="")
    installed_at = DateTimeField()
    updated_at = DateTimeField()


class Responsibility(BaseModel):
    path = ForeignKeyField(CareerPath, backref="responsibilities", on_delete="CASCADE")
    path_id: int
    position = IntegerField()
    title = TextField()
    description = TextField(default="")


class Phase(BaseModel):
    path = ForeignKeyField(CareerPath, backref="phases", on_delete="CASCADE")
    path_id: int
    key = TextField()
    position = IntegerField()
    title = TextField()
    summary = TextField(default="")
    retired = BooleanField(default=False)

    class Meta:
        indexes = ((("path", "key"), True),)


class Skill(BaseModel):
    path = ForeignKeyField(CareerPath, backref="skills", on_delete="CASCADE")
    path_id: int
    key = TextField()
    position = IntegerField()
    name = TextField()
    summary = TextField(default="")
    target = IntegerField(default=0)
    # The user's self-assessment on the 0-4 scale.
    level = IntegerField(default=0)
    retired = BooleanField(default=False)

    class Meta:
        indexes = ((("path", "key"), True),)


class Topic(BaseModel):
    skill = ForeignKeyField(Skill, backref="topics", on_delete="CASCADE")
    skill_id: int
    key = TextField()
    position = IntegerField()
    name = TextField()
    checked = BooleanField(default=False)
    retired = BooleanField(default=False)

    class Meta:
        indexes = ((("skill", "key"), True),)


class Tutorial(BaseModel):
    path = ForeignKeyField(CareerPath, backref="tutorials", on_delete="CASCADE")
    path_id: int
    phase = ForeignKeyField(Phase, backref="tutorials", on_delete="CASCADE")
    phase_id: int
    key = TextField()
    position = IntegerField()
    title = TextField()
    skill = ForeignKeyField(Skill, backref="tutorials", null=True, on_delete="SET NULL")
    skill_id: int | None
    level = IntegerField(default=1)
    hours = FloatField(default=1.0)
    url = TextField(default="")
    description = TextField(default="")
    custom = BooleanField(default=False)
    retired = BooleanField(default=False)
    # User state.
    status = TextField(default=TutorialStatus.NOT_STARTED.value)
    started_on = DateField(null=True)
    finished_on = DateField(null=True)
    notes = TextField(default="")
    updated_at = DateTimeField(null=True)
    # How far the user says an in-progress tutorial is, 0-100; NULL: not said (counts half).
    percent_done = IntegerField(null=True)

    class Meta:
        indexes = (
            (("path", "key"), True),
            (("path", "status"), False),
            (("finished_on",), False),
        )


class TutorialLink(BaseModel):
    tutorial = ForeignKeyField(Tutorial, backref="links", on_delete="CASCADE")
    tutorial_id: int
    position = IntegerField()
    title = TextField()
    url = TextField()


class Snapshot(BaseModel):
    """A dated self-assessment: levels by skill key and ticked topics, as JSON."""

    path = ForeignKeyField(CareerPath, backref="snapshots", on_delete="CASCADE")
    path_id: int
    taken_at = DateTimeField(index=True)
    note = TextField(default="")
    levels = TextField(default="{}")
    topics = TextField(default="[]")


class Question(BaseModel):
    path = ForeignKeyField(CareerPath, backref="questions", on_delete="CASCADE")
    path_id: int
    key = TextField()
    position = IntegerField()
    category = TextField()
    text = TextField()
    guidance = TextField(default="")
    custom = BooleanField(default=False)
    retired = BooleanField(default=False)
    # Spaced-repetition state (an fsrs Card as JSON) and what the bank shows.
    card = TextField(null=True)
    due = DateTimeField(null=True, index=True)
    last_rating = IntegerField(null=True)
    last_review = DateTimeField(null=True)
    draft = TextField(default="")
    # Content of format 2 packs: the reference outline (a JSON list of text) and whether
    # the question goes beyond the path's source document.
    outline = TextField(default="[]")
    beyond_source = BooleanField(default=False)

    class Meta:
        indexes = ((("path", "key"), True),)


class FocusPoint(BaseModel):
    question = ForeignKeyField(Question, backref="focus_points", on_delete="CASCADE")
    question_id: int
    position = IntegerField()
    text = TextField()


class Attempt(BaseModel):
    question = ForeignKeyField(Question, backref="attempts", on_delete="CASCADE")
    question_id: int
    reviewed_at = DateTimeField(index=True)
    duration_s = FloatField(default=0.0)
    covered = IntegerField(default=0)
    total = IntegerField(default=0)
    covered_points = TextField(default="[]")
    rating = IntegerField()
    answer = TextField(default="")
    card_before = TextField(null=True)
    card_after = TextField(null=True)
    mock = BooleanField(default=False)

    class Meta:
        indexes = ((("question", "reviewed_at"), False),)


class Preparation(BaseModel):
    """A tutorial that prepares for a question (the pack's ``prepares``), in the pack's order."""

    question = ForeignKeyField(Question, backref="preparations", on_delete="CASCADE")
    question_id: int
    tutorial = ForeignKeyField(Tutorial, backref="preparations", on_delete="CASCADE")
    tutorial_id: int
    position = IntegerField()

    class Meta:
        indexes = ((("question", "tutorial"), True),)


class Tip(BaseModel):
    path = ForeignKeyField(CareerPath, backref="tips", on_delete="CASCADE")
    path_id: int
    position = IntegerField()
    text = TextField()


class Book(BaseModel):
    path = ForeignKeyField(CareerPath, backref="books", on_delete="CASCADE")
    path_id: int
    key = TextField()
    position = IntegerField()
    title = TextField()
    authors = TextField(default="")
    url = TextField(default="")
    note = TextField(default="")
    status = TextField(default=BookStatus.TO_READ.value)
    retired = BooleanField(default=False)

    class Meta:
        indexes = ((("path", "key"), True),)


class PlanSettings(BaseModel):
    path = ForeignKeyField(CareerPath, backref="plan", unique=True, on_delete="CASCADE")
    path_id: int
    hours_per_week = FloatField(default=6.0)
    start_date = DateField(null=True)
    target_date = DateField(null=True)
    include_reading = BooleanField(default=True)
    include_practice = BooleanField(default=True)
    learner_name = TextField(default="")
    # Study days and their start times as JSON ({"mon": "19:00", ...}); '' is the default.
    study_times = TextField(default="")


class Setting(Model):
    """Application settings kept with the user's data (selected path, geometry, ...)."""

    key = TextField(primary_key=True)
    value = TextField()

    class Meta:
        database = NO_STORE
        legacy_table_names = False


ALL_MODELS: tuple[type[Model], ...] = (
    CareerPath,
    Responsibility,
    Phase,
    Skill,
    Topic,
    Tutorial,
    TutorialLink,
    Snapshot,
    Question,
    FocusPoint,
    Attempt,
    Preparation,
    Tip,
    Book,
    PlanSettings,
    Setting,
)
