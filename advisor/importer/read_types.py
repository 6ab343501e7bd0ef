"""What reading a site list gives: its sheets of rows (a CSV file is one sheet), the cells that cannot be trusted,
and the error that refuses a file."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # ranges over rows (`merged.Range`)
    # a workbook's sheet whose rows read are all blank while its stated range starts below them: the first row of
    # that range (a sheet whose list starts at row 41 is not empty)
    cells_from: int | None = None


@dataclass
class Workbook:
    kind: str  # "csv" or "xlsx"
    sheets: list[Sheet]
    encoding: str = ""  # CSV only: how the bytes were read
    delimiter: str = ""  # CSV only
