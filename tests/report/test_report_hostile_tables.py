"""Tables at the edges of what a design may hold: names at 200 characters in cells only a Paragraph lays out (CJK,
line breaks), long words crowding a table, and a bill of materials whose lines name hundreds of sites."""

from __future__ import annotations

import pytest
from report_fixtures import results_for, star_design
from reportlab.pdfbase.pdfmetrics import stringWidth

from advisor import bom
from advisor.report import fonts, materials, styles
from advisor.report.tables import PADDING, paragraph
from advisor.report.widths import MAX_CELL_LINES, fit_columns


@pytest.fixture(autouse=True)
def _fonts():
    fonts.register()


def test_a_column_of_paragraph_cells_is_measured_and_keeps_room_for_its_text():
    # Four names of 200 characters with line breaks (a Paragraph each) beside a 64-character word: the names'
    # column was not measured at all and gave its room to the word, down to 25 pt: a row taller than a page.
    names = ", ".join(f"{i} " + ("Branch\noffice " * 20)[:198] for i in range(4))
    rows = [[paragraph(names), "x" * 64]]
    widths = [100.0, 100.0]
    fitted = fit_columns(["Sites", "Reason"], rows, widths)
    assert sum(fitted) == pytest.approx(sum(widths))
    text = rows[0][0].getPlainText()
    lines = stringWidth(text, fonts.SANS, 7.5) / (fitted[0] - 2 * PADDING)
    assert lines <= MAX_CELL_LINES * 1.25  # the names take a bounded number of lines, not hundreds
    assert fitted[0] >= widths[0] - 1e-6


def test_a_crowded_table_keeps_its_header_words_whole_before_long_names():
    # Two columns of 64-character words want far more than the table has: the header words come first.
    rows = [["P" * 64, "Q" * 64, "verify"]]
    widths = [150.0, 150.0, 30.0]
    fitted = fit_columns(["Model", "Reason", "Verify"], rows, widths, labels={2})
    head = stringWidth("Verify", fonts.SANS_BOLD, 7.5) + 7
    assert fitted[2] >= head - 1e-6
    assert sum(fitted) == pytest.approx(sum(widths))


def test_a_crowded_table_keeps_a_short_label_word_whole_beside_long_names():
    # The link table of a design whose names are 200 unbroken characters: the names break anyway, and the layer 2
    # label "ethernet (18 B)" printed "etherne t": its column gave its room to them, down to its header word
    header = ["Link", "Ends", "Layer 2", "Calls", "kbps\nper call", "kbps\ntotal", "Capacity\nkbps", "Utilization",
              "LLQ\nshare", "Status"]
    rows = [["W" * 200, "W" * 200 + " — " + "W" * 200, "ethernet (18 B)", "10", "112.80", "1,128.95", "1.00",
             "112,895.0 %", "112,800.0 %", "overload"]]
    widths = [49.9, 103.8, 59.9, 28.0, 37.9, 43.9, 43.9, 45.9, 33.9, 45.9]
    fitted = fit_columns(header, rows, widths, figures={3, 4, 5, 6, 7, 8}, labels={2, 9})
    assert fitted[2] >= stringWidth("ethernet", fonts.SANS, 7.5) + 2 * PADDING - 1e-6
    assert fitted[9] >= stringWidth("overload", fonts.SANS, 7.5) + 2 * PADDING - 1e-6
    assert sum(fitted) == pytest.approx(sum(widths))


def test_names_rows_of_the_bill_of_materials_need_no_span():
    # reportlab maps every cell of a table with spans again at each split: a 60,000-line bill of materials split
    # over a thousand pages took minutes and 7 GB. The names rows are drawn across the table without a SPAN.
    design = star_design(3 * materials.SITES_IN_COLUMN + 4, technology="getvpn")
    same = (design.sites[0], *(s.model_copy(update={"users": 40}) for s in design.sites[1:]))
    design = design.model_copy(update={"sites": same})
    results = results_for(design)
    rows = materials.grouped(bom.build(design, results))
    sources = {r.source: i for i, r in enumerate(rows, start=1)}
    table = materials._lines(rows, {s.id: s.name for s in design.sites}, sources)
    assert not table._spanCmds
    across = [row[0] for row in table._cellvalues[1:] if isinstance(row[0], str) and row[0].startswith("At: ")]
    assert across and all(all(cell == "" for cell in row[1:]) for row in table._cellvalues[1:]
                          if isinstance(row[0], str) and row[0].startswith("At: "))
    full = styles.FRAME_WIDTH - 2 * PADDING
    for text in across:  # broken at the table's whole width, as the span was
        assert max(stringWidth(line, fonts.SANS, 7.5) for line in text.split("\n")) <= full + 1


def test_names_rows_that_need_a_paragraph_are_laid_out_across_the_table():
    names = [f"東京 {i}" for i in range(1, 26)]
    full = styles.FRAME_WIDTH - 2 * PADDING
    rows = materials.name_rows(names, full)
    if isinstance(rows[0], str):
        pytest.skip("no CJK font on this machine: the names are plain lines")
    cell = materials.Across(rows[0], full)
    width, height = cell.wrap(60, 10_000)  # a first column 60 pt wide
    assert width == 60 and height == rows[0].wrap(full, 10_000)[1]  # laid out at the whole width


@pytest.mark.parametrize("name", ["W" * 200, "Zürich 東京 " * 20])
def test_a_row_taller_than_a_page_is_split_across_pages_not_refused(name):
    """Names of 200 characters beside figures of 10^12 kbps: the figures stay on one line, the name column
    narrows, and one row grows taller than a page (about 900 pt). Such a row is split inside, across pages; the
    document was refused ('a part of section 3 is too large for a page')."""
    from report_fixtures import pdf_text

    from advisor.model import Design
    from advisor.report import build_pdf

    design = Design.model_validate({
        "traffic": {"calls_per_user": 100, "holding_time_s": 36000},
        "sites": [{"id": "hq", "kind": "hq", "users": 1_000_000, "cucm_publisher": True, "name": name},
                  {"id": "b1", "users": 1_000_000, "name": name}],
        "clouds": [{"id": "c", "name": name}],
        "links": [{"id": "l1", "a": "hq", "b": "c", "capacity_kbps": 1}, {"id": "l2", "a": "b1", "b": "c",
                                                                          "capacity_kbps": 1}]})
    text = pdf_text(build_pdf(design, results_for(design)))
    assert "1,000,000" in text and "Sites" in text
