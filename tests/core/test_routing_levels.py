"""The lean walk and sums of a large equal-weight block (`advisor.routing_levels`) against the general search and
sums they stand in for: the same trees and the same figures, bit for bit."""

from __future__ import annotations

import random

import pytest

from advisor import demand, routing_blocks, routing_levels
from advisor.model import Design
from advisor.routing_trees import HOP_MS, level_tree, lowest_tree, sum_up


@pytest.fixture(autouse=True)
def _interpreted(monkeypatch):
    """These are the interpreted walks: the compiled loops, once another test has loaded them, would take blocks
    of this size (tests/core/test_routing_kernels.py compares the two)."""
    monkeypatch.setenv("ADVISOR_COMPILED", "0")


@pytest.mark.parametrize("seed", range(12))
def test_the_same_tree_as_the_level_search_and_the_heap_search(random_graph, seed):
    rnd = random.Random(seed)
    n = rnd.randrange(2, 120)
    adj, ends = random_graph(rnd, n, extra=rnd.randrange(0, 2 * n), parallel=rnd.randrange(0, 5))
    weight = [rnd.choice([1.0, 20.0, 0.0, 7.5])] * len(ends)
    start = rnd.randrange(n)
    order, parent_edge, parent_node = routing_levels.level_parents(adj, start)
    for search in (level_tree, lowest_tree):
        want_order, _exact, want_parent, _best = search(adj, weight, start)
        assert order == want_order and parent_edge == want_parent, search.__name__
    for v in range(n):
        k = parent_edge[v]
        assert (parent_node[v] == -1) if k < 0 else (parent_node[v] in ends[k] and v in ends[k])


@pytest.mark.parametrize("seed", range(12))
def test_the_same_sums_bit_for_bit(random_graph, seed):
    rnd = random.Random(100 + seed)
    n = rnd.randrange(2, 150)
    adj, ends = random_graph(rnd, n, extra=rnd.randrange(0, n), parallel=rnd.randrange(0, 4))
    start = rnd.randrange(n)
    order, parent_edge, parent_node = routing_levels.level_parents(adj, start)
    erl = [rnd.random() * 10 ** rnd.randrange(-3, 4) for _ in range(n)]
    sig = [rnd.choice([0.0, 0.0, 0.0, rnd.random() * 50]) for _ in range(n)]  # mostly nothing, as in a design
    base_erl = [rnd.random() for _ in ends]
    base_sig = [rnd.choice([0.0, rnd.random()]) for _ in ends]
    got_erl, got_sig, acc_e, acc_s = list(base_erl), list(base_sig), list(erl), list(sig)
    routing_levels.sum_levels(order, parent_edge, parent_node, acc_e, acc_s, got_erl, got_sig)
    want_erl, want_sig, acc_e2, acc_s2 = list(base_erl), list(base_sig), list(erl), list(sig)
    sum_up(order, parent_edge, ends, acc_e2, acc_s2, want_erl, want_sig)
    assert got_erl == want_erl and got_sig == want_sig and acc_e == acc_e2 and acc_s == acc_s2
    assert sum(got_erl) != sum(base_erl) or n == 1  # something was carried


def test_keys_grow_as_the_search_adds_them():
    assert routing_levels.keys_grow(20.0, 10_000) and routing_levels.keys_grow(0.0, 10_000)
    # A weight so large that adding the per-hop cost to it changes nothing still grows the key by itself ...
    assert routing_levels.keys_grow(1e300, 3)
    # ... but one that overflows stops growing: inf + w is inf, and the general search must decide
    assert not routing_levels.keys_grow(1e308, 3)
    assert 1e308 + 1e308 + HOP_MS == float("inf")


def _block_with_tails(seed: int, n: int = 300) -> Design:
    """One large block (a ring with random chords, every RTT alike) and short trees hanging off it: the tails call
    across the block from beyond a bridge, so their trees need the offset check and keep the general search; PSTN
    gateways and two call-processing sites give point flows (hauled PSTN, signalling)."""
    rnd = random.Random(seed)
    tails = n // 10
    sites = [{"id": f"s{i}", "users": rnd.choice([0, 5, 10, 40]), "cucm_publisher": i in (0, 150),
              "cluster_id": "c2" if i == 150 else "cluster-1", "pstn_gateway": rnd.random() < 0.3}
             for i in range(n + tails)]
    links = [{"id": f"r{i}", "a": f"s{i}", "b": f"s{(i + 1) % n}"} for i in range(n)]
    links += [{"id": f"c{k}", "a": f"s{a}", "b": f"s{b}"}
              for k, (a, b) in enumerate(rnd.sample(range(n), 2) for _ in range(n // 6))]
    links += [{"id": f"t{t}", "a": f"s{rnd.randrange(n)}", "b": f"s{n + t}"} for t in range(tails)]
    links.append(dict(links[3], id="parallel"))
    return Design.model_validate({"name": "t", "sites": sites, "links": links, "vpn": {"technology": "none"}})


@pytest.mark.parametrize("seed", range(4))
def test_block_routing_equal_with_and_without_the_lean_pair(seed, monkeypatch):
    """The whole routing of a design with one large block (gravity, point flows, transit from the tails), with
    the lean pair and with the general search for every tree: the same loads, bit for bit."""
    design = _block_with_tails(seed)
    lean_calls, general_calls = [], []
    real_lean, real_general = routing_levels.level_parents, routing_blocks.level_tree
    with monkeypatch.context() as m:
        m.setattr(routing_blocks, "level_parents", lambda *a: lean_calls.append(1) or real_lean(*a))
        m.setattr(routing_blocks, "level_tree", lambda *a: general_calls.append(1) or real_general(*a))
        lean = demand.route_afresh(design, False).load
    assert lean.method == "shortest paths" and lean_calls and general_calls  # both paths ran
    monkeypatch.setattr(routing_blocks, "keys_grow", lambda *_a: False)
    general = demand.route_afresh(design, False).load
    assert lean.erlangs == general.erlangs and lean.signalling_kbps == general.signalling_kbps
    assert any(general.signalling_kbps) and all(x > 0 for x in general.erlangs[:300])
