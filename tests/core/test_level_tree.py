"""The level-by-level search gives the heap search's trees bit for bit when every edge weighs the same: settle
order, exact sums, parent edges and ordering distances, on random drawings with ties everywhere (grids, rings,
random meshes, parallel edges, parts out of reach), and the meshed-block routing gives the same loads with either."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from advisor import demand, routing_blocks, routing_trees
from advisor.routing_graph import Graph
from advisor.routing_trees import level_tree, lowest_tree

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def _random_adjacency(rnd: random.Random, n: int, m: int) -> tuple[list[list[tuple[int, int]]], int]:
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    k = 0
    for _ in range(m):
        a, b = rnd.randrange(n), rnd.randrange(n)
        if a == b:
            continue
        adj[a].append((b, k))
        adj[b].append((a, k))
        if rnd.random() < 0.1:  # a parallel edge, later in the lists
            k += 1
            adj[a].append((b, k))
            adj[b].append((a, k))
        k += 1
    return adj, k


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("w", [0.0, 1.0, 10.0, 37.5, 1e6])
def test_equal_weights_give_the_heap_search_s_tree(seed, w):
    rnd = random.Random(seed)
    n = rnd.randint(1, 120)
    adj, edges = _random_adjacency(rnd, n, rnd.randint(0, 3 * n))
    weight = [w] * edges
    for start in {0, n // 2, n - 1}:
        assert level_tree(adj, weight, start) == lowest_tree(adj, weight, start)


@pytest.mark.parametrize("topology", ["grid", "ring", "random-mesh", "mesh"])
def test_generated_meshes(topology):
    graph = Graph.of(generate(300, topology))
    for start in (0, 7, 150, 299):
        assert level_tree(graph.adj, graph.rtt, start) == lowest_tree(graph.adj, graph.rtt, start)


def test_a_level_that_does_not_grow_hands_over_to_the_heap_search(monkeypatch):
    calls = []
    real = routing_trees.lowest_tree

    def spy(*args):
        calls.append(args[2])
        return real(*args)

    monkeypatch.setattr(routing_trees, "_HOP_MS", 0.0)  # with weights 0 the levels would all be at 0
    monkeypatch.setattr(routing_trees, "lowest_tree", spy)
    adj = [[(1, 0), (2, 1)], [(0, 0), (3, 2)], [(0, 1), (3, 3)], [(1, 2), (2, 3)]]
    got = level_tree(adj, [0.0] * 4, 0)
    assert calls == [0]
    assert got == real(adj, [0.0] * 4, 0)


def test_block_routing_gives_the_same_loads_with_either_search(monkeypatch):
    design = generate(700, "random-mesh")
    fast = demand.route_afresh(design, False).load
    monkeypatch.setattr(routing_blocks, "level_tree", lowest_tree)
    slow = demand.route_afresh(design, False).load
    assert fast.method == slow.method
    assert fast.erlangs == slow.erlangs and fast.signalling_kbps == slow.signalling_kbps


def test_the_delay_rules_walk_alike_round_trip_times_by_levels(monkeypatch):
    """The rules' searches (`rules._paths`) over a meshed drawing whose round-trip times were all left alike walk
    by levels (a 10,000-site grid: 9 ms a search with the heap, 4 ms by levels), with the same figures."""
    from advisor.rules import _paths

    design = generate(400, "grid")
    walked = []
    real = routing_trees.level_tree
    monkeypatch.setattr(routing_trees, "level_tree", lambda *a: walked.append(a[2]) or real(*a))
    paths = _paths.Paths(design)
    heap = [lowest_tree(paths.adj, paths.rtt, start)[:3] for start in (0, 200)]
    assert [paths._tree(start) for start in (0, 200)] == heap and walked == [0, 200]
    varied = design.model_copy(update={"links": (design.links[0].model_copy(update={"rtt_ms": 21.0}),
                                                 *design.links[1:])})
    walked.clear()
    _paths.Paths(varied)._tree(0)
    assert walked == []  # one round-trip time differs: the heap search


def test_the_sizing_s_hub_tree_over_a_meshed_drawing_of_alike_times_walks_by_levels(monkeypatch):
    """The via-hub routing's tree from the hub (`Graph.sum_tree`) and `Graph.tree` over a mesh whose round-trip
    times were all left alike: by levels, the heap search's lists."""
    design = generate(500, "mesh")
    graph = Graph.of(design)
    walked = []
    real = routing_trees.level_tree
    monkeypatch.setattr(routing_trees, "level_tree", lambda *a: walked.append(a[2]) or real(*a))
    order, _exact, parent, best = lowest_tree(graph.adj, graph.rtt, 3)
    assert walked == []
    assert graph.sum_tree(3) == (order, parent) and graph.tree(3) == (best, parent, order)
    assert walked == [3, 3]
    varied = design.model_copy(update={"links": (design.links[0].model_copy(update={"rtt_ms": 30.0}),
                                                 *design.links[1:])})
    assert graph.alike() and not Graph.of(varied).alike()
