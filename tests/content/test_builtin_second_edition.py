"""The second edition (pack version 2) of the built-in AI/ML Architect path.

Checks what issue-level promises depend on: 4 phases of 8 tutorials, at least four per
track, the swaps of version 2, phase 4's order, corrected hours and links, the seed's
questions unchanged and first, 24 more marked beyond the source, an outline and
preparing tutorials for every question, and every focus point of every seed question
prepared by at least one tutorial that says so in its description. It also pins the
corrections of the expert review, so a wrong figure cannot come back unnoticed, and the
one spelling (American, like the source document) of our own text.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from careerplanner.content import CareerPathPack, load_builtin_pack, load_pack
from careerplanner.content.builtin import builtin_pack_file

V1 = Path(__file__).resolve().parents[1] / "data" / "ai-ml-architect-v1.yaml"


@pytest.fixture(scope="module")
def pack() -> CareerPathPack:
    return load_builtin_pack()


@pytest.fixture(scope="module")
def v1() -> CareerPathPack:
    return load_pack(V1)


def test_it_is_the_second_edition(pack: CareerPathPack, v1: CareerPathPack) -> None:
    assert (pack.version, pack.format_version) == (2, 2)
    assert (v1.version, v1.format_version) == (1, 1)
    assert pack.id == v1.id


def test_four_phases_of_eight_and_at_least_four_per_track(pack: CareerPathPack) -> None:
    assert [len(p.tutorials) for p in pack.phases] == [8, 8, 8, 8]
    per_track = Counter(t.skill for t in pack.tutorials)
    assert set(per_track) == {s.id for s in pack.skills}
    assert min(per_track.values()) >= 4, per_track
    ids = [t.id for t in pack.tutorials]
    assert len(ids) == len(set(ids)) == 32


def test_ids_are_unique_within_every_kind(pack: CareerPathPack) -> None:
    for kind, ids in {
        "phase": [p.id for p in pack.phases],
        "tutorial": [t.id for t in pack.tutorials],
        "skill": [s.id for s in pack.skills],
        "question": [q.id for q in pack.questions],
        "book": [b.id for b in pack.reading],
    }.items():
        assert len(ids) == len(set(ids)), kind


def test_version_2_swaps_four_tutorials_and_keeps_every_other_id(
    pack: CareerPathPack, v1: CareerPathPack
) -> None:
    old, new = {t.id for t in v1.tutorials}, {t.id for t in pack.tutorials}
    assert old - new == {
        "ray-tune",
        "full-stack-deep-learning",
        "kubernetes-autoscaling",
        "prometheus-monitoring",
    }
    assert new - old == {
        "llm-inference-handbook",
        "mcp-architecture",
        "nist-ai-rmf",
        "google-recsys-course",
    }
    assert [p.id for p in pack.phases] == [p.id for p in v1.phases]
    assert [s.id for s in pack.skills] == [s.id for s in v1.skills]
    assert [b.id for b in pack.reading] == [b.id for b in v1.reading]
    phase_of = {t.id: p.id for p in pack.phases for t in p.tutorials}
    assert phase_of["google-sre-book"] == "ml-platforms-at-scale"  # moved from phase 4
    assert phase_of["llm-inference-handbook"] == "ml-platforms-at-scale"
    # The recommendation course takes Prometheus's place in phase 3; the SRE book, whose
    # monitoring and alerting chapters replace it, counts for the monitoring track.
    assert phase_of["google-recsys-course"] == "ml-platforms-at-scale"
    skill_of = {t.id: t.skill for t in pack.tutorials}
    assert (skill_of["google-recsys-course"], skill_of["google-sre-book"]) == (
        "system-design",
        "cloud-devops",
    )
    # Rules of ML sits beside the technical-debt paper; Spark opens the data phase.
    foundations = [t.id for t in pack.phases[0].tutorials]
    assert foundations.index("rules-of-ml") == foundations.index("hidden-technical-debt-ml") + 1
    assert pack.phases[1].tutorials[0].id == "spark-sql-guide"


def test_phase_4_runs_patterns_rag_evaluation_agents_mcp_security(pack: CareerPathPack) -> None:
    order = [t.id for t in pack.phases[3].tutorials]
    llm = [
        "llm-patterns",
        "advanced-rag-cookbook",
        "llm-evals",
        "building-effective-agents",
        "mcp-architecture",
        "owasp-llm-top-10",
    ]
    assert [t for t in order if t in llm] == llm
    assert order.index("owasp-llm-top-10") < order.index("nist-ai-rmf")


def test_corrected_hours_links_and_descriptions(pack: CareerPathPack) -> None:
    t = {x.id: x for x in pack.tutorials}
    assert t["terraform-get-started"].hours == 3
    hf = t["hf-llm-course"]
    assert hf.hours >= 24 and "chapter" in hf.description  # chapters in scope are named
    assert "/tutorial/" in t["airflow-orchestration"].url
    assert "assets" in t["airflow-orchestration"].description
    assert "model-registry" in t["mlflow-tracking-registry"].url
    kserve = t["kserve-model-serving"].description
    assert "Knative" in kserve and "scale to zero" in kserve and "canary" in kserve
    assert "embedding" not in t["system-design-primer"].description
    medallion = t["medallion-architecture"].description
    assert "enriched" not in medallion and "business-level" in medallion
    assert "EU AI Act" in t["nist-ai-rmf"].description
    assert "Generative AI Profile" in t["nist-ai-rmf"].description
    assert "digital-strategy.ec.europa.eu" in t["nist-ai-rmf"].description
    # Airflow 3: cron schedules make no data interval and catch-up is off by default.
    assert "no longer creates a data interval" in t["airflow-orchestration"].description
    assert "catch-up is off by default" in t["airflow-orchestration"].description
    # MCP 2026-07-28: stateless; sampling deprecated; elicitation the client feature left.
    mcp = t["mcp-architecture"].description
    assert "stateless" in mcp and "elicitation" in mcp and "sampling, roots and logging" in mcp
    assert "Authorization" in mcp and "sampling back" not in mcp
    owasp = t["owasp-llm-top-10"]
    assert "2026" in owasp.url and "2026 edition" in owasp.title
    assert "Agentic Applications" in owasp.description
    assert "item IDs" in t["llm-patterns"].description  # semantic caching can be wrong
    sre = t["google-sre-book"]
    assert sre.hours == 16 and "workbook/alerting-on-slos" in sre.description
    kafka = t["kafka-streaming"].description
    assert "KRaft" in kafka and "grace periods" in kafka and "exactly-once" in kafka
    assert "every programmer should" in t["system-design-primer"].description
    assert "OpenTofu" in t["terraform-get-started"].description
    assert "deletion vectors" in t["delta-lake-docs"].description
    handbook = t["llm-inference-handbook"].description
    assert "disaggregation" in handbook and "speculative decoding" in handbook
    for x in pack.tutorials:
        assert x.url.startswith("https://"), x.id
        assert len(x.description) >= 80, x.id
        assert 0 < x.hours <= 40, x.id


def test_seed_questions_are_first_and_unchanged(pack: CareerPathPack, v1: CareerPathPack) -> None:
    for old, new in zip(v1.questions, pack.questions[:8], strict=True):
        assert (new.id, new.category, new.text, new.guidance, new.focus_points) == (
            old.id,
            old.category,
            old.text,
            old.guidance,
            old.focus_points,
        )
        assert not new.beyond_source


def test_at_least_24_more_questions_six_per_category(pack: CareerPathPack) -> None:
    seed_categories = list(dict.fromkeys(q.category for q in pack.questions[:8]))
    more = pack.questions[8:]
    assert len(more) >= 24
    assert all(q.beyond_source for q in more)
    counts = Counter(q.category for q in more)
    assert set(counts) == set(seed_categories)
    assert min(counts.values()) >= 6, counts
    for q in more:
        assert len(q.focus_points) >= 3, q.id
        assert q.guidance, q.id


NUMBER = re.compile(r"\d")


def test_every_question_has_an_outline_and_preparing_tutorials(pack: CareerPathPack) -> None:
    tutorial_ids = {t.id for t in pack.tutorials}
    for q in pack.questions:
        assert 6 <= len(q.outline) <= 10, (q.id, len(q.outline))
        assert len(set(q.outline)) == len(q.outline), q.id
        assert all(20 <= len(point) <= 400 for point in q.outline), q.id
        # The numbers an architect would quote: most outlines carry figures.
        assert q.prepares and set(q.prepares) <= tutorial_ids, q.id
        assert len(set(q.prepares)) == len(q.prepares), q.id
    with_figures = [q.id for q in pack.questions if any(NUMBER.search(p) for p in q.outline)]
    assert len(with_figures) >= len(pack.questions) - 2, set(q.id for q in pack.questions) - set(
        with_figures
    )


# Every focus point of every seed question, with words that show a tutorial prepares it.
# At least one tutorial in the question's `prepares` must use one of them in its title or
# description.
PREPARED_BY = {
    "realtime-inference-10k-rps": {
        "Model serving patterns": ["serving"],
        "Caching embeddings": ["precomputed embeddings"],
        "Horizontal scaling": ["horizontal", "autoscaling"],
        "Latency budgets": ["latency budget", "latency"],
    },
    "feature-store-design": {
        "Offline/online stores": ["offline and online stores"],
        "Feature freshness": ["fresh", "streaming features"],
        "Point-in-time correctness": ["point-in-time"],
        "Data consistency": ["training-serving skew"],
    },
    "batch-vs-realtime-inference": {
        "Latency": ["latency"],
        "Cost": ["cost"],
        "Freshness": ["freshness"],
        "Model complexity": ["model complexity"],
        "When to use each approach": ["batch versus real-time"],
    },
    "model-versioning-rollback": {
        "Model registry": ["model registry"],
        "A/B testing": ["a/b test"],
        "Canary deployments": ["canary"],
        "Monitoring for drift": ["drift"],
    },
    "training-data-etl": {
        "Data validation": ["validation"],
        "Schema evolution": ["schema evolution"],
        "Incremental processing": ["incremental processing"],
        "Data lineage": ["lineage"],
    },
    "medallion-architecture": {
        "Bronze/silver/gold layers": ["bronze"],
        "Quality gates": ["quality gate"],
        "Feature engineering at each stage": ["where ml features are built", "feature engineering"],
    },
    "build-vs-buy": {
        "Team expertise": ["which teams", "how much a team has to run"],
        "Maintenance burden": ["maintenance burden"],
        "Vendor lock-in": ["locked in"],
        "Total cost of ownership": ["total cost of ownership"],
    },
    "ml-observability": {
        "Model metrics": ["model metrics"],
        "Data quality monitoring": ["data-quality"],
        "Alerting thresholds": ["alerting"],
        "Incident response": ["incident"],
    },
}


def test_every_seed_focus_point_is_prepared_by_a_tutorial(pack: CareerPathPack) -> None:
    tutorials = {t.id: f"{t.title} {t.description}".lower() for t in pack.tutorials}
    seed = {q.id: q for q in pack.questions if not q.beyond_source}
    assert set(PREPARED_BY) == set(seed)
    for qid, table in PREPARED_BY.items():
        q = seed[qid]
        assert set(table) == set(q.focus_points), qid
        for point, words in table.items():
            preparing = [t for t in q.prepares if any(w.lower() in tutorials[t] for w in words)]
            assert preparing, f"{qid}: nothing in prepares covers {point!r} ({words})"


def test_reading_list_notes(pack: CareerPathPack) -> None:
    notes = {b.id: b.note for b in pack.reading}
    assert all(notes.values())
    assert "article" in notes["mlops-continuous-delivery"].lower()
    assert pack.reading[4].id == "mlops-continuous-delivery"  # the fifth entry
    assert "Catherine Nelson" in notes["building-ml-pipelines"]


# Corrections of the expert review of the second edition, pinned in the outlines: what a
# corrected point must say, and the wrong version that must not come back.
REVIEWED_OUTLINES = {
    "realtime-inference-10k-rps": (
        ["p99 under 100 ms", "99% of requests under 100 ms"],
        ["99.9% of requests under 100 ms"],
    ),
    "model-versioning-rollback": (["@champion", "deprecated since 2.9"], ["alias or stage"]),
    "medallion-architecture": (
        ["Features in bronze — none:", "casting happens on the way to silver"],
        ["none beyond parsing"],
    ),
    "personal-data-in-ml": (
        ["deletion vectors", "REORG TABLE", "change-data-feed"],
        ["only hides rows"],
    ),
    "reproducible-training-data": (
        ["transaction log", "after 30 days", "5 days"],
        ["reaches back only as long"],
    ),
    "rag-ingestion-pipeline": (
        ["~3 billion tokens", "a few hundred dollars"],
        ["take hours and real money"],
    ),
    "llm-serving-platform": (
        ["~320 KB", "~125", "H200", "speculative decoding"],
        ["four 80 GB GPUs with tensor parallelism to leave"],
    ),
    "serving-cost-reduction": (["strict threshold", "batch APIs", "reasoning effort"], []),
    "llm-app-evaluation": (["true-negative rates"], ["until they agree"]),
    "streaming-feature-pipeline": (["checkpoints", "de-duplicate by event id"], []),
    "ai-governance": (["February 2025", "2 December 2027", "August 2028", "ISO/IEC 42001"], []),
    "tool-using-agent-design": (["OAuth token", "tool poisoning"], []),
    "ml-observability": (["OpenTelemetry", "0.1–0.25"], ["0.2 is"]),
    "rag-assistant-design": (["int8", "rescoring"], []),
    "fraud-detection-design": (["120 days"], []),
    "metrics-and-business-kpis": (["P(churn) > 5/100 = 0.05"], []),
    "build-vs-buy": (["OpenTofu"], []),
}


def test_the_review_corrections_hold(pack: CareerPathPack) -> None:
    questions = {q.id: q for q in pack.questions}
    for qid, (present, absent) in REVIEWED_OUTLINES.items():
        outline = " ".join(questions[qid].outline)
        for words in present:
            assert words in outline, (qid, words)
        for words in absent:
            assert words not in outline, (qid, words)
    # A recommendation design is prepared first by the course that teaches it.
    assert questions["recommendation-system-design"].prepares[0] == "google-recsys-course"
    assert "sklearn-model-selection" in questions["recommendation-system-design"].prepares


PSI_LEVEL = re.compile(r"\b0\.\d+")


def test_psi_thresholds_follow_one_convention(pack: CareerPathPack) -> None:
    """Below 0.1 stable, 0.1–0.25 investigate, above 0.25 act: stated once, used everywhere."""
    points = [p for q in pack.questions for p in q.outline if "PSI" in p]
    assert len(points) >= 2
    for point in points:
        assert set(PSI_LEVEL.findall(point)) <= {"0.1", "0.25"}, point
    assert sum("below 0.1 stable" in p for p in points) == 1


BRITISH = re.compile(
    r"\b(?:\w*(?:quant|optim|organ|util|material|minim|random|memor|pseudonym|priorit"
    r"|summar|recogn|special|standard|normal|author|visual|initial|serial|parallel)"
    r"is(?:e|ed|es|ing|ation|ations)"
    r"|\w*(?:behaviour|colour|favour|neighbour)\w*|catalogues?"
    r"|labell(?:ed|ing)|modell(?:ed|ing)|cancell(?:ed|ing)|travell(?:ed|ing)|signall(?:ed|ing)"
    r"|licences?|practise[sd]?|towards|analys(?:e|ed|es|ing)|centre|defence|judgement|programme"
    r"|distils?|fulfils?|enrols?)\b",
    re.IGNORECASE,
)


def test_our_text_has_one_spelling_american_like_the_source() -> None:
    text = builtin_pack_file().read_text(encoding="utf-8")
    assert not sorted(set(BRITISH.findall(text)))
