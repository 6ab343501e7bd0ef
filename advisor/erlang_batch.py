"""Erlang B `trunks` for many offered loads at once: the same answers as `erlang.trunks`, one vectorised pass.

A 10,000-link chain offers thousands of distinct loads of thousands of Erlangs. For each, `erlang.trunks` starts
the recurrence just below the answer, at n₀ = ⌊A(1 − gos)⌋ − 1, from B(A, n₀) given by the integral form
1/B(A, n) = ∫₀^∞ e^(−t)(1 + t/A)^n dt (about 30 µs each in Python). Here the same quadrature (the same panels, the
same 20-point Gauss–Legendre nodes) runs for all loads at once with numpy, then the same recurrence steps up all
of them together.

Same answers, not just close ones: the quadrature sums in a different order, so its B may differ from the scalar
one in the last bits. A load whose B lands within `_MARGIN` (relative) of the grade of service at the answer or one
trunk before it is handed back to `erlang.trunks`; every other answer cannot differ from the scalar one.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from advisor import erlang

BATCH_MIN = 64  # fewer distinct loads than this: the scalar path is as fast as a numpy pass
# Importing numpy costs ~100 ms; until something has imported it (the app has), batch only when the scalar path
# would cost more: ~30 µs per jumped load, ~0.05 µs per recurrence step (a load of A Erlangs walks ~A steps).
_IMPORT_WORTH_JUMPS = 3_000
_IMPORT_WORTH_STEPS = 2_000_000
_IMPORT_WORTH_HUGE = 100  # ~1.5 ms each on the scalar path (a bisection of ~12 integrals)
_MARGIN = 1e-9  # far above the two quadratures' difference (~1e-15), far below one trunk's step in B (~gos)
_CHUNK = 1024  # loads per quadrature block: bounds the temporary arrays to a few MB
_CACHE: dict[tuple[float, float], int] = {}
_CACHE_MAX = 200_000


def trunks_many(loads: Iterable[float], gos: float) -> dict[float, int]:
    """{load: trunks(load, gos)} for every distinct load (floats ≥ 0, already valid; gos in (0, 1))."""
    out: dict[float, int] = {}
    jump: list[float] = []  # loads whose recurrence starts near the answer, from the integral form
    walk: list[float] = []  # loads whose recurrence starts at 0 trunks
    huge: list[float] = []  # loads beyond the recurrence: a bisection on n with the integral form
    for a in set(loads):
        known = _CACHE.get((a, gos))
        if known is not None:
            out[a] = known
        elif a > erlang.RECURRENCE_MAX and int(a * (1.0 - gos)) - 1 > erlang.RECURRENCE_MAX:
            huge.append(a)
        elif a == 0.0 or a > erlang.RECURRENCE_MAX:
            out[a] = erlang.trunks(a, gos)
        elif a > erlang.JUMP_MIN and int(a * (1.0 - gos)) - 1 > erlang.JUMP_MIN:
            jump.append(a)
        else:
            walk.append(a)
    if len(_CACHE) > _CACHE_MAX:
        _CACHE.clear()
    numpy_loaded = "numpy" in sys.modules
    for todo, batch, worth in ((jump, _batch, len(jump) >= _IMPORT_WORTH_JUMPS),
                               (walk, _walk, sum(walk) >= _IMPORT_WORTH_STEPS),
                               (huge, _bisect, len(huge) >= _IMPORT_WORTH_HUGE)):
        if len(todo) < BATCH_MIN or not (numpy_loaded or worth):
            for a in todo:
                out[a] = erlang.trunks(a, gos)
            continue
        for a, n in zip(todo, batch(todo, gos), strict=True):
            out[a] = _CACHE[(a, gos)] = n if n is not None else erlang.trunks(a, gos)
    return out


def _walk(loads: list[float], gos: float) -> list[int]:
    """The recurrence from B(A, 0) = 1 for all loads in step: the same operations on the same numbers as the scalar
    loop, so the same answers bit for bit."""
    import numpy as np

    a = np.array(loads, dtype=np.float64)
    b = np.ones_like(a)
    n = np.zeros(a.shape, dtype=np.int64)
    idx = np.arange(a.size)
    k = 0
    while idx.size:
        k += 1
        ab = a[idx] * b[idx]
        stepped = ab / (k + ab)
        b[idx] = stepped
        n[idx] = k
        idx = idx[stepped > gos]
    return n.tolist()


def _batch(loads: list[float], gos: float) -> list[int | None]:
    """Trunks per load (None where the answer must come from the scalar path)."""
    import numpy as np  # only for large designs: numpy's import would slow every small `advisor check`

    a = np.array(loads, dtype=np.float64)
    n0 = np.floor(a * (1.0 - gos)).astype(np.int64) - 1
    nf = n0.astype(np.float64)
    b = np.concatenate([np.exp(-_log_inverse_blocking(a[i:i + _CHUNK], nf[i:i + _CHUNK]))
                        for i in range(0, len(loads), _CHUNK)])
    n = n0.copy()
    prev = b.copy()
    idx = np.flatnonzero(b > gos)  # the loads still stepping, as positions
    while idx.size:
        ab = a[idx] * b[idx]
        n[idx] += 1
        prev[idx] = b[idx]
        b[idx] = ab / (n[idx] + ab)
        idx = idx[b[idx] > gos]
    close = (np.abs(b - gos) <= _MARGIN * gos) | (np.abs(prev - gos) <= _MARGIN * gos) | (n == n0)
    return [None if c else int(k) for k, c in zip(n.tolist(), close.tolist(), strict=True)]


def _bisect(loads: list[float], gos: float) -> list[int | None]:
    """`erlang._trunks_large` for all loads at once: the same bracket, the same bisection steps, each B(A, n) by the
    same quadrature. A load goes back to the scalar path (None) when some n reaches A (the array quadrature
    assumes the integrand's peak at 0) or some B lands within `_MARGIN` of the grade of service, where the two
    quadratures' last bits could decide a step differently; otherwise every step, hence the answer, is the
    scalar one's."""
    import numpy as np

    a = np.array(loads, dtype=np.float64)
    lo = np.maximum(np.floor(a * (1.0 - gos)).astype(np.int64) - 1, 0)
    hi = lo + np.maximum(np.floor(np.sqrt(a)).astype(np.int64), 1)
    doubtful = np.zeros(a.size, dtype=bool)

    def above(idx, n):  # B(A, n) > gos for the loads at idx; marks the doubtful ones
        valid = n < a[idx]
        safe_n = np.where(valid, n, 1)  # any n below A: its result is discarded
        b = np.exp(-_log_inverse_blocking(a[idx], safe_n.astype(np.float64)))
        doubtful[idx] |= ~valid | (np.abs(b - gos) <= _MARGIN * gos)
        return b > gos

    idx = np.arange(a.size)
    while idx.size:  # widen the bracket until B(hi) <= gos
        grow = above(idx, hi[idx])
        idx = idx[grow & ~doubtful[idx]]
        step = 2 * (hi[idx] - lo[idx])
        lo[idx] = hi[idx]
        hi[idx] = hi[idx] + step
    idx = np.flatnonzero((hi - lo > 1) & ~doubtful)
    while idx.size:  # invariant: B(lo) > gos >= B(hi)
        mid = (lo[idx] + hi[idx]) // 2
        up = above(idx, mid)
        lo[idx] = np.where(up, mid, lo[idx])
        hi[idx] = np.where(up, hi[idx], mid)
        idx = idx[(hi[idx] - lo[idx] > 1) & ~doubtful[idx]]
    return [None if d else int(n) for n, d in zip(hi.tolist(), doubtful.tolist(), strict=True)]


def _log_inverse_blocking(a, n):
    """`erlang._log_inverse_blocking` for arrays with n < A (the peak of the integrand at t = 0, where it is 1)."""
    import numpy as np

    def h(t):
        return n * np.log1p(t / a) - t

    width = np.minimum(a / np.sqrt(n), 1.0 / (1.0 - n / a))
    step = 2.0 * width
    hi = 8.0 * step
    grow = h(hi) > -60.0
    while grow.any():
        hi = np.where(grow, hi + 8.0 * step, hi)
        grow = h(hi) > -60.0
    panels = np.maximum(1.0, np.ceil(hi / step))
    pw = hi / panels
    most = int(panels.max())
    nodes = np.array([x for x, _w in erlang._GL])
    weights = np.array([w for _x, w in erlang._GL])
    total = np.zeros_like(a)
    for p in range(most):
        live = p < panels
        mid = (p + 0.5) * pw
        t = mid[:, None] + (0.5 * pw)[:, None] * nodes[None, :]
        vals = np.exp(n[:, None] * np.log1p(t / a[:, None]) - t)
        total += np.where(live, vals @ weights, 0.0)
    return np.log(total * 0.5 * pw)


def clear() -> None:
    _CACHE.clear()


__all__ = ["trunks_many", "clear", "BATCH_MIN"]
