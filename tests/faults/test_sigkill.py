"""A process writing in a loop is killed with SIGKILL at random moments: afterwards the
database passes integrity_check and every committed change is there."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from careerplanner.store import backup as files
from careerplanner.store import open_store

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]

ROUNDS = 50

WRITER = r"""
import sys
from pathlib import Path
from careerplanner.store import open_store
from careerplanner.store import models as m
from careerplanner.store.backup import write_backup

path, backups, start = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
store = open_store(path)
n = start
while True:
    n += 1
    with store.db.atomic():
        # Several rows per transaction: all of them or none must survive a kill.
        m.Setting.insert(key=f"counter", value=str(n)).on_conflict_replace().execute()
        m.Setting.insert(key=f"row-{n}-a", value="x" * 300).execute()
        m.Setting.insert(key=f"row-{n}-b", value="y" * 300).execute()
    print(n, flush=True)
    if n % 7 == 0:
        write_backup(store.db.connection(), backups, "auto")
"""


def _committed(path: Path) -> tuple[int, set[str]]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = {k for (k,) in conn.execute("SELECT key FROM setting")}
        counter = conn.execute("SELECT value FROM setting WHERE key = 'counter'").fetchone()
        return (int(counter[0]) if counter else 0), rows
    finally:
        conn.close()


def test_sigkill_while_writing_never_loses_a_commit(tmp_path: Path) -> None:
    rng = random.Random(int.from_bytes(os.urandom(4), "little"))
    path = tmp_path / "careerplanner.sqlite3"
    backups = tmp_path / "backups"
    open_store(path).close()
    last = 0
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for _round in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(backups), str(last)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        wanted = rng.randint(1, 25)
        seen = last
        for _ in range(wanted):
            line = child.stdout.readline()
            if not line:
                break
            seen = int(line)
        child.send_signal(signal.SIGKILL)  # at a random point of the next transaction
        child.wait()
        assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""
        counter, rows = _committed(path)
        # Everything reported as committed is there, all rows of each transaction.
        assert counter >= seen
        for n in range(1, counter + 1):
            assert {f"row-{n}-a", f"row-{n}-b"} <= rows, n
        assert not any(k.startswith(f"row-{counter + 1}-") for k in rows)
        last = counter
        # The app opens it cleanly (quick_check on open), and no backup is half-written.
        open_store(path).close()
        for backup in files.list_files(backups):
            assert files.check_file(backup.path).ok, backup.path
    assert last >= ROUNDS
