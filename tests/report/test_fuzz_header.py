"""The running header prints the design name on one line that ends before 'UC design document': a name of wide
characters (200 W, or CJK) ran under the title and off the page, and its line breaks and tabs printed as boxes."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from report_fixtures import results_for, star_design
from reportlab.pdfbase.pdfmetrics import stringWidth

from advisor.report import build_pdf, fonts, styles
from advisor.report.doc import _fit


def _page_text(pdf: bytes, index: int) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[index].extract_text()


def test_a_name_of_wide_letters_ends_before_the_title():
    design = star_design(3).model_copy(update={"name": "W" * 200})
    text = _page_text(build_pdf(design, results_for(design)), 2)
    shown = re.search(r"(W+)…", text)
    assert shown is not None
    fonts.register()
    room = styles.FRAME_WIDTH - stringWidth("UC design document", fonts.SANS, 7.5)
    width = len(shown.group(1)) * stringWidth("W", fonts.SANS, 7.5) + stringWidth("…", fonts.SANS, 7.5)
    assert width < room  # 89 W and the ellipsis took about 663 of the 420 points


def test_line_breaks_and_tabs_in_the_name_are_spaces_in_the_header():
    design = star_design(3).model_copy(update={"name": "Line one\nLine two\tTabbed\u2028end"})
    text = _page_text(build_pdf(design, results_for(design)), 2)
    assert "Line one Line two Tabbed end" in text


def test_fit_keeps_the_longest_prefix_that_fits():
    fonts.register()
    w = stringWidth("W", fonts.SANS, 7.5)
    ellipsis = stringWidth("…", fonts.SANS, 7.5)
    room = 10 * w + ellipsis + 0.5 * w  # ten W and the ellipsis, not eleven
    assert _fit("W" * 50, 90, room, 7.5) == "W" * 10 + "…"
    assert _fit("W" * 5, 90, room, 7.5) == "W" * 5
    assert _fit("a \n\t b", 90, 100, 7.5) == "a b"
    assert _fit("x" * 100, 90, 10_000, 7.5) == "x" * 89 + "…"  # at most 90 characters, as before
