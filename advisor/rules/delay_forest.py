"""The delay check's trees read as mappings (`Distances`); and on a WAN without cycles (chains and trees of leased
lines) its trees and paths read off the forest the sizing's routing already rooted (`routing_forest.rooted_forest`:
per node its parent node and link, breadth first from the lowest node of each part), with no adjacency lists and no
search of its own (`RootedForest`, `ForestRoutes`).

A tree from any node s gives each node the weight of its one path from s, summed from s outward, link by link, as
the search (`Paths._forest_tree`) sums it: the nodes above s (its ancestors up to the root) each add their link
below to the node before them; every other node of s's part adds its own parent link to its parent, in the forest's
order (parents first), so each reads a sum already made. The same additions in the same order: the same floats.
The second part is one C-level pass (`map` reading each parent's sum just before the child's is stored).
"""

from __future__ import annotations

from collections import deque
from itertools import compress, repeat
from operator import add, setitem

from advisor.forest_paths import Forest
from advisor.routing_forest import depths


class RootedForest:
    """The sizing's rooted forest over the design's links (edge k is link k) with the delay check's link weights."""

    def __init__(self, forest: tuple[list[int], list[int], list[int], list[int]], weights: list[float],
                 depth: list[int]):
        self.order, self.parent_e, self.parent_v, self.root = forest
        self._walk = Forest(self.parent_v, self.parent_e, depth, self.root)  # for `path`
        self.weights = weights
        self._up: list[float] | None = None  # per node, the weight of its parent link (roots: unused)
        self._trees: dict[int, tuple[list[float], list[bool]]] = {}

    def _parent_weights(self) -> list[float]:
        up = self._up
        if up is None:
            w = self.weights
            up = self._up = [w[e] if e >= 0 else 0.0 for e in self.parent_e]
        return up

    def ancestors(self, node: int) -> list[int]:
        """`node`, its parent, ... up to its part's root."""
        pv = self.parent_v
        out = []
        while node >= 0:
            out.append(node)
            node = pv[node]
        return out

    def _part(self, node: int) -> list[int]:
        """The nodes of `node`'s part, in the forest's order (the parts lie one after another, each from its root)."""
        order, root = self.order, self.root
        r = root[node]
        if r == order[0] and root.count(r) == len(order):  # one part: every node
            return order
        start = order.index(r)
        return order[start:start + root.count(r)]

    def distances(self, start: int) -> tuple[list[float], list[bool]]:
        """(the weight of each node's path from `start`, 0.0 where none; whether each node is reached): the lists
        `Paths.distances` gives (the same sums). The last few are kept (read, never changed)."""
        got = self._trees.get(start)
        if got is not None:
            return got
        n = len(self.root)
        exact = [0.0] * n
        pv, pe, w = self.parent_v, self.parent_e, self.weights
        above = self.ancestors(start)
        for i in range(len(above) - 1):  # up from start: each ancestor after the node below it
            u = above[i]
            exact[above[i + 1]] = exact[u] + w[pe[u]]
        part = self._part(start)
        if len(above) < len(part):
            outside = [True] * n
            deque(map(setitem, repeat(outside), above, repeat(False)), 0)
            rest = list(compress(part, map(outside.__getitem__, part))) if len(above) > 1 else part[1:]
            # exact[v] = exact[parent of v] + weight of v's parent link, parents first: each read just before it is
            # needed, the sum stored before the next node's parent is read
            deque(map(setitem, repeat(exact), rest,
                      map(add, map(exact.__getitem__, map(pv.__getitem__, rest)),
                          map(self._parent_weights().__getitem__, rest))), 0)
        if len(part) == n:
            reached = [True] * n
        else:
            reached = [False] * n
            deque(map(setitem, repeat(reached), part, repeat(True)), 0)
        if len(self._trees) >= 4:
            del self._trees[next(iter(self._trees))]
        got = self._trees[start] = (exact, reached)
        return got

    def path(self, a: int, b: int) -> tuple[list[int], list[int]] | None:
        """(nodes from a to b, link numbers from a to b) along the one path; None when they are not joined. The
        links come from `forest_paths.Forest.path` (the one walk up from both ends), the nodes from the links: up
        from a while each link is the node's own parent link, then down to b (b's ancestors, reversed)."""
        links = self._walk.path(a, b)
        if links is None:
            return None
        pv, pe = self.parent_v, self.parent_e
        nodes, k = [a], 0
        while k < len(links) and pe[a] == links[k]:
            a = pv[a]
            nodes.append(a)
            k += 1
        down = []
        for _ in range(len(links) - k):
            down.append(b)
            b = pv[b]
        nodes.extend(reversed(down))
        return nodes, links


class ForestRoutes:
    """`DelayPaths`' trees and paths read off the sizing's rooted forest when there is one (the same sums, the
    same one path), else `Paths`' own."""

    _forest_held: tuple[RootedForest | None] | None

    def _sized_forest(self) -> RootedForest | None:
        """The sizing's rooted forest over these links with these weights, when the drawing has no cycle and the
        sizing rooted it (not on a star: its closed forms are cheaper); None otherwise."""
        held = self._forest_held
        if held is None:
            graph = self._graph
            memo = graph.forest_memo if graph is not None and self.star is None else None
            forest = memo[0] if memo is not None else None
            rooted = RootedForest(forest, self.rtt, depths(graph)) if forest is not None else None
            held = self._forest_held = (rooted,)
        return held[0]

    def distances(self, source: str) -> tuple[list[float], list[bool]]:
        """`Paths.distances`, read off the sizing's rooted forest when there is one (the same sums)."""
        forest = self._sized_forest()
        if forest is not None:
            return forest.distances(self.index[source])
        return super().distances(source)

    def forest_route(self, forest: RootedForest, a: str, b: str, hub: str | None
                     ) -> tuple[tuple[str, ...], list[int]] | None:
        """`DelayPaths.route_numbers` on the forest: (nodes from a to b, link numbers), through `hub` when given
        and not an end; None when they are not joined."""
        index, ids = self.index, self.ids
        if hub is not None and hub not in (a, b):
            to_a, to_b = forest.path(index[hub], index[a]), forest.path(index[hub], index[b])
            if to_a is None or to_b is None:
                return None
            nodes, hops = to_a[0][::-1] + to_b[0][1:], to_a[1][::-1] + to_b[1]
        else:
            got = forest.path(index[a], index[b])
            if got is None:
                return None
            nodes, hops = got
        return tuple(map(ids.__getitem__, nodes)), hops


class Distances:
    """`Paths.rtts_from(source)` read as a mapping (`in`, `[]`, `get`) over node numbers, without the dict."""

    def __init__(self, paths, source: str):
        self._index = paths.index
        self._exact, self._reached = paths.distances(source)

    def __contains__(self, node_id: str) -> bool:
        n = self._index.get(node_id)
        return n is not None and self._reached[n]

    def __getitem__(self, node_id: str) -> float:
        if node_id not in self:
            raise KeyError(node_id)
        return self._exact[self._index[node_id]]

    def get(self, node_id: str, default=None):
        n = self._index.get(node_id)
        return self._exact[n] if n is not None and self._reached[n] else default

    def many(self, node_ids: list[str]) -> list[float | None]:
        """`get` for each id (all of them nodes of the drawing); in C-level passes when every one is reached."""
        exact, reached = self._exact, self._reached
        nodes = list(map(self._index.__getitem__, node_ids))
        if all(map(reached.__getitem__, nodes)):
            return list(map(exact.__getitem__, nodes))
        return [exact[n] if reached[n] else None for n in nodes]
