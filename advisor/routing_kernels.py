"""Compiled loops for the one costly case of the sizing: a large meshed block routed by one tree per sending node.

A ring, a grid or a random partial mesh of thousands of sites is one block (`routing_blocks`): n trees of n nodes.
In interpreted steps that is about a millisecond per tree at 10,000 sites, ten seconds in all (a minute when the
round-trip times differ and the heap search runs). These are the very loops of the interpreted path, compiled by
numba to machine code: the same searches, the same ties, the same additions in the same order, so the same figures
bit for bit (tests/core/test_routing_kernels.py compares them with `routing_levels` and `routing_graph`).

- `level_sources`: `routing_levels.level_parents` + `sum_levels` per source (every link weighs the same);
- `heap_sources`: `routing_graph.lowest_tree` + `sum_up` per source (round-trip times differ).

Each takes the block as arrays: `start`/`neighbour`/`edge` (each node's adjacency in order, edges numbered in the
block), the users each node receives calls for (`dest_u`), the sources in order with their gravity rate and point
flows (`row_start`/`row_node`/`row_erl`/`row_sig`: each source's flows in the order its dict holds them), and adds to
`edge_erl`/`edge_sig` (the block's edges' figures so far). Floating point is IEEE, without fast-math: no operation
is reordered or fused.

Importing this module imports numba and compiles on first use (cached on disk next to the module, or in the user's
cache folder when that is read-only): `routing_compiled` imports it only for a block large enough to pay for that.
"""

from __future__ import annotations

import numba
import numpy as np

HOP_MS = 1e-6  # routing_graph.HOP_MS (asserted equal by the tests): the per-hop tie-breaker of the search


@numba.njit(cache=True, nogil=True)
def _demands(k, rate, dest_u, row_start, row_node, row_erl, row_sig, acc_erl, acc_sig):  # pragma: no cover
    # routing_blocks._demands: rate × users per node (zero when the rate is zero), plus the point flows in order
    n = dest_u.shape[0]
    if rate != 0.0:
        for j in range(n):
            acc_erl[j] = rate * dest_u[j]
    else:
        for j in range(n):
            acc_erl[j] = 0.0
    for j in range(n):
        acc_sig[j] = 0.0
    for r in range(row_start[k], row_start[k + 1]):
        acc_erl[row_node[r]] += row_erl[r]
        acc_sig[row_node[r]] += row_sig[r]


@numba.njit(cache=True, nogil=True)
def _sort_part(a, lo, hi):  # pragma: no cover (compiled)
    # a[lo:hi] sorted in place: by insertion while short (most levels of a ring or grid), else numpy's sort
    if hi - lo > 32:
        a[lo:hi] = np.sort(a[lo:hi])
        return
    for i in range(lo + 1, hi):
        x = a[i]
        j = i - 1
        while j >= lo and a[j] > x:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = x


@numba.njit(cache=True, nogil=True)
def level_sources(start, neighbour, edge, dest_u, sources, rates, row_start, row_node, row_erl, row_sig,
                  edge_erl, edge_sig):  # pragma: no cover (compiled; compared with the interpreted loops)
    n = dest_u.shape[0]
    seen = np.zeros(n, dtype=np.int32)  # = k + 1 once met by source k's walk: never cleared
    parent_edge = np.empty(n, dtype=np.int32)  # set for every node the walk meets: never cleared either
    parent_node = np.empty(n, dtype=np.int32)
    order = np.empty(n, dtype=np.int32)
    acc_erl = np.empty(n, dtype=np.float64)
    acc_sig = np.empty(n, dtype=np.float64)
    for k in range(sources.shape[0]):
        s = sources[k]
        mark = k + 1
        seen[s] = mark
        parent_edge[s] = -1
        order[0] = s
        count = 1
        lo, hi = 0, 1  # the current level: order[lo:hi], by node number
        while lo < hi:
            for i in range(lo, hi):
                u = order[i]
                for slot in range(start[u], start[u + 1]):
                    v = neighbour[slot]
                    if seen[v] != mark:
                        seen[v] = mark
                        parent_edge[v] = edge[slot]
                        parent_node[v] = u
                        order[count] = v
                        count += 1
            _sort_part(order, hi, count)
            lo, hi = hi, count
        _demands(k, rates[k], dest_u, row_start, row_node, row_erl, row_sig, acc_erl, acc_sig)
        for i in range(count - 1, -1, -1):  # routing_levels.sum_levels
            v = order[i]
            e = parent_edge[v]
            if e < 0:
                continue
            erl = acc_erl[v]
            u = parent_node[v]
            edge_erl[e] += erl
            acc_erl[u] += erl
            sig = acc_sig[v]
            if sig != 0.0:  # `if sig:` (NaN is true both ways)
                edge_sig[e] += sig
                acc_sig[u] += sig


@numba.njit(cache=True, nogil=True)
def _before(d1, v1, d2, v2):  # pragma: no cover (compiled)
    return d1 < d2 or (d1 == d2 and v1 < v2)  # the tuples' order: (d1, v1) < (d2, v2)


@numba.njit(cache=True, nogil=True)
def _sift_up(hd, hv, size, d, v):  # pragma: no cover (compiled)
    # (d, v) added at position `size`, moved up past every parent after it
    i = size
    while i > 0:
        up = (i - 1) >> 1
        if _before(d, v, hd[up], hv[up]):
            hd[i], hv[i] = hd[up], hv[up]
            i = up
        else:
            break
    hd[i], hv[i] = d, v


@numba.njit(cache=True, nogil=True)
def _sift_down(hd, hv, size, d, v):  # pragma: no cover (compiled)
    # the root replaced by (d, v) (the last entry, `size` entries left), moved down past every smaller child
    i = 0
    while True:
        c = 2 * i + 1
        if c >= size:
            break
        if c + 1 < size and _before(hd[c + 1], hv[c + 1], hd[c], hv[c]):
            c += 1
        if _before(hd[c], hv[c], d, v):
            hd[i], hv[i] = hd[c], hv[c]
            i = c
        else:
            break
    hd[i], hv[i] = d, v


@numba.njit(cache=True, nogil=True)
def heap_sources(start, neighbour, edge, weight, ends_a, ends_b, dest_u, sources, rates, row_start, row_node,
                 row_erl, row_sig, edge_erl, edge_sig):  # pragma: no cover (compiled; compared with the loops)
    n = dest_u.shape[0]
    inf = np.inf
    best = np.empty(n, dtype=np.float64)
    parent = np.empty(n, dtype=np.int32)
    done = np.zeros(n, dtype=np.uint8)
    order = np.empty(n, dtype=np.int32)
    acc_erl = np.empty(n, dtype=np.float64)
    acc_sig = np.empty(n, dtype=np.float64)
    hd = np.empty(neighbour.shape[0] + 1, dtype=np.float64)  # at most one push per adjacency slot, and the start
    hv = np.empty(neighbour.shape[0] + 1, dtype=np.int32)
    for k in range(sources.shape[0]):
        s = sources[k]
        best[:] = inf
        parent[:] = -1
        done[:] = 0
        best[s] = 0.0
        count = 0
        # routing_graph.lowest_tree's heap of (ordering distance, node), ties to the lower node, as two arrays:
        # entries are distinct (a node is pushed again only strictly nearer), so every heap pops them in one order
        hd[0] = 0.0
        hv[0] = s
        size = 1
        while size > 0:
            d, u = hd[0], hv[0]
            size -= 1
            if size > 0:
                _sift_down(hd, hv, size, hd[size], hv[size])
            if done[u] == 1:
                continue
            done[u] = 1
            order[count] = u
            count += 1
            for slot in range(start[u], start[u + 1]):
                v = neighbour[slot]
                kk = edge[slot]
                nd = d + weight[kk] + HOP_MS
                if nd < best[v]:
                    best[v] = nd
                    parent[v] = kk
                    _sift_up(hd, hv, size, nd, v)
                    size += 1
        _demands(k, rates[k], dest_u, row_start, row_node, row_erl, row_sig, acc_erl, acc_sig)
        for i in range(count - 1, -1, -1):  # routing_graph.sum_up
            v = order[i]
            kk = parent[v]
            if kk < 0:
                continue
            erl = acc_erl[v]
            sig = acc_sig[v]
            edge_erl[kk] += erl
            edge_sig[kk] += sig
            up = ends_a[kk] if ends_b[kk] == v else ends_b[kk]
            acc_erl[up] += erl
            acc_sig[up] += sig


def warm() -> None:
    """Compile both loops now (on a two-node block), with the argument types `routing_compiled.Run` passes, so the
    first large design does not wait for it."""
    i32, i64 = np.int32, np.int64
    start = np.array([0, 1, 2], dtype=i64)
    neighbour, edge = np.array([1, 0], dtype=i32), np.array([0, 0], dtype=i32)
    dest_u, sources, rates = np.ones(2), np.array([0], dtype=i32), np.ones(1)
    row_start, row_node, row_f = np.zeros(2, dtype=i64), np.zeros(0, dtype=i32), np.zeros(0)
    level_sources(start, neighbour, edge, dest_u, sources, rates, row_start, row_node, row_f, row_f, np.zeros(1),
                  np.zeros(1))
    heap_sources(start, neighbour, edge, np.ones(1), np.zeros(1, dtype=i32), np.ones(1, dtype=i32), dest_u,
                 sources, rates, row_start, row_node, row_f, row_f, np.zeros(1), np.zeros(1))
