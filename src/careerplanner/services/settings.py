"""Application settings kept with the user's data (one key/value table)."""

from __future__ import annotations

from careerplanner.store import Store
from careerplanner.store import models as m

ACTIVE_PATH = "active_path"
WINDOW_GEOMETRY = "window.geometry"
WINDOW_STATE = "window.state"
CURRENT_TAB = "window.tab"


def get(store: Store, key: str, default: str | None = None) -> str | None:
    row = m.Setting.get_or_none(m.Setting.key == key)
    return row.value if row is not None else default


def put(store: Store, key: str, value: str) -> None:
    m.Setting.insert(key=key, value=value).on_conflict_replace().execute()


def active_path_id(store: Store) -> int:
    """The selected career path; falls back to the built-in one, then to any."""
    wanted = get(store, ACTIVE_PATH)
    if wanted is not None:
        row = m.CareerPath.get_or_none(m.CareerPath.key == wanted)
        if row is not None:
            return int(row.id)
    row = m.CareerPath.select().order_by(m.CareerPath.builtin.desc(), m.CareerPath.id).first()
    if row is None:
        raise LookupError("no career path is installed")
    return int(row.id)
