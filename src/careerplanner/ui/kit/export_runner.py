"""Run an export on a worker thread so the window never freezes.

The data is gathered on the GUI thread (the store belongs to it); only the formatting
and writing run on the worker. A busy indicator appears when it takes more than a
moment.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from careerplanner.export import ExportError, export_plan
from careerplanner.services.report import PlanReport

SHOW_PROGRESS_AFTER_MS = 400


class _Signals(QObject):
    done = Signal(bool, str)


class _ExportJob(QRunnable):
    def __init__(
        self, kind: str, report: PlanReport, out: Path, data_dir: Path, paper: str
    ) -> None:
        super().__init__()
        self.kind, self.report, self.out, self.paper = kind, report, out, paper
        self.data_dir = data_dir
        self.signals = _Signals()
        self.bug: BaseException | None = None

    def run(self) -> None:
        try:
            message = export_plan(
                self.kind, self.report, self.out, data_dir=self.data_dir, paper=self.paper
            )
        except ExportError as exc:
            self.signals.done.emit(False, str(exc))
        except Exception as exc:  # a bug: shown as one on the GUI thread (``_done``)
            self.bug = exc
            self.signals.done.emit(False, "")
        else:
            self.signals.done.emit(True, message)


class ExportRunner(QObject):
    """Starts one export at a time; ``finished(ok, message)`` when it is over. A bug in
    the export is shown by the runner (``show_error``); ``message`` is then empty."""

    finished = Signal(bool, str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._job: _ExportJob | None = None
        self._progress: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self, kind: str, report: PlanReport, out: Path, data_dir: Path, paper: str) -> bool:
        """Export in the background. ``export_plan`` refuses an ``out`` that is a file the
        app owns in ``data_dir``; ``finished(False, message)`` reports it."""
        if self._job is not None:
            return False
        job = _ExportJob(kind, report, out, data_dir, paper)
        job.setAutoDelete(False)
        job.signals.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self._job = job
        progress = QProgressDialog(f"Exporting to {out.name}…", "", 0, 0, self._parent)
        progress.setWindowTitle("Exporting")
        progress.setCancelButton(None)
        progress.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setValue(0)
        self._progress = progress
        QThreadPool.globalInstance().start(job)
        return True

    def _done(self, ok: bool, message: str) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        job, self._job = self._job, None
        if job is not None and job.bug is not None:
            from careerplanner.ui.errors import show_error

            show_error(self._parent, job.bug, f"Exporting to {job.out.name}")
        self.finished.emit(ok, message)
