"""What a writing operation touched, and how to take it back.

Every service function that changes the user's data returns an ``Outcome``: the
``Changes`` it made (which areas, and which items where a view can update one row in
place), the ``undo`` operation that reverses it exactly, and an optional ``value`` for
the caller (the id of a new item, say). Undo operations are outcomes too: running one
returns the operation that redoes the change. So one undo command in the UI can go back
and forth without knowing what it undoes (Anki's ``OpChanges`` has the same shape).

No Qt here; ``careerplanner.ui.ops`` runs operations and announces their changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Flag, auto
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Area(Flag):
    """The parts of the user's data a view can watch."""

    NONE = 0
    #: Tutorials: status, dates, notes, links, own tutorials.
    TUTORIALS = auto()
    #: The self-assessment: levels, topics, snapshots.
    SKILLS = auto()
    #: Practice: ratings, attempts, drafts, own questions.
    QUESTIONS = auto()
    #: The study plan: plan settings, reading statuses.
    PLAN = auto()
    #: App settings (theme, paper, timers, backups, …).
    SETTINGS = auto()
    #: Which career path is shown, or the installed paths themselves.
    PATH = auto()
    ALL = TUTORIALS | SKILLS | QUESTIONS | PLAN | SETTINGS | PATH


@dataclass(frozen=True)
class Changes:
    """What an operation changed.

    ``areas`` says which parts of the data; ``tutorials`` and ``questions`` name the items
    when only some changed (an empty set with the area set means "any of them": reload).
    ``active_path`` is the id of the path now shown when the operation switched it.
    """

    areas: Area = Area.NONE
    tutorials: frozenset[int] = field(default_factory=frozenset)
    questions: frozenset[int] = field(default_factory=frozenset)
    settings: frozenset[str] = field(default_factory=frozenset)
    active_path: int | None = None

    def __or__(self, other: Changes) -> Changes:
        both = self.areas | other.areas
        return Changes(
            areas=both,
            tutorials=_items(self, other, Area.TUTORIALS, self.tutorials, other.tutorials),
            questions=_items(self, other, Area.QUESTIONS, self.questions, other.questions),
            settings=self.settings | other.settings,
            active_path=other.active_path if other.active_path is not None else self.active_path,
        )

    def touches(self, areas: Area) -> bool:
        return bool(self.areas & areas)

    @property
    def empty(self) -> bool:
        return self.areas == Area.NONE and self.active_path is None


def _items(
    a: Changes, b: Changes, area: Area, ids_a: frozenset[int], ids_b: frozenset[int]
) -> frozenset[int]:
    """Item ids of the union: "any item" (empty) wins over a list of some."""
    if (a.areas & area and not ids_a) or (b.areas & area and not ids_b):
        return frozenset()
    return ids_a | ids_b


#: Changes of one tutorial (status, dates, notes, links) or of the whole list.
def tutorials(*ids: int) -> Changes:
    return Changes(Area.TUTORIALS, tutorials=frozenset(ids))


def questions(*ids: int) -> Changes:
    return Changes(Area.QUESTIONS, questions=frozenset(ids))


def settings(*keys: str) -> Changes:
    return Changes(Area.SETTINGS, settings=frozenset(keys))


SKILLS = Changes(Area.SKILLS)
PLAN = Changes(Area.PLAN)
EVERYTHING = Changes(Area.ALL)
NOTHING = Changes()


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """The result of an operation: what changed, how to undo it, and a value."""

    changes: Changes
    undo: Callable[[], Outcome[Any]] | None = None
    value: T | None = None
    #: Consecutive undoable outcomes with the same key merge into one undo step (typing).
    merge_key: str = ""


def unchanged(value: T | None = None) -> Outcome[T]:
    """An operation that found nothing to change (it is not put on the undo stack)."""
    return Outcome(NOTHING, None, value)
