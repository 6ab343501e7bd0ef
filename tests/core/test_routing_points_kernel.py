"""The point flows' climbs and walks over the block tree, compiled (`routing_points_kernel`, through
`BlockTree.route_every`): the same bridge loads, the same sends (each node's exits in the same order, each sum to the
last bit) and the same transit marks as `BlockTree.route` destination by destination, whichever way each destination
goes (climbing, or the whole tree); and the same `check` figures on generated designs whose flows take it."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from advisor import routing_compiled, routing_points
from advisor.routing_points import BlockTree
from tests.core.test_routing_points import _forest

pytestmark = pytest.mark.skipif(not routing_compiled.available(), reason="numba is not installed here")


def _flows(rnd: random.Random, n_nodes: int) -> dict:
    by_dst: dict[int, list] = {}
    for _ in range(rnd.randint(1, 120)):  # awkward values, so that a different order of additions shows
        flow = (rnd.randrange(n_nodes), rnd.choice((0.0, 0.1, 1e-9, 3.7, 1e6 / 3)), rnd.choice((0.0, 0.3, 7e-7)))
        by_dst.setdefault(rnd.randrange(n_nodes), []).append(flow)
    return by_dst


def _run(tree_adj, comp, n_nodes, n_bridges, by_dst, most, compiled: bool):
    rooted = BlockTree(tree_adj)
    if most is not None:
        rooted.most = most  # 0: every destination walks the whole tree; a large number: every one climbs
    sends, transit = [None] * n_nodes, [i % 5 == 0 for i in range(n_nodes)]  # some nodes pass flows on already
    edge_erl, edge_sig = [0.1 * e for e in range(n_bridges)], [0.0] * n_bridges  # gravity added before
    if compiled:
        assert rooted.route_every(by_dst, comp, sends, transit, edge_erl, edge_sig)
    else:
        for t, flows in by_dst.items():
            rooted.route(t, flows, comp, sends, transit, edge_erl, edge_sig)
    return edge_erl, edge_sig, [None if r is None else list(r.items()) for r in sends], transit


@pytest.mark.parametrize("most", [None, 0, 3, 10**9])
@pytest.mark.parametrize("seed", range(80))
def test_compiled_routes_equal_the_interpreted_ones_to_the_last_bit(seed, most, monkeypatch):
    monkeypatch.setattr(routing_compiled, "worth", lambda *_a, **_k: True)
    rnd, comp, tree_adj, n_nodes, n_bridges = _forest(seed)
    by_dst = _flows(rnd, n_nodes)
    got = _run(tree_adj, comp, n_nodes, n_bridges, by_dst, most, compiled=True)
    want = _run(tree_adj, comp, n_nodes, n_bridges, by_dst, most, compiled=False)
    assert got == want


def test_the_forests_take_both_ways_and_carry_flows_on(monkeypatch):
    """Some destinations climb and some walk the whole tree, and flows pass through blocks (so the comparison above
    means something)."""
    ways = {"climb": 0, "whole": 0}
    real = BlockTree._route_whole

    def whole(self, *args):
        ways["whole"] += 1
        return real(self, *args)

    monkeypatch.setattr(BlockTree, "_route_whole", whole)
    passed = 0
    for seed in range(80):
        rnd, comp, tree_adj, n_nodes, n_bridges = _forest(seed)
        by_dst = _flows(rnd, n_nodes)
        before = ways["whole"]
        _e, _s, sends, transit = _run(tree_adj, comp, n_nodes, n_bridges, by_dst, 3, compiled=False)
        ways["climb"] += len(by_dst) - (ways["whole"] - before)
        passed += sum(transit[i] and i % 5 for i in range(n_nodes))
    assert ways["climb"] > 100 and ways["whole"] > 100 and passed > 50


def test_few_steps_stay_interpreted():
    """A handful of destinations with flows from nearby blocks is not worth the compiled loop (numba's loading would
    cost more than the steps): `route_every` declines and changes nothing."""
    rnd, comp, tree_adj, n_nodes, n_bridges = _forest(5)
    rooted = BlockTree(tree_adj)
    by_dst = {0: [(1, 1.0, 0.5)]}
    sends, transit = [None] * n_nodes, [False] * n_nodes
    edge_erl, edge_sig = [0.0] * n_bridges, [0.0] * n_bridges
    assert rooted.steps(by_dst, comp) * routing_points.STEP_CELLS < routing_compiled.LOADED_MIN_CELLS
    assert not rooted.route_every(by_dst, comp, sends, transit, edge_erl, edge_sig)
    assert sends == [None] * n_nodes and edge_erl == [0.0] * n_bridges


def test_check_on_a_chain_of_blocks_with_many_call_processing_sites_is_the_same(monkeypatch):
    """A generated mesh (a chain with chords) whose every field differs: ~90 clusters and gateways along it. The
    figures of the whole analysis with the compiled point flows equal those without, bit for bit."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate
    from varied import vary

    from advisor import routing_graph
    from advisor.analysis import analyse, forget

    design = vary(generate(1000, "mesh", seed=3), seed=3)
    taken = []
    real = BlockTree.route_every

    def spy(self, *args):
        done = real(self, *args)
        taken.append(done)
        return done

    monkeypatch.setattr(BlockTree, "route_every", spy)
    monkeypatch.setattr(routing_points, "STEP_CELLS", 10**6)  # every design's steps worth the compiled loop
    compiled = analyse(design).model_dump()
    assert True in taken
    forget()
    routing_graph.forget()
    monkeypatch.setattr(routing_points, "STEP_CELLS", 0)  # none
    taken.clear()
    interpreted = analyse(design.model_copy(deep=True)).model_dump()
    assert taken and True not in taken
    assert compiled == interpreted


def test_a_loop_that_cannot_run_here_leaves_the_interpreted_path_to_route(monkeypatch):
    """numba present but this loop's machine code not loadable (a broken cache, an older numba): the flows are
    routed the interpreted way, with nothing half done."""
    from advisor import routing_points_kernel

    def broken(*_args):
        raise RuntimeError("cannot compile here")

    monkeypatch.setattr(routing_compiled, "worth", lambda *_a, **_k: True)
    monkeypatch.setattr(routing_points_kernel, "route_all", broken)
    rnd, comp, tree_adj, n_nodes, n_bridges = _forest(7)
    by_dst = _flows(rnd, n_nodes)
    rooted = BlockTree(tree_adj)
    sends, transit = [None] * n_nodes, [False] * n_nodes
    edge_erl, edge_sig = [0.0] * n_bridges, [0.0] * n_bridges
    assert not rooted.route_every(by_dst, comp, sends, transit, edge_erl, edge_sig)
    assert sends == [None] * n_nodes and edge_erl == [0.0] * n_bridges and not any(transit)
