"""Erlang B for many loads: the batch's quadrature (fewer panels) stays far inside the margin that hands doubtful
loads back to the scalar path, loads from 25 trunks on start near the answer, and every answer equals
`erlang.trunks` (itself checked against published tables in test_erlang.py)."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from advisor import erlang, erlang_batch


def _recurrence(a: float, n: int) -> float:
    """B(A, n) by the recurrence from B(A, 0) = 1: ~3 roundings per step, each shrunk by the next steps."""
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b


@pytest.mark.parametrize("gos", [1e-6, 0.001, 0.01, 0.05, 0.3, 0.9])
def test_quadrature_is_far_inside_the_margin(gos):
    # Every n₀ = ⌊A(1 − gos)⌋ − 1 from 25 (the batch's start) up to a few thousand, against the recurrence.
    rnd = random.Random(int(gos * 1e6))
    loads = [rnd.uniform(20.0, 300.0) for _ in range(300)] + [rnd.uniform(300.0, 6_000.0) for _ in range(60)]
    a = np.array(loads)
    n = np.floor(a * (1.0 - gos)) - 1.0
    keep = n >= erlang_batch._JUMP_FROM
    a, n = a[keep], n[keep]
    got = np.exp(-erlang_batch._log_inverse_blocking(a, n))
    exact = np.array([_recurrence(x, int(k)) for x, k in zip(a.tolist(), n.tolist(), strict=True)])
    worst = float(np.max(np.abs(got / exact - 1.0)))
    assert worst < 1e-12 < erlang_batch._MARGIN / 100  # the bound in the docstring is 1e-11


def test_quadrature_panels_stay_within_the_proved_count():
    # The docstring proves at most 9 panels (5 widths each) before the integrand falls by e^45.
    for gos in (1e-9, 0.001, 0.01, 0.2, 0.5, 0.99):
        a = np.geomspace(27.0, 1e9, 4000)
        n = np.floor(a * (1.0 - gos)) - 1.0
        keep = (n >= 25) & (n < a)
        a, n = a[keep], n[keep]
        width = np.minimum(a / np.sqrt(n), 1.0 / (1.0 - n / a))
        for k in range(1, 20):
            t = 5.0 * k * width
            if np.all(n * np.log1p(t / a) - t <= -erlang_batch._TAIL):
                break
        assert k <= 9, (gos, k)


@pytest.mark.parametrize("gos", [0.01, 0.001, 0.05, 0.5, 0.9])
def test_every_load_up_to_jumps_equals_scalar(gos):
    # A dense sweep over the loads the batch now starts near the answer (and those it still walks from 0).
    loads = [k * 0.37 for k in range(3_300)] + [erlang.JUMP_MIN + k * 0.011 for k in range(200)]
    loads += [(erlang_batch._JUMP_FROM + 1 + d) / (1.0 - gos) for d in (-1e-9, 0.0, 1e-9, 0.5)]
    erlang_batch.clear()
    erlang._trunks.cache_clear()
    got = erlang_batch.trunks_many(loads, gos)
    assert got == {a: erlang.trunks(a, gos) for a in loads}


@pytest.mark.parametrize("margin", [0.0, 1.0])
def test_the_margin_only_decides_who_answers(margin, monkeypatch):
    # No margin: the batch alone is right anyway (its error is ~1e-15). A margin of 1: every load is handed back.
    monkeypatch.setattr(erlang_batch, "_MARGIN", margin)
    rnd = random.Random(5)
    loads = [rnd.uniform(25.0, 9_000.0) for _ in range(500)]
    a = np.array(loads)
    n, sure = erlang_batch._batch(a, 0.01)
    assert sure.all() if margin == 0.0 else not sure.any()
    assert n.tolist() == [erlang.trunks(x, 0.01) for x in loads]
    erlang_batch.clear()
    assert erlang_batch.trunks_many(loads, 0.01) == {x: erlang.trunks(x, 0.01) for x in loads}


def test_steps_equal_the_scalar_recurrence():
    rnd = random.Random(9)
    a = np.array([rnd.uniform(30.0, 5_000.0) for _ in range(200)])
    n0 = np.floor(a * 0.99) - 1.0
    b0 = np.array([_recurrence(x, int(k)) for x, k in zip(a.tolist(), n0.tolist(), strict=True)])
    n, b, prev = erlang_batch._step(a, n0, b0, 0.01)
    for x, k, start, got_n, got_b, got_prev in zip(a, n0, b0, n, b, prev, strict=True):
        m, last, before = int(k), start, math.inf
        while last > 0.01:
            m += 1
            before, last = last, x * last / (m + x * last)
        assert (got_n, got_b, got_prev) == (m, last, before)


def test_cache_is_kept_per_grade_of_service():
    erlang_batch.clear()
    loads = [1_000.0 + 3.7 * k for k in range(100)]
    first = erlang_batch.trunks_many(loads, 0.01)
    other = erlang_batch.trunks_many(loads, 0.05)
    assert erlang_batch.trunks_many(loads, 0.01) == first
    assert other == {a: erlang.trunks(a, 0.05) for a in loads}
    assert all(other[a] < first[a] for a in loads)  # a looser grade of service needs fewer trunks


def _log_inverse_exact(a: float, n: int) -> float:
    """log(1/B(A, n)) by the recurrence in 40-digit decimal arithmetic (every rounding ~1e-40, far below what is
    tested; decimals do not underflow where B passes the smallest float)."""
    from decimal import Decimal, localcontext

    with localcontext() as ctx:
        ctx.prec = 40
        load, b = Decimal(a), Decimal(1)
        for k in range(1, n + 1):
            ab = load * b
            b = ab / (k + ab)
        return float(-b.ln())


def test_quadrature_past_the_load_is_far_inside_the_margin():
    # A grade of service far below P.01 puts the answer above the load: the integrand's peak at t* = n − A. From
    # 50,000 trunks with A ≥ 0.75·n, against the recurrence in exact-enough decimals (B down to ~1e-821), compared
    # as log(1/B): a difference d there is a relative error of about d in B.
    rnd = random.Random(11)
    pairs = [(50_000, 50_000.0), (50_000, 45_000.0), (50_000, 37_500.0), (52_345, 51_000.5)]
    pairs += [(n, n * rnd.uniform(0.75, 1.0)) for n in (rnd.randrange(50_000, 60_000) for _ in range(3))]
    n = np.array([float(k) for k, _a in pairs])
    a = np.array([x for _k, x in pairs])
    assert erlang_batch.quadrature_holds(a, n).all()
    got = erlang_batch._log_inverse_blocking(a, n)
    exact = np.array([_log_inverse_exact(x, k) for k, x in pairs])
    assert exact.max() > 800 * math.log(10)  # (37,500 E on 50,000 trunks: B about 1e-821)
    worst = float(np.max(np.abs(got - exact)))
    assert worst < 1e-12 < erlang_batch._MARGIN / 100  # the bound in the docstring is 1e-11


def test_quadrature_past_the_load_stays_within_the_proved_panels():
    # The docstring proves at most 7 panels (5 widths each) from t* − 2 panels to where h falls by e^45.
    n = np.geomspace(50_000.0, 1e12, 3000)
    for share in (0.75, 0.9, 0.999, 1.0):
        a = n * share
        peak = n - a
        width = np.sqrt(n)

        def h(t, a=a, peak=peak):
            return n * np.log1p(t / a) - t - (n * np.log1p(peak / a) - peak)

        lo = np.maximum(peak - 10.0 * width, 0.0)
        assert np.all((h(lo) <= -erlang_batch._TAIL) | (lo == 0.0))
        for k in range(1, 20):
            if np.all(h(peak + 5.0 * k * width) <= -erlang_batch._TAIL):
                break
        assert k <= 5, (share, k)


@pytest.mark.parametrize(("gos", "most"), [(1e-6, 0.95), (1e-12, 0.95), (1e-300, 0.95)])
def test_huge_loads_below_p01_are_answered_by_the_batch_as_the_scalar_path(gos, most):
    # Loads of 10^5-10^8 Erlangs at a grade of service whose answer exceeds the load (the recurrence's range
    # passed): the batch answers (nearly) all of them itself now, each as `erlang.trunks` does.
    rnd = random.Random(int(-math.log10(gos)))
    loads = [10 ** rnd.uniform(5.0, 8.0) for _ in range(150)]
    n, sure = erlang_batch._bisect(np.array(loads), gos)
    assert sure.mean() > most
    erlang._trunks.cache_clear()
    scalar = [erlang.trunks(x, gos) for x in loads]
    assert [k for k, s in zip(n.tolist(), sure.tolist(), strict=True) if s] == \
        [k for k, s in zip(scalar, sure.tolist(), strict=True) if s]
    assert all(k > x for k, x in zip(scalar, loads, strict=True))  # every answer above its load
    erlang_batch.clear()
    assert erlang_batch.trunks_many(loads, gos) == dict(zip(loads, scalar, strict=True))


def test_a_subnormal_grade_of_service_leaves_huge_loads_to_the_scalar_path():
    # At P = 5e-324 a B near the grade of service is a multiple of the smallest float: the rounding decides, so the
    # batch hands every such load back (and the answers are the scalar ones).
    loads = [1e6 + 7_919.5 * k for k in range(80)]
    _n, sure = erlang_batch._bisect(np.array(loads), 5e-324)
    assert not sure.any()
    erlang_batch.clear()
    erlang._trunks.cache_clear()
    assert erlang_batch.trunks_many(loads, 5e-324) == {x: erlang.trunks(x, 5e-324) for x in loads}
