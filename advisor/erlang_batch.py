"""Erlang B `trunks` for many offered loads at once: the same answers as `erlang.trunks`, one vectorised pass.

A 10,000-link chain offers thousands of distinct loads of up to thousands of Erlangs. `erlang.trunks` walks the
recurrence B(A, n) = A·B(A, n−1) / (n + A·B(A, n−1)) from B(A, 0) = 1, or, above `erlang.JUMP_MIN` Erlangs, starts
it just below the answer, at n₀ = ⌊A(1 − gos)⌋ − 1, from B(A, n₀) given by the integral form
1/B(A, n) = ∫₀^∞ e^(−t)(1 + t/A)^n dt. Here every load with n₀ ≥ `_JUMP_FROM` starts at n₀ from the integral (one
numpy quadrature for all of them, `_log_inverse_blocking`), then the recurrence steps all of them together.

Same answers, not just close ones. The answer is the first n with B(A, n) ≤ gos. Both paths compute B with a tiny
relative error: the scalar recurrence from 0 loses at most ~3 rounding errors per step (each step shrinks an
earlier relative error by the factor n/(n + A·B) < 1), ≤ 4e-13 over the ≤ 1,100 steps it takes below `JUMP_MIN`;
the scalar quadrature stays below 1e-12 (`advisor.erlang`); the batch's quadrature below 1e-11 (proof at
`_log_inverse_blocking`), and the recurrence after it keeps that relative error. So where the batch finds B(A, n)
and B(A, n − 1) both farther than `_MARGIN` = 1e-9 (relative) from the grade of service, the scalar values lie on
the same sides of it, and B falls with n, so the scalar path stops at the same n. A load within the margin at either
of the two trunks, or already at or below the grade of service at n₀, is handed back to `erlang.trunks`.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable

from advisor import ahead, erlang

BATCH_MIN = 64  # fewer distinct loads than this in a group: the scalar path is as fast as a numpy pass
# Importing numpy costs ~100 ms; until something has imported it (the app has), batch only when the scalar path
# would cost more than the import: the scalar path's cost is estimated from what it does per load, summed over the
# loads (a design offers all three kinds at once: a varied chain's 1.6 million recurrence steps and a few jumps cost
# ~80 ms, more than the import, though each kind alone stayed below its own threshold).
_IMPORT_COST_S = 0.08  # numpy's import, ~60-100 ms here
_JUMP_S = 30e-6  # a jumped load: one integral, then ~A·gos + 3√A steps
_STEP_S = 0.05e-6  # a recurrence step (a load of A Erlangs walks ~A steps from 0)
_HUGE_S = 1.5e-3  # a load beyond the recurrence: a bisection of ~12 integrals
_MARGIN = 1e-9  # far above the two paths' relative errors (< 1e-11), far below one trunk's step in B (~gos)
_JUMP_FROM = 25  # n₀ from which the batch starts at n₀ (the quadrature's error bound needs n ≥ 25)
_BLOCK = 32  # recurrence steps the loads still stepping take together (`_step`)
_CHUNK = 512  # loads per quadrature block: keeps the temporary arrays within the processor's cache
_PANEL_WIDTHS = 5.0  # quadrature panel: five of the integrand's own widths
_TAIL = 45.0  # the integrand is cut where it has fallen by e^45 from its peak
PEAK_MIN_N = 50_000  # from here (√n ≥ 223) the quadrature also takes n ≥ A, the integrand's peak at n − A
PEAK_LOAD_SHARE = 0.75  # … where A ≥ 0.75·n (a grade of service far below P.01 puts the answer above the load)
_CACHE: dict[float, dict[float, int]] = {}  # gos -> {load: trunks}: float keys, no tuple per entry
_CACHE_MAX = 200_000


def trunks_many(loads: Iterable[float], gos: float) -> dict[float, int]:
    """{load: trunks(load, gos)} for every distinct load (floats ≥ 0, already valid; gos in (0, 1))."""
    cache = _CACHE.get(gos)
    if cache is None:
        cache = _CACHE[gos] = {}
    distinct = set(loads)
    if cache:
        out = {a: cache[a] for a in distinct if a in cache}
        todo = [a for a in distinct if a not in out]
    else:  # a cold analysis: nothing to look up
        out, todo = {}, list(distinct)
    if len(todo) >= BATCH_MIN and ("numpy" in sys.modules or _worth_importing(todo, gos)):
        _vectorised(todo, gos, out, cache)
    else:
        if len(todo) >= BATCH_MIN:
            ahead.load("numpy", _import_numpy)  # in the app: the next edit's loads go in one pass
        for a in todo:
            out[a] = erlang.trunks(a, gos)
    if sum(map(len, _CACHE.values())) > _CACHE_MAX:
        _CACHE.clear()
    return out


def _import_numpy() -> None:
    import numpy  # noqa: F401


def _kind(a: float, gos: float) -> str:
    """How `erlang.trunks` answers one load: 'huge' (a search on n with the integral form), 'scalar' (no traffic),
    'jump' (recurrence from n₀), 'walk' (recurrence from 0)."""
    if a > erlang.RECURRENCE_MAX and int(a * (1.0 - gos)) - 1 > erlang.RECURRENCE_MAX:
        return "huge"
    if a == 0.0:
        return "scalar"
    if a > erlang.JUMP_MIN and int(a * (1.0 - gos)) - 1 > erlang.JUMP_MIN:
        return "jump"
    return "walk"


def _worth_importing(todo: list[float], gos: float) -> bool:
    """Whether the scalar path would cost more than numpy's import, by what it does per load."""
    jumps = steps = huge = 0
    for a in todo:
        kind = _kind(a, gos)
        jumps += kind == "jump"
        huge += kind == "huge"
        steps += a if kind == "walk" else 0.0
    return jumps * _JUMP_S + steps * _STEP_S + huge * _HUGE_S >= _IMPORT_COST_S


def _vectorised(todo: list[float], gos: float, out: dict[float, int], cache: dict[float, int]) -> None:
    """Answer `todo` into `out` (and `cache`): the loads sorted into `_kind`'s groups with array masks, each group
    of `BATCH_MIN` or more worked out together, the rest (and any load a batch hands back) by `erlang.trunks`."""
    import numpy as np  # only for large designs: numpy's import would slow every small `advisor check`

    a = np.array(todo, dtype=np.float64)
    n0 = np.floor(a * (1.0 - gos)) - 1.0  # ⌊A(1 − gos)⌋ − 1, exact in floating point below 2⁵³
    top = float(erlang.RECURRENCE_MAX)
    huge = (a > top) & (n0 > top)
    scalar = a == 0.0
    jump = ~huge & ~scalar & (n0 >= _JUMP_FROM)
    walk = ~huge & ~scalar & ~jump
    scalar_loads = a[scalar].tolist()
    for mask, batch in ((jump, _batch), (walk, _walk), (huge, _bisect)):
        group = a[mask]
        if group.size < BATCH_MIN:
            scalar_loads.extend(group.tolist())
            continue
        n, sure = batch(group, gos)
        loads, answers = group[sure].tolist(), n[sure].tolist()
        out.update(zip(loads, answers, strict=True))
        cache.update(zip(loads, answers, strict=True))
        scalar_loads.extend(group[~sure].tolist())
    for x in scalar_loads:
        out[x] = erlang.trunks(x, gos)


def _walk(a, gos: float):
    """(trunks, all True) per load by the recurrence from B(A, 0) = 1 for all loads in step: the same operations
    on the same numbers as the scalar loop, so the same answers bit for bit."""
    import numpy as np

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
    return n, np.ones(a.shape, dtype=bool)


def _batch(a, gos: float):
    """(trunks, sure) per load, starting at n₀ from the integral form; not sure where the answer must come from the
    scalar path (module notes)."""
    import numpy as np

    n0 = np.floor(a * (1.0 - gos)) - 1.0
    b0 = np.concatenate([np.exp(-_log_inverse_blocking(a[i:i + _CHUNK], n0[i:i + _CHUNK]))
                         for i in range(0, a.size, _CHUNK)])
    n, b, prev = _step(a, n0, b0, gos)
    far = _MARGIN * gos
    sure = (np.abs(b - gos) > far) & (np.abs(prev - gos) > far) & (n > n0)
    return n.astype(np.int64), sure


def _step(a, n0, b0, gos: float):
    """The recurrence from (n₀, B(A, n₀)) until B ≤ gos, for all loads in step: (n, B(A, n), B(A, n − 1)) per load
    (n = n₀ and B(A, n − 1) = inf where B(A, n₀) ≤ gos already). The loads still stepping take `_BLOCK` steps at a
    time, each step's B kept in a row of its own (the same operations on the same numbers as one step at a time; a
    load's steps past its answer are dropped), and those done leave between blocks: a few array operations per
    step, and the bookkeeping once per block."""
    import numpy as np

    n_out, b_out, prev_out = n0.copy(), b0.copy(), np.full(a.shape, np.inf)
    pos = np.flatnonzero(b0 > gos)
    a_s, n_s, b_s = a[pos], n0[pos], b0[pos]
    rows = np.empty((_BLOCK + 1, pos.size))
    while pos.size:
        block = rows[:, :pos.size]
        block[0] = b_s
        n = n_s
        for k in range(1, _BLOCK + 1):
            ab = a_s * block[k - 1]
            n = n + 1.0
            block[k] = ab / (n + ab)
        done = block[1:] <= gos
        ended = done.any(axis=0)
        first = done.argmax(axis=0)[ended] + 1  # the first step with B ≤ gos, of the loads that reached one
        at = pos[ended]
        n_out[at] = n_s[ended] + first
        b_out[at] = block[first, np.flatnonzero(ended)]
        prev_out[at] = block[first - 1, np.flatnonzero(ended)]
        going = ~ended
        pos, a_s, n_s, b_s = pos[going], a_s[going], n_s[going] + float(_BLOCK), block[_BLOCK, going]
    return n_out, b_out, prev_out


def _bisect(a, gos: float):
    """`erlang._trunks_large` for all loads at once: the same bracket, then each B(A, n) by the same integral form,
    but the trial trunk counts interpolated on log B between the bracket's ends (regula falsi; a bisection step
    from the fifth round on, so the search always ends): ~3 trials instead of ~8. The answer is the first n with
    B(A, n) ≤ gos, which the bracket (B(lo) > gos ≥ B(hi)) closes on whatever the trials, so it is the bisection's.
    A load goes back to the scalar path (not sure) when some trial n lies outside the array quadrature's proved
    range (`quadrature_holds`: n ≥ A is taken from 50,000 trunks with A ≥ 0.75·n, where a grade of service far below
    P.01 puts the answer), or some B lands within `_MARGIN` of the grade of service, where the two quadratures'
    last bits could decide a step differently (and every subnormal B beside a subnormal grade of service); otherwise
    every trial lies on the scalar B's side of the grade of service, hence the answer is the scalar one's."""
    import numpy as np

    lo = np.maximum(np.floor(a * (1.0 - gos)).astype(np.int64) - 1, 0)
    hi = lo + np.maximum(np.minimum(np.floor(np.sqrt(a)).astype(np.int64), erlang._gos_span(gos)), 1)
    doubtful = np.zeros(a.size, dtype=bool)
    log_gos = math.log(gos)
    subnormal_gos = gos < sys.float_info.min

    def log_inverse(idx, n):  # log(1/B(A, n)) for the loads at idx; marks the doubtful ones
        valid = quadrature_holds(a[idx], n)
        safe_n = np.where(valid, n, 1)  # any n below A: its result is discarded
        li = _log_inverse_blocking(a[idx], safe_n.astype(np.float64))
        b = np.exp(-li)
        # a B that is subnormal beside a subnormal grade of service (P = 5e-324): each is rounded to a multiple of
        # the smallest float, so B ≤ gos is decided by that rounding, which a last bit of the integral can tip
        doubtful[idx] |= ~valid | (np.abs(b - gos) <= _MARGIN * gos) | ((b < sys.float_info.min) & subnormal_gos)
        return li

    li_lo = np.empty(a.size)  # log(1/B) at each end of the bracket
    li_hi = np.empty(a.size)
    idx = np.arange(a.size)
    li_lo[idx] = log_inverse(idx, lo)  # B(A, lo) > gos holds (carried traffic): its value places the trials
    while idx.size:  # widen the bracket until B(hi) <= gos
        li = log_inverse(idx, hi[idx])
        li_hi[idx] = li
        grow = np.exp(-li) > gos
        idx = idx[grow & ~doubtful[idx]]
        li_lo[idx] = li_hi[idx]
        step = 2 * (hi[idx] - lo[idx])
        lo[idx] = hi[idx]
        hi[idx] = hi[idx] + step
    idx = np.flatnonzero((hi - lo > 1) & ~doubtful)
    rounds = 0
    while idx.size:  # invariant: B(lo) > gos >= B(hi)
        rounds += 1
        low, high = lo[idx], hi[idx]
        if rounds < 5:  # where log B, falling from log B(lo) to log B(hi), meets log gos on their chord
            share = (li_lo[idx] + log_gos) / (li_lo[idx] - li_hi[idx])
            trial = np.clip(np.ceil(low + share * (high - low)), low + 1, high - 1).astype(np.int64)
        else:
            trial = (low + high) // 2
        li = log_inverse(idx, trial)
        up = np.exp(-li) > gos
        lo[idx] = np.where(up, trial, low)
        li_lo[idx] = np.where(up, li, li_lo[idx])
        hi[idx] = np.where(up, high, trial)
        li_hi[idx] = np.where(up, li_hi[idx], li)
        idx = idx[(hi[idx] - lo[idx] > 1) & ~doubtful[idx]]
    return hi, ~doubtful


def _log_inverse_blocking(a, n):
    """log(1/B(A, n)) = log ∫₀^∞ exp(h(t)) dt, h(t) = n·log1p(t/A) − t, for arrays with 25 ≤ n < A (the peak of
    the integrand at t = 0, where it is 1), or n ≥ `PEAK_MIN_N` and A ≥ `PEAK_LOAD_SHARE`·n (the peak at
    t* = n − A, where h is h*; `peaked`): panels of `_PANEL_WIDTHS` widths w, from 0 (from t* − 2 panels, or 0, for a
    peak at t*) to the first panel end T where h ≤ h* − `_TAIL`, each by 20-point Gauss–Legendre; the integral of
    exp(h − h*) is summed, h* added back to its log. Relative error below 1e-11:

    Peak at 0: w = min(A/√n, 1/g), g = 1 − n/A.
    - Cut: h is concave (h'' = −n/(A + t)² < 0), so beyond T it falls at least as fast as its chord from 0, and
      before T it stays above that chord: the tail is below e^−45 / (1 − e^−45) of the integral.
    - Panels: f(z) = (1 + z/A)^n e^(−z) is entire (n whole). Gauss–Legendre with m = 20 points on a panel of
      half-width H = 2.5w errs by at most (64/15)·M·ρ^(−2m)/(ρ² − 1)·H, M the largest |f| on the Bernstein
      ellipse ρ around it (Trefethen, "Is Gauss quadrature better than Clenshaw–Curtis?", SIAM Review 2008,
      Theorem 4.5). Take ρ = 3: there |y| ≤ 1.34·H ≤ 3.34·A/√n and x ≥ −0.67·H ≥ −A/3 (n ≥ 25), and
      log|f| ≤ h(x) + n·y²/(2(A + x)²) with h(x) ≤ g·|x| ≤ 1.67 (concave, below its tangent at 0) and the second
      term ≤ 12.5: M ≤ e^14.2. The error is below 6.3e-14·H per panel; the integral is at least w·e^−1.5
      (on [0, w]: h ≥ −g·t − n·t²/(2A²) ≥ −1.5), so below 7e-13 of it per panel.
    - Panel count: at most 9. Where w = 1/g, h(5k·w) ≤ −5k (below its tangent at 0); where w = A/√n, with
      u = t/A, h ≤ n·(log1p(u) − u) ≤ −n·u²/(2(1 + u)), below −45 at u = 5k/√n from k = 5 (√n ≥ 5).

    Peak at t* = n − A > 0 (a grade of service so small that the answer exceeds the load): w = √n = (A + t*)/√n,
    and A + t* = n, so with s the distance from t*: h(t* + s) − h* = n·log1p(s/n) − s, between −s²/(2n) and
    −s²/(2(n + s)), and h(t* − s) − h* = n·log1p(−s/n) + s ≤ −s²/(2n).
    - Cut: on the left at s = 10w, h − h* ≤ −50 (or at 0); on the right as above, concave: tails below e^−45 of it.
    - Panels: on the ellipse ρ = 3 around a panel, x ≥ t* − 10w − 1.67w (or −1.67w, the panels starting at 0), so
      A + x ≥ min(n − 11.67√n, A − 1.67√n) ≥ 0.74·n (√n ≥ 223, A ≥ 0.75·n); h(x) ≤ h* (concave), and
      n·y²/(2(A + x)²) ≤ n·(3.35√n)²/(2·0.55·n²) ≤ 10.2: M ≤ e^10.2·e^h*. The error is below 1.2e-15·H·e^h* per
      panel; the integral is at least w·e^(h* − 0.5) (on [t*, t* + w]), so below 4.8e-15 of it per panel.
    - Panel count: at most 7: 2 on the left; on the right, −s²/(2(n + s)) at s = 5k√n is below −45 from k = 5
      (√n ≥ 5).
    Floating-point rounding adds ~1e-15 (as in the scalar quadrature), and h*·2⁻⁵³ where h* is added back (~1e-13
    where B is near 1e-300); tests/core/test_erlang_batch_quadrature.py checks
    the result against the recurrence and the scalar integral over the whole range."""
    import numpy as np

    peaked = n >= a
    t_peak = np.where(peaked, n - a, 0.0)

    def h(t):
        return n * np.log1p(t / a) - t

    top = np.where(peaked, h(t_peak), 0.0)  # h* (0 where the peak is at 0)
    g = np.where(peaked, 1.0, 1.0 - n / a)  # (1.0 where unused: no division by zero)
    step = _PANEL_WIDTHS * np.where(peaked, np.sqrt(n), np.minimum(a / np.sqrt(n), 1.0 / g))
    lo = np.maximum(t_peak - 2.0 * step, 0.0)  # (0 where the peak is at 0)
    hi = t_peak + step
    grow = h(hi) - top > -_TAIL
    while grow.any():
        hi = np.where(grow, hi + step, hi)
        grow = h(hi) - top > -_TAIL
    panels = np.rint((hi - lo) / step)
    half = 0.5 * step
    nodes = np.array([x for x, _w in erlang._GL])
    weights = np.array([w for _x, w in erlang._GL])
    total = np.zeros_like(a)
    for p in range(int(panels.max())):
        t = (lo + (p + 0.5) * step)[:, None] + half[:, None] * nodes[None, :]
        part = np.exp(n[:, None] * np.log1p(t / a[:, None]) - t - top[:, None]) @ weights
        total += part if p == 0 else np.where(p < panels, part, 0.0)
    return top + np.log(total * half)


def quadrature_holds(a, n):
    """Where `_log_inverse_blocking` keeps its error bound: 25 ≤ n < A, or n ≥ `PEAK_MIN_N` with A ≥
    `PEAK_LOAD_SHARE`·n."""
    return ((n >= _JUMP_FROM) & (n < a)) | ((n >= PEAK_MIN_N) & (a >= PEAK_LOAD_SHARE * n))


def clear() -> None:
    _CACHE.clear()


__all__ = ["trunks_many", "clear", "BATCH_MIN"]
