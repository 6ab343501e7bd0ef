"""Random calls for a block of n nodes, as `routing_blocks` hands them to the sums made at once (ring, two hubs, a
core with branches): the block's nodes numbered from an offset in the graph, the users each receives calls for, and
the sources (block node, rate per user received, point flows {graph node: [E, kbps]} or None); idle nodes none."""

from __future__ import annotations

import random


def random_demand(rnd: random.Random, n: int) -> tuple[dict[int, int], list[float], list[tuple]]:
    offset = rnd.choice((0, 500))  # the block's nodes are graph nodes offset..offset+n-1
    local = {offset + i: i for i in range(n)}
    dest_u = [float(rnd.choice((0, 0, 1, 7, 25, 400))) for _ in range(n)]
    sources = []
    for i in range(n):
        rate = rnd.choice((0.0, 0.0, 1e-4, 3.3e-3, 0.05))
        rows = None
        if rnd.random() < 0.3:
            rows = {offset + rnd.randrange(n): [rnd.random(), rnd.choice((0.0, rnd.random() * 40))]
                    for _ in range(rnd.randint(1, 3))}
        if rate or rows:
            sources.append((i, rate, rows))
    return local, dest_u, sources


def adjacency(rnd: random.Random, n: int, pairs: list[tuple[int, int]]) -> list[tuple[tuple[int, int], ...]]:
    """The adjacency lists of `n` nodes joined by `pairs`, shuffled first (edges numbered at random), each list in
    a random order: (neighbour, edge number) per entry."""
    rnd.shuffle(pairs)
    rows: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for e, (u, v) in enumerate(pairs):
        rows[u].append((v, e))
        rows[v].append((u, e))
    for row in rows:
        rnd.shuffle(row)
    return [tuple(row) for row in rows]
