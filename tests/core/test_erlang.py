"""Erlang B: published table values, the minimality property of trunks(), monotonicity, input validation."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import erlang


def _blocking_poisson(a: float, n: int) -> float:
    """Independent check: B = P(N = n) / P(N <= n) for N ~ Poisson(A), summed in log space (no recurrence)."""
    logs = [k * math.log(a) - a - math.lgamma(k + 1) for k in range(n + 1)]
    top = max(logs)
    return math.exp(logs[n] - top) / sum(math.exp(x - top) for x in logs)


# Source: SPEC §3.2 examples ("10 E at 1 % needs 18 trunks; 15 trunks at 1 % carry 8.108 E").
def test_spec_examples():
    assert erlang.trunks(10, 0.01) == 18
    assert erlang.traffic(15, 0.01) == pytest.approx(8.108, abs=5e-4)


# Source: the standard Erlang B table (traffic in Erlangs carried by N trunks at a grade of service), as printed
# in e.g. the ITU-D "Teletraffic Engineering Handbook" tables and the widely reproduced Westbay Erlang B table,
# given there to 3-4 significant figures.
ERLANG_B_TABLE = [
    # (trunks, gos, Erlangs)
    (1, 0.01, 0.0101),
    (2, 0.01, 0.153),
    (5, 0.01, 1.36),
    (10, 0.001, 3.09),
    (10, 0.01, 4.46),
    (10, 0.02, 5.08),
    (10, 0.05, 6.22),
    (20, 0.01, 12.0),
    (20, 0.02, 13.2),
    (50, 0.01, 37.9),
    (100, 0.01, 84.1),
]


@pytest.mark.parametrize(("n", "gos", "published"), ERLANG_B_TABLE)
def test_traffic_matches_standard_erlang_b_table(n, gos, published):
    assert erlang.traffic(n, gos) == pytest.approx(published, rel=5e-3)


@pytest.mark.parametrize(("n", "gos", "published"), ERLANG_B_TABLE)
def test_trunks_matches_standard_erlang_b_table(n, gos, published):
    # The table's traffic, rounded down a little, needs exactly the table's trunks; a little more needs one more.
    assert erlang.trunks(published * 0.995, gos) == n
    assert erlang.trunks(erlang.traffic(n, gos) * 1.001, gos) == n + 1


def test_blocking_known_values():
    # Single trunk: B(A, 1) = A / (1 + A), from the definition.
    assert erlang.blocking(1.0, 1) == pytest.approx(0.5)
    assert erlang.blocking(3.0, 1) == pytest.approx(0.75)
    assert erlang.blocking(5.0, 0) == 1.0
    assert erlang.blocking(0.0, 3) == 0.0
    # 10 E on 18 trunks: 0.714 % (Erlang B table, 18 trunks carry 10.44 E at 1 %).
    assert erlang.blocking(10.0, 18) == pytest.approx(_blocking_poisson(10.0, 18), rel=1e-12)
    assert erlang.blocking(10.0, 18) == pytest.approx(0.00714, abs=1e-5)


def test_exact_at_ten_thousand_erlangs():
    n = erlang.trunks(10_000, 0.01)
    # The recurrence agrees with the Poisson-ratio form computed independently in log space.
    assert erlang.blocking(10_000, n) == pytest.approx(_blocking_poisson(10_000, n), rel=1e-9)
    assert erlang.blocking(10_000, n) <= 0.01 < erlang.blocking(10_000, n - 1)
    assert 9_900 < n < 10_100  # large groups are efficient: close to A itself
    carried = erlang.traffic(n, 0.01)
    assert 10_000 <= carried
    assert erlang.blocking(carried, n) == pytest.approx(0.01, rel=1e-7)
    assert erlang.blocking(carried * (1 + 1e-8), n) > 0.01


def test_traffic_precision():
    for n, g in ((1, 0.01), (18, 0.01), (500, 0.05), (3, 0.5)):
        a = erlang.traffic(n, g)
        assert erlang.blocking(a, n) <= g
        assert erlang.blocking(a * (1 + 1e-9), n) > g


def test_trunks_zero_traffic_needs_none():
    assert erlang.trunks(0, 0.01) == 0
    assert erlang.traffic(0, 0.01) == 0.0


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=1e-3, max_value=2_000), st.floats(min_value=1e-4, max_value=0.9))
def test_trunks_is_minimal(a, g):
    n = erlang.trunks(a, g)
    assert erlang.blocking(a, n) <= g
    assert n >= 1 and erlang.blocking(a, n - 1) > g


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=0, max_value=500), st.floats(min_value=0, max_value=50),
       st.integers(min_value=1, max_value=300))
def test_blocking_monotone(a, extra, n):
    # More traffic never blocks less; more trunks never block more.
    assert erlang.blocking(a + extra, n) >= erlang.blocking(a, n)
    assert erlang.blocking(a, n + 1) <= erlang.blocking(a, n)


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=0, max_value=500), st.floats(min_value=0, max_value=50),
       st.floats(min_value=1e-3, max_value=0.5))
def test_trunks_monotone(a, extra, g):
    assert erlang.trunks(a + extra, g) >= erlang.trunks(a, g)
    assert erlang.trunks(a, g / 2) >= erlang.trunks(a, g)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=400), st.floats(min_value=1e-3, max_value=0.5))
def test_traffic_inverts_trunks(n, g):
    a = erlang.traffic(n, g)
    assert erlang.trunks(a, g) <= n
    assert erlang.traffic(n + 1, g) > a


@pytest.mark.parametrize(("call", "name"), [
    (lambda: erlang.blocking(-1, 3), "traffic_erlangs"),
    (lambda: erlang.blocking(float("nan"), 3), "traffic_erlangs"),
    (lambda: erlang.blocking("ten", 3), "traffic_erlangs"),
    (lambda: erlang.blocking(1, 2.5), "trunks"),
    (lambda: erlang.blocking(1, -1), "trunks"),
    (lambda: erlang.blocking(1, True), "trunks"),
    (lambda: erlang.trunks(1, 0), "gos"),
    (lambda: erlang.trunks(1, 1), "gos"),
    (lambda: erlang.trunks(1, 1.5), "gos"),
    (lambda: erlang.traffic(1.5, 0.01), "trunks"),
    (lambda: erlang.traffic(10, -0.1), "gos"),
])
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_whole_float_trunks_accepted():
    assert erlang.blocking(10, 18.0) == erlang.blocking(10, 18)


def _trunks_by_recurrence(a: float, gos: float) -> int:
    n, b = 0, 1.0
    while b > gos:
        n += 1
        b = a * b / (n + a * b)
    return n


@pytest.mark.parametrize(("a", "n"), [(1500.0, 1400), (1500.0, 1600), (20000.0, 20000), (60000.0, 59000),
                                      (60000.0, 60000), (60000.0, 61000), (100000.0, 100500), (80000.0, 70000)])
def test_integral_form_matches_the_recurrence(a, n):
    exact = erlang._blocking(a, n)
    assert math.exp(-erlang._log_inverse_blocking(a, n)) == pytest.approx(exact, rel=1e-12)


@pytest.mark.parametrize("gos", [1e-6, 0.001, 0.01, 0.05, 0.5, 0.9])
@pytest.mark.parametrize("a", [1000.5, 1733.3, 4321.0, 12345.678, 49999.0])
def test_trunks_started_near_the_answer_equal_the_full_recurrence(a, gos):
    erlang._trunks.cache_clear()
    assert erlang.trunks(a, gos) == _trunks_by_recurrence(a, gos)


def test_very_large_traffic_is_answered_and_consistent():
    # 1,000,000 users × 100 calls/h × 36,000 s per site: A = 10^9 E (issue 9), and a 10,000-site hub of them.
    for a in (1e9, 1e13):
        n = erlang.trunks(a, 0.01)
        assert erlang.blocking(a, n) <= 0.01 < erlang.blocking(a, n - 1)
        assert a * (1 - 0.01) < n < a  # overload regime: B ≈ 1 − n/A
        assert erlang.traffic(n, 0.01) == pytest.approx(a, rel=1e-6)


def test_published_values_through_the_integral_form():
    # The table's 100 trunks at 1 % carry 84.1 E: the integral gives the same blocking as the recurrence there.
    assert math.exp(-erlang._log_inverse_blocking(84.06, 100)) == pytest.approx(erlang.blocking(84.06, 100), rel=1e-12)
    assert erlang.blocking(84.06, 100) == pytest.approx(0.01, rel=5e-3)


@pytest.mark.parametrize("gos", [0.0005, 0.01, 0.05, 0.3, 0.9])
def test_large_traffic_answers_are_the_fewest_trunks_at_every_grade(gos):
    """Beyond the recurrence the answer is searched within a first bracket of 2/gos trunks above A·(1 − gos) (the
    overload regime puts it within about 1/gos of there), widened when that is too narrow: at every grade the
    answer still meets the grade of service with one trunk fewer failing it."""
    erlang._trunks.cache_clear()
    for a in (6.1e4, 3.3e6, 7.7e8, 2.0e11):
        n = erlang.trunks(a, gos)
        assert erlang.blocking(a, n) <= gos < erlang.blocking(a, n - 1)


def test_a_grade_of_service_below_the_smallest_normal_float_sizes_large_loads():
    """Any gos > 0 is legal; below ~1e-308, 2/gos is infinite and the large-load bracket had no integer width
    ('cannot convert float infinity to integer' out of every command). Stricter grades need at least as many
    trunks, and the batch path agrees with the scalar one."""
    from advisor import erlang_batch

    for a in (6e4, 1e6):
        needs = [erlang.trunks(a, g) for g in (0.01, 1e-10, 1e-300, 5e-324)]
        assert needs == sorted(needs) and needs[0] > a * (1 - 0.01) and needs[-1] > a
    loads = [60_000.0 + i for i in range(100)]  # enough distinct loads for the array path
    batch = erlang_batch.trunks_many(loads, 5e-324)
    assert [batch[x] for x in loads] == [erlang.trunks(x, 5e-324) for x in loads]


def test_blocking_series_reads_every_figure_off_one_pass():
    # B(10 E, k) by the Poisson form (no recurrence), and equal, bit for bit, to one `blocking` call per k
    ks = [0, 1, 2, 3, 16, 17, 18]
    series = erlang.blocking_series(10.0, reversed(ks))
    assert sorted(series) == ks
    assert series[0] == 1.0 and series[1] == pytest.approx(10 / 11, rel=1e-15)  # B(A, 1) = A / (1 + A)
    for k in ks[1:]:
        assert series[k] == pytest.approx(_blocking_poisson(10.0, k), rel=1e-12)
        assert series[k] == erlang.blocking(10.0, k)
    assert series[17] > 0.01 >= series[18]  # 10 E at 1 % needs 18 trunks
    # beyond the recurrence's range, the integral form, as `blocking` takes it
    big = erlang.RECURRENCE_MAX + 5
    assert erlang.blocking_series(60_000.0, [big])[big] == erlang.blocking(60_000.0, big)
    assert erlang.blocking_series(0.0, [0, 3]) == {0: 1.0, 3: 0.0}
    with pytest.raises(ValueError):
        erlang.blocking_series(10.0, [-1])


@pytest.mark.parametrize("gos", [0.5, 0.05, 0.01, 0.001])
def test_large_loads_from_the_overload_estimate_equal_the_bisection(gos, monkeypatch):
    """Deep in overload the answer starts at A(1 − gos) + (1 − gos)/gos and settles by secant steps, each candidate
    checked with the integral form on both sides: the same trunks as the bisection over the bracket, in two
    integrals instead of nine (a 10,000-site chain of 10^9-E sites offers ~20,000 such loads)."""
    rnd = random.Random(int(gos * 1e4))
    loads = [10 ** rnd.uniform(5.0, 12.5) for _ in range(150)]
    integrals = []
    real = erlang._blocking_any
    monkeypatch.setattr(erlang, "_blocking_any", lambda a, n: integrals.append(1) or real(a, n))
    estimated = []
    for a in loads:
        integrals.clear()
        estimated.append(erlang._trunks_large(a, gos))
        if a * gos * gos >= erlang.OVERLOAD_GUESS_MIN:
            assert len(integrals) <= 4
    monkeypatch.setattr(erlang, "OVERLOAD_GUESS_MIN", math.inf)  # the bisection alone
    assert estimated == [erlang._trunks_large(a, gos) for a in loads]
    for a, n in zip(loads[:20], estimated[:20], strict=True):
        assert erlang.blocking(a, n) <= gos < erlang.blocking(a, n - 1)


@pytest.mark.parametrize(("a", "n"), [(1e5, 99_092), (6e4, 59_000), (1e9, 990_000_099), (1e12, 990_000_000_099)])
def test_integrals_of_many_panels_sum_by_arrays_to_the_same_figure(a, n, monkeypatch):
    by_arrays = erlang._log_inverse_blocking(a, n)
    monkeypatch.setattr(erlang, "ARRAY_PANELS", 10**9)  # every panel by the Python loop
    assert by_arrays == pytest.approx(erlang._log_inverse_blocking(a, n), rel=1e-14)
