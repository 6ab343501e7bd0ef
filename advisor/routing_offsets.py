"""A mesh's block whose tree from an entry node could round differently for callers beyond it: those callers routed
in groups of the same distance (`advisor.routing_blocks` module notes).

A caller beyond an entry node v reaches the block at v, at the distance its own search has summed by then (its
offset); from there its search over the block is the search from v started at that offset (`lowest_tree`'s
`origin`): the same sums in the same order, so the same tree. Callers at the same offset share one tree, and their
calls are routed together: their Erlangs per user summed, their point flows summed per node they leave the block
by. v's own calls take v's tree, as any other node's.

The offset of a caller is known without a search when the way from it to v is a single path: when everything beyond
v is sites and clouds joined by bridges (branches hanging off a meshed core). Otherwise, or when the groups would
cost more than the searches they spare (`Beyond`'s budget), the block gives up as before and the caller routes one
tree per source.

A large block whose round-trip times differ (where such ties are likely) groups its entry nodes' callers at once,
without asking for the proof; a small one (as the block arrays route it) asks for the proof first.

Cost: per block that needs it, one walk of what lies beyond its entry nodes (each node's path to its entry node),
plus one search of the block per distinct offset, through the compiled heap search where the block's own searches
go (`routing_compiled.Run.add`'s `origin`). In all never more searches, each over fewer nodes, than the fallback's
one per source over the whole WAN.
"""

from __future__ import annotations

from advisor.routing_levels import demands
from advisor.routing_trees import HOP_MS, lowest_tree, sum_up

STEPS_PER_NODE, STEPS_MIN = 16, 10_000  # path steps the offsets may take in all, per node of the WAN and at least
# ... or, where more, a share of what the fallback visits (`offsets_budget`): a step of the walk (interpreted) costs
# about what 30 node visits of the fallback's compiled search do, and the fallback's interpreted ones far more. Regional
# trees some 30 links deep under a 30-site ring, 10,000 sites: ~175,000 steps (0.05 s) where the fallback took 3 s
WALK_COST = 32


class Beyond:
    """What lies beyond each entry node, worked out for the blocks that need it (one routing's blocks).

    `budget`: nodes the grouped searches may visit in all, at most what one search per source over the whole WAN
    visits (the caller's fallback); a block whose groups would exceed it gives up before searching any."""

    def __init__(self, comp: list[int], members: list[list[int]], tree_adj: list[list[tuple[int, int, int, int]]],
                 per_user: list[float], weights: list[float], by_dst: dict[int, list[tuple[int, float, float]]],
                 budget: int):
        self.comp, self.members, self.tree_adj = comp, members, tree_adj
        self.per_user, self.weights, self.by_dst = per_user, weights, by_dst
        self.budget = budget
        # path steps summing offsets, a few per node or a share of the fallback's visits: a long chain beyond an entry
        # node (offsets summed over n²/2 steps) falls back rather than walk them
        self.steps_left = max(STEPS_PER_NODE * len(comp) + STEPS_MIN, budget // WALK_COST)
        self._by_src: dict[int, list[tuple[int, float, float]]] | None = None
        self._planned: dict[int, dict[int, tuple | None]] = {}  # block -> entry node -> its groups (None: meshed)

    def plan(self, c: int, entries: list[int], n: int) -> bool:
        """Group the callers beyond each of block `c`'s `entries` (its `n` nodes searched once per group); False
        when the groups would exceed the budget (nothing is searched then)."""
        got = self._planned.get(c)
        if got is None:
            got = self._planned[c] = {}
            at: dict[int, list[tuple[int, int, int]]] = {}  # entry node -> (block, bridge, node) beyond it
            for d, e, a, b in self.tree_adj[c]:  # one pass: a block with thousands of entry nodes is not
                at.setdefault(a, []).append((d, e, b))  # scanned once per entry node
            beyond = {v: self._beyond(v, at.get(v, ())) for v in entries}
            exits = self._exits_of(c) if any(found is not None for found in beyond.values()) else {}
            for v, found in beyond.items():
                got[v] = None if found is None else self._groups(c, v, found, exits)
                if found is not None:
                    self.budget -= len(got[v][1]) * n
            if self.budget < 0 or self.steps_left < 0:
                got.clear()
        return bool(got)

    def groups(self, c: int, v: int) -> tuple[dict | None, list[tuple[float, float, dict | None]]] | None:
        """(v's own point flows by the node they leave block `c` by, [(offset, Erlangs per user, point flows) per
        distinct offset of the callers beyond v, in increasing offset]); None when something beyond v is meshed
        (or `plan` did not plan block `c`)."""
        return self._planned.get(c, {}).get(v)

    def _groups(self, c: int, v: int, found: list[tuple[int, float]], exits: dict[int, int]) -> tuple:
        by_src = self._sources()
        own: dict = {}
        _add_rows(own, by_src.get(v, ()), self.comp, c, exits, v)
        grouped: dict[float, list] = {}
        for x, offset in found:
            group = grouped.get(offset)
            if group is None:
                group = grouped[offset] = [0.0, {}]
            group[0] += self.per_user[x]
            _add_rows(group[1], by_src.get(x, ()), self.comp, c, exits, v)
        return own or None, [(offset, g[0], g[1] or None) for offset, g in sorted(grouped.items())]

    def _beyond(self, v: int, first: list[tuple[int, int, int]]) -> list[tuple[int, float]] | None:
        """(node, its offset at v) for every node beyond v (`first`: (block, bridge, node) for each bridge from v
        out of its block); None when a meshed block lies beyond, or the paths to v take more steps in all than are
        left. An offset is summed from the far node towards v, link by link, as that node's own search sums it."""
        members, tree_adj, weights = self.members, self.tree_adj, self.weights
        up: dict[int, tuple[int, int]] = {}  # node -> (the node one step nearer v, bridge between them)
        order: list[tuple[int, int]] = []  # (block, its only node), nearest v first
        for d, e, b in first:
            if len(members[d]) != 1:
                return None
            up[b] = (v, e)
            order.append((d, b))
        for d, x in order:  # grows while walked
            for d2, e2, _a2, b2 in tree_adj[d]:
                if b2 not in up and b2 != v:
                    if len(members[d2]) != 1:  # at once: a hub with thousands of rings is not walked per ring
                        return None
                    up[b2] = (x, e2)
                    order.append((d2, b2))
        out = []
        for _d, x in order:
            offset = 0.0
            y = x
            while y != v:
                p, e = up[y]
                offset = offset + weights[e] + HOP_MS
                y = p
                self.steps_left -= 1
            if self.steps_left < 0:
                return None
            out.append((x, offset))
        return out

    def _exits_of(self, c: int) -> dict[int, int]:
        """Block -> the node of block `c` a path towards it leaves `c` by (`c` itself absent)."""
        exits: dict[int, int] = {}
        stack = []
        for d, _e, a, _b in self.tree_adj[c]:
            if d not in exits:
                exits[d] = a
                stack.append(d)
        while stack:
            d = stack.pop()
            for d2, _e, _a, _b in self.tree_adj[d]:
                if d2 != c and d2 not in exits:
                    exits[d2] = exits[d]
                    stack.append(d2)
        return exits

    def _sources(self) -> dict[int, list[tuple[int, float, float]]]:
        """Point flows by source: (destination, Erlangs, kbps), in the order the blocks summed them."""
        if self._by_src is None:
            by_src: dict[int, list[tuple[int, float, float]]] = {}
            for t, flows in self.by_dst.items():
                for s, erl, sig in flows:
                    by_src.setdefault(s, []).append((t, erl, sig))
            self._by_src = by_src
        return self._by_src


def _add_rows(rows: dict, flows, comp: list[int], c: int, exits: dict[int, int], v: int) -> None:
    """Add the `flows` (destination, Erlangs, kbps) entering block `c` at v to `rows`: node they leave it by (or end
    at) -> [Erlangs, kbps]."""
    for t, erl, sig in flows:
        d = comp[t]
        out = t if d == c else exits.get(d, v)  # v: in another part of the WAN, never reached
        if out == v or (erl == 0.0 and sig == 0.0):
            continue  # to v, beyond v or unreachable: never on the block's links
        add_row(rows, out, erl, sig)


def add_row(rows: dict, node: int, erl: float, sig: float) -> None:
    """Add Erlangs and kbps to `rows`' entry for `node` (destination -> [Erlangs, kbps]), made at the first."""
    row = rows.get(node)
    if row is None:
        rows[node] = [erl, sig]
    else:
        row[0] += erl
        row[1] += sig


def offsets_budget(nodes: int) -> int:
    """Nodes the grouped searches of one routing over `nodes` nodes may visit: as many as its fallback's, one
    search per source over every node. A block's groups go through the same searches (compiled where the
    fallback's would be), so they never cost more. The same on every machine, with the compiled loops or without,
    so the figures are too."""
    return nodes * nodes


def route_groups(found, i, own_rate, tree, run, block_adj, block_w, block_ends, dest_u, local, glob, edge_erl,
                 edge_sig) -> bool:
    """An entry node (block node i) whose tree could round differently at some offset: its own calls on its tree
    (`tree`, else searched), then the callers beyond it, one tree per distinct offset (`found`: `Beyond.groups`),
    through the compiled heap search when `run` is given; False when they cannot be grouped so (None)."""
    if found is None:
        return False
    own_rows, groups = found
    for k, (offset, rate, rows) in enumerate(((0.0, own_rate, own_rows), *groups)):
        if rate == 0.0 and rows is None:
            continue
        if run is not None:
            run.add(i, rate, rows, offset)
            continue
        if k == 0 and tree is not None:
            order, parent = tree[0], tree[1]
        else:
            order, _exact, parent, _best = lowest_tree(block_adj, block_w, i, offset)
        acc_erl, acc_sig = demands(rate, dest_u, rows, local)
        sum_up(order, parent, block_ends, acc_erl, acc_sig, edge_erl, edge_sig, glob)
    return True
