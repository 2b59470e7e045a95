"""The built-in path's own upgrade, shipped with the app: the data is backed up first, and
what is new is kept to be told once. A built-in path that a file took over (before files
were refused that) gets the shipped content back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from careerplanner import paths
from careerplanner.content import parse_pack
from careerplanner.services import catalog, pack_changes, packs, roadmap
from careerplanner.services.pack_changes import Item
from careerplanner.services.startup import open_data_dir
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus
from packs_data import first_edition, takeover

RAY_TUNE = "Ray Tune: Distributed Hyperparameter Tuning"


def _tid(key: str) -> int:
    return int(m.Tutorial.get(m.Tutorial.key == key).id)


def test_the_upgrade_backs_up_first_and_keeps_what_is_new(data_dir: Path) -> None:
    first_edition(data_dir)
    store = open_data_dir(data_dir)  # the first start of this version
    try:
        (made,) = paths.backup_dir(data_dir).glob("*.sqlite3")
        assert made.name.endswith("-upgrade.sqlite3")
        conn = sqlite3.connect(f"{made.as_uri()}?mode=ro", uri=True)
        assert conn.execute("SELECT pack_version FROM career_path").fetchall() == [(1,)]
        assert conn.execute("SELECT status FROM tutorial WHERE key = 'ray-tune'").fetchone() == (
            "done",
        )
        conn.close()
        news = pack_changes.news(store)
        assert news is not None and not news.shown
        ch = news.changes
        assert (ch.title, ch.old_version, ch.new_version) == ("AI/ML Architect", 1, 2)
        assert Item("tutorial", "LLM Inference Handbook (BentoML)") in ch.added
        assert Item("tutorial", RAY_TUNE) in ch.retired
        assert "updated to version 2" in pack_changes.news_summary(ch)
        pack_changes.mark_news_shown(store)
    finally:
        store.close()
    store = open_data_dir(data_dir)  # the next start: nothing to update, nothing to tell
    try:
        assert len(list(paths.backup_dir(data_dir).glob("*.sqlite3"))) == 1
        news = pack_changes.news(store)
        assert news is not None and news.shown
    finally:
        store.close()


def test_a_taken_over_built_in_path_gets_the_shipped_content_back(data_dir: Path) -> None:
    store = open_data_dir(data_dir)
    try:
        builtin = packs.ensure_builtin_pack(store).path_id
        roadmap.set_status(store, _tid("ml-crash-course"), TutorialStatus.DONE)
        # What importing such a file did before it was refused: the path became the file's.
        import yaml

        packs.install_pack(store, parse_pack(yaml.safe_dump(takeover()).encode(), "x.yaml"))
        assert m.CareerPath.get_by_id(builtin).pack_version == 999
        roadmap.set_status(store, _tid("t1"), TutorialStatus.IN_PROGRESS)
    finally:
        store.close()
    store = open_data_dir(data_dir)
    try:
        path = m.CareerPath.get_by_id(builtin)
        assert (path.title, path.pack_version, path.builtin) == ("AI/ML Architect", 2, True)
        info = catalog.path_info(store, builtin)
        assert info.tutorial_count == 32
        crash = m.Tutorial.get(m.Tutorial.key == "ml-crash-course")
        assert crash.status == TutorialStatus.DONE and not crash.retired
        t1 = m.Tutorial.get(m.Tutorial.key == "t1")  # the file's, with the learner's work
        assert t1.retired and t1.status == TutorialStatus.IN_PROGRESS
        assert any(
            p.name.endswith("-upgrade.sqlite3") for p in paths.backup_dir(data_dir).iterdir()
        )
    finally:
        store.close()
