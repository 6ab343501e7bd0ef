"""Branches each leased to two of a few core nodes are summed at once (`advisor.routing_homed`): each source's tree
is the heap search's, parent for parent (ties, relays through a branch, core links of every kind), and the loads are
the per-source trees' sums within floating-point rounding, exactly 0 where no tree loads a link."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from advisor import routing, routing_blocks, routing_homed
from advisor.analysis import analyse
from advisor.model import Design
from advisor.routing_levels import demands
from advisor.routing_trees import HOP_MS, heap_search, sum_up
from tests.core.block_demand import adjacency, random_demand
from tests.core.same_figures import same_within_rounding

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402
from varied import vary  # noqa: E402


def _block(rnd: random.Random, k: int, n_leaves: int):
    """(adjacency, edge ends): k core nodes joined by a few random links (some parallel, some none), and branches each
    on a random pair of them; node numbers shuffled, edges numbered at random, adjacency lists in a random order.
    Every core node gets at least three links (it would not be told from a branch)."""
    n = k + n_leaves
    numbers = list(range(n))
    rnd.shuffle(numbers)
    core, leaves = numbers[:k], numbers[k:]
    pairs = [tuple(rnd.sample(core, 2)) for _ in range(rnd.randint(0, 2 * k))]
    pairs += [(x, h) for x in leaves for h in rnd.sample(core, 2)]
    degree = {c: sum(c in p for p in pairs) for c in core}
    for c in core:
        while degree[c] < 3:
            other = rnd.choice([d for d in core if d != c])
            pairs.append((c, other))
            degree[c] += 1
            degree[other] += 1
    return adjacency(rnd, n, pairs), pairs


def _weights(rnd: random.Random, pairs, style: str) -> list[float]:
    if style == "typed":
        return [rnd.choice((10.0, 20.0, 30.0)) for _ in pairs]
    if style == "halves":
        return [rnd.choice((0.5, 1.0, 1.5, 2.5)) * rnd.choice((1, 2, 4)) for _ in pairs]
    if style == "zero":
        return [rnd.choice((0.0, 0.0, 1.0)) for _ in pairs]
    return [round(rnd.uniform(1, 300), 2) for _ in pairs]


STYLES = ("typed", "halves", "zero", "varied")


@pytest.mark.parametrize("seed", range(60))
def test_each_tree_is_the_heap_searchs(seed):
    rnd = random.Random(seed)
    adj, pairs = _block(rnd, rnd.choice((2, 3, 4, 6)), rnd.choice((3, 8, 20, 60)))
    weights = _weights(rnd, pairs, STYLES[seed % len(STYLES)])
    homed = routing_homed.shape(adj)
    assert homed is not None
    for source in range(len(adj)):
        _order, _exact, parent, _best = heap_search(adj, weights, source)
        want = {v: k for v, k in enumerate(parent) if v != source}
        got = routing_homed.parents(homed, weights, pairs, adj, HOP_MS, source)
        assert got == want, (seed, source, {v: (got.get(v), want[v]) for v in want if got.get(v) != want[v]})


@pytest.mark.parametrize("seed", range(60))
def test_the_sums_are_the_trees_sums(seed, monkeypatch):
    """Sources of every kind, some twice over: their own calls, and callers beyond them at a distance. Small blocks
    of many pairs, which the analysis leaves to the trees (`worth`): summed here whatever the cost."""
    monkeypatch.setattr(routing_homed, "WORK_SHARE", 0)
    rnd = random.Random(2000 + seed)
    adj, pairs = _block(rnd, rnd.choice((2, 3, 4, 6)), rnd.choice((3, 8, 30, 100)))
    weights = _weights(rnd, pairs, STYLES[seed % len(STYLES)])
    n = len(adj)
    local, dest_u, own = random_demand(rnd, n)
    sources = [(*source, 0.0) for source in own]
    for i in range(n):
        if rnd.random() < 0.2:  # callers beyond the node, reaching it at a distance of their own
            sources.append((i, rnd.choice((1e-4, 0.05)), None, rnd.choice((5.000001, 12.5, 0.1))))
    want_erl, want_sig = [0.0] * len(pairs), [0.0] * len(pairs)
    for node, rate, rows, origin in sources:
        order, _exact, parent, _best = heap_search(adj, weights, node, origin)
        sum_up(order, parent, pairs, *demands(rate, dest_u, rows, local), want_erl, want_sig)
    got = routing_homed.loads(routing_homed.shape(adj), weights, pairs, adj, len(pairs), dest_u, sources, local,
                              HOP_MS)
    assert got is not None
    for k in range(len(pairs)):
        assert got[0][k] == pytest.approx(want_erl[k], rel=1e-9, abs=1e-300), (seed, k)
        assert got[1][k] == pytest.approx(want_sig[k], rel=1e-9, abs=1e-300), (seed, k)
        assert (got[0][k] == 0.0) == (want_erl[k] == 0.0), (seed, k)  # an unloaded link stays exactly 0


@pytest.mark.parametrize(("shape", "sites", "varied"), [("hub-pairs", 1500, False), ("hub-pairs", 1501, True),
                                                        ("hub-pairs", 1200, True), ("cloud-tails", 1200, False),
                                                        ("cloud-tails", 1201, True)])
def test_a_design_analysed_either_way_has_the_same_figures(shape, sites, varied, monkeypatch):
    """Regional hubs on an MPLS VPN (the cloud a core node too), every other site leased to two neighbouring hubs;
    sites on an MPLS VPN and the Internet (two clouds, and two sites joined by a leased line: four core nodes), each
    with a branch behind it whose callers enter at their own distance. Round-trip times typed or all different."""
    design = generate(sites, shape)
    if varied:
        design = vary(design, seed=sites)
    summed = []
    real = routing_homed.loads
    with monkeypatch.context() as patch:
        patch.setattr(routing_homed, "loads", lambda *a: summed.append((len(a[0].core), a[6])) or real(*a))
        fast = analyse(design)
    assert summed and min(core for core, _sources in summed) >= 3
    if shape == "cloud-tails" and varied:  # the callers behind each site, from their own distance
        assert any(origin > 0.0 for _core, sources in summed for *_s, origin in sources)
    with monkeypatch.context() as patch:
        patch.setattr(routing_homed, "MIN_NODES", 10**9)
        slow = analyse(design.model_copy(deep=True))
    same_within_rounding(fast, slow)


def test_only_a_small_core_with_branches_on_two_of_it_is_this_shape(monkeypatch):
    rnd = random.Random(4)
    adj, _pairs = _block(rnd, 5, 30)
    assert routing_homed.shape(adj) is not None
    monkeypatch.setattr(routing_homed, "CORE_MAX", 4)
    assert routing_homed.shape(adj) is None  # a core of five: too many
    ring = [((1, 0), (3, 3)), ((0, 0), (2, 1)), ((1, 1), (3, 2)), ((2, 2), (0, 3))]
    assert routing_homed.shape(ring) is None  # every node a core node: no branch


def test_a_core_of_many_pairs_keeps_its_trees(monkeypatch):
    """Where the searches and splits would cost more than the trees (many pairs of core nodes; the bound lowered
    here), the block keeps its trees, and the figures are theirs."""
    design = vary(generate(1200, "hub-pairs"), seed=3)
    got = []
    real = routing_homed.loads
    monkeypatch.setattr(routing_homed, "loads", lambda *a: got.append(real(*a)) or got[-1])
    monkeypatch.setattr(routing_homed, "SPLITS_MAX", 1000)
    past = analyse(design.model_copy(deep=True))
    assert got and all(g is None for g in got)
    monkeypatch.setattr(routing_homed, "SPLITS_MAX", 10**9)
    got.clear()
    within = analyse(design.model_copy(deep=True))
    assert got and all(g is not None for g in got)
    same_within_rounding(within, past)


def test_many_pairs_of_core_nodes_are_left_to_the_trees(monkeypatch):
    """A source's work here is its small graph and a split per pair (about 2 per pair + 1 per core node); one
    compiled tree per source visits the block's nodes. Summed while the first is within 1/32 of the second (4 core
    nodes with branches on all 6 pairs: (2·6 + 4)·32 = 512 nodes), or while all sources' work is within 250,000
    steps (16 per source: 15,625 sources), about what loading the compiled loops for the trees costs."""
    rnd = random.Random(11)
    small, _pairs = _block(rnd, 4, 100)
    homed = routing_homed.shape(small)
    assert len(homed.core) == 4 and len(homed.groups) == 6 and len(small) == 104
    assert routing_homed.worth(homed, 512, 10**6) and not routing_homed.worth(homed, 511, 10**6)
    assert routing_homed.worth(homed, 104, 15_625) and not routing_homed.worth(homed, 104, 15_626)
    monkeypatch.setattr(routing_homed, "WORK_FLOOR", 0)
    sources = [(0, 0.1, None, 0.0)]
    assert routing_homed.loads(homed, [1.0] * len(_pairs), _pairs, small, len(_pairs), [1.0] * len(small),
                               sources, {}, 1e-6) is None  # refused before any search
    monkeypatch.setattr(routing_homed, "WORK_SHARE", 0)
    assert routing_homed.loads(homed, [1.0] * len(_pairs), _pairs, small, len(_pairs), [1.0] * len(small),
                               sources, {}, 1e-6) is not None


def test_sites_on_two_of_many_clouds_take_the_trees():
    """1,000 sites each on two of 50 clouds (a pair of clouds for every one or two sites): the trees, not the sums
    (1.7 s here against 0.07 s)."""
    rnd = random.Random(5)
    sites = [{"id": f"s{i}", "users": 10, "cucm_publisher": i == 0} for i in range(1000)]
    clouds = [{"id": f"c{c}"} for c in range(50)]
    links = [{"id": f"s{i}-c{c}", "a": f"s{i}", "b": f"c{c}", "rtt_ms": rnd.choice((10, 20, 30))}
             for i in range(1000) for c in rnd.sample(range(50), 2)]
    design = Design.model_validate({"name": "clouds", "sites": sites, "clouds": clouds, "links": links})
    graph = routing.Graph.of(design)
    nodes = max(routing_blocks.blocks(graph)[2], key=len)
    assert len(nodes) == 1050
    assert not routing_blocks.summed_at_once(graph, nodes)


@pytest.mark.parametrize("seed", range(40))
def test_one_search_gives_the_heap_searchs_four_lists(seed, monkeypatch):
    from advisor import routing_homed_tree

    monkeypatch.setattr(routing_homed, "MIN_NODES", 0)
    rnd = random.Random(3000 + seed)
    adj, pairs = _block(rnd, rnd.choice((2, 3, 4, 6)), rnd.choice((3, 8, 30, 90)))
    weights = _weights(rnd, pairs, STYLES[seed % len(STYLES)])
    adj = [list(row) for row in adj]
    for source in range(len(adj)):
        want = heap_search(adj, weights, source)
        got = routing_homed_tree.tree(adj, weights, source)
        assert got is not None
        assert [list(x) for x in got] == [list(x) for x in want], (seed, source)
    assert routing_homed_tree.tree(adj, weights, 0, origin=1.5) is None  # a search from an offset: not here


def test_the_searches_of_a_whole_homed_wan_take_the_small_graph(monkeypatch):
    """`lowest_tree` on a hub-pairs WAN (the rules' trees, the cluster pairs' paths): the small graph's lists, which
    are the heap search's."""
    from advisor import routing_compiled, routing_homed_tree, routing_trees
    from advisor.routing_graph import graph_of

    assert routing_trees.HOMED_MIN_NODES == routing_homed.MIN_NODES
    monkeypatch.setattr(routing_compiled, "tree_lists", lambda *a: None)  # as before the compiled loops load
    took = []
    real = routing_homed_tree.tree
    monkeypatch.setattr(routing_homed_tree, "tree", lambda *a: took.append(real(*a)) or took[-1])
    graph = graph_of(vary(generate(1200, "hub-pairs"), seed=5))
    adj, weights = graph.adj, graph.weights
    for start in (0, 1, 2, 17, 600, 1199):
        assert routing_trees.lowest_tree(adj, weights, start) == routing_trees.heap_search(adj, weights, start)
    assert len(took) == 6 and all(got is not None for got in took)


def test_forgetting_the_design_drops_the_small_graph():
    from advisor import analysis, routing_homed_tree
    from advisor.routing_graph import graph_of

    graph = graph_of(generate(600, "hub-pairs"))
    assert routing_homed_tree.tree(graph.adj, graph.weights, 5) is not None
    assert routing_homed_tree._figures is not None
    analysis.forget()
    assert routing_homed_tree._shape is None and routing_homed_tree._figures is None
