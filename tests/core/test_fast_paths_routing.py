"""The routing's fast paths give exactly what the general computations give (==, not approx): the heap-free tree
walk against the search, the hub tree walked once against the search, meeting points by one pass against binary
lifting, blocks of one shape sharing their trees, the cached graph, the one-cloud shortcut, and the bandwidth
findings' texts built from shared pieces against one f-string each."""

from __future__ import annotations

import math
import random

import pytest

from advisor import demand, routing, routing_blocks, routing_forest, routing_graph, routing_trees, traffic
from advisor.model import Design
from advisor.rules import bandwidth


def _design(seed: int, shape: str) -> Design:
    """Random trees, forests (with a cloud inside) and meshes of leased lines; random users, gateways, two
    clusters, rtts with ties."""
    rnd = random.Random(seed)
    n = rnd.randint(3, 40)
    sites = [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": rnd.choice([0, 5, 10, 40, 200]),
              "cucm_publisher": i in (0, 1), "cucm_subscribers": 1 if i == 0 else 0,
              "cluster_id": "c2" if i == 1 or (i > 1 and rnd.random() < 0.3) else "cluster-1",
              "pstn_gateway": rnd.random() < 0.4} for i in range(n)]
    clouds = [{"id": "wan"}] if shape == "forest" else []
    links = []
    for i in range(1, n):
        if shape == "forest" and rnd.random() < 0.15:
            continue
        a = "wan" if shape == "forest" and rnd.random() < 0.15 else f"s{rnd.randrange(max(0, i - 4), i)}"
        if a == "wan" and any(ln["a"] == "wan" and ln["b"] == f"s{i}" for ln in links):
            continue
        links.append({"id": f"l{i}", "a": a, "b": f"s{i}", "rtt_ms": rnd.choice([5, 10, 10, 20, 0.1])})
    if shape == "mesh":
        for k in range(rnd.randint(1, max(1, n // 4))):
            a = rnd.randrange(n)
            b = min(n - 1, a + rnd.randint(2, 4))
            if a != b:
                links.append({"id": f"x{k}", "a": f"s{a}", "b": f"s{b}", "rtt_ms": rnd.choice([5, 10, 20])})
    if rnd.random() < 0.3 and links:
        links.append(dict(rnd.choice(links), id="par"))  # a parallel link
    vpn = {"technology": "none"}
    if rnd.random() < 0.5:
        vpn["hub_site"] = f"s{rnd.randrange(n)}"
    return Design.model_validate({"name": "t", "sites": sites, "clouds": clouds, "links": links, "vpn": vpn})


def _loads(design: Design, hub: bool):
    load = demand.route_afresh(design, hub).load
    return load.method, load.erlangs, load.signalling_kbps, load.hairpin_erlangs


@pytest.mark.parametrize("shape", ["tree", "forest", "mesh"])
@pytest.mark.parametrize("seed", range(20))
def test_tree_walk_is_the_search(seed, shape):
    graph = routing_graph.Graph.of(_design(seed, shape))
    for start in range(len(graph.adj)):
        walked = routing_trees.tree_walk(graph.adj, graph.weights, start)
        order, exact, parent, best = routing_trees.lowest_tree(graph.adj, graph.weights, start)
        if walked is None:
            assert shape == "mesh" or any(u == v for u, v, _r, _l in graph.edges)
            continue
        w_order, w_exact, w_parent, w_best = walked
        assert (w_exact, w_parent, w_best) == (exact, parent, best)
        assert sorted(w_order) == sorted(order)
        settled = {v: i for i, v in enumerate(order)}
        seen = {v: i for i, v in enumerate(w_order)}
        for v in w_order:  # parents first; siblings in settle order
            if parent[v] >= 0:
                a, b, _rtt, _links = graph.edges[parent[v]]
                up = a if b == v else b
                assert seen[up] < seen[v]
        kids: dict[int, list[int]] = {}
        for v in w_order:
            if parent[v] >= 0:
                a, b, _rtt, _links = graph.edges[parent[v]]
                kids.setdefault(a if b == v else b, []).append(v)
        for children in kids.values():
            assert children == sorted(children, key=settled.__getitem__)


def test_tree_walk_stops_at_a_cycle():
    adj = [[(1, 0), (2, 2)], [(0, 0), (2, 1)], [(1, 1), (0, 2)]]
    assert routing_trees.tree_walk(adj, [1.0, 1.0, 1.0], 0) is None


@pytest.mark.parametrize("shape", ["tree", "forest", "mesh"])
@pytest.mark.parametrize("seed", range(30))
def test_hub_tree_walked_once_equals_the_search(seed, shape, monkeypatch):
    design = _design(seed, shape)
    fast = _loads(design, True)
    with monkeypatch.context() as m:
        m.setattr(routing_graph, "tree_walk", lambda *args: None)
        routing_graph._memo = None
        slow = _loads(design, True)
    assert fast == slow


@pytest.mark.parametrize("shape", ["tree", "forest"])
@pytest.mark.parametrize("seed", range(30))
def test_meeting_points_by_one_pass_equal_binary_lifting(seed, shape, monkeypatch):
    design = _design(seed, shape)
    monkeypatch.setattr(routing_forest, "_PASS_MIN_FLOWS", 1)
    passes = _loads(design, False)
    monkeypatch.setattr(routing_forest, "_PASS_MIN_FLOWS", 10**9)
    lifting = _loads(design, False)
    assert passes == lifting
    graph = routing.Graph.of(design)
    forest = routing.rooted_forest(graph)
    order, _pe, parent_v, root = forest
    rnd = random.Random(seed)
    points = [(rnd.randrange(len(order)), rnd.randrange(len(order)), 1.0, 0.0) for _ in range(60)]
    monkeypatch.setattr(routing_forest, "_PASS_MIN_FLOWS", 1)
    lca = routing_forest._lca_finder(order, parent_v)
    expected = [lca(s, t) if root[s] == root[t] else -1 for s, t, _e, _s in points]
    assert routing_forest._meeting_points(order, parent_v, root, points) == expected


@pytest.mark.parametrize("seed", range(30))
def test_blocks_of_one_shape_share_their_trees_exactly(seed, monkeypatch):
    design = _design(seed, "mesh")
    shared = _loads(design, False)
    real = routing_blocks._route_block
    monkeypatch.setattr(routing_blocks, "_route_block", lambda *args: real(*args[:-2], {}, args[-1]))  # no shapes
    alone = _loads(design, False)
    assert shared == alone


def test_ring_of_equal_blocks_shares_and_matches_one_tree_per_source(monkeypatch):
    sites = [{"id": f"s{i}", "users": 10 + i % 3, "pstn_gateway": i % 5 == 0, "cucm_publisher": i == 0}
             for i in range(60)]
    links = [{"id": f"r{i}", "a": f"s{i - 1}", "b": f"s{i}"} for i in range(1, 60)]
    links += [{"id": f"c{i}", "a": f"s{i}", "b": f"s{i + 3}"} for i in range(0, 57, 7)]
    design = Design.model_validate({"name": "t", "sites": sites, "links": links})
    fast = demand.route_afresh(design, False).load
    assert fast.method == "shortest paths"
    monkeypatch.setattr(routing, "block_loads", lambda *args: None)
    slow = demand.route_afresh(design, False).load
    assert fast.erlangs == pytest.approx(slow.erlangs, rel=1e-12, abs=1e-12)
    assert fast.signalling_kbps == pytest.approx(slow.signalling_kbps, rel=1e-12, abs=1e-12)


def _graph_by_the_old_rules(design: Design):
    index = {s.id: i for i, s in enumerate(design.sites)}
    for c in design.clouds:
        index[c.id] = len(index)
    by_pair, edges = {}, []
    for k, link in enumerate(design.links):
        u, v = sorted((index[link.a], index[link.b]))
        e = by_pair.get((u, v))
        if e is None:
            by_pair[(u, v)] = len(edges)
            edges.append((u, v, link.rtt_ms, (k,)))
        else:
            pu, pv, rtt, ks = edges[e]
            edges[e] = (pu, pv, min(rtt, link.rtt_ms), (*ks, k))
    adj = [[] for _ in index]
    for e, (u, v, _rtt, _links) in enumerate(edges):
        adj[u].append((v, e))
        adj[v].append((u, e))
    return index, edges, adj


@pytest.mark.parametrize("seed", range(15))
def test_graph_is_built_once_per_design_and_as_before(seed):
    design = _design(seed, "forest" if seed % 2 else "mesh")
    graph = routing.graph_of(design)
    assert routing.graph_of(design) is graph
    assert (graph.index, graph.edges, graph.adj) == _graph_by_the_old_rules(design)
    other = _design(seed + 100, "tree")
    assert routing.graph_of(other) is not graph
    assert routing.graph_of(other).edges == routing.Graph.of(other).edges


def _common_cloud_in_general(design: Design) -> bool:
    clouds = {c.id for c in design.clouds}
    reach: dict[str, set[str]] = {}
    for ln in design.links:
        cloud, site = (ln.a, ln.b) if ln.a in clouds else (ln.b, ln.a)
        reach.setdefault(site, set()).add(cloud)
    common = None
    for site_clouds in reach.values():
        common = set(site_clouds) if common is None else common & site_clouds
        if not common:
            return False
    return True


@pytest.mark.parametrize("seed", range(40))
def test_one_cloud_shortcut_agrees_with_the_general_test(seed):
    rnd = random.Random(seed)
    n = rnd.randint(1, 8)
    clouds = [{"id": c} for c in ("c0", "c1", "c2")]
    links = []
    for i in range(n):
        for c in rnd.sample(["c0", "c1", "c2"], rnd.randint(1, 2)):
            ends = (f"s{i}", c) if rnd.random() < 0.5 else (c, f"s{i}")
            links.append({"id": f"l{len(links)}", "a": ends[0], "b": ends[1]})
    design = Design.model_validate({"name": "t", "sites": [{"id": f"s{i}"} for i in range(n)], "clouds": clouds,
                                    "links": links})
    assert routing._common_cloud(design) == _common_cloud_in_general(design)


def _overload_texts_as_before(design: Design, r, alt) -> tuple[str, str, str]:
    """BW-LINK-OVERLOAD's texts as one f-string each (the code before the shared pieces), every figure from 1,000 on
    with thousands separators."""
    llq_share, gos = design.traffic.llq_share, design.traffic.gos
    limit = bandwidth.guideline_share(llq_share)
    calls_kbps, capacity, voice = r.voice_kbps + r.signalling_kbps, r.capacity_kbps, r.voice_kbps
    calls = "call" if r.calls == 1 else "calls"
    alt_text = (f", or use G.729 ({alt:,.2f} kbps per call here: "
                f"{r.calls * alt + r.signalling_kbps:,.0f} kbps)" if alt is not None else "")
    return (f" needs {calls_kbps:,.2f} kbps per direction ({r.calls:,} {calls} × {r.per_call_kbps:,.2f} kbps "
            f"+ {r.signalling_kbps:,.2f} kbps signalling) but has {capacity:,.2f} kbps "
            f"({bandwidth._share(calls_kbps / capacity, 100.0)} used)",
            f"{bandwidth.SOURCE_SIZING}. {r.erlangs:,.2f} E offered at P{gos:g} need {r.calls:,} "
            f"concurrent {calls}; per call {r.per_call_kbps:,.2f} kbps with {r.encapsulation}, {r.l2}.",
            f"Raise the capacity to at least {math.ceil(r.kbps):,d} kbps (to keep voice within the "
            f"{limit} priority-queue guideline: {math.ceil(voice / llq_share):,d} kbps){alt_text}; "
            "or move calls off this link.")


@pytest.mark.parametrize("seed", range(25))
def test_overload_texts_are_the_same_characters(seed):
    rnd = random.Random(seed)
    design = _design(seed, rnd.choice(["tree", "mesh"]))
    data = design.model_dump()
    for ln in data["links"]:
        ln["capacity_kbps"] = rnd.choice([64, 128, 256, 300.5, 1024])
        ln["l2"] = rnd.choice(["ethernet", "ppp", "dot1q"])
    for s in data["sites"]:
        s["users"] = s["users"] * 5
    data["voice"] = {"codec": rnd.choice(["g711", "g729"])}
    data["traffic"] = {"llq_share": rnd.choice([0.33, 0.335, 0.2])}
    design = Design.model_validate(data)
    sizing = traffic.size(design, "none")
    found = [f for f in bandwidth.check(design, sizing) if f.code == "BW-LINK-OVERLOAD"]
    cheaper = bandwidth._g729_per_call_kbps(design, sizing)
    links = {ln.id: ln for ln in design.links}
    by_id = {r.id: r for r in sizing.links}
    assert found or seed % 5  # most seeds overload some link
    from advisor.rules._names import names_for
    for f in found:
        r = by_id[f.subjects[0]]
        ln = links[r.id]
        message, rationale, remedy = _overload_texts_as_before(design, r, cheaper.get((ln.l2, ln.l2_bytes, ln.nat)))
        assert (f.message, f.rationale, f.remedy) == (names_for(design).link(r.id) + message, rationale, remedy)
