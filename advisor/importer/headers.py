"""Finding the header row under a title block, naming its columns, and the column-to-field mapping the user edits.

The header row is the row among the first 30 whose cells name the most fields (at least two). The `Mapping`
starts as the guess from the headers (`guess`) and changes one column at a time (`assign`), each field held by one
column at most; `--map "Headcount=users"` goes through `apply_map`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from advisor.importer.fields import (
    BY_ID,
    FIELD_IDS,
    IGNORE_WORDS,
    SITE_ID_HEADERS,
    field_for,
    normalize,
    one_way,
    recognise,
)
from advisor.importer.messages import Message
from advisor.importer.read_types import BadCell
from advisor.numbers import mid_sentence

HEADER_SCAN_ROWS = 30
MIN_HEADER_FIELDS = 2  # a row naming fewer fields is not taken for a header


class MappingError(ValueError):
    """A `--map` entry that names no column or no field; the message lists what there is."""


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell_text(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def row_fields(row: Sequence[object], hints: Iterable[str] = ()) -> dict[str, int]:
    """{field: score} the cells of one row name; a cell equal to a hint (a header the user maps) counts too."""
    hinted = {normalize(h)[0] for h in hints}
    found: dict[str, int] = {}
    for value in row:
        text = _cell_text(value)
        if not text:
            continue
        field, score = recognise(text)
        if field is not None:
            found[field] = max(found.get(field, 0), score)
        elif hinted and (words := normalize(text)[0]) in hinted:
            found[f"hint:{words}"] = 3
    return found


def header_score(rows: Sequence[Sequence[object]], hints: Iterable[str] = ()) -> int:
    """How well the best of the first rows reads as a header: the fields it names, by their scores."""
    return max((sum(row_fields(r, hints).values()) for r in rows[:HEADER_SCAN_ROWS]), default=0)


def find_header(rows: Sequence[Sequence[object]], hints: Iterable[str] = ()) -> int | None:
    """The 0-based index of the header row: the first row among the first 30 naming the most fields (by count,
    then by score), at least two; None when no row does."""
    hints = tuple(hints)
    best, best_key = None, (0, 0)
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = row_fields(row, hints)
        key = (len(found), sum(found.values()))
        if len(found) >= MIN_HEADER_FIELDS and key > best_key:
            best, best_key = i, key
    return best


@dataclass(frozen=True)
class Column:
    index: int  # 0-based
    header: str  # as written ('' for a column without a header)
    unit: str | None = None  # the unit the header states: 'bps' to 'Tbps', 'ms', 's' or 'us'
    one_way: bool = False  # the header names a one-way delay
    guess: str | None = None  # the field the header names
    score: int = 0

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def label(self) -> str:
        """'WAN BW (D)' for messages; 'column D' without a header."""
        return f"{self.header} ({self.letter})" if self.header else f"column {self.letter}"


_MICROSECONDS = re.compile(r"[(\[]\s*us\s*[)\]]|\bus$", re.IGNORECASE)  # a delay's header only: 'Users (US)' is a country


def columns_of(header_row: Sequence[object], width: int) -> tuple[Column, ...]:
    out = []
    for i in range(width):
        value = header_row[i] if i < len(header_row) else None
        # a header cell that cannot be read (a formula saved without its value, #REF!) names no column: its
        # reason's Python form was shown as the header, "columns: BadCell(reason='a formula saved …') (A)"
        text = " ".join(str(value).split()) if value is not None and not isinstance(value, (bool, BadCell)) else ""
        field, score = recognise(text) if text else (None, 0)
        unit = normalize(text)[1] if text else None
        if unit is None and field == "rtt" and _MICROSECONDS.search(text):  # 'Latency (us)': 500 read as 500 ms
            unit = "us"
        out.append(Column(i, text[:200], unit, one_way(text) if text else False, field, score))
    return tuple(out)


@dataclass(frozen=True)
class Mapping:
    """Which field each column feeds (None: not imported). Immutable: `assign` returns the edited mapping."""

    fields: tuple[str | None, ...]

    def field_of(self, column: int) -> str | None:
        return self.fields[column] if 0 <= column < len(self.fields) else None

    def column_of(self, field: str) -> int | None:
        return self._columns.get(field)

    @cached_property
    def _columns(self) -> dict[str, int]:
        return {f: i for i, f in reversed(list(enumerate(self.fields))) if f is not None}

    def assign(self, column: int, field: str | None) -> Mapping:
        """`column` now feeds `field` (None: nothing); the column that fed `field` before is let go."""
        if field is not None and field not in BY_ID:
            raise MappingError(f"unknown field '{field}'; fields: {', '.join(FIELD_IDS)}")
        if not 0 <= column < len(self.fields):
            raise MappingError(f"no column {column_letter(column) if column >= 0 else column}")
        fields = [None if (f == field and field is not None) else f for f in self.fields]
        fields[column] = field
        return Mapping(tuple(fields))


def _rank(col: Column) -> tuple[int, bool]:
    """A column's claim on the field it names: its score, then (for the site name) whether its header says
    'name': 'Name' beats 'Site' beside it, as in our own results workbook, where 'Site' holds the ids."""
    return col.score, col.guess == "name" and "name" in normalize(col.header)[0].split()


def guess(columns: Sequence[Column]) -> tuple[Mapping, list[tuple[Column, str]]]:
    """(the mapping the headers suggest, [(column, field)] for columns that name a field another column took):
    each field goes to its best column (`_rank`), the leftmost on a tie. A 'Site' column that lost the site name
    to a 'Name' column is the site id when no column names the id."""
    best: dict[str, Column] = {}
    for col in columns:
        if col.guess is not None and (col.guess not in best or _rank(col) > _rank(best[col.guess])):
            best[col.guess] = col
    if "id" not in best and "name" in best:
        site = next((c for c in columns if c.guess == "name" and c is not best["name"]
                     and normalize(c.header)[0] in SITE_ID_HEADERS), None)
        if site is not None:
            best["id"] = site
    fields: list[str | None] = [None] * len(columns)
    for field, col in best.items():
        fields[col.index] = field
    taken = {c.index for c in best.values()}
    passed = [(c, c.guess) for c in columns if c.guess is not None and c.index not in taken]
    return Mapping(tuple(fields)), passed


MAX_LISTED = 12  # columns named in one message


def clash_notes(columns: Sequence[Column], mapping: Mapping, keys: Iterable[str] = ()) -> list[Message]:
    """What the import says of the columns whose headers name a field another column is read as, and which feed
    nothing: a warning naming the column read and those as strong as it (the first from the left is read), a note
    naming those that name it less surely ('Location' beside 'Site Name'). `keys`: the `--map` keys; a field whose
    columns one of them names is the user's choice, and nothing is said of it."""
    chosen = {c.index for c in (_find_column(columns, k) for k in keys) if c is not None}
    notes = []
    for field in sorted({f for f in mapping.fields if f is not None}, key=mapping.column_of):
        used = columns[mapping.column_of(field)]
        others = [c for c in columns if c.guess == field and c is not used and mapping.field_of(c.index) is None]
        if not others or chosen & {used.index, *(c.index for c in others)}:
            continue
        what = _field_words(field)
        ties = [c for c in others if _rank(c) >= _rank(used)]
        weaker = [c for c in others if _rank(c) < _rank(used)]
        if ties:
            named = [used, *ties]
            notes.append(Message("warning", f"{_listed([c.label for c in named])} "
                                 f"{'both' if len(named) == 2 else 'all'} name the {what}: the first from the left, "
                                 f"{used.label}, is read; {_listed([c.label for c in ties])} "
                                 f"{'is' if len(ties) == 1 else 'are'} not imported ({_instead(columns, ties, field)})"))
        if weaker:
            notes.append(Message("info", f"{_listed([c.label for c in weaker])} "
                                 f"name{'s' if len(weaker) == 1 else ''} the {what} too, less surely than "
                                 f"{used.label}, which is read; {'it is' if len(weaker) == 1 else 'they are'} not "
                                 f"imported ({_instead(columns, weaker, field)})"))
    return notes


def _field_words(field: str) -> str:
    """A field's label inside a sentence: 'Site name' -> 'site name', 'NAT on the path' as it is."""
    return mid_sentence(BY_ID[field].label)


def _listed(labels: Sequence[str]) -> str:
    """'A (B)', 'A (B) and C (D)', 'A (B), C (D) and E (F)', at most MAX_LISTED named and the rest counted."""
    if len(labels) > MAX_LISTED:
        return ", ".join(labels[:MAX_LISTED]) + f" and {len(labels) - MAX_LISTED:,} more columns"
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _instead(columns: Sequence[Column], others: Sequence[Column], field: str) -> str:
    """How to read the first of `others` instead: by its letter, which names one column where headers repeat
    (unless a header reads as that letter)."""
    col = others[0]
    key = col.letter if not any(normalize(c.header)[0] == col.letter.lower() for c in columns if c.header) \
        else col.header
    return f"to read {'it' if len(others) == 1 else 'another'} instead: --map \"{key}={field}\""


def _find_column(columns: Sequence[Column], key: str) -> Column | None:
    """The column a `--map` key names: its header (case, accents, punctuation and spacing ignored), else its
    letter ('D'); the first from the left where several headers read alike (`apply_map` refuses that key)."""
    found = _find_columns(columns, key)
    return found[0] if found else None


def _find_columns(columns: Sequence[Column], key: str) -> list[Column]:
    """Every column a `--map` key names as `_find_column` reads it: more than one where headers repeat."""
    wanted = normalize(key)[0]
    exact = [c for c in columns if c.header and c.header.strip().lower() == key.strip().lower()]
    if exact:
        return exact
    loose = [c for c in columns if c.header and normalize(c.header)[0] == wanted]
    if loose:
        return loose
    letter = key.strip().upper()
    if letter.isalpha() and len(letter) <= 3:
        return [c for c in columns if c.letter == letter][:1]
    return []


def split_map(entry: str) -> tuple[str, str]:
    """'Headcount=users' -> ('Headcount', 'users'); the last '=' splits, so a header may hold one."""
    column, sep, field = entry.rpartition("=")
    if not sep or not column.strip() or not field.strip():
        raise MappingError(f"--map '{entry}': write COLUMN=FIELD, e.g. \"Headcount=users\"")
    return column.strip(), field.strip()


def apply_map(mapping: Mapping, columns: Sequence[Column], entries: Iterable[str]) -> Mapping:
    """The mapping with each 'COLUMN=FIELD' entry applied in turn ('COLUMN=ignore' leaves the column out).

    Two entries for one column, or two columns for one field, are refused: the one given last won in silence
    (`--map A=users --map A=name` imported column A as the names, and no users at all)."""
    by_column: dict[int, str] = {}
    by_field: dict[str, str] = {}
    for entry in entries:
        key, word = split_map(entry)
        found = _find_columns(columns, key)
        if not found:
            headers = ", ".join(c.label for c in columns if c.header) or "none"
            raise MappingError(f"--map '{entry}': no column '{key}' in the header row (columns: {headers})")
        if len(found) > 1:  # two 'Users' columns: the first from the left was read in silence
            raise MappingError(f"--map '{entry}': {len(found):,} columns are headed '{key}': "
                               f"{_listed([c.label for c in found])}; name one by its letter, e.g. "
                               f"--map \"{found[0].letter}={word}\"")
        column = found[0]
        ignored = word.lower() in IGNORE_WORDS
        field = None if ignored else field_for(word)
        if field is None and not ignored:
            raise MappingError(f"--map '{entry}': unknown field '{word}'; fields: {', '.join(FIELD_IDS)} "
                               f"(or 'ignore')")
        if column.index in by_column:
            raise MappingError(f"--map '{entry}': column {column.label} is mapped by --map '{by_column[column.index]}' "
                               "already; map each column once")
        if field is not None and field in by_field:
            raise MappingError(f"--map '{entry}': the {_field_words(field)} is read by --map '{by_field[field]}' "
                               "already; map each field once")
        by_column[column.index] = entry
        if field is not None:
            by_field[field] = entry
        mapping = mapping.assign(column.index, field)
    return mapping
