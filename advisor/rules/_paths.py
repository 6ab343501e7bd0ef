"""Lowest-RTT paths over the drawn WAN for the rules: trees from a few sources, the paths of many site pairs.

Each tree is one run of the tool's single lowest-weight search, `advisor.routing.lowest_tree` (the sizing's too),
or its closed form on a star or a forest.
"""

from __future__ import annotations

from collections import deque
from functools import cached_property
from itertools import repeat
from operator import add, attrgetter, setitem

from advisor import portal_paths
from advisor.forest_paths import Forest
from advisor.model import Design
from advisor.routing import lowest_tree
from advisor.routing_graph import known_graph, site_index
from advisor.routing_trees import all_alike
from advisor.rules._columns import link_columns
from advisor.rules._paths_shapes import ClosedForms, _summed

_RTT = attrgetter("rtt_ms")
TREES_KEPT = 4  # lowest-path trees a `Paths` keeps (the delay check reads three or four)


class Paths(ClosedForms):
    """Lowest-RTT paths over sites and clouds; a path's RTT is the sum of its links' rtt_ms (SPEC §3.2)."""

    def __init__(self, design: Design):
        self.design = design
        links = design.links
        graph = known_graph(design)
        self._graph = None  # the sizing's graph, when its edges are this design's links
        if graph is not None and graph.edges_are_links:  # the sizing's graph numbers nodes and links alike
            self._graph = graph
            self.index = graph.index  # read, never changed
            self._a, self._b = graph.end_a, graph.end_b  # each link's lower and higher node number
            self.rtt = graph.rtt
        else:
            index = self.index = dict(site_index(design))  # a copy: clouds join it
            for c in design.clouds:
                index[c.id] = len(index)
            node, cols = index.__getitem__, link_columns(design)
            self._a, self._b = list(map(node, cols.a)), list(map(node, cols.b))
            self.rtt = list(map(_RTT, links))  # read once: attribute access dominates Dijkstra
        self.ids = [*self.index]
        # link number -> its two node numbers (in either order: every reader takes the end it did not come from)
        self.ends: list[tuple[int, int]] = list(zip(self._a, self._b, strict=True))
        self._adj: list[list[tuple[int, int]]] | None = None
        self._spokes: list[int] | None = None
        self._leaf_ends: list[int] | None = None
        self._forest: bool | None = None
        self._rooted: Forest | None = None  # the forest rooted, once a few of its paths are asked
        self.star = self._star_centre()
        # start node -> its tree (`_tree`), for the last few starts: the delay check reads the same trees for the
        # farthest-partner sweeps and then for the worst path. The weights (`rtt`) are fixed once this is built.
        self._trees: dict[int, tuple[list[int], list[float], list[int]]] = {}

    @property
    def adj(self) -> list[list[tuple[int, int]]]:
        """node -> [(neighbour, link number)], in link order; built on first use (a star never needs it). With the
        sizing's graph, its own lists (the same pairs: its edges are the links, its ends these ends), shared: a
        meshed WAN's routing built them already."""
        adj = self._adj
        if adj is None and self._graph is not None:
            adj = self._adj = self._graph.adj
        if adj is None:
            adj = self._adj = [[] for _ in self.ids]
            for k, (a, b) in enumerate(self.ends):
                adj[a].append((b, k))
                adj[b].append((a, k))
        return adj

    def _star_centre(self) -> int | None:
        """The node every link touches when every other node has at most one link (sites on one cloud, or on
        one hub site, with no parallel links): then each path is leaf–centre–leaf and needs no search."""
        ends = self.ends
        if not ends:
            return None
        a, b = self._a, self._b
        for centre in ends[0]:
            if a.count(centre) + b.count(centre) == len(ends):  # touches every link (never a node to itself)
                # every link's other end is another node: each has one link when they are all different
                touched = set(a)
                touched.update(b)
                return centre if len(touched) - 1 == len(ends) else None
        return None

    def _spoke_links(self) -> list[int]:
        """On a star: node -> its one link (−1 for the centre and for nodes with none)."""
        spokes = self._spokes
        if spokes is None:
            spokes = self._spokes = [-1] * len(self.ids)
            deque(map(setitem, repeat(spokes), self._leaves(), range(len(self.ends))), 0)
        return spokes

    def _leaves(self) -> list[int]:
        """On a star: per link, its end other than the centre (one end column, when the centre is always on the
        same side: sites drawn to their cloud)."""
        leaves = self._leaf_ends
        if leaves is None:
            centre, n = self.star, len(self.ends)
            if self._b.count(centre) == n:
                leaves = self._a
            elif self._a.count(centre) == n:
                leaves = self._b
            else:
                leaves = [b if a == centre else a for a, b in self.ends]
            self._leaf_ends = leaves
        return leaves

    def _tree(self, start: int) -> tuple[list[int], list[float], list[int]]:
        """(nodes in settle order, exact RTT per node, parent link per node or −1). Ordering adds a tiny per-hop
        cost so equal-RTT paths prefer fewer links; the exact sums are kept apart so the tie-breaker never leaks
        into figures. Lists indexed by node number: a 10,000-site star is one run per check (SPEC §5). The last
        `TREES_KEPT` trees are kept (the same lists again: callers read them, never change them)."""
        trees = self._trees
        if not trees and self._graph is not None:
            trees = self._trees = self._kept_trees()
        got = trees.get(start)
        if got is None:
            if self.star is not None:
                got = self._star_tree(start)
            elif self.is_forest():
                got = self._forest_tree(start)
            else:
                # all alike (as drawn, never typed): a walk by levels, the same lists
                got = lowest_tree(self.adj, self.rtt, start, alike=self.alike)[:3]
            if len(trees) >= TREES_KEPT:
                del trees[next(iter(trees))]  # the oldest
            trees[start] = got
        return got

    @cached_property
    def alike(self) -> bool:
        """Whether every link weighs the same (`routing_trees.all_alike`): a pass over the links, once (it was
        one per tree: n trees × every link on a drawing of many small parts)."""
        return all_alike(self.rtt)

    def _kept_trees(self) -> dict:
        """The trees an earlier analysis found over the same graph (kept while an edit leaves the drawing alone:
        `routing_graph.same_topology`) with the same weights, else a new set kept for the next: on a 1,000-site
        mesh the delay check's search from the hub took 1 ms of every edit. Two sets: round-trip times and one-way
        delays."""
        kept = self._graph.paths_trees
        for weights, trees in kept:
            if weights == self.rtt:
                return trees
        if len(kept) >= 2:
            del kept[0]
        kept.append((self.rtt, self._trees))
        return self._trees

    def distances(self, source: str) -> tuple[list[float], list[bool]]:
        """(exact lowest-path weight per node number, whether each node is reached) from `source`; `rtts_from`
        without the settle order and the ids, for callers that read a few thousand nodes by number."""
        start = self.index[source]
        if self.star is not None:
            rtt, centre = self.rtt, self.star
            n = len(self.ids)
            exact = [0.0] * n
            if start == centre:
                base = 0.0
                reached = [False] * n
            else:
                k = self._spoke_links()[start]
                reached = [False] * n
                reached[start] = True
                if k < 0:
                    return exact, reached
                base = exact[centre] = 0.0 + rtt[k]
            reached[centre] = True
            # each leaf: base + its link's weight (the same sum as `_star_tree`), scattered in C-level passes
            leaves = self._leaves()
            deque(map(setitem, repeat(exact), leaves, map(add, repeat(base), rtt)), 0)
            deque(map(setitem, repeat(reached), leaves, repeat(True)), 0)
            if start != centre:
                exact[start] = 0.0  # its own link led to the centre, not to itself
            return exact, reached
        order, exact, _parent = self._tree(start)
        reached = [False] * len(self.ids)
        for v in order:
            reached[v] = True
        return exact, reached

    def _walk(self, parent: list[int], node: int) -> list[int]:
        """Link numbers from `node` back to the tree's root."""
        out = []
        ends = self.ends
        while parent[node] >= 0:
            k = parent[node]
            out.append(k)
            a, b = ends[k]
            node = a if b == node else b
        return out

    def rtts_from(self, source: str) -> dict[str, float]:
        """Lowest-path RTT (ms) from `source` to every reachable site or cloud (in settle order): one Dijkstra run."""
        start = self.index[source]
        order, exact, parent = self._tree(start)
        if self.star is None and self.is_forest():  # traversal order: the search settles by tie-broken distance,
            best = self._forest_ranks(order, parent)  # then node number
            order = [v for _d, v in sorted(zip(map(best.__getitem__, order), order, strict=True))]
        ids = self.ids
        return {ids[n]: exact[n] for n in order}

    def paths_from(self, source: str, targets: list[str] | tuple[str, ...]) -> dict[str, tuple[float, tuple[str, ...]]]:
        """(RTT ms, link ids) from `source` to each reachable target: one Dijkstra run for many pairs."""
        links = self.design.links
        return {target: (w, tuple(links[k].id for k in hops))
                for target, (w, hops) in self.numbered_paths(source, targets).items()}

    def pair_paths(self, pairs: list[tuple[str, str]], known: dict[tuple[str, str], tuple[str, ...]] | None = None
                   ) -> dict[tuple[str, str], tuple[float, tuple[str, ...]]]:
        """(a, b) -> (RTT ms, link ids from a to b) for each connected pair: `paths_from` for many pairs at once.

        `known`: (a, b) -> link ids from a to b of pairs the sizing routed, taken as they are (also for (b, a),
        turned round; of parallel links, the one a search takes), their RTT summed from a outward as a search sums
        it: where two paths are equally short, the finding names the path the cluster traffic was put on. Where each
        first site of the others would search the whole WAN (not a star, not a forest), the searches start from the
        few nodes the sites hang off when those are fewer (`portal_paths`): thousands of small clusters on two clouds
        or a few hundred hubs."""
        out: dict[tuple[str, str], tuple[float, tuple[str, ...]]] = {}
        if known:
            number = {ln.id: k for k, ln in enumerate(self.design.links)}
            rtt, links, left = self.rtt, self.design.links, []
            bundled = self._graph is None  # parallel links: the sizing lists each pair of ends' links together
            for pair in pairs:
                ids = known.get(pair)
                if ids is None:
                    back = known.get((pair[1], pair[0]))  # routed from the other end: the same path, turned round
                    if back is None:
                        left.append(pair)
                        continue
                    ids = back[::-1]
                hops = list(map(number.__getitem__, ids))
                if bundled:
                    hops = self._one_link_each(hops)
                    ids = tuple(links[k].id for k in hops)
                out[pair] = (_summed(rtt, hops), ids)
            if not left:
                return out
            pairs = left
        index = self.index
        numbered = [(index[a], index[b]) for a, b in pairs]
        roots = portal_paths.plan(self.adj, numbered) if self.star is None and not self.is_forest() else None
        if roots is None:
            targets: dict[str, list[str]] = {}
            for a, b in pairs:
                targets.setdefault(a, []).append(b)
            for a, bs in targets.items():
                for b, got in self.paths_from(a, bs).items():
                    out[a, b] = got
            return out
        links, rtt = self.design.links, self.rtt
        found = portal_paths.paths(self.adj, (self._a, self._b), rtt, numbered, roots, lowest_tree)
        for pair, key in zip(pairs, numbered, strict=True):
            hops = found[key]
            if hops is not None:
                out[pair] = (_summed(rtt, hops), tuple(links[k].id for k in hops))
        return out

    def _one_link_each(self, hops: list[int]) -> list[int]:
        """A path the sizing lists with every link between each pair of ends (parallel links are sized together),
        as the search takes it: of each group, the link of the lowest RTT, the first of equals."""
        ends, rtt = self.ends, self.rtt
        out: list[int] = []
        for k in hops:
            if out and sorted(ends[out[-1]]) == sorted(ends[k]):  # the same two ends: one more parallel link
                if (rtt[k], k) < (rtt[out[-1]], out[-1]):
                    out[-1] = k
            else:
                out.append(k)
        return out

    def numbered_paths(self, source: str, targets: list[str] | tuple[str, ...]
                       ) -> dict[str, tuple[float, list[int]]]:
        """`paths_from` with link numbers. On a star, a few targets (at most 8, or a sixteenth of the nodes: the
        sites of one cluster among thousands) are read off their links (leaf–centre–leaf, the same sums as
        `_star_tree`) without building the whole tree."""
        start = self.index[source]
        few = 16 * len(targets) <= len(self.ids)  # a few targets of a large WAN (the sites of one cluster)
        if self.star is not None and (len(targets) <= 8 or few):
            return self._star_paths(start, targets)  # not the whole tree
        if few and self.is_forest():
            return self._forest_paths(start, targets)
        order, exact, parent = self._tree(start)
        out = {}
        for target in targets:
            node = self.index[target]
            if node == start or parent[node] >= 0:  # reached
                out[target] = (exact[node], self._walk(parent, node)[::-1])
        return out

    def path(self, a: str, b: str) -> tuple[float, tuple[str, ...]] | None:
        """(RTT ms, link ids from a to b) on the lowest-RTT path; None when b cannot be reached."""
        return self.paths_from(a, (b,)).get(b)
