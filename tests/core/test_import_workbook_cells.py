"""Workbooks Excel never writes, built here byte by byte: a cell whose shared-text index is negative (Python's list
read -1 as the last shared text, so the cell silently took another cell's text), and two sheets of one name (the
second sheet was read with the first one's formula marks, and choosing it read the first)."""

from __future__ import annotations

import pytest

from advisor.importer import ImportFileError, preview, reading


def _text(ref: bytes, text: bytes) -> bytes:
    return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


HEADER = b'<row r="1">' + _text(b"A1", b"Site Name") + _text(b"B1", b"Users") + b"</row>"


@pytest.fixture
def workbook(xlsx_book):
    """`workbook(sheets, names, shared)`: worksheets of the header row plus each sheet's rows, with a shared-text
    table of `shared`."""
    def build(sheets: list[bytes], names: list[bytes], shared: list[bytes] = ()) -> bytes:
        return xlsx_book([b"<sheetData>%s</sheetData>" % (HEADER + rows) for rows in sheets], names,
                         shared=b"".join(b"<si><t>%s</t></si>" % s for s in shared))
    return build


def _site(row: int, name_cell: bytes, users: bytes) -> bytes:
    return b'<row r="%d">%s<c r="B%d">%s</c></row>' % (row, name_cell, row, users)


SHARED = [b"Bern", b"Basel"]


def test_a_shared_text_index_within_the_table_reads_its_text(workbook):
    """The builder's shared texts are read (the refusals below are not the table missing)."""
    book = workbook([_site(2, b'<c r="A2" t="s"><v>1</v></c>', b"<v>10</v>")], [b"Sites"], SHARED)
    _, sheet = reading.read_xlsx(book, "sites.xlsx")
    assert sheet.rows == [["Site Name", "Users"], ["Basel", 10]]


@pytest.mark.parametrize("index", [b"-1", b"-2", b"2"])
def test_a_negative_shared_text_index_is_a_damaged_cell_as_one_past_the_end(workbook, index):
    book = workbook([_site(2, b'<c r="A2" t="s"><v>%s</v></c>' % index, b"<v>10</v>")], [b"Sites"], SHARED)
    with pytest.raises(reading.ReadError) as caught:
        reading.read_xlsx(book, "sites.xlsx")
    assert str(caught.value) == ("sites.xlsx: sheet 'Sites' cannot be read past row 1: a cell refers to a shared "
                                 "text the workbook does not hold")


@pytest.mark.parametrize("second", [b"Sites", b"SITES", b" sites"])
def test_two_sheets_of_one_name_are_refused(workbook, tmp_path, second):
    plain = _site(2, _text(b"A2", b"Genf"), b"<v>7</v>")
    formula = _site(2, _text(b"A2", b"Bern"), b"<f>5+5</f><v>10</v>")
    path = tmp_path / "dup.xlsx"
    path.write_bytes(workbook([plain, formula], [b"Sites", second], SHARED))
    with pytest.raises(ImportFileError) as caught:
        preview(path, sheet=second.decode())
    assert str(caught.value) == (f"dup.xlsx: sheets 1 and 2 are both named '{second.decode().strip()}'; the "
                                 "workbook is refused (give each sheet a name of its own)")


def test_sheets_of_their_own_names_keep_their_own_formula_marks(workbook, tmp_path):
    plain = _site(2, _text(b"A2", b"Genf"), b"<v>7</v>")
    formula = _site(2, _text(b"A2", b"Bern"), b"<f>5+5</f><v>10</v>")
    path = tmp_path / "two.xlsx"
    path.write_bytes(workbook([plain, formula], [b"Sites", b"Sites 2"], SHARED))
    pre = preview(path, sheet="Sites 2")
    assert [r.cells for r in pre.rows] == [("Bern", 10)]
    assert pre.formulas == frozenset({(2, 1)})  # row 2, column B (0-based): the formula read as its saved value
