"""A plain ring of equal round-trip times is summed at once (`advisor.routing_ring`): the same loads, within
floating-point rounding, as one equal-weight tree per source (`routing_levels.level_parents` + `sum_levels`, the
block routing's own pair), on rings of odd and even size, nodes numbered in any order round the ring, sources that
send nothing, and point flows to any node; and a whole ring design analysed either way gives the same figures."""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

import pytest

from advisor import routing_blocks, routing_ring
from advisor.analysis import analyse
from advisor.routing_levels import demands, level_parents, sum_levels
from tests.core.block_demand import random_demand
from tests.core.same_figures import same_within_rounding as _same_within_rounding

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def _ring(rnd: random.Random, n: int) -> list[tuple[tuple[int, int], ...]]:
    """A ring of n block nodes visited in a random order, its edges numbered as the adjacency lists meet them."""
    visit = list(range(n))
    rnd.shuffle(visit)
    rows: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    pairs = [(visit[i], visit[(i + 1) % n]) for i in range(n)]
    rnd.shuffle(pairs)
    for k, (a, b) in enumerate(pairs):
        rows[a].append((b, k))
        rows[b].append((a, k))
    return [tuple(sorted(row)) for row in rows]


def _per_source(adj, dest_u, sources, local):
    erl, sig = [0.0] * len(adj), [0.0] * len(adj)
    for node, rate, rows in sources:
        order, parent_edge, parent_node = level_parents(adj, node)
        acc_erl, acc_sig = demands(rate, dest_u, rows, local)
        sum_levels(order, parent_edge, parent_node, acc_erl, acc_sig, erl, sig)
    return erl, sig


@pytest.mark.parametrize("seed", range(60))
def test_the_ring_sums_are_the_trees_sums(seed):
    rnd = random.Random(seed)
    n = rnd.choice((3, 4, 5, 6, 7, 8, 11, 12, 50, 51, 200, 201))
    adj = _ring(rnd, n)
    local, dest_u, sources = random_demand(rnd, n)
    want_erl, want_sig = _per_source(adj, dest_u, sources, local)
    order, ring_edges = routing_ring.cycle(adj)
    got_erl, got_sig = routing_ring.ring_loads(order, ring_edges, dest_u, sources, local,
                                               routing_ring.equal_reach(order))
    scale = max([*want_erl, 1.0])
    for p, k in enumerate(ring_edges):
        assert got_erl[p] == pytest.approx(want_erl[k], rel=1e-9, abs=1e-12 * scale), (n, p, k)
        assert got_sig[p] == pytest.approx(want_sig[k], rel=1e-9, abs=1e-12 * max([*want_sig, 1.0]))


def test_only_a_plain_ring_is_a_cycle():
    assert routing_ring.cycle([((1, 0), (2, 2)), ((0, 0), (2, 1)), ((1, 1), (0, 2))]) is not None
    assert routing_ring.cycle([((1, 0), (1, 1)), ((0, 0), (0, 1))]) is None  # two links between two nodes
    chord = [((1, 0), (3, 3), (2, 4)), ((0, 0), (2, 1)), ((1, 1), (3, 2), (0, 4)), ((2, 2), (0, 3))]
    assert routing_ring.cycle(chord) is None


@pytest.mark.parametrize("sites", [401, 600])
def test_a_ring_design_analysed_either_way_has_the_same_figures(sites, monkeypatch):
    design = generate(sites, "ring")
    summed = []
    real = routing_ring.ring_loads
    monkeypatch.setattr(routing_ring, "ring_loads", lambda *a: summed.append(len(a[0])) or real(*a))
    fast = analyse(design)
    assert summed and set(summed) == {sites}  # the ring summed at once (each overlay shape routes it)
    monkeypatch.setattr(routing_ring, "MIN_NODES", 10**9)
    monkeypatch.setattr(routing_blocks, "BATCH_MIN_NODES", 10**9)  # the lean pair per source, interpreted
    slow = analyse(design.model_copy(deep=True))
    assert len(fast.links) == len(slow.links) == sites
    for a, b in zip(fast.links, slow.links, strict=True):
        assert a.calls == b.calls and a.status == b.status
        assert math.isclose(a.erlangs, b.erlangs, rel_tol=1e-9)
        assert math.isclose(a.kbps, b.kbps, rel_tol=1e-9)
        assert math.isclose(a.signalling_kbps, b.signalling_kbps, rel_tol=1e-9, abs_tol=1e-9)
    assert [f.message for f in fast.findings] == [f.message for f in slow.findings]


def test_a_ring_with_branches_and_a_cloud_beyond_it_has_the_same_figures_either_way(monkeypatch):
    """Branches on leased lines off some ring sites, and an HQ with the call processing on an MPLS cloud reached
    through one of them: their calls enter the ring at its entry sites, which take those sites' own trees."""
    from advisor.model import Design

    n = 300
    sites = [{"id": f"s{i}", "users": 10 + i % 7} for i in range(n)]
    links = [{"id": f"r{i}", "a": f"s{i}", "b": f"s{(i + 1) % n}"} for i in range(n)]
    for k, at in enumerate(range(0, n, 15)):
        sites.append({"id": f"b{k}", "users": 30, "pstn_gateway": k % 2 == 0})
        links.append({"id": f"t{k}", "a": f"s{at}", "b": f"b{k}"})
    sites.append({"id": "hq", "kind": "hq", "users": 500, "cucm_publisher": True, "cucm_subscribers": 2})
    links += [{"id": "m1", "a": "s7", "b": "mpls"}, {"id": "m2", "a": "hq", "b": "mpls"}]
    design = Design.model_validate({"name": "ring and beyond", "sites": sites, "links": links,
                                    "clouds": [{"id": "mpls", "name": "MPLS", "kind": "mpls"}]})
    summed = []
    real = routing_ring.ring_loads
    monkeypatch.setattr(routing_ring, "ring_loads", lambda *a: summed.append(len(a[0])) or real(*a))
    fast = analyse(design)
    assert n in summed
    monkeypatch.setattr(routing_ring, "MIN_NODES", 10**9)
    slow = analyse(design.model_copy(deep=True))
    # (a figure on a half of its last shown digit: signalling of 44.935 kbps prints 44.93 from the per-source
    # trees here, 44.94 from the ring's sums)
    _same_within_rounding(fast, slow)


@pytest.mark.parametrize("seed", range(80))
def test_a_ring_of_varied_times_reaches_as_the_search_does(seed):
    """Round-trip times typed from a few values (ties of both ways round are common), or drawn at random: each
    source's tree reaches clockwise exactly as far as the heap search's does, ties broken as it breaks them."""
    from advisor.routing_trees import HOP_MS, lowest_tree

    rnd = random.Random(seed)
    n = rnd.choice((3, 4, 5, 6, 9, 10, 31, 32, 100, 101))
    adj = _ring(rnd, n)
    order, ring_edges = routing_ring.cycle(adj)
    typed = rnd.random() < 0.7
    weight_of_edge = [rnd.choice((5.0, 10.0, 20.0, 35.5, 80.0)) if typed else round(rnd.uniform(1, 90), 2)
                      for _ in range(n)]
    weights = [weight_of_edge[k] for k in ring_edges]
    reach = routing_ring.varied_reach(order, weights, HOP_MS)
    for p, source in enumerate(order):
        _order, _exact, parent, _best = lowest_tree(adj, weight_of_edge, source)
        cw = 0
        while cw + 1 < n and parent[order[(p + cw + 1) % n]] == ring_edges[(p + cw) % n]:
            cw += 1  # node cw + 1 hangs off node cw by the clockwise link
        assert reach[p] == cw, (n, p)


@pytest.mark.parametrize(("sites", "typed"), [(400, True), (401, False)])
def test_a_ring_of_varied_times_analysed_either_way_has_the_same_figures(sites, typed, monkeypatch):
    design = generate(sites, "ring")
    rnd = random.Random(sites)
    design = design.model_copy(update={"links": [ln.model_copy(update={"rtt_ms": rnd.choice(
        (5.0, 10.0, 20.0, 35.5, 80.0)) if typed else round(rnd.uniform(1, 90), 2)}) for ln in design.links]})
    summed, reached = [], []
    real, real_reach = routing_ring.ring_loads, routing_ring.varied_reach
    monkeypatch.setattr(routing_ring, "ring_loads", lambda *a: summed.append(a[5]) or real(*a))
    monkeypatch.setattr(routing_ring, "varied_reach", lambda *a: reached.append(real_reach(*a)) or reached[-1])
    fast = analyse(design)
    assert summed and all(any(r is got for got in reached) for r in summed)  # summed at once, each source's
    monkeypatch.setattr(routing_ring, "MIN_NODES", 10**9)  # reach from the round-trip times
    slow = analyse(design.model_copy(deep=True))
    _same_within_rounding(fast, slow)


def test_a_ring_built_to_tie_everywhere_is_searched_tree_by_tree(monkeypatch):
    """Round-trip times alternating 20 and 40 ms on a ring of 600 sites: each source's two half-way arcs hold the
    same total, so every source's opposite node would be worked out link by link (600 × 1,200 steps); past the
    budget (lowered here) the trees are searched, and each figure is theirs."""
    from advisor.routing_trees import HOP_MS

    weights = [20.0, 40.0] * 300
    monkeypatch.setattr(routing_ring, "EXACT_STEPS", 800_000)
    assert routing_ring.varied_reach(list(range(600)), weights, HOP_MS) is not None  # 720,000 steps: within
    monkeypatch.setattr(routing_ring, "EXACT_STEPS", 100_000)
    assert routing_ring.varied_reach(list(range(600)), weights, HOP_MS) is None
    design = generate(600, "ring")
    design = design.model_copy(update={"links": [ln.model_copy(update={"rtt_ms": 20.0 + 20.0 * (k % 2)})
                                                 for k, ln in enumerate(design.links)]})
    summed = []
    real = routing_ring.ring_loads
    monkeypatch.setattr(routing_ring, "ring_loads", lambda *a: summed.append(1) or real(*a))
    fast = analyse(design)
    assert summed == []
    monkeypatch.setattr(routing_ring, "MIN_NODES", 10**9)
    slow = analyse(design.model_copy(deep=True))
    assert [(a.calls, a.erlangs) for a in fast.links] == [(b.calls, b.erlangs) for b in slow.links]
