"""A design named with blanks only gets a readable cover and page header."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from advisor.analysis import analyse
from advisor.io import load
from advisor.report import build_pdf

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"


@pytest.mark.parametrize("name", ["   ", ""])
def test_a_blank_design_name_reads_untitled_on_the_cover_and_in_the_header(name, tmp_path):
    design = load(EXAMPLE).model_copy(update={"name": name})
    path = tmp_path / "blank.pdf"
    path.write_bytes(build_pdf(design, analyse(design, checklist=True)))
    reader = PdfReader(path)
    assert "Untitled design" in reader.pages[0].extract_text()  # the cover
    assert "Untitled design" in reader.pages[2].extract_text()  # a body page's header
    assert reader.metadata.title == "Untitled design"
