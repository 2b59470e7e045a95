"""Command line: start the GUI, or run a headless command.

careerplanner [--data-dir DIR]                  open the app
careerplanner --version
careerplanner [--data-dir DIR] --self-test      check that everything starts
careerplanner [--data-dir DIR] --exit-when-shown
careerplanner [--data-dir DIR] backup | restore FILE | check
careerplanner [--data-dir DIR] export-json OUT.json | import-json [--with-settings] IN.json
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from careerplanner import APP_DISPLAY_NAME, __version__, paths


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careerplanner",
        description=f"{APP_DISPLAY_NAME}: plan and track your way to a new role.",
        epilog=(
            f"The data folder defaults to {paths.default_data_dir()}; "
            f"--data-dir or the {paths.DATA_DIR_ENV} environment variable point elsewhere."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep the data in DIR (default: ${paths.DATA_DIR_ENV} or the per-user folder)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the data, build every tab offscreen, print SELFTEST OK and exit",
    )
    parser.add_argument(
        "--exit-when-shown",
        action="store_true",
        help="start normally and exit right after the main window is first painted",
    )
    _add_data_commands(parser)
    return parser


def _add_data_commands(parser: argparse.ArgumentParser) -> None:
    """Headless data commands (careerplanner.cli.data); none given opens the window."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="as above")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("backup", parents=[common], help="write a checked backup of the data now")
    restore = commands.add_parser(
        "restore", parents=[common], help="restore a backup (the current data is backed up first)"
    )
    restore.add_argument("file", metavar="FILE")
    commands.add_parser(
        "check", parents=[common], help="check the database; exit status 0 only when healthy"
    )
    export = commands.add_parser(
        "export-json", parents=[common], help="export all your data as JSON"
    )
    export.add_argument("out", metavar="OUT.json")
    imp = commands.add_parser(
        "import-json", parents=[common], help="import data exported by export-json"
    )
    imp.add_argument("file", metavar="IN.json")
    imp.add_argument(
        "--with-settings",
        action="store_true",
        help="also import the file's backup and window settings (kept as they are otherwise)",
    )
    from careerplanner.cli import plan as cli_plan

    cli_plan.add_commands(commands, common)


def _run_data_command(args: argparse.Namespace, data_dir: Path) -> int:
    from careerplanner.cli import data as cli_data
    from careerplanner.cli import plan as cli_plan

    if args.command in cli_plan.COMMANDS:
        return cli_plan.run(args, data_dir)

    if args.command == "backup":
        return cli_data.cmd_backup(data_dir)
    if args.command == "restore":
        return cli_data.cmd_restore(data_dir, args.file)
    if args.command == "check":
        return cli_data.cmd_check(data_dir)
    if args.command == "export-json":
        return cli_data.cmd_export(data_dir, args.out)
    return cli_data.cmd_import(data_dir, args.file, with_settings=args.with_settings)


def _use_offscreen_without_display() -> None:
    if "QT_QPA_PLATFORM" in os.environ:
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def self_test(data_dir: Path) -> int:
    """Open the data, build the window and every tab, and report."""
    _use_offscreen_without_display()
    problems: list[str] = []
    try:
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler

        def handler(mode: QtMsgType, _context: object, message: str) -> None:
            lowered = message.lower()
            if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg) or (
                "plugin" in lowered and ("could not" in lowered or "failed" in lowered)
            ):
                problems.append(message)

        qInstallMessageHandler(handler)
        from careerplanner.services import catalog
        from careerplanner.store import current_version
        from careerplanner.ui import create_main_window

        window = create_main_window(data_dir)
        tabs = window.build_all_tabs()
        for tab in tabs:
            tab.build_deferred()
        window.show()
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()
        info = catalog.path_info(window.store, window.path_id)
        window.close()
        window.store.close()
        qInstallMessageHandler(None)
    except Exception as exc:
        if os.environ.get("CAREERPLANNER_DEBUG"):
            traceback.print_exc()
        print(f"SELFTEST FAILED: {exc}", file=sys.stderr)
        return 1
    if problems:
        for message in problems:
            print(f"Qt: {message}", file=sys.stderr)
        print("SELFTEST FAILED: Qt reported errors", file=sys.stderr)
        return 1
    print(
        f"SELFTEST OK {APP_DISPLAY_NAME} {__version__}: schema {current_version()}, "
        f"{len(tabs)} tabs, path {info.title!r} with {info.phase_count} phases, "
        f"{info.tutorial_count} tutorials, {info.question_count} questions; data in {data_dir}"
    )
    return 0


def exit_when_shown(data_dir: Path) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer

    from careerplanner.content import PackError
    from careerplanner.store import StoreOpenError
    from careerplanner.ui import create_main_window
    from careerplanner.ui.app import ensure_app

    app = ensure_app()
    try:
        window = create_main_window(data_dir)
    except (paths.DataDirError, StoreOpenError, PackError) as exc:
        print(f"careerplanner: {exc}", file=sys.stderr)
        return 1

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                if os.environ.get("CAREERPLANNER_BENCH_REPORT"):  # read by bench/run.py
                    print(f"first_paint {time.time():.6f}", file=sys.stderr, flush=True)
                QTimer.singleShot(0, window.close)
                obj.removeEventFilter(self)
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    code = app.exec()
    window.store.close()
    return int(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from careerplanner import log

    log.setup()
    try:
        data_dir = paths.resolve_data_dir(args.data_dir)
        log.log_start(f"{args.command or 'window'}, data folder {data_dir}")
        if args.self_test:
            return self_test(data_dir)
        if args.command:
            return _run_data_command(args, data_dir)
        paths.ensure_data_dir(data_dir)
    except paths.DataDirError as exc:
        print(f"careerplanner: {exc}", file=sys.stderr)
        headless = args.command or args.self_test or args.exit_when_shown
        if not headless and _has_display():
            from careerplanner.ui.app import show_error

            show_error("Cannot use the data folder", str(exc))
        return 1
    if args.exit_when_shown:
        return exit_when_shown(data_dir)
    from careerplanner.ui.app import run_gui

    return run_gui(data_dir)


if __name__ == "__main__":
    sys.exit(main())
