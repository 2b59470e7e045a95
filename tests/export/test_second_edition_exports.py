"""The PDF and Markdown plans show the second edition's material: the new tutorials, the
questions beyond the source, the reading notes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from careerplanner.export import MARKDOWN, PDF, export_plan
from careerplanner.services import packs, plan, report
from careerplanner.store import Store

START = date(2026, 1, 5)
NEW_MATERIAL = (
    "LLM Inference Handbook (BentoML)",
    "Model Context Protocol: Architecture Overview",
    "NIST AI Risk Management Framework and its Generative AI Profile",
    "Recommendation Systems (Google for Developers)",
    # Questions beyond the source document, one per category.
    "Design a retrieval-augmented generation (RAG) assistant over 5 million internal documents",
    "How do you prevent training-serving skew?",
    "Design the ingestion pipeline that keeps a RAG knowledge base up to date",
    "How would you set up AI governance for a company adopting generative AI?",
    # A reading note.
    "By Hannes Hapke and Catherine Nelson",
)


def _report(store: Store) -> report.PlanReport:
    path_id = packs.ensure_builtin_pack(store).path_id
    plan.save_settings(store, path_id, plan.PlanSettings(hours_per_week=8, start_date=START))
    return report.build_report(store, path_id, today=START)


def test_markdown_lists_the_new_material(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    export_plan(MARKDOWN, _report(store), out, data_dir=store.path.parent)
    text = out.read_text(encoding="utf-8").replace("\\", "")  # Markdown escapes
    for item in NEW_MATERIAL:
        assert item in text, item
    assert "Ray Tune" not in text and "Full Stack Deep Learning" not in text
    assert "Prometheus Monitoring and Alerting" not in text
    assert text.count("\n- **") == 32  # every question of the bank


def test_pdf_lists_the_new_material(qapp: object, store: Store, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    export_plan(PDF, _report(store), out, data_dir=store.path.parent)
    flat = " ".join(
        " ".join(page.extract_text() or "" for page in PdfReader(str(out)).pages).split()
    )
    for item in NEW_MATERIAL:
        assert item in flat, item
    assert "0 of 32 tutorials done" in flat
