"""The built-in AI/ML Architect path shipped under resources/paths/."""

from __future__ import annotations

from pathlib import Path

from careerplanner import paths
from careerplanner.content.loader import load_pack
from careerplanner.content.model import CareerPathPack

BUILTIN_PATH_ID = "ai-ml-architect"


def builtin_pack_file() -> Path:
    return paths.builtin_paths_dir() / f"{BUILTIN_PATH_ID}.yaml"


def load_builtin_pack() -> CareerPathPack:
    return load_pack(builtin_pack_file())
