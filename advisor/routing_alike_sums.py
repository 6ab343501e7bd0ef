"""The two ends of a shared tree's sums (`advisor.routing_alike`): what each node receives before the calls are carried
up the tree, and what each alike site sends over its own links after. Shared by the node-by-node pass
(`routing_alike.route_alike`) and the pass by leaf runs (`routing_alike_fringe.route_fringe`), so both add the same
numbers in the same order."""

from __future__ import annotations


def demands(members: list[int], rates: list[float], rows: list[dict | None], dest_u: list[float],
            local: dict, n: int) -> tuple[list[float], list[float]]:
    """(Erlangs, kbps) each of the `n` block nodes and the virtual node receives from the `members`: gravity traffic
    from every member but itself (prefix and suffix sums: nothing subtracted) times its users, plus the members'
    point flows (`rows`: destination -> [E, kbps])."""
    total = 0.0
    before = []
    for r in rates:
        before.append(total)
        total += r
    others = [0.0] * len(members)
    after = 0.0
    for m in range(len(members) - 1, -1, -1):
        others[m] = before[m] + after
        after += rates[m]
    acc_erl = [total * u for u in dest_u] + [0.0] if total != 0.0 else [0.0] * (n + 1)
    for m, i in enumerate(members):
        acc_erl[i] = others[m] * dest_u[i]
    acc_sig = [0.0] * (n + 1)
    for got in rows:
        if got is not None:
            for dst, (erl, sig) in got.items():
                acc_erl[local[dst]] += erl
                acc_sig[local[dst]] += sig
    return acc_erl, acc_sig


def branches(order, parent: list[int], block_ends, k0: int, n: int) -> list[int]:
    """The neighbour of the virtual node whose branch of the tree holds each node (-1: none), for the nodes of
    `order` (parents before children; the virtual node's links, numbered from `k0`, are the members' own)."""
    branch = [-1] * (n + 1)
    for x in order:
        k = parent[x]
        if k >= k0:
            branch[x] = x
        elif k >= 0:
            a, b = block_ends[k]
            branch[x] = branch[a if b == x else b]
    return branch


def own_links(members: list[int], rates: list[float], rows: list[dict | None], block_adj, branch: list[int],
              parent: list[int], reach: list[float], dest_u: list[float], local: dict, glob: list[int], k0: int,
              edge_erl: list[float], edge_sig: list[float]) -> None:
    """Each member's own links: what it sends into each neighbour's branch of the tree (`branch`: the neighbour
    whose branch holds each node; `reach`: the users each neighbour's subtree reaches), added to `edge_erl` /
    `edge_sig`."""
    for i, rate, got in zip(members, rates, rows, strict=True):
        own_erl: dict[int, float] = {}
        own_sig: dict[int, float] = {}
        if got is not None:
            for dst, (erl, sig) in got.items():
                w = branch[local[dst]]
                own_erl[w] = own_erl.get(w, 0.0) + erl
                own_sig[w] = own_sig.get(w, 0.0) + sig
        home = branch[i]
        for w, k in block_adj[i]:
            if parent[w] < k0:  # reached otherwise than over this member's link: the link carries none of its calls
                continue
            users = reach[w] - dest_u[i] if w == home else reach[w]  # whole users: exact
            erl = rate * users if rate != 0.0 else 0.0
            e = glob[k]
            edge_erl[e] += erl + own_erl.get(w, 0.0)
            edge_sig[e] += own_sig.get(w, 0.0)


__all__ = ["branches", "demands", "own_links"]
