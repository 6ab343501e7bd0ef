"""What an import tells the user: one message per problem or assumption, each naming its rows and column.

Rows are numbered as the spreadsheet shows them (1-based, the header and title rows counted). Messages that say the
same thing about the same column are merged into one line ("rows 4–9, 12, WAN BW (D): …"), so a default applied
to 300 rows is one line, not 300.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["skipped", "warning", "default", "info"]
# skipped: the row was not imported; warning: a value was read with a guess or cut; default: a value the sheet
# does not give was assumed; info: how the file was read.
SEVERITIES: tuple[Severity, ...] = ("skipped", "warning", "default", "info")
MAX_ROWS_LISTED = 12  # row runs named in one line; the rest are counted


class ImportFileError(Exception):
    """The file cannot be imported at all (unreadable, not CSV/XLSX, no header, no site name column …); the
    message is for the user and names the file and the problem."""


class NothingImported(ImportFileError):
    """Every row was skipped or there were none: `messages` say why, row by row."""

    def __init__(self, text: str, messages: tuple[Message, ...] = ()) -> None:
        super().__init__(text)
        self.messages = messages


@dataclass(frozen=True)
class Message:
    severity: Severity
    text: str
    rows: tuple[int, ...] = ()  # spreadsheet row numbers, ascending; empty = the whole sheet or file
    column: str = ""  # "WAN BW (D)": the header as written and the column letter

    def __str__(self) -> str:
        where = ", ".join(p for p in (rows_text(self.rows), self.column) if p)
        return f"{where}: {self.text}" if where else self.text


def rows_text(rows: Iterable[int]) -> str:
    """'row 7', 'rows 4–9, 12', or 'rows 4–9, 12, 15–20 … and 40 more rows'."""
    ordered = sorted(set(rows))
    if not ordered:
        return ""
    if len(ordered) == 1:
        return f"row {ordered[0]}"
    runs: list[tuple[int, int]] = []
    for row in ordered:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    shown = runs[:MAX_ROWS_LISTED]
    text = ", ".join(f"{a}–{b}" if b > a + 1 else (f"{a}, {b}" if b > a else str(a)) for a, b in shown)
    rest = sum(b - a + 1 for a, b in runs[MAX_ROWS_LISTED:])
    return f"rows {text}" + (f" … and {rest:,} more rows" if rest else "")


def grouped(messages: Iterable[Message]) -> tuple[Message, ...]:
    """Messages with the same severity, text and column merged into one carrying all their rows; the order is by
    severity (skipped rows first), then by first appearance."""
    merged: dict[tuple[str, str, str], list[int]] = {}
    firsts: dict[tuple[str, str, str], int] = {}
    for i, msg in enumerate(messages):
        key = (msg.severity, msg.text, msg.column)
        merged.setdefault(key, []).extend(msg.rows)
        firsts.setdefault(key, i)
    order = sorted(merged, key=lambda k: (SEVERITIES.index(k[0]), _first_row(merged[k]), firsts[k]))
    return tuple(Message(k[0], k[1], tuple(sorted(set(merged[k]))), k[2]) for k in order)


def _first_row(rows: list[int]) -> int:
    return min(rows) if rows else 0
