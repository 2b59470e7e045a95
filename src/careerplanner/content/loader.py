"""Read and validate a career-path pack file.

A pack is YAML read with a safe loader that also refuses aliases (no "billion laughs"),
deep nesting and oversized files. Every problem is reported as a ``PackError`` naming
the file, the location inside it (for example ``phases[2].tutorials[5].hours``) and the
problem. Loading never writes anything. The walking and checking of single values is in
``careerplanner.content.reader``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from careerplanner.content.model import (
    FORMAT_VERSION,
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
from careerplanner.content.reader import PackError, Reader, describe, join, strict_loader
from careerplanner.vocab import LEVEL_NAMES, TUTORIAL_LEVELS

__all__ = ["MAX_PACK_BYTES", "PackError", "load_pack", "parse_pack"]

MAX_PACK_BYTES = 2 * 1024 * 1024
#: Limits of a question's reference outline (the built-in path uses 6-10 bullets).
MAX_OUTLINE_POINTS = 20
MAX_OUTLINE_POINT = 600
MAX_NOTE = 2_000

#: Fields that a pack of format 1 may not use: older apps refuse unknown fields.
FORMAT_2_FIELDS = {
    "questions": ("outline", "prepares", "beyond_source"),
    "reading": ("note",),
}


def _require_format_2(r: Reader, fmt: int, m: dict[str, Any], loc: str, kind: str) -> None:
    if fmt >= 2:
        return
    for key in FORMAT_2_FIELDS[kind]:
        if key in m:
            raise r.fail(
                join(loc, key),
                "needs format_version: 2 (a pack of format 1 must stay readable by older "
                "versions of Career Planner, which do not know this field)",
            )


def _role(r: Reader, top: dict[str, Any]) -> RoleOverview:
    role_m = r.mapping(top["role"], "role", {"summary", "responsibilities", "audience"}, set())

    def responsibility(v: Any, loc: str) -> Responsibility:
        m = r.mapping(v, loc, {"title", "description"}, set())
        return Responsibility(r.text(m, "title", loc), r.text(m, "description", loc))

    return RoleOverview(
        summary=r.text(role_m, "summary", "role"),
        responsibilities=r.items(role_m, "responsibilities", "role", responsibility),
        audience=r.text(role_m, "audience", "role"),
    )


def _skills(r: Reader, top: dict[str, Any]) -> tuple[Skill, ...]:
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
    return skills


def _phases(r: Reader, top: dict[str, Any], skill_ids: set[str]) -> tuple[Phase, ...]:
    def tutorial(v: Any, loc: str) -> Tutorial:
        m = r.mapping(v, loc, {"id", "title", "skill", "level", "hours", "url"}, {"description"})
        skill_id = r.text(m, "skill", loc)
        if skill_id not in skill_ids:
            raise r.fail(
                join(loc, "skill"),
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
    return phases


def _questions(
    r: Reader, top: dict[str, Any], fmt: int, tutorial_ids: set[str]
) -> tuple[Question, ...]:
    def focus_point(v: Any, loc: str) -> str:
        if not isinstance(v, str) or not v.strip():
            raise r.fail(loc, f"expected a focus point as text, found {describe(v)}")
        return v.strip()

    def prepares(m: dict[str, Any], loc: str) -> tuple[str, ...]:
        ids = r.texts(m, "prepares", loc, "a tutorial id", max_items=50, max_len=64)
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            where = f"{join(loc, 'prepares')}[{i}]"
            if ident not in tutorial_ids:
                raise r.fail(where, f"{ident!r} is not the id of a tutorial of this path")
            if ident in seen:
                raise r.fail(where, f"{ident!r} is listed more than once")
            seen.add(ident)
        return ids

    def question(v: Any, loc: str) -> Question:
        m = r.mapping(
            v,
            loc,
            {"id", "category", "text", "focus_points"},
            {"guidance", "outline", "prepares", "beyond_source"},
        )
        _require_format_2(r, fmt, m, loc, "questions")
        return Question(
            id=r.ident(m, "id", loc),
            category=r.text(m, "category", loc),
            text=r.text(m, "text", loc),
            focus_points=r.items(m, "focus_points", loc, focus_point, min_items=1),
            guidance=r.text(m, "guidance", loc, required=False),
            outline=r.texts(
                m,
                "outline",
                loc,
                "an outline point",
                max_items=MAX_OUTLINE_POINTS,
                max_len=MAX_OUTLINE_POINT,
            ),
            prepares=prepares(m, loc),
            beyond_source=r.flag(m, "beyond_source", loc),
        )

    questions = r.items(top, "questions", "", question)
    r.unique([(f"questions[{i}].id", q.id) for i, q in enumerate(questions)], "question")
    return questions


def _reading(r: Reader, top: dict[str, Any], fmt: int) -> tuple[Book, ...]:
    def book(v: Any, loc: str) -> Book:
        m = r.mapping(v, loc, {"id", "title", "authors"}, {"url", "note"})
        _require_format_2(r, fmt, m, loc, "reading")
        note = r.text(m, "note", loc, required=False)
        if len(note) > MAX_NOTE:
            raise r.fail(join(loc, "note"), f"is longer than {MAX_NOTE} characters")
        return Book(
            id=r.ident(m, "id", loc),
            title=r.text(m, "title", loc),
            authors=r.text(m, "authors", loc),
            url=r.url(m, "url", loc, required=False),
            note=note,
        )

    reading = r.items(top, "reading", "", book)
    r.unique([(f"reading[{i}].id", b.id) for i, b in enumerate(reading)], "book")
    return reading


def _tip(r: Reader) -> Any:
    def tip(v: Any, loc: str) -> str:
        if not isinstance(v, str) or not v.strip():
            raise r.fail(loc, f"expected a tip as text, found {describe(v)}")
        return v.strip()

    return tip


def _build(data: Any, r: Reader, digest: str) -> CareerPathPack:
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
    fmt = r.integer(top, "format_version", "", 1, FORMAT_VERSION)
    role = _role(r, top)
    skills = _skills(r, top)
    phases = _phases(r, top, {s.id for s in skills})
    tutorial_ids = {t.id for p in phases for t in p.tutorials}
    questions = _questions(r, top, fmt, tutorial_ids)
    reading = _reading(r, top, fmt)
    return CareerPathPack(
        format_version=fmt,
        id=r.ident(top, "id", ""),
        version=r.integer(top, "version", "", 1, 1_000_000),
        title=r.text(top, "title", ""),
        tagline=r.text(top, "tagline", "", required=False),
        role=role,
        skills=skills,
        phases=phases,
        questions=questions,
        tips=r.items(top, "tips", "", _tip(r)),
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
        data = yaml.load(text, Loader=strict_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise PackError(file, where, f"not valid YAML: {exc.problem or exc.context}") from exc
    except yaml.YAMLError as exc:
        raise PackError(file, "", f"not valid YAML: {exc}") from exc
    if data is None:
        raise PackError(file, "", "the file is empty")
    return _build(data, Reader(file), hashlib.sha256(raw).hexdigest())


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
