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


class UserError(Exception):
    """An expected failure whose ``str()`` is a complete message for the user."""
