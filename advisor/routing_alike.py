"""Sites of a large meshed block that hang off the same nodes by the same round-trip times: one search for all of them.

Branches dual-homed to two data centres (or each on the same two clouds) make one meshed block of every site, and
routing it took one lowest-RTT search per site: a 10,000-site design ~6 s. Yet a site's search settles the site,
then reaches its neighbours at their link's weight (+ the per-hop 1e-6 ms), and goes on from there exactly as a
search started from a virtual node joined to those neighbours by links of those weights would (the same sums, in the
same order; `lowest_tree` and `level_tree` from that node). Sites with the same neighbours at the same weights
("alike") therefore share that one tree. In it each alike site is a leaf: its key exceeds each neighbour's own key
(the neighbour's link weight + 1e-6) by a positive distance, so it never relaxes a neighbour. Leaving the site out
changes nothing else, and its own search is the shared tree with the site as the root.

Their calls are then summed on the shared tree at once: each node receives gravity traffic from every alike site
but itself (the sum of the others' Erlangs per user, by prefix and suffix sums, times its users), plus their point
flows. What each site sends over its own link to a neighbour is its Erlangs per user times the users that the
neighbour's branch of the tree reaches (less its own, where the site hangs there), plus its point flows there.
These are the loads the one-by-one searches give, summed in another order: equal within rounding
(tests/core/test_routing_alike.py compares them on generated blocks within 1e-12).

A site with callers beyond it (a branch on a leased line behind it: an entry node of the block) is routed with its
group too. Where the block's round-trip times differ, its own calls go in the group and its callers beyond, at each
distance they reach it at, in a group of the same neighbours started at that distance (`with_offsets`): the same
trees as their own searches from there. Where every link weighs the same, the group's tree is the same from any
distance, which the offset proof checks (`with_entries`), and their calls simply go with the site's own.

Used for groups of at least `MIN_MEMBERS` alike sites in a block of at least `MIN_NODES` nodes: one search and one
pass of sums cost about what two or three of the searches they spare cost, interpreted or compiled alike; a choice
made on the design alone, never on the machine. Many groups in a large block (branches on pairs of regional hubs)
go through the compiled loop `routing_kernels.alike_group` when numba is there: the same tree and the same
additions, in the same order, so the same figures bit for bit.
"""

from __future__ import annotations

from advisor import routing_fringe
from advisor.routing_alike_fringe import route_fringe
from advisor.routing_alike_sums import branches, demands, own_links
from advisor.routing_levels import keys_grow
from advisor.routing_trees import level_tree, lowest_tree

MIN_NODES = 65  # smaller blocks share their trees with blocks of the same shape (routing_blocks) instead
MIN_MEMBERS = 4  # the fewest alike sites routed together
PROOF_GROUPS = 8  # groups with entry nodes whose shared tree is searched for the offset proof (`with_entries`)


def alike(block_adj, block_w, senders: list[int], least: int = MIN_MEMBERS,
          min_nodes: int = MIN_NODES) -> list[tuple[tuple[tuple[int, float], ...], list[int]]]:
    """[(key, members)] of the `senders` (block node numbers, in order) with the same neighbours at the same
    weights, each group at least `least` strong, in a block of at least `min_nodes` nodes; key: ((neighbour,
    weight), ...) by neighbour."""
    if len(block_adj) < min_nodes:
        return []
    by_key: dict[tuple, list[int]] = {}
    for i in senders:
        key = tuple(sorted((w, block_w[k]) for w, k in block_adj[i]))
        group = by_key.get(key)
        if group is None:
            by_key[key] = [i]
        else:
            group.append(i)
    return [(key, members) for key, members in by_key.items() if len(members) >= least]


def with_entries(groups, entry: set[int], block_adj, block_w, block_ends, proof
                 ) -> list[tuple[tuple[tuple[int, float], ...], list[int]]]:
    """The `groups` of a block whose links all weigh the same, each keeping its entry nodes (`entry`: block nodes
    with callers beyond them, a branch on a leased line hanging off a site) only where its shared tree is the same
    from every distance those callers reach the block at: `proof(adj, weights, ends, order, parent, best)` on the tree from the virtual
    node (None: it holds for every tree of the block). There the callers beyond an entry node follow its own tree,
    so they are routed with it, their Erlangs per user and point flows added to its own, as the block routes an
    entry node whose tree passes the proof. At most `PROOF_GROUPS` groups are searched for the proof (those with
    the most entry nodes); the others' entry nodes take their own searches, as before. A group left with fewer
    than `MIN_MEMBERS` is dropped."""
    proven: set[tuple] = set()
    with_entry = [(sum(i in entry for i in members), key) for key, members in groups]
    checked = [key for count, key in sorted(with_entry, key=lambda ck: -ck[0]) if count][:PROOF_GROUPS]
    if proof is None:
        proven.update(checked)
    else:
        n = len(block_adj)
        for key in checked:
            virtual, weights = _joined(block_adj, block_w, key)
            ends = [*block_ends, *((w, n) for w, _wt in key)]
            order, _exact, parent, best = shared_tree(block_adj, block_w, key, level_tree)
            if proof(virtual, weights, ends, order, parent, best):
                proven.add(key)
    out = []
    for key, members in groups:
        kept = members if key in proven else [i for i in members if i not in entry]
        if len(kept) >= MIN_MEMBERS:
            out.append((key, kept))
    return out


def with_offsets(groups, entry: set[int], found, own_rate, rate, send) -> tuple[list, list, list, list]:
    """The `groups` of a block whose round-trip times differ, each with its entry nodes (`entry`) routed by the
    distance their callers reach them at, rather than by an offset proof: (groups, their members' Erlangs per user,
    their point flows, each group's origin). An entry node's own calls stay in its group
    (`own_rate(i)`, and the point flows `found(i)` gives first); the callers beyond it, at each of their distances,
    join a group of the same key started at that distance (`lowest_tree`'s `origin`): from there their searches
    are the shared tree's from that origin, as an entry node's are its own from it (`advisor.routing_offsets`).
    `found(i)`: `Beyond.groups` of block node i (None: it keeps its own searches, as before); `rate(i)`, `send(i)`:
    a member's Erlangs per user and point flows."""
    out, rates, rows, origins, routed = [], [], [], [], set()
    by_offset: dict[tuple, int] = {}  # (key, origin) -> its group's position in `out`
    for key, members in groups:
        kept, kept_rates, kept_rows = [], [], []
        for i in members:
            got = found(i) if i in entry else None
            if i in entry and got is None:
                continue  # its own searches
            kept.append(i)
            kept_rates.append(own_rate(i) if got is not None else rate(i))
            kept_rows.append(got[0] if got is not None else send(i))
            if got is not None:
                routed.add(i)
        if not kept:
            continue
        by_offset[key, 0.0] = len(out)
        out.append((key, kept))
        rates.append(kept_rates)
        rows.append(kept_rows)
        origins.append(0.0)
    for key, members in groups:
        for i in members:
            if i not in routed:
                continue
            for offset, group_rate, group_rows in found(i)[1]:
                at = by_offset.get((key, offset))
                if at is None:
                    at = by_offset[key, offset] = len(out)
                    out.append((key, []))
                    rates.append([])
                    rows.append([])
                    origins.append(offset)
                out[at][1].append(i)
                rates[at].append(group_rate)
                rows[at].append(group_rows)
    return out, rates, rows, origins


def shared_tree(adj, weights, key: tuple[tuple[int, float], ...], search=lowest_tree, trees: int = 1) -> tuple:
    """`search`'s four lists from a virtual node joined to the nodes of `key` by its weights: the node numbered
    after `adj`'s, its links after `weights`'. Each of those nodes' alike sites' own search, but for the site.

    Each virtual link is listed at both its ends, as every other link is: the compiled search (once loaded, on a
    graph of `routing_compiled.TREE_MIN_NODES` nodes or more) finds a node's exact sum through the node's own list,
    and a link listed at the virtual node alone left the joined nodes at 0 ms, so every node beyond them too near
    (the delay check missed paths above its target). No search takes a link back to its start.

    Where most of `adj`'s nodes hang off hubs, the heap search (`lowest_tree`) is made by hubs and arrays
    (`advisor.routing_fringe`, the same lists), the shape of `adj` worked out once for all the groups: `trees`, the
    searches of this size the caller makes in all."""
    if search is lowest_tree:
        got = _heap_shared(adj, weights, key, trees)
        return got.lists() if isinstance(got, routing_fringe.Found) else got
    virtual, joined_weights = _joined(adj, weights, key)
    return search(virtual, joined_weights, len(adj))


def _heap_shared(adj, weights, key: tuple[tuple[int, float], ...], trees: int, origin: float = 0.0):
    """The shared tree of the heap search from `origin`: made by hubs and arrays (a `routing_fringe.Found`) where
    most nodes hang off hubs, else `lowest_tree`'s four lists."""
    virtual, joined_weights = _joined(adj, weights, key)
    n = len(adj)
    shape = routing_fringe.shape_of(adj) if routing_fringe.worth(n + 1, trees) else None
    joined = shape.joined(key, len(weights)) if shape is not None else None
    found = (routing_fringe.search(virtual, joined_weights, n, origin, shape=joined, trees=trees) if joined
             else None)
    return found if found is not None else lowest_tree(virtual, joined_weights, n, origin, fringe=False)


def _joined(adj, weights, key: tuple[tuple[int, float], ...]) -> tuple[list, list[float]]:
    """`adj` and `weights` with the virtual node joined to the nodes of `key` by its weights."""
    k0, n = len(weights), len(adj)
    virtual = [*adj, tuple((w, k0 + j) for j, (w, _wt) in enumerate(key))]
    for j, (w, _wt) in enumerate(key):
        virtual[w] = (*virtual[w], (n, k0 + j))
    return virtual, [*weights, *(wt for _w, wt in key)]


def route_alike(key: tuple[tuple[int, float], ...], members: list[int], rates: list[float], rows: list[dict | None],
                varied: bool, block_adj, block_w, block_ends, dest_u: list[float], local: dict[int, int],
                glob: list[int], edge_erl: list[float], edge_sig: list[float], groups: int = 1,
                origin: float = 0.0) -> None:
    """Add the calls of `members` (block node numbers, with their Erlangs per user `rates` and point flows `rows`:
    destination node -> [E, kbps]) to `edge_erl` / `edge_sig`, over the shared tree of `key`. `varied`: the block's
    weights differ (the heap search, from `origin`: the distance callers beyond the members reach them at), else
    the level search; `groups`: how many groups the block routes so."""
    n, k0 = len(block_adj), len(block_w)
    if varied:
        got = _heap_shared(block_adj, block_w, key, groups, origin)
        if isinstance(got, routing_fringe.Found):  # the same sums, leaves at once (`advisor.routing_alike_fringe`)
            route_fringe(got, k0, members, rates, rows, block_adj, block_ends, dest_u, local, glob, edge_erl,
                         edge_sig)
            return
        order, _exact, parent, _best = got
    else:
        order, _exact, parent, _best = shared_tree(block_adj, block_w, key, level_tree)

    acc_erl, acc_sig = demands(members, rates, rows, dest_u, local, n)

    branch = branches(order, parent, block_ends, k0, n)
    reach = [*dest_u, 0.0]  # users each node's subtree reaches
    for x in reversed(order):  # children settle after parents
        k = parent[x]
        if k < 0 or k >= k0:
            continue
        erl, sig = acc_erl[x], acc_sig[x]
        e = glob[k]
        edge_erl[e] += erl
        edge_sig[e] += sig
        a, b = block_ends[k]
        up = a if b == x else b
        acc_erl[up] += erl
        acc_sig[up] += sig
        reach[up] += reach[x]

    own_links(members, rates, rows, block_adj, branch, parent, reach, dest_u, local, glob, k0, edge_erl, edge_sig)


def route_alike_compiled(groups: list[tuple[tuple, list[int]]], rates: list[list[float]],
                         rows: list[list[dict | None]], varied: bool, block_adj, block_w, block_ends,
                         dest_u: list[float], local: dict[int, int], glob: list[int], edge_erl: list[float],
                         edge_sig: list[float], origins: list[float] | None = None) -> None:
    """`route_alike` for each group in turn (with its members' `rates` and `rows`), through the compiled loop: the
    block's edges' figures kept in arrays meanwhile, each group's terms added to them as `route_alike` adds them.
    The block's arrays are built once, with room after them for each group's virtual node and its links."""
    import numpy as np

    from advisor import routing_kernels, routing_search

    n, k0 = len(block_adj), len(block_w)
    room = max(len(key) for key, _members in groups)  # the most links a virtual node has
    start = np.zeros(n + 2, dtype=np.int64)
    np.cumsum([len(row) for row in block_adj], out=start[1:n + 1])
    slots = int(start[n])
    neighbour = np.zeros(slots + room, dtype=np.int32)
    neighbour[:slots] = np.fromiter((w for row in block_adj for w, _k in row), dtype=np.int32, count=slots)
    edge = np.zeros(slots + room, dtype=np.int32)
    edge[:slots] = np.fromiter((k for row in block_adj for _w, k in row), dtype=np.int32, count=slots)
    edge[slots:] = np.arange(k0, k0 + room, dtype=np.int32)  # the virtual node's links, numbered after the block's
    weights = np.zeros(k0 + room, dtype=np.float64)
    weights[:k0] = block_w
    ends_a = np.fromiter((a for a, _b in block_ends), dtype=np.int32, count=k0)
    ends_b = np.fromiter((b for _a, b in block_ends), dtype=np.int32, count=k0)
    users = np.asarray(dest_u, dtype=np.float64)
    # the level walk where `route_alike`'s `level_tree` walks by levels (every weight the same, keys growing)
    equal = not varied and keys_grow(block_w[0] if block_w else 0.0, n + 1)
    # the heap search's queue as buckets where the weights allow (`advisor.routing_search`), set for the block's
    # weights and every group's links to its virtual node at once: the same trees
    width, cap = (0.0, 0) if equal else routing_search.buckets_for(
        [*block_w, *(wt for key, _members in groups for _w, wt in key)], n + 1, slots + room)
    erl = np.array([edge_erl[e] for e in glob], dtype=np.float64)  # the figures so far, exactly
    sig = np.array([edge_sig[e] for e in glob], dtype=np.float64)
    for g, ((key, members), group_rates, group_rows) in enumerate(zip(groups, rates, rows, strict=True)):
        links = len(key)
        start[n + 1] = slots + links
        neighbour[slots:slots + links] = [w for w, _wt in key]
        weights[k0:k0 + links] = [wt for _w, wt in key]
        row_start, row_node, row_erl, row_sig = [0], [], [], []
        for got in group_rows:
            if got is not None:
                for dst, (e, s) in got.items():
                    row_node.append(local[dst])
                    row_erl.append(e)
                    row_sig.append(s)
            row_start.append(len(row_node))
        out = [np.zeros(k0) for _ in range(2)] + [np.zeros(k0, dtype=np.uint8)]
        own = [np.zeros(k0) for _ in range(2)] + [np.zeros(k0, dtype=np.uint8)]
        routing_kernels.alike_group(
            start, neighbour[:slots + links], edge[:slots + links], weights[:k0 + links], ends_a, ends_b, k0,
            np.asarray(members, dtype=np.int32), np.asarray(group_rates, dtype=np.float64),
            np.asarray(row_start, dtype=np.int64), np.asarray(row_node, dtype=np.int32),
            np.asarray(row_erl, dtype=np.float64), np.asarray(row_sig, dtype=np.float64), users, equal, *out, *own,
            width, cap, origins[g] if origins is not None else 0.0)
        for got_erl, got_sig, got_set in (out, own):  # each edge once per stage: one addition each, in order
            idx = got_set.nonzero()[0]
            erl[idx] += got_erl[idx]
            sig[idx] += got_sig[idx]
    for e, x, y in zip(glob, erl.tolist(), sig.tolist(), strict=True):
        edge_erl[e] = x
        edge_sig[e] = y


__all__ = ["MIN_NODES", "MIN_MEMBERS", "alike", "route_alike", "route_alike_compiled", "shared_tree", "with_entries",
           "with_offsets"]
