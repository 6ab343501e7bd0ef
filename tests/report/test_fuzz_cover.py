"""The cover holds the whole title and its table on one page: a name of 200 wide letters (legal) at the title's
26 points took twelve lines and pushed the rest of the cover's table onto a second page."""

from __future__ import annotations

import io

from pypdf import PdfReader
from report_fixtures import results_for, star_design

from advisor.report import build_pdf, styles
from advisor.report.sections import COVER_TITLE_LINES, COVER_TITLE_SIZES, cover_title


def test_a_title_of_200_wide_letters_leaves_the_table_on_the_cover():
    design = star_design(3).model_copy(update={"name": "W" * 200, "customer": "W" * 200, "author": "W" * 200})
    pages = PdfReader(io.BytesIO(build_pdf(design, results_for(design)))).pages
    cover = pages[0].extract_text()
    assert "Customer" in cover and "Author" in cover and "CUCM release" in cover and "UC Design Advisor" in cover
    assert "Contents" in pages[1].extract_text()


def test_a_short_title_keeps_the_largest_size():
    title = cover_title("Contoso WAN")
    assert title.style.fontSize == 26 and title.style.leading == 32


def test_a_long_title_is_set_smaller_within_four_lines():
    title = cover_title("W" * 200)
    height = title.wrap(styles.FRAME_WIDTH, styles.FRAME_HEIGHT)[1]
    assert title.style.fontSize < COVER_TITLE_SIZES[0][0]
    assert height <= COVER_TITLE_LINES * COVER_TITLE_SIZES[0][1]
