"""Per-link load on tree-shaped WANs (chains, trees, forests) in one traversal, no search per source.

On a forest the path between two nodes is unique, so every shortest-path tree is the forest itself. An edge
splits its component C into the child's subtree A and the rest B; the gravity flows that cross it are
Σ_{s∈A} p_s·U_B + Σ_{s∈B} p_s·U_A = P_A·(U_C − U_A) + (P_C − P_A)·U_A (p_s: Erlangs per user of s's flows,
U: users, P: Σ p). Point flows (hauled PSTN, signalling) cross the edges where exactly one end lies in A:
+x at both ends and −2x at their lowest common ancestor, summed up the tree. Cost O((sites + links) log sites).

On a large WAN the same sums run as arrays (`forest_loads_arrays`, and `routing_forest_hub` for the tree from an
overlay hub, on a forest that forest turned round at the hub): `routing_arrays` makes the same additions in the
same order, so the figures are the same bit for bit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.routing_arrays import Tree, roots, scatter_in_order

if TYPE_CHECKING:
    from advisor.routing import Graph


def rooted_forest(graph: Graph) -> tuple[list[int], list[int], list[int], list[int]] | None:
    """(order: parents before children, parent edge or −1, parent node or −1, component root) when the collapsed
    graph is a forest; None when it has a cycle. Breadth first from the lowest node of each part, each node's edges
    in edge order; worked out once per graph."""
    if graph.forest_memo is None:
        graph.forest_memo = (_rooted_forest(graph),)
    return graph.forest_memo[0]


def depths(graph: Graph) -> list[int]:
    """Each node's depth (links from its part's root) in the graph's rooted forest, which must exist; worked out once
    per graph (a graph outlives the edits that keep the drawing)."""
    if graph.depth_memo is None:
        order, _parent_e, parent_v, _root = rooted_forest(graph)
        depth = [0] * len(parent_v)
        for v in order:  # parents first
            if parent_v[v] >= 0:
                depth[v] = depth[parent_v[v]] + 1
        graph.depth_memo = depth
    return graph.depth_memo


def _rooted_forest(graph: Graph) -> tuple[list[int], list[int], list[int], list[int]] | None:
    if graph.n_edges > graph.n_nodes - 1:
        return None
    return bfs_forest(*graph.incident())


def bfs_forest(start: list[int], numbers: list[int], other: list[int]):
    """`rooted_forest` over incidence lists (node u's edges numbers[start[u]:start[u + 1]], leading to other[...]):
    breadth first from the lowest node not yet reached; None at a cycle."""
    n = len(start) - 1
    parent_e, parent_v, root = [-1] * n, [-1] * n, [-1] * n
    order: list[int] = []
    for r in range(n):
        if root[r] >= 0:
            continue
        root[r] = r
        part = [r]
        for u in part:  # grows while it is read: breadth first
            up = parent_e[u]
            for i in range(start[u], start[u + 1]):
                e = numbers[i]
                if e == up:
                    continue
                v = other[i]
                if root[v] >= 0:
                    return None  # reached twice: a cycle
                root[v], parent_e[v], parent_v[v] = r, e, u
                part.append(v)
        order.extend(part)
    return order, parent_e, parent_v, root


def forest_loads(graph: Graph, forest: tuple[list[int], list[int], list[int], list[int]], per_user: list[float],
                 users: list[float], points: list[tuple[int, int, float, float]]) -> tuple[list[float], list[float]]:
    """(Erlangs, signalling kbps) per collapsed edge. `per_user` and `users` per node (0 for clouds); `points`:
    (source, destination, Erlangs, kbps) flows."""
    order, parent_e, parent_v, root = forest
    n = len(order)
    sub_u = list(users)
    sub_p = list(per_user)
    for v in reversed(order):  # children before parents
        up = parent_v[v]
        if up >= 0:
            sub_u[up] += sub_u[v]
            sub_p[up] += sub_p[v]
    d_erl, d_sig = [0.0] * n, [0.0] * n
    scale = 0.0
    if points:
        meets = _meeting_points(order, parent_v, root, points)
        for (s, t, erl, sig), a in zip(points, meets, strict=True):
            if a < 0:
                continue  # no path: the flow loads no link
            d_erl[s] += erl
            d_erl[t] += erl
            d_erl[a] -= 2.0 * erl
            d_sig[s] += sig
            d_sig[t] += sig
            d_sig[a] -= 2.0 * sig
            scale += abs(sig)
    edge_erl = [0.0] * len(graph.edges)
    edge_sig = [0.0] * len(graph.edges)
    for v in reversed(order):
        up = parent_v[v]
        if up < 0:
            continue
        d_erl[up] += d_erl[v]
        d_sig[up] += d_sig[v]
        r = root[v]
        u_a, p_a = sub_u[v], sub_p[v]
        e = parent_e[v]
        edge_erl[e] = p_a * (sub_u[r] - u_a) + (sub_p[r] - p_a) * u_a + d_erl[v]
        sig = d_sig[v]
        edge_sig[e] = sig if sig > 1e-12 * scale else 0.0  # what the −2x left of flows that do not cross
    return edge_erl, edge_sig


_PASS_MIN_FLOWS = 32  # a destination with this many flows gets one pass over the forest instead of LCA queries


def _meeting_points(order: list[int], parent_v: list[int], root: list[int],
                    points: list[tuple[int, int, float, float]]) -> list[int]:
    """Per point flow (s, t, …), the lowest common ancestor of s and t, or −1 when they are in different trees.

    Most flows go to a few destinations (the PSTN site, the call-processing sites): for each destination with many
    flows, one pass down the forest gives every node its lowest ancestor that is also an ancestor of t (the
    meeting point, O(nodes)); the other flows ask binary lifting (O(log nodes) each)."""
    by_dst: dict[int, int] = {}
    for p in points:
        by_dst[p[1]] = by_dst.get(p[1], 0) + 1
    passes: dict[int, list[int]] = {}
    for t, flows in by_dst.items():
        if flows >= _PASS_MIN_FLOWS:
            on_path = [False] * len(order)
            v = t
            while v >= 0:  # t and its ancestors
                on_path[v] = True
                v = parent_v[v]
            meet = list(range(len(order)))
            for v in order:  # parents first: a node off t's path meets it where its parent does
                if not on_path[v]:
                    up = parent_v[v]
                    meet[v] = meet[up] if up >= 0 else -1
            passes[t] = meet
    lca = _lca_finder(order, parent_v) if len(passes) < len(by_dst) else None
    out = []
    for s, t, _erl, _sig in points:
        if root[s] != root[t]:
            out.append(-1)
        else:
            meet = passes.get(t)
            out.append(meet[s] if meet is not None else lca(s, t))
    return out


def _lca_finder(order: list[int], parent_v: list[int]):
    """Lowest common ancestor by binary lifting: O(n log n) to build, O(log n) per query."""
    n = len(order)
    depth = [0] * n
    for v in order:
        if parent_v[v] >= 0:
            depth[v] = depth[parent_v[v]] + 1
    up = [[p if p >= 0 else v for v, p in enumerate(parent_v)]]
    while (1 << len(up)) <= max(depth, default=0):
        prev = up[-1]
        up.append([prev[prev[v]] for v in range(n)])

    def lca(a: int, b: int) -> int:
        if depth[a] < depth[b]:
            a, b = b, a
        diff = depth[a] - depth[b]
        j = 0
        while diff:
            if diff & 1:
                a = up[j][a]
            diff >>= 1
            j += 1
        if a == b:
            return a
        for j in range(len(up) - 1, -1, -1):
            if up[j][a] != up[j][b]:
                a, b = up[j][a], up[j][b]
        return up[0][a]

    return lca


def forest_arrays(graph: Graph, forest) -> tuple:
    """The forest's (order, parent edge, parent node, root) as numpy arrays, and as a `Tree`; once per graph."""
    if graph.forest_arrays is None:
        import numpy as np

        arrays = tuple(np.array(column, dtype=np.int64) for column in forest)
        graph.forest_arrays = (*arrays, Tree(arrays[2]))
    return graph.forest_arrays


def forest_steps(graph: Graph, forest) -> list | None:
    """`Tree.fold`'s steps over the forest, each node's children in breadth-first order (None: too many)."""
    import numpy as np

    order, *_columns, tree = forest_arrays(graph, forest)
    later = np.empty(order.size, dtype=np.int64)
    later[order] = np.arange(order.size)
    return tree.order_children(later)


def forest_loads_arrays(graph: Graph, forest, steps: list, per_user, users, points) -> tuple[list, list]:
    """`forest_loads` with arrays: `per_user`, `users` per node; `points` = (sources, destinations, Erlangs, kbps)
    arrays; `steps`: `forest_steps(forest)`. The same sums in the same order: the subtree sums and the point flows'
    +x, +x, −2x carried up by `Tree.fold`, the point flows added in turn by `scatter_in_order`, and the per-edge
    formula element by element (the same operations)."""
    import numpy as np

    order, parent_e, parent_v, _root = forest
    _order, edge_of, par, top, _tree = forest_arrays(graph, forest)
    x = np.zeros((4, par.size))  # subtree users, subtree Erlangs per user, point Erlangs, point kbps
    x[0], x[1] = users, per_user
    src, dst, erl, sig = points
    scale = 0.0
    if src.size:
        meets = _meets_arrays(order, parent_v, par, top, src, dst)
        ok = meets >= 0  # no path: the flow loads no link
        src, dst, meet, erl, sig = src[ok], dst[ok], meets[ok], erl[ok], sig[ok]
        slots = np.stack([src, dst, meet], axis=1).ravel()
        amounts = np.stack([np.stack([erl, erl, -2.0 * erl], axis=1).ravel(),
                            np.stack([sig, sig, -2.0 * sig], axis=1).ravel()])
        scatter_in_order(x[2:], slots, amounts)
        if sig.size:
            scale = float(np.cumsum(np.abs(sig))[-1])
    Tree.fold(steps, x)
    kid = np.flatnonzero(par >= 0)
    edge = edge_of[kid]
    n_edges = graph.n_edges
    r = top[kid]
    u_a, p_a = x[0, kid], x[1, kid]
    edge_erl, edge_sig = np.zeros(n_edges), np.zeros(n_edges)
    edge_erl[edge] = p_a * (x[0, r] - u_a) + (x[1, r] - p_a) * u_a + x[2, kid]
    below = x[3, kid]
    edge_sig[edge] = np.where(below > 1e-12 * scale, below, 0.0)  # what the −2x left of flows that do not cross
    return edge_erl.tolist(), edge_sig.tolist()


def _meets_arrays(order, parent_v, par, top, src, dst):
    """`_meeting_points` for arrays of flows: for a destination with many flows, every node's lowest ancestor on
    the destination's path to its root by pointer doubling; the other flows by binary lifting."""
    import numpy as np

    n = par.size
    out = np.full(src.size, -1, dtype=np.int64)
    same = top[src] == top[dst]
    targets, counts = np.unique(dst, return_counts=True)
    few = np.ones(src.size, dtype=bool)
    sink = np.arange(n + 1)
    for t in targets[counts >= _PASS_MIN_FLOWS].tolist():
        on_path = np.zeros(n + 1, dtype=bool)
        v = t
        while v >= 0:  # t and its ancestors
            on_path[v] = True
            v = parent_v[v]
        up = np.where(on_path[:n], sink[:n], np.where(par >= 0, par, n))  # a root off the path leads nowhere (n)
        meet = roots(np.r_[up, n])
        pick = (dst == t) & same
        out[pick] = np.where(on_path[meet], meet, -1)[src[pick]]
        few &= dst != t
    rest = np.flatnonzero(few & same)
    if rest.size:
        lca = _lca_finder(order, parent_v)
        out[rest] = [lca(s, t) for s, t in zip(src[rest].tolist(), dst[rest].tolist(), strict=True)]
    return out
