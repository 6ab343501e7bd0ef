"""One source's tree and sums inside a large meshed block whose links all weigh the same, in one lean pass.

A ring, a grid or a random partial mesh of thousands of sites, drawn with the round-trip times left alike, is one
block: it is routed by one tree per sending node (`routing_blocks._route_block`), so this pair of loops runs once per
site over every site. `routing_trees.level_tree` followed by `routing_trees.sum_up` does it with the general lists
(ordering and exact distances per node, parent edges mapped to the whole graph's numbers and back to their ends);
here the walk keeps only what the sums read, and the sums skip the signalling column where it holds nothing.

The same trees and the same figures, bit for bit (tests/core/test_routing_levels.py):

- with equal weights every node L links away has the same ordering distance, which grows with L, so the search
  settles the nodes level by level, each level by node number, and a node's parent is its first neighbour (by
  number) on the level before (`level_tree`'s own argument). `keys_grow` checks, once per block, that the distance
  does grow at every level, with the very additions the search makes; where it does not (an absurd weight that
  swallows the per-hop cost) the caller keeps the general search;
- the sums add the same terms in the same order as `sum_up`. A signalling term of zero is not added: x + 0.0 is x.
"""

from __future__ import annotations

from advisor.routing_trees import HOP_MS


def keys_grow(weight: float, levels: int) -> bool:
    """True when the search's ordering distance, built as it builds it (previous + weight + hop), grows strictly at
    each of `levels` levels."""
    key = 0.0
    for _ in range(levels):
        nxt = key + weight + HOP_MS
        if not nxt > key:
            return False
        key = nxt
    return True


def level_parents(adj: list[tuple[tuple[int, int], ...]], start: int) -> tuple[list[int], list[int], list[int]]:
    """(nodes in settle order, parent edge per node, parent node per node; -1 at the start and where unreached)
    of the equal-weight search from `start` over `adj` (node -> ((neighbour, edge number), ...)): breadth first,
    each level sorted by node number, each node's parent its first neighbour met on the level before."""
    n = len(adj)
    seen = bytearray(n)
    seen[start] = 1
    parent_edge = [-1] * n
    parent_node = [-1] * n
    order = [start]
    level = [start]
    while level:
        following: list[int] = []
        add = following.append
        for u in level:
            for v, k in adj[u]:
                if not seen[v]:
                    seen[v] = 1
                    parent_edge[v] = k
                    parent_node[v] = u
                    add(v)
        following.sort()
        order.extend(following)
        level = following
    return order, parent_edge, parent_node


def sum_levels(order: list[int], parent_edge: list[int], parent_node: list[int], acc_erl: list[float],
               acc_sig: list[float], edge_erl: list[float], edge_sig: list[float]) -> None:
    """`routing_trees.sum_up` over a `level_parents` tree whose edge numbers are those of `edge_erl`: each node's
    demand carried to its parent, in reverse settle order, and added to the edge between them."""
    for v in reversed(order):
        e = parent_edge[v]
        if e < 0:
            continue
        erl = acc_erl[v]
        u = parent_node[v]
        edge_erl[e] += erl
        acc_erl[u] += erl
        sig = acc_sig[v]
        if sig:
            edge_sig[e] += sig
            acc_sig[u] += sig


def demands(rate: float, dest_u: list[float], rows: dict | None, local: dict[int, int]
             ) -> tuple[list[float], list[float]]:
    """(Erlangs, signalling kbps) one source sends to each node of its block: gravity by the users at or beyond each
    node, plus its point flows (`rows`: destination node -> [E, kbps])."""
    n = len(dest_u)
    acc_erl = [rate * u for u in dest_u] if rate != 0.0 else [0.0] * n
    acc_sig = [0.0] * n
    if rows is not None:
        for dst, (erl, sig) in rows.items():
            acc_erl[local[dst]] += erl
            acc_sig[local[dst]] += sig
    return acc_erl, acc_sig
