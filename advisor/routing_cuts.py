"""The bridges of a WAN (links whose loss splits it in two) and the side each cuts off: Tarjan's low-link search,
iterative, O(nodes + links), once per design (`graph_cuts`). The routing cuts a meshed WAN into blocks at them
(`advisor.routing_blocks`); the phone bound sums the phones on each side of one (`advisor.demand_bounds`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.routing_graph import Graph


def bridges(adj: list[list[tuple[int, int]]], n_edges: int) -> list[bool]:
    """Per edge, True when it is a bridge: Tarjan's low-link, iterative. O(nodes + edges)."""
    start, numbers, other = [0], [], []
    for row in adj:
        other.extend(v for v, _e in row)
        numbers.extend(e for _v, e in row)
        start.append(len(numbers))
    return _bridges(start, numbers, other, n_edges)


def _bridges(start: list[int], numbers: list[int], other: list[int], n_edges: int) -> list[bool]:
    """`bridges` over incidence lists (`Graph.incident`): node u's edges numbers[start[u]:start[u + 1]], leading to
    other[...], in adjacency order."""
    below, _parent, _order = cut_sides(start, numbers, other, n_edges)
    return [u >= 0 for u in below]


def cut_sides(start: list[int], numbers: list[int], other: list[int],
              n_edges: int) -> tuple[list[int], list[int], list[int]]:
    """Tarjan's bridges over incidence lists (`Graph.incident`), iterative, O(nodes + edges): (per edge, the node
    below it in the depth-first forest when it is a bridge, else -1; per node its parent there, -1 at a root; the
    nodes in the order the search reached them, each after its parent). The side a bridge cuts off is the subtree
    of the node below it (the phone bound, `advisor.demand_bounds`, sums its phones)."""
    n = len(start) - 1
    disc, low, parent_e, parent_v = [-1] * n, [0] * n, [-1] * n, [-1] * n
    nxt = start[:n]
    below = [-1] * n_edges
    order: list[int] = []
    for root in range(n):
        if disc[root] >= 0:
            continue
        disc[root] = low[root] = len(order)
        order.append(root)
        stack = [root]
        while stack:
            u = stack[-1]
            i = nxt[u]
            if i < start[u + 1]:
                nxt[u] = i + 1
                v, e = other[i], numbers[i]
                if e == parent_e[u]:
                    continue
                if disc[v] < 0:
                    parent_e[v], parent_v[v] = e, u
                    disc[v] = low[v] = len(order)
                    order.append(v)
                    stack.append(v)
                elif disc[v] < low[u]:
                    low[u] = disc[v]
            else:
                stack.pop()
                if stack:
                    p = stack[-1]
                    if low[u] < low[p]:
                        low[p] = low[u]
                    if low[u] > disc[p]:
                        below[parent_e[u]] = u
    return below, parent_v, order


def graph_cuts(graph: Graph) -> tuple[list[int], list[int], list[int]]:
    """`cut_sides` over the graph's incidence lists, once per graph: the routing's blocks and the phone bound
    (`advisor.demand_bounds`) read the same search. The lists are shared: callers read them, never change them."""
    memo = graph.cut_memo
    if memo is None:
        start, numbers, other = graph.incident()
        memo = graph.cut_memo = cut_sides(start, numbers, other, graph.n_edges)
    return memo
