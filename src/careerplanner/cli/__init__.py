"""Command line: start the window, or run a headless command.

careerplanner [--data-dir DIR]                  open the app
careerplanner --version
careerplanner [--data-dir DIR] --self-test      check that everything starts
careerplanner [--data-dir DIR] --exit-when-shown
careerplanner [--data-dir DIR] backup | restore FILE | check
careerplanner [--data-dir DIR] export-json OUT.json | import-json [--with-settings] IN.json
careerplanner [--data-dir DIR] export-pdf OUT.pdf | export-ics OUT.ics | export-markdown OUT.md
careerplanner [--data-dir DIR] import-path [--yes] FILE

The package: ``parser`` (the arguments), ``data`` (backup, restore, check, JSON),
``plan`` (plan exports, pack import), ``selftest`` (--self-test, --exit-when-shown) and
``display`` (which Qt platform: no command aborts for want of a display).

Failures never end in a bare traceback. An expected failure (a ``UserError``: a bad file,
a full disk, a locked folder) prints one line ``careerplanner: <message>`` and exits 1. Anything
else is a bug: its traceback goes to the log file, and one line names the error and the
log file; the exit status is 2 (as for a wrong command line: the command did not run).
With ``CAREERPLANNER_DEBUG`` set the traceback is printed as well.

Everything the command line prints goes through ``say`` or ``err``, which print text from
a pack, a file or the data safely (``safe_text``): control characters, such as a
terminal's escape sequences in a pack's title, are shown as visible escapes and never
reach the terminal.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from careerplanner import log, paths
from careerplanner.cli import display
from careerplanner.cli.parser import PLAN_COMMANDS, build_parser
from careerplanner.errors import UserError

DEBUG_ENV = "CAREERPLANNER_DEBUG"
#: Exit statuses: done, refused or failed, a bug (argparse also exits 2 on a wrong line).
OK, FAILED, BUG = 0, 1, 2

_log = logging.getLogger(__name__)

__all__ = ["build_parser", "err", "main", "report", "safe_text", "say"]

#: Format characters that reorder or hide text on a terminal (bidirectional overrides and
#: isolates), shown as escapes like the control characters.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: object) -> str:
    """``text`` fit for a terminal: line breaks and tabs kept, every other control
    character (ESC, BEL, CR, DEL, C1) and bidirectional override shown as an escape
    (``\\x1b``), so that text from a pack or a file cannot move the cursor, recolour,
    retitle or clear the terminal, or reorder what is printed."""
    return "".join(
        _escape(c) if (c not in "\n\t" and unicodedata.category(c) == "Cc") or c in _BIDI else c
        for c in str(text)
    )


def say(text: object = "", *, file: TextIO | None = None) -> None:
    """Print ``text`` (made safe, ``safe_text``) on stdout, or on ``file``."""
    print(safe_text(text), file=file or sys.stdout)


def err(message: str) -> int:
    """Print ``careerplanner: message`` (made safe) on stderr; returns the exit status 1."""
    print(f"careerplanner: {safe_text(message)}", file=sys.stderr)
    return FAILED


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def report(exc: BaseException, doing: str) -> int:
    """Tell the user about ``exc`` in one line (a bug: also where its details are logged)
    and return the exit status."""
    if os.environ.get(DEBUG_ENV):
        traceback.print_exception(type(exc), exc, exc.__traceback__)
    if isinstance(exc, UserError):
        _log.info("%s refused: %s", doing, exc)
        return err(str(exc))
    from careerplanner.store.backup import is_write_problem, write_problem_text

    if is_write_problem(exc):
        _log.warning("%s failed: %s", doing, exc)
        return err(write_problem_text(exc, "Nothing was saved."))
    log.ensure_setup()
    _log.error("bug in %s: %s", doing, exc, exc_info=exc)
    message = _first_line(str(exc))
    what = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    err(f"unexpected error (a bug in Career Planner): {what}. {log.where_text()}")
    return BUG


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log.setup()
    doing = args.command or ("self-test" if args.self_test else "window")
    try:
        return _run(args, doing)
    except KeyboardInterrupt:
        err("interrupted.")
        return 130
    except Exception as exc:
        return report(exc, doing)


def _run(args: argparse.Namespace, doing: str) -> int:
    headless = bool(args.command or args.self_test)
    try:
        data_dir = paths.resolve_data_dir(args.data_dir)
        log.log_start(f"{doing}, data folder {data_dir}")
        if args.self_test:
            from careerplanner.cli.selftest import self_test

            return self_test(data_dir)
        if args.command:
            return _run_command(args, data_dir)
        if not display.platform_can_start():
            return err(display.no_display_message())
        paths.ensure_data_dir(data_dir)
    except paths.DataDirError as exc:
        if not headless and not args.exit_when_shown and display.has_display():
            from careerplanner.ui.app import show_error

            err(str(exc))
            show_error("Cannot use the data folder", str(exc))
            return FAILED
        raise
    if args.exit_when_shown:
        from careerplanner.cli.selftest import exit_when_shown

        return exit_when_shown(data_dir)
    from careerplanner.ui.app import run_gui

    return run_gui(data_dir)


def _run_command(args: argparse.Namespace, data_dir: Path) -> int:
    if args.command in PLAN_COMMANDS:
        from careerplanner.cli import plan

        return plan.run(args, data_dir)
    from careerplanner.cli import data

    if args.command == "backup":
        return data.cmd_backup(data_dir)
    if args.command == "restore":
        return data.cmd_restore(data_dir, args.file)
    if args.command == "check":
        return data.cmd_check(data_dir)
    if args.command == "export-json":
        return data.cmd_export(data_dir, args.out)
    assert args.command == "import-json", args.command
    return data.cmd_import(data_dir, args.file, with_settings=args.with_settings)


if __name__ == "__main__":
    sys.exit(main())
