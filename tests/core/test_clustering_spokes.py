"""Cluster pairs whose two sites are each on one link to the same node (branches of one cloud) take that path
without a search: the same pairs, RTTs (summed in the same order) and links as one search per site, on a WAN that
mixes such branches with dual-homed sites, parallel links and a leased line."""

from __future__ import annotations

import random

from advisor import clustering
from advisor.model import Design
from advisor.routing import Graph


def _design(seed: int) -> Design:
    rnd = random.Random(seed)
    sites, links = [], []
    for i in range(60):
        sites.append({"id": f"s{i}", "users": rnd.choice((10, 50)), "cucm_publisher": i % 12 == 0,
                      "cucm_subscribers": rnd.choice((0, 1, 1, 2)), "cluster_id": f"c{i % 6}"})
        links.append({"id": f"m{i}", "a": f"s{i}", "b": "mpls", "rtt_ms": round(rnd.uniform(1, 90), 2)})
        if i % 9 == 0:  # a second link to the cloud: one edge with two links, the site still a branch
            links.append({"id": f"m{i}b", "a": f"s{i}", "b": "mpls", "rtt_ms": round(rnd.uniform(1, 90), 2)})
        if i % 10 == 3:  # dual-homed on the Internet too: this site's pairs need a search
            links.append({"id": f"i{i}", "a": f"s{i}", "b": "inet", "rtt_ms": round(rnd.uniform(1, 90), 2)})
    links.append({"id": "leased", "a": "s1", "b": "s7", "rtt_ms": 0.3})
    return Design.model_validate({"name": "Spokes", "sites": sites, "links": links,
                                  "clouds": [{"id": "mpls", "kind": "mpls"}, {"id": "inet", "kind": "internet"}]})


def _by_search(design: Design) -> list[tuple]:
    """One search per site for every later site of its cluster: the plain method."""
    graph = Graph.of(design)
    link_ids = [ln.id for ln in design.links]
    sites = design.sites
    out = []
    for _cluster, idx in clustering.server_sites(design).items():
        if len(idx) < 2:
            continue
        idx = sorted(idx, key=lambda i: (not sites[i].cucm_publisher, i))
        for n, i in enumerate(idx):
            parent = graph.tree(i)[1]
            for j in idx[n + 1:]:
                if parent[j] < 0:  # not reached: no path
                    out.append((sites[i].id, sites[j].id, None, ()))
                    continue
                total, links, v = 0.0, [], j
                while parent[v] >= 0:
                    u, w, rtt, numbers = graph.edges[parent[v]]
                    total += rtt
                    links.extend(link_ids[k] for k in numbers)
                    v = u if w == v else w
                out.append((sites[i].id, sites[j].id, total, tuple(reversed(links))))
    return out


def test_spoke_pairs_equal_one_search_per_site():
    for seed in (1, 2, 3):
        design = _design(seed)
        got = [(p.a, p.b, p.rtt_ms, p.links) for p in clustering.pairs(design)]
        assert got == _by_search(design)  # exact: the same floats, the same link order
        graph = Graph.of(design)
        index = graph.index
        spokes = sum(clustering._spoke_pair(graph.adj, index[a], index[b]) is not None for a, b, _r, _l in got)
        assert 0 < spokes < len(got)  # both ways of finding a path are exercised


def test_a_leased_line_between_two_branches_is_not_a_spoke_path():
    design = _design(1)
    graph = Graph.of(design)
    s1, s7 = graph.index["s1"], graph.index["s7"]
    assert clustering._spoke_pair(graph.adj, s1, s7) is None  # each has two edges now: cloud and leased line


def _tree_design(seed: int) -> Design:
    """Leased lines in a tree (each site on the site (i − 1) // 3), a separate chain, and a site left unlinked."""
    rnd = random.Random(seed)
    sites = [{"id": f"s{i}", "users": 20, "cucm_publisher": i % 10 == 0, "cucm_subscribers": rnd.choice((0, 1, 2)),
              "cluster_id": f"c{i % 4}"} for i in range(70)]
    links = [{"id": f"t{i}", "a": f"s{(i - 1) // 3}", "b": f"s{i}", "rtt_ms": round(rnd.uniform(1, 40), 2)}
             for i in range(1, 50)]
    links += [{"id": f"r{i}", "a": f"s{i - 1}", "b": f"s{i}", "rtt_ms": round(rnd.uniform(1, 40), 2)}
              for i in range(51, 69)]
    return Design.model_validate({"name": "Tree", "sites": sites, "links": links})


def test_pairs_on_a_wan_without_cycles_equal_one_search_per_site():
    for seed in (1, 2):
        design = _tree_design(seed)
        pairs = clustering.pairs(design)
        assert [(p.a, p.b, p.rtt_ms, p.links) for p in pairs] == _by_search(design)
        assert any(p.rtt_ms is None for p in pairs) and any(len(p.links) > 3 for p in pairs)  # apart, and far


def test_the_rules_paths_of_a_few_sites_without_cycles_equal_the_whole_tree():
    from advisor.rules._wan import Paths

    design = _tree_design(3)
    targets = ["s5", "s40", "s0", "s60"]  # s60: on the separate chain, not reached
    paths = Paths(design)
    for source in ("s13", "s0", "s44"):
        few = paths.numbered_paths(source, targets)  # 4 targets of 70 nodes: walked, not searched
        assert paths._rooted is not None
        start = paths.index[source]
        order, exact, parent = paths._tree(start)
        whole = {t: (exact[n], paths._walk(parent, n)[::-1]) for t in targets
                 if (n := paths.index[t]) == start or parent[n] >= 0}
        assert few == whole and "s60" not in few and len(few) == 3
