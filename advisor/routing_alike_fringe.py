"""`routing_alike.route_alike`'s sums over a shared tree made by hubs and arrays (`advisor.routing_fringe`).

Branches dual-homed to two data centres fall in a few groups of alike sites (one per pair of round-trip times), and
each group's tree reaches every branch of the design. `route_alike` carries the calls up such a tree node by node in
reverse settle order (~15 ms a group at 10,000 sites). In a tree made by `routing_fringe`, every fringe node is a
leaf hanging off a hub: what it sends up its link is its own demand, so the leaves' links take their figures at once,
and each core node's sum is its own demand plus its children's, added one by one in the very order the node-by-node
pass adds them (reverse settle order, a C-level `reduce` per node over the leaves sorted by position, with the core
children merged in at theirs). The same additions of the same numbers in the same order: the figures are
`route_alike`'s bit for bit (tests/core/test_routing_fringe.py compares the two on generated blocks).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import deque
from functools import reduce
from operator import add

from advisor.routing_alike_sums import branches, demands, own_links


def route_fringe(found, key_start: int, members: list[int], rates: list[float], rows: list[dict | None],
                 block_adj, block_ends, dest_u: list[float], local: dict[int, int], glob: list[int],
                 edge_erl: list[float], edge_sig: list[float]) -> None:
    """`route_alike`'s additions to `edge_erl` / `edge_sig` for one group over `found` (`routing_fringe.Found`,
    the group's shared tree; `key_start`: the number of the block's first virtual link, its edge count)."""
    import numpy as np

    n, k0 = len(block_adj), key_start
    acc_erl, acc_sig = demands(members, rates, rows, dest_u, local, n)

    core_order, parent = found.core_order, found.core_parent
    leaves, hubs, edges = found.leaves, found.leaf_hub, found.leaf_edge
    # The leaves' links: each carries its leaf's own figures (a leaf has no children); one addition per link, by
    # C-level passes (each link once)
    leaf_list = leaves.tolist()
    leaf_erl = list(map(acc_erl.__getitem__, leaf_list))
    leaf_sig = list(map(acc_sig.__getitem__, leaf_list))
    links = list(map(glob.__getitem__, edges.tolist()))
    deque(map(edge_erl.__setitem__, links, map(add, map(edge_erl.__getitem__, links), leaf_erl)), 0)
    deque(map(edge_sig.__setitem__, links, map(add, map(edge_sig.__getitem__, links), leaf_sig)), 0)
    # Each hub's leaves, latest settled first (the node-by-node pass meets them in reverse settle order)
    position = np.empty(n + 1, dtype=np.int64)
    position[found.order] = np.arange(len(found.order), dtype=np.int64)
    leaf_pos = position[leaves]
    by = np.lexsort((-leaf_pos, hubs))
    hub_sorted = hubs[by]
    cut = (np.flatnonzero(hub_sorted[1:] != hub_sorted[:-1]) + 1).tolist()
    starts, ends = [0, *cut], [*cut, len(by)]
    seg = dict(zip(hub_sorted[starts].tolist(), zip(starts, ends, strict=True), strict=True)) if len(by) else {}
    by_list = by.tolist()
    sorted_erl = list(map(leaf_erl.__getitem__, by_list))
    sorted_sig = list(map(leaf_sig.__getitem__, by_list))
    sorted_users = list(map(dest_u.__getitem__, leaves[by].tolist()))
    back_pos = (-leaf_pos[by]).tolist()  # ascending within each hub's run
    reach = [*dest_u, 0.0]  # users each node's subtree reaches (core nodes: set below)
    kids: dict[int, list[tuple[int, float, float, float]]] = {}  # core node -> its core children's sums
    for x in reversed(core_order):
        a, b = seg.get(x, (0, 0))
        seq_e, seq_s, seq_r = sorted_erl[a:b], sorted_sig[a:b], sorted_users[a:b]
        for p, erl, sig, users in sorted(kids.get(x, ()), reverse=True):  # a few: each put in at its position
            at = bisect_left(back_pos, -p, a, b) - a + len(seq_e) - (b - a)
            seq_e.insert(at, erl)
            seq_s.insert(at, sig)
            seq_r.insert(at, users)
        erl = reduce(add, seq_e, acc_erl[x])
        sig = reduce(add, seq_s, acc_sig[x])
        reach[x] = reduce(add, seq_r, reach[x])
        k = parent[x]
        if k < 0 or k >= k0:
            continue
        e = glob[k]
        edge_erl[e] += erl
        edge_sig[e] += sig
        a, b = block_ends[k]
        up = a if b == x else b
        kids.setdefault(up, []).append((int(position[x]), erl, sig, reach[x]))

    branch = branches(core_order, parent, block_ends, k0, n)  # the leaves take their hub's below
    by_node = np.array(branch, dtype=np.int64)
    by_node[leaves] = by_node[hubs]
    branch = by_node.tolist()

    own_links(members, rates, rows, block_adj, branch, parent, reach, dest_u, local, glob, k0, edge_erl, edge_sig)


__all__ = ["route_fringe"]
