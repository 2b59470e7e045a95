"""One start-up, measured from inside: first paint, the first tab complete, peak memory.

    python bench/probe.py bare
    python bench/probe.py app --data-dir DIR

Shows the bare window (bench/bare_window.py) or Career Planner's main window (as
``careerplanner --exit-when-shown`` does), then waits until the first tab is complete:
its deferred work done (charts drawn after the first paint) and the event queue idle.
Prints one JSON line: epoch seconds of the first paint and of completion, and the
process's peak resident memory (KiB). The parent records when it started the process.

"Idle" is seen with a zero-interval ticker: a tick is busy when the process used more
than BUSY_CPU_S of CPU time since the previous tick (CPU time, not wall time, so that
other programs on a loaded machine do not count as work), or when any widget was
painted, laid out, polished, or a queued call/deferred delete ran in between.
Completion is the first quiet tick after the last busy one, once QUIET_S has passed
without work.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

BUSY_CPU_S = 0.002
QUIET_S = 0.25
LIMIT_S = 20.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("which", choices=("bare", "app"))
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    if args.which == "bare":
        import bare_window

        app = QApplication(sys.argv[:1])
        window = bare_window.make_window()
        store = None
    else:
        from careerplanner.ui import create_main_window
        from careerplanner.ui.app import ensure_app

        app = ensure_app()
        window = create_main_window(args.data_dir)
        store = window.store

    busy_types = {
        QEvent.Type.Paint, QEvent.Type.UpdateRequest, QEvent.Type.LayoutRequest,
        QEvent.Type.MetaCall, QEvent.Type.DeferredDelete, QEvent.Type.Polish,
        QEvent.Type.PolishRequest, QEvent.Type.Show, QEvent.Type.Resize,
    }  # fmt: skip
    state = {"paint": 0.0, "busy": False, "last_tick": 0.0, "quiet_since": 0.0, "done": 0.0}
    ticker = QTimer()
    ticker.setInterval(0)

    class Watch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            kind = event.type()
            if kind == QEvent.Type.Paint and obj is window and not state["paint"]:
                state["paint"] = time.time()
                state["last_tick"] = time.process_time()
                state["quiet_since"] = 0.0
                ticker.start()
            elif kind in busy_types and obj is not ticker:
                state["busy"] = True
            return False

    def tick() -> None:
        now = time.perf_counter()
        cpu = time.process_time()
        busy = state["busy"] or cpu - state["last_tick"] > BUSY_CPU_S
        state["busy"] = False
        state["last_tick"] = cpu
        if busy:
            state["quiet_since"] = 0.0
            return
        if not state["quiet_since"]:
            state["quiet_since"] = now
            state["done"] = time.time()
        elif now - state["quiet_since"] >= QUIET_S or time.time() - state["paint"] > LIMIT_S:
            ticker.stop()
            window.close()

    ticker.timeout.connect(tick)
    watch = Watch()
    app.installEventFilter(watch)
    window.show()
    app.exec()
    app.removeEventFilter(watch)
    if store is not None:
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"paint": state["paint"], "complete": state["done"], "maxrss_kb": peak}))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
