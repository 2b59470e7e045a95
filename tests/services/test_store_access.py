"""Services reach the database only through the store they are given."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from types import ModuleType

import careerplanner.services
from careerplanner.store import uses_store

CHECKED = uses_store(lambda store: None).__code__


def _service_modules() -> list[ModuleType]:
    package = careerplanner.services
    return [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
    ]


def test_every_service_that_takes_the_store_checks_it() -> None:
    """A public service function whose first parameter is the store is ``@uses_store``:
    called with a closed store it raises instead of using whatever database is open."""
    seen, unchecked = 0, []
    for module in _service_modules():
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn):
                continue
            if inspect.unwrap(fn).__module__ != module.__name__:
                continue  # imported from elsewhere
            params = list(inspect.signature(inspect.unwrap(fn)).parameters)
            if not params or params[0] != "store":
                continue
            seen += 1
            if fn.__code__ is not CHECKED:
                unchecked.append(f"{module.__name__}.{name}")
    assert seen > 50  # the scan found the services
    assert unchecked == [], f"add @uses_store to: {', '.join(unchecked)}"


def test_services_use_no_database_but_the_stores() -> None:
    """No module-level database handle, no transaction but ``store.db.atomic()``."""
    for module in _service_modules():
        source = inspect.getsource(module)
        for banned in ("database_proxy", "NO_STORE", "_meta.database", "SqliteDatabase(",
                       "bind_ctx", "open_store("):  # fmt: skip
            if module.__name__.endswith(".startup") and banned == "open_store(":
                continue  # opening the data folder is startup's job
            assert banned not in source, f"{module.__name__} uses {banned}"
        for owner in re.findall(r"([\w.]+)\.(?:atomic|transaction|savepoint)\(", source):
            assert owner in ("store.db", "self._store.db"), f"{module.__name__}: {owner}"
