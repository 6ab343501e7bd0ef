"""The data rows read into site records, field by field through the mapping: a row with a cell that cannot be read
is skipped with one message per bad cell (its row number and column), and the good rows go on.

Blank rows are passed over; a totals row ('Total', 'Sum') and a section heading (a row holding only a name) are
skipped with a message. Bare bandwidth numbers get their unit here, for the whole column at once (`bare_unit`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from advisor.importer.bandwidths import (
    DS0_KBPS,
    UNIT_KBPS,
    Bandwidth,
    bare_to_kbps,
    bare_unit,
    find_speed,
    parse_bandwidth,
)
from advisor.importer.headers import Column, Mapping
from advisor.importer.messages import Message
from advisor.importer.preview import DataRow, Preview
from advisor.importer.reading import BadCell
from advisor.importer.transports import Transport, find_transports
from advisor.importer.values import (
    BadValue,
    Reading,
    is_blank,
    is_empty,
    one_number,
    parse_count,
    parse_kind,
    parse_ms,
    parse_number,
    parse_pstn,
    parse_srst,
    parse_yes_no,
    shown,
    spreadsheet_error,
    text_of,
)
from advisor.model import MAX_CAPACITY_KBPS, MAX_NAME, MAX_SHORT_TEXT
from advisor.model_base import denormal
from advisor.numbers import counted, setting, si_bps
from advisor.numbers import kbps as kbps_text
from advisor.validation import reading_key

TOTALS = re.compile(r"(?:grand |sub ?)?totals?(?: sites| all)?\s*(?:[:(].*)?|sum|summe|gesamt|all sites",
                    re.IGNORECASE)  # the whole name: 'Total', 'Grand total:', 'Totals (EMEA)'; not 'Total Wine'
TRANSPORT_HINT = "MPLS, Internet, DIA, broadband, ADSL, LTE, satellite, leased line or metro Ethernet"


@dataclass(frozen=True)
class SiteRecord:
    """One imported row: None where the sheet gives nothing (the builder applies a default and says so)."""

    row: int
    name: str
    id: str | None = None
    kind: str | None = None
    users: int | None = None
    phones: int | None = None
    public_phones: int | None = None
    capacity_kbps: float | None = None
    bandwidth: Bandwidth | None = None  # as read; `capacity_kbps` once its unit is known
    transport: Transport | None = None
    transport_kbps: float | None = None  # a speed the transport cell names ('MPLS 10M', 'E1')
    rtt_ms: float | None = None
    router: str | None = None
    srst: str | None = None
    pstn: bool | None = None
    nat: bool | None = None


def _transport(value: object, decimal_comma: bool) -> Reading:
    text = text_of(value)
    found = find_transports(text)
    if not found:
        raise BadValue(f"{shown(value)} is not a transport ({TRANSPORT_HINT})")
    note = "names more than one transport: the first is used (one access link per site)" if len(found) > 1 else ""
    return Reading((found[0], find_speed(text, decimal_comma)), note)


def _text(limit: int, what: str) -> Callable[[object, bool], Reading]:
    def read(value: object, _decimal_comma: bool) -> Reading:
        text = text_of(value)
        if len(text) > limit:
            return Reading(text[:limit - 1] + "…", f"{what} longer than {limit} characters: cut")
        return Reading(text)
    return read


READERS: dict[str, Callable[[object, bool], Reading]] = {
    "name": _text(MAX_NAME, "a name"),
    "id": _text(64, "an id"),
    "router": _text(MAX_SHORT_TEXT, "a router model"),
    "users": lambda v, dc: parse_count(v, dc),
    "phones": lambda v, dc: parse_count(v, dc),
    "public_phones": lambda v, dc: parse_count(v, dc),
    "bandwidth": parse_bandwidth,
    "rtt": parse_ms,
    "transport": _transport,
    "kind": lambda v, _dc: parse_kind(v),
    "srst": lambda v, _dc: parse_srst(v),
    "pstn": lambda v, _dc: parse_pstn(v),
    "nat": lambda v, _dc: parse_yes_no(v),
}
YES_NO_FIELDS = ("pstn", "nat", "srst")
# a bare number under a header in seconds or microseconds ('Delay (s)', 'Latency (µs)'): (ms per unit, its name)
_TIME_UNITS = {"s": (1000.0, "seconds"), "us": (0.001, "microseconds")}


def _scaled_ms(unit: str) -> Callable[[object, bool], Reading]:
    """A reader of a bare number in `unit`, as ms; the 10,000 ms limit applies to the time in ms: '20000' under
    'RTT (s)' was refused as "more than 10,000 ms" as if it were ms, and 20,000 µs (20 ms) would have been."""
    factor, word = _TIME_UNITS[unit]

    def read(value: object, decimal_comma: bool) -> Reading:
        # a workbook's number (a whole one is an int: '<v>5</v>'), or '2e4': as written
        if isinstance(value, (int, float)) or "e" in str(value).lower():
            number, _unit, note = one_number(value, f"a time in {word}", decimal_comma)
            reading = Reading(number, note)
        else:
            reading = parse_number(value, decimal_comma)
        ms = float(reading.value) * factor
        if ms > 10_000:
            raise BadValue(f"{shown(value)} {word} is more than 10,000 ms")
        return Reading(ms, reading.note)
    return read


READERS.update({f"rtt_{unit}": _scaled_ms(unit) for unit in _TIME_UNITS})


def read_records(pre: Preview, mapping: Mapping) -> tuple[list[SiteRecord], list[Message]]:
    """The rows as site records, and the messages about them (ungrouped)."""
    mapped = [(c, mapping.field_of(c.index)) for c in pre.columns if mapping.field_of(c.index)]
    messages: list[Message] = []
    checked = _checked_columns(pre, mapped)
    records: list[SiteRecord] = []
    names: dict[str, int] = {}
    read = _Memo(pre.decimal_comma)
    for row in pre.rows:
        record = _record(row, mapped, checked, read, messages)
        if record is None:
            continue
        # names told apart as they read (`advisor explain --site`, scenario names): 'Zürich' with its accent typed
        # as its own character (as macOS writes it), or a name with a zero-width space or a direction mark, made a
        # second site that reads the same
        key = reading_key(record.name)
        if key in names:
            messages.append(Message("skipped", f"the same site name as row {names[key]}; row skipped", (row.number,),
                                    _label(mapped, "name")))
            continue
        names[key] = row.number
        records.append(record)
    records = _bandwidth_units(records, pre, mapping, messages)
    return records, messages


def _label(mapped: list[tuple[Column, str]], field: str) -> str:
    return next((c.label for c, f in mapped if f == field), "")


def _checked_columns(pre: Preview, mapped: list[tuple[Column, str]]) -> set[int]:
    """Yes/no columns with at least one value: there an empty cell means no (a column of 'x' marks)."""
    return {c.index for c, f in mapped if f in YES_NO_FIELDS
            and any(not is_blank(r.cells[c.index]) for r in pre.rows)}


class _Memo:
    """Each distinct (field, cell value) read once: a site list repeats 'MPLS', '2 Mbps' and 'Y' down its rows."""

    def __init__(self, decimal_comma: bool) -> None:
        self.decimal_comma = decimal_comma
        self.seen: dict[tuple[str, type, object], Reading | BadValue] = {}

    def __call__(self, field: str, value: object) -> Reading:
        key = (field, type(value), value)
        try:
            held = self.seen.get(key)
        except TypeError:  # an unhashable value (none comes from the readers, but stay safe)
            return READERS[field](value, self.decimal_comma)
        if held is None:
            try:
                held = READERS[field](value, self.decimal_comma)
                number = held.value
                if type(number) is float and denormal(number):
                    # a denormal (1e-320 ms, or 1e-305 µs once in ms): the design refuses it, as the command
                    # line does; it reached the design as an internal error
                    raise BadValue(f"{shown(value)} is too close to 0 to compute with")
            except BadValue as exc:
                held = exc
            if len(self.seen) < 100_000:
                self.seen[key] = held
        if isinstance(held, BadValue):
            raise held
        return held


def _record(row: DataRow, mapped: list[tuple[Column, str]], checked: set[int], read: _Memo,
            messages: list[Message]) -> SiteRecord | None:
    if all(is_blank(v) for v in row.cells):
        return None
    if _header_again(row, mapped):
        # as in files joined from several, or a report that repeats its header on each page
        messages.append(Message("skipped", "the header row repeated; row skipped", (row.number,)))
        return None
    values: dict[str, object] = {}
    bad: list[Message] = []
    notes: list[Message] = []
    for column, field in mapped:
        cell = row.cells[column.index]
        if isinstance(cell, BadCell):
            bad.append(Message("skipped", f"{cell.reason}; row skipped", (row.number,), column.label))
            continue
        if error := spreadsheet_error(cell):  # '#N/A' as a CSV export writes a failed formula: a value lost
            bad.append(Message("skipped", f"the cell holds a spreadsheet error ({error}), not a value; row skipped",
                               (row.number,), column.label))
            continue
        if is_blank(cell):
            if column.index in checked and field in YES_NO_FIELDS:
                values[field] = "none" if field == "srst" else False
                notes.append(Message("default", "empty: read as no", (row.number,), column.label))
            continue
        scaled = field == "rtt" and column.unit in _TIME_UNITS and _BARE_NUMBER.fullmatch(str(cell).strip())
        try:
            reading = read(f"rtt_{column.unit}" if scaled else field, cell)
        except BadValue as exc:
            bad.append(Message("skipped", f"{exc}; row skipped", (row.number,), column.label))
            continue
        value = reading.value
        if field == "rtt" and column.one_way:
            value = value * 2  # a round trip: checked again, the limit being the round trip's
            if value > 10_000:
                bad.append(Message("skipped", f"{shown(cell)} one way is a round trip of {value:,.0f} ms, more than "
                                              "10,000 ms; row skipped", (row.number,), column.label))
                continue
        values[field] = value
        if reading.note:
            notes.append(Message("warning", reading.note, (row.number,), column.label))
    name = values.get("name")
    name_col = _label(mapped, "name")
    if not bad and isinstance(name, str) and TOTALS.fullmatch(name):
        messages.append(Message("skipped", f"a totals row ({shown(name)}); skipped", (row.number,), name_col))
        return None
    if not bad and not name:
        mapped_filled = [c for c, _f in mapped if not is_blank(row.cells[c.index])]
        text = "no site name; row skipped" if mapped_filled else "no value in the imported columns; row skipped"
        messages.append(Message("skipped", text, (row.number,), name_col if mapped_filled else ""))
        return None
    if not bad and len(mapped) > 1 and name and _heading(row, mapped):
        messages.append(Message("skipped", "only a name, no other value: read as a section heading; row skipped",
                                (row.number,), name_col))
        return None
    public = values.get("public_phones")
    if not bad and isinstance(public, int):
        # the site's phones as the design will count them: its phones, else its users, else none (`build._site`)
        phones = values.get("phones")
        if phones is None:
            phones = values.get("users") or 0
        if isinstance(phones, int) and public > phones:
            given = (f"more than the site's {counted(phones, 'phone')}" if phones or "phones" in values
                     or "users" in values else "but the site has no users or phones given")
            bad.append(Message("skipped", f"{counted(public, 'phone')} in public areas, {given}; row skipped",
                               (row.number,), _label(mapped, "public_phones")))
    if bad:
        messages.extend(bad)
        return None
    messages.extend(notes)
    transport, speed = values.pop("transport", (None, None))
    bandwidth = values.pop("bandwidth", None)
    return SiteRecord(row.number, str(name), transport=transport, transport_kbps=speed, bandwidth=bandwidth,
                      **{_FIELD_ATTR.get(k, k): v for k, v in values.items() if k != "name"})


def _header_again(row: DataRow, mapped: list[tuple[Column, str]]) -> bool:
    """Whether the row repeats the header: each imported column that holds a value holds its own header (two at
    least). It was read as a site whose values were bad ("'Users' is not a whole number")."""
    def words(value: object) -> str:
        return " ".join(str(value).split()).casefold()

    filled = [(c, row.cells[c.index]) for c, _f in mapped if not is_blank(row.cells[c.index])]
    return len(filled) >= 2 and all(isinstance(v, str) and words(v) == words(c.header) for c, v in filled)


def _heading(row: DataRow, mapped: list[tuple[Column, str]]) -> bool:
    """Whether a row with a name is a section heading ('EMEA'): no other cell holds a value, and no other imported
    column a placeholder: a '-' or 'n/a' there is a value left out for that column, and the row a site."""
    name_index = next(c.index for c, f in mapped if f == "name")
    return all(is_blank(v) for i, v in enumerate(row.cells) if i != name_index) and \
        all(is_empty(row.cells[c.index]) for c, f in mapped if f != "name")


_FIELD_ATTR = {"rtt": "rtt_ms"}
# a cell holding a number alone, with no unit of its own; in exponent notation too ('2e4' µs, a workbook's 1e-05 s):
# such a cell under 'Latency (us)' was read as milliseconds
_BARE_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?(?:[eE][+-]?[0-9]+)?")


def _bandwidth_units(records: list[SiteRecord], pre: Preview, mapping: Mapping,
                     messages: list[Message]) -> list[SiteRecord]:
    """Every record's capacity in kbps: bare numbers take the column's unit (`bare_unit`), each said once per
    unit; a capacity outside 1 kbps to 1 Tbps skips its row."""
    index = mapping.column_of("bandwidth")
    column = pre.columns[index] if index is not None else None
    header_unit = column.unit if column is not None else None
    bare = [r.bandwidth.bare for r in records if r.bandwidth is not None and r.bandwidth.bare is not None]
    unit = bare_unit(bare, header_unit)
    transport = mapping.column_of("transport")
    transport_label = pre.columns[transport].label if transport is not None else ""
    out = []
    for record in records:
        bw = record.bandwidth
        if bw is None:
            # the speed the transport cell names ('MPLS 10M') stands in for the bandwidth: the same limits (it
            # reached the design unchecked, 'MPLS 0.5 kbps' as an internal error)
            if record.transport_kbps is not None and (why := _speed_problem(record.transport_kbps)):
                messages.append(Message("skipped", why, (record.row,), transport_label))
                continue
            out.append(record)
            continue
        kbps = bw.kbps
        if kbps is None:
            kbps, used = bare_to_kbps(bw.bare, unit, header_unit)
            if header_unit not in UNIT_KBPS:
                messages.append(Message("default", _bare_text(bw.bare, used), (record.row,), column.label))
        if why := _speed_problem(kbps):
            messages.append(Message("skipped", why, (record.row,), column.label))
            continue
        out.append(replace(record, capacity_kbps=kbps))
    return out


def _speed_problem(kbps: float) -> str | None:
    """Why a link speed is refused with its row (slower than one 64 kbps channel, or faster than 1 Tbps), or None."""
    if kbps < DS0_KBPS:
        # never "0.00 kbps" for a speed ('0.00001k'): a speed of none, which '0' is said to be
        speed = kbps_text(kbps) if kbps >= 0.005 else f"{setting(kbps)} kbps"
        return (f"{speed} is slower than one 64 kbps channel, slower than any WAN circuit: write the circuit's speed "
                "(e.g. 2,048 kbps); row skipped")
    if kbps > MAX_CAPACITY_KBPS:
        return f"{_beyond_text(kbps)}; row skipped"
    return None


def _beyond_text(kbps: float) -> str:
    """Why a speed above 1 Tbps is refused, the speed in words that compare with it: '1.23 Pbps' up to 1,000 Tbps,
    then Tbps with thousands separators ('1,000,000 Tbps', where it read '1e+06 Tbps'), and no 300-digit number for
    a cell of 1e300 ('1e+291 Tbps')."""
    if kbps < 1e12:
        return f"{si_bps(kbps * 1000)} is more than 1 Tbps"
    tbps = kbps / 1e9  # beyond a billion Tbps, with its exponent as a spreadsheet shows it (1e+291 Tbps)
    return f"{tbps:,.0f} Tbps is more than 1 Tbps" if tbps < 1e9 else f"{tbps:.3g} Tbps is more than 1 Tbps"


def _bare_text(number: float, unit: str) -> str:
    if unit == "kbps":
        return ("a number without a unit: read as kbps (the column's numbers of 64 and more are all multiples of "
                "64 kbps, as E1/T1 circuit speeds are)")
    if number < DS0_KBPS:
        return "a number below 64 without a unit: read as Mbps (no circuit is slower than one 64 kbps channel)"
    return ("a number without a unit: read as Mbps (the column's numbers are not all multiples of 64 kbps, as "
            "E1/T1 circuit speeds are)")
