"""The drawn WAN as a graph for routing: sites and clouds as nodes, parallel links collapsed, kept per design. Its
trees come from the searches of `advisor.routing_trees` (the one lowest-weight search, shared with the rules).

The graph is kept as columns; its tuples and adjacency lists are made only when something asks for them, so a
large chain, tree or mesh is routed from the columns and incidence lists (`Graph.incident`) alone.
"""

from __future__ import annotations

import sys
from itertools import accumulate
from operator import attrgetter, eq, is_

from advisor import routing_arrays, routing_flows
from advisor.model import Design
from advisor.routing_trees import all_alike, lowest_tree, tree_walk

_ID, _A, _B, _RTT = attrgetter("id"), attrgetter("a"), attrgetter("b"), attrgetter("rtt_ms")


class Graph:
    """Sites and clouds as nodes; parallel links between the same two nodes collapse into one edge.

    Kept as columns (`end_a`, `end_b`, `rtt`: per edge its lower and higher node number and its lowest RTT); the
    `edges` tuples, the adjacency lists `adj` and the incidence lists are each made on first use, so a large chain
    or tree is routed from the columns alone."""

    def __init__(self, index: dict[str, int], n_sites: int, end_a: list[int] | None, end_b: list[int] | None,
                 rtt: list[float], links: list[tuple[int, ...]] | None = None):
        self.index = index  # node id -> node number (sites first, in design order, then clouds)
        self.n_sites = n_sites
        self.n_nodes = len(index)
        self._end_a, self._end_b, self.rtt = end_a, end_b, rtt  # None: from `_ends`, when first asked
        self._links = links  # per edge its link numbers; None: edge e is link e alone
        self._edges: list[tuple[int, int, float, tuple[int, ...]]] | None = None
        self._adj: list[list[tuple[int, int]]] | None = None
        self._incident: tuple[list[int], list[int], list[int]] | None = None
        self.incident_arrays: tuple | None = None  # `incident` as numpy arrays, when built with numpy
        self._ends = None  # (end_a, end_b) as numpy arrays
        self.forest_memo: tuple | None = None  # `routing_forest.rooted_forest`'s answer, once asked
        self.depth_memo: list[int] | None = None  # `routing_forest.depths`: each node's depth in that forest
        self.forest_arrays: tuple | None = None  # that forest as arrays and a `Tree`, once built
        self.cut_memo: tuple | None = None  # `routing_cuts.graph_cuts`' answer, once asked
        self.blocks_memo: tuple | None = None  # `routing_blocks.blocks`' answer, once asked
        # `sum_tree`'s answers by source, and the rules' trees by their weights (`rules._paths.Paths`): an edit that
        # keeps the drawing keeps the graph (`same_topology`), and the hub's tree with it
        self.sum_trees: dict[int, tuple[list[int], list[int]]] = {}
        self._alike: bool | None = None  # every edge of the same RTT (`alike`), once asked
        self.paths_trees: list[tuple[list[float], dict]] = []

    @classmethod
    def of(cls, design: Design) -> Graph:
        sites, links = design.sites, design.links
        index = dict(site_index(design))
        for c in design.clouds:
            index[c.id] = len(index)
        node = index.__getitem__
        rtt = list(map(_RTT, links))
        ends_a, ends_b = link_ends(design)
        if arrays_ready(len(links)):
            import numpy as np

            a = np.fromiter(map(node, ends_a), dtype=np.int64, count=len(links))
            b = np.fromiter(map(node, ends_b), dtype=np.int64, count=len(links))
            low, high = np.minimum(a, b), np.maximum(a, b)
            if routing_arrays.distinct(low * len(index) + high).size == len(links):  # no parallel links: edge e is link e
                graph = cls(index, len(sites), None, None, rtt)
                graph._ends = low, high
                return graph
            low, high = low.tolist(), high.tolist()
        else:
            a, b = list(map(node, ends_a)), list(map(node, ends_b))
            low, high = list(map(min, a, b)), list(map(max, a, b))
            if len(set(zip(low, high, strict=True))) == len(low):  # no parallel links: edge e is link e
                return cls(index, len(sites), low, high, rtt)
        by_pair: dict[tuple[int, int], int] = {}
        end_a: list[int] = []
        end_b: list[int] = []
        lowest: list[float] = []
        numbers: list[list[int]] = []  # grown as lists: 50,000 links between two sites made a tuple 50,000 times
        for k, u, v, r in zip(range(len(links)), low, high, rtt, strict=True):
            e = by_pair.setdefault((u, v), len(end_a))
            if e == len(end_a):  # the first link of a pair numbers its edge
                end_a.append(u)
                end_b.append(v)
                lowest.append(r)
                numbers.append([k])
            else:
                lowest[e] = min(lowest[e], r)
                numbers[e].append(k)
        return cls(index, len(sites), end_a, end_b, lowest, list(map(tuple, numbers)))

    @property
    def end_a(self) -> list[int]:
        """Per edge, its lower node number."""
        if self._end_a is None:
            self._end_a = self._ends[0].tolist()
        return self._end_a

    @property
    def end_b(self) -> list[int]:
        """Per edge, its higher node number."""
        if self._end_b is None:
            self._end_b = self._ends[1].tolist()
        return self._end_b

    @property
    def edges_are_links(self) -> bool:
        """Whether edge e is link e of the design (no parallel links were collapsed): then the columns describe the
        links themselves, in design order."""
        return self._links is None

    @property
    def n_edges(self) -> int:
        return len(self.rtt)

    @property
    def edges(self) -> list[tuple[int, int, float, tuple[int, ...]]]:
        """Per edge: (u, v, lowest rtt_ms, link numbers), u < v."""
        if self._edges is None:
            numbers = self._links if self._links is not None else zip(range(self.n_edges))
            self._edges = list(zip(self.end_a, self.end_b, self.rtt, numbers, strict=True))
        return self._edges

    @property
    def adj(self) -> list[list[tuple[int, int]]]:
        """node -> [(neighbour, edge number)], in edge order."""
        if self._adj is None:
            adj: list[list[tuple[int, int]]] = [[] for _ in range(self.n_nodes)]
            for e, u, v in zip(range(self.n_edges), self.end_a, self.end_b, strict=True):
                adj[u].append((v, e))
                adj[v].append((u, e))
            self._adj = adj
        return self._adj

    @property
    def weights(self) -> list[float]:
        """Per edge, its (lowest) RTT."""
        return self.rtt

    def incident(self) -> tuple[list[int], list[int], list[int]]:
        """(start, edge numbers, other ends): node u's edges, in edge order, are numbers[start[u]:start[u + 1]],
        leading to other[start[u]:start[u + 1]] (the order of `adj`, without its tuples)."""
        if self._incident is None:
            n, m = self.n_nodes, self.n_edges
            if arrays_ready(max(n, m)):
                import numpy as np

                ends_a, ends_b = self.end_arrays()
                ends, other = np.empty(2 * m, dtype=np.int64), np.empty(2 * m, dtype=np.int64)
                ends[0::2], ends[1::2] = ends_a, ends_b
                other[0::2], other[1::2] = ends_b, ends_a
                by_node = np.argsort(ends, kind="stable")
                start = np.zeros(n + 1, dtype=np.int64)
                np.cumsum(np.bincount(ends, minlength=n), out=start[1:])
                self.incident_arrays = start, by_node >> 1, other[by_node]
                self._incident = tuple(column.tolist() for column in self.incident_arrays)
            else:
                count = [0] * (n + 1)
                for u, v in zip(self.end_a, self.end_b, strict=True):
                    count[u + 1] += 1
                    count[v + 1] += 1
                start = list(accumulate(count))
                fill = start[:n]
                numbers, other = [0] * (2 * m), [0] * (2 * m)
                for e, u, v in zip(range(m), self.end_a, self.end_b, strict=True):
                    numbers[fill[u]], other[fill[u]] = e, v
                    fill[u] += 1
                    numbers[fill[v]], other[fill[v]] = e, u
                    fill[v] += 1
                self._incident = start, numbers, other
        return self._incident

    def end_arrays(self):
        """(first ends, second ends) of the edges as numpy arrays, built once."""
        if self._ends is None:
            import numpy as np

            self._ends = np.array(self.end_a, dtype=np.int64), np.array(self.end_b, dtype=np.int64)
        return self._ends

    def alike(self) -> bool:
        """Whether every edge weighs the same (round-trip times left alike): a search then walks by levels."""
        if self._alike is None:
            self._alike = all_alike(self.weights)
        return self._alike

    def tree(self, source: int) -> tuple[list[float], list[int], list[int]]:
        """Lowest-RTT tree from `source`: (distance ms, parent edge or −1, nodes in settle order), by `lowest_tree`.

        Paths do not transit a site unless the topology forces it, because transiting costs the RTT of both of that
        site's links like any other node."""
        order, _exact, parent, best = lowest_tree(self.adj, self.weights, source, alike=self.alike())
        return best, parent, order

    def sum_tree(self, source: int) -> tuple[list[int], list[int]]:
        """(nodes, parent edge or −1) of the lowest-RTT tree from `source`, in an order whose reverse sums any
        per-node figures towards the source exactly as the reverse settle order of `tree` does: every node comes
        after its parent, and the children of one node come in the order they settle. Where the source's part of
        the WAN has no cycle this is `tree_walk`, one traversal without a heap; else the settle order itself. Kept for
        the graph's life (the same lists again: callers read them, never change them)."""
        got = self.sum_trees.get(source)
        if got is None:
            walked = tree_walk(self.adj, self.weights, source)
            if walked is None:
                order, _exact, parent, _best = lowest_tree(self.adj, self.weights, source, alike=self.alike())
                got = order, parent
            else:
                got = walked[0], walked[2]
            if len(self.sum_trees) >= KEPT_TREES:
                self.sum_trees.clear()
            self.sum_trees[source] = got
        return got


KEPT_TREES = 4  # `Graph.sum_tree` answers kept per graph (the via-hub routing asks for the hub's alone)
ARRAYS_MIN = 800  # nodes or edges from which the routing works on numpy arrays, once numpy is loaded (a whole
# analysis at 1,000 sites, arrays against lists: mesh 30.3 / 31.8, chain 27.6 / 29.3, tree 17.7 / 19.1 ms; at
# 600 sites about even; the same figures either way)
_IMPORT_MIN = 8_000  # from here the arrays are worth numpy's import (~0.1 s; the Erlang B batch needs it too)


def arrays_ready(size: int) -> bool:
    """Whether `size` figures (sites, nodes, edges) are worked out with numpy arrays: numpy is loaded already."""
    return size >= ARRAYS_MIN and "numpy" in sys.modules


def arrays_worth(size: int) -> bool:
    """Whether a graph of `size` nodes is routed with numpy arrays, importing numpy if need be (the routing of
    thousands of sites over leased lines saves more than the import costs; the Erlang B batch needs it too)."""
    return size >= ARRAYS_MIN and ("numpy" in sys.modules or size >= _IMPORT_MIN)


_memo: tuple[Design, Graph] | None = None  # the last design's graph
_sites: tuple[Design, dict[str, int]] | None = None  # the last design's site index
_ends: tuple[Design, tuple[list[str], list[str]]] | None = None  # the last design's link ends (`link_ends`)


def site_index(design: Design) -> dict[str, int]:
    """Site id -> position in `design.sites`, built once per design (the last one's kept; do not change it)."""
    global _sites
    memo = _sites
    if memo is None or memo[0] is not design:
        memo = _sites = (design, dict(zip(map(_ID, design.sites), range(len(design.sites)), strict=True)))
    return memo[1]


def link_ends(design: Design) -> tuple[list[str], list[str]]:
    """Each link's a and b end ids, in design order, read once per design (the last one's kept): the graph, the
    topology class and the closed forms all read them."""
    global _ends
    memo = _ends
    if memo is None or memo[0] is not design:
        links = design.links
        memo = _ends = (design, (list(map(_A, links)), list(map(_B, links))))
    return memo[1]


def forget() -> None:
    """Drop the last design's graph (and the last flows' columns, its access links, and the single searches' small
    graph and fringe shape)."""
    global _memo, _sites, _ends
    _memo = _sites = _ends = None
    routing_flows.forget()
    # each loaded only once a design was routed, or such a graph searched (importing them here would be circular)
    for name in ("advisor.routing_access", "advisor.routing_homed_tree", "advisor.routing_fringe"):
        if (module := sys.modules.get(name)) is not None:
            module.forget()


def known_graph(design: Design) -> Graph | None:
    """The graph `graph_of` built for this very design, if it built one; None otherwise (nothing is built)."""
    memo = _memo
    return memo[1] if memo is not None and memo[0] is design else None


def graph_of(design: Design) -> Graph:
    """`Graph.of(design)`, built once per design (by identity: a design is frozen) and shared by every routing of
    one analysis; only the last design's is kept."""
    global _memo
    memo = _memo  # one read: another thread may replace it meanwhile, and then this call keeps its own
    if memo is None or memo[0] is not design:
        graph = memo[1] if memo is not None and same_topology(memo[0], design) else Graph.of(design)
        memo = _memo = (design, graph)
    return memo[1]


def same_topology(old: Design, new: Design) -> bool:
    """Whether the graph of `old` is the graph of `new`: the same sites and clouds (by id, in order) and the very
    same link objects (so the same ends and round-trip times), as after an edit of a site's users or settings, the
    app's usual edit. A graph holds nothing else (its searches and cuts, kept on it, read only these), so the next
    analysis reuses it with what it has worked out: the cuts and blocks of a 1,000-site mesh were found again on
    every edit."""
    if len(old.links) != len(new.links) or len(old.sites) != len(new.sites) or len(old.clouds) != len(new.clouds):
        return False
    if not all(map(is_, old.links, new.links)):
        return False
    if old.clouds is not new.clouds and not all(map(eq, map(_ID, old.clouds), map(_ID, new.clouds))):
        return False
    return old.sites is new.sites or all(map(eq, map(_ID, old.sites), map(_ID, new.sites)))
