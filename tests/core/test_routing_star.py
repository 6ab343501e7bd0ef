"""A block held together by one hub (sites on one cloud, a few with backup leased lines among them) is routed part by
part (`advisor.routing_star`): the loads are the per-source trees' sums within floating-point rounding, exactly 0 where
no tree loads a link, whether each part's tree from the hub holds at every distance or its callers go by distance."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from advisor import routing_blocks, routing_compiled, routing_fringe, routing_star
from advisor.analysis import analyse
from advisor.routing_graph import graph_of
from advisor.routing_levels import demands
from advisor.routing_trees import HOP_MS, heap_search, lowest_tree, sum_up
from tests.core.block_demand import adjacency, random_demand
from tests.core.same_figures import same_within_rounding

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402
from varied import vary  # noqa: E402


def _star(rnd: random.Random, n_parts: int):
    """(adjacency, edge ends, hub): parts of 1-6 nodes, each a random tree with a chord or two, every part node on the
    hub with probability 0.6 (at least one per part, some twice over: parallel links); node numbers shuffled, edges
    numbered at random, adjacency lists in a random order."""
    sizes = [rnd.choice((1, 1, 2, 2, 3, 4, 6)) for _ in range(n_parts)]
    n = 1 + sum(sizes)
    numbers = list(range(n))
    rnd.shuffle(numbers)
    hub, rest = numbers[0], numbers[1:]
    pairs = []
    for size in sizes:
        part, rest = rest[:size], rest[size:]
        for i in range(1, size):
            pairs.append((part[i], part[rnd.randrange(i)]))
        if size > 2 and rnd.random() < 0.5:
            pairs.append(tuple(rnd.sample(part, 2)))
        on_hub = [v for v in part if rnd.random() < 0.6] or [rnd.choice(part)]
        for v in on_hub:
            pairs.append((v, hub) if rnd.random() < 0.5 else (hub, v))
            if rnd.random() < 0.1:
                pairs.append((hub, v))
    return adjacency(rnd, n, pairs), pairs, hub


def _weights(rnd: random.Random, pairs, style: str) -> list[float]:
    if style == "typed":  # equal sums by different links everywhere
        return [rnd.choice((5.0, 10.0, 15.0, 20.0, 30.0)) for _ in pairs]
    if style == "tenths":  # sums that tie in decimals and round apart in binary
        return [rnd.choice((0.1, 0.2, 0.3, 0.7)) for _ in pairs]
    if style == "zero":
        return [rnd.choice((0.0, 0.0, 1.0)) for _ in pairs]
    return [round(rnd.uniform(1, 300), 2) for _ in pairs]


STYLES = ("typed", "tenths", "zero", "varied")


def _span(weights: list[float]) -> float:
    return 2.0 * sum(weights) + 2.0 * HOP_MS * len(weights) + 1.0  # as `routing_blocks.block_loads` bounds it


def _proof(span: float, seen: list[bool] | None = None):
    def proof(*tree):
        holds = routing_blocks._offset_proof(*tree, span)
        if seen is not None:
            seen.append(holds)
        return holds
    return proof


def _per_source(adj, weights, pairs, dest_u, sources, local):
    want_erl, want_sig = [0.0] * len(pairs), [0.0] * len(pairs)
    for node, rate, rows, origin in sources:
        order, _exact, parent, _best = heap_search(adj, weights, node, origin)
        sum_up(order, parent, pairs, *demands(rate, dest_u, rows, local), want_erl, want_sig)
    return want_erl, want_sig


def _same(got, want, label) -> None:
    for k in range(len(want[0])):
        for g, w in ((got[0][k], want[0][k]), (got[1][k], want[1][k])):
            assert g == pytest.approx(w, rel=1e-9, abs=1e-300), (label, k)
            assert (g == 0.0) == (w == 0.0), (label, k)  # an unloaded link stays exactly 0


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr(routing_star, "MIN_NODES", 10)


@pytest.mark.parametrize("seed", range(80))
def test_the_sums_are_the_trees_sums(seed, small_blocks):
    """Sources of every kind, some twice over: their own calls, and callers beyond them at a distance of their own,
    at the hub and in the parts."""
    rnd = random.Random(seed)
    adj, pairs, hub = _star(rnd, rnd.choice((8, 20, 60)))
    weights = _weights(rnd, pairs, STYLES[seed % len(STYLES)])
    star = routing_star.shape(adj)
    assert star is not None and star.hub == hub
    n = len(adj)
    local, dest_u, own = random_demand(rnd, n)
    sources = [(*source, 0.0) for source in own]
    for i in range(n):
        if rnd.random() < 0.2:  # callers beyond the node, reaching it at a distance of their own
            sources.append((i, rnd.choice((1e-4, 0.05)), None, rnd.choice((5.000001, 12.5, 0.1, 0.3))))
    want = _per_source(adj, weights, pairs, dest_u, sources, local)
    span = _span(weights)
    seen: list[bool] = []
    got = routing_star.loads(star, adj, weights, pairs, len(pairs), dest_u, sources, local, _proof(span, seen))
    assert got is not None
    _same(got, want, seed)


@pytest.mark.parametrize("seed", range(40))
def test_callers_by_distance_where_no_tree_holds_from_every_distance(seed, small_blocks):
    """With no part's tree from the hub trusted at other distances, every group of callers at the same distance takes a
    tree of its own: the same sums."""
    rnd = random.Random(500 + seed)
    adj, pairs, _hub = _star(rnd, rnd.choice((8, 30)))
    weights = _weights(rnd, pairs, STYLES[seed % len(STYLES)])
    star = routing_star.shape(adj)
    local, dest_u, own = random_demand(rnd, len(adj))
    sources = [(*source, rnd.choice((0.0, 0.0, 2.5))) for source in own]
    want = _per_source(adj, weights, pairs, dest_u, sources, local)
    got = routing_star.loads(star, adj, weights, pairs, len(pairs), dest_u, sources, local, lambda *tree: False)
    _same(got, want, seed)


def test_the_proof_fails_where_equal_sums_differ_in_their_links(small_blocks):
    """A part whose far node the hub reaches by 10 + 20 ms and by 20 + 10 ms: the two sums can round apart from a
    distance, so that part's callers go by distance; the other parts keep one tree."""
    rows: list[list[tuple[int, int]]] = [[] for _ in range(14)]
    pairs, weights = [], []

    def link(u, v, w):
        rows[u].append((v, len(pairs)))
        rows[v].append((u, len(pairs)))
        pairs.append((u, v))
        weights.append(w)

    hub = 0
    link(hub, 1, 10.0)
    link(hub, 2, 20.0)
    link(1, 3, 20.0)
    link(2, 3, 10.0)  # node 3: 10 + 20 or 20 + 10
    for v in range(4, 14):
        link(hub, v, 15.0)
    adj = [tuple(row) for row in rows]
    star = routing_star.shape(adj)
    assert star is not None and star.hub == hub and len(star.parts) == 11
    local = {v: v for v in range(14)}
    dest_u = [float(v % 3 + 1) for v in range(14)]
    sources = [(v, 0.01, None, 0.0) for v in range(14)] + [(5, 0.2, None, 0.3), (hub, 0.5, {3: [1.0, 8.0]}, 0.7)]
    seen: list[bool] = []
    got = routing_star.loads(star, adj, weights, pairs, len(pairs), dest_u, sources, local,
                             _proof(_span(weights), seen))
    assert False in seen and True in seen
    _same(got, _per_source(adj, weights, pairs, dest_u, sources, local), "sequences")


def test_past_the_budget_the_trees_are_searched(small_blocks, monkeypatch):
    rnd = random.Random(3)
    adj, pairs, _hub = _star(rnd, 30)
    weights = _weights(rnd, pairs, "varied")
    star = routing_star.shape(adj)
    local, dest_u, own = random_demand(rnd, len(adj))
    sources = [(*source, 0.0) for source in own]
    monkeypatch.setattr(routing_star, "TREES_MAX", 0)
    assert routing_star.loads(star, adj, weights, pairs, len(pairs), dest_u, sources, local,
                              lambda *tree: False) is None


def test_only_a_hub_with_small_parts_is_this_shape(small_blocks, monkeypatch):
    rnd = random.Random(4)
    adj, _pairs, hub = _star(rnd, 20)
    rows = adj
    star = routing_star.shape(rows)
    assert star.hub == hub
    assert sorted(v for part in star.parts for v in part) == [v for v in range(len(rows)) if v != hub]
    assert all(star.part_of[v] == p for p, part in enumerate(star.parts) for v in part)
    ring = [[((v - 1) % 40, (v - 1) % 40), ((v + 1) % 40, v)] for v in range(40)]
    assert routing_star.shape(ring) is None  # no node holds the rest together: one part of 39
    monkeypatch.setattr(routing_star, "PART_MAX", max(map(len, star.parts)) - 1)
    assert routing_star.shape(rows) is None  # a part too large
    monkeypatch.setattr(routing_star, "PART_MAX", 64)
    monkeypatch.setattr(routing_star, "MIN_NODES", len(rows) + 1)
    assert routing_star.shape(rows) is None  # a block too small to be worth it


@pytest.mark.parametrize(("sites", "varied"), [(1500, False), (1501, True), (1200, True)])
def test_a_design_analysed_either_way_has_the_same_figures(sites, varied, monkeypatch):
    """Sites on an MPLS VPN, every fifth with a backup leased line to an earlier site: one block of the cloud and the
    sites with lines, in many small parts. Round-trip times typed or all different."""
    design = generate(sites, "backup-lines")
    if varied:
        design = vary(design, seed=sites)
    parts = []
    real = routing_star.loads
    with monkeypatch.context() as patch:
        patch.setattr(routing_star, "loads", lambda *a: parts.append(len(a[0].parts)) or real(*a))
        fast = analyse(design)
    assert parts and min(parts) >= 50
    with monkeypatch.context() as patch:
        patch.setattr(routing_star, "MIN_NODES", 10**9)
        slow = analyse(design.model_copy(deep=True))
    same_within_rounding(fast, slow)


def test_the_sizing_of_such_a_block_loads_no_compiled_loops():
    """Whether the sizing searches a large block's trees (and so loads the compiled loops): not for a hub with small
    parts."""
    graph = graph_of(generate(1500, "backup-lines"))
    largest = max(routing_blocks.blocks(graph)[2], key=len)
    assert len(largest) >= routing_star.MIN_NODES
    assert routing_blocks.summed_at_once(graph, largest)


def test_a_search_whose_fringe_relays_gives_the_heaps_lists_and_stops_trying(monkeypatch):
    """Sites on one cloud whose backup lines relay between the cloud and other sites: the fringe search's check fails
    (a fringe node offers a hub less than it has); after FAILS_MAX such failures on the same graph the heap runs at
    once. The lists are the heap search's either way."""
    graph = graph_of(generate(2000, "backup-lines"))
    adj, weight = graph.adj, [e[2] for e in graph.edges]
    routing_fringe.forget()
    tries = []
    real = routing_fringe._hops_grow
    monkeypatch.setattr(routing_fringe, "_hops_grow", lambda *a: tries.append(1) or real(*a))
    monkeypatch.setattr(routing_fringe, "worth", lambda nodes, trees: True)
    monkeypatch.setattr(routing_compiled, "tree_lists", lambda *a: None)  # (loaded by earlier tests: not asked here)
    for start in (3, 7, 11, 13, 17):
        assert lowest_tree(adj, weight, start) == heap_search(adj, weight, start)
    assert len(tries) == routing_fringe.FAILS_MAX


def test_such_a_wan_is_analysed_without_importing_numpy():
    """Neither routing of a large WAN of this shape needs numpy: the direct one goes block by block (the block
    arrays take small blocks only), the hub one sums its one tree as fast without it as numpy's import costs (~0.1 s
    of a 0.9 s `check --json` at 10,000 sites)."""
    import subprocess

    code = ("import sys; sys.path.insert(0, 'benchmarks'); from generate import generate; "
            "from advisor.analysis import analyse; from advisor import routing_graph; "
            "design = generate(9000, 'backup-lines'); "
            "assert routing_graph.graph_of(design).n_nodes >= routing_graph._IMPORT_MIN; "
            "analyse(design); print('numpy' in sys.modules)")
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         cwd=Path(__file__).resolve().parents[2])
    assert got.returncode == 0, got.stderr
    assert got.stdout.strip() == "False"
