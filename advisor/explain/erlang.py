"""Erlang B, shown working: the recurrence step by step for trunks and blocking, and the bracket for traffic.

Every figure on a line comes from `advisor.erlang` itself (B(A, k) for the k shown), so a line can never disagree with
the sizing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal

from advisor import erlang, numbers
from advisor.explain.explanation import Explanation, Quantity

RECURRENCE = "Erlang B recurrence: B(A, 0) = 1; B(A, n) = A × B(A, n−1) / (n + A × B(A, n−1))"
_SHOW_ALL = 12  # up to this many steps are all shown; beyond, the first and last few


def gos_text(gos: float) -> str:
    """A grade of service as the user set it, never in exponent notation: 0.01 -> '1 %', 0.005 -> '0.5 %',
    1e-12 -> '0.0000000001 %'. The percent of the fraction as written (× 100 in decimal): a grade of service of
    5e-324 (a design file may hold it) read "4.94066 × 10⁻³²² %", the float product's noise. Never "100 %" for a
    grade of service below 1 (0.9999999, which six digits round up): there, every digit as typed."""
    text = numbers.setting(numbers.scaled(gos, 2))
    return f"{numbers.typed(gos, 2, grouped=False) if gos < 1 and text == '100' else text} %"


def prob(p: float, against: float | None = None) -> str:
    """A blocking probability in percent with four significant digits ('0.4398 %'), never in exponent notation;
    with `against`, as many more digits as it takes to read on the right side of it."""
    value = p * 100
    if value == 0:
        return "0 %"
    if value < 1e-9:
        if against is None or against * 100 >= 1e-9:  # 'less than 0.000000001 %' reads on the right side of it
            return numbers.probability(p)
        return f"{_tiny(value, against * 100)} %"
    decimals = min(max(3 - math.floor(math.log10(value)), 0), 12)
    while against is not None and decimals < 12 and _same_side_fails(value, decimals, against * 100):
        decimals += 1
    return numbers.probability(p, decimals)


def _tiny(value: float, limit: float) -> str:
    """A percentage below 0.000000001 % next to a grade of service below it too: four significant digits, more if
    four would put it on the wrong side of the limit."""
    shown_limit = Decimal(f"{limit:.6g}")  # as gos_text shows it
    digits = 4
    while digits < 17 and (value > limit) != (Decimal(f"{value:.{digits}g}") > shown_limit):
        digits += 1
    return numbers.setting(value, digits)


def _same_side_fails(value: float, decimals: int, limit: float) -> bool:
    shown = round(value, decimals)
    return (value > limit) != (shown > limit) or (value <= limit) != (shown <= limit)


def _shown(n: int) -> list[int | None]:
    """The steps of the recurrence a worked example shows: all up to `_SHOW_ALL`, else the first and last three
    (None: the elided middle)."""
    return list(range(1, n + 1)) if n <= _SHOW_ALL else [1, 2, 3, None, n - 2, n - 1, n]


_BLOCKINGS_MAX = 4096  # (A, n) pairs asked one at a time and kept: one design's links and sites share few
_blockings_known: dict[tuple[float, int], dict[int, float]] = {}
_blockings_primed: dict[tuple[float, int], dict[int, float]] = {}  # `prime`'s, for one design
_trunks_known: dict[tuple[float, float], int] = {}  # (A, gos) -> trunks, from `prime`


def _blockings(a: float, n: int) -> dict[int, float]:
    """B(A, k) for every k the worked example of n trunks reads (each step shown, the one before it, n − 1 and n),
    from one pass of the recurrence (`erlang.blocking_series`), once per traffic and trunks: a design whose 2,000
    links each carry a site's own 50,000 E to a central PSTN gateway ran the 50,000-step recurrence eight times per
    link (34 s for `advisor explain`), and a 10,000-link mesh of distinct loads one pass per figure shown. `prime`
    works out a whole design's at once."""
    known = _blockings_primed.get((a, n)) or _blockings_known.get((a, n))
    if known is not None:
        return known
    ks = {0, n - 1, n} if n else {0}
    for k in _shown(n):
        if k is not None:
            ks.update((k - 1, k))
    found = erlang.blocking_series(a, ks)
    if len(_blockings_known) >= _BLOCKINGS_MAX:
        _blockings_known.clear()
    _blockings_known[(a, n)] = found
    return found


def forget() -> None:
    """Drop the figures kept for earlier worked examples (`prime`'s among them)."""
    _blockings_known.clear()
    _blockings_primed.clear()
    _trunks_known.clear()


def sized(a: float, gos: float) -> int:
    """`erlang.trunks(a, gos)`: read off `prime`'s answers when it worked them out."""
    known = _trunks_known.get((a, gos))
    return known if known is not None else erlang.trunks(a, gos)


PRIME_MIN = 64  # distinct loads from which `prime` works them out in arrays (numpy's import pays for itself)


def prime(loads: Iterable[float], gos: float) -> None:
    """Work out, for every load a whole design's worked examples will show, Erlang B's trunks and the blocking
    figures at the steps shown, all at once: `erlang_batch.trunks_many` (the analysis has mostly answered them
    already) and `erlang_series.ends` (every walk of the recurrence in step), the same figures as one load at a time.
    `advisor explain` on a 10,000-link chain spent 4 of its 5 s on these, load by load. Below `PRIME_MIN` distinct
    loads, or where a walk leaves the recurrence's range, the worked examples ask for their own as before."""
    distinct = {a for a in loads if a >= 0.0 and math.isfinite(a)}
    if len(distinct) < PRIME_MIN or not 0.0 < gos < 1.0:
        return
    from advisor import erlang_batch, erlang_series

    forget()
    counts = erlang_batch.trunks_many(distinct, gos)
    _trunks_known.update(((a, gos), n) for a, n in counts.items())
    walks = [(a, n) for a, n in counts.items() if n <= erlang.RECURRENCE_MAX]
    if len(walks) >= PRIME_MIN:
        _blockings_primed.update(erlang_series.ends(walks, _SHOW_ALL, 4))


def _b(value: float) -> str:
    """B as a plain number with six significant digits, for the steps of the recurrence, never in exponent
    notation: 0.0123457, 0.000000000331048 (below 10^-12, with a power of ten: 3.31048 × 10⁻¹⁵)."""
    return numbers.setting(value)


# Said after the steps: a reader who works a step from the digits shown gets the sixth digit one off at times
ROUNDED = "  (the figures are shown rounded; every step works on the unrounded values)"


def steps(a: float, n: int) -> list[str]:
    """The recurrence from B(A, 1) to B(A, n), each step with its numbers (the middle elided for long runs)."""
    lines = []
    a_text = numbers.erlangs(a).removesuffix(" E")
    b = _blockings(a, n)
    for k in _shown(n):
        if k is None:
            lines.append("  …")
            continue
        prev, cur = b[k - 1], b[k]
        lines.append(f"  B({k:,}) = {a_text} × {_b(prev)} / ({k:,} + {a_text} × {_b(prev)}) = {_b(cur)}")
    return lines


def trunks(a: float, gos: float, *, title: str | None = None, subject: str = "", figure: str = "trunks",
           with_steps: bool = True, sources: tuple[str, ...] = ()) -> Explanation:
    """The fewest trunks n with B(A, n) ≤ gos."""
    n = sized(a, gos)
    below, at = 1.0, 1.0  # no trunks: every call is blocked
    if n:
        b = _blockings(a, n)
        below, at = b[n - 1], b[n]
    lines = [f"the fewest trunks n with B({numbers.erlangs(a)}, n) ≤ {gos_text(gos)}"]
    if n == 0:
        lines.append("no traffic offered: 0 trunks")
    else:
        if with_steps:
            lines += [RECURRENCE, *steps(a, n), ROUNDED]
        if n > 1:
            lines.append(f"B({numbers.erlangs(a)}, {n - 1:,}) = {prob(below, gos)} > "
                         f"{gos_text(gos)}: {n - 1:,} {'is' if n - 1 == 1 else 'are'} too few")
        lines.append(f"B({numbers.erlangs(a)}, {n:,}) = {prob(at, gos)} ≤ {gos_text(gos)}: "
                     f"n = {numbers.count(n)}")
    return Explanation(
        title=title or f"Trunks for {numbers.erlangs(a)} at {gos_text(gos)} blocking", lines=tuple(lines),
        result=Quantity(n, "trunks", numbers.counted(n, "trunk")),
        terms={"traffic": a, "gos": gos, "trunks": n,
               "blocking_below": below if n else 1.0, "blocking": at},
        sources=sources, subject=subject, figure=figure)


def blocking(a: float, n: int, *, title: str | None = None, subject: str = "") -> Explanation:
    """B(A, n): the share of calls offered to n trunks that find them all busy."""
    b = erlang.blocking(a, n)
    lines = [f"the probability that a call offered to {numbers.counted(n, 'trunk')} carrying {numbers.erlangs(a)} "
             f"finds {'it' if n == 1 else 'all of them'} busy", RECURRENCE]
    lines += [*steps(a, n), ROUNDED] if n else ["  no trunks: every call is blocked"]
    lines.append(f"B({numbers.erlangs(a)}, {n:,}) = {_b(b)} = {prob(b)}")
    return Explanation(
        title=title or f"Blocking of {numbers.erlangs(a)} on {numbers.counted(n, 'trunk')}", lines=tuple(lines),
        result=Quantity(b, "probability", prob(b)), terms={"traffic": a, "trunks": n, "blocking": b},
        subject=subject, figure="blocking")


def traffic(n: int, gos: float, *, title: str | None = None, subject: str = "") -> Explanation:
    """The most traffic n trunks can be offered with B(A, n) ≤ gos."""
    a = erlang.traffic(n, gos)
    cut = numbers.traffic_cut(a)  # never rounded up: its blocking stays within the grade of service
    shown = numbers.erlangs_at_most(a)
    lines = [f"the most traffic A with B(A, {numbers.count(n)}) ≤ {gos_text(gos)}: B rises with A, so A is the root "
             f"of B(A, {numbers.count(n)}) = {gos_text(gos)}", RECURRENCE]
    if n:
        lo = math.floor(a * 10) / 10
        hi = lo + 0.1
        lines.append(f"B({lo:,.1f} E, {n:,}) = {prob(erlang.blocking(lo, n), gos)} ≤ {gos_text(gos)} and "
                     f"B({hi:,.1f} E, {n:,}) = {prob(erlang.blocking(hi, n), gos)} > {gos_text(gos)}: "
                     f"A lies between {lo:,.1f} and {hi:,.1f} E")
        lines.append(f"narrowing the bracket: B({a:,.6f} E, {n:,}) = {prob(erlang.blocking(a, n))}: A = {a:,.6f} E, "
                     f"shown rounded down, {shown}, so that its blocking stays within "
                     f"{gos_text(gos)}")
        lines.append(f"check, the recurrence at A = {shown}:")
        lines += steps(cut, n)
    else:
        lines.append("no trunks carry no traffic: A = 0 E")
    return Explanation(
        title=title or f"Traffic {numbers.counted(n, 'trunk')} {'carries' if n == 1 else 'carry'} at "
                       f"{gos_text(gos)} blocking", lines=tuple(lines),
        result=Quantity(a, "E", shown), terms={"traffic": a, "trunks": n, "gos": gos},
        subject=subject, figure="traffic")
