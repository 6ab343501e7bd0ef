"""Sites whose every neighbour is a hub: their trees built from the hubs' trees are the heap search's own, so the
figures are the same to the last bit (advisor/routing_hubs.py)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from advisor import demand, routing, routing_blocks, routing_compiled
from advisor.model import Design

pytestmark = pytest.mark.skipif(not routing_compiled.available(), reason="the compiled loops need numba")


def _clouds(seed: int) -> Design:
    """Sites each on one to five of a few clouds by round-trip times to the hundredth of a millisecond (sums that
    tie in decimals and round apart in binary) or drawn freely, a few site-to-site links (sites some hub's tree
    passes through), random users, PSTN gateways and two clusters."""
    rnd = random.Random(seed)
    n, k = rnd.randint(150, 300), rnd.randint(2, 8)
    decimals = rnd.random() < 0.6
    sites = [{"id": f"s{i}", "users": rnd.choice([0, 10, 25, 40]), "cucm_publisher": i in (0, 1),
              "cucm_subscribers": 1 if i == 0 else 0, "cluster_id": "c2" if i == 1 else "cluster-1",
              "pstn_gateway": rnd.random() < 0.3} for i in range(n)]
    clouds = [{"id": f"c{j}"} for j in range(k)]
    links = []

    def rtt() -> float:
        x = rnd.uniform(1, 40)
        return round(x, 2) if decimals else x

    for i in range(n):
        for j in rnd.sample(range(k), min(k, rnd.choice([1, 2, 2, 2, 3, 5]))):
            links.append({"id": f"l{len(links)}", "a": f"s{i}", "b": f"c{j}", "rtt_ms": rtt()})
    for _ in range(n // 20):
        a, b = rnd.sample(range(n), 2)
        links.append({"id": f"l{len(links)}", "a": f"s{a}", "b": f"s{b}", "rtt_ms": rtt()})
    return Design.model_validate({"name": "clouds", "sites": sites, "clouds": clouds, "links": links,
                                  "vpn": {"technology": "none"}})


@pytest.mark.parametrize("seed", range(16))
def test_trees_from_the_hubs_give_the_figures_of_the_heap_search(seed, monkeypatch):
    monkeypatch.setattr(routing_compiled, "MIN_NODES_HEAP", 10)  # every block of these through the compiled loops
    design = _clouds(seed)
    used = []
    from advisor import routing_hubs

    real = routing_hubs.hub_sources
    monkeypatch.setattr(routing_hubs, "hub_sources", lambda *a: used.append(len(a[8])) or real(*a))
    with_hubs = demand.route_afresh(design, False).load
    monkeypatch.setattr(routing_blocks, "HUBS", False)
    heap = demand.route_afresh(design, False).load
    assert used  # the hubs' trees were asked for
    assert with_hubs.erlangs == heap.erlangs
    assert with_hubs.signalling_kbps == heap.signalling_kbps


@pytest.mark.parametrize("seed", range(8))
def test_each_tree_from_the_hubs_is_the_heap_searchs_own(seed, monkeypatch):
    # Straight on the loops: for every site, the tree from its hubs (where one is built) against the heap search's,
    # node for node: settle order, parent edges and distances; most sites get one.
    from advisor import routing_hubs, routing_search

    design = _clouds(seed)
    graph = routing.Graph.of(design)
    adj, weights = graph.adj, graph.weights
    n = len(adj)
    start = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([len(row) for row in adj], out=start[1:])
    neighbour = np.array([w for row in adj for w, _k in row], dtype=np.int32)
    edge = np.array([k for row in adj for _w, k in row], dtype=np.int32)
    weight = np.asarray(weights, dtype=np.float64)
    ends_a = np.array([u for u, _v, _r, _l in graph.edges], dtype=np.int32)
    ends_b = np.array([v for _u, v, _r, _l in graph.edges], dtype=np.int32)
    hubs = routing_hubs.choose(adj, list(range(graph.n_sites)))
    assert hubs
    index, order_h, count_h, parent_h = routing_hubs.hub_arrays(hubs, start, neighbour, edge, weight)
    best, parent, order, side = np.empty(n), np.empty(n, np.int32), np.empty(n, np.int32), np.empty(n, np.int32)
    dist, head = np.empty((routing_hubs.MAX_DEGREE, n)), np.empty(routing_hubs.MAX_DEGREE, np.int64)
    b2, p2, o2, done = np.empty(n), np.empty(n, np.int32), np.empty(n, np.int32), np.zeros(n, np.uint8)
    hd, hv = np.empty(len(neighbour) + 1), np.empty(len(neighbour) + 1, np.int32)
    built = 0
    for s in range(graph.n_sites):
        got = routing_hubs._hub_tree(s, start, neighbour, edge, weight, ends_a, ends_b, index, order_h, count_h,
                                     parent_h, best, parent, order, side, dist, head)
        if got < 0:
            continue
        built += 1
        want = routing_search._heap_tree(s, 0.0, start, neighbour, edge, weight, b2, p2, done, o2, hd, hv)
        assert got == want
        assert order[:got].tolist() == o2[:want].tolist()
        assert parent.tolist() == p2.tolist()
        assert best[order[:got]].tolist() == b2[o2[:want]].tolist()
    assert built >= graph.n_sites // 3
