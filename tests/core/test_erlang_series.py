"""The worked Erlang B examples' figures for many loads at once (`erlang_series.ends`, `explain.erlang.prime`): the
same as one load at a time, and right by a form of Erlang B that has no recurrence."""

from __future__ import annotations

import math
import random

import pytest

from advisor import erlang, erlang_series
from advisor.explain import Context, every_figure
from advisor.explain import erlang as explain_erlang
from advisor.model import Design


def _blocking_poisson(a: float, n: int) -> float:
    """B = P(N = n) / P(N <= n) for N ~ Poisson(A), summed in log space: no recurrence."""
    logs = [k * math.log(a) - a - math.lgamma(k + 1) for k in range(n + 1)]
    top = max(logs)
    return math.exp(logs[n] - top) / sum(math.exp(x - top) for x in logs)


def _wanted(n: int, head: int, tail: int) -> set[int]:
    return set(range(min(head, n) + 1)) | set(range(max(n - tail + 1, 0), n + 1))


def test_ends_are_the_scalar_walks_bit_for_bit():
    rnd = random.Random(7)
    pairs = [(round(rnd.uniform(0.0, 2_500.0), 3), rnd.randrange(0, 2_700)) for _ in range(400)]
    pairs += [(5.0, 0), (5.0, 1), (5.0, 2), (7.5, 3), (100.0, 4), (0.0, 6), (10.0, 18), (10.0, 18)]
    got = erlang_series.ends(pairs, 3, 4)
    assert len(got) == len(set(pairs))
    for (a, n), row in got.items():
        ks = _wanted(n, 3, 4)
        assert set(row) == ks, (a, n)
        assert row == erlang.blocking_series(a, ks), (a, n)  # ==: the same operations on the same numbers


def test_ends_agree_with_the_poisson_form():
    # 10 E at 1 % needs 18 trunks (the recurrence's classic example); B(10, 17) > 1 % >= B(10, 18)
    row = erlang_series.ends([(10.0, 18), (250.0, 300)], 3, 4)
    ten = row[(10.0, 18)]
    assert ten[0] == 1.0 and ten[1] == pytest.approx(10 / 11, rel=1e-15)  # B(A, 1) = A / (1 + A)
    for k in (2, 3, 15, 16, 17, 18):
        assert ten[k] == pytest.approx(_blocking_poisson(10.0, k), rel=1e-12)
    assert ten[17] > 0.01 >= ten[18]
    for k in (297, 298, 299, 300):
        assert row[(250.0, 300)][k] == pytest.approx(_blocking_poisson(250.0, k), rel=1e-11)


def test_ends_refuse_a_walk_beyond_the_recurrence():
    with pytest.raises(ValueError):
        erlang_series.ends([(60_000.0, erlang.RECURRENCE_MAX + 1)], 3, 4)
    assert erlang_series.ends([], 3, 4) == {}


def _chain(sites: int) -> Design:
    """A chain of leased lines: every link offers a different load (thousands of Erlangs in the middle)."""
    return Design.model_validate({
        "name": "chain",
        "sites": [{"id": f"s{i}", "users": 40 + i % 7, "kind": "hq" if i == 0 else "branch",
                   "cucm_publisher": i == 0} for i in range(sites)],
        "links": [{"id": f"l{i}", "a": f"s{i}", "b": f"s{i + 1}", "capacity_kbps": 10000}
                  for i in range(sites - 1)], "vpn": {"technology": "none"}})


def test_every_figure_reads_the_same_primed_or_one_load_at_a_time(monkeypatch):
    ctx = Context.of(_chain(150))
    assert len({r.erlangs for r in ctx.results.links}) >= explain_erlang.PRIME_MIN  # the arrays do run
    explain_erlang.forget()
    primed = [e.text() for e in every_figure(ctx)]
    assert explain_erlang._blockings_primed  # `prime` filled them
    monkeypatch.setattr(explain_erlang, "PRIME_MIN", 10**9)  # one load at a time, as before
    explain_erlang.forget()
    alone = [e.text() for e in every_figure(ctx)]
    assert not explain_erlang._blockings_primed
    assert primed == alone
    explain_erlang.forget()


def test_the_steps_say_that_the_figures_shown_are_rounded():
    # Worked from the digits shown, B(2) of 1.965 E reads 0.394357, the line says 0.394361 (from the unrounded B(1)
    # and A): the explanation says which it shows
    worked = explain_erlang.trunks(1.96473, 0.01)
    lines = list(worked.lines)
    last_step = max(i for i, line in enumerate(lines) if line.startswith("  B("))
    assert lines[last_step + 1] == explain_erlang.ROUNDED
    assert "rounded" in explain_erlang.ROUNDED and "unrounded values" in explain_erlang.ROUNDED
    blocked = list(explain_erlang.blocking(1.96473, 3).lines)
    assert blocked[blocked.index(explain_erlang.ROUNDED) - 1].startswith("  B(3) = ")
