"""How every figure is printed, in one place: the command line, the PDF and the app use these, so one value reads
the same everywhere (one rounding rule).

- bandwidth in kbps: thousands separator, two decimals ("1,234.56"); from 10^9 kbps on, SI units ("31.2 Pbps");
- shares (utilization, priority-queue share): percent with one decimal and a space ("18.9 %"); a percent exactly
  halfway rounds up, as the user would round the decimal figure by hand (0.0015 → "0.2 %", 1.98745 → "198.7 %" but
  1.9875 → "198.8 %"), never down because its binary float falls just short of the half;
- counts: thousands separator ("40,000");
- Erlangs: three decimals below 10,000 E, then thousands separators ("1,000,000 E");
- settings as the user set them (holding time, calls per user, a grade of service in percent): up to six significant
  digits, never in exponent notation ("0.000000001", not "1e-09"); a share or a probability the user set never reads
  as its bound ("99.9999%", not "100.0%", for 0.999999).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from itertools import islice

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_PLAIN_FLOOR = 1e-12  # below it, twelve zeros after the point read worse than a power of ten
_EXACT_CEILING = 1e13  # printed digits from it on pass a float's precision: no tie to settle, its own digits as ever
NEAR_HALF = 1e-12  # relative: a figure this far from a half is no tie (float products err by ~1e-16 of it)


def _finite(value: float) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)


def kbps_value(value: float) -> str:
    """The number alone: "1,234.56", or an SI-scaled figure with its unit for very large rates ("31.2 Pbps")."""
    if not _finite(value):
        return str(value)
    if abs(value) >= 1e9:
        return si_bps(value * 1000.0)
    return f"{value:,.2f}"


def kbps(value: float) -> str:
    """A rate with its unit: "388.68 kbps", "31.2 Pbps"."""
    text = kbps_value(value)
    return text if text.endswith("bps") else f"{text} kbps"


def kbps_before(value: float, after: str) -> str:
    """`value` as written before the rate `after` (`kbps`' text) in "X of Y" or "X to Y": the number alone when
    `after` is in kbps and gives the unit ("114.95 of 1,024.00 kbps"), else with its own ("114,953,000.00 kbps of
    1.00 Tbps", not "… of 1.00 Tbps", which reads as 114 million Tbps)."""
    return kbps_value(value) if after.endswith(" kbps") else kbps(value)


def si_bps(bits_per_second: float) -> str:
    """Bits per second with an SI prefix and three significant figures: "2.05 Mbps", "31.2 Pbps"."""
    if not _finite(bits_per_second):
        return f"{bits_per_second} bps"
    prefixes = ("", "k", "M", "G", "T", "P", "E", "Z", "Y")
    value, i = abs(bits_per_second), 0
    while value >= 999.5 and i < len(prefixes) - 1:
        value /= 1000.0
        i += 1
    sign = "-" if bits_per_second < 0 else ""
    digits = 0 if value >= 99.95 else 1 if value >= 9.995 else 2
    return f"{sign}{value:.{digits}f} {prefixes[i]}bps"


def percent_digits(share: float, decimals: int, grouped: str = ",") -> str:
    """`share` × 100 with `decimals` decimals, rounded half up on the decimal the user would work by hand: the
    share's shortest text (its repr) times 100, exact in decimal arithmetic. 0.0015 × 100 is 0.15 to the user but
    0.15000000000000002 or 0.1499999999999999 in floats, which format rounds either way; here it is always "0.2".
    Outside a tie the figure is the one `format` prints (the same nearest value)."""
    value = share * 100
    if not math.isfinite(value):
        return f"{value:{grouped}.{decimals}f}"
    scaled = abs(value) * 10**decimals
    if scaled >= _EXACT_CEILING or abs(scaled % 1.0 - 0.5) > NEAR_HALF * max(1.0, scaled):
        # no tie within the floats' error (a few units in the last place): format's nearest is the decimal's
        return f"{value:{grouped}.{decimals}f}"
    exact = Decimal(repr(share)).scaleb(2)
    with localcontext() as context:
        context.prec = max(28, exact.adjusted() + decimals + 4)
        rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:{grouped}.{decimals}f}"


def scaled(value: float, shift: int) -> float:
    """`value` × 10^shift, exact in decimal on its shortest text (its repr): 5e-324 × 100 is 5e-322, where the float
    product read 4.94066 × 10⁻³²², and 0.0015 × 100 is 0.15, never 0.15000000000000002 (-0 is 0)."""
    return float(Decimal(repr(float(value))).scaleb(shift)) + 0.0


def percent_value(share: float) -> str:
    """A share as a percent number with one decimal, no sign: 0.18978 → "19.0"; a tie rounds up (0.0015 → "0.2")."""
    if not _finite(share):
        return str(share)
    return percent_digits(share, 1)


def percent(share: float) -> str:
    """A share as a percent with one decimal: 0.18978 → "19.0 %"."""
    return f"{percent_value(share)} %"


def setting(value: float, digits: int = 6, grouped: bool = False) -> str:
    """A figure as the user set it, with up to `digits` significant digits and never in exponent notation:
    180.0 → "180", 0.005 → "0.005", 1e-09 → "0.000000001", 1234567.0 → "1234570"; below 10^-12, with a power of
    ten: 5e-15 → "5 × 10⁻¹⁵". `grouped`: its whole digits with thousands separators, as prose prints figures
    (3600.0 → "3,600"; a field's text, which the user edits, stays plain)."""
    if not _finite(value):
        return str(value)
    text = f"{value:.{digits}g}"
    if "e" in text:
        if abs(value) < _PLAIN_FLOOR:
            return power_of_ten(value, digits)
        text = format(Decimal(text), "f")
    if grouped and abs(value) >= 1000:
        whole, dot, fraction = text.partition(".")
        sign = "-" if whole.startswith("-") else ""
        return f"{sign}{int(whole.lstrip('-')):,}{dot}{fraction}"
    return text


def power_of_ten(value: float, digits: int = 6) -> str:
    """A figure with up to `digits` significant digits and a power of ten: 5e-15 → "5 × 10⁻¹⁵", 1e300 → "1 × 10³⁰⁰"
    (a figure with no exponent at its size as it is: 12.5 → "12.5")."""
    text = f"{value:.{digits}g}"
    if "e" not in text:
        return text
    short = repr(value)  # the shortest text that reads back as the value: a denormal's six digits are noise (5e-324
    if "e" in short and len(short.split("e")[0].lstrip("-").replace(".", "")) <= digits:  # read "4.94066 × 10⁻³²⁴")
        text = short
    mantissa, exponent = text.split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def setting_fraction(value: float) -> str:
    """A fraction the user set (a grade of service), as `setting` prints it, but never "1" for a value below 1:
    there, as typed (0.9999999 → "0.9999999", where six significant digits read "1")."""
    text = setting(value)
    if 0 < value < 1 and text == "1":
        return typed(value, grouped=False)
    return text


def setting_percent(share: float, decimals: int = 1) -> str:
    """A share the user set, as a percent without a space (the conventions' style): 0.01 → "1.0%", and with
    `decimals=0` 0.33 → "33%". Never "100.0%" for a share below 1 nor "0.0%" for a positive one: there, the share as
    typed (0.999999 → "99.9999%") or with six significant digits (1e-12 → "0.0000000001%")."""
    if not _finite(share):
        return f"{share}%"
    text = f"{percent_digits(share, decimals, '')}%"
    if not 0 < share < 1:
        return text
    shown = float(text[:-1])
    if shown == 0:  # the share as written × 100, in decimal: 5e-324 × 100 in floats read "4.94066 × 10⁻³²²"
        return f"{setting(scaled(share, 2))}%"
    if shown >= 100:
        return f"{typed(share, 2, grouped=False)}%"
    return text


def setting_share(share: float, decimals: int = 1) -> str:
    """`setting_percent` in the style of the tables and the PDF, with a space: 0.01 → "1.0 %", 1e-12 →
    "0.0000000001 %", 0.999999 → "99.9999 %" (never "0.0 %" nor "100.0 %" for a share strictly between)."""
    return f"{setting_percent(share, decimals)[:-1]} %"


def whole_digits(value: float) -> str:
    """A figure as `setting` prints it, but with every whole digit from a million on: 2010000 → "2010000" (never
    "2.01e+06"), 12.3456 → "12.3456", 1e-09 → "0.000000001"."""
    if not _finite(value):
        return str(value)
    return setting(value, max(6, len(f"{abs(value):.0f}")))


def typed(value: float | Decimal, shift: int = 0, grouped: bool = True) -> str:
    """A figure the user typed (× 10^shift), with every digit of its shortest text (its repr; a Decimal as it is)
    and thousands separators (`grouped`), for echoing an input that a display rule would round: 12345.5 →
    "12,345.5", 0.0005 → "0.0005" (`erlangs` reads "0.001"); a share in percent with `shift=2`: 0.012345 → "1.2345"
    (never the float 1.2345000000000002)."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        exact = value
    elif not _finite(value):
        return str(value)
    else:
        exact = Decimal(repr(value))
    text = format(exact.scaleb(shift), ",f" if grouped else "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def count(value: float) -> str:
    """A whole number with thousands separators: 40000 → "40,000"."""
    if not _finite(value):
        return str(value)
    return f"{int(round(value)):,}"


def first_and_more(names: Iterable[str], total: int, limit: int) -> str:
    """The first `limit` of `names` (of `total`), then how many more: "HQ, Branch 1 and 9,998 more"."""
    text = ", ".join(islice(names, limit))
    return f"{text} and {total - limit:,} more" if total > limit else text


def and_list(words: list[str]) -> str:
    """Words listed as a sentence lists them: "a", "a and b", "a, b and c"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def mid_sentence(label: str) -> str:
    """A label as it reads inside a sentence: its first word lower-cased when it is an ordinary capitalised word
    ('Static VTI' -> 'static VTI', 'Round-trip time' -> 'round-trip time'); names and abbreviations keep their
    capitals ('GRE', 'IPsec (crypto map)', 'FlexVPN', 'CUCM release', 'NAT on the path')."""
    first = label.split(" ", 1)[0]
    return label[:1].lower() + label[1:] if first[1:].islower() else label


def counted(value: int, noun: str, plural: str | None = None) -> str:
    """A count and its noun, singular for one: "1 site", "1,200 sites"; an irregular plural written out:
    counted(2, "switch", "switches") → "2 switches"."""
    return f"{count(value)} {noun if value == 1 else plural or noun + 's'}"


def erlangs_at_most(value: float) -> str:
    """`erlangs` of the most traffic something can carry, cut to the digits shown, never rounded up: 30 trunks at
    2 % carry 21.931565 E, and "21.932 E" would block 2.0003 %, more than the grade of service. Below 0.001 E,
    three significant digits, cut ("0.000999 E", where `erlangs` reads "0.001 E")."""
    cut = traffic_cut(value)
    if _finite(cut) and 1e-9 <= cut < 0.001:
        return f"{cut:.{2 - math.floor(math.log10(cut))}f} E"
    return erlangs(cut)


def traffic_cut(value: float) -> float:
    """`value` cut to the digits `erlangs_at_most` shows: whole Erlangs from 10,000, three significant digits below
    0.001 E (none below a billionth: `erlangs` says "less than"), else three decimals."""
    if not _finite(value) or value < 1e-9:
        return value
    if value >= 10_000:
        return float(math.floor(value))
    decimals = 3 if value >= 0.001 else 2 - math.floor(math.log10(value))
    scale = 10 ** decimals
    return math.floor(value * scale) / scale


def erlangs(value: float) -> str:
    """Offered or carried traffic: "1.965 E", "12,345 E", "1,000,000 E"; traffic too small for three decimals
    keeps three significant digits ("0.000417 E", never "0.000 E" for traffic that is offered), and below a
    billionth reads "less than 0.000000001 E"."""
    if not _finite(value):
        return f"{value} E"
    size = abs(value)
    if size >= 10_000:
        return f"{value:,.0f} E"
    if 0 < size < 0.0005:
        if size < 1e-9:
            return "less than 0.000000001 E"
        decimals = 2 - math.floor(math.log10(size))
        return f"{value:.{decimals}f}".rstrip("0") + " E"
    return f"{value:,.3f} E"


def probability(p: float, decimals: int | None = None) -> str:
    """A blocking probability in percent with four significant digits, never in exponent notation: "1 %",
    "0.05 %", "0.4398 %" (the one-decimal rule for shares would print 0.05 % as "0.1 %"). `decimals` forces a
    number of decimals (before trailing zeros are dropped)."""
    if not _finite(p):
        return f"{p} %"
    value = p * 100
    if value == 0:
        return "0 %"
    if abs(value) < 1e-9:
        return "less than 0.000000001 %"
    if decimals is None:  # (no decimals for a figure too large for a float once in percent)
        decimals = min(max(3 - math.floor(math.log10(abs(value))), 0), 12) if math.isfinite(value) else 0
    text = percent_digits(p, decimals)
    return (text.rstrip("0").rstrip(".") if "." in text else text) + " %"


def setting_beside(value: float, limit: float) -> str:
    """`setting`, with as many more significant digits as it takes not to read as `limit` when it is not the limit:
    80.000005 against 80 reads "80.00001", never "80" beside "above the 80 ms limit" (`percent_beside` for shares)."""
    text = setting(value, 6)
    if value == limit or not (_finite(value) and _finite(limit)) or text != setting(limit, 6):
        return text
    for digits in range(7, 18):
        text = setting(value, digits)
        if text != setting(limit, digits):
            return text
    return repr(value)


def percent_beside(share: float, limit: float) -> str:
    """`percent_value`, with as many more decimals (up to four, as the findings' texts) as it takes to read on the
    same side of `limit` as `share` is: a voice share of 0.33046875 against a 0.33 priority-queue share reads
    "33.05", never "33.0" beside "above priority-queue share"; a utilization of 1.00015 reads "100.02" beside
    "overloaded" (1.0 the limit). A share above its limit by less than 0.00005 % shows every digit it takes."""
    if not (_finite(share) and _finite(limit)):
        return percent_value(share)
    # the limit in percent as a text shows it: 0.29 × 100 is 28.999999999999996, which '29.0' would read above
    above, bound = share > limit, float(f"{limit * 100:.12g}")
    text = percent_value(share)
    for decimals in range(2, 5):
        if (float(text.replace(",", "")) > bound) == above:
            return text
        text = percent_digits(share, decimals)
    if (float(text.replace(",", "")) > bound) == above or not above:
        return text
    # above by less than 0.00005 %: the exact decimal of the share (its shortest text, times 100, which no float
    # rounding can bring back to the limit); the digits it takes show how thin the excess is
    return f"{(Decimal(repr(share)) * 100).normalize():,f}"


def percent_against(share: float, limit: float) -> str:
    """`percent_beside` with its unit: "33.05 %"."""
    return f"{percent_beside(share, limit)} %"
