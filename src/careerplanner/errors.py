"""The base of every expected failure: ``UserError``.

An expected failure is something a careful program still meets: a file that is not a
valid pack or export, a full disk, a read-only or locked folder, a setting out of range.
Its ``str()`` is a complete message for the user, so the window shows it as a plain
message and the command line prints it on one line. Anything else that escapes is a bug:
it is logged with its traceback and shown as one (``careerplanner.ui.errors``,
``careerplanner.cli``). An error class that marks a programming error (a store used after
it was closed) derives from ``RuntimeError`` instead.

This module sits below every layer (no Qt, no Peewee), so that ``content``, ``store``,
``services`` and ``export`` can all derive their errors from it.
"""

from __future__ import annotations

import errno


class UserError(Exception):
    """An expected failure whose ``str()`` is a complete message for the user."""


def os_error_text(exc: OSError) -> str:
    """Why a file operation failed, in a few plain words ("the disk is full")."""
    number = exc.errno
    if number == errno.ENOSPC:
        return "the disk is full"
    if number == errno.EROFS:
        return "the folder or disk is read-only"
    if number in (errno.EACCES, errno.EPERM):
        return "permission was denied"
    if number == errno.EIO:
        return "the disk reported an input/output error"
    if number == errno.EFBIG:
        return "a file size limit was reached (as on a full disk)"
    if number == getattr(errno, "EDQUOT", None):
        return "the disk quota is used up"
    if exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__
