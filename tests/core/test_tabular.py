"""advisor.tabular: CSV (UTF-8 with BOM, formula-safe) and XLSX (bold frozen header, widths, numbers as numbers,
several sheets) re-read with the standard csv module and openpyxl."""

import csv
import io

import openpyxl
import pytest

from advisor import tabular
from advisor.tabular import sheet

ROWS = [("hq", "Ljubljana – HQ", 3, 1569.6, True), ("br01", "Zürich", 0, 0.5, False), ("br02", None, 12, None, False)]
HEADERS = ("Site", "Name", "Quantity", "kbps", "Flag")


def _sample(title="Bill of materials"):
    return sheet("BOM", HEADERS, ROWS, title, (None, None, None, "#,##0.00", None))


def _reopen(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_csv_is_utf8_with_bom_header_first_and_numbers_plain():
    data = tabular.csv_bytes(_sample())
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(HEADERS)  # no title row: scripts read the header first
    assert rows[1] == ["hq", "Ljubljana – HQ", "3", "1569.6", "TRUE"]
    assert rows[2] == ["br01", "Zürich", "0", "0.5", "FALSE"]
    assert rows[3] == ["br02", "", "12", "", "FALSE"]


def test_csv_numbers_keep_15_significant_digits():
    # 18 × 87.2 in binary floating point is 1569.6000000000001; a spreadsheet keeps 15 digits: 1569.6
    assert tabular.number_text(18 * 87.2) == "1569.6"
    assert tabular.number_text(1 / 3) == "0.333333333333333"
    assert tabular.number_text(float("nan")) == ""
    assert tabular.number_text(40000) == "40000"


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "=HYPERLINK(\"x\")"])
def test_csv_text_that_a_spreadsheet_would_run_is_quoted_as_text(text):
    data = tabular.csv_text(sheet("s", ["name"], [[text]]))
    assert list(csv.reader(io.StringIO(data)))[1] == ["'" + text]


def test_csv_negative_numbers_stay_numbers():
    data = tabular.csv_text(sheet("s", ["x"], [[-2.5]]))
    assert list(csv.reader(io.StringIO(data)))[1] == ["-2.5"]


def test_xlsx_reopens_with_the_same_cells():
    wb = _reopen(tabular.xlsx_bytes([_sample()]))
    ws = wb["BOM"]
    assert ws["A1"].value == "Bill of materials"
    assert [c.value for c in ws[2]] == list(HEADERS)
    for r, row in enumerate(ROWS, start=3):
        assert tuple(c.value for c in ws[r]) == row
    assert ws.max_row == 2 + len(ROWS)


def test_xlsx_header_is_bold_and_frozen_with_filters():
    ws = _reopen(tabular.xlsx_bytes([_sample()]))["BOM"]
    assert all(c.font.b for c in ws[2])
    assert ws["A1"].font.b  # the title
    assert ws.freeze_panes == "A3"  # title and header stay in view
    assert ws.auto_filter.ref == "A2:E5"


def test_xlsx_without_title_starts_with_the_header():
    ws = _reopen(tabular.xlsx_bytes([_sample(title="")]))["BOM"]
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws.freeze_panes == "A2"


def test_xlsx_numbers_are_numbers_and_text_is_text():
    ws = _reopen(tabular.xlsx_bytes([sheet("s", ["a", "b", "c"], [[3, 1569.6, "=1+1"]])]))["s"]
    assert ws["A2"].data_type == "n" and ws["A2"].value == 3
    assert ws["B2"].data_type == "n" and ws["B2"].value == 1569.6
    assert ws["C2"].data_type == "s" and ws["C2"].value == "=1+1"  # a name is never turned into a formula


def test_xlsx_number_format_applies_to_numbers_only():
    ws = _reopen(tabular.xlsx_bytes([_sample()]))["BOM"]
    assert ws["D3"].number_format == "#,##0.00"
    assert ws["D3"].value == 1569.6  # stored in full: the format only shows two decimals


def test_xlsx_column_widths_fit_the_content():
    ws = _reopen(tabular.xlsx_bytes([_sample()]))["BOM"]
    # "Ljubljana – HQ" is 14 characters: 14 + 2; "Site" and "hq" are under the minimum of 8
    assert ws.column_dimensions["B"].width == 16
    assert ws.column_dimensions["A"].width == tabular.MIN_WIDTH
    long = _reopen(tabular.xlsx_bytes([sheet("s", ["x"], [["y" * 500]])]))["s"]
    assert long.column_dimensions["A"].width == tabular.MAX_WIDTH


def test_several_sheets_in_one_workbook_in_order():
    tables = [_sample(), sheet("Totals", ["Item", "Quantity"], [("router", 7)]), sheet("Notes", ["k", "v"], [])]
    wb = _reopen(tabular.xlsx_bytes(tables))
    assert wb.sheetnames == ["BOM", "Totals", "Notes"]
    assert [c.value for c in wb["Totals"][2]] == ["router", 7]
    assert wb["Notes"].max_row == 1


def test_sheet_names_are_made_valid_and_unique():
    assert tabular.sheet_names(["a/b", "x" * 40, "Links", "links", "", "History", "'q'"]) == [
        "a_b", "x" * 31, "Links", "links (2)", "Sheet", "History (2)", "q"]


def test_control_characters_cannot_break_the_workbook():
    ws = _reopen(tabular.xlsx_bytes([sheet("s", ["name"], [["bad\x00name\x1b[2J"]])]))["s"]
    assert ws["A2"].value == "bad?name?[2J"


def test_rows_must_match_the_headers():
    with pytest.raises(ValueError, match="row 1 has 1 cells for 2 columns"):
        sheet("s", ["a", "b"], [["only one"]])


def test_write_table_by_extension_and_atomically(tmp_path):
    target = tmp_path / "bom.xlsx"
    assert tabular.write_table(target, [_sample()]) == "xlsx"
    assert _reopen(target.read_bytes())["BOM"]["A3"].value == "hq"
    csv_target = tmp_path / "bom.csv"
    assert tabular.write_table(csv_target, [_sample()]) == "csv"
    assert csv_target.read_bytes().startswith(b"\xef\xbb\xbfSite,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bom.csv", "bom.xlsx"]  # no temporary left behind
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        tabular.write_table(tmp_path / "bom.ods", [_sample()])
