"""A snapshot against the current assessment: what changed, and whether anything did."""

from __future__ import annotations

from datetime import datetime

from careerplanner.services import packs, skills
from careerplanner.store import Store


def test_delta_and_same_as_now(store: Store) -> None:
    path_id = packs.ensure_builtin_pack(store).path_id
    items = skills.assessment(store, path_id)
    ml, sd = items[0], items[1]
    skills.set_level(store, ml.id, 2)
    skills.set_topic(store, ml.topics[0].id, True)
    then = skills.save_snapshot(store, path_id, "then", now=datetime(2026, 1, 5, 9, 0)).value
    assert then is not None
    items = skills.assessment(store, path_id)
    assert skills.same_as_now([then], items) == {then.id}
    assert skills.delta(then, items).describe() == "no change"

    skills.set_level(store, ml.id, 1)
    skills.set_level(store, sd.id, 3)
    skills.set_topic(store, ml.topics[0].id, False)
    skills.set_topic(store, ml.topics[1].id, True)
    skills.set_topic(store, sd.topics[0].id, True)
    items = skills.assessment(store, path_id)
    assert skills.same_as_now([then], items) == set()
    change = skills.delta(then, items)
    assert change.levels == (("ML Fundamentals", -1), ("System Design", 3))
    assert change.describe() == (
        "ML Fundamentals \u22121, System Design +3 · 2 topics ticked · 1 topic unticked"
    )
    # A skill the snapshot did not know counts from None; a retired one is left out.
    old = skills.SnapshotItem(0, datetime(2025, 1, 1), "", (("gone", 4),), ("gone/x",))
    assert skills.delta(old, items).levels == (("ML Fundamentals", 1), ("System Design", 3))
