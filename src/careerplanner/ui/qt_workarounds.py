"""Work-arounds for defects of the Qt bindings, each detected before it is applied.

PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit()`` without taking a
reference to it, so every signal emitted from Python (ours and pyqtgraph's, which emits
several per redraw) takes one reference away from ``True``. On CPython before 3.12,
where ``True`` is an ordinary reference-counted object, the count reaches zero after
some thousands of emits and the interpreter aborts with "Fatal Python error:
bool_dealloc" (in a long session, or at exit). PySide6 6.11 does not have the defect;
CPython 3.12+ makes ``True`` immortal, so the probe below finds nothing there.
"""

from __future__ import annotations

import ctypes
import sys

_applied = False

#: References added to True and False: far more than any session emits signals.
_RESERVE = 1 << 40


def _emit_steals_true() -> bool:
    """Whether emitting a signal from Python loses a reference to ``True``."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        fired = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    return sys.getrefcount(True) < before


def protect_bools_from_emit_refcount_bug() -> bool:
    """Give True and False a large reserve of references when the defect is present.

    Returns whether the work-around is in place. Safe to call more than once.
    """
    global _applied
    if _applied:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not _emit_steals_true():
        return False
    for obj in (True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _RESERVE
    _applied = True
    return True
