"""The benchmark's large-data generator makes a valid data folder that the app opens."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from careerplanner import paths
from careerplanner.services import catalog, practice, progress, settings, skills
from careerplanner.store import models as m
from careerplanner.store import open_store
from careerplanner.vocab import TutorialStatus

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return _load_generator()


def test_full_scale_counts_are_the_issue_s(generator: ModuleType) -> None:
    counts = generator.Counts.at(1.0)
    assert counts.paths == 10
    assert counts.tutorials_per_path == 300
    assert counts.attempts == 100_000
    assert counts.snapshots == 3_000
    assert counts.days == 5 * 365 + 1


def test_synthetic_pack_passes_the_pack_validator(generator: ModuleType) -> None:
    import random

    from careerplanner.content import parse_pack

    counts = generator.Counts.at(1.0)
    pack = parse_pack(generator.pack_text(0, counts, random.Random(1)).encode())
    assert pack.id == "bench-path-01"
    assert sum(len(p.tutorials) for p in pack.phases) == 300
    assert len(pack.questions) == counts.questions_per_path


def test_small_generated_folder_is_valid(generator: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "large"
    counts = generator.generate(folder, scale=0.02, seed=3)
    store = open_store(paths.database_path(folder))
    try:
        path_id = settings.active_path_id(store)
        info = catalog.path_info(store, path_id)
        assert info.key == "bench-path-01"
        assert info.tutorial_count == counts.tutorials_per_path
        keys = {p.key for p in catalog.list_paths(store)}
        assert {f"bench-path-{i + 1:02d}" for i in range(counts.paths)} <= keys
        assert "ai-ml-architect" in keys  # the built-in path is there too

        assert m.Attempt.select().count() == counts.attempts
        assert len(skills.snapshots(store, path_id)) == counts.snapshots
        history = skills.history(store, path_id)
        assert history and all(len(h.points) == counts.snapshots for h in history)

        # Every question of the selected path has a real FSRS card and a due date.
        bank = practice.question_bank(store, path_id)
        assert len(bank) == counts.questions_per_path
        for row in bank:
            q = m.Question.get_by_id(row.id)
            assert q.card and q.due is not None and q.last_rating in (2, 3, 4)
            assert 0 < practice.retrievability(q.card) <= 1

        # Statuses are valid, dates are ordered and within the generated years.
        earliest = date.today() - timedelta(days=counts.days)
        for t in m.Tutorial.select().where(m.Tutorial.path == path_id):
            assert t.status in TutorialStatus.values()
            if t.status == TutorialStatus.DONE:
                assert earliest <= t.started_on <= t.finished_on <= date.today()
        done = progress.path_progress(store, path_id).overall.done
        assert 0 < done < counts.tutorials_per_path

        for shot in m.Snapshot.select().limit(20):
            levels = json.loads(shot.levels)
            assert levels and all(0 <= v <= 4 for v in levels.values())
    finally:
        store.close()


def test_generator_refuses_a_folder_with_data(generator: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "large"
    generator.generate(folder, scale=0.01, seed=1)
    with pytest.raises(FileExistsError):
        generator.generate(folder, scale=0.01, seed=1)


def test_app_opens_the_generated_folder(generator: ModuleType, tmp_path: Path, qtbot) -> None:
    from careerplanner.ui import create_main_window

    folder = tmp_path / "large"
    counts = generator.generate(folder, scale=0.02, seed=5)
    window = create_main_window(folder)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "Benchmark Path 1" in window.windowTitle()
    roadmap = window.show_tab("roadmap")
    shown = sum(len(p.tutorials) for p in roadmap.model.phases())
    assert shown == counts.tutorials_per_path
    assert f"of {counts.tutorials_per_path} tutorials" in roadmap.count_label.text()
