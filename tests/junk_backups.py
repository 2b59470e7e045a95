"""Files named like backups that are not usable ones, as a careless user or another
program leaves them in the backup folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def make_junk(kind: str, good: Path, target: Path) -> None:
    """A file named like a backup that is not a usable one."""
    if kind == "empty":
        target.write_bytes(b"")
    elif kind == "text":
        target.write_text("these are my notes, not a database\n" * 50)
    elif kind == "foreign":
        conn = sqlite3.connect(target)
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO photos (name) VALUES ('beach')")
        conn.commit()
        conn.close()
    elif kind == "damaged":
        conn = sqlite3.connect(good)
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'tutorial'")
        page_no = root.fetchone()[0]
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.close()
        data = bytearray(good.read_bytes())
        for offset in range((page_no - 1) * page, (page_no - 1) * page + 12):
            data[offset] ^= 0x5A
        target.write_bytes(bytes(data))
    elif kind == "truncated":
        target.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    else:
        raise ValueError(kind)


JUNK = ("empty", "text", "foreign", "damaged", "truncated")
