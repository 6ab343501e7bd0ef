"""A block of two hubs and branches leased to both is summed at once (`advisor.routing_twohub`): each source's tree
is the heap search's, parent for parent (ties and relays through a branch included), and the loads are the
per-source trees' sums within floating-point rounding, exactly 0 where no tree loads a link."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from advisor import routing_homed, routing_twohub
from advisor.analysis import analyse
from advisor.routing_levels import demands
from advisor.routing_trees import HOP_MS, heap_search, sum_up
from tests.core.block_demand import adjacency, random_demand
from tests.core.same_figures import same_within_rounding

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402
from varied import vary  # noqa: E402


def _block(rnd: random.Random, n_leaves: int, n_direct: int):
    """(adjacency, edge ends, hubs): two hubs at random node numbers, every other node a branch with one link to
    each, and `n_direct` links between the hubs (one more where a hub would have only two links: it would not be
    told from a branch); edges numbered at random, adjacency lists in a random order."""
    n_direct = max(n_direct, 3 - n_leaves)
    n = n_leaves + 2
    a, b = sorted(rnd.sample(range(n), 2))
    pairs = [(x, h) for x in range(n) if x not in (a, b) for h in (a, b)] + [(a, b)] * n_direct
    return adjacency(rnd, n, pairs), pairs, (a, b)


def _weights(rnd: random.Random, pairs, hubs, style: str) -> list[float]:
    out = []
    for u, v in pairs:
        direct = {u, v} == set(hubs)
        if style == "typed":  # a few values: ties everywhere
            out.append(rnd.choice((10.0, 20.0, 30.0)) if not direct else rnd.choice((2.0, 20.0, 60.0)))
        elif style == "halves":  # sums that tie by different figures
            out.append(rnd.choice((0.5, 1.0, 1.5, 2.5)) * rnd.choice((1, 2, 4)))
        elif style == "zero":
            out.append(rnd.choice((0.0, 0.0, 1.0)))
        else:
            out.append(round(rnd.uniform(1, 300), 2))
    return out


STYLES = ("typed", "halves", "zero", "varied")


@pytest.mark.parametrize("seed", range(60))
def test_each_tree_is_the_heap_searchs(seed):
    rnd = random.Random(seed)
    adj, pairs, hubs = _block(rnd, rnd.choice((1, 2, 3, 5, 12, 40)), rnd.choice((0, 0, 1, 1, 2, 3)))
    weights = _weights(rnd, pairs, hubs, STYLES[seed % len(STYLES)])
    shape = routing_twohub.shape(adj)
    assert shape is not None and (shape.a, shape.b) == hubs
    for source in range(len(adj)):
        _order, _exact, parent, _best = heap_search(adj, weights, source)
        want = {v: k for v, k in enumerate(parent) if v != source}
        assert routing_twohub.parents(shape, weights, HOP_MS, source) == want, (seed, source)


def _per_source(adj, pairs, weights, dest_u, sources, local):
    erl, sig = [0.0] * len(pairs), [0.0] * len(pairs)
    for node, rate, rows in sources:
        order, _exact, parent, _best = heap_search(adj, weights, node)
        acc_erl, acc_sig = demands(rate, dest_u, rows, local)
        sum_up(order, parent, pairs, acc_erl, acc_sig, erl, sig)
    return erl, sig


@pytest.mark.parametrize("seed", range(60))
def test_the_sums_are_the_trees_sums(seed):
    rnd = random.Random(1000 + seed)
    adj, pairs, hubs = _block(rnd, rnd.choice((1, 2, 3, 7, 30, 120)), rnd.choice((0, 1, 1, 2)))
    weights = _weights(rnd, pairs, hubs, STYLES[seed % len(STYLES)])
    n = len(adj)
    local, dest_u, sources = random_demand(rnd, n)
    want_erl, want_sig = _per_source(adj, pairs, weights, dest_u, sources, local)
    got = routing_twohub.loads(routing_twohub.shape(adj), weights, len(pairs), dest_u, sources, local, HOP_MS)
    assert got is not None
    got_erl, got_sig = got
    for k in range(len(pairs)):
        assert got_erl[k] == pytest.approx(want_erl[k], rel=1e-9, abs=1e-300), (seed, k)
        assert got_sig[k] == pytest.approx(want_sig[k], rel=1e-9, abs=1e-300), (seed, k)
        assert (got_erl[k] == 0.0) == (want_erl[k] == 0.0), (seed, k)  # an unloaded link stays exactly 0


def test_only_two_hubs_and_branches_on_both_are_this_shape():
    rnd = random.Random(3)
    adj, _pairs, _hubs = _block(rnd, 5, 1)
    assert routing_twohub.shape(adj) is not None
    ring = [((1, 0), (3, 3)), ((0, 0), (2, 1)), ((1, 1), (3, 2)), ((2, 2), (0, 3))]
    assert routing_twohub.shape(ring) is None  # no hub
    # a branch with both links to one hub
    both = [((2, 0), (3, 1), (3, 4)), ((2, 2), (3, 3)), ((0, 0), (1, 2)), ((0, 1), (1, 3), (0, 4))]
    assert routing_twohub.shape(both) is None
    three = [((3, 0), (4, 1)), ((3, 2), (4, 3)), ((3, 4), (5, 5)),
             ((0, 0), (1, 2), (2, 4)), ((0, 1), (1, 3)), ((2, 5),)]
    assert routing_twohub.shape(three) is None  # a third node with other than two links


def _analysed_both_ways(design, monkeypatch, expect_summed: bool = True):
    summed = []
    real = routing_twohub.loads
    with monkeypatch.context() as patch:
        patch.setattr(routing_twohub, "loads", lambda *a: summed.append(len(a[0].leaves)) or real(*a))
        fast = analyse(design)
    assert bool(summed) == expect_summed
    with monkeypatch.context() as patch:  # one tree per source
        patch.setattr(routing_twohub, "MIN_NODES", 10**9)
        patch.setattr(routing_homed, "MIN_NODES", 10**9)
        slow = analyse(design.model_copy(deep=True))
    same_within_rounding(fast, slow)
    return summed


@pytest.mark.parametrize(("sites", "varied"), [(400, False), (401, True), (600, True)])
def test_a_dual_hub_design_analysed_either_way_has_the_same_figures(sites, varied, monkeypatch):
    """Branches leased to two data centres, round-trip times typed (10, 20 or 30 ms: ties everywhere) or all
    different (relays through a branch common: the data-centre interconnect is as slow as any)."""
    design = generate(sites, "dual-hub")
    if varied:
        design = vary(design, seed=sites)
    assert set(_analysed_both_ways(design, monkeypatch)) == {sites - 2}


def test_branches_beyond_are_summed_from_the_distance_they_enter_at(monkeypatch):
    """A branch on a leased line behind some dual-homed sites: its calls enter the block at that site, at its own
    distance. Where the round-trip times differ, the two-hub closed form (which starts every search at 0) gives way
    to the general sums, each group of callers beyond searched from its distance (`advisor.routing_homed`); where
    they are alike the closed form holds. The figures are the trees' either way."""
    from advisor.model import Design

    n = 300
    sites = [{"id": "dc1", "kind": "hq", "users": 500, "cucm_publisher": True},
             {"id": "dc2", "kind": "hq", "users": 300, "cucm_subscribers": 1}]
    sites += [{"id": f"s{i}", "users": 10 + i % 7} for i in range(n)]
    links = [{"id": "dci", "a": "dc1", "b": "dc2", "rtt_ms": 2}]
    rnd = random.Random(5)
    for i in range(n):
        links += [{"id": f"a{i}", "a": f"s{i}", "b": "dc1", "rtt_ms": rnd.choice((10, 20, 30))},
                  {"id": f"b{i}", "a": f"s{i}", "b": "dc2", "rtt_ms": rnd.choice((10, 20, 30))}]
    for k, at in enumerate(range(0, n, 25)):
        sites.append({"id": f"t{k}", "users": 40, "pstn_gateway": k % 2 == 0})
        links.append({"id": f"tail{k}", "a": f"s{at}", "b": f"t{k}", "rtt_ms": 5})
    design = Design.model_validate({"name": "two data centres", "sites": sites, "links": links})
    general = []
    real = routing_homed.loads
    with monkeypatch.context() as patch:
        patch.setattr(routing_homed, "loads", lambda *a: general.append(a[6]) or real(*a))
        _analysed_both_ways(design, monkeypatch, expect_summed=False)
    assert general and any(origin > 0.0 for sources in general for *_s, origin in sources)
    alike = design.model_copy(update={"links": [ln.model_copy(update={"rtt_ms": 20.0}) for ln in design.links]})
    _analysed_both_ways(alike, monkeypatch)


def test_the_blocks_summed_at_once_are_told_from_their_shape():
    """Whether the sizing will search a large block's trees (and so load the compiled loops the cluster pairs then
    use as well): not for a plain ring, or a few core nodes with branches on two of them."""
    from advisor import routing_blocks
    from advisor.routing_graph import graph_of

    for shape, sites, summed in (("ring", 300, True), ("dual-hub", 300, True), ("grid", 300, False),
                                 ("dual-hub", 100, False), ("hub-pairs", 1500, True), ("random-mesh", 300, False)):
        graph = graph_of(generate(sites, shape))
        largest = max(routing_blocks.blocks(graph)[2], key=len)
        assert routing_blocks.summed_at_once(graph, largest) is summed, shape


def test_past_the_budget_of_ties_the_trees_are_searched(monkeypatch):
    """Half the branches 10 ms nearer the first data centre, half 10 ms nearer the second, each by times of its
    own, and the data centres 500 ms apart: every source's split falls where the other half's offers all tie, each
    of those branches a run of its own, worked out as the search adds them (~150 runs per source). Past the budget
    (lowered here) the block keeps its trees; within it the loads are summed; the figures are the same either way."""
    design = generate(300, "dual-hub")
    links = []
    for ln in design.links:
        k = int((ln.a if ln.a not in ("s0", "s1") else ln.b)[1:])
        base, near = 100.0 + 0.5 * k, (ln.b == "s0") == (k % 2 == 0)
        links.append(ln.model_copy(update={"rtt_ms": 500.0 if {ln.a, ln.b} == {"s0", "s1"} else
                                            base if near else base + 10.0}))
    design = design.model_copy(update={"links": links})
    got = []
    real_loads = routing_twohub.loads
    monkeypatch.setattr(routing_twohub, "loads", lambda *a: got.append(real_loads(*a)) or got[-1])
    monkeypatch.setattr(routing_twohub, "EXACT_RUNS", 1000)
    past = analyse(design.model_copy(deep=True))
    assert got and all(g is None for g in got)
    monkeypatch.setattr(routing_twohub, "EXACT_RUNS", 100_000)
    got.clear()
    within = analyse(design.model_copy(deep=True))
    assert got and all(g is not None for g in got)
    same_within_rounding(within, past)
