"""In-process latencies of what a user does, on one data folder.

    python bench/interactions.py --data-dir DIR --only GROUP [--repeat 30]

Opens the main window over DIR (work on a copy: this changes the data), then times
each interaction from the call that a click or key press makes until the event queue is
idle again (every view that listens has refreshed and repainted). Prints one JSON object:
name -> list of milliseconds, or name -> "not measured: REASON" when the feature the
interaction needs does not exist (yet) in this checkout. Features are looked up at run
time, so rows start working as soon as the code they need exists.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from careerplanner.vocab import TutorialStatus

Result = list[float] | str


def settle(app: Any) -> None:
    """Process events until a pass over the queue finds (almost) nothing to do."""
    app.processEvents()
    for _ in range(100):
        start = time.perf_counter()
        app.sendPostedEvents()
        app.processEvents()
        if time.perf_counter() - start < 0.0003:
            break


def timed(app: Any, action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    settle(app)
    return (time.perf_counter() - start) * 1000


def not_present(what: str) -> str:
    return f"not measured: {what} not present yet"


def status_changes(app: Any, window: Any, repeat: int) -> Result:

    tab = window.show_tab("roadmap")
    settle(app)
    if not hasattr(tab, "set_status"):
        return not_present("RoadmapTab.set_status")
    ids = [t.id for p in tab.model.phases() if not p.retired for t in p.tutorials]
    out = []
    for i in range(repeat):
        tid = ids[(i * 7) % len(ids)]
        tab.select_item(tid)
        settle(app)
        current = tab.current_tutorial()
        status = (
            TutorialStatus.NOT_STARTED
            if current and current.status == TutorialStatus.DONE
            else TutorialStatus.DONE
        )
        out.append(timed(app, lambda s=status: tab.set_status(s)))
    return out


def tab_switches(app: Any, window: Any, repeat: int, first: dict[str, float]) -> Result:
    count = window.tabs.count()
    for i in range(count):  # first show builds the tab: reported apart
        name = window._hosts[i].name
        first[name] = timed(app, lambda i=i: window.tabs.setCurrentIndex(i))
    out = []
    for n in range(repeat):
        out.append(timed(app, lambda n=n: window.tabs.setCurrentIndex(n % count)))
    return out


def search_keystrokes(app: Any, window: Any, repeat: int) -> Result:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    tab = window.show_tab("roadmap")
    settle(app)
    search = getattr(tab, "search", None)
    if search is None:
        return not_present("RoadmapTab.search")
    search.setFocus()
    out: list[float] = []
    word = "pipeline"
    while len(out) < repeat:
        for ch in word:
            out.append(timed(app, lambda ch=ch: QTest.keyClick(search, ch)))
        for _ in word:
            out.append(timed(app, lambda: QTest.keyClick(search, Qt.Key.Key_Backspace)))
    return out[:repeat]


def assessment_saves(app: Any, window: Any, repeat: int) -> Result:
    tab = window.show_tab("skills")
    settle(app)
    if not hasattr(tab, "save_assessment"):
        return not_present("SkillsTab.save_assessment")
    return [timed(app, tab.save_assessment) for _ in range(repeat)]


def question_ratings(app: Any, window: Any, repeat: int) -> Result:
    from careerplanner.services import catalog

    tab = window.show_tab("practice")
    settle(app)
    if not (hasattr(tab, "rate") and hasattr(tab, "open_session")):
        return not_present("PracticeTab.rate")
    ids = [q.id for q in catalog.questions(window.store, window.path_id) if not q.retired]
    out = []
    for i in range(repeat):
        tab.select_item(ids[i % len(ids)])
        tab.open_session(ids[i % len(ids)])
        settle(app)
        if not tab.session.active:
            return "not measured: the practice session did not start"
        if hasattr(tab.session, "start_review"):
            tab.session.start_review()  # answers are rated in the review step
            settle(app)
        out.append(timed(app, lambda: tab.rate(3)))
    return out


def pdf_export(window: Any, repeat: int, folder: Path) -> Result:
    try:
        export = importlib.import_module("careerplanner.export")
        report = importlib.import_module("careerplanner.services.report")
    except ImportError:
        return not_present("PDF export")
    if not hasattr(export, "export_plan"):
        return not_present("careerplanner.export.export_plan")
    out = []
    for i in range(repeat):
        start = time.perf_counter()
        plan = report.build_report(window.store, window.path_id)
        export.export_plan("pdf", plan, folder / f"plan-{i}.pdf")
        out.append((time.perf_counter() - start) * 1000)
    return out


def _find(module: Any, names: tuple[str, ...]) -> Callable[..., Any] | None:
    for name in names:
        fn = getattr(module, name, None)
        if callable(fn):
            return fn  # type: ignore[no-any-return]
    return None


def json_round_trip(window: Any, repeat: int, folder: Path) -> tuple[Result, Result]:
    try:
        userdata = importlib.import_module("careerplanner.services.userdata")
    except ImportError:
        missing = not_present("JSON export/import (services/userdata.py)")
        return missing, missing
    export = _find(userdata, ("export_json", "export_file", "write_export", "export_data"))
    load = _find(userdata, ("import_json", "import_file", "read_import", "import_data"))
    if export is None or load is None:
        missing = not_present("an export/import function in services/userdata.py")
        return missing, missing
    store = window.store
    exports, imports = [], []
    for i in range(repeat):
        out = folder / f"data-{i}.json"
        start = time.perf_counter()
        export(store, out)
        exports.append((time.perf_counter() - start) * 1000)
    params = list(inspect.signature(load).parameters)
    data_dir = Path(window.data_dir_text)
    for i in range(repeat):
        source = folder / f"data-{i}.json"
        start = time.perf_counter()
        if "data_dir" in params:  # import_file(store, data_dir, source): backs up first
            load(store, data_dir, source)
        else:
            load(store, source)
        imports.append((time.perf_counter() - start) * 1000)
    return exports, imports


GROUPS = ("tab switch", "status change", "search keystroke", "save assessment",
          "rate question", "pdf", "json")  # fmt: skip


def run(data_dir: Path, group: str, repeat: int, exports: int) -> dict[str, Any]:
    """One group of interactions on a freshly opened window."""
    from PySide6.QtWidgets import QApplication

    from careerplanner.ui import create_main_window

    window = create_main_window(data_dir)
    app = QApplication.instance()
    window.show()
    window.activateWindow()
    settle(app)
    results: dict[str, Any] = {}
    if group == "tab switch":
        first: dict[str, float] = {}
        results["tab switch"] = tab_switches(app, window, repeat, first)
        results["first show of tab"] = first
    elif group == "status change":
        window.build_all_tabs()  # a user who has visited every tab: all of them listen
        settle(app)
        results["status change"] = status_changes(app, window, repeat)
    elif group == "search keystroke":
        results["search keystroke"] = search_keystrokes(app, window, repeat)
    elif group == "save assessment":
        results["save assessment"] = assessment_saves(app, window, repeat)
    elif group == "rate question":
        results["rate question"] = question_ratings(app, window, repeat)
    elif group == "pdf":
        with tempfile.TemporaryDirectory() as tmp:
            results["PDF export"] = pdf_export(window, exports, Path(tmp))
    elif group == "json":
        with tempfile.TemporaryDirectory() as tmp:
            results["JSON export"], results["JSON import"] = json_round_trip(
                window, exports, Path(tmp)
            )
    window.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--only", choices=GROUPS, required=True)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--exports", type=int, default=5)
    args = parser.parse_args()
    results = run(args.data_dir, args.only, args.repeat, args.exports)
    print(json.dumps(results), flush=True)
    # Skip interpreter teardown: PySide6/pyqtgraph objects can crash it (bool_dealloc).
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
