"""Reading one cell's value: numbers as people type them, round-trip times, yes/no, site types (bandwidths:
`advisor.importer.bandwidths`).

Each reader takes the cell's value (text from a CSV, or the number, text or boolean a workbook holds) and returns
a `Reading`; a value it cannot read raises `BadValue` with a message saying what is wrong and how to write it.
A `Reading`'s note is a remark about the guess it made, worded the same for every row so that the import groups
them ("a ',' followed by three digits read as a thousands separator").
"""

from __future__ import annotations

import datetime
import math
import re
import sys
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from advisor.numbers import typed

BLANKS = frozenset({"", "-", "--", "---", "\u2013", "\u2014", "n/a", "na", "n.a.", "n. a.", "tbd", "tbc", "tba",
                    "?", "??", "unknown", "nil", "null"})
# What a spreadsheet writes for a formula that failed (Excel, LibreOffice's 'Err:502', Google Sheets' '#ERROR!'):
# a CSV export keeps the text. It is not a value left out, but a value lost: the row is skipped, naming it.
_SPREADSHEET_ERROR = re.compile(r"#(?:n/a|div/0!|value!|ref!|name\?|num!|null!|spill!|calc!|getting_data|field!|"
                                r"blocked!|connect!|busy!|unknown!|error!)|err:[0-9]{3}", re.IGNORECASE)
# Characters that show nothing: format characters (zero-width space and joiners, bidi marks, the byte-order mark,
# the soft hyphen, tag characters), the Hangul fillers, the blank Braille pattern and the control characters that
# are no space (a cell of "\x01\x02" named a site and a design that showed nothing). A cell of them and spaces holds
# nothing a reader can see; a name of them is no name.
_INVISIBLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
              "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
              "\u206a\u206b\u206c\u206d\u206e\u206f\u2800\u3164\ufeff\uffa0\ufff9\ufffa\ufffb"
              + "".join(chr(c) for c in range(0xE0001, 0xE0080)))
_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
_CONTROLS = "".join(chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)) if not chr(c).isspace())
_UNSEEN = _INVISIBLE + _CONTROLS + _SPACES
MAX_VALUE_CHARS = 200  # characters of a cell read for a number or a keyword; longer is not a value


class BadValue(ValueError):
    """A cell that cannot be read; the message names what it holds and what was expected."""


@dataclass(frozen=True)
class Reading:
    value: object
    note: str = ""  # a remark about a guess, the same text for every row it applies to


def shown(value: object, limit: int = 40) -> str:
    """A cell's value quoted for a message, cut to `limit` characters; a workbook's number with every digit it
    holds (`plain`): 1234567.5 users were quoted '1.23457e+06' and an RTT of 12345.678 ms '12345.7'."""
    text = value if isinstance(value, str) else plain(value) if isinstance(value, float) else str(value)
    text = " ".join(text.split())
    text = text if len(text) <= limit else text[:limit - 1] + "…"
    return "'" + text.encode("utf-8", "backslashreplace").decode("utf-8") + "'"


def plain(number: float | Decimal, grouped: bool = False) -> str:
    """A number with every digit of its shortest text and no exponent from a billionth up to 10^16 (1234567.5,
    0.0000001, 1000000000000000; '1,234,567.5' when `grouped`); beyond, with its exponent as a spreadsheet shows
    it (1e+20), not a row of hundreds of zeros."""
    exact = number if isinstance(number, Decimal) else Decimal(repr(number)) if math.isfinite(number) else None
    if exact is None or (exact and not Decimal("1e-9") <= abs(exact) < Decimal("1e16")):
        return f"{float(number):g}"
    return typed(number, grouped=grouped)


def visible(text: str) -> str:
    """The text without the spaces and invisible characters (`_INVISIBLE`, `_CONTROLS`) at either end."""
    return text.strip(_UNSEEN)


def is_blank(value: object) -> bool:
    """An empty cell, or one holding a placeholder for no value ('-', 'n/a', 'TBD')."""
    if value is None:
        return True
    if isinstance(value, str):
        return visible(value).lower() in BLANKS
    return False


def is_empty(value: object) -> bool:
    """A cell with nothing written in it: a placeholder such as '-' is something written (a value left out)."""
    return value is None or (isinstance(value, str) and not visible(value))


def spreadsheet_error(value: object) -> str | None:
    """The error a cell holds as text ('#N/A', '#DIV/0!', 'Err:502'), as written; None for any other cell."""
    if isinstance(value, str) and len(value) <= 40 and _SPREADSHEET_ERROR.fullmatch(text := visible(value)):
        return text
    return None


def text_of(value: object) -> str:
    """A cell as one line of text: whitespace runs (and line breaks inside a cell) become one space."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _plain(value: object, what: str) -> str:
    """The cell as lower-case text for a reader, refusing what no reader takes."""
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        raise BadValue(f"{shown(str(value))} is a date or time, not {what} (check the cell's format)")
    text = text_of(value)
    if len(text) > MAX_VALUE_CHARS:
        raise BadValue(f"{shown(text)} is too long to be {what}")
    return text.lower()


# A number with optional thousands separators: 1,234.5  1.234,5  1 234  1'234  2,048  1.5. Digits are 0-9 only:
# Python's \d, int() and float() also take other scripts' digits ('١٠', full-width '１０'), which no site list means.
_NUMBER = re.compile(r"[0-9](?:[0-9\u00a0\u202f' ]|[.,](?=[0-9]))*")
_THOUSANDS_OK = re.compile(r"[0-9]{1,3}(?:[.,][0-9]{3})+")


def _ascii_digits(value: object, text: str, what: str) -> None:
    """Refuse a cell that writes a number with digits other than 0-9."""
    if not text.isascii() and any(c.isdecimal() and not "0" <= c <= "9" for c in text):
        raise BadValue(f"{shown(value)} is not {what}: write it with the digits 0 to 9")


def parse_number(token: str, decimal_comma: bool = False, whole: bool = False) -> Reading:
    """A number as written in a cell: '2,048' (thousands), '1,5' (decimal comma), '1.234,5', '1 234', '1'234'.
    A single ',' or '.' followed by exactly three digits is the ambiguous case: the file's convention decides
    (`decimal_comma`: a file whose columns are separated by ';', as Excel writes where ',' is the decimal mark),
    and the reading carries a note; for a `whole` number (a count) it is a thousands separator."""
    text = re.sub(r"[\u00a0\u202f' ]", "", token)
    commas, dots = text.count(","), text.count(".")
    note = ""
    if commas and dots:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, frac = text.rpartition(decimal)
        if not _THOUSANDS_OK.fullmatch(whole) and thousands in whole:
            raise BadValue(f"{shown(token)} mixes ',' and '.' in a way that is not a number")
        text = whole.replace(thousands, "") + "." + frac
    elif commas or dots:
        sep = "," if commas else "."
        parts = text.split(sep)
        three = all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3
        if len(parts) > 2:
            if not three:
                raise BadValue(f"{shown(token)} is not a number")
            text = "".join(parts)
        elif three:
            as_thousands = whole or (sep == ",") != decimal_comma
            text = "".join(parts) if as_thousands else parts[0] + "." + parts[1]
            if not whole and (sep == "," or decimal_comma):
                role = "a thousands separator" if as_thousands else "the decimal mark"
                why = " (the file separates its columns with ';')" if decimal_comma else ""
                note = f"a '{sep}' followed by three digits read as {role}{why}"
        else:
            text = parts[0] + "." + parts[1]
    try:
        number = float(text)
    except ValueError:
        raise BadValue(f"{shown(token)} is not a number") from None
    if not math.isfinite(number):
        raise BadValue(f"{shown(token)} is not a number")
    return Reading(number, note)


def finite_cell(value: int | float) -> bool:
    """Whether a workbook's number cell holds a finite number the computations can take: not NaN or infinity, nor
    a whole number beyond the largest float (a cell of hundreds of digits, which the workbook reader gives as a
    Python int: math.isfinite failed on it with an internal error)."""
    if isinstance(value, int):
        return -sys.float_info.max <= value <= sys.float_info.max  # (int and float compare exactly)
    return math.isfinite(value)


def beyond_numbers(value: float, what: str) -> BadValue:
    """A number cell of a workbook that holds infinity or NaN (a value written as 1E+309, which no spreadsheet
    program writes), or a whole number of hundreds of digits: it was quoted as 'inf', a word the cell does not
    show."""
    kind = ("no number (NaN)" if isinstance(value, float) and math.isnan(value)
            else "a number beyond the largest a spreadsheet holds (about 1.8E+308)")
    return BadValue(f"the cell holds {kind}, not {what}; retype the value")


_PREFIX = re.compile(r"^(?:~|≈|approx\.?|approximately|ca\.?|circa|about|around|up to|max\.?|<=?|≤|>=?|≥)\s*")
_PLUS = re.compile(r"^\+\s*")  # '+5', '+2 Mbps': a leading plus sign, in every numeric column alike ('+-5' is -5)


def _unsigned(text: str) -> str:
    """The cell's text after its approximation word ('~', 'about') and a leading plus sign."""
    return _PLUS.sub("", _PREFIX.sub("", text))


def one_number(value: object, what: str, decimal_comma: bool, units: str = "",
                whole: bool = False, after: frozenset[str] | None = None) -> tuple[float, str, str]:
    """(number, its unit word or '', note) from a cell holding one number and maybe a unit or a word after it
    ('25 users', '~30 ms'; only the words in `after` when given); a range '20-30' gives its upper end, noted."""
    if isinstance(value, bool):
        raise BadValue(f"{shown(value)} is not {what}")
    if isinstance(value, (int, float)):
        if not finite_cell(value):
            raise beyond_numbers(value, what)
        if value < 0:  # no count, delay or rate of a site is negative (it reached the model as an internal error)
            raise BadValue(f"{shown(value)} is below 0")
        return float(value) + 0.0, "", ""  # -0.0 is 0
    text = _unsigned(_plain(value, what))
    _ascii_digits(value, text, what)
    if _EXPONENT_LIKE.search(text):
        return _exponent(value, text.strip(), what, decimal_comma, whole)
    found = _NUMBER.findall(text)
    if not found:
        raise BadValue(f"{shown(value)} is not {what}")
    note = ""
    if len(found) == 2 and re.fullmatch(r"\s*" + re.escape(found[0]) + r"\s*(?:-|–|to)\s*" + re.escape(found[1])
                                         + r"\s*[a-z.]*\s*", text):
        note, found = "a range: its upper end used", found[1:]
    if len(found) == 1 and text.lstrip().startswith("-") and text.lstrip()[1:].lstrip().startswith(found[0]):
        if parse_number(found[0], decimal_comma, whole).value != 0:
            raise BadValue(f"{shown(value)} is below 0")
        text = text.lstrip()[1:]  # '-0' is 0
    if len(found) != 1 or text.lstrip().startswith("-"):
        raise BadValue(f"{shown(value)} is not {what}")
    reading = parse_number(found[0], decimal_comma, whole)
    rest = text[text.index(found[0]) + len(found[0]):].strip()
    unit = re.match(units, rest).group(0) if units and re.match(units, rest) else ""
    rest = rest[len(unit):].strip()
    if rest and (not re.fullmatch(r"[a-z+.]*(?:\s*\(.*\))?|\+", rest) or (after is not None and rest not in after)):
        raise BadValue(f"{shown(value)} is not {what}")
    return float(reading.value), unit, "; ".join(n for n in (note, reading.note) if n)


# A digit then 'e' not starting a word ('1e6', '1E+06', '5e'; not '5 each'): a number in exponent notation, whole
# or broken. Read whole: the other readers took '5e' as 5 followed by a unit word, and '1e6' as two numbers.
_EXPONENT_LIKE = re.compile(r"[0-9]e(?![a-z])")
_EXPONENT = re.compile(r"(-?)\s*([0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)e([+-]?[0-9]{1,4})")
EXPONENT_NOTE = ("a number written with an exponent (as 1E+06): read as the number it writes; a spreadsheet that "
                 "shows numbers in scientific format may have rounded them")


def _exponent(value: object, text: str, what: str, decimal_comma: bool, whole: bool) -> tuple[float, str, str]:
    """(number, '', note) for a cell in exponent notation: '1e6', '1E+06', '2.5e3' ('2,5e3' in a file whose decimal
    mark is ','); refused when broken ('5e', '1e6e2'), below 0, or with a fraction where a whole number is wanted
    ('1.5e0')."""
    match = _EXPONENT.fullmatch(text)
    if match is None or ("," in match.group(2) and not decimal_comma):
        raise BadValue(f"{shown(value)} is not {what}")
    try:
        number = Decimal(match.group(2).replace(",", ".") + "e" + match.group(3))
    except InvalidOperation:
        raise BadValue(f"{shown(value)} is not {what}") from None
    if match.group(1) and number != 0:
        raise BadValue(f"{shown(value)} is below 0")
    if whole and number != number.to_integral_value():
        raise BadValue(f"{shown(value)} is {plain(number, grouped=True)}, not {what}")
    return float(min(number, Decimal("1e300"))) + 0.0, "", EXPONENT_NOTE


def parse_count(value: object, decimal_comma: bool = False, what: str = "a whole number") -> Reading:
    """Users or phones: '25', '25 users', '1,200', '~40', 25.0; a range '20-30' gives 30."""
    number, _unit, note = one_number(value, what, decimal_comma, whole=True)
    # a workbook's computed whole number may be off by a float's last digit (12.000000000000002), no more: 0.000001
    # users passed as 0 under a fixed allowance of a millionth
    if not math.isclose(number, round(number), rel_tol=1e-9, abs_tol=1e-12):
        raise BadValue(f"{shown(value)} is not {what}")
    if number > 1_000_000:
        raise BadValue(f"{shown(value)} is more than 1,000,000")
    return Reading(int(round(number)), note)


_MS_UNITS = r"(?:milliseconds?|msecs?|ms|seconds?|secs?|s)\b"
_AFTER_MS = frozenset({"rtt", "avg", "average", "round trip", "roundtrip", "ping", "max", "typ", "typical"})


def parse_ms(value: object, decimal_comma: bool = False) -> Reading:
    """A time in ms: '30', '30 ms', '0.03 s', '<10 ms', '20-40 ms' (the upper end)."""
    number, unit, note = one_number(value, "a time in ms", decimal_comma, _MS_UNITS, after=_AFTER_MS)
    if unit and not unit.startswith("m"):
        number *= 1000.0
    if number > 10_000:
        raise BadValue(f"{shown(value)} is more than 10,000 ms")
    return Reading(number, note)


_YES = frozenset({"y", "yes", "x", "1", "true", "t", "on", "ja", "j", "oui", "si", "sí", "✓", "✔", "☑", "✅",
                  "checked", "present", "installed", "required", "existing", "yes (existing)", "+"})
_NO = frozenset({"n", "no", "0", "false", "f", "off", "nein", "non", "✗", "✘", "☐", "❌", "absent", "not installed",
                 "not required"})
YES_NO_HINT = "write Y, yes, x, 1 or true; N, no, 0 or false"


def parse_yes_no(value: object) -> Reading:
    if isinstance(value, bool):
        return Reading(value)
    if isinstance(value, (int, float)) and value in (0, 1):
        return Reading(bool(value))
    text = _plain(value, "yes or no")
    if text in _YES:
        return Reading(True)
    if text in _NO:
        return Reading(False)
    raise BadValue(f"{shown(value)} is not yes or no ({YES_NO_HINT})")


_KINDS = (
    ("hq", ("hq", "headquarters", "headquarter", "head quarters", "head office", "head-office", "main office",
            "main site", "corporate", "corporate office", "central", "central office", "hub", "main", "home office")),
    ("datacenter", ("dc", "data centre", "data center", "datacenter", "datacentre", "colo", "colocation",
                    "co-location", "server room", "hosting")),
    ("branch", ("branch", "branch office", "office", "store", "shop", "site", "remote", "remote site", "remote office",
                "warehouse", "depot", "plant", "factory", "clinic", "retail", "outlet", "sales office",
                "regional office", "spoke", "small office", "satellite office", "field office", "agency")),
)


def parse_kind(value: object) -> Reading:
    """HQ, branch or data centre. Anything else reads as a branch, noted."""
    text = " ".join(re.findall(r"[a-z0-9-]+", _plain(value, "a site type")))
    for kind, words in _KINDS:
        if text in words:
            return Reading(kind)
    return Reading("branch", "not HQ, branch or data centre: read as a branch")


_SRST_MODES = (("e-srst", ("e-srst", "esrst", "e srst", "enhanced srst", "srst enhanced")),
               ("sip-srst", ("sip-srst", "sip srst", "sipsrst", "srst sip")),
               ("mgcp-fallback", ("mgcp fallback", "mgcp-fallback", "mgcp")),
               ("srst", ("srst", "unified srst", "cme-srst", "cme srst", "cme as srst", "sccp srst")),
               ("none", ("none", "no srst")))


def parse_srst(value: object) -> Reading:
    """The survivability mode: yes/no (yes = Unified SRST), or a mode by name."""
    if not isinstance(value, str):
        return Reading("srst" if parse_yes_no(value).value else "none")
    text = " ".join(_plain(value, "an SRST mode").replace("_", " ").split())
    for mode, words in _SRST_MODES:
        if text in words:
            return Reading(mode)
    try:
        return Reading("srst" if parse_yes_no(value).value else "none")
    except BadValue:
        raise BadValue(f"{shown(value)} is not an SRST mode (yes/no, SRST, E-SRST, SIP SRST or MGCP fallback)") \
            from None


_PSTN_YES = re.compile(r"\b(?:pri|bri|isdn|e1|t1|fxo|analog(?:ue)?|sip|trunks?|cube|gateway|local|pots|"
                       r"breakout)\b")
_PSTN_NO = re.compile(r"\b(?:central(?:ised|ized)?|via hq|through hq|hq|centralized pstn|no local)\b")


def parse_pstn(value: object) -> Reading:
    """A local PSTN gateway: yes/no, or what it is ('PRI', '2 x E1 PRI', 'SIP trunk' = yes; 'central' = no)."""
    try:
        return parse_yes_no(value)
    except BadValue:
        if not isinstance(value, str):
            raise
    text = _plain(value, "yes or no")
    if _PSTN_NO.search(text):
        return Reading(False)
    if _PSTN_YES.search(text):
        return Reading(True)
    raise BadValue(f"{shown(value)} is not yes or no, nor a PSTN connection such as PRI or SIP trunk "
                   f"({YES_NO_HINT})")
