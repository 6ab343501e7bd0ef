"""Many trees of a large equal-weight block walked and summed together (`advisor.routing_levels_batch`), against the
one-tree-at-a-time pair they replace: the same figures, bit for bit, in the same order of additions."""

from __future__ import annotations

import random

import pytest

from advisor import demand, routing_blocks, routing_levels, routing_levels_batch
from advisor.routing_trees import HOP_MS, level_tree
from tests.core.conftest import _random_graph as _graph
from tests.core.test_routing_levels import _block_with_tails


@pytest.fixture(autouse=True)
def _interpreted(monkeypatch):
    """These are the interpreted walks: the compiled loops, once another test has loaded them, would take blocks
    of this size (tests/core/test_routing_kernels.py compares the two)."""
    monkeypatch.setenv("ADVISOR_COMPILED", "0")


def _case(seed: int):
    rnd = random.Random(seed)
    n = rnd.randrange(2, 90)
    adj, ends = _graph(rnd, n, extra=rnd.randrange(0, 3 * n), parallel=rnd.randrange(0, 6))
    glob = rnd.sample(range(len(ends) + 10), len(ends))  # the block's edges numbered within a larger graph
    lean = [tuple((w, glob[k]) for w, k in row) for row in adj]
    sources = sorted(rnd.sample(range(n), rnd.randrange(1, n + 1)))
    rates = [rnd.choice([0.0, rnd.random(), rnd.random() * 1e-3]) for _ in sources]
    dest_u = [rnd.choice([0.0, 1.0, 7.0, rnd.random() * 100]) for _ in range(n)]
    local = {100 + v: v for v in range(n)}  # node numbers of the whole graph -> the block's
    rows = [None if rnd.random() < 0.3 else {100 + d: [rnd.random(), rnd.choice([0.0, rnd.random() * 40])]
                                             for d in rnd.sample(range(n), rnd.randrange(1, 4))} for _ in sources]
    base_erl = [rnd.choice([0.0, rnd.random()]) for _ in range(len(ends) + 10)]
    base_sig = [rnd.choice([0.0, rnd.random()]) for _ in range(len(ends) + 10)]
    return lean, glob, sources, rates, dest_u, local, rows, base_erl, base_sig


def _one_at_a_time(lean, sources, rates, dest_u, local, rows, edge_erl, edge_sig) -> None:
    for source, rate, flows in zip(sources, rates, rows, strict=True):
        acc_erl = [rate * u for u in dest_u] if rate != 0.0 else [0.0] * len(dest_u)
        acc_sig = [0.0] * len(dest_u)
        for dst, (erl, sig) in (flows or {}).items():
            acc_erl[local[dst]] += erl
            acc_sig[local[dst]] += sig
        order, parent_edge, parent_node = routing_levels.level_parents(lean, source)
        routing_levels.sum_levels(order, parent_edge, parent_node, acc_erl, acc_sig, edge_erl, edge_sig)


@pytest.mark.parametrize("seed", range(30))
def test_a_batch_adds_what_the_trees_add_one_at_a_time(seed):
    lean, glob, sources, rates, dest_u, local, rows, base_erl, base_sig = _case(seed)
    want_erl, want_sig = list(base_erl), list(base_sig)
    _one_at_a_time(lean, sources, rates, dest_u, local, rows, want_erl, want_sig)
    got_erl, got_sig = list(base_erl), list(base_sig)
    routing_levels_batch.route_batch(routing_levels_batch.Block(lean, glob), sources, rates, dest_u, rows, local,
                                     got_erl, got_sig)
    assert got_erl == want_erl and got_sig == want_sig  # ==: every float the same, not approximately
    assert got_erl != base_erl or not any(rates)


def test_the_batch_size_keeps_memory_bounded():
    ring = [((i - 1) % 5000, (i + 1) % 5000) for i in range(5000)]
    lean = [((a, i), (b, (i + 1) % 5000)) for i, (a, b) in enumerate(ring)]
    block = routing_levels_batch.Block(lean, list(range(5000)))
    assert block.batch_size() * 5000 <= routing_levels_batch.BATCH_CELLS < (block.batch_size() + 1) * 5000


@pytest.mark.parametrize("seed", range(8))
def test_no_offset_proof_can_fail_where_the_block_says_so(seed):
    """Where `proof_holds_for_every_tree` lets transit trees skip the check, the check itself passes on every tree."""
    rnd = random.Random(seed)
    n = rnd.randrange(3, 80)
    adj, ends = _graph(rnd, n, extra=rnd.randrange(1, 2 * n), parallel=rnd.randrange(0, 3))
    w = rnd.choice([1.0, 10.0, 150.0, 0.001])
    weights = [w] * len(ends)
    span = 2.0 * sum(weights) + 2.0 * HOP_MS * len(weights) + 1.0
    assert routing_blocks.proof_holds_for_every_tree(w, n, span)
    for start in range(n):
        order, _exact, parent, best = level_tree(adj, weights, start)
        assert routing_blocks._offset_proof(adj, weights, ends, order, parent, best, span)
    # a span so large that the proof's margin reaches the per-hop gap: the shortcut is refused
    assert not routing_blocks.proof_holds_for_every_tree(0.0, n, 1e12)


@pytest.mark.parametrize("seed", range(4))
def test_design_routing_equal_with_batches_and_one_tree_at_a_time(seed, monkeypatch):
    design = _block_with_tails(seed)
    batches = []
    real = routing_levels_batch.route_batch
    with monkeypatch.context() as m:
        m.setattr(routing_blocks, "BATCH_MIN_NODES", 0)
        m.setattr(routing_levels_batch, "BATCH_CELLS", 40 * 330)  # several batches of about 40 sources
        m.setattr(routing_levels_batch, "route_batch", lambda *a: batches.append(len(a[1])) or real(*a))
        batched = demand.route_afresh(design, False).load
    assert len(batches) > 3 and sum(batches) > 200  # most of the 330 sites send calls
    monkeypatch.setattr(routing_blocks, "keys_grow", lambda *_a: False)  # every tree by the general search
    general = demand.route_afresh(design, False).load
    assert batched.erlangs == general.erlangs and batched.signalling_kbps == general.signalling_kbps


# Each level of a batch is found one of three ways (already in key order; a stable sort; marks and the least candidate
# per node), over padded adjacency rows or packed slots: every way, forced, gives the one-at-a-time figures.
WAYS = {"sort, packed": (0, 0.0), "marks, packed": (10**9, 0.0), "sort, padded": (0, 100.0),
        "marks, padded": (10**9, 100.0)}


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("seed", range(12))
def test_every_way_of_finding_a_level_adds_what_the_trees_add(seed, way, monkeypatch):
    dense, padded = WAYS[way]
    monkeypatch.setattr(routing_levels_batch, "DENSE_LEVEL", dense)
    monkeypatch.setattr(routing_levels_batch, "PADDED_SLOTS", padded)
    lean, glob, sources, rates, dest_u, local, rows, base_erl, base_sig = _case(100 + seed)
    block = routing_levels_batch.Block(lean, glob)
    assert (block.padded is not None) == (padded > 0.0)
    want_erl, want_sig = list(base_erl), list(base_sig)
    _one_at_a_time(lean, sources, rates, dest_u, local, rows, want_erl, want_sig)
    got_erl, got_sig = list(base_erl), list(base_sig)
    routing_levels_batch.route_batch(block, sources, rates, dest_u, rows, local, got_erl, got_sig)
    assert got_erl == want_erl and got_sig == want_sig


def _ring_with_chords(n: int, chords: list[tuple[int, int]]):
    ends = [(i, (i + 1) % n) for i in range(n)] + chords
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for k, (a, b) in enumerate(ends):
        adj[a].append((b, k))
        adj[b].append((a, k))
    return [tuple(row) for row in adj], ends


@pytest.mark.parametrize("shape", ["ring", "ring with a doubled link and a chord", "star over a ring"])
def test_a_ring_every_source_with_flows_everywhere(shape):
    """Long walks whose levels mostly come in key order already, the two ends of a ring meeting half way; a doubled
    link (its first slot is the parent edge); a hub whose degree leaves the rows packed, not padded."""
    n = 41
    chords = {"ring": [], "ring with a doubled link and a chord": [(5, 6), (0, 20)],
              "star over a ring": [(0, v) for v in range(2, n - 1)]}[shape]
    lean, ends = _ring_with_chords(n, chords)
    glob = list(range(len(ends)))
    block = routing_levels_batch.Block(lean, glob)
    assert (block.padded is None) == (shape == "star over a ring")
    sources = list(range(n))
    rates = [0.5 + v / 7 for v in sources]
    dest_u = [float(v % 5) for v in range(n)]
    local = {v: v for v in range(n)}
    rows = [{(s + 3) % n: [0.25, 1.5], s: [9.0, 9.0]} if s % 3 else None for s in sources]  # one flow to itself
    want_erl, want_sig = [0.1] * len(ends), [0.0] * len(ends)
    _one_at_a_time(lean, sources, rates, dest_u, local, rows, want_erl, want_sig)
    got_erl, got_sig = [0.1] * len(ends), [0.0] * len(ends)
    routing_levels_batch.route_batch(block, sources, rates, dest_u, rows, local, got_erl, got_sig)
    assert got_erl == want_erl and got_sig == want_sig
    assert sum(x > 0.1 for x in got_erl) >= n - 1 and sum(got_sig) > 0.0
