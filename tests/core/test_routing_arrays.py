"""The routing's array paths (large WANs) give exactly what the loops give (==, bit for bit): tree sums, additions in
turn, flows as columns, the graph kept as columns, the forest by breadth-first search, and whole routings of
generated and random designs with both overlay shapes."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import pytest

from advisor import (
    demand,
    demand_hub,
    routing,
    routing_arrays,
    routing_flows,
    routing_forest,
    routing_graph,
    routing_trees,
)
from advisor.model import Design
from tests.core.test_fast_paths_routing import _graph_by_the_old_rules  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

# ---- tree sums ----

def _bfs(parent: list[int]) -> list[int]:
    """Parents before children; each node's children in number order."""
    kids: list[list[int]] = [[] for _ in parent]
    tops = []
    for v, p in enumerate(parent):
        (kids[p] if p >= 0 else tops).append(v)
    order = []
    for r in tops:
        part = [r]
        for u in part:
            part.extend(kids[u])
        order.extend(part)
    return order


_SHAPES = {
    "chain": lambda n, rnd: [i - 1 for i in range(n)],
    "4-ary": lambda n, rnd: [(i - 1) // 4 for i in range(n)],
    "random": lambda n, rnd: [rnd.randrange(i) if i else -1 for i in range(n)],
    "recent": lambda n, rnd: [rnd.randrange(max(0, i - 4), i) if i else -1 for i in range(n)],
    "spider": lambda n, rnd: [-1] + [0 if i <= 6 else i - 6 for i in range(1, n)],
    "comb": lambda n, rnd: [-1] + [0 if i == 1 else (i - 1) - (i - 1) % 2 for i in range(1, n)],
    "forest": lambda n, rnd: [-1 if i == 0 or rnd.random() < 0.1 else rnd.randrange(max(0, i - 3), i)
                              for i in range(n)],
}


def _figures(rnd: random.Random, rows: int, n: int) -> np.ndarray:
    """Floats of mixed magnitudes (so the order of additions shows in the last bits), some zeros and ties."""
    pick = [0.0, 1.0, 0.1, 1e-12, 3e7]
    return np.array([[rnd.choice(pick) if rnd.random() < 0.2 else rnd.random() * 10.0 ** rnd.randint(-6, 6)
                      for _ in range(n)] for _ in range(rows)])


def _later(order: list[int]) -> np.ndarray:
    """Each node's position in `order`."""
    later = np.empty(len(order), dtype=np.int64)
    later[order] = np.arange(len(order))
    return later


def _folded_by_loop(x: np.ndarray, parent: list[int], order: list[int]) -> list[list[float]]:
    """`sum_up`'s loop: each row's figures carried child to parent, children before parents."""
    expected = x.tolist()
    for v in reversed(order):
        if parent[v] >= 0:
            for row in expected:
                row[parent[v]] += row[v]
    return expected


@pytest.mark.parametrize("shape", sorted(_SHAPES))
@pytest.mark.parametrize("n", [1, 2, 3, 7, 40, 300])
def test_fold_and_scan_equal_the_loops(shape, n):
    rnd = random.Random(n * 31 + len(shape))
    parent = _SHAPES[shape](n, rnd)
    order = _bfs(parent)
    tree = routing_arrays.Tree(parent, most=10**9)  # every shape, however many steps it takes
    x = _figures(rnd, 3, n)
    expected = _folded_by_loop(x, parent, order)
    routing_arrays.Tree.fold(tree.order_children(_later(order)), x)
    assert x.tolist() == expected
    a, b, dist = _figures(rnd, 1, n)[0], _figures(rnd, 1, n)[0], _figures(rnd, 1, n)[0]
    expected = dist.tolist()
    for v in order:
        if parent[v] >= 0:
            expected[v] = expected[parent[v]] + a[v] + b[v]
    tree.scan(dist, a, b)
    assert dist.tolist() == expected


@pytest.mark.parametrize("shape", sorted(_SHAPES))
@pytest.mark.parametrize("n", [1, 2, 3, 7, 40, 300, 3000])
def test_fold_by_heavy_paths_equals_the_loop(shape, n):
    # The fold for shapes with many levels of branching (combs, random trees): a few rounds of cumulative sums.
    rnd = random.Random(n * 7 + len(shape))
    parent = _SHAPES[shape](n, rnd)
    order = _bfs(parent)
    par = np.array(parent, dtype=np.int64)
    steps = routing_arrays._heavy_paths(par, routing_arrays._depths(par), _later(order), 10**9)
    assert sum(len(b) + len(p) for b, p in steps.rounds) <= 64  # a handful of operations per round
    x = _figures(rnd, 3, n)
    expected = _folded_by_loop(x, parent, order)
    routing_arrays.Tree.fold(steps, x)
    assert x.tolist() == expected


def test_children_are_added_last_first():
    # 0 has children 1, 2, 3 in that order: 0's figure is ((x0 + x3) + x2) + x1, which differs in the last bits
    # from the other orders for these figures.
    x = np.array([[1e16, 1.0, 1.0, -1e16]])
    tree = routing_arrays.Tree([-1, 0, 0, 0], most=100)
    routing_arrays.Tree.fold(tree.order_children(np.arange(4)), x)
    assert x[0, 0] == ((1e16 + -1e16) + 1.0) + 1.0 == 2.0
    assert ((1e16 + 1.0) + 1.0) + -1e16 == 0.0  # the other way round


def test_a_comb_is_folded_by_heavy_paths():
    # A comb needs an operation per tooth by depth, too many: its fold goes by heavy paths (two rounds).
    parent = _SHAPES["comb"](400, None)
    steps = routing_arrays.Tree(parent).order_children(np.arange(400))
    assert isinstance(steps, routing_arrays._Heavy) and len(steps.rounds) == 2
    assert routing_arrays.Tree(parent).down is None  # its distances are summed node by node
    assert isinstance(routing_arrays.Tree(_SHAPES["chain"](400, None)).order_children(np.arange(400)), list)


@pytest.mark.parametrize("m", [0, 1, 5, 40, 3000])
def test_additions_in_turn_equal_the_loop(m):
    rnd = random.Random(m)
    n = 25
    slots = np.array([rnd.choice([0, 0, 0, 3, rnd.randrange(n)]) for _ in range(m)], dtype=np.int64)
    amounts = _figures(rnd, 2, m) * np.array([[1.0], [-1.0]])
    x = _figures(rnd, 2, n)
    expected = x.tolist()
    for i in range(m):
        for r in range(2):
            expected[r][slots[i]] += amounts[r, i]
    routing_arrays.scatter_in_order(x, slots, amounts)
    assert x.tolist() == expected


# ---- flows as columns ----

def _random_demand(seed: int, n: int) -> routing.Demand:
    rnd = random.Random(seed)
    users = [float(rnd.choice([0, 0, 5, 10, 40, 200])) for _ in range(n)]
    on_net = [rnd.choice([0.0, 0.3, 1.7, 1e-300]) for _ in range(n)]
    haul = [(rnd.randrange(n), rnd.randrange(2), rnd.choice([0.0, 0.25, 1.5])) for _ in range(n // 2)]
    signalling = [(rnd.randrange(n), rnd.choice([0, 1, n - 1]), rnd.choice([0.0, 0.8, 2.4])) for _ in range(n)]
    return routing.Demand(users, on_net, haul, signalling, None)


@pytest.mark.parametrize("one_each", [False, True])
@pytest.mark.parametrize("seed", range(20))
def test_flows_as_columns_equal_the_flows_by_source(seed, one_each):
    n = random.Random(seed).randint(2, 60)
    dem = _random_demand(seed, n)
    if one_each:  # signalling only, one flow per site in site order (the usual case, taken without sorting)
        dem.pstn_haul = []
        dem.signalling = sorted({s: (s, c, x) for s, c, x in dem.signalling if s != c and x}.values())
    by_source = routing._by_source(dem)
    per_node, points = [0.0] * (n + 2), []
    for src, (per_user, rows) in by_source.items():
        if per_user is not None:
            per_node[src] = per_user
        points.extend((src, dst, erl, sig) for dst, (erl, sig) in rows.items())
    got, src, dst, erl, sig = routing_flows.flow_arrays(dem, n + 2)
    assert got.tolist() == per_node
    assert list(zip(src.tolist(), dst.tolist(), erl.tolist(), sig.tolist(), strict=True)) == points


# ---- the graph as columns, the forest ----

_old_graph = _graph_by_the_old_rules  # the graph as tuples and adjacency lists, as it was built before


def _old_rooted_forest(adj, n_edges):
    """`rooted_forest` as it was: breadth first over the adjacency lists."""
    n = len(adj)
    if n_edges > n - 1:
        return None
    parent_e, parent_v, root = [-1] * n, [-1] * n, [-1] * n
    order = []
    for r in range(n):
        if root[r] >= 0:
            continue
        root[r] = r
        queue = [r]
        for u in queue:
            for v, e in adj[u]:
                if e == parent_e[u]:
                    continue
                if root[v] >= 0:
                    return None
                root[v], parent_e[v], parent_v[v] = r, e, u
                queue.append(v)
        order.extend(queue)
    return order, parent_e, parent_v, root


def _design(seed: int, n: int, mesh: bool) -> Design:
    """Trees and forests of leased lines (a cloud inside, sites without links), meshes, parallel links, RTT ties;
    random users, gateways, two clusters, a hub anywhere."""
    rnd = random.Random(seed)
    sites = [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": rnd.choice([0, 5, 10, 40, 200]),
              "cucm_publisher": i in (0, 1), "cucm_subscribers": 1 if i == 0 else 0,
              "cluster_id": "c2" if i == 1 or (i > 1 and rnd.random() < 0.3) else "cluster-1",
              "pstn_gateway": rnd.random() < 0.6} for i in range(n)]
    links = []
    for i in range(1, n):
        if rnd.random() < 0.05:
            continue  # another part of the forest
        a = "wan" if rnd.random() < 0.05 else f"s{rnd.randrange(max(0, i - rnd.choice([1, 4, 50])), i)}"
        if a == "wan" and any(ln["a"] == "wan" and ln["b"] == f"s{i}" for ln in links):
            continue
        links.append({"id": f"l{i}", "a": a, "b": f"s{i}", "rtt_ms": rnd.choice([5, 10, 10, 20, 0.1])})
    if mesh:
        for k in range(n // 6):
            a = rnd.randrange(n - 3)
            links.append({"id": f"x{k}", "a": f"s{a}", "b": f"s{a + rnd.randint(2, 3)}", "rtt_ms": 10})
    for k in range(rnd.choice([0, 0, 2])):
        links.append(dict(rnd.choice(links), id=f"par{k}"))  # parallel links
    vpn = {"technology": "none", "hub_site": f"s{rnd.randrange(n)}"}
    return Design.model_validate({"name": "t", "sites": sites, "clouds": [{"id": "wan"}], "links": links,
                                  "vpn": vpn})


@pytest.mark.parametrize("arrays", [False, True])
@pytest.mark.parametrize("seed", range(12))
def test_graph_columns_and_forest_are_as_before(seed, arrays, monkeypatch):
    monkeypatch.setattr(routing_graph, "ARRAYS_MIN", 0 if arrays else 10**9)
    design = _design(seed, random.Random(seed).randint(2, 120), mesh=seed % 3 == 0)
    graph = routing_graph.Graph.of(design)
    index, edges, adj = _old_graph(design)
    assert (graph.index, graph.edges, graph.adj) == (index, edges, adj)
    start, numbers, other = graph.incident()
    assert [list(zip(other[start[u]:start[u + 1]], numbers[start[u]:start[u + 1]], strict=True))
            for u in range(len(adj))] == adj
    assert routing_forest.rooted_forest(graph) == _old_rooted_forest(adj, len(edges))
    fresh = routing_graph.Graph.of(design)  # a graph built afresh (its adjacency lists made by its first search)
    for source in range(0, len(adj), 7):
        assert fresh.tree(source) == graph.tree(source) == tuple(
            routing_trees.lowest_tree(adj, graph.weights, source)[i] for i in (3, 2, 0))
        assert fresh.sum_tree(source)[1] == graph.sum_tree(source)[1]


# ---- whole routings: arrays against loops ----

def _routed(design: Design, arrays: bool, monkeypatch, levels: bool = True) -> tuple:
    """Both overlay shapes routed by arrays (by depth and runs however many steps that takes, or by heavy paths for
    any tree too big for that) or by the loops."""
    with monkeypatch.context() as m:
        m.setattr(routing_graph, "ARRAYS_MIN", 0 if arrays else 10**9)
        m.setattr(routing_arrays, "_most", (lambda n: 10**9) if levels else (lambda n: 0))
        m.setattr(routing_arrays, "_heavy_most", lambda n: 10**9)
        routing_graph.forget()
        base = demand.Base.of(design)
        direct = demand.route_afresh(design, False, base=base)
        hub = demand.route_afresh(design, True, base=base, like=direct)
        routing_graph.forget()
    return tuple((r.load.method, r.load.erlangs, r.load.signalling_kbps, r.load.hairpin_erlangs, r.calls,
                  r.hairpin, r.wan, r.pstn_erl) for r in (direct, hub))


def _spy(monkeypatch) -> list[str]:
    taken: list[str] = []
    for module, name in ((routing, "forest_loads_arrays"), (routing, "hub_loads_arrays")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, real=real, name=name: taken.append(name) or real(*a))
    return taken


@pytest.mark.parametrize("topology", ["chain", "tree", "mesh", "mpls", "internet-hub"])
@pytest.mark.parametrize("sites", [2, 60, 2000])
def test_generated_designs_route_the_same_by_arrays(topology, sites, monkeypatch):
    design = generate(sites, topology, seed=sites)
    taken = _spy(monkeypatch)
    assert _routed(design, True, monkeypatch) == _routed(design, False, monkeypatch)
    if topology in ("chain", "tree") and sites > 2:
        assert taken.count("forest_loads_arrays") == 1 and taken.count("hub_loads_arrays") == 1


@pytest.mark.parametrize("seed", range(40))
def test_random_designs_route_the_same_by_arrays(seed, monkeypatch):
    rnd = random.Random(seed)
    design = _design(seed, rnd.choice([3, 10, 40, 150]), mesh=seed % 4 == 3)
    taken = _spy(monkeypatch)
    routed = _routed(design, True, monkeypatch)
    assert routed == _routed(design, False, monkeypatch) == _routed(design, True, monkeypatch, levels=False)
    # a hub with no WAN link is set aside: those designs are routed directly, with no hub tree
    hub = demand.hub_site(design)
    assert "hub_loads_arrays" in taken or routed[1][0] != "shortest paths" or not demand_hub.linked(design, hub.id)


def test_hub_in_the_middle_of_a_chain_with_unequal_rtts(monkeypatch):
    # The hub tree turns the chain round at the hub; its two children are ordered by distance, then number.
    sites = [{"id": f"s{i}", "users": 10 + i % 7, "pstn_gateway": i % 3 == 0, "cucm_publisher": i == 0}
             for i in range(50)]
    links = [{"id": f"r{i}", "a": f"s{i - 1}", "b": f"s{i}", "rtt_ms": [0.1, 0.2, 0.3, 7.0][i % 4]}
             for i in range(1, 50)]
    design = Design.model_validate({"name": "t", "sites": sites, "links": links,
                                    "vpn": {"technology": "none", "hub_site": "s25"}})
    taken = _spy(monkeypatch)
    assert _routed(design, True, monkeypatch) == _routed(design, False, monkeypatch)
    assert taken == ["forest_loads_arrays", "hub_loads_arrays"]


def test_received_figures_given_equal_those_worked_out():
    design = generate(300, "tree")
    base = demand.Base.of(design)
    dem = routing.Demand(base.users, base.loads.on_net, [], base.signalling_flows, None)
    assert dem.terminated() == base.terminated


# ---- meshes cut at their bridges, by arrays ----
