"""One app instance per data folder.

The first start takes a ``QLockFile`` in the data folder and listens on a local socket
whose name is derived from the folder. A second start finds the lock taken, sends
"show" over the socket (the running window comes to the front) and exits.

``QLockFile`` writes the owner's process id into the file; when that process no longer
runs (it crashed, or was killed), the lock counts as stale and the next start removes it,
so a crash never blocks the app. The lock has no age limit (``setStaleLockTime(0)``): a
window left open for days keeps its lock.

Headless commands that replace data (``restore``, ``import-json``) take the same lock for
their duration, so they never change the database under a running window.
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from careerplanner import paths

MESSAGE = b"show\n"


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
        """Take the lock (removing a stale one) and listen; False when another runs."""
        if not self._lock.tryLock(0):
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
    if lock.tryLock(0):
        lock.unlock()
        return False
    return True


@contextmanager
def exclusive(data_dir: Path) -> Iterator[bool]:
    """Hold the folder's lock for a headless command; yields False when the app runs."""
    lock = _lock_file(data_dir)
    taken = lock.tryLock(0)
    try:
        yield taken
    finally:
        if taken:
            lock.unlock()
