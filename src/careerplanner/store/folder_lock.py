"""An exclusive lock on the backup folder, between processes.

Writing a backup (choosing its name and number, copying, renaming) and pruning old ones
run under this lock, so two processes backing up the same data folder at once queue
instead of picking the same name or removing each other's unfinished files. Whoever holds
the lock knows that no other backup is being written, so any ``.partial`` file left in
the folder is a leftover of an interrupted one.

The lock is an advisory lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on a
small file in the folder that is never deleted. The operating system releases it when the
process ends, however it ends, so a crash never leaves the folder locked.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".careerplanner-backups.lock"


class FolderBusy(Exception):
    """Another process held the lock for longer than the timeout."""


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def folder_lock(folder: Path, timeout: float = 60.0) -> Iterator[None]:
    """Hold the folder's lock for the ``with`` block; wait up to ``timeout`` seconds.

    Raises OSError when the lock file cannot be opened or created, FolderBusy on timeout.
    """
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise FolderBusy(str(folder))
            time.sleep(0.05)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
