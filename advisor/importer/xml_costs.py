"""What reading a workbook's XML part would cost openpyxl, told from its bytes before it is read: its elements and
attributes (in all, and per row or shared string), and the elements parsed to give a sheet's first rows.

openpyxl parses every element and attribute it meets, at microseconds each, and keeps a whole row (or a whole
element with its attributes) in memory before it gives anything: these counts let `reading` refuse a workbook
that would take minutes or gigabytes, in the time a byte count takes. The limits are `reading`'s. A sheet not
imported is read up to its first rows (`head_end`), once opened by `xlsx_open`, which stops at its first row.
"""

from __future__ import annotations

import re

# A sheet's row, a shared string: the units a row limit applies to.
ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(?:row|si)[\s/>]")
_ROW_NUMBER = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?row\s[^>]*?\br=\"(\d{1,7})\"")
_ATTRIBUTE_MARKS = (b'="', b"='", b"= ", b"=\t", b"=\n", b"=\r")  # an attribute's '=' before its quoted value
_ROW_TAG = re.compile(rb"<(?:([A-Za-z_][\w.\-]*):)?row(?=[\s/>])")
_ATTRIBUTE = re.compile(rb"""\s+([A-Za-z_][\w.\-:]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')""")
_TAG_END = re.compile(rb"\s*/?>")
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.\-]*):)?worksheet(?=[\s>])")
_DIMENSION = re.compile(rb"<(?:([A-Za-z_][\w.\-]*):)?dimension(?=[\s/>])")
MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = b"http://purl.oclc.org/ooxml/spreadsheetml/main"  # Excel's "Strict Open XML Spreadsheet" namespace
_CLOSE = re.compile(rb"</(?:[A-Za-z_][\w.\-]*:)?dimension\s*>")
_SHEET_DATA_END = re.compile(rb"</(?:[A-Za-z_][\w.\-]*:)?sheetData\s*>")
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


def elements(xml: bytes, start: int = 0, end: int | None = None) -> int:
    """About how many XML elements `xml[start:end]` holds: its tags but closing ones ('<' not before '/'), as many
    as openpyxl parses (a cell written <c><v>1</v></c> is two elements, <c/> one)."""
    end = len(xml) if end is None else end
    return xml.count(b"<", start, end) - xml.count(b"</", start, end)


def check_counts(xml: bytes, part_tags: int, part_attributes: int, row_tags: int, row_attributes: int,
                 end: int | None = None) -> None:
    """Raise TooMany when `xml[:end]` (all of it by default) holds more than `part_tags` elements (`elements`) or
    `part_attributes` attributes, or one of its rows (shared strings) more than `row_tags` tags (its closing tags
    too) or `row_attributes` attributes:
    millions of empty cells in one row, millions of formatting runs in one cell, millions of empty rows, a cell of
    a million attributes."""
    end = len(xml) if end is None else end
    if elements(xml, 0, end) > part_tags:
        raise TooMany(f"holds more than {part_tags:,} XML elements, far more than a site list", whole=True)
    if attributes(xml, 0, end) > part_attributes:
        raise TooMany(f"holds more than {part_attributes:,} XML attributes, far more than a site list", whole=True)
    edges = [0, *(m.start() for m in ROW_START.finditer(xml, 0, end)), end]
    if len(edges) == 2 and xml.find(b"\x00", 0, end) < 0:
        # no row and no shared string: nothing is held a row at a time, the part's limits apply (a workbook's
        # styles of 3,000 fonts were refused for "its start, before any row, has more than 20,000 XML attributes,
        # far more than a row of a site list"). In UTF-16 (NUL bytes) no row tag is found: held to a row's limits.
        return
    close = None
    for found in _SHEET_DATA_END.finditer(xml, 0, end):  # the last one: no row can hide past it
        close = found
    if close is not None and close.start() > edges[-2]:
        # the last row ends where the rows end: what follows (merged cells, hyperlinks, conditional formats)
        # counted as its cells, and 25,000 merged cells refused a sheet for "row 2 has more than 20,000 XML
        # elements", a row of two cells; they count to the whole part's limit only
        edges[-1] = close.start()
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


# A document type declaration, in UTF-8 and in UTF-16 (the encodings the XML parser reads with no declaration):
# an entity it declares may hold rows of cells, and each '&e;' of a part then reads as all of them, past every count
# made on the part's bytes: a 6 kB workbook took 62 s and 2.5 GB.
_DOCTYPES = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def declares_doctype(xml: bytes) -> bool:
    """Whether the part declares a document type (which spreadsheet programs never write)."""
    return any(mark in xml for mark in _DOCTYPES)


def opens_as_xml(start: bytes) -> bool:
    """Whether a part's first bytes open as XML does: blanks, a byte-order mark or UTF-16's NUL bytes, then '<' (a
    picture starts with its own signature)."""
    start = start.replace(b"\x00", b"")
    for mark in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        start = start.removeprefix(mark)
    start = start.lstrip(b" \t\r\n")
    return not start or start.startswith(b"<")


def looks_like_sheet(xml: bytes) -> bool:
    """The part's root is a worksheet, found plainly (after the declaration, with nothing before it)."""
    return _ROOT.match(xml, _declaration_end(xml)) is not None


def sheet_cost(xml: bytes, rows: int) -> int:
    """The XML elements openpyxl parses in a sheet's part to open it and give its first `rows` rows, as it does
    for every sheet of a workbook, twice: `head_tags` (opened by `xlsx_open`, a sheet is read no further than
    its first row, its stated size, or where its rows start)."""
    return head_tags(xml, rows)


def load_tags(xml: bytes) -> int:
    """The XML elements openpyxl's own read-only opening parses (the importer opens sheets with `xlsx_open`,
    which stops sooner): it looks for the sheet's stated size (its dimension element) and parses up to it, or to
    the end of the rows without one. Counted up to a dimension
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
    """The XML elements openpyxl parses to give a sheet's first `rows` rows (`head_end`)."""
    return xml.count(b"<", 0, head_end(xml, rows))


def head_end(xml: bytes, rows: int) -> int:
    """Where openpyxl stops parsing to give a sheet's first `rows` rows: at the end of the first row numbered past
    them (it reads rows until then, whatever their order). The whole part when in doubt: a row number it cannot
    tell, rows that never pass `rows`, a comment, a declaration or a processing instruction (which could hide a
    row tag), a row tag it may not take for one (a namespace declared past the root's start tag, a prefix the
    root does not bind to the spreadsheet namespace), or more than 10,000 row tags to go through."""
    total = len(xml)
    if _doubtful(xml):
        return total
    number = 0
    prefixes: set[bytes | None] = set()
    for seen, match in enumerate(_ROW_TAG.finditer(xml)):
        value = _row_attribute(xml, match.end())
        if value is _DOUBT or seen >= _ROWS_LOOKED_AT:
            return total
        number = number + 1 if value is None else _row_number(value)
        if number is None:
            return total
        prefixes.add(match.group(1))
        if number > rows:
            after = _ROW_TAG.search(xml, match.end())
            end = after.start() if after else total
            return end if _rows_in_main(xml, prefixes, end) else total
    return total


def _rows_in_main(xml: bytes, prefixes: set[bytes | None], end: int) -> bool:
    """The row tags of `prefixes` before `end` are in the spreadsheet namespace, as the root binds it, plainly."""
    root = _ROOT.match(xml, _declaration_end(xml))
    root_end = _start_tag_end(xml, root.end()) if root else None
    if root_end is None or xml.find(b"xmlns", root_end, end) >= 0:
        return False
    tag = xml[root.start():root_end]
    return all((b"xmlns:" + p if p else b"xmlns") + b'="' + MAIN + b'"' in tag for p in prefixes)


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
