"""Round 48 of the hostile-input hunt, the core: a decimal field given a whole number too large for a decimal, and
the site list's bandwidth cells: terabits, a speed written without a space before 'b/s', a zero or negative speed,
a speed in exponent notation as a spreadsheet in scientific format exports it, and a workbook number cell holding
infinity."""

from __future__ import annotations

import zipfile

import pytest

from advisor.importer import build_design, preview
from advisor.io import DesignFileError, parse

# a whole number of 401 digits: valid JSON, and beyond the largest float (about 1.8e308)
HUGE = "1" + "0" * 400


@pytest.mark.parametrize("field, text", [
    ("sites[0].x", '{"sites": [{"id": "a", "x": %s}]}'),
    ("sites[0].y", '{"sites": [{"id": "a", "y": -%s}]}'),
    ("traffic.gos", '{"traffic": {"gos": %s}}'),
    ("links[0].capacity_kbps", '{"sites": [{"id": "a"}], "clouds": [{"id": "c"}], '
                               '"links": [{"id": "l", "a": "a", "b": "c", "capacity_kbps": %s}]}'),
])
def test_a_whole_number_beyond_a_decimal_is_named_as_a_number_too_large(field, text):
    """It was refused as "must be a number": the file holds a number, written out in 401 digits."""
    with pytest.raises(DesignFileError) as caught:
        parse(text % HUGE)
    message = str(caught.value)
    assert f"{field}: is a number of 401 digits, beyond the largest number a decimal field holds" in message
    assert "must be a number" not in message
    # a whole number a decimal holds still meets the field's range
    with pytest.raises(DesignFileError, match=r"sites\[0\]\.x: must be ≤ 1,000,000"):
        parse('{"sites": [{"id": "a", "x": 1%s}]}' % ("0" * 300))


def _capacities(tmp_path, cell: str):
    """(the imported capacities in kbps by site, the import's messages as text) for a CSV of two sites, the
    second's bandwidth written `cell`."""
    path = tmp_path / "sites.csv"
    path.write_text(f'Site Name,Users,WAN BW\nBern,5,2\nThun,5,"{cell}"\n', encoding="utf-8")
    design, messages = build_design(preview(path))
    by_id = {s.id: s.name for s in design.sites}
    capacity = {by_id[link.a]: link.capacity_kbps for link in design.links if link.a in by_id}
    return capacity, "\n".join(str(m) for m in messages)


@pytest.mark.parametrize("cell, kbps", [
    ("1 Tbps", 1e9),  # the largest capacity a design takes; only Gbps was read
    ("0.5 Tbit", 5e8),
    ("1Tb/s", 1e9),
    ("10Mb/s", 10_000.0),  # as the hint writes it, but without the space: "not a bandwidth"
    ("512kbit/s", 512.0),
])
def test_terabits_and_a_unit_per_second_without_a_space_are_read(tmp_path, cell, kbps):
    capacity, text = _capacities(tmp_path, cell)
    assert capacity.get("Thun") == kbps, text


@pytest.mark.parametrize("cell, shown", [("1.00E+07", 1e7), ("2.048E+03", 2048.0), ("1e3 kbps", 1000.0)])
def test_a_bandwidth_in_exponent_notation_is_read_with_the_exponent_note(tmp_path, cell, shown):
    """Excel exports a number shown in scientific format as '1.00E+07'; a count written so was read, a bandwidth
    was "not a bandwidth". 1E+07 and 2048 are multiples of 64 and the column's other number is 2 (Mbps, below 64):
    kbps."""
    capacity, text = _capacities(tmp_path, cell)
    assert capacity.get("Thun") == shown, text
    assert "a number written with an exponent" in text
    # but '2E1' may be two E1 circuits or 20: neither is guessed
    capacity, text = _capacities(tmp_path, "2E1")
    assert "Thun" not in capacity
    assert "'2E1' is not a bandwidth" in text


@pytest.mark.parametrize("cell, reason", [
    ("0", "'0' is no speed"),
    ("0 Mbps", "'0 Mbps' is no speed"),
    ("-0", "'-0' is no speed"),  # -0 is 0, as in every numeric column
    ("-5", "'-5' is below 0"),  # as docs/import.md says of a negative rate
    ("-2 Mbps", "'-2 Mbps' is below 0"),
])
def test_a_zero_or_negative_speed_is_said_as_such(tmp_path, cell, reason):
    capacity, text = _capacities(tmp_path, cell)
    assert "Thun" not in capacity
    assert f"row 3, WAN BW (C): {reason}" in text
    assert "is not a bandwidth" not in text


def test_a_speed_hundreds_of_digits_long_is_not_printed_whole(tmp_path):
    capacity, text = _capacities(tmp_path, "1e308")
    assert "Thun" not in capacity
    line = next(line for line in text.splitlines() if "more than 1 Tbps" in line)
    # 1e300 kbps (the reader caps what an exponent writes at 1e300) is 1e291 Tbps
    assert "1e+291 Tbps is more than 1 Tbps" in line and len(line) < 120


def _workbook_with_number(tmp_path, number: str):
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    sheet = (f'<worksheet xmlns="{main}"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>Site Name</t></is></c>'
             '<c r="B1" t="inlineStr"><is><t>Users</t></is></c><c r="C1" t="inlineStr"><is><t>WAN BW</t></is></c>'
             '</row><row r="2"><c r="A2" t="inlineStr"><is><t>Bern</t></is></c><c r="B2"><v>5</v></c>'
             '<c r="C2"><v>2</v></c></row>'
             f'<row r="3"><c r="A3" t="inlineStr"><is><t>Thun</t></is></c><c r="B3"><v>{number}</v></c>'
             f'<c r="C3"><v>{number}</v></c></row></sheetData></worksheet>')
    path = tmp_path / "sites.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" '
                                  'Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Sites" '
                                      'sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
                                                 f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                                                 '</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def test_a_workbook_number_beyond_any_float_is_not_quoted_as_inf(tmp_path):
    """A number cell of 1E+309 reads as infinity: "'inf' is not a whole number" quoted a word the cell does not
    show."""
    design, messages = build_design(preview(_workbook_with_number(tmp_path, "1E+309")))
    text = "\n".join(str(m) for m in messages)
    assert [s.name for s in design.sites] == ["Bern"]
    assert "'inf'" not in text
    assert ("row 3, Users (B): the cell holds a number beyond the largest a spreadsheet holds (about 1.8E+308), "
            "not a whole number") in text
    assert "row 3, WAN BW (C): the cell holds a number beyond the largest a spreadsheet holds" in text


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_a_design_saved_in_an_8_bit_encoding_is_named_as_text_in_another_encoding(tmp_path, encoding):
    """Notepad's "ANSI" writes 'Zürich' with the byte FC: the file was called "a binary file or another format"."""
    from advisor.io import load

    path = tmp_path / "d.json"
    path.write_bytes('{"name": "Zürich"}'.encode(encoding))
    with pytest.raises(DesignFileError) as caught:
        load(path)
    assert str(caught.value).endswith("d.json: not valid UTF-8 text at byte 12 (0xFC, 'ü' in Windows-1252): the design "
                                      "file is text saved in another encoding, not UTF-8; save it again as UTF-8")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))  # a picture is still not called text
    with pytest.raises(DesignFileError, match="it looks like a binary file or another format"):
        load(path)


def test_the_byte_of_a_file_with_a_byte_order_mark_is_numbered_as_the_file_numbers_it(tmp_path):
    """UTF-8's codec counts after the mark: '\\xef\\xbb\\xbf{"name": "caf\\xe9"}' named byte 14, the file's 17th."""
    from advisor.io import load

    path = tmp_path / "d.json"
    path.write_bytes(b'\xef\xbb\xbf{"name": "caf\xe9"}')  # 3 + 13 bytes before the E9: the 17th byte
    with pytest.raises(DesignFileError, match=r"not valid UTF-8 text at byte 17 \(0xE9, 'é' in Windows-1252\)"):
        load(path)
