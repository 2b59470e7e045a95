"""The expected-failure base and the log file."""

from __future__ import annotations

import importlib
import inspect
import logging
import pkgutil
from pathlib import Path

import pytest

import careerplanner
from careerplanner import cli, log
from careerplanner.errors import UserError

# Modules that need a display or pull in the widgets are not needed for this scan: every
# expected failure lives below ui/ (ui may only raise what the layers below define).
_LAYERS = ("careerplanner.content", "careerplanner.store", "careerplanner.services",
           "careerplanner.export", "careerplanner.paths", "careerplanner.instance")  # fmt: skip


def _error_classes() -> list[type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(careerplanner.__path__, "careerplanner."):
        if not info.name.startswith(_LAYERS):
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, Exception)
                and obj.__module__ == module.__name__
                and name.endswith("Error")
            ):
                found[f"{obj.__module__}.{name}"] = obj
    return list(found.values())


def test_every_error_class_is_an_expected_failure_or_marks_a_bug() -> None:
    """An error class is a UserError (its message is for the user) or a RuntimeError (a
    programming error, shown as a bug), never neither nor both."""
    classes = _error_classes()
    names = {c.__name__ for c in classes}
    # The ones the issue names are all found, so the scan itself works.
    assert {"RoadmapError", "PracticeError", "PlanError", "UserDataError", "BackupError",
            "PackError", "PackImportError", "StoreOpenError", "DataDirError",
            "ExportError", "SkillsError"} <= names  # fmt: skip
    odd = [c.__name__ for c in classes if issubclass(c, UserError) == issubclass(c, RuntimeError)]
    assert odd == []


def test_the_validation_errors_stay_value_errors() -> None:
    """Callers that catch ValueError for the services' refusals still do."""
    from careerplanner.content import PackError
    from careerplanner.services.roadmap import RoadmapError

    assert issubclass(RoadmapError, ValueError)
    assert str(PackError("a.yaml", "id", "is missing")) == "a.yaml: id: is missing"


def test_setup_writes_to_the_folder_named_by_the_environment(log_dir: Path) -> None:
    logging.getLogger("careerplanner.test").info("hello from a test")
    file = log.log_file()
    assert file == log_dir / log.LOG_NAME
    assert "INFO careerplanner.test: hello from a test" in file.read_text(encoding="utf-8")


def test_setup_twice_keeps_one_handler(log_dir: Path) -> None:
    log.setup()
    log.setup()
    logging.getLogger("careerplanner").warning("once")
    text = (log_dir / log.LOG_NAME).read_text(encoding="utf-8")
    assert text.count("once") == 1


def test_an_unusable_log_folder_leaves_the_app_without_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(log.LOG_DIR_ENV, str(blocker / "log"))
    try:
        assert log.setup() is None
        assert log.log_file() is None
        logging.getLogger("careerplanner").error("nowhere to go")  # must not raise
        assert "cannot be used" in log.where_text()
    finally:
        monkeypatch.undo()
        log.setup()


def test_the_log_rotates(log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    logger = logging.getLogger("careerplanner.test")
    line = "x" * 1000
    for _ in range(log.MAX_BYTES // 1000 * (log.BACKUP_COUNT + 2)):
        logger.info(line)
    files = sorted(p.name for p in log_dir.iterdir())
    assert files == ["careerplanner.log"] + [
        f"careerplanner.log.{i}" for i in range(1, log.BACKUP_COUNT + 1)
    ]
    assert all(p.stat().st_size <= log.MAX_BYTES + 2000 for p in log_dir.iterdir())


def test_the_default_folder_is_the_per_user_log_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_log_dir

    monkeypatch.delenv(log.LOG_DIR_ENV)
    assert log.log_dir() == Path(user_log_dir(careerplanner.APP_NAME, appauthor=False))


def test_a_command_logs_its_start_and_what_it_did(log_dir: Path, data_dir: Path) -> None:
    assert cli.main(["--data-dir", str(data_dir), "backup"]) == 0
    text = (log_dir / log.LOG_NAME).read_text(encoding="utf-8")
    assert f"started (backup, data folder {data_dir})" in text
    assert "migrating the database to schema 1" in text
    assert "installing built-in path 'ai-ml-architect'" in text
    assert "backup (manual) written" in text
