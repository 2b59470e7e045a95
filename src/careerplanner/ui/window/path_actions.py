"""Career paths in the window: the selector, and import, export and removal of packs.

Importing a pack file that updates an installed path first shows what the update does
(what is new, which items you worked on it retires, what it removes) and asks; the data is
backed up before any import. A file never updates the built-in path (it is refused with
a message: ``services.pack_files``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QMenu, QMessageBox, QWidget

from careerplanner import paths
from careerplanner.services import catalog, pack_files
from careerplanner.services.pack_changes import PackChanges
from careerplanner.services.packs import InstallInterrupted
from careerplanner.store import Store
from careerplanner.ui.errors import show_error, show_message
from careerplanner.ui.kit.widgets import confirm, make_action

PACK_FILTER = "Career path (*.yaml *.yml);;All files (*)"
#: Items listed under each heading of an update's question (all of them in its details).
LIST_LIMIT = 12


class PathActions:
    """Owns the path selector and the File-menu actions for packs.

    ``switch(path_id)`` is the window's way to change the selected path.
    """

    def __init__(
        self, window: QWidget, store: Store, data_dir: Path | None,
        switch: Callable[[int], None], current: Callable[[], int],
        replaced: Callable[[], None] = lambda: None,
        prepare: Callable[[], None] = lambda: None,
    ) -> None:  # fmt: skip
        self.window = window
        self.store = store
        self.data_dir = data_dir
        self.switch = switch
        self.current = current
        #: Called after an import changed a path's content (every view reloads).
        self.replaced = replaced
        #: Called before an import writes (the tabs save what is being typed).
        self.prepare = prepare
        self.combo = QComboBox()
        self.combo.setObjectName("path_selector")
        self.combo.setAccessibleName("Career path")
        self.combo.setToolTip("The career path every tab shows")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.activated.connect(self._chosen)
        self.import_action = make_action(window, "&Import Career Path…", "action_import_path")
        self.export_action = make_action(window, "E&xport Career Path…", "action_export_path")
        self.remove_action = make_action(window, "Re&move Career Path…", "action_remove_path")
        self.import_action.triggered.connect(lambda: self.import_file(self.ask_open()))
        self.export_action.triggered.connect(lambda: self.export_file(self.ask_save()))
        self.remove_action.triggered.connect(self.confirm_remove)
        self.reload()

    def add_to(self, menu: QMenu) -> None:
        """Put the pack actions just above the menu's last entry (Quit)."""
        actions = menu.actions()
        last = actions[-1] if actions else None
        if last is None:
            menu.addActions([self.import_action, self.export_action, self.remove_action])
            return
        for action in (self.import_action, self.export_action, self.remove_action):
            menu.insertAction(last, action)
        menu.insertSeparator(last)

    def reload(self) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for p in catalog.list_paths(self.store):
            label = p.title + (" (built in)" if p.builtin else "")
            self.combo.addItem(label, p.id)
        self.combo.setCurrentIndex(max(0, self.combo.findData(self.current())))
        self.combo.blockSignals(False)
        self.combo.setVisible(self.combo.count() > 1)
        current = next((p for p in catalog.list_paths(self.store) if p.id == self.current()), None)
        self.remove_action.setEnabled(current is not None and not current.builtin)

    def _chosen(self, index: int) -> None:
        path_id = self.combo.itemData(index)
        if isinstance(path_id, int) and path_id != self.current():
            self.switch(path_id)
            self.reload()

    # -- files (the dialogs are separate so tests can answer them) -----------------------
    def ask_open(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.window, "Import Career Path", "", PACK_FILTER)
        return Path(name) if name else None

    def ask_save(self) -> Path | None:
        info = catalog.path_info(self.store, self.current())
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Export Career Path", str(Path.home() / f"{info.key}.yaml"), PACK_FILTER
        )
        return Path(name) if name else None

    def import_file(self, file: Path | None) -> bool:
        """Import (or, after asking, update) the path in ``file``; True when done."""
        if file is None:
            return False
        title = "Cannot import this career path"
        try:
            source = paths.input_file(file, self.store.path.parent)  # never the database
            plan = pack_files.read_pack_file(self.store, source)
        except Exception as exc:  # a bad file in words; anything else is shown as a bug
            show_error(self.window, exc, title)
            return False
        if plan.changes.is_update and not self.confirm_update(source, plan.changes):
            return False
        try:
            self.prepare()
            done = pack_files.apply_import(self.store, plan, self.data_dir)
        except Exception as exc:
            show_error(self.window, exc, title)
            if isinstance(exc, InstallInterrupted):  # part of it is in place: show it
                self.replaced()
                self.reload()
            return False
        self.replaced()
        self.switch(done.result.path_id)
        self.reload()
        return True

    def confirm_update(self, source: Path, changes: PackChanges) -> bool:
        """Show what updating from ``source`` does (every retired item in the details
        when the list is long), and ask; Cancel is the default."""
        box = QMessageBox(self.window)
        box.setObjectName("update_path_question")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Update Career Path")
        box.setTextFormat(Qt.TextFormat.PlainText)  # pack text is shown as written
        box.setText(
            f"{source.name} updates “{changes.title}” from version {changes.old_version} "
            f"to version {changes.new_version}."
        )
        backup = "A backup of your data is made first." if self.data_dir else ""
        box.setInformativeText("\n".join([*changes.lines(limit=LIST_LIMIT), "", backup]).strip())
        if changes.lines(limit=LIST_LIMIT) != changes.lines():
            box.setDetailedText("\n".join(changes.lines()))
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        ok = box.button(QMessageBox.StandardButton.Ok)
        if ok is not None:
            ok.setText("Update")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return bool(box.exec() == QMessageBox.StandardButton.Ok)

    def export_file(self, out: Path | None) -> bool:
        if out is None:
            return False
        try:
            out = paths.output_file(out, self.store.path.parent)  # the data folder
            text = pack_files.export_pack(self.store, self.current())
            tmp = paths.partial_file(out)
            try:
                tmp.write_text(text, encoding="utf-8")
                tmp.replace(out)
            except OSError:
                tmp.unlink(missing_ok=True)
                raise
        except paths.DataDirError as exc:
            show_error(self.window, exc, "Cannot export the career path")
            return False
        except OSError as exc:
            show_message(self.window, "Cannot export the career path",
                         f"Cannot write {out}: {exc.strerror or exc}.")  # fmt: skip
            return False
        return True

    def confirm_remove(self) -> bool:
        path_id = self.current()
        info = catalog.path_info(self.store, path_id)
        if not confirm(
            self.window, "Remove Career Path",
            f"Remove the career path “{info.title}” with all your progress on it?",
            "A backup is made first, so you can restore it later.", "Remove",
        ):  # fmt: skip
            return False
        try:
            if self.data_dir is not None:
                from careerplanner.services import backup

                backup.back_up(self.store, self.data_dir, "remove")
            pack_files.remove_path(self.store, path_id)
        except Exception as exc:
            show_error(self.window, exc, "Cannot remove the career path")
            return False
        remaining = catalog.list_paths(self.store)
        self.switch(remaining[0].id)
        self.reload()
        return True
