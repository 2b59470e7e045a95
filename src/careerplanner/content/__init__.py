"""The career-path pack format: dataclasses, loader and validator, the built-in pack.

No Qt here: this layer is used by the store, the services and the command line.
"""

from careerplanner.content.builtin import BUILTIN_PATH_ID, builtin_pack_file, load_builtin_pack
from careerplanner.content.loader import PackError, load_pack, parse_pack
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

__all__ = [
    "BUILTIN_PATH_ID",
    "FORMAT_VERSION",
    "Book",
    "CareerPathPack",
    "PackError",
    "Phase",
    "Question",
    "Responsibility",
    "RoleOverview",
    "Skill",
    "Topic",
    "Tutorial",
    "builtin_pack_file",
    "load_builtin_pack",
    "load_pack",
    "parse_pack",
]
