"""A large meshed block held together by one node (sites on one cloud, a few of them with backup leased lines among
themselves): each of its small parts routed on its own, the calls between parts through that node, instead of one
tree per source over the whole block (`advisor.routing_blocks`).

Take away the hub (the node of most links) and the block falls apart into parts of at most PART_MAX nodes. Every path
between two parts goes through the hub, and a lowest-RTT path never passes the hub twice, so:

- a source's search, until it settles the hub, only ever reaches its own part and the hub; its tree there is the
  search over that part and the hub alone (the same sums, the same order between those nodes, so the same ties);
- beyond the hub, inside any other part, its tree is the search from the hub over that part, started at the distance
  the source reached the hub at (`lowest_tree`'s `origin`): exactly the tree the whole search grows there.

A source's own tree is searched over its part (a few nodes); the calls it sends beyond its part reach the hub at its
distance there, and every part takes the callers from outside it through one tree from the hub. That one tree serves
every distance where the block's offset proof holds for it (each rival candidate at each node is farther than any
rounding a distance can cause, or reaches it by the same link weights, `routing_blocks._offset_proof`); where it does
not, the callers go in groups of the same distance, one tree each, as the whole search would treat them
(`advisor.routing_offsets` does the same for entry nodes). Sums that leave a part out are made of prefix and suffix
sums, never by subtraction, so a link no tree loads stays exactly 0. The figures are the per-source trees' within
floating-point rounding (tests/core/test_routing_star.py).

Cost: the parts (one pass over the block), each source's search over its part, one search per part from the hub (or
one per distance where the proof fails, within TREES_MAX): linear in the block where its parts are small.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from advisor.routing_offsets import add_row
from advisor.routing_trees import heap_search, sum_up

MIN_NODES = 200  # smaller blocks: their trees cost little
PART_MAX = 64  # nodes of a part: larger ones would cost their sources as much as the block's own trees
TREES_MAX = 500_000  # nodes the trees of parts whose proof fails may visit in all; beyond, the trees are searched


@dataclass
class Star:
    hub: int  # block node
    parts: list[list[int]]  # block nodes of each part, in node order (the hub in none)
    part_of: list[int]  # block node -> its part (−1: the hub)


def shape(rows) -> Star | None:
    """The block (`rows`: each node's (neighbour, edge) pairs in the block, block numbers, as the routing holds
    them) as a hub and parts of at most PART_MAX nodes that only the hub joins, or None. The hub is the node of most
    links (the first of them)."""
    n = len(rows)
    if n < MIN_NODES:
        return None
    sizes = list(map(len, rows))
    most = max(sizes)
    if most * PART_MAX < n - 1:  # each part has a link to the hub: too few links for parts that small
        return None
    hub = sizes.index(most)
    part_of = [-1] * n
    parts: list[list[int]] = []
    for r in range(n):
        if r == hub or part_of[r] >= 0:
            continue
        p = len(parts)
        part_of[r] = p
        members = [r]
        for u in members:  # grows while walked: breadth first, around the hub
            for w, _k in rows[u]:
                if part_of[w] < 0 and w != hub:
                    part_of[w] = p
                    members.append(w)
            if len(members) > PART_MAX:
                return None
        members.sort()
        parts.append(members)
    return Star(hub, parts, part_of) if len(parts) >= 2 else None


class _Part:
    """One part and the hub, as a graph of its own: nodes in block order (so ties go the same way), each node's
    links in the block's order, edges numbered here (`glob`: edge -> block edge)."""

    __slots__ = ("nodes", "local", "adj", "w", "ends", "glob", "hub_at")

    def __init__(self, members: list[int], hub: int, hub_row: list[tuple[int, int]], block_adj, block_w,
                 block_ends) -> None:
        nodes = members[:]
        nodes.insert(bisect_left(nodes, hub), hub)
        local = {v: i for i, v in enumerate(nodes)}
        edge_ids: dict[int, int] = {}
        adj = []
        for v in nodes:
            row = []
            for w, k in (hub_row if v == hub else block_adj[v]):
                s = edge_ids.get(k)
                if s is None:
                    s = edge_ids[k] = len(edge_ids)
                row.append((local[w], s))
            adj.append(tuple(row))
        self.nodes, self.local, self.adj = nodes, local, adj
        self.glob = list(edge_ids)
        self.w = [block_w[k] for k in self.glob]
        self.ends = [(local[a], local[b]) for a, b in map(block_ends.__getitem__, self.glob)]
        self.hub_at = local[hub]


def loads(star: Star, block_adj, block_w, block_ends, n_edges: int, dest_u: list[float],
          sources: list[tuple[int, float, dict | None, float]], local: dict[int, int],
          proof: Callable[..., bool]) -> tuple[list[float], list[float]] | None:
    """(Erlangs, signalling kbps) per block edge, as one tree per source gives them (`routing_homed.loads`' sources:
    block node, rate, point flows {node: [E, kbps]}, the distance its search starts at); None where the parts whose
    offset proof fails would take more than TREES_MAX nodes of trees. `proof(adj, w, ends, order, parent, best)`:
    whether a tree from the hub holds at any starting distance."""
    hub, part_of = star.hub, star.part_of
    hub_rows: list[list[tuple[int, int]]] = [[] for _ in star.parts]
    for w, k in block_adj[hub]:
        if w != hub:  # (a loop at the hub carries no call)
            hub_rows[part_of[w]].append((w, k))
    parts = [_Part(members, hub, row, block_adj, block_w, block_ends)
             for members, row in zip(star.parts, hub_rows, strict=True)]
    erl, sig = [0.0] * n_edges, [0.0] * n_edges
    part_u = [sum(map(dest_u.__getitem__, members)) for members in star.parts]
    beyond_u = _others(part_u, dest_u[hub])  # per part: the users its sources reach through the hub
    calls: list[tuple[float, int, float]] = []  # (distance at the hub, part it comes from or −1, rate)
    into: list[dict[float, dict[int, list[float]]] | None] = [None] * len(parts)  # part -> distance -> rows
    for node, rate, rows, origin in sources:
        p = part_of[node]
        at_hub = origin
        if p >= 0:
            part = parts[p]
            order, _exact, parent, best = heap_search(part.adj, part.w, part.local[node], origin)
            at_hub = best[part.hub_at]
            acc_erl = [rate * dest_u[v] for v in part.nodes] if rate != 0.0 else [0.0] * len(part.nodes)
            acc_sig = [0.0] * len(part.nodes)
            acc_erl[part.hub_at] = rate * beyond_u[p]
            if rows:
                for dst, (e_erl, e_sig) in rows.items():
                    t = local[dst]
                    at = part.local[t] if part_of[t] == p else part.hub_at
                    acc_erl[at] += e_erl
                    acc_sig[at] += e_sig
            sum_up(order, parent, part.ends, acc_erl, acc_sig, erl, sig, part.glob)
        if rate != 0.0:
            calls.append((at_hub, p, rate))
        if rows:
            for dst, (e_erl, e_sig) in rows.items():
                q = part_of[local[dst]]
                if q >= 0 and q != p:
                    by_offset = into[q]
                    if by_offset is None:
                        by_offset = into[q] = {}
                    add_row(by_offset.setdefault(at_hub, {}), local[dst], e_erl, e_sig)
    rate_from = [0.0] * len(parts)
    at_hub_rate = 0.0
    for _at, p, rate in calls:
        if p < 0:
            at_hub_rate += rate
        else:
            rate_from[p] += rate
    rate_into = _others(rate_from, at_hub_rate)  # per part: the rates of every caller outside it
    by_distance: _ByDistance | None = None
    budget = TREES_MAX
    for q, part in enumerate(parts):
        rows_in = into[q]
        if rate_into[q] == 0.0 and rows_in is None:
            continue
        order, _exact, parent, best = heap_search(part.adj, part.w, part.hub_at)
        if proof(part.adj, part.w, part.ends, order, parent, best):
            merged: dict[int, list[float]] = {}
            for group in (rows_in or {}).values():
                for t, (e_erl, e_sig) in group.items():
                    add_row(merged, t, e_erl, e_sig)
            _sum_from_hub(part, order, parent, rate_into[q], merged, dest_u, erl, sig)
            continue
        if by_distance is None:
            by_distance = _ByDistance(calls)
        if len(by_distance.table) * len(part.nodes) > budget:  # (at most one tree per distance: said before
            return None  # the sums leaving the part out are made, thousands of distances over many parts)
        groups = by_distance.leaving_out(q)
        for at in (rows_in or {}):
            groups.setdefault(at, 0.0)
        budget -= len(groups) * len(part.nodes)
        if budget < 0:
            return None
        for at in sorted(groups):
            rows_at = (rows_in or {}).get(at, {})
            if groups[at] == 0.0 and not rows_at:
                continue
            order, _exact, parent, _best = heap_search(part.adj, part.w, part.hub_at, at)
            _sum_from_hub(part, order, parent, groups[at], rows_at, dest_u, erl, sig)
    return erl, sig


def _sum_from_hub(part: _Part, order, parent, rate: float, rows: dict[int, list[float]], dest_u, erl, sig) -> None:
    """The calls entering `part` at the hub: `rate` × the users of each node of the part, and `rows` (block node ->
    [E, kbps]), carried up the tree from the hub."""
    acc_erl = [rate * dest_u[v] for v in part.nodes] if rate != 0.0 else [0.0] * len(part.nodes)
    acc_erl[part.hub_at] = 0.0  # the hub's own: reached before the part
    acc_sig = [0.0] * len(part.nodes)
    for t, (e_erl, e_sig) in rows.items():
        at = part.local[t]
        acc_erl[at] += e_erl
        acc_sig[at] += e_sig
    sum_up(order, parent, part.ends, acc_erl, acc_sig, erl, sig, part.glob)


class _ByDistance:
    """The callers' rates per distance at the hub, by the part they come from, for the sums leaving one part out."""

    def __init__(self, calls: list[tuple[float, int, float]]) -> None:
        per: dict[float, dict[int, float]] = {}
        for at, p, rate in calls:
            got = per.setdefault(at, {})
            got[p] = got.get(p, 0.0) + rate
        self.table: dict[float, tuple[list[int], list[float], list[float]]] = {}
        for at, by_part in per.items():
            keys = sorted(by_part)
            rates = [by_part[p] for p in keys]
            prefix = [0.0]
            for r in rates:
                prefix.append(prefix[-1] + r)
            suffix = [0.0]
            for r in reversed(rates):
                suffix.append(suffix[-1] + r)
            suffix.reverse()
            self.table[at] = (keys, prefix, suffix)

    def leaving_out(self, q: int) -> dict[float, float]:
        """Distance -> the rates of the callers at that distance from outside part q."""
        out = {}
        for at, (keys, prefix, suffix) in self.table.items():
            i = bisect_left(keys, q)
            after = i + 1 if i < len(keys) and keys[i] == q else i
            total = prefix[i] + suffix[after]
            if total != 0.0:
                out[at] = total
        return out


def _others(values: list[float], base: float) -> list[float]:
    """Per index: base + the sum of the other values, by prefix and suffix sums (no subtraction: zero stays zero)."""
    out = [0.0] * len(values)
    prefix = 0.0
    before = []
    for v in values:
        before.append(prefix)
        prefix += v
    suffix = 0.0
    for i in range(len(values) - 1, -1, -1):
        out[i] = base + before[i] + suffix
        suffix += values[i]
    return out
