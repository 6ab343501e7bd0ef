"""A large meshed block that is one plain ring: every source's calls summed onto the ring's links at once, in time
linear in the ring (n log n where the round-trip times differ), not one tree per source.

`routing_blocks._route_block` routes a block by one lowest-RTT tree per sending node: n trees of n nodes, a
10,000-site ring's 10⁸ steps (about a second with the compiled loops, more without). On a ring whose links weigh the
same, each source's tree is known without a search: the nodes up to half-way round in one direction, the rest the
other way, and with an even count the node opposite the source reached from its lower-numbered neighbour (the
search settles level by level, each level by node number, and takes a node's first neighbour on the level before:
`routing_levels.level_parents`). So a link carries, from each source whose half-way arc covers it, that source's
calls to the nodes beyond the link on that arc:

    load(link) = Σ over sources s covering it, in each direction, of  rate(s) × (U(end of s's arc) − U(link))

with U the running sum of the users each node receives calls for (`dest_u`) round the ring (twice round, so that an
arc never wraps). Both terms are sums over a range of consecutive sources: difference arrays make each a running
sum. Point flows (signalling to call processing, PSTN hauled to a gateway) each add their figure to the links of
one arc, by the same difference arrays. Where the round-trip times differ, each source's arcs end where its two ways
round cross (`varied_reach`: a binary search on running sums, the search's own additions where they tie), and a
ring whose sources beyond it enter at its nodes keeps its trees (each starts at its own distance).

The figures are the per-source trees' within floating-point rounding (the sums are regrouped, not the same
additions in the same order), so a figure that falls on a half of its last printed digit (44.935 kbps of signalling)
may print one unit apart from the trees' (44.94 against 44.93): tests/core/test_routing_ring.py compares the two on
rings of every parity, with nodes numbered in any order round the ring, point flows, idle sources, and branches and
a cloud beyond the ring. The other meshed blocks keep their trees.
"""

from __future__ import annotations

from itertools import accumulate

MIN_NODES = 200  # smaller rings: their trees cost little, and stay bit for bit the search's


def cycle(block_adj: list[tuple[tuple[int, int], ...]]) -> tuple[list[int], list[int]] | None:
    """(the block's nodes in order round the ring from node 0 towards its lower-numbered neighbour, the block edge
    from each to the next), when the block is one plain ring of at least three nodes (every node two links, to two
    different nodes); else None."""
    n = len(block_adj)
    if n < 3 or any(len(row) != 2 or row[0][0] == row[1][0] for row in block_adj):
        return None
    order, edges = [0], []
    prev_edge = -1
    node = 0
    for _ in range(n):
        a, b = block_adj[node]
        nxt, k = (a if a[1] != prev_edge else b) if prev_edge >= 0 else min(a, b)
        edges.append(k)
        if nxt == 0:
            break
        order.append(nxt)
        node, prev_edge = nxt, k
    if len(order) != n or len(edges) != n:
        return None  # (cannot happen in a block whose every node has two links: it is one cycle)
    return order, edges


def equal_reach(order: list[int]) -> list[int]:
    """Per position round a ring of equal round-trip times, how many nodes the tree from the node there reaches
    clockwise: half-way round, and on an even ring the opposite node too when its clockwise neighbour has the lower
    number (the level walk takes a node's lowest-numbered neighbour on the level before)."""
    n = len(order)
    half = (n - 1) // 2
    if n % 2:
        return [half] * n
    return [half + (order[(p + n // 2 - 1) % n] < order[(p + n // 2 + 1) % n]) for p in range(n)]


def ring_loads(order: list[int], ring_edges: list[int], dest_u: list[float],
               sources: list[tuple[int, float, dict | None]], local: dict[int, int],
               reach: list[int]) -> tuple[list[float], list[float]]:
    """(Erlangs, signalling kbps) per position round the ring (the link from order[p] to order[p + 1]), from every
    source's gravity calls and point flows. `sources`: (block node, rate per user received, point flows
    {destination (graph node): [E, kbps]} or None); `dest_u`: users each block node receives calls for; `reach`:
    per position, how many nodes the source there reaches clockwise (`equal_reach`, `varied_reach`); the rest of
    the ring it reaches the other way."""
    n = len(order)
    pos = [0] * n
    for p, node in enumerate(order):
        pos[node] = p
    users = [dest_u[node] for node in order]
    # U[x]: the users at positions before x, twice round (x up to 2n); the same read backwards round the ring
    running = [0.0, *accumulate(users + users)]
    back_users = users[::-1]
    back_running = [0.0, *accumulate(back_users + back_users)]
    # per position in each direction, twice round: the A (rate × U at the arc's end, and constant flows) and B
    # (rate) that start there and end, as difference arrays; the same for signalling
    cw_a, cw_b = [0.0] * (2 * n + 1), [0.0] * (2 * n + 1)
    ccw_a, ccw_b = [0.0] * (2 * n + 1), [0.0] * (2 * n + 1)
    cw_sig, ccw_sig = [0.0] * (2 * n + 1), [0.0] * (2 * n + 1)
    for node, rate, rows in sources:
        p = pos[node]
        cw = reach[p]  # how far each way the source's tree reaches
        ccw = n - 1 - cw
        if rate != 0.0:
            # clockwise: links p .. p + cw - 1 carry rate × (U[p + cw + 1] - U[link + 1])
            end = rate * running[p + cw + 1]
            cw_a[p] += end
            cw_a[p + cw] -= end
            cw_b[p] += rate
            cw_b[p + cw] -= rate
            # anticlockwise, on the ring read backwards (position q' = n - 1 - q)
            r = n - 1 - p
            end = rate * back_running[r + ccw + 1]
            ccw_a[r] += end
            ccw_a[r + ccw] -= end
            ccw_b[r] += rate
            ccw_b[r + ccw] -= rate
        if rows:
            for dst, (erl, sig) in rows.items():
                d = (pos[local[dst]] - p) % n
                if d == 0:
                    continue
                if d <= cw:  # links p .. p + d - 1
                    _span(cw_a, cw_sig, p, d, erl, sig)
                else:  # anticlockwise: n - d links back, positions r .. r + n - d - 1 read backwards
                    _span(ccw_a, ccw_sig, n - 1 - p, n - d, erl, sig)
    erl_cw = _fold(cw_a, cw_b, running, n)
    erl_ccw = _fold(ccw_a, ccw_b, back_running, n)
    sig_cw, sig_ccw = _fold_plain(cw_sig, n), _fold_plain(ccw_sig, n)
    # backwards position q' runs over the link between order[n-1-q'] and order[n-2-q'], i.e. forward link n-2-q'
    erl, sig = [0.0] * n, [0.0] * n
    for q in range(n):
        back = (n - 2 - q) % n
        erl[q] = erl_cw[q] + erl_ccw[back]
        sig[q] = sig_cw[q] + sig_ccw[back]
    return erl, sig


def _span(a: list[float], sig: list[float], start: int, length: int, erl: float, kbps: float) -> None:
    a[start] += erl
    a[start + length] -= erl
    if kbps:
        sig[start] += kbps
        sig[start + length] -= kbps


def _fold(a: list[float], b: list[float], running: list[float], n: int) -> list[float]:
    """Per link of the ring: Σ A − Σ B × U[link + 1] over the arcs covering it, twice round folded onto once."""
    out = [0.0] * n
    sum_a = sum_b = 0.0
    for x in range(2 * n):
        sum_a += a[x]
        sum_b += b[x]
        if sum_a or sum_b:
            out[x % n] += sum_a - sum_b * running[x + 1]
    return out


def _fold_plain(a: list[float], n: int) -> list[float]:
    out = [0.0] * n
    total = 0.0
    for x in range(2 * n):
        total += a[x]
        if total:
            out[x % n] += total
    return out


TIE_MS = 1e-7  # below the per-hop cost (1e-6 ms): two ways round this close are worked out as the search adds them
EXACT_STEPS = 500_000  # the most link-by-link steps spent on such ties (then the trees are searched instead)


def varied_reach(order: list[int], weights: list[float], hop: float) -> list[int] | None:
    """Per position round the ring, how many nodes the lowest-RTT tree from the node there reaches clockwise
    (`weights`: per position, the round-trip time of the link to the next position). The search orders by the
    round-trip time plus `hop` per link, so each way's figure grows along it and the tree takes the nodes up to
    where the two ways cross clockwise, the rest the other way. Found from running sums round the ring; where the
    two ways come within TIE_MS of each other at the crossing, the search's own additions (in order from the
    source) and its tie rule (the first neighbour settled gives the parent, unless the other offers strictly less;
    neighbours settle by figure, then node number) decide, as `routing_trees.heap_search` does. Both ways tie only
    where they hold as many links of the same total (the node opposite a source, on an even ring); a ring built so
    that they tie for most sources (round-trip times alternating 20 and 40 ms) would take n steps per source: past
    EXACT_STEPS, None (the caller searches the trees)."""
    n = len(order)
    running = [0.0, *accumulate(weights + weights)]
    reach = [0] * n
    budget = EXACT_STEPS
    for p in range(n):
        base, whole = running[p], running[p + n]
        # the largest d (node d clockwise) nearer clockwise, by the running sums: true, then false, along d
        lo, hi = 0, n - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if (running[p + mid] - base) + mid * hop < (whole - running[p + mid]) + (n - mid) * hop:
                lo = mid
            else:
                hi = mid - 1
        near = False
        for d in (lo, lo + 1):
            if 1 <= d <= n - 1:
                gap = ((whole - running[p + d]) + (n - d) * hop) - ((running[p + d] - base) + d * hop)
                near |= abs(gap) < TIE_MS
        if near:
            budget -= 2 * n
            if budget < 0:
                return None
            lo = _exact_reach(order, weights, hop, p)
        reach[p] = lo
    return reach


def _exact_reach(order: list[int], weights: list[float], hop: float, p: int) -> int:
    """`varied_reach` for the source at position p, by the search's own figures: each way's ordering distance
    added link by link from the source, as the search adds it (previous + weight + hop)."""
    n = len(order)
    cw = [0.0] * n  # cw[d]: node d clockwise, reached the clockwise way
    for d in range(1, n):
        cw[d] = cw[d - 1] + weights[(p + d - 1) % n] + hop
    ccw = [0.0] * (n + 1)  # ccw[d]: node d clockwise, reached the other way (ccw[n]: the source)
    for d in range(n - 1, 0, -1):
        ccw[d] = ccw[d + 1] + weights[(p + d) % n] + hop
    number = [order[(p + d) % n] for d in range(n + 1)]
    for d in range(1, n):
        # node d's neighbours: d - 1 (clockwise way, settled with cw[d - 1]) and d + 1 (other way, ccw[d + 1])
        first_cw = (cw[d - 1], number[d - 1]) < (ccw[d + 1], number[d + 1])
        if (ccw[d] < cw[d]) if first_cw else not (cw[d] < ccw[d]):
            return d - 1  # node d goes the other way, and every node after it
    return n - 1
