"""The main window: tabs built when first shown, menus, status bar, remembered geometry."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
)

from careerplanner import APP_DISPLAY_NAME, paths
from careerplanner.services import catalog, progress, settings, setup
from careerplanner.services.changes import Area, Changes, Outcome
from careerplanner.store import Store
from careerplanner.ui import theme
from careerplanner.ui.events import AppEvents
from careerplanner.ui.kit.base_tab import BaseTab
from careerplanner.ui.kit.widgets import make_action
from careerplanner.ui.window.data_actions import DataActions
from careerplanner.ui.window.path_actions import PathActions
from careerplanner.ui.window.tab_host import TabFactory, TabHost, TabUnavailable

if TYPE_CHECKING:
    from careerplanner.ui.window.app_dialogs import AboutDialog, ShortcutsDialog
    from careerplanner.ui.window.settings import SettingsDialog
    from careerplanner.ui.window.setup_wizard import SetupWizard

_log = logging.getLogger(__name__)

#: How long the status bar says that the built-in path was updated (milliseconds).
NEWS_MS = 60_000


def _tab_factories() -> list[tuple[str, str, Callable[[], TabFactory]]]:
    """(name, title, loader): each tab module is imported only when the tab is built."""

    def overview() -> TabFactory:
        from careerplanner.ui.overview.tab import OverviewTab

        return OverviewTab

    def roadmap() -> TabFactory:
        from careerplanner.ui.roadmap.tab import RoadmapTab

        return RoadmapTab

    def skills() -> TabFactory:
        from careerplanner.ui.skills.tab import SkillsTab

        return SkillsTab

    def practice() -> TabFactory:
        from careerplanner.ui.practice.tab import PracticeTab

        return PracticeTab

    def plan() -> TabFactory:
        from careerplanner.ui.plan.tab import PlanTab

        return PlanTab

    return [
        ("overview", "&Overview", overview),
        ("roadmap", "&Roadmap", roadmap),
        ("skills", "&Skills", skills),
        ("practice", "&Interview Practice", practice),
        ("plan", "Study &Plan", plan),
    ]


class MainWindow(QMainWindow):
    def __init__(self, store: Store, data_dir_text: str = "") -> None:
        super().__init__()
        self.store = store
        self.data_dir_text = data_dir_text
        self.events = AppEvents(self)
        self.path_id = settings.active_path_id(store)
        self.setObjectName("main_window")
        self.setMinimumSize(720, 480)
        icon = paths.icon_path()
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))

        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        self.tabs.setDocumentMode(True)
        self._hosts: list[TabHost] = []
        for name, title, loader in _tab_factories():
            host = TabHost(name, title.replace("&", ""), loader, self._init_tab, self.events)
            self._hosts.append(host)
            self.tabs.addTab(host, title.replace("&", ""))
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(self._ensure_built)

        self._status_label = QLabel()
        self._status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self._status_label)
        self.events.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.events.changed.connect(self._on_changed)
        self.events.navigate.connect(self._navigate)

        self._build_menus(_tab_factories())
        self.data_actions: DataActions | None = None
        if data_dir_text:
            self.data_actions = DataActions(
                self, store, self.events, Path(data_dir_text), self._after_data_replaced,
                self._flush_tabs,
            )  # fmt: skip
            quit_action = next((a for a in self.file_menu.actions() if "Quit" in a.text()), None)
            self.data_actions.add_to(self.file_menu, quit_action)
        self._add_app_extras()
        self._update_title()
        self._update_status()
        self._restore_geometry()
        self._ensure_built(self.tabs.currentIndex())

    # -- tabs ----------------------------------------------------------------------
    def _init_tab(self, tab: BaseTab) -> None:
        type(tab).__init__(tab, self.store, self.events, self.path_id)

    def _ensure_built(self, index: int) -> BaseTab | None:
        """The tab at ``index``, built when first needed; None when building it failed
        (its page shows why, and the other tabs work)."""
        if index < 0:
            return None
        return self._hosts[index].build()

    def build_all_tabs(self) -> list[BaseTab]:
        """Build every tab now (the self-test and tests use it); the ones that failed
        are left out (see ``tab_failures``)."""
        return [t for i in range(self.tabs.count()) if (t := self._ensure_built(i)) is not None]

    def tab_failures(self) -> dict[str, str]:
        """The tabs that show an error in their place: name → what failed."""
        return {host.name: host.failure for host in self._hosts if host.failure}

    def tab(self, name: str) -> BaseTab:
        """The tab ``name``, built when first needed. Raises TabUnavailable when it could not
        be built (its page shows why)."""
        for i, host in enumerate(self._hosts):
            if host.name == name:
                tab = self._ensure_built(i)
                if tab is None:
                    raise TabUnavailable(f"the {host.title} tab: {host.failure}")
                return tab
        raise KeyError(name)

    def show_tab(self, name: str) -> BaseTab:
        """Bring the tab ``name`` to the front and return it (TabUnavailable when it could
        not be built: its page, now in front, says why)."""
        self._bring_to_front(name)
        return self.tab(name)

    def _bring_to_front(self, name: str) -> None:
        for i, host in enumerate(self._hosts):
            if host.name == name:
                self.tabs.setCurrentIndex(i)

    def _navigate(self, name: str, item_id: int) -> None:
        if name == "setup":  # the item is the page to open at (1 skills, 2 time)
            self.show_setup(item_id)
            return
        with contextlib.suppress(TabUnavailable):  # its page says why
            self.show_tab(name).select_item(item_id)

    # -- menus -----------------------------------------------------------------------
    def _build_menus(self, factories: list[tuple[str, str, Callable[[], TabFactory]]]) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = bar.addMenu("&Edit")
        undo = self.events.undo_stack.createUndoAction(self, "&Undo")
        undo.setObjectName("action_undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.events.undo_stack.createRedoAction(self, "&Redo")
        redo.setObjectName("action_redo")
        redo.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.addAction(undo)
        self.addAction(redo)
        self.file_menu = file_menu
        self.edit_menu = edit_menu

        view_menu = bar.addMenu("&View")
        for i, (name, title, _loader) in enumerate(factories):
            action = QAction(title, self)
            action.setObjectName(f"action_tab_{name}")
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _checked=False, n=name: self._bring_to_front(n))
            view_menu.addAction(action)
            self.addAction(action)

        help_menu = bar.addMenu("&Help")
        about = QAction(f"&About {APP_DISPLAY_NAME}", self)
        about.setObjectName("action_about")
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def show_about(self) -> AboutDialog:
        from careerplanner.ui.window.app_dialogs import AboutDialog

        dialog = AboutDialog(self, self.data_dir_text)
        dialog.open()
        return dialog

    def _add_app_extras(self) -> None:
        """Career paths, theme, settings and help: the parts beyond the tabs."""
        bar = self.menuBar()
        menus = {a.text().replace("&", ""): a.menu() for a in bar.actions()}
        file_menu, edit_menu = menus["File"], menus["Edit"]
        view_menu, help_menu = menus["View"], menus["Help"]
        assert isinstance(file_menu, QMenu) and isinstance(edit_menu, QMenu)
        assert isinstance(view_menu, QMenu) and isinstance(help_menu, QMenu)
        self.path_actions = PathActions(
            self, self.store, Path(self.data_dir_text) if self.data_dir_text else None,
            self.set_path, lambda: self.path_id, self._after_path_import, self._flush_tabs,
        )  # fmt: skip
        self.path_actions.add_to(file_menu)
        bar.setCornerWidget(self.path_actions.combo, Qt.Corner.TopRightCorner)

        edit_menu.addSeparator()
        settings_action = make_action(self, "&Settings…", "action_settings", "Ctrl+,")
        settings_action.triggered.connect(self.show_settings)
        edit_menu.addAction(settings_action)

        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        current = settings.THEME.get(self.store)
        self.theme_actions: dict[str, QAction] = {}
        for mode in theme.MODES:
            action = make_action(self, theme.LABELS[mode], f"action_theme_{mode}")
            action.setCheckable(True)
            action.setChecked(mode == current)
            action.triggered.connect(lambda _c=False, md=mode: self.set_theme(md))
            group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[mode] = action
        theme.apply(current)
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(lambda *_: self._system_scheme_changed())

        shortcuts = make_action(self, "&Keyboard Shortcuts", "action_shortcuts", "F1")
        shortcuts.triggered.connect(self.show_shortcuts)
        help_menu.insertAction(help_menu.actions()[0], shortcuts)
        set_up = make_action(self, "&Set Up Your Plan…", "action_setup")
        set_up.triggered.connect(lambda: self.show_setup())
        help_menu.insertAction(shortcuts, set_up)
        help_menu.insertSeparator(shortcuts)
        whats_new = make_action(self, "&What's New in the Career Path", "action_whats_new")
        whats_new.triggered.connect(self.show_whats_new)
        help_menu.insertAction(help_menu.actions()[-1], whats_new)  # before About
        self._tell_news()

    def show_whats_new(self) -> None:
        from careerplanner.services import pack_changes
        from careerplanner.ui.window.app_dialogs import show_whats_new

        show_whats_new(self, pack_changes.news(self.store))

    def _tell_news(self) -> None:
        """Once after the built-in path was updated: say so in the status bar (never a
        dialog that would hold up the start)."""
        from careerplanner.services import pack_changes

        news = pack_changes.news(self.store)
        if news is None or news.shown:
            return
        self.statusBar().showMessage(pack_changes.news_summary(news.changes), NEWS_MS)
        try:
            pack_changes.mark_news_shown(self.store)
        except Exception as exc:  # a full or busy disk: told again next time
            _log.warning("could not note that the news was shown: %s", exc)

    def set_path(self, path_id: int) -> None:
        """Switch every tab to another career path (remembered)."""
        if path_id == self.path_id:
            return
        self._flush_tabs()
        self.path_id = path_id
        info = catalog.path_info(self.store, path_id)
        settings.ACTIVE_PATH.set(self.store, info.key)
        self.events.undo_stack.clear()
        self.events.announce(Changes(Area.PATH, active_path=path_id))
        self.path_actions.reload()

    def set_theme(self, mode: str) -> None:
        settings.THEME.set(self.store, mode)
        theme.apply(mode)
        if mode in self.theme_actions:
            self.theme_actions[mode].setChecked(True)

    def _system_scheme_changed(self) -> None:
        if settings.THEME.get(self.store) == theme.SYSTEM:
            theme.apply(theme.SYSTEM)

    def show_settings(self) -> SettingsDialog:
        from careerplanner.ui.window.settings import SettingsDialog

        categories: list[str] = []
        for q in catalog.questions(self.store, self.path_id):
            if not q.retired and q.category not in categories:
                categories.append(q.category)
        dialog = SettingsDialog(self, self.store, categories)

        def save() -> Outcome[None]:
            dialog.save()
            return Outcome(Changes(Area.SETTINGS))

        def done(result: int) -> None:
            if result and self.events.run("Change settings", save, undoable=False) is not None:
                self.set_theme(settings.THEME.get(self.store))
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def show_setup(self, page: int = 0) -> SetupWizard:
        """The set-up wizard over the path shown, at ``page`` (opened, not run: nothing
        blocks)."""
        from careerplanner.ui.window.setup_wizard import SetupWizard

        existing = getattr(self, "setup_wizard", None)
        if isinstance(existing, SetupWizard) and existing.isVisible():
            existing.raise_()
            return existing
        wizard = SetupWizard(self, self.store, self.path_id)
        if page in wizard.pageIds():
            wizard.setStartId(page)
        self.setup_wizard = wizard

        def done(result: int) -> None:
            if result:
                op = partial(setup.save_setup, self.store, wizard.path_id, wizard.answers())
                if self.events.run("Set up your plan", op, parent=wizard) is None:
                    wizard.open()  # nothing chosen is lost: let the user fix it
                    return
                mark = partial(setup.mark, self.store, setup.FINISHED)
                self.events.run("Finish the set-up", mark, undoable=False)
                self.events.status_message.emit("Your plan is set up. Edit → Undo takes it back.")
            elif settings.SETUP_STATE.get(self.store) is None:
                mark = partial(setup.mark, self.store, setup.SKIPPED)
                self.events.run("Skip the set-up", mark, undoable=False)
            wizard.deleteLater()

        wizard.finished.connect(done)
        wizard.open()
        return wizard

    def offer_setup(self) -> SetupWizard | None:
        """Open the set-up when this data folder has never had it (``setup.needs_setup``);
        the app calls it once the window is on screen, tests only when they ask."""
        if not self.store.is_open or not setup.needs_setup(self.store):
            return None
        return self.show_setup()

    def show_shortcuts(self) -> ShortcutsDialog:
        from careerplanner.ui.window.app_dialogs import ShortcutsDialog

        dialog = ShortcutsDialog(self, self.menuBar())
        dialog.open()
        return dialog

    # -- title, status, geometry -------------------------------------------------------
    def _update_title(self) -> None:
        info = catalog.path_info(self.store, self.path_id)
        self.setWindowTitle(f"{info.title} — {APP_DISPLAY_NAME}")

    def _update_status(self) -> None:
        p = progress.path_progress(self.store, self.path_id).overall
        self._status_label.setText(f"{p.done} of {p.total} tutorials done ({p.percent}%)")

    def _restore_geometry(self) -> None:
        geometry = settings.WINDOW_GEOMETRY.get(self.store)
        restored = bool(geometry) and self.restoreGeometry(QByteArray(geometry))
        if not restored:
            self.resize(1180, 780)
        tab = settings.CURRENT_TAB.get(self.store)
        if tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    def save_window_state(self) -> None:
        settings.WINDOW_GEOMETRY.set(self.store, bytes(self.saveGeometry().data()))
        settings.CURRENT_TAB.set(self.store, max(0, self.tabs.currentIndex()))

    def _flush_tabs(self) -> None:
        for host in self._hosts:
            if host.tab is not None:
                host.tab.flush()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.TUTORIALS | Area.PATH):
            self._update_title()
            self._update_status()

    def _after_data_replaced(self) -> None:
        """A restore or import replaced the data: every view reloads, and the path shown
        may have a new id."""
        self.path_id = settings.active_path_id(self.store)
        self.events.announce(Changes(Area.ALL, active_path=self.path_id))
        self._tell_news()  # a restored older backup may have brought the path up to date

    def _after_path_import(self) -> None:
        """A pack import changed a path's content: undo entries may name items that are
        gone, and every view reloads."""
        self.events.undo_stack.clear()
        self._after_data_replaced()

    def bring_to_front(self) -> None:
        """Another start asked for this window (single instance)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.store.is_open:  # closed before: the window's data is saved and closed
            super().closeEvent(event)
            return
        try:
            self._flush_tabs()
        except Exception as exc:  # a full disk must not stop the window closing
            _log.warning("closing: the last edit was not saved", exc_info=exc)
            self.statusBar().showMessage(f"Could not save your last edit: {exc}")
        if self.data_actions is not None:
            self.data_actions.on_close()
        try:
            self.save_window_state()
        except Exception as exc:  # a full disk must not stop the window closing
            _log.warning("closing: the window layout was not saved", exc_info=exc)
            self.statusBar().showMessage(f"Could not save the window layout: {exc}")
        for host in self._hosts:
            if host.tab is not None:
                host.tab.disconnect_all()
        for timer in self.findChildren(QTimer):  # nothing runs on against the closed store
            timer.stop()
        self.store.close()
        super().closeEvent(event)
