"""Opening a data folder: the folder, the database, the built-in path."""

from __future__ import annotations

from pathlib import Path

from careerplanner import paths
from careerplanner.services.packs import ensure_builtin_pack
from careerplanner.store import Store, open_store


def open_data_dir(data_dir: Path) -> Store:
    """Create the folder if needed, open and migrate the database, install or update the
    built-in path (backing the data up before either changes it).

    Raises paths.DataDirError, store.StoreOpenError, content.PackError, BackupError or
    packs.InstallInterrupted with messages fit for the user.
    """
    paths.ensure_data_dir(data_dir)
    store = open_store(paths.database_path(data_dir), paths.backup_dir(data_dir))
    try:
        ensure_builtin_pack(store, paths.backup_dir(data_dir))
    except Exception:
        store.close()
        raise
    return store
