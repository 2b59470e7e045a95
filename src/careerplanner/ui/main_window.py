"""The main window: tabs built when first shown, menus, status bar, remembered geometry."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedLayout,
    QTabWidget,
    QWidget,
)

from careerplanner import APP_DISPLAY_NAME, __version__, paths
from careerplanner.services import catalog, progress, settings
from careerplanner.store import Store
from careerplanner.ui.events import AppEvents
from careerplanner.ui.tabs.base import BaseTab

TabFactory = Callable[[Store, AppEvents, int], BaseTab]


def _tab_factories() -> list[tuple[str, str, Callable[[], TabFactory]]]:
    """(name, title, loader): each tab module is imported only when the tab is built."""

    def overview() -> TabFactory:
        from careerplanner.ui.tabs.overview import OverviewTab

        return OverviewTab

    def roadmap() -> TabFactory:
        from careerplanner.ui.tabs.roadmap import RoadmapTab

        return RoadmapTab

    def skills() -> TabFactory:
        from careerplanner.ui.tabs.skills import SkillsTab

        return SkillsTab

    def practice() -> TabFactory:
        from careerplanner.ui.tabs.practice import PracticeTab

        return PracticeTab

    def plan() -> TabFactory:
        from careerplanner.ui.tabs.plan import PlanTab

        return PlanTab

    return [
        ("overview", "&Overview", overview),
        ("roadmap", "&Roadmap", roadmap),
        ("skills", "&Skills", skills),
        ("practice", "&Interview Practice", practice),
        ("plan", "Study &Plan", plan),
    ]


class _TabHost(QWidget):
    """A tab page whose real content is created the first time it is needed."""

    def __init__(self, name: str, loader: Callable[[], TabFactory]) -> None:
        super().__init__()
        self.name = name
        self.loader = loader
        self.tab: BaseTab | None = None
        self._layout = QStackedLayout(self)


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
        self._hosts: list[_TabHost] = []
        for name, title, loader in _tab_factories():
            host = _TabHost(name, loader)
            self._hosts.append(host)
            self.tabs.addTab(host, title.replace("&", ""))
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(self._ensure_built)

        self._status_label = QLabel()
        self._status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self._status_label)
        self.events.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.events.progress_changed.connect(lambda *_: self._update_status())
        self.events.navigate.connect(self._navigate)

        self._build_menus(_tab_factories())
        self._update_title()
        self._update_status()
        self._restore_geometry()
        self._ensure_built(self.tabs.currentIndex())

    # -- tabs ----------------------------------------------------------------------
    def _ensure_built(self, index: int) -> BaseTab | None:
        if index < 0:
            return None
        host = self._hosts[index]
        if host.tab is None:
            factory = host.loader()
            host.tab = factory(self.store, self.events, self.path_id)
            host.tab.setObjectName(f"tab_{host.name}")
            host._layout.addWidget(host.tab)
        return host.tab

    def build_all_tabs(self) -> list[BaseTab]:
        """Build every tab now (the self-test and tests use it)."""
        return [t for i in range(self.tabs.count()) if (t := self._ensure_built(i)) is not None]

    def tab(self, name: str) -> BaseTab:
        for i, host in enumerate(self._hosts):
            if host.name == name:
                tab = self._ensure_built(i)
                assert tab is not None
                return tab
        raise KeyError(name)

    def show_tab(self, name: str) -> BaseTab:
        for i, host in enumerate(self._hosts):
            if host.name == name:
                self.tabs.setCurrentIndex(i)
        return self.tab(name)

    def _navigate(self, name: str, item_id: int) -> None:
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
            action.triggered.connect(lambda _checked=False, n=name: self.show_tab(n))
            view_menu.addAction(action)
            self.addAction(action)

        help_menu = bar.addMenu("&Help")
        about = QAction(f"&About {APP_DISPLAY_NAME}", self)
        about.setObjectName("action_about")
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(f"About {APP_DISPLAY_NAME}")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"{APP_DISPLAY_NAME} {__version__}")
        box.setInformativeText(
            "Plan and track your way to a new role: a curated roadmap, a skills radar, "
            "interview practice with spaced repetition, and a printable study plan.\n\n"
            f"Your data is kept in:\n{self.data_dir_text}\n\nLicence: MIT."
        )
        box.setIcon(QMessageBox.Icon.Information)
        box.exec()

    # -- title, status, geometry -------------------------------------------------------
    def _update_title(self) -> None:
        info = catalog.path_info(self.store, self.path_id)
        self.setWindowTitle(f"{info.title} — {APP_DISPLAY_NAME}")

    def _update_status(self) -> None:
        p = progress.path_progress(self.store, self.path_id).overall
        self._status_label.setText(f"{p.done} of {p.total} tutorials done ({p.percent}%)")

    def _restore_geometry(self) -> None:
        geometry = settings.get(self.store, settings.WINDOW_GEOMETRY)
        restored = False
        if geometry:
            restored = self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        if not restored:
            self.resize(1180, 780)
        tab = settings.get(self.store, settings.CURRENT_TAB)
        if tab is not None and tab.isdigit() and int(tab) < self.tabs.count():
            self.tabs.setCurrentIndex(int(tab))

    def save_window_state(self) -> None:
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        settings.put(self.store, settings.WINDOW_GEOMETRY, geometry)
        settings.put(self.store, settings.CURRENT_TAB, str(self.tabs.currentIndex()))

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            self.save_window_state()
        except Exception as exc:  # a full disk must not stop the window closing
            self.statusBar().showMessage(f"Could not save the window layout: {exc}")
        for host in self._hosts:
            if host.tab is not None:
                host.tab.flush()
                host.tab.disconnect_all()
        self.store.close()
        super().closeEvent(event)
