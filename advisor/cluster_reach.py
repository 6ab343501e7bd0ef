"""Which later sites of a cluster one site reaches within a number of links on a meshed WAN, with as little work as
the WAN allows (`clustering.pairs`: pairs more than `MAX_PAIR_LINKS` links apart are not followed link by link).

- **Bounds from two landmarks.** The fewest links from two far-apart nodes bound every pair's distance both ways
  (the triangle inequality): counts that differ by more than k put two sites more than k links apart, and counts
  that add up to at most k put them within k. Along a long meshed WAN most pairs of a cluster spread over it are
  then known to be too far apart, and on a WAN only a few links across (a random mesh) every pair is known to be
  within reach, without any walk.
- **A walk for the others.** A breadth-first walk of at most `BALL_MAX` nodes tells the rest; past that many the
  search decides for each.
- **The search.** One lowest-RTT search per site for its later sites, stopped once those that may be within reach
  are settled (`routing_trees.lowest_tree`'s `until`): their paths are the whole search's. Once the loops are
  loaded, all the sites' searches and walks run in one compiled loop shared among the cores.
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
    A target beyond `hops` links by the fewest is beyond them by the lowest round-trip path too. Compiled once the
    loops are loaded, on a large WAN (the same answer: a grid of 10,000 sites walks ~4,000 nodes per site)."""
    if len(adj) >= routing_compiled.TREE_MIN_NODES and routing_compiled.ready():
        return routing_compiled.hops_within(adj, source, targets, hops, most)
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
    are more than k links apart, or in another part of the WAN); `search_paths` finds the paths to those."""

    def __init__(self, graph: Graph, marks: Landmarks, i: int, later: list[int], k: int):
        self.graph, self.i = graph, i
        self.candidates = [t for t in later if not marks.apart(i, t, k)]
        certain = {t for t in self.candidates if marks.within(i, t, k)}
        unsure = [t for t in self.candidates if t not in certain]
        walked = within_hops(graph.adj, i, unsure, k, BALL_MAX) if unsure else set()
        # None: not known (the walk gave up): every candidate is searched
        self.near: set[int] | None = None if walked is None else certain | walked

    def may_reach(self, j: int) -> bool:
        """False when j is certainly more than k links from site i (or in another part of the WAN)."""
        near = self.near
        if near is None:
            return j in self.candidates
        return j in near


UNREACHED, TOO_FAR = -1, -2  # `search_paths`' counts for a site no path leads to, and for a path past the limit


def search_paths(graph: Graph, wanted: list[tuple[int, list[int]]], max_links: int,
                 tick=None) -> list[tuple[int, list[int]]]:
    """For each (site, its later sites that may be within reach) of `wanted`: each later site's (how many links,
    the path's edges from it back to the site) in the site's lowest-RTT search, stopped once those are settled
    (`routing_trees.lowest_tree`'s `until`: their paths are the whole search's); UNREACHED or TOO_FAR (more than
    `max_links` links) with no edges. One entry per later site, in `wanted`'s order. On a large WAN, once the
    compiled loops are loaded, every search runs in one compiled loop shared among the cores
    (`routing_pairs_kernel`: the same trees, the same walks); `tick(sites searched)` as they are done."""
    if len(graph.adj) >= routing_compiled.TREE_MIN_NODES and routing_compiled.ready():
        got = routing_compiled.pair_paths(graph.adj, graph.weights, graph.end_a, graph.end_b, wanted, max_links,
                                          tick)
        if got is not None:
            return got
    out: list[tuple[int, list[int]]] = []
    for done, (i, later) in enumerate(wanted, 1):
        parent = lowest_tree(graph.adj, graph.weights, i, until=set(later))[2]
        out.extend(walk_up(graph, parent, j, max_links) for j in later)
        if tick is not None:
            tick(done)
    return out


def walk_up(graph: Graph, parent: list[int], node: int, max_links: int) -> tuple[int, list[int]]:
    """(how many links, the edges from `node` up the tree to its root) by the tree's parent edges; UNREACHED where
    `node` has no parent, TOO_FAR past `max_links` links (the walk stops there), with no edges."""
    if parent[node] < 0:
        return UNREACHED, []
    end_a, end_b = graph.end_a, graph.end_b
    edges, v, k = [], node, parent[node]
    while k >= 0:
        if len(edges) == max_links:
            return TOO_FAR, []
        edges.append(k)
        a = end_a[k]
        v = end_b[k] if a == v else a
        k = parent[v]
    return len(edges), edges
