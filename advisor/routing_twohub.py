"""A large meshed block of two hubs and sites each leased to both (branches dual-homed to two data centres, each link
with a round-trip time of its own): every source's calls summed onto the block's links at once, in n log n, not
one tree per source.

`routing_blocks._route_block` routes a block by one lowest-RTT tree per sending node: n trees of n nodes, 10⁸ steps
for 10,000 branches. In this shape each source's tree is known from two figures, the ordering distances dA and dB at
which the search settles the two hubs (`routing_trees.heap_search`: round-trip time plus 1e-6 ms per link, ties to
the node settled first, then the lower node number):

- a branch source settles first the hub its own link reaches sooner (F), then the other (S) at the least of its own
  link, a direct link between the hubs, or a relay through another branch (F → branch → S: the branch whose two
  links sum to the least, found from a list sorted once);
- every other branch x then hangs off S when S's offer, dS + w(S, x), is strictly below F's, dF + w(F, x), else
  off F. With δx = w(B, x) − w(A, x) and θ = dA − dB, that is δx < θ (or ≤ θ where B settles first): the branches
  sorted by δ once, each source's split is a binary search.

Where the two offers come within TIE_MS of each other, the search's own additions decide, once per run of branches
with the same two round-trip times (branches with the same figures are neighbours in the sorted order). So each
link carries, from each source, its rate × the users beyond the link in that source's tree:

- a branch's link to A (B): its users × the rates of the sources whose split puts it on A's (B's) side, summed over
  sorted positions by difference arrays, the source itself taken out;
- a source's own links and the hubs' path (direct link or relay): its rate × the users on each side, from running
  sums of the branches' users in the sorted order.

Point flows (signalling to call processing, PSTN hauled to a gateway) follow each flow's path, at most four links.
The figures are the per-source trees' within floating-point rounding (the sums are regrouped), as in
`advisor.routing_ring`; every part is a sum of non-negative terms, and a link no tree loads gets exactly 0
(tests/core/test_routing_twohub.py compares both on random blocks, ties and relays included).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

MIN_NODES = 200  # smaller blocks: their trees cost little, and stay bit for bit the search's
TIE_MS = 1e-7  # below the per-hop cost (1e-6 ms): two offers this close are worked out as the search adds them
EXACT_RUNS = 500_000  # the most runs of alike branches worked out one by one (then the trees are searched instead)


@dataclass
class Shape:
    """A block of two hubs (block nodes a < b) and branches (`leaves`, block nodes in order) each with one link to
    each hub (`to_a`, `to_b`: block edge numbers per branch); `direct`: the links between the hubs, in a's
    adjacency order and in b's (the order each relaxes them in)."""

    a: int
    b: int
    leaves: list[int]
    to_a: list[int]
    to_b: list[int]
    direct: tuple[list[int], list[int]]


def shape(block_adj: list[tuple[tuple[int, int], ...]]) -> Shape | None:
    """The block as two hubs and branches on both, or None for any other block (also a branch with two links to
    one hub, or a block of fewer than three nodes)."""
    hubs = [i for i, row in enumerate(block_adj) if len(row) != 2]
    if len(hubs) != 2 or len(block_adj) < 3:
        return None
    a, b = hubs
    leaves, to_a, to_b = [], [], []
    for i, row in enumerate(block_adj):
        if i == a or i == b:
            continue
        (u, e), (v, f) = row
        if (u, v) == (a, b):
            to_a.append(e)
            to_b.append(f)
        elif (u, v) == (b, a):
            to_a.append(f)
            to_b.append(e)
        else:
            return None
        leaves.append(i)
    direct = ([e for v, e in block_adj[a] if v == b], [e for v, e in block_adj[b] if v == a])
    if len(block_adj[a]) != len(leaves) + len(direct[0]) or len(block_adj[b]) != len(leaves) + len(direct[1]):
        return None  # (a hub's link to itself: not a block of this shape)
    return Shape(a, b, leaves, to_a, to_b, direct)


class Sorted:
    """The branches sorted by (δ, w to A, node): δ per position, the branch there, where its run of branches with
    the same two round-trip times ends, and the running sum of their users."""

    def __init__(self, s: Shape, weights, dest_u):
        wa = [weights[e] for e in s.to_a]
        wb = [weights[e] for e in s.to_b]
        self.wa, self.wb = wa, wb
        order = sorted(range(len(s.leaves)), key=lambda x: (wb[x] - wa[x], wa[x], s.leaves[x]))
        self.order = order
        self.delta = [wb[x] - wa[x] for x in order]
        self.pos = [0] * len(order)
        for p, x in enumerate(order):
            self.pos[x] = p
        ends = [0] * len(order)
        end = len(order)
        for p in range(len(order) - 1, -1, -1):
            if p + 1 < len(order) and (wa[order[p]], wb[order[p]]) != (wa[order[p + 1]], wb[order[p + 1]]):
                end = p + 1
            ends[p] = end
        self.run_end = ends
        self.users = [0.0, *accumulate(dest_u[s.leaves[x]] for x in order)]
        # the relays, by the sum of their two round-trip times (the sum the search adds, give or take rounding):
        # of branches with the same two times only the two lowest-numbered (the first settles first and offers
        # what the others would; the second stands in when the first is the source)
        firsts: dict[tuple[float, float], list[int]] = {}
        for x in sorted(range(len(order)), key=s.leaves.__getitem__):
            got = firsts.setdefault((wa[x], wb[x]), [])
            if len(got) < 2:
                got.append(x)
        self.relays = sorted((x for got in firsts.values() for x in got), key=lambda x: wa[x] + wb[x])


@dataclass
class Tree:
    """One source's tree, as the hubs' figures: the hub settled first (f) and second, their ordering distances,
    how the second is reached ('own': the source's own link; 'direct': link `edge`; 'relay': through branch
    `relay`); the same for every branch source with the same two round-trip times that is no relay candidate, and the branches' split: before sorted position lo on B's side, from hi on A's, the runs between as
    `runs` [(start, end, on B's side)]."""

    f: int
    d_f: float
    d_s: float
    how: str
    edge: int
    relay: int
    lo: int
    hi: int
    runs: list


def _tree(s: Shape, srt: Sorted, weights, hop: float, source: int, leaf: int | None) -> Tree:
    """The tree from block node `source` (`leaf`: its branch index, None for a hub), as the heap search builds it."""
    wa, wb = srt.wa, srt.wb
    if leaf is None:
        f, d_f, best, how, edge = source, 0.0, float("inf"), "", -1
    else:
        d_a, d_b = wa[leaf] + hop, wb[leaf] + hop
        f, d_f = (s.a, d_a) if (d_a, s.a) < (d_b, s.b) else (s.b, d_b)
        best, how, edge = (d_b if f == s.a else d_a), "own", -1  # (the source's own link to the other hub)
    on_a = f == s.a
    for e in s.direct[0 if on_a else 1]:  # relaxed when f settles, in its adjacency order
        got = d_f + weights[e] + hop
        if got < best:
            best, how, edge = got, "direct", e
    w_f, w_s = (wa, wb) if on_a else (wb, wa)
    # relays: the branches whose two links sum to the least (other than the source), in the order they settle
    relays = srt.relays
    first = next((x for x in relays[:3] if x != leaf), None)
    relay = -1
    if first is not None:
        limit = wa[first] + wb[first] + 4 * TIE_MS
        near = []
        for x in relays:
            if wa[x] + wb[x] > limit:
                break
            if x != leaf:
                d_x = d_f + w_f[x] + hop
                near.append((d_x, s.leaves[x], x))
        for d_x, _node, x in sorted(near):
            got = d_x + w_s[x] + hop
            if got < best:
                best, how, relay = got, "relay", x
    return Tree(f, d_f, best, how, edge, relay, *split(srt, on_a, d_f, best, hop))


def split(srt: Sorted, on_a: bool, d_f: float, d_s: float, hop: float) -> tuple[int, int, list]:
    """Where the branches split between the hubs, the first settled (A when `on_a`) at ordering distance d_f, the
    other at d_s: (lo, hi, runs), before sorted position lo on B's side, from hi on A's, each run of alike branches
    between as (start, end, on B's side), worked out as the search adds its figures."""
    d_a, d_b = (d_f, d_s) if on_a else (d_s, d_f)
    theta = d_a - d_b
    lo, hi = bisect_left(srt.delta, theta - TIE_MS), bisect_right(srt.delta, theta + TIE_MS)
    w_f, w_s = (srt.wa, srt.wb) if on_a else (srt.wb, srt.wa)
    runs = []
    p = lo
    while p < hi:
        end = srt.run_end[p]
        x = srt.order[p]
        runs.append((p, end, _on_b(on_a, d_f, d_s, w_f[x], w_s[x], hop)))
        p = end
    return lo, hi, runs


def _on_b(on_a: bool, d_f: float, d_s: float, w_f: float, w_s: float, hop: float) -> bool:
    """Whether a branch hangs off B: the second hub's offer strictly below the first's, as the search adds them."""
    second = (d_s + w_s + hop) < (d_f + w_f + hop)
    return second if on_a else not second


def leaf_on_b(s: Shape, srt: Sorted, t: Tree, x: int, hop: float) -> bool:
    """Whether branch x (index) hangs off B in tree `t`."""
    p = srt.pos[x]
    if p < t.lo:
        return True
    if p >= t.hi:
        return False
    on_a = t.f == s.a
    w_f, w_s = (srt.wa[x], srt.wb[x]) if on_a else (srt.wb[x], srt.wa[x])
    return _on_b(on_a, t.d_f, t.d_s, w_f, w_s, hop)


def parents(s: Shape, weights, hop: float, source: int) -> dict[int, int]:
    """Per block node other than `source`, the block edge to its parent in the tree from `source` (the tests compare
    it with the heap search's)."""
    srt = Sorted(s, weights, [0.0] * (max(s.leaves + [s.a, s.b]) + 1))
    index = {v: x for x, v in enumerate(s.leaves)}
    leaf = index.get(source)
    t = _tree(s, srt, weights, hop, source, leaf)
    second = s.b if t.f == s.a else s.a
    out: dict[int, int] = {}
    if leaf is not None:
        out[t.f] = s.to_a[leaf] if t.f == s.a else s.to_b[leaf]
    to_second = s.to_b if second == s.b else s.to_a
    out[second] = t.edge if t.how == "direct" else to_second[leaf if t.how == "own" else t.relay]
    for x, v in enumerate(s.leaves):
        if x != leaf:
            out[v] = s.to_b[x] if leaf_on_b(s, srt, t, x, hop) else s.to_a[x]
    return out


def loads(s: Shape, weights, n_edges: int, dest_u: list[float], sources: list[tuple[int, float, dict | None]],
          local: dict[int, int], hop: float) -> tuple[list[float], list[float]] | None:
    """(Erlangs, signalling kbps) per block edge from every source's gravity calls and point flows. `sources`:
    (block node, rate per user received, point flows {destination (graph node): [E, kbps]} or None); `dest_u`:
    users each block node receives calls for. None where branches tie with too many others (EXACT_RUNS): the
    caller searches the trees."""
    srt = Sorted(s, weights, dest_u)
    n_leaves = len(s.leaves)
    index = {v: x for x, v in enumerate(s.leaves)}
    erl, sig = [0.0] * n_edges, [0.0] * n_edges
    # per sorted position: the rates of the sources putting the branch there on A's side, on B's; and how many
    rate_a, rate_b = [0.0] * (n_leaves + 1), [0.0] * (n_leaves + 1)
    count_a, count_b = [0] * (n_leaves + 1), [0] * (n_leaves + 1)
    acc = (rate_a, count_a, rate_b, count_b)
    budget = EXACT_RUNS
    relaying = set(srt.relays)
    shared: dict[tuple[float, float], Tree] = {}  # branch sources by their two round-trip times
    for node, rate, rows in sources:
        leaf = index.get(node)
        if leaf is None or leaf in relaying:
            t = _tree(s, srt, weights, hop, node, leaf)
            budget -= len(t.runs)
        else:
            t = shared.get(key := (srt.wa[leaf], srt.wb[leaf]))
            if t is None:
                t = shared[key] = _tree(s, srt, weights, hop, node, leaf)
                budget -= len(t.runs)
        if budget < 0:
            return None
        on_a = t.f == s.a
        second = s.b if on_a else s.a
        # the edges that reach the second hub: the source's own link, or from the first hub on
        first_edge = -1 if leaf is None else (s.to_a[leaf] if on_a else s.to_b[leaf])
        if t.how == "relay":
            beyond = [s.to_a[t.relay], s.to_b[t.relay]] if on_a else [s.to_b[t.relay], s.to_a[t.relay]]
        elif t.how == "own":
            beyond = [s.to_b[leaf] if on_a else s.to_a[leaf]]
        else:
            beyond = [t.edge]
        to_second = beyond if leaf is None or t.how == "own" else [first_edge, *beyond]
        if rate != 0.0:
            # the branches on each side (the source taken out) and their users, each a sum of its own parts
            n_a, u_a, n_b, u_b = side_users(srt, t)
            add_sides(srt, t, acc, rate)
            if leaf is not None:  # the source's own position: its calls to itself load nothing
                u_a, u_b = left_out(s, srt, t, acc, leaf, (n_a, u_a, n_b, u_b), rate, dest_u, hop)
            side_f, side_s = (u_a, u_b) if on_a else (u_b, u_a)
            below_second = dest_u[second] + side_s  # the second hub and the branches off it
            for e in beyond:
                erl[e] += rate * below_second
            if leaf is not None:  # the source's link to the first hub carries the rest too
                below_first = dest_u[t.f] + side_f + (0.0 if t.how == "own" else below_second)
                erl[first_edge] += rate * below_first
        if rows:
            for dst, (e_erl, e_sig) in rows.items():
                target = local[dst]
                if target == node:
                    continue
                if target == t.f:
                    path = [first_edge]
                elif target == second:
                    path = to_second
                else:
                    x = index[target]
                    if leaf_on_b(s, srt, t, x, hop) == on_a:  # off the second hub
                        path = [*to_second, s.to_b[x] if on_a else s.to_a[x]]
                    else:
                        path = [s.to_a[x] if on_a else s.to_b[x]] if leaf is None else [
                            first_edge, s.to_a[x] if on_a else s.to_b[x]]
                for e in path:
                    erl[e] += e_erl
                    sig[e] += e_sig
    fold_onto(erl, rate_a, count_a, srt, s.to_a, dest_u, s.leaves)
    fold_onto(erl, rate_b, count_b, srt, s.to_b, dest_u, s.leaves)
    return erl, sig


def side_users(srt: Sorted, t: Tree) -> tuple[int, float, int, float]:
    """(branches, their users) on A's side and on B's in split `t`, each users figure a sum of its own parts (exactly
    0 where there are none)."""
    users, n = srt.users, len(srt.order)
    n_b, u_b = t.lo, users[t.lo]
    n_a, u_a = n - t.hi, users[n] - users[t.hi]
    for start, end, b_side in t.runs:
        if b_side:
            n_b, u_b = n_b + end - start, u_b + (users[end] - users[start])
        else:
            n_a, u_a = n_a + end - start, u_a + (users[end] - users[start])
    return n_a, u_a, n_b, u_b


def add_sides(srt: Sorted, t: Tree, acc, rate: float, many: int = 1) -> None:
    """Add `rate` (of `many` sources) to each branch's side in split `t`; `acc`: (rates, counts) on A's side, then
    on B's, per sorted position."""
    rate_a, count_a, rate_b, count_b = acc
    add_range(rate_b, count_b, 0, t.lo, rate, many)
    add_range(rate_a, count_a, t.hi, len(srt.order), rate, many)
    for start, end, b_side in t.runs:
        if b_side:
            add_range(rate_b, count_b, start, end, rate, many)
        else:
            add_range(rate_a, count_a, start, end, rate, many)


def left_out(s, srt: Sorted, t: Tree, acc, x: int, sides: tuple, rate: float, dest_u, hop: float
             ) -> tuple[float, float]:
    """The users on A's side and on B's (`sides`: `side_users`) with branch x, the source, left out, and its rate
    taken off its own place (its calls to itself load nothing); `s`: the pair (a, leaves)."""
    n_a, u_a, n_b, u_b = sides
    rate_a, count_a, rate_b, count_b = acc
    p = srt.pos[x]
    if leaf_on_b(s, srt, t, x, hop):
        n_b -= 1
        u_b = u_b - dest_u[s.leaves[x]] if n_b else 0.0
        add_range(rate_b, count_b, p, p + 1, -rate)
    else:
        n_a -= 1
        u_a = u_a - dest_u[s.leaves[x]] if n_a else 0.0
        add_range(rate_a, count_a, p, p + 1, -rate)
    return u_a, u_b


def add_range(rates: list[float], counts: list[int], start: int, end: int, rate: float, many: int = 1) -> None:
    """Add `rate` (of `many` sources; a negative rate takes one off) over sorted positions start .. end - 1."""
    if start < end:
        rates[start] += rate
        rates[end] -= rate
        step = many if rate > 0.0 else -many
        counts[start] += step
        counts[end] -= step


def fold_onto(erl: list[float], rates: list[float], counts: list[int], srt: Sorted, edges: list[int],
          dest_u: list[float], leaves: list[int]) -> None:
    """Each branch's link to one hub: its users × the rates of the sources whose trees hang it there (exactly 0
    where none do: the running sum's rounding is not a load)."""
    total, many = 0.0, 0
    for p, x in enumerate(srt.order):
        total += rates[p]
        many += counts[p]
        if many:
            erl[edges[x]] += total * dest_u[leaves[x]]
