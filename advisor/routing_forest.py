"""Per-link load on tree-shaped WANs (chains, trees, forests) in one traversal, no search per source.

On a forest the path between two nodes is unique, so every shortest-path tree is the forest itself. An edge
splits its component C into the child's subtree A and the rest B; the gravity flows that cross it are
Σ_{s∈A} p_s·U_B + Σ_{s∈B} p_s·U_A = P_A·(U_C − U_A) + (P_C − P_A)·U_A (p_s: Erlangs per user of s's flows,
U: users, P: Σ p). Point flows (hauled PSTN, signalling) cross the edges where exactly one end lies in A:
+x at both ends and −2x at their lowest common ancestor, summed up the tree. Cost O((sites + links) log sites).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.routing import Graph


def rooted_forest(graph: Graph) -> tuple[list[int], list[int], list[int], list[int]] | None:
    """(order: parents before children, parent edge or −1, parent node or −1, component root) when the collapsed
    graph is a forest; None when it has a cycle."""
    adj = graph.adj
    n = len(adj)
    if len(graph.edges) > n - 1:
        return None
    parent_e, parent_v, root = [-1] * n, [-1] * n, [-1] * n
    order: list[int] = []
    for r in range(n):
        if root[r] >= 0:
            continue
        root[r] = r
        queue = deque([r])
        while queue:
            u = queue.popleft()
            order.append(u)
            for v, e in adj[u]:
                if e == parent_e[u]:
                    continue
                if root[v] >= 0:
                    return None  # reached twice: a cycle
                root[v], parent_e[v], parent_v[v] = r, e, u
                queue.append(v)
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
