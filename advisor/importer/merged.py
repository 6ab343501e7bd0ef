"""Cells merged over several rows of a workbook's sheet, read as the sheet shows them.

A merged cell holds its value in its first cell only; the sheet shows it over every row the merge spans. A site
list often merges a column's cells over the sites that share a value (a transport, a region, a router): read as
saved, the rows under the first held nothing, and the import assumed a default for them in silence (an "Internet"
merged over four sites made three of them MPLS). Below the header row, each such cell now reads the merged value,
and the import says so. Merges across columns of one row (a title over the columns) are left as they are.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence

from advisor.importer.messages import Message
from advisor.importer.values import shown

# <mergeCell ref="A6:A9"/>, with a namespace prefix or none, '$' marks as some writers put them
_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']\$?([A-Z]{1,3})\$?([0-9]{1,7})"
                    rb":\$?([A-Z]{1,3})\$?([0-9]{1,7})[\"']")
MAX_MERGES = 20_000  # ranges read from one sheet (a sheet's part is held to its element limits before this)
MAX_FILLED = 4_000_000  # cells of merged ranges looked at: every cell of 20,030 rows of 200 columns once

Range = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based, as the sheet numbers)


def column_number(letters: bytes | str) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27."""
    number = 0
    for letter in letters.decode("ascii") if isinstance(letters, bytes) else letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def merged_ranges(data: bytes, part: str) -> list[Range]:
    """The ranges merged over more than one row in the workbook `data`'s sheet part `part` ('xl/worksheets/
    sheet1.xml'); none when the part cannot be read again (it was read already: its damage is said there)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(part.lstrip("/"))
    except (KeyError, OSError, ValueError, RuntimeError, NotImplementedError, EOFError, zipfile.BadZipFile):
        return []
    if b"mergeCell" not in xml:
        return []
    ranges = []
    for found in _MERGE.finditer(xml):
        first_row, last_row = int(found.group(2)), int(found.group(4))
        first_col, last_col = column_number(found.group(1)), column_number(found.group(3))
        if last_row > first_row and last_col >= first_col:
            ranges.append((first_row, first_col, last_row, last_col))
            if len(ranges) >= MAX_MERGES:
                break
    return ranges


def fill_merged(body: list[list[object]], ranges: Sequence[Range], header_row: int, labels: Sequence[str],
                ) -> list[Message]:
    """Give each empty cell of a merged range below `header_row` the merged value (`body[i]` is sheet row
    header_row + 1 + i, padded to `labels`' width); a message per range and column, naming its rows."""
    notes = []
    width, last = len(labels), header_row + len(body)
    budget = MAX_FILLED  # cells looked at: ranges that overlap (Excel never writes them) may each span every row
    for first_row, first_col, last_row, last_col in ranges:
        if first_row <= header_row or first_row > last or first_col > width:
            continue  # a header merged down over two rows, or a range past the rows read
        budget -= (min(last_row, last) - first_row + 1) * (min(last_col, width) - first_col + 1)
        if budget < 0:
            break
        value = body[first_row - header_row - 1][first_col - 1]
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        for col in range(first_col, min(last_col, width) + 1):
            filled = []
            for number in range(first_row, min(last_row, last) + 1):
                row = body[number - header_row - 1]
                if (number, col) != (first_row, first_col) and row[col - 1] is None:
                    row[col - 1] = value
                    filled.append(number)
            if filled:
                notes.append(Message("warning", f"a merged cell: its value {shown(value)}, saved in row {first_row} "
                                     "alone, read for each row it spans", (first_row, *filled), labels[col - 1]))
    return notes
