"""Headless plan and pack commands: export-pdf, export-ics, export-markdown, import-path.

They need no display (Qt runs offscreen for the PDF). Each prints a short report and
returns the exit status: 0 on success, 1 with a clear message when the output cannot be
written or the input is refused.

``import-path`` backs the data up before it installs anything. An update of an installed
path first says what it does (what is new, what it retires, what it removes). When it
retires items the learner worked on, it needs ``--yes``: without it the command lists them,
changes nothing and exits 1. There is no question on the terminal, so that the command
behaves the same in a script and at a prompt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from careerplanner.cli import err, say


def run(args: argparse.Namespace, data_dir: Path) -> int:
    """Run one of ``parser.PLAN_COMMANDS``."""
    from careerplanner import paths
    from careerplanner.content import PackError
    from careerplanner.services import settings
    from careerplanner.services.startup import open_data_dir
    from careerplanner.store import StoreOpenError

    try:
        store = open_data_dir(data_dir)
    except (paths.DataDirError, StoreOpenError, PackError) as exc:
        return err(str(exc))
    try:
        if args.command == "import-path":
            return _import_path(store, data_dir, Path(args.file), yes=args.yes)
        return _export(args, store, settings.active_path_id(store))
    finally:
        store.close()


def _import_path(store: object, data_dir: Path, file: Path, *, yes: bool) -> int:
    from careerplanner import paths
    from careerplanner.content import PackError
    from careerplanner.services import catalog, pack_files
    from careerplanner.store import Store

    assert isinstance(store, Store)
    try:
        source = paths.input_file(file, data_dir)
        plan = pack_files.read_pack_file(store, source)
    except (PackError, pack_files.PackImportError, paths.DataDirError) as exc:
        return err(str(exc))
    changes = plan.changes
    if changes.is_update:
        say(f"{source.name} updates “{changes.title}” from version {changes.old_version} "
            f"to version {changes.new_version}.")  # fmt: skip
        for line in changes.lines():
            say(line)
        if changes.retired and not yes:
            return err(
                f"Nothing was changed: the update retires {len(changes.retired)} item(s) you "
                "worked on (listed above; your work on them is kept). Run the command again "
                "with --yes to update."
            )
    done = pack_files.apply_import(store, plan, data_dir)
    if done.backup is not None:
        say(f"Your data as it was is kept in {done.backup.path}.")
    info = catalog.path_info(store, done.result.path_id)
    verb = "Imported" if done.result.created else "Updated"
    say(f"{verb} “{info.title}”: {info.phase_count} phases, "
        f"{info.tutorial_count} tutorials, {info.question_count} questions.")  # fmt: skip
    return 0


def _export(args: argparse.Namespace, store: object, path_id: int) -> int:
    from careerplanner.export import ICS, MARKDOWN, PDF, ExportError, export_plan
    from careerplanner.services import report, settings
    from careerplanner.store import Store

    assert isinstance(store, Store)
    kind = {"export-pdf": PDF, "export-ics": ICS, "export-markdown": MARKDOWN}[args.command]
    from careerplanner.services.plan import PlanError

    try:
        data = report.build_report(store, path_id)
    except PlanError as exc:
        return err(f"The study plan settings cannot be used: {exc}")
    paper = "A4"
    if kind == PDF:
        from careerplanner.cli import display

        display.use_offscreen()  # never a display: none may be there (and Qt aborts then)
        from PySide6.QtGui import QGuiApplication

        from careerplanner.export.pdf import default_paper

        if QGuiApplication.instance() is None:
            QGuiApplication(sys.argv[:1])
        paper = args.paper or settings.PLAN_PAPER.get(store) or default_paper()
    try:
        out = Path(args.out).expanduser()
        say(export_plan(kind, data, out, data_dir=store.path.parent, paper=paper))
    except ExportError as exc:
        return err(str(exc))
    return 0
