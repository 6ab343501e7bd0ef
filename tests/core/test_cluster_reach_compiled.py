"""The compiled parts of the cluster pairs' work give the interpreted answers exactly: the hop-limited walk
(`cluster_reach.within_hops`: the same targets, and the same give-up) and the sites' lowest-RTT searches stopped
once their later sites are settled, with the paths walked up them (`cluster_reach.search_paths`: the paths
`routing_trees.lowest_tree(..., until=...)` and the interpreted walk give), by buckets or by the heap, whatever the
number of threads."""

from __future__ import annotations

import random

import numpy as np
import pytest

from advisor import cluster_reach, routing_compiled, routing_pairs_kernel, routing_search

pytestmark = pytest.mark.skipif(not routing_compiled.available(), reason="the compiled loops cannot load here")


def _graph(rnd: random.Random, n: int) -> tuple[list[list[tuple[int, int]]], list[float]]:
    """A random connected graph (a tree of near neighbours, chords, some parallel edges), weights with ties."""
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    weight: list[float] = []

    def edge(u: int, v: int) -> None:
        k = len(weight)
        weight.append(rnd.choice((1.0, 2.0, 0.5, 5.0, rnd.uniform(0.1, 30.0))))
        adj[u].append((v, k))
        adj[v].append((u, k))

    for v in range(1, n):
        edge(rnd.randrange(max(0, v - rnd.choice((2, 10, v))), v), v)
    for _ in range(rnd.randint(0, 2 * n)):
        u, v = rnd.randrange(n), rnd.randrange(n)
        if u != v:
            edge(u, v)
    return adj, weight


def _csr(adj):
    start = np.zeros(len(adj) + 1, dtype=np.int64)
    np.cumsum([len(row) for row in adj], out=start[1:])
    neighbour = np.array([v for row in adj for v, _k in row], dtype=np.int32)
    edge = np.array([k for row in adj for _v, k in row], dtype=np.int32)
    return start, neighbour, edge


def _interpreted_walk(adj, source, targets, hops, most, monkeypatch):
    with monkeypatch.context() as mp:
        mp.setattr(routing_compiled, "ready", lambda: False)
        return cluster_reach.within_hops(adj, source, targets, hops, most)


@pytest.mark.parametrize("seed", range(6))
def test_the_compiled_walk_finds_the_same_targets_and_gives_up_alike(seed, monkeypatch):
    rnd = random.Random(seed)
    gave_up = found_all = found_some = 0
    for _ in range(60):
        n = rnd.randint(2, 300)
        adj, _weight = _graph(rnd, n)
        source = rnd.randrange(n)
        targets = [rnd.randrange(n) for _ in range(rnd.randint(1, 8))]  # repeats and the source itself too
        hops, most = rnd.randint(1, 12), rnd.choice((3, 20, 80, 4096))
        want = _interpreted_walk(adj, source, targets, hops, most, monkeypatch)
        start, neighbour, _edge = _csr(adj)
        found, count = routing_pairs_kernel.within_hops(start, neighbour, source, np.array(targets, dtype=np.int32),
                                                  hops, most)
        got = None if count < 0 else set(found[:count].tolist())
        assert got == want
        gave_up += want is None
        found_all += want is not None and want == set(targets) - {source}
        found_some += want is not None and want != set(targets) - {source}
    assert gave_up and found_all and found_some  # every outcome was tried


def test_the_walk_is_compiled_on_a_large_wan(monkeypatch):
    rnd = random.Random(77)
    adj, _weight = _graph(rnd, routing_compiled.TREE_MIN_NODES + 200)
    called = []
    real = routing_compiled.hops_within
    monkeypatch.setattr(routing_compiled, "hops_within", lambda *a: called.append(1) or real(*a))
    for source in range(0, 1200, 97):
        targets = rnd.sample(range(len(adj)), 5)
        want = _interpreted_walk(adj, source, targets, 6, 4096, monkeypatch)
        assert cluster_reach.within_hops(adj, source, targets, 6, 4096) == want
    assert len(called) == len(range(0, 1200, 97))


class _Graph:
    """The parts of a routing graph `cluster_reach.search_paths` reads."""

    def __init__(self, adj, weight):
        self.adj, self.weights = adj, weight
        ends: dict[int, list[int]] = {}
        for u, row in enumerate(adj):
            for _v, k in row:
                ends.setdefault(k, []).append(u)
        self.end_a = [min(ends[k]) for k in range(len(weight))]
        self.end_b = [max(ends[k]) for k in range(len(weight))]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("max_links", [3, 8, 64])
@pytest.mark.parametrize("buckets", [1, 64])  # per node and slot: 1 makes searches pass the last bucket
def test_the_batched_searches_give_the_interpreted_paths(seed, max_links, buckets, monkeypatch):
    monkeypatch.setattr(routing_search, "BUCKETS_PER_SLOT", buckets)
    rnd = random.Random(seed * 7 + max_links)
    n = routing_compiled.TREE_MIN_NODES + rnd.randint(0, 400)
    adj, weight = _graph(rnd, n)
    adj.extend([[] for _ in range(3)])  # nodes no path leads to
    graph = _Graph(adj, weight)
    wanted = []
    for x, source in enumerate(rnd.sample(range(n), 40)):
        later = [j for j in rnd.sample(range(n), rnd.randint(1, 9)) if j != source]
        wanted.append((source, later + [n + x % 3] if x % 4 == 0 else later or [n]))  # some unreached too
    with monkeypatch.context() as mp:
        mp.setattr(routing_compiled, "ready", lambda: False)
        mp.setattr(routing_compiled, "tree_lists", lambda *a, **k: None)
        want = cluster_reach.search_paths(graph, wanted, max_links)
    ticks: list[int] = []
    for threads in (1, 2, 3):
        monkeypatch.setattr(routing_compiled, "threads", lambda threads=threads: threads)
        monkeypatch.setattr(routing_compiled, "CHUNK_CELLS", rnd.choice((1, 50_000, 2_000_000)))
        got = cluster_reach.search_paths(graph, wanted, max_links, ticks.append)
        assert got == want
    kinds = {m if m < 0 else "path" for m, _e in want}
    assert cluster_reach.UNREACHED in kinds and "path" in kinds
    if max_links == 3:
        assert cluster_reach.TOO_FAR in kinds
    assert ticks[-1] == len(wanted)
    assert all(m == len(edges) > 0 or (m < 0 and edges == []) for m, edges in want)
