"""The career-path pack as plain, immutable dataclasses (see docs/content-format.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The pack format version this build writes; it reads every version up to this one.
#: Format 2 added question outlines, ``prepares`` and ``beyond_source``, and book notes
#: (docs/content-format.md says why that needed a new format version).
FORMAT_VERSION = 2


@dataclass(frozen=True)
class Responsibility:
    title: str
    description: str


@dataclass(frozen=True)
class RoleOverview:
    summary: str
    responsibilities: tuple[Responsibility, ...]
    audience: str


@dataclass(frozen=True)
class Topic:
    id: str
    name: str


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    target: int
    topics: tuple[Topic, ...]
    summary: str = ""


@dataclass(frozen=True)
class Tutorial:
    id: str
    title: str
    skill: str
    level: int
    hours: float
    url: str
    description: str


@dataclass(frozen=True)
class Phase:
    id: str
    title: str
    summary: str
    tutorials: tuple[Tutorial, ...]


@dataclass(frozen=True)
class Question:
    id: str
    category: str
    text: str
    focus_points: tuple[str, ...]
    guidance: str = ""
    #: A reference outline: what a strong answer covers, as bullet points (format 2).
    outline: tuple[str, ...] = ()
    #: Ids of the tutorials of this path that prepare for the question (format 2).
    prepares: tuple[str, ...] = ()
    #: True for a question the pack adds beyond the document the path is based on.
    beyond_source: bool = False


@dataclass(frozen=True)
class Book:
    id: str
    title: str
    authors: str
    url: str = ""
    #: A short note on the entry: edition, co-authors, why read it (format 2).
    note: str = ""


@dataclass(frozen=True)
class CareerPathPack:
    format_version: int
    id: str
    version: int
    title: str
    tagline: str
    role: RoleOverview
    skills: tuple[Skill, ...]
    phases: tuple[Phase, ...]
    questions: tuple[Question, ...]
    tips: tuple[str, ...]
    reading: tuple[Book, ...]
    skills_intro: str = ""
    roadmap_intro: str = ""
    questions_intro: str = ""
    reading_intro: str = ""
    #: A hash of the source bytes: lets the store skip re-installing an unchanged pack.
    digest: str = field(default="", compare=False)

    @property
    def tutorials(self) -> tuple[Tutorial, ...]:
        return tuple(t for p in self.phases for t in p.tutorials)

    @property
    def categories(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for q in self.questions:
            seen.setdefault(q.category, None)
        return tuple(seen)
