"""The built-in AI/ML Architect pack holds every fact of the seed document."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from careerplanner.content import CareerPathPack, load_builtin_pack
from careerplanner.vocab import level_name

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "ai-ml-architect-career-path.txt"

# Seed lines that are not facts to copy but are shown another way, with where.
SHOWN_OTHERWISE = {
    "4 Phases": "counted from the pack (phases)",
    "~32 Curated Tutorials": "counted from the pack (tutorials)",
    "6 Tracks": "counted from the pack (skills)",
    "Role Overview": "a section heading in the Overview tab",
    "Who This Path Is For": "a section heading in the Overview tab",
    "Skills Checklist": "a section heading in the Skills tab",
    "Learning Roadmap": "the Roadmap tab",
    "Interview Preparation": "a section heading in the Interview Practice tab",
    "Interview Tips": "a section heading in the Interview Practice tab",
    "Resources": "the Study Plan tab",
    "Recommended Reading": "a section heading in the Study Plan tab",
}


@pytest.fixture(scope="module")
def pack() -> CareerPathPack:
    return load_builtin_pack()


def _norm(text: str) -> str:
    text = text.lower().replace("—", "-").replace("–", "-")
    text = re.sub(r"[^a-z0-9%/&+(). -]+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .")


def _pack_texts(pack: CareerPathPack) -> list[str]:
    texts = [
        pack.title,
        f"{pack.title} Career Path",  # the Overview tab's heading
        pack.tagline,
        pack.role.summary,
        pack.role.audience,
        pack.skills_intro,
        pack.roadmap_intro,
        pack.questions_intro,
        pack.reading_intro,
    ]
    for r in pack.role.responsibilities:
        texts += [r.title, r.description]
    for s in pack.skills:
        texts += [s.name, level_name(s.target), ", ".join(t.name for t in s.topics)]
    for q in pack.questions:
        texts += [q.category, q.text, q.guidance, *q.focus_points]
    texts += list(pack.tips)
    for b in pack.reading:
        texts += [f"{b.title} by {b.authors}", f"{b.title} ({b.authors})"]
    return [_norm(t) for t in texts if t]


def test_every_fact_of_the_seed_is_in_the_pack(pack: CareerPathPack) -> None:
    if not SEED.exists():
        pytest.skip("the seed document lives beside the checkout (../shared/seed), not in it")
    haystack = "\n".join(_pack_texts(pack))
    missing = []
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = raw.strip().lstrip("•").strip()
        if not line or line in SHOWN_OTHERWISE:
            continue
        if "LIZIU" in line:
            # Names another site's tutorials; our roadmap links canonical resources instead.
            assert "roadmap" in pack.roadmap_intro.lower()
            continue
        if _norm(line) not in haystack:
            missing.append(line)
    assert not missing, "seed lines not found in the built-in pack:\n" + "\n".join(missing)


def test_counts_and_targets_match_the_seed(pack: CareerPathPack) -> None:
    assert len(pack.phases) == 4
    assert [len(p.tutorials) for p in pack.phases] == [8, 8, 8, 8]
    targets = {s.name: level_name(s.target) for s in pack.skills}
    assert targets == {
        "ML Fundamentals": "Intermediate",
        "System Design": "Advanced",
        "Data Engineering": "Intermediate",
        "ML Infrastructure": "Advanced",
        "Cloud & DevOps": "Intermediate",
        "AI Agents & LLMs": "Intermediate",
    }
    seed = [q for q in pack.questions if not q.beyond_source]
    assert len(seed) == 8 and pack.questions[:8] == tuple(seed)  # the seed's eight first
    assert Counter(q.category for q in seed) == {
        "System Design": 2,
        "ML Architecture": 2,
        "Data Engineering": 2,
        "Leadership": 2,
    }
    assert len(pack.tips) == 5
    assert len(pack.reading) == 5
    assert [r.title for r in pack.role.responsibilities] == [
        "Design ML Systems",
        "Select Technology Stack",
        "Lead Technical Decisions",
        "Bridge Business & Engineering",
    ]


def test_tutorials_are_complete_and_every_track_has_four(pack: CareerPathPack) -> None:
    per_track = Counter(t.skill for t in pack.tutorials)
    assert set(per_track) == {s.id for s in pack.skills}
    assert min(per_track.values()) >= 4
    ids = [t.id for t in pack.tutorials]
    assert len(ids) == len(set(ids)) == 32
    for t in pack.tutorials:
        assert t.url.startswith("https://"), t.id
        assert len(t.description) >= 80, t.id
        assert 0 < t.hours <= 200, t.id


def test_tutorials_prepare_for_every_interview_question(pack: CareerPathPack) -> None:
    corpus = " ".join(f"{t.title} {t.description}".lower() for t in pack.tutorials)
    for theme in (
        "feature store",
        "medallion",
        "registry",
        "canary",
        "batch",
        "real-time",
        "observability",
        "retrieval",
        "agent",
        "build",
        "drift",
        "lineage",
        "schema",
        "kubernetes",
        "terraform",
        "streaming",
        "experiment tracking",
        "hyperparameter",
        "evaluation",
        "guardrail",
    ):
        assert theme in corpus, f"no tutorial covers {theme!r}"
