"""The app's vocabulary: tutorial and book statuses, practice ratings, skill levels.

Every layer speaks it, from the database models up to the widgets and the exports,
so this module imports neither Qt nor Peewee and sits below all of them. Statuses are
``str`` enums whose values are what the database and the JSON export store; ratings
and levels are ``int`` enums holding the stored numbers. Each member has the
``label`` a person reads, in sentence case.
"""

from __future__ import annotations

from enum import Enum, IntEnum


class _StoredText(str, Enum):
    """A ``str`` enum stored by its value (``str()`` and f-strings give the value)."""

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def values(cls) -> tuple[str, ...]:
        """Every stored value, in order."""
        return tuple(member.value for member in cls)

    @classmethod
    def has(cls, value: object) -> bool:
        """Whether ``value`` is one of the stored values."""
        return value in cls.values()

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").capitalize()

    @classmethod
    def label_of(cls, value: object) -> str:
        """The label of a stored value; an unknown value is shown as it is."""
        return cls(value).label if cls.has(value) else str(value)


class TutorialStatus(_StoredText):
    """Where the user is with a tutorial."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


class BookStatus(_StoredText):
    """Where the user is with a book of the reading list."""

    TO_READ = "to_read"
    READING = "reading"
    READ = "read"


class _Numbered(IntEnum):
    @property
    def label(self) -> str:
        return self.name.capitalize()

    @classmethod
    def has(cls, value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and value in set(cls)

    @classmethod
    def label_of(cls, value: object, unknown: str = "") -> str:
        """The label of a stored number; ``unknown`` for anything else (None included)."""
        return cls(int(value)).label if isinstance(value, int) and cls.has(value) else unknown


class Rating(_Numbered):
    """How well an interview answer went: the four ratings of FSRS."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class Level(_Numbered):
    """The skill scale used everywhere: 0 None … 4 Expert."""

    NONE = 0
    BEGINNER = 1
    INTERMEDIATE = 2
    ADVANCED = 3
    EXPERT = 4

    @classmethod
    def clamp(cls, value: int) -> Level:
        """The level nearest to ``value`` on the scale."""
        return cls(max(int(cls.NONE), min(int(cls.EXPERT), int(value))))


#: The highest level of the scale, and the names by level number.
MAX_LEVEL = int(Level.EXPERT)
LEVEL_NAMES: tuple[str, ...] = tuple(level.label for level in Level)
#: The levels a tutorial may have.
TUTORIAL_LEVELS: tuple[str, ...] = tuple(
    level.label for level in (Level.BEGINNER, Level.INTERMEDIATE, Level.ADVANCED)
)


def level_name(level: int) -> str:
    """The name of ``level``, clamped to the scale."""
    return Level.clamp(level).label
