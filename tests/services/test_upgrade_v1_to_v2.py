"""Upgrading a learner's data from the first edition of the built-in path to the second.

The database is built the way the previous release left it: the version-1 pack
(tests/data/ai-ml-architect-v1.yaml) installed as the built-in path, user state on every
kind of item, and the schema of that release (version 2). Then the app starts as it does
for the user (``startup.open_data_dir``): it migrates the schema and installs the
version-2 pack. Every value the learner made must be exactly as before.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from careerplanner import paths
from careerplanner.content import load_pack
from careerplanner.export.markdown import build_markdown
from careerplanner.services import (
    catalog,
    packs,
    plan,
    practice,
    progress,
    report,
    roadmap,
    settings,
    skills,
    startup,
)
from careerplanner.services import practice_questions as own_questions
from careerplanner.store import migrations, open_store
from careerplanner.store import models as m
from careerplanner.vocab import BookStatus, TutorialStatus

V1 = Path(__file__).resolve().parents[1] / "data" / "ai-ml-architect-v1.yaml"
T0 = datetime(2026, 1, 12, 18, 0, tzinfo=timezone.utc)
REMOVED_WITH_STATE = {"ray-tune", "full-stack-deep-learning", "prometheus-monitoring"}
REMOVED_UNTOUCHED = "kubernetes-autoscaling"
NEW_TUTORIALS = {
    "llm-inference-handbook",
    "mcp-architecture",
    "nist-ai-rmf",
    "google-recsys-course",
}


def _tid(key: str) -> int:
    return int(m.Tutorial.get(m.Tutorial.key == key).id)


def _qid(key: str) -> int:
    return int(m.Question.get(m.Question.key == key).id)


def _work_on_everything(store: Any, path_id: int) -> dict[str, int]:
    """User state on every kind of item; returns the ids of the own items."""
    # Tutorials: statuses, dates, notes, links; on kept, moved, renamed and dropped ones.
    roadmap.set_status(store, _tid("ml-crash-course"), TutorialStatus.DONE, today=date(2025, 11, 3))
    roadmap.set_dates(store, _tid("ml-crash-course"), date(2025, 10, 20), date(2025, 11, 3))
    roadmap.set_notes(store, _tid("ml-crash-course"), "Embeddings module was the best part.")
    roadmap.add_link(store, _tid("ml-crash-course"), "My notebook", "https://example.org/nb")
    roadmap.add_link(store, _tid("ml-crash-course"), "Cheat sheet", "https://example.org/cs")
    roadmap.set_status(
        store, _tid("system-design-primer"), TutorialStatus.IN_PROGRESS, date(2025, 11, 10)
    )
    roadmap.set_notes(store, _tid("system-design-primer"), "Up to caching.")
    roadmap.set_status(store, _tid("kaggle-feature-engineering"), TutorialStatus.SKIPPED)
    roadmap.set_status(store, _tid("hf-llm-course"), TutorialStatus.IN_PROGRESS, date(2025, 12, 1))
    roadmap.set_status(
        store, _tid("airflow-orchestration"), TutorialStatus.DONE, today=date(2025, 12, 5)
    )
    roadmap.add_link(store, _tid("airflow-orchestration"), "My DAGs", "https://example.org/d")
    roadmap.set_status(
        store, _tid("kserve-model-serving"), TutorialStatus.IN_PROGRESS, date(2025, 12, 8)
    )
    roadmap.set_status(
        store, _tid("terraform-get-started"), TutorialStatus.DONE, today=date(2025, 12, 9)
    )
    roadmap.set_status(
        store, _tid("google-sre-book"), TutorialStatus.DONE, today=date(2025, 12, 20)
    )
    roadmap.set_notes(store, _tid("google-sre-book"), "Chapters 4, 6, 10, 14, 15.")
    roadmap.set_status(store, _tid("ray-tune"), TutorialStatus.DONE, today=date(2025, 12, 15))
    roadmap.set_notes(store, _tid("ray-tune"), "ASHA saved half the budget.")
    roadmap.add_link(store, _tid("full-stack-deep-learning"), "Lecture 9", "https://example.org/9")
    roadmap.set_status(
        store, _tid("prometheus-monitoring"), TutorialStatus.IN_PROGRESS, date(2025, 12, 10)
    )
    roadmap.set_notes(store, _tid("prometheus-monitoring"), "Histograms for p99.")
    # Moved between phases in version 2: rules-of-ml to phase 1, Spark to phase 2.
    roadmap.set_status(store, _tid("rules-of-ml"), TutorialStatus.DONE, today=date(2025, 11, 20))
    phases = {p.key: p.id for p in m.Phase.select().where(m.Phase.path == path_id)}
    skill_ids = {s.key: s.id for s in m.Skill.select().where(m.Skill.path == path_id)}
    own_a = roadmap.add_tutorial(
        store,
        path_id,
        roadmap.TutorialDraft(
            phases["ml-platforms-at-scale"],
            "Our platform's runbook",
            skill_ids["cloud-devops"],
            2,
            4.5,
            "https://example.org/runbook",
            "Internal.",
        ),
    ).value
    own_b = roadmap.add_tutorial(
        store,
        path_id,
        roadmap.TutorialDraft(
            phases["architecture-llm-leadership"],
            "Team reading group",
            None,
            1,
            2.0,
        ),
    ).value
    assert own_a is not None and own_b is not None
    roadmap.set_status(store, own_b, TutorialStatus.DONE, today=date(2025, 12, 22))
    roadmap.add_link(store, own_b, "Slides", "https://example.org/slides")
    # Skills: levels, topics, snapshots.
    for key, level in {
        "ml-fundamentals": 2,
        "system-design": 1,
        "data-engineering": 3,
        "ml-infrastructure": 1,
        "cloud-devops": 2,
        "ai-agents-llms": 1,
    }.items():
        skills.set_level(store, skill_ids[key], level)
    for topic in m.Topic.select().where(m.Topic.key.in_(["feature-engineering", "streaming"])):
        skills.set_topic(store, topic.id, True)
    skills.save_snapshot(store, path_id, "Start", now=datetime(2025, 10, 1, 9, 0))
    skills.set_level(store, skill_ids["system-design"], 2)
    skills.save_snapshot(store, path_id, "After the primer", now=datetime(2025, 12, 1, 9, 0))
    # Practice: ratings, attempts (one in a mock), cards, drafts, an own question.
    rtid = _qid("realtime-inference-10k-rps")
    practice.rate(
        store,
        rtid,
        3,
        covered_points=["Model serving patterns", "Latency budgets"],
        duration_s=840.0,
        answer="Load balancer, model servers...",
        now=T0,
    )
    practice.rate(
        store,
        rtid,
        4,
        covered_points=["Caching embeddings"],
        duration_s=600.0,
        answer="Second go.",
        mock=True,
        now=datetime(2026, 1, 20, tzinfo=timezone.utc),
    )
    practice.rate(store, _qid("build-vs-buy"), 2, duration_s=300.0, now=T0)
    practice.save_draft(store, _qid("medallion-architecture"), "Bronze keeps the raw...")
    own_q = own_questions.add_question(
        store,
        path_id,
        own_questions.QuestionDraft(
            "Behavioural",
            "Tell me about a failure",
            "STAR",
            ("Situation", "Action", "Learned"),
        ),
    ).value
    assert own_q is not None
    practice.rate(store, own_q, 1, covered_points=["Situation"], now=T0)
    practice.save_draft(store, own_q, "Next time I will...")
    practice.set_timer_minutes(store, "System Design", 25)
    # Plan settings, reading statuses, an app setting.
    plan.save_settings(
        store,
        path_id,
        plan.PlanSettings(
            hours_per_week=7.5,
            start_date=date(2025, 10, 1),
            target_date=date(2026, 9, 30),
            include_reading=False,
            include_practice=True,
            learner_name="Ada",
        ),
    )
    books = {b.key: b.id for b in m.Book.select().where(m.Book.path == path_id)}
    plan.set_book_status(store, books["designing-ml-systems"], BookStatus.READ)
    plan.set_book_status(store, books["reliable-ml"], BookStatus.READING)
    settings.WINDOW_GEOMETRY.set(store, b"\x01\xd9\xd0\xcb")
    return {"own_a": own_a, "own_b": own_b, "own_q": own_q}


def _rows(model: Any, *order: Any) -> list[dict[str, Any]]:
    return list(model.select().order_by(*order).dicts())


def _user_state() -> dict[str, Any]:
    """Every value the learner made, keyed by stable keys (and the row ids)."""
    tutorial_keys = {t.id: t.key for t in m.Tutorial.select()}
    question_keys = {q.id: q.key for q in m.Question.select()}
    skill_keys = {s.id: s.key for s in m.Skill.select()}
    phase_keys = {p.id: p.key for p in m.Phase.select()}
    tutorials = {}
    for t in m.Tutorial.select():
        state = {
            "id": t.id,
            "status": t.status,
            "started_on": t.started_on,
            "finished_on": t.finished_on,
            "notes": t.notes,
            "updated_at": t.updated_at,
            "links": [
                (link.position, link.title, link.url)
                for link in m.TutorialLink.select()
                .where(m.TutorialLink.tutorial == t)
                .order_by(m.TutorialLink.position)
            ],
        }
        if t.custom:  # an own tutorial: everything about it is the learner's
            state |= {
                "title": t.title,
                "phase": phase_keys[t.phase_id],
                "level": t.level,
                "skill": skill_keys.get(t.skill_id),
                "hours": t.hours,
                "url": t.url,
                "description": t.description,
                "position": t.position,
            }
        tutorials[t.key] = state
    questions = {}
    for q in m.Question.select():
        state = {
            "id": q.id,
            "card": q.card,
            "due": q.due,
            "last_rating": q.last_rating,
            "last_review": q.last_review,
            "draft": q.draft,
        }
        if q.custom:
            points = m.FocusPoint.select().where(m.FocusPoint.question == q)
            state |= {
                "category": q.category,
                "text": q.text,
                "guidance": q.guidance,
                "focus_points": [p.text for p in points.order_by(m.FocusPoint.position)],
            }
        questions[q.key] = state
    attempts = [
        {**a, "question": question_keys[a.pop("question")]} for a in _rows(m.Attempt, m.Attempt.id)
    ]
    return {
        "tutorials": tutorials,
        "questions": questions,
        "attempts": attempts,
        "skills": {s.key: s.level for s in m.Skill.select()},
        "topics": {(skill_keys[t.skill_id], t.key): t.checked for t in m.Topic.select()},
        "snapshots": [
            {k: v for k, v in s.items() if k != "path"} for s in _rows(m.Snapshot, m.Snapshot.id)
        ],
        "books": {b.key: b.status for b in m.Book.select()},
        "plan": [{k: v for k, v in p.items() if k != "path"} for p in _rows(m.PlanSettings)],
        # The backup counter moves with the migration's backup: bookkeeping, not the learner's.
        "settings": {s.key: s.value for s in m.Setting.select() if not settings.is_internal(s.key)},
        "tutorial_keys": set(tutorial_keys.values()),
    }


def _downgrade_schema_to_the_previous_release(db_file: Path) -> None:
    """Remove what migrations 3 and 4 add: the file is then what the previous release wrote."""
    conn = sqlite3.connect(db_file)
    conn.executescript(
        """
        DROP TABLE preparation;
        ALTER TABLE question DROP COLUMN outline;
        ALTER TABLE question DROP COLUMN beyond_source;
        ALTER TABLE book DROP COLUMN note;
        ALTER TABLE tutorial DROP COLUMN percent_done;
        ALTER TABLE plan_settings DROP COLUMN study_times;
        PRAGMA user_version = 2;
        """
    )
    conn.commit()
    conn.close()


@pytest.fixture
def upgraded(tmp_path: Path) -> dict[str, Any]:
    data_dir = tmp_path / "data"
    paths.ensure_data_dir(data_dir)
    db_file = paths.database_path(data_dir)
    store = open_store(db_file)
    v1 = packs.install_pack(store, load_pack(V1), builtin=True)
    own = _work_on_everything(store, v1.path_id)
    before = _user_state()
    done_before = progress.path_progress(store, v1.path_id).overall.done
    store.close()
    _downgrade_schema_to_the_previous_release(db_file)

    store = startup.open_data_dir(data_dir)  # what the app does when it starts
    yield {
        "store": store,
        "path_id": v1.path_id,
        "before": before,
        "own": own,
        "done_before": done_before,
        "backups": paths.backup_dir(data_dir),
    }
    store.close()


def test_the_upgrade_migrates_and_installs_the_second_edition(upgraded: dict[str, Any]) -> None:
    store = upgraded["store"]
    assert migrations.schema_version(store.db) == migrations.current_version()
    assert any(upgraded["backups"].iterdir()), "a backup is taken before migrating"
    path = m.CareerPath.get_by_id(upgraded["path_id"])
    assert (path.pack_version, path.format_version, path.builtin) == (2, 2, True)
    assert [p.id for p in catalog.list_paths(store)] == [upgraded["path_id"]]
    # Starting again changes nothing.
    again = packs.ensure_builtin_pack(store)
    assert not again.created and not again.updated


def test_every_value_of_the_learner_is_kept(upgraded: dict[str, Any]) -> None:
    before, after = upgraded["before"], _user_state()
    for key in ("attempts", "skills", "topics", "snapshots", "books", "plan", "settings"):
        assert after[key] == before[key], key
    # Every question there was keeps its card, due date, rating, draft (and its row id);
    # the new ones come on top.
    assert {k: after["questions"][k] for k in before["questions"]} == before["questions"]
    assert len(after["questions"]) == len(before["questions"]) + 24
    kept = before["tutorial_keys"] - {REMOVED_UNTOUCHED}
    assert after["tutorial_keys"] == kept | NEW_TUTORIALS
    for key in kept:
        assert after["tutorials"][key] == before["tutorials"][key], key
    # The state was really there to keep.
    crash = after["tutorials"]["ml-crash-course"]
    assert (crash["status"], crash["started_on"], crash["finished_on"]) == (
        TutorialStatus.DONE,
        date(2025, 10, 20),
        date(2025, 11, 3),
    )
    assert len(crash["links"]) == 2 and len(after["attempts"]) == 4
    assert (
        after["plan"][0]["learner_name"] == "Ada"
        and after["books"]["reliable-ml"] == BookStatus.READING
    )
    assert practice.timer_minutes(upgraded["store"], "System Design") == 25
    assert (
        progress.path_progress(upgraded["store"], upgraded["path_id"]).overall.done
        == (upgraded["done_before"])
    )


def test_content_is_updated_in_place_around_the_state(upgraded: dict[str, Any]) -> None:
    store, path_id = upgraded["store"], upgraded["path_id"]
    airflow = catalog.tutorial(store, _tid("airflow-orchestration"))
    assert (
        airflow is not None
        and "/tutorial/" in airflow.url
        and airflow.status == TutorialStatus.DONE
    )
    sre = m.Tutorial.get(m.Tutorial.key == "google-sre-book")
    assert sre.phase.key == "ml-platforms-at-scale" and sre.status == TutorialStatus.DONE
    assert sre.skill.key == "cloud-devops" and sre.hours == 16
    rules = m.Tutorial.get(m.Tutorial.key == "rules-of-ml")
    assert rules.phase.key == "foundations" and rules.status == TutorialStatus.DONE
    assert m.Tutorial.get(m.Tutorial.key == "terraform-get-started").hours == 3
    q = next(q for q in catalog.questions(store, path_id) if q.key == "build-vs-buy")
    assert 6 <= len(q.outline) <= 10 and q.prepares and q.last_rating == 2
    notes = {b.key: b.note for b in catalog.books(store, path_id)}
    assert "Catherine Nelson" in notes["building-ml-pipelines"]


def test_dropped_tutorials_with_state_are_retired_and_say_why(upgraded: dict[str, Any]) -> None:
    store, path_id = upgraded["store"], upgraded["path_id"]
    retired = catalog.retired_tutorials(store, path_id)
    assert {t.key for t in retired} == REMOVED_WITH_STATE
    assert all(t.kept_for_user_state and t.retired for t in retired)
    assert {t.retired_note for t in retired} == {"retired: kept because you worked on it"}
    assert m.Tutorial.get_or_none(m.Tutorial.key == REMOVED_UNTOUCHED) is None
    # Shown in the roadmap after the current tutorials of their phase, and in the plan.
    phase3 = next(p for p in catalog.roadmap(store, path_id) if p.key == "ml-platforms-at-scale")
    assert [t.key for t in phase3.tutorials[-2:]] == ["ray-tune", "prometheus-monitoring"]
    assert phase3.tutorials[-3].custom
    prometheus = phase3.tutorials[-1]
    assert (prometheus.status, prometheus.retired) == (TutorialStatus.IN_PROGRESS, True)
    markdown = build_markdown(report.build_report(store, path_id, today=date(2026, 2, 1)))
    ray = next(line for line in markdown.splitlines() if "Ray Tune" in line)
    assert ray.startswith("- [x]") and "retired: kept because you worked on it" in ray


def test_new_items_appear_not_started(upgraded: dict[str, Any]) -> None:
    store, path_id = upgraded["store"], upgraded["path_id"]
    for key in NEW_TUTORIALS:
        t = m.Tutorial.get(m.Tutorial.key == key)
        assert (t.status, t.started_on, t.finished_on, t.notes, t.retired) == (
            TutorialStatus.NOT_STARTED,
            None,
            None,
            "",
            False,
        )
        assert not m.TutorialLink.select().where(m.TutorialLink.tutorial == t).exists()
    new_questions = [q for q in catalog.questions(store, path_id) if q.beyond_source]
    assert len(new_questions) >= 24
    assert all(q.due is None and q.last_rating is None for q in new_questions)
    assert all(not practice.attempts(store, q.id) for q in new_questions)
    bank = practice.question_bank(store, path_id, T0)
    assert [r.key for r in bank[:8]] == [r.key for r in bank if not r.beyond_source][:8]
    assert bank[-1].id == upgraded["own"]["own_q"]  # own questions after the pack's
