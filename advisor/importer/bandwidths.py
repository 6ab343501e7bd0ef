"""Reading a bandwidth cell: '2 Mbps', '1.5M', '512k', '2 x E1', '100/20 Mbps', and the unit of a column of bare
numbers (`bare_unit`). Numbers are read as `advisor.importer.values` reads them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.importer.transports import CIRCUIT_KBPS
from advisor.importer.values import (
    _EXPONENT_LIKE,
    BadValue,
    Reading,
    _ascii_digits,
    _exponent,
    _plain,
    _unsigned,
    beyond_numbers,
    finite_cell,
    parse_number,
    shown,
)


@dataclass(frozen=True)
class Bandwidth:
    """A bandwidth cell: `kbps` when the cell states its unit, else `bare` (the number, unit to be decided)."""

    kbps: float | None
    bare: float | None = None


_BW_UNITS = (("kbps", 1.0), ("kbit", 1.0), ("kbits", 1.0), ("kb", 1.0), ("k", 1.0), ("kilobits", 1.0),
             ("kilobit", 1.0), ("mbps", 1e3), ("mbit", 1e3), ("mbits", 1e3), ("mb", 1e3), ("m", 1e3),
             ("meg", 1e3), ("megs", 1e3), ("megabits", 1e3), ("megabit", 1e3), ("gbps", 1e6), ("gbit", 1e6),
             ("gbits", 1e6), ("gb", 1e6), ("g", 1e6), ("gig", 1e6), ("gigabits", 1e6), ("gigabit", 1e6),
             ("tbps", 1e9), ("tbit", 1e9), ("tbits", 1e9), ("tb", 1e9), ("terabits", 1e9), ("terabit", 1e9),
             ("bps", 1e-3), ("b", 1e-3))
_BW_FACTOR = dict(_BW_UNITS)
_BW_TERM = re.compile(r"([0-9][0-9.,'\u00a0\u202f ]*?)\s*(" + "|".join(u for u, _ in _BW_UNITS) + r")?(?![a-z])")
_BW_EXTRA = re.compile(r"\s*(?:\((?:sym\w*|symmetric|full duplex|fdx|cir|burst.*)\)|sym\w*|symmetric|"
                       r"full duplex|fdx)\s*$")
UNIT_HINT = "e.g. 2 Mbps, 1.5M, 512k, 10 Mb/s or 1 Gbps"
# 'b/s' and 'bit/s' after a unit's letter: 10 Mb/s, 512 kbit/s, 1 Tb/s
_PER_SECOND = re.compile(r"(?<![a-z])([kmgt]?)(?:bit|b)/s\b")
# A number in exponent notation and maybe a unit ('1.00E+07', as a spreadsheet in scientific format exports it,
# '1e3 kbps'), but not 'E1' or 'E3' after a count ('2E1'): two E1 circuits, or 20? Such a cell stays unread.
_BW_EXPONENT = re.compile(r"([0-9.,]+e[+-]?[0-9]{1,4})\s*(" + "|".join(u for u, _ in _BW_UNITS) + r")?")


def _no_speed(value: object) -> BadValue:
    """A bandwidth of 0 or below: said as such (a 0 was "not a bandwidth", as if it were a word)."""
    if isinstance(value, (int, float)) and value < 0 or isinstance(value, str) and value.strip().startswith("-") \
            and re.search(r"[1-9]", value):  # '-0' is 0, as in every numeric column
        return BadValue(f"{shown(value)} is below 0: write the circuit's speed ({UNIT_HINT})")
    return BadValue(f"{shown(value)} is no speed: write the circuit's speed ({UNIT_HINT})")


def parse_bandwidth(value: object, decimal_comma: bool = False) -> Reading:
    """A link speed: '2 Mbps', '1.5M', '512k', '10 Mb/s', '1 Gbps', '2,048 kbps', 'E1', '2 x E1', '100/20 Mbps'
    (asymmetric: the slower direction, noted). A bare number gives `Bandwidth(None, bare=n)`: its unit is decided
    for the whole column (`bare_unit`)."""
    if isinstance(value, bool):
        raise BadValue(f"{shown(value)} is not a bandwidth ({UNIT_HINT})")
    if isinstance(value, (int, float)):
        if not finite_cell(value):
            raise beyond_numbers(value, "a bandwidth")
        if value <= 0:
            raise _no_speed(value)
        return Reading(Bandwidth(None, float(value)))
    text = _plain(value, "a bandwidth")
    _ascii_digits(value, text, "a bandwidth")
    text = _PER_SECOND.sub(r"\1bps", text)  # 10 Mb/s, 512 kbit/s
    text = _BW_EXTRA.sub("", _unsigned(text)).strip()
    if re.fullmatch(r"-\s*[0-9].*", text) and str(value).strip().startswith("-"):  # '-5', '-2 Mbps' (not '+-2')
        raise _no_speed(value)
    times = re.fullmatch(r"([0-9]+)\s*[x×*]\s*(.+)", text)
    if times and int(times.group(1)) >= 1:
        inner = parse_bandwidth(times.group(2), decimal_comma)
        bw = inner.value
        n = int(times.group(1))
        return Reading(Bandwidth(bw.kbps * n if bw.kbps is not None else None,
                                 bw.bare * n if bw.bare is not None else None), inner.note)
    if text in CIRCUIT_KBPS:
        return Reading(Bandwidth(CIRCUIT_KBPS[text]))
    if "/" in text:
        return _asymmetric(value, text, decimal_comma)
    if _EXPONENT_LIKE.search(text) and (exp := _BW_EXPONENT.fullmatch(text)) \
            and not (exp.group(2) is None and re.fullmatch(r"[0-9]+e[13]", exp.group(1))):
        number, _, note = _exponent(value, exp.group(1), "a bandwidth", decimal_comma, False)
        if number <= 0:
            raise _no_speed(value)
        unit = exp.group(2)
        return Reading(Bandwidth(number * _BW_FACTOR[unit]) if unit else Bandwidth(None, number), note)
    match = _BW_TERM.fullmatch(text)
    if not match:
        kbps = find_speed(text, decimal_comma)
        if kbps is None:
            raise BadValue(f"{shown(value)} is not a bandwidth ({UNIT_HINT})")
        return Reading(Bandwidth(kbps), "a speed among other words: the other words ignored")
    reading = parse_number(match.group(1).strip(), decimal_comma)
    number = float(reading.value)
    if number <= 0:
        raise _no_speed(value)
    unit = match.group(2)
    bw = Bandwidth(number * _BW_FACTOR[unit]) if unit else Bandwidth(None, number)
    return Reading(bw, reading.note)


_SPEED_IN_TEXT = re.compile(r"(?<![a-z0-9.,\-])([0-9][0-9.,]*)\s*([kmg](?:bps|bit|b)?|t(?:bps|bit|b))(?![a-z0-9])")


def find_speed(text: str, decimal_comma: bool = False) -> float | None:
    """The one speed with a unit written among other words ('MPLS 10M', '10 Mbps fibre', 'E1 leased line'), in
    kbps; None when there is none or more than one."""
    words = text.lower()
    circuits = [CIRCUIT_KBPS[w] for w in re.findall(r"[a-z0-9]+", words) if w in CIRCUIT_KBPS]
    terms = _SPEED_IN_TEXT.findall(_PER_SECOND.sub(r"\1bps", words))
    if len(terms) + len(circuits) != 1:
        return None
    if circuits:
        return circuits[0]
    try:
        number = float(parse_number(terms[0][0], decimal_comma).value)
    except BadValue:
        return None
    return number * _BW_FACTOR[terms[0][1]] if number > 0 else None


def _asymmetric(value: object, text: str, decimal_comma: bool) -> Reading:
    """'100/20 Mbps', '100 Mbps / 20 Mbps', '20M/2M': down and up; the slower direction is the link's capacity."""
    parts = [p.strip() for p in text.split("/")]
    if len(parts) != 2 or not all(parts):
        raise BadValue(f"{shown(value)} is not a bandwidth ({UNIT_HINT})")
    terms = [_BW_TERM.fullmatch(p) for p in parts]
    if not all(terms):
        raise BadValue(f"{shown(value)} is not a bandwidth ({UNIT_HINT})")
    units = [t.group(2) for t in terms]
    shared = units[1] or units[0]
    speeds, notes = [], []
    for term, unit in zip(terms, units, strict=True):
        reading = parse_number(term.group(1).strip(), decimal_comma)
        speeds.append(float(reading.value) * _BW_FACTOR[unit or shared] if (unit or shared) else float(reading.value))
        notes.append(reading.note)
    note = "; ".join(dict.fromkeys(["asymmetric (down/up): the slower direction used", *filter(None, notes)]))
    slow = min(speeds)
    if slow <= 0:
        raise BadValue(f"{shown(value)} is not a bandwidth ({UNIT_HINT})")
    return Reading(Bandwidth(slow) if shared else Bandwidth(None, slow), note)


DS0_KBPS = 64.0  # one telephony channel: fractional E1/T1 circuits are sold in multiples of it
T1_KBPS = 1544.0


def bare_unit(numbers: list[float], header_unit: str | None) -> str:
    """The unit for a column's numbers of 64 and more written without one: the header's unit when it states one;
    else kbps when every such number is a multiple of 64 kbps (a DS0 channel) or 1,544 (T1), as fractional and
    full E1/T1 circuits are (128, 256, 512, 768, 1024, 2048); else Mbps (10, 100, 1000). Numbers below 64 are
    always Mbps: no WAN circuit is slower than one 64 kbps channel."""
    if header_unit in UNIT_KBPS:
        return header_unit
    big = [float(n) for n in numbers if n >= DS0_KBPS]
    if big and all(n.is_integer() and (n % DS0_KBPS == 0 or n == T1_KBPS) for n in big):
        return "kbps"
    return "Mbps"


# a header's unit: 'WAN BW (bps)' and '(Tbps)' were no unit, and 2048000 bps read as 2,048,000 kbps (E1 multiples)
UNIT_KBPS = {"bps": 1e-3, "kbps": 1.0, "Mbps": 1e3, "Gbps": 1e6, "Tbps": 1e9}


def bare_to_kbps(number: float, column_unit: str, header_unit: str | None) -> tuple[float, str]:
    """(kbps, the unit used) for a bare number under `bare_unit`'s rule."""
    unit = column_unit if header_unit in UNIT_KBPS or number >= DS0_KBPS else "Mbps"
    return number * UNIT_KBPS[unit], unit
