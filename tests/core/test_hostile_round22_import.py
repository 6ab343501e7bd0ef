"""Site-list workbooks and CSV files that took minutes or read wrong, built here: rows without a stated width whose
last cell is in column XFD (each of 16,384 cells was read), a cell of a million XML attributes (50 s, 930 MB),
many sheets naming one heavy part or many heavy parts (86 s and 162 s for files of 4 kB and 115 kB: every sheet is
opened and its first rows read), a shared-text index past the table (worded as a missing text encoding), a sheet
name of 100,000 characters (nothing imported: the design's notes too long) and millions of blank CSV lines after
the last row read (27 s).
"""

from __future__ import annotations

import pytest

from advisor.importer import reading, xml_costs
from advisor.importer.build import build_design
from advisor.importer.preview import preview

MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>Site Name</t></is></c>'
          b'<c r="B1" t="inlineStr"><is><t>Users</t></is></c></row>')
SITES = (b'<row r="2"><c r="A2" t="inlineStr"><is><t>Bern</t></is></c><c r="B2"><v>10</v></c></row>'
         b'<row r="3"><c r="A3" t="inlineStr"><is><t>Basel</t></is></c><c r="B3"><v>5</v></c></row>')


def data(rows: bytes, dimension: bytes | None = b"A1:B3") -> bytes:
    return (b'<dimension ref="%s"/>' % dimension if dimension else b"") + b"<sheetData>" + HEADER + rows + \
        b"</sheetData>"


def test_a_row_without_a_stated_width_reads_no_cell_past_the_cap(xlsx_book, monkeypatch):
    """No dimension, and each row's last cell in column XFD: openpyxl gives rows 16,384 cells wide, and each was
    read (20,030 such rows: minutes). Now at most MAX_COLUMNS + 1 cells of a row are read, and the cut is said."""
    calls = []
    value = reading._value
    monkeypatch.setattr(reading, "_value", lambda *a: calls.append(1) or value(*a))
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>S%d</t></is></c><c r="XFD%d"><v>1</v></c></row>'
                    % (r, r, r, r) for r in range(2, 5))
    _, sheet = reading.read_xlsx(xlsx_book([data(rows, dimension=None)]), "wide.xlsx")
    assert sheet.rows[1] == ["S2"] and sheet.columns_cut
    assert len(calls) <= 2 * 4 * (reading.MAX_COLUMNS + 1)  # header scan and full read, 4 rows, capped width


def test_a_cell_of_too_many_attributes_is_refused_naming_its_row(xlsx_book):
    attributes = b" ".join(b'a%d="1"' % i for i in range(reading.MAX_ROW_ATTRIBUTES + 1))
    bomb = xlsx_book([data(b'<row r="2"><c r="A2" %s><v>1</v></c></row>' % attributes)])
    with pytest.raises(reading.ReadError, match=r"^a\.xlsx: its part xl/worksheets/sheet1\.xml: row 2 has more "
                                                r"than 20,000 XML attributes, far more than a row of a site list"):
        reading.read_xlsx(bomb, "a.xlsx")


def test_a_part_of_too_many_attributes_is_refused(xlsx_book, monkeypatch):
    # The sheet's part holds 16: version, xmlns, ref; the header row's r and its two cells' r and t; each site's row
    # r, its first cell's r and t, its second cell's r. The other parts hold 7 at most.
    monkeypatch.setattr(reading, "MAX_PART_ATTRIBUTES", 16)
    reading.read_xlsx(xlsx_book([data(SITES)]), "a.xlsx")
    monkeypatch.setattr(reading, "MAX_PART_ATTRIBUTES", 15)
    with pytest.raises(reading.ReadError, match="sheet1.xml holds more than 15 XML attributes"):
        reading.read_xlsx(xlsx_book([data(SITES)]), "a.xlsx")


def test_many_sheets_reading_one_heavy_part_are_refused_before_they_are_opened(xlsx_book, monkeypatch):
    """20 sheets naming one part of 30 rows of 19,000 empty cells took 86 s (a 4 kB file); here at a small scale.
    The part: the declaration-free root, sheetData, 30 rows of <row> + 30 <c/> + </row>, then the closing tags:
    32 per row, 960 in all, with no dimension: each sheet costs its whole part to open and again for its rows."""
    heavy = b"<sheetData>" + b"".join(b'<row r="%d">' % r + b"<c/>" * 30 + b"</row>" for r in range(1, 31)) + \
        b"</sheetData>"
    monkeypatch.setattr(reading, "MAX_PART_TAGS", 1000)
    reading.read_xlsx(xlsx_book([heavy]), "one.xlsx")  # one sheet: 2 × 963 tags, within 2 × 1,000
    with pytest.raises(reading.ReadError, match=r"^many\.xlsx: its 20 sheets are too large to look through for the "
                                                r"header row \(more than 2,000 XML elements to read\)"):
        reading.read_xlsx(xlsx_book([heavy], targets=[0] * 20), "many.xlsx")


def test_more_sheets_than_the_cap_are_refused(xlsx_book, monkeypatch):
    monkeypatch.setattr(reading, "MAX_SHEETS", 3)
    with pytest.raises(reading.ReadError, match=r"^s\.xlsx: 4 sheets, far more than a site list's workbook \(at "
                                                r"most 3\)"):
        reading.read_xlsx(xlsx_book([data(SITES)] * 4), "s.xlsx")


def test_a_sheet_costs_its_part_up_to_the_dimension_and_its_first_rows():
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(1, 41))
    xml = b'<?xml version="1.0"?><worksheet xmlns="%s"><dimension ref="A1:A40"/><sheetData>%s</sheetData>' \
          b"</worksheet>" % (MAIN, rows)
    assert xml_costs.load_tags(xml) == 3  # <?xml, <worksheet, <dimension
    # <?xml, <worksheet, <dimension, <sheetData, then 32 rows of 6 (<row><c><v></v></c></row>): to row 32's end
    assert xml_costs.head_tags(xml, 31) == 4 + 32 * 6
    elsewhere = xml.replace(b"<dimension ", b'<dimension xmlns="urn:other" ')  # not the one openpyxl looks for
    assert xml_costs.load_tags(elsewhere) == xml.count(b"<")
    backwards = xml.replace(b'<row r="2">', b'<row r="-1">')  # openpyxl reads on past a row it cannot place
    assert xml_costs.head_tags(backwards, 31) == 4 + 32 * 6
    for r in range(2, 41):
        backwards = backwards.replace(b'<row r="%d">' % r, b'<row r="1">')
    assert xml_costs.head_tags(backwards, 31) == xml.count(b"<")  # no row past 31: the whole part


def test_a_shared_text_past_the_table_is_worded_as_such(xlsx_book):
    book = xlsx_book([data(b'<row r="2"><c r="A2" t="s"><v>999</v></c><c r="B2"><v>3</v></c></row>')],
                    shared=b"<si><t>a</t></si>")
    with pytest.raises(reading.ReadError, match="a cell refers to a shared text the workbook does not hold$"):
        reading.read_xlsx(book, "s.xlsx")


def test_a_sheet_name_of_100000_characters_still_imports(xlsx_book, tmp_path):
    path = tmp_path / "long.xlsx"
    path.write_bytes(xlsx_book([data(SITES)], names=[b"N" * 100_000]))
    pre = preview(path)
    design, _ = build_design(pre, pre.mapping)
    assert [s.name for s in design.sites] == ["Bern", "Basel"]
    assert f"sheet '{'N' * 199}…'" in design.notes


def test_blank_lines_after_the_last_row_read_are_looked_at_not_read(tmp_path, monkeypatch):
    """50 million blank lines after the site list took 27 s: each was read as a record after the row cap."""
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    records = []
    guarded = reading._guarded
    monkeypatch.setattr(reading, "_guarded", lambda reader, rows: (records.append(r) or r
                                                                   for r in guarded(reader, rows)))
    path = tmp_path / "blank.csv"
    path.write_bytes(b"Site Name,Users\nA,1\nB,2\n" + b"\n" * 10_000)
    assert not any("only the first" in str(n) for n in preview(path).notes)
    assert len(records) < 300  # each of 4 delimiters sniffed on 51 records, then 4 read (each was 10,000 more)
    path.write_bytes(b"Site Name,Users\nA,1\nB,2\n" + b"\n" * 10_000 + b' , ,""\nC,3\n')
    assert any("only the first 3 rows" in str(n) for n in preview(path).notes)
