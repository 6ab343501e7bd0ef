"""Trees of graphs whose nodes mostly hang off hubs, made by a heap over the hubs and arrays for the rest
(advisor/routing_fringe.py), and the shared trees' sums made from them (advisor/routing_alike_fringe.py): the very
lists and figures of the heap search and the node-by-node sums, bit for bit, or no answer."""

from __future__ import annotations

import random

import pytest

from advisor import routing_alike, routing_fringe
from advisor.routing_trees import lowest_tree


def _graph(n: int, hubs: int, rnd: random.Random, weights, core_weights, both: float = 1.0):
    """Hubs joined in a chain and at random, every other node on one to three hubs (`both`: the share of nodes on
    two or more); node numbers shuffled so ties meet every order."""
    edges = [(i - 1, i, rnd.choice(core_weights)) for i in range(1, hubs)]
    edges += [(i, j, rnd.choice(core_weights)) for i in range(hubs) for j in range(i + 2, hubs) if rnd.random() < .5]
    for v in range(hubs, n):
        count = rnd.randint(2, min(3, hubs)) if rnd.random() < both and hubs > 1 else 1
        edges += [(v, h, rnd.choice(weights)) for h in rnd.sample(range(hubs), count)]
    perm = list(range(n))
    rnd.shuffle(perm)
    adj = [[] for _ in range(n)]
    w: list[float] = []
    for a, b, wt in edges:
        a, b = perm[a], perm[b]
        adj[a].append((b, len(w)))
        adj[b].append((a, len(w)))
        w.append(float(wt))
    return [tuple(row) for row in adj], w


def _reference(adj, w, start, origin=0.0):
    """The heap search, interpreted and whole (an empty `until` stops nowhere and skips every other way)."""
    return lowest_tree(adj, w, start, origin, until=set())


# (branch weights, hub weights): ties everywhere, hubs far apart, fringe nodes that relay
CASES = [((10, 20, 30), (2,)), ((2,), (2,)), ((1, 2), (0.5, 1.5, 40)), ((5.5, 0.1, 100, 3.3), (1, 2)),
         ((10, 20, 30), (10, 20, 30)), ((0.3, 0.1, 0.2), (0.1, 0.2))]


@pytest.mark.parametrize(("weights", "core_weights"), CASES)
def test_the_trees_are_the_heap_search_s_own(weights, core_weights):
    rnd = random.Random(hash((weights, core_weights)) & 0xFFFF)
    answered = 0
    for trial in range(12):
        n, hubs = rnd.choice([1000, 1300]), rnd.randint(2, 25)
        adj, w = _graph(n, hubs, rnd, weights, core_weights)
        routing_fringe._held = None
        shape = routing_fringe.shape_of(adj)
        assert shape is not None and sum(shape.is_fringe) >= n - hubs - 1
        starts = rnd.sample(range(n), 3)  # fringe nodes and hubs alike
        for start in starts:
            origin = rnd.choice([0.0, 0.0, 7.25])
            got = routing_fringe.tree(adj, w, start, origin, trees=100)
            if got is not None:
                answered += 1
                assert got == _reference(adj, w, start, origin), (trial, start)
    if weights == (10, 20, 30) and core_weights == (2,):
        assert answered == 36  # branches far from hubs that are near each other: every tree by the arrays


def test_a_fringe_node_that_relays_is_refused_and_the_search_still_exact():
    # Hubs 0 and 1 joined only at 50 ms, node 2 on both at 1 ms: the lowest path from 0 to 1 runs through node 2,
    # a fringe node, which the core search never follows: no answer, and lowest_tree gives the heap's.
    rnd = random.Random(4)
    n = 1200
    adj = [[] for _ in range(n)]
    w: list[float] = []

    def link(a, b, wt):
        adj[a].append((b, len(w)))
        adj[b].append((a, len(w)))
        w.append(wt)
    link(0, 1, 50.0)
    for v in range(2, n):
        link(v, 0, 1.0 if v == 2 else rnd.choice([10.0, 20.0]))
        link(v, 1, 1.0 if v == 2 else rnd.choice([10.0, 20.0]))
    adj = [tuple(row) for row in adj]
    routing_fringe._held = None
    assert routing_fringe.tree(adj, w, 0, trees=100) is None
    assert lowest_tree(adj, w, 0) == _reference(adj, w, 0)
    assert lowest_tree(adj, w, 0)[2][1] in (1, 2)  # hub 1 reached over node 2's link, not the 50 ms one (0)


def test_which_nodes_hang_off_hubs():
    # 0 and 1 hubs; 2-1001 on both; 1002 on 0 by two parallel links (a hub relaxes those in its own order): core
    n = 1003
    adj = [[] for _ in range(n)]
    for v in range(2, n - 1):
        adj[v] += [(0, 2 * v), (1, 2 * v + 1)]
        adj[0].append((v, 2 * v))
        adj[1].append((v, 2 * v + 1))
    adj[n - 1] += [(0, 5000), (0, 5001)]
    adj[0] += [(n - 1, 5000), (n - 1, 5001)]
    shape = routing_fringe._classify([tuple(r) for r in adj])
    assert shape.is_fringe[2:n - 1] == [True] * (n - 3)
    assert not shape.is_fringe[0] and not shape.is_fringe[1] and not shape.is_fringe[n - 1]
    assert (n - 1, 5000) in shape.core_adj[0] and (2, 4) not in shape.core_adj[0]
    assert routing_fringe._classify([tuple(r) for r in adj][:999]) is None  # under MIN_NODES
    # a joined virtual node on a fringe node: not this way
    assert shape.joined(((2, 1.0),), 6000) is None
    assert shape.joined(((0, 1.0), (1, 2.0)), 6000).core_adj[n] == ((0, 6000), (1, 6001))


def _block(seed: int, hubs: int = 3):
    rnd = random.Random(seed)
    adj, w = _graph(1100, hubs, rnd, (10.0, 20.0, 30.0), (2.0, 3.0), both=0.9)
    ends = [None] * len(w)
    for v, row in enumerate(adj):
        for x, k in row:
            ends[k] = (min(v, x), max(v, x))
    return rnd, adj, w, ends


@pytest.mark.parametrize("seed", range(6))
def test_shared_tree_sums_equal_the_node_by_node_pass(seed, monkeypatch):
    rnd, adj, w, ends = _block(seed, hubs=2 + seed % 3)
    senders = [v for v, row in enumerate(adj) if len(row) <= 3]
    groups = routing_alike.alike(adj, w, senders)
    assert groups
    n = len(adj)
    dest_u = [float(rnd.choice([0, 1, 5, 12])) for _ in range(n)]
    local = {f"s{v}": v for v in range(n)}  # point flows name their destination; the block knows it by number
    glob = list(range(len(w)))[::-1]  # the design's edge numbers: distinct, not the block's own order

    def run():
        erl, sig = [0.1] * len(w), [0.2] * len(w)
        for key, members in groups:
            r = random.Random(len(members))
            rates = [r.choice([0.0, 0.013, 0.02]) for _ in members]
            rows = [None if r.random() < .7 else {f"s{r.randrange(n)}": [r.random(), r.random() * 9]
                                                   for _ in range(3)} for _ in members]
            routing_alike.route_alike(key, members, rates, rows, True, adj, w, ends, dest_u, local, glob, erl, sig,
                                      len(groups))
        return erl, sig

    routing_fringe._held = None
    called = []
    real = routing_alike.route_fringe
    monkeypatch.setattr(routing_alike, "route_fringe", lambda *a: called.append(1) or real(*a))
    fast = run()
    assert len(called) == len(groups)  # every group by the arrays
    monkeypatch.setattr(routing_fringe, "MIN_NODES", 10**9)  # the node-by-node pass
    slow = run()
    assert fast == slow
