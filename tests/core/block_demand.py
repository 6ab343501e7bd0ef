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
