"""The command line's arguments: the options, and one sub-command per headless command.

No command opens the window; the data commands are run by ``careerplanner.cli.data``,
the plan and pack commands by ``careerplanner.cli.plan``.
"""

from __future__ import annotations

import argparse

from careerplanner import APP_DISPLAY_NAME, __version__, paths

#: Commands run by careerplanner.cli.data.
DATA_COMMANDS = ("backup", "restore", "check", "export-json", "import-json")
#: Commands run by careerplanner.cli.plan.
PLAN_COMMANDS = ("export-pdf", "export-ics", "export-markdown", "import-path")


def build_parser(data_dir_text: str | None = None) -> argparse.ArgumentParser:
    """The parser; ``data_dir_text`` names the default data folder in the help (by default
    this computer's, as platformdirs gives it)."""
    parser = argparse.ArgumentParser(
        prog="careerplanner",
        description=f"{APP_DISPLAY_NAME}: plan and track your way to a new role.",
        epilog=(
            f"The data folder defaults to {data_dir_text or paths.default_data_dir()}; "
            f"--data-dir or the {paths.DATA_DIR_ENV} environment variable point elsewhere. "
            "Exit status: 0 done, 1 refused or failed (the message says why), 2 a wrong "
            "command line or a bug (the message names the log file with the details)."
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
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="DIR", default=argparse.SUPPRESS,
        help="keep the data in DIR (as the --data-dir option before the command)",
    )  # fmt: skip
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_data_commands(commands, common)
    _add_plan_commands(commands, common)
    return parser


def _add_data_commands(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    commands.add_parser("backup", parents=[common], help="write a checked backup of the data now")
    restore = commands.add_parser(
        "restore", parents=[common], help="restore a backup (the current data is backed up first)"
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    commands.add_parser(
        "check", parents=[common], help="check the database; exit status 0 only when healthy"
    )
    export = commands.add_parser(
        "export-json", parents=[common], help="export all your data as JSON"
    )
    export.add_argument("out", metavar="OUT.json", help="the file to write")
    imp = commands.add_parser(
        "import-json", parents=[common], help="import data exported by export-json"
    )
    imp.add_argument("file", metavar="IN.json", help="a file written by export-json")
    imp.add_argument(
        "--with-settings",
        action="store_true",
        help="also import the file's backup and window settings (kept as they are otherwise)",
    )


def _add_plan_commands(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    for name, kind, meta in (
        ("export-pdf", "the study plan as a PDF document", "OUT.pdf"),
        ("export-ics", "the weekly study blocks as an iCalendar file", "OUT.ics"),
        ("export-markdown", "the study plan as Markdown", "OUT.md"),
    ):
        cmd = commands.add_parser(name, parents=[common], help=f"write {kind}")
        cmd.add_argument("out", metavar=meta, help="the file to write")
        if name == "export-pdf":
            cmd.add_argument(
                "--paper", choices=("A4", "Letter"), default=None,
                help="paper size (default: the setting, else from the locale)",
            )  # fmt: skip
    imp = commands.add_parser(
        "import-path",
        parents=[common],
        help="import or update a career path from a pack file (the data is backed up first)",
        description=(
            "Import a career path from a pack file, or update the installed path of the same "
            "id to the file's version. The data is backed up first. An update lists what it "
            "adds, retires and removes; when it retires items you worked on, it changes "
            "nothing unless --yes is given. The built-in path is never replaced by a file."
        ),
    )
    imp.add_argument("file", metavar="FILE", help="a career-path pack (YAML)")
    imp.add_argument(
        "--yes",
        action="store_true",
        help="update even when the new version retires items you worked on (kept, marked retired)",
    )


def manual_parser() -> argparse.ArgumentParser:
    """The parser as the Linux manual page shows it (packaging/build-linux.sh makes
    ``careerplanner.1`` from it with argparse-manpage, so the page never drifts)."""
    return build_parser("$XDG_DATA_HOME/CareerPlanner (~/.local/share/CareerPlanner)")
