"""The farthest partner of each calling site on the drawn WAN itself, when no hub or single cloud carries every
path (`delay_paths.farthest_partners`): two sweeps on tree-shaped WANs (exact), one tree per calling site on meshes
up to `EXACT_PAIRS_MAX_SITES` calling sites (exact), the sweep estimate beyond (`_sweep_estimate`: a few trees from
far-apart calling sites, chosen from the site with the smallest id on, ties to the larger id, so that the order the
sites are listed in never changes the figures). The last answer is kept while the drawing, the link weights and the
calling sites stand."""

from __future__ import annotations

import heapq
from itertools import count, repeat
from operator import add, ge, getitem, gt

from advisor.routing_alike import alike, shared_tree
from advisor.routing_trees import lowest_tree
from advisor.rules._paths import Paths

EXACT_PAIRS_MAX_SITES = 200  # meshed WANs up to this many calling sites get one tree per site (exact)
SWEEP_TREES = 6  # trees the sweep estimate searches in a large meshed part of the drawing (`_sweep_estimate`)

Worst = dict[str, tuple[float, str]]  # site -> (one-way network delay to its farthest partner, that partner)


def _first_farthest(d: list[float], terminals: list[str], nodes: list[int]) -> str:
    """The first of `terminals` (at `nodes`) with the largest distance in `d`."""
    far = list(map(d.__getitem__, nodes))
    return terminals[far.index(max(far))]


def _sweep_estimate(paths: Paths, comp_t: list[str], comp_n: list[int], start: tuple[str, list[float]],
                    worst: Worst) -> None:
    """Each terminal's farthest partner on a large meshed part of the drawing, estimated from `SWEEP_TREES` trees (a
    few searches, not one per site): from `start` (the terminal with the smallest id, with its distances), then
    from the farthest terminal, then each time from the terminal not yet searched whose distances from the searched
    ones add up to the most (a tie to the larger id): the search spreads over the far ends of the network
    ("SumSweep", Borassi et al. 2015). Each terminal gets the farthest of the searched terminals other than itself
    (the larger distance, a tie to the larger id). The start and every tie are fixed by the ids and the network, so
    listing the sites in another order gives the same figures; every figure is a real path's delay, so none exceeds
    the exact worst. On generated rings, grids, random meshes and regional cores of 300-1,500 sites the worst pair
    came out within 0.1 % of the exact one (two sweeps from the first site listed: up to 15 % short, by the order)."""
    x, dx = start
    sources, trees = [x], [dx]
    minus = float("-inf")  # a searched terminal's sum: never picked again (-inf plus a finite distance stays -inf)
    sums = list(map(dx.__getitem__, comp_n))
    sums[comp_t.index(x)] = minus
    for _ in range(min(SWEEP_TREES, len(comp_t)) - 1):
        _sum, x, at = max(zip(sums, comp_t, count()))  # the ids differ: the position never decides
        dx = paths.distances(x)[0]
        sources.append(x)
        trees.append(dx)
        sums = list(map(add, sums, map(dx.__getitem__, comp_n)))
        sums[at] = minus
    # (distance, source) per terminal and tree; a terminal's largest over the trees in one C-level pass (tuples: the
    # larger distance, a tie to the larger id); then each source's own, from the other trees
    columns = [list(zip(map(d.__getitem__, comp_n), repeat(s))) for s, d in zip(sources, trees, strict=True)]
    worst.update(zip(comp_t, map(max, *columns), strict=True))
    index = paths.index
    for s in sources:
        at = index[s]
        worst[s] = max((d[at], o) for o, d in zip(sources, trees, strict=True) if o != s)


def _exact_pairs(paths: Paths, comp_t: list[str], comp_n: list[int], worst: Worst,
                 part: _Part | None = None) -> None:
    """Each terminal's farthest other terminal (the larger distance, a tie to the larger id), one tree per terminal;
    terminals on the same nodes by the same RTTs (branches dual-homed to two data centres) share one tree, the
    search from a virtual node joined to those nodes (`routing_alike.shared_tree`): the same sums to every other
    node. `part`: the terminals' part of a drawing of several, searched alone (the same trees)."""
    if part is not None:
        adj, rtt, local = part.adj, part.rtt, part.local
        comp_n = list(map(local.__getitem__, comp_n))
    else:
        adj, rtt = paths.adj, paths.rtt
    comp = list(zip(comp_t, comp_n, strict=True))
    shared: dict[int, tuple[float, str]] = {}  # node -> its farthest, for the terminals of a shared tree
    site_at = dict(zip(comp_n, comp_t, strict=True))
    for key, members in alike(adj, rtt, comp_n, least=2, min_nodes=0):
        d = shared_tree(adj, rtt, key)[1]  # exact sums
        first, second = heapq.nlargest(2, ((d[m], o) for o, m in comp))
        for m in members:
            shared[m] = second if first[1] == site_at[m] else first
    for t, n in comp:  # in the terminals' order, as before (ties between sites are read in it)
        got = shared.get(n)
        if got is None:
            dt = paths.distances(t)[0] if part is None else part.distances(n)
            got = max((dt[m], o) for o, m in comp if o != t)
        worst[t] = got


class _Part:
    """One part of a drawing of several (islands of sites with no link between them), numbered on its own: its
    nodes in the drawing's order, each one's links in theirs, the links in theirs. A search over it is the search over
    the whole drawing restricted to it, tie for tie (ties go to the node and the link listed first), without lists
    the size of the whole drawing: 100 islands of 100 sites searched 10,000 trees of 10,000 nodes (islands of
    10,000 sites: 2.4 s, of 20,000: 5.5 s)."""

    def __init__(self, paths: Paths, nodes: list[int]) -> None:
        self.local = local = {v: i for i, v in enumerate(nodes)}
        order = sorted({k for v in nodes for _w, k in paths.adj[v]})  # its links, in the drawing's order
        links = {k: i for i, k in enumerate(order)}  # the drawing's link number -> the part's
        self.adj = [[(local[w], links[k]) for w, k in paths.adj[v]] for v in nodes]
        self.rtt = [paths.rtt[k] for k in order]
        self._alike = paths.alike  # the drawing's: the level walk or the heap, as its own search takes

    def distances(self, start: int) -> list[float]:
        return lowest_tree(self.adj, self.rtt, start, alike=self._alike)[1]


def _components(n: int, ends: list[tuple[int, int]]) -> list[int]:
    """A component label per node (its root in a union-find over the links, by size, with path compression: near
    linear): equal for nodes the drawing joins."""
    parent = list(range(n))
    size = [1] * n

    def root(x: int) -> int:
        top = x
        while parent[top] != top:
            top = parent[top]
        while parent[x] != top:
            parent[x], x = top, parent[x]
        return top

    for a, b in ends:
        a, b = root(a), root(b)
        if a != b:
            if size[a] < size[b]:
                a, b = b, a
            parent[b] = a
            size[a] += size[b]
    return [root(v) for v in range(n)]


_underlay_memo: tuple[tuple, bool, Worst] | None = None  # the last `underlay` answer, with what it came from


def forget() -> None:
    global _underlay_memo
    _underlay_memo = None


def underlay(paths: Paths, terminals: list[str], worst: Worst) -> bool:
    """Farthest partner per site on the drawn WAN. Trees: two sweeps are exact (the farthest terminal from any
    vertex is an end of the terminals' diameter). Meshes: exact with one tree per site up to a size, else the
    sweep estimate. Returns True when the result is an estimate. Distances are read by node number.

    The answer depends on the drawing, the link weights and the calling sites only, so the last one is kept: an
    edit of a site's users in a 100-site mesh searched the same hundred trees again (half of its analysis)."""
    global _underlay_memo
    key = (len(paths.ids), tuple(paths.ends), tuple(paths.rtt), tuple(terminals))
    memo = _underlay_memo  # one read: another thread may replace it meanwhile
    if memo is not None and memo[0] == key:
        worst.update(memo[2])
        return memo[1]
    found: Worst = {}
    approximate = _underlay(paths, terminals, found)
    _underlay_memo = (key, approximate, found)
    worst.update(found)
    return approximate


def _underlay(paths: Paths, terminals: list[str], worst: Worst) -> bool:
    forest = paths.is_forest()
    index = paths.index
    nodes = list(map(index.__getitem__, terminals))
    approximate = False
    # the terminals of each component of the drawing, in the terminals' order, the components in the order of their
    # first terminal: all of them when the first one's search reaches every terminal (the usual drawing), else by
    # one labelling (a search per component to find its terminals cost O(sites) each: 12 s for 20,000 sites drawn
    # with no link)
    first, reached = paths.distances(terminals[0])
    members: dict[int, list[int]] | None = None  # component label -> its nodes, in order, where there are several
    if all(map(reached.__getitem__, nodes)):
        parts = [(terminals, nodes)]
    else:
        label = _components(len(paths.ids), paths.ends)
        by_label: dict[int, tuple[list[str], list[int]]] = {}
        for t, n in zip(terminals, nodes, strict=True):
            part = by_label.get(label[n])
            if part is None:
                by_label[label[n]] = ([t], [n])
            else:
                part[0].append(t)
                part[1].append(n)
        parts = list(by_label.values())
        if not forest:
            members = {}
            for v, x in enumerate(label):
                members.setdefault(x, []).append(v)
    for comp_t, comp_n in parts:
        if len(comp_t) < 2:
            continue
        if not forest and len(comp_t) <= EXACT_PAIRS_MAX_SITES:
            _exact_pairs(paths, comp_t, comp_n, worst,
                         _Part(paths, members[label[comp_n[0]]]) if members is not None else None)
            continue
        if not forest:  # the sweep estimate, from the terminal with the smallest id
            approximate = True
            s0 = min(comp_t)
            _sweep_estimate(paths, comp_t, comp_n, (s0, first if s0 == terminals[0] else paths.distances(s0)[0]),
                            worst)
            continue
        t0 = comp_t[0]  # a tree: the sweeps are exact from any start
        d0 = first if t0 == terminals[0] else paths.distances(t0)[0]
        a = _first_farthest(d0, comp_t, comp_n)
        da, _reached = paths.distances(a)
        b = _first_farthest(da, comp_t, comp_n)
        db, _reached = paths.distances(b)
        # max((da[n], a), (db[n], b)) for each terminal, written out: the larger distance, a tie to the larger id
        # (distances are sums of finite weights, never NaN); then a's and b's own: each other's distance
        # in C-level passes: x >= y is x > y or x == y (never NaN); the pair is picked by that flag as an index
        xs, ys = list(map(da.__getitem__, comp_n)), list(map(db.__getitem__, comp_n))
        # (each site's picked distance, its partner): one new pair per site (the pairs picked from are reused)
        picks = list(map(ge if a >= b else gt, xs, ys))
        picked = map(getitem, zip(ys, xs, strict=True), picks)
        worst.update(zip(comp_t, zip(picked, map((b, a).__getitem__, picks), strict=True), strict=True))
        worst[a] = (db[index[a]], b)
        if b != a:
            worst[b] = (da[index[b]], a)
    return approximate
