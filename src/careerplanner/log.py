"""The app's log: one rotating file in the per-user log folder, for the window and the CLI.

``setup()`` is called once at start (``careerplanner.cli.main``); every module then logs
through ``logging.getLogger(__name__)``, under the ``careerplanner`` logger. The file is
``careerplanner.log`` in ``log_dir()``: platformdirs' per-user log folder
(``~/.local/state/CareerPlanner/log`` on Linux, ``~/Library/Logs/CareerPlanner`` on macOS,
``%LOCALAPPDATA%\\CareerPlanner\\Logs`` on Windows), or the folder named by
``CAREERPLANNER_LOG_DIR`` (the tests point it at a temporary folder). The log is not kept
in the data folder: it is about the program, not the user's data, and ``--data-dir``
folders come and go.

Logging never stops the app: a log folder that cannot be created or written leaves the
app without a log file (``log_file()`` is then None), and a failed write is dropped.
It holds no user content beyond file names and counts.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from careerplanner import APP_NAME, __version__

LOG_DIR_ENV = "CAREERPLANNER_LOG_DIR"
LOG_NAME = "careerplanner.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

ROOT = "careerplanner"


class _QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file whose write failures (full disk, a rotation racing another
    process) are dropped instead of printed over the user's terminal."""

    def handleError(self, record: logging.LogRecord) -> None:
        return


_handler: _QuietRotatingFileHandler | None = None


def log_dir() -> Path:
    """The folder the log file is written to (it may not exist yet)."""
    env = os.environ.get(LOG_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


def log_file() -> Path | None:
    """The file being written, or None when ``setup()`` found no usable log folder
    (or was not called)."""
    return Path(_handler.baseFilename) if _handler is not None else None


def setup(level: int = logging.INFO) -> Path | None:
    """Log the ``careerplanner`` loggers to the rotating file in ``log_dir()``.

    Safe to call more than once: the handler is installed once per folder (a second call
    with ``CAREERPLANNER_LOG_DIR`` pointing elsewhere moves the log there). Returns the
    log file, or None when the folder cannot be used (the app runs on without a log).
    """
    global _handler
    logger = logging.getLogger(ROOT)
    logger.setLevel(level)
    folder = log_dir()
    target = folder / LOG_NAME
    if _handler is not None and _handler.baseFilename == os.path.abspath(target):
        return log_file()
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = _QuietRotatingFileHandler(
            target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except (OSError, ValueError):
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    _handler = handler
    return log_file()


def ensure_setup() -> Path | None:
    """``setup()`` unless a log file is already being written; the log file."""
    return log_file() or setup()


def log_start(what: str) -> None:
    """The first line of a run: version, Python, platform and what was asked."""
    logging.getLogger(ROOT).info(
        "%s %s started (%s); Python %s on %s",
        APP_NAME,
        __version__,
        what,
        sys.version.split()[0],
        sys.platform,
    )


def where_text() -> str:
    """Where the details are, for a message: the log file, or why there is none."""
    file = log_file()
    if file is not None:
        return f"The details are in the log file {file}."
    return f"No log could be written (the log folder {log_dir()} cannot be used)."
