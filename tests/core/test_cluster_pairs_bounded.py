"""Cluster pairs on a meshed WAN found with less work: a pair known to be more than `MAX_PAIR_LINKS` links apart by
the hop counts from two far-apart nodes (`cluster_reach.Landmarks`) takes no walk, nor does one they put within it,
and a site's search stops once the later sites that need it are settled (`routing_trees.lowest_tree(..., until=...)`).
Both must give the pairs of the plain method (every pair walked, every search whole) exactly: the same paths, the same RTT sums to the last bit,
the same pairs too far apart or unconnected."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from advisor import cluster_reach, clustering, routing_compiled, routing_trees
from advisor.model import Design

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402
from varied import vary  # noqa: E402


def _plain_pairs(design: Design, monkeypatch) -> list:
    """`clustering.pairs` with no landmark bound and every search whole (interpreted, as the reference search; the
    walks interpreted too)."""
    whole = routing_trees.lowest_tree

    with monkeypatch.context() as mp:
        mp.setattr(routing_compiled, "ready", lambda: False)
        mp.setattr(cluster_reach.Landmarks, "apart", lambda self, i, j, k: False)
        mp.setattr(cluster_reach.Landmarks, "within", lambda self, i, j, k: False)
        mp.setattr(cluster_reach, "lowest_tree", lambda adj, w, s, origin=0.0, until=None: whole(adj, w, s, origin))
        return clustering.pairs(design)


def _local(design: Design, size: int, seed: int) -> Design:
    """The design with clusters of neighbouring sites (by number: generated rings, grids and meshes number their
    sites along the WAN), each with a publisher and subscribers at some of its other sites, so that many pairs lie
    within a few links and others, across a cluster's span, beyond them."""
    rnd = random.Random(seed)
    sites = []
    for i, site in enumerate(design.sites):
        first = i % size == 0
        sites.append(site.model_copy(update={
            "cluster_id": f"c{i // size}", "cucm_publisher": first,
            "cucm_subscribers": 1 if first or rnd.random() < 0.3 else 0}))
    return design.model_copy(update={"sites": sites})


def _same(design: Design, monkeypatch) -> list:
    got = clustering.pairs(design)
    ref = _plain_pairs(design, monkeypatch)
    assert repr(got) == repr(ref)  # every field, floats to the last bit
    return got


@pytest.mark.parametrize(("topology", "seed"), [("mesh", 1), ("mesh", 3), ("ring", 2), ("grid", 4),
                                                ("random-mesh", 5), ("chain", 6)])
@pytest.mark.parametrize("compiled", [False, True])
def test_varied_meshed_wans_give_the_plain_pairs(topology, seed, compiled, monkeypatch):
    if compiled and not routing_compiled.available():
        pytest.skip("the compiled loops cannot load here")
    if not compiled:
        monkeypatch.setattr(routing_compiled, "ready", lambda: False)
    design = vary(generate(1_500, topology), seed)
    for size in (0, 6, 40):  # the varied clusters (spread over the WAN), then clusters of neighbouring sites
        pairs = _same(_local(design, size, seed) if size else design, monkeypatch)
        assert pairs or not size


@pytest.mark.parametrize("limit", [2, 5, 12])
def test_short_limits_mix_walked_searched_and_bounded_pairs(limit, monkeypatch):
    # a short limit makes every kind of pair common: within it, beyond it by the bound, beyond it by the walk
    monkeypatch.setattr(clustering, "MAX_PAIR_LINKS", limit)
    kinds = set()
    for seed in range(4):
        design = _local(vary(generate(400, ("mesh", "ring", "grid", "random-mesh")[seed]), 10 + seed), 40, seed)
        pairs = _same(design, monkeypatch)
        kinds |= {("far" if p.far else "none" if p.rtt_ms is None else "path") for p in pairs}
    assert {"far", "path"} <= kinds


def test_a_wan_in_parts_keeps_its_unconnected_pairs(monkeypatch):
    design = _local(vary(generate(600, "mesh"), 7), 30, 7)
    cut = {ln.id for ln in design.links[205:215]} | {ln.id for ln in design.links[405:415]}
    design = design.model_copy(update={"links": [ln for ln in design.links if ln.id not in cut]})
    pairs = _same(design, monkeypatch)
    assert any(p.rtt_ms is None and not p.far for p in pairs)  # in another part: no WAN path


def _random_graph(rnd: random.Random, n: int) -> tuple[list[list[tuple[int, int]]], list[float]]:
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    weight: list[float] = []
    for v in range(1, n):
        for u in rnd.sample(range(v), min(v, rnd.choice((1, 1, 2, 3)))):
            k = len(weight)
            weight.append(rnd.choice((1.0, 2.0, 0.5, rnd.uniform(0.1, 30.0))))
            adj[u].append((v, k))
            adj[v].append((u, k))
    return adj, weight


def test_a_search_stopped_at_its_targets_settles_them_as_the_whole_search(monkeypatch):
    monkeypatch.setattr(routing_compiled, "tree_lists", lambda *a, **k: None)  # the reference, interpreted
    rnd = random.Random(4401)
    for _ in range(300):
        n = rnd.randint(2, 120)
        adj, weight = _random_graph(rnd, n)
        if rnd.random() < 0.2:  # a node nothing reaches
            adj.append([])
            n += 1
        start = rnd.randrange(n)
        order, exact, parent, best = routing_trees.lowest_tree(adj, weight, start)
        targets = set(rnd.sample(range(n), rnd.randint(1, min(n, 6))))
        part_order, part_exact, part_parent, part_best = routing_trees.lowest_tree(adj, weight, start, until=targets)
        assert part_order == order[:len(part_order)]  # the same settle order, cut short
        for t in targets:
            node = t
            while node != start and parent[node] >= 0:  # the target's whole path, node by node
                assert part_parent[node] == parent[node]
                assert repr(part_exact[node]) == repr(exact[node]) and part_best[node] == best[node]
                a_end = next(v for v, k in adj[node] if k == parent[node])
                node = a_end
            if parent[t] < 0:
                assert part_parent[t] == -1
        reached = [t for t in targets if t == start or parent[t] >= 0]
        if len(reached) == len(targets):  # every target settles: the search stopped at the last of them
            assert part_order[-1] in targets
