"""The trees of many sources of one large equal-weight block, walked and summed together as numpy array passes.

A ring, grid or random mesh of thousands of sites is one block, routed by one tree per sending node: n trees of n
nodes. `routing_levels` walks and sums each tree in interpreted steps; here a batch of sources advances level by
level at once, so the interpreter's work is per level of a batch instead of per node of every tree.

The same trees and the same figures, bit for bit, as `routing_levels.level_parents` and `sum_levels` source after
source (tests/core/test_routing_levels_batch.py):

- the walk: each level's candidates are met in the order the single walk meets them (sources in order, each
  level's nodes by number, each node's adjacency in order); the first candidate for a node is its parent, and the
  level's keys (source, node) in order give each source's next level by number. `_settle` finds them one of three
  ways, the same nodes and parents each way: candidates already strictly in key order (a ring's two ends moving
  outwards) are the level as they stand; a large level marks its nodes and keeps each one's least candidate
  (`numpy.minimum.at`, whatever the order it is applied in); any other sorts them (a stable sort keeps the first);
- the sums: a node's demand goes to its parent level by level, deepest first, each level in reverse settle order,
  by `numpy.add.at` on the level above's figures, which adds repeated indices one after the other in the order
  given: the same additions in the same order as the single loop, since a node's children all sit on the next
  level. A node's own demand is the same product rate × users as the loop's, plus its point flow added once. The
  calls and the signalling ride together as one complex number: adding two adds the parts, each as a float;
- the edges: each source adds at most one term to each edge; the batch's terms go on top of the edge's figure
  source by source, one row after the other (never numpy's pairwise `sum`);
- a signalling term of zero is added as zero: x + 0.0 is x.
"""

from __future__ import annotations

BATCH_CELLS = 4_000_000  # sources × max(nodes, edges) per batch: ~45-65 bytes a cell in all (≤ 260 MB)
DENSE_LEVEL = 12  # a level with candidates for 1/12 of the batch's cells found by marks, not by a sort
PADDED_SLOTS = 1.5  # rows padded to the largest degree where that adds at most half as many slots again


class Block:
    """A block's adjacency as arrays (neighbour and edge per slot, in adjacency order) and its edge numbers; where
    the degrees are about alike, also each node's row of neighbours and edges padded to the largest degree with a
    node that is always seen (number n)."""

    def __init__(self, lean_adj: list[tuple[tuple[int, int], ...]], edges: list[int]):
        import numpy as np

        self.n = n = len(lean_adj)
        self.edges = list(edges)  # block edge -> edge number, in the block's order
        column = {e: i for i, e in enumerate(edges)}
        degree = [len(row) for row in lean_adj]
        self.start = np.zeros(n + 1, dtype=np.int32 if sum(degree) < 2**31 else np.int64)
        np.cumsum(degree, out=self.start[1:])
        slots = int(self.start[-1])
        self.degree = np.asarray(degree, dtype=self.start.dtype)
        self.neighbour = np.fromiter((w for row in lean_adj for w, _e in row), dtype=np.int32, count=slots)
        self.edge = np.fromiter((column[e] for row in lean_adj for _w, e in row), dtype=np.int32, count=slots)
        self.width = width = max(degree, default=0)
        self.padded = None  # (neighbours, edges), n × width
        self.isolated = 0 in degree
        if n and width and width * n <= PADDED_SLOTS * slots:
            neighbour = np.full((n, width), n, dtype=np.int32)
            edge = np.zeros((n, width), dtype=np.int32)
            rows = np.repeat(np.arange(n), self.degree)
            cols = np.arange(slots) - self.start[:-1][rows]
            neighbour[rows, cols] = self.neighbour
            edge[rows, cols] = self.edge
            self.padded = neighbour, edge

    def batch_size(self) -> int:
        return max(1, BATCH_CELLS // max(self.n, len(self.edges), 1))


class Batch:
    """Sources of a large equal-weight block waiting to be routed together, flushed when the batch is full, before a
    source routed otherwise (each edge adds its terms in source order) and at the block's end."""

    def __init__(self, lean_adj, edges, dest_u, local, edge_erl, edge_sig):
        self.block = Block(lean_adj, edges)
        self.dest_u, self.local, self.edge_erl, self.edge_sig = dest_u, local, edge_erl, edge_sig
        self.size = self.block.batch_size()
        self.sources: list[int] = []
        self.rates: list[float] = []
        self.rows: list = []

    def add(self, source: int, rate: float, rows) -> None:
        self.sources.append(source)
        self.rates.append(rate)
        self.rows.append(rows)
        if len(self.sources) >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.sources:
            route_batch(self.block, self.sources, self.rates, self.dest_u, self.rows, self.local, self.edge_erl,
                        self.edge_sig)
            self.sources, self.rates, self.rows = [], [], []


def route_batch(block: Block, sources: list[int], rates: list[float], dest_u: list[float],
                rows: list[dict | None], local: dict[int, int], edge_erl: list[float],
                edge_sig: list[float]) -> None:
    """`level_parents` + `sum_levels` for each source in turn (local node numbers `sources`, with their gravity
    rate and point flows), adding to `edge_erl` / `edge_sig` (indexed by edge number) in source order."""
    import numpy as np

    count, m = len(sources), len(block.edges)
    wide = block.n + 1
    flows = {b * wide + local[dst]: (erl, sig) for b, row in enumerate(rows) if row is not None
             for dst, (erl, sig) in row.items()}
    levels, own, term = _walk(block, sources, np.asarray(rates, dtype=np.float64),
                              np.asarray(dest_u, dtype=np.float64), flows)
    terms = np.zeros((count + 1) * m, dtype=np.complex128)  # row 0: the edges' figures so far; row b + 1: source b's
    terms.real[:m] = [edge_erl[e] for e in block.edges]
    terms.imag[:m] = [edge_sig[e] for e in block.edges]
    figures = levels[-1][1]
    for level in range(len(levels) - 1, 0, -1):  # deepest first
        above = levels[level - 1][1]
        np.add.at(above, levels[level][0][::-1], figures[::-1])  # each level in reverse settle order
        figures = above
    terms[term] = own  # each source's term on each edge of its tree
    total = _down(terms.reshape(count + 1, m))
    for e, x, y in zip(block.edges, total.real.tolist(), total.imag.tolist(), strict=True):
        edge_erl[e] = x
        edge_sig[e] = y


def _down(terms):
    """Row 0 plus each following row in turn: one addition after the other per column, as the loop adds them."""
    total = terms[0].copy()
    for row in terms[1:]:
        total += row
    return total


def _walk(block: Block, sources: list[int], rates, dest_u, flows: dict) -> tuple:
    """The levels of every source's walk, the sources first, each in order of (source, node): per level each
    node's parent as its place in the level before, and its own demand, calls + 1j × signalling (`flows`: point
    flows by key source × (n + 1) + node); then every level's demands after the sources' and the place of each
    one's term, (source + 1) × edges + its parent edge, in one array each."""
    import numpy as np

    n, width, m, count = block.n, block.width, len(block.edges), len(sources)
    wide = n + 1
    kind = np.int32 if (count + 1) * max(wide, m) < 2**31 else np.int64
    unseen = np.ones(count * wide, dtype=np.uint8)  # 2: unseen, with a point flow
    unseen[n::wide] = 0  # the padding node
    if flows:
        unseen[np.fromiter(flows, dtype=np.int64, count=len(flows))] = 2
    node = np.asarray(sources, dtype=kind)
    base = np.arange(count, dtype=kind) * wide  # each entry's source row, in keys
    row = np.arange(m, (count + 1) * m, m, dtype=kind)  # each entry's source row, in terms
    rate = rates
    unseen[base + node] = 0
    own = np.zeros(count * n, dtype=np.complex128)  # every level's own demands, one after the other
    term = np.empty(count * n, dtype=kind)  # and where each one's term goes
    levels = [(None, own[:count])]  # a source's own demand goes nowhere
    done = count
    padded = block.padded
    scratch: list = []  # the marks of a large level, made when first needed
    if padded is not None:
        shift = width.bit_length() - 1 if width & (width - 1) == 0 else None
    while width:
        cand, of, slots = _candidates(block, node, base)
        marks = np.take(unseen, cand)
        fresh = np.flatnonzero(marks)
        if not fresh.size:
            break
        keys, first = _settle(np.take(cand, fresh), fresh, len(unseen), block, scratch)
        unseen[keys] = 0
        if padded is None:
            parent = np.take(of, first)
            at = np.take(block.edge, np.take(slots, first))
        else:
            parent = first >> shift if shift is not None else first // width
            at = np.take(np.take(padded[1], node, axis=0), first)
        base = np.take(base, parent)
        node = keys - base
        row = np.take(row, parent)
        np.add(at, row, out=term[done:done + len(keys)])
        rate = np.take(rate, parent)
        level = own[done:done + len(keys)]
        done += len(keys)
        np.multiply(rate, np.take(dest_u, node), out=level.real)
        if flows and marks.max() == 2:  # the point flows to this level's nodes: calls + erl, signalling 0.0 + sig
            for i in np.flatnonzero(np.take(marks, first) == 2).tolist():
                level[i] += complex(*flows[int(keys[i])])
        levels.append((parent, level))
    return levels, own[count:done], term[count:done]


def _candidates(block: Block, node, base) -> tuple:
    """A level's candidate keys, entry after entry (`node`, with its source row `base` in keys), each node's
    adjacency in order; over packed slots, also each candidate's entry and slot."""
    import numpy as np

    if block.padded is not None:  # the padding node is always seen
        return (base[:, None] + np.take(block.padded[0], node, axis=0)).reshape(-1), None, None
    degree = np.take(block.degree, node)
    ends = np.cumsum(degree)
    total = int(ends[-1])
    if block.isolated:  # a node with no neighbour: entries without candidates
        of = np.repeat(np.arange(len(node)), degree)
    else:
        of = np.zeros(total, dtype=np.int32)  # each candidate's entry: a step at each entry's first slot
        of[ends[:-1]] = 1
        np.cumsum(of, out=of)
    slots = np.take(np.take(block.start, node) - (ends - degree), of)
    slots += np.arange(total, dtype=slots.dtype)
    return np.take(base, of) + np.take(block.neighbour, slots), of, slots


def _settle(found, fresh, cells: int, block: Block, scratch: list) -> tuple:
    """A level's keys in order and each one's first candidate, from the fresh candidates `found` (keys, in the order
    met) at places `fresh` among all the level's candidates."""
    import numpy as np

    if found.size == 1 or (found[1:] > found[:-1]).all():
        return found, fresh  # already in key order, each node once
    if found.size * DENSE_LEVEL >= cells:  # a large level: marks instead of a sort
        if not scratch:
            scratch += [np.zeros(cells, dtype=bool), np.full(cells, np.iinfo(np.int32).max, dtype=np.int32)]
        flag, claim = scratch
        flag[found] = True
        keys = np.flatnonzero(flag)
        flag[keys] = False
        np.minimum.at(claim, found, np.arange(found.size, dtype=np.int32))  # each node's least candidate
        first = np.take(fresh, np.take(claim, keys))
        claim[keys] = np.iinfo(np.int32).max
        return keys, first
    order = np.argsort(found, kind="stable")  # stable: a node's first candidate first
    found = np.take(found, order)
    head = np.empty(found.size, dtype=bool)
    head[0] = True
    np.not_equal(found[1:], found[:-1], out=head[1:])
    return found[head], np.take(fresh, order[head])
