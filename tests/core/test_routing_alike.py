"""Sites hanging off the same nodes by the same round-trip times share one search: the same loads as one search per
source (advisor/routing_alike.py)."""

from __future__ import annotations

import random

import pytest

from advisor import demand, routing, routing_alike, routing_blocks, routing_homed, routing_twohub
from advisor.model import Design
from advisor.routing_trees import level_tree, lowest_tree, sum_up
from tests.core.test_routing_blocks import _both  # (the blocks' loads, and one search per source)


@pytest.fixture(autouse=True)
def _groups_not_summed_at_once(monkeypatch):
    """Two hubs, or a few, with branches on two of them are summed without any tree (`advisor.routing_twohub`,
    `advisor.routing_homed`, tested on their own): here their groups' shared trees are under test."""
    monkeypatch.setattr(routing_twohub, "MIN_NODES", 10**9)
    monkeypatch.setattr(routing_homed, "MIN_NODES", 10**9)


def _per_source(block_adj, block_w, block_ends, sources, rates, dest_u):
    """One search and one sum per source: the reference."""
    erl, sig = [0.0] * len(block_w), [0.0] * len(block_w)
    for s, rate in zip(sources, rates, strict=True):
        order, _exact, parent, _best = lowest_tree(block_adj, block_w, s)
        sum_up(order, parent, block_ends, [rate * u for u in dest_u], [0.0] * len(dest_u), erl, sig)
    return erl


def _two_hubs():
    # A (0) and B (1) joined at 1 ms; members 2, 3, 4 each on A at 5 ms and on B at 10 ms (edges 1-6)
    ends = [(0, 1), (2, 0), (2, 1), (3, 0), (3, 1), (4, 0), (4, 1)]
    weights = [1.0, 5.0, 10.0, 5.0, 10.0, 5.0, 10.0]
    adj = [[] for _ in range(5)]
    for k, (a, b) in enumerate(ends):
        adj[a].append((b, k))
        adj[b].append((a, k))
    return [tuple(row) for row in adj], weights, ends


def test_a_hand_worked_pair_of_hubs():
    # Each member sends 1 E per user; A has no users, B 10, each member 1. Member 2 reaches 3 and 4 by A (5 + 5 ms
    # beats 10 + 10 and 5 + 1 + 10) and B by A too (5 + 1 < 10). So its link to A carries 1 + 1 + 10 = 12 E out and
    # 1 + 1 E in from the other two: 14; A–B carries the three members' 10 E each: 30; the links to B carry nothing.
    adj, weights, ends = _two_hubs()
    dest_u = [0.0, 10.0, 1.0, 1.0, 1.0]
    erl, sig = [0.0] * 7, [0.0] * 7
    key = ((0, 5.0), (1, 10.0))
    routing_alike.route_alike(key, [2, 3, 4], [1.0, 1.0, 1.0], [None, None, None], True, adj, weights, ends,
                              dest_u, {}, list(range(7)), erl, sig)
    assert erl == [30.0, 14.0, 0.0, 14.0, 0.0, 14.0, 0.0]
    assert sig == [0.0] * 7
    assert erl == _per_source(adj, weights, ends, [2, 3, 4], [1.0] * 3, dest_u)


def test_point_flows_follow_the_shared_tree():
    # Member 2 hauls 0.5 E and 3 kbps to B, member 4 0.25 E and 1 kbps to member 3: both over A.
    adj, weights, ends = _two_hubs()
    erl, sig = [0.0] * 7, [0.0] * 7
    rows = [{1: [0.5, 3.0]}, None, {3: [0.25, 1.0]}]
    routing_alike.route_alike(((0, 5.0), (1, 10.0)), [2, 3, 4], [0.0, 0.0, 0.0], rows, True, adj, weights, ends,
                              [0.0] * 5, {i: i for i in range(5)}, list(range(7)), erl, sig)
    assert erl == [0.5, 0.5, 0.0, 0.25, 0.0, 0.25, 0.0]
    assert sig == [3.0, 3.0, 0.0, 1.0, 0.0, 1.0, 0.0]


def test_groups_need_the_same_neighbours_at_the_same_weights_and_enough_members():
    n = 200  # 2 hubs, 198 members: 100 on (5, 10), 60 on (5, 5), 38 on (10, 5)
    adj = [[] for _ in range(n)]
    weights = []
    for i in range(2, n):
        wa, wb = (5.0, 10.0) if i < 102 else (5.0, 5.0) if i < 162 else (10.0, 5.0)
        for hub, w in ((0, wa), (1, wb)):
            adj[hub].append((i, len(weights)))
            adj[i].append((hub, len(weights)))
            weights.append(w)
    groups = routing_alike.alike(adj, weights, list(range(2, n)))
    assert sorted(len(members) for _key, members in groups) == [38, 60, 100]
    assert routing_alike.alike(adj, weights, list(range(2, 5))) == []  # 3 alike: too few to group
    assert len(routing_alike.alike(adj, weights, list(range(2, 6)))) == 1  # 4 are enough
    assert routing_alike.alike(adj[:64], weights, list(range(2, 64))) == []  # a small block shares its trees
    assert [len(m) for _k, m in routing_alike.alike(adj[:64], weights, list(range(2, 64)), 2, 0)] == [62]


def _homed(seed: int, flat: bool = False) -> Design:
    """Branches each homed on two of a few hubs (sites or a cloud) by a few typed RTTs, the hubs meshed among
    themselves; a few branches with a tail beyond them (callers from beyond: routed one by one) or on a third hub;
    random users (some none), PSTN gateways and two clusters, so point flows come from the grouped branches too."""
    rnd = random.Random(seed)
    hubs = rnd.randint(2, 3)
    n = rnd.randint(300, 400)
    rtts = (10,) if flat else (5, 10)
    sites = [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": rnd.choice([0, 10, 20, 40]),
              "cucm_publisher": i in (0, 1), "cucm_subscribers": 1 if i == 0 else 0,
              "cluster_id": "c2" if i == 1 else "cluster-1", "pstn_gateway": i < hubs or rnd.random() < 0.2}
             for i in range(n)]
    clouds = [{"id": "wan"}] if hubs == 2 and rnd.random() < 0.5 else []
    ends = [f"s{h}" for h in range(hubs)] + [c["id"] for c in clouds]
    links = []

    def link(a: str, b: str) -> None:
        links.append({"id": f"l{len(links)}", "a": a, "b": b, "rtt_ms": rnd.choice(rtts)})

    for x in range(len(ends)):
        for y in range(x + 1, len(ends)):
            link(ends[x], ends[y])
    for i in range(hubs, n):
        if i > hubs + 20 and rnd.random() < 0.05:
            link(f"s{i - 1}", f"s{i}")  # a tail
            continue
        for end in rnd.sample(ends, 3 if rnd.random() < 0.05 and len(ends) > 2 else 2):
            link(f"s{i}", end)
    return Design.model_validate({"name": "homed", "sites": sites, "clouds": clouds, "links": links,
                                  "vpn": {"technology": "none"}})


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("seed", range(12))
def test_homed_branches_route_as_one_tree_per_source(seed, flat, monkeypatch):
    monkeypatch.setenv("ADVISOR_COMPILED", "0")  # the groups one at a time (the compiled ones: the test below)
    grouped = []
    real = routing_blocks.route_alike
    monkeypatch.setattr(routing_blocks, "route_alike", lambda key, members, *a: grouped.append(len(members))
                        or real(key, members, *a))
    design = _homed(seed, flat)
    fast, slow = _both(design, False, monkeypatch)
    assert grouped and sum(grouped) >= len(design.sites) // 3  # the grouped path ran, for many of the branches
    assert fast.method == slow.method
    assert fast.erlangs == pytest.approx(slow.erlangs, rel=1e-12, abs=1e-12)
    assert fast.signalling_kbps == pytest.approx(slow.signalling_kbps, rel=1e-12, abs=1e-12)
    assert [x == 0.0 for x in fast.erlangs] == [x == 0.0 for x in slow.erlangs]  # nothing where nothing flows
    assert [x == 0.0 for x in fast.signalling_kbps] == [x == 0.0 for x in slow.signalling_kbps]


@pytest.mark.parametrize("seed", range(3))
def test_the_compiled_groups_give_the_bits_of_the_interpreted_ones(seed, monkeypatch):
    # Every group of a block through routing_kernels.alike_group against route_alike one group at a time
    from advisor import routing_compiled

    if not routing_compiled.available():
        pytest.skip("the compiled loops need numba")
    design = _homed(seed, flat=seed == 2)
    paths = []
    real_compiled, real_one = routing_blocks.route_alike_compiled, routing_blocks.route_alike
    monkeypatch.setattr(routing_blocks, "route_alike_compiled", lambda *a: paths.append("compiled")
                        or real_compiled(*a))
    monkeypatch.setattr(routing_blocks, "route_alike", lambda *a: paths.append("one") or real_one(*a))
    monkeypatch.setattr(routing_compiled, "worth", lambda trees, *a, **k: trees > 1 and routing_compiled.available())
    compiled = demand.route_afresh(design, False).load
    assert paths and set(paths) == {"compiled"}
    paths.clear()
    monkeypatch.setenv("ADVISOR_COMPILED", "0")
    interpreted = demand.route_afresh(design, False).load
    assert paths and set(paths) == {"one"}
    assert compiled.erlangs == interpreted.erlangs
    assert compiled.signalling_kbps == interpreted.signalling_kbps
    slow = _both(design, False, monkeypatch)[1]
    assert compiled.erlangs == pytest.approx(slow.erlangs, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_compiled_and_interpreted_give_the_same_bits(seed, monkeypatch):
    from advisor import routing_compiled

    if not routing_compiled.available():
        pytest.skip("the compiled loops need numba")
    monkeypatch.setattr(routing_compiled, "MIN_NODES", 10)
    monkeypatch.setattr(routing_compiled, "MIN_NODES_HEAP", 10)
    design = _homed(seed)
    monkeypatch.setenv("ADVISOR_COMPILED", "1")
    compiled = demand.route_afresh(design, False).load
    monkeypatch.setenv("ADVISOR_COMPILED", "0")
    interpreted = demand.route_afresh(design, False).load
    assert compiled.erlangs == interpreted.erlangs
    assert compiled.signalling_kbps == interpreted.signalling_kbps


def test_the_shared_tree_is_the_search_from_each_member(monkeypatch):
    # The tree from the virtual node, less the member, is the member's own tree: same order and parents, up to
    # the member's own links (numbered after the block's there, its real links in its own search).
    design = _homed(4)
    graph = routing.Graph.of(design)
    adj, weights = graph.adj, graph.weights
    member = next(i for i in range(2, graph.n_sites) if len(adj[i]) == 2 and all(w < 3 for w, _k in adj[i]))
    key = tuple(sorted((w, weights[k]) for w, k in adj[member]))
    z = len(adj)
    virtual = [*adj, tuple((w, len(weights) + j) for j, (w, _wt) in enumerate(key))]
    search = level_tree if len(set(weights)) == 1 else lowest_tree
    shared = search(virtual, [*weights, *(wt for _w, wt in key)], z)
    own = search(adj, weights, member)
    assert [x for x in shared[0] if x not in (z, member)] == own[0][1:]
    own_links = {w: k for w, k in adj[member]}
    for x in own[0][1:]:
        k = shared[2][x]
        assert (own_links[x] if k >= len(weights) else k) == own[2][x]


def test_the_generated_dual_hub_routes_grouped_as_one_tree_per_source(monkeypatch):
    # The benchmark shape: every branch leased to both data centres at 10, 20 or 30 ms: nine groups.
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    design = generate(600, "dual-hub")
    monkeypatch.setenv("ADVISOR_COMPILED", "0")  # the groups one at a time, as where numba is not installed
    grouped = []
    real = routing_blocks.route_alike
    monkeypatch.setattr(routing_blocks, "route_alike", lambda key, members, *a: grouped.append(len(members))
                        or real(key, members, *a))
    fast, slow = _both(design, False, monkeypatch)
    assert len(grouped) == 9 and sum(grouped) == 598
    assert fast.erlangs == pytest.approx(slow.erlangs, rel=1e-12, abs=1e-12)
    assert [x == 0.0 for x in fast.erlangs] == [x == 0.0 for x in slow.erlangs]


@pytest.mark.parametrize("compiled", [False, True])
def test_the_generated_hub_pairs_route_grouped_as_one_tree_per_source(compiled, monkeypatch):
    # The benchmark shape: three regional hubs on an MPLS VPN, each branch on two neighbouring hubs at 10, 20 or
    # 30 ms: 27 groups, one at a time or all through the compiled loop, each equal to one search per source.
    import sys
    from pathlib import Path

    from advisor import routing_compiled

    if compiled and not routing_compiled.available():
        pytest.skip("the compiled loops need numba")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    design = generate(600, "hub-pairs")
    monkeypatch.setenv("ADVISOR_COMPILED", "1" if compiled else "0")
    monkeypatch.setattr(routing_compiled, "MIN_NODES_HEAP", 10)  # the groups' work is large enough to compile
    paths = []
    for name in ("route_alike", "route_alike_compiled"):
        real = getattr(routing_blocks, name)
        monkeypatch.setattr(routing_blocks, name, lambda *a, _real=real, _name=name: paths.append(_name)
                            or _real(*a))
    fast, slow = _both(design, False, monkeypatch)
    assert paths == (["route_alike_compiled"] if compiled else ["route_alike"] * 27)
    assert fast.erlangs == pytest.approx(slow.erlangs, rel=1e-12, abs=1e-12)
    assert fast.signalling_kbps == pytest.approx(slow.signalling_kbps, rel=1e-12, abs=1e-12)
    assert [x == 0.0 for x in fast.erlangs] == [x == 0.0 for x in slow.erlangs]
