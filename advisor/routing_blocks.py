"""Per-link load on meshed WANs with a direct overlay, split at their bridges: one search per node of each block.

A bridge is a link whose loss splits the WAN. Cutting the bridges leaves the 2-edge-connected components
("blocks"); the bridges join the blocks into a tree. A lowest-RTT path never leaves a block and comes back (it
would cross the same bridge twice), so between blocks every path follows the block tree, and a path that crosses a
block enters and leaves it at fixed nodes (the ends of its bridges). Hence:

- a bridge carries every flow whose ends lie on its two sides: gravity P_A·U_B + P_B·U_A (P: Erlangs per user of
  the callers, U: users, on each side; the far side's sums are built from the near sides, never by subtracting),
  and the point flows (hauled PSTN, signalling) summed towards each of their few destinations;
- inside a block, whatever lies beyond a bridge counts as sitting at the bridge's end in the block (its users, its
  callers, its point flows), and the block is routed like the whole WAN was: one lowest-RTT tree per node that
  sends something, demands summed child to parent up the tree.

Cost: O(sites + links) for the bridges and the block tree, for point flows the blocks each destination's flows
cross (`advisor.routing_points`), plus Σ over blocks of (nodes sending) × (block size) log (block size): linear
when blocks are small (rings with chords, trees of small meshes), still one search per site inside one big block.

Exactness. The tree from a source outside a block is, inside the block, the tree from the entry node started at
the source's distance d instead of 0. The search orders by floating sums (RTT + 1e-6 ms per hop), so an offset could
round two near-equal candidates the other way. The tree from an entry node is therefore accepted only when, at every
node, each rival candidate is either farther than any rounding the offset can cause, or reaches it by the very same
sequence of link weights (equal sums at any offset, so the tie goes to the lower node number as before). Otherwise
the callers beyond that entry node are routed in groups of the same offset, one tree each, started at that offset
(`advisor.routing_offsets`: where everything beyond is branches, and within a budget). Failing that, `block_loads`
returns None and the caller routes one tree per source, as before.

Sites of a large block that hang off the same nodes by the same weights (branches dual-homed to two data centres)
share one tree, the search from a virtual node joined to those neighbours, their calls summed on it at once
(`advisor.routing_alike`). A large block that is one plain ring, or a few core nodes with branches each leased to two
of them, needs no tree per source: each source's tree is known from a few figures, and every source's calls are
summed onto the block at once (`advisor.routing_blocks_summed`: `advisor.routing_ring`, `advisor.routing_twohub`,
`advisor.routing_homed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor import (
    progress,
    routing_compiled,
    routing_homed,
    routing_levels_batch,
    routing_ring,
    routing_star,
)
from advisor.routing_alike import alike, route_alike, route_alike_compiled, with_entries, with_offsets
from advisor.routing_blocks_summed import summed
from advisor.routing_cuts import graph_cuts
from advisor.routing_levels import demands as _demands
from advisor.routing_levels import keys_grow, level_parents, sum_levels
from advisor.routing_offsets import Beyond, offsets_budget, route_groups
from advisor.routing_points import BlockTree
from advisor.routing_trees import HOP_MS, level_tree, lowest_tree, sum_up

if TYPE_CHECKING:
    from advisor.routing_graph import Graph

_UNIT = 2.0 ** -53  # relative rounding of one floating addition
SHARED_TREES_MAX_NODES = 64  # blocks up to this size share their trees with blocks of the same shape
HUBS = True  # off: every source of a compiled heap run takes its own search (the tests compare the two)
BATCH_MIN_NODES = 1000  # a block this large routes its trees in batches of array passes (numpy)
PROGRESS_MIN_NODES = 500  # a block this large is routed slowly enough (a second or more) to report its progress


def blocks(graph: Graph) -> tuple[list[bool], list[int], list[list[int]]]:
    """(bridge per edge, block per node, nodes of each block in node order), once per graph (kept on it, and a graph
    outlives an edit that leaves the topology alone: `routing_graph.same_topology`). Callers read the lists, never
    change them."""
    memo = graph.blocks_memo
    if memo is None:
        memo = graph.blocks_memo = _blocks(graph)
    return memo


def _blocks(graph: Graph) -> tuple[list[bool], list[int], list[list[int]]]:
    start, numbers, other = graph.incident()
    is_bridge = [u >= 0 for u in graph_cuts(graph)[0]]
    comp = [-1] * graph.n_nodes
    members: list[list[int]] = []
    for r in range(graph.n_nodes):
        if comp[r] >= 0:
            continue
        c = len(members)
        comp[r] = c
        nodes = [r]
        for u in nodes:  # grows while walked: breadth-first over non-bridges
            for i in range(start[u], start[u + 1]):
                v = other[i]
                if comp[v] < 0 and not is_bridge[numbers[i]]:
                    comp[v] = c
                    nodes.append(v)
        nodes.sort()
        members.append(nodes)
    return is_bridge, comp, members


def summed_at_once(graph: Graph, nodes: list[int]) -> bool:
    """Whether the block of these nodes is summed without a tree per source: a plain ring (`advisor.routing_ring`),
    a few core nodes with branches leased to two of them (`advisor.routing_twohub`, `advisor.routing_homed`), or one
    hub holding small parts together (`advisor.routing_star`), large enough; a guess made from its shape alone (a ring whose round-trip times tie everywhere is still searched),
    for deciding whether the compiled loops will be loaded anyway: the figures do not depend on it."""
    comp = blocks(graph)[1]
    c = comp[nodes[0]]
    adj = graph.adj
    inside = {v: [w for w, _e in adj[v] if comp[w] == c] for v in nodes}
    if all(len(row) == 2 for row in inside.values()):
        return len(nodes) >= routing_ring.MIN_NODES
    if len(nodes) < routing_homed.MIN_NODES:
        return False
    local = {v: i for i, v in enumerate(nodes)}
    block_adj = [[(local[w], 0) for w in inside[v]] for v in nodes]  # (edges unread)
    homed = routing_homed.shape(block_adj)  # (None as soon as the core passes its largest)
    if homed is not None:
        return routing_homed.worth(homed, len(nodes), len(nodes))  # (many pairs of core nodes: the trees)
    return routing_star.shape(block_adj) is not None


def block_loads(graph: Graph, per_user: list[float], users: list[float],
                points: list[tuple[int, int, float, float]]) -> tuple[list[float], list[float]] | None:
    """(Erlangs, signalling kbps) per collapsed edge, as one lowest-RTT tree per source would give them; None when
    an entry node's tree could round differently for some source (the caller then routes per source).
    `per_user`, `users` per node (0 for clouds); `points`: (source, destination, Erlangs, kbps)."""
    is_bridge, comp, members = blocks(graph)
    edges, adj = graph.edges, graph.adj
    n_nodes, n_comps = len(adj), len(members)
    edge_erl, edge_sig = [0.0] * len(edges), [0.0] * len(edges)
    # Block tree: per block, [(neighbour block, bridge, end in this block, end in the neighbour)]
    tree_adj: list[list[tuple[int, int, int, int]]] = [[] for _ in range(n_comps)]
    for e, (u, v, _rtt, _links) in enumerate(edges):
        if is_bridge[e]:
            tree_adj[comp[u]].append((comp[v], e, u, v))
            tree_adj[comp[v]].append((comp[u], e, v, u))

    # Gravity over the bridges, and what lies beyond each bridge end (users, callers) for the blocks.
    own_u, own_p = [0.0] * n_comps, [0.0] * n_comps
    for v in range(n_nodes):
        own_u[comp[v]] += users[v]
        own_p[comp[v]] += per_user[v]
    far_u, far_p = [0.0] * n_nodes, [0.0] * n_nodes
    sub_u, sub_p = list(own_u), list(own_p)  # over each block's subtree of the block tree
    out_u, out_p = [0.0] * n_comps, [0.0] * n_comps  # outside it, in the same connected part
    up: list[tuple[int, int, int, int] | None] = [None] * n_comps  # parent block, bridge, end in c, end in parent
    children: list[list[int]] = [[] for _ in range(n_comps)]
    seen = [False] * n_comps
    for root in range(n_comps):
        if seen[root]:
            continue
        seen[root] = True
        order = [root]
        for c in order:
            for d, e, a, b in tree_adj[c]:
                if not seen[d]:
                    seen[d] = True
                    up[d] = (c, e, b, a)
                    order.append(d)
        for c in reversed(order):
            link = up[c]
            if link is not None:
                sub_u[link[0]] += sub_u[c]
                sub_p[link[0]] += sub_p[c]
                children[link[0]].append(c)
        for c in order:  # users and callers outside c's subtree: parent's outside + parent's own + siblings
            kids = children[c]
            if len(kids) == 1:  # `_outside` for one kid, inlined: the same additions
                k = kids[0]
                out_u[k] = out_u[c] + own_u[c] + 0.0 + 0.0
                out_p[k] = out_p[c] + own_p[c] + 0.0 + 0.0
            elif kids:
                _outside(kids, out_u[c] + own_u[c], sub_u, out_u)
                _outside(kids, out_p[c] + own_p[c], sub_p, out_p)
        for c in order[1:]:
            _parent, e, end, parent_end = up[c]
            edge_erl[e] += sub_p[c] * out_u[c] + out_p[c] * sub_u[c]
            far_u[parent_end] += sub_u[c]
            far_p[parent_end] += sub_p[c]
            far_u[end] += out_u[c]
            far_p[end] += out_p[c]

    # Point flows, grouped by destination: each flows up the block tree rooted at its destination's block.
    sends: list[dict[int, list[float]] | None] = [None] * n_nodes  # source node -> {destination node: [E, kbps]}
    transit = [p > 0.0 for p in far_p]  # trees that carry flows from beyond a bridge
    by_dst: dict[int, list[tuple[int, float, float]]] = {}
    for s, t, erl, sig in points:
        by_dst.setdefault(t, []).append((s, erl, sig))
    rooted = BlockTree(tree_adj) if by_dst else None
    if rooted is not None and not rooted.route_every(by_dst, comp, sends, transit, edge_erl, edge_sig):
        for t, flows in by_dst.items():
            rooted.route(t, flows, comp, sends, transit, edge_erl, edge_sig)

    weights = [rtt for _u, _v, rtt, _links in edges]
    span = 2.0 * sum(weights) + 2.0 * HOP_MS * len(weights) + 1.0  # exceeds any search distance
    ends = [(u, v) for u, v, _rtt, _links in edges]
    shapes: dict = {}
    beyond = Beyond(comp, members, tree_adj, per_user, weights, by_dst, offsets_budget(n_nodes))
    for nodes in members:
        if len(nodes) > 1 and not _route_block(nodes, comp, adj, weights, ends, per_user, users, far_p, far_u,
                                               sends, transit, span, edge_erl, edge_sig, shapes, beyond):
            return None
    return edge_erl, edge_sig


def _outside(kids: list[int], base: float, sub: list[float], out: list[float]) -> None:
    """out[kid] = base + Σ sub of the other kids, by prefix and suffix sums (no subtraction: zero stays zero)."""
    prefix = 0.0
    before = []
    for k in kids:
        before.append(prefix)
        prefix += sub[k]
    suffix = 0.0
    for k, pre in zip(reversed(kids), reversed(before), strict=True):
        out[k] = base + pre + suffix
        suffix += sub[k]


def _route_block(nodes, comp, adj, weights, ends, per_user, users, far_p, far_u, sends, transit, span,
                 edge_erl, edge_sig, shapes, beyond: Beyond) -> bool:
    """One lowest-RTT tree per sending node of one block, over the block's own edges; False when a tree from an
    entry node is not the same for every offset and the callers beyond it cannot be grouped by offset
    (`advisor.routing_offsets`; see the module notes).

    The search runs on the block renumbered (nodes in node order, so ties still go to the lower node number;
    edges in the order the adjacency lists meet them). Its trees, and whether each passes `_offset_proof`, depend
    only on that numbered shape and its weights: blocks of the same shape (a ring's repeated chords) share them
    through `shapes`, a memo for one `block_loads` call (the same `span`)."""
    local = {v: i for i, v in enumerate(nodes)}  # node order kept: ties still go to the lower node number
    c = comp[nodes[0]]
    edge_ids: dict[int, int] = {}  # edge number -> its number in the block
    block_adj = []
    for v in nodes:
        row = []
        for w, e in adj[v]:
            if comp[w] == c:
                k = edge_ids.get(e)
                if k is None:
                    k = edge_ids[e] = len(edge_ids)
                row.append((local[w], k))
        block_adj.append(tuple(row))
    glob = list(edge_ids)  # block edge -> edge number
    block_w = tuple(weights[e] for e in glob)
    block_ends = tuple((local[a], local[b]) for a, b in map(ends.__getitem__, glob))
    # Small blocks recur (a ring's chords): their trees are shared. A large block keeps none, each tree dropped
    # once summed: n trees of n nodes would not fit.
    trees: list | None = None
    if len(nodes) <= SHARED_TREES_MAX_NODES:
        key = (tuple(block_adj), block_w, block_ends)
        trees = shapes.get(key)
        if trees is None:
            trees = shapes[key] = [None] * len(nodes)
    dest_u = [users[v] + far_u[v] for v in nodes]
    n = len(nodes)
    varied = len(set(block_w)) > 1
    search = lowest_tree if varied else level_tree  # the same trees; level by level is faster
    # A large block of equal weights: each tree that needs no offset check walked and summed by the lean pair
    lean_adj = batch = run = None
    equal = trees is None and search is level_tree and keys_grow(block_w[0], n)  # (a shared tree needs neither)
    # Sites hanging off the same nodes by the same weights share one tree (`advisor.routing_alike`), summed first;
    # entry nodes among them too: where the round-trip times differ their callers beyond go by the distance they
    # reach them at (`with_offsets`), else only where the group's tree holds from any distance (`with_entries`)
    shared: set[int] = set()
    compiled = False  # whether the groups went through the compiled loop (then the rest of the block does too)
    groups: list = []
    slots = sum(map(len, block_adj))
    rates = rows = origins = None
    if trees is None and summed(nodes, block_adj, glob, block_ends, dest_u, local, per_user, far_p, sends, block_w,
                                equal or varied, lambda: not any(transit[v] for v in nodes) or (
                                    equal and proof_holds_for_every_tree(block_w[0], n, span)),
                                lambda: _offsets(beyond, c, nodes, transit),
                                lambda *tree: _offset_proof(*tree, span), edge_erl, edge_sig):
        return True
    if trees is None:
        senders = [i for i, v in enumerate(nodes) if per_user[v] + far_p[v] != 0.0 or sends[v] is not None]
        groups = alike(block_adj, block_w, senders)
        entry = {i for i in senders if transit[nodes[i]]}
        if entry and groups and varied:  # entry nodes with their group, their callers beyond by distance
            every = [v for v in nodes if transit[v]]
            planned = beyond.plan(c, every, n)
            groups, rates, rows, origins = with_offsets(
                groups, entry, lambda i: beyond.groups(c, nodes[i]) if planned else None,
                lambda i: per_user[nodes[i]], lambda i: per_user[nodes[i]] + far_p[nodes[i]],
                lambda i: sends[nodes[i]])
        elif entry and groups:
            cheap = keys_grow(block_w[0], n + 1) and proof_holds_for_every_tree(block_w[0], n + 1, span)
            groups = with_entries(groups, entry, block_adj, block_w, block_ends, None if cheap else (
                lambda adj, w, ends, order, parent, best: _offset_proof(adj, w, ends, order, parent, best, span)))
        for _key, members in groups:
            shared.update(members)
    # A large block whose round-trip times differ: ties between different sums are likely, and the callers beyond
    # an entry node left out of the groups go in groups of the same offset wherever they can, each group's search
    # compiled, rather than each entry node's proof searched here (`advisor.routing_offsets`; a smaller block tries
    # the proof first)
    grouped: dict[int, tuple] = {}
    entries = [v for i, v in enumerate(nodes) if transit[v] and i not in shared]
    if varied and trees is None and routing_compiled.large(n, n, slots, heap=True):
        if entries and beyond.plan(c, entries, n):
            grouped = {v: got for v in entries if (got := beyond.groups(c, v)) is not None}
    if groups:
        if rates is None:
            rates = [[per_user[nodes[i]] + far_p[nodes[i]] for i in members] for _key, members in groups]
            rows = [[sends[nodes[i]] for i in members] for _key, members in groups]
        compiled = bool(groups) and routing_compiled.worth(len(groups), n, slots, heap=True)
        if compiled:
            route_alike_compiled(groups, rates, rows, varied, block_adj, block_w, block_ends, dest_u, local, glob,
                                 edge_erl, edge_sig, origins)
        else:
            for g, ((key, members), group_rates, group_rows) in enumerate(zip(groups, rates, rows, strict=True)):
                route_alike(key, members, group_rates, group_rows, varied, block_adj, block_w, block_ends, dest_u,
                            local, glob, edge_erl, edge_sig, len(groups), origins[g] if origins else 0.0)
    # the trees the loop below searches: one per sending node (a node that sends nothing is skipped), not per node
    trees_needed = (len(senders) if trees is None else n) - len(shared) + sum(len(got[1]) for got in grouped.values())
    if trees is None and (compiled or routing_compiled.worth(trees_needed, n, slots, heap=not equal)):
        run = routing_compiled.Run(block_adj, glob, None if equal else block_w, None if equal else block_ends,
                                   dest_u, local, edge_erl, edge_sig)
        if not equal and HUBS:  # sites on hubs, or next to sites on them: trees from the hubs' (the same trees)
            from advisor import routing_hubs  # (compiled loops: numba is there)

            run.use_hubs(routing_hubs.choose(block_adj, [i for i in senders if i not in shared]))
    if equal and run is None:
        lean_adj = [tuple((w, glob[k]) for w, k in row) for row in block_adj]  # edges numbered as edge_erl's
        if n >= BATCH_MIN_NODES:  # and from this size, many trees at once as array passes
            batch = routing_levels_batch.Batch(lean_adj, glob, dest_u, local, edge_erl, edge_sig)
    every_proof_holds = equal and proof_holds_for_every_tree(block_w[0], n, span)
    tick = progress.ticker(f"routing calls across a meshed part of {n:,} sites and clouds", n, PROGRESS_MIN_NODES)
    for i, v in enumerate(nodes):
        if tick is not None:
            tick(i)
        rate = per_user[v] + far_p[v]
        rows = sends[v]
        if (rate == 0.0 and rows is None) or i in shared:
            continue
        found = grouped.get(v)
        if found is not None:  # (`run`, if any, is the heap search: round-trip times differ)
            route_groups(found, i, per_user[v], None, run, block_adj, block_w, block_ends, dest_u, local, glob,
                         edge_erl, edge_sig)
            continue
        if run is not None:
            if not transit[v] or every_proof_holds:
                run.add(i, rate, rows)
                continue
            run.flush()  # the sources before this one first: each edge adds its terms in source order
        if batch is not None and (not transit[v] or every_proof_holds):
            batch.add(i, rate, rows)
            continue
        if batch is not None:
            batch.flush()  # the sources before this one first: each edge adds its terms in source order
        if lean_adj is not None and not transit[v]:
            order, parent_edge, parent_node = level_parents(lean_adj, i)
            acc_erl, acc_sig = _demands(rate, dest_u, rows, local)
            sum_levels(order, parent_edge, parent_node, acc_erl, acc_sig, edge_erl, edge_sig)
            continue
        tree = _tree(trees, i, search, block_adj, block_w)
        order, parent = tree[0], tree[1]
        if transit[v]:
            if tree[3] is None:
                tree[3] = _offset_proof(block_adj, block_w, block_ends, order, parent, tree[2], span)
            if not tree[3]:
                if not (beyond.plan(c, entries, n)
                        and route_groups(beyond.groups(c, v), i, per_user[v], tree, None, block_adj, block_w,
                                         block_ends, dest_u, local, glob, edge_erl, edge_sig)):
                    return False
                continue
        acc_erl, acc_sig = _demands(rate, dest_u, rows, local)
        sum_up(order, parent, block_ends, acc_erl, acc_sig, edge_erl, edge_sig, glob)
    for pending in (batch, run):
        if pending is not None:
            pending.flush()
    if tick is not None:
        tick(n)
    return True


def _offsets(beyond: Beyond, c: int, nodes: list[int], transit: list[bool]) -> dict | None:
    """Per block node with callers beyond it, `Beyond.groups`; None where any cannot be grouped (or the groups
    would pass the budget)."""
    entries = [i for i, v in enumerate(nodes) if transit[v]]
    if not beyond.plan(c, [nodes[i] for i in entries], len(nodes)):
        return None
    out = {}
    for i in entries:
        got = beyond.groups(c, nodes[i])
        if got is None:
            return None
        out[i] = got
    return out


def _tree(trees: list | None, i: int, search, block_adj, block_w) -> list:
    """[settle order, parent edges, ordering distances, offset proof (None until checked)] of block node i's tree,
    kept in `trees` when the block's shape shares them."""
    tree = trees[i] if trees is not None else None
    if tree is None:
        order, _exact, parent, best = search(block_adj, block_w, i)
        tree = [order, parent, best, None]
        if trees is not None:
            trees[i] = tree
    return tree


def proof_holds_for_every_tree(weight: float, n: int, span: float) -> bool:
    """True when `_offset_proof` passes for every equal-weight tree of a block of `n` nodes, so a tree from an entry
    node needs no check. With equal weights every node h links away has the same ordering distance and reaches it
    by the same weight sequence; so the only rivals that could fail the proof are nodes on the same level or the
    next, whose keys exceed the chosen one by at least weight + 1e-6 ms (less a rounding of a few units in the last
    place of a distance below `span`). That gap beats the proof's largest margin, 8·(2n + 1) units of 2⁻⁵³·span,
    twice over for any weight a design can hold."""
    return weight + HOP_MS > 2.0 * 8.0 * (2 * n + 1) * _UNIT * span


def _offset_proof(block_adj, weights, ends, order, parent, best, span) -> bool:
    """True when the search from this node, started at any distance in [0, span), picks the same parent edges.

    Each candidate's key is a floating sum of ≤ 2·hops terms below `span`, off by at most 2·hops·2⁻⁵³·span; a
    rival within four times that of the chosen key must reach the node by the same weight sequence (interned).
    Nodes, edges, `weights` and `ends` numbered within the block."""
    n = len(block_adj)
    hops, seq = [0] * n, [0] * n
    interned: dict[tuple[int, float], int] = {}
    for x in order:
        e = parent[x]
        if e < 0:
            continue
        a, b = ends[e]
        p = a if b == x else b
        hops[x] = hops[p] + 1
        seq[x] = interned.setdefault((seq[p], weights[e]), len(interned) + 1)
    for x in order:
        e = parent[x]
        if e < 0:
            continue
        for w, k in block_adj[x]:
            if k == e:
                continue
            margin = 8.0 * (hops[w] + hops[x] + 1) * _UNIT * span
            if best[w] + weights[k] + HOP_MS - best[x] > margin:
                continue
            a, b = ends[e]
            p = a if b == x else b
            if (seq[w], weights[k]) != (seq[p], weights[e]):
                return False
    return True
