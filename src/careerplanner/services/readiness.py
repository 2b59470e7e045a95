"""Interview readiness: how ready the learner is to answer a question, from evidence.

A readiness figure is shown only when there is evidence for it: at least
``MIN_ATTEMPTS`` attempts, on as many different days, *and* an FSRS stability of at
least ``MIN_STABILITY_DAYS`` (FSRS expects the answer to be recalled with 90 %
probability a week after the last review). Before that a practised question reads
"learning", never a percentage.

The figure is the FSRS retrievability ``HORIZON_DAYS`` from now (the predicted recall if
an interviewer asked the question then), scaled by the evidence of the most recent
attempts: their ratings (Again 0, Hard 0.5, Good and Easy 1) and the share of the rubric
they covered. The formula and the reasons for it are in ``docs/readiness.md``. Pure
functions of plain values: the FSRS part is computed by ``services.practice``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from careerplanner.vocab import Rating

#: Fewer attempts than this, or attempts on fewer different days, read "learning".
MIN_ATTEMPTS = 3
#: An FSRS stability (days) below this reads "learning": FSRS defines stability as the
#: time after which recall has fallen to 90 %, so this asks for 90 % recall a week later.
MIN_STABILITY_DAYS = 7.0
#: Readiness is the predicted recall this many days from now.
HORIZON_DAYS = 7
#: The most recent attempts whose ratings and rubric coverage count.
RECENT_ATTEMPTS = 3
#: What a rating says about an answer: Hard is half an answer, Again none.
RATING_SCORE: dict[int, float] = {
    int(Rating.AGAIN): 0.0,
    int(Rating.HARD): 0.5,
    int(Rating.GOOD): 1.0,
    int(Rating.EASY): 1.0,
}


@dataclass(frozen=True)
class Recent:
    """One of the newest attempts: its rating and rubric coverage (covered of total)."""

    rating: int
    covered: int
    total: int


def _clamp(value: float) -> float:
    return min(max(value, 0.0), 1.0)


def grade(recent: Iterable[Recent]) -> float | None:
    """Mean rating score of the newest attempts (newest first); None without attempts."""
    scores = [RATING_SCORE.get(a.rating, 0.0) for a in recent][:RECENT_ATTEMPTS]
    return sum(scores) / len(scores) if scores else None


def coverage(recent: Iterable[Recent]) -> float | None:
    """Mean rubric coverage of the newest attempts that had focus points."""
    values = [_clamp(a.covered / a.total) for a in list(recent)[:RECENT_ATTEMPTS] if a.total > 0]
    return sum(values) / len(values) if values else None


def evidence(recent: Sequence[Recent]) -> float | None:
    """How good the recent answers were (0-1): the mean of their rating score and their
    rubric coverage (the rating score alone when the question has no focus points)."""
    g = grade(recent)
    if g is None:
        return None
    c = coverage(recent)
    return g if c is None else (g + c) / 2


def learning(attempts: int, days: int, stability: float | None) -> bool:
    """Too little evidence for a figure: few attempts, attempts crammed into fewer days,
    or a memory that is not yet stable."""
    return min(attempts, days) < MIN_ATTEMPTS or stability is None or stability < MIN_STABILITY_DAYS


def question_readiness(
    attempts: int,
    days: int,
    stability: float | None,
    recall_ahead: float,
    recent: Sequence[Recent],
) -> float | None:
    """A question's readiness (0-1), or None while it is new or learning.

    ``days`` is on how many different days it was practised (counting up to
    ``MIN_ATTEMPTS`` is enough); ``recall_ahead`` FSRS's retrievability ``HORIZON_DAYS``
    from now; ``recent`` the newest attempts, newest first.
    """
    if learning(attempts, days, stability):
        return None
    e = evidence(recent)
    if e is None:
        return None
    return _clamp(recall_ahead) * e


@dataclass(frozen=True)
class CategoryReadiness:
    """Readiness of a group of questions (a category, or all of them).

    ``readiness`` is the mean over *all* the group's questions, new and learning ones
    counting 0, so a figure grows only with questions that have earned one; it is None
    while none has.
    """

    category: str
    readiness: float | None
    questions: int
    due: int
    new: int
    learning: int
    attempts: int

    @property
    def measured(self) -> int:
        """Questions with a readiness figure."""
        return self.questions - self.new - self.learning

    @property
    def text(self) -> str:
        """A figure with the attempts beside it: "62% (14 attempts)", "learning (2
        attempts)" or "not practised yet"."""
        return readiness_text(self.readiness, self.attempts)


def summarize(
    category: str,
    items: Sequence[tuple[float | None, int, bool, bool]],
) -> CategoryReadiness:
    """A group's readiness from its questions' (readiness, attempts, new, due)."""
    figures = [r for r, _n, _new, _due in items if r is not None]
    new = sum(1 for _r, _n, is_new, _d in items if is_new)
    return CategoryReadiness(
        category=category,
        readiness=sum(figures) / len(items) if figures else None,
        questions=len(items),
        due=sum(1 for _r, _n, _new, is_due in items if is_due),
        new=new,
        learning=len(items) - new - len(figures),
        attempts=sum(n for _r, n, _new, _d in items),
    )


def attempts_text(attempts: int) -> str:
    return f"{attempts} attempt{'s' if attempts != 1 else ''}"


def readiness_text(readiness: float | None, attempts: int) -> str:
    """A figure with the number of attempts beside it, "62% (14 attempts)"; "learning"
    while there is no figure; "not practised yet" before the first attempt."""
    if attempts == 0 and readiness is None:
        return "not practised yet"
    figure = "learning" if readiness is None else f"{round(readiness * 100)}%"
    return f"{figure} ({attempts_text(attempts)})"


def waiting_text(due: int, new: int) -> str:
    """ "3 questions due today · 29 new": due and new are always counted apart."""
    return f"{due} question{'s' if due != 1 else ''} due today · {new} new"
