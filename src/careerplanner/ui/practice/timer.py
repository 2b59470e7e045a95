"""A countdown driven by an injectable clock, so tests advance time without sleeping."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

Clock = Callable[[], float]


def format_seconds(seconds: float) -> str:
    """'12:05', or '1:02:03' from an hour on; negative values get a leading minus; a
    stored value that is not a finite number is shown as a dash."""
    if not math.isfinite(seconds):
        return "—"
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds) + (0.999 if seconds > 0 else 0))  # count down in whole seconds
    h, rest = divmod(total, 3600)
    mins, secs = divmod(rest, 60)
    return f"{sign}{h}:{mins:02d}:{secs:02d}" if h else f"{sign}{mins}:{secs:02d}"


class Countdown(QObject):
    """Start, pause, reset; remaining time from ``clock`` (monotonic seconds).

    A QTimer polls the clock four times a second while running, so the display stays
    current whether or not the tab is visible. ``expired`` is emitted once when the
    time runs out; the countdown keeps running into overtime (negative remaining).
    """

    ticked = Signal(float)
    expired = Signal()
    state_changed = Signal()

    def __init__(self, clock: Clock | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock: Clock = clock or time.monotonic
        self._length = 600.0
        self._elapsed_before = 0.0  # elapsed while running, before the current run
        self._started_at: float | None = None
        self._expired = False
        self._poll = QTimer(self)
        self._poll.setInterval(250)
        self._poll.timeout.connect(self.poll)

    # -- state -----------------------------------------------------------------------
    @property
    def length(self) -> float:
        return self._length

    @property
    def running(self) -> bool:
        return self._started_at is not None

    @property
    def is_expired(self) -> bool:
        return self._expired

    def elapsed(self) -> float:
        """Seconds the countdown has run (overtime included)."""
        extra = self.clock() - self._started_at if self._started_at is not None else 0.0
        return self._elapsed_before + max(0.0, extra)

    def remaining(self) -> float:
        return self._length - self.elapsed()

    # -- control ---------------------------------------------------------------------
    def set_length(self, seconds: float) -> None:
        self._length = max(1.0, float(seconds))
        self._expired = self.remaining() <= 0
        self.poll()
        self.state_changed.emit()

    def start(self) -> None:
        if self._started_at is None:
            self._started_at = self.clock()
            self._poll.start()
            self.state_changed.emit()
            self.poll()

    def pause(self) -> None:
        if self._started_at is not None:
            self._elapsed_before = self.elapsed()
            self._started_at = None
            self._poll.stop()
            self.state_changed.emit()
            self.poll()

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        self._poll.stop()
        self._started_at = None
        self._elapsed_before = 0.0
        self._expired = False
        self.state_changed.emit()
        self.poll()

    def poll(self) -> None:
        """Read the clock; emit ``ticked`` and, the first time it runs out, ``expired``."""
        left = self.remaining()
        self.ticked.emit(left)
        if left <= 0 and not self._expired:
            self._expired = True
            self.expired.emit()
