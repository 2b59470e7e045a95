"""Another process writing: a real child process that holds the database's write lock."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from careerplanner import paths

#: What the command line says when a write found the data busy.
BUSY_LINE = (
    "careerplanner: The data is busy: another Career Planner command is writing. Try again "
    "in a moment. Nothing was changed."
)

HOLDER = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE tutorial SET notes = 'written by the other process'")
print("holding", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
conn.close()
"""


@contextmanager
def another_process_writing(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """A second process holding the write lock of ``data_dir``'s database (in the middle
    of a change it rolls back) for the ``with`` block."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(paths.database_path(data_dir))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "holding"
        yield child
    finally:
        assert child.stdin is not None
        child.stdin.write("\n")
        child.stdin.close()
        child.wait(timeout=30)
