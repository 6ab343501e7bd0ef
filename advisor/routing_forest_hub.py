"""Per-link load on a tree-shaped WAN over a hub overlay (GRE over IPsec hub-and-spoke): the tree from the hub
(`hub_tree` on a forest, `walked_tree` for any tree `Graph.sum_tree` gives), the loads over it as arrays
(`hub_loads_arrays`), and the relayed calls whose two legs both cross a link (`relayed_twice`). The same sums in the
same order as `routing._via_hub`'s walk, so the figures are the same bit for bit (`advisor.routing_forest` holds
the direct overlay's)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.routing_arrays import Tree, scatter_in_order
from advisor.routing_flows import as_array, flow_columns
from advisor.routing_forest import forest_arrays
from advisor.routing_trees import HOP_MS

if TYPE_CHECKING:
    from advisor.routing import Demand, Graph


def hub_tree(graph: Graph, forest, hub: int):
    """(parent node, parent edge, `Tree.fold` steps) of the lowest-RTT tree from `hub` on a forest, as
    `Graph.sum_tree` gives it (`tree_walk`), or None when its steps are too many. The forest rooted again at the hub
    (the path between them turned round; other parts unreached), each node's distance summed down it as the walk
    sums it (`Tree.scan`), and the children of each node ordered by (distance, node number) as the walk orders
    them."""
    import numpy as np

    parent_v, root = forest[2], forest[3]
    _order, edge, par, top, forest_tree = forest_arrays(graph, forest)
    edge, par = edge.copy(), par.copy()
    path = [hub]
    while parent_v[path[-1]] >= 0:
        path.append(parent_v[path[-1]])
    below, above = np.array(path[:-1], dtype=np.int64), np.array(path[1:], dtype=np.int64)
    par[above], edge[above] = below, edge[below]
    par[hub] = edge[hub] = -1
    apart = top != root[hub]
    par[apart] = edge[apart] = -1
    same = len(path) == 1 and not apart.any()  # the hub roots the only part: the forest itself
    tree = forest_tree if same else Tree(par)
    if tree.down is None:
        return None
    n = par.size
    rtt = np.zeros(n)
    kid = np.flatnonzero(par >= 0)
    rtt[kid] = np.asarray(graph.rtt)[edge[kid]]
    best = np.zeros(n)
    tree.scan(best, rtt, np.full(n, HOP_MS))
    later = np.empty(n, dtype=np.int64)
    later[np.lexsort((np.arange(n), best))] = np.arange(n)
    steps = tree.order_children(later)
    return None if steps is None else (par, edge, steps)


def walked_tree(graph: Graph, order: list[int], parent: list[int]):
    """(parent node, parent edge, `Tree.fold` steps) of a tree given as `Graph.sum_tree` gives it; None when its
    steps are too many."""
    import numpy as np

    edge = np.asarray(parent, dtype=np.int64)
    n = edge.size
    kid = np.flatnonzero(edge >= 0)
    ends_a, ends_b = graph.end_arrays()
    a, b = ends_a[edge[kid]], ends_b[edge[kid]]
    par = np.full(n, -1, dtype=np.int64)
    par[kid] = np.where(b == kid, a, b)
    later = np.full(n, n, dtype=np.int64)  # nodes off the tree: alone, never summed into anything
    later[np.asarray(order, dtype=np.int64)] = np.arange(len(order))
    steps = Tree(par).order_children(later)
    return None if steps is None else (par, edge, steps)


def hub_loads_arrays(graph: Graph, demand, received: list[float], tree) -> tuple[list, list, list]:
    """`routing._via_hub` with arrays: (Erlangs, kbps, relayed Erlangs crossing twice) per edge over the hub's
    `tree` (`hub_tree` or `walked_tree`). The same sums in the same order: the starting figures element by
    element, hauled PSTN and signalling added in turn (`scatter_in_order`), then carried up the tree by one
    `Tree.fold` for all of them."""
    import numpy as np

    par, parent_e, steps = tree
    n, n_sites, hub = par.size, graph.n_sites, demand.hub
    kid = np.flatnonzero(parent_e >= 0)
    users, on_net = as_array(demand.users), as_array(demand.on_net)
    # rows: Erlangs, kbps, then for the relayed calls: users, a = o/(T − U), b = a·U, hauled Erlangs, PSTN site
    x = np.zeros((7, n))
    x[0, :n_sites] = (on_net if demand.sent is None else as_array(demand.sent)) + as_array(received)
    x[0, hub] = 0.0
    for row, flows in ((0, demand.pstn_haul), (1, demand.signalling)):
        if flows:  # each flow at its two ends, in turn, except at the hub
            s, c, amount = flow_columns(flows)
            slots = np.stack([s, c], axis=1).ravel()
            keep = slots != hub
            scatter_in_order(x[row:row + 1], slots[keep], np.repeat(amount, 2)[None, keep])
    rest = sum(demand.users) - users
    spoke = np.ones(n_sites, dtype=bool)
    spoke[hub] = False
    x[2, :n_sites] = np.where(spoke, users, 0.0)
    calls = spoke & (rest > 0)
    rate = np.zeros(n_sites)
    np.divide(on_net, rest, out=rate, where=calls)
    x[3, :n_sites] = rate
    x[4, :n_sites] = np.where(calls, rate * users, 0.0)
    relayed = [(s, c, erl) for s, c, erl in demand.pstn_haul if hub not in (s, c)]
    if relayed:
        scatter_in_order(x[5:6], np.array([s for s, _c, _e in relayed], dtype=np.int64),
                         np.array([[erl for _s, _c, erl in relayed]], dtype=np.float64))
        x[6, [c for _s, c, _e in relayed]] = 1.0
    Tree.fold(steps, x)
    edge = parent_e[kid]
    n_edges = graph.n_edges
    edge_erl, edge_sig, twice = np.zeros(n_edges), np.zeros(n_edges), np.zeros(n_edges)
    edge_erl[edge] = 0.0 + x[0, kid]
    edge_sig[edge] = 0.0 + x[1, kid]
    both = x[2, kid] * x[3, kid] - x[4, kid] + np.where(x[6, kid] > 0.0, x[5, kid], 0.0)
    twice[edge] = np.maximum(both, 0.0)
    return edge_erl.tolist(), edge_sig.tolist(), twice.tolist()


def relayed_twice(graph: Graph, demand: Demand, order: list[int], parent: list[int]) -> list[float]:
    """Per edge, the relayed (spoke-to-spoke) Erlangs whose two legs both cross it: both ends lie beyond it (the
    plain path of `routing._via_hub`, for any tree from the hub).

    In the tree from the hub, edge (parent, v) is on both legs of s -> t exactly when s and t are in v's subtree.
    Gravity sums per subtree V: Σ_{s∈V} o_s·(U_V − U_s)/(T − U_s) = U_V·Σa − Σb, with a_s = o_s/(T − U_s) and
    b_s = a_s·U_s; hauled PSTN counts when its PSTN site is in V too. Linear in sites + links.
    """
    hub = demand.hub
    users, on_net = demand.users, demand.on_net
    total = sum(users)
    n_nodes = graph.n_nodes
    sum_u, sum_a, sum_b, sum_haul = ([0.0] * n_nodes for _ in range(4))
    has_pstn = [False] * n_nodes
    for s in range(graph.n_sites):
        if s == hub:
            continue
        sum_u[s] = users[s]
        if total - users[s] > 0:
            sum_a[s] = on_net[s] / (total - users[s])
            sum_b[s] = sum_a[s] * users[s]
    for s, c, erl in demand.pstn_haul:
        if hub not in (s, c):
            sum_haul[s] += erl
            has_pstn[c] = True
    edges = graph.edges
    twice = [0.0] * len(edges)
    for v in reversed(order):
        e = parent[v]
        if e < 0:
            continue
        relayed = sum_u[v] * sum_a[v] - sum_b[v] + (sum_haul[v] if has_pstn[v] else 0.0)
        twice[e] = max(relayed, 0.0)
        a, b = edges[e][0], edges[e][1]
        up = a if b == v else b
        sum_u[up] += sum_u[v]
        sum_a[up] += sum_a[v]
        sum_b[up] += sum_b[v]
        sum_haul[up] += sum_haul[v]
        has_pstn[up] = has_pstn[up] or has_pstn[v]
    return twice
