"""The closed forms of `rules._paths.Paths` on the two shapes that need no search: a drawing without cycles (each
node has one path to every other) and a star (every link at one centre). Each gives the same sums, in the same
order of addition, and the same trees as the search would."""

from __future__ import annotations

from operator import itemgetter

from advisor.forest_paths import Forest
from advisor.routing import HOP_MS as _HOP_MS


class ClosedForms:
    """`Paths`' trees and paths on a forest or a star (mixed into `Paths`, whose fields they read)."""

    def _forest_tree(self, start: int) -> tuple[list[int], list[float], list[int]]:
        """`lowest_tree` on a drawing without cycles, where each node has one path: the same sums along it, in one
        traversal without a heap (nodes in traversal order, not settle order; `rtts_from` sorts them)."""
        adj, rtt = self.adj, self.rtt
        exact = [0.0] * len(adj)
        parent = [-1] * len(adj)
        order = [start]
        for u in order:  # grows while it is read: breadth first
            exact_u, up = exact[u], parent[u]
            for v, k in adj[u]:
                if k != up:
                    exact[v] = exact_u + rtt[k]
                    parent[v] = k
                    order.append(v)
        return order, exact, parent

    def _forest_ranks(self, order: list[int], parent: list[int]) -> list[float]:
        """The search's ordering distance per node of a forest tree (`_forest_tree`): RTT plus a tiny cost per
        hop, summed along the one path in the same order as `lowest_tree` sums it."""
        ends, rtt = self.ends, self.rtt
        best = [0.0] * len(self.ids)
        for v in order[1:]:  # parents before children
            k = parent[v]
            a, b = ends[k]
            best[v] = best[a if b == v else b] + rtt[k] + _HOP_MS
        return best

    def _star_tree(self, start: int) -> tuple[list[int], list[float], list[int]]:
        """`_tree` on a star, in closed form: the same sums, in the same order of addition, and the same settle
        order (by tie-broken distance, then node number) as the search would produce."""
        rtt, centre, ends = self.rtt, self.star, self.ends
        n = len(self.ids)
        exact = [0.0] * n
        parent = [-1] * n
        order = [start]
        if start == centre:
            d_centre, exact_centre = 0.0, 0.0
        else:
            k = self._spoke_links()[start]
            if k < 0:
                return order, exact, parent  # a node with no link reaches nothing
            d_centre = 0.0 + rtt[k] + _HOP_MS
            exact_centre = exact[centre] = 0.0 + rtt[k]
            parent[centre] = k
            order.append(centre)
        leaves = []
        for k, (a, b) in enumerate(ends):
            v = b if a == centre else a
            if v != start:
                exact[v] = exact_centre + rtt[k]
                parent[v] = k
                leaves.append((d_centre + rtt[k] + _HOP_MS, v))
        leaves.sort()
        order.extend(map(itemgetter(1), leaves))
        return order, exact, parent

    def _forest_paths(self, start: int, targets) -> dict[str, tuple[float, list[int]]]:
        """`numbered_paths` without cycles: each target's one path walked from both ends (`forest_paths`), its RTT
        summed from `start` outward as `_forest_tree` sums it."""
        if self._rooted is None:
            self._rooted = Forest.rooted(self.adj)
        rtt, out = self.rtt, {}
        for target in targets:
            hops = self._rooted.path(start, self.index[target])
            if hops is not None:
                out[target] = (_summed(rtt, hops), hops)
        return out

    def _star_paths(self, start: int, targets) -> dict[str, tuple[float, list[int]]]:
        rtt, centre, spokes = self.rtt, self.star, self._spoke_links()
        out = {}
        if start != centre:
            first = spokes[start]
            if first < 0:  # a node with no link reaches only itself
                return {t: (0.0, []) for t in targets if self.index[t] == start}
            exact_centre = 0.0 + rtt[first]
        for target in targets:
            node = self.index[target]
            if node == start:
                out[target] = (0.0, [])
            elif start == centre:
                out[target] = (0.0 + rtt[spokes[node]], [spokes[node]]) if spokes[node] >= 0 else None
            elif node == centre:
                out[target] = (exact_centre, [first])
            elif spokes[node] >= 0:
                out[target] = (exact_centre + rtt[spokes[node]], [first, spokes[node]])
            if out.get(target, 0) is None:
                del out[target]
        return out

    def is_forest(self) -> bool:
        """True when the drawn graph has no cycle (every component is a tree): farthest-pair tricks are exact.
        Union-find over the links: a link whose two ends are already joined closes a cycle."""
        forest = self._forest
        if forest is None and self.ends and len(self.ends) >= len(self.ids):  # a forest has fewer links than nodes
            forest = self._forest = False
        memo = self._graph.forest_memo if forest is None and self._graph is not None else None
        if memo is not None:  # the sizing's graph (the same nodes and links) has been asked already
            forest = self._forest = memo[0] is not None
        if forest is None:
            parent = list(range(len(self.ids)))
            forest = True
            for a, b in self.ends:
                while parent[a] != a:
                    parent[a] = parent[parent[a]]
                    a = parent[a]
                while parent[b] != b:
                    parent[b] = parent[parent[b]]
                    b = parent[b]
                if a == b:
                    forest = False
                    break
                parent[a] = b
            self._forest = forest
        return forest


def _summed(rtt: list[float], hops: list[int]) -> float:
    """A path's RTT summed link by link from its start outward, as a search's tree sums it (the same float)."""
    total = 0.0
    for k in hops:
        total += rtt[k]
    return total
