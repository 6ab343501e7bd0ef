"""A bill-of-materials line shared by hundreds of sites: their names fill rows that each fit a page, so the
document is laid out (it used to stop with reportlab's LayoutError: 250 long names in one row, and the one-row
spans of consecutive name rows merged into one cell taller than a page); and a layout failure names its section."""

from __future__ import annotations

import io
import re

import pytest
from report_fixtures import pdf_text, results_for, section_text, star_design
from reportlab.platypus import Spacer

from advisor.report import ReportError, build_pdf, fonts, styles
from advisor.report.doc import ReportDoc, SectionHeading
from advisor.report.materials import LINES_PER_ROW, name_rows
from advisor.report.tables import PADDING, merge_rows

LEADING = 9.2  # table cells: 7.5 pt text on a 9.2 pt leading (styles.table_style)
TOP_BOTTOM_PADDING = 2 + 2.5  # 2 pt above and 2.5 pt below each cell (styles.table_style)
WORDS = " near the old river crossing of the northern industrial estate, second building, third floor"


@pytest.fixture(autouse=True)
def _fonts():
    fonts.register()


def _long_name(i: int) -> str:
    return f"Branch {i:03d}{WORDS}"  # 101 characters: one to two lines of the full-width row each


def test_a_names_row_is_far_shorter_than_a_page():
    # LINES_PER_ROW lines of 9.2 pt plus padding: 30 x 9.2 + 4.5 = 280.5 pt, under half the 722.8 pt frame.
    assert LINES_PER_ROW * LEADING + TOP_BOTTOM_PADDING < styles.FRAME_HEIGHT / 2


def test_names_rows_give_back_every_name_in_order():
    names = [_long_name(i) for i in range(1, 301)]
    rows = name_rows(names, styles.FRAME_WIDTH - 2 * PADDING)
    assert all(isinstance(row, str) for row in rows)  # plain Latin text: broken into lines, no Paragraph
    lines = [line for row in rows for line in row.split("\n")]
    # every row but the last holds LINES_PER_ROW lines; 300 names of 101 characters need many rows
    assert [len(row.split("\n")) for row in rows[:-1]] == [LINES_PER_ROW] * (len(rows) - 1)
    assert 1 <= len(rows[-1].split("\n")) <= LINES_PER_ROW and len(rows) >= 3
    assert " ".join(lines) == "At: " + ", ".join(names)


def test_names_that_need_a_paragraph_come_ten_a_row():
    names = [f"東京 {i}" for i in range(1, 26)]  # CJK: only a Paragraph lays these out
    rows = name_rows(names, styles.FRAME_WIDTH - 2 * PADDING)
    assert len(rows) == 3  # 25 names, 10 a row: 10 + 10 + 5
    texts = [re.sub("<[^>]+>", "", row.text) for row in rows]  # less the font switches
    assert [text.count("東京") for text in texts] == [10, 10, 5]
    assert texts[0].startswith("At: 東京 1, ") and texts[0].endswith("東京 10,") and texts[2].endswith("東京 25")


def test_consecutive_one_row_spans_are_not_merged():
    spans = [("SPAN", (0, r), (-1, r)) for r in (3, 4, 5)]
    assert merge_rows(spans) == spans  # merged, they would be one cell three rows tall


def test_hundreds_of_long_names_on_one_line_are_laid_out():
    n = 301  # the HQ and 300 branches with the same users: one shared SRST line and one shared PSTN line
    design = star_design(n, names=tuple(_long_name(i) for i in range(1, n)), technology="getvpn")
    same = (design.sites[0], *(s.model_copy(update={"users": 40}) for s in design.sites[1:]))
    design = design.model_copy(update={"sites": same})
    pdf = build_pdf(design, results_for(design))
    section = section_text(pdf_text(pdf), "Bill of materials")
    assert "sites, listed below" in section and " At: Branch 001" in section
    for i in range(1, n):  # a name may run over a page end, the page's header and footer then in its middle
        assert f"{i:03d} near the old river" in section


def test_a_flowable_taller_than_a_page_names_its_section():
    doc = ReportDoc(io.BytesIO(), design_name="d", date=None, issued=None, attachment=b"{}", progress=None,
                    total_flowables=2, section_count=1)
    with pytest.raises(ReportError, match=r"section 1 \(Sites\) is too large for a page \(page 2\)"):
        # the heading ends page 1; the spacer, taller than any page, stops the layout on page 2
        doc.build([SectionHeading(1, "Sites"), Spacer(10, 2 * styles.FRAME_HEIGHT)])
