"""The lowest-RTT tree search of the compiled loops (`routing_kernels.heap_sources`, `routing_hubs`): one tree from
one source, in the settle order of `routing_trees.lowest_tree`, with its ties, bit for bit.

Two queues give that same order:

- `_heap_tree`: a binary heap of (ordering distance, node), as `lowest_tree`'s `heapq`;
- `_bucket_tree`: buckets of distance `width` wide, each bucket's entries put in (distance, node) order when its turn
  comes (by insertion, or for a large bucket sorted by distance and each run of equal distances by node). Every link adds at least its weight plus the per-hop tie-breaker, and `width` is at most half the least of
  those, so a node settled from one bucket only ever lands in a later one: the buckets in turn, each in order, are
  the heap's pops. That skips most of the heap's sifting: on a 100 × 100 grid of links of 5-40 ms, 0.58 ms a tree
  instead of 1.1 ms (one core); `advisor check --json` on 10,000 sites with links of 5-40 ms, grid 7.7 -> 6.4 s and
  random mesh 8.1 -> 6.7 s. A bucket beyond the `cap` buckets set aside stops it (-1) and the heap runs;
  `buckets_for` gives no buckets (width 0) when the weights' spread would need too many. Where the buckets are
  mostly empty (a ring: a path of n / 2 links, a bucket or two each) the heap is faster, and the loops go back to it
  after the first tree that shows it.
"""

from __future__ import annotations

import math

import numba
import numpy as np

HOP_MS = 1e-6  # routing_trees.HOP_MS (asserted equal by the tests): the per-hop tie-breaker of the search
OVERFLOW = 1 << 40  # `lowest`'s spread for a tree its buckets could not hold: more than any search settles
SMALL_BUCKET = 24  # entries put in order by insertion up to this many; sorted beyond
BUCKETS_PER_SLOT = 64  # at most this many buckets per node and adjacency slot (memory: 4 bytes each per thread)


def buckets_for(weights, nodes: int, slots: int, capped: bool = False) -> tuple[float, int]:
    """(bucket width, how many buckets) for a block of `nodes` nodes and `slots` adjacency entries with these link
    weights, or (0.0, 0): the heap only (a weight that is not finite or is negative, or a spread so wide that the
    buckets would not fit).

    No path has more than nodes − 1 links, so no distance a search reaches exceeds (nodes − 1) × (heaviest + hop)
    beyond its start: with buckets half the lightest step wide, that many buckets hold every distance.

    `capped` (the loops that search from many sources): where that many would not fit, as many as fit instead.
    Distances run to the WAN's diameter, far below that bound on a mesh (a random mesh of 10,000 sites with links of
    1-300 ms: ~3,000 ms, 6,000 buckets, where the bound asks for 6 million); a search that reaches past the last
    bucket gives way to the heap, and `lowest` then says so (its loops take the heap for their other sources)."""
    w = np.asarray(weights, dtype=np.float64)
    if not w.size or not np.isfinite(w).all():
        return 0.0, 0
    low, high = float(w.min()), float(w.max())
    if low < 0.0:
        return 0.0, 0
    width = (low + HOP_MS) / 2.0
    need = (nodes - 1) * (high + HOP_MS) / width + 2.0
    most = BUCKETS_PER_SLOT * (nodes + slots)
    if not math.isfinite(need) or need > most:
        return (width, most) if capped and width > 0.0 else (0.0, 0)
    return width, int(need) + 1


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
def _heap_tree(s, origin, start, neighbour, edge, weight, best, parent, done, order, hd, hv):  # pragma: no cover
    # routing_trees.lowest_tree from `s`, started at distance `origin`: returns how many nodes `order` holds, in
    # settle order; parents set
    return _heap_until(s, origin, start, neighbour, edge, weight, best, parent, done, order, hd, hv, _NO_STOP, 1, 0)


_NO_STOP = np.zeros(1, dtype=np.int32)


@numba.njit(cache=True, nogil=True)
def _heap_until(s, origin, start, neighbour, edge, weight, best, parent, done, order, hd, hv, stop, mark,
                want):  # pragma: no cover (compiled)
    # `_heap_tree`, stopped once the `want` nodes whose `stop` is `mark` are settled (lowest_tree's `until`; want 0:
    # the whole search)
    best[:] = np.inf
    parent[:] = -1
    done[:] = 0
    best[s] = origin
    count = 0
    # lowest_tree's heap of (ordering distance, node), ties to the lower node, as two arrays: entries are distinct
    # (a node is pushed again only strictly nearer), so every heap pops them in one order
    hd[0] = origin
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
        if want > 0 and stop[u] == mark:
            want -= 1
            if want == 0:
                break
        for slot in range(start[u], start[u + 1]):
            v = neighbour[slot]
            kk = edge[slot]
            nd = d + weight[kk] + HOP_MS
            if nd < best[v]:
                best[v] = nd
                parent[v] = kk
                _sift_up(hd, hv, size, nd, v)
                size += 1
    return count




@numba.njit(cache=True, nogil=True)
def _bucket_tree(s, origin, start, neighbour, edge, weight, best, parent, done, order, ed, ev, width, head, used,
                 nxt, sd, sv):  # pragma: no cover (compiled; compared with _heap_tree)
    return _bucket_until(s, origin, start, neighbour, edge, weight, best, parent, done, order, ed, ev, width, head,
                         used, nxt, sd, sv, _NO_STOP, 1, 0)


@numba.njit(cache=True, nogil=True)
def _bucket_until(s, origin, start, neighbour, edge, weight, best, parent, done, order, ed, ev, width, head, used,
                  nxt, sd, sv, stop, mark, want):  # pragma: no cover (compiled; compared with _heap_until)
    # `_bucket_tree`, stopped as `_heap_until` stops (the buckets left empty);
    # `_heap_tree` by buckets: returns (how many nodes `order` holds, in settle order, parents set; the buckets
    # spanned), or (-1, 0) when a distance falls beyond the last bucket (`head` is left all −1, `used` all 0, either way). Entries: distance
    # `ed`, node `ev`, the next entry of the same bucket `nxt` (at most one per adjacency slot, and s). `used` has a
    # bit per bucket that holds entries, 32 to a word: runs of empty buckets are passed a word at a time
    best[:] = np.inf
    parent[:] = -1
    done[:] = 0
    best[s] = origin
    cap = head.shape[0]
    ed[0] = origin
    ev[0] = s
    nxt[0] = -1
    head[0] = 0
    used[0] = 1
    size = 1
    top = 0
    count = 0
    b = 0
    while b <= top:
        word = used[b >> 5]
        if word == 0:
            b = (b | 31) + 1
            continue
        bit = 1 << (b & 31)
        if word & bit == 0:
            b += 1
            continue
        used[b >> 5] = word ^ bit
        e = head[b]
        head[b] = -1
        k = 0
        while e >= 0:  # the bucket's live entries: a node's last push is its best distance, earlier ones stale
            v = ev[e]
            if done[v] == 0 and ed[e] == best[v]:
                sd[k] = ed[e]
                sv[k] = v
                k += 1
            e = nxt[e]
        if k > SMALL_BUCKET:
            _sort_large(sd, sv, k)
        else:
            for i in range(1, k):  # insertion, by (distance, node)
                d, v = sd[i], sv[i]
                j = i
                while j > 0 and _before(d, v, sd[j - 1], sv[j - 1]):
                    sd[j], sv[j] = sd[j - 1], sv[j - 1]
                    j -= 1
                sd[j], sv[j] = d, v
        for i in range(k):
            d, u = sd[i], sv[i]
            done[u] = 1
            order[count] = u
            count += 1
            if want > 0 and stop[u] == mark:
                want -= 1
                if want == 0:  # every target settled: the later buckets emptied, as a whole search leaves them
                    for x in range(b, top + 1):
                        head[x] = -1
                    for x in range(b >> 5, (top >> 5) + 1):
                        used[x] = 0
                    return count, top + 1
            for slot in range(start[u], start[u + 1]):
                v = neighbour[slot]
                kk = edge[slot]
                nd = d + weight[kk] + HOP_MS
                if nd < best[v]:
                    best[v] = nd
                    parent[v] = kk
                    c = int((nd - origin) / width)
                    if c >= cap or c <= b:  # beyond the buckets (or, by rounding, not past this one)
                        for x in range(max(top, b) + 1):
                            head[x] = -1
                        for x in range((max(top, b) >> 5) + 1):
                            used[x] = 0
                        return -1, 0
                    if c > top:
                        top = c
                    ed[size] = nd
                    ev[size] = v
                    nxt[size] = head[c]
                    head[c] = size
                    used[c >> 5] |= 1 << (c & 31)
                    size += 1
        b += 1
    return count, top + 1


@numba.njit(cache=True, nogil=True)
def _sort_large(sd, sv, k):  # pragma: no cover (compiled)
    # the first k entries in (distance, node) order: sorted by distance, then each run of equal distances by node
    # (on a random mesh of 10,000 sites a bucket holds hundreds of nodes: 0.91 ms a tree, 1.16 ms with a heap per
    # bucket, 1.37 ms with one heap; branches on pairs of hubs tie by the thousand, so a long run is sorted too)
    by = np.argsort(sd[:k])
    td = sd[:k][by]
    tv = sv[:k][by]
    i = 0
    while i < k:
        j = i + 1
        while j < k and td[j] == td[i]:
            j += 1
        if j - i > SMALL_BUCKET:
            tv[i:j] = np.sort(tv[i:j])
        else:
            for a in range(i + 1, j):  # insertion by node within a short run
                x = tv[a]
                q = a
                while q > i and tv[q - 1] > x:
                    tv[q] = tv[q - 1]
                    q -= 1
                tv[q] = x
        i = j
    sd[:k] = td
    sv[:k] = tv


@numba.njit(cache=True, nogil=True)
def lowest(s, origin, start, neighbour, edge, weight, best, parent, done, order, hd, hv, width, head, used, nxt, sd,
           sv):  # pragma: no cover (compiled)
    # the tree from s by buckets when `width` is set and they hold it, else by the heap (hd/hv its entries, or the
    # buckets' distances and nodes): (nodes in `order`, buckets spanned or 0). Buckets spanned beyond the nodes
    # settled are mostly empty (a ring: a bucket or two per link of its path): the heap is the faster there; a tree
    # the buckets could not hold reports OVERFLOW
    if width > 0.0:
        count, spread = _bucket_tree(s, origin, start, neighbour, edge, weight, best, parent, done, order, hd, hv,
                                     width, head, used, nxt, sd, sv)
        if count >= 0:
            return count, spread
        # past the last bucket: the heap, and a spread beyond any (the heap for the next searches)
        return _heap_tree(s, origin, start, neighbour, edge, weight, best, parent, done, order, hd, hv), OVERFLOW
    return _heap_tree(s, origin, start, neighbour, edge, weight, best, parent, done, order, hd, hv), 0


@numba.njit(cache=True, nogil=True)
def lowest_until(s, start, neighbour, edge, weight, best, parent, done, order, hd, hv, width, head, used, nxt, sd, sv,
                 stop, mark, want):  # pragma: no cover (compiled)
    # `lowest` from distance 0, stopped once the `want` nodes whose `stop` is `mark` are settled (`_heap_until`)
    if width > 0.0:
        count, spread = _bucket_until(s, 0.0, start, neighbour, edge, weight, best, parent, done, order, hd, hv,
                                      width, head, used, nxt, sd, sv, stop, mark, want)
        if count >= 0:
            return count, spread
        return _heap_until(s, 0.0, start, neighbour, edge, weight, best, parent, done, order, hd, hv, stop, mark,
                           want), OVERFLOW
    return _heap_until(s, 0.0, start, neighbour, edge, weight, best, parent, done, order, hd, hv, stop, mark,
                       want), 0


@numba.njit(cache=True, nogil=True)
def search_scratch(n, slots):  # pragma: no cover (compiled)
    # one search's arrays over n nodes and `slots` adjacency entries (one set per thread): best, parent, done,
    # order, and the heap's distances and nodes (at most one push per adjacency slot, and the source)
    return (np.empty(n, dtype=np.float64), np.empty(n, dtype=np.int32), np.zeros(n, dtype=np.uint8),
            np.empty(n, dtype=np.int32), np.empty(slots + 1, dtype=np.float64), np.empty(slots + 1, dtype=np.int32))


@numba.njit(cache=True, nogil=True)
def scratch(width, cap, slots):  # pragma: no cover (compiled)
    # the buckets' arrays `lowest` takes beside the heap's (one set per thread): none to speak of without buckets
    if width <= 0.0:
        cap = 1
        slots = 0
    head = np.full(max(1, cap), -1, dtype=np.int32)
    used = np.zeros((max(1, cap) >> 5) + 1, dtype=np.int64)
    return head, used, np.empty(slots + 1, dtype=np.int32), np.empty(slots + 1, dtype=np.float64), \
        np.empty(slots + 1, dtype=np.int32)


@numba.njit(cache=True, nogil=True)
def tree_arrays(s, origin, start, neighbour, edge, weight, width, cap):  # pragma: no cover (compiled)
    # routing_trees.lowest_tree's four answers as arrays: (settle order, exact sums, parent edges, ordering
    # distances). The exact sum of a node is its parent's plus the parent link's weight, added once its tree is
    # known, in settle order: the addition the interpreted search makes at the node's last improvement
    n = start.shape[0] - 1
    slots = neighbour.shape[0]
    best, parent, done, order, hd, hv = search_scratch(n, slots)
    head, used, nxt, sd, sv = scratch(width, cap, slots)
    count, _spread = lowest(s, origin, start, neighbour, edge, weight, best, parent, done, order, hd, hv, width,
                            head, used, nxt, sd, sv)
    exact = np.zeros(n, dtype=np.float64)
    for i in range(count):
        v = order[i]
        k = parent[v]
        if k < 0:
            continue
        for slot in range(start[v], start[v + 1]):
            if edge[slot] == k:
                exact[v] = exact[neighbour[slot]] + weight[k]
                break
    return order[:count], exact, parent, best
