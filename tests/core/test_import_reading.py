"""Reading site list files: encodings, delimiters, sheets, what is refused, and the bounds on huge input."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

from advisor.importer import ImportFileError, preview
from advisor.importer import reading as rd
from advisor.importer.reading import BadCell, decode_text, sniff_delimiter

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "import"


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_encodings():
    assert decode_text("Zürich".encode(), "f") == ("Zürich", "UTF-8")
    assert decode_text(b"\xef\xbb\xbfZ\xc3\xbcrich", "f") == ("Zürich", "UTF-8 with a byte-order mark")
    assert decode_text("Zürich".encode("utf-16"), "f") == ("Zürich", "UTF-16")
    assert decode_text("Zürich €".encode("cp1252"), "f") == ("Zürich €", "Windows-1252 (not UTF-8)")
    text, how = decode_text(b"Z\xfcrich \x81", "f")  # 0x81 has no Windows-1252 character
    assert text == "Zürich \ufffd" and "undecodable" in how


def test_a_file_with_nul_bytes_is_not_text(tmp_path):
    path = _write(tmp_path, "x.csv", b"Site,Users\x00\x00\x01")
    with pytest.raises(ImportFileError, match="not a text file"):
        preview(path)


@pytest.mark.parametrize("text, delimiter", [
    ("Site,Users,WAN BW\nA,1,2M\n", ","),
    ("Site;Users;WAN BW\nA;1;1,5M\n", ";"),
    ("Site\tUsers\tWAN BW\nA\t1\t2M\n", "\t"),
    ("Site|Users|WAN BW\nA|1|2M\n", "|"),
    ('Report, March 2026\n\nSite;Users;Circuit\n"Lyon, FR";12;"2,048 kbps"\n', ";"),
])
def test_delimiters_are_sniffed_from_the_header(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_utf16_tab_separated_text_as_excel_saves_unicode_text(tmp_path):
    path = _write(tmp_path, "sites.txt", "Site\tUsers\nKöln\t30\n".encode("utf-16"))
    pre = preview(path)
    assert pre.rows[0].cells == ("Köln", "30")
    assert "UTF-16" in str(pre.notes[0]) and "tabs" in str(pre.notes[0])


@pytest.mark.parametrize("data, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Excel 97–2003 workbook (.xls) or a password-protected one"),
    (b"%PDF-1.7\n", "a PDF, not a site list"),
    (b"PK\x03\x04garbage", "a damaged zip file"),
])
def test_what_is_not_a_site_list_is_named(tmp_path, data, message):
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        preview(_write(tmp_path, "sites.xlsx", data))


def test_an_opendocument_spreadsheet_is_named(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(ImportFileError, match=r"OpenDocument spreadsheet \(.ods\)"):
        preview(_write(tmp_path, "sites.ods", buffer.getvalue()))


def test_folders_missing_files_and_pipes_are_refused_without_reading(tmp_path):
    with pytest.raises(ImportFileError, match="is a folder"):
        preview(tmp_path)
    with pytest.raises(ImportFileError, match="no such file"):
        preview(tmp_path / "nothing.csv")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.csv"
        os.mkfifo(fifo)
        with pytest.raises(ImportFileError, match="not a regular file"):
            preview(fifo)  # would hang if it were opened for reading


def test_the_file_size_is_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(rd, "MAX_FILE_BYTES", 100)
    path = _write(tmp_path, "big.csv", b"Site,Users\n" + b"A,1\n" * 40)
    with pytest.raises(ImportFileError, match="too large for a site list"):
        preview(path)


def test_a_zip_bomb_part_is_refused(monkeypatch):
    monkeypatch.setitem(rd.MAX_PART_BYTES, "xl/styles.xml", 100)  # the fixture's styles part is about 1.5 kB
    with pytest.raises(ImportFileError, match=r"xl/styles.xml unpacks to .* the workbook is refused"):
        preview(FIXTURES / "sites.xlsx")


def test_rows_beyond_the_cap_are_not_read_and_said_so(tmp_path, monkeypatch):
    monkeypatch.setattr(rd, "MAX_ROWS", 50)
    csv_path = _write(tmp_path, "many.csv", ("Site,Users\n" + "".join(f"S{i},{i}\n" for i in range(60))).encode())
    pre = preview(csv_path)
    assert len(pre.rows) == 49  # rows 2–50 under the header
    assert any("only the first 50 rows" in str(n) for n in pre.notes)
    wb = openpyxl.Workbook()
    wb.active.append(["Site", "Users"])
    for i in range(60):
        wb.active.append([f"S{i}", i])
    wb.save(tmp_path / "many.xlsx")
    pre = preview(tmp_path / "many.xlsx")
    assert len(pre.rows) == 49 and any("only the first 50 rows" in str(n) for n in pre.notes)


def test_a_sheet_exactly_at_the_cap_is_not_said_to_be_cut(tmp_path, monkeypatch):
    monkeypatch.setattr(rd, "MAX_ROWS", 50)
    path = _write(tmp_path, "full.csv", ("Site,Users\n" + "".join(f"S{i},{i}\n" for i in range(49))).encode())
    assert not any("only the first" in str(n) for n in preview(path).notes)


def test_columns_beyond_the_cap_are_not_read_and_said_so(tmp_path):
    header = ["Site", "Users"] + [f"x{i}" for i in range(203)]
    row = ["A", "5"] + [""] * 202 + ["far away"]
    path = _write(tmp_path, "wide.csv", (",".join(header) + "\n" + ",".join(row) + "\n").encode())
    pre = preview(path)
    assert len(pre.columns) == rd.MAX_COLUMNS == 200
    assert any("only the first 200 columns" in str(n) for n in pre.notes)


def test_a_sheet_declaring_a_huge_width_is_read_to_the_cap(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Site", "Users"])
    ws.append(["A", 3])
    ws.cell(row=3, column=16384, value="XFD")  # the last column Excel has
    wb.save(tmp_path / "wide.xlsx")
    pre = preview(tmp_path / "wide.xlsx")
    assert len(pre.columns) == 2 and len(pre.rows[0].cells) == 2
    assert any("only the first 200 columns" in str(n) for n in pre.notes)


def test_formulas_are_read_as_saved_values_and_never_evaluated():
    """sites.xlsx: E5 '=D5' saved with 900, H6 '=8*5' saved with 40, E8 '=D8+5' saved with no value
    (make_fixtures.py writes the saved values into the sheet's XML, as Excel does)."""
    values = openpyxl.load_workbook(FIXTURES / "sites.xlsx", data_only=True)["Sites"]
    formulas = openpyxl.load_workbook(FIXTURES / "sites.xlsx")["Sites"]
    assert (formulas["E5"].value, values["E5"].value) == ("=D5", 900)
    assert (formulas["H6"].value, values["H6"].value) == ("=8*5", 40)
    assert (formulas["E8"].value, values["E8"].value) == ("=D8+5", None)
    pre = preview(FIXTURES / "sites.xlsx")
    row = {r.number: r.cells for r in pre.rows}
    assert row[5][4] == 900 and row[6][7] == 40
    assert isinstance(row[8][4], BadCell) and "formula saved without its value" in row[8][4].reason
    assert isinstance(row[11][3], BadCell) and "#DIV/0!" in row[11][3].reason
    assert {(5, 4), (6, 7), (13, 3)} == set(pre.formulas)  # (row, 0-based column) read as saved values


def test_sheets_and_their_header_rows():
    pre = preview(FIXTURES / "sites.xlsx")
    assert [(s.name, s.header_row) for s in pre.sheets] == [("Cover", None), ("Sites", 4), ("Sites 2019", 1)]
    assert (pre.sheet, pre.header_row, pre.title) == ("Sites", 4, "Fabrikam Inc. — WAN sites")
    other = preview(FIXTURES / "sites.xlsx", sheet="sites 2019")
    assert other.sheet == "Sites 2019" and other.header_row == 1 and other.title == ""
    with pytest.raises(ImportFileError, match="no sheet 'Prices'; its sheets: 'Cover', 'Sites', 'Sites 2019'"):
        preview(FIXTURES / "sites.xlsx", sheet="Prices")
    with pytest.raises(ImportFileError, match="no header row found in the first 30 rows of sheet 'Cover'"):
        preview(FIXTURES / "sites.xlsx", sheet="Cover")


def test_a_header_row_can_be_named(tmp_path):
    path = _write(tmp_path, "de.csv", b"Liste\nStandort,Mitarbeiter\nWien,85\n")
    with pytest.raises(ImportFileError, match="no header row found"):
        preview(path)
    pre = preview(path, header_row=2)
    assert pre.header_row == 2 and [c.header for c in pre.columns] == ["Standort", "Mitarbeiter"]
    assert preview(path, hints=["Standort", "Mitarbeiter"]).header_row == 2
    with pytest.raises(ImportFileError, match="has no row 9"):
        preview(path, header_row=9)


def test_the_csv_note_says_how_the_file_was_read():
    note = str(preview(FIXTURES / "bom_semicolon.csv").notes[0])
    assert note == ("read as text in UTF-8 with a byte-order mark, columns separated by ';'; ',' read as the "
                    "decimal mark")
    assert str(preview(FIXTURES / "cp1252_tabs.csv").notes[0]) == \
        "read as text in Windows-1252 (not UTF-8), columns separated by tabs"


def test_a_hidden_sheet_is_passed_over_by_default(tmp_path):
    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "Old"
    hidden.append(["Site", "Users"])
    hidden.append(["Gone", 1])
    hidden.sheet_state = "hidden"
    shown = wb.create_sheet("Current")
    shown.append(["Site", "Users"])
    shown.append(["Here", 2])
    wb.save(tmp_path / "two.xlsx")
    pre = preview(tmp_path / "two.xlsx")
    assert pre.sheet == "Current" and [s.visible for s in pre.sheets] == [False, True]
    assert preview(tmp_path / "two.xlsx", sheet="Old").rows[0].cells == ("Gone", 1)


def test_the_preview_shows_what_the_dialog_needs():
    pre = preview(FIXTURES / "messy.csv")
    assert (pre.source, pre.kind, pre.sheet, pre.header_row) == ("messy.csv", "csv", "messy", 4)
    assert [(c.letter, c.header, c.guess, c.unit) for c in pre.columns] == [
        ("A", "Site Name", "name", None), ("B", "Location", "name", None), ("C", "Headcount", "users", None),
        ("D", "Phones", "phones", None), ("E", "WAN BW", "bandwidth", None), ("F", "Circuit", "transport", None),
        ("G", "Latency (ms)", "rtt", "ms"), ("H", "Router", "router", None), ("I", "Lobby phones", "public_phones", None)]
    assert pre.mapping.fields == ("name", None, "users", "phones", "bandwidth", "transport", "rtt", "router",
                                  "public_phones")
    assert [r.number for r in pre.rows] == list(range(5, 17))
    assert pre.rows[0].cells[:3] == ("Head Office", "London", "450")
