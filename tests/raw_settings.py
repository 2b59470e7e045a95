"""A setting's stored text written as it is, past the declarations of
``services.settings``: what another version, a hand edit or an old file leaves behind."""

from __future__ import annotations

from careerplanner.store import Store
from careerplanner.store import models as m


def put_raw(store: Store, key: str, value: str) -> None:
    m.Setting.insert(key=key, value=value).on_conflict_replace().execute()


def stored(store: Store, key: str) -> str | None:
    row = m.Setting.get_or_none(m.Setting.key == key)
    return None if row is None else str(row.value)
