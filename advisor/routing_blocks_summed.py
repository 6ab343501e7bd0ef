"""Meshed blocks whose every source's calls are summed at once, without a tree per source (`routing_blocks`): a
plain ring (`advisor.routing_ring`), two hubs with branches leased to both (`advisor.routing_twohub`), and a few
core nodes with branches each leased to two of them (`advisor.routing_homed`)."""

from __future__ import annotations

from collections.abc import Callable

from advisor import routing_homed, routing_ring, routing_twohub
from advisor.routing_trees import HOP_MS


def summed(nodes, block_adj, glob, block_ends, dest_u, local, per_user, far_p, sends, block_w, ring_ok: bool,
           entries_ok: Callable[[], bool], edge_erl, edge_sig) -> bool:
    """Add every source's calls and point flows to the block's edges at once, where the block has one of those
    shapes and is large enough; False (nothing added) for any other block, where a source beyond an entry node could
    take another tree than the entry node's own (`entries_ok`: none do; where the round-trip times differ their
    trees start at their own distances), or where ties are too many to work out (the trees are searched instead).
    `ring_ok`: the block's weights allow a ring's reach (equal and growing, or varied)."""
    n = len(nodes)
    ring = routing_ring.cycle(block_adj) if ring_ok and n >= routing_ring.MIN_NODES else None
    shape = routing_twohub.shape(block_adj) if ring is None and n >= routing_twohub.MIN_NODES else None
    homed = (routing_homed.shape(block_adj) if ring is None and shape is None and n >= routing_homed.MIN_NODES
             else None)
    if (ring is None and shape is None and homed is None) or not entries_ok():
        return False
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
        got = (routing_twohub.loads(shape, block_w, len(glob), dest_u, sources, local, HOP_MS) if shape is not None
               else routing_homed.loads(homed, block_w, block_ends, block_adj, len(glob), dest_u, sources, local,
                                        HOP_MS))
        if got is None:
            return False  # branches tie with too many others: the trees, searched
        edges = glob
    for e, e_erl, e_sig in zip(edges, *got, strict=True):
        edge_erl[e] += e_erl
        edge_sig[e] += e_sig
    return True
