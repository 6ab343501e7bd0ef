"""A workbook whose other sheets pass the per-part limits still imports its site list: `check --xlsx` of a
20,000-site design writes a link sizing sheet of 1.7 million tags beside the sites, and the import was refused
for it even with the Sites sheet named. The limits apply to what is read: a sheet not imported up to its first
rows, the sheet imported whole. Here at a small scale: the part limit lowered to 300 elements.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from advisor.importer import reading, xml_costs
from advisor.importer.messages import ImportFileError
from advisor.importer.preview import preview

MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
LIMIT = 300
# The heavy sheet, as check --xlsx writes it (no stated size): 100 rows of two numbers, 5 elements a row
# (<row><c><v></v></c><c><v></v></c></row>): 500 elements past the limit of 300, its first 32 rows 160 within it.
HEAVY = b"<sheetData>" + b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d"><v>2</v></c></row>'
                                  % (r, r, r, r) for r in range(1, 101)) + b"</sheetData>"
HEADER = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>Site Name</t></is></c>'
          b'<c r="B1" t="inlineStr"><is><t>Users</t></is></c></row>')
SITES = b"<sheetData>" + HEADER + b"".join(
    b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d"><v>%d</v></c></row>'
    % (r, r, name, r, users) for r, (name, users) in enumerate([(b"Bern", 10), (b"Basel", 5)], 2)) + b"</sheetData>"


@pytest.fixture
def book(xlsx_book, tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_PART_TAGS", LIMIT)
    path = tmp_path / "results.xlsx"
    path.write_bytes(xlsx_book([HEAVY, SITES], names=[b"Link sizing", b"Sites"]))
    return path


def test_a_sheet_over_the_limit_blocks_only_its_own_import(book):
    pre = preview(book, sheet="Sites")
    assert [r.cells for r in pre.rows] == [("Bern", 10), ("Basel", 5)]
    assert [(s.name, s.header_row) for s in pre.sheets] == [("Link sizing", None), ("Sites", 1)]
    pre = preview(book)  # the default: the heavy sheet first, without a header; Sites is the one chosen
    assert pre.sheet == "Sites" and [r.cells[0] for r in pre.rows] == ["Bern", "Basel"]
    with pytest.raises(ImportFileError, match=r"^results\.xlsx: its part xl/worksheets/sheet1\.xml holds more than "
                                              r"300 XML elements, far more than a site list; the workbook is refused"):
        preview(book, sheet="Link sizing", header_row=1)


def test_a_sheet_not_imported_is_held_to_the_limits_where_it_is_read(book, monkeypatch):
    preview(book, sheet="Sites")
    # its first 32 rows, read for the header: 160 elements and more
    monkeypatch.setattr(reading, "MAX_PART_TAGS", 150)
    with pytest.raises(ImportFileError, match=r"sheet1\.xml holds more than 150 XML elements"):
        preview(book, sheet="Sites")
    monkeypatch.setattr(reading, "MAX_PART_TAGS", LIMIT)
    # its part named as the workbook's shared texts as well: read whole that way
    out = io.BytesIO()
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="appl'
                                    b'ication/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                                    b"</Types>")
            target.writestr(info, data)
    book.write_bytes(out.getvalue())
    with pytest.raises(ImportFileError, match=r"sheet1\.xml holds more than 300 XML elements"):
        preview(book, sheet="Sites")


def test_elements_are_counted_without_their_closing_tags():
    assert xml_costs.elements(b"<c><v>1</v></c><c/>") == 3
    assert xml_costs.elements(HEAVY) == 1 + 100 * 5 and xml_costs.elements(SITES) == 1 + 7 + 2 * 6 < LIMIT


def test_a_row_tag_openpyxl_may_not_take_for_a_row_counts_the_whole_part():
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(1, 41))
    xml = b'<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (MAIN, rows)
    assert xml_costs.head_end(xml, 31) == xml.index(b'<row r="33">')
    # a row 32 in another namespace: openpyxl reads on past it, through every row of the part
    other = xml.replace(b'<row r="32">', b'<x:row xmlns:x="urn:other" r="32">').replace(b"</row><row r=\"33\">",
                                                                                         b"</x:row><row r=\"33\">")
    assert xml_costs.head_end(other, 31) == len(other)
    bound = xml.replace(b"<worksheet ", b'<worksheet xmlns:x="%s" ' % MAIN).replace(b'<row r="32">', b'<x:row r="32">')
    assert xml_costs.head_end(bound, 31) == bound.index(b'<row r="33">')
