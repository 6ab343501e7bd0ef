"""The one path between two nodes of a forest (a WAN without cycles: chains and trees of leased lines, branches on
one cloud), walked up from both ends to where they meet: no search, and exactly the path every search finds, since
there is no other. Used where a few pairs of a large WAN need their paths (the sites of one CUCM cluster)."""

from __future__ import annotations


class TooFar(Exception):
    """A path longer than the limit asked for: left unwalked."""


class Forest:
    """A rooted forest: per node its parent node and the edge (or link) number to it (−1 at a root), and its
    depth. `rooted` builds it from adjacency lists; None when they hold a cycle."""

    def __init__(self, parent_v: list[int], parent_e: list[int], depth: list[int], root: list[int]):
        self.parent_v, self.parent_e, self.depth, self.root = parent_v, parent_e, depth, root

    @classmethod
    def rooted(cls, adj: list[list[tuple[int, int]]]) -> Forest | None:
        """From `adj` (node -> [(neighbour, edge number)]), breadth first from the lowest node of each part."""
        n = len(adj)
        parent_v, parent_e, depth, root = [-1] * n, [-1] * n, [0] * n, [-1] * n
        for r in range(n):
            if root[r] >= 0:
                continue
            root[r] = r
            part = [r]
            for u in part:  # grows while it is read
                up, d = parent_e[u], depth[u] + 1
                for v, e in adj[u]:
                    if e == up:
                        continue
                    if root[v] >= 0:
                        return None  # reached twice: a cycle (or two edges between the same two nodes)
                    root[v], parent_v[v], parent_e[v], depth[v] = r, u, e, d
                    part.append(v)
        return cls(parent_v, parent_e, depth, root)

    def path(self, a: int, b: int, limit: int | None = None) -> list[int] | None:
        """The edge numbers from `a` to `b`, in that order ([] when a == b); None when they are not connected.
        With `limit`: raises TooFar, having walked no more than about that many edges, when the path has more."""
        if self.root[a] != self.root[b]:
            return None
        pv, pe, depth = self.parent_v, self.parent_e, self.depth
        if limit is not None and abs(depth[a] - depth[b]) > limit:
            raise TooFar
        up: list[int] = []
        down: list[int] = []
        while depth[a] > depth[b]:
            up.append(pe[a])
            a = pv[a]
        while depth[b] > depth[a]:
            down.append(pe[b])
            b = pv[b]
        while a != b:
            up.append(pe[a])
            a = pv[a]
            down.append(pe[b])
            b = pv[b]
            if limit is not None and len(up) + len(down) > limit:
                raise TooFar
        up.extend(reversed(down))
        return up
