"""Fixtures for the PDF tests; the helpers live in report_fixtures (importable by the test modules)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from report_fixtures import pdf_text, results_for, star_design  # noqa: E402


@pytest.fixture(scope="session")
def small():
    """An 8-site design (awkward names, one overloaded link), its results, its PDF and the PDF's text."""
    from advisor.report import build_pdf

    design = star_design(8)
    results = results_for(design)
    pdf = build_pdf(design, results)
    return design, results, pdf, pdf_text(pdf)
