"""Reading a site list file into sheets of rows: CSV (UTF-8 with or without a byte-order mark, UTF-16 with one,
else Windows-1252; ',', ';', tab or '|' separated) and XLSX workbooks.

Nothing is evaluated: a workbook's formulas are read as the values it saved with them (openpyxl `data_only`), and a
formula saved without a value, or an error value such as #DIV/0!, becomes a `BadCell`. Everything is bounded:
the file's size, the rows and columns read per sheet, and the parts of a workbook held in memory.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from advisor.importer.headers import header_score

MAX_FILE_BYTES = 64 * 1024 * 1024  # as a design file (docs/design-format.md, "Limits")
MAX_ROWS = 20_030  # rows read per sheet: 20,000 sites (the most a design holds) under a title block
MAX_COLUMNS = 200
HEADER_SCAN_ROWS = 30  # the header row is looked for among the first rows
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
# Parts of a workbook openpyxl keeps whole in memory (the sheets themselves are streamed): a zip bomb stops here.
MAX_PART_BYTES = {"xl/sharedStrings.xml": 128 * 1024 * 1024, "xl/styles.xml": 32 * 1024 * 1024,
                  "xl/workbook.xml": 8 * 1024 * 1024}


class ReadError(Exception):
    """The file cannot be read as a site list; the message names the file and why."""


@dataclass(frozen=True)
class BadCell:
    """A cell whose value cannot be trusted: a formula saved without its value, or an error value."""

    reason: str


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]  # row i is spreadsheet row i + 1; trailing empty cells dropped
    visible: bool = True
    rows_cut: bool = False  # more rows than MAX_ROWS
    columns_cut: bool = False  # cells beyond MAX_COLUMNS
    formulas: list[tuple[int, int]] = field(default_factory=list)  # (row, column) of formulas read as saved values


@dataclass
class Workbook:
    kind: str  # "csv" or "xlsx"
    sheets: list[Sheet]
    encoding: str = ""  # CSV only: how the bytes were read
    delimiter: str = ""  # CSV only


def read_bytes(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """A regular file's bytes, at most `limit` of them (default MAX_FILE_BYTES): `advisor.io.read_file`'s checks
    (a folder, a device, a pipe or a larger file is refused before it is read), worded for a site list."""
    from advisor.io import _shown, read_file

    if "\x00" not in os.fspath(path) and not os.path.lexists(path):  # read_file words a NUL in the path
        raise ReadError(f"{_shown(path)}: no such file")
    return read_file(path, MAX_FILE_BYTES if limit is None else limit, what="site list", error=ReadError)


def is_xlsx(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def check_kind(data: bytes, name: str) -> None:
    """Refuse, with a message saying what the file is, the files that are neither XLSX nor text."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(f"{name}: an Excel 97–2003 workbook (.xls) or a password-protected one; save it as .xlsx "
                        "(without a password) or as CSV")
    if data.startswith(b"%PDF"):
        raise ReadError(f"{name}: a PDF, not a site list; import takes CSV or XLSX")


# ---------------------------------------------------------------------------------------------------------- CSV

_DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "','", ";": "';'", "\t": "tabs", "|": "'|'"}


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """(text, how it was read): UTF-8 (a byte-order mark is dropped), UTF-16 with a byte-order mark (Excel's
    'Unicode text'), else Windows-1252 (what Excel writes on Western European Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with a byte-order mark"
        except UnicodeDecodeError as exc:
            raise ReadError(f"{name}: starts as UTF-8 but is not valid UTF-8 at byte {exc.start + 3}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise ReadError(f"{name}: starts as UTF-16 but is not valid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:4096]:
        raise ReadError(f"{name}: not a text file (it holds NUL bytes); import takes CSV or XLSX")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252 (not UTF-8)"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252, with undecodable bytes shown as \ufffd"


def _records(text: str, delimiter: str, limit: int) -> tuple[list[list[str]], bool, bool]:
    """(records, rows cut, columns cut); a record is one spreadsheet row (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    rows_cut = columns_cut = False
    old = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_CHARS * 4)
    try:
        for record in reader:
            if len(rows) >= limit:
                rows_cut = any(cell.strip() for cell in record) or rows_cut
                if rows_cut:
                    break
                continue
            if len(record) > MAX_COLUMNS:
                columns_cut = columns_cut or any(c.strip() for c in record[MAX_COLUMNS:])
                record = record[:MAX_COLUMNS]
            rows.append(_trimmed(record))
    finally:
        csv.field_size_limit(old)
    return rows, rows_cut, columns_cut


def _trimmed(record: list) -> list:
    end = len(record)
    while end and (record[end - 1] is None or (isinstance(record[end - 1], str) and not record[end - 1].strip())):
        end -= 1
    return record[:end]


def sniff_delimiter(text: str) -> str:
    """The delimiter whose reading of the first rows gives the best header (`score(rows)` -> number); ties go to
    the one whose rows have the steadiest number of cells, then to ',' (the order of `_DELIMITERS`)."""
    sample = text[:65536]
    best, best_key = ",", None
    for delimiter in _DELIMITERS:
        try:
            rows, _, _ = _records(sample, delimiter, HEADER_SCAN_ROWS + 20)
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
    except csv.Error as exc:
        raise ReadError(f"{name}: not a readable CSV file: {exc}") from None
    sheet = Sheet(Path(name).stem or "sheet", rows, rows_cut=rows_cut, columns_cut=columns_cut)
    return Workbook("csv", [sheet], encoding, delimiter)


# --------------------------------------------------------------------------------------------------------- XLSX

def _check_parts(data: bytes, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError(f"{name}: a damaged zip file, not a readable XLSX workbook") from None
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        what = "an OpenDocument spreadsheet (.ods)" if "content.xml" in names else "a zip file"
        raise ReadError(f"{name}: {what}, not an XLSX workbook; save it as .xlsx or CSV")
    for info in archive.infolist():
        limit = MAX_PART_BYTES.get(info.filename)
        if limit is not None and info.file_size > limit:
            raise ReadError(f"{name}: its part {info.filename} unpacks to {info.file_size / 1e6:.0f} MB, more than "
                            f"{limit // 2**20} MB; the workbook is refused")


def read_xlsx(data: bytes, name: str, choose: Callable[[list[Sheet]], Sheet] | None = None,
              max_rows: int | None = None) -> tuple[list[Sheet], Sheet]:
    """(every worksheet's first rows, the chosen sheet read whole): `choose` picks from the first rows (default:
    the first sheet); the chosen one is read to `max_rows` rows (default MAX_ROWS). Each sheet is read twice in
    step: once for the saved values, once to tell which cells are formulas (a formula saved without a value reads
    as empty otherwise)."""
    import openpyxl  # only when a workbook is imported: it takes a while to load

    max_rows = MAX_ROWS if max_rows is None else max_rows
    _check_parts(data, name)
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook (KeyError, XML errors …)
        raise ReadError(f"{name}: not a readable XLSX workbook ({type(exc).__name__}: {str(exc)[:120]})") from None
    try:
        heads = [_read_sheet(ws, formulas[ws.title], name, HEADER_SCAN_ROWS) for ws in values.worksheets]
        if not heads:
            raise ReadError(f"{name}: the workbook has no worksheet")
        chosen = (choose or (lambda sheets: sheets[0]))(heads)
        full = _read_sheet(values[chosen.name], formulas[chosen.name], name, max_rows)
    finally:
        values.close()
        formulas.close()
    return heads, full


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
            both = zip(cells, formula_cells, strict=False)  # the same shape: both read with max_col
            row = [_value(c, f, sheet, number, col) for col, (c, f) in enumerate(both, 1)]
            if len(row) > MAX_COLUMNS:
                sheet.columns_cut = sheet.columns_cut or any(v is not None for v in row[MAX_COLUMNS:])
                row = row[:MAX_COLUMNS]
            if number > max_rows:
                sheet.rows_cut = any(v is not None for v in row)
                break
            sheet.rows.append(_trimmed(row))
    except Exception as exc:  # a damaged sheet part: say which sheet
        raise ReadError(f"{name}: sheet '{ws.title}' cannot be read ({type(exc).__name__}: "
                        f"{str(exc)[:120]})") from None
    return sheet


def _value(cell, formula_cell, sheet: Sheet, row: int, col: int) -> object:
    value = cell.value
    if getattr(formula_cell, "data_type", None) == "f":
        if value is None:
            return BadCell("a formula saved without its value (open the workbook in Excel and save it, or type "
                           "the value)")
        sheet.formulas.append((row, col))
    if getattr(cell, "data_type", None) == "e":
        return BadCell(f"an error value ({str(value)[:20]})")
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        return value[:MAX_CELL_CHARS]
    return value
