"""Peewee models, opening the database, migrations. No Qt here."""

from careerplanner.store.database import (
    APPLICATION_ID,
    Store,
    StoreAlreadyOpenError,
    StoreOpenError,
    open_store,
    uses_store,
)
from careerplanner.store.migrations import current_version, schema_version
from careerplanner.store.models import StoreClosedError

__all__ = [
    "APPLICATION_ID",
    "Store",
    "StoreAlreadyOpenError",
    "StoreClosedError",
    "StoreOpenError",
    "current_version",
    "open_store",
    "schema_version",
    "uses_store",
]
