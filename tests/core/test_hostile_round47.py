"""Round 47 of the hostile-input hunt, the core: workbooks whose few kilobytes openpyxl read as gigabytes past every
limit counted on their bytes, text files in UTF-32 without a byte-order mark, and the one way a file name's
undecodable byte is shown."""

from __future__ import annotations

import io
import zipfile

import pytest

from advisor.importer import ImportFileError, preview
from advisor.importer.reading import MAX_PART_TAGS

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADER_AND_ROWS = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Site Name</t></is></c>'
                   '<c r="B1" t="inlineStr"><is><t>Users</t></is></c></row>'
                   '<row r="2"><c r="A2" t="inlineStr"><is><t>Bern</t></is></c><c r="B2"><v>10</v></c></row>')


def _workbook(sheet_xml: str | bytes, part: str = "sheet1.xml") -> bytes:
    """A minimal workbook of one sheet read from xl/worksheets/`part`, as the workbook's links name it."""
    sheet = sheet_xml.encode() if isinstance(sheet_xml, str) else sheet_xml
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                               'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                               'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
                               f'{part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                               'worksheet+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Sites" sheetId="1" '
                           'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" '
                                      f'Target="worksheets/{part}"/></Relationships>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        z.writestr(f"xl/worksheets/{part}", sheet)
    return out.getvalue()


def _sheet(rows: str, doctype: str = "") -> str:
    return f'{doctype}<worksheet xmlns="{MAIN}"><sheetData>{HEADER_AND_ROWS}{rows}</sheetData></worksheet>'


def test_the_minimal_workbook_imports(tmp_path):
    path = tmp_path / "sites.xlsx"
    path.write_bytes(_workbook(_sheet("")))
    pre = preview(path)
    assert [row.cells[:2] for row in pre.rows] == [("Bern", 10)]


# One entity of 7 cells, referenced 300,000 times in one row: 2.1 million cells from a 6 kB file (the XML parser's
# own guard lets it through, each reference expanding less than 100-fold). It took 62 s and 2.5 GB.
_CELLS = "".join("<c t='inlineStr'><is><t>x</t></is></c>" for _ in range(7))
_ENTITY = f'<!DOCTYPE worksheet [<!ENTITY e "{_CELLS}">]>'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_part_declaring_a_document_type_is_refused_before_it_is_read(tmp_path, encoding):
    sheet = _sheet('<row r="3">' + "&e;" * 300_000 + "</row>", _ENTITY)
    path = tmp_path / "entities.xlsx"
    path.write_bytes(_workbook(sheet.encode(encoding)))  # "utf-16": with its byte-order mark, as the parser reads it
    with pytest.raises(ImportFileError) as err:
        preview(path)
    assert str(err.value).startswith("entities.xlsx: its part xl/worksheets/sheet1.xml declares a document type "
                                     "(<!DOCTYPE …>)")


def test_a_document_type_without_entities_is_refused_too(tmp_path):
    """Excel, LibreOffice and openpyxl never write one: nothing a site list needs is lost."""
    path = tmp_path / "doctype.xlsx"
    path.write_bytes(_workbook(_sheet("", "<!DOCTYPE worksheet>")))
    with pytest.raises(ImportFileError, match="declares a document type"):
        preview(path)


@pytest.mark.parametrize("lead, encoding", [("", "utf-8"), (" " * 70_000, "utf-8"), ("\n", "utf-16-be")])
def test_a_sheet_named_as_a_picture_is_held_to_the_limits(tmp_path, lead, encoding):
    """Parts named .png, .bin … were not counted (their bytes hold '<' at random), but the workbook's links may read
    one as a worksheet: a row of 3 million empty cells in sheet1.png (a 16 kB file) took 9 s and 1.7 GB. Blanks
    before the root, or UTF-16 without a byte-order mark, do not hide it."""
    path = tmp_path / "picture.xlsx"
    sheet = (lead + _sheet('<row r="3">' + "<c/>" * (MAX_PART_TAGS + 1) + "</row>")).encode(encoding)
    path.write_bytes(_workbook(sheet, part="sheet1.png"))
    with pytest.raises(ImportFileError) as err:
        preview(path)
    assert str(err.value).startswith(f"picture.xlsx: its part xl/worksheets/sheet1.png holds more than "
                                     f"{MAX_PART_TAGS:,} XML elements")


def test_a_sheet_named_as_a_picture_within_the_limits_still_imports(tmp_path):
    path = tmp_path / "picture.xlsx"
    path.write_bytes(_workbook(_sheet(""), part="sheet1.bin"))
    assert [row.cells[:2] for row in preview(path).rows] == [("Bern", 10)]


def test_a_real_picture_is_not_counted_as_xml():
    """A PNG's bytes hold '<' and '=' at random: never counted as tags, even when there are millions."""
    from advisor.importer.reading import _unpacked_if_xml

    picture = b"\x89PNG\r\n\x1a\n" + b"<<<=\"" * 1_000_000
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/media/image1.png", picture)
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    assert _unpacked_if_xml(archive, archive.infolist()[0], "book.xlsx") is None


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_text_without_a_byte_order_mark_is_read(tmp_path, codec):
    """It was "not a text file (a NUL byte at byte 1)": UTF-32 with a byte-order mark was read, without one not."""
    path = tmp_path / "sites.csv"
    path.write_bytes("Site Name,Users\nZürich,20\nΑθήνα,5\n".encode(codec))
    pre = preview(path)
    assert [row.cells[:2] for row in pre.rows] == [("Zürich", "20"), ("Αθήνα", "5")]
    endian = "little" if codec.endswith("le") else "big"
    assert any(f"UTF-32 ({endian}-endian, without a byte-order mark)" in note.text for note in pre.notes)


def test_a_binary_file_with_nul_bytes_is_still_not_text(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_bytes(b"Site\x00\x00\x00Name\x00,\x00\x00\x00")
    with pytest.raises(ImportFileError, match="not a text file"):
        preview(path)


def test_undecodable_bytes_show_as_the_replacement_character_everywhere():
    from advisor.io_errors import no_surrogates, shown_path

    # b'\xff' is no UTF-8: Python holds it as the lone surrogate U+DCFF
    assert shown_path("/tmp/d\udcff.json") == "/tmp/d\ufffd.json"
    assert shown_path(b"/tmp/d\xff.json") == "/tmp/d\ufffd.json"
    # escaped bytes that make valid UTF-8 together read as the character they make: b'\xc3\xbc' is 'ü'
    assert no_surrogates("Z\udcc3\udcbcrich") == "Zürich"
    # a lone surrogate that is no escaped byte is shown the same way, not as '?'
    assert no_surrogates("a\ud800b") == "a\ufffdb"
    assert no_surrogates("plain Zürich") == "plain Zürich"


def test_a_design_file_given_to_import_is_named_as_one(tmp_path):
    """It read as a sheet with "no header row found in the first 30 rows of sheet 'design'"."""
    design = tmp_path / "design.json"
    design.write_text('\ufeff{"schema_version": 1, "sites": [{"id": "a"}]}\n', encoding="utf-8")
    with pytest.raises(ImportFileError) as err:
        preview(design)
    assert str(err.value) == ("design.json: a design file, not a site list: open it as it is (in the app, or with "
                              "advisor check); import takes CSV or XLSX")
    other = tmp_path / "other.json"
    other.write_text('{"rows": []}', encoding="utf-8")
    with pytest.raises(ImportFileError, match="^other.json: JSON text, not a site list"):
        preview(other)


def test_a_site_list_with_braces_in_its_cells_still_imports(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text("Site Name,Users\n{Bern},10\n{Lyon},5\n", encoding="utf-8")
    assert [row.cells[:2] for row in preview(path).rows] == [("{Bern}", "10"), ("{Lyon}", "5")]


@pytest.mark.parametrize("written, message", [
    ("1.0", "write the version without a decimal point (1, not 1.0)"),
    ("1e0", "write the version without a decimal point (1, not 1.0)"),
    ("-0.0", "write the version without a decimal point (0, not -0.0)"),
    ("2.0", "write the version without a decimal point (2, not 2.0)"),
    ("1.5", "must be a whole number ≥ 0, not 1.5")])
def test_a_schema_version_with_a_decimal_point_is_refused_in_words_that_fit(written, message):
    """schema_version 1.0 is refused (the fast path and the checked path agree to take only 1), but the words were
    "must be a whole number ≥ 0, not 1.0": 1.0 is a whole number."""
    from advisor.io import DesignFileError, parse

    with pytest.raises(DesignFileError) as err:
        parse(f'{{"schema_version": {written}}}', "v.json")
    assert str(err.value) == f"v.json: schema_version: {message}"


def test_a_version_0_field_is_named_as_the_file_writes_it():
    """Version 0 called them 'publisher' and 'subscribers'; a bad value was named by the new names
    ("sites[0].cucm_publisher: must be true or false"), fields the file does not hold."""
    from advisor.io import DesignFileError, parse

    text = ('{"schema_version": 0, "sites": [{"id": "hq", "name": "HQ", "publisher": "yes", "subscribers": -1}, '
            '{"id": "b", "cucm_publisher": "no"}]}')
    with pytest.raises(DesignFileError) as err:
        parse(text, "draft.json")
    lines = str(err.value).splitlines()[1:]
    assert lines == ["  sites[0].publisher: must be true or false (site 'HQ')",
                     "  sites[0].subscribers: must be ≥ 0 (site 'HQ')",
                     "  sites[1].cucm_publisher: must be true or false (site 'b')"]  # written with its new name


def test_what_follows_the_rows_is_not_counted_as_the_last_rows_cells(tmp_path):
    """25,000 merged cells after the rows (a formatted sheet; a hyperlink per site does the same) refused the sheet
    for "row 2 has more than 20,000 XML elements, far more than a row of a site list": row 2 holds two cells. They
    count to the whole part's limit only; a real row of too many cells is still refused, naming it."""
    from advisor.importer.reading import MAX_ROW_TAGS

    merged = "".join(f'<mergeCell ref="C{i}:D{i}"/>' for i in range(3, MAX_ROW_TAGS + 5003))
    sheet = (f'<worksheet xmlns="{MAIN}"><sheetData>{HEADER_AND_ROWS}</sheetData>'
             f'<mergeCells count="{MAX_ROW_TAGS + 5000}">{merged}</mergeCells></worksheet>')
    path = tmp_path / "merged.xlsx"
    path.write_bytes(_workbook(sheet))
    assert [row.cells[:2] for row in preview(path).rows] == [("Bern", 10)]
    wide = _sheet('<row r="3">' + "<c/>" * (MAX_ROW_TAGS + 1) + "</row>")
    path.write_bytes(_workbook(wide))
    with pytest.raises(ImportFileError, match=f"row 3 has more than {MAX_ROW_TAGS:,} XML elements"):
        preview(path)


@pytest.mark.parametrize("data, how", [
    (b"\xff\xfe" + "Site Name,Users\nBe\x00rn,1\n".encode("utf-16-le"), "UTF-16"),
    (b"\xef\xbb\xbf" + b"Site Name,Users\nBe\x00rn,1\n", "UTF-8 with a byte-order mark"),
    ("Site Name,Users\nBe\x00rn,1\n".encode("utf-32"), "UTF-32")])
def test_a_nul_character_refuses_the_file_whatever_its_encoding(tmp_path, data, how):
    """A NUL byte in plain UTF-8 refused the file; in UTF-16, UTF-32 or UTF-8 with a byte-order mark the NUL went
    into the site's name ('Be\\x00rn'), and on into the design and the PDF. 'Site Name,Users\\nBe' is 18
    characters: the NUL is character 18, counting from 0 as the byte count does."""
    path = tmp_path / "sites.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as err:
        preview(path)
    assert str(err.value) == (f"sites.csv: not a text file (a NUL character at character 18, read as {how}); "
                              "import takes CSV or XLSX")


def test_a_header_row_of_a_thousand_and_more_is_grouped_as_other_counts(tmp_path):
    """'sheet has no row 20031 (it has 3 rows)' beside 'row 20,031' in the other messages of the import."""
    path = tmp_path / "sites.csv"
    path.write_text("Site Name,Users\nBern,10\nLyon,3\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as err:
        preview(path, header_row=20_031)
    assert str(err.value) == "sites.csv: the file has no row 20,031 (it has 3 rows)"  # a CSV file has no sheets


def test_a_part_without_rows_is_held_to_the_parts_limits_only(tmp_path):
    """The per-row limits applied to every part, and a part with no row (the workbook's styles, its defined names)
    was one "row": a site list whose 3,000 cells each had a font of their own (styles of more than 20,000
    attributes, 0.5 MB) was refused for "its part xl/styles.xml: its start, before any row, has more than 20,000
    XML attributes, far more than a row of a site list"."""
    import openpyxl
    from openpyxl.styles import Font

    from advisor.importer.reading import MAX_ROW_ATTRIBUTES

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sites"
    sheet.append(["Site Name", "Users"])
    for i in range(3000):
        sheet.append([f"Site {i}", i % 50 + 1])
        sheet.cell(row=i + 2, column=1).font = Font(size=8 + (i % 50) / 10, color=f"{i + 1:06X}")
    path = tmp_path / "styled.xlsx"
    book.save(path)
    styles = zipfile.ZipFile(path).read("xl/styles.xml")
    assert styles.count(b'="') > MAX_ROW_ATTRIBUTES  # the case: more attributes than a row may hold
    pre = preview(path)
    assert len(pre.rows) == 3000 and pre.rows[-1].cells[:2] == ("Site 2999", 50)


def test_a_strict_open_xml_workbook_is_named_as_one(tmp_path):
    """Excel's "Strict Open XML Spreadsheet" writes another namespace, in which openpyxl finds no cell: the import
    said "no header row found in the first 30 rows of its sheet" of a sheet whose header is its first row."""
    strict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
    book = zipfile.ZipFile(io.BytesIO(_workbook(_sheet(""))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in book.infolist():
            z.writestr(item.filename, book.read(item.filename).replace(MAIN.encode(), strict.encode()))
    path = tmp_path / "strict.xlsx"
    path.write_bytes(out.getvalue())
    with pytest.raises(ImportFileError) as err:
        preview(path)
    assert str(err.value) == ("strict.xlsx: a Strict Open XML workbook, which the import cannot read; save it as an "
                              "Excel Workbook (.xlsx) or as CSV")


def test_a_utf16_sheet_is_still_held_to_a_rows_limits():
    """No row tag is found in UTF-16 bytes: such a part stays held to the limits of one row (a row of 25,000 cells
    in it, below the part's limit, is refused), while a UTF-8 part without rows is not."""
    from advisor.importer.reading import MAX_PART_ATTRIBUTES, MAX_PART_TAGS, MAX_ROW_ATTRIBUTES, MAX_ROW_TAGS
    from advisor.importer.xml_costs import TooMany, check_counts

    wide = _sheet('<row r="3">' + "<c/>" * (MAX_ROW_TAGS + 5000) + "</row>")
    with pytest.raises(TooMany):
        check_counts(wide.encode("utf-16"), MAX_PART_TAGS, MAX_PART_ATTRIBUTES, MAX_ROW_TAGS, MAX_ROW_ATTRIBUTES)
    styles = "<styleSheet><fonts>" + '<font sz="9"/>' * (MAX_ROW_TAGS + 5000) + "</fonts></styleSheet>"
    check_counts(styles.encode(), MAX_PART_TAGS, MAX_PART_ATTRIBUTES, MAX_ROW_TAGS, MAX_ROW_ATTRIBUTES)  # no raise


@pytest.mark.parametrize("first", ["sep=;", '"sep=,"', "SEP=|"])
def test_excels_separator_line_does_not_name_the_design(tmp_path, first):
    """Excel reads (and some exports write) 'sep=;' on a CSV file's first line: the import took it for the title
    above the header, and the design was named "sep="."""
    from advisor.importer.build import build_design

    path = tmp_path / "sites.csv"
    path.write_text(f"{first}\nSite Name;Users\nBern;10\n", encoding="utf-8")
    pre = preview(path)
    assert pre.header_row == 2 and pre.title == ""
    design, _messages = build_design(pre)
    assert design.name == "Sites from sites.csv"


def test_a_utf16_byte_order_mark_before_8_bit_text_is_named_not_quoted_as_cjk(tmp_path):
    # FF FE then '{"name": …' in one byte per character: read as UTF-16 it was "an unexpected character '≻'"
    from advisor.io import DesignFileError, load

    path = tmp_path / "d.json"
    path.write_bytes(b'\xff\xfe{"name": "x", "sites": []}')
    with pytest.raises(DesignFileError, match=r"starts with a UTF-16 byte-order mark \(FF FE\) but what follows is "
                                              r"8-bit text, not UTF-16; save the design file again as UTF-8"):
        load(path)
    path.write_bytes('{"name": "x", "sites": []}'.encode("utf-16"))  # real UTF-16 (with its mark) still reads
    assert load(path).name == "x"
    path.write_bytes('{"name": "x", "sites": []}'.encode("utf-32"))  # and UTF-32, whose mark starts FF FE too
    assert load(path).name == "x"
