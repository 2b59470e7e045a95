"""Peewee models, opening the database, migrations. No Qt here."""

from careerplanner.store.database import APPLICATION_ID, Store, StoreOpenError, open_store
from careerplanner.store.migrations import current_version, schema_version

__all__ = [
    "APPLICATION_ID",
    "Store",
    "StoreOpenError",
    "current_version",
    "open_store",
    "schema_version",
]
