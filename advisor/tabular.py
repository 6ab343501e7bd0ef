"""Write tables (a title, headers and rows) to CSV and XLSX: the one writer behind every spreadsheet export.

CSV is UTF-8 *with* a byte-order mark, so that Excel opens names such as "Zürich" or "Ljubljana–Maribor" as
written (without it Excel reads the file in the Windows code page); Python's ``utf-8-sig``, LibreOffice and pandas
skip the mark. One table per CSV file, header first (no title row, so scripts read it as it is). XLSX (openpyxl)
holds several sheets: an optional bold title row, a bold header row that stays frozen, filters on it, column
widths fitted to the content, and numbers stored as numbers. See docs/bom-and-configs.md.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from advisor.xlsx_temps import SheetFiles

Cell = str | int | float | bool | None

MAX_SHEET_NAME = 31  # Excel's limit
MAX_CELL_TEXT = 32_767  # Excel's limit on the characters of one cell
MIN_WIDTH, MAX_WIDTH = 8, 80  # column widths, in characters
TICK_ROWS = 250  # rows of a workbook between two progress reports (some 40 ms at 10,000 sites)
# A text cell starting with one of these is run as a formula when a spreadsheet opens a CSV file (CSV injection):
# such cells get a leading apostrophe, which spreadsheets show as text. So does one whose first sign comes after
# spaces or line ends (" =cmd|…": a program that trims cells as it reads them runs it), one starting with a
# full-width sign (＝ ＋ － ＠, which an East Asian input method types and a spreadsheet may take for the ASCII
# one) and one starting with a NUL (OWASP ASVS 5.0, requirement 1.2.10, names it with the tab).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Characters an XLSX file cannot hold (XML 1.0 forbids the C0 controls except tab, newline and carriage return).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Sheet:
    """One table: `headers` name the columns; each row has one cell per header. `formats` gives an Excel number
    format per column (e.g. "#,##0.00" for kbps), or None; the stored value keeps its full precision.
    `row_formats`, for a table of one measure per row (the options compared), gives one format per row instead,
    for the numbers of that row."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str = ""
    formats: tuple[str | None, ...] = ()
    row_formats: tuple[str | None, ...] = ()

    def __post_init__(self) -> None:
        width = len(self.headers)
        for i, row in enumerate(self.rows):
            if len(row) != width:
                raise ValueError(f"sheet '{self.name}': row {i + 1} has {len(row)} cells for {width} columns")
        if self.formats and len(self.formats) != width:
            raise ValueError(f"sheet '{self.name}': {len(self.formats)} formats for {width} columns")
        if self.row_formats and len(self.row_formats) != len(self.rows):
            raise ValueError(f"sheet '{self.name}': {len(self.row_formats)} row formats for {len(self.rows)} rows")


def sheet(name: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]], title: str = "",
          formats: Sequence[str | None] = (), row_formats: Sequence[str | None] = ()) -> Sheet:
    """A `Sheet` from any sequences (lists are turned into tuples)."""
    return Sheet(name, tuple(headers), tuple(tuple(r) for r in rows), title, tuple(formats), tuple(row_formats))


# ---------------------------------------------------------------------------------------------------------- CSV

def number_text(value: float) -> str:
    """A number as CSV carries it: no thousands separator, '.' for decimals, at most 15 significant digits (what a
    spreadsheet keeps), so 386.40000000000003 reads 386.4, and never in exponent notation: 1.5316e-05 (a
    utilization on a 1 Tbps link) reads 0.000015316, as a person checking the file reads it. Not-a-number and
    infinities become empty cells."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return ""
    text = format(value, ".15g")
    if "e" not in text:
        return text
    return format(Decimal(text), "f")  # the same 15 digits, written out: Decimal keeps them exact


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return number_text(value)
    text = str(value)
    return cut("'" + text if text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START) else text)


def cut(text: str) -> str:
    """`text` as one spreadsheet cell holds it: at most Excel's 32,767 characters, the last one '…' when cut (a
    longer CSV cell is split or cut by the spreadsheet, and Python's csv reader refuses fields over 128 KB)."""
    return text if len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT - 1] + "…"


def csv_text(table: Sheet) -> str:
    """The table as CSV text (comma-separated, quoted where needed, CRLF line ends as RFC 4180 writes them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_csv_cell(h) for h in table.headers])
    writer.writerows([_csv_cell(c) for c in row] for row in table.rows)
    return out.getvalue()


def csv_bytes(table: Sheet) -> bytes:
    """The CSV file's bytes: UTF-8 with a byte-order mark (for Excel)."""
    return csv_text(table).encode("utf-8-sig", errors="replace")


STDOUT = "-"  # as a file name: standard output


def write_csv(path: str | os.PathLike, table: Sheet) -> None:
    """Write the table to `path` atomically (the old file or the whole new one, never half); `-` writes it to
    standard output, in UTF-8 without the byte-order mark (for the next program in a pipe, not for Excel)."""
    if os.fspath(path) == STDOUT:
        text = csv_text(table)
        if _on_terminal():  # names from the design could drive the terminal (an escape, a right-to-left override)
            text = _TERMINAL_CONTROLS.sub("?", text)
        to_stdout(text.encode("utf-8", errors="replace"))
        return
    from advisor.io import write_atomic

    write_atomic(path, csv_bytes(table))


# Control and direction characters, except the tab and line ends a CSV text holds itself
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _on_terminal() -> bool:
    import sys

    try:
        return bool(sys.stdout.isatty())
    except (AttributeError, ValueError):  # no standard output, or a closed one
        return False


def to_stdout(data: bytes) -> None:
    """Bytes to standard output, after any text already printed there (`--xlsx -`, `report -o -`)."""
    import sys

    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


# --------------------------------------------------------------------------------------------------------- XLSX

def sheet_names(names: Sequence[str]) -> list[str]:
    """Worksheet names Excel accepts: no []:*?/\\ , at most 31 characters, not empty, unique regardless of case."""
    taken: set[str] = set()
    out = []
    for name in names:
        base = _SHEET_FORBIDDEN.sub("_", _XML_ILLEGAL.sub("", name)).strip().strip("'") or "Sheet"
        base = base[:MAX_SHEET_NAME]
        candidate, n = base, 1
        while candidate.lower() in taken or candidate.lower() == "history":  # 'History' is reserved by Excel
            n += 1
            suffix = f" ({n})"
            candidate = base[:MAX_SHEET_NAME - len(suffix)] + suffix
        taken.add(candidate.lower())
        out.append(candidate)
    return out


def _xlsx_value(value: Cell) -> Cell:
    """What goes into a cell: numbers as numbers; text cleaned of what XML cannot hold and cut to Excel's limit."""
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return cut(_XML_ILLEGAL.sub("?", str(value)))


def _shown_width(value: Cell, fmt: str | None) -> int:
    if value is None:
        return 0
    if isinstance(value, float) and fmt and "0.00" in fmt:
        return len(f"{value:,.2f}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return len(f"{value:,}")
    return max((len(line) for line in str(value).split("\n")), default=0)


def _widths(table: Sheet, formats: Sequence[str | None]) -> list[int]:
    """Each column's width in characters: its widest header or shown cell plus 2, within MIN_WIDTH..MAX_WIDTH."""
    out = []
    by_row = table.row_formats or (None,) * len(table.rows)
    for col, (header, fmt) in enumerate(zip(table.headers, formats, strict=True)):
        widest = max([len(header), *(_shown_width(values[col], row_fmt or fmt)
                                     for values, row_fmt in zip(table.rows, by_row, strict=True))])
        out.append(min(MAX_WIDTH, max(MIN_WIDTH, widest + 2)))
    return out


def _text_cell(ws, value: Cell, font=None):
    """A cell that holds `value` as text whatever it looks like ("=1+1" is not run as a formula, "#N/A" is not an
    error value)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, _xlsx_value(value))
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell


def _format_cells(ws, formats: Sequence[str | None]) -> list:
    """Per column, one cell carrying the column's number format (None for a column without one). A write-only
    sheet writes a row out when it is appended, so each row reuses these cells with its own values."""
    from openpyxl.cell import WriteOnlyCell

    out: list = []
    for fmt in formats:
        cell = None
        if fmt:
            cell = WriteOnlyCell(ws)
            cell.number_format = fmt
        out.append(cell)
    return out


def _row_cells(ws, values: Sequence[Cell], numbered: Sequence) -> list:
    """One data row as a write-only sheet takes it: plain values where openpyxl stores them as they are, a cell
    where the value needs a forced text type or a number format (`numbered`, from `_format_cells`)."""
    from openpyxl.cell.cell import ERROR_CODES

    out: list = []
    for value, formatted in zip(values, numbered, strict=True):
        shown = _xlsx_value(value)
        if isinstance(value, str):
            # openpyxl would take "=…" for a formula and "#N/A" for an error value: text stays text
            if (len(shown) > 1 and shown.startswith("=")) or shown in ERROR_CODES:
                shown = _text_cell(ws, shown)
        elif formatted is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
            formatted.value = shown  # a non-finite float: an empty cell that keeps the format
            shown = formatted
        out.append(shown)
    return out


def _fill(ws, table: Sheet, files: SheetFiles, tick: Callable[[int], None] | None = None) -> None:
    """Write the table into a write-only worksheet: column widths, frozen panes and filters first (a write-only
    sheet writes them before its rows), then the title, the header and the rows, in order, into a file of `files`.
    `tick(rows written)` every `TICK_ROWS` rows."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    formats = table.formats or (None,) * len(table.headers)
    header_row = 2 if table.title else 1
    for col, width in enumerate(_widths(table, formats), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = f"A{header_row + 1}"
    if table.headers:
        last = get_column_letter(len(table.headers))
        ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(table.rows), 1)}"
    files.attach(ws)
    if table.title:
        ws.append([_text_cell(ws, table.title, Font(bold=True, size=13))])
    if not table.headers:
        return  # no columns: the rows hold no cells
    bold = Font(bold=True)
    ws.append([_text_cell(ws, header, bold) for header in table.headers])
    numbered = _format_cells(ws, formats)
    per_row: dict[str, list] = {}  # a row format's cells, made once
    for i, values in enumerate(table.rows, start=1):
        fmt = table.row_formats[i - 1] if table.row_formats else None
        if fmt and fmt not in per_row:
            per_row[fmt] = _format_cells(ws, (fmt,) * len(table.headers))
        ws.append(_row_cells(ws, values, per_row[fmt] if fmt else numbered))
        if tick is not None and not i % TICK_ROWS:
            tick(i)


def xlsx_bytes(tables: Sequence[Sheet], progress: Callable[[int, int], None] | None = None) -> bytes:
    """A workbook with one worksheet per table, in order, as the bytes of an .xlsx file. Written in openpyxl's
    write-only mode: each row goes out as it is appended, with no cell object kept for the whole sheet (the
    normal mode's grid of cells took some 40 % of the peak memory of a 20,000-site `check --xlsx`). The cells
    and sheet settings are those the normal mode wrote (tests/core/test_tabular_write_only.py).

    `progress(rows written, rows in every table)` every `TICK_ROWS` rows and after each table (the app's progress
    dialog: 10,000 sites take seconds); an exception it raises stops the writing (the app's Cancel)."""
    from openpyxl import Workbook

    if not tables:
        raise ValueError("a workbook needs at least one table")
    total = sum(len(t.rows) for t in tables)
    before = 0
    wb = Workbook(write_only=True)
    out = io.BytesIO()
    with SheetFiles() as files:
        try:
            for table, name in zip(tables, sheet_names([t.name for t in tables]), strict=True):
                tick = None if progress is None else (lambda n, b=before: progress(b + n, total))
                _fill(wb.create_sheet(title=name), table, files, tick)
                before += len(table.rows)
                if progress is not None:
                    progress(before, total)
        except BaseException:
            _discard(wb)
            raise
        wb.save(out)
    return out.getvalue()


def _discard(wb) -> None:
    """A workbook left half-made (Cancel, or an error): each sheet's stream closed and its temporary file removed.
    Left to the garbage collector, the streams complained on standard error ("I/O operation on closed file") and
    their files stayed in the temporary folder until the app quit."""
    import contextlib

    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
        with contextlib.suppress(Exception):
            ws._writer.cleanup()


def write_xlsx(path: str | os.PathLike, tables: Sequence[Sheet]) -> None:
    """Write the workbook to `path` atomically; `-` writes it to standard output, unless that is a terminal
    (OSError: a workbook is binary)."""
    if os.fspath(path) == STDOUT:
        import errno
        import sys

        if sys.stdout.isatty():
            raise OSError(errno.EINVAL, "a workbook is binary and cannot be shown in a terminal; redirect standard "
                                        "output to a file (> out.xlsx) or give a file name")
        to_stdout(xlsx_bytes(tables))
        return
    from advisor.io import write_atomic

    write_atomic(path, xlsx_bytes(tables))


def write_table(path: str | os.PathLike, tables: Sequence[Sheet]) -> str:
    """Write by the file's extension: .csv (the first table only, one table per CSV) or .xlsx (every table).
    Returns the format written ("csv" or "xlsx"); ValueError for another extension."""
    suffix = os.fspath(path).lower().rsplit(".", 1)[-1] if "." in os.fspath(path) else ""
    if suffix == "csv":
        write_csv(path, tables[0])
    elif suffix == "xlsx":
        write_xlsx(path, tables)
    else:
        raise ValueError(f"{os.fspath(path)}: give a file name ending in .csv or .xlsx")
    return suffix
