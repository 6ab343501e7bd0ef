"""Round 44, the fast paths checked against plain references: cluster pairs' paths searched from the nodes their
sites hang off (`portal_paths`), point flows climbing the block tree (`routing_points`), the rules reusing the
sizing's pairs; and the compiled search at every size, which gave a shared tree (sites hanging off the same nodes)
exact sums short by the first link, so the delay check missed paths above its target on a WAN of 1,000 nodes or
more once the compiled loops were loaded."""

from __future__ import annotations

import heapq
import random
import re

import pytest

from advisor import analysis, clustering, portal_paths, routing, routing_compiled, routing_points
from advisor.model import Design
from advisor.routing_alike import shared_tree
from advisor.routing_trees import lowest_tree
from advisor.rules._paths import Paths

compiled = pytest.mark.skipif(not routing_compiled.available(), reason="numba is not installed here")


def _plain_lowest(links, start):
    """Plain Dijkstra over (a, b, rtt) triples, exact RTTs and no tie-breaker: node -> lowest RTT."""
    adj: dict = {}
    for a, b, rtt in links:
        adj.setdefault(a, []).append((b, rtt))
        adj.setdefault(b, []).append((a, rtt))
    dist, heap = {start: 0.0}, [(0.0, start)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue
        for v, w in adj.get(u, ()):
            if d + w < dist.get(v, float("inf")):
                dist[v] = d + w
                heapq.heappush(heap, (d + w, v))
    return dist


def _design(k: int) -> Design:
    """A small WAN with many small clusters spanning sites: blocks joined by bridges, clouds, hubs with
    dual-homed branches, parallel links, sites cut off; whole-number round-trip times (sums exact), often equal."""
    rnd = random.Random(4400 + k)
    n = rnd.randint(20, 90)
    shape = ("blocks", "clouds", "hubs", "random")[k % 4]
    sites = [{"id": f"s{i}", "users": rnd.choice((0, 10, 25, 40)), "pstn_gateway": rnd.random() < 0.6}
             for i in range(n)]
    clouds = [{"id": f"c{c}"} for c in range(3 if shape == "clouds" else 0)]
    links: list[dict] = []

    def link(a, b):
        if a != b:
            for _ in range(1 if rnd.random() < 0.9 else 3):  # now and then parallel links
                links.append({"id": f"L{len(links)}", "a": a, "b": b, "rtt_ms": float(rnd.choice((0, 5, 10, 20)))})

    if shape == "blocks":  # rings of 2-5 sites in a row, joined by bridges
        i = 0
        while i < n - 1:
            ring = list(range(i, min(n, i + rnd.randint(2, 5))))
            for a, b in zip(ring, ring[1:], strict=False):
                link(f"s{a}", f"s{b}")
            if len(ring) > 2:
                link(f"s{ring[-1]}", f"s{ring[0]}")
            if ring[-1] + 1 < n:
                link(f"s{ring[-1]}", f"s{ring[-1] + 1}")
            i = ring[-1] + 1
    elif shape == "clouds":  # on one or two of three clouds (the third has no site), a few leased lines
        for i in range(n - 2):  # the last two sites have no link
            for c in rnd.sample(("c0", "c1"), rnd.choice((1, 2))):
                link(f"s{i}", c)
        for _ in range(n // 5):
            link(f"s{rnd.randrange(n - 2)}", f"s{rnd.randrange(n - 2)}")
    elif shape == "hubs":  # a ring of hubs, each branch on one or two hubs
        hubs = 4
        for h in range(hubs):
            link(f"s{h}", f"s{(h + 1) % hubs}")
        for i in range(hubs, n):
            for h in rnd.sample(range(hubs), rnd.choice((1, 2, 2))):
                link(f"s{i}", f"s{h}")
    else:
        for i in range(1, n):
            link(f"s{i}", f"s{rnd.randrange(i)}")
        for _ in range(n // 2):
            link(f"s{rnd.randrange(n)}", f"s{rnd.randrange(n)}")
    order = list(range(n))
    rnd.shuffle(order)
    at = 0
    for c in range(n // 4):  # clusters of 1-4 server sites
        for m, i in enumerate(order[at:at + rnd.choice((1, 2, 3, 4))]):
            sites[i]["cluster_id"] = f"k{c}"
            if m == 0:
                sites[i]["cucm_publisher"] = True
            else:
                sites[i]["cucm_subscribers"] = 1
        at += 4
    traffic = {"central_pstn_site": f"s{rnd.randrange(n)}"} if k % 3 == 0 else {}
    return Design.model_validate({"name": f"round 44 #{k}", "sites": sites, "clouds": clouds, "links": links,
                                  "traffic": traffic})


DESIGNS = range(32)


def _walk(design: Design, a: str, hops, bundled: bool):
    """The node a path of link ids ends at and its RTT, checking each link continues it (`bundled`: parallel
    links of a hop listed with it count once, at the lowest RTT of the pair of ends)."""
    by_id = {ln.id: ln for ln in design.links}
    node, total, last = a, 0.0, None
    for h in hops:
        ln = by_id[h]
        if bundled and last is not None and {ln.a, ln.b} == {last.a, last.b}:
            continue
        assert node in (ln.a, ln.b), (a, hops)
        node = ln.b if node == ln.a else ln.a
        total += min(x.rtt_ms for x in design.links if {x.a, x.b} == {ln.a, ln.b}) if bundled else ln.rtt_ms
        last = ln
    return node, total


@pytest.mark.parametrize("forced", [False, True])
def test_portal_paths_are_lowest_paths_whatever_the_graph(forced, monkeypatch):
    # every pair's path from the nodes the sites hang off (`forced`: every site, however many links it has) is a
    # path from i to j of the lowest RTT a plain search finds; None exactly when j cannot be reached
    if forced:
        monkeypatch.setattr(portal_paths, "FEW_LINKS", 10 ** 9)
    for k in range(40):
        rnd = random.Random(k)
        n = rnd.randint(3, 30)
        ends = [(rnd.randrange(i), i) for i in range(1, n) if rnd.random() < 0.9]  # some nodes cut off
        ends += [tuple(rnd.sample(range(n), 2)) for _ in range(rnd.randrange(n))]
        ends += [ends[rnd.randrange(len(ends))] for _ in range(rnd.randrange(3))] if ends else []
        rtt = [float(rnd.choice((0, 1, 2, 5, 10))) for _ in ends]
        adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        for e, (a, b) in enumerate(ends):
            adj[a].append((b, e))
            adj[b].append((a, e))
        pairs = [(i, j) for i in range(n) for j in range(n) if i != j and rnd.random() < 0.3]
        roots = portal_paths.plan(adj, pairs)
        if forced:
            roots = roots or {u for i, _j in pairs for u, _e in adj[i]} | {i for i, _j in pairs if len(adj[i]) > 4}
        if roots is None:
            continue
        found = portal_paths.paths(adj, ([a for a, _b in ends], [b for _a, b in ends]), rtt, pairs, roots,
                                   lowest_tree)
        triples = [(a, b, w) for (a, b), w in zip(ends, rtt, strict=True)]
        for i, j in pairs:
            want = _plain_lowest(triples, i).get(j)
            hops = found[i, j]
            assert (hops is None) == (want is None), (k, i, j)
            if hops is not None:
                node, total = i, 0.0
                for e in hops:
                    a, b = ends[e]
                    assert node in (a, b)
                    node, total = (b if node == a else a), total + rtt[e]
                assert node == j and total == want, (k, i, j, hops)


@pytest.mark.parametrize("through", ["neighbours", "itself"])
def test_cluster_pairs_and_the_rtt_findings_follow_lowest_paths(through, monkeypatch):
    # the sizing's pairs (searched from the nodes their sites hang off, or each from its own site), the rules'
    # paths and the round-trip findings: each a path of the lowest RTT; a finding's path carries the cluster traffic
    if through == "itself":
        monkeypatch.setattr(portal_paths, "plan", lambda adj, pairs: None)
    for k in DESIGNS:
        design = _design(k)
        analysis.forget()
        results = analysis.analyse(design)
        triples = [(ln.a, ln.b, ln.rtt_ms) for ln in design.links]
        pairs = clustering.pairs(design)
        for p in pairs:
            want = _plain_lowest(triples, p.a).get(p.b)
            assert p.rtt_ms == want, (k, p)
            if want is not None:
                assert _walk(design, p.a, p.links, bundled=True) == (p.b, want)
        asked = [(p.a, p.b) for p in pairs]
        for (a, b), (rtt, hops) in Paths(design).pair_paths(asked).items():
            assert rtt == _plain_lowest(triples, a)[b] and _walk(design, a, hops, bundled=False) == (b, rtt)
        carried = {ln.id: ln.cluster_kbps for ln in results.links}
        for f in results.findings:
            if f.code == "DEP-COW-RTT" and len(f.subjects) > 2:
                a, b, *hops = f.subjects
                low = _plain_lowest(triples, a)[b]
                shown = float(re.search(r"is ([\d,.]+) ms, above", f.message).group(1).replace(",", ""))
                assert _walk(design, a, hops, bundled=False) == (b, low) and shown == low
                assert all(carried[h] > 0 for h in hops), f.message


def test_unreachable_and_lone_cluster_sites_are_said_so():
    design = Design.model_validate({
        "sites": [{"id": "a", "users": 10, "cucm_publisher": True, "cluster_id": "k"},
                  {"id": "b", "users": 10, "cucm_subscribers": 1, "cluster_id": "k"},
                  {"id": "cut", "users": 10, "cucm_subscribers": 1, "cluster_id": "k"},
                  {"id": "alone", "users": 0, "cucm_publisher": True, "cluster_id": "one"}],
        "clouds": [{"id": "empty"}, {"id": "wan"}],
        "links": [{"id": "la", "a": "a", "b": "wan", "rtt_ms": 0.0}, {"id": "lb", "a": "b", "b": "wan", "rtt_ms": 0.0},
                  {"id": "ab", "a": "a", "b": "b", "rtt_ms": 10_000.0}, {"id": "ab2", "a": "a", "b": "b", "rtt_ms": 0.0},
                  {"id": "aone", "a": "a", "b": "alone", "rtt_ms": 4.0}]})
    results = analysis.analyse(design)
    no_path = sorted(tuple(f.subjects) for f in results.findings if f.code == "DEP-COW-RTT")
    assert no_path == [("a", "cut"), ("b", "cut")]  # a–b at 0 ms is within any limit; the lone cluster has no pair
    pair = next(p for p in clustering.pairs(design) if {p.a, p.b} == {"a", "b"})
    assert pair.rtt_ms == 0.0 and set(pair.links) == {"ab", "ab2"}  # 0 ms in one hop beats 0 ms in two (the cloud)


def _dump(design: Design) -> dict:
    analysis.forget()
    return analysis.analyse(design).model_dump()


def test_point_flows_climbing_or_walking_the_whole_block_tree_give_the_same_results(monkeypatch):
    # hauled PSTN calls and signalling over chains of small blocks: the climbs from the sources, the whole tree
    # walked from each destination, and one search per source (the reference) give the same loads and findings
    init = routing_points.BlockTree.__init__
    for k in (0, 3, 4, 8, 12):  # blocks joined by bridges, some with a central PSTN site
        design = _design(k)
        got = {}
        for most in (None, -1, 10 ** 9):
            def forced(self, tree_adj, most=most):
                init(self, tree_adj)
                if most is not None:
                    self.most = most

            monkeypatch.setattr(routing_points.BlockTree, "__init__", forced)
            got[most] = _dump(design)
        assert got[None] == got[-1] == got[10 ** 9]
        monkeypatch.setattr(routing, "block_loads", lambda *a: None)  # one tree per source
        reference = _dump(design)
        monkeypatch.undo()
        for mine, theirs in zip(got[None]["links"], reference["links"], strict=True):
            for field in ("erlangs", "signalling_kbps", "cluster_kbps"):
                assert mine[field] == pytest.approx(theirs[field], rel=1e-9, abs=1e-12), (k, mine["id"], field)


def test_the_rules_reuse_the_sizings_pairs_with_the_same_figures(monkeypatch):
    # DEP-COW-RTT and DEP-COW-BANDWIDTH read the sizing's pairs; worked out afresh by the rules, the round-trip
    # times are the same numbers (equal paths may differ, and the findings name the one the traffic took)
    real = Paths.pair_paths
    for k in DESIGNS:
        design = _design(k)
        reused = [f for f in _dump(design)["findings"] if f["code"].startswith("DEP-COW")]
        monkeypatch.setattr(Paths, "pair_paths", lambda self, pairs, known=None: real(self, pairs, None))
        afresh = [f for f in _dump(design)["findings"] if f["code"].startswith("DEP-COW")]
        monkeypatch.undo()
        assert sorted((f["code"], f["subjects"][:2], f["message"]) for f in reused) == \
               sorted((f["code"], f["subjects"][:2], f["message"]) for f in afresh), k


@compiled
def test_the_compiled_search_gives_a_shared_tree_its_exact_sums(monkeypatch):
    # nodes 0 and 1 (two data centres, 4 ms apart), node 2 on node 0 (3 ms); branches hang off 0 at 5 ms and
    # off 1 at 7 ms: from their virtual node, 0 is 5 ms away, 1 is 7 ms (not 5 + 4), 2 is 5 + 3 = 8 ms
    monkeypatch.setattr(routing_compiled, "TREE_MIN_NODES", 1)
    adj = [[(1, 0), (2, 1)], [(0, 0)], [(0, 1)]]
    weights = [4.0, 3.0]
    compiled_runs: list[bool] = []
    real = routing_compiled.tree_lists

    def spy(*args):
        got = real(*args)
        compiled_runs.append(got is not None)
        return got

    monkeypatch.setattr(routing_compiled, "tree_lists", spy)
    order, exact, parent, _best = shared_tree(adj, weights, ((0, 5.0), (1, 7.0)))
    assert compiled_runs == [True]
    assert exact == [5.0, 7.0, 8.0, 0.0] and parent == [2, 3, 1, -1] and order == [3, 0, 1, 2]
    # a link listed at one end only: the interpreted search answers (the compiled one read 0 ms for node 0)
    one_end = [*adj, ((0, 2), (1, 3))]
    assert real(one_end, [*weights, 5.0, 7.0], 3, 0.0) is None
    assert lowest_tree(one_end, [*weights, 5.0, 7.0], 3)[1] == [5.0, 7.0, 8.0, 0.0]


def _dual_homed() -> Design:
    """Two data centres 2 ms apart; four branches each on both, 100 ms and 120 ms round trip; 1,000 empty sites
    on the second (1,006 nodes: the rules' searches go compiled once the loops are loaded)."""
    sites = [{"id": "d0", "kind": "datacenter", "cucm_publisher": True},
             {"id": "d1", "kind": "datacenter", "cucm_subscribers": 1}]
    links = [{"id": "dci", "a": "d0", "b": "d1", "rtt_ms": 2.0, "capacity_kbps": 1e6}]
    for i in range(4):
        sites.append({"id": f"b{i}", "users": 10})
        links += [{"id": f"b{i}a", "a": f"b{i}", "b": "d0", "rtt_ms": 100.0, "capacity_kbps": 1e5},
                  {"id": f"b{i}b", "a": f"b{i}", "b": "d1", "rtt_ms": 120.0, "capacity_kbps": 1e5}]
    for i in range(1000):
        sites.append({"id": f"e{i}"})
        links.append({"id": f"le{i}", "a": f"e{i}", "b": "d1", "rtt_ms": 1.0, "capacity_kbps": 1e6})
    return Design.model_validate({"name": "dual-homed", "sites": sites, "links": links})


@compiled
@pytest.mark.parametrize("loops", ["compiled", "interpreted"])
def test_the_delay_check_names_dual_homed_branches_beyond_the_target(loops, monkeypatch):
    # each branch's farthest partner is another branch through d0: 100 ms one way of propagation + 0.125 coder +
    # 20 packetization + 60 jitter buffer = 180.125 ms before serialization, above 150 ms (the shared tree's sums
    # read 50 ms with the compiled loops loaded: no site was over the target)
    if loops == "interpreted":
        monkeypatch.setenv("ADVISOR_COMPILED", "0")
    analysis.forget()  # the delay check keeps its last answer for the same drawing
    results = analysis.analyse(_dual_homed())
    analysis.forget()
    assert routing_compiled.ready() == (loops == "compiled")
    terms = dict(results.delay.terms)
    assert terms["propagation"] == 100.0 and results.delay.total_ms > 180.125
    over = [f for f in results.findings if f.code == "DEP-DELAY"]
    assert len(over) == 1 and over[0].subjects == ("b0", "b1", "b2", "b3")


@compiled
def test_compiled_loops_at_every_size_give_the_interpreted_results(monkeypatch):
    # the compiled searches and routing loops, forced on for these small designs, against the interpreted ones:
    # the same results to the last bit (the delay check's shared trees among them)
    for k in (1, 2, 5, 6, 9, 10):
        design = _design(k)
        monkeypatch.setenv("ADVISOR_COMPILED", "0")
        want = _dump(design)
        monkeypatch.undo()
        monkeypatch.setattr(routing_compiled, "TREE_MIN_NODES", 1)
        monkeypatch.setattr(routing_compiled, "LOADED_MIN_CELLS", 0)
        assert _dump(design) == want, k
        monkeypatch.undo()
    analysis.forget()
