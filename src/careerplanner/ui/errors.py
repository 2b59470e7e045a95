"""One error path for the window: expected failures in words, bugs as bugs.

``show_error(parent, exc, title)`` is the one way to tell the user that something failed:

- a ``UserError`` (a bad file, a refused value, a backup that cannot be written) is an
  expected failure: its message is shown as it is, in a plain message box;
- a storage problem (disk full, read-only folder, permission denied) gets the plain
  "could not be saved" message: SQLite rolled the change back, nothing is half-written;
  a write that found the data busy (another Career Planner command writing, beyond the
  busy timeout) says so, and that nothing was lost;
- anything else is a bug: it is logged with its traceback (``careerplanner.log``) and
  shown in a dialog that says so, names the log file, and offers to copy the details and
  to open the log folder. The app keeps running.

``install_error_hook`` sends every exception that escapes a slot while the window runs
through the same path (``sys.excepthook``).
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerplanner import APP_DISPLAY_NAME, __version__, log
from careerplanner.errors import UserError
from careerplanner.store.backup import BUSY_MESSAGE, describe_os_error, is_busy, is_write_problem

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]

_log = logging.getLogger(__name__)


def is_expected(exc: BaseException) -> bool:
    """True for a failure the user can understand and act on (shown in words)."""
    return isinstance(exc, UserError) or is_write_problem(exc)


def write_failed_text(exc: BaseException) -> str:
    if is_busy(exc):
        return (
            f"{BUSY_MESSAGE}\n\nYour last change was not recorded, and nothing was lost: "
            "your data is as it was before that change. Career Planner keeps running; do "
            "it again once the other command has finished."
        )
    return (
        f"Your last change could not be saved: {describe_os_error(exc)}.\n\n"
        "Nothing was half-written: your data is as it was before that change. Free some "
        "space or fix the folder's permissions; Career Planner keeps running and tries "
        "again with your next change."
    )


def show_message(
    parent: QWidget | None, title: str, text: str, details: str = "",
    *, icon: QMessageBox.Icon = QMessageBox.Icon.Warning, name: str = "error_message",
) -> None:  # fmt: skip
    """A plain-text message box (the text is never read as HTML)."""
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(icon)
    box.setWindowTitle(title or APP_DISPLAY_NAME)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    box.exec()


def show_write_failed(exc: BaseException, parent: QWidget | None = None) -> None:
    title = "The data is busy" if is_busy(exc) else "Could not save"
    show_message(parent, title, write_failed_text(exc), name="write_failed_dialog")


def show_error(parent: QWidget | None, exc: BaseException, title: str = "") -> None:
    """Tell the user that ``exc`` happened: in words when expected, as a bug otherwise."""
    if isinstance(exc, UserError):
        _log.info("%s: %s", title or "refused", exc)
        show_message(parent, title or "Could not do that", str(exc) or title)
    elif is_write_problem(exc):
        _log.warning("%s: not saved: %s", title or "a change", describe_os_error(exc))
        show_write_failed(exc, parent)
    else:
        report_bug(parent, exc, title)


# -- bugs ----------------------------------------------------------------------------------


def bug_details(exc: BaseException, title: str = "") -> str:
    """What a bug report needs: versions, what failed, and the traceback."""
    from PySide6 import __version__ as pyside_version

    head = (
        f"{APP_DISPLAY_NAME} {__version__}, Python {platform.python_version()}, "
        f"PySide6 {pyside_version}, {platform.platform()}"
    )
    lines = [head]
    if title:
        lines.append(f"While: {title}")
    lines.append("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    return "\n".join(lines).rstrip()


def log_bug(exc: BaseException, title: str = "") -> None:
    """Write ``exc`` with its traceback to the log (set up now if it was not)."""
    log.ensure_setup()
    _log.error(
        "bug%s: %s: %s", f" ({title})" if title else "", type(exc).__name__, exc,
        exc_info=(type(exc), exc, exc.__traceback__),
    )  # fmt: skip


class BugDialog(QDialog):
    """Says that a bug happened, where its details are logged, and offers them."""

    def __init__(self, parent: QWidget | None, exc: BaseException, title: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("bug_dialog")
        self.setWindowTitle("An unexpected error")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.details = bug_details(exc, title)
        self.more = 0
        what = f"{title}: " if title else ""
        self.message = (
            f"{what}{type(exc).__name__}: {exc}".strip()
            if str(exc)
            else f"{what}{type(exc).__name__}"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self._label(
            f"This is a bug in {APP_DISPLAY_NAME}, not something you did.", bold=True
        ))  # fmt: skip
        self.message_label = self._label(self.message)
        layout.addWidget(self.message_label)
        layout.addWidget(self._label(
            f"{APP_DISPLAY_NAME} keeps running. What you just did may not have been saved; "
            "everything saved before it is untouched. If it happens again, please report it "
            "with the details below."
        ))  # fmt: skip
        self.log_label = self._label(log.where_text())
        self.log_label.setObjectName("log_file")
        layout.addWidget(self.log_label)
        text = QPlainTextEdit(self.details)
        text.setObjectName("bug_details")
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        text.setMinimumHeight(140)
        layout.addWidget(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy Details")
        self.copy_button.setObjectName("copy_details")
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button = QPushButton("Open &Log Folder")
        self.folder_button.setObjectName("open_log_folder")
        self.folder_button.clicked.connect(self.open_log_folder)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 420)

    def _label(self, text: str, bold: bool = False) -> QLabel:
        from careerplanner.ui.kit.widgets import label

        return label(text, bold=bold)

    def another(self, exc: BaseException) -> None:
        """A further bug while this dialog is open: counted here, not a new dialog."""
        self.more += 1
        self.details += f"\n\n{bug_details(exc)}"
        s = "s" if self.more != 1 else ""
        self.message_label.setText(f"{self.message}\n(and {self.more} more error{s} since)")

    def copy_details(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.details)
        self.copy_button.setText("Copied")

    def open_log_folder(self) -> bool:
        return open_log_folder()


def open_log_folder() -> bool:
    """Show the log folder in the file manager (created when missing)."""
    folder = log.log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


_open_dialog: BugDialog | None = None


def current_bug_dialog() -> BugDialog | None:
    """The bug dialog on screen, if any."""
    return _open_dialog


def report_bug(
    parent: QWidget | None, exc: BaseException, title: str = "", *, wait: bool = False
) -> None:
    """Log ``exc`` with its traceback and show the bug dialog: without blocking, or until
    it is closed with ``wait`` (when there is no window yet to keep the app running)."""
    global _open_dialog
    log_bug(exc, title)
    if _open_dialog is not None:
        _open_dialog.another(exc)
        return
    dialog = BugDialog(parent or QApplication.activeWindow(), exc, title)

    def closed() -> None:
        global _open_dialog
        if _open_dialog is dialog:
            _open_dialog = None

    dialog.finished.connect(closed)
    _open_dialog = dialog
    if wait:
        dialog.exec()
    else:
        dialog.open()


# -- the hook while the window runs ---------------------------------------------------------


def install_error_hook(parent: Callable[[], QWidget | None]) -> ExceptHook:
    """Send exceptions that escape a slot through ``show_error``; the app keeps running.
    Returns the previous hook (put it back when the window is gone)."""
    previous: ExceptHook = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not isinstance(exc, Exception):  # KeyboardInterrupt, SystemExit: not ours
            previous(kind, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        if is_expected(exc):
            text = (
                str(exc)
                if isinstance(exc, UserError)
                else f"a change was not saved: {describe_os_error(exc)}"
            )
            print(f"careerplanner: {text}", file=sys.stderr)
        else:
            log.ensure_setup()
            print(f"careerplanner: unexpected error: {kind.__name__}: {exc}. "
                  f"{log.where_text()}", file=sys.stderr)  # fmt: skip
        try:
            show_error(parent(), exc)
        except Exception:  # the dialog itself failed: fall back to the traceback
            previous(kind, exc, tb)

    sys.excepthook = hook
    return previous
