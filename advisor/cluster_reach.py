"""Which later sites of a cluster one site reaches within a number of links on a meshed WAN, with as little work as
the WAN allows (`clustering.pairs`: pairs more than `MAX_PAIR_LINKS` links apart are not followed link by link).

- **Bounds from two landmarks.** The fewest links from two far-apart nodes bound every pair's distance both ways
  (the triangle inequality): counts that differ by more than k put two sites more than k links apart, and counts
  that add up to at most k put them within k. Along a long meshed WAN most pairs of a cluster spread over it are
  then known to be too far apart, and on a WAN only a few links across (a random mesh) every pair is known to be
  within reach, without any walk.
- **A walk for the others.** A breadth-first walk of at most `BALL_MAX` nodes tells the rest; past that many the
  search decides for each.
- **The search.** One lowest-RTT search per site for its later sites. Where the walk found every one of them close
  by, the search stops once they are settled (`routing_trees.lowest_tree`'s `until`): its paths are the whole
  search's. Elsewhere it is the whole search, compiled once the loops are loaded.
"""

from __future__ import annotations

from collections import deque

from advisor import routing_compiled
from advisor.routing_graph import Graph
from advisor.routing_trees import lowest_tree

BALL_MAX = 4096  # nodes a hop-limited walk looks at before it gives up and lets the search decide


class Landmarks:
    """Hop counts (fewest links) from two nodes far apart: from `start`, and from the node of `start`'s part of the
    WAN farthest from it."""

    def __init__(self, adj: list[list[tuple[int, int]]], start: int):
        first = hop_counts(adj, start)
        far = max(range(len(first)), key=first.__getitem__)
        self.first, self.second = first, hop_counts(adj, far)

    def apart(self, i: int, j: int, k: int) -> bool:
        """Whether nodes i and j are certainly more than k links apart (False: not known)."""
        first, second = self.first, self.second
        if first[i] < 0 or first[j] < 0:  # outside the landmarks' part of the WAN: no bound
            return False
        return abs(first[i] - first[j]) > k or abs(second[i] - second[j]) > k

    def within(self, i: int, j: int, k: int) -> bool:
        """Whether nodes i and j are certainly at most k links apart (False: not known)."""
        first, second = self.first, self.second
        if first[i] < 0 or first[j] < 0:
            return False
        return first[i] + first[j] <= k or second[i] + second[j] <= k


def hop_counts(adj: list[list[tuple[int, int]]], start: int) -> list[int]:
    """The fewest links from `start` to each node, -1 where none leads (a breadth-first walk)."""
    count = [-1] * len(adj)
    count[start] = 0
    queue = deque([start])
    pop, push = queue.popleft, queue.append
    while queue:
        u = pop()
        nxt = count[u] + 1
        for v, _e in adj[u]:
            if count[v] < 0:
                count[v] = nxt
                push(v)
    return count


def within_hops(adj: list[list[tuple[int, int]]], source: int, targets: list[int], hops: int,
                most: int) -> set[int] | None:
    """The targets no more than `hops` links from `source` by the fewest links, by a breadth-first walk of at most
    `most` nodes; None when the walk would pass that many (a WAN of few hops across: the search decides for each).
    A target beyond `hops` links by the fewest is beyond them by the lowest round-trip path too."""
    wanted = set(targets)
    seen = {source}
    level = [source]
    found: set[int] = set()
    for _depth in range(hops):
        following = []
        for u in level:
            for v, _e in adj[u]:
                if v not in seen:
                    seen.add(v)
                    following.append(v)
                    if v in wanted:
                        found.add(v)
        if len(seen) > most:
            return None
        if not following or len(found) == len(wanted):
            break
        level = following
    return found


class SiteReach:
    """Site i and its cluster's later sites `later` on a meshed WAN: which of them may be within k links (the others
    are more than k links apart, or in another part of the WAN), and the search that finds the paths to those."""

    def __init__(self, graph: Graph, marks: Landmarks, i: int, later: list[int], k: int):
        self.graph, self.i = graph, i
        self.candidates = [t for t in later if not marks.apart(i, t, k)]
        certain = {t for t in self.candidates if marks.within(i, t, k)}
        unsure = [t for t in self.candidates if t not in certain]
        walked = within_hops(graph.adj, i, unsure, k, BALL_MAX) if unsure else set()
        # None: not known (the walk gave up): every candidate is searched; `close`: the walk alone vouched for them
        self.near: set[int] | None = None if walked is None else certain | walked
        self.close = walked is not None and not certain

    def may_reach(self, j: int) -> bool:
        """False when j is certainly more than k links from site i (or in another part of the WAN)."""
        near = self.near
        if near is None:
            return j in self.candidates
        return j in near

    def tree(self) -> list[int]:
        """The parent edge of each node in site i's lowest-RTT search, final for every later site that may be
        within reach (`routing_trees.lowest_tree`; compiled, only its parents are made into a list)."""
        graph = self.graph
        wanted = set(self.candidates) if self.near is None else self.near
        compiled = routing_compiled.ready() and len(graph.adj) >= routing_compiled.TREE_MIN_NODES
        if self.close or not compiled:  # the walk found them near, or no compiled search to beat
            return lowest_tree(graph.adj, graph.weights, self.i, until=wanted)[2]
        got = routing_compiled.tree_arrays(graph.adj, graph.weights, self.i, 0.0)  # the whole search, compiled
        return got[2].tolist() if got is not None else graph.tree(self.i)[1]
