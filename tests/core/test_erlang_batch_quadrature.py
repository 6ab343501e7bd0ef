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
