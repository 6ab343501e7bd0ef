"""Erlang B: blocking for a traffic and a trunk group, trunks for a grade of service, traffic trunks can carry.

All three use the numerically stable recurrence B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)) (SPEC §3.2), so they stay
exact for tens of thousands of Erlangs where the textbook formula A^n/n! / Σ A^k/k! overflows.
"""

from __future__ import annotations

import math
from functools import lru_cache
from numbers import Integral

__all__ = ["blocking", "trunks", "traffic"]

# Bisection/Newton stop: relative width of the bracket on the carried traffic (the brief asks ~1e-9).
_REL_TOL = 1e-12


def _check_traffic(traffic_erlangs: object, name: str = "traffic_erlangs") -> float:
    if isinstance(traffic_erlangs, bool) or not isinstance(traffic_erlangs, (int, float)):
        raise ValueError(f"{name} must be a number of Erlangs, got {traffic_erlangs!r}")
    value = float(traffic_erlangs)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number ≥ 0 Erlangs, got {traffic_erlangs!r}")
    return value


def _check_trunks(trunks_count: object, name: str = "trunks") -> int:
    # Accept 18.0 (JSON, spin boxes) but refuse 18.5: a trunk group has a whole number of circuits.
    if isinstance(trunks_count, bool):
        raise ValueError(f"{name} must be a whole number ≥ 0, got {trunks_count!r}")
    if isinstance(trunks_count, Integral):
        value = int(trunks_count)
    elif isinstance(trunks_count, float) and math.isfinite(trunks_count) and trunks_count.is_integer():
        value = int(trunks_count)
    else:
        raise ValueError(f"{name} must be a whole number ≥ 0, got {trunks_count!r}")
    if value < 0:
        raise ValueError(f"{name} must be a whole number ≥ 0, got {trunks_count!r}")
    return value


def _check_gos(gos: object) -> float:
    if isinstance(gos, bool) or not isinstance(gos, (int, float)):
        raise ValueError(f"gos (grade of service) must be a probability between 0 and 1, got {gos!r}")
    value = float(gos)
    if not (0.0 < value < 1.0):
        raise ValueError(f"gos (grade of service) must be strictly between 0 and 1 (0.01 = 1 % blocking), "
                         f"got {gos!r}")
    return value


def _blocking(a: float, n: int) -> float:
    b = 1.0
    for k in range(1, n + 1):
        ab = a * b
        b = ab / (k + ab)
    return b


def blocking(traffic_erlangs: float, trunks: int) -> float:
    """Probability that a call offered to `trunks` circuits carrying `traffic_erlangs` is blocked."""
    a = _check_traffic(traffic_erlangs)
    n = _check_trunks(trunks)
    return _blocking(a, n)


@lru_cache(maxsize=65536)
def _trunks(a: float, gos: float) -> int:
    if a == 0.0:
        return 0
    n, b = 0, 1.0
    while b > gos:
        n += 1
        ab = a * b
        b = ab / (n + ab)
    return n


def trunks(traffic_erlangs: float, gos: float = 0.01) -> int:
    """The fewest circuits whose blocking for `traffic_erlangs` is at most `gos`; 0 when there is no traffic.

    One pass of the recurrence, stopping at the first n with B(A, n) <= gos: O(n). Cached, because a large design
    offers the same traffic to many links.
    """
    if type(traffic_erlangs) is float and type(gos) is float and 0.0 <= traffic_erlangs < math.inf \
            and 0.0 < gos < 1.0:
        return _trunks(traffic_erlangs, gos)  # already valid: the sizing loop calls this per site and link
    return _trunks(_check_traffic(traffic_erlangs), _check_gos(gos))


def traffic(trunks: int, gos: float = 0.01) -> float:
    """The most traffic (Erlangs) `trunks` circuits can be offered with blocking at most `gos`.

    B(A, n) rises strictly with A, so the answer is the root of B(A, n) = gos. Newton steps on log B (nearly linear in
    A) inside a bisection bracket that always shrinks; converges to ~1e-12 relative in a handful of O(n) passes.
    """
    n = _check_trunks(trunks)
    g = _check_gos(gos)
    if n == 0:
        return 0.0  # B(A, 0) = 1 > gos for every A
    # Carried traffic A·(1 − B) < n, so B(A, n) <= g needs A < n / (1 − g): a sure upper bracket.
    lo, hi = 0.0, n / (1.0 - g)
    log_g = math.log(g)
    a = min(hi * 0.5, float(n))
    for _ in range(400):
        b = _blocking(a, n)
        if b > g:
            hi = a
        else:
            lo = a
        if hi - lo <= _REL_TOL * hi:
            break
        # d(log B)/dA = n/A − 1 + B for Erlang B.
        slope = n / a - 1.0 + b if a > 0 else math.inf
        nxt = a - (math.log(b) - log_g) / slope if b > 0 and 0 < slope < math.inf else math.nan
        if not lo < nxt < hi:
            nxt = 0.5 * (lo + hi)
        elif abs(nxt - a) < 0.5 * _REL_TOL * hi:
            # Newton converges from one side and would never move the other end of the bracket:
            # step just past the root so the next evaluation closes it.
            nudge = 0.5 * _REL_TOL * hi
            nxt = min(nxt + nudge, hi) if b <= g else max(nxt - nudge, lo)
        if nxt in (lo, hi):
            break
        a = nxt
    return lo
