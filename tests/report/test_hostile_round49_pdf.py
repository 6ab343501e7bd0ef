"""Round 49 of the hostile-input hunt, the PDF: texts that show nothing.

- A design named with characters that show nothing (a zero-width space, a joiner) printed an empty cover title, empty
  page headers and an empty PDF title, where a name of blanks prints "Untitled design"; a customer of one zero-width
  space printed an empty cover row, where an empty customer prints '—'; notes of zero-width spaces printed a
  "Designer's notes" heading over nothing.
- A site, cloud or link whose name is blanks ('   ') or a zero-width space printed an empty row in the sites table
  (and an empty label wherever the document names it), while the findings call it by its id.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from report_fixtures import pdf_text, results_for, section_text, star_design

from advisor.report import build_pdf, sections

UNSEEN = ["\u200b", "\u200b\u200d", "\u2060\ufeff", "\u200e", " \u00a0 "]


def _pdf(design) -> bytes:
    return build_pdf(design, results_for(design))


@pytest.mark.parametrize("name", UNSEEN)
def test_a_design_name_that_shows_nothing_is_printed_as_untitled(name):
    pdf = _pdf(star_design(3).model_copy(update={"name": name}))
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Untitled design"
    assert "Untitled design" in reader.pages[0].extract_text()
    assert reader.pages[1].extract_text().startswith("Untitled design")  # the page header


def test_a_customer_and_notes_that_show_nothing_print_as_none():
    design = star_design(3).model_copy(update={"customer": "\u200b", "author": "\u200d", "notes": "\u200b\u2060"})
    text = pdf_text(_pdf(design))
    cover = text[:text.index("Contents")]
    assert "Customer —" in " ".join(cover.split())
    assert "Author" not in cover
    assert "Designer's notes" not in text


def test_visible_names_notes_and_customers_still_print():
    design = star_design(3).model_copy(update={"notes": "Ask about the \u200bSIP trunk"})
    text = pdf_text(_pdf(design))
    assert "Contoso AG" in text and "Designer's notes" in text and "Contoso <WAN> & voice" in text


def test_parts_named_with_blanks_or_nothing_visible_are_named_by_their_id():
    base = star_design(4)
    sites = list(base.sites)
    sites[1] = sites[1].model_copy(update={"name": "   "})
    sites[2] = sites[2].model_copy(update={"name": "\u200b"})
    design = base.model_copy(update={"sites": tuple(sites)})
    text = pdf_text(_pdf(design))
    rows = section_text(text, "Sites")
    assert " b1 " in f" {rows} " and " b2 " in f" {rows} "
    assert "\u200b" not in rows


def test_the_pdf_carries_the_names_as_the_design_has_them():
    from advisor.io import parse
    from advisor.report.embed import extract_design

    base = star_design(3)
    sites = list(base.sites)
    sites[1] = sites[1].model_copy(update={"name": "\u200b"})
    design = base.model_copy(update={"sites": tuple(sites)})
    assert parse(extract_design(_pdf(design))).sites[1].name == "\u200b"


def test_labelled_keeps_the_design_when_every_name_shows():
    design = star_design(3)
    assert sections.labelled(design) is design
