"""A large meshed block of a few core nodes (regional hubs, data centres, clouds, meshed among themselves in any way)
and many branches each leased to two of them: every source's calls summed at once, not one tree per source.

The two-hub case is `advisor.routing_twohub` (its closed form, without a search per source, is faster: a 10,000-site
dual-hub design 0.3 s sooner); this is its generalisation to a core of up to CORE_MAX nodes. A branch
never carries a path between two other nodes except as a relay between its two core nodes, and of the branches on
one pair only those whose two round-trip times sum to the least can relay (`routing_twohub.Sorted.relays`; a branch
whose sum is larger offers less than they do, whether they settle before the farther core node or not). So each
source's tree over the core is the heap search's own over a small graph: the core nodes, those relay candidates and
the source (`routing_trees.heap_search`, node numbers kept in order for its ties). Every other branch then hangs off
one of its two core nodes, by the same test as between two hubs (`routing_twohub.split`, a binary search per pair of
core nodes over the branches sorted once). Each link carries its users × the rates of the sources hanging it there
(difference arrays per pair), and each core link, relay and own link of a source the users beyond it in that source's
core tree. Branch sources with the same pair and round-trip times that are no relay candidates share their search and
splits. The figures are the per-source trees' within floating-point rounding, and exactly 0 where no tree loads a
link (tests/core/test_routing_homed.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor import routing_twohub as two
from advisor.routing_trees import heap_search

MIN_NODES = two.MIN_NODES
CORE_MAX = 64  # a larger core: its small searches would cost as much as the trees they replace
EXACT_RUNS = two.EXACT_RUNS
SPLITS_MAX = 2_000_000  # searches × (pairs + small-graph nodes): ~3 s interpreted, more than the compiled trees
# A source's work here (its small graph searched, a split per pair of core nodes: some 2·pairs + core steps,
# interpreted, ~1.3 µs each) must stay within 1/WORK_SHARE of the block's nodes, which one compiled tree per source
# visits instead, unless all of it is within WORK_FLOOR steps (about what loading the compiled loops costs, once per
# process). 1,000 sites on two of 50 clouds took 1.7 s here against 0.07 s by the trees; 10,000 sites on two of 16
# clouds (120 pairs) take 0.78 s here against 0.9 s (and 21 s interpreted), and 1,000 on two of 12 clouds 0.20 s
# against 0.01 s plus the loading: both stay
WORK_SHARE = 32
WORK_FLOOR = 250_000


@dataclass
class Group:
    """The branches on one pair of core nodes a < b (block nodes), as `routing_twohub.Shape` lays them out."""

    a: int
    b: int
    leaves: list[int]
    to_a: list[int]
    to_b: list[int]


@dataclass
class Homed:
    core: list[int]  # block nodes, in order
    groups: list[Group]
    where: dict[int, tuple[int, int]]  # branch (block node) -> (its group, its index there)


def shape(block_adj: list[tuple[tuple[int, int], ...]]) -> Homed | None:
    """The block as a core of at most CORE_MAX nodes and branches each with one link to each of two core nodes
    (nodes of two links to two different nodes of three links or more), or None."""
    sizes = [len(row) for row in block_adj]
    core: list[int] = []
    leaf = []
    size_of = sizes.__getitem__
    for v, (size, row) in enumerate(zip(sizes, block_adj, strict=True)):
        is_leaf = size == 2 and is_branch(row[0][0], row[1][0], size_of)
        leaf.append(is_leaf)
        if not is_leaf:
            core.append(v)
            if len(core) > CORE_MAX:
                return None  # (told as soon as seen: searches over other graphs ask too)
    if len(core) < 2 or len(core) == len(block_adj):
        return None
    by_pair: dict[tuple[int, int], Group] = {}
    where: dict[int, tuple[int, int]] = {}
    index: dict[tuple[int, int], int] = {}
    for v, row in enumerate(block_adj):
        if not leaf[v]:
            continue
        (u, e), (w, f) = row
        if u > w:
            (u, e), (w, f) = (w, f), (u, e)
        g = by_pair.get((u, w))
        if g is None:
            g = by_pair[u, w] = Group(u, w, [], [], [])
            index[u, w] = len(index)
        where[v] = (index[u, w], len(g.leaves))
        g.leaves.append(v)
        g.to_a.append(e)
        g.to_b.append(f)
    return Homed(core, list(by_pair.values()), where)


def worth(h: Homed, n_nodes: int, n_sources: int) -> bool:
    """Whether summing `n_sources` sources' calls over a block of `n_nodes` nodes of this shape costs less than one
    tree per source: a source's work here (some 2·pairs + core steps) within 1/WORK_SHARE of the block's nodes, or
    all of it within WORK_FLOOR steps."""
    per_source = 2 * len(h.groups) + len(h.core)
    return per_source * WORK_SHARE <= n_nodes or per_source * n_sources <= WORK_FLOOR


def is_branch(u: int, w: int, size_of) -> bool:
    """Whether a node of two links, to u and w, is a branch: two different nodes of three links or more each
    (`size_of`: a node's number of links in the block)."""
    return u != w and size_of(u) >= 3 and size_of(w) >= 3


class _Small:
    """The small graph each source's core tree is searched on: the core nodes and each pair's relay candidates
    (block nodes in order, so the search's ties fall as in the block), and a last slot for a branch source that is
    neither."""

    def __init__(self, h: Homed, sorts: list[two.Sorted], block_adj):
        nodes = set(h.core)
        for g, srt in zip(h.groups, sorts, strict=True):
            nodes.update(g.leaves[x] for x in _candidates(srt))
        self.nodes = sorted(nodes)
        self.index = {v: i for i, v in enumerate(self.nodes)}
        self.adj: list[tuple] = [tuple((self.index[w], e) for w, e in block_adj[v] if w in self.index)
                                 for v in self.nodes]
        self.adj.append(())  # the slot
        self.slot = len(self.nodes)


def _candidates(srt: two.Sorted) -> list[int]:
    """A pair's relay candidates (branch indexes): those whose two times sum to within rounding of the second
    least (so one stands in for any source among them)."""
    relays = srt.relays
    if not relays:
        return []
    wa, wb = srt.wa, srt.wb
    limit = wa[relays[min(1, len(relays) - 1)]] + wb[relays[min(1, len(relays) - 1)]] + 4 * two.TIE_MS
    out = []
    for x in relays:
        if wa[x] + wb[x] > limit:
            break
        out.append(x)
    return out


@dataclass
class _Search:
    """One source's core tree: the small graph's settle order, parent edge and parent (small-graph node) per
    node, and per group its split (`routing_twohub.Tree`)."""

    order: list[int]
    parent: list[int]
    up: list[int]
    splits: list[two.Tree]
    sides: list | None = None  # per group (branches, users) on A's side and on B's (`routing_twohub.side_users`)
    sub: list | None = None  # per small-graph node, the users it receives calls for with its branches
    acc: list | None = None  # [rates, sources] of the sources that share this search (ranges added once for all)
    steps: list | None = None  # (node, parent edge, parent) child to parent, leaving out relays that carry nothing


def _search(h: Homed, small: _Small, sorts, weights, ends, block_adj, hop: float, source: int,
            origin: float = 0.0) -> _Search:
    at = small.index.get(source)
    if at is None:  # a branch source outside the small graph takes its last slot
        at = small.slot
        small.adj[at] = tuple((small.index[w], e) for w, e in block_adj[source])
    order, _exact, parent, best = heap_search(small.adj, weights, at, origin)
    nodes = small.nodes
    up = [-1] * len(parent)
    for v, k in enumerate(parent):
        if k >= 0:
            a, b = ends[k]
            other = b if a == (source if v == at else nodes[v]) else a
            up[v] = at if other == source else small.index[other]
    splits = []
    for g, srt in zip(h.groups, sorts, strict=True):
        ia, ib = small.index[g.a], small.index[g.b]
        on_a = (best[ia], ia) < (best[ib], ib)
        d_f, d_s = (best[ia], best[ib]) if on_a else (best[ib], best[ia])
        splits.append(two.Tree(g.a if on_a else g.b, d_f, d_s, "", -1, -1, *two.split(srt, on_a, d_f, d_s, hop)))
    return _Search(order, parent, up, splits)


def parents(h: Homed, weights, ends, block_adj, hop: float, source: int) -> dict[int, int]:
    """Per block node other than `source`, the block edge to its parent in the tree from `source` (the tests compare
    it with the heap search's)."""
    sorts = [two.Sorted(g, weights, [0.0] * len(block_adj)) for g in h.groups]
    small = _Small(h, sorts, block_adj)
    s = _search(h, small, sorts, weights, ends, block_adj, hop, source)
    out = {(source if v == small.slot else small.nodes[v]): k for v, k in enumerate(s.parent) if k >= 0}
    for g, srt, t in zip(h.groups, sorts, s.splits, strict=True):
        for x, v in enumerate(g.leaves):
            if v != source and v not in small.index:
                out[v] = g.to_b[x] if two.leaf_on_b(g, srt, t, x, hop) else g.to_a[x]
    return out


def loads(h: Homed, weights, ends, block_adj, n_edges: int, dest_u: list[float],
          sources: list[tuple[int, float, dict | None, float]], local: dict[int, int],
          hop: float) -> tuple[list[float], list[float]] | None:
    """(Erlangs, signalling kbps) per block edge, as `routing_twohub.loads` gives them, `sources` each with the
    distance its search starts at (callers beyond an entry node reach it at their own distance); None where the
    searches and splits would cost more than SPLITS_MAX or the trees (`worth`: many pairs of core nodes) or the
    ties EXACT_RUNS."""
    if not worth(h, len(block_adj), len(sources)):
        return None  # many pairs of core nodes: one tree per source does better
    groups = h.groups
    sorts = [two.Sorted(g, weights, dest_u) for g in groups]
    small = _Small(h, sorts, block_adj)
    keys = [_key(h, small, sorts, node, origin) for node, _rate, _rows, origin in sources]
    if len(set(keys)) * (len(groups) + len(small.nodes)) > SPLITS_MAX:
        return None
    erl, sig = [0.0] * n_edges, [0.0] * n_edges
    sides = [([0.0] * (len(g.leaves) + 1), [0] * (len(g.leaves) + 1), [0.0] * (len(g.leaves) + 1),
              [0] * (len(g.leaves) + 1)) for g in groups]  # rates and counts on A's side, on B's
    own = [0.0] * (small.slot + 1)  # the users each small-graph node receives calls for, beyond its branches
    for v, i in small.index.items():
        if v not in h.where:
            own[i] = dest_u[v]
    touching: dict[int, list[int]] = {}  # small-graph node -> the groups on it
    for gi, g in enumerate(groups):
        touching.setdefault(small.index[g.a], []).append(gi)
        touching.setdefault(small.index[g.b], []).append(gi)
    budget = EXACT_RUNS
    shared: dict[tuple, tuple[_Search, int]] = {}
    searches: list[_Search] = []  # those that carried calls, each once
    for (node, rate, rows, origin), key in zip(sources, keys, strict=True):
        spot = h.where.get(node)
        s = relabel = None
        if key[0] != "own":
            got = shared.get(key)
            if got is not None:  # the first such source's search: its own links stand for this one's
                s, relabel = got[0], (_row_edges(h, got[1]), _row_edges(h, node))
        if s is None:
            s = _search(h, small, sorts, weights, ends, block_adj, hop, node, origin)
            budget -= sum(len(t.runs) for t in s.splits)
            if budget < 0:
                return None
            s.sides = [two.side_users(srt, t) for srt, t in zip(sorts, s.splits, strict=True)]
            s.sub = list(own)
            for g, (_n_a, u_a, _n_b, u_b) in zip(groups, s.sides, strict=True):
                s.sub[small.index[g.a]] += u_a
                s.sub[small.index[g.b]] += u_b
            s.acc = [0.0, 0]
            children = [0] * len(s.up)
            for u in s.up:
                if u >= 0:
                    children[u] += 1
            s.steps = [(v, s.parent[v], s.up[v]) for v in reversed(s.order) if s.parent[v] >= 0 and (
                children[v] or v == small.slot or small.nodes[v] not in h.where)]
            searches.append(s)
            if key[0] != "own":
                shared[key] = (s, node)
        root = small.index.get(node, small.slot)
        if rate != 0.0:
            s.acc[0] += rate
            s.acc[1] += 1
            # (a copy: summed up the tree below), the source left out of its own pair's side
            sub = list(s.sub) if spot is None else _left_out(s, spot, groups, sorts, small, touching, own, sides,
                                                              rate, dest_u, hop)
            for v, k, u in s.steps:
                if u == root and relabel is not None:
                    k = relabel[1][relabel[0].index(k)]
                erl[k] += rate * sub[v]
                sub[u] += sub[v]
        if rows:
            for dst, (e_erl, e_sig) in rows.items():
                target = local[dst]
                if target == node:
                    continue
                path = []
                v = small.index.get(target)
                if v is None:
                    gi, x = h.where[target]
                    g = groups[gi]
                    on_b = two.leaf_on_b(g, sorts[gi], s.splits[gi], x, hop)
                    path.append(g.to_b[x] if on_b else g.to_a[x])
                    v = small.index[g.b if on_b else g.a]
                while v != root:
                    k = s.parent[v]
                    if s.up[v] == root and relabel is not None:
                        k = relabel[1][relabel[0].index(k)]
                    path.append(k)
                    v = s.up[v]
                for e in path:
                    erl[e] += e_erl
                    sig[e] += e_sig
    for s in searches:  # each search's ranges, once for all the sources that share it
        rate, many = s.acc
        for srt, t, acc in zip(sorts, s.splits, sides, strict=True):
            two.add_sides(srt, t, acc, rate, many)
    for g, srt, (rate_a, count_a, rate_b, count_b) in zip(groups, sorts, sides, strict=True):
        two.fold_onto(erl, rate_a, count_a, srt, g.to_a, dest_u, g.leaves)
        two.fold_onto(erl, rate_b, count_b, srt, g.to_b, dest_u, g.leaves)
    return erl, sig


def _key(h: Homed, small: _Small, sorts: list[two.Sorted], node: int, origin: float) -> tuple:
    """What a source's search depends on, with the distance it starts at: the node itself for a core node or relay
    candidate ('own'); for any other branch, its pair and its two round-trip times (its own links standing for the
    first such source's)."""
    spot = h.where.get(node)
    if spot is None or node in small.index:
        return ("own", node, origin)
    g, x = spot
    return (g, sorts[g].wa[x], sorts[g].wb[x], origin)


def _row_edges(h: Homed, v: int) -> tuple[int, int]:
    g, x = h.where[v]
    return h.groups[g].to_a[x], h.groups[g].to_b[x]


def _left_out(s: _Search, spot, groups, sorts, small: _Small, touching, own, sides, rate: float, dest_u,
              hop: float) -> list[float]:
    """`s.sub` with branch source `spot` (group, index) left out of its pair's side, and its rate taken off its own
    place there; the two core nodes' figures summed afresh from their parts."""
    gi, x = spot
    g = groups[gi]
    u_a, u_b = two.left_out(g, sorts[gi], s.splits[gi], sides[gi], x, s.sides[gi], rate, dest_u, hop)
    sub = list(s.sub)
    for hub in (small.index[g.a], small.index[g.b]):
        total = own[hub]
        for other in touching[hub]:
            if other == gi:
                total += u_a if hub == small.index[g.a] else u_b
            else:
                side = s.sides[other]
                total += side[1] if hub == small.index[groups[other].a] else side[3]
        sub[hub] = total
    return sub
