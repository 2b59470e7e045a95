"""The order the app has the user study in, and what counts as the same book.

Pure functions, shared by the schedule (``plan``), "Next up" (``overview``) and the
exports, so that all of them say the same thing.

**Gaps lead.** Every tutorial of a track *below target* comes before any tutorial of a
track at or above target. Among the tracks below target, phase order comes first
(phases build on each other), then the larger gap, then the roadmap's order. A tutorial
without a track (an own tutorial) counts as below target with a gap of 0: the user
added it to do it. The tracks at or above target follow in phase and roadmap order.
Until the user has rated themselves the gaps are unknown (``WorkItem.gap`` is None for
every tutorial), and the order is the roadmap's.

**The same book.** A book of the reading list and a tutorial are the same when their
titles match once normalised (case, accents, punctuation, "&" and "and", a leading
"The" or "A") or their links do (scheme, "www.", a trailing "/" and the fragment
ignored). Such a book is not scheduled "read alongside": the tutorial is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar
from urllib.parse import urlsplit

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_ARTICLE = re.compile(r"^(the|a|an) ")


class Ordered(Protocol):
    @property
    def phase_index(self) -> int: ...

    @property
    def gap(self) -> int | None: ...


W = TypeVar("W", bound=Ordered)


def at_target(gap: int | None) -> bool:
    """Whether a track with this gap (target − level) is at or above its target; a
    tutorial without a track (None) is not."""
    return gap is not None and gap <= 0


def study_key(index: int, item: Ordered) -> tuple[bool, int, int, int]:
    """The sort key of the ``index``-th item of the roadmap's order (see the module)."""
    done_track = at_target(item.gap)
    larger_first = 0 if done_track else -max(0, item.gap or 0)
    return (done_track, item.phase_index, larger_first, index)


def study_order(items: Sequence[W]) -> list[W]:
    """``items`` (in roadmap order) in the order to study them."""
    ranked = sorted(enumerate(items), key=lambda pair: study_key(pair[0], pair[1]))
    return [item for _index, item in ranked]


def title_key(title: str) -> str:
    text = title
    if not text.isascii():
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    text = _NOT_WORD.sub(" ", text.casefold().replace("&", " and ")).strip()
    return _ARTICLE.sub("", text)


def url_key(url: str) -> str:
    """A link compared without its scheme, "www.", trailing "/" or fragment; "" for none."""
    text = url.strip()
    if not text:
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return ""
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def same_book(book_title: str, book_url: str, tutorial_title: str, tutorial_url: str) -> bool:
    """Whether a book of the reading list and a tutorial are the same (see the module)."""
    return bool(BookMatcher([(book_title, book_url)]).found_in([(tutorial_title, tutorial_url)]))


class BookMatcher:
    """Which of ``books`` ((title, link) pairs) are also among some tutorials."""

    def __init__(self, books: Iterable[tuple[str, str]]) -> None:
        self.titles: dict[str, list[int]] = {}
        self.links: dict[str, list[int]] = {}
        for i, (title, url) in enumerate(books):
            if key := title_key(title):
                self.titles.setdefault(key, []).append(i)
            if link := url_key(url):
                self.links.setdefault(link, []).append(i)
        self.hosts = {link.split("/", 1)[0].split("?", 1)[0] for link in self.links}

    def found_in(self, tutorials: Iterable[tuple[str, str]]) -> set[int]:
        """The indexes of the books that are one of ``tutorials``."""
        found: set[int] = set()
        for title, url in tutorials:
            found.update(self.titles.get(title_key(title), ()))
            lowered = url.lower()
            if url and any(host in lowered for host in self.hosts):  # parse only candidates
                found.update(self.links.get(url_key(url), ()))
        return found
