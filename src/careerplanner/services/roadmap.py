"""Roadmap use cases: tutorial status and dates, notes, own links, own tutorials.

Every writing function writes at once (in one transaction where more than one row
changes) and returns an ``Outcome``: what changed, and the operation that undoes it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import partial
from typing import Any
from urllib.parse import urlparse

from careerplanner import limits
from careerplanner.errors import UserError
from careerplanner.services import changes
from careerplanner.services.changes import Outcome, unchanged
from careerplanner.store import Store, uses_store
from careerplanner.store import models as m
from careerplanner.vocab import MAX_LEVEL, TutorialStatus

MAX_TITLE = 300
MAX_TEXT = 100_000


class RoadmapError(UserError, ValueError):
    """A request that cannot be carried out, with a message for the user."""


@dataclass(frozen=True)
class TutorialState:
    """The user state of one tutorial: enough to put it back exactly."""

    tutorial_id: int
    status: str
    started_on: date | None
    finished_on: date | None
    #: How far the user says a tutorial in progress is (0-100); None: not said.
    percent_done: int | None = None


@dataclass(frozen=True)
class LinkItem:
    id: int
    title: str
    url: str


@dataclass(frozen=True)
class TutorialDraft:
    """The fields of an own tutorial, as the user enters them."""

    phase_id: int
    title: str
    skill_id: int | None
    level: int = 1
    hours: float = 1.0
    url: str = ""
    description: str = ""


@dataclass(frozen=True)
class DeletedTutorial:
    """Everything needed to restore a deleted own tutorial (for undo)."""

    row: dict[str, object]
    links: tuple[LinkItem, ...]


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def is_web_url(url: str) -> bool:
    parsed = urlparse(url.strip())
    return parsed.scheme.lower() in ("http", "https") and bool(parsed.netloc)


def _tutorial(tutorial_id: int) -> m.Tutorial:
    row = m.Tutorial.get_or_none(m.Tutorial.id == tutorial_id)
    if row is None:
        raise RoadmapError("That tutorial no longer exists.")
    return row


@uses_store
def state(store: Store, tutorial_id: int) -> TutorialState:
    t = _tutorial(tutorial_id)
    return TutorialState(t.id, t.status, t.started_on, t.finished_on, t.percent_done)


def next_state(current: TutorialState, status: str, today: date) -> TutorialState:
    """The state after a status change, with the dates recorded automatically.

    In progress and Done record the start date when there is none; Done records the
    finish date; Not started clears both; leaving Done clears the finish date. How far a
    tutorial is (``percent_done``) belongs to In progress and is cleared by any other.
    """
    if status not in TutorialStatus.values():
        raise RoadmapError(f"Unknown status {status!r}.")
    started, finished = current.started_on, current.finished_on
    if status == TutorialStatus.NOT_STARTED:
        started = finished = None
    elif status == TutorialStatus.IN_PROGRESS:
        started, finished = started or today, None
    elif status == TutorialStatus.DONE:
        started = started or today
        finished = finished if current.status == TutorialStatus.DONE and finished else today
    else:  # skipped
        finished = None
    percent = current.percent_done if status == TutorialStatus.IN_PROGRESS else None
    return replace(
        current, status=status, started_on=started, finished_on=finished, percent_done=percent
    )


@uses_store
def set_status(
    store: Store, tutorial_id: int, status: str, today: date | None = None
) -> Outcome[TutorialState]:
    """Change a tutorial's status, recording dates (``next_state``); the outcome's value
    is the state after it."""
    before = state(store, tutorial_id)
    today = today or date.today()
    if not limits.date_in_range(today):
        raise RoadmapError(
            f"Today's date ({today.isoformat()}) is outside the dates the app can use "
            f"({limits.DATE_RANGE}): check the computer's clock."
        )
    after = next_state(before, status, today)
    return unchanged(after) if after == before else put_state(store, after)


@uses_store
def put_state(store: Store, wanted: TutorialState) -> Outcome[TutorialState]:
    """Put a tutorial's status and dates exactly as given (undo and redo use it)."""
    before = state(store, wanted.tutorial_id)
    restore_state(store, wanted)
    return Outcome(changes.tutorials(wanted.tutorial_id), partial(put_state, store, before), wanted)


@uses_store
def restore_state(store: Store, wanted: TutorialState) -> None:
    """Write a tutorial's status and dates exactly as given."""
    if wanted.status not in TutorialStatus.values():
        raise RoadmapError(f"Unknown status {wanted.status!r}.")
    if wanted.percent_done is not None and not 0 <= wanted.percent_done <= 100:
        raise RoadmapError("How far a tutorial is must be from 0 to 100 %.")
    m.Tutorial.update(
        status=wanted.status, started_on=wanted.started_on, finished_on=wanted.finished_on,
        percent_done=wanted.percent_done, updated_at=_now(),
    ).where(m.Tutorial.id == wanted.tutorial_id).execute()  # fmt: skip


@uses_store
def set_statuses(
    store: Store, tutorial_ids: Sequence[int], status: str, today: date | None = None
) -> Outcome[tuple[TutorialState, ...]]:
    """Change the status of several tutorials at once, in one transaction, as one step
    to undo (``set_status`` for each; those already in ``status`` are left alone). The
    outcome's value is the states after it."""
    today = today or date.today()
    if status not in TutorialStatus.values():
        raise RoadmapError(f"Unknown status {status!r}.")
    if not limits.date_in_range(today):
        raise RoadmapError(
            f"Today's date ({today.isoformat()}) is outside the dates the app can use "
            f"({limits.DATE_RANGE}): check the computer's clock."
        )
    wanted = list(dict.fromkeys(tutorial_ids))
    with store.db.atomic():
        before = [state(store, tid) for tid in wanted]
        after = [next_state(b, status, today) for b in before]
        changed = [a for a, b in zip(after, before, strict=True) if a != b]
        if not changed:
            return unchanged(tuple(after))
        return put_states(store, tuple(changed))


@uses_store
def put_states(
    store: Store, wanted: tuple[TutorialState, ...]
) -> Outcome[tuple[TutorialState, ...]]:
    """Put several tutorials' status and dates exactly as given, in one transaction
    (the undo and redo of ``set_statuses`` and of testing out)."""
    with store.db.atomic():
        before = tuple(state(store, w.tutorial_id) for w in wanted)
        for w in wanted:
            restore_state(store, w)
    ids = [w.tutorial_id for w in wanted]
    return Outcome(changes.tutorials(*ids), partial(put_states, store, before), wanted)


@uses_store
def set_percent_done(store: Store, tutorial_id: int, percent: int | None) -> Outcome[TutorialState]:
    """Say how far a tutorial in progress is (0-100), or None to count it half done.
    Consecutive changes of one tutorial (a spin box) undo as one step."""
    before = state(store, tutorial_id)
    if before.status != TutorialStatus.IN_PROGRESS:
        raise RoadmapError("Only a tutorial in progress can say how far it is.")
    if percent is not None and (
        isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100
    ):
        raise RoadmapError("How far a tutorial is must be from 0 to 100 %.")
    after = replace(before, percent_done=percent)
    if after == before:
        return unchanged(after)
    outcome = put_state(store, after)
    return replace(outcome, merge_key=f"percent:{tutorial_id}")


@uses_store
def set_dates(
    store: Store, tutorial_id: int, started_on: date | None, finished_on: date | None
) -> Outcome[TutorialState]:
    """Correct the recorded dates; the outcome's value is the state after it."""
    before = state(store, tutorial_id)
    for what, value in (("started", started_on), ("finished", finished_on)):
        problem = limits.date_problem(value) if value is not None else None
        if problem:
            raise RoadmapError(f"The date {what}: {problem}.")
    if started_on and finished_on and finished_on < started_on:
        raise RoadmapError("The date finished cannot be before the date started.")
    if finished_on and finished_on > date.today():
        raise RoadmapError("The date finished cannot be in the future.")
    after = replace(before, started_on=started_on, finished_on=finished_on)
    return unchanged(after) if after == before else put_state(store, after)


@uses_store
def set_notes(store: Store, tutorial_id: int, notes: str) -> Outcome[None]:
    """Save a tutorial's notes. Consecutive saves of one tutorial's notes (typing) undo
    as one step."""
    if len(notes) > MAX_TEXT:
        raise RoadmapError(f"Notes can be at most {MAX_TEXT:,} characters.")
    before = str(_tutorial(tutorial_id).notes)
    if notes == before:
        return unchanged()
    m.Tutorial.update(notes=notes, updated_at=_now()).where(m.Tutorial.id == tutorial_id).execute()
    return Outcome(
        changes.tutorials(tutorial_id), partial(set_notes, store, tutorial_id, before),
        merge_key=f"notes:{tutorial_id}",
    )  # fmt: skip


# -- own links ------------------------------------------------------------------------


def _check_link(title: str, url: str) -> tuple[str, str]:
    title, url = title.strip(), url.strip()
    if not is_web_url(url):
        raise RoadmapError("A link must be a web address starting with http:// or https://.")
    if len(title) > MAX_TITLE or len(url) > 2000:
        raise RoadmapError("That link or its title is too long.")
    return title or url, url


@uses_store
def links(store: Store, tutorial_id: int) -> list[LinkItem]:
    rows = m.TutorialLink.select().where(m.TutorialLink.tutorial == tutorial_id)
    return [LinkItem(r.id, r.title, r.url) for r in rows.order_by(m.TutorialLink.position)]


@dataclass(frozen=True)
class RemovedLink:
    """A removed own link, enough to put it back where it was (for undo)."""

    tutorial_id: int
    position: int
    link: LinkItem


def _link(link_id: int) -> m.TutorialLink:
    row = m.TutorialLink.get_or_none(m.TutorialLink.id == link_id)
    if row is None:
        raise RoadmapError("That link no longer exists.")
    return row


@uses_store
def add_link(store: Store, tutorial_id: int, title: str, url: str) -> Outcome[LinkItem]:
    """Add an own link at the end of the tutorial's links."""
    title, url = _check_link(title, url)
    _tutorial(tutorial_id)
    with store.db.atomic():
        position = m.TutorialLink.select().where(m.TutorialLink.tutorial == tutorial_id).count()
        row = m.TutorialLink.create(tutorial=tutorial_id, position=position, title=title, url=url)
    item = LinkItem(row.id, title, url)
    return Outcome(changes.tutorials(tutorial_id), partial(remove_link, store, item.id), item)


@uses_store
def update_link(store: Store, link_id: int, title: str, url: str) -> Outcome[LinkItem]:
    title, url = _check_link(title, url)
    row = _link(link_id)
    before = LinkItem(link_id, row.title, row.url)
    m.TutorialLink.update(title=title, url=url).where(m.TutorialLink.id == link_id).execute()
    return Outcome(
        changes.tutorials(row.tutorial_id),
        partial(update_link, store, link_id, before.title, before.url),
        LinkItem(link_id, title, url),
    )


@uses_store
def remove_link(store: Store, link_id: int) -> Outcome[RemovedLink]:
    row = _link(link_id)
    removed = RemovedLink(row.tutorial_id, row.position, LinkItem(link_id, row.title, row.url))
    row.delete_instance()
    return Outcome(
        changes.tutorials(removed.tutorial_id), partial(restore_link, store, removed), removed
    )


@uses_store
def restore_link(store: Store, removed: RemovedLink) -> Outcome[LinkItem]:
    """Put back a removed link with the same id, at the same place."""
    _tutorial(removed.tutorial_id)
    link = removed.link
    with store.db.atomic():
        m.TutorialLink.update(position=m.TutorialLink.position + 1).where(
            (m.TutorialLink.tutorial == removed.tutorial_id)
            & (m.TutorialLink.position >= removed.position)
        ).execute()
        m.TutorialLink.create(
            id=link.id, tutorial=removed.tutorial_id, position=removed.position,
            title=link.title, url=link.url,
        )  # fmt: skip
    return Outcome(
        changes.tutorials(removed.tutorial_id), partial(remove_link, store, link.id), link
    )


# -- own tutorials --------------------------------------------------------------------


def _check_draft(store: Store, path_id: int, draft: TutorialDraft) -> TutorialDraft:
    title = draft.title.strip()
    if not title:
        raise RoadmapError("An own tutorial needs a title.")
    if len(title) > MAX_TITLE:
        raise RoadmapError(f"A title can be at most {MAX_TITLE} characters.")
    if not limits.tutorial_hours_ok(draft.hours):
        raise RoadmapError(
            f"Estimated hours must be more than 0 and at most {limits.MAX_TUTORIAL_HOURS:g}."
        )
    if not (1 <= draft.level <= MAX_LEVEL):
        raise RoadmapError("Choose a level.")
    url = draft.url.strip()
    if url and not is_web_url(url):
        raise RoadmapError("The link must be a web address starting with http:// or https://.")
    phase = m.Phase.get_or_none((m.Phase.id == draft.phase_id) & (m.Phase.path == path_id))
    if phase is None:
        raise RoadmapError("Choose a phase of this career path.")
    if (
        draft.skill_id is not None
        and not m.Skill.select()
        .where((m.Skill.id == draft.skill_id) & (m.Skill.path == path_id))
        .exists()
    ):
        raise RoadmapError("Choose a track of this career path.")
    if len(draft.description) > MAX_TEXT:
        raise RoadmapError("The description is too long.")
    return replace(draft, title=title, url=url, description=draft.description.strip())


@uses_store
def add_tutorial(store: Store, path_id: int, draft: TutorialDraft) -> Outcome[int]:
    """Add an own tutorial at the end of its phase; the outcome's value is its id."""
    d = _check_draft(store, path_id, draft)
    with store.db.atomic():
        position = m.Tutorial.select().where(m.Tutorial.phase == d.phase_id).count()
        row = m.Tutorial.create(
            path=path_id, phase=d.phase_id, key=f"own-{uuid.uuid4().hex[:12]}",
            position=position, title=d.title, skill=d.skill_id, level=d.level,
            hours=d.hours, url=d.url, description=d.description, custom=True,
            updated_at=_now(),
        )  # fmt: skip
    tutorial_id = int(row.id)
    return Outcome(changes.tutorials(), partial(delete_tutorial, store, tutorial_id), tutorial_id)


@uses_store
def draft_of(store: Store, tutorial_id: int) -> TutorialDraft:
    t = _tutorial(tutorial_id)
    return TutorialDraft(t.phase_id, t.title, t.skill_id, t.level, t.hours, t.url, t.description)


@uses_store
def update_tutorial(store: Store, tutorial_id: int, draft: TutorialDraft) -> Outcome[None]:
    t = _tutorial(tutorial_id)
    if not t.custom:
        raise RoadmapError("Built-in tutorials cannot be edited; add your notes instead.")
    d = _check_draft(store, t.path_id, draft)
    before = draft_of(store, tutorial_id)
    m.Tutorial.update(
        phase=d.phase_id, title=d.title, skill=d.skill_id, level=d.level, hours=d.hours,
        url=d.url, description=d.description, updated_at=_now(),
    ).where(m.Tutorial.id == tutorial_id).execute()  # fmt: skip
    return Outcome(changes.tutorials(), partial(update_tutorial, store, tutorial_id, before))


@uses_store
def delete_tutorial(store: Store, tutorial_id: int) -> Outcome[DeletedTutorial]:
    """Delete an own tutorial (built-in ones can only be skipped)."""
    t = _tutorial(tutorial_id)
    if not t.custom:
        raise RoadmapError("Built-in tutorials cannot be deleted; mark them Skipped instead.")
    with store.db.atomic():
        row: Any = m.Tutorial.select().where(m.Tutorial.id == tutorial_id).dicts().get()
        kept = DeletedTutorial(
            row=dict(row),
            links=tuple(links(store, tutorial_id)),
        )
        t.delete_instance(recursive=True)
    return Outcome(changes.tutorials(), partial(restore_tutorial, store, kept), kept)


@uses_store
def restore_tutorial(store: Store, deleted: DeletedTutorial) -> Outcome[int]:
    """Put back a deleted own tutorial with the same id, state and links."""
    with store.db.atomic():
        m.Tutorial.insert(**deleted.row).execute()
        tutorial_id = int(str(deleted.row["id"]))
        for i, link in enumerate(deleted.links):
            m.TutorialLink.create(
                id=link.id, tutorial=tutorial_id, position=i, title=link.title, url=link.url
            )
    return Outcome(changes.tutorials(), partial(delete_tutorial, store, tutorial_id), tutorial_id)
