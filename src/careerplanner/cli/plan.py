"""Headless plan and pack commands: export-pdf, export-ics, export-markdown, import-path.

They need no display (Qt runs offscreen for the PDF). Each prints one line and returns
the exit status: 0 on success, 1 with a clear message when the output cannot be
written or the input is refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from careerplanner.cli import err


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
            from careerplanner.services import packs

            try:
                source = paths.input_file(Path(args.file), data_dir)
                result = packs.import_pack_file(store, source)
            except (PackError, packs.PackImportError, paths.DataDirError) as exc:
                return err(str(exc))
            from careerplanner.services import catalog

            info = catalog.path_info(store, result.path_id)
            verb = "Imported" if result.created else "Updated"
            print(f"{verb} “{info.title}”: {info.phase_count} phases, "
                  f"{info.tutorial_count} tutorials, {info.question_count} questions.")  # fmt: skip
            return 0
        return _export(args, store, settings.active_path_id(store))
    finally:
        store.close()


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
        print(export_plan(kind, data, out, data_dir=store.path.parent, paper=paper))
    except ExportError as exc:
        return err(str(exc))
    return 0
