"""The compiled parts of the cluster pairs' work on a meshed WAN (`cluster_reach`): the hop-limited walk
(`within_hops`), and the paths between the call-processing sites of many clusters, searched in one loop
(`pair_paths`, for `cluster_reach.search_paths`): for each site, the lowest-RTT search from it stopped once its later sites are
settled (`routing_search.lowest_until`: by distance buckets where the weights allow, else the heap; the heap's
order either way, as `routing_trees.lowest_tree(..., until=...)` settles them), then each later site's path walked up the tree as `clustering._walk` walks it. The sites are shared among
the threads (numba's `prange`, parts of consecutive sites); each site's answers go to its own rows, so the answers
are the same whatever the number of threads (tests/core/test_cluster_reach_compiled.py compares them with the
interpreted searches and walks).

Each takes the graph as arrays: `start`/`neighbour`/`edge` (each node's adjacency in order), `weight` per edge, the
edges' ends `end_a`/`end_b`, the sites searched from (`sources`) and the later sites of each
(`t_start`/`t_node`: source k's are t_node[t_start[k]:t_start[k + 1]]). Row r of `out_edges` gets target r's path,
its edges from the target back to the source, and `out_count[r]` how many: −1 when no path leads there, −2 when
the path has more than `max_links` links (the walk stops there, as `clustering._walk` raises `TooFar`).
"""

from __future__ import annotations

import numba
import numpy as np

from advisor.routing_search import lowest_until, scratch, search_scratch


@numba.njit(cache=True, nogil=True, parallel=True)
def pair_paths(start, neighbour, edge, weight, end_a, end_b, sources, t_start, t_node, max_links, out_edges,
               out_count, threads, width, cap):  # pragma: no cover (compiled; compared with the interpreted searches)
    n = start.shape[0] - 1
    slots = neighbour.shape[0]
    ns = sources.shape[0]
    parts = max(1, min(ns, threads))
    for p in numba.prange(parts):  # each part: its own sources, its own scratch, its own rows of out_*
        best, parent, done, order, hd, hv = search_scratch(n, slots)
        stop = np.zeros(n, dtype=np.int32)  # = k + 1 for source k's targets: never cleared
        head, used, nxt, sd, sv = scratch(width, cap, slots)  # the buckets (`routing_search`), if any
        wide = width
        for k in range(p * ns // parts, (p + 1) * ns // parts):
            want = 0
            for r in range(t_start[k], t_start[k + 1]):
                t = t_node[r]
                if stop[t] != k + 1:
                    stop[t] = k + 1
                    want += 1
            count, spread = lowest_until(sources[k], start, neighbour, edge, weight, best, parent, done, order, hd,
                                         hv, wide, head, used, nxt, sd, sv, stop, k + 1, want)
            if spread > 32 * count:  # buckets mostly empty (as `routing_kernels.heap_sources` decides): the heap
                wide = 0.0
            for r in range(t_start[k], t_start[k + 1]):
                v = t_node[r]
                kk = parent[v]
                if kk < 0:
                    out_count[r] = -1
                    continue
                m = 0
                while kk >= 0:
                    if m == max_links:
                        m = -2
                        break
                    out_edges[r, m] = kk
                    m += 1
                    a = end_a[kk]
                    v = end_b[kk] if a == v else a
                    kk = parent[v]
                out_count[r] = m


@numba.njit(cache=True, nogil=True)
def within_hops(start, neighbour, source, targets, hops, most):  # pragma: no cover (compiled)
    # cluster_reach.within_hops: (the targets met by a breadth-first walk of at most `hops` levels from `source`, in
    # the order met; how many), how many −1 where the interpreted walk gives up (None): more than `most` nodes seen
    # after some level
    n = start.shape[0] - 1
    wanted = np.zeros(n, dtype=np.uint8)
    distinct = 0
    for t in targets:
        if wanted[t] == 0:
            wanted[t] = 1
            distinct += 1
    seen = np.zeros(n, dtype=np.uint8)
    queue = np.empty(n, dtype=np.int32)
    found = np.empty(max(1, targets.shape[0]), dtype=np.int32)
    nf = 0
    seen[source] = 1
    queue[0] = source
    low, high = 0, 1
    for _depth in range(hops):
        level_end = high
        for q in range(low, level_end):
            u = queue[q]
            for slot in range(start[u], start[u + 1]):
                v = neighbour[slot]
                if seen[v] == 0:
                    seen[v] = 1
                    queue[high] = v
                    high += 1
                    if wanted[v] == 1:
                        found[nf] = v
                        nf += 1
        if high > most:
            return found, -1
        if high == level_end or nf == distinct:
            break
        low = level_end
    return found, nf


def warm() -> None:
    """Compile the loop now (nodes 0 and 1 joined by edge 0, paths from 0 to 1), with the argument types
    `routing_compiled.pair_paths` passes."""
    i32, i64 = np.int32, np.int64
    two = np.array([0, 1, 2], dtype=i64), np.array([1, 0], dtype=i32), np.array([0, 0], dtype=i32)
    pair_paths(*two, np.ones(1), np.zeros(1, dtype=i32), np.ones(1, dtype=i32), np.zeros(1, dtype=i32),
               np.array([0, 1], dtype=i64), np.ones(1, dtype=i32), 64, np.empty((1, 64), dtype=i32),
               np.empty(1, dtype=i64), 1, 0.5, 8)
    within_hops(two[0], two[1], 0, np.array([1], dtype=i32), 64, 4096)  # as `routing_compiled.hops_within`
