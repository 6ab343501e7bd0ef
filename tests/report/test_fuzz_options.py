"""Options whose names are made of line breaks (legal: up to 200 characters) head their columns on wrapped lines:
kept as line breaks, they made the table's header row, repeated on every page and never split, taller than a page,
and the document failed to lay out."""

from __future__ import annotations

from report_fixtures import pdf_text, results_for, section_text, star_design

from advisor.model import Scenario
from advisor.report import build_pdf


def test_option_names_of_line_breaks_head_their_columns():
    names = ["q\n" * 95 + f"opt{k}" for k in range(3)]  # 95 line breaks each, 195 characters
    scenarios = tuple(Scenario(name=name, codec="g729") for name in names)
    design = star_design(3).model_copy(update={"scenarios": scenarios})
    text = pdf_text(build_pdf(design, results_for(design)))  # raised ReportError ("too large for a page")
    section = section_text(text, "Options considered")
    for k in range(3):
        assert f"opt{k}" in section
    assert section.split().count("q") >= 3 * 95  # every line of every name printed (in its column's head)
