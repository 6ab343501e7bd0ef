"""The trees of many sources of one large equal-weight block, walked and summed together as numpy array passes.

A ring, grid or random mesh of thousands of sites is one block, routed by one tree per sending node: n trees of n
nodes. `routing_levels` walks and sums each tree in interpreted steps; here a batch of sources advances level by
level at once, so the interpreter's work is per level of a batch instead of per node of every tree.

The same trees and the same figures, bit for bit, as `routing_levels.level_parents` and `sum_levels` source after
source (tests/core/test_routing_levels_batch.py):

- the walk: each level's candidates are met in the order the single walk meets them (sources in order, each
  level's nodes by number, each node's adjacency in order); the first candidate for a node is its parent (a stable
  sort keeps the first), and sorting the level's (source, node) keys gives each source's next level by number;
- the sums: a node's demand goes to its parent level by level, deepest first, each level in reverse settle order,
  by `numpy.add.at`, which adds repeated indices one after the other in the order given: the same additions in the
  same order as the single loop, since a node's children all sit on the next level;
- the edges: each source adds at most one term to each edge; the batch's terms go on top of the edge's figure
  source by source, one row after the other (never numpy's pairwise `sum`);
- a signalling term of zero is added as zero: x + 0.0 is x.
"""

from __future__ import annotations

BATCH_CELLS = 4_000_000  # sources × max(nodes, edges) per batch: ~50 bytes a cell in all (200 MB)


class Block:
    """A block's adjacency as arrays (neighbour and edge per slot, in adjacency order) and its edge numbers."""

    def __init__(self, lean_adj: list[tuple[tuple[int, int], ...]], edges: list[int]):
        import numpy as np

        self.n = len(lean_adj)
        self.edges = list(edges)  # block edge -> edge number, in the block's order
        column = {e: i for i, e in enumerate(edges)}
        degree = [len(row) for row in lean_adj]
        self.start = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(degree, out=self.start[1:])
        self.degree = np.asarray(degree, dtype=np.int64)
        self.neighbour = np.fromiter((w for row in lean_adj for w, _e in row), dtype=np.int32,
                                     count=int(self.start[-1]))
        self.edge = np.fromiter((column[e] for row in lean_adj for _w, e in row), dtype=np.int32,
                                count=int(self.start[-1]))

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

    n, count = block.n, len(sources)
    src = np.asarray(sources, dtype=np.int32)
    acc_erl = np.multiply.outer(np.asarray(rates, dtype=np.float64), np.asarray(dest_u, dtype=np.float64))
    acc_sig = np.zeros((count, n))
    for b, flows in enumerate(rows):
        if flows is not None:
            for dst, (erl, sig) in flows.items():
                acc_erl[b, local[dst]] += erl
                acc_sig[b, local[dst]] += sig
    seen = np.zeros((count, n), dtype=bool)
    seen[np.arange(count), src] = True
    levels = _walk(block, seen, np.arange(count, dtype=np.int32), src)  # int32: count × n ≤ BATCH_CELLS
    m = len(block.edges)
    terms_erl = np.zeros((count + 1, m))  # row 0: the edges' figures so far; row b + 1: source b's terms
    terms_sig = np.zeros((count + 1, m))
    terms_erl[0] = [edge_erl[e] for e in block.edges]
    terms_sig[0] = [edge_sig[e] for e in block.edges]
    for batch, node, parent, edge in reversed(levels):
        back = slice(None, None, -1)  # each level in reverse settle order
        batch, node, parent, edge = batch[back], node[back], parent[back], edge[back]
        erl = acc_erl[batch, node]
        sig = acc_sig[batch, node]
        terms_erl[batch + 1, edge] = erl
        terms_sig[batch + 1, edge] = sig
        np.add.at(acc_erl, (batch, parent), erl)
        np.add.at(acc_sig, (batch, parent), sig)
    total_erl, total_sig = _down(terms_erl), _down(terms_sig)
    for e, x, y in zip(block.edges, total_erl, total_sig, strict=True):
        edge_erl[e] = x
        edge_sig[e] = y


def _down(terms) -> list[float]:
    """Row 0 plus each following row in turn: one addition after the other per column, as the loop adds them."""
    total = terms[0].copy()
    for row in terms[1:]:
        total += row
    return total.tolist()


def _walk(block: Block, seen, batch, node) -> list[tuple]:
    """The levels of every source's walk: per level (source index, node, parent node, block edge), sorted by source
    then node."""
    import numpy as np

    n = block.n
    levels = []
    while len(node):
        degree = block.degree[node]
        slot_of = np.repeat(np.arange(len(node)), degree)  # each candidate's frontier entry
        first_slot = np.cumsum(degree) - degree
        slots = block.start[node][slot_of] + (np.arange(len(slot_of)) - first_slot[slot_of])
        to = block.neighbour[slots]
        by = batch[slot_of]
        fresh = ~seen[by, to]
        if not fresh.any():
            break
        to, by, slots, frm = to[fresh], by[fresh], slots[fresh], node[slot_of[fresh]]
        keys, first = np.unique(by * n + to, return_index=True)  # sorted keys; first: the earliest candidate
        batch, node = keys // n, keys % n
        seen[batch, node] = True
        levels.append((batch, node, frm[first], block.edge[slots[first]]))
    return levels
