"""The buckets of the compiled tree search (`advisor.routing_search`) against its binary heap and against the
interpreted search (`routing_trees.lowest_tree`): the same settle order, parents and distances, bit for bit; and the
fall-back to the heap wherever the buckets cannot hold a search."""

from __future__ import annotations

import random

import pytest

from advisor import routing_compiled, routing_trees

pytestmark = pytest.mark.skipif(not routing_compiled.available(), reason="numba is not installed here")

np = pytest.importorskip("numpy")


def _arrays(adj):
    from advisor import routing_compiled as rc

    run = rc.Run(adj, list(range(max(k for row in adj for _w, k in row) + 1)), None, None, [0.0] * len(adj), None,
                 [], [])
    return run.start, run.neighbour, run.edge


def _scratch(n, slots):
    return (np.empty(n), np.empty(n, np.int32), np.zeros(n, np.uint8), np.empty(n, np.int32),
            np.empty(slots + 1), np.empty(slots + 1, np.int32))


def _both(adj, weight, s, origin, width, cap):
    """(buckets' count, order, parents, distances) and the heap's, from `s` started at `origin`."""
    from advisor import routing_search

    start, neighbour, edge = _arrays(adj)
    w = np.asarray(weight, dtype=np.float64)
    n, slots = len(adj), len(neighbour)
    b_best, b_parent, b_done, b_order, ed, ev = _scratch(n, slots)
    h_best, h_parent, h_done, h_order, hd, hv = _scratch(n, slots)
    head, used, nxt, sd, sv = routing_search.scratch(width, cap, slots)
    got = routing_search._bucket_tree(s, origin, start, neighbour, edge, w, b_best, b_parent, b_done, b_order, ed, ev,
                                      width, head, used, nxt, sd, sv)
    assert (head == -1).all() and (used == 0).all()  # left ready for the next search, whatever happened
    want = routing_search._heap_tree(s, origin, start, neighbour, edge, w, h_best, h_parent, h_done, h_order, hd, hv)
    got, spread = got
    assert spread > 0 if got >= 0 else spread == 0
    return (got, b_order[:max(got, 0)].tolist(), b_parent.tolist(), b_best.tolist()), \
        (want, h_order[:want].tolist(), h_parent.tolist(), h_best.tolist())


@pytest.mark.parametrize("seed", range(12))
def test_buckets_settle_as_the_heap_does(random_graph, seed):
    from advisor import routing_search

    rnd = random.Random(seed)
    n = rnd.randrange(2, 400)
    adj, ends = random_graph(rnd, n, extra=rnd.randrange(0, 2 * n), parallel=rnd.randrange(0, 4))
    # round-trip times with many ties (5 + 10 meets 15), a fraction, and a spread of 1 to 80 ms
    weight = [rnd.choice([5.0, 10.0, 15.0, 20.0, 35.5, 1.0, 80.0]) for _ in ends]
    width, cap = routing_search.buckets_for(weight, n, 2 * len(ends))
    assert width == (1.0 + routing_search.HOP_MS) / 2 and cap > 0
    for _ in range(5):
        s, origin = rnd.randrange(n), rnd.choice([0.0, 0.0, 12.000003, 1234.5])
        got, want = _both(adj, weight, s, origin, width, cap)
        assert got == want
        # and the interpreted search's: the same order, parents and ordering distances
        order, _exact, parent, best = routing_trees.lowest_tree(adj, weight, s, origin)
        assert (order, parent, best) == (want[1], want[2], want[3])


def test_a_bucket_of_many_ties_is_sorted_by_distance_then_node():
    # two hubs, every site joined to both by links of the same weights: thousands of sites in one bucket
    from advisor import routing_search

    n = 600
    ends = [(0, 1)] + [(i, h) for i in range(2, n) for h in (0, 1)]
    adj = [[] for _ in range(n)]
    for k, (a, b) in enumerate(ends):
        adj[a].append((b, k))
        adj[b].append((a, k))
    weight = [2.0] + [10.0 if k % 3 else 20.0 for k in range(1, len(ends))]
    width, cap = routing_search.buckets_for(weight, n, 2 * len(ends))
    for s in (0, 1, 2, 77, n - 1):
        got, want = _both(adj, weight, s, 0.0, width, cap)
        assert got == want and got[0] == n
    assert routing_search.SMALL_BUCKET < n - 2  # the bucket past the hubs holds every other site


def test_a_search_past_the_last_bucket_gives_way_to_the_heap(random_graph):
    from advisor import routing_search

    rnd = random.Random(5)
    adj, ends = random_graph(rnd, 120, extra=60, parallel=0)
    weight = [rnd.choice([5.0, 10.0, 30.0]) for _ in ends]
    width, _cap = routing_search.buckets_for(weight, 120, 2 * len(ends))
    got, want = _both(adj, weight, 0, 0.0, width, 4)  # four buckets: 10 ms of distance
    assert got[0] == -1 and want[0] == 120
    start, neighbour, edge = _arrays(adj)
    best, parent, done, order, hd, hv = _scratch(120, len(neighbour))
    head, used, nxt, sd, sv = routing_search.scratch(width, 4, len(neighbour))
    count, _spread = routing_search.lowest(0, 0.0, start, neighbour, edge, np.asarray(weight), best, parent, done, order, hd,
                                  hv, width, head, used, nxt, sd, sv)
    assert (count, order[:count].tolist(), parent.tolist()) == tuple(want[:3])


@pytest.mark.parametrize("weights, why", [
    ([0.0, 5.0], "a link of 0 ms: buckets of 0.5 ns would number billions"),
    ([1e-3, 1e6], "a spread of a billion to one"),
    ([5.0, float("inf")], "not finite"),
    ([5.0, float("nan")], "not a number"),
    ([-1.0, 5.0], "negative"),
    ([], "no links"),
])
def test_no_buckets_where_they_would_not_fit(weights, why):
    from advisor import routing_search

    assert routing_search.buckets_for(weights, 1000, 4000) == (0.0, 0), why


def test_the_buckets_hold_every_distance_a_search_can_reach():
    from advisor import routing_search

    # 100 nodes, links of 5 to 40 ms: no path has more than 99 links, so no distance beyond 99 × (40 ms + a hop)
    width, cap = routing_search.buckets_for([5.0, 40.0, 12.5], 100, 400)
    assert width == pytest.approx(2.5, abs=1e-6)
    assert (cap - 1) * width >= 99 * (40.0 + routing_search.HOP_MS)


@pytest.mark.parametrize("seed", range(8))
def test_the_loops_with_buckets_give_the_interpreted_figures_bit_for_bit(random_graph, seed):
    from tests.core.test_routing_kernels import _compiled, _interpreted, _sources

    rnd = random.Random(100 + seed)
    n = rnd.randrange(30, 300)
    adj, ends = random_graph(rnd, n, extra=rnd.randrange(n // 2, 2 * n), parallel=rnd.randrange(0, 4))
    weight = [rnd.choice([5.0, 10.0, 20.0, 35.5, 2.5]) for _ in ends]
    dest_u = [rnd.choice([0.0, 10.0, 25.0, 500.0]) for _ in range(n)]
    sources = _sources(rnd, n)
    base_erl = [rnd.choice([0.0, rnd.random()]) for _ in ends]
    base_sig = [0.0] * len(ends)
    run_width = routing_compiled.Run(adj, list(range(len(ends))), weight, ends, dest_u, None, [0.0] * len(ends),
                                     [0.0] * len(ends)).width
    assert run_width > 0.0  # the buckets are on
    want = _interpreted(adj, ends, weight, dest_u, sources, base_erl, base_sig, False)
    for chunk in (1, 7, len(sources)):
        assert _compiled(adj, ends, weight, dest_u, sources, base_erl, base_sig, False, chunk=chunk) == want


def test_a_ring_leaves_the_buckets_after_its_first_tree():
    # a ring's buckets are mostly empty (a bucket or two per link of a path of n / 2 links): the first tree says so
    from advisor import routing_search

    n = 300
    ends = [(i, (i + 1) % n) for i in range(n)]
    adj = [[] for _ in range(n)]
    for k, (a, b) in enumerate(ends):
        adj[a].append((b, k))
        adj[b].append((a, k))
    weight = [(5.0, 10.0, 40.0)[k % 3] for k in range(n)]
    width, cap = routing_search.buckets_for(weight, n, 2 * n)
    got, want = _both(adj, weight, 0, 0.0, width, cap)
    assert got == want
    start, neighbour, edge = _arrays(adj)
    best, parent, done, order, hd, hv = _scratch(n, 2 * n)
    head, used, nxt, sd, sv = routing_search.scratch(width, cap, 2 * n)
    count, spread = routing_search.lowest(0, 0.0, start, neighbour, edge, np.asarray(weight), best, parent, done,
                                          order, hd, hv, width, head, used, nxt, sd, sv)
    assert count == n and spread > count


@pytest.mark.parametrize("seed", range(6))
def test_a_lone_search_goes_compiled_once_loaded_with_the_same_four_lists(random_graph, seed, monkeypatch):
    # routing_trees.lowest_tree (the rules' searches, the hub's tree) through routing_search.tree_arrays: the
    # settle order, exact sums, parents and ordering distances of the interpreted search, equal as lists
    rnd = random.Random(300 + seed)
    n = rnd.randrange(2, 500)
    adj, ends = random_graph(rnd, n, extra=rnd.randrange(0, 2 * n), parallel=rnd.randrange(0, 4))
    weight = [rnd.choice([5.0, 10.0, 20.0, 35.5, 2.5, 0.0 if seed % 3 == 0 else 7.0]) for _ in ends]
    s, origin = rnd.randrange(n), rnd.choice([0.0, 12.000003])
    monkeypatch.setattr(routing_compiled, "TREE_MIN_NODES", 1)
    calls: list[int] = []
    real = routing_compiled.tree_lists
    monkeypatch.setattr(routing_compiled, "tree_lists", lambda *a: calls.append(1) or real(*a))
    got = routing_trees.lowest_tree(adj, weight, s, origin)
    assert calls and got is not None
    monkeypatch.setenv("ADVISOR_COMPILED", "0")
    want = routing_trees.lowest_tree(adj, weight, s, origin)
    assert routing_compiled.tree_lists(adj, weight, s, origin) is None  # turned off: interpreted
    assert got == want
    assert all(type(x) is int for x in got[0] + got[2]) and all(type(x) is float for x in got[1] + got[3])


def test_a_small_graph_or_loops_not_loaded_keep_the_interpreted_search(monkeypatch):
    adj = [((1, 0),), ((0, 0),)]
    assert routing_compiled.tree_lists(adj, [5.0], 0, 0.0) is None  # below TREE_MIN_NODES
    monkeypatch.setattr(routing_compiled, "TREE_MIN_NODES", 1)
    monkeypatch.setattr(routing_compiled, "_available", None)  # not loaded: never loads them for one search
    assert routing_compiled.tree_lists(adj, [5.0], 0, 0.0) is None


@pytest.mark.parametrize("weights, fits", [
    ([0.0, 5.0], True), ([1e-3, 1e6], True), ([1.0, 300.0], True),
    ([5.0, float("inf")], False), ([5.0, float("nan")], False), ([-1.0, 5.0], False), ([], False),
])
def test_capped_buckets_take_as_many_as_fit_where_the_bound_asks_too_many(weights, fits):
    # the loops that search from many sources take the buckets that fit (64 per node and slot); the others, none
    from advisor import routing_search

    width, cap = routing_search.buckets_for(weights, 1000, 4000, capped=True)
    if fits:
        assert width == (min(weights) + routing_search.HOP_MS) / 2
        assert cap == min(routing_search.BUCKETS_PER_SLOT * 5000,
                          routing_search.buckets_for(weights, 1000, 4000)[1] or 10**12)
    else:
        assert (width, cap) == (0.0, 0)


def test_a_tree_the_buckets_cannot_hold_says_so_and_is_the_heaps(random_graph):
    from advisor import routing_search

    rnd = random.Random(8)
    adj, ends = random_graph(rnd, 150, extra=80, parallel=0)
    weight = [rnd.choice([5.0, 10.0, 30.0]) for _ in ends]
    width, _cap = routing_search.buckets_for(weight, 150, 2 * len(ends))
    start, neighbour, edge = _arrays(adj)
    best, parent, done, order, hd, hv = _scratch(150, len(neighbour))
    head, used, nxt, sd, sv = routing_search.scratch(width, 4, len(neighbour))  # four buckets: 10 ms of distance
    count, spread = routing_search.lowest(0, 0.0, start, neighbour, edge, np.asarray(weight), best, parent, done,
                                          order, hd, hv, width, head, used, nxt, sd, sv)
    assert count == 150 and spread == routing_search.OVERFLOW  # the loops take the heap for their other sources
    ref_order, _exact, ref_parent, _best = routing_trees.lowest_tree(adj, weight, 0)
    assert order[:count].tolist() == ref_order and parent.tolist() == ref_parent


@pytest.mark.parametrize("seed", range(6))
def test_the_loops_with_capped_buckets_give_the_interpreted_figures_bit_for_bit(random_graph, seed, monkeypatch):
    # links of 1 to 300 ms over a few hundred nodes: the bound asks for more buckets than fit, so the loops take
    # as many as fit (made few here, so that some trees reach past them and give way to the heap)
    from advisor import routing_search
    from tests.core.test_routing_kernels import _compiled, _interpreted, _sources

    rnd = random.Random(700 + seed)
    n = rnd.randrange(60, 300)
    adj, ends = random_graph(rnd, n, extra=rnd.randrange(n // 2, 2 * n), parallel=rnd.randrange(0, 3))
    weight = [round(rnd.uniform(1.0, 300.0), 2) for _ in ends]
    monkeypatch.setattr(routing_search, "BUCKETS_PER_SLOT", rnd.choice((1, 2, 64)))
    run = routing_compiled.Run(adj, list(range(len(ends))), weight, ends, [1.0] * n, None, [0.0] * len(ends),
                               [0.0] * len(ends))
    assert run.width > 0.0 and run.cap == routing_search.BUCKETS_PER_SLOT * (n + 2 * len(ends))
    dest_u = [rnd.choice([0.0, 10.0, 25.0, 500.0]) for _ in range(n)]
    sources = _sources(rnd, n)
    base_erl = [rnd.choice([0.0, rnd.random()]) for _ in ends]
    base_sig = [0.0] * len(ends)
    want = _interpreted(adj, ends, weight, dest_u, sources, base_erl, base_sig, False)
    for chunk in (1, 7, len(sources)):
        assert _compiled(adj, ends, weight, dest_u, sources, base_erl, base_sig, False, chunk=chunk) == want
