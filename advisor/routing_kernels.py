"""Compiled loops for the one costly case of the sizing: a large meshed block routed by one tree per sending node.

A ring, a grid or a random partial mesh of thousands of sites is one block (`routing_blocks`): n trees of n nodes.
In interpreted steps that is about a millisecond per tree at 10,000 sites, ten seconds in all (a minute when the
round-trip times differ and the heap search runs). These loops, compiled by numba to machine code, build the trees
of the interpreted path with the same ties and make the same additions in the same order, so the same figures bit
for bit (tests/core/test_routing_kernels.py compares them with `routing_levels` and `routing_graph`):

- `level_sources`: `routing_levels.level_parents` + `sum_levels` per source (every link weighs the same). The walk
  does not sort each level: a node's parent is its lowest-numbered neighbour one level nearer (the node the walk
  over sorted levels meets it from first), and a counting sort by level and node number gives the order the sums
  take (1.2-1.7× faster than sorting each level, on a ring, a grid and a random mesh of 10,000 sites);
- `heap_sources`: `routing_trees.lowest_tree` + `sum_up` per source (round-trip times differ);
- `alike_group`: `routing_alike.route_alike` (tests/core/test_routing_alike.py compares the two).

The first two share the sources among `threads` threads (numba's `prange`), in parts of consecutive sources. The
first part adds its terms to the edges as it goes; the others keep each term (`out_*`) and `_replay` adds them
afterwards in source order: every edge gets the additions of the one-by-one loops, in their order, whatever the
number of threads. On two cores the trees of a 10,000-site ring, grid and random mesh take 0.51, 0.76 and 1.14 s
(1.19, 1.62 and 3.71 s on one, without the walk above; the captured calls replayed, median of 3).

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

from advisor.routing_search import lowest, scratch, search_scratch


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
def _level_tree(s, start, neighbour, edge, seen, mark, lev, parent_edge, parent_node, queue, tally, order):
    # routing_levels.level_parents from `s` without sorting each level: returns how many nodes `order` holds, in
    # the settle order reversed (levels from the farthest, each by node number from the highest); parents set
    n = seen.shape[0]
    seen[s] = mark
    lev[s] = 0
    parent_edge[s] = -1
    queue[0] = s
    count = 1
    i = 0
    while i < count:  # breadth first, in the order met
        u = queue[i]
        i += 1
        nl = lev[u] + 1
        for slot in range(start[u], start[u + 1]):
            v = neighbour[slot]
            if seen[v] != mark:
                seen[v] = mark
                lev[v] = nl
                parent_edge[v] = edge[slot]
                parent_node[v] = u
                queue[count] = v
                count += 1
            elif lev[v] == nl and u < parent_node[v]:
                # the parent is the lowest-numbered neighbour one level nearer, by its first link to v: the node
                # from which the walk over sorted levels meets v first
                parent_edge[v] = edge[slot]
                parent_node[v] = u
    levels = lev[queue[count - 1]] + 1
    for x in range(levels + 1):  # a counting sort: by level, the farthest first, then by node number, highest first
        tally[x] = 0
    for j in range(count):
        tally[levels - lev[queue[j]]] += 1
    for x in range(levels):
        tally[x + 1] += tally[x]
    for v in range(n - 1, -1, -1):
        if seen[v] == mark:
            x = levels - 1 - lev[v]
            order[tally[x]] = v
            tally[x] += 1
    return count


@numba.njit(cache=True, nogil=True, parallel=True)
def level_sources(start, neighbour, edge, dest_u, sources, rates, row_start, row_node, row_erl, row_sig,
                  edge_erl, edge_sig, out_edge, out_erl, out_sig, out_count, threads):  # pragma: no cover
    n = dest_u.shape[0]
    ns = sources.shape[0]
    parts = max(1, min(ns, threads))
    for p in numba.prange(parts):  # each part: its own sources, its own scratch, its own rows of out_*
        seen = np.zeros(n, dtype=np.int32)  # = k + 1 once met by source k's walk: never cleared
        lev = np.empty(n, dtype=np.int32)
        parent_edge = np.empty(n, dtype=np.int32)  # set for every node the walk meets: never cleared either
        parent_node = np.empty(n, dtype=np.int32)
        queue = np.empty(n, dtype=np.int32)
        order = np.empty(n, dtype=np.int32)
        tally = np.empty(n + 2, dtype=np.int64)
        acc_erl = np.empty(n, dtype=np.float64)
        acc_sig = np.empty(n, dtype=np.float64)
        for k in range(p * ns // parts, (p + 1) * ns // parts):
            count = _level_tree(sources[k], start, neighbour, edge, seen, k + 1, lev, parent_edge, parent_node,
                                queue, tally, order)
            _demands(k, rates[k], dest_u, row_start, row_node, row_erl, row_sig, acc_erl, acc_sig)
            m = 0
            for i in range(count):  # routing_levels.sum_levels
                v = order[i]
                e = parent_edge[v]
                if e < 0:
                    continue
                erl = acc_erl[v]
                acc_erl[parent_node[v]] += erl
                sig = acc_sig[v]
                if sig != 0.0:  # `if sig:` (NaN is true both ways)
                    acc_sig[parent_node[v]] += sig
                m = _term(p == 0, k, m, e, erl, sig, True, edge_erl, edge_sig, out_edge, out_erl, out_sig)
            out_count[k] = m
    _replay(ns, out_edge, out_erl, out_sig, out_count, edge_erl, edge_sig, True)


@numba.njit(cache=True, nogil=True, inline="always")
def _term(first, k, m, e, erl, sig, skip_zero_sig, edge_erl, edge_sig, out_edge, out_erl, out_sig):  # pragma: no cover
    # source k's term for edge e: the first part's sources add it to the edge at once, the others keep it (as the
    # m-th of source k's) for `_replay`; returns how many source k keeps
    if first:
        edge_erl[e] += erl
        if sig != 0.0 or not skip_zero_sig:
            edge_sig[e] += sig
        return m
    out_edge[k, m] = e
    out_erl[k, m] = erl
    out_sig[k, m] = sig
    return m + 1


@numba.njit(cache=True, nogil=True)
def _replay(ns, out_edge, out_erl, out_sig, out_count, edge_erl, edge_sig, skip_zero_sig):  # pragma: no cover
    # every source's terms added to its edges in source order, each source's in its own order: the additions of
    # the one-by-one loops, in their order (`skip_zero_sig`: sum_levels leaves out a signalling term of zero)
    for k in range(ns):
        for i in range(out_count[k]):
            e = out_edge[k, i]
            edge_erl[e] += out_erl[k, i]
            sig = out_sig[k, i]
            if sig != 0.0 or not skip_zero_sig:
                edge_sig[e] += sig


@numba.njit(cache=True, nogil=True, parallel=True)
def heap_sources(start, neighbour, edge, weight, ends_a, ends_b, origins, dest_u, sources, rates, row_start, row_node,
                 row_erl, row_sig, edge_erl, edge_sig, out_edge, out_erl, out_sig, out_count, threads, width,
                 cap):  # pragma: no cover (compiled; compared with the loops)
    n = dest_u.shape[0]
    ns = sources.shape[0]
    parts = max(1, min(ns, threads))
    for p in numba.prange(parts):  # each part: its own sources, its own scratch, its own rows of out_*
        best, parent, done, order, hd, hv = search_scratch(n, neighbour.shape[0])
        acc_erl = np.empty(n, dtype=np.float64)
        acc_sig = np.empty(n, dtype=np.float64)
        head, used, nxt, sd, sv = scratch(width, cap, neighbour.shape[0])  # the buckets (`routing_search`), if any
        wide = width
        for k in range(p * ns // parts, (p + 1) * ns // parts):
            count, spread = lowest(sources[k], origins[k], start, neighbour, edge, weight, best, parent, done, order,
                                   hd, hv, wide, head, used, nxt, sd, sv)
            if spread > 32 * count:  # buckets mostly empty (more words of them to pass than nodes): the heap
                wide = 0.0
            _demands(k, rates[k], dest_u, row_start, row_node, row_erl, row_sig, acc_erl, acc_sig)
            out_count[k] = sum_tree(p == 0, k, count, order, parent, ends_a, ends_b, acc_erl, acc_sig, edge_erl,
                                    edge_sig, out_edge, out_erl, out_sig)
    _replay(ns, out_edge, out_erl, out_sig, out_count, edge_erl, edge_sig, False)


@numba.njit(cache=True, nogil=True, inline="always")
def sum_tree(first, k, count, order, parent, ends_a, ends_b, acc_erl, acc_sig, edge_erl, edge_sig, out_edge, out_erl,
             out_sig):  # pragma: no cover (compiled)
    # routing_trees.sum_up of source k's tree (`count` nodes of `order`, parent edges), its terms to `_term`;
    # returns how many source k keeps
    m = 0
    for i in range(count - 1, -1, -1):
        v = order[i]
        kk = parent[v]
        if kk < 0:
            continue
        erl = acc_erl[v]
        sig = acc_sig[v]
        up = ends_a[kk] if ends_b[kk] == v else ends_b[kk]
        acc_erl[up] += erl
        acc_sig[up] += sig
        m = _term(first, k, m, kk, erl, sig, False, edge_erl, edge_sig, out_edge, out_erl, out_sig)
    return m


@numba.njit(cache=True, nogil=True)
def alike_group(start, neighbour, edge, weight, ends_a, ends_b, k0, members, rates, row_start, row_node, row_erl,
                row_sig, dest_u, equal, tree_erl, tree_sig, tree_set, own_erl, own_sig, own_set, width,
                cap, origin):  # pragma: no cover
    # routing_alike.route_alike's tree and sums for one group: the block's adjacency with the virtual node's row
    # last (its links numbered from k0); what each block edge gets, in the order route_alike adds it: its tree term
    # (tree_*, marked in tree_set), then a member's own term (own_*, marked in own_set). `equal`: every weight the
    # same, so the level walk (level_tree's tree), else the heap search, started at `origin` (the distance callers
    # beyond the members reach them at; 0 for the members' own calls)
    n = dest_u.shape[0]
    z = n
    parent = np.full(n + 1, -1, dtype=np.int32)
    order = np.empty(n + 1, dtype=np.int32)  # settle order
    if equal:
        seen = np.zeros(n + 1, dtype=np.int32)
        lev = np.empty(n + 1, dtype=np.int32)
        parent_node = np.empty(n + 1, dtype=np.int32)
        queue = np.empty(n + 1, dtype=np.int32)
        tally = np.empty(n + 3, dtype=np.int64)
        backwards = np.empty(n + 1, dtype=np.int32)
        count = _level_tree(z, start, neighbour, edge, seen, 1, lev, parent, parent_node, queue, tally, backwards)
        for i in range(count):
            order[i] = backwards[count - 1 - i]
    else:
        best = np.empty(n + 1, dtype=np.float64)
        done = np.zeros(n + 1, dtype=np.uint8)
        hd = np.empty(neighbour.shape[0] + 1, dtype=np.float64)
        hv = np.empty(neighbour.shape[0] + 1, dtype=np.int32)
        head, used, nxt, sd, sv = scratch(width, cap, neighbour.shape[0])  # the buckets (`routing_search`), if any
        count, _spread = lowest(z, origin, start, neighbour, edge, weight, best, parent, done, order, hd, hv, width,
                                head, used, nxt, sd, sv)
    nm = members.shape[0]
    total = 0.0
    before = np.empty(nm, dtype=np.float64)
    for m in range(nm):
        before[m] = total
        total += rates[m]
    acc_erl = np.zeros(n + 1, dtype=np.float64)
    acc_sig = np.zeros(n + 1, dtype=np.float64)
    if total != 0.0:
        for j in range(n):
            acc_erl[j] = total * dest_u[j]
    after = 0.0
    for m in range(nm - 1, -1, -1):
        acc_erl[members[m]] = (before[m] + after) * dest_u[members[m]]
        after += rates[m]
    for r in range(row_start[0], row_start[nm]):
        acc_erl[row_node[r]] += row_erl[r]
        acc_sig[row_node[r]] += row_sig[r]
    branch = np.full(n + 1, -1, dtype=np.int32)
    for i in range(count):
        x = order[i]
        k = parent[x]
        if k >= k0:
            branch[x] = x
        elif k >= 0:
            branch[x] = branch[ends_a[k] if ends_b[k] == x else ends_b[k]]
    reach = np.zeros(n + 1, dtype=np.float64)
    reach[:n] = dest_u
    for i in range(count - 1, -1, -1):
        x = order[i]
        k = parent[x]
        if k < 0 or k >= k0:
            continue
        tree_erl[k] = acc_erl[x]
        tree_sig[k] = acc_sig[x]
        tree_set[k] = 1
        up = ends_a[k] if ends_b[k] == x else ends_b[k]
        acc_erl[up] += acc_erl[x]
        acc_sig[up] += acc_sig[x]
        reach[up] += reach[x]
    mine_erl = np.zeros(n + 1, dtype=np.float64)  # one member's point flows per neighbour it leaves by
    mine_sig = np.zeros(n + 1, dtype=np.float64)
    for m in range(nm):
        i = members[m]
        for r in range(row_start[m], row_start[m + 1]):
            w = branch[row_node[r]]
            if w >= 0:
                mine_erl[w] += row_erl[r]
                mine_sig[w] += row_sig[r]
        home = branch[i]
        for slot in range(start[i], start[i + 1]):
            w = neighbour[slot]
            if parent[w] < k0:
                continue
            users = reach[w] - dest_u[i] if w == home else reach[w]
            erl = rates[m] * users if rates[m] != 0.0 else 0.0
            k = edge[slot]
            own_erl[k] = erl + mine_erl[w]
            own_sig[k] = mine_sig[w]
            own_set[k] = 1
        for r in range(row_start[m], row_start[m + 1]):
            w = branch[row_node[r]]
            if w >= 0:
                mine_erl[w] = 0.0
                mine_sig[w] = 0.0


def outputs(sources: int, nodes: int) -> tuple:
    """The `out_*` arrays both loops fill for `sources` sources of a block of `nodes` nodes (each source's tree has
    at most nodes − 1 edges): reused from call to call."""
    return (np.empty((sources, max(1, nodes - 1)), dtype=np.int32), np.empty((sources, max(1, nodes - 1))),
            np.empty((sources, max(1, nodes - 1))), np.empty(sources, dtype=np.int64))


def warm() -> None:
    """Compile the loops now (on a two-node block), with the argument types `routing_compiled.Run` passes, so the
    first large design does not wait for it."""
    i32, i64 = np.int32, np.int64
    start = np.array([0, 1, 2], dtype=i64)
    neighbour, edge = np.array([1, 0], dtype=i32), np.array([0, 0], dtype=i32)
    dest_u, sources, rates = np.ones(2), np.array([0], dtype=i32), np.ones(1)
    row_start, row_node, row_f = np.zeros(2, dtype=i64), np.zeros(0, dtype=i32), np.zeros(0)
    level_sources(start, neighbour, edge, dest_u, sources, rates, row_start, row_node, row_f, row_f, np.zeros(1),
                  np.zeros(1), *outputs(1, 2), 1)
    heap_sources(start, neighbour, edge, np.ones(1), np.zeros(1, dtype=i32), np.ones(1, dtype=i32), np.zeros(1), dest_u,
                 sources, rates, row_start, row_node, row_f, row_f, np.zeros(1), np.zeros(1), *outputs(1, 2), 1, 0.5,
                 8)
    # alike_group: nodes 0 and 1 joined by edge 0, node 1 the member, the virtual node's one link (1) to node 0
    aug = np.array([0, 1, 2, 3], dtype=i64), np.array([1, 0, 0], dtype=i32), np.array([0, 0, 1], dtype=i32)
    f1, u1 = np.zeros(1), np.zeros(1, dtype=np.uint8)
    alike_group(*aug, np.ones(2), np.zeros(1, dtype=i32), np.ones(1, dtype=i32), 1, np.array([1], dtype=i32),
                np.ones(1), np.zeros(2, dtype=i64), row_node, row_f, row_f, dest_u, True, f1, f1.copy(), u1,
                f1.copy(), f1.copy(), u1.copy(), 0.5, 8, 0.0)
