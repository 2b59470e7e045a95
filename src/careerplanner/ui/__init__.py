"""PySide6 widgets: app set-up, the main window, one module per tab."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careerplanner.ui.window.main_window import MainWindow


def create_main_window(data_dir: Path | str) -> MainWindow:
    """The main window over ``data_dir`` (the test seam).

    Creates the QApplication if there is none, opens (creating and migrating) the
    database in the folder and installs or updates the built-in path.
    """
    from careerplanner.services.startup import open_data_dir
    from careerplanner.ui.app import ensure_app
    from careerplanner.ui.window.main_window import MainWindow

    ensure_app()
    folder = Path(data_dir)
    store = open_data_dir(folder)
    try:
        return MainWindow(store, str(folder))
    except Exception:
        store.close()
        raise


__all__ = ["create_main_window"]
