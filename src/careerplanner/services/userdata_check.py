"""Validating a user-data JSON file before a single row is written.

``validate(document)`` walks the whole document and either returns a ``UserData`` of
plain, typed values or raises ``UserDataError`` listing every problem with its place in
the file (for example ``paths[0].tutorials[3].status``). The format is described in
``docs/user-data-format.md``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from careerplanner import limits
from careerplanner.content.loader import MAX_OUTLINE_POINT, MAX_OUTLINE_POINTS
from careerplanner.errors import UserError
from careerplanner.services import settings as app_settings
from careerplanner.services import study_days
from careerplanner.vocab import BookStatus, TutorialStatus

FORMAT = "careerplanner-user-data"
FORMAT_VERSION = 1
MAX_TEXT = 200_000
MAX_ERRORS = 25

T = TypeVar("T")
Row = dict[str, Any]


class UserDataError(UserError):
    """The file cannot be imported; ``problems`` lists every reason, for the user."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:MAX_ERRORS]
        more = len(problems) - len(shown)
        text = "\n".join(f"• {p}" for p in shown)
        if more:
            text += f"\n• … and {more} more problem{'s' if more != 1 else ''}"
        super().__init__(text)


@dataclass(frozen=True)
class PathData:
    key: str
    phases: list[Row]
    skills: list[Row]
    tutorials: list[Row]
    questions: list[Row]
    books: list[Row]
    snapshots: list[Row]
    plan: Row | None


@dataclass(frozen=True)
class UserData:
    settings: dict[str, str]
    paths: list[PathData]


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, "must be an object { … }")
            return {}
        return value

    def items(self, parent: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        here = f"{where}.{key}" if where else key
        value = parent.get(key, [])
        if not isinstance(value, list):
            self.fail(here, "must be a list [ … ]")
            return []
        return [self.obj(v, f"{here}[{i}]") for i, v in enumerate(value)]

    def field(
        self,
        row: dict[str, Any],
        key: str,
        where: str,
        convert: Callable[[Any], T],
        default: Any = ...,
    ) -> T | Any:
        if key not in row:
            if default is ...:
                self.fail(f"{where}.{key}", "is missing")
                return None
            return default
        try:
            return convert(row[key])
        except (TypeError, ValueError) as exc:
            self.fail(f"{where}.{key}", str(exc))
            return None


# -- converters: raise ValueError with a message for the user ------------------------------


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {json.dumps(value)[:40]}")
    if len(value) > MAX_TEXT:
        raise ValueError("is too long")
    return value


def key_text(value: Any) -> str:
    result = text(value)
    if not result.strip() or len(result) > 200:
        raise ValueError("must be a non-empty key of up to 200 characters")
    return result


def web_url(value: Any) -> str:
    result = text(value).strip()
    if result and not result.lower().startswith(("http://", "https://")):
        raise ValueError(f"{result[:60]!r} is not a web address (http:// or https://)")
    return result


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def number(value: Any) -> float:
    """A finite number of at least 0 (never NaN, Infinity or too large for a float)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("must be a number of at least 0")
    try:
        result = float(value)
    except OverflowError:
        result = math.inf
    if not math.isfinite(result):
        raise ValueError(f"must be a finite number, not {json.dumps(result)}")
    if result < 0:
        raise ValueError("must be a number of at least 0")
    return result


def tutorial_hours(value: Any) -> float:
    hours = number(value)
    if not limits.tutorial_hours_ok(hours):
        raise ValueError(
            f"must be more than 0 and at most {limits.MAX_TUTORIAL_HOURS:g} hours, "
            f"not {json.dumps(value)[:40]}"
        )
    return hours


def integer(low: int, high: int) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"must be a whole number from {low} to {high}")
        return value

    return convert


def nullable(convert: Callable[[Any], T]) -> Callable[[Any], T | None]:
    return lambda value: None if value is None else convert(value)


def one_of(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"{json.dumps(value)[:40]} is not one of {', '.join(choices)}")
        return str(value)

    return convert


def _in_limits(value: date) -> None:
    problem = limits.date_problem(value)
    if problem:
        raise ValueError(problem)


def a_date(value: Any) -> date:
    try:
        result = date.fromisoformat(text(value))
    except ValueError:
        raise ValueError(f"{json.dumps(value)[:40]} is not a date like 2025-01-31") from None
    _in_limits(result)
    return result


def a_datetime(value: Any) -> datetime:
    try:
        result = datetime.fromisoformat(text(value))
    except ValueError:
        result = None
    if result is None or result.tzinfo is not None:
        raise ValueError(
            f"{json.dumps(value)[:40]} is not a date and time like 2025-01-31T14:05:00 "
            "(without a time zone)"
        )
    _in_limits(result)
    return result


def json_text(kind: type) -> Callable[[Any], str]:
    """A JSON value kept as text in the database (verbatim when given as text)."""

    def convert(value: Any) -> str:
        if isinstance(value, str):
            return text(value)  # stored text that was not valid JSON, kept verbatim
        if not isinstance(value, kind):
            raise ValueError(f"must be a JSON {'object' if kind is dict else 'list'}")
        return json.dumps(value)

    return convert


def levels(value: Any) -> str:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 4
        for k, v in value.items()
    ):
        raise ValueError("must map skill keys to levels 0 to 4")
    return json.dumps(value)


def strings(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a list of texts")
    return [text(v) for v in value]


def outline(value: Any) -> list[str]:
    """A question's reference outline: the pack format's limits (docs/content-format.md)."""
    items = strings(value)
    if len(items) > MAX_OUTLINE_POINTS:
        raise ValueError(f"has {len(items)} points; at most {MAX_OUTLINE_POINTS} allowed")
    for i, item in enumerate(items):
        if not item.strip() or len(item) > MAX_OUTLINE_POINT or "\x00" in item:
            raise ValueError(
                f"point {i + 1} must be a non-empty text of up to {MAX_OUTLINE_POINT} characters"
            )
    return [item.strip() for item in items]


# -- the document ---------------------------------------------------------------------------


def _unique(c: _Checker, rows: list[Row], where: str, what: str) -> None:
    seen: set[str] = set()
    for i, row in enumerate(rows):
        key = row.get("key")
        if isinstance(key, str):
            if key in seen:
                c.fail(f"{where}[{i}].key", f"the {what} {key!r} appears twice")
            seen.add(key)


def _rows(c: _Checker, parent: Row, key: str, where: str, spec: dict[str, Any]) -> list[Row]:
    result = []
    for i, raw in enumerate(c.items(parent, key, where)):
        here = f"{where}.{key}[{i}]"
        row: Row = {}
        for name, rule in spec.items():
            convert, default = rule if isinstance(rule, tuple) else (rule, ...)
            row[name] = c.field(raw, name, here, convert, default)
        row["_where"] = here
        row["_raw"] = raw
        result.append(row)
    return result


LEVEL = integer(0, 4)
POSITION = integer(0, 1_000_000)
PHASE = {
    "key": key_text,
    "title": text,
    "summary": (text, ""),
    "position": POSITION,
    "retired": (flag, False),
}
TOPIC = {
    "key": key_text,
    "name": text,
    "position": POSITION,
    "retired": (flag, False),
    "checked": flag,
}
SKILL = {
    "key": key_text,
    "name": text,
    "summary": (text, ""),
    "target": LEVEL,
    "position": POSITION,
    "retired": (flag, False),
    "level": LEVEL,
}
TUTORIAL = {
    "key": key_text,
    "custom": flag,
    "retired": (flag, False),
    "phase": key_text,
    "skill": (nullable(key_text), None),
    "position": POSITION,
    "title": text,
    "level": LEVEL,
    "hours": tutorial_hours,
    "url": (web_url, ""),
    "description": (text, ""),
    "status": one_of(TutorialStatus.values()),
    "started_on": (nullable(a_date), None),
    "finished_on": (nullable(a_date), None),
    "notes": (text, ""),
    "updated_at": (nullable(a_datetime), None),
    "percent_done": (nullable(integer(0, 100)), None),
}
LINK = {"title": text, "url": web_url}
QUESTION = {
    "key": key_text,
    "custom": flag,
    "retired": (flag, False),
    "position": POSITION,
    "category": text,
    "text": text,
    "guidance": (text, ""),
    "focus_points": (strings, []),
    "outline": (outline, []),
    "card": (nullable(json_text(dict)), None),
    "due": (nullable(a_datetime), None),
    "last_rating": (nullable(integer(1, 4)), None),
    "last_review": (nullable(a_datetime), None),
    "draft": (text, ""),
}
ATTEMPT = {
    "reviewed_at": a_datetime,
    "duration_s": (number, 0.0),
    "covered": (integer(0, 1000), 0),
    "total": (integer(0, 1000), 0),
    "covered_points": (json_text(list), "[]"),
    "rating": integer(1, 4),
    "answer": (text, ""),
    "card_before": (nullable(json_text(dict)), None),
    "card_after": (nullable(json_text(dict)), None),
    "mock": (flag, False),
}
BOOK = {
    "key": key_text,
    "title": text,
    "authors": (text, ""),
    "url": (web_url, ""),
    "position": POSITION,
    "retired": (flag, False),
    "status": one_of(BookStatus.values()),
}
SNAPSHOT = {
    "taken_at": a_datetime,
    "note": (text, ""),
    "levels": levels,
    "topics": (json_text(list), "[]"),
}


def hours_per_week(value: Any) -> float:
    hours = number(value)
    if not limits.hours_per_week_ok(hours):
        raise ValueError(
            f"must be between {limits.MIN_HOURS_PER_WEEK:g} and {limits.MAX_HOURS_PER_WEEK:g} hours"
        )
    return hours


def study_times(value: Any) -> str:
    """``{"mon": "19:00", …}``: 1 to 7 days, each once, at HH:MM; stored as text."""
    return study_days.to_text(study_days.from_mapping(value))


PLAN = {
    "hours_per_week": hours_per_week,
    "start_date": (nullable(a_date), None),
    "target_date": (nullable(a_date), None),
    "include_reading": (flag, True),
    "include_practice": (flag, True),
    "learner_name": (text, ""),
    "study_times": (study_times, ""),
}


def _path(c: _Checker, raw: Row, where: str) -> PathData:
    key = c.field(raw, "key", where, key_text)
    phases = _rows(c, raw, "phases", where, PHASE)
    skills = _rows(c, raw, "skills", where, SKILL)
    for skill in skills:
        skill["topics"] = _rows(c, skill["_raw"], "topics", skill["_where"], TOPIC)
        _unique(c, skill["topics"], f"{skill['_where']}.topics", "topic")
    tutorials = _rows(c, raw, "tutorials", where, TUTORIAL)
    phase_keys = {p["key"] for p in phases}
    skill_keys = {s["key"] for s in skills}
    for t in tutorials:
        t["links"] = _rows(c, t["_raw"], "links", t["_where"], LINK)
        if t["phase"] is not None and t["phase"] not in phase_keys:
            c.fail(f"{t['_where']}.phase", f"names the phase {t['phase']!r}, not in phases")
        if t["skill"] is not None and t["skill"] not in skill_keys:
            c.fail(f"{t['_where']}.skill", f"names the skill {t['skill']!r}, not in skills")
    questions = _rows(c, raw, "questions", where, QUESTION)
    for q in questions:
        q["attempts"] = _rows(c, q["_raw"], "attempts", q["_where"], ATTEMPT)
    books = _rows(c, raw, "books", where, BOOK)
    snapshots = _rows(c, raw, "snapshots", where, SNAPSHOT)
    plan = None
    if raw.get("plan") is not None:
        plan_raw = c.obj(raw["plan"], f"{where}.plan")
        plan = {
            name: c.field(plan_raw, name, f"{where}.plan", *_rule(rule))
            for name, rule in PLAN.items()
        }
        start, target = plan.get("start_date"), plan.get("target_date")
        if start is not None and target is not None and target < start:
            c.fail(f"{where}.plan.target_date", "is before the start date")
    for rows, name, what in (
        (phases, "phases", "phase"),
        (skills, "skills", "skill"),
        (tutorials, "tutorials", "tutorial"),
        (questions, "questions", "question"),
        (books, "books", "book"),
    ):
        _unique(c, rows, f"{where}.{name}", what)
    return PathData(key, phases, skills, tutorials, questions, books, snapshots, plan)


def _rule(rule: Any) -> tuple[Callable[[Any], Any], Any]:
    return rule if isinstance(rule, tuple) else (rule, ...)


def validate(document: Any) -> UserData:
    """Check the whole document; raise UserDataError listing every problem."""
    c = _Checker()
    if not isinstance(document, dict):
        raise UserDataError(["The file is not a Career Planner data file (not a JSON object)."])
    if document.get("format") != FORMAT:
        raise UserDataError(
            [f'The file is not a Career Planner data file ("format" is not {FORMAT!r}).']
        )
    version = document.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UserDataError(["format_version: must be a whole number of at least 1"])
    if version > FORMAT_VERSION:
        raise UserDataError(
            [
                f"The file uses data format {version}, written by a newer version of Career "
                f"Planner (this version reads format {FORMAT_VERSION}). Update the app."
            ]
        )
    settings_raw = c.obj(document.get("settings", {}), "settings")
    settings: dict[str, str] = {}
    for name, value in settings_raw.items():
        if not isinstance(value, str):
            c.fail(f"settings.{name[:60]}", "must be text")
        elif problem := app_settings.value_problem(name, value):
            c.fail(f"settings.{name[:60]}", problem)
        else:
            settings[name] = value
    paths = [_path(c, raw, f"paths[{i}]") for i, raw in enumerate(c.items(document, "paths", ""))]
    _unique(c, [{"key": p.key} for p in paths], "paths", "career path")
    if c.problems:
        raise UserDataError(c.problems)
    return UserData(settings, paths)
