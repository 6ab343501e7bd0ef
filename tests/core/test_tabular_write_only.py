"""advisor.tabular's workbook, written in openpyxl's write-only (streaming) mode, read back cell by cell: values and
their types, fonts, number formats, column widths, frozen panes, filters and sheet names, each expected value worked
out by hand from the tables below (see the comments), not taken from a written workbook."""

import io

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from advisor import tabular
from advisor.tabular import sheet

NAN, INF = float("nan"), float("inf")
LONG = "x" * 40_000
# (value, data_type, number_format) per cell; None for a cell the workbook leaves empty and unstyled
EMPTY = (None, "n", "General")

LINKS = sheet(
    "Links", ["Link", "Calls", "kbps", "Share", "Up", "Note"],
    [("hq–br1", 12, 1569.6, 0.5, True, "=1+1"),
     ("br2", 1234567, NAN, None, False, "#N/A"),
     ("=SUM(A1:A2)", -3, 0.125, INF, None, "line one\nline two is longer"),
     ("@cmd", 0, 2.0, 1, True, "")],
    title="Link sizing: test", formats=[None, "#,##0", "#,##0.00", "0.000", None, None])
LINKS_CELLS = {
    3: [("hq–br1", "s", "General"), (12, "n", "#,##0"), (1569.6, "n", "#,##0.00"), (0.5, "n", "0.000"),
        (True, "b", "General"), ("=1+1", "s", "General")],  # text that looks like a formula stays text
    # not-a-number and infinity: empty cells that keep the column's format; None: no cell at all
    4: [("br2", "s", "General"), (1234567, "n", "#,##0"), (None, "n", "#,##0.00"), EMPTY,
        (False, "b", "General"), ("#N/A", "s", "General")],  # not Excel's error value
    5: [("=SUM(A1:A2)", "s", "General"), (-3, "n", "#,##0"), (0.125, "n", "#,##0.00"), (None, "n", "0.000"),
        EMPTY, ("line one\nline two is longer", "s", "General")],
    # an int in a formatted column takes the format; an empty text is an empty text cell (openpyxl reads it back
    # as None of type "inlineStr", the cell type it is written with)
    6: [("@cmd", "s", "General"), (0, "n", "#,##0"), (2, "n", "#,##0.00"), (1, "n", "0.000"), (True, "b", "General"),
        (None, "inlineStr", "General")],
}
# widest shown cell + 2, between 8 and 80: A "=SUM(A1:A2)" 11; B "1,234,567" 9; C "1,569.60" 8 (formats with
# "0.00" count two decimals); D "Share" 5 (0.50 is 4); E "False" 5; F "line two is longer" 18 (longest line)
LINKS_WIDTHS = {"A": 13, "B": 11, "C": 10, "D": 8, "E": 8, "F": 20}

SITES = sheet("links", ["Site", "Text\x07"],
              [("s1", LONG), ("a\x00b\x1fc\ufffe", "tab\there"), ("=", "-2"), ("#DIV/0!", "=A1")])
SITES_CELLS = {
    1: [("Site", "s", "General"), ("Text?", "s", "General")],  # a character XML cannot hold becomes "?"
    2: [("s1", "s", "General"), ("x" * 32_766 + "…", "s", "General")],  # Excel's 32,767 characters, "…" last
    3: [("a?b?c?", "s", "General"), ("tab\there", "s", "General")],
    4: [("=", "s", "General"), ("-2", "s", "General")],
    5: [("#DIV/0!", "s", "General"), ("=A1", "s", "General")],
}
SITES_WIDTHS = {"A": 9, "B": 80}  # "#DIV/0!" 7 + 2; the long text is capped at 80

TABLES = [LINKS, SITES, sheet("Em/pty", ["Only"], []), sheet("History", [], [], title="Just a title"),
          sheet("", [], [(), ()])]  # rows of no columns hold no cells
# the names Excel accepts: no "/", unique regardless of case, "History" is reserved, never empty
TITLES = ["Links", "links (2)", "Em_pty", "History (2)", "Sheet"]


@pytest.fixture(scope="module")
def book():
    return openpyxl.load_workbook(io.BytesIO(tabular.xlsx_bytes(TABLES)))


def _check_cells(ws, expected: dict[int, list], first_data_row: int) -> None:
    for r, cells in expected.items():
        for c, (value, data_type, number_format) in enumerate(cells, start=1):
            cell = ws.cell(row=r, column=c)
            where = cell.coordinate
            assert cell.value == value, where
            if isinstance(value, (str, bool)):
                assert type(cell.value) is type(value), where
            assert cell.data_type == data_type, where
            assert cell.number_format == number_format, where
            if r >= first_data_row:
                assert (cell.font.b, cell.font.sz) == (False, 11), where  # the workbook's default font


def test_sheet_titles_in_order(book):
    assert book.sheetnames == TITLES


def test_title_header_and_every_cell_of_a_table_with_formats(book):
    ws = book["Links"]
    assert (ws["A1"].value, ws["A1"].data_type, ws["A1"].font.b, ws["A1"].font.sz) == ("Link sizing: test", "s",
                                                                                         True, 13)
    assert [ws.cell(row=1, column=c).value for c in range(2, 7)] == [None] * 5
    headers = [(c.value, c.data_type, c.font.b, c.font.sz) for c in ws[2]]
    assert headers == [(h, "s", True, None) for h in ("Link", "Calls", "kbps", "Share", "Up", "Note")]
    _check_cells(ws, LINKS_CELLS, 3)
    assert (ws.max_row, ws.max_column) == (6, 6)
    assert {k: d.width for k, d in ws.column_dimensions.items()} == LINKS_WIDTHS
    assert ws.freeze_panes == "A3"  # title and header stay in view
    assert ws.auto_filter.ref == "A2:F6"


def test_text_without_title_long_illegal_and_formula_like(book):
    ws = book["links (2)"]
    _check_cells(ws, SITES_CELLS, 2)
    assert all(c.font.b for c in ws[1])
    assert len(ws["B2"].value) == tabular.MAX_CELL_TEXT
    assert (ws.max_row, ws.max_column) == (5, 2)
    assert {k: d.width for k, d in ws.column_dimensions.items()} == SITES_WIDTHS
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:B5"


def test_a_table_without_rows_keeps_its_header_filter_and_panes(book):
    ws = book["Em_pty"]
    assert (ws["A1"].value, ws["A1"].data_type, ws["A1"].font.b) == ("Only", "s", True)
    assert (ws.max_row, ws.max_column) == (1, 1)
    assert {k: d.width for k, d in ws.column_dimensions.items()} == {"A": 8}  # "Only" 4 + 2, at least 8
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:A2"  # the filter spans one (empty) row below the header


def test_a_title_alone_and_an_empty_table(book):
    ws = book["History (2)"]
    assert (ws["A1"].value, ws["A1"].font.b, ws["A1"].font.sz) == ("Just a title", True, 13)
    assert (ws.max_row, ws.max_column) == (1, 1)
    assert dict(ws.column_dimensions) == {}
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref is None  # no columns, no filter
    bare = book["Sheet"]
    assert (bare.max_row, bare.max_column, bare["A1"].value, dict(bare.column_dimensions)) == (1, 1, None, {})
    assert bare.freeze_panes == "A2"
    assert bare.auto_filter.ref is None


def test_rows_are_streamed_not_built_as_a_grid_of_cells(monkeypatch):
    # the normal-mode workbook keeps one cell object per cell until it is saved (some 40 % of the peak memory of a
    # 20,000-site `check --xlsx`); the write-only one writes each row as it is appended
    def no_grid(*args, **kwargs):
        raise AssertionError("a normal-mode worksheet cell was made")

    monkeypatch.setattr(Worksheet, "cell", no_grid)
    ws = openpyxl.load_workbook(io.BytesIO(tabular.xlsx_bytes([LINKS])))["Links"]
    assert ws["B3"].value == 12


def test_each_row_keeps_its_own_values_in_formatted_columns():
    # one cell per formatted column is reused row after row: every row must still show its own number (and a bool
    # in a formatted column is no number: it keeps the General format)
    rows = [(i, i * 1.5, f"=r{i}", i % 2 == 0) for i in range(50)]
    ws = openpyxl.load_workbook(io.BytesIO(tabular.xlsx_bytes([
        sheet("s", ["n", "x", "t", "b"], rows, formats=["0", "0.0", None, "0"])])))["s"]
    for i in range(50):
        got = [(c.value, c.data_type, c.number_format) for c in ws[i + 2]]
        assert got == [(i, "n", "0"), (i * 1.5, "n", "0.0"), (f"=r{i}", "s", "General"), (i % 2 == 0, "b", "General")]
