"""A site list file read into a table preview: its sheets, the header row found, the columns with the field each
one seems to hold, and the data rows below the header. The mapping dialog shows it; `build_design` imports it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from advisor.importer import reading
from advisor.importer.bandwidths import parse_bandwidth
from advisor.importer.headers import Column, Mapping, clash_notes, columns_of, find_header, guess, row_fields
from advisor.importer.merged import fill_merged
from advisor.importer.messages import ImportFileError, Message
from advisor.importer.reading import (
    DELIMITER_NAMES,
    HEADER_SCAN_ROWS,
    BadCell,
    ReadError,
    Sheet,
    check_kind,
    is_xlsx,
    read_bytes,
    read_csv,
    read_xlsx,
)
from advisor.importer.transports import find_transports
from advisor.importer.values import BadValue, is_blank, is_empty, shown
from advisor.io_errors import no_surrogates
from advisor.model import MAX_NAME, MAX_SITES
from advisor.numbers import counted
from advisor.validation import name_key, reading_key


@dataclass(frozen=True)
class SheetInfo:
    name: str
    header_row: int | None  # 1-based; None: no header found in its first rows
    visible: bool = True


@dataclass(frozen=True)
class DataRow:
    number: int  # as the spreadsheet shows it (1-based)
    cells: tuple[object, ...]  # str, int, float, bool, datetime, BadCell or None


@dataclass(frozen=True)
class Preview:
    source: str  # the file's name
    kind: str  # "csv" or "xlsx"
    sheets: tuple[SheetInfo, ...]
    sheet: str
    header_row: int  # 1-based
    title: str  # the title block above the header (its first text), '' without one
    columns: tuple[Column, ...]
    rows: tuple[DataRow, ...]  # every row below the header, blank ones included
    mapping: Mapping  # the guess from the headers, for the user to edit
    notes: tuple[Message, ...]  # how the file was read
    decimal_comma: bool = False  # ',' is the decimal mark (a ';'-separated CSV)
    formulas: frozenset[tuple[int, int]] = frozenset()  # (row, 0-based column) read as their saved values
    rows_cut: bool = False  # the sheet goes on past the rows read (reading.MAX_ROWS)


def preview(path: str | os.PathLike, sheet: str | None = None, header_row: int | None = None,
            hints: Iterable[str] = ()) -> Preview:
    """Read `path` (CSV or XLSX, told by its bytes) into a `Preview`.

    `sheet`: the sheet to import (a workbook's name, case-insensitive); default: the first visible sheet with a
    recognisable header that reads as a site list (a site name and users or phones), else the first visible sheet
    with a recognisable header. `header_row`: the 1-based header row; default: found among the first 30 rows. `hints`:
    header texts the user maps (`--map` keys), recognised as headers too. Raises ImportFileError.
    """
    # an undecodable byte of the file's name (a lone surrogate) as U+FFFD, as every message shows it: kept, it
    # made the design's name and notes invalid text and nothing was imported
    name = no_surrogates(Path(path).name)
    hints = tuple(hints)
    sheet_notes: list[Message] = []
    found: dict[str, int | None] = {}  # sheet name -> its header row (0-based), as found while choosing the sheet
    try:
        data = read_bytes(path)
        check_kind(data, name)
        if is_xlsx(data):
            heads, full = read_xlsx(data, name, lambda sheets: _choose_sheet(sheets, sheet, header_row, hints, name,
                                                                             sheet_notes, found))
            kind, delimiter, notes = "xlsx", "", sheet_notes
        else:
            book = read_csv(data, name)
            heads, full, kind, delimiter = book.sheets, book.sheets[0], "csv", book.delimiter
            notes = [Message("info", _csv_note(book.encoding, delimiter))]
            if "\ufffd" in book.encoding:  # said among how the file was read alone: names imported garbled, exit 0
                notes.append(Message("warning", "the file is neither UTF-8 nor Windows-1252 (some of its bytes "
                                     "mean no character in either): its names and values may read wrong, e.g. a "
                                     "list saved in a Japanese or Chinese encoding; save it as 'CSV UTF-8' and "
                                     "import it again"))
    except ReadError as exc:
        raise ImportFileError(str(exc)) from None
    index = _header_index(full, header_row, hints, name, kind)
    infos = tuple(SheetInfo(s.name, index + 1 if s.name == full.name else _found(s, hints, found), s.visible)
                  for s in heads)
    width = min(reading.MAX_COLUMNS, max((len(r) for r in full.rows[index:]), default=0))
    columns = columns_of(full.rows[index], width)
    body = [list(r[:width]) + [None] * (width - len(r)) for r in full.rows[index + 1:]]
    merges = fill_merged(body, full.merged, index + 1, [c.label for c in columns]) if full.merged else []
    rows = tuple(DataRow(n, tuple(r)) for n, r in enumerate(body, index + 2))
    mapping, _ = guess(columns)
    mapping = _by_values(mapping, columns, rows)
    notes += _limits(full) + clash_notes(columns, mapping, hints) + merges
    title = _title(full.rows[:index])
    if len(title) > MAX_NAME:  # the design's name unless --name gives one: cut, and said
        notes.append(Message("info", f"the title above the header has {len(title):,} characters: cut to its first "
                                     f"{MAX_NAME} where it names the design"))
        title = title[:MAX_NAME]
    return Preview(name, kind, infos, full.name, index + 1, title, columns, rows,
                   mapping, tuple(notes), delimiter == ";", frozenset((r, c - 1) for r, c in full.formulas),
                   full.rows_cut)


def _csv_note(encoding: str, delimiter: str) -> str:
    decimal = "; ',' read as the decimal mark" if delimiter == ";" else ""
    return f"read as text in {encoding}, columns separated by {DELIMITER_NAMES[delimiter]}{decimal}"


def _found(sheet: Sheet, hints: tuple[str, ...], found: dict[str, int | None]) -> int | None:
    """The sheet's 1-based header row, None without one: as choosing the sheet found it, else searched now (each
    cell of its first rows is a header candidate: a workbook of 40 wide sheets was searched twice, ~20 s each)."""
    index = found[sheet.name] if sheet.name in found else find_header(sheet.rows, hints)
    return None if index is None else index + 1


def _choose_sheet(sheets: list[Sheet], wanted: str | None, header_row: int | None, hints: tuple[str, ...],
                  name: str, notes: list[Message], found: dict[str, int | None]) -> Sheet:
    """The sheet `wanted`, else the one chosen by itself (`_default_sheet`); `notes` gets what the import says of a
    hidden sheet imported, or passed over while it looks like a site list; `found` each sheet's header row searched
    for that (by name)."""
    if wanted is not None:
        return _named_sheet(sheets, wanted, name)
    headers = {i: find_header(s.rows, hints) for i, s in enumerate(sheets)}
    found.update((s.name, headers[i]) for i, s in enumerate(sheets))
    chosen = _default_sheet(sheets, headers, header_row, hints, name)
    notes.extend(_hidden_notes(sheets, chosen, headers, hints))
    return chosen


def _named_sheet(sheets: list[Sheet], wanted: str, name: str) -> Sheet:
    # then case, spaces and the way letters are composed aside: 'U' + a combining diaeresis + 'bersicht' (as macOS
    # writes it) was "no sheet 'Übersicht'; its sheets: 'Notes', 'Übersicht'"
    match = [s for s in sheets if s.name == wanted] or [s for s in sheets if name_key(s.name) == name_key(wanted)]
    if not match:
        raise ImportFileError(f"{name}: no sheet '{wanted}'; its sheets: "
                              + ", ".join(f"'{s.name}'" for s in sheets))
    return match[0]


def _default_sheet(sheets: list[Sheet], headers: dict[int, int | None], header_row: int | None,
                   hints: tuple[str, ...], name: str) -> Sheet:
    if header_row is not None:
        return next((s for s in sheets if s.visible), sheets[0])
    ranked = [i for i, h in headers.items() if h is not None]
    if not ranked and not any(sheet.rows_cut or sheet.cells_from or _holds_something(sheet.rows) for sheet in sheets):
        raise ImportFileError(f"{name}: " + ("its sheet is empty" if len(sheets) == 1 else
                                             f"each of its {len(sheets)} sheets is empty") + "; " + _EMPTY_HELP)
    if not ranked:
        raise ImportFileError(f"{name}: no header row found in the first {HEADER_SCAN_ROWS} rows of "
                              + ("its sheet" if len(sheets) == 1 else f"any of its {len(sheets)} sheets")
                              + _blank_above(sheets) + "; " + _header_help(hints))
    # A visible sheet first; among those, one that reads as a site list (the link sizing sheet of our own results
    # workbook comes before its Sites sheet); then the first.
    return sheets[min(ranked, key=lambda i: (not sheets[i].visible,
                                             not _site_list(sheets[i].rows[headers[i]], hints), i))]


SITE_SHEET_NAMES = ("sites", "site list", "site", "locations", "branches")
MAX_SHEETS_LISTED = 5


def _hidden_notes(sheets: list[Sheet], chosen: Sheet, headers: dict[int, int | None],
                  hints: tuple[str, ...]) -> list[Message]:
    """A hidden sheet chosen by itself (no visible sheet has a header) is said to be; a visible one chosen while
    hidden sheets with a header look like a site list (their header names a site name and users or phones, or
    their name is 'Sites') names them and how to import one (`--sheet`). Hidden sheets are never imported
    silently, nor passed over silently when they hold the site list."""
    if not chosen.visible:
        return [Message("warning", f"sheet {_sheet_name(chosen.name)} is hidden; it is imported as no visible sheet "
                                   "has a header row (choose another with --sheet NAME)")]
    found = [s for i, s in enumerate(sheets) if not s.visible and headers.get(i) is not None
             and (_site_list(s.rows[headers[i]], hints) or " ".join(s.name.lower().split()) in SITE_SHEET_NAMES)]
    if not found:
        return []
    names = [_sheet_name(s.name) for s in found[:MAX_SHEETS_LISTED]]
    more = len(found) - len(names)
    listed = (", ".join(names[:-1]) + " and " if len(names) > 1 else "") + names[-1] \
        + (f" and {more:,} more" if more else "")
    one = len(found) == 1
    return [Message("warning", f"hidden sheet{'' if one else 's'} {listed} "
                               f"look{'s' if one else ''} like a site list too; the visible sheet "
                               f"{_sheet_name(chosen.name)} was imported, as hidden sheets are only imported when "
                               f"named: to import {'it' if one else 'one'}, give {_sheet_option(found[0].name)}")]


def _sheet_name(name: str) -> str:
    return shown(name, 60)


def _sheet_option(name: str) -> str:
    """`--sheet "Sites"`, or `--sheet NAME` for a name that cannot be given as it is written."""
    plain = bool(name) and name.isprintable() and '"' not in name and len(name) <= 60 and name.strip() == name
    return f'--sheet "{name}"' if plain else "--sheet NAME"


def _site_list(header: list[object], hints: tuple[str, ...]) -> bool:
    """Whether a header row reads as a site list's: a site name column and a users or phones column."""
    fields = row_fields(header, hints)
    return "name" in fields and ("users" in fields or "phones" in fields)


_HEADER_HELP = ("a header row names at least two columns such as Site Name, Users, Phones, WAN BW, Circuit or "
                "Latency (ms); name the header row with --header-row N, or map its columns with --map")
# With --map given, its columns are those of the header row: the row itself is what is missing.
_HEADER_HELP_MAPPED = ("--map names the columns of the header row: give the row's number with --header-row N "
                       "(--header-row 1 when the column names are on the first row), or add a row of column names "
                       "above the sites")


# An empty file or sheet (no bytes, blank lines, a byte-order mark alone) was "no header row found in the first 30
# rows", as if it held rows that named no columns.
_EMPTY_HELP = ("import takes a site list: a header row (Site Name, Users, WAN BW …) and a "
               "row per site")


def _holds_something(rows: list[list[object]]) -> bool:
    """Whether any cell of `rows` holds something written (a placeholder such as '-' or a cell that cannot be read
    too): a file of blank lines holds nothing."""
    return any(not is_empty(v) for row in rows for v in row)


def _blank_above(sheets: list[Sheet]) -> str:
    """': they are blank (the first row that holds something is row 41)' when the first rows looked through for
    the header hold nothing in every sheet and one holds something below them (the first such row of the first such
    sheet, named when there are several); else ''. A workbook's sheet whose stated cells start below the rows read
    was "empty", and a CSV file with blank lines above its list had "no header row found in the first 30 rows", as
    if those rows named no columns."""
    if any(_holds_something(sheet.rows[:HEADER_SCAN_ROWS]) for sheet in sheets):
        return ""
    for sheet in sheets:
        below = sheet.cells_from or next((i for i, row in enumerate(sheet.rows, 1) if _holds_something([row])), None)
        if below:
            of = f" of sheet {_sheet_name(sheet.name)}" if len(sheets) > 1 else ""
            return f": they are blank (the first row that holds something is row {below:,}{of})"
    return ""


def _header_help(hints: tuple[str, ...]) -> str:
    return _HEADER_HELP_MAPPED if hints else _HEADER_HELP


def _header_index(sheet: Sheet, header_row: int | None, hints: tuple[str, ...], name: str, kind: str) -> int:
    # a CSV file has no sheets: its one "sheet" (named after the file) is the file ("de.csv: … of sheet 'de'")
    where = f"sheet '{sheet.name}'" if sheet.name and kind == "xlsx" else "the file"
    if header_row is not None:
        if header_row > len(sheet.rows) and sheet.rows_cut:  # it said "no row 20,031 (it has 20,030 rows)"
            raise ImportFileError(f"{name}: row {header_row:,} of {where} is beyond the first {reading.MAX_ROWS:,} "
                                  f"rows, all the import reads (a design holds at most {MAX_SITES:,} sites); the "
                                  "header row must be among them")
        if not 1 <= header_row <= len(sheet.rows):
            raise ImportFileError(f"{name}: {where} has no row {header_row:,} (it has {counted(len(sheet.rows), 'row')})")
        if not any(not is_blank(v) and not isinstance(v, BadCell) for v in sheet.rows[header_row - 1]):
            raise ImportFileError(f"{name}: row {header_row:,} of {where} is empty; it cannot be the header row")
        return header_row - 1
    index = find_header(sheet.rows, hints)
    if index is None and not sheet.rows_cut and not sheet.cells_from and not _holds_something(sheet.rows):
        raise ImportFileError(f"{name}: {where} is empty; {_EMPTY_HELP}")
    if index is None:
        raise ImportFileError(f"{name}: no header row found in the first {HEADER_SCAN_ROWS} rows of {where}"
                              + _blank_above([sheet]) + "; " + _header_help(hints))
    return index


def _title(rows: list[list[object]]) -> str:
    """The title block's first text cell (a report title such as 'Contoso: site survey, March 2026'), but not
    Excel's separator line ('sep=;' on a CSV file's first line), which named the design "sep=", nor a cell that
    shows nothing (a zero-width space, controls or direction marks alone), which named it so: --name refuses such
    a name"""
    for row in rows:
        for value in row:
            if isinstance(value, str) and reading_key(value) and not _SEPARATOR_LINE.fullmatch(value.strip()):
                return " ".join(value.split())
    return ""


_SEPARATOR_LINE = re.compile(r"sep=.?", re.IGNORECASE)


def _by_values(mapping: Mapping, columns: tuple[Column, ...], rows: tuple[DataRow, ...]) -> Mapping:
    """A 'Circuit' column that holds speeds ('10 Mbps') rather than transports is the bandwidth, when no other
    column is: its header says too little, its values say enough."""
    col = mapping.column_of("transport")
    if col is None or mapping.column_of("bandwidth") is not None:
        return mapping
    values = [r.cells[col] for r in rows[:200] if not is_blank(r.cells[col]) and not isinstance(r.cells[col], BadCell)]
    if not values or any(find_transports(str(v)) for v in values):
        return mapping
    speeds = 0
    for value in values:
        try:
            speeds += parse_bandwidth(value).value.kbps is not None
        except BadValue:
            pass
    return mapping.assign(col, "bandwidth") if speeds >= 0.6 * len(values) else mapping


def _limits(sheet: Sheet) -> list[Message]:
    notes = []
    if sheet.rows_cut:
        notes.append(Message("warning", f"only the first {reading.MAX_ROWS:,} rows of the sheet were read (a "
                                        f"design holds at most {MAX_SITES:,} sites); the rows after them are not "
                                        "imported"))
    if sheet.columns_cut:
        notes.append(Message("warning", f"only the first {reading.MAX_COLUMNS} columns were read; the columns "
                                        "after them are not imported"))
    return notes



