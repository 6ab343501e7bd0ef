"""One lowest-RTT search over a whole WAN of a few core nodes and branches each leased to two of them, without the
heap over every node: `routing_trees.lowest_tree`'s four lists, the same bit for bit.

The sizing sums such a WAN at once (`advisor.routing_twohub`, `advisor.routing_homed`), but single searches remain:
the delay rules' trees, the call-processing pairs' paths from the hubs (`advisor.portal_paths`). Each took the heap
over 10,000 nodes (~30 ms). Here the core nodes' figures come from the heap search over the small graph of the core,
the relay candidates and the source (`routing_homed._Small`: the same additions, so the same exact sums and
ordering distances), each branch's from the core node it hangs off (`routing_twohub.split`), added as the search adds
them (ordering distance + weight + the per-link cost; exact sum + weight), and the settle order is every node by
ordering distance, ties to the lower node number, as the heap pops them (tests/core/test_routing_homed.py).
"""

from __future__ import annotations

from advisor import routing_homed
from advisor import routing_twohub as two
from advisor.routing_homed import Homed, _Small, shape
from advisor.routing_trees import HOP_MS, heap_search

_shape: tuple | None = None  # (adjacency, its shape or None): the last graph asked about
_figures: tuple | None = None  # (adjacency, weights, sorted branches per pair, small graph): for those weights


def forget() -> None:
    """Drop the last graph's shape and figures (`routing_graph.forget`: the design is being freed)."""
    global _shape, _figures
    _shape = _figures = None


def tree(adj, weight: list[float], start: int, origin: float = 0.0) -> tuple | None:
    """(nodes in settle order, exact sum, parent edge, ordering distance per node) from `start`, as
    `routing_trees.heap_search` gives them, where the whole graph is of this shape (`routing_homed.MIN_NODES` nodes
    or more) and the search starts at 0; else None."""
    global _shape, _figures
    if origin != 0.0 or len(adj) < routing_homed.MIN_NODES:
        return None
    known = _shape
    if known is None or known[0] is not adj:
        known = _shape = (adj, shape(adj))
    h: Homed | None = known[1]
    if h is None:
        return None
    figures = _figures
    if figures is None or figures[0] is not adj or figures[1] is not weight:
        sorts = [two.Sorted(g, weight, [0.0] * len(adj)) for g in h.groups]
        figures = _figures = (adj, weight, sorts, _Small(h, sorts, adj))
    _adj, _weight, sorts, small = figures
    at = small.index.get(start)
    graph = small.adj
    if at is None:  # a branch outside the small graph takes its last slot (in a copy: searches may run in two
        at = small.slot  # threads, the app's analysis and the window's)
        graph = [*graph[:at], tuple((small.index[w], e) for w, e in adj[start])]
    _order, exact_s, parent_s, best_s = heap_search(graph, weight, at)
    n = len(adj)
    inf = float("inf")
    best, exact, parent = [inf] * n, [0.0] * n, [-1] * n
    for i, v in enumerate(small.nodes):
        best[v], exact[v], parent[v] = best_s[i], exact_s[i], parent_s[i]
    if at == small.slot:
        best[start], exact[start], parent[start] = best_s[at], exact_s[at], parent_s[at]
    for g, srt in zip(h.groups, sorts, strict=True):
        ia, ib = small.index[g.a], small.index[g.b]
        if best_s[ia] == inf or best_s[ib] == inf:
            return None  # a part the search does not reach: the heap's lists, as they are
        on_a = (best_s[ia], ia) < (best_s[ib], ib)
        d_f, d_s = (best_s[ia], best_s[ib]) if on_a else (best_s[ib], best_s[ia])
        lo, hi, runs = two.split(srt, on_a, d_f, d_s, HOP_MS)
        sides = [(0, lo, True), (hi, len(srt.order), False), *runs]
        for first, end, on_b in sides:
            hub, edges, w = (g.b, g.to_b, srt.wb) if on_b else (g.a, g.to_a, srt.wa)
            d_hub, e_hub = best[hub], exact[hub]
            for x in srt.order[first:end]:
                v = g.leaves[x]
                if v != start:
                    best[v] = d_hub + w[x] + HOP_MS
                    exact[v] = e_hub + w[x]
                    parent[v] = edges[x]
    if inf in best:
        return None
    return sorted(range(n), key=best.__getitem__), exact, parent, best
