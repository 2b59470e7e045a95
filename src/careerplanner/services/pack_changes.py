"""What installing a pack would change in an installed path, worked out before it is done.

An update matches content by the pack's stable ids. Content the new version drops is
*retired* when it holds the learner's work (kept and shown as retired) and *removed* when
it holds none. ``changes_of`` reads the store and says which items each will be, so that
an update from a file can be shown and confirmed first, and the built-in path's own
upgrade can tell the learner once what is new. The installer (``services.packs``) decides
with the same predicates (``*_has_state``), so the two cannot disagree.

The learner's own tutorials and questions are never retired or removed by a pack, even
when a file carries them (an exported path re-imported): they stay the learner's own.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from careerplanner.content import CareerPathPack
from careerplanner.services import settings
from careerplanner.services.catalog import has_user_state
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.vocab import BookStatus

_log = logging.getLogger(__name__)

#: The kinds of item, in the order a listing shows them, with their names.
KINDS = {
    "skill": ("skill", "skills"),
    "topic": ("topic", "topics"),
    "tutorial": ("tutorial", "tutorials"),
    "question": ("interview question", "interview questions"),
    "book": ("book", "books"),
}


@dataclass(frozen=True)
class Item:
    kind: str
    title: str

    def describe(self) -> str:
        return f"{KINDS[self.kind][0]}: {self.title}"


@dataclass(frozen=True)
class PackChanges:
    """What installing ``new_version`` of the path ``title`` changes."""

    key: str
    title: str
    #: The installed version; None when the path is not installed yet.
    old_version: int | None
    new_version: int
    added: tuple[Item, ...] = ()
    #: Dropped by the new version but kept, marked retired: they hold the learner's work.
    retired: tuple[Item, ...] = ()
    #: Dropped by the new version and deleted: none of the learner's work is in them.
    removed: tuple[Item, ...] = ()

    @property
    def is_update(self) -> bool:
        return self.old_version is not None

    def lines(self, limit: int | None = None) -> list[str]:
        """What the update does, a line each (for a dialog or the command line); at most
        ``limit`` items listed under each heading (then how many more)."""

        def listed(items: tuple[Item, ...]) -> list[str]:
            shown = items if limit is None else items[:limit]
            more = len(items) - len(shown)
            return [f"  {i.describe()}" for i in shown] + ([f"  … and {more} more"] if more else [])

        lines = []
        if self.added:
            lines.append(f"New: {count_text(self.added)}.")
            lines.extend(listed(self.added))
        if self.retired:
            lines.append(
                f"Retired, and kept because you worked on them ({count_text(self.retired)}): "
                "they stay, marked retired, with your work."
            )
            lines.extend(listed(self.retired))
        if self.removed:
            lines.append(f"Removed, with none of your work in them: {count_text(self.removed)}.")
        if not (self.added or self.retired or self.removed):
            lines.append("The same items as before, with updated texts.")
        return lines


def count_text(items: tuple[Item, ...] | list[Item]) -> str:
    """``items`` counted by kind: "2 tutorials, 1 interview question"."""
    parts = []
    for kind, (one, many) in KINDS.items():
        n = sum(1 for i in items if i.kind == kind)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


# -- what counts as the learner's work (the installer asks the same) --------------------


def question_has_state(row: m.Question) -> bool:
    return (
        row.card is not None
        or bool(row.draft)
        or m.Attempt.select().where(m.Attempt.question == row).exists()
    )


def skill_has_state(row: m.Skill) -> bool:
    checked = m.Topic.select().where((m.Topic.skill == row) & m.Topic.checked)
    return row.level > 0 or checked.exists()


def topic_has_state(row: m.Topic) -> bool:
    return bool(row.checked)


def book_has_state(row: m.Book) -> bool:
    return bool(row.status != BookStatus.TO_READ)


def tutorial_has_state(row: m.Tutorial) -> bool:
    return has_user_state(row)


# -- the comparison ------------------------------------------------------------------------


class _Diff:
    def __init__(self) -> None:
        self.added: list[Item] = []
        self.retired: list[Item] = []
        self.removed: list[Item] = []

    def dropped(self, kind: str, title: str, kept: bool) -> None:
        (self.retired if kept else self.removed).append(Item(kind, title))


@uses_store
def changes_of(store: Store, pack: CareerPathPack) -> PackChanges:
    """What installing ``pack`` would change, read without writing anything."""
    path = m.CareerPath.get_or_none(m.CareerPath.key == pack.id)
    if path is None:
        return PackChanges(pack.id, pack.title, None, pack.version)
    diff = _Diff()
    _skills(path, pack, diff)
    _tutorials(path, pack, diff)
    _questions(path, pack, diff)
    _books(path, pack, diff)
    return PackChanges(
        pack.id, pack.title, int(path.pack_version), pack.version,
        tuple(diff.added), tuple(diff.retired), tuple(diff.removed),
    )  # fmt: skip


def _skills(path: m.CareerPath, pack: CareerPathPack, diff: _Diff) -> None:
    rows = {s.key: s for s in m.Skill.select().where(m.Skill.path == path)}
    for skill in pack.skills:
        row = rows.pop(skill.id, None)
        if row is None:
            diff.added.append(Item("skill", skill.name))
            continue
        topics = {t.key: t for t in m.Topic.select().where(m.Topic.skill == row)}
        for topic in skill.topics:
            if topics.pop(topic.id, None) is None:
                diff.added.append(Item("topic", topic.name))
        for t in topics.values():
            if not t.retired:
                diff.dropped("topic", str(t.name), topic_has_state(t))
    for row in rows.values():
        if not row.retired:
            diff.dropped("skill", str(row.name), skill_has_state(row))


def _tutorials(path: m.CareerPath, pack: CareerPathPack, diff: _Diff) -> None:
    rows = {t.key: t for t in m.Tutorial.select().where(m.Tutorial.path == path)}
    for tut in pack.tutorials:
        if rows.pop(tut.id, None) is None:
            diff.added.append(Item("tutorial", tut.title))
    for row in rows.values():
        if not row.custom and not row.retired:
            diff.dropped("tutorial", str(row.title), tutorial_has_state(row))


def _questions(path: m.CareerPath, pack: CareerPathPack, diff: _Diff) -> None:
    rows = {q.key: q for q in m.Question.select().where(m.Question.path == path)}
    for question in pack.questions:
        if rows.pop(question.id, None) is None:
            diff.added.append(Item("question", question.text))
    for row in rows.values():
        if not row.custom and not row.retired:
            diff.dropped("question", str(row.text), question_has_state(row))


def _books(path: m.CareerPath, pack: CareerPathPack, diff: _Diff) -> None:
    rows = {b.key: b for b in m.Book.select().where(m.Book.path == path)}
    for book in pack.reading:
        if rows.pop(book.id, None) is None:
            diff.added.append(Item("book", book.title))
    for row in rows.values():
        if not row.retired:
            diff.dropped("book", str(row.title), book_has_state(row))


# -- telling the learner once what an update of the built-in path brought ---------------


@dataclass(frozen=True)
class News:
    changes: PackChanges
    #: Whether the window has told it (it is told once, and kept for Help → What's New).
    shown: bool


def _items(value: object) -> tuple[Item, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        Item(str(v[0]), str(v[1]))
        for v in value
        if isinstance(v, list) and len(v) == 2 and v[0] in KINDS
    )


@uses_store
def record_news(store: Store, changes: PackChanges) -> None:
    """Keep what the update ``changes`` brought, not yet told. Best effort: a failure is
    logged (the update itself is done)."""
    data = {
        "key": changes.key, "title": changes.title,
        "from": changes.old_version, "to": changes.new_version,
        "added": [[i.kind, i.title] for i in changes.added],
        "retired": [[i.kind, i.title] for i in changes.retired],
        "removed": [[i.kind, i.title] for i in changes.removed],
        "shown": False,
    }  # fmt: skip
    try:
        settings.BUILTIN_NEWS.set(store, json.dumps(data, ensure_ascii=False))
    except Exception as exc:
        _log.warning("could not keep what is new in the built-in path: %s", exc)


@uses_store
def news(store: Store) -> News | None:
    """What the last update of the built-in path brought; None when none was kept (or
    what was kept cannot be read)."""
    text = settings.BUILTIN_NEWS.get(store)
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    old, new = data.get("from"), data.get("to")
    if not (isinstance(old, int) and isinstance(new, int)):
        return None
    changes = PackChanges(
        str(data.get("key", "")), str(data.get("title", "")), old, new,
        _items(data.get("added")), _items(data.get("retired")), _items(data.get("removed")),
    )  # fmt: skip
    return News(changes, bool(data.get("shown")))


@uses_store
def mark_news_shown(store: Store) -> None:
    """Remember that the window told what is new (so it is told once)."""
    current = news(store)
    if current is None or current.shown:
        return
    data = json.loads(settings.BUILTIN_NEWS.get(store) or "{}")
    data["shown"] = True
    settings.BUILTIN_NEWS.set(store, json.dumps(data, ensure_ascii=False))


def news_summary(changes: PackChanges) -> str:
    """One short sentence for the status bar."""
    parts = []
    if changes.added:
        parts.append(f"new: {count_text(changes.added)}")
    if changes.retired:
        parts.append(f"{len(changes.retired)} you worked on kept as retired")
    what = "; ".join(parts) if parts else "texts updated"
    return f"“{changes.title}” updated to version {changes.new_version} — {what}. Help → What's New"
