"""The File menu's data actions and automatic backups, for the main window.

Back Up Now, Restore Backup…, Export Data…, Import Data…; a backup on closing and, while
there are changes, at most every 30 minutes. After a restore or an import the undo history
is cleared and the window announces that everything changed, so every tab reloads. An
import whose file holds other backup or window settings than ours asks first whether to
keep ours (the default).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMenu,
    QMessageBox,
    QWidget,
)

from careerplanner import paths
from careerplanner.services import backup, userdata
from careerplanner.store import Store
from careerplanner.store.backup import describe_os_error, is_write_problem
from careerplanner.ui.errors import report_bug, show_message
from careerplanner.ui.events import AppEvents
from careerplanner.ui.window.restore import RestoreDialog


@contextmanager
def busy_cursor() -> Iterator[None]:
    """A wait cursor while a long export or import runs."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class DataActions(QObject):
    def __init__(
        self,
        window: QWidget,
        store: Store,
        events: AppEvents,
        data_dir: Path,
        on_replaced: Callable[[], None],
        prepare: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.events = events
        self.data_dir = data_dir
        self._on_replaced = on_replaced
        self._prepare = prepare
        self.tracker = backup.ChangeTracker(store)
        self.timer = QTimer(self)
        self.timer.setObjectName("auto_backup_timer")
        self.timer.setInterval(backup.AUTO_BACKUP_MINUTES * 60 * 1000)
        self.timer.timeout.connect(self.auto_backup)
        self.timer.start()
        self.last_error = ""

        def action(text: str, name: str, slot: Callable[[], object]) -> QAction:
            act = QAction(text, window)
            act.setObjectName(name)
            act.triggered.connect(lambda _checked=False: slot())
            return act

        self.backup_action = action("&Back Up Now", "action_backup", self.back_up_now)
        self.restore_action = action("&Restore Backup…", "action_restore", self.restore)
        self.export_action = action("&Export Data…", "action_export_data", self.export_data)
        self.import_action = action("&Import Data…", "action_import_data", self.import_data)

    def add_to(self, menu: QMenu, before: QAction | None) -> None:
        actions = [
            self.backup_action,
            self.restore_action,
            None,
            self.export_action,
            self.import_action,
            None,
        ]
        for act in actions:
            if act is None:
                menu.insertSeparator(before) if before else menu.addSeparator()
            elif before is not None:
                menu.insertAction(before, act)
            else:
                menu.addAction(act)

    # -- messages ------------------------------------------------------------------------
    def _box(self, title: str, text: str, details: str = "") -> None:
        show_message(self.window, title, text, details)

    def _status(self, text: str) -> None:
        self.events.status_message.emit(text)

    # -- backups -------------------------------------------------------------------------
    def _write(self, reason: str) -> backup.BackupFile | None:
        try:
            made = backup.back_up(self.store, self.data_dir, reason)
        except backup.BackupError as exc:
            self.last_error = str(exc)
            return None
        self.last_error = ""
        self.tracker.mark_clean()
        return made

    def back_up_now(self) -> None:
        made = self._write("manual")
        if made is None:
            self._box(
                "Backup failed",
                self.last_error,
                "Your data itself is unchanged.",
            )
        else:
            self._status(f"Backup written and checked: {made.path.name}")

    def auto_backup(self) -> None:
        """Every 30 minutes: back up when something changed; a failure is retried later."""
        if not self.tracker.dirty():
            return
        if self._write("auto") is None:
            self._status(f"Automatic backup failed; will retry. {self.last_error}")

    def on_close(self) -> None:
        """On closing: back up when something changed, or when there is no backup yet."""
        self.timer.stop()
        if self.tracker.dirty() or not backup.list_backups(self.data_dir):
            self._write("close")

    # -- restore, export, import -------------------------------------------------------------
    def _replaced(self) -> None:
        self.events.undo_stack.clear()
        self.tracker.mark_clean()
        self._on_replaced()  # the window announces that everything changed

    def restore(self) -> None:
        dialog = RestoreDialog(backup.list_backups(self.data_dir, full_check=True), self.window)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted:
            return
        chosen = dialog.chosen()
        if chosen is None:
            return
        self.restore_file(chosen)

    def restore_file(self, chosen: Path) -> bool:
        self._prepare()
        try:
            chosen = paths.input_file(chosen, self.data_dir)
            safety = backup.restore(self.store, self.data_dir, chosen)
        except (backup.BackupError, paths.DataDirError) as exc:
            self._box("Restore failed", str(exc), "Your data is unchanged.")
            return False
        self._replaced()
        self._status(f"Restored {chosen.name}; your data as it was is in {safety.path.name}")
        return True

    def export_data(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export Data",
            str(Path.home() / "careerplanner-data.json"),
            "JSON files (*.json)",
        )
        if target:
            self.export_to(Path(target))

    def export_to(self, target: Path) -> bool:
        try:
            with busy_cursor():
                userdata.export_file(self.store, target)
        except userdata.UserDataError as exc:
            self._box("Export failed", str(exc))
            return False
        self._status(f"Exported all your data to {target}")
        return True

    def import_data(self) -> None:
        source, _ = QFileDialog.getOpenFileName(
            self.window, "Import Data", str(Path.home()), "JSON files (*.json);;All files (*)"
        )
        if source:
            self.import_from(Path(source))

    def ask_settings(
        self, source: Path, changes: tuple[userdata.SettingChange, ...]
    ) -> bool | None:
        """Whether to import the file's backup and window settings that differ from ours:
        False keeps ours (the default), True takes the file's, None cancels the import."""
        box = QMessageBox(self.window)
        box.setObjectName("import_settings_question")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Import Data")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"{source.name} holds other backup and window settings than yours.")
        listed = "\n".join(f"• {c.describe()}" for c in changes)
        box.setInformativeText(
            f"{listed}\n\nYour backup settings decide how many backups are kept. Keep "
            "yours, or use the file's? The rest of the file is imported either way."
        )
        keep = box.addButton("Keep My Settings", QMessageBox.ButtonRole.AcceptRole)
        keep.setObjectName("keep_settings")
        use = box.addButton("Use the File's Settings", QMessageBox.ButtonRole.ActionRole)
        use.setObjectName("use_file_settings")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is cancel:
            return None
        return clicked is use

    def import_from(self, source: Path) -> bool:
        self._prepare()
        try:
            source = paths.input_file(source, self.data_dir)
        except paths.DataDirError as exc:
            self._box(
                f"{source.name} was not imported",
                str(exc),
                "Nothing was changed.",
            )
            return False
        try:
            with busy_cursor():
                data = userdata.read(self.store, source)
            changes = userdata.setting_changes(self.store, data)
            with_settings = self.ask_settings(source, changes) if changes else False
            if with_settings is None:
                self._status(f"{source.name} was not imported.")
                return False
            with busy_cursor():
                result = userdata.import_data(
                    self.store, self.data_dir, data, with_settings=with_settings
                )
        except userdata.UserDataError as exc:
            self._box(
                f"{source.name} was not imported",
                str(exc),
                "Nothing was changed.",
            )
            return False
        except backup.BackupError as exc:
            self._box(
                "Import stopped",
                str(exc),
                "A backup must be written before an import. Nothing was changed.",
            )
            return False
        except Exception as exc:
            if not is_write_problem(exc):
                report_bug(self.window, exc, f"Importing {source.name}")
                return False
            self._box(
                "Import failed",
                f"The import could not be saved: {describe_os_error(exc)}.",
                "Nothing was changed.",
            )
            return False
        self._replaced()
        kept = " (your backup and window settings are kept)" if result.settings_kept else ""
        self._status(
            f"Imported {source.name}: {result.tutorials} tutorials, "
            f"{result.attempts} practice answers{kept}"
        )
        return True
