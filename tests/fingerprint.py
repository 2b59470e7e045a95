"""A content fingerprint of a data folder, to show that a refused operation changed nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from careerplanner import paths

Fingerprint = tuple[list[str], dict[str, str]]


def data_fingerprint(data_dir: Path) -> Fingerprint:
    """Every row of the database (as SQL, read through any -wal), and every other file in
    the data folder by name and content hash. Two equal fingerprints mean nothing was
    changed or added. The -wal and -shm files themselves are left out: SQLite rewrites them
    as it reads."""
    conn = sqlite3.connect(f"{paths.database_path(data_dir).as_uri()}?mode=ro", uri=True)
    try:
        rows = list(conn.iterdump())
    finally:
        conn.close()
    files = {
        str(f.relative_to(data_dir)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(data_dir.rglob("*"))
        if f.is_file() and not f.name.startswith(paths.DATABASE_NAME + "-")
    }
    files.pop(paths.DATABASE_NAME, None)  # compared by its rows above
    return rows, files
