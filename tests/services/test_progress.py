"""Progress arithmetic: skipped tutorials leave the total; hours add up."""

from __future__ import annotations

from careerplanner.services.progress import compute
from careerplanner.vocab import TutorialStatus


def test_progress_counts_done_remaining_and_skipped() -> None:
    rows = [
        (1, TutorialStatus.DONE, 2.0, False),
        (1, TutorialStatus.IN_PROGRESS, 3.0, False),
        (1, TutorialStatus.SKIPPED, 10.0, False),
        (2, TutorialStatus.NOT_STARTED, 4.5, False),
        (2, TutorialStatus.DONE, 1.5, True),  # retired but finished: still counts
        (2, TutorialStatus.IN_PROGRESS, 7.0, True),  # retired and unfinished: leaves the figures
    ]
    p = compute(rows)
    o = p.overall
    assert (o.done, o.in_progress, o.not_started, o.skipped) == (2, 1, 1, 1)
    assert o.total == 4
    assert o.percent == 50
    assert (o.hours_done, o.hours_remaining) == (3.5, 7.5)
    assert (p.by_phase[1].done, p.by_phase[1].total) == (1, 2)
    assert (p.by_phase[2].done, p.by_phase[2].total) == (1, 2)


def test_empty_path_is_zero_percent_not_an_error() -> None:
    assert compute([]).overall.percent == 0
