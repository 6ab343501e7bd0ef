"""Sums over the routing's trees as numpy array operations, for large WANs: the same additions, in the same
order, as the loops they replace (`routing_trees.sum_up` and the like), so the same figures bit for bit.
"""

from __future__ import annotations

_ROUNDS = 16  # `scatter_in_order`: a slot with more additions than this is summed by one cumulative sum


class Tree:
    """A rooted forest (`parent` node per node, −1 at roots) prepared for two sums made as a few array operations
    instead of one step per node, with the same additions in the same order:

    - `scan`: `for v in order: x[v] = x[parent[v]] + a[v] + b[v] + …` (the search's distances);
    - `fold`: `for v in reversed(order): x[parent[v]] += x[v]` (`sum_up`), each node's children in the order of
      `later` (`order_children`);

    `order` being any order with parents before children. By depth: in `scan` all the nodes of one depth at once;
    in `fold` a node of depth d is complete once the nodes of depth d + 1 have been added to it, so at depth d each
    parent takes its last child, then its last but one, …: one array addition per rank (the parents of one rank all
    different). A run of nodes with one child each (a chain) is one cumulative sum along it (numpy's cumulative sums
    add in sequence), and runs of one length starting at one depth share it. A shape that needs more than `most`
    operations that way (by default one per 16 nodes: a long comb, a random tree) is folded by heavy paths instead
    (`_Heavy`, a few rounds for any shape); its `scan` is left to a pass node by node (`down` is None)."""

    def __init__(self, parent, most: int | None = None):
        import numpy as np

        par = self.parent = np.asarray(parent, dtype=np.int64)
        n = par.size
        self.most = most = _most(n) if most is None else most
        kid = np.flatnonzero(par >= 0)
        kids = np.bincount(par[kid], minlength=n)
        depth = self.depth = _depths(par)
        unary = kids == 1
        # Runs of nodes with one child, each named by its top (a root, or the child of a branching node).
        same = np.zeros(n, dtype=bool)
        same[kid] = unary[kid] & unary[par[kid]]
        top = roots(np.where(same, par, np.arange(n)))
        members = np.flatnonzero(unary)
        members = members[np.lexsort((-depth[members], top[members]))]  # by run, bottom first
        starts = np.flatnonzero(np.r_[True, top[members[1:]] != top[members[:-1]]]) if members.size else members
        sizes = np.diff(np.r_[starts, members.size])
        only = np.full(n, -1, dtype=np.int64)
        below = kid[unary[par[kid]]]
        only[par[below]] = below  # the one child of each node in a run
        self.branch = kid[kids[par[kid]] >= 2]  # children of branching nodes
        # `scan` reaches by depth every node but those inside a run (below its top) and the child under a run.
        inside = np.zeros(n, dtype=bool)
        inside[members[same[members]]] = True
        inside[only[members[starts]]] = True
        reached = kid[~inside[kid]]
        run_groups = _groups(depth[top[members[starts]]], sizes, most)
        level_groups = _groups(depth[reached], np.zeros(reached.size, dtype=np.int64), most)
        self.runs = self.down = self._last = None
        if run_groups is None or level_groups is None or len(run_groups) + len(level_groups) > most:
            return
        self.runs = []  # (depth of the top, nodes: top first, then down to the child under the run; a row per run)
        for level, size, pick in run_groups:
            rows = members[starts[pick][:, None] + np.arange(size)]
            path = np.concatenate([only[members[starts[pick]]][:, None], rows], axis=1)[:, ::-1]
            self.runs.append((level, path))
        down = [(level, 0, reached[pick], par[reached[pick]]) for level, _z, pick in level_groups]
        down += [(level, 1, path, None) for level, path in self.runs]
        down.sort(key=lambda w: w[:2])
        self.down = [(a, b) for _d, _k, a, b in down]

    def order_children(self, later) -> list | None:
        """The steps of `fold` when `later[v]` orders the children of each node as `order` does (the runs first,
        then the branching nodes by depth; else heavy paths); None when even those are too many."""
        import numpy as np

        par, branch = self.parent, self.branch
        branch = branch[np.lexsort((-np.asarray(later)[branch], par[branch]))]
        if self._last is not None and np.array_equal(self._last[0], branch):
            return self._last[1]  # the children in the same order as last time (the other overlay's tree)
        ups = par[branch]
        first = np.flatnonzero(np.r_[True, ups[1:] != ups[:-1]]) if branch.size else branch
        rank = np.arange(branch.size) - np.repeat(first, np.diff(np.r_[first, branch.size]))
        add_groups = None if self.runs is None else _groups(self.depth[ups], rank, self.most)
        if add_groups is None or len(add_groups) + len(self.runs) > self.most:
            steps = _heavy_paths(par, self.depth, np.asarray(later), _heavy_most(par.size))  # a comb, a random tree
            self._last = (branch, steps) if steps is not None else None
            return steps
        steps = [(-level, 0, 0, path[:, ::-1], None) for level, path in self.runs]
        steps += [(-level, 1, r, branch[pick], ups[pick]) for level, r, pick in add_groups]
        steps.sort(key=lambda w: w[:3])
        self._last = (branch, [(a, b) for _d, _k, _r, a, b in steps])
        return self._last[1]

    @staticmethod
    def fold(steps, x) -> None:
        """Sum `x` (one row per figure, one column per node) up the tree by `order_children`'s steps, in place."""
        import numpy as np

        if isinstance(steps, _Heavy):
            steps.fold(x)
            return
        for a, b in steps:
            if b is None:
                x[:, a] = np.cumsum(x[:, a], axis=-1)
            else:
                x[:, b] += x[:, a]

    def scan(self, x, *terms) -> None:
        """`x[..., v] = (x[..., parent[v]] + t1[..., v]) + t2[..., v] + …` from the roots down (`x` at the roots
        given), in place; `x` and each term one row per figure (or one figure), one column per node."""
        import numpy as np

        k = len(terms)
        for nodes, ups in self.down:
            if ups is not None:
                value = x[..., ups]
                for term in terms:
                    value = value + term[..., nodes]
                x[..., nodes] = value
            else:  # a run, top first: x at the top, then each node's terms in turn, summed in sequence
                steps = np.empty(x.shape[:-1] + (nodes.shape[0], 1 + k * (nodes.shape[1] - 1)))
                steps[..., 0] = x[..., nodes[:, 0]]
                for i, term in enumerate(terms):
                    steps[..., 1 + i::k] = term[..., nodes[:, 1:]]
                x[..., nodes[:, 1:]] = np.cumsum(steps, axis=-1)[..., k::k]


class _Heavy:
    """`Tree.fold` by heavy paths, for any shape in a few rounds: each node's heaviest child (most nodes below it)
    continues its path, so a path from a root meets at most log₂(nodes) light children. Round by round, from the
    deepest light paths up, every path of the round is one cumulative sum from its bottom (a leaf) up: at each node,
    its figure plus the children added before the heavy one (`before`: a cumulative sum of their own), then the
    heavy child's running sum, then the children added after it, in turn. The same additions in the same order as
    node by node (x + y = y + x puts the running sum first); each sum is read where its own terms end."""

    def __init__(self, rounds):
        self.rounds = rounds  # per round: [(nodes, columns, (rows, ends))] for `before`, then for the paths

    def fold(self, x) -> None:
        import numpy as np

        zero = np.zeros((x.shape[0], 1))
        for before, paths in self.rounds:
            pre = x.copy()
            if before:
                values = np.concatenate([x, zero], axis=1)
                for nodes, columns, (rows, ends) in before:
                    pre[:, nodes] = np.cumsum(values[:, columns], axis=-1)[:, rows, ends]
            values = np.concatenate([x, pre, zero], axis=1)
            for nodes, columns, (rows, ends) in paths:
                x[:, nodes] = np.cumsum(values[:, columns], axis=-1)[:, rows, ends]


def _heavy_paths(par, depth, later, most: int):
    """`_Heavy`'s rounds for the forest `par` (each node's children added in descending `later`); None when they
    take more than `most` array operations."""
    import numpy as np

    n = par.size
    size = [1] * n
    ups = par.tolist()
    for v in np.argsort(-depth, kind="stable").tolist():  # deepest first: each count is complete when passed on
        if ups[v] >= 0:
            size[ups[v]] += size[v]
    size = np.array(size)
    kid = np.flatnonzero(par >= 0)
    kid = kid[np.lexsort((-later[kid], par[kid]))]  # each node's children in the order they are added
    rank = np.full(n, -1, dtype=np.int64)
    if kid.size:
        p = par[kid]
        first = np.flatnonzero(np.r_[True, p[1:] != p[:-1]])
        rank[kid] = np.arange(kid.size) - np.repeat(first, np.diff(np.r_[first, kid.size]))
    by_weight = np.flatnonzero(par >= 0)
    by_weight = by_weight[np.lexsort((later[by_weight], size[by_weight], par[by_weight]))]
    last = np.flatnonzero(np.r_[par[by_weight][1:] != par[by_weight][:-1], True]) if by_weight.size else by_weight
    heavy = np.zeros(n, dtype=bool)
    heavy[by_weight[last]] = True  # the child with most nodes below (the last added on a tie)
    heavy_rank = np.full(n, -1, dtype=np.int64)
    heavy_rank[par[by_weight[last]]] = rank[by_weight[last]]
    top = roots(np.where(heavy, par, np.arange(n)))
    level = _depths(par, (par >= 0) & ~heavy)  # light children on the way from the root
    before_heavy = kid[rank[kid] < heavy_rank[par[kid]]]
    after_heavy = kid[(heavy_rank[par[kid]] >= 0) & (rank[kid] > heavy_rank[par[kid]])]
    rounds, steps = [], 0
    for lv in range(int(level.max(initial=0)), -1, -1):
        mine = before_heavy[level[par[before_heavy]] == lv]
        owners = distinct(par[mine])
        before = _layout(owners, owners, owners, mine, par[mine], n, n)
        on = np.flatnonzero(level == lv)  # the nodes of this round's paths (a heavy path shares its top's level)
        nodes = on[np.lexsort((-depth[on], top[on]))]  # path by path, bottom (a leaf) first
        leaf = np.r_[True, top[nodes[1:]] != top[nodes[:-1]]]
        after = after_heavy[level[par[after_heavy]] == lv]
        paths = _layout(nodes, np.where(leaf, nodes, n + nodes), top[nodes], after, par[after], n, 2 * n)
        steps += len(before) + len(paths)
        if steps > most:
            return None
        rounds.append((before, paths))
    return _Heavy(rounds)


def _layout(owners, heads, rows, tails, tail_owner, n: int, pad: int) -> list:
    """Columns for cumulative sums: each owner's segment is [its head column, its tails in the order given]; the
    owners with one row key (contiguous in `owners`) make one row, their segments in turn. Rows of similar length
    share a matrix padded at the end with column `pad`. [(owners, columns, (row, end of the owner's segment))]."""
    import numpy as np

    m = owners.size
    if not m:
        return []
    index_of = np.full(n, -1, dtype=np.int64)
    index_of[owners] = np.arange(m)
    owner = index_of[tail_owner]
    by_owner = np.argsort(owner, kind="stable")
    tails, owner = tails[by_owner], owner[by_owner]
    count = np.bincount(owner, minlength=m)
    seg = 1 + count
    row_start = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    row = np.repeat(np.arange(row_start.size), np.diff(np.r_[row_start, m]))
    start = np.cumsum(seg) - seg
    offset = start - start[row_start][row]
    end = offset + seg - 1
    tail_at = offset[owner] + 1 + (np.arange(tails.size) - np.repeat(np.cumsum(count) - count, count))
    length = np.bincount(row, weights=seg).astype(np.int64)
    bucket = np.ceil(np.log2(length)).astype(np.int64)
    out = []
    for b in distinct(bucket).tolist():
        chosen = np.flatnonzero(bucket == b)
        local = np.full(row_start.size, -1, dtype=np.int64)
        local[chosen] = np.arange(chosen.size)
        columns = np.full((chosen.size, int(length[chosen].max())), pad, dtype=np.int64)
        mine = local[row] >= 0
        columns[local[row[mine]], offset[mine]] = heads[mine]
        theirs = local[row[owner]] >= 0
        columns[local[row[owner[theirs]]], tail_at[theirs]] = tails[theirs]
        out.append((owners[mine], columns, (local[row[mine]], end[mine])))
    return out


def _most(n: int) -> int:
    """Array operations a tree of n nodes may take before a pass in Python (one step per node) is faster."""
    return max(32, n // 16)


def _heavy_most(n: int) -> int:
    """The same for heavy paths (their own knob, so tests can send every tree their way)."""
    return _most(n)


def _groups(level, key, most: int) -> list | None:
    """[(level, key, positions)] for each distinct (level, key) pair; None when there are more than `most`."""
    import numpy as np

    if not level.size:
        return []
    by = np.lexsort((key, level))
    lv, ky = level[by], key[by]
    cut = np.flatnonzero(np.r_[True, (lv[1:] != lv[:-1]) | (ky[1:] != ky[:-1])])
    if cut.size > most:
        return None
    ends = np.r_[cut[1:], by.size]
    return [(int(lv[a]), int(ky[a]), by[a:b]) for a, b in zip(cut.tolist(), ends.tolist(), strict=True)]


def distinct(values):
    """The sorted distinct values of an integer array, as `np.unique(values)`. numpy's own imports numpy.ma the
    first time it is called without its optional outputs (6-9 ms of a command's start)."""
    import numpy as np

    ordered = np.sort(values, kind="stable")
    if ordered.size < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def roots(up):
    """Follow `up` (node -> next node up; a top points to itself) to the top, by pointer doubling."""
    import numpy as np

    while True:
        nxt = up[up]
        if np.array_equal(nxt, up):
            return up
        up = nxt


def _depths(par, counted=None):
    """Depth of each node (roots 0), or how many of its ancestors-or-self are `counted`, by pointer doubling:
    log₂(depth) array steps."""
    import numpy as np

    depth = (par >= 0 if counted is None else counted).astype(np.int64)
    up = np.where(par >= 0, par, np.arange(par.size))
    while True:
        nxt = up[up]
        if np.array_equal(nxt, up):
            return depth
        depth = depth + depth[up]
        up = nxt


def scatter_in_order(x, slots, values) -> None:
    """`for i in range(len(slots)): x[:, slots[i]] += values[:, i]`, the same additions in the same order.

    A slot with one addition takes it directly. A slot with many (the PSTN site, a call-processing site) takes a
    cumulative sum of its own additions, in order, after its current value. The others are sorted by slot (stably,
    so each keeps its order) and take them in rounds: the i-th addition of every such slot in round i (all
    different slots)."""
    import numpy as np

    if not slots.size:
        return
    counts = np.bincount(slots)
    per = counts[slots]
    once = per == 1
    x[:, slots[once]] += values[:, once]
    if once.all():
        return
    for slot in np.flatnonzero(counts > _ROUNDS).tolist():
        mine = values[:, slots == slot]
        x[:, slot] = np.cumsum(np.concatenate([x[:, slot:slot + 1], mine], axis=1), axis=1)[:, -1]
    few = np.flatnonzero((per > 1) & (per <= _ROUNDS))
    if few.size:
        few = few[np.argsort(slots[few], kind="stable")]
        s = slots[few]
        first = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
        rank = np.arange(few.size) - np.repeat(first, np.diff(np.r_[first, few.size]))
        for r in range(int(rank.max()) + 1):
            pick = few[rank == r]
            x[:, slots[pick]] += values[:, pick]
