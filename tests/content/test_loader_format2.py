"""Format 2 of the pack: question outlines, `prepares`, `beyond_source` and book notes."""

from __future__ import annotations

import pytest

from careerplanner.content import FORMAT_VERSION, PackError, parse_pack
from careerplanner.content.loader import MAX_OUTLINE_POINT, MAX_OUTLINE_POINTS

QUESTION = "    focus_points: [Part one, Part two]\n"
OUTLINE = (
    "    outline:\n      - Start with the requirements\n      - 'Size it: 10K requests/second'\n"
)
FORMAT_2_QUESTION = QUESTION + OUTLINE + "    prepares: [t2, t1]\n    beyond_source: true\n"
BOOK = "  - {id: book-1, title: A Book, authors: An Author}"
FORMAT_2_BOOK = (
    "  - {id: book-1, title: A Book, authors: An Author, note: 'An article, not a book.'}"
)


def _format2(mini: str) -> str:
    assert QUESTION in mini and BOOK in mini
    return (
        mini.replace("format_version: 1", "format_version: 2", 1)
        .replace(QUESTION, FORMAT_2_QUESTION, 1)
        .replace(BOOK, FORMAT_2_BOOK, 1)
    )


def test_format_2_fields_are_read(mini_pack_text: str) -> None:
    assert FORMAT_VERSION == 2
    pack = parse_pack(_format2(mini_pack_text).encode(), "two.yaml")
    q = pack.questions[0]
    assert q.outline == ("Start with the requirements", "Size it: 10K requests/second")
    assert q.prepares == ("t2", "t1")  # in the author's order
    assert q.beyond_source is True
    assert pack.reading[0].note == "An article, not a book."


def test_format_1_pack_reads_with_empty_new_fields(mini_pack_text: str) -> None:
    pack = parse_pack(mini_pack_text.encode(), "one.yaml")
    q = pack.questions[0]
    assert (q.outline, q.prepares, q.beyond_source) == ((), (), False)
    assert pack.reading[0].note == ""


@pytest.mark.parametrize(
    ("keep_question", "location"),
    [(True, "questions[0].outline"), (False, "reading[0].note")],
)
def test_format_2_fields_in_a_format_1_pack_are_refused(
    mini_pack_text: str, keep_question: bool, location: str
) -> None:
    text = _format2(mini_pack_text).replace("format_version: 2", "format_version: 1", 1)
    if not keep_question:
        text = text.replace(FORMAT_2_QUESTION, QUESTION)
    with pytest.raises(PackError) as info:
        parse_pack(text.encode(), "old.yaml")
    assert info.value.location == location
    assert "format_version: 2" in info.value.problem


BAD_FORMAT_2 = [
    # (old, new, expected location, words in the problem)
    (
        "prepares: [t2, t1]",
        "prepares: [t2, t9]",
        "questions[0].prepares[1]",
        "not the id of a tutorial",
    ),
    ("prepares: [t2, t1]", "prepares: [t2, t2]", "questions[0].prepares[1]", "more than once"),
    ("prepares: [t2, t1]", "prepares: t2", "questions[0].prepares", "expected a list"),
    (
        "beyond_source: true",
        "beyond_source: yes please",
        "questions[0].beyond_source",
        "true or false",
    ),
    ("beyond_source: true", "beyond_source: 1", "questions[0].beyond_source", "true or false"),
    ("      - Start with the requirements\n", "      - ''\n", "questions[0].outline[0]", "empty"),
    (
        "      - Start with the requirements\n",
        "      - [a, b]\n",
        "questions[0].outline[0]",
        "as text",
    ),
    (
        OUTLINE,
        "    outline: just one line\n",
        "questions[0].outline",
        "expected a list",
    ),
    ("note: 'An article, not a book.'", "note: [a]", "reading[0].note", "expected text"),
]


@pytest.mark.parametrize(("old", "new", "location", "words"), BAD_FORMAT_2)
def test_bad_format_2_fields_name_file_location_and_problem(
    mini_pack_text: str, old: str, new: str, location: str, words: str
) -> None:
    text = _format2(mini_pack_text)
    assert old in text, old
    with pytest.raises(PackError) as info:
        parse_pack(text.replace(old, new, 1).encode(), "bad.yaml")
    err = info.value
    assert (err.file, err.location) == ("bad.yaml", location), str(err)
    assert words in err.problem
    assert str(err).startswith(f"bad.yaml: {location}: ")


def test_outline_limits(mini_pack_text: str) -> None:
    text = _format2(mini_pack_text)
    many = "".join(f"      - point {i}\n" for i in range(MAX_OUTLINE_POINTS + 1))
    too_many = text.replace(
        "      - Start with the requirements\n      - 'Size it: 10K requests/second'\n", many
    )
    with pytest.raises(PackError, match=f"at most {MAX_OUTLINE_POINTS}") as info:
        parse_pack(too_many.encode(), "many.yaml")
    assert info.value.location == "questions[0].outline"
    long = text.replace("Start with the requirements", "x" * (MAX_OUTLINE_POINT + 1))
    with pytest.raises(PackError, match="longer than") as info:
        parse_pack(long.encode(), "long.yaml")
    assert info.value.location == "questions[0].outline[0]"
