"""Opening a data folder: the folder, the database, the built-in path."""

from __future__ import annotations

from pathlib import Path

from careerplanner import paths
from careerplanner.services.packs import ensure_builtin_pack
from careerplanner.store import Store, open_store


def open_data_dir(data_dir: Path) -> Store:
    """Create the folder if needed, open and migrate the database, install the built-in path.

    Raises paths.DataDirError, store.StoreOpenError or content.PackError with messages
    fit for the user.
    """
    paths.ensure_data_dir(data_dir)
    store = open_store(paths.database_path(data_dir), paths.backup_dir(data_dir))
    try:
        ensure_builtin_pack(store)
    except Exception:
        store.close()
        raise
    return store
