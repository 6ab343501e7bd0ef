"""Same input, same bytes (reportlab invariant mode); the design rides inside the PDF and comes back equal."""

from __future__ import annotations

import io

from pypdf import PdfReader
from report_fixtures import results_for, star_design

from advisor.model import Design
from advisor.report import build_pdf, extract_design


def test_two_builds_are_byte_identical(small):
    design, results, pdf, _ = small
    assert build_pdf(design, results) == pdf


def test_different_designs_give_different_pdfs(small):
    design, _, pdf, _ = small
    other = design.model_copy(update={"name": design.name + " v2"})
    assert build_pdf(other, results_for(other)) != pdf


def test_design_round_trips_through_the_pdf(small):
    design, _, pdf, _ = small
    text = extract_design(pdf)
    assert text == design.model_dump_json(indent=2)
    assert Design.model_validate_json(text) == design


def test_attachment_is_a_standard_embedded_file_named_design_json(small):
    design, _, pdf, _ = small
    attachments = PdfReader(io.BytesIO(pdf)).attachments
    assert list(attachments) == ["design.json"]
    assert Design.model_validate_json(attachments["design.json"][0]) == design


def test_io_load_opens_the_pdf(tmp_path, small):
    from advisor.io import load

    design, _, pdf, _ = small
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    assert load(path) == design


def test_pdfs_without_a_design_give_none():
    assert extract_design(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF") is None
    assert extract_design(b"not a pdf") is None
    assert extract_design(b"%PDF-1.4\n4 0 obj\n<< /Type /EmbeddedFile /Length 999999 >>\nstream\n\x00\x01") is None


def test_unicode_design_round_trips():
    design = star_design(4, names=("Zürich", "Αθήνα", "東京"))
    pdf = build_pdf(design, results_for(design))
    assert Design.model_validate_json(extract_design(pdf)) == design


def test_same_design_and_issued_day_give_the_same_bytes_whatever_the_clock(monkeypatch):
    import datetime

    design = star_design(4).model_copy(update={"issued": datetime.date(2026, 3, 1)})
    results = results_for(design)
    first = build_pdf(design, results)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")  # reportlab would otherwise stamp this time
    assert build_pdf(design, results) == first
    later = design.model_copy(update={"issued": datetime.date(2026, 3, 2)})
    assert build_pdf(later, results) != first  # the day is part of the document
