"""Career-path packs as files: import, export round trip, remove, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerplanner.content import PackError
from careerplanner.services import catalog, pack_files, packs, roadmap
from careerplanner.store import Store
from careerplanner.store import models as m

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "mlops-engineer.yaml"


def _snapshot(store: Store) -> list[tuple[object, ...]]:
    return [
        *m.CareerPath.select(m.CareerPath.key, m.CareerPath.pack_version).tuples(),
        *m.Tutorial.select(m.Tutorial.key, m.Tutorial.title).tuples(),
    ]


def test_example_pack_imports(store: Store) -> None:
    packs.ensure_builtin_pack(store)
    result = pack_files.import_pack_file(store, EXAMPLE)
    assert result.created
    info = catalog.path_info(store, result.path_id)
    assert (info.title, info.phase_count, info.tutorial_count, info.track_count) == (
        "MLOps Engineer",
        2,
        4,
        3,
    )
    assert [p.title for p in catalog.list_paths(store)] == ["AI/ML Architect", "MLOps Engineer"]
    with pytest.raises(pack_files.PackImportError, match="already installed"):
        pack_files.import_pack_file(store, EXAMPLE)


def test_bad_packs_change_nothing(store: Store, tmp_path: Path) -> None:
    packs.ensure_builtin_pack(store)
    before = _snapshot(store)
    bad = tmp_path / "bad.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    cases = {
        "hours": text.replace("hours: 4\n", "hours: four\n", 1),
        "alias": text + "\nextra: &x [1]\nmore: *x\n",
        "binary": "\x00\x01\x02",
    }
    for name, content in cases.items():
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(PackError) as info:
            pack_files.import_pack_file(store, bad)
        assert str(bad) in str(info.value), name
    assert _snapshot(store) == before


def test_export_then_import_gives_the_same_pack(store: Store, tmp_path: Path) -> None:
    path_id = packs.ensure_builtin_pack(store).path_id
    phase = m.Phase.select().first()
    skill = m.Skill.select().first()
    roadmap.add_tutorial(
        store,
        path_id,
        roadmap.TutorialDraft(
            phase.id, "My own <b>course</b>", skill.id, 2, 3.5, "https://example.org/own", "Mine."
        ),
    )
    exported = pack_files.export_pack(store, path_id)
    assert "My own <b>course</b>" in exported
    out = tmp_path / "exported.yaml"
    out.write_text(exported, encoding="utf-8")

    from careerplanner.store import open_store

    store.close()  # one store is open at a time
    fresh = open_store(tmp_path / "fresh.sqlite3")
    result = pack_files.import_pack_file(fresh, out)
    assert catalog.path_info(fresh, result.path_id).tutorial_count == 33
    assert pack_files.export_pack(fresh, result.path_id) == exported
    fresh.close()


def test_remove_imported_path_but_never_the_built_in(store: Store) -> None:
    builtin = packs.ensure_builtin_pack(store).path_id
    imported = pack_files.import_pack_file(store, EXAMPLE).path_id
    with pytest.raises(pack_files.PackImportError, match="cannot be removed"):
        pack_files.remove_path(store, builtin)
    assert pack_files.remove_path(store, imported) == "MLOps Engineer"
    assert [p.key for p in catalog.list_paths(store)] == ["ai-ml-architect"]
    assert not m.Tutorial.select().where(m.Tutorial.path == imported).exists()
