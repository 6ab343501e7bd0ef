"""Reading a site list file into sheets of rows: CSV (UTF-8 with or without a byte-order mark, UTF-16 or UTF-32
with one, else Windows-1252; ',', ';', tab or '|' separated) and XLSX workbooks.

Nothing is evaluated: a workbook's formulas are read as the values it saved with them (openpyxl `data_only`), and a
formula saved without a value, or an error value such as #DIV/0!, becomes a `BadCell`. Everything is bounded:
the file's size, the rows and columns read per sheet, and the parts of a workbook held in memory.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from advisor.importer import xml_costs
from advisor.importer.csv_records import CellTooLong, Lines, QuoteNeverClosed, TooManyCells, check_closed
from advisor.importer.csv_records import trimmed as _trimmed
from advisor.importer.damage import reason
from advisor.importer.headers import header_score
from advisor.importer.merged import merged_ranges
from advisor.importer.read_types import BadCell, ReadError, Sheet, Workbook
from advisor.importer.source import is_xlsx, read_bytes  # noqa: F401  (re-exported)
from advisor.importer.text_decoding import check_kind, decode_text  # noqa: F401  (check_kind: re-exported)
from advisor.importer.values import shown
from advisor.importer.xml_costs import TooMany, check_counts, head_end, looks_like_sheet, sheet_cost
from advisor.numbers import counted

MAX_FILE_BYTES = 64 * 1024 * 1024  # as a design file (docs/design-format.md, "Limits")
MAX_ROWS = 20_030  # rows read per sheet: 20,000 sites (the most a design holds) under a title block
MAX_COLUMNS = 200
HEADER_SCAN_ROWS = 30  # the header row is looked for among the first rows
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
CSV_CELL_CHARS = MAX_CELL_CHARS * 4  # the longest CSV cell read; a longer one refuses the file, naming its row
# Delimiters on one line of a CSV file (cells of a row, less one) read at most, as a workbook's row is held to
# MAX_ROW_TAGS: csv builds a row's whole list of cells before the first 200 are kept, and a 60 MB line of commas
# (60 million empty cells) took 1.3 GB to be cut to 200. A site list's row has tens of cells.
MAX_ROW_CELLS = 20_000
# Parts of a workbook openpyxl keeps whole in memory (the sheets themselves are streamed): a zip bomb stops here.
MAX_PART_BYTES = {"xl/sharedStrings.xml": 128 * 1024 * 1024, "xl/styles.xml": 32 * 1024 * 1024,
                  "xl/workbook.xml": 8 * 1024 * 1024}
MAX_OTHER_PART_BYTES = 64 * 1024 * 1024  # any other part once unpacked, a worksheet included
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # all the parts together once unpacked
# XML elements in one part, and tags in one row of a sheet (or one shared string). openpyxl reads a whole row before
# it gives its first cell, at 5-20 microseconds an element, and a workbook is read twice (values and formulas):
# these keep any workbook to about ten seconds. A sheet not imported is held to them up to its first rows, all that
# is read of it. The Sites sheet `check --xlsx` writes for 20,000 sites holds about 580,000 elements (1,160,000
# tags: each text is written in its cell, <c><is><t>…</t></is></c>); a row of 200 columns of text about 1,200 tags.
MAX_PART_TAGS = 1_000_000
MAX_ROW_TAGS = 20_000
# XML attributes likewise: openpyxl took 50 s and 930 MB on one cell of a million attributes (a 2 MB file). A
# 20,000-site list holds about 700,000 (r, s and t on each cell), a row of 200 columns about 600.
MAX_PART_ATTRIBUTES = 2_000_000
MAX_ROW_ATTRIBUTES = 20_000
# Every sheet's first rows are read (twice) to find the header: 20 sheets sharing one part of 30 rows of 19,000
# empty cells took 86 s (a 4 kB file), 2,000 small sheets 11 s. The first rows of all the sheets together are held
# to 2 × MAX_PART_TAGS, and the sheets to MAX_SHEETS.
MAX_SHEETS = 500
_NOT_XML = (".png", ".jpeg", ".jpg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".bin")


# ---------------------------------------------------------------------------------------------------------- CSV

_DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "','", ";": "';'", "\t": "tabs", "|": "'|'"}


def _records(text: str, delimiter: str, limit: int, cells: bool = True) -> tuple[list[list[str]], bool, bool]:
    """(records, rows cut, columns cut); a record is one spreadsheet row (a quoted cell may span lines). `cells`:
    refuse a line of too many cells and a quote never closed (the delimiter sniffing reads a 64 kB sample, where
    none costs much and the sample's end may cut a quoted cell)."""
    stream = io.StringIO(text, newline="")
    rows: list[list[str]] = []
    lines = Lines(stream, delimiter, rows, MAX_ROW_CELLS) if cells else None
    reader = csv.reader(lines if cells else stream, delimiter=delimiter)
    rows_cut = columns_cut = False
    record: list[str] = []
    old = csv.field_size_limit()
    csv.field_size_limit(CSV_CELL_CHARS)
    try:
        if lines is not None:
            lines.mark()
        for record in _guarded(reader, rows):
            if len(rows) >= limit:  # the rest is looked at, not read: 50 million blank lines took 27 s
                rest = re.compile(f'[^\\s"{re.escape(delimiter)}]').search(text, stream.tell())
                rows_cut = any(cell.strip() for cell in record) or rest is not None
                break
            if len(record) > MAX_COLUMNS:
                columns_cut = columns_cut or any(c.strip() for c in record[MAX_COLUMNS:])
            rows.append(_trimmed(record[:MAX_COLUMNS]))
            if lines is not None:
                lines.mark()
        else:  # read to the end: a quote left open took in every line after it
            if lines is not None:
                check_closed(text, lines, record, delimiter, len(rows))
    finally:
        csv.field_size_limit(old)
    return rows, rows_cut, columns_cut


def _guarded(reader, rows: list) -> Iterator[list[str]]:
    """The reader's records; a cell beyond the field limit raises CellTooLong naming its row."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field limit" in str(exc):
                raise CellTooLong(len(rows) + 1) from None
            raise


def sniff_delimiter(text: str) -> str:
    """The delimiter whose reading of the first rows gives the best header (`score(rows)` -> number); ties go to
    the one whose rows have the steadiest number of cells, then to ',' (the order of `_DELIMITERS`)."""
    sample = text[:65536]
    best, best_key = ",", None
    for delimiter in _DELIMITERS:
        try:
            rows, _, _ = _records(sample, delimiter, HEADER_SCAN_ROWS + 20, cells=False)
        except csv.Error:
            continue
        widths = [len(r) for r in rows if r]
        steady = max((widths.count(w) for w in set(widths) if w > 1), default=0)
        key = (header_score(rows), steady)
        if best_key is None or key > best_key:
            best, best_key = delimiter, key
    return best


def read_csv(data: bytes, name: str) -> Workbook:
    text, encoding = decode_text(data, name)
    delimiter = sniff_delimiter(text)
    try:
        rows, rows_cut, columns_cut = _records(text, delimiter, MAX_ROWS)
    except TooManyCells as exc:
        raise ReadError(f"{name}: row {exc.row:,} holds more than {MAX_ROW_CELLS:,} cells separated by "
                        f"{DELIMITER_NAMES[delimiter]}, far more than a site list's columns") from None
    except QuoteNeverClosed as exc:
        after = "the line after it" if exc.lines == 1 else f"the {counted(exc.lines, 'line')} after it"
        raise ReadError(f"{name}: row {exc.row:,} opens a quoted cell (\") that no quote closes, so {after} would "
                        "be read into that one cell; close the quote or remove it") from None
    except CellTooLong as exc:
        raise ReadError(f"{name}: row {exc.row:,} holds a cell of more than {CSV_CELL_CHARS:,} characters, far "
                        "more than a spreadsheet cell (a quote (\") opening a cell and never closed reads the rest "
                        "of the file as one cell)") from None
    except csv.Error as exc:
        raise ReadError(f"{name}: not a readable CSV file: {exc}") from None
    sheet = Sheet(Path(name).stem or "sheet", rows, rows_cut=rows_cut, columns_cut=columns_cut)
    return Workbook("csv", [sheet], encoding, delimiter)


# --------------------------------------------------------------------------------------------------------- XLSX

def _check_parts(data: bytes, name: str) -> tuple[dict[str, int], dict[str, str]]:
    """Refuse, before openpyxl reads anything, a workbook whose parts unpack to more than the limits (a zip bomb)
    or hold more XML elements than `MAX_PART_TAGS` (a row of millions of empty cells, millions of empty rows). A part
    that looks like a worksheet is held to the limits only up to its first rows (all that is read of a sheet not
    imported): over them as a whole, it is held back: refused when it is read whole, as the sheet imported or as
    anything but a sheet (`xlsx_open`). Returns (each XML part's cost as a sheet (`xml_costs.sheet_cost`): the
    tags parsed to open it and read its first rows, the parts held back with the reason each is refused)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise ReadError(f"{name}: a damaged zip file, not a readable XLSX workbook") from None
    except NotImplementedError:  # its directory asks for a zip version or feature zipfile lacks ("version 25.5")
        raise ReadError(f"{name}: a zip file of a kind XLSX workbooks are not (its directory names a zip version "
                        "or a feature spreadsheet programs do not write); save it again as .xlsx or CSV") from None
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        what = "an OpenDocument spreadsheet (.ods)" if "content.xml" in names else "a zip file"
        raise ReadError(f"{name}: {what}, not an XLSX workbook; save it as .xlsx or CSV")
    total = 0
    for info in archive.infolist():
        limit = MAX_PART_BYTES.get(info.filename, MAX_OTHER_PART_BYTES)
        total += info.file_size
        if info.file_size > limit or total > MAX_UNPACKED_BYTES:
            size, most = (info.file_size, limit) if info.file_size > limit else (total, MAX_UNPACKED_BYTES)
            part = f"its part {info.filename}" if info.file_size > limit else "its parts together"
            raise ReadError(f"{name}: {part} unpack{'s' if info.file_size > limit else ''} to {size / 1e6:.0f} MB, "
                            f"more than {most // 2**20} MB; the workbook is refused")
    heads, held = {}, {}
    for info in archive.infolist():
        xml = _unpacked(archive, info, name) if not info.filename.lower().endswith(_NOT_XML) \
            else _unpacked_if_xml(archive, info, name)
        if xml is not None:
            where = f"{name}: its part {info.filename}"
            if info.filename == "xl/workbook.xml" and xml_costs.STRICT in xml:  # openpyxl sees no cell in it
                raise ReadError(f"{name}: a Strict Open XML workbook, which the import cannot read; save it as an "
                                "Excel Workbook (.xlsx) or as CSV")
            if xml_costs.declares_doctype(xml):
                raise ReadError(f"{where} declares a document type (<!DOCTYPE …>), which spreadsheet programs never "
                                "write: its entities can make a few kilobytes read as gigabytes; the workbook is "
                                "refused (save it again from the spreadsheet program)")
            problem = _tag_problem(xml, where)
            if problem is not None and looks_like_sheet(xml) and \
                    _tag_problem(xml, where, head_end(xml, HEADER_SCAN_ROWS + 1)) is None:
                held[info.filename], problem = problem, None
            if problem is not None:
                raise ReadError(problem)
            heads[info.filename] = sheet_cost(xml, HEADER_SCAN_ROWS + 1)
    return heads, held


def _unpacked(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """One part's bytes: never more than its stated size, which was checked (zipfile stops there). A damaged
    central directory can point a part before the file's start, where zipfile's seek raises ValueError."""
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
            ValueError) as exc:
        raise ReadError(f"{name}: not a readable XLSX workbook: {reason(exc)}") from None


def _unpacked_if_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes | None:
    """A part named as a picture or binary (not counted: its bytes hold '<' at random), unpacked when it opens as
    XML does (`opens_as_xml`), else None: the workbook's links may name it as a worksheet, which was then read past
    every limit (a 16 kB workbook whose sheet1.png held a row of 3 million cells: 9 s, 1.7 GB)."""
    try:
        with archive.open(info) as part:
            start = part.read(1 << 16)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError):
        return _unpacked(archive, info, name)  # says what is wrong with it
    return _unpacked(archive, info, name) if xml_costs.opens_as_xml(start) else None


def _tag_problem(xml: bytes, where: str, end: int | None = None) -> str | None:
    """Why a part (up to `end`) whose elements or attributes, in all or in one row, pass the limits (`xml_costs`)
    is refused; None when they do not."""
    try:
        check_counts(xml, MAX_PART_TAGS, MAX_PART_ATTRIBUTES, MAX_ROW_TAGS, MAX_ROW_ATTRIBUTES, end)
    except TooMany as exc:
        return f"{where} {exc}; the workbook is refused (save the site list alone)" if exc.whole else \
            f"{where}: {exc}; the workbook is refused"
    return None


def read_xlsx(data: bytes, name: str, choose: Callable[[list[Sheet]], Sheet] | None = None,
              max_rows: int | None = None) -> tuple[list[Sheet], Sheet]:
    """(every worksheet's first rows, the chosen sheet read whole): `choose` picks from the first rows (default:
    the first sheet); the chosen one is read to `max_rows` rows (default MAX_ROWS). Each sheet is read twice in
    step: once for the saved values, once to tell which cells are formulas (a formula saved without a value reads
    as empty otherwise)."""
    from advisor.importer import xlsx_open  # openpyxl: only when a workbook is imported (it is slow to load)

    max_rows = MAX_ROWS if max_rows is None else max_rows
    heads, held = _check_parts(data, name)
    with warnings.catch_warnings():  # openpyxl warns on stderr, naming its own source file (a date serial out of
        warnings.simplefilter("ignore")  # range, an unsupported extension): the cell is read as a number, or the
        return _read_book(xlsx_open, data, name, choose, max_rows, heads, held)  # part passed over, as the import says


def _read_book(xlsx_open, data: bytes, name: str, choose: Callable[[list[Sheet]], Sheet] | None, max_rows: int,
               heads: dict[str, int], held: dict[str, str]) -> tuple[list[Sheet], Sheet]:
    try:
        _check_sheets(xlsx_open.sheet_parts(data, held), heads, name)
        values = xlsx_open.load(data, True, held)
        formulas = xlsx_open.load(data, False, held)
    except ReadError:
        raise
    except xlsx_open.HeldBack as exc:  # a part over the limits read as something other than a sheet
        raise ReadError(held[exc.part]) from None
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook (KeyError, XML errors …)
        raise ReadError(f"{name}: not a readable XLSX workbook: {reason(exc)}") from None
    try:
        _check_names(values.worksheets, name)
        for ws in (*values.worksheets, *formulas.worksheets):
            _guard_shared_texts(ws)
        # A sheet and its formulas by position: both books list the same sheets in the same order.
        pairs = list(zip(values.worksheets, formulas.worksheets, strict=True))
        heads = [_read_sheet(ws, fws, name, HEADER_SCAN_ROWS) for ws, fws in pairs]
        if not heads:
            raise ReadError(f"{name}: the workbook has no worksheet")
        chosen = (choose or (lambda sheets: sheets[0]))(heads)
        pair = pairs[next(i for i, s in enumerate(heads) if s is chosen)]
        if pair[0]._worksheet_path in held:  # the sheet imported is read whole: over the limits, it is refused
            raise ReadError(held[pair[0]._worksheet_path])
        full = _read_sheet(*pair, name, max_rows)
        full.merged = merged_ranges(data, pair[0]._worksheet_path)
    finally:
        values.close()
        formulas.close()
    return heads, full


def _check_names(sheets, name: str) -> None:
    """Refuse two sheets of one name (Excel never writes them; case aside, as Excel and --sheet compare names): a
    sheet was paired with the other's formulas, and a sheet is chosen by its name."""
    seen: dict[str, int] = {}
    for number, ws in enumerate(sheets, 1):
        key = ws.title.strip().lower()
        if key in seen:
            raise ReadError(f"{name}: sheets {seen[key]} and {number} are both named {shown(ws.title)}; "
                            "the workbook is refused (give each sheet a name of its own)")
        seen[key] = number


class _SharedTexts:
    """A workbook's shared texts, read by a cell's index: a negative index (Python reads -1 as the last text) is
    refused as an index past the end is, as a damaged cell."""

    __slots__ = ("texts",)

    def __init__(self, texts) -> None:
        self.texts = texts

    def __getitem__(self, index: int):
        if index < 0:
            raise IndexError(index)
        return self.texts[index]

    def __len__(self) -> int:
        return len(self.texts)


def _guard_shared_texts(ws) -> None:
    texts = getattr(ws, "_shared_strings", None)  # openpyxl's read-only sheet reads its cells' texts from it
    if texts is not None and not isinstance(texts, _SharedTexts):
        ws._shared_strings = _SharedTexts(texts)


def _check_sheets(parts: list[str], costs: dict[str, int], name: str) -> None:
    """Refuse more sheets than MAX_SHEETS, or sheets that cost more than 2 × MAX_PART_TAGS XML elements to open and
    look through for the header (a part counted once for each sheet that reads it)."""
    if len(parts) > MAX_SHEETS:
        raise ReadError(f"{name}: {len(parts):,} sheets, far more than a site list's workbook (at most "
                        f"{MAX_SHEETS:,}); the workbook is refused (save the site list alone)")
    most = max(costs.values(), default=0)  # a part not found under the name openpyxl gives: the worst one
    if sum(costs.get(part, most) for part in parts) > 2 * MAX_PART_TAGS:
        raise ReadError(f"{name}: its {len(parts):,} sheets are too large to look through for the header row "
                        f"(more than {2 * MAX_PART_TAGS:,} XML elements to read); the workbook is refused (save the "
                        "site list alone)")


def _read_sheet(ws, formula_ws, name: str, max_rows: int) -> Sheet:
    sheet = Sheet(ws.title, [], visible=getattr(ws, "sheet_state", "visible") == "visible")
    try:
        # Rows come padded to the width the sheet declares (its dimension), here no wider than one column past the
        # cap: a sheet declaring 16,384 columns costs no more than one holding 201. A sheet declaring none gives
        # each row its own width (cut below).
        width = min(ws.max_column, MAX_COLUMNS + 1) if ws.max_column else None
        sheet.columns_cut = bool(ws.max_column and ws.max_column > MAX_COLUMNS)  # what lies beyond is not read
        pairs = zip(ws.iter_rows(max_row=max_rows + 1, max_col=width),
                    formula_ws.iter_rows(max_row=max_rows + 1, max_col=width), strict=False)
        for number, (cells, formula_cells) in enumerate(pairs, 1):
            if len(cells) > MAX_COLUMNS + 1:  # no stated width: the row as wide as its last cell (XFD: 16,384)
                # a cell stands past the cap, as a stated width past it says; each cell read cost minutes
                sheet.columns_cut = sheet.columns_cut or number <= max_rows
                cells, formula_cells = cells[:MAX_COLUMNS + 1], formula_cells[:MAX_COLUMNS + 1]
            both = zip(cells, formula_cells, strict=False)  # the same shape: both read with max_col
            row = [_value(c, f, sheet, number, col) for col, (c, f) in enumerate(both, 1)]
            if len(row) > MAX_COLUMNS:
                sheet.columns_cut = sheet.columns_cut or any(v is not None for v in row[MAX_COLUMNS:])
                row = row[:MAX_COLUMNS]
            if number > max_rows:
                sheet.rows_cut = any(v is not None for v in row)
                break
            sheet.rows.append(_trimmed(row))
        if len(sheet.rows) == max_rows and not any(sheet.rows) and (ws.min_row or 0) > max_rows:
            # every row read is blank (the first rows looked through for the header), and the sheet states its
            # cells start below them: "its sheet is empty" was said of a list whose header is on row 41
            sheet.cells_from = ws.min_row
    except Exception as exc:  # a damaged sheet part: say which sheet, and where
        where = f"past row {len(sheet.rows):,}" if sheet.rows else "from its first row"
        raise ReadError(f"{name}: sheet '{ws.title}' cannot be read {where}: {reason(exc, in_sheet=True)}") from None
    return sheet


def _value(cell, formula_cell, sheet: Sheet, row: int, col: int) -> object:
    value = cell.value
    if getattr(formula_cell, "data_type", None) == "f":
        if value is None:
            return BadCell("a formula saved without its value (open the workbook in Excel and save it, or type "
                           "the value)")
        sheet.formulas.append((row, col))
    if getattr(cell, "data_type", None) == "e":
        if value == "#VALUE!" and _date_format(cell):  # openpyxl's word for a date serial out of range
            return BadCell("a date out of range (Excel's dates run from 1900 to 9999)")
        return BadCell(f"the cell holds a spreadsheet error ({str(value)[:20]}), not a value")
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        return value[:MAX_CELL_CHARS]
    return value


def _date_format(cell) -> bool:
    from openpyxl.styles.numbers import is_date_format

    try:
        return bool(is_date_format(getattr(cell, "number_format", None) or "General"))
    except Exception:  # a damaged style: the cell stays an error value
        return False
