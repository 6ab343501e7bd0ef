"""`advisor erlang`: Erlang B from the command line — trunks, carried traffic or blocking, from any two of
--traffic, --trunks and --gos."""

from __future__ import annotations

import argparse
import math

from advisor import numbers
from advisor.cli._common import UsageError, numeral_problem, print_json, quoted

_COMBINATIONS = ("--traffic E --gos P (trunks needed), --trunks N --gos P (traffic carried) "
                 "or --traffic E --trunks N (blocking)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "erlang", help="Erlang B: trunks for a traffic, traffic for trunks, or blocking",
        description="Erlang B with the stable recurrence B(0)=1, B(n)=A·B(n−1)/(n+A·B(n−1)). Give exactly two of "
        "--traffic, --trunks and --gos: " + _COMBINATIONS + ".",
        epilog="Examples: advisor erlang --traffic 10 --gos 0.01  ->  18 trunks;  "
        "advisor erlang --trunks 15 --gos 1%  ->  8.108 E.")
    # Parsed as text so a bad value gets our message naming the option, not argparse's generic one.
    p.add_argument("--traffic", metavar="E", help="busy-hour traffic offered, in Erlangs (≥ 0)")
    p.add_argument("--trunks", metavar="N", help="number of trunks (circuits, concurrent calls), a whole number ≥ 0")
    p.add_argument("--gos", metavar="P", help="grade of service: blocking probability, 0.01 or 1%% (between 0 and 1)")
    p.add_argument("--json", action="store_true", help="print one JSON object with the inputs and the answer")
    p.set_defaults(handler=run)


MAX_TRAFFIC = 1_000_000  # Erlangs offered: beyond, the answers are only digits (1e308 E printed 309 of them)
# The most traffic an answer gives: 1,000,000 trunks carry a little more than 1,000,000 E at 1 %, and up to 1e7 E
# at 90 %; a grade of service a hair below 1 printed 9e15 E for one trunk (and a wrong 2.5e12 for a million).
MAX_CARRIED = 10 * MAX_TRAFFIC


_LONGEST = 40  # characters of a value quoted in a message: 5,000 digits filled the error line


def _too_large(text: str) -> bool:
    """Whether a number float() reads as infinity was written as a number (400 digits, 1e400), not as 'inf': it is
    beyond what this tool sizes ('1e400' was "must be a finite number", as if it were none)."""
    return "inf" not in text.lower()


def _given(text: str) -> str:
    """The value as typed, quoted, or its length when long."""
    return quoted(text) if len(text) <= _LONGEST else f"a value of {len(text):,} characters"


def _number(text: str, unit: str = "") -> str:
    """A number as typed in a message (with its unit), or its count of digits when long."""
    text = text.strip()
    if len(text) > _LONGEST:
        return f"a number of {sum(c.isdigit() for c in text):,} digits"
    return f"{text} {unit}" if unit else text


def _numerals(option: str, text: str) -> None:
    """Refuses what float() reads but a person would not write: '١' (1) or '1_0' (10); and, as `calc` refuses it
    for its decimal options, a number float() cannot hold as written: `--traffic 5e-324` (a denormal) was sized
    as "less than 0.000000001 E", `--traffic 1e-400` (read as 0) as no traffic at all."""
    from advisor.cli import _beyond_floats, _beyond_percent

    if problem := numeral_problem(text):
        raise UsageError(f"{option}: {problem}, got {_given(text)}")
    # '1e-307%' of --gos: its number divided by 100; a '%' elsewhere is refused as no number
    if problem := (_beyond_percent(text) if option == "--gos" else _beyond_floats(text, float, overflow=False)):
        raise UsageError(f"{option}: {problem}")


def _traffic(text: str) -> float:
    _numerals("--traffic", text)
    try:
        value = float(text) + 0.0  # + 0.0: '-0' is no traffic, not "-0.000 E"
    except ValueError:
        raise UsageError(f"--traffic: expected a number of Erlangs, got {_given(text)}") from None
    if value == math.inf and _too_large(text):  # 400 digits or 1e400: a number, too large for a float
        value = math.inf
    elif not math.isfinite(value) or value < 0:
        raise UsageError(f"--traffic: must be a finite number ≥ 0 Erlangs, got {_given(text)}")
    if value > MAX_TRAFFIC:
        raise UsageError(f"--traffic: {_number(text, 'Erlangs')} is beyond what this tool sizes (at most "
                         f"{numbers.count(MAX_TRAFFIC)})")
    return value


def _trunks(text: str) -> int:
    _numerals("--trunks", text)
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"--trunks: expected a whole number of trunks, got {_given(text)}") from None
    if value == math.inf and _too_large(text):  # 400 digits or 1e400: a whole number, too large for a float
        raise UsageError(f"--trunks: {_number(text)} is beyond what this tool sizes (at most 1,000,000)")
    if not math.isfinite(value) or value < 0 or not value.is_integer():
        raise UsageError(f"--trunks: must be a whole number ≥ 0, got {_given(text)}")
    if value > 1_000_000:
        raise UsageError(f"--trunks: {_number(text)} is beyond what this tool sizes (at most 1,000,000)")
    return int(value)


def _gos(text: str) -> float:
    _numerals("--gos", text)
    raw = text.strip()
    scale = 1.0
    if raw.endswith("%"):
        raw, scale = raw[:-1], 0.01
    try:
        value = float(raw) * scale
    except ValueError:
        raise UsageError(f"--gos: expected a blocking probability such as 0.01 or 1%, got {_given(text)}") from None
    if not (0.0 < value < 1.0):
        raise UsageError(f"--gos: must be strictly between 0 and 1 (0.01 = 1 % blocking), got {_given(text)}")
    return value


def run(args: argparse.Namespace) -> int:
    from advisor import erlang

    given = {name for name in ("traffic", "trunks", "gos") if getattr(args, name) is not None}
    if given == {"traffic", "gos"}:
        a, g = _traffic(args.traffic), _gos(args.gos)
        n = erlang.trunks(a, g)
        result = {"traffic": a, "gos": g, "trunks": n}
        # No traffic needs no trunk; B(0, 0) = 1 by the recurrence's convention, and "(blocking with 0: 100 %)"
        # read as if 0 trunks failed the grade of service it had just met.
        check = ("no traffic offered" if a == 0 else
                 f"blocking with {numbers.count(n)}: {_blocking(a, n)}")
        text = f"{_offered(a)} at {_asked(g)} blocking needs {_trunks_text(n)} ({check})"
    elif given == {"trunks", "gos"}:
        n, g = _trunks(args.trunks), _gos(args.gos)
        if n and erlang.blocking(MAX_CARRIED, n) < g:  # B rises with the traffic: the answer lies beyond
            raise UsageError(f"--gos: {_trunks_text(n)} at {_asked(g)} blocking {_carry(n)} more than "
                             f"{numbers.erlangs(MAX_CARRIED)}, beyond what this tool sizes; give a smaller --gos")
        a = erlang.traffic(n, g)
        result = {"trunks": n, "gos": g, "traffic": a}
        text = f"{_trunks_text(n)} at {_asked(g)} blocking {_carry(n)} {numbers.erlangs_at_most(a)}"
    elif given == {"traffic", "trunks"}:
        a, n = _traffic(args.traffic), _trunks(args.trunks)
        b = erlang.blocking(a, n)
        result = {"traffic": a, "trunks": n, "blocking": b}
        text = f"{_offered(a)} offered to {_trunks_text(n)}: blocking {_blocking(a, n, b)}"
    else:
        shown = ", ".join(f"--{name}" for name in sorted(given)) or "none"
        raise UsageError(f"give exactly two of --traffic, --trunks, --gos (got {shown}): {_COMBINATIONS}")
    if args.json:
        print_json(result)
    else:
        print(text)
    return 0


def _offered(traffic: float) -> str:
    """The traffic the user gave, as `numbers.erlangs` shows traffic when that reads as the same figure, else as
    typed: `--traffic 0.0005` was echoed "0.001 E offered" (twice the traffic, beside its blocking), 12345.5 as
    "12,346 E"."""
    text = numbers.erlangs(traffic)
    return text if _reads_as(text.removesuffix(" E"), traffic, 0) else f"{numbers.typed(traffic)} E"


def _asked(gos: float) -> str:
    """The grade of service the user gave, in percent as `_share` shows it when that reads as the same figure,
    else as typed: `--gos 0.012345` was echoed "1.235 %", 0.999999 "more than 99.99 %"."""
    text = _share(gos)
    return text if _reads_as(text.removesuffix(" %"), gos, 2) else f"{numbers.typed(gos, 2)} %"


def _reads_as(text: str, value: float, shift: int) -> bool:
    """Whether a figure as shown (its thousands separators aside) is `value` × 10^shift, in decimal; a text in words
    ("less than 0.000000001") says itself that it is not the figure, and is taken."""
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(text.replace(",", "")) == Decimal(repr(value)).scaleb(shift)
    except InvalidOperation:
        return not text[:1].isdigit() and not text.startswith("more than")


def _trunks_text(n: int) -> str:
    return numbers.counted(n, "trunk")


def _blocking(a: float, n: int, b: float | None = None) -> str:
    """B(a, n) as `_share` shows it; offered traffic always meets some blocking, so a B that underflows to 0.0
    (0.5 E on 157 trunks: about 1e-325) reads as below the smallest share shown, never '0 %'."""
    from advisor import erlang

    b = erlang.blocking(a, n) if b is None else b
    return numbers.probability(5e-324) if a > 0 and b == 0 else _share(b)


def _share(p: float) -> str:
    """A probability as numbers.probability shows it, save that one short of 1 never reads '100 %' (0.999999
    blocking was printed as 100 %, as if every call were lost)."""
    text = numbers.probability(p)
    return "more than 99.99 %" if p < 1 and text == "100 %" else text


def _carry(trunks: int) -> str:
    """The verb for `trunks`: '1 trunk … carries', '12 trunks … carry'."""
    return "carries" if trunks == 1 else "carry"
