"""Erlang B for many loads at once gives exactly the scalar answers (erlang.trunks is checked against published
tables in test_erlang.py), including loads handed back to the scalar path and cached repeats."""

import random
import subprocess
import sys

import numpy  # noqa: F401  (loaded, as in the app: the batch path runs from 64 loads on)
import pytest

from advisor import erlang, erlang_batch


@pytest.mark.parametrize("gos", [0.01, 0.001, 0.05, 0.5, 1e-6])
def test_batch_equals_scalar(gos):
    erlang_batch.clear()
    rng = random.Random(int(gos * 1e6) + 7)
    loads = [rng.uniform(900.0, 49_000.0) for _ in range(400)] + [0.0, 1.5, 999.9, 60_000.0]
    got = erlang_batch.trunks_many(loads, gos)
    assert set(got) == set(loads)
    for a in loads:
        assert got[a] == erlang.trunks(a, gos), a


def test_published_value_through_the_batch():
    # Erlang B table: 10 E at 1 % needs 18 trunks (below the batch's range, answered by the scalar path).
    assert erlang_batch.trunks_many([10.0] * 3, 0.01) == {10.0: 18}


def test_large_batch_is_minimal():
    # The defining property, checked directly for a sample: B(A, n) <= gos < B(A, n - 1).
    erlang_batch.clear()
    rng = random.Random(3)
    loads = [rng.uniform(1_000.0, 8_000.0) for _ in range(300)]
    got = erlang_batch.trunks_many(loads, 0.01)
    for a in loads[::30]:
        n = got[a]
        assert erlang.blocking(a, n) <= 0.01 < erlang.blocking(a, n - 1)


def test_cache_answers_repeats():
    erlang_batch.clear()
    loads = [1_000.0 + 3.7 * k for k in range(100)]
    first = erlang_batch.trunks_many(loads, 0.01)
    assert erlang_batch.trunks_many(loads, 0.01) == first


def test_small_loads_walked_together_equal_scalar():
    erlang_batch.clear()
    rng = random.Random(11)
    loads = [rng.uniform(0.01, 1_000.0) for _ in range(500)] + [rng.uniform(1_000.0, 1_020.0) for _ in range(80)]
    for gos in (0.01, 0.2):
        erlang_batch.clear()
        got = erlang_batch.trunks_many(loads, gos)
        assert all(got[a] == erlang.trunks(a, gos) for a in loads)


def test_small_batches_do_not_import_numpy():
    # A 100-site check must not pay numpy's import (~0.1 s) for loads the scalar path answers in milliseconds.
    code = ("import sys\nfrom advisor import erlang_batch\n"
            "got = erlang_batch.trunks_many([1000.0 + k for k in range(500)] + [5.0 + k for k in range(300)], 0.01)\n"
            "assert 'numpy' not in sys.modules\nprint(got[1000.0], got[5.0])\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    from advisor import erlang
    assert proc.stdout.split() == [str(erlang.trunks(1000.0, 0.01)), str(erlang.trunks(5.0, 0.01))]


@pytest.mark.parametrize("gos", [0.01, 0.001, 0.05, 1e-5, 0.5, 0.9, 1e-9])
def test_huge_loads_batch_equals_scalar(gos):
    """Loads beyond the recurrence (a search on n with the integral form: bisection one by one, trials placed on
    log B in the batch) give `erlang.trunks`'s answers."""
    rnd = random.Random(7)
    loads = [10 ** rnd.uniform(4.8, 12) for _ in range(300)] + [1e7, 1e9]
    erlang_batch.clear()
    got = erlang_batch.trunks_many(loads, gos)
    erlang._trunks.cache_clear()
    assert got == {a: erlang.trunks(a, gos) for a in set(loads)}
    # by hand: the carried traffic A(1 − B) is below n, so 10,000,000 E at 1 % need n > 9,900,000; and n = A
    # trunks already suffice, B(A, A) ≈ √(2 / (πA)) ≈ 0.00025 < 0.01 (the normal approximation of Erlang B)
    if gos == 0.01:
        assert 9_900_000 < got[1e7] <= 10_000_000


def _recurrence_from_zero(a: float, gos: float) -> int:
    """The fewest trunks with B(A, n) <= gos by the recurrence B(n) = A·B(n−1) / (n + A·B(n−1)) from B(0) = 1."""
    n, b = 0, 1.0
    while b > gos:
        n += 1
        ab = a * b
        b = ab / (n + ab)
    return n


@pytest.mark.parametrize("gos", [0.001, 0.01, 0.05, 0.3])
def test_loads_just_above_the_recurrence_limit(gos):
    """Loads above RECURRENCE_MAX Erlangs whose answer is still below RECURRENCE_MAX trunks start near the answer
    (as loads below it do) instead of bisecting with a 50,000-step recurrence per trial; the answers are the plain
    recurrence's, one by one and through the batch."""
    rnd = random.Random(11)
    top = (erlang.RECURRENCE_MAX + 2) / (1.0 - gos)
    loads = [rnd.uniform(erlang.RECURRENCE_MAX + 1e-6, top) for _ in range(70)]
    assert all(int(a * (1.0 - gos)) - 1 <= erlang.RECURRENCE_MAX < a for a in loads)
    expected = {a: _recurrence_from_zero(a, gos) for a in loads}
    erlang._trunks.cache_clear()
    assert {a: erlang.trunks(a, gos) for a in loads} == expected
    erlang_batch.clear()
    assert erlang_batch.trunks_many(loads, gos) == expected
