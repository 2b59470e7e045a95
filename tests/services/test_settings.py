"""The settings registry: defaults, validation, values the app cannot use, round trips."""

from __future__ import annotations

from typing import Any

import pytest

from careerplanner.content import parse_pack
from careerplanner.services import settings
from careerplanner.services.packs import ensure_builtin_pack, install_pack
from careerplanner.store import Store
from raw_settings import put_raw, stored

TIMER = settings.PRACTICE_TIMER.of("System Design")


def _declared() -> list[settings.Setting[Any]]:
    return [*settings.SETTINGS, TIMER, settings.PRACTICE_TIMER.of("Anything else")]


@pytest.mark.parametrize("setting", _declared(), ids=lambda s: s.key)
def test_an_empty_store_reads_every_default(store: Store, setting: settings.Setting[Any]) -> None:
    assert setting.get(store) == setting.default
    if setting.default is not None:
        # Every default is a value its own declaration accepts.
        assert setting.problem(setting.format(setting.default)) is None
        assert settings.value_problem(setting.key, setting.format(setting.default)) is None


def test_the_defaults_the_app_has_always_had(store: Store) -> None:
    assert settings.THEME.get(store) == "system"
    assert settings.FIRST_WEEKDAY.get(store) == 0
    assert settings.PLAN_PAPER.get(store) is None  # the locale's
    assert [s.get(store) for s in settings.RETENTION] == [7, 4, 12]
    assert settings.CURRENT_TAB.get(store) == 0
    assert settings.WINDOW_GEOMETRY.get(store) == b""
    assert settings.ACTIVE_PATH.get(store) is None
    assert settings.PRACTICE_TIMER.of("System Design").get(store) == 20
    assert settings.PRACTICE_TIMER.of("Leadership").get(store) == 8
    assert settings.PRACTICE_TIMER.of("My own").get(store) == settings.DEFAULT_TIMER_MINUTES


ROUND_TRIPS: list[tuple[settings.Setting[Any], Any, str]] = [
    (settings.THEME, "dark", "dark"),
    (settings.FIRST_WEEKDAY, 6, "6"),
    (settings.PLAN_PAPER, "Letter", "Letter"),
    (settings.CURRENT_TAB, 4, "4"),
    (settings.WINDOW_GEOMETRY, b"\x01\xd9\xd0\xcb\x00", "AdnQywA="),
    (settings.ACTIVE_PATH, "mlops-engineer", "mlops-engineer"),
    (settings.KEEP_DAILY, 0, "0"),
    (settings.KEEP_MONTHLY, 1000, "1000"),
    (TIMER, 180, "180"),
]


@pytest.mark.parametrize(("setting", "value", "text"), ROUND_TRIPS, ids=lambda x: str(x)[:30])
def test_a_value_set_is_stored_as_text_and_read_back(
    store: Store, setting: settings.Setting[Any], value: Any, text: str
) -> None:
    setting.set(store, value)
    assert stored(store, setting.key) == text  # the format of exports and older versions
    assert setting.get(store) == value
    setting.reset(store)
    assert stored(store, setting.key) is None and setting.get(store) == setting.default


def test_none_sets_an_optional_setting_back_to_its_default(store: Store) -> None:
    settings.PLAN_PAPER.set(store, "A4")
    settings.PLAN_PAPER.set(store, None)
    assert stored(store, "plan.paper") is None and settings.PLAN_PAPER.get(store) is None


REFUSED: list[tuple[settings.Setting[Any], Any, str]] = [
    (settings.THEME, "purple", "Theme: must be one of: system, light, dark."),
    (settings.PLAN_PAPER, "A5", "PDF paper size: must be one of: A4, Letter."),
    (settings.FIRST_WEEKDAY, 7, "First day of the week: must be a whole number from 0 to 6."),
    (settings.FIRST_WEEKDAY, -1, "First day of the week: must be a whole number from 0 to 6."),
    (settings.FIRST_WEEKDAY, True, "First day of the week: must be a whole number from 0 to 6."),
    (settings.KEEP_DAILY, 1001, "Daily backups kept: must be a whole number from 0 to 1000."),
    (TIMER, 0, "Timer length for System Design: must be a whole number from 1 to 180."),
    (TIMER, 10**30, "Timer length for System Design: must be a whole number from 1 to 180."),
    (settings.ACTIVE_PATH, "x" * 100_001, "Career path shown: is too long."),
]


@pytest.mark.parametrize(("setting", "value", "message"), REFUSED, ids=lambda x: str(x)[:30])
def test_a_value_outside_the_declaration_is_refused_and_nothing_changes(
    store: Store, setting: settings.Setting[Any], value: Any, message: str
) -> None:
    put_raw(store, setting.key, "kept")
    with pytest.raises(settings.SettingError) as caught:
        setting.set(store, value)
    assert str(caught.value) == message
    assert stored(store, setting.key) == "kept"


BAD_STORED: list[tuple[settings.Setting[Any], str, Any]] = [
    (settings.THEME, "purple", "system"),
    (settings.THEME, "", "system"),
    (settings.THEME, "DARK", "system"),
    (settings.PLAN_PAPER, "A5", None),
    (settings.FIRST_WEEKDAY, "7", 0),
    (settings.FIRST_WEEKDAY, "-1", 0),
    (settings.FIRST_WEEKDAY, "x", 0),
    (settings.FIRST_WEEKDAY, "1e3", 0),
    (settings.FIRST_WEEKDAY, "٣", 0),  # an Arabic-Indic digit: not one of ours
    (settings.FIRST_WEEKDAY, " 6 ", 6),  # spaces around a number are harmless
    (settings.FIRST_WEEKDAY, "0006", 6),
    (settings.CURRENT_TAB, "9" * 5000, 0),
    (settings.WINDOW_GEOMETRY, "é", b""),
    (settings.WINDOW_GEOMETRY, "abc", b""),  # Base64 letters, but not whole bytes
    (TIMER, "0", 20),
    (TIMER, "181", 20),
    (TIMER, "abc", 20),
    (TIMER, "", 20),
    # The backup counts read out of range as the nearest bound: a huge number keeps
    # backups, never the default (fewer); the policy then applies its floor of 1.
    (settings.KEEP_DAILY, "-5", 0),
    (settings.KEEP_DAILY, "-99999999999999999999", 0),
    (settings.KEEP_DAILY, "10" * 9, 1000),
    (settings.KEEP_DAILY, "9" * 5000, 1000),
    (settings.KEEP_DAILY, "2.5", 7),
    (settings.KEEP_DAILY, "seven", 7),
]


@pytest.mark.parametrize(("setting", "text", "value"), BAD_STORED, ids=lambda x: str(x)[:30])
def test_a_stored_value_the_app_cannot_use_reads_as_the_default(
    store: Store, setting: settings.Setting[Any], text: str, value: Any
) -> None:
    put_raw(store, setting.key, text)
    assert setting.get(store) == value
    assert stored(store, setting.key) == text  # reading never rewrites it


def test_the_timer_family_has_a_key_and_a_default_per_category() -> None:
    lead = settings.PRACTICE_TIMER.of("Leadership")
    assert (lead.key, lead.default, lead.low, lead.high) == ("practice.timer.Leadership", 8, 1, 180)
    assert lead.label == "timer length for Leadership"
    found = settings.find("practice.timer.Leadership")
    assert found == lead
    assert settings.find("practice.timer.") is None  # no category
    assert settings.label("practice.timer.My own") == "timer length for My own"
    assert settings.find("nobody.declared") is None
    assert settings.label("nobody.declared") == "nobody.declared"


def test_import_checks_come_from_the_declarations() -> None:
    problem = settings.value_problem
    assert problem("theme", "purple") == "must be one of: system, light, dark"
    assert problem("plan.paper", "A5") == "must be one of: A4, Letter"
    assert problem("first_weekday", "x") == "must be a whole number from 0 to 6"
    assert problem("first_weekday", " 6") == "must be a whole number from 0 to 6"
    assert problem("window.tab", "100") == "must be a whole number from 0 to 99"
    assert problem("backup.keep_daily", "-1") == "must be a whole number from 0 to 1000"
    assert problem("practice.timer.Leadership", "0") == "must be a whole number from 1 to 180"
    assert problem("window.geometry", "é") == "is not a saved window state (Base64 text)"
    assert problem("active_path", "x" * 100_001) == "is too long"
    assert problem(" ", "1") == "a setting's name must be 1 to 200 characters"
    assert problem("k" * 201, "1") == "a setting's name must be 1 to 200 characters"
    # A newer version's setting is imported as it is; the backup counter never is.
    assert problem("editor.font", "anything") is None
    assert problem("backup.sequence", "not a number") is None


def test_a_category_longer_than_a_settings_name_keeps_its_timer() -> None:
    """A pack's category may be long (up to 10,000 characters); its timer's key is then
    longer than the name of any other setting, and an import still takes it."""
    key = settings.PRACTICE_TIMER.of("C" * 5000).key
    assert settings.value_problem(key, "9") is None
    assert settings.value_problem(key, "0") == "must be a whole number from 1 to 180"
    assert settings.value_problem(key + "C" * 5001, "9") is not None


def test_protected_and_internal_settings() -> None:
    protected = {s.key for s in settings.SETTINGS if s.protected}
    assert protected == {
        "window.geometry", "window.state", "window.tab",
        "backup.keep_daily", "backup.keep_weekly", "backup.keep_monthly",
    }  # fmt: skip
    assert settings.is_protected("backup.keep_forever")  # a newer version's: kept too
    assert not settings.is_protected("backup.sequence")
    assert settings.is_internal("backup.sequence")
    assert not settings.is_internal("theme") and not settings.is_internal("editor.font")
    assert [s.key for s in settings.SETTINGS if s.internal] == [
        "backup.sequence", "setup.state", "builtin.news",
    ]  # fmt: skip


def test_saving_writes_all_settings_or_none(store: Store) -> None:
    settings.THEME.set(store, "light")
    with pytest.raises(settings.SettingError), settings.saving(store):
        settings.THEME.set(store, "dark")
        settings.FIRST_WEEKDAY.set(store, 6)
        settings.PLAN_PAPER.set(store, "A3")
    assert settings.THEME.get(store) == "light"
    assert stored(store, "first_weekday") is None
    with settings.saving(store):
        settings.THEME.set(store, "dark")
        settings.FIRST_WEEKDAY.set(store, 6)
    assert (settings.THEME.get(store), settings.FIRST_WEEKDAY.get(store)) == ("dark", 6)


def test_the_active_path_falls_back_when_it_names_no_installed_path(
    store: Store, mini_pack_text: str
) -> None:
    with pytest.raises(LookupError):
        settings.active_path_id(store)
    builtin = ensure_builtin_pack(store)
    assert settings.active_path_id(store) == builtin.path_id
    settings.ACTIVE_PATH.set(store, "removed-path")
    assert settings.active_path_id(store) == builtin.path_id
    other = install_pack(store, parse_pack(mini_pack_text.encode(), "mini.yaml"))
    settings.ACTIVE_PATH.set(store, other.key)
    assert settings.active_path_id(store) == other.path_id != builtin.path_id
