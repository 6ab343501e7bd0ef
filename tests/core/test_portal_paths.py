"""Paths of many site pairs searched from the few nodes the sites hang off (`advisor.portal_paths`): every pair gets
a lowest path (its RTT, then its link count, equal to a plain search's written here), and on WANs without equal
round-trip times the sizing's cluster pairs and the rules' paths are exactly those of one search per site."""

from __future__ import annotations

import heapq
import random

from advisor import clustering, portal_paths
from advisor.model import Design
from advisor.routing import Graph, lowest_tree
from advisor.rules._wan import Paths


def _wan(seed: int, hubs: int, sites: int, whole_ms: bool):
    """Sites on one to three of a few hubs (clouds or hub sites), the hubs meshed, a few site-to-site links and
    parallel links. Round-trip times in whole ms (many equal paths) or drawn at random (none equal)."""
    rnd = random.Random(seed)
    rtt = (lambda: float(rnd.randint(1, 4))) if whole_ms else (lambda: rnd.uniform(1, 90))
    ends = []
    for h in range(1, hubs):
        ends.append((h - 1, h))
        if h % 3 == 0:
            ends.append((0, h))
    for s in range(hubs, hubs + sites):
        for h in rnd.sample(range(hubs), rnd.choice((1, 2, 2, 3))):
            ends.append((s, h))
        if rnd.random() < 0.1:
            ends.append((s, ends[-1][1]))  # a parallel link
        if rnd.random() < 0.05 and s > hubs:
            ends.append((s, rnd.randrange(hubs, s)))  # a leased line to another site
    n = hubs + sites
    adj = [[] for _ in range(n)]
    for k, (a, b) in enumerate(ends):
        adj[a].append((b, k))
        adj[b].append((a, k))
    return adj, ([a for a, _b in ends], [b for _a, b in ends]), [rtt() for _ in ends]


def _lowest(adj, weight, i):
    """(RTT, links) of the lowest path from i to every node: Dijkstra on the pair, fewer links breaking RTT ties."""
    best = {i: (0.0, 0)}
    heap = [(0.0, 0, i)]
    while heap:
        d, hops, u = heapq.heappop(heap)
        if (d, hops) > best[u]:
            continue
        for v, k in adj[u]:
            cand = (d + weight[k], hops + 1)
            if v not in best or cand < best[v]:
                best[v] = cand
                heapq.heappush(heap, (*cand, v))
    return best


def _check_walk(ends, path, i, j):
    node = i
    for k in path:
        a, b = ends[0][k], ends[1][k]
        assert node in (a, b), f"edge {k} does not continue the path at {node}"
        node = b if a == node else a
    assert node == j


def _pairs(rnd, hubs, n, count):
    sites = list(range(hubs, n))
    return [tuple(rnd.sample(sites, 2)) for _ in range(count)] + [(hubs, 0), (1, n - 1)]


def test_every_pair_gets_a_lowest_path():
    for seed in range(12):
        whole = seed % 2 == 0
        adj, ends, weight = _wan(seed, hubs=6, sites=120, whole_ms=whole)
        pairs = _pairs(random.Random(seed), 6, len(adj), 300)
        roots = portal_paths.plan(adj, pairs)
        assert roots is not None and set(range(6)) <= roots and len(roots) < 40  # the hubs, a few leased far ends
        got = portal_paths.paths(adj, ends, weight, pairs, roots, lowest_tree)
        for i, j in pairs:
            expected = _lowest(adj, weight, i).get(j)
            path = got[i, j]
            assert (path is None) == (expected is None)
            _check_walk(ends, path, i, j)
            total = 0.0
            for k in path:
                total += weight[k]
            if whole:  # whole ms: sums exact, so RTT and link count equal the plain search's
                assert (total, len(path)) == expected
            else:
                assert abs(total - expected[0]) < 1e-9 and len(path) == expected[1]


def test_a_first_site_searched_from_takes_that_search_exactly():
    adj, ends, weight = _wan(5, hubs=6, sites=80, whole_ms=True)
    pairs = [(h, s) for h in range(6) for s in range(6, 80, 7)]
    roots = portal_paths.plan(adj, pairs + [(s, 0) for s in range(6, 86)])
    got = portal_paths.paths(adj, ends, weight, pairs, roots, lowest_tree)
    for h, s in pairs:
        parent = lowest_tree(adj, weight, h)[2]
        walk, v = [], s
        while parent[v] >= 0:
            walk.append(parent[v])
            v = ends[1][parent[v]] if ends[0][parent[v]] == v else ends[0][parent[v]]
        assert got[h, s] == walk[::-1]


def test_unreachable_pairs_and_sites_without_links():
    adj = [[], [(2, 0)], [(1, 0), (3, 1)], [(2, 1)], [(5, 2)], [(4, 2)], []]
    ends = ([1, 2, 4], [2, 3, 5])
    pairs = [(1, 3), (1, 4), (6, 1), (3, 5)]
    roots = {2, 4, 5}
    got = portal_paths.paths(adj, ends, [1.0, 2.0, 3.0], pairs, roots, lowest_tree)
    assert got == {(1, 3): [0, 1], (1, 4): None, (6, 1): None, (3, 5): None}


def test_not_planned_where_the_neighbours_are_no_fewer():
    chain = [[(1, 0)]] + [[(i - 1, i - 1), (i + 1, i)] for i in range(1, 9)] + [[(8, 8)]]
    assert portal_paths.plan(chain, [(0, 9), (2, 7), (4, 6)]) is None
    star_of_two = [[(2, 0), (3, 1)], [(2, 2), (3, 3)], [(0, 0), (1, 2)], [(0, 1), (1, 3)]]
    assert portal_paths.plan(star_of_two, [(2, 3)]) is None  # one first site, two neighbours
    dual = [[(i, 2 * (i - 2)) for i in range(2, 12)], [(i, 2 * (i - 2) + 1) for i in range(2, 12)]]
    dual += [[(0, 2 * (i - 2)), (1, 2 * (i - 2) + 1)] for i in range(2, 12)]
    assert portal_paths.plan(dual, [(2, 5), (3, 7), (4, 9)]) == {0, 1}


def _dual_cloud(seed: int) -> Design:
    """60 sites each on two clouds, round-trip times drawn at random (no two paths equal), in six clusters."""
    rnd = random.Random(seed)
    sites, links = [], []
    for i in range(60):
        sites.append({"id": f"s{i}", "users": 20, "cucm_publisher": i < 6, "cucm_subscribers": rnd.choice((0, 1)),
                      "cluster_id": f"c{i % 6}"})
        for cloud in ("mpls", "inet"):
            links.append({"id": f"{cloud}{i}", "a": f"s{i}", "b": cloud, "rtt_ms": rnd.uniform(1, 60)})
    return Design.model_validate({"name": "Dual", "sites": sites, "links": links,
                                  "clouds": [{"id": "mpls", "kind": "mpls"}, {"id": "inet", "kind": "internet"}]})


def test_cluster_pairs_and_rule_paths_equal_one_search_per_site(monkeypatch):
    for seed in (1, 2):
        design = _dual_cloud(seed)
        graph = Graph.of(design)
        ids = [(p.a, p.b) for p in clustering.pairs(design, graph)]
        assert portal_paths.plan(graph.adj, [(graph.index[a], graph.index[b]) for a, b in ids]) == {
            graph.index["mpls"], graph.index["inet"]}
        through = [(p.a, p.b, p.rtt_ms, p.links) for p in clustering.pairs(design, graph)]
        rules = Paths(design).pair_paths(ids)
        monkeypatch.setattr(portal_paths, "plan", lambda adj, pairs: None)  # one search per first site
        searched = [(p.a, p.b, p.rtt_ms, p.links) for p in clustering.pairs(design, graph)]
        assert through == searched
        assert rules == Paths(design).pair_paths(ids)
        assert rules == {(a, b): Paths(design).path(a, b) for a, b in ids}
        monkeypatch.undo()


def test_the_rules_take_the_sizings_pair_paths_as_their_own():
    """The rules read the pairs the sizing routed over the same graph (their RTT summed from the first site, as the
    rules' own search sums it): the same answer as routing them again, for pairs found by either method."""
    from advisor.analysis import analyse
    from advisor.routing_graph import graph_of

    for seed in (3, 4):
        design = _dual_cloud(seed)
        analyse(design)  # the sizing's graph, known for this design
        graph = graph_of(design)
        sized = clustering.pairs(design, graph)
        ids = [(p.a, p.b) for p in sized]
        known = {(p.a, p.b): p.links for p in sized}
        paths = Paths(design)
        assert paths._graph is graph
        taken = paths.pair_paths(ids, known)
        assert taken == Paths(design).pair_paths(ids)
        assert all(taken[p.a, p.b][1] == p.links for p in sized)
        # a pair the sizing did not route is routed here
        assert Paths(design).pair_paths(ids, dict(list(known.items())[1:])) == taken
