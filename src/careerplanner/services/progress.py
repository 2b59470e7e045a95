"""Progress arithmetic over a path's tutorials.

Skipped tutorials leave the total: they count neither as done nor as remaining.
Retired tutorials (dropped by a newer pack but kept for their user state) count only
when they are done, so that finished work is never lost from the figures. Stored hours
outside the app's limits (``careerplanner.limits``) count as 0 hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from careerplanner import limits
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus


@dataclass(frozen=True)
class Progress:
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    skipped: int = 0
    hours_done: float = 0.0
    hours_remaining: float = 0.0

    @property
    def total(self) -> int:
        """Tutorials that count: everything but skipped ones."""
        return self.done + self.in_progress + self.not_started

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)

    def add(self, status: str, hours: float) -> Progress:
        done, ip, ns, sk = self.done, self.in_progress, self.not_started, self.skipped
        hd, hr = self.hours_done, self.hours_remaining
        if status == TutorialStatus.DONE:
            done, hd = done + 1, hd + hours
        elif status == TutorialStatus.SKIPPED:
            sk += 1
        elif status == TutorialStatus.IN_PROGRESS:
            ip, hr = ip + 1, hr + hours
        else:
            ns, hr = ns + 1, hr + hours
        return Progress(done, ip, ns, sk, hd, hr)


@dataclass(frozen=True)
class PathProgress:
    overall: Progress
    by_phase: dict[int, Progress]


def compute(rows: list[tuple[int, str, float, bool]]) -> PathProgress:
    """Progress from (phase_id, status, hours, retired) tuples."""
    overall = Progress()
    by_phase: dict[int, Progress] = {}
    for phase_id, status, hours, retired in rows:
        if retired and status != TutorialStatus.DONE:
            continue
        overall = overall.add(status, hours)
        by_phase[phase_id] = by_phase.get(phase_id, Progress()).add(status, hours)
    return PathProgress(overall, by_phase)


@uses_store
def path_progress(store: Store, path_id: int) -> PathProgress:
    query: Any = (
        m.Tutorial.select(m.Tutorial.phase, m.Tutorial.status, m.Tutorial.hours, m.Tutorial.retired)
        .where(m.Tutorial.path == path_id)
        .tuples()
    )
    return compute([(p, s, stored_hours(h), bool(r)) for p, s, h, r in query])


def stored_hours(value: object) -> float:
    """A tutorial's stored hours for the figures: 0 when outside the app's limits."""
    hours = limits.as_float(value)
    return hours if limits.tutorial_hours_ok(hours) else 0.0
