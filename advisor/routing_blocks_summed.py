"""Meshed blocks whose every source's calls are summed at once, without a tree per source (`routing_blocks`): a
plain ring (`advisor.routing_ring`), two hubs with branches leased to both (`advisor.routing_twohub`), a few core
nodes with branches each leased to two of them (`advisor.routing_homed`), and one hub holding small parts together
(`advisor.routing_star`: its parts' trees, not the block's)."""

from __future__ import annotations

from collections.abc import Callable

from advisor import routing_homed, routing_ring, routing_star, routing_twohub
from advisor.routing_trees import HOP_MS


def summed(nodes, block_adj, glob, block_ends, dest_u, local, per_user, far_p, sends, block_w, ring_ok: bool,
           entries_ok: Callable[[], bool], offsets: Callable[[], dict | None], proof: Callable[..., bool], edge_erl,
           edge_sig) -> bool:
    """Add every source's calls and point flows to the block's edges at once, where the block has one of those
    shapes and is large enough; False (nothing added) for any other block, or where ties are too many to work out
    (the trees are searched instead). `ring_ok`: the block's weights allow a ring's reach (equal and growing, or
    varied). `entries_ok`: no source beyond an entry node could take another tree than the entry node's own; where
    some could (their trees start at their own distances), only a core with branches takes them, each group of
    callers beyond an entry node searched from the distance it reaches it at (`offsets`: per block node, its own
    point flows and those groups, `routing_offsets.Beyond.groups`; None where they cannot be grouped); the hub's
    parts take them too. `proof(adj, w, ends, order, parent, best)`: whether a tree holds from any distance."""
    n = len(nodes)
    ring = routing_ring.cycle(block_adj) if ring_ok and n >= routing_ring.MIN_NODES else None
    shape = routing_twohub.shape(block_adj) if ring is None and n >= routing_twohub.MIN_NODES else None
    homed = (routing_homed.shape(block_adj) if ring is None and shape is None and n >= routing_homed.MIN_NODES
             else None)
    star = (routing_star.shape(block_adj)
            if ring is None and shape is None and homed is None and n >= routing_star.MIN_NODES else None)
    if ring is None and shape is None and homed is None and star is None:
        return False
    beyond = None
    if not entries_ok():
        if ring is not None:
            return False
        if shape is not None:  # two hubs: the general sums take distances to start from
            shape, homed = None, routing_homed.shape(block_adj)
        beyond = offsets() if homed is not None or star is not None else None
        if beyond is None:
            return False
    if star is not None:
        got = routing_star.loads(star, block_adj, block_w, block_ends, len(glob), dest_u,
                                 _homed_sources(nodes, per_user, far_p, sends, beyond or {}), local, proof)
        if got is None:
            return False  # too many distances where the parts' trees could round differently: the trees, searched
        _add(glob, got, edge_erl, edge_sig)
        return True
    if homed is not None:
        got = routing_homed.loads(homed, block_w, block_ends, block_adj, len(glob), dest_u,
                                  _homed_sources(nodes, per_user, far_p, sends, beyond or {}), local, HOP_MS)
        if got is None:
            return False  # too many pairs of core nodes, or ties: the trees, searched
        _add(glob, got, edge_erl, edge_sig)
        return True
    sources = [(i, per_user[v] + far_p[v], sends[v]) for i, v in enumerate(nodes)
               if per_user[v] + far_p[v] != 0.0 or sends[v] is not None]
    if ring is not None:
        order, ring_edges = ring
        equal = len(set(block_w)) == 1
        reach = (routing_ring.equal_reach(order) if equal
                 else routing_ring.varied_reach(order, [block_w[k] for k in ring_edges], HOP_MS))
        if reach is None:
            return False  # ties everywhere: the trees, searched
        got = routing_ring.ring_loads(order, ring_edges, dest_u, sources, local, reach)
        edges = [glob[k] for k in ring_edges]
    else:
        got = routing_twohub.loads(shape, block_w, len(glob), dest_u, sources, local, HOP_MS)
        if got is None:
            return False  # branches tie with too many others: the trees, searched
        edges = glob
    _add(edges, got, edge_erl, edge_sig)
    return True


def _add(edges, got, edge_erl, edge_sig) -> None:
    for e, e_erl, e_sig in zip(edges, *got, strict=True):
        edge_erl[e] += e_erl
        edge_sig[e] += e_sig


def _homed_sources(nodes, per_user, far_p, sends, beyond: dict) -> list[tuple[int, float, dict | None, float]]:
    """(block node, rate, point flows, distance the search starts at) per source: a node's own calls (with the
    callers beyond it, where `beyond` does not group them), and each group of callers beyond an entry node."""
    out = []
    for i, v in enumerate(nodes):
        found = beyond.get(i)
        if found is None:
            if per_user[v] + far_p[v] != 0.0 or sends[v] is not None:
                out.append((i, per_user[v] + far_p[v], sends[v], 0.0))
            continue
        own_rows, groups = found
        if per_user[v] != 0.0 or own_rows is not None:
            out.append((i, per_user[v], own_rows, 0.0))
        out.extend((i, rate, rows, offset) for offset, rate, rows in groups if rate != 0.0 or rows is not None)
    return out
