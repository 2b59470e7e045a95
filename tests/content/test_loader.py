"""The pack loader accepts a valid pack and rejects each kind of bad one clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerplanner.content import PackError, load_pack, parse_pack
from careerplanner.content.loader import MAX_PACK_BYTES


def test_valid_pack_loads(mini_pack_text: str) -> None:
    pack = parse_pack(mini_pack_text.encode(), "mini.yaml")
    assert pack.id == "mini-path"
    assert [s.target for s in pack.skills] == [3, 2]  # a level by name or by number
    assert [t.id for t in pack.tutorials] == ["t1", "t2", "t3"]
    assert pack.tutorials[1].hours == 3.5
    assert pack.questions[0].focus_points == ("Part one", "Part two")
    assert pack.reading[0].authors == "An Author"
    assert pack.digest


def _replace(text: str, old: str, new: str) -> bytes:
    assert old in text, old
    return text.replace(old, new, 1).encode()


BAD_EDITS = [
    # (old, new, expected location, words in the problem)
    ("title: Mini Path\n", "", "title", "required"),
    ("version: 1\ntitle", "version: one\ntitle", "version", "whole number"),
    ("hours: 3.5", "hours: lots", "phases[0].tutorials[1].hours", "number of hours"),
    ("hours: 4", "hours: -4", "phases[1].tutorials[0].hours", "between"),
    (
        "skill: beta, level",
        "skill: gamma, level",
        "phases[0].tutorials[1].skill",
        "not one of the skills",
    ),
    (
        "level: Advanced, hours: 4",
        "level: Wizard, hours: 4",
        "phases[1].tutorials[0].level",
        "Beginner",
    ),
    (
        'url: "https://example.org/3"',
        'url: "javascript:alert(1)"',
        "phases[1].tutorials[0].url",
        "http",
    ),
    ("{id: t2,", "{id: t1,", "phases[0].tutorials[1].id", "more than once"),
    ("{id: t3,", "{id: T 3,", "phases[1].tutorials[0].id", "not a valid id"),
    ("  - id: one\n", "  - id: one\n    colour: red\n", "phases[0].colour", "not a known field"),
    (
        "focus_points: [Part one, Part two]",
        "focus_points: []",
        "questions[0].focus_points",
        "at least 1",
    ),
    ("format_version: 1", "format_version: 99", "format_version", "newer"),
    ("target: Advanced", "target: 9", "skills[0].target", "not one of"),
    ("role:\n  summary", "role:\n  summry", "role.summary", "required"),
]


@pytest.mark.parametrize(("old", "new", "location", "words"), BAD_EDITS)
def test_invalid_pack_names_file_location_and_problem(
    mini_pack_text: str, old: str, new: str, location: str, words: str
) -> None:
    with pytest.raises(PackError) as info:
        parse_pack(_replace(mini_pack_text, old, new), "bad.yaml")
    err = info.value
    assert err.file == "bad.yaml"
    assert err.location == location
    assert words.lower() in err.problem.lower()
    assert str(err).startswith(f"bad.yaml: {location}: ")


def test_not_yaml_reports_line() -> None:
    with pytest.raises(PackError) as info:
        parse_pack(b"id: [unclosed\n", "x.yaml")
    assert "line" in info.value.location and "YAML" in info.value.problem


def test_aliases_refused() -> None:
    bomb = b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    with pytest.raises(PackError, match="aliases"):
        parse_pack(bomb, "bomb.yaml")


def test_deep_nesting_refused() -> None:
    deep = b"a: " + b"[" * 200 + b"]" * 200 + b"\n"
    with pytest.raises(PackError, match="nesting"):
        parse_pack(deep, "deep.yaml")


def test_oversized_file_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_PACK_BYTES + 1))
    with pytest.raises(PackError, match="at most"):
        load_pack(big)


def test_invalid_encoding_refused() -> None:
    with pytest.raises(PackError, match="UTF-8"):
        parse_pack(b"title: \xff\xfe\n", "enc.yaml")


def test_empty_and_non_mapping_refused() -> None:
    with pytest.raises(PackError, match="empty"):
        parse_pack(b"", "empty.yaml")
    with pytest.raises(PackError, match="mapping"):
        parse_pack(b"- just\n- a list\n", "list.yaml")


def test_python_tags_refused() -> None:
    with pytest.raises(PackError):
        parse_pack(b"id: !!python/object/apply:os.system [echo hi]\n", "evil.yaml")


def test_missing_file_reports_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="cannot be read"):
        load_pack(tmp_path / "nope.yaml")
