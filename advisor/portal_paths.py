"""Lowest-RTT paths of many pairs of sites, searched from the few nodes the sites hang off.

Thousands of small call-processing clusters on one WAN need a path for every pair of their sites. One lowest-RTT
search per site walks the whole WAN per site: 10,000 sites on two clouds, or on two data centres, or on a few
hundred regional hubs, with 5,444 of them in ~1,000 clusters, took 25-30 s. A site with few links reaches every other
node through one of its neighbours, so its lowest path to a site j is its link to a neighbour u, u's lowest path to
a neighbour v of j, and v's link to j. Searching from the neighbours (two clouds, a few hundred hubs) gives every
pair's path from that handful of searches.

The path found has the lowest weight in the search's own order (the round-trip times plus a tiny cost per link, so
equal RTTs prefer fewer links). Where a pair's first site is searched from itself (it is one of the neighbours, or
it has many links) the path is that search's, exactly. Otherwise, among equally low paths, the one through the
lowest-numbered neighbour wins, then the neighbours' link order: a rule of its own, where a search from the site
would break the tie by the order the nodes settle in. Either way the path's RTT is the lowest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from advisor.routing import HOP_MS

FEW_LINKS = 4  # a site with at most this many links is reached through its neighbours


def plan(adj: list[list[tuple[int, int]]], pairs: Iterable[tuple[int, int]]) -> set[int] | None:
    """The nodes to search from for `pairs` ((first, second) node numbers), or None when they are not fewer than
    the pairs' first sites (one search from each, the usual way, is then no dearer). Sites with many links are
    searched from themselves; a first site with few links adds its neighbours."""
    sources: set[int] = set()
    roots: set[int] = set()
    for i, j in pairs:
        for node in (i, j):
            if len(adj[node]) > FEW_LINKS:
                roots.add(node)
        if i not in sources:
            sources.add(i)
            if len(adj[i]) <= FEW_LINKS:
                roots.update(u for u, _k in adj[i] if u != i)
    return roots if len(roots) < len(sources) else None


def paths(adj: list[list[tuple[int, int]]], ends: tuple[list[int], list[int]], weight: list[float],
          pairs: Iterable[tuple[int, int]], roots: set[int], search: Callable) -> dict[tuple[int, int], list[int] | None]:
    """(i, j) -> the edge numbers of a lowest path from i to j, in order from i; None when j cannot be reached.
    `ends`: each edge's two node numbers, as two columns. `roots` from `plan`; `search(adj, weight, root)` is
    `routing_trees.lowest_tree` (nodes in settle order, exact sums, parent edge per node, ordering distance per
    node). One search per root, one root's tree held at a time."""
    jobs: dict[int, list[tuple[int, tuple[int, int]]]] = {}
    out: dict[tuple[int, int], list[int] | None] = {}
    for p in pairs:
        out[p] = None
        i, j = p
        if i in roots:
            jobs.setdefault(i, []).append((0, p))  # the search from i itself
        elif j in roots:
            jobs.setdefault(j, []).append((1, p))  # the search from j, walked back from i
        else:
            for u in {u for u, _k in adj[i] if u != i}:
                jobs.setdefault(u, []).append((2, p))  # through i's neighbour u
    low: dict[tuple[int, int], float] = {}
    for root in sorted(jobs):
        _order, _exact, parent, best = search(adj, weight, root)
        for kind, p in jobs[root]:
            i, j = p
            if kind == 0:
                out[p] = _walk(ends, parent, j)[::-1] if parent[j] >= 0 or j == root else None
            elif kind == 1:
                out[p] = _walk(ends, parent, i) if parent[i] >= 0 else None
            else:
                _through(adj, ends, weight, parent, best, root, p, low, out)
    return out


def _through(adj, ends, weight, parent, best, root, p, low, out) -> None:
    """Offer the paths i – root … v – j (v each neighbour of j the root's search reached) for pair p; the lowest
    so far is kept (strictly lower replaces, so ties keep the first found), its path walked once per root."""
    i, j = p
    lowest, chosen = low.get(p, float("inf")), None
    for u, e_in in adj[i]:
        if u != root:
            continue
        head = weight[e_in] + HOP_MS
        for v, e_out in adj[j]:
            if v == j or v == i or (v != root and parent[v] < 0):
                continue
            value = head + best[v] + (weight[e_out] + HOP_MS)
            if value < lowest:
                lowest, chosen = value, (e_in, v, e_out)
    if chosen is not None:
        e_in, v, e_out = chosen
        low[p] = lowest
        out[p] = [e_in, *_walk(ends, parent, v)[::-1], e_out]


def _walk(ends: tuple[list[int], list[int]], parent: list[int], node: int) -> list[int]:
    """Edge numbers from `node` back to its tree's root."""
    end_a, end_b = ends
    out = []
    while parent[node] >= 0:
        k = parent[node]
        out.append(k)
        a = end_a[k]
        node = end_b[k] if a == node else a
    return out
