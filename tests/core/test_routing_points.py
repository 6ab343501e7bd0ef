"""Point flows over the block tree, per destination over the blocks its flows cross only (`routing_points`): the
same loads, the same sends (in the same order, to the last bit) as the whole tree turned round to hang from each
destination, written here as the reference; on forests of blocks, deep chains of blocks and stars of them."""

from __future__ import annotations

import random

import pytest

from advisor.routing_points import BlockTree


def _forest(seed: int):
    """Random block forest: per block 1-3 nodes, blocks joined by bridges (edge numbers in a shuffled order), some
    parts not joined at all. Returns (comp per node, tree_adj, node count, bridge count)."""
    rnd = random.Random(seed)
    n_blocks = rnd.randint(1, 60)
    comp, members = [], []
    for c in range(n_blocks):
        members.append([])
        for _ in range(rnd.randint(1, 3)):
            members[c].append(len(comp))
            comp.append(c)
    shape = rnd.choice(("chain", "star", "random"))
    joins = []
    for c in range(1, n_blocks):
        if rnd.random() < 0.08:
            continue  # a separate part
        p = c - 1 if shape == "chain" else 0 if shape == "star" else rnd.randrange(c)
        joins.append((p, c))
    numbers = list(range(len(joins)))
    rnd.shuffle(numbers)
    bridges = sorted((e, rnd.choice(members[p]), rnd.choice(members[c])) for e, (p, c) in zip(numbers, joins, strict=True))
    tree_adj = [[] for _ in range(n_blocks)]
    for e, u, v in bridges:  # in edge order, as block_loads lists them
        tree_adj[comp[u]].append((comp[v], e, u, v))
        tree_adj[comp[v]].append((comp[u], e, v, u))
    return rnd, comp, tree_adj, len(comp), len(bridges)


def _reference(t, flows, comp, tree_adj, sends, transit, edge_erl, edge_sig) -> None:
    """The block tree turned round to hang from t's block, breadth first, summed in reverse."""
    root = comp[t]
    up, exit_node, order = {}, {root: t}, [root]
    for c in order:
        for d, e, a, b in tree_adj[c]:
            if d not in exit_node:
                exit_node[d] = b
                up[d] = (c, e, a, b)
                order.append(d)
    f_erl, f_sig = {}, {}

    def send(src, dst, erl, sig):
        if src != dst and (erl != 0.0 or sig != 0.0):
            rows = sends[src] if sends[src] is not None else sends.__setitem__(src, {}) or sends[src]
            row = rows.setdefault(dst, [0.0, 0.0])
            row[0] += erl
            row[1] += sig

    for s, erl, sig in flows:
        c = comp[s]
        if c in exit_node:
            send(s, exit_node[c], erl, sig)
            f_erl[c] = f_erl.get(c, 0.0) + erl
            f_sig[c] = f_sig.get(c, 0.0) + sig
    for c in reversed(order):
        erl, sig = f_erl.get(c, 0.0), f_sig.get(c, 0.0)
        if c == root or (erl == 0.0 and sig == 0.0):
            continue
        parent, e, entry, _end = up[c]
        edge_erl[e] += erl
        edge_sig[e] += sig
        if entry != exit_node[parent]:
            send(entry, exit_node[parent], erl, sig)
            transit[entry] = True
        f_erl[parent] = f_erl.get(parent, 0.0) + erl
        f_sig[parent] = f_sig.get(parent, 0.0) + sig


def _rooted(tree_adj, most):
    rooted = BlockTree(tree_adj)
    if most is not None:
        rooted.most = most  # 0: every destination walks the whole tree; a large number: every one climbs
    return rooted


@pytest.mark.parametrize("most", [None, 0, 3, 10**9])
@pytest.mark.parametrize("seed", range(60))
def test_the_same_sums_in_the_same_order_as_the_whole_tree_per_destination(seed, most):
    rnd, comp, tree_adj, n_nodes, n_bridges = _forest(seed)
    by_dst = {}
    for _ in range(rnd.randint(1, 80)):  # awkward values, so that a different order of additions shows
        flow = (rnd.randrange(n_nodes), rnd.choice((0.0, 0.1, 1e-9, 3.7, 1e6 / 3)), rnd.choice((0.0, 0.3, 7e-7)))
        by_dst.setdefault(rnd.randrange(n_nodes), []).append(flow)
    results = []
    for route in (_rooted(tree_adj, most).route, lambda *args: _reference(*args[:3], tree_adj, *args[3:])):
        sends, transit = [None] * n_nodes, [False] * n_nodes
        edge_erl, edge_sig = [0.0] * n_bridges, [0.0] * n_bridges
        for t, flows in by_dst.items():
            route(t, flows, comp, sends, transit, edge_erl, edge_sig)
        results.append((edge_erl, edge_sig, [None if r is None else list(r.items()) for r in sends], transit))
    assert results[0] == results[1]


def test_the_forests_cross_bridges():
    """The random forests above do carry flows over bridges and on through blocks (so the comparison means something)."""
    crossed = passed = 0
    for seed in range(60):
        rnd, comp, tree_adj, n_nodes, n_bridges = _forest(seed)
        sends, transit, edge_erl, edge_sig = [None] * n_nodes, [False] * n_nodes, [0.0] * n_bridges, [0.0] * n_bridges
        rooted = BlockTree(tree_adj)
        for _ in range(20):
            rooted.route(rnd.randrange(n_nodes), [(rnd.randrange(n_nodes), 1.0, 1.0)], comp, sends, transit, edge_erl,
                         edge_sig)
        crossed += sum(x > 0 for x in edge_erl)
        passed += sum(transit)
    assert crossed > 300 and passed > 100


def test_a_source_in_another_part_sends_nothing():
    tree_adj = [[(1, 0, 0, 1)], [(0, 0, 1, 0)], []]  # blocks 0 – 1 joined by a bridge 0 – 1, block 2 alone
    comp = [0, 1, 1, 2]  # nodes 1 and 2 in block 1
    sends, transit, edge_erl, edge_sig = [None] * 4, [False] * 4, [0.0], [0.0]
    BlockTree(tree_adj).route(0, [(3, 5.0, 1.0), (2, 2.0, 0.5)], comp, sends, transit, edge_erl, edge_sig)
    assert edge_erl == [2.0] and edge_sig == [0.5]
    assert sends == [None, None, {1: [2.0, 0.5]}, None]  # node 2 sends to the bridge's end; node 3 reaches nothing
