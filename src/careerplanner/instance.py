"""One app instance per data folder.

The first start takes a ``QLockFile`` in the data folder and listens on a local socket
whose name is derived from the folder. A second start finds the lock taken, sends
"show" over the socket (the running window comes to the front) and exits.

``QLockFile`` writes the owner's process id into the file; when that process no longer
runs (it crashed, or was killed), the lock counts as stale and the next start removes it,
so a crash never blocks the app. The lock has no age limit (``setStaleLockTime(0)``): a
window left open for days keeps its lock. A lock file whose owner cannot be read (empty or
garbled: a crash while it was being written, a full disk) is stale too, unless a live
process holds it: ``removeStaleLockFile`` takes the owner's own file lock (``flock``) first,
and fails while the owner lives.

A lock file that cannot be created (a full disk, a folder that is not writable) is not
"another instance": ``LockFileError`` says what is wrong instead.

The lock lasts the window's whole life, so only the headless commands that replace the
whole database (``restore``, ``import-json``) take it (``exclusive``) and refuse while the
window runs. Every other command reads and writes beside the window: SQLite's own locking
(short transactions, a busy timeout) keeps them apart.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import logging
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from careerplanner import paths
from careerplanner.errors import UserError, os_error_text

MESSAGE = b"show\n"

_log = logging.getLogger(__name__)


class LockFileError(UserError):
    """The instance lock file cannot be created or read (not: another instance runs)."""


def server_name(data_dir: Path) -> str:
    """A socket name unique to the user and the data folder."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment
        user = "user"
    digest = hashlib.sha256(f"{user}\0{data_dir.resolve()}".encode()).hexdigest()[:20]
    return f"careerplanner-{digest}"


def _lock_file(data_dir: Path) -> QLockFile:
    lock = QLockFile(str(paths.lock_path(data_dir)))
    lock.setStaleLockTime(0)  # only a dead owner makes the lock stale, never its age
    return lock


def _why_not_writable(folder: Path) -> str:
    """Why a small file cannot be written in ``folder``, found by trying it."""
    probe = folder / f".careerplanner-probe-{uuid.uuid4().hex}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, b"careerplanner lock probe\n")
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        return os_error_text(exc)
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    return "the disk may be full or the folder not writable"


def _take(lock: QLockFile, data_dir: Path) -> bool:
    """Take ``lock``: True when taken, False while a live process holds it. A lock whose
    owner cannot be read is removed when no live process holds it. Raises LockFileError
    when the file cannot be created."""
    if lock.tryLock(0):
        return True
    error = lock.error()
    if error == QLockFile.LockError.LockFailedError:
        pid = lock.getLockInfo()[0]
        if pid > 0:
            return False  # a readable owner that runs (Qt removed it otherwise)
        # Empty or garbled: left by a crash or a full disk. Removing takes the owner's own
        # file lock first, so it fails while a live owner is still writing it.
        if lock.removeStaleLockFile():
            _log.warning("removed an unreadable lock file %s", paths.lock_path(data_dir))
            if lock.tryLock(0):
                return True
            error = lock.error()
            if error == QLockFile.LockError.LockFailedError:
                return False
        else:
            return False
    where = paths.lock_path(data_dir)
    raise LockFileError(
        f"Career Planner cannot create its lock file {where}: "
        f"{_why_not_writable(data_dir)}. Nothing was changed."
    )


class SingleInstance(QObject):
    """The running instance's side: holds the lock, and is told when another start
    asked to show the window (``activated``)."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.name = server_name(data_dir)
        self._lock = _lock_file(data_dir)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """Take the lock (removing a stale one) and listen; False when another runs.
        Raises LockFileError when the lock file cannot be created (a full disk)."""
        if not _take(self._lock, self.data_dir):
            return False
        QLocalServer.removeServer(self.name)  # a socket left behind by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_connection)
        server.listen(self.name)
        self._server = server
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_ready(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_ready(socket)

    def _on_ready(self, socket: QLocalSocket) -> None:
        if MESSAGE.strip() in bytes(socket.readAll().data()):
            self.activated.emit()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()


def notify_running(data_dir: Path, timeout_ms: int = 3000) -> bool:
    """Ask the instance running over ``data_dir`` to show its window; True if delivered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(MESSAGE)
    socket.flush()
    delivered = socket.waitForBytesWritten(timeout_ms) or socket.bytesToWrite() == 0
    socket.disconnectFromServer()
    return bool(delivered)


def is_running(data_dir: Path) -> bool:
    """True while a live process holds the lock of ``data_dir``."""
    lock = _lock_file(data_dir)
    if _take(lock, data_dir):
        lock.unlock()
        return False
    return True


@contextmanager
def exclusive(data_dir: Path) -> Iterator[bool]:
    """Hold the folder's lock for a headless command; yields False when the app runs.
    Raises LockFileError when the lock file cannot be created (a full disk)."""
    lock = _lock_file(data_dir)
    taken = _take(lock, data_dir)
    try:
        yield taken
    finally:
        if taken:
            lock.unlock()
