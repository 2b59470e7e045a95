"""Walking parsed pack YAML: the strict YAML loader, and a reader that converts and checks
values and names the location of every problem (``phases[2].tutorials[5].hours``).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from typing import Any, TypeVar

from careerplanner.errors import UserError
from careerplanner.vocab import LEVEL_NAMES

MAX_DEPTH = 12
MAX_TEXT = 10_000
MAX_ITEMS = 5_000
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

T = TypeVar("T")


class PackError(UserError, ValueError):
    """A pack file that cannot be used, with where and why."""

    def __init__(self, file: str, location: str, problem: str) -> None:
        self.file = file
        self.location = location
        self.problem = problem
        where = f"{file}: {location}" if location else file
        super().__init__(f"{where}: {problem}")


@functools.cache
def strict_loader() -> Any:
    """SafeLoader without aliases and with a nesting limit (YAML is imported lazily:
    an unchanged built-in pack is never parsed at start-up)."""
    import yaml

    class _StrictLoader(yaml.SafeLoader):
        """SafeLoader without aliases and with a nesting limit."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self._depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.constructor.ConstructorError(
                    None, None, "aliases (*name) are not allowed in a pack", event.start_mark
                )
            self._depth += 1
            try:
                if self._depth > MAX_DEPTH:
                    event = self.peek_event()  # type: ignore[no-untyped-call]
                    raise yaml.constructor.ConstructorError(
                        None, None, f"nesting deeper than {MAX_DEPTH} levels", event.start_mark
                    )
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

    return _StrictLoader


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class Reader:
    """Walks the parsed YAML, converting and checking, with a location for errors."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, location: str, problem: str) -> PackError:
        return PackError(self.file, location, problem)

    def mapping(
        self, value: Any, loc: str, required: set[str], optional: set[str]
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(loc, f"expected a mapping, found {describe(value)}")
        for key in value:
            if not isinstance(key, str):
                raise self.fail(loc, f"keys must be text, found {key!r}")
        missing = sorted(required - value.keys())
        if missing:
            raise self.fail(join(loc, missing[0]), "is required but missing")
        unknown = sorted(value.keys() - required - optional)
        if unknown:
            raise self.fail(join(loc, unknown[0]), "is not a known field (check the spelling)")
        return value

    def text(self, m: dict[str, Any], key: str, loc: str, *, required: bool = True) -> str:
        where = join(loc, key)
        value = m.get(key)
        if value is None and not required:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise self.fail(where, f"expected text, found {describe(value)}")
        value = value.strip()
        if required and not value:
            raise self.fail(where, "must not be empty")
        if len(value) > MAX_TEXT:
            raise self.fail(where, f"is longer than {MAX_TEXT} characters")
        if "\x00" in value:
            raise self.fail(where, "contains a NUL character")
        return value

    def ident(self, m: dict[str, Any], key: str, loc: str) -> str:
        value = self.text(m, key, loc)
        if not ID_PATTERN.match(value):
            raise self.fail(
                join(loc, key),
                f"{value!r} is not a valid id (lowercase letters, digits and hyphens, "
                "starting with a letter or digit, at most 64 characters)",
            )
        return value

    def url(self, m: dict[str, Any], key: str, loc: str, *, required: bool) -> str:
        value = self.text(m, key, loc, required=required)
        if value and not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
            raise self.fail(join(loc, key), f"{value!r} is not an http or https address")
        return value

    def integer(self, m: dict[str, Any], key: str, loc: str, lo: int, hi: int) -> int:
        value = m.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(join(loc, key), f"expected a whole number, found {describe(value)}")
        if not lo <= value <= hi:
            raise self.fail(join(loc, key), f"{value} is outside {lo}–{hi}")
        return value

    def hours(self, m: dict[str, Any], key: str, loc: str) -> float:
        value = m.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(join(loc, key), f"expected a number of hours, found {describe(value)}")
        if not math.isfinite(value) or not 0 < value <= 1000:
            raise self.fail(join(loc, key), f"{value} is not between 0 and 1000 hours")
        return float(value)

    def level(self, m: dict[str, Any], key: str, loc: str, allowed: tuple[str, ...]) -> int:
        value = m.get(key)
        names = {name.lower(): LEVEL_NAMES.index(name) for name in allowed}
        if isinstance(value, str) and value.strip().lower() in names:
            return names[value.strip().lower()]
        numbers = {LEVEL_NAMES.index(n) for n in allowed}
        if isinstance(value, int) and not isinstance(value, bool) and value in numbers:
            return value
        raise self.fail(join(loc, key), f"{value!r} is not one of: {', '.join(allowed)}")

    def items(
        self,
        m: dict[str, Any],
        key: str,
        loc: str,
        convert: Callable[[Any, str], T],
        *,
        min_items: int = 0,
    ) -> tuple[T, ...]:
        where = join(loc, key)
        value = m.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, found {describe(value)}")
        if len(value) < min_items:
            raise self.fail(where, f"needs at least {min_items} item(s)")
        if len(value) > MAX_ITEMS:
            raise self.fail(where, f"has more than {MAX_ITEMS} items")
        return tuple(convert(item, f"{where}[{i}]") for i, item in enumerate(value))

    def flag(self, m: dict[str, Any], key: str, loc: str) -> bool:
        value = m.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(join(loc, key), f"expected true or false, found {describe(value)}")
        return value

    def texts(
        self, m: dict[str, Any], key: str, loc: str, what: str, *, max_items: int, max_len: int
    ) -> tuple[str, ...]:
        """A list of short, non-empty texts (``what`` names one item in messages)."""

        def one(v: Any, where: str) -> str:
            if isinstance(v, bool) or not isinstance(v, (str, int, float)):
                raise self.fail(where, f"expected {what} as text, found {describe(v)}")
            text = str(v).strip()
            if not text:
                raise self.fail(where, f"{what} must not be empty")
            if len(text) > max_len:
                raise self.fail(where, f"{what} is longer than {max_len} characters")
            if "\x00" in text:
                raise self.fail(where, "contains a NUL character")
            return text

        value = m.get(key)
        if isinstance(value, list) and len(value) > max_items:
            raise self.fail(join(loc, key), f"has {len(value)} items; at most {max_items} allowed")
        return self.items(m, key, loc, one)

    def unique(self, ids: list[tuple[str, str]], what: str) -> None:
        seen: set[str] = set()
        for loc, ident in ids:
            if ident in seen:
                raise self.fail(loc, f"{what} id {ident!r} is used more than once")
            seen.add(ident)


def join(loc: str, key: str) -> str:
    return f"{loc}.{key}" if loc else key
