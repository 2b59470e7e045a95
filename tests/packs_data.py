"""Pack files for the update tests: the mini pack, a second version of it, a file that
claims the built-in path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini-pack.yaml"
V1_BUILTIN = DATA / "ai-ml-architect-v1.yaml"


def mini() -> dict[str, Any]:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def mini_v2() -> dict[str, Any]:
    """Version 2 of the mini pack: drops tutorials t2 and t3, question q1, book book-1 and
    topic a2; adds tutorial t4 and question q2."""
    data = mini()
    data["version"] = 2
    one, two = data["phases"]
    one["tutorials"] = [one["tutorials"][0]]
    two["tutorials"] = [
        {"id": "t4", "title": "Tutorial 4", "skill": "beta", "level": "Beginner", "hours": 1,
         "url": "https://example.org/4"},
    ]  # fmt: skip
    data["questions"] = [
        {"id": "q2", "category": "Design", "text": "Design another thing?",
         "focus_points": ["Part three"]},
    ]  # fmt: skip
    data["reading"] = [{"id": "book-2", "title": "Another Book", "authors": "Someone"}]
    data["skills"][0]["topics"] = [data["skills"][0]["topics"][0]]
    return data


def takeover() -> dict[str, Any]:
    """A file with the built-in path's id and a huge version: it must never replace it."""
    data = mini()
    data["id"] = "ai-ml-architect"
    data["version"] = 999
    data["title"] = "Taken Over"
    return data


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    out = folder / name
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out


def first_edition(data_dir: Path) -> None:
    """A data folder as the previous release left it: version 1 of the built-in path, a
    tutorial that version 2 drops ("ray-tune") marked done."""
    from careerplanner import paths
    from careerplanner.content import load_pack
    from careerplanner.services import packs, roadmap
    from careerplanner.store import models as m
    from careerplanner.store import open_store
    from careerplanner.vocab import TutorialStatus

    paths.ensure_data_dir(data_dir)
    store = open_store(paths.database_path(data_dir))
    try:
        packs.install_pack(store, load_pack(V1_BUILTIN), builtin=True)
        ray_tune = int(m.Tutorial.get(m.Tutorial.key == "ray-tune").id)
        roadmap.set_status(store, ray_tune, TutorialStatus.DONE)
    finally:
        store.close()
