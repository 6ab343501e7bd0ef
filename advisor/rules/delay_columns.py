"""The delay check's per-site passes in C-level form (`advisor.rules.delay_paths`): the two farthest sites from a
hub, and the hauled sites' distances to the PSTN site where they beat their farthest partner so far.
"""

from __future__ import annotations

import heapq
from itertools import compress, repeat
from operator import eq, gt, itemgetter


def top_two(dist: list[float | None], terminals: list[str], hub: str) -> list[tuple[float, str]]:
    """`heapq.nlargest(2, [(d, t) for d, t in zip(dist, terminals) if d is not None and t != hub])`: in C-level
    passes when every terminal is reached (the largest distance, then the largest id among the sites at it; the
    same pairs, each its own distance and id)."""
    if None in dist:
        return heapq.nlargest(2, [(dt, t) for dt, t in zip(dist, terminals, strict=True) if dt is not None and t != hub])
    if hub in terminals:
        i = terminals.index(hub)
        dist, terminals = dist[:i] + dist[i + 1:], terminals[:i] + terminals[i + 1:]
    if not dist:
        return []
    first = max(dist)
    if dist.count(first) > 1:  # the two largest ids at it (sites alike: thousands tie), each with its own distance
        tied = list(compress(terminals, map(eq, dist, repeat(first))))
        one = max(tied)
        two = max(filter(one.__ne__, tied))
        return [(dist[terminals.index(one)], one), (dist[terminals.index(two)], two)]
    i = dist.index(first)
    top = [(dist[i], terminals[i])]
    dist, terminals = dist[:i] + dist[i + 1:], terminals[:i] + terminals[i + 1:]
    if dist:
        second = max(dist)
        top.append(max(compress(zip(dist, terminals, strict=True), map(eq, dist, repeat(second)))))
    return top


def hauled_worst(worst: dict[str, tuple[float, str]], hauled: list[str], d: list[float | None], central: str) -> None:
    """Each hauled site's distance `d` to the PSTN site (None: not reached) where it beats the site's farthest
    partner so far (-1 for none): in C-level passes when every one is reached (the pairs written in the hauled
    order, as one by one: a site already in `worst` keeps its place, a new one comes after)."""
    if None in d:
        for sid, ds in zip(hauled, d, strict=True):
            if ds is not None and ds > worst.get(sid, (-1.0, ""))[0]:
                worst[sid] = (ds, central)
        return
    flags = list(map(gt, d, map(itemgetter(0), map(worst.get, hauled, repeat((-1.0, ""))))))
    worst.update(zip(compress(hauled, flags), zip(compress(d, flags), repeat(central)), strict=True))
