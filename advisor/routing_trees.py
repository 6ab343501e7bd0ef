"""The lowest-weight searches of the routing: one tree from one source, as four lists (settle order, exact sums,
parent edges, ordering distances). `lowest_tree` is the one search of the tool (the sizing's trees through
`routing_graph.Graph`, the rules' through `rules._paths`, the compiled loops' reference); `level_tree` gives the same
lists without a heap where every edge weighs the same, `tree_walk` where the source's part of the graph has no
cycle; `sum_up` carries one source's demands up its tree onto the edges.
"""

from __future__ import annotations

import heapq

from advisor import routing_compiled, routing_fringe

# Added per hop so equal-RTT paths prefer fewer links; far below any RTT anyone types.
HOP_MS = routing_fringe.HOP_MS
HOMED_MIN_NODES = 200  # routing_homed.MIN_NODES (imported there from here would be circular: the tests compare them)
_HOP_MS = HOP_MS


def lowest_tree(adj: list[list[tuple[int, int]]], weight: list[float], start: int, origin: float = 0.0,
                until: set[int] | None = None, *, fringe: bool = True, alike: bool = False
                ) -> tuple[list[int], list[float], list[int], list[float]]:
    """The one lowest-weight path search of the tool (sizing: `Graph.tree`; rules: `rules._paths.Paths`, with RTT or
    one-way delay weights): Dijkstra over `adj` (node -> [(neighbour, edge number)]) with `weight` per edge number.

    Returns (nodes in settle order, exact weight sum per node, parent edge per node or −1, ordering distance per
    node). Deterministic: each hop adds `_HOP_MS` to the ordering distance, so equal weights prefer fewer links;
    further ties go to the lower node number (the node drawn first); the exact sums are kept apart so the
    tie-breaker never leaks into figures. O((nodes + edges) log nodes).

    `origin`: the ordering distance the search starts at: a search over one block of a mesh from its entry node,
    continuing one that reached the entry at that distance (`advisor.routing_offsets`).

    `until`: nodes after whose settling the search may stop (a few sites near the source, among thousands): the
    settled nodes, their sums, parents and paths are then those of the whole search, and the other nodes' figures
    are unfinished (a node never reached keeps −1 as its parent either way).

    `alike`: every weight is the same (the caller knows it, once for many searches): `level_tree` then walks
    without the heap, when the compiled loops are not loaded.

    Where most nodes hang off hubs, the hubs are searched with the heap and the rest by arrays
    (`advisor.routing_fringe`: the same lists); `fringe=False` skips that try (its caller made it). Where the whole
    graph is a few core nodes with branches leased to two of them, the core is searched over a small graph and each
    branch hangs off its nearer core node (`advisor.routing_homed_tree`: the same lists)."""
    if until is None:
        got = routing_compiled.tree_lists(adj, weight, start, origin)  # compiled once loaded: the same lists
        if got is None and fringe:
            got = routing_fringe.tree(adj, weight, start, origin)
        # a few core nodes with branches on two of them (not the alike groups' graphs, `fringe=False`: each is
        # built anew, and never of that shape)
        if got is None and fringe and len(adj) >= HOMED_MIN_NODES:
            from advisor import routing_homed_tree

            got = routing_homed_tree.tree(adj, weight, start, origin)
        if got is None and alike and origin == 0.0:
            got = level_tree(adj, weight, start)
        if got is not None:
            return got
    return heap_search(adj, weight, start, origin, until)


def all_alike(weight: list[float]) -> bool:
    """Whether every edge weighs the same (round-trip times left alike): `lowest_tree(alike=True)` may walk by
    levels. One C-level pass."""
    return bool(weight) and weight.count(weight[0]) == len(weight)


def heap_search(adj, weight: list[float], start: int, origin: float = 0.0,
                until: set[int] | None = None) -> tuple[list[int], list[float], list[int], list[float]]:
    """`lowest_tree`'s own loop, interpreted (the compiled and the hub searches give the same lists)."""
    left = len(until) if until else 0  # nodes of `until` not yet settled
    inf = float("inf")
    n = len(adj)
    best = [inf] * n
    exact = [0.0] * n
    parent = [-1] * n
    done = [False] * n
    best[start] = origin
    order: list[int] = []
    settle = order.append
    heap = [(origin, start)]
    pop, push = heapq.heappop, heapq.heappush
    while heap:  # a mesh routes one tree per source: this loop is the inner loop of the whole sizing
        d, u = pop(heap)
        if done[u]:
            continue
        done[u] = True
        settle(u)
        if left and u in until:
            left -= 1
            if not left:
                break
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


def level_tree(adj: list[list[tuple[int, int]]], weight: list[float],
               start: int) -> tuple[list[int], list[float], list[int], list[float]]:
    """`lowest_tree` when every edge weighs the same (a drawing whose round-trip times were left alike), without a
    heap: the same four lists, bit for bit, about twice as fast on a large mesh.

    With equal weights the search's ordering distance after L hops is the same sum for every node L hops away, and
    it grows with L. So the search settles the nodes level by level, each level by node number, and a node's parent
    is its first neighbour (by number) on the level before: what a breadth-first walk that sorts each level gives.
    If a level's distance failed to grow (an absurd weight that swallows the per-hop cost), the heap search runs
    instead."""
    inf = float("inf")
    n = len(adj)
    best = [inf] * n
    exact = [0.0] * n
    parent = [-1] * n
    best[start] = 0.0
    order = [start]
    level = [start]
    key = 0.0
    while level:
        following: list[int] = []
        add = following.append
        for u in level:  # by node number: the settle order
            best_u, exact_u = best[u], exact[u]
            for v, k in adj[u]:
                if best[v] == inf:  # the first relaxation: later ones are never strictly shorter
                    w = weight[k]
                    best[v] = best_u + w + _HOP_MS
                    exact[v] = exact_u + w
                    parent[v] = k
                    add(v)
        if following:
            nxt = best[following[0]]
            if not nxt > key:
                return lowest_tree(adj, weight, start)
            key = nxt
            following.sort()
            order.extend(following)
        level = following
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
