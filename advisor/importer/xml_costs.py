"""What reading a workbook's XML part would cost openpyxl, told from its bytes before it is read: its elements and
attributes (in all, and per row or shared string), and the elements parsed to give a sheet's first rows.

openpyxl parses every element and attribute it meets, at microseconds each, and keeps a whole row (or a whole
element with its attributes) in memory before it gives anything: these counts let `reading` refuse a workbook
that would take minutes or gigabytes, in the time a byte count takes. The limits are `reading`'s.
"""

from __future__ import annotations

import io
import re

# A sheet's row, a shared string: the units a row limit applies to.
ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(?:row|si)[\s/>]")
_ROW_NUMBER = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?row\s[^>]*?\br=\"(\d{1,7})\"")
_ATTRIBUTE_MARKS = (b'="', b"='", b"= ", b"=\t", b"=\n", b"=\r")  # an attribute's '=' before its quoted value
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?row(?=[\s/>])")
_ATTRIBUTE = re.compile(rb"""\s+([A-Za-z_][\w.\-:]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')""")
_TAG_END = re.compile(rb"\s*/?>")
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.\-]*):)?worksheet(?=[\s>])")
_DIMENSION = re.compile(rb"<(?:([A-Za-z_][\w.\-]*):)?dimension(?=[\s/>])")
MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CLOSE = re.compile(rb"</(?:[A-Za-z_][\w.\-]*:)?dimension\s*>")
_BLANKS = re.compile(rb"\s*")
_DOUBT = object()
_ROWS_LOOKED_AT = 10_000  # row tags read for the first rows' numbers; past them the whole part counts


class TooMany(Exception):
    """A part (`whole`) or one of its rows holds more than its limit; the message says of what (and which row)."""

    def __init__(self, message: str, whole: bool) -> None:
        super().__init__(message)
        self.whole = whole


def attributes(xml: bytes, start: int = 0, end: int | None = None) -> int:
    """About how many XML attributes `xml[start:end]` holds (an '=' before a quote, or before a space)."""
    end = len(xml) if end is None else end
    return sum(xml.count(mark, start, end) for mark in _ATTRIBUTE_MARKS)


def sheet_parts(data: bytes) -> list[str]:
    """The part each worksheet is read from, as openpyxl finds them (several sheets may name one part), before
    it opens any: opening one parses its part up to the stated size, the whole part without one."""
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(io.BytesIO(data), read_only=True)
    try:
        reader.read_manifest()
        reader.read_workbook()
        return [rel.target for _, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files and "chartsheet" not in rel.Type]
    finally:
        reader.archive.close()


def check_counts(xml: bytes, part_tags: int, part_attributes: int, row_tags: int, row_attributes: int) -> None:
    """Raise TooMany when `xml` holds more than `part_tags` elements or `part_attributes` attributes, or one of its
    rows (shared strings) more than `row_tags` or `row_attributes`: millions of empty cells in one row, millions
    of formatting runs in one cell, millions of empty rows, a cell of a million attributes."""
    if xml.count(b"<") > part_tags:
        raise TooMany(f"holds more than {part_tags:,} XML elements, far more than a site list", whole=True)
    if attributes(xml) > part_attributes:
        raise TooMany(f"holds more than {part_attributes:,} XML attributes, far more than a site list", whole=True)
    edges = [0, *(m.start() for m in ROW_START.finditer(xml)), len(xml)]
    shortest = min(row_tags, row_attributes)  # a row of fewer bytes holds fewer tags and attributes
    for i in range(len(edges) - 1):
        start, end = edges[i], edges[i + 1]
        if end - start <= shortest:
            continue
        if xml.count(b"<", start, end) > row_tags:
            many = f"{row_tags:,} XML elements"
        elif attributes(xml, start, end) > row_attributes:
            many = f"{row_attributes:,} XML attributes"
        else:
            continue
        number = _ROW_NUMBER.match(xml, start, start + 200)
        what = f"row {int(number.group(1)):,}" if number else f"its row {i}" if i else "its start, before any row,"
        raise TooMany(f"{what} has more than {many}, far more than a row of a site list", whole=False)


def sheet_cost(xml: bytes, rows: int) -> int:
    """The XML elements openpyxl parses in a sheet's part to open it (`load_tags`) and give its first `rows` rows
    (`head_tags`), as it does for every sheet of a workbook, twice."""
    return load_tags(xml) + head_tags(xml, rows)


def load_tags(xml: bytes) -> int:
    """The XML elements openpyxl parses to open a sheet (read-only): it looks for the sheet's stated size (its
    dimension element) and parses up to it, or to the end of the rows without one. Counted up to a dimension
    found plainly (the root's first elements, in the spreadsheet namespace, no namespace declared on the way),
    else the whole part."""
    total = xml.count(b"<")
    root = _ROOT.match(xml, _declaration_end(xml))
    dimension = _DIMENSION.search(xml)
    if _doubtful(xml) or root is None or dimension is None:
        return total
    row = _ROW_TAG.search(xml, 0, dimension.start())
    root_end = _start_tag_end(xml, root.end())
    end = _start_tag_end(xml, dimension.end())
    if row is not None or root_end is None or end is None or xml.find(b"xmlns", root_end, end) >= 0:
        return total
    closed = xml.startswith(b"/>", end - 2) or _CLOSE.match(xml, end, end + 100) is not None
    prefix = dimension.group(1)
    declared = (b"xmlns:" + prefix if prefix else b"xmlns") + b'="' + MAIN + b'"'
    if not closed or declared not in xml[root.start():root_end]:
        return total  # an element inside it (parsed too), or a namespace it cannot be sure of
    return xml.count(b"<", 0, end)


def head_tags(xml: bytes, rows: int) -> int:
    """The XML elements openpyxl parses to give a sheet's first `rows` rows: those up to the end of the first row
    numbered past them (openpyxl reads rows until then, whatever their order). The whole part when in doubt: a
    row number it cannot tell, rows that never pass `rows`, a comment, a declaration or a processing instruction
    (which could hide a row tag)."""
    total = xml.count(b"<")
    if _doubtful(xml):
        return total
    number = 0
    for seen, match in enumerate(_ROW_TAG.finditer(xml)):
        value = _row_attribute(xml, match.end())
        if value is _DOUBT or seen >= _ROWS_LOOKED_AT:
            return total
        number = number + 1 if value is None else _row_number(value)
        if number is None:
            return total
        if number > rows:
            after = _ROW_TAG.search(xml, match.end())
            return xml.count(b"<", 0, after.start() if after else len(xml))
    return total


def _declaration_end(xml: bytes) -> int:
    """Where the part's content starts: after its byte-order mark, its XML declaration and the blanks after."""
    start = 3 if xml.startswith(b"\xef\xbb\xbf") else 0
    if xml.startswith(b"<?xml", start) and (close := xml.find(b"?>", start)) >= 0:
        start = close + 2
    return _BLANKS.match(xml, start).end()


def _doubtful(xml: bytes) -> bool:
    """A comment, CDATA, a document type or a processing instruction past the declaration: any could hide a tag."""
    return b"<!" in xml or xml.find(b"<?", _declaration_end(xml)) >= 0


def _start_tag_end(xml: bytes, pos: int) -> int | None:
    """Where the start tag whose name ends at `pos` ends (after its '>'), None when it does not read plainly."""
    while (attribute := _ATTRIBUTE.match(xml, pos)) is not None:
        pos = attribute.end()
    end = _TAG_END.match(xml, pos)
    return end.end() if end else None


def _row_attribute(xml: bytes, pos: int):
    """A row tag's r attribute (bytes), None without one, _DOUBT when its start tag does not read plainly."""
    value = None
    while (attribute := _ATTRIBUTE.match(xml, pos)) is not None:
        if attribute.group(1) == b"r":
            value = attribute.group(2) if attribute.group(2) is not None else attribute.group(3)
        pos = attribute.end()
    if _TAG_END.match(xml, pos) is None or (value is not None and b"&" in value):
        return _DOUBT
    return value


def _row_number(value: bytes) -> int | None:
    """The row number openpyxl reads from an r attribute (an integer, or a float that is one), else None."""
    try:
        text = value.decode("utf-8")
        return int(text)
    except UnicodeDecodeError:
        return None
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None
