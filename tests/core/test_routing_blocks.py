"""Meshes cut at their bridges route every flow on the same lowest-RTT paths as one search per source."""

from __future__ import annotations

import random

import pytest

from advisor import demand, routing, routing_blocks, routing_cuts, routing_ring
from advisor.model import Design


def _mesh(seed: int, rtts=(5, 10, 15, 20), clouds: bool = False) -> Design:
    """Small meshes (rings, chords, triangles) joined into a tree by bridges and chains; random users, PSTN
    gateways and two CUCM clusters, so hauled PSTN calls and signalling cross blocks."""
    rnd = random.Random(seed)
    n = rnd.randint(4, 45)
    sites = [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": rnd.choice([0, 5, 10, 40, 100]),
              "cucm_publisher": i in (0, 1), "cucm_subscribers": 1 if i == 0 else 0,
              "cluster_id": "c2" if i == 1 or (i > 1 and rnd.random() < 0.3) else "cluster-1",
              "pstn_gateway": rnd.random() < 0.4} for i in range(n)]
    links, pairs = [], set()

    def link(a: int, b: int) -> None:
        if a != b and (min(a, b), max(a, b)) not in pairs:
            pairs.add((min(a, b), max(a, b)))
            links.append({"id": f"l{len(links)}", "a": f"s{a}", "b": f"s{b}", "rtt_ms": rnd.choice(rtts)})

    for i in range(1, n):
        link(rnd.randrange(max(0, i - 3), i) if rnd.random() < 0.8 else rnd.randrange(i), i)
    for _ in range(rnd.randint(1, max(1, n // 4))):  # chords close small cycles
        a = rnd.randrange(n)
        link(a, min(n - 1, a + rnd.randint(2, 4)))
    cloud_list = []
    if clouds:
        cloud_list = [{"id": "wan"}]
        for i in rnd.sample(range(n), min(n, 3)):
            links.append({"id": f"w{i}", "a": f"s{i}", "b": "wan", "rtt_ms": rnd.choice(rtts)})
    if rnd.random() < 0.3:  # a parallel link
        extra = dict(rnd.choice(links), id="par")
        links.append(extra)
    return Design.model_validate({"name": "t", "sites": sites, "clouds": cloud_list, "links": links,
                                  "vpn": {"technology": "none"}})


def _both(design: Design, hub: bool, monkeypatch):
    fast = demand.route_afresh(design, hub).load
    with monkeypatch.context() as m:
        m.setattr(routing, "block_loads", lambda *args: None)
        slow = demand.route_afresh(design, hub).load
    return fast, slow


def _same(fast, slow) -> None:
    assert fast.method == slow.method
    assert fast.erlangs == pytest.approx(slow.erlangs, rel=1e-12, abs=1e-12)
    assert fast.signalling_kbps == pytest.approx(slow.signalling_kbps, rel=1e-12, abs=1e-12)
    assert [x == 0.0 for x in fast.erlangs] == [x == 0.0 for x in slow.erlangs]  # nothing where nothing flows
    assert [x == 0.0 for x in fast.signalling_kbps] == [x == 0.0 for x in slow.signalling_kbps]
    assert fast.hairpin_erlangs == slow.hairpin_erlangs


@pytest.mark.parametrize("hub", [False, True])
@pytest.mark.parametrize("seed", range(40))
def test_blocks_equal_one_tree_per_source(seed, hub, monkeypatch):
    design = _mesh(seed)
    _same(*_both(design, hub, monkeypatch))


@pytest.mark.parametrize("seed", range(40))
def test_blocks_keep_ties_equal_rtts(seed, monkeypatch):
    # Every link 10 ms: equal-RTT paths everywhere, decided by fewer links and then the lower node number.
    _same(*_both(_mesh(seed, rtts=(10,)), False, monkeypatch))


@pytest.mark.parametrize("seed", range(20))
def test_blocks_with_clouds_and_odd_rtts(seed, monkeypatch):
    _same(*_both(_mesh(seed, rtts=(0.1, 0.2, 0.3, 0.7, 1.1), clouds=True), False, monkeypatch))


def test_most_random_meshes_take_the_fast_path():
    # Of the 40 designs above, 38 split into several blocks and are routed by blocks (8 of them with a tie between
    # different weight sequences, 5 + 15 against 10 + 10, at an entry node: the callers beyond it grouped by offset);
    # none falls back for that tie alone; 2 are trees.
    taken = 0
    for seed in range(40):
        graph = routing.Graph.of(_mesh(seed))
        n = len(graph.adj)
        if routing.rooted_forest(graph) is None:
            taken += routing_blocks.block_loads(graph, [0.1] * n, [10.0] * n, [(i, 0, 1.0, 1.0) for i in range(n)])\
                is not None
    assert taken >= 35


def test_the_fast_path_is_taken_on_ring_with_chords(monkeypatch):
    design = _mesh(3)
    calls = []
    real = routing_blocks.block_loads

    def spy(*args):
        calls.append(real(*args))
        return calls[-1]

    monkeypatch.setattr(routing, "block_loads", spy)
    demand.route_afresh(design, False)
    assert calls and calls[0] is not None


def _square(rtts: dict[str, float]) -> Design:
    # x - a - v and x - b - v around a square, with a tail t - x so flows from t transit the square from x.
    sites = [{"id": i, "kind": "hq" if i == "t" else "branch", "users": 10, "cucm_publisher": i == "t"}
             for i in ("t", "x", "a", "b", "v")]
    links = [{"id": k, "a": k[0], "b": k[1], "rtt_ms": r} for k, r in rtts.items()]
    return Design.model_validate({"name": "sq", "sites": sites, "links": links})


def test_tie_by_the_same_weights_is_kept(monkeypatch):
    # x-a-v and x-b-v both 10 + 10: the same sums at any distance, so the lower node (a) wins for every source.
    design = _square({"tx": 7.3, "xa": 10, "av": 10, "xb": 10, "bv": 10})
    fast, slow = _both(design, False, monkeypatch)
    _same(fast, slow)
    erl = dict(zip([ln.id for ln in design.links], fast.erlangs, strict=True))
    assert erl["av"] > erl["bv"]


def test_tie_by_other_weights_routes_the_callers_beyond_by_their_offset(monkeypatch):
    # x-a-v = 0.1 + 0.2 and x-b-v = 0.2 + 0.1: equal RTT and links, but whether the sums round equal depends on the
    # distance the search starts at. From x they round equal and the lower node, a, wins; from t, 0.1 ms beyond x,
    # the sum via a rounds above the one via b (hand sums below, as the search adds them: distance + RTT + 1e-6).
    h = 1e-6
    at_x = 0.0
    assert ((at_x + 0.1 + h) + 0.2 + h) == ((at_x + 0.2 + h) + 0.1 + h)
    at_t = 0.0 + 0.1 + h
    assert ((at_t + 0.1 + h) + 0.2 + h) > ((at_t + 0.2 + h) + 0.1 + h)
    design = _square({"tx": 0.1, "xa": 0.1, "av": 0.2, "xb": 0.2, "bv": 0.1})
    graph = routing.Graph.of(design)
    names = [ln.id for ln in design.links]
    assert names[routing.lowest_tree(graph.adj, graph.weights, 1)[2][4]] == "av"  # from x
    assert names[routing.lowest_tree(graph.adj, graph.weights, 0)[2][4]] == "bv"  # from t
    # So t's calls cross the square by b, x's by a: the blocks route t's on a tree of its own, started at its offset
    assert routing_blocks.block_loads(graph, [0.1] * 5, [10.0] * 5, [(0, 4, 1.0, 2.0)]) is not None
    fast, slow = _both(design, False, monkeypatch)
    _same(fast, slow)
    # Only t's calls use b-v: to v (10 users × 0.1 E per user from t, and back from v by a: v's own tree)
    erl = dict(zip(names, slow.erlangs, strict=True))
    assert erl["bv"] > 0.0


def test_callers_beyond_a_meshed_part_fall_back(monkeypatch):
    # Two such squares joined by a bridge: the callers beyond each square's entry node include the other square,
    # whose paths to the entry need a search of their own. The blocks give up; one tree per source.
    sites = [{"id": i, "users": 10, "cucm_publisher": i == "x"} for i in ("x", "a", "b", "v", "y", "c", "d", "w")]
    rtts = {"xa": 0.1, "av": 0.2, "xb": 0.2, "bv": 0.1, "vy": 0.1, "yc": 0.1, "cw": 0.2, "yd": 0.2, "dw": 0.1}
    links = [{"id": k, "a": k[0], "b": k[1], "rtt_ms": r} for k, r in rtts.items()]
    design = Design.model_validate({"name": "sq2", "sites": sites, "links": links})
    graph = routing.Graph.of(design)
    assert routing_blocks.block_loads(graph, [0.1] * 8, [10.0] * 8, []) is None
    _same(*_both(design, False, monkeypatch))


def test_groups_beyond_the_budget_fall_back(monkeypatch):
    design = _square({"tx": 0.1, "xa": 0.1, "av": 0.2, "xb": 0.2, "bv": 0.1})
    graph = routing.Graph.of(design)
    assert routing_blocks.block_loads(graph, [0.1] * 5, [10.0] * 5, []) is not None
    monkeypatch.setattr(routing_blocks, "offsets_budget", lambda nodes: 3)  # one group searching the square: 4 nodes
    assert routing_blocks.block_loads(graph, [0.1] * 5, [10.0] * 5, []) is None


@pytest.mark.parametrize(("tail", "routed"), [(20, True), (200, False)])
def test_a_long_chain_beyond_an_entry_node_falls_back(tail, routed, monkeypatch):
    # The square with the tie, and a chain of `tail` sites hanging off x: each chain site's offset is summed over its
    # own path to x, tail²/2 steps in all. Within 16 steps per node of the WAN the chain's callers are grouped;
    # beyond, the blocks give up (one tree per source) rather than walk them.
    from advisor import routing_offsets

    monkeypatch.setattr(routing_offsets, "STEPS_MIN", 0)
    design = _square_with_tail(tail)
    graph = routing.Graph.of(design)
    n = len(graph.adj)
    assert n * n // routing_offsets.WALK_COST < 16 * n  # so the steps per node decide here
    assert (routing_blocks.block_loads(graph, [0.1] * n, [10.0] * n, []) is not None) == routed
    _same(*_both(design, False, monkeypatch))


@pytest.mark.parametrize(("walk_cost", "routed"), [(2, True), (3, False)])
def test_the_walk_may_take_a_share_of_what_the_fallback_visits(walk_cost, routed, monkeypatch):
    # The same square with 200 sites chained off x: 200·201/2 = 20,100 steps summing offsets, beyond 16 per node of
    # the WAN (204 nodes: 3,264). The fallback visits 204² = 41,616 nodes; the walk may take that share of them:
    # 41,616 / 2 = 20,808 steps (grouped, the same loads as one tree per source), 41,616 / 3 = 13,872 (falls back).
    # At 10,000 sites the share (÷ 32) is 3.1 million steps: regional trees some 30 links deep under a ring.
    from advisor import routing_offsets

    monkeypatch.setattr(routing_offsets, "STEPS_MIN", 0)
    monkeypatch.setattr(routing_offsets, "WALK_COST", walk_cost)
    design = _square_with_tail(200)
    graph = routing.Graph.of(design)
    n = len(graph.adj)
    assert n == 204 and 200 * 201 // 2 > 16 * n
    assert (routing_blocks.block_loads(graph, [0.1] * n, [10.0] * n, []) is not None) == routed
    _same(*_both(design, False, monkeypatch))


def _square_with_tail(tail: int) -> Design:
    """The square x-a-v, x-b-v whose tie rounds by the distance a search starts at, and a chain of `tail` sites
    hanging off x (each chain site's offset summed over its own path to x)."""
    chain = [f"c{i}" for i in range(tail)]
    sites = [{"id": i, "users": 10, "cucm_publisher": i == "x"} for i in ("x", "a", "b", "v", *chain)]
    rtts = {("x", "a"): 0.1, ("a", "v"): 0.2, ("x", "b"): 0.2, ("b", "v"): 0.1}
    rtts |= {(site, previous): 0.1 for site, previous in zip(chain, ["x", *chain[:-1]], strict=True)}
    links = [{"id": f"{a}-{b}", "a": a, "b": b, "rtt_ms": r} for (a, b), r in rtts.items()]
    return Design.model_validate({"name": "sq-chain", "sites": sites, "links": links})


def _cored(seed: int, hub: bool = False, core: int | None = None, branches: int | None = None) -> Design:
    """A small meshed core (a ring with chords) with branches hanging off it: single sites, chains of sites and
    clouds with sites behind them, every link of an RTT whose sums round differently at different distances; PSTN
    gateways at a few sites and two clusters, so hauled PSTN calls and signalling come from beyond the core too."""
    rnd = random.Random(seed)
    rtts = (0.1, 0.2, 0.3, 0.7, 1.1, 5, 10, 15)
    core = core or rnd.randint(3, 9)
    n = core + (branches or rnd.randint(5, 40))
    sites = [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": rnd.choice([0, 5, 10, 40]),
              "cucm_publisher": i in (0, 1), "cucm_subscribers": 1 if i == 0 else 0,
              "cluster_id": "c2" if i == 1 else "cluster-1", "pstn_gateway": rnd.random() < 0.3}
             for i in range(n)]
    links = []

    def link(a: str, b: str, choices=rtts) -> None:
        links.append({"id": f"l{len(links)}", "a": a, "b": b, "rtt_ms": rnd.choice(choices)})

    for i in range(core):
        link(f"s{i}", f"s{(i + 1) % core}", (0.1, 0.2))
    for _ in range(rnd.randint(1, core)):
        a, b = rnd.sample(range(core), 2)
        link(f"s{a}", f"s{b}", (0.1, 0.2))
    clouds = [{"id": f"w{k}"} for k in range(rnd.randint(0, 2))]
    for c in clouds:
        link(f"s{rnd.randrange(core)}", c["id"])
    for i in range(core, n):  # each hangs off the core, an earlier branch or a cloud: bridges only
        ends = [f"s{j}" for j in range(i)] + [c["id"] for c in clouds]
        link(rnd.choice(ends), f"s{i}")
    return Design.model_validate({"name": "cored", "sites": sites, "clouds": clouds, "links": links,
                                  "vpn": {"technology": "gre-ipsec" if hub else "none"}})


@pytest.mark.parametrize("hub", [False, True])
@pytest.mark.parametrize("seed", range(30))
def test_branches_off_a_meshed_core_route_as_one_tree_per_source(seed, hub, monkeypatch):
    design = _cored(seed, hub)
    graph = routing.Graph.of(design)
    n = len(graph.adj)
    assert routing_blocks.block_loads(graph, [0.1] * n, [10.0] * n, [(i, 0, 1.0, 1.0) for i in range(n)]) \
        is not None  # never the fallback: everything beyond the core is branches
    _same(*_both(design, hub, monkeypatch))


@pytest.mark.parametrize("compiled", [False, True])
@pytest.mark.parametrize("seed", range(3))
def test_a_large_core_routes_its_branches_by_offset_without_a_proof(seed, compiled, monkeypatch):
    # A core of 80 sites (more than share their trees): every entry node's callers go in groups of one offset,
    # through the compiled heap search too (each search started at its group's offset), with no proof asked.
    from advisor import routing_compiled

    if compiled and not routing_compiled.available():
        pytest.skip("the compiled loops need numba")
    monkeypatch.setenv("ADVISOR_COMPILED", "1" if compiled else "0")
    monkeypatch.setattr(routing_compiled, "MIN_NODES_HEAP", 10)
    design = _cored(seed, core=80, branches=150)
    proofs, runs = [], []
    real_proof, real_run = routing_blocks._offset_proof, routing_compiled.Run._run
    monkeypatch.setattr(routing_blocks, "_offset_proof", lambda *a: proofs.append(1) or real_proof(*a))
    monkeypatch.setattr(routing_compiled.Run, "_run", lambda self: runs.append(list(self.origins)) or real_run(self))
    fast, slow = _both(design, False, monkeypatch)
    _same(fast, slow)
    assert proofs == []
    assert any(o > 0.0 for origins in runs for o in origins) == compiled  # (the fallback's searches start at 0)
    if compiled:  # the same figures to the last bit as the interpreted searches
        monkeypatch.setenv("ADVISOR_COMPILED", "0")
        assert demand.route_afresh(design, False).load.erlangs == fast.erlangs


def test_some_cores_need_their_branches_grouped_by_offset(monkeypatch):
    # The test above checks the grouped searches where an entry node's tree could round differently, which happens
    # in 9 of its 30 designs (small cores: the proof first, the groups when it fails).
    grouped = []
    real = routing_blocks.route_groups
    monkeypatch.setattr(routing_blocks, "route_groups", lambda found, *a: grouped.append(seed) or real(found, *a))
    for seed in range(30):
        graph = routing.Graph.of(_cored(seed))
        n = len(graph.adj)
        routing_blocks.block_loads(graph, [0.1] * n, [10.0] * n, [])
    assert len(set(grouped)) >= 6


def test_bridges_of_a_ring_with_a_tail():
    # Ring 0-1-2-3-0 with a tail 3-4-5: the tail's two links are the bridges.
    adj = [[] for _ in range(6)]
    for e, (u, v) in enumerate([(0, 1), (1, 2), (2, 3), (3, 0), (3, 4), (4, 5)]):
        adj[u].append((v, e))
        adj[v].append((u, e))
    assert routing_cuts.bridges(adj, 6) == [False] * 4 + [True, True]


def test_one_search_for_the_bridges_serves_the_routing_and_the_phone_bound(monkeypatch):
    # A ring 0-1-2-3 with a tail 3-4-5 carrying calls: both the routing's blocks and the phone bound on the tail's
    # links need the bridges; the depth-first search runs once per design, not once per reader.
    from advisor import demand_bounds
    from advisor.analysis import analyse, forget

    sites = [{"id": f"s{i}", "users": 10, "cucm_publisher": i == 0} for i in range(6)]
    ends = [(0, 1), (1, 2), (2, 3), (3, 0), (3, 4), (4, 5)]
    links = [{"id": f"l{e}", "a": f"s{u}", "b": f"s{v}"} for e, (u, v) in enumerate(ends)]
    design = Design.model_validate({"name": "t", "sites": sites, "links": links, "vpn": {"technology": "none"}})
    searches = []
    real = routing_cuts.cut_sides
    monkeypatch.setattr(routing_cuts, "cut_sides", lambda *a: searches.append(1) or real(*a))
    forget()
    analyse(design)
    assert len(searches) == 1
    below, _parent, _order = routing_cuts.graph_cuts(demand_bounds.graph_of(design))
    assert [u >= 0 for u in below] == [False] * 4 + [True, True]  # the tail's links, as the test above


def _big_ring(n: int) -> Design:
    sites = [{"id": f"s{i}", "users": 10 + i % 7, "cucm_publisher": i == 0} for i in range(n)]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": f"s{(i + 1) % n}"} for i in range(n)]
    return Design.model_validate({"name": "t", "sites": sites, "links": links, "vpn": {"technology": "none"}})


@pytest.mark.parametrize("batched", [False, True])
def test_a_large_block_keeps_no_tree_once_summed(batched, monkeypatch):
    """One tree per node of a 1,200-node ring, each of 1,200 nodes: kept, they took n² memory (5.7 GB at 10,000
    sites). Summed and dropped, the routing's peak stays a few lists of n, far below the 1,200 × 1,200 × 3 list
    slots (35 MB) that keeping them would take. Trees routed in batches hold one batch's cells at a time (here 100
    sources × 1,200 nodes), whatever the number of sources."""
    import tracemalloc

    import numpy  # noqa: F401  (imported before the count: its own import takes megabytes)

    from advisor import routing_levels_batch

    monkeypatch.setenv("ADVISOR_COMPILED", "0")  # the interpreted paths: the compiled loops keep no trees either
    monkeypatch.setattr(routing_ring, "MIN_NODES", 10**9)  # one tree per node, not the ring summed at once
    monkeypatch.setattr(routing_blocks, "BATCH_MIN_NODES", 1000 if batched else 10**9)
    monkeypatch.setattr(routing_levels_batch, "BATCH_CELLS", 100 * 1200)
    calls = []
    real = routing_levels_batch.route_batch
    monkeypatch.setattr(routing_levels_batch, "route_batch", lambda *a: calls.append(len(a[1])) or real(*a))
    design = _big_ring(1200)
    tracemalloc.start()
    try:
        demand.route_afresh(design, False)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 12e6
    assert calls == ([100] * 12 if batched else [])


def test_blocks_share_trees_only_when_small_and_give_the_same_loads(monkeypatch):
    sites = [{"id": f"s{i}", "users": 10 + i % 3} for i in range(70)]
    links = [{"id": f"r{i}", "a": f"s{i - 1}", "b": f"s{i}"} for i in range(1, 70)]
    links += [{"id": f"c{i}", "a": f"s{i}", "b": f"s{i + 3}"} for i in range(0, 67, 7)]
    design = Design.model_validate({"name": "t", "sites": sites, "links": links, "vpn": {"technology": "none"}})
    shared = demand.route_afresh(design, False).load
    monkeypatch.setattr(routing_blocks, "SHARED_TREES_MAX_NODES", 0)
    alone = demand.route_afresh(design, False).load
    assert shared.method == alone.method == "shortest paths"
    assert shared.erlangs == alone.erlangs and shared.signalling_kbps == alone.signalling_kbps


def test_the_generated_regional_core_routes_by_blocks_as_one_tree_per_source(monkeypatch):
    # The benchmark shape: hubs in a ring with chords, round-trip times as typed, every other site a branch.
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    design = generate(600, "regional-core")
    graph = routing.Graph.of(design)
    assert max(map(len, routing_blocks.blocks(graph)[2])) == 15  # the core: 600 // 40 hubs
    calls = []
    real = routing_blocks.block_loads
    monkeypatch.setattr(routing, "block_loads", lambda *a: calls.append(real(*a)) or calls[-1])
    fast = demand.route_afresh(design, False).load
    assert calls and calls[0] is not None
    monkeypatch.setattr(routing, "block_loads", lambda *a: None)
    _same(fast, demand.route_afresh(design, False).load)


def test_a_block_asks_for_the_trees_of_its_sending_nodes_only(monkeypatch):
    # A meshed block whose sites mostly call nobody (no users, no phones) routes only its senders: the compiled
    # loops were loaded for one tree per node (0.3-0.4 s of a 10,000-site design where only the HQ had a user)
    import sys
    from pathlib import Path

    from advisor import routing_compiled

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    design = generate(400, "grid")
    quiet = {s.id for s in design.sites[3:]}
    design = design.model_copy(update={"sites": [s.model_copy(update={"users": 0}) if s.id in quiet else s
                                                 for s in design.sites]})
    asked = []
    monkeypatch.setattr(routing_compiled, "worth", lambda trees, *a, **k: asked.append(trees) or False)
    demand.route_afresh(design, False)
    assert asked and max(asked) <= 3  # the three sites with users (the grid's block holds 400 nodes)
