"""`routing_points.BlockTree.route` for every destination in turn, compiled by numba: the same choices (climb from
each source's block, or walk the whole tree once the climbs reach too many blocks), the same additions in the same
order, so the same figures and the same `sends` bit for bit (tests/core/test_routing_points_kernel.py compares the
two on random block forests and on generated designs).

A meshed WAN of many small blocks in a row (a chain with chords) whose sites call ~900 different call-processing
and gateway sites walked ~5,700 blocks per destination in interpreted steps: ~5 s of a 10,000-site `check`.

`sends` (per node, destination node -> [Erlangs, kbps], made at the first addition) is kept here as slots in the
order they are made, one per (source, exit) pair, found through a typed dictionary; the caller builds the dicts
from them in that order, so each node's dict lists its exits in the order the interpreted loop made them.
Floating point is IEEE, without fast-math: no operation is reordered or fused.
"""

from __future__ import annotations

import numba
import numpy as np
from numba import types
from numba.typed import Dict


@numba.njit(cache=True, nogil=True)
def _send(src, dst, erl, sig, n_nodes, where, last, count, slot_src, slot_dst, slot_f):  # pragma: no cover
    # routing_points._add_send; returns the count of slots made (the caller makes room for one more first: arrays
    # returned from a call cost reference counting at every call). `last[src]`: the node's two slots used last,
    # tried before the dictionary: a node's flows mostly leave by one of two exits (towards either end of a chain)
    if src == dst or (erl == 0.0 and sig == 0.0):
        return count
    k = last[src, 0]
    if k < 0 or slot_dst[k] != dst:
        k = last[src, 1]
        if k < 0 or slot_dst[k] != dst:
            key = src * n_nodes + dst
            if key not in where:  # made with the first figures as they are, as `add_row` makes a row
                where[key] = count
                last[src, 1] = last[src, 0]
                last[src, 0] = count
                slot_src[count] = src
                slot_dst[count] = dst
                slot_f[count, 0] = erl
                slot_f[count, 1] = sig
                return count + 1
            k = where[key]
        last[src, 1] = last[src, 0]
        last[src, 0] = k
    slot_f[k, 0] += erl
    slot_f[k, 1] += sig
    return count


@numba.njit(cache=True, nogil=True)
def _grown(slot_src, slot_dst, slot_f, count):  # pragma: no cover
    grown = 2 * count + 16
    new_src = np.empty(grown, dtype=np.int64)
    new_dst = np.empty(grown, dtype=np.int64)
    new_f = np.empty((grown, 2))
    new_src[:count] = slot_src[:count]
    new_dst[:count] = slot_dst[:count]
    new_f[:count] = slot_f[:count]
    return new_src, new_dst, new_f


@numba.njit(cache=True, nogil=True)
def route_all(adj_start, adj_block, adj_bridge, adj_a, adj_b, parent, bridge, end_in, end_up, part, depth, most,
              comp, targets, flow_start, flow_src, flow_erl, flow_sig, edge_erl, edge_sig,
              transit):  # pragma: no cover
    """Every destination `targets[d]` with its flows `flow_start[d]:flow_start[d + 1]`, in turn; `edge_erl`,
    `edge_sig` and `transit` (uint8) changed in place. Returns (slot sources, slot exits, slot [Erlangs, kbps],
    slots made)."""
    n_blocks = parent.shape[0]
    n_nodes = comp.shape[0]
    where = Dict.empty(key_type=types.int64, value_type=types.int64)
    last = np.full((n_nodes, 2), -1, dtype=np.int64)
    slot_src = np.empty(16, dtype=np.int64)
    slot_dst = np.empty(16, dtype=np.int64)
    slot_f = np.empty((16, 2))
    count = 0
    # per block, for the destination in hand: its way towards t (stamp: the destination it was set for)
    stamp = np.full(n_blocks, -1, dtype=np.int64)
    w_up = np.zeros(n_blocks, dtype=np.int64)
    w_bridge = np.zeros(n_blocks, dtype=np.int64)
    w_entry = np.zeros(n_blocks, dtype=np.int64)  # the bridge's end in the next block (where flows enter it)
    w_leave = np.zeros(n_blocks, dtype=np.int64)  # the node the block's flows leave it by (t in t's block)
    listed = np.empty(n_blocks, dtype=np.int64)  # the blocks with a way, in the order they got it
    order = np.empty(n_blocks, dtype=np.int64)
    kid_first = np.zeros(n_blocks, dtype=np.int64)
    kid_end = np.zeros(n_blocks, dtype=np.int64)
    kid_stamp = np.full(n_blocks, -1, dtype=np.int64)
    f_erl = np.zeros(n_blocks)
    f_sig = np.zeros(n_blocks)
    seen = np.zeros(n_blocks, dtype=np.uint8)  # a home block already counted (the first check of `route`)
    for d in range(targets.shape[0]):
        t = targets[d]
        lo, hi = flow_start[d], flow_start[d + 1]
        root = comp[t]
        home = part[root]
        whole = False
        if hi - lo > most:  # more flows than the climbs may add: from how many blocks of t's part?
            blocks_seen = 0
            for i in range(lo, hi):
                x = comp[flow_src[i]]
                if part[x] == home and seen[x] == 0:
                    seen[x] = 1
                    blocks_seen += 1
            for i in range(lo, hi):
                seen[comp[flow_src[i]]] = 0
            whole = blocks_seen > most
        n_listed = 0
        if not whole:
            stamp[root] = d
            w_up[root], w_bridge[root], w_entry[root], w_leave[root] = -1, -1, -1, t
            listed[0] = root
            n_listed = 1
            top = root
            for i in range(lo, hi):
                x = comp[flow_src[i]]
                if part[x] != home:
                    continue
                if n_listed > most:
                    whole = True
                    break
                while stamp[x] != d:
                    if depth[x] <= depth[top]:
                        while depth[top] > depth[x]:
                            below = top
                            top = parent[top]
                            stamp[top] = d
                            w_up[top], w_bridge[top] = below, bridge[below]
                            w_entry[top], w_leave[top] = end_in[below], end_up[below]
                            listed[n_listed] = top
                            n_listed += 1
                        if x == top:
                            break
                    stamp[x] = d
                    w_up[x], w_bridge[x], w_entry[x], w_leave[x] = parent[x], bridge[x], end_up[x], end_in[x]
                    listed[n_listed] = x
                    n_listed += 1
                    x = parent[x]
        if whole:  # `_route_whole`: the tree turned round to hang from t's block, every block of its part
            for i in range(n_listed):
                stamp[listed[i]] = -1  # the climbs' ways: none of them holds now
            stamp[root] = d
            w_up[root], w_leave[root] = -1, t
            order[0] = root
            n_order = 1
            i = 0
            while i < n_order:
                c = order[i]
                i += 1
                for j in range(adj_start[c], adj_start[c + 1]):
                    nb = adj_block[j]
                    if stamp[nb] != d:
                        stamp[nb] = d
                        w_up[nb], w_bridge[nb], w_entry[nb], w_leave[nb] = c, adj_bridge[j], adj_a[j], adj_b[j]
                        order[n_order] = nb
                        n_order += 1
        else:  # `_breadth_first`: the blocks with a way, breadth first from t's block, children by bridge number
            n_kids = n_listed - 1
            keys = np.empty(n_kids, dtype=np.int64)
            span = edge_erl.shape[0] + 1
            for i in range(n_kids):
                c = listed[i + 1]
                keys[i] = w_up[c] * span + w_bridge[c]
            by = np.argsort(keys)
            for i in range(n_kids):
                u = w_up[listed[by[i] + 1]]
                if kid_stamp[u] != d:
                    kid_stamp[u] = d
                    kid_first[u] = i
                kid_end[u] = i + 1
            order[0] = root
            n_order = 1
            i = 0
            while i < n_order:
                c = order[i]
                i += 1
                if kid_stamp[c] == d:
                    for j in range(kid_first[c], kid_end[c]):
                        order[n_order] = listed[by[j] + 1]
                        n_order += 1
        for i in range(lo, hi):  # each source's flow to where its block's flows leave it
            s = flow_src[i]
            c = comp[s]
            if stamp[c] != d:
                continue
            erl, sig = flow_erl[i], flow_sig[i]
            if count == slot_src.shape[0]:
                slot_src, slot_dst, slot_f = _grown(slot_src, slot_dst, slot_f, count)
            count = _send(s, w_leave[c], erl, sig, n_nodes, where, last, count, slot_src, slot_dst, slot_f)
            f_erl[c] += erl
            f_sig[c] += sig
        for i in range(n_order - 1, 0, -1):  # farthest first, the last child first; t's block's flows end at t
            c = order[i]
            erl, sig = f_erl[c], f_sig[c]
            if erl == 0.0 and sig == 0.0:
                continue
            u, e, entry = w_up[c], w_bridge[c], w_entry[c]
            edge_erl[e] += erl
            edge_sig[e] += sig
            leave = w_leave[u]
            if entry != leave:
                if count == slot_src.shape[0]:
                    slot_src, slot_dst, slot_f = _grown(slot_src, slot_dst, slot_f, count)
                count = _send(entry, leave, erl, sig, n_nodes, where, last, count, slot_src, slot_dst, slot_f)
                transit[entry] = 1
            f_erl[u] += erl
            f_sig[u] += sig
        for i in range(n_order):
            f_erl[order[i]] = 0.0
            f_sig[order[i]] = 0.0
    return slot_src, slot_dst, slot_f, count


def warm() -> None:
    """Compile the loop now (two blocks joined by one bridge, one flow across), with the argument types
    `routing_points.route_compiled` passes."""
    i64 = np.int64
    adj_start = np.array([0, 1, 2], dtype=i64)
    one, zero = np.ones(1, dtype=i64), np.zeros(1, dtype=i64)
    route_all(adj_start, np.array([1, 0], dtype=i64), np.zeros(2, dtype=i64), np.array([0, 1], dtype=i64),
              np.array([1, 0], dtype=i64), np.array([-1, 0], dtype=i64), np.array([-1, 0], dtype=i64),
              np.array([-1, 1], dtype=i64), np.array([-1, 0], dtype=i64), np.zeros(2, dtype=i64),
              np.array([0, 1], dtype=i64), 64, np.array([0, 1], dtype=i64), zero, np.array([0, 1], dtype=i64), one,
              np.ones(1), np.ones(1), np.zeros(1), np.zeros(1), np.zeros(2, dtype=np.uint8))
