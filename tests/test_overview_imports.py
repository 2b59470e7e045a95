"""The Overview, shown and complete (its progress chart drawn), has not imported pyqtgraph
or numpy: the first tab a user sees starts without them.

Checked in a fresh process that starts the app as a user does (the window shown, the
first tab painted, the chart built after that first paint and painted), with a history
to draw, then reads ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from careerplanner.services import catalog, packs, practice, roadmap
from careerplanner.services.startup import open_data_dir
from careerplanner.vocab import TutorialStatus

SCRIPT = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QScrollArea
from careerplanner.ui import create_main_window
from careerplanner.ui.app import ensure_app
from careerplanner.ui.overview.progress_chart import ProgressChart

app = ensure_app()
window = create_main_window(Path(sys.argv[1]))
seen = {"chart_painted": False, "series": None}

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, ProgressChart):
            if not seen["chart_painted"]:
                seen["chart_painted"] = True
                seen["series"] = {k: v[1][-1] for k, v in obj.series().items()}
                QTimer.singleShot(200, window.close)  # idle a moment: deferred work runs
        return False

def scroll_to_chart():
    # As a user scrolls down to it (below the fold on a small screen).
    chart = window.tab("overview").chart
    if chart is None:
        QTimer.singleShot(20, scroll_to_chart)
        return
    for area in window.findChildren(QScrollArea):
        if area.widget() is not None and area.widget().isAncestorOf(chart):
            area.ensureWidgetVisible(chart)

watch = Watch()
app.installEventFilter(watch)
QTimer.singleShot(0, scroll_to_chart)
QTimer.singleShot(60_000, window.close)
window.show()
app.exec()
window.store.close()
print(json.dumps({
    "tab": window.tabs.tabText(window.tabs.currentIndex()),
    **seen,
    "pyqtgraph": "pyqtgraph" in sys.modules,
    "numpy": "numpy" in sys.modules,
}))
"""


def test_overview_shown_with_its_chart_imports_neither_pyqtgraph_nor_numpy(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    store = open_data_dir(data_dir)
    try:
        path_id = packs.ensure_builtin_pack(store).path_id
        tutorial = catalog.roadmap(store, path_id)[0].tutorials[0]
        roadmap.set_status(store, tutorial.id, TutorialStatus.DONE)
        question = catalog.questions(store, path_id)[0]
        practice.rate(store, question.id, 3, now=datetime.now(timezone.utc) - timedelta(days=2))
    finally:
        store.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("CAREERPLANNER_DATA_DIR", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data_dir)],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["tab"] == "Overview" and seen["chart_painted"], seen
    assert seen["series"] == {"tutorials": 1, "reviews": 1}
    assert not seen["pyqtgraph"]
    assert not seen["numpy"]
