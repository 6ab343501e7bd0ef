"""Sites whose neighbours are hubs, or lead to hubs: their lowest-RTT trees built from the hubs' trees, without a heap.

Sites on two of twenty clouds by round-trip times measured to the hundredth of a millisecond are alike in nothing
(`routing_alike` finds no group), and each took its own heap search over the whole block (10,000 sites: ~8.5 s).
Yet such a site's search settles the site, reaches each hub it hangs on at that link's weight, and from there
follows each hub's own tree wherever that hub's side is nearer. So, per site, without a heap:

- each of its hubs' trees (searched once per block, from distance 0) is walked down from the site's link weight,
  with the search's own additions (distance + weight + 1e-6 ms per hop), giving each node's distance by that hub;
  a hub the site reaches through a neighbour that is no hub (a branch that breaks out to the Internet through the
  branch next door, over a leased line) is walked down from the sum over the two links, and that neighbour takes
  its own link's distance where it is nearer so;
- each node takes the nearest hub's distance;
- the settle order is the merge of the sides, each in its hub tree's order, where sums that round differently from
  another start distance may have swapped near neighbours: an insertion pass puts them back.

Each node's parent is then the search's own: of the neighbours settled before it, the first that offers its distance
(the search keeps the first strict improvement). And the distances are checked to be the search's own, node by node:
no neighbour settled before a node offers less, and one offers exactly its distance. Any failure (a hub's tree that
runs otherwise from another start distance, a site some hub's tree passes through, a site whose neighbour reaches
hubs only through further sites) and the site takes its own heap search. So the trees, the sums and the figures are
those of `routing_kernels.heap_sources`, bit for bit (tests/core/test_routing_hubs.py compares them), at a few passes
over the block per site instead of a heap search.
"""

from __future__ import annotations

import numba
import numpy as np

from advisor.routing_kernels import _demands, _replay, sum_tree
from advisor.routing_search import HOP_MS, _before, _heap_tree, lowest, scratch, search_scratch

MAX_DEGREE = 4  # sites with more links take their own search
MIN_SITES = 16  # a node is a hub when this many sites of at most MAX_DEGREE links hang on it
MAX_HUBS = 64
MAX_SIDES = 6  # the most hubs a site's tree is built from (over its own links, or through a neighbour)
MAX_NEAR = 2  # the most neighbours that are not hubs


@numba.njit(cache=True, nogil=True)
def _side(h, d, side_hub, side_off, k):  # pragma: no cover (compiled)
    # hub h reached at distance d: a new side, or the least distance of its side; the sides then, -1 if too many
    for i in range(k):
        if side_hub[i] == h:
            if d < side_off[i]:
                side_off[i] = d
            return k
    if k >= side_hub.shape[0]:
        return -1
    side_hub[k] = h
    side_off[k] = d
    return k + 1


@numba.njit(cache=True, nogil=True)
def _sides(s, start, neighbour, edge, weight, hub_index, side_hub, side_off, near):  # pragma: no cover (compiled)
    # the hubs s reaches over one link, or over two through a neighbour that is not a hub, each at the least such
    # distance by the search's own additions; (sides, near neighbours), sides -1 when there are too many of either
    k = 0
    nn = 0
    for slot in range(start[s], start[s + 1]):
        u = neighbour[slot]
        d = 0.0 + weight[edge[slot]] + HOP_MS
        if hub_index[u] >= 0:
            k = _side(u, d, side_hub, side_off, k)
        else:
            if nn >= near.shape[0]:
                return -1, nn
            near[nn] = slot
            nn += 1
            for far in range(start[u], start[u + 1]):
                g = neighbour[far]
                if g != s and hub_index[g] >= 0 and k >= 0:
                    k = _side(g, d + weight[edge[far]] + HOP_MS, side_hub, side_off, k)
        if k < 0:
            return -1, nn
    return k, nn


@numba.njit(cache=True, nogil=True)
def _hub_tree(s, start, neighbour, edge, weight, ends_a, ends_b, hub_index, hub_order, hub_count, hub_parent,
              best, parent, order, side, dist, head):  # pragma: no cover (compiled)
    # the heap search's tree from s (settle order, parents, distances) from its hubs' trees; -1 when it cannot be
    # shown to be the search's own
    n = best.shape[0]
    side_hub = np.empty(dist.shape[0], dtype=np.int64)
    side_off = np.empty(dist.shape[0], dtype=np.float64)
    near = np.empty(MAX_NEAR, dtype=np.int64)
    k, nn = _sides(s, start, neighbour, edge, weight, hub_index, side_hub, side_off, near)
    if k <= 0:
        return -1
    for i in range(k):
        h = side_hub[i]
        j = hub_index[h]
        d = dist[i]
        if hub_count[j] < n:  # (else the walk below sets every node)
            d[:] = np.inf
        d[h] = side_off[i]
        for t in range(1, hub_count[j]):
            v = hub_order[j, t]
            pe = hub_parent[j, v]
            up = ends_a[pe] if ends_b[pe] == v else ends_b[pe]
            d[v] = d[up] + weight[pe] + HOP_MS
    for v in range(n):
        best[v] = np.inf
        parent[v] = -1
        side[v] = -1
        if v == s:
            continue
        m = np.inf
        for i in range(k):
            x = dist[i, v]
            if x < m:
                m = x
                side[v] = i
        best[v] = m
    best[s] = 0.0
    for i in range(nn):  # a neighbour that is not a hub, nearer over its own link: on no hub's side (k)
        u = neighbour[near[i]]
        d = 0.0 + weight[edge[near[i]]] + HOP_MS
        if d < best[u]:
            best[u] = d
            side[u] = k
    # the merge of the sides, each in its hub tree's order
    count = 1
    order[0] = s
    for i in range(k):
        head[i] = 0
    while True:
        pick = -1
        for i in range(k):
            j = hub_index[side_hub[i]]
            t = head[i]
            while t < hub_count[j] and (side[hub_order[j, t]] != i or hub_order[j, t] == s):
                t += 1
            head[i] = t
            if t < hub_count[j]:
                v = hub_order[j, t]
                if pick < 0 or _before(best[v], v, best[order[count]], order[count]):
                    pick = i
                    order[count] = v
        if pick < 0:
            break
        head[pick] += 1
        count += 1
    for i in range(nn):  # then those neighbours, which the sort below moves to their place
        u = neighbour[near[i]]
        if side[u] == k:
            side[u] = -1
            order[count] = u
            count += 1
    # The search's own distances and parents, in that order: each node's distance the least offer of the neighbours
    # settled before it, its parent the first of them to offer it (the search keeps the first strict improvement).
    # A hub's sum that rounds otherwise than the search's own moves a node by a unit in the last place, far less than
    # any link adds (1e-6 ms at least): it never changes which neighbours come before it. Then again, to check.
    _sort(order, count, best)
    for t in range(count):
        side[order[t]] = t  # reused: the settle position
    changed = _settle(order, count, start, neighbour, edge, weight, best, parent, side, False)
    if changed < 0:
        return -1
    if changed > 0:  # a distance moved: the order again, and every node checked once more
        _sort(order, count, best)
        for t in range(count):
            side[order[t]] = t
        if _settle(order, count, start, neighbour, edge, weight, best, parent, side, True) != 0:
            return -1
    return count


@numba.njit(cache=True, nogil=True)
def _sort(order, count, best):  # pragma: no cover (compiled)
    # insertion: order[1:count] by (distance, node); each a step or two from its place
    for t in range(2, count):
        v = order[t]
        u = t - 1
        while u >= 1 and _before(best[v], v, best[order[u]], order[u]):
            order[u + 1] = order[u]
            u -= 1
        order[u + 1] = v


@numba.njit(cache=True, nogil=True)
def _settle(order, count, start, neighbour, edge, weight, best, parent, position, check):  # pragma: no cover
    # each node's distance and parent from the neighbours settled before it: 1 if a distance changed, -1 if a node
    # has no such neighbour (or, with `check`, if any distance or parent would change), else 0
    changed = 0
    for t in range(1, count):
        v = order[t]
        first = -1
        least = np.inf
        for slot in range(start[v], start[v + 1]):
            u = neighbour[slot]
            if position[u] < 0 or position[u] >= t:
                continue  # unreached, or settled after v: its offer comes too late to count
            c = best[u] + weight[edge[slot]] + HOP_MS
            if c < least or (c == least and position[u] < position[neighbour[first]]):
                least = c
                first = slot
        if first < 0:
            return -1
        if check and (least != best[v] or edge[first] != parent[v]):
            return -1
        if least != best[v]:
            changed = 1
        best[v] = least
        parent[v] = edge[first]
    return changed


@numba.njit(cache=True, nogil=True, parallel=True)
def hub_sources(start, neighbour, edge, weight, ends_a, ends_b, origins, dest_u, sources, rates, row_start, row_node,
                row_erl, row_sig, edge_erl, edge_sig, out_edge, out_erl, out_sig, out_count, threads, hub_index,
                hub_order, hub_count, hub_parent, width, cap):  # pragma: no cover (compiled; compared with heap_sources)
    # routing_kernels.heap_sources, each source whose neighbours are all hubs (and whose search starts at 0) built
    # from its hubs' trees where that can be shown to be its own search's tree
    n = dest_u.shape[0]
    ns = sources.shape[0]
    parts = max(1, min(ns, threads))
    for p in numba.prange(parts):
        best, parent, done, order, hd, hv = search_scratch(n, neighbour.shape[0])
        side = np.empty(n, dtype=np.int32)
        dist = np.empty((MAX_SIDES, n), dtype=np.float64)
        head = np.empty(MAX_SIDES, dtype=np.int64)
        acc_erl = np.empty(n, dtype=np.float64)
        acc_sig = np.empty(n, dtype=np.float64)
        bucket_head, used, nxt, sd, sv = scratch(width, cap, neighbour.shape[0])  # (`routing_search`)
        wide = width
        for k in range(p * ns // parts, (p + 1) * ns // parts):
            count = -1
            if origins[k] == 0.0:
                count = _hub_tree(sources[k], start, neighbour, edge, weight, ends_a, ends_b, hub_index, hub_order,
                                  hub_count, hub_parent, best, parent, order, side, dist, head)
            if count < 0:
                count, spread = lowest(sources[k], origins[k], start, neighbour, edge, weight, best, parent, done,
                                       order, hd, hv, wide, bucket_head, used, nxt, sd, sv)
                if spread > count:  # buckets mostly empty: the heap for this part's other sources
                    wide = 0.0
            _demands(k, rates[k], dest_u, row_start, row_node, row_erl, row_sig, acc_erl, acc_sig)
            out_count[k] = sum_tree(p == 0, k, count, order, parent, ends_a, ends_b, acc_erl, acc_sig, edge_erl,
                                    edge_sig, out_edge, out_erl, out_sig)
    _replay(ns, out_edge, out_erl, out_sig, out_count, edge_erl, edge_sig, False)


def choose(block_adj, senders: list[int]) -> list[int]:
    """The hubs of a block (its node numbers): nodes on which at least MIN_SITES of the `senders` with at most
    MAX_DEGREE links hang, the MAX_HUBS most used."""
    used: dict[int, int] = {}
    for i in senders:
        row = block_adj[i]
        if len(row) <= MAX_DEGREE:
            for w, _k in row:
                used[w] = used.get(w, 0) + 1
    hubs = sorted((w for w, c in used.items() if c >= MIN_SITES), key=lambda w: (-used[w], w))
    return sorted(hubs[:MAX_HUBS])


def hub_arrays(hubs: list[int], start, neighbour, edge, weight) -> tuple:
    """(hub index per node, settle order per hub, nodes each reaches, parent edge per hub and node): each hub's
    heap search from distance 0, compiled."""
    n = start.shape[0] - 1
    index = np.full(n, -1, dtype=np.int32)
    order = np.empty((len(hubs), n), dtype=np.int32)
    parent = np.empty((len(hubs), n), dtype=np.int32)
    count = np.empty(len(hubs), dtype=np.int64)
    best = np.empty(n)
    done = np.zeros(n, dtype=np.uint8)
    hd, hv = np.empty(neighbour.shape[0] + 1), np.empty(neighbour.shape[0] + 1, dtype=np.int32)
    for j, h in enumerate(hubs):
        index[h] = j
        count[j] = _heap_tree(h, 0.0, start, neighbour, edge, weight, best, parent[j], done, order[j], hd, hv)
    return index, order, count, parent


def warm() -> None:
    """Compile the loop now (a two-node block, node 0 the hub), with the argument types `routing_compiled.Run`
    passes."""
    i32, i64 = np.int32, np.int64
    start = np.array([0, 1, 2], dtype=i64)
    neighbour, edge = np.array([1, 0], dtype=i32), np.array([0, 0], dtype=i32)
    ends_a, ends_b = np.zeros(1, dtype=i32), np.ones(1, dtype=i32)
    index, order, count, parent = hub_arrays([0], start, neighbour, edge, np.ones(1))
    row_start, row_node, row_f = np.zeros(2, dtype=i64), np.zeros(0, dtype=i32), np.zeros(0)
    out = (np.empty((1, 1), dtype=i32), np.empty((1, 1)), np.empty((1, 1)), np.empty(1, dtype=i64))
    hub_sources(start, neighbour, edge, np.ones(1), ends_a, ends_b, np.zeros(1), np.ones(2), np.array([1], dtype=i32),
                np.ones(1), row_start, row_node, row_f, row_f, np.zeros(1), np.zeros(1), *out, 1, index, order, count,
                parent, 0.5, 8)
