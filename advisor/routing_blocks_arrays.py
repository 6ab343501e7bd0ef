"""`routing_blocks.block_loads` with numpy arrays, for large meshes made of many small blocks of a few shapes (a
ring or chain with chords): the same sums, in the same order, so the same figures bit for bit.

The block tree's sums (users and callers beyond each bridge, gravity over the bridges) are folded and scanned over
the tree of blocks (`routing_arrays.Tree`); the point flows are summed up the block tree rooted at each
destination's block, and what they leave at the bridge ends (`sends`) is added in turn (`scatter_in_order`); inside
the blocks, the blocks of one shape share their lowest-RTT trees (as `routing_blocks` shares them) and each tree's
sums run for all of them at once, one array operation per tree step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.routing_arrays import _ROUNDS, Tree, roots, scatter_in_order
from advisor.routing_blocks import _offset_proof, blocks
from advisor.routing_forest import bfs_forest
from advisor.routing_trees import HOP_MS, lowest_tree

if TYPE_CHECKING:
    from advisor.routing_graph import Graph

_SHAPE_NODES = 16  # blocks of more nodes than this go through `routing_blocks` (one tree per node is ~L² steps)
_SHAPES_MOST = 64  # more shapes than this (irregular blocks): `routing_blocks`, block by block


def blocks_fit_arrays(graph: Graph) -> bool:
    """Whether every block is small enough for `block_loads_arrays` (which may still find the shapes too many):
    read from the blocks' sizes, without numpy."""
    return max(map(len, blocks(graph)[2]), default=0) <= _SHAPE_NODES


def block_loads_arrays(graph: Graph, per_user, users, points):
    """(Erlangs, kbps) per edge as `block_loads` gives them; None when an entry node's tree could round
    differently for some source (as `block_loads`); False when the blocks do not suit arrays (a block of more than
    `_SHAPE_NODES` nodes, more than `_SHAPES_MOST` shapes, a block tree whose distances need many steps): then the
    caller asks `block_loads`. `per_user`, `users` per node as arrays; `points` = (sources, destinations, Erlangs,
    kbps) arrays."""
    import numpy as np

    is_bridge, comp, members = blocks(graph)
    comp = np.array(comp, dtype=np.int64)
    shapes = _shapes(graph, comp, members)
    if shapes is None:
        return False
    n_comps = len(members)
    bridge = np.flatnonzero(np.array(is_bridge, dtype=bool))
    ends_a, ends_b = graph.end_arrays()
    # The block tree: breadth first from the lowest block not yet seen, each block's bridges in edge order.
    arcs_from = np.stack([comp[ends_a[bridge]], comp[ends_b[bridge]]], axis=1).ravel()
    arcs_to = np.stack([comp[ends_b[bridge]], comp[ends_a[bridge]]], axis=1).ravel()
    by_block = np.argsort(arcs_from, kind="stable")
    start = np.zeros(n_comps + 1, dtype=np.int64)
    np.cumsum(np.bincount(arcs_from, minlength=n_comps), out=start[1:])
    order, up_bridge, up_block, _root = (np.array(col, dtype=np.int64) for col in bfs_forest(
        start.tolist(), np.repeat(bridge, 2)[by_block].tolist(), arcs_to[by_block].tolist()))
    later = np.empty(n_comps, dtype=np.int64)
    later[order] = np.arange(n_comps)
    tree = Tree(up_block)
    steps = tree.order_children(later)
    if steps is None or tree.down is None:
        return False
    edge_erl, edge_sig = np.zeros(graph.n_edges), np.zeros(graph.n_edges)
    far = _beyond_bridges(comp, order, up_bridge, up_block, later, tree, steps, ends_a, ends_b, per_user, users,
                          edge_erl)
    sends = _route_points(comp, up_bridge, up_block, ends_a, ends_b, points, far, edge_erl, edge_sig)
    if sends is None:
        return False
    span = 2.0 * sum(graph.rtt) + 2.0 * HOP_MS * len(graph.rtt) + 1.0  # exceeds any search distance
    for shape in shapes:
        if not _route_shape(shape, per_user, users, far, sends, span, edge_erl, edge_sig):
            return None
    return edge_erl.tolist(), edge_sig.tolist()


def _beyond_bridges(comp, order, up_bridge, up_block, later, tree, steps, ends_a, ends_b, per_user, users,
                    edge_erl):
    """Gravity over the bridges into `edge_erl`; per node, (users, callers) beyond the bridges at it (`far`).

    As `block_loads`: each block's own sums (node by node, in turn), over its subtree (`Tree.fold`), outside it
    (the parent's outside + the parent's own + the siblings', prefix then suffix in the parent's list of children,
    `Tree.scan`), and at the bridge ends in breadth-first order (`scatter_in_order`)."""
    import numpy as np

    n_comps = up_block.size
    own = np.zeros((2, n_comps))  # users, callers
    scatter_in_order(own, comp, np.stack([users, per_user]))
    sub = own.copy()
    Tree.fold(steps, sub)
    kid = np.flatnonzero(up_block >= 0)
    before, after = np.zeros((2, n_comps)), np.zeros((2, n_comps))
    # the parent's children list runs from the last child (breadth-first) to the first
    _prefix_in_groups(before, kid[np.lexsort((-later[kid], up_block[kid]))], up_block, sub)
    _prefix_in_groups(after, kid[np.lexsort((later[kid], up_block[kid]))], up_block, sub)
    parents_own = np.zeros((2, n_comps))
    parents_own[:, kid] = own[:, up_block[kid]]
    out = np.zeros((2, n_comps))
    tree.scan(out, parents_own, before, after)
    ordered = order[up_block[order] >= 0]  # the blocks below a bridge, breadth first
    e = up_bridge[ordered]
    end = np.where(comp[ends_a[e]] == ordered, ends_a[e], ends_b[e])  # the bridge's end in the block
    parent_end = ends_a[e] + ends_b[e] - end
    edge_erl[e] += sub[1, ordered] * out[0, ordered] + out[1, ordered] * sub[0, ordered]
    far = np.zeros((2, comp.size))
    scatter_in_order(far, np.stack([parent_end, end], axis=1).ravel(),
                     np.stack([sub[:, ordered], out[:, ordered]], axis=2).reshape(2, -1))
    return far


def _prefix_in_groups(out, members, group, sub) -> None:
    """out[:, k] = 0.0 + Σ sub[:, j] over the members j before k in its group, in turn (members listed group by
    group, each group in its order)."""
    import numpy as np

    if not members.size:
        return
    g = group[members]
    first = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    counts = np.diff(np.r_[first, members.size])
    rank = np.arange(members.size) - np.repeat(first, counts)
    many = np.repeat(counts > _ROUNDS, counts)
    for r in range(1, min(int(rank.max()), _ROUNDS) + 1):  # most blocks have few children: a round per rank
        k = np.flatnonzero((rank == r) & ~many)
        out[:, members[k]] = out[:, members[k - 1]] + sub[:, members[k - 1]]
    for a, b in zip(first[counts > _ROUNDS].tolist(), (first + counts)[counts > _ROUNDS].tolist(), strict=True):
        run = np.concatenate([np.zeros((out.shape[0], 1)), sub[:, members[a:b - 1]]], axis=1)
        out[:, members[a:b]] = np.cumsum(run, axis=1)


def _route_points(comp, up_bridge, up_block, ends_a, ends_b, points, far, edge_erl, edge_sig):
    """`routing_points.BlockTree.route` for every destination in turn: the bridge loads into `edge_erl`/`edge_sig`,
    and (source node, exit node, Erlangs, kbps) left inside the blocks, summed per pair in turn (`sends`, with
    `transit`: whether a node passes on flows from beyond a bridge). None when a block tree needs too many steps."""
    import numpy as np

    src, dst, erl, sig = points
    n_comps = up_block.size
    parts = []  # (sources, exits, Erlangs, kbps) in the order `_route_points` adds them
    transit = far[1] > 0.0
    targets, first_at = np.unique(dst, return_index=True)
    for t in targets[np.argsort(first_at)].tolist():
        home = int(comp[t])
        par, edge, reached = _rooted_at(up_block, up_bridge, home)
        later = np.where(edge >= 0, edge, -1)  # breadth first from home: each block's children in bridge order
        tree = Tree(par)
        steps = tree.order_children(later)
        if steps is None:
            return None
        kid = np.flatnonzero(par >= 0)
        exit_node = np.full(n_comps, t, dtype=np.int64)  # where a block's flows leave towards t
        e = edge[kid]
        exit_node[kid] = np.where(comp[ends_a[e]] == kid, ends_a[e], ends_b[e])
        entry = np.zeros(n_comps, dtype=np.int64)
        entry[kid] = ends_a[e] + ends_b[e] - exit_node[kid]  # the bridge's end in the parent block
        mine = np.flatnonzero(dst == t)
        home_of = comp[src[mine]]
        mine, home_of = mine[reached[home_of]], home_of[reached[home_of]]
        parts.append((src[mine], exit_node[home_of], erl[mine], sig[mine]))
        f = np.zeros((2, n_comps))
        scatter_in_order(f, home_of, np.stack([erl[mine], sig[mine]]))
        Tree.fold(steps, f)
        carry = kid[(f[0, kid] != 0.0) | (f[1, kid] != 0.0)]
        edge_erl[edge[carry]] += f[0, carry]
        edge_sig[edge[carry]] += f[1, carry]
        passing = carry[entry[carry] != exit_node[par[carry]]]
        passing = passing[np.lexsort((-later[passing], par[passing]))]  # siblings last first, as in reverse order
        parts.append((entry[passing], exit_node[par[passing]], f[0, passing], f[1, passing]))
        transit[entry[passing]] = True
    s, x, e_, k_ = (np.concatenate(col) for col in zip(*parts, strict=True)) if parts else ([],) * 4
    return _sums_per_pair(np.asarray(s, dtype=np.int64), np.asarray(x, dtype=np.int64), np.asarray(e_, dtype=float),
                          np.asarray(k_, dtype=float), transit, comp.size)


def _rooted_at(up_block, up_bridge, home: int):
    """(parent block, bridge to it, reached) of the block tree turned round to hang from `home` (blocks of other
    parts unreached, alone)."""
    import numpy as np

    par, edge = up_block.copy(), up_bridge.copy()
    path = [home]
    while up_block[path[-1]] >= 0:
        path.append(int(up_block[path[-1]]))
    below, above = np.array(path[:-1], dtype=np.int64), np.array(path[1:], dtype=np.int64)
    par[above], edge[above] = below, up_bridge[below]
    par[home] = edge[home] = -1
    reached = roots(np.where(par >= 0, par, np.arange(par.size))) == home  # the part that hangs from home
    par[~reached] = edge[~reached] = -1
    return par, edge, reached


def _sums_per_pair(src, dst, erl, sig, transit, n_nodes: int):
    """`routing_points._add_send` in turn: per (source, exit) pair, its Erlangs and kbps summed in order, pairs where they are
    both 0 or the source is the exit left out. (per node: has sends, sources, exits, Erlangs, kbps, transit)."""
    import numpy as np

    keep = (src != dst) & ((erl != 0.0) | (sig != 0.0))
    src, dst, erl, sig = src[keep], dst[keep], erl[keep], sig[keep]
    _keys, first, which = np.unique(src * n_nodes + dst, return_index=True, return_inverse=True)
    sums = np.zeros((2, first.size))
    scatter_in_order(sums, which.ravel(), np.stack([erl, sig]))
    has = np.zeros(n_nodes, dtype=bool)
    has[src] = True
    return has, src[first], dst[first], sums[0], sums[1], transit


def _shapes(graph: Graph, comp, members: list[list[int]]):
    """The blocks of more than one node grouped by shape, as `_route_block` numbers them (nodes in node order, edges
    as the adjacency lists meet them): [(block adjacency, weights, ends, nodes per block, edges per block)]; None
    when a block has more than `_SHAPE_NODES` nodes or the shapes are many (irregular blocks: `_route_block`).

    Worked out for all blocks at once: each block's edge ends within it (entries in adjacency order, block by
    block), their numbers within the block (by first meeting), weights and ends, as one row per block; blocks with
    equal rows share a shape."""
    import numpy as np

    n = comp.size
    if graph.incident_arrays is None:
        graph.incident_arrays = tuple(np.array(column, dtype=np.int64) for column in graph.incident())
    start, numbers, other = graph.incident_arrays
    sizes = np.bincount(comp)
    if sizes.max(initial=0) > _SHAPE_NODES:
        return None
    by_comp = np.argsort(comp, kind="stable")  # nodes block by block, in node order
    local = np.empty(n, dtype=np.int64)
    local[by_comp] = np.arange(n) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    owner = np.repeat(np.arange(n), np.diff(start))
    inside = np.flatnonzero(comp[owner] == comp[other])  # entries of edges within a block, in adjacency order
    inside = inside[np.argsort(comp[owner[inside]], kind="stable")]
    block = comp[owner[inside]]
    edge = numbers[inside]
    _edges, met = np.unique(edge, return_index=True)  # where each edge is first met
    met = np.sort(met)
    per_block = np.bincount(block[met], minlength=sizes.size)
    k_of = np.empty(graph.n_edges, dtype=np.int64)
    k_of[edge[met]] = np.arange(met.size) - np.repeat(np.cumsum(per_block) - per_block, per_block)
    entries = np.bincount(block, minlength=sizes.size)
    entry_start = np.cumsum(entries) - entries
    edge_start = np.cumsum(per_block) - per_block
    ends_a, ends_b = graph.end_arrays()
    rtt = np.asarray(graph.rtt, dtype=np.float64)
    found = []
    for size, count in sorted(set(zip(sizes.tolist(), entries.tolist(), strict=True))):
        if size < 2:
            continue
        those = np.flatnonzero((sizes == size) & (entries == count))
        at = inside[entry_start[those][:, None] + np.arange(count)]
        glob = edge[met][edge_start[those][:, None] + np.arange(count // 2)]
        rows = np.hstack([local[owner[at]], local[other[at]], k_of[numbers[at]], rtt[glob].view(np.int64),
                          local[ends_a[glob]], local[ends_b[glob]]])
        _rows, first, shape_of = np.unique(rows, axis=0, return_index=True, return_inverse=True)
        for s in np.argsort(first).tolist():
            mine = those[shape_of.ravel() == s]
            found.append((mine, glob[shape_of.ravel() == s], rows[first[s]], size, count))
        if len(found) > _SHAPES_MOST:
            return None
    shapes = []
    for mine, glob, row, size, count in found:
        owners, others, ks = row[:count], row[count:2 * count], row[2 * count:3 * count]
        block_adj = tuple(tuple(zip(others[owners == i].tolist(), ks[owners == i].tolist(), strict=True))
                          for i in range(size))
        k = count // 2
        weights = tuple(rtt[glob[0]].tolist())
        block_ends = tuple(zip(row[3 * count + k:3 * count + 2 * k].tolist(), row[3 * count + 2 * k:].tolist(),
                               strict=True))
        nodes = by_comp[(np.cumsum(sizes) - sizes)[mine][:, None] + np.arange(size)]
        shapes.append((block_adj, weights, block_ends, nodes, glob))
    return shapes


def _route_shape(shape, per_user, users, far, sends, span, edge_erl, edge_sig) -> bool:
    """`_route_block` for every block of one shape at once: the same trees (one per node, searched once), each
    node's sums for all the blocks in one array per step; False when a tree from an entry node is not the same for
    every offset (`_offset_proof`, as `_route_block`)."""
    import numpy as np

    block_adj, block_w, block_ends, nodes, glob = shape
    has, send_src, send_dst, send_erl, send_sig, transit = sends
    m, size = nodes.shape
    dest_u = users[nodes] + far[0, nodes]
    rate = per_user[nodes] + far[1, nodes]
    row_of, local_of = np.full(far.shape[1], -1), np.full(far.shape[1], -1)
    row_of[nodes], local_of[nodes] = np.arange(m)[:, None], np.arange(size)
    mine = row_of[send_src] >= 0  # sends left in these blocks: each block's own nodes, to its own nodes
    send_row, send_from, send_to = row_of[send_src[mine]], local_of[send_src[mine]], local_of[send_dst[mine]]
    send_erl, send_sig = send_erl[mine], send_sig[mine]
    for i in range(size):
        sending = (rate[:, i] != 0.0) | has[nodes[:, i]]
        if not sending.any():
            continue
        order, _exact, parent, best = lowest_tree(block_adj, block_w, i)
        if (sending & transit[nodes[:, i]]).any() and not _offset_proof(block_adj, block_w, block_ends, order, parent,
                                                                        best, span):
            return False
        acc = np.zeros((2, m, size))
        acc[0] = rate[:, i:i + 1] * dest_u
        sent = send_from == i
        if sent.any():  # one send per (block, destination)
            acc[0, send_row[sent], send_to[sent]] += send_erl[sent]
            acc[1, send_row[sent], send_to[sent]] += send_sig[sent]
        for v in reversed(order):  # `sum_up` for all the blocks: children settle after parents
            k = parent[v]
            if k < 0:
                continue
            e = glob[:, k]
            edge_erl[e] += acc[0, :, v]
            edge_sig[e] += acc[1, :, v]
            a, b = block_ends[k]
            up = a if b == v else b
            acc[:, :, up] += acc[:, :, v]
    return True

