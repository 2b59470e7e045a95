"""Read and validate a career-path pack file.

A pack is YAML read with a safe loader that also refuses aliases (no "billion laughs"),
deep nesting and oversized files. Every problem is reported as a ``PackError`` naming
the file, the location inside it (for example ``phases[2].tutorials[5].hours``) and the
problem. Loading never writes anything.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from careerplanner.content.model import (
    FORMAT_VERSION,
    LEVEL_NAMES,
    TUTORIAL_LEVELS,
    Book,
    CareerPathPack,
    Phase,
    Question,
    Responsibility,
    RoleOverview,
    Skill,
    Topic,
    Tutorial,
)

MAX_PACK_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 12
MAX_TEXT = 10_000
MAX_ITEMS = 5_000
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

T = TypeVar("T")


class PackError(ValueError):
    """A pack file that cannot be used, with where and why."""

    def __init__(self, file: str, location: str, problem: str) -> None:
        self.file = file
        self.location = location
        self.problem = problem
        where = f"{file}: {location}" if location else file
        super().__init__(f"{where}: {problem}")


@functools.cache
def _strict_loader() -> Any:
    """SafeLoader without aliases and with a nesting limit (YAML is imported lazily:
    an unchanged built-in pack is never parsed at start-up)."""
    import yaml

    class _StrictLoader(yaml.SafeLoader):
        """SafeLoader without aliases and with a nesting limit."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self._depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.constructor.ConstructorError(
                    None, None, "aliases (*name) are not allowed in a pack", event.start_mark
                )
            self._depth += 1
            try:
                if self._depth > MAX_DEPTH:
                    event = self.peek_event()  # type: ignore[no-untyped-call]
                    raise yaml.constructor.ConstructorError(
                        None, None, f"nesting deeper than {MAX_DEPTH} levels", event.start_mark
                    )
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

    return _StrictLoader


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class _Reader:
    """Walks the parsed YAML, converting and checking, with a location for errors."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, location: str, problem: str) -> PackError:
        return PackError(self.file, location, problem)

    def mapping(
        self, value: Any, loc: str, required: set[str], optional: set[str]
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(loc, f"expected a mapping, found {_describe(value)}")
        for key in value:
            if not isinstance(key, str):
                raise self.fail(loc, f"keys must be text, found {key!r}")
        missing = sorted(required - value.keys())
        if missing:
            raise self.fail(_join(loc, missing[0]), "is required but missing")
        unknown = sorted(value.keys() - required - optional)
        if unknown:
            raise self.fail(_join(loc, unknown[0]), "is not a known field (check the spelling)")
        return value

    def text(self, m: dict[str, Any], key: str, loc: str, *, required: bool = True) -> str:
        where = _join(loc, key)
        value = m.get(key)
        if value is None and not required:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise self.fail(where, f"expected text, found {_describe(value)}")
        value = value.strip()
        if required and not value:
            raise self.fail(where, "must not be empty")
        if len(value) > MAX_TEXT:
            raise self.fail(where, f"is longer than {MAX_TEXT} characters")
        if "\x00" in value:
            raise self.fail(where, "contains a NUL character")
        return value

    def ident(self, m: dict[str, Any], key: str, loc: str) -> str:
        value = self.text(m, key, loc)
        if not ID_PATTERN.match(value):
            raise self.fail(
                _join(loc, key),
                f"{value!r} is not a valid id (lowercase letters, digits and hyphens, "
                "starting with a letter or digit, at most 64 characters)",
            )
        return value

    def url(self, m: dict[str, Any], key: str, loc: str, *, required: bool) -> str:
        value = self.text(m, key, loc, required=required)
        if value and not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
            raise self.fail(_join(loc, key), f"{value!r} is not an http or https address")
        return value

    def integer(self, m: dict[str, Any], key: str, loc: str, lo: int, hi: int) -> int:
        value = m.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(_join(loc, key), f"expected a whole number, found {_describe(value)}")
        if not lo <= value <= hi:
            raise self.fail(_join(loc, key), f"{value} is outside {lo}–{hi}")
        return value

    def hours(self, m: dict[str, Any], key: str, loc: str) -> float:
        value = m.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(
                _join(loc, key), f"expected a number of hours, found {_describe(value)}"
            )
        if not math.isfinite(value) or not 0 < value <= 1000:
            raise self.fail(_join(loc, key), f"{value} is not between 0 and 1000 hours")
        return float(value)

    def level(self, m: dict[str, Any], key: str, loc: str, allowed: tuple[str, ...]) -> int:
        value = m.get(key)
        names = {name.lower(): LEVEL_NAMES.index(name) for name in allowed}
        if isinstance(value, str) and value.strip().lower() in names:
            return names[value.strip().lower()]
        numbers = {LEVEL_NAMES.index(n) for n in allowed}
        if isinstance(value, int) and not isinstance(value, bool) and value in numbers:
            return value
        raise self.fail(_join(loc, key), f"{value!r} is not one of: {', '.join(allowed)}")

    def items(
        self,
        m: dict[str, Any],
        key: str,
        loc: str,
        convert: Callable[[Any, str], T],
        *,
        min_items: int = 0,
    ) -> tuple[T, ...]:
        where = _join(loc, key)
        value = m.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, found {_describe(value)}")
        if len(value) < min_items:
            raise self.fail(where, f"needs at least {min_items} item(s)")
        if len(value) > MAX_ITEMS:
            raise self.fail(where, f"has more than {MAX_ITEMS} items")
        return tuple(convert(item, f"{where}[{i}]") for i, item in enumerate(value))

    def unique(self, ids: list[tuple[str, str]], what: str) -> None:
        seen: set[str] = set()
        for loc, ident in ids:
            if ident in seen:
                raise self.fail(loc, f"{what} id {ident!r} is used more than once")
            seen.add(ident)


def _join(loc: str, key: str) -> str:
    return f"{loc}.{key}" if loc else key


def _build(data: Any, r: _Reader, digest: str) -> CareerPathPack:
    top = r.mapping(
        data,
        "",
        {"format_version", "id", "version", "title", "role", "skills", "phases", "questions"},
        {
            "tagline",
            "tips",
            "reading",
            "skills_intro",
            "roadmap_intro",
            "questions_intro",
            "reading_intro",
        },
    )
    fmt = top.get("format_version")
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > FORMAT_VERSION:
        raise r.fail(
            "format_version",
            f"format {fmt} is newer than this version of Career Planner understands "
            f"({FORMAT_VERSION}); update the app to use this pack",
        )
    r.integer(top, "format_version", "", 1, FORMAT_VERSION)
    role_m = r.mapping(top["role"], "role", {"summary", "responsibilities", "audience"}, set())

    def responsibility(v: Any, loc: str) -> Responsibility:
        m = r.mapping(v, loc, {"title", "description"}, set())
        return Responsibility(r.text(m, "title", loc), r.text(m, "description", loc))

    role = RoleOverview(
        summary=r.text(role_m, "summary", "role"),
        responsibilities=r.items(role_m, "responsibilities", "role", responsibility),
        audience=r.text(role_m, "audience", "role"),
    )

    def topic(v: Any, loc: str) -> Topic:
        m = r.mapping(v, loc, {"id", "name"}, set())
        return Topic(r.ident(m, "id", loc), r.text(m, "name", loc))

    def skill(v: Any, loc: str) -> Skill:
        m = r.mapping(v, loc, {"id", "name", "target"}, {"topics", "summary"})
        topics = r.items(m, "topics", loc, topic)
        r.unique([(f"{loc}.topics[{i}].id", t.id) for i, t in enumerate(topics)], "topic")
        return Skill(
            id=r.ident(m, "id", loc),
            name=r.text(m, "name", loc),
            target=r.level(m, "target", loc, LEVEL_NAMES),
            topics=topics,
            summary=r.text(m, "summary", loc, required=False),
        )

    skills = r.items(top, "skills", "", skill, min_items=1)
    r.unique([(f"skills[{i}].id", s.id) for i, s in enumerate(skills)], "skill")
    skill_ids = {s.id for s in skills}

    def tutorial(v: Any, loc: str) -> Tutorial:
        m = r.mapping(v, loc, {"id", "title", "skill", "level", "hours", "url"}, {"description"})
        skill_id = r.text(m, "skill", loc)
        if skill_id not in skill_ids:
            raise r.fail(
                _join(loc, "skill"),
                f"{skill_id!r} is not one of the skills of this path "
                f"({', '.join(sorted(skill_ids))})",
            )
        return Tutorial(
            id=r.ident(m, "id", loc),
            title=r.text(m, "title", loc),
            skill=skill_id,
            level=r.level(m, "level", loc, TUTORIAL_LEVELS),
            hours=r.hours(m, "hours", loc),
            url=r.url(m, "url", loc, required=True),
            description=r.text(m, "description", loc, required=False),
        )

    def phase(v: Any, loc: str) -> Phase:
        m = r.mapping(v, loc, {"id", "title", "tutorials"}, {"summary"})
        return Phase(
            id=r.ident(m, "id", loc),
            title=r.text(m, "title", loc),
            summary=r.text(m, "summary", loc, required=False),
            tutorials=r.items(m, "tutorials", loc, tutorial),
        )

    phases = r.items(top, "phases", "", phase, min_items=1)
    r.unique([(f"phases[{i}].id", p.id) for i, p in enumerate(phases)], "phase")
    r.unique(
        [
            (f"phases[{i}].tutorials[{j}].id", t.id)
            for i, p in enumerate(phases)
            for j, t in enumerate(p.tutorials)
        ],
        "tutorial",
    )

    def focus_point(v: Any, loc: str) -> str:
        if not isinstance(v, str) or not v.strip():
            raise r.fail(loc, f"expected a focus point as text, found {_describe(v)}")
        return v.strip()

    def question(v: Any, loc: str) -> Question:
        m = r.mapping(v, loc, {"id", "category", "text", "focus_points"}, {"guidance"})
        return Question(
            id=r.ident(m, "id", loc),
            category=r.text(m, "category", loc),
            text=r.text(m, "text", loc),
            focus_points=r.items(m, "focus_points", loc, focus_point, min_items=1),
            guidance=r.text(m, "guidance", loc, required=False),
        )

    questions = r.items(top, "questions", "", question)
    r.unique([(f"questions[{i}].id", q.id) for i, q in enumerate(questions)], "question")

    def tip(v: Any, loc: str) -> str:
        if not isinstance(v, str) or not v.strip():
            raise r.fail(loc, f"expected a tip as text, found {_describe(v)}")
        return v.strip()

    def book(v: Any, loc: str) -> Book:
        m = r.mapping(v, loc, {"id", "title", "authors"}, {"url"})
        return Book(
            id=r.ident(m, "id", loc),
            title=r.text(m, "title", loc),
            authors=r.text(m, "authors", loc),
            url=r.url(m, "url", loc, required=False),
        )

    reading = r.items(top, "reading", "", book)
    r.unique([(f"reading[{i}].id", b.id) for i, b in enumerate(reading)], "book")

    return CareerPathPack(
        format_version=r.integer(top, "format_version", "", 1, FORMAT_VERSION),
        id=r.ident(top, "id", ""),
        version=r.integer(top, "version", "", 1, 1_000_000),
        title=r.text(top, "title", ""),
        tagline=r.text(top, "tagline", "", required=False),
        role=role,
        skills=skills,
        phases=phases,
        questions=questions,
        tips=r.items(top, "tips", "", tip),
        reading=reading,
        skills_intro=r.text(top, "skills_intro", "", required=False),
        roadmap_intro=r.text(top, "roadmap_intro", "", required=False),
        questions_intro=r.text(top, "questions_intro", "", required=False),
        reading_intro=r.text(top, "reading_intro", "", required=False),
        digest=digest,
    )


def parse_pack(raw: bytes, file: str = "<pack>") -> CareerPathPack:
    """Parse and validate a pack from bytes. Raises PackError."""
    if len(raw) > MAX_PACK_BYTES:
        raise PackError(
            file, "", f"the file is {len(raw):,} bytes; a pack may be at most {MAX_PACK_BYTES:,}"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError(file, f"byte {exc.start}", "the file is not valid UTF-8 text") from exc
    import yaml

    try:
        data = yaml.load(text, Loader=_strict_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise PackError(file, where, f"not valid YAML: {exc.problem or exc.context}") from exc
    except yaml.YAMLError as exc:
        raise PackError(file, "", f"not valid YAML: {exc}") from exc
    if data is None:
        raise PackError(file, "", "the file is empty")
    return _build(data, _Reader(file), hashlib.sha256(raw).hexdigest())


def load_pack(path: Path) -> CareerPathPack:
    """Read a pack file from disk. Raises PackError (also for unreadable files)."""
    try:
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise PackError(
                str(path),
                "",
                f"the file is {size:,} bytes; a pack may be at most {MAX_PACK_BYTES:,}",
            )
        with path.open("rb") as fh:
            raw = fh.read(MAX_PACK_BYTES + 1)
    except OSError as exc:
        raise PackError(str(path), "", f"cannot be read: {exc.strerror or exc}") from exc
    return parse_pack(raw, str(path))
