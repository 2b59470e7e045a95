"""Application settings kept with the user's data, each declared once.

Every setting the app has is declared here with its key, its type, its default, the
values it accepts and its name for the user. Callers read and write through the
declaration, never through a key::

    paper = settings.PLAN_PAPER.get(store)  # "A4", "Letter" or None (the locale's)
    settings.THEME.set(store, "dark")
    minutes = settings.PRACTICE_TIMER.of("Leadership").get(store)

``get`` never fails on what is stored: a missing value, or one the app cannot use
(edited by hand, written by another version), reads as the default; the backup counts
read a number out of range as the nearest bound instead, so that a huge number keeps
backups rather than deleting them. ``set`` refuses a value the declaration does not
accept (``SettingError``). ``saving`` writes several settings all at once or not at all.

The JSON import checks a file's settings against the same declarations
(``value_problem``), keeps the protected ones (``is_protected``: backup retention and
the window's own state) unless the user confirms, and never touches the internal ones
(``is_internal``). Keys nobody declared (a newer version's) are imported as they are.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from careerplanner.content.reader import MAX_TEXT
from careerplanner.errors import UserError
from careerplanner.store import Store, uses_store
from careerplanner.store import backup as files
from careerplanner.store import models as m

T = TypeVar("T")
C = TypeVar("C", bound="str | None")
S = TypeVar("S", bound="Setting[Any]")

#: Settings an import never changes unless the user confirms it: backup retention (an
#: import could otherwise delete the backup history) and the window's own state.
PROTECTED_PREFIXES = ("backup.", "window.")
MAX_KEY = 200
MAX_VALUE = 100_000
#: Stored whole numbers longer than this are out of every range (and not converted).
_MAX_DIGITS = 18
_NUMBER = re.compile(r"([+-]?)0*([0-9]+)")
_BASE64 = re.compile(r"[A-Za-z0-9+/=]*")


class SettingError(UserError, ValueError):
    """A value a setting does not accept, with a message for the user."""


@dataclass(frozen=True, kw_only=True)
class Setting(Generic[T]):
    """One setting: its key, its name for the user and its default. Subclasses say
    which stored texts it accepts (``problem``) and what they mean (``parse``)."""

    key: str
    label: str
    default: T
    #: The app's own bookkeeping: never exported, never imported.
    internal: bool = False

    @property
    def protected(self) -> bool:
        return is_protected(self.key)

    def problem(self, text: str) -> str | None:
        """Why ``text`` cannot be stored (for a message), or None."""
        raise NotImplementedError

    def parse(self, text: str) -> T:
        """The value a stored text means: the default when the app cannot use it."""
        raise NotImplementedError

    def format(self, value: T) -> str:
        return str(value)

    def get(self, store: Store) -> T:
        text = _read(store, self.key)
        return self.default if text is None else self.parse(text)

    def set(self, store: Store, value: T) -> None:
        """Store ``value``; None goes back to the default. Raises SettingError."""
        if value is None:
            self.reset(store)
            return
        text = self.format(value)
        problem = "is too long" if len(text) > MAX_VALUE else self.problem(text)
        if problem is not None:
            raise SettingError(f"{self.label[:1].upper()}{self.label[1:]}: {problem}.")
        _write(store, self.key, text)

    def reset(self, store: Store) -> None:
        """Forget the stored value: the setting reads as its default again."""
        m.Setting.delete().where(m.Setting.key == self.key).execute()


@dataclass(frozen=True, kw_only=True)
class Whole(Setting[int]):
    """A whole number from ``low`` to ``high``."""

    low: int
    high: int
    #: Read a stored number out of range as the nearest bound, not as the default.
    clamp: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.low <= self.default <= self.high < 10**_MAX_DIGITS:
            raise ValueError(f"{self.key}: the default is out of its own range")

    def problem(self, text: str) -> str | None:
        if (
            not (text.isascii() and text.isdigit() and len(text) <= _MAX_DIGITS)
            or not self.low <= int(text) <= self.high
        ):
            return f"must be a whole number from {self.low} to {self.high}"
        return None

    def parse(self, text: str) -> int:
        match = _NUMBER.fullmatch(text.strip())
        if match is None:
            return self.default
        sign, digits = match.groups()
        number = int(digits) if len(digits) <= _MAX_DIGITS else 10**_MAX_DIGITS
        number = -number if sign == "-" else number
        if self.low <= number <= self.high:
            return number
        return min(max(number, self.low), self.high) if self.clamp else self.default


@dataclass(frozen=True, kw_only=True)
class Choice(Setting[C]):
    """One of a few words; the default may be None ("not chosen")."""

    choices: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.default is not None and self.default not in self.choices:
            raise ValueError(f"{self.key}: the default is not one of the choices")

    def problem(self, text: str) -> str | None:
        return None if text in self.choices else f"must be one of: {', '.join(self.choices)}"

    def parse(self, text: str) -> C:
        return cast(C, text) if text in self.choices else self.default


@dataclass(frozen=True, kw_only=True)
class Text(Setting[str | None]):
    """Any text (None when not set)."""

    default: str | None = None

    def problem(self, text: str) -> str | None:
        return None

    def parse(self, text: str) -> str | None:
        return text


@dataclass(frozen=True, kw_only=True)
class Bytes(Setting[bytes]):
    """Bytes, stored as Base64 text (what Qt saves of a window)."""

    default: bytes = b""
    what: str = "a saved window state"

    def problem(self, text: str) -> str | None:
        return None if _BASE64.fullmatch(text) else f"is not {self.what} (Base64 text)"

    def parse(self, text: str) -> bytes:
        if _BASE64.fullmatch(text) is None:
            return self.default
        try:
            return base64.b64decode(text, validate=True)
        except binascii.Error:
            return self.default

    def format(self, value: bytes) -> str:
        return base64.b64encode(value).decode("ascii")


@dataclass(frozen=True)
class Family(Generic[S]):
    """Settings declared once with a key per name (``prefix + name``), such as the timer
    length of each practice category."""

    prefix: str
    member: Callable[[str], S]
    #: The longest name: a pack's text (a category) may be longer than ``MAX_KEY``.
    max_name: int = MAX_TEXT

    def of(self, name: str) -> S:
        """The setting for ``name``."""
        return self.member(name)

    def find(self, key: str) -> S | None:
        if key.startswith(self.prefix) and 0 < len(key) - len(self.prefix) <= self.max_name:
            return self.of(key[len(self.prefix) :])
        return None


# -- the settings ------------------------------------------------------------------------

ACTIVE_PATH = Text(key="active_path", label="career path shown")
THEME: Choice[str] = Choice(
    key="theme", label="theme", choices=("system", "light", "dark"), default="system"
)
#: The first day of the week in the activity heatmap: 0 = Monday … 6 = Sunday.
FIRST_WEEKDAY = Whole(key="first_weekday", label="first day of the week", default=0, low=0, high=6)
#: The PDF's paper size; None: the locale's (``export.pdf.default_paper``).
PLAN_PAPER: Choice[str | None] = Choice(
    key="plan.paper", label="PDF paper size", choices=("A4", "Letter"), default=None
)

WINDOW_GEOMETRY = Bytes(key="window.geometry", label="window size and position")
#: Not written by this version (the window keeps only its geometry); declared so that
#: an import checks and protects it like the geometry.
WINDOW_STATE = Bytes(key="window.state", label="window layout")
CURRENT_TAB = Whole(key="window.tab", label="tab shown at start", default=0, low=0, high=99)

_KEEP = files.RetentionPolicy()
#: How many older backups to keep. A number out of range reads as the nearest bound:
#: a huge one keeps backups rather than falling back to the default (fewer).
KEEP_DAILY = Whole(
    key="backup.keep_daily",
    label="daily backups kept",
    default=_KEEP.daily,
    low=0,
    high=1000,
    clamp=True,
)
KEEP_WEEKLY = Whole(
    key="backup.keep_weekly",
    label="weekly backups kept",
    default=_KEEP.weekly,
    low=0,
    high=1000,
    clamp=True,
)
KEEP_MONTHLY = Whole(
    key="backup.keep_monthly",
    label="monthly backups kept",
    default=_KEEP.monthly,
    low=0,
    high=1000,
    clamp=True,
)
#: The retention counts, whose numbers an import shows beside ours.
RETENTION = (KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY)
#: The number of the newest backup (written by ``store.backup``): the app's own
#: bookkeeping, never exported, never imported.
BACKUP_SEQUENCE = Whole(
    key=files.SEQUENCE_KEY,
    label="backup counter",
    default=0,
    low=0,
    high=10**_MAX_DIGITS - 1,
    internal=True,
)

#: What the last update of the built-in path brought, for the window to tell once (JSON,
#: written and read by ``services.pack_changes``): the app's own bookkeeping.
BUILTIN_NEWS = Text(key="builtin.news", label="what is new in the built-in path", internal=True)

#: Default countdown length by practice category, in minutes; others get
#: DEFAULT_TIMER_MINUTES.
CATEGORY_TIMER_MINUTES = {
    "System Design": 20,
    "ML Architecture": 15,
    "Data Engineering": 12,
    "Leadership": 8,
}
DEFAULT_TIMER_MINUTES = 10


def _timer(category: str) -> Whole:
    return Whole(
        key=PRACTICE_TIMER.prefix + category,
        label=f"timer length for {category}",
        default=CATEGORY_TIMER_MINUTES.get(category, DEFAULT_TIMER_MINUTES),
        low=1,
        high=180,
    )


#: The countdown length of each practice category (``practice.timer.<category>``).
PRACTICE_TIMER: Family[Whole] = Family("practice.timer.", _timer)

#: Whether the first-run set-up was finished or skipped (``services.setup``); not set:
#: never shown. The data folder's own bookkeeping: never exported, never imported.
SETUP_STATE: Choice[str | None] = Choice(
    key="setup.state", label="first-run set-up", choices=("finished", "skipped"), default=None,
    internal=True,
)  # fmt: skip

#: Every declared setting, and the families of them.
SETTINGS: tuple[Setting[Any], ...] = (
    ACTIVE_PATH, THEME, FIRST_WEEKDAY, PLAN_PAPER, WINDOW_GEOMETRY, WINDOW_STATE,
    CURRENT_TAB, KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY, BACKUP_SEQUENCE, SETUP_STATE,
    BUILTIN_NEWS,
)  # fmt: skip
FAMILIES: tuple[Family[Any], ...] = (PRACTICE_TIMER,)
_BY_KEY = {s.key: s for s in SETTINGS}


# -- by key (for the JSON import and export) --------------------------------------------


def find(key: str) -> Setting[Any] | None:
    """The declaration of ``key``; None for a key the app does not know."""
    if key in _BY_KEY:
        return _BY_KEY[key]
    return next((s for f in FAMILIES if (s := f.find(key)) is not None), None)


def is_protected(key: str) -> bool:
    """An import keeps ours unless the user confirms (also for keys of a newer version)."""
    return key.startswith(PROTECTED_PREFIXES) and not is_internal(key)


def is_internal(key: str) -> bool:
    """The app's own bookkeeping: kept out of exports and never replaced by an import."""
    setting = _BY_KEY.get(key)
    return setting is not None and setting.internal


def label(key: str) -> str:
    """The setting's name for the user."""
    setting = find(key)
    return key if setting is None else setting.label


def value_problem(key: str, value: str) -> str | None:
    """Why ``value`` cannot be stored under ``key`` (for a message), or None."""
    setting = find(key)
    if not key.strip() or (len(key) > MAX_KEY and setting is None):
        return f"a setting's name must be 1 to {MAX_KEY} characters"
    if len(value) > MAX_VALUE:
        return "is too long"
    if setting is None or setting.internal:
        return None  # a newer version's setting, or one an import skips
    return setting.problem(value)


# -- storage ---------------------------------------------------------------------------


def _read(store: Store, key: str) -> str | None:
    store.check()  # the store given, not whichever is open (the registry's one way in)
    row = m.Setting.get_or_none(m.Setting.key == key)
    return None if row is None else str(row.value)


def _write(store: Store, key: str, text: str) -> None:
    store.check()
    m.Setting.insert(key=key, value=text).on_conflict_replace().execute()


@uses_store
@contextmanager
def saving(store: Store) -> Iterator[None]:
    """Write several settings at once: all of them, or (on an error) none."""
    with store.db.atomic():
        yield


@uses_store
def active_path_id(store: Store) -> int:
    """The selected career path; falls back to the built-in one, then to any."""
    wanted = ACTIVE_PATH.get(store)
    if wanted is not None:
        row = m.CareerPath.get_or_none(m.CareerPath.key == wanted)
        if row is not None:
            return int(row.id)
    row = m.CareerPath.select().order_by(m.CareerPath.builtin.desc(), m.CareerPath.id).first()
    if row is None:
        raise LookupError("no career path is installed")
    return int(row.id)
