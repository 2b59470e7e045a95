"""Application settings kept with the user's data (one key/value table).

Besides reading and writing, this module says which settings a JSON import may change
without asking (``is_protected``), what each one is called for the user (``label``) and
which values the app can use (``value_problem``).
"""

from __future__ import annotations

import re

from careerplanner.store import Store, uses_store
from careerplanner.store import models as m

ACTIVE_PATH = "active_path"
WINDOW_GEOMETRY = "window.geometry"
WINDOW_STATE = "window.state"
CURRENT_TAB = "window.tab"
FIRST_WEEKDAY = "first_weekday"
KEEP_DAILY = "backup.keep_daily"
KEEP_WEEKLY = "backup.keep_weekly"
KEEP_MONTHLY = "backup.keep_monthly"
#: The number of the newest backup (written by ``store.backup``): the app's own
#: bookkeeping, never exported, never imported.
BACKUP_SEQUENCE = "backup.sequence"
INTERNAL = frozenset({BACKUP_SEQUENCE})

#: Settings an import never changes unless the user confirms it: backup retention (an
#: import could otherwise delete the backup history) and the window's own state.
PROTECTED_PREFIXES = ("backup.", "window.")
MAX_KEY = 200
MAX_VALUE = 100_000
_LABELS = {
    KEEP_DAILY: "daily backups kept",
    KEEP_WEEKLY: "weekly backups kept",
    KEEP_MONTHLY: "monthly backups kept",
    WINDOW_GEOMETRY: "window size and position",
    WINDOW_STATE: "window layout",
    CURRENT_TAB: "tab shown at start",
}
_BASE64 = re.compile(r"[A-Za-z0-9+/=]*")
_WHOLE = {KEEP_DAILY: (0, 1000), KEEP_WEEKLY: (0, 1000), KEEP_MONTHLY: (0, 1000),
          CURRENT_TAB: (0, 99), FIRST_WEEKDAY: (0, 6)}  # fmt: skip


def is_protected(key: str) -> bool:
    return key.startswith(PROTECTED_PREFIXES) and key not in INTERNAL


def is_internal(key: str) -> bool:
    """The app's own bookkeeping: kept out of exports and never replaced by an import."""
    return key in INTERNAL


def label(key: str) -> str:
    """The setting's name for the user."""
    return _LABELS.get(key, key)


def value_problem(key: str, value: str) -> str | None:
    """Why ``value`` cannot be stored under ``key`` (for a message), or None."""
    if not key.strip() or len(key) > MAX_KEY:
        return f"a setting's name must be 1 to {MAX_KEY} characters"
    if len(value) > MAX_VALUE:
        return "is too long"
    if key in _WHOLE:
        low, high = _WHOLE[key]
        if not (value.isascii() and value.isdigit() and len(value) <= 6) or not (
            low <= int(value) <= high
        ):
            return f"must be a whole number from {low} to {high}"
    elif key in (WINDOW_GEOMETRY, WINDOW_STATE) and not _BASE64.fullmatch(value):
        return "is not a saved window state (Base64 text)"
    return None


@uses_store
def get_int(store: Store, key: str, default: int) -> int:
    """A whole-number setting; ``default`` when it is missing or not one the app can use."""
    value = get(store, key)
    if value is None or value_problem(key, value) is not None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


@uses_store
def get(store: Store, key: str, default: str | None = None) -> str | None:
    row = m.Setting.get_or_none(m.Setting.key == key)
    return row.value if row is not None else default


@uses_store
def put(store: Store, key: str, value: str) -> None:
    m.Setting.insert(key=key, value=value).on_conflict_replace().execute()


@uses_store
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
