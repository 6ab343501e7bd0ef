"""Fixtures for the PDF tests; the helpers live in report_fixtures (importable by the test modules)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from report_fixtures import EXAMPLES, pdf_text, results_for, star_design  # noqa: E402


@pytest.fixture(scope="session")
def small():
    """An 8-site design (awkward names, one overloaded link), its results, its PDF and the PDF's text."""
    from advisor.report import build_pdf

    design = star_design(8)
    results = results_for(design)
    pdf = build_pdf(design, results)
    return design, results, pdf, pdf_text(pdf)


ISSUED = "2026-03-01"


@pytest.fixture(scope="session")
def example_pdfs():
    """Every bundled example as the customer gets it (issued 1 March 2026): name -> (design, PDF bytes, the
    flowables laid out on each page). The pages are recorded as the document is built; the bytes are the same."""
    import datetime

    from advisor.analysis import analyse
    from advisor.io import load
    from advisor.report import build_pdf
    from advisor.report.doc import ReportDoc

    out = {}
    original = ReportDoc.afterFlowable
    for path in EXAMPLES:
        pages: dict[int, list] = {}

        def record(doc, flowable, pages=pages):
            pages.setdefault(doc.page, []).append(flowable)
            return original(doc, flowable)

        design = load(path).model_copy(update={"issued": datetime.date.fromisoformat(ISSUED)})
        ReportDoc.afterFlowable = record
        try:
            pdf = build_pdf(design, analyse(design, checklist=True))
        finally:
            ReportDoc.afterFlowable = original
        out[path.stem] = (design, pdf, pages)
    return out
