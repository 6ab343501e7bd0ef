"""Whole-number options, read one way: `calc --calls 1e6`, `--mpls-labels 1e3`, `bom --vpn-hubs 2.0`.

argparse's int() refused '1e3' ("invalid int value") for every whole-number option but `calc --calls` (and
`erlang --trunks`, which reads its own text): each now reads a number as `--calls` does, with its messages. The
value is read exactly (a decimal, not a float: '9223372036854775807e0' is that seed, not its nearest float).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from advisor.cli._common import quoted, takes_numerals

_EXPONENT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+")

# Digits of a whole number Python reads (`sys.get_int_max_str_digits`): a number past them is far beyond any option
MAX_DIGITS = 4300


def whole_number(expected: str, most: int | None = None,
                 refused: Callable[[str], str] | None = None) -> Callable[[str], int]:
    """An argparse `type=` reading a whole number written as digits (1000), with an exponent (1e3) or with a
    fraction of zeros (2.0); `expected`: what the message asks for ("a whole number of calls"). `most`: the largest
    value the option takes, said as "beyond what this tool sizes"; without it the option's own check says what
    range it takes (a number of more than 4,300 digits is refused here: int() cannot read it). `refused(text)`:
    the message for what is no whole number, in place of "expected …, got …"."""

    @takes_numerals
    def read(text: str) -> int:
        written = text.strip()
        sign = written[:1] if written[:1] in ("+", "-") else ""
        digits = written[len(sign):]
        if digits.isascii() and digits.isdigit():
            significant = digits.lstrip("0") or "0"  # int() counts leading zeros against its limit: 0…02 is 2
            if len(significant) > MAX_DIGITS:
                raise argparse.ArgumentTypeError(_far(f"a number of {len(significant):,} digits", most))
            value = int(sign + significant)
        else:
            value = _decimal(text, written, refused or (lambda t: f"expected {expected}, got {_shown(t)}"), most)
        if most is not None and value > most:
            raise argparse.ArgumentTypeError(_far(_number(written), most))
        return value

    read.__name__ = "whole number"  # argparse names it in a message of its own ("invalid whole number value")
    return read


def _decimal(text: str, written: str, refused: Callable[[str], str], most: int | None) -> int:
    """A whole number written otherwise than in digits alone: with an exponent or a fraction of zeros."""
    from advisor.cli import _beyond_floats

    if problem := _beyond_floats(text, float, overflow=False):  # '1e-400' (0 to a float), '5e-324', as calc's
        raise argparse.ArgumentTypeError(problem)  # decimal options and erlang refuse it
    try:
        number = Decimal(written)
    except InvalidOperation:  # an exponent past what a decimal holds ('1e99999999999999999999') or no number
        number = None
        if (exponent := _EXPONENT.fullmatch(written)) is not None:
            if not any(c in "123456789" for c in exponent.group(1)):
                return 0  # '0e99999999999999999999' is 0, as 0e5 is
            raise argparse.ArgumentTypeError(_far(_number(written), most)) from None  # a tiny one: refused above
    if number is None or not number.is_finite() or number != number.to_integral_value():
        raise argparse.ArgumentTypeError(refused(text))
    if number.adjusted() >= MAX_DIGITS or (most is not None and number > most):  # '1e400', '1e999999'
        raise argparse.ArgumentTypeError(_far(_number(written), most))
    return int(number)


def _far(shown: str, most: int | None) -> str:
    if most is None:
        return f"{shown}, far beyond any value this option takes"
    return f"{shown} is beyond what this tool sizes (at most {most:,})"


def _number(written: str) -> str:
    """A number as typed in a message, or its length when long."""
    return written if len(written) <= 40 else f"a number of {len(written):,} characters"


def _shown(text: str) -> str:
    return quoted(text) if len(text) <= 40 else f"a value of {len(text):,} characters"


def shown_whole(value: int) -> str:
    """A whole number read from the command line, for a message: its digits, or how many when long ('1e400' read as
    a 401-digit number filled the message)."""
    digits = str(abs(value))
    return str(value) if len(digits) <= 40 else f"a {'negative ' if value < 0 else ''}number of {len(digits):,} digits"
