"""``careerplanner import-path`` as a user runs it: a file never takes over the built-in
path; an update says what it does, needs --yes to retire items the learner worked on,
and backs the data up first; an interrupted update is completed by importing again; an
exported path with own tutorials imports again."""

from __future__ import annotations

from pathlib import Path

import peewee
import pytest

from careerplanner import paths
from careerplanner.cli import main
from careerplanner.services import catalog, pack_files, packs, roadmap
from careerplanner.services.startup import open_data_dir
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus
from fingerprint import data_fingerprint
from packs_data import MINI, mini_v2, takeover, write


def _run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _mark_t2_done(data_dir: Path) -> None:
    store = open_data_dir(data_dir)
    try:
        roadmap.set_status(store, int(m.Tutorial.get(m.Tutorial.key == "t2").id),
                           TutorialStatus.DONE)  # fmt: skip
    finally:
        store.close()


def _backups(data_dir: Path) -> list[str]:
    return sorted(p.name for p in paths.backup_dir(data_dir).glob("*.sqlite3"))


def test_a_file_never_takes_over_the_built_in_path(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, data_dir, "backup")[0] == 0
    before = data_fingerprint(data_dir)
    file = write(tmp_path, "takeover.yaml", takeover())
    code, out, err = _run(capsys, data_dir, "import-path", "--yes", str(file))
    assert code == 1 and out == ""
    assert err.startswith(f"careerplanner: {file}: this file has the id “ai-ml-architect” of the "
                          "built-in career path “AI/ML Architect”. A file never replaces or "
                          "updates the built-in path")  # fmt: skip
    assert "give it another id" in err
    assert data_fingerprint(data_dir) == before


def test_an_update_that_retires_your_work_lists_it_and_needs_yes(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, data_dir, "import-path", str(MINI))[0] == 0
    _mark_t2_done(data_dir)
    v2 = write(tmp_path, "mini-v2.yaml", mini_v2())
    before = data_fingerprint(data_dir)
    code, out, err = _run(capsys, data_dir, "import-path", str(v2))
    assert code == 1
    assert out.splitlines()[0] == "mini-v2.yaml updates “Mini Path” from version 1 to version 2."
    assert "  tutorial: Tutorial 2" in out.splitlines()
    assert "Retired, and kept because you worked on them (1 tutorial)" in out
    assert "Removed, with none of your work in them: 1 topic, 1 tutorial, 1 interview " in out
    assert "--yes" in err and err.startswith("careerplanner: Nothing was changed")
    assert data_fingerprint(data_dir) == before  # not even a backup

    backups = _backups(data_dir)
    code, out, err = _run(capsys, data_dir, "import-path", "--yes", str(v2))
    assert code == 0, err
    (made,) = set(_backups(data_dir)) - set(backups)
    assert made.endswith("-import.sqlite3") and f"kept in {paths.backup_dir(data_dir)}" in out
    assert "Updated “Mini Path”" in out
    store = open_data_dir(data_dir)
    try:
        t2 = m.Tutorial.get(m.Tutorial.key == "t2")
        assert t2.retired and t2.status == TutorialStatus.DONE
        assert m.CareerPath.get(m.CareerPath.key == "mini-path").pack_version == 2
    finally:
        store.close()


def test_an_update_that_retires_nothing_needs_no_yes_and_backs_up_first(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, data_dir, "import-path", str(MINI))[0] == 0
    assert _backups(data_dir)[0].endswith("-import.sqlite3")  # a new path: backed up too
    v2 = write(tmp_path, "mini-v2.yaml", mini_v2())
    code, out, _ = _run(capsys, data_dir, "import-path", str(v2))
    assert code == 0
    assert "Retired" not in out and "New: 1 tutorial, 1 interview question, 1 book." in out
    assert len(_backups(data_dir)) == 2


def test_an_interrupted_update_is_completed_by_importing_again(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    assert _run(capsys, data_dir, "import-path", str(MINI))[0] == 0
    v2 = write(tmp_path, "mini-v2.yaml", mini_v2())

    def busy(path: m.CareerPath, pack: object) -> None:
        raise peewee.OperationalError("database is locked")

    steps = packs._STEPS
    monkeypatch.setattr(packs, "_STEPS", tuple(busy if s is packs._sync_questions else s
                                               for s in steps))  # fmt: skip
    code, _, err = _run(capsys, data_dir, "import-path", str(v2))
    assert code == 1
    assert err == (
        "careerplanner: Updating the career path “Mini Path” stopped part-way: the data is "
        "busy: another Career Planner command is writing (try again in a moment). Part of the "
        "new version is in place and nothing of your work was lost; import the same file "
        "again to complete it.\n"
    )
    monkeypatch.setattr(packs, "_STEPS", steps)
    code, out, _ = _run(capsys, data_dir, "import-path", str(v2))
    assert code == 0 and "Updated “Mini Path”" in out

    clean = tmp_path / "clean"
    for file in (MINI, v2):
        assert _run(capsys, clean, "import-path", str(file))[0] == 0
    exports = []
    for folder in (data_dir, clean):
        store = open_data_dir(folder)
        path_id = int(m.CareerPath.get(m.CareerPath.key == "mini-path").id)
        exports.append(pack_files.export_pack(store, path_id))
        store.close()
    assert exports[0] == exports[1]


def _rows_but_the_backup_counter(data_dir: Path) -> list[str]:
    """The rows of the data; the backup counter (raised by the backup taken first, the
    app's own bookkeeping) left out."""
    return [r for r in data_fingerprint(data_dir)[0] if "'backup.sequence'" not in r]


def test_a_new_path_interrupted_leaves_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run(capsys, data_dir, "backup")[0] == 0
    rows = _rows_but_the_backup_counter(data_dir)

    def busy(path: m.CareerPath, pack: object) -> None:
        raise peewee.OperationalError("database is locked")

    monkeypatch.setattr(packs, "_STEPS", (*packs._STEPS[:3], busy))
    code, _, err = _run(capsys, data_dir, "import-path", str(MINI))
    assert code == 1
    assert err == (
        "careerplanner: The data is busy: another Career Planner command is writing. Try "
        "again in a moment. Nothing was changed.\n"
    )
    assert _rows_but_the_backup_counter(data_dir) == rows


def test_an_exported_path_with_own_tutorials_imports_again(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, data_dir, "import-path", str(MINI))[0] == 0
    store = open_data_dir(data_dir)
    try:
        path_id = int(m.CareerPath.get(m.CareerPath.key == "mini-path").id)
        phase = m.Phase.get(m.Phase.key == "one")
        roadmap.add_tutorial(store, path_id, roadmap.TutorialDraft(
            phase.id, "Own one", None, 1, 2.0, "https://example.org/own"))  # fmt: skip
        skill = m.Skill.get(m.Skill.key == "beta")
        roadmap.add_tutorial(store, path_id, roadmap.TutorialDraft(
            phase.id, "Own two", skill.id, 1, 2.0, "https://example.org/own2"))  # fmt: skip
        exported = tmp_path / "exported.yaml"
        exported.write_text(pack_files.export_pack(store, path_id), encoding="utf-8")
        builtin = tmp_path / "builtin.yaml"
        builtin_id = packs.ensure_builtin_pack(store).path_id
        builtin.write_text(pack_files.export_pack(store, builtin_id), encoding="utf-8")
    finally:
        store.close()
    code, out, err = _run(capsys, data_dir, "import-path", str(exported))
    assert code == 0, err
    assert "The same items as before, with updated texts." in out
    assert "Updated “Mini Path”: 2 phases" in out
    store = open_data_dir(data_dir)
    try:
        info = catalog.path_info(store, path_id)
        assert info.tutorial_count == 5
        assert m.Tutorial.select().where(m.Tutorial.custom).count() == 2
        assert pack_files.export_pack(store, path_id) == exported.read_text(encoding="utf-8")
    finally:
        store.close()
    # The built-in path's export is a start for a path of one's own: it needs its own id.
    code, _, err = _run(capsys, data_dir, "import-path", str(builtin))
    assert code == 1 and "give it another id" in err


def test_no_import_without_a_backup(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_data_dir(data_dir).close()
    paths.backup_dir(data_dir).write_text("a file where the backup folder should be")
    before = data_fingerprint(data_dir)
    code, out, err = _run(capsys, data_dir, "import-path", str(MINI))
    assert code == 1 and out == ""
    assert err.startswith(f"careerplanner: The backup folder {paths.backup_dir(data_dir)} "
                          "cannot be created")  # fmt: skip
    assert err.endswith("A backup is written before a career path is imported; nothing was "
                        "changed.\n")  # fmt: skip
    assert data_fingerprint(data_dir) == before
