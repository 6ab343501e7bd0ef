"""Sites whose neighbours are hubs, or sites that reach hubs through them: their trees built from the hubs' trees are
the heap search's own, so the figures are the same to the last bit (advisor/routing_hubs.py)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from advisor import demand, routing, routing_blocks, routing_compiled, routing_homed, routing_twohub
from advisor.model import Design


@pytest.fixture(autouse=True)
def _not_summed_at_once(monkeypatch):
    """A few core nodes with branches on two of them are summed without trees (`advisor.routing_twohub`,
    `advisor.routing_homed`, tested on their own): here the trees are under test."""
    monkeypatch.setattr(routing_twohub, "MIN_NODES", 10**9)
    monkeypatch.setattr(routing_homed, "MIN_NODES", 10**9)

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


def _pairs(seed: int) -> Design:
    """Branches on an MPLS VPN, neighbours paired by a leased line, one of each pair also on the Internet: the
    other reaches the Internet only through its neighbour, which is no hub. Some pairs are threes in a row, the
    middle site on no cloud (its tree cannot come from the hubs), some pairs joined by two leased lines; round-trip
    times to the hundredth or drawn."""
    rnd = random.Random(seed)
    n = rnd.randint(150, 300)
    decimals = rnd.random() < 0.6

    def rtt() -> float:
        x = rnd.uniform(1, 40)
        return round(x, 2) if decimals else x

    sites = [{"id": f"s{i}", "users": rnd.choice([0, 10, 25, 40]), "cucm_publisher": i == 0,
              "pstn_gateway": rnd.random() < 0.3} for i in range(n)]
    links = [{"id": "l0", "a": "s0", "b": "m", "rtt_ms": rtt()}, {"id": "l1", "a": "s0", "b": "i", "rtt_ms": rtt()}]
    i = 1
    while i + 2 < n:
        three = rnd.random() < 0.15
        first, last = i, i + (2 if three else 1)
        links.append({"id": f"l{len(links)}", "a": f"s{first}", "b": "m", "rtt_ms": rtt()})
        if three:
            links.append({"id": f"l{len(links)}", "a": f"s{first}", "b": f"s{first + 1}", "rtt_ms": rtt()})
        links.append({"id": f"l{len(links)}", "a": f"s{last - 1}", "b": f"s{last}", "rtt_ms": rtt()})
        if rnd.random() < 0.1:  # a second leased line beside the first
            links.append({"id": f"l{len(links)}", "a": f"s{last}", "b": f"s{last - 1}", "rtt_ms": rtt()})
        links.append({"id": f"l{len(links)}", "a": f"s{last}", "b": "m", "rtt_ms": rtt()})
        links.append({"id": f"l{len(links)}", "a": f"s{last}", "b": "i", "rtt_ms": rtt()})
        i = last + 1
    return Design.model_validate({"name": "pairs", "sites": sites[:i], "clouds": [{"id": "m"}, {"id": "i"}],
                                  "links": links, "vpn": {"technology": "none"}})


@pytest.mark.parametrize("seed", range(16))
@pytest.mark.parametrize("make", [_clouds, _pairs])
def test_trees_from_the_hubs_give_the_figures_of_the_heap_search(seed, make, monkeypatch):
    monkeypatch.setattr(routing_compiled, "MIN_NODES_HEAP", 10)  # every block of these through the compiled loops
    design = make(seed)
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
@pytest.mark.parametrize("make", [_clouds, _pairs])
def test_each_tree_from_the_hubs_is_the_heap_searchs_own(seed, make):
    # Straight on the loops: for every site, the tree from its hubs (where one is built) against the heap search's,
    # node for node: settle order, parent edges and distances; most sites get one, among them most of the sites
    # with a neighbour that is no hub.
    from advisor import routing_hubs, routing_search

    design = make(seed)
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
    dist, head = np.empty((routing_hubs.MAX_SIDES, n)), np.empty(routing_hubs.MAX_SIDES, np.int64)
    b2, p2, o2, done = np.empty(n), np.empty(n, np.int32), np.empty(n, np.int32), np.zeros(n, np.uint8)
    hd, hv = np.empty(len(neighbour) + 1), np.empty(len(neighbour) + 1, np.int32)
    built = 0
    hub_set = set(hubs)
    beside = [s for s in range(graph.n_sites) if any(w not in hub_set for w, _k in adj[s])]
    built_beside = 0
    for s in range(graph.n_sites):
        got = routing_hubs._hub_tree(s, start, neighbour, edge, weight, ends_a, ends_b, index, order_h, count_h,
                                     parent_h, best, parent, order, side, dist, head)
        if got < 0:
            continue
        built += 1
        built_beside += s in beside
        want = routing_search._heap_tree(s, 0.0, start, neighbour, edge, weight, b2, p2, done, o2, hd, hv)
        assert got == want
        assert order[:got].tolist() == o2[:want].tolist()
        assert parent.tolist() == p2.tolist()
        assert best[order[:got]].tolist() == b2[o2[:want]].tolist()
    assert built >= graph.n_sites // 3
    assert built_beside >= len(beside) // 2 > 0
