"""Point flows over the block tree (`advisor.routing_blocks`), each destination's summed over the blocks its flows
cross only.

A point flow (PSTN calls hauled to a gateway, signalling to call processing) goes from its source's block to its
destination's block along the block tree. Turning the whole tree round to hang from each destination cost every
block once per destination: a meshed regional core with 9,751 branches and ~1,000 gateway and call-processing
sites took ~7 s. The tree is rooted once; per destination, each source's block climbs towards the root until it
meets a block whose way is known, and the destination's block's ancestors are added as the climbs reach their depth
(so a long chain of blocks is walked only as far as the sources lie). Where the climbs reach more than an eighth of
the blocks (flows from all along a chain of blocks) the whole tree is walked from the destination instead, as
before, at once when the flows come from more blocks than that (the climbs would reach them all). The sums are the same additions in the same order as the breadth-first walk from the destination made:
each block's own flows in turn, then its children's totals, the last child (by bridge number) first.
"""

from __future__ import annotations

from advisor import routing_compiled
from advisor.routing_offsets import add_row

WHOLE_SHARE = 8  # a destination whose climbs reach more than this share of the blocks walks the whole tree
STEP_CELLS = 10  # an interpreted step of the climbs and walks, in cells of `routing_compiled.worth`


class BlockTree:
    """The block tree rooted once, each connected part at its lowest block, breadth first (bridges in edge order).
    `tree_adj`: per block, [(neighbour block, bridge, end in this block, end in the neighbour)]."""

    def __init__(self, tree_adj: list[list[tuple[int, int, int, int]]]):
        n = len(tree_adj)
        self.tree_adj = tree_adj
        self.most = max(64, n // WHOLE_SHARE)  # blocks a destination's climbs may add before the whole tree is walked
        self.parent = parent = [-1] * n
        self.bridge = bridge = [-1] * n  # the bridge to the parent
        self.end_in = end_in = [-1] * n  # its end in the block
        self.end_up = end_up = [-1] * n  # its end in the parent
        self.part = part = [-1] * n  # the part's root block
        self.depth = depth = [0] * n  # bridges from the part's root block
        for root in range(n):
            if part[root] >= 0:
                continue
            part[root] = root
            order = [root]
            for c in order:
                for d, e, a, b in tree_adj[c]:
                    if part[d] < 0:
                        part[d], parent[d], bridge[d], end_in[d], end_up[d] = root, c, e, b, a
                        depth[d] = depth[c] + 1
                        order.append(d)

    def route(self, t: int, flows, comp, sends, transit, edge_erl, edge_sig) -> None:
        """Flows (source, Erlangs, kbps) to node `t`: the bridges' loads, and per block what its nodes send on to
        the node the flows leave by (`sends`; `transit` marks the nodes that pass flows on). Sources in other parts
        of the WAN are never reached: no path, no load."""
        parent, bridge, end_in, end_up, depth = self.parent, self.bridge, self.end_in, self.end_up, self.depth
        root = comp[t]
        # per block on the way: (next block towards t, bridge, its end there, its end here: the node the flows
        # leave the block by); t's block's flows end at t
        towards: dict[int, tuple[int, int, int, int]] = {root: (-1, -1, -1, t)}
        top = root  # the highest of t's block's ancestors reached so far: their way runs down towards t
        part, home, most = self.part, self.part[root], self.most
        # flows from more blocks than the climbs may add: they would reach that many, so walk the whole tree now
        if len(flows) > most and len({x for s, _erl, _sig in flows if part[x := comp[s]] == home}) > most:
            return self._route_whole(root, t, flows, comp, sends, transit, edge_erl, edge_sig)
        for s, _erl, _sig in flows:  # each source's block climbs until it meets a block whose way is known
            x = comp[s]
            if part[x] != home:
                continue
            if len(towards) > most:  # the flows come from all over the tree: walk it whole, as before
                return self._route_whole(root, t, flows, comp, sends, transit, edge_erl, edge_sig)
            while x not in towards:
                if depth[x] <= depth[top]:
                    while depth[top] > depth[x]:  # t's block's ancestors up to x's depth
                        below, top = top, parent[top]
                        towards[top] = (below, bridge[below], end_in[below], end_up[below])
                    if x == top:
                        break
                towards[x] = (parent[x], bridge[x], end_up[x], end_in[x])  # not an ancestor of t's block: up
                x = parent[x]
        order = self._breadth_first(root, towards)
        f_erl: dict[int, float] = {}
        f_sig: dict[int, float] = {}
        for s, erl, sig in flows:
            c = comp[s]
            if c not in towards:
                continue
            _add_send(sends, s, towards[c][3], erl, sig)
            f_erl[c] = f_erl.get(c, 0.0) + erl
            f_sig[c] = f_sig.get(c, 0.0) + sig
        for c in reversed(order):  # farthest first, the last child first
            erl, sig = f_erl.get(c, 0.0), f_sig.get(c, 0.0)
            if c == root or (erl == 0.0 and sig == 0.0):
                continue
            up, e, entry, _end = towards[c]
            edge_erl[e] += erl
            edge_sig[e] += sig
            leave = towards[up][3]
            if entry != leave:
                _add_send(sends, entry, leave, erl, sig)
                transit[entry] = True
            f_erl[up] = f_erl.get(up, 0.0) + erl
            f_sig[up] = f_sig.get(up, 0.0) + sig

    def steps(self, by_dst: dict, comp) -> int:
        """About how many blocks the destinations' climbs and walks visit, at most: per destination, the depths its
        sources' blocks climb from, never more than the blocks of the tree."""
        depth, n = self.depth, len(self.parent)
        total = 0
        for t, flows in by_dst.items():
            climbs = depth[comp[t]] + sum(depth[comp[s]] + 1 for s, _erl, _sig in flows)
            total += len(flows) + min(climbs, n)
        return total

    def route_every(self, by_dst: dict, comp, sends, transit, edge_erl, edge_sig) -> bool:
        """`route` for every destination of `by_dst` in turn, compiled, when their steps are many enough to pay for
        it (and numba is here); False otherwise, nothing done."""
        steps = self.steps(by_dst, comp)
        # an interpreted step costs about ten cells of a compiled routing walk (`routing_compiled.worth`'s unit)
        if not routing_compiled.worth(steps, STEP_CELLS, 0, heap=False):
            return False
        import numpy as np

        try:
            from advisor import routing_points_kernel
        except Exception:  # noqa: BLE001 (numba that cannot load this loop here: the interpreted path, as before)
            return False
        i64 = np.int64
        tree_adj = self.tree_adj
        adj_start = np.zeros(len(tree_adj) + 1, dtype=i64)
        np.cumsum([len(row) for row in tree_adj], out=adj_start[1:])
        columns = [np.fromiter((arc[k] for row in tree_adj for arc in row), dtype=i64, count=int(adj_start[-1]))
                   for k in range(4)]
        targets = np.fromiter(by_dst, dtype=i64, count=len(by_dst))
        flow_start = np.zeros(len(by_dst) + 1, dtype=i64)
        np.cumsum([len(flows) for flows in by_dst.values()], out=flow_start[1:])
        flows = [f for fs in by_dst.values() for f in fs]
        src = np.fromiter((s for s, _e, _k in flows), dtype=i64, count=len(flows))
        erl = np.fromiter((e for _s, e, _k in flows), dtype=np.float64, count=len(flows))
        sig = np.fromiter((k for _s, _e, k in flows), dtype=np.float64, count=len(flows))
        e_erl, e_sig = np.array(edge_erl, dtype=np.float64), np.array(edge_sig, dtype=np.float64)
        passes = np.array(transit, dtype=np.uint8)
        tree = (np.array(x, dtype=i64) for x in (self.parent, self.bridge, self.end_in, self.end_up, self.part,
                                                 self.depth))
        try:  # on copies: the lists are changed only once the loop is done
            slot_src, slot_dst, slot_f, count = routing_points_kernel.route_all(
                adj_start, *columns, *tree, self.most, np.asarray(comp, dtype=i64), targets, flow_start, src, erl,
                sig, e_erl, e_sig, passes)
        except Exception:  # noqa: BLE001 (its machine code could not be made or loaded here: as above)
            return False
        edge_erl[:] = e_erl.tolist()
        edge_sig[:] = e_sig.tolist()
        for i in np.flatnonzero(passes).tolist():
            transit[i] = True
        for s, t, (f_erl, f_sig) in zip(slot_src[:count].tolist(), slot_dst[:count].tolist(),
                                        slot_f[:count].tolist(), strict=True):
            rows = sends[s]
            if rows is None:
                rows = sends[s] = {}
            rows[t] = [f_erl, f_sig]
        return True

    @staticmethod
    def _breadth_first(root: int, towards: dict) -> list[int]:
        """The blocks on the way breadth first from t's block, each one's children by bridge number: the order the
        whole tree turned round to hang from t lists them in."""
        kids: dict[int, list[tuple[int, int]]] = {}
        for c, way in towards.items():
            if c != root:
                kids.setdefault(way[0], []).append((way[1], c))
        order = [root]
        for c in order:
            got = kids.get(c)
            if got is not None:
                if len(got) > 1:
                    got.sort()
                order.extend(d for _e, d in got)
        return order

    def _route_whole(self, root: int, t: int, flows, comp, sends, transit, edge_erl, edge_sig) -> None:
        """`route` over the tree turned round to hang from t's block, every block of its part (cheaper than
        climbing when the flows come from most of the tree): the same walk and the same additions in the same order,
        each block's way kept in lists by block number rather than a dict of tuples."""
        tree_adj = self.tree_adj
        n = len(tree_adj)
        up = [-2] * n  # the next block towards t (-1 for t's own; -2: not in its part)
        bridge = [0] * n
        entry = [0] * n  # the bridge's end in the next block: where the flows enter it
        leave = [0] * n  # the bridge's end in this block: where the flows leave it (t, in t's block)
        up[root], leave[root] = -1, t
        order = [root]
        for c in order:
            for d, e, a, b in tree_adj[c]:
                if up[d] == -2:
                    up[d], bridge[d], entry[d], leave[d] = c, e, a, b
                    order.append(d)
        f_erl = [0.0] * n
        f_sig = [0.0] * n
        for s, erl, sig in flows:
            c = comp[s]
            if up[c] == -2:
                continue
            _add_send(sends, s, leave[c], erl, sig)
            f_erl[c] += erl
            f_sig[c] += sig
        order.reverse()  # farthest first, the last child first
        order.pop()  # t's block: its flows end at t
        for c in order:
            erl, sig = f_erl[c], f_sig[c]
            if erl == 0.0 and sig == 0.0:
                continue
            u, e = up[c], bridge[c]
            edge_erl[e] += erl
            edge_sig[e] += sig
            into, out = entry[c], leave[u]
            if into != out:
                _add_send(sends, into, out, erl, sig)
                transit[into] = True
            f_erl[u] += erl
            f_sig[u] += sig


def _add_send(sends, src: int, dst: int, erl: float, sig: float) -> None:
    if src == dst or (erl == 0.0 and sig == 0.0):
        return
    rows = sends[src]
    if rows is None:
        rows = sends[src] = {}
    add_row(rows, dst, erl, sig)
