"""The worst mouth-to-ear delay on a meshed WAN of more than 200 calling sites (the sweep estimate) must not depend on
the order the sites are listed in. Each defect found, as the short sequence that shows it.

- A ring of 1,500 sites with distinct round-trip times, its sites listed as drawn and then in five shuffled orders:
  the worst one-way network delay came out 185,521, 185,583, 185,514, 185,580, 185,479 and 185,462 ms (exact:
  185,594 ms); a 1,000-site grid 7,443, 7,156 or 7,784 ms (exact 7,784 ms); a 2,000-site random mesh 3,708 or
  3,654 ms (exact 3,708 ms): the two sweeps started from the first site listed and took the first of equally far
  sites. The estimate now starts from the site with the smallest id and searches from six far-apart sites (each
  next one the site whose distances from those searched add up to the most, ties to the larger id): 185,521,
  7,784 and 3,708 ms in every order, every site's figure and partner the same.
"""

from __future__ import annotations

import bisect
import heapq
import math
import random

import pytest

from advisor.model import Design
from advisor.rules import delay, delay_underlay
from advisor.rules.delay_paths import DelayPaths
from advisor.rules.delay_underlay import EXACT_PAIRS_MAX_SITES, underlay


def _design(n: int, ends: list[tuple[int, int]], rtts: list[float]) -> Design:
    return Design.model_validate({
        "name": "order", "sites": [{"id": f"s{i}", "users": 10} for i in range(n)],
        "links": [{"id": f"l{k}", "a": f"s{a}", "b": f"s{b}", "rtt_ms": r}
                  for k, ((a, b), r) in enumerate(zip(ends, rtts, strict=True))]})


def _distinct(rnd: random.Random, k: int) -> list[float]:
    """k different round-trip times, 1.00 to 999.99 ms."""
    return [c / 100 for c in rnd.sample(range(100, 100_000), k)]


def _ring(n: int, seed: int) -> tuple[Design, list[float]]:
    rnd = random.Random(seed)
    rtts = _distinct(rnd, n)
    return _design(n, [(i, (i + 1) % n) for i in range(n)], rtts), rtts


def _grid(n: int, seed: int) -> Design:
    cols = math.isqrt(n)
    ends = [(i, i + 1) for i in range(n) if (i + 1) % cols and i + 1 < n] + [(i, i + cols) for i in range(n - cols)]
    return _design(n, ends, _distinct(random.Random(seed), len(ends)))


def _random_mesh(n: int, seed: int, rtts=None) -> Design:
    """A random tree plus n // 2 random chords; `rtts(rnd, k)` gives the k links' RTTs (distinct by default)."""
    rnd = random.Random(seed)
    ends = [(rnd.randrange(i), i) for i in range(1, n)]
    seen = {tuple(sorted(e)) for e in ends}
    for _ in range(n // 2):
        a, b = sorted(rnd.sample(range(n), 2))
        if (a, b) not in seen:
            seen.add((a, b))
            ends.append((a, b))
    return _design(n, ends, (rtts or _distinct)(rnd, len(ends)))


SHAPES = {"ring": lambda: _ring(1500, 3)[0], "grid": lambda: _grid(1000, 1), "random mesh": lambda: _random_mesh(2000, 5)}


def _sweep(design: Design, terminals: list[str]) -> dict:
    delay_underlay.forget()
    got: dict = {}
    assert underlay(DelayPaths(design, {}), terminals, got) is True  # more than 200 calling sites: the estimate
    return got


@pytest.mark.parametrize("shape", SHAPES)
def test_the_estimate_is_the_same_whatever_the_order_of_the_sites(shape):
    design = SHAPES[shape]()
    ids = [s.id for s in design.sites]
    want = _sweep(design, ids)
    worst = max(d for d, _partner in want.values())
    for k in range(5):
        order = list(ids)
        random.Random(k).shuffle(order)
        got = _sweep(design, order)
        assert max(d for d, _partner in got.values()) == worst
        assert dict(got) == dict(want)  # every site's figure and partner, not only the worst


@pytest.mark.parametrize("shape", SHAPES)
def test_the_check_names_the_same_figure_for_a_shuffled_site_list(shape):
    """Through the delay check itself, the design's own site list shuffled (the node numbers change with it)."""
    design = SHAPES[shape]()
    data = design.model_dump()
    delay.forget()
    want = delay.worst_result(design, None)
    for k in range(5):
        sites = list(data["sites"])
        random.Random(k).shuffle(sites)
        delay.forget()
        got = delay.worst_result(Design.model_validate({**data, "sites": sites}), None)
        assert got.total_ms == pytest.approx(want.total_ms, rel=1e-12)
        assert {got.a, got.b} == {want.a, want.b}
    delay.forget()


def _ring_diameter(rtts: list[float]) -> float:
    """The exact worst one-way delay on a ring, by hand: between sites i < j the shorter of the two arcs, each link
    half its RTT (no sizing: no serialization). For each i the best j is where the clockwise arc passes half the
    ring (found by bisection in the running sums), or the site just before."""
    half = [r / 2 for r in rtts]
    run = [0.0]
    for x in half:
        run.append(run[-1] + x)
    n, total = len(half), run[-1]
    best = 0.0
    for i in range(n):
        k = bisect.bisect_left(run, run[i] + total / 2)
        for j in (k - 1, k):
            if i < j < n:
                arc = run[j] - run[i]
                best = max(best, min(arc, total - arc))
    return best


def test_the_ring_estimate_stays_within_the_hand_worked_diameter():
    design, rtts = _ring(1500, 3)
    exact = _ring_diameter(rtts)
    got = max(d for d, _partner in _sweep(design, [s.id for s in design.sites]).values())
    assert got <= exact * (1 + 1e-12)
    assert got >= 0.99 * exact  # a few far-apart searches find (almost) the longest path


def _dijkstra(n: int, ends: list[tuple[int, int]], w: list[float], s: int) -> list[float]:
    adj: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for (a, b), x in zip(ends, w, strict=True):
        adj[a].append((b, x))
        adj[b].append((a, x))
    dist = [math.inf] * n
    dist[s] = 0.0
    heap = [(0.0, s)]
    while heap:
        d, v = heapq.heappop(heap)
        if d > dist[v]:
            continue
        for u, x in adj[v]:
            if d + x < dist[u]:
                dist[u] = d + x
                heapq.heappush(heap, (d + x, u))
    return dist


def _few(rnd: random.Random, k: int) -> list[float]:
    """k RTTs of 0, 10 or 20 ms: many equal paths and equal distances, some sites 0 ms apart."""
    return [rnd.choice([0, 10, 20]) for _ in range(k)]


@pytest.mark.parametrize("seed", range(60))
def test_the_sweeps_never_exceed_the_exact_worst_on_small_meshes(seed):
    """The sweeps called directly on meshes of 3-60 sites, against the exact path (one tree per site) and a plain
    search: no site's figure beyond its exact farthest, never a site its own partner."""
    rnd = random.Random(seed)
    n = rnd.randint(3, 60)
    design = _random_mesh(n, seed, _few if seed % 2 else None)
    paths = DelayPaths(design, {})
    ids = [s.id for s in design.sites]
    nodes = [paths.index[t] for t in ids]
    exact: dict = {}
    delay_underlay._exact_pairs(paths, ids, nodes, exact)
    start = min(ids)
    got: dict = {}
    delay_underlay._sweep_estimate(paths, ids, nodes, (start, paths.distances(start)[0]), got)
    assert set(got) == set(ids)
    ends = [(int(ln.a[1:]), int(ln.b[1:])) for ln in design.links]
    half = [ln.rtt_ms / 2 for ln in design.links]
    for t in ids:
        d, partner = got[t]
        assert partner != t and partner in exact
        assert d <= exact[t][0] * (1 + 1e-12)
        plain = _dijkstra(n, ends, half, int(t[1:]))
        assert d == pytest.approx(plain[int(partner[1:])], rel=1e-12)  # a real path's delay to that partner
        assert exact[t][0] == pytest.approx(max(plain[int(o[1:])] for o in ids if o != t), rel=1e-12, abs=1e-12)
    assert max(d for d, _p in got.values()) <= max(d for d, _p in exact.values())


@pytest.mark.parametrize("seed", range(4))
def test_the_estimate_never_exceeds_the_exact_worst_beyond_200_sites(seed):
    design = (_grid(300, seed) if seed % 2 else _random_mesh(300, seed, _few if seed == 2 else None))
    ids = [s.id for s in design.sites]
    assert len(ids) > EXACT_PAIRS_MAX_SITES
    got = _sweep(design, ids)
    paths = DelayPaths(design, {})
    exact: dict = {}
    delay_underlay._exact_pairs(paths, ids, [paths.index[t] for t in ids], exact)
    assert all(got[t][0] <= exact[t][0] * (1 + 1e-12) for t in ids)
    assert max(d for d, _p in got.values()) <= max(d for d, _p in exact.values())


def test_the_estimate_costs_a_few_searches_not_one_per_site():
    design = _ring(1500, 3)[0]
    paths = DelayPaths(design, {})
    searched = []
    real = paths.distances
    paths.distances = lambda source: searched.append(source) or real(source)
    ids = [s.id for s in design.sites]
    order = ids[1:] + ids[:1]  # the first site listed is not the start (s0, the smallest id): one search more
    delay_underlay.forget()
    underlay(paths, order, {})
    assert len(searched) == 1 + delay_underlay.SWEEP_TREES
    assert len(set(searched)) == len(searched)
    delay_underlay.forget()
