"""Make a large data folder for the benchmark: years of heavy use of Career Planner.

    python bench/generate.py OUT_DIR [--scale 1.0] [--seed 7]

At scale 1 the folder holds, besides the built-in path:

- 10 career paths of 300 tutorials each (synthetic packs, parsed and validated by the
  app's own pack loader and installed by its pack installer), the first one selected;
- 5 years of daily activity: tutorials started and finished on dates spread over five
  years, skill levels and ticked topics;
- 100,000 practice attempts on the selected path's questions, with each question's
  spaced-repetition state written by the app's own FSRS code for its last review;
- 3,000 assessment snapshots of the selected path.

Everything goes through the app's store layer (``open_store``, ``ensure_builtin_pack``,
``install_pack``) and bulk Peewee inserts in transactions. ``--scale`` shrinks (or
grows) every count, so that the tests can run a small version.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from careerplanner import paths
from careerplanner.content import parse_pack
from careerplanner.services import packs, practice, settings
from careerplanner.store import Store, open_store
from careerplanner.store import models as m
from careerplanner.vocab import TutorialStatus

PATHS = 10
TUTORIALS_PER_PATH = 300
PHASES_PER_PATH = 6
SKILLS_PER_PATH = 8
TOPICS_PER_SKILL = 6
QUESTIONS_PER_PATH = 40
ATTEMPTS = 100_000
SNAPSHOTS = 3_000
YEARS = 5
CATEGORIES = ("System Design", "ML Architecture", "Data Engineering", "Leadership")
LEVELS = ("Beginner", "Intermediate", "Advanced")
WORDS = (
    "feature", "store", "model", "registry", "canary", "rollout", "batch", "inference",
    "streaming", "lakehouse", "observability", "drift", "retrieval", "agents", "guardrails",
    "latency", "throughput", "sharding", "caching", "embeddings", "evaluation", "governance",
    "lineage", "orchestration", "serving", "kubernetes", "pipelines",
)  # fmt: skip


@dataclass(frozen=True)
class Counts:
    paths: int
    tutorials_per_path: int
    questions_per_path: int
    attempts: int
    snapshots: int
    days: int

    @staticmethod
    def at(scale: float) -> Counts:
        def n(value: int, least: int = 1) -> int:
            return max(least, round(value * scale))

        return Counts(
            paths=n(PATHS, 2),
            tutorials_per_path=n(TUTORIALS_PER_PATH, PHASES_PER_PATH),
            questions_per_path=n(QUESTIONS_PER_PATH, 4),
            attempts=n(ATTEMPTS, 10),
            snapshots=n(SNAPSHOTS, 3),
            days=n(YEARS * 365 + 1, 30),
        )


def path_key(index: int) -> str:
    return f"bench-path-{index + 1:02d}"


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def pack_text(index: int, counts: Counts, rng: random.Random) -> str:
    """A valid pack (the app's YAML format) with ``counts.tutorials_per_path`` tutorials."""
    skills = [f"skill-{s + 1}" for s in range(SKILLS_PER_PATH)]
    out = [
        "format_version: 1",
        f"id: {path_key(index)}",
        "version: 1",
        f"title: Benchmark Path {index + 1}",
        "tagline: A synthetic career path made by bench/generate.py.",
        "role:",
        f"  summary: {json.dumps(_words(rng, 40))}",
        "  responsibilities:",
    ]
    for r in range(4):
        out.append(
            f"    - {{title: Responsibility {r + 1}, description: {json.dumps(_words(rng, 12))}}}"
        )
    out += [f"  audience: {json.dumps(_words(rng, 20))}", "skills:"]
    for s, key in enumerate(skills):
        out += [
            f"  - id: {key}",
            f"    name: Skill {s + 1} {rng.choice(WORDS).title()}",
            f"    target: {rng.choice(LEVELS)}",
            "    topics:",
        ]
        out += [
            f"      - {{id: topic-{t + 1}, name: Topic {s + 1}.{t + 1}}}"
            for t in range(TOPICS_PER_SKILL)
        ]
    out.append("phases:")
    per_phase = counts.tutorials_per_path // PHASES_PER_PATH
    extra = counts.tutorials_per_path % PHASES_PER_PATH
    number = 0
    for p in range(PHASES_PER_PATH):
        out += [
            f"  - id: phase-{p + 1}",
            f"    title: {_words(rng, 3).title()}",
            f"    summary: {json.dumps(_words(rng, 25))}",
            "    tutorials:",
        ]
        for _ in range(per_phase + (1 if p < extra else 0)):
            number += 1
            out += [
                f"      - id: tutorial-{number}",
                f"        title: Tutorial {number} - {_words(rng, 4).title()}",
                f"        skill: {rng.choice(skills)}",
                f"        level: {rng.choice(LEVELS)}",
                f"        hours: {rng.choice((1, 2, 3, 4.5, 6, 8, 12))}",
                f"        url: https://example.org/bench/{index + 1}/{number}",
                f"        description: {json.dumps(_words(rng, 45))}",
            ]
    out.append("questions:")
    for q in range(counts.questions_per_path):
        points = ", ".join(json.dumps(_words(rng, 4)) for _ in range(4))
        out += [
            f"  - id: question-{q + 1}",
            f"    category: {CATEGORIES[q % len(CATEGORIES)]}",
            f"    text: {json.dumps('How would you design ' + _words(rng, 8) + '?')}",
            f"    guidance: {json.dumps(_words(rng, 20))}",
            f"    focus_points: [{points}]",
        ]
    out.append("tips:")
    out += [f"  - {json.dumps(_words(rng, 15))}" for _ in range(5)]
    out.append("reading:")
    out += [
        f"  - {{id: book-{b + 1}, title: Book {b + 1}, authors: Author {b + 1}}}" for b in range(5)
    ]
    return "\n".join(out) + "\n"


def _spread(rng: random.Random, start: datetime, days: int) -> datetime:
    return start + timedelta(seconds=rng.randrange(days * 86_400))


def _activity(path_id: int, counts: Counts, start: date, rng: random.Random) -> None:
    """Statuses and dates of the path's tutorials, skill levels and ticked topics."""
    ids = [
        t for (t,) in m.Tutorial.select(m.Tutorial.id).where(m.Tutorial.path == path_id).tuples()
    ]
    updates: list[tuple[int, str, date | None, date | None]] = []
    for tid in ids:
        roll = rng.random()
        if roll < 0.65:
            finished = start + timedelta(days=rng.randrange(counts.days))
            started = finished - timedelta(days=rng.randrange(0, 21))
            updates.append((tid, TutorialStatus.DONE, max(started, start), finished))
        elif roll < 0.75:
            started = start + timedelta(days=rng.randrange(counts.days))
            updates.append((tid, TutorialStatus.IN_PROGRESS, started, None))
        elif roll < 0.80:
            updates.append((tid, TutorialStatus.SKIPPED, None, None))
    now = datetime.now().replace(microsecond=0)
    for tid, status, started, finished in updates:
        m.Tutorial.update(
            status=status, started_on=started, finished_on=finished, updated_at=now,
            notes=_words(rng, 12) if rng.random() < 0.3 else "",
        ).where(m.Tutorial.id == tid).execute()  # fmt: skip
    for skill in m.Skill.select().where(m.Skill.path == path_id):
        m.Skill.update(level=rng.randint(0, 4)).where(m.Skill.id == skill.id).execute()
    m.Topic.update(checked=True).where(
        m.Topic.skill.in_(m.Skill.select(m.Skill.id).where(m.Skill.path == path_id))
        & (m.Topic.position % 2 == 0)
    ).execute()


def _snapshots(path_id: int, counts: Counts, start: datetime, rng: random.Random) -> None:
    skills = list(m.Skill.select().where(m.Skill.path == path_id))
    topics = [
        f"{s.key}/{t.key}" for s in skills for t in m.Topic.select().where(m.Topic.skill == s)
    ]
    rows = []
    for i in range(counts.snapshots):
        # Levels grow over the years, with noise.
        grown = i / max(1, counts.snapshots - 1)
        levels = {s.key: max(0, min(4, round(grown * 4 + rng.uniform(-1, 1)))) for s in skills}
        ticked = [t for t in topics if rng.random() < grown]
        rows.append({
            "path": path_id, "taken_at": _spread(rng, start, counts.days),
            "note": _words(rng, 6) if i % 5 == 0 else "",
            "levels": json.dumps(levels, sort_keys=True), "topics": json.dumps(ticked),
        })  # fmt: skip
    for chunk in range(0, len(rows), 500):
        m.Snapshot.insert_many(rows[chunk : chunk + 500]).execute()


def _attempts(
    store: Store, path_id: int, counts: Counts, start: datetime, rng: random.Random
) -> None:
    """Bulk attempts over five years; each question's last review goes through FSRS."""
    questions = list(m.Question.select().where(m.Question.path == path_id))
    points = {q.id: [fp.text for fp in q.focus_points.order_by(m.FocusPoint.position)]
              for q in questions}  # fmt: skip
    end = start + timedelta(days=counts.days)
    bulk = counts.attempts - len(questions)
    batch: list[dict[str, object]] = []
    for i in range(bulk):
        q = questions[i % len(questions)]
        covered = [p for p in points[q.id] if rng.random() < 0.6]
        batch.append({
            "question": q.id, "reviewed_at": _spread(rng, start, counts.days - 1),
            "duration_s": rng.uniform(60, 900), "covered": len(covered),
            "total": len(points[q.id]), "covered_points": json.dumps(covered),
            "rating": rng.choice((1, 2, 3, 3, 3, 4)),
            "answer": _words(rng, 30) if rng.random() < 0.2 else "", "mock": rng.random() < 0.1,
        })  # fmt: skip
        if len(batch) == 1000:
            m.Attempt.insert_many(batch).execute()
            batch.clear()
    if batch:
        m.Attempt.insert_many(batch).execute()
    # The last review of each question, by the app's scheduler: a real card and due date.
    for q in questions:
        when = (end - timedelta(hours=rng.randrange(1, 24 * 20))).replace(tzinfo=timezone.utc)
        practice.rate(
            store, q.id, rng.choice((2, 3, 4)),
            covered_points=points[q.id][:2], duration_s=300.0, now=when,
        )  # fmt: skip


def generate(out_dir: Path, scale: float = 1.0, seed: int = 7, quiet: bool = True) -> Counts:
    """Write a large data folder to ``out_dir`` (which must not hold a database yet)."""
    counts = Counts.at(scale)
    rng = random.Random(seed)
    db_file = paths.database_path(out_dir)
    if db_file.exists():
        raise FileExistsError(f"{db_file} exists; give an empty folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    store = open_store(db_file)
    started = time.perf_counter()

    def say(text: str) -> None:
        if not quiet:
            print(f"{time.perf_counter() - started:6.1f} s  {text}", file=sys.stderr)

    try:
        packs.ensure_builtin_pack(store)
        today = date.today()
        start_day = today - timedelta(days=counts.days)
        start_dt = datetime.combine(start_day, datetime.min.time())
        path_ids = []
        for i in range(counts.paths):
            pack = parse_pack(pack_text(i, counts, rng).encode(), f"{path_key(i)}.yaml")
            path_ids.append(packs.install_pack(store, pack).path_id)
            say(f"installed {pack.id}")
        with store.db.atomic():
            for pid in path_ids:
                _activity(pid, counts, start_day, rng)
        say("tutorial activity")
        with store.db.atomic():
            _snapshots(path_ids[0], counts, start_dt, rng)
        say(f"{counts.snapshots} snapshots")
        with store.db.atomic():
            _attempts(store, path_ids[0], counts, start_dt, rng)
        say(f"{counts.attempts} attempts")
        settings.ACTIVE_PATH.set(store, path_key(0))
        store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every count")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    counts = generate(args.out_dir, args.scale, args.seed, quiet=False)
    print(f"wrote {args.out_dir}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
