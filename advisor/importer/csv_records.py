"""The lines a CSV site list's records are read from, and what is wrong with a record read from them: a line of too
many cells, a cell too long, a quote opened and never closed (which reads every line after it into one cell)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator


class CellTooLong(csv.Error):  # a csv.Error: the delimiter sniffing passes over it
    def __init__(self, row: int) -> None:
        super().__init__(row)
        self.row = row


class TooManyCells(CellTooLong):
    """A line of more than the cells a row may hold, found before csv splits it (`row`: the record it starts)."""


class QuoteNeverClosed(csv.Error):
    """Record `row` opens a quoted cell that no quote closes: csv read the `lines` non-blank lines after it into
    that one cell, and the import went on without them (five sites of ten were dropped, 'Imported 5 sites, 0 rows
    skipped')."""

    def __init__(self, row: int, lines: int) -> None:
        super().__init__(row, lines)
        self.row, self.lines = row, lines


class Lines:
    """The stream's lines for csv.reader, each line counted: one holding more than `most_cells` delimiters raises
    TooManyCells (counted in C, before csv builds a list of millions of cells). Counted by line, so a quoted cell
    that holds the delimiter counts it too. `mark()` before each record: `start` is then where that record begins
    in the text."""

    def __init__(self, stream: io.StringIO, delimiter: str, rows: list, most_cells: int) -> None:
        self.stream, self.delimiter, self.rows, self.most_cells = stream, delimiter, rows, most_cells
        self.offset = 0  # of the next line in the text
        self.start: int | None = None
        self._marked = False

    def mark(self) -> None:
        self._marked = True

    def __iter__(self) -> Iterator[str]:
        for line in self.stream:
            if len(line) > self.most_cells and line.count(self.delimiter) > self.most_cells:
                raise TooManyCells(len(self.rows) + 1)
            if self._marked:  # csv reads no line ahead: the first one it asks for after mark() starts the record
                self.start, self._marked = self.offset, False
            self.offset += len(line)
            yield line


def check_closed(text: str, lines: Lines, record: list, delimiter: str, row: int) -> None:
    """Raise QuoteNeverClosed when the last `record` read (row `row`, from `lines.start`) opened a quoted cell that
    no quote closes and that took in lines after its own. csv (not strict) ends such a cell at the end of the file
    without a word; a strict reader of the same record says so ("unexpected end of data"). A quote left open on the
    last line takes in nothing and is read as before."""
    if lines.start is None or not any(isinstance(c, str) and ("\n" in c or "\r" in c) for c in record):
        return
    rest = text[lines.start:]
    try:
        next(csv.reader(io.StringIO(rest, newline=""), delimiter=delimiter, strict=True), None)
    except csv.Error as exc:
        if "unexpected end of data" not in str(exc):
            return  # another fault of a sloppy line, which the lenient reading passes over as before
        after = [line for line in re.split("\r\n|\r|\n", rest)[1:] if line.strip(f" \t{delimiter}")]
        if after:
            raise QuoteNeverClosed(row, len(after)) from None


def trimmed(record: list) -> list:
    """The record without the empty cells that end it."""
    end = len(record)
    while end and (record[end - 1] is None or (isinstance(record[end - 1], str) and not record[end - 1].strip())):
        end -= 1
    return record[:end]
