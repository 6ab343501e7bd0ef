"""Erlang B: blocking for a traffic and a trunk group, trunks for a grade of service, traffic trunks can carry.

All three use the numerically stable recurrence B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)) (SPEC §3.2), so they stay
exact for tens of thousands of Erlangs where the textbook formula A^n/n! / Σ A^k/k! overflows.

The recurrence costs O(n). Beyond `RECURRENCE_MAX` trunks (or Erlangs) B is computed instead from the exact integral
form 1/B(A, n) = ∫₀^∞ e^(−t) (1 + t/A)^n dt with Gauss–Legendre panels (`_blocking_integral`): O(1) in A and n,
relative error below 1e-12 (tested against the recurrence; docs/performance.md), so `trunks` (a bisection over n),
`blocking` and `traffic` take milliseconds even at 10^9 Erlangs and more.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
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


RECURRENCE_MAX = 50_000  # above this many trunks (or Erlangs), the O(1) integral replaces the O(n) recurrence
JUMP_MIN = 1_000  # `trunks` above this many Erlangs starts the recurrence near the answer (from the integral)
ARRAY_PANELS = 16  # an integral of this many panels (320 points) or more is summed by numpy
OVERLOAD_GUESS_MIN = 100.0  # A·gos² from which large loads start at the overload estimate (`_crossing_near`)


def _legendre_nodes(m: int) -> list[tuple[float, float]]:
    """Gauss–Legendre nodes and weights on [−1, 1] (Newton on P_m from the Chebyshev guesses)."""
    out = []
    for i in range(1, m + 1):
        x = math.cos(math.pi * (i - 0.25) / (m + 0.5))
        for _ in range(100):
            p0, p1 = 1.0, x
            for k in range(2, m + 1):
                p0, p1 = p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k
            dp = m * (x * p1 - p0) / (x * x - 1.0)
            dx = p1 / dp
            x -= dx
            if abs(dx) < 1e-16:
                break
        out.append((x, 2.0 / ((1.0 - x * x) * dp * dp)))
    return out


_GL = _legendre_nodes(20)
_GL_ARRAYS = None  # the nodes (a row) and weights as numpy arrays, once an integral needs them


def _log_inverse_blocking(a: float, n: int) -> float:
    """log(1/B(A, n)) = log ∫₀^∞ exp(h(t)) dt, h(t) = n·log1p(t/A) − t: exact form of Erlang B.

    h is concave with its peak at t* = max(n − A, 0); the integral runs over panels of a width matched to the peak
    (its Gaussian width (A + t*)/√n, or the exponential decay 1/(1 − n/A) when the peak sits at 0), from where h is
    60 below the peak on the left (or 0) to 60 below on the right, each panel with 20-point Gauss–Legendre: every
    panel's integrand is smooth over a few of its own scales, so the quadrature error is far below 1e-12."""
    t_peak = max(n - a, 0.0)
    log1p = math.log1p

    def h(t: float) -> float:
        return n * log1p(t / a) - t

    top = h(t_peak)
    width = (a + t_peak) / math.sqrt(n)
    if n < a:
        width = min(width, 1.0 / (1.0 - n / a))
    step = 2.0 * width
    lo = t_peak
    while lo > 0.0 and h(lo) - top > -60.0:
        lo = max(lo - 8 * step, 0.0)
    hi = t_peak + 8 * step
    while h(hi) - top > -60.0:
        hi += 8 * step
    panels = max(1, math.ceil((hi - lo) / step))
    width = (hi - lo) / panels
    if panels >= ARRAY_PANELS:  # deep overload (loads of billions of Erlangs): one numpy pass over every point
        total = _panels_sum(a, n, lo, width, panels, top)
    else:
        total = 0.0
        exp = math.exp
        for p in range(panels):
            mid = lo + (p + 0.5) * width
            half = 0.5 * width
            for x, w in _GL:
                total += w * exp(h(mid + half * x) - top)
    return top + math.log(total * 0.5 * width)


def _panels_sum(a: float, n: int, lo: float, width: float, panels: int, top: float) -> float:
    """Σ over the panels and their Gauss–Legendre points of w·exp(h(t) − top), the loop above as array passes:
    the same points and weights (summed in another order, well within the quadrature's error)."""
    global _GL_ARRAYS
    import numpy as np  # only past ARRAY_PANELS panels: loads of millions of Erlangs and more

    if _GL_ARRAYS is None:
        _GL_ARRAYS = np.array([x for x, _w in _GL])[None, :], np.array([w for _x, w in _GL])
    x, w = _GL_ARRAYS
    mids = lo + (np.arange(panels, dtype=np.float64) + 0.5) * width
    t = mids[:, None] + (0.5 * width) * x
    return float((np.exp(n * np.log1p(t / a) - t - top) @ w).sum())


def _blocking_any(a: float, n: int) -> float:
    """B(A, n) by the recurrence when it is cheap, else by the integral form."""
    if n <= RECURRENCE_MAX or a == 0.0:
        return _blocking(a, n)
    return math.exp(-_log_inverse_blocking(a, n))


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
    return _blocking_any(a, n)


def blocking_series(traffic_erlangs: float, trunks: Iterable[int]) -> dict[int, float]:
    """{k: blocking(traffic_erlangs, k)} for each k of `trunks`, the same figures: within the recurrence's range
    read off one pass of it, in order (a pass per k takes the very same steps up to k), the integral form beyond.
    A worked example shows B at a few k up to the answer n: one pass of n steps instead of one per k."""
    a = _check_traffic(traffic_erlangs)
    wanted = sorted({_check_trunks(k) for k in trunks})
    out: dict[int, float] = {}
    b, at = 1.0, 0
    for k in wanted:
        if k > RECURRENCE_MAX and a != 0.0:
            out[k] = _blocking_any(a, k)
            continue
        for j in range(at + 1, k + 1):  # `_blocking`'s steps, carried on from the last k
            ab = a * b
            b = ab / (j + ab)
        at = k
        out[k] = b
    return out


@lru_cache(maxsize=65536)
def _trunks(a: float, gos: float) -> int:
    if a == 0.0:
        return 0
    start = int(a * (1.0 - gos)) - 1 if a > JUMP_MIN else 0
    if start > RECURRENCE_MAX:
        return _trunks_large(a, gos)
    n, b = 0, 1.0
    if a > JUMP_MIN:
        # B(A, n) <= gos needs n > A·(1 − gos) (carried traffic < n): start the recurrence just below that, from the
        # integral form, instead of at 0 (a 10,000-link chain offers thousands of distinct loads of thousands of E).
        # Also just above RECURRENCE_MAX Erlangs while that start is not: the bisection would work each of its
        # ~10 trial trunk counts out by a recurrence of ~50,000 steps from 0 (~3 ms each).
        if start > JUMP_MIN:
            n, b = start, math.exp(-_log_inverse_blocking(a, start))
    while b > gos:
        n += 1
        ab = a * b
        b = ab / (n + ab)
    return n


def _gos_span(gos: float) -> int:
    """2/gos + 2 trunks, the first bracket's width, as an integer. Capped at 2^62, far above any √A the bracket is
    compared with: below a grade of service of ~1e-308 (legal: any gos > 0 is) 2/gos is infinite and has no
    integer."""
    return int(min(2.0 / gos, 2.0**62)) + 2


def _trunks_large(a: float, gos: float) -> int:
    """Smallest n with B(A, n) <= gos by bisection on n with the integral form: B falls strictly with n, and
    A·(1 − B) < n (carried traffic) puts the answer above A·(1 − gos). Deep in overload, the overload estimate
    and two integrals answer first (`_crossing_near`)."""
    lo = max(int(a * (1.0 - gos)) - 1, 0)  # B(A, lo) > gos
    if a * gos * gos >= OVERLOAD_GUESS_MIN:
        near = _crossing_near(a, gos, lo)
        if near is not None:
            return near
    # The answer lies within about 1/gos trunks above lo (in overload B(A, n) ≈ 1 − n/A, off by O(1/A)): a first
    # bracket that wide halves the steps of a √A-wide one at 10^10 E; the loop below widens it if ever needed.
    span = max(min(int(math.sqrt(a)), _gos_span(gos)), 1)
    hi = lo + span
    while _blocking_any(a, hi) > gos:
        lo, hi = hi, hi + 2 * (hi - lo)
    while hi - lo > 1:  # invariant: B(lo) > gos >= B(hi)
        mid = (lo + hi) // 2
        if _blocking_any(a, mid) > gos:
            lo = mid
        else:
            hi = mid
    return hi


def _crossing_near(a: float, gos: float, lo: int) -> int | None:
    """The n with B(A, n − 1) > gos >= B(A, n), by secant steps on B from the overload estimate; None when they do
    not settle within a few steps (the bisection below then searches).

    Deep in overload (A·gos² large) the terms of 1/B = Σₖ n(n−1)…(n−k+1)/Aᵏ give B ≈ (1 − ρ) + ρ/(A(1 − ρ)), ρ =
    n/A: B = gos at n ≈ A(1 − gos) + (1 − gos)/gos, within a trunk or so; and B falls by nearly the same 1/A per
    trunk there, so a secant step from two neighbours lands on the answer. Each candidate is checked with the
    integral form itself on both sides, so the answer is the fewest trunks meeting the grade as B is computed, as
    the bisection finds it where B falls with n (it does to the integral's precision while a trunk changes B by
    more than ~1e-11 of it, A·gos below ~1e10; beyond, the last trunk is within the integral's own error)."""
    n = max(lo + 1, math.ceil(a * (1.0 - gos) + (1.0 - gos) / gos))
    for _ in range(4):
        before, at = _blocking_any(a, n - 1), _blocking_any(a, n)
        if before > gos >= at:
            return n
        fall = before - at
        if fall <= 0.0:
            return None
        if at > gos:
            n += max(1, math.ceil((at - gos) / fall))
        else:
            n = max(lo + 1, n - max(1, math.floor((gos - before) / fall) + 1))
    return None


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
        b = _blocking_any(a, n)
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
