"""The lowest-RTT tree of a graph where most nodes hang off hubs: the hubs searched with a heap, the rest by arrays.

Branches leased to two data centres, or to two regional hubs, make a graph of thousands of nodes whose every link
ends at one of a few hubs. The one search of the tool (`routing_trees.lowest_tree`) pushes and pops each of them on
its heap (a 10,000-site graph: ~16 ms a tree interpreted, and a design asks for a dozen such trees). Yet such a node
(here a *fringe* node: at most `MAX_DEGREE` links, each to a node of more links, so no two fringe nodes are
neighbours) only ever receives offers: each hub, when it settles, offers it its distance + the link's weight + the
per-hop 1e-6 ms, and the node keeps the first strict improvement, so its parent is the hub that offers the least,
among equal offers the hub settled first.

So the search runs its heap over the hubs and the other nodes (the *core*) alone, and then, for every fringe node at
once (numpy), takes each hub's offer by the same additions, the least with ties to the hub settled first, its exact
sum by the same addition, and puts the nodes in the search's settle order: by ordering distance, then node number
(the heap's (distance, node) pops, since every hop adds a positive amount). It holds if no fringe node, once
settled, would have offered a hub less than (or as much as) the hub's distance: then it relays nothing and the core
search was the whole search's. That is checked, slot by slot, together with every hop adding a positive amount; where
it fails the caller runs the whole search. The four lists are then the search's own, bit for bit
(tests/core/test_routing_fringe.py compares them on random graphs rich in ties).
"""

from __future__ import annotations

import sys
from itertools import chain, compress
from operator import itemgetter

HOP_MS = 1e-6  # routing_trees.HOP_MS (imported there from here would be circular: the same constant)
MAX_DEGREE = 4  # a fringe node's most links; each of its neighbours has more
MIN_NODES = 1000  # smaller graphs: the heap search is as fast
MIN_SHARE = 0.5  # fringe nodes at least this share of the graph's nodes
# numpy's import (~80 ms) is paid for by the searches that need it: ~1.2 µs saved per node and tree
IMPORT_NODE_TREES = 70_000

_held: tuple | None = None  # (the adjacency lists, their Shape or None): the last graph asked, held by identity
# (adjacency lists, weights, failed checks in a row): where fringe nodes relay between hubs (sites on one cloud, some
# with backup leased lines), the check fails whatever the start; past FAILS_MAX in a row the heap runs at once
_failing: list = [None, None, 0]
FAILS_MAX = 2


class Shape:
    """A graph's fringe nodes, their links (slots) as arrays, and the core's adjacency (core neighbours only)."""

    __slots__ = ("n", "is_fringe", "core_adj", "slot_f", "slot_h", "slot_k")

    def __init__(self, n: int, is_fringe: list[bool], core_adj: list, slots: tuple) -> None:
        self.n = n
        self.is_fringe = is_fringe
        self.core_adj = core_adj
        self.slot_f, self.slot_h, self.slot_k = slots

    def joined(self, key: tuple[tuple[int, float], ...], k0: int) -> Shape | None:
        """The shape of the graph with a virtual node joined to the nodes of `key` by the edges numbered from `k0`
        (`routing_alike.shared_tree`), or None when one of those nodes is a fringe node."""
        if any(self.is_fringe[w] for w, _wt in key):
            return None
        n = self.n
        core_adj = [*self.core_adj, tuple((w, k0 + j) for j, (w, _wt) in enumerate(key))]
        for j, (w, _wt) in enumerate(key):
            core_adj[w] = (*core_adj[w], (n, k0 + j))
        return Shape(n + 1, [*self.is_fringe, False], core_adj, (self.slot_f, self.slot_h, self.slot_k))


def forget() -> None:
    """Drop the last graph's shape and its failed checks (`routing_graph.forget`)."""
    global _held
    _held = None
    _failing[:] = None, None, 0


def shape_of(adj) -> Shape | None:
    """The fringe shape of `adj`, or None where the fringe is too small to be worth it (kept for the last lists
    asked, by identity)."""
    global _held
    held = _held
    if held is not None and held[0] is adj:
        return held[1]
    shape = _classify(adj)
    _held = (adj, shape)
    return shape


def _classify(adj) -> Shape | None:
    n = len(adj)
    if n < MIN_NODES:
        return None
    import numpy as np

    degree = np.fromiter(map(len, adj), dtype=np.int64, count=n)
    small = degree <= MAX_DEGREE
    if int(np.count_nonzero(small)) < MIN_SHARE * n:
        return None
    slots = int(degree.sum())
    flat = np.fromiter(chain.from_iterable(chain.from_iterable(adj)), dtype=np.int64, count=2 * slots)
    neighbour, edge = flat[0::2], flat[1::2]
    owner = np.repeat(np.arange(n, dtype=np.int64), degree)
    # a fringe node: 1 to MAX_DEGREE links, each to a hub (more links), each hub once (a hub relaxes parallel links
    # in its own list's order, not the node's)
    fringe = small & (degree > 0)
    fringe &= np.bincount(owner, weights=small[neighbour], minlength=n) == 0
    by = np.lexsort((neighbour, owner))
    twice = (owner[by][1:] == owner[by][:-1]) & (neighbour[by][1:] == neighbour[by][:-1])
    fringe[owner[by][1:][twice]] = False
    if int(np.count_nonzero(fringe)) < MIN_SHARE * n:
        return None
    mask = fringe[owner]
    is_fringe = fringe.tolist()
    keep = (~fringe).tolist()
    core_adj = [() if f else tuple(compress(row, map(keep.__getitem__, map(_FIRST, row))))
                for f, row in zip(is_fringe, adj, strict=True)]
    return Shape(n, is_fringe, core_adj, (owner[mask], neighbour[mask], edge[mask]))


_FIRST = itemgetter(0)


def worth(nodes: int, trees: int) -> bool:
    """Whether `trees` searches of `nodes` nodes pay for numpy's import, or it is imported already."""
    return "numpy" in sys.modules or nodes * trees >= IMPORT_NODE_TREES


class Found:
    """A tree made this way: the search's four arrays, and how it was made: the core's settle order and parent edges
    (lists), the fringe nodes reached, the hub each hangs off and its link (arrays)."""

    __slots__ = ("order", "exact", "parent", "best", "core_order", "core_parent", "leaves", "leaf_hub", "leaf_edge")

    def __init__(self, *values) -> None:
        for name, value in zip(self.__slots__, values, strict=True):
            setattr(self, name, value)

    def lists(self) -> tuple[list[int], list[float], list[int], list[float]]:
        return self.order.tolist(), self.exact.tolist(), self.parent.tolist(), self.best.tolist()


def tree(adj, weight: list[float], start: int, origin: float = 0.0, shape: Shape | None = None,
         trees: int = 1) -> tuple[list[int], list[float], list[int], list[float]] | None:
    """`routing_trees.lowest_tree(adj, weight, start, origin)`'s four lists, bit for bit, or None where this way does
    not apply (no fringe worth it) or its check fails. A fringe node as the start is searched as a core node.
    `shape`: `adj`'s, when the caller has it (a virtual node joined to a block: `Shape.joined`); `trees`: the
    searches the caller expects to make of this size (numpy's import is worth it for many)."""
    found = search(adj, weight, start, origin, shape, trees)
    return found.lists() if found is not None else None


def search(adj, weight: list[float], start: int, origin: float = 0.0, shape: Shape | None = None,
           trees: int = 1) -> Found | None:
    """`tree`'s search, as arrays and the way it was made (`Found`), or None where `tree` is None."""
    if len(adj) < MIN_NODES or not worth(len(adj), trees):
        return None
    failing = _failing[0] is adj and _failing[1] is weight
    if failing and _failing[2] >= FAILS_MAX:
        return None
    if shape is None:
        shape = shape_of(adj)
    if shape is None or shape.n != len(adj):
        return None
    import numpy as np

    n = shape.n
    core_adj, slot_f, slot_h, slot_k = shape.core_adj, shape.slot_f, shape.slot_h, shape.slot_k
    if shape.is_fringe[start]:  # its search starts at it, then goes on over its hubs: a core node for this tree
        core_adj = list(core_adj)
        core_adj[start] = tuple(adj[start])
        other = slot_f != start
        slot_f, slot_h, slot_k = slot_f[other], slot_h[other], slot_k[other]
    from advisor.routing_trees import heap_search  # (routing_trees tries this search first: imported here)

    core_order, exact, parent, best = heap_search(core_adj, weight, start, origin)  # fringe nodes never reached
    best_a = np.array(best)
    weights = np.asarray(weight, dtype=np.float64)
    if not _hops_grow(best_a, weights):
        return None
    exact_a = np.array(exact)
    parent_a = np.array(parent, dtype=np.int64)
    w_slot = weights[slot_k]
    offer = best_a[slot_h] + w_slot + HOP_MS  # the search's own addition: (distance + weight) + hop
    rank = np.full(n, n, dtype=np.int64)
    rank[np.asarray(core_order, dtype=np.int64)] = np.arange(len(core_order), dtype=np.int64)
    pick = np.lexsort((rank[slot_h], offer, slot_f))  # per fringe node: least offer, then the hub settled first
    sf = slot_f[pick]
    first = np.ones(len(sf), dtype=bool)
    first[1:] = sf[1:] != sf[:-1]
    chosen = pick[first]
    got = offer[chosen]
    chosen = chosen[np.isfinite(got)]
    got = offer[chosen]
    f, hub, edge = slot_f[chosen], slot_h[chosen], slot_k[chosen]
    best_a[f] = got
    exact_a[f] = exact_a[hub] + w_slot[chosen]
    parent_a[f] = edge
    # The check: no settled fringe node offers a hub as much as the hub has, and each fringe node lies beyond its
    # hub (every hop added a positive amount; the core search checked its own hops)
    back = best_a[slot_f] + w_slot + HOP_MS
    if not bool(np.all((back > best_a[slot_h]) | ~np.isfinite(best_a[slot_f]))) or not bool(np.all(got > best_a[hub])):
        _failing[:] = adj, weight, _failing[2] + 1 if failing else 1
        return None
    if failing:
        _failing[2] = 0
    order = np.lexsort((np.arange(n), best_a))[:len(core_order) + len(f)]  # unreached nodes (inf) sort last
    return Found(order, exact_a, parent_a, best_a, core_order, parent, f, hub, edge)


def _hops_grow(best, weights) -> bool:
    """Whether every hop of the core search added a positive amount, so its heap popped in (distance, node) order:
    no weight below 0, and every settled distance + weight (`best`, `weights`: arrays) below 2^33 ms, where adding
    the per-hop 1e-6 ms still changes the float. Absurd round-trip times fail it, and the heap runs."""
    reached = best[best != _INF]
    return bool(weights.size == 0 or weights.min() >= 0.0) and \
        float(reached.max(initial=0.0)) + float(weights.max(initial=0.0)) < _GROWS_BELOW


_INF = float("inf")
_GROWS_BELOW = 2.0 ** 33  # x + 1e-6 > x for every float x below 2^34: the floats there lie at most 2^-19 apart


__all__ = ["MIN_NODES", "Found", "Shape", "forget", "search", "shape_of", "tree", "worth"]
