"""The drawn WAN as a graph for routing (sites and clouds as nodes, parallel links collapsed), its one
lowest-weight search (`lowest_tree`, shared with the rules), and the heap-free walk that gives the same tree where
the source's part of the WAN has no cycle.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from operator import attrgetter

from advisor.model import Design

# Added per hop so equal-RTT paths prefer fewer links; far below any RTT anyone types.
HOP_MS = 1e-6
_HOP_MS = HOP_MS
_ID, _A, _B, _RTT = attrgetter("id"), attrgetter("a"), attrgetter("b"), attrgetter("rtt_ms")


@dataclass
class Graph:
    """Sites and clouds as nodes; parallel links between the same two nodes collapse into one edge."""

    index: dict[str, int]  # node id -> node number (sites first, in design order, then clouds)
    n_sites: int
    edges: list[tuple[int, int, float, tuple[int, ...]]]  # (u, v, lowest rtt_ms, link numbers)
    adj: list[list[tuple[int, int]]]  # node -> [(neighbour, edge number)]
    _weights: list[float] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, design: Design) -> Graph:
        sites, links = design.sites, design.links
        index = dict(zip(map(_ID, sites), range(len(sites)), strict=True))
        for c in design.clouds:
            index[c.id] = len(index)
        node = index.__getitem__
        by_pair: dict[tuple[int, int], int] = {}
        edges: list[tuple[int, int, float, tuple[int, ...]]] = []
        adj: list[list[tuple[int, int]]] = [[] for _ in index]
        for k, a, b, rtt in zip(range(len(links)), map(node, map(_A, links)), map(node, map(_B, links)),
                                map(_RTT, links), strict=True):
            u, v = (a, b) if a < b else (b, a)
            e = by_pair.setdefault((u, v), len(edges))
            if e == len(edges):
                edges.append((u, v, rtt, (k,)))
                adj[u].append((v, e))
                adj[v].append((u, e))
            else:
                pu, pv, low, ks = edges[e]
                edges[e] = (pu, pv, min(low, rtt), (*ks, k))
        return cls(index, len(sites), edges, adj)

    @property
    def weights(self) -> list[float]:
        """Per edge, its (lowest) RTT."""
        if self._weights is None:
            self._weights = [rtt for _u, _v, rtt, _links in self.edges]
        return self._weights

    def tree(self, source: int) -> tuple[list[float], list[int], list[int]]:
        """Lowest-RTT tree from `source`: (distance ms, parent edge or −1, nodes in settle order), by `lowest_tree`.

        Paths do not transit a site unless the topology forces it, because transiting costs the RTT of both of that
        site's links like any other node."""
        order, _exact, parent, best = lowest_tree(self.adj, self.weights, source)
        return best, parent, order

    def sum_tree(self, source: int) -> tuple[list[int], list[int]]:
        """(nodes, parent edge or −1) of the lowest-RTT tree from `source`, in an order whose reverse sums any
        per-node figures towards the source exactly as the reverse settle order of `tree` does: every node comes
        after its parent, and the children of one node come in the order they settle. Where the source's part of
        the WAN has no cycle this is `tree_walk`, one traversal without a heap; else the settle order itself."""
        walked = tree_walk(self.adj, self.weights, source)
        if walked is None:
            order, _exact, parent, _best = lowest_tree(self.adj, self.weights, source)
            return order, parent
        return walked[0], walked[2]


_memo: tuple[Design, Graph] | None = None  # the last design's graph


def forget() -> None:
    """Drop the last design's graph."""
    global _memo
    _memo = None


def graph_of(design: Design) -> Graph:
    """`Graph.of(design)`, built once per design (by identity: a design is frozen) and shared by every routing of
    one analysis; only the last design's is kept."""
    global _memo
    memo = _memo  # one read: another thread may replace it meanwhile, and then this call keeps its own
    if memo is None or memo[0] is not design:
        memo = _memo = (design, Graph.of(design))
    return memo[1]


def lowest_tree(adj: list[list[tuple[int, int]]], weight: list[float],
                start: int) -> tuple[list[int], list[float], list[int], list[float]]:
    """The one lowest-weight path search of the tool (sizing: `Graph.tree`; rules: `rules._wan.Paths`, with RTT or
    one-way delay weights): Dijkstra over `adj` (node -> [(neighbour, edge number)]) with `weight` per edge number.

    Returns (nodes in settle order, exact weight sum per node, parent edge per node or −1, ordering distance per
    node). Deterministic: each hop adds `_HOP_MS` to the ordering distance, so equal weights prefer fewer links;
    further ties go to the lower node number (the node drawn first); the exact sums are kept apart so the
    tie-breaker never leaks into figures. O((nodes + edges) log nodes)."""
    inf = float("inf")
    n = len(adj)
    best = [inf] * n
    exact = [0.0] * n
    parent = [-1] * n
    done = [False] * n
    best[start] = 0.0
    order: list[int] = []
    settle = order.append
    heap = [(0.0, start)]
    pop, push = heapq.heappop, heapq.heappush
    while heap:  # a mesh routes one tree per source: this loop is the inner loop of the whole sizing
        d, u = pop(heap)
        if done[u]:
            continue
        done[u] = True
        settle(u)
        exact_u = exact[u]
        for v, k in adj[u]:
            w = weight[k]
            nd = d + w + _HOP_MS
            if nd < best[v]:
                best[v] = nd
                exact[v] = exact_u + w
                parent[v] = k
                push(heap, (nd, v))
    return order, exact, parent, best


def tree_walk(adj: list[list[tuple[int, int]]], weight: list[float],
              start: int) -> tuple[list[int], list[float], list[int], list[float]] | None:
    """`lowest_tree` where the part of the graph `start` reaches has no cycle (each node one path), in one
    breadth-first traversal without a heap; None when it meets a cycle.

    The same parent edges, exact sums and ordering distances (the same additions, in the same order), and the
    same nodes; the order is breadth first, with the children of each node in the order the search settles them
    (by ordering distance, then node number: they all wait in the heap from the moment their parent settles). So
    sums carried child to parent in reverse of this order add the same terms in the same order as in reverse
    settle order."""
    n = len(adj)
    best = [float("inf")] * n
    exact = [0.0] * n
    parent = [-1] * n
    best[start] = 0.0
    order = [start]
    seen = [False] * n
    seen[start] = True
    extend = order.extend
    for u in order:  # grows while it is read
        exact_u, best_u, up = exact[u], best[u], parent[u]
        kids = []
        for v, k in adj[u]:
            if k == up:
                continue
            if seen[v]:
                return None  # reached twice: a cycle
            seen[v] = True
            w = weight[k]
            exact[v] = exact_u + w
            best[v] = best_u + w + _HOP_MS
            parent[v] = k
            kids.append(v)
        if len(kids) > 1:
            kids.sort(key=lambda v: (best[v], v))
        extend(kids)
    return order, exact, parent, best


def sum_up(order: list[int], parent: list[int], ends: list[tuple[int, int]], acc_erl: list[float],
           acc_sig: list[float], edge_erl: list[float], edge_sig: list[float],
           edge_of: list[int] | None = None) -> None:
    """Carry one source's per-node demands child to parent up its tree (`order`: parents before children),
    adding what crosses each tree edge to `edge_erl` / `edge_sig`. `edge_of` maps the tree's edge numbers to those
    of `edge_erl` when the tree is searched on a part of the graph (a block of a mesh)."""
    glob = edge_of if edge_of is not None else range(len(ends))
    for v in reversed(order):  # children settle after parents: sums flow towards the source
        k = parent[v]
        if k < 0:
            continue
        erl, sig = acc_erl[v], acc_sig[v]
        e = glob[k]
        edge_erl[e] += erl
        edge_sig[e] += sig
        a, b = ends[k]
        up = a if b == v else b
        acc_erl[up] += erl
        acc_sig[up] += sig
