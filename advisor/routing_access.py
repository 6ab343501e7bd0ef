"""A site's several access links on a WAN routed over lowest-RTT paths: each sized for all of its WAN calls.

Where every site meets through one cloud, the cloud's closed form sizes each access link of a site for all of
its WAN traffic: either link can carry the busy hour, so a site on two clouds (MPLS and the Internet) has both
sized for it (docs/sizing.md, Multi-homed sites). A drawing routed over paths instead (a leased line between
two data centres beside the clouds, or a cloud that does not reach every site) sends each call over one path:
the second cloud's access links carried only what their paths took, often nothing: three sites on an MPLS
cloud (10 ms access links) and a private WAN (20 ms) with a leased line between two of them had their
private-WAN links at 0 E, 6 E each without the line.

Here each access link of a site with several (links to clouds that reach another site: a cloud with the site
alone on it leads nowhere and carries nothing) carries at least that site's WAN traffic, the figure the closed
form gives it, with its signalling; a relaying hub's also twice the relayed calls, as in the closed form. A link
whose paths bring it more (calls it relays between other sites) keeps that figure. A site whose loss would cut
other sites off (a branch on a leased line hanging off it) carries their calls with the rest of the WAN too: where
all of its clouds lie on one side of it (the rest of the WAN), everything between that side and the site with the
sites behind it crosses the site's links into that side, so each of its access links carries at least what those
links carry together by their paths (a data centre on MPLS and the Internet with a branch hanging off it had its
Internet link at 0 E beside an MPLS link of 8 E: now 8 E on both). Where its clouds lie on different sides (two
clouds that reach different sites), no one link could carry its calls alone: its links keep their paths' figures.
Where the site relays no call between other sites (its links' routed figures add up to its own traffic), every
call on such a link holds one of its phones: those links are returned, so that the bound on their calls is that
of the closed form (at most the phones at the site, or across) and `advisor explain` can say how their figure was
found; a site that relays keeps its links' own bound, never lower than the truth.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from advisor.model import Design
from advisor.routing_graph import graph_of, link_ends

# the last design's answer (the routing's and `explain`'s): (design, access links, main sides)
_memo: tuple[Design, dict[int, int], dict[int, frozenset[int]]] | None = None


def access_links(design: Design, index: dict[str, int]) -> dict[int, int]:
    """{link position: its site's position} for every access link of a site with several, where the link's cloud
    reaches another site; empty when no site has two such links (one pass over the links, none when no cloud).
    Worked out once per design: `advisor explain` asks it of every link it explains."""
    return _worked_out(design, index)[1]


def main_sides(design: Design, index: dict[str, int]) -> dict[int, frozenset[int]]:
    """{site position: the graph nodes next to it on the rest of the WAN's side} for each site of `access_links`
    whose loss would cut other sites off and whose clouds all lie on one side of it: its links to those nodes
    carry everything between that side and the site with the sites behind it."""
    return _worked_out(design, index)[2]


def forget() -> None:
    """Drop the last design's answer (`advisor.analysis.forget`, through `routing_graph.forget`), so that design
    can be freed now."""
    global _memo
    _memo = None


def behind_sites(design: Design, index: dict[str, int]) -> dict[int, tuple[int, ...]]:
    """{site position: the sites that reach the WAN only through it} for each site of `main_sides`."""
    return _worked_out(design, index)[3]


def _worked_out(design: Design, index: dict[str, int]) -> tuple:
    global _memo
    memo = _memo  # one read: another thread may replace it meanwhile
    if memo is not None and memo[0] is design:
        return memo
    memo = _memo = (design, *_access_links(design, index))
    return memo


def _access_links(design: Design, index: dict[str, int]) -> tuple[dict[int, int], dict[int, frozenset[int]], dict]:
    if not design.clouds:
        return {}, {}, {}
    clouds = {c.id for c in design.clouds}
    a_ends, b_ends = link_ends(design)
    access: list[tuple[int, str, str]] = []  # (link, site, cloud)
    for k, (a, b) in enumerate(zip(a_ends, b_ends, strict=True)):
        if (a in clouds) != (b in clouds):
            access.append((k, b, a) if a in clouds else (k, a, b))
    per_site = Counter(site for _k, site, _c in access)
    if not per_site or max(per_site.values()) < 2:
        return {}, {}, {}
    sites_on = Counter(cloud for cloud, _site in {(c, s) for _k, s, c in access})
    found = {k: index[site] for k, site, cloud in access if per_site[site] > 1 and sites_on[cloud] > 1}
    if not found:
        return found, {}, {}
    # a site whose loss would cut other sites off (a data centre with a branch hanging off it, a site on two clouds
    # that reach different sites): sized for what crosses it into the rest of the WAN where its clouds all lie on
    # one side of it, else its links keep what their paths bring them (no one of them could carry all its calls)
    graph = graph_of(design)
    clouds_of: dict[int, set[int]] = {}
    for k, site, cloud in access:
        if k in found:
            clouds_of.setdefault(index[site], set()).add(graph.index[cloud])
    apart, sides, groups = separating(graph, clouds_of)
    return ({k: s for k, s in found.items() if s not in apart} if apart else found), sides, groups


def separating(graph, clouds_of: dict[int, set[int]]) -> tuple[set[int], dict[int, frozenset[int]], dict]:
    """(the candidate nodes (the keys of `clouds_of`) whose removal would leave sites in two or more parts of their
    part of the WAN, and whose clouds (`clouds_of`) lie on different sides of them; for the other candidates that
    cut sites off, their neighbours on the side where all their clouds lie). Tarjan's articulation points,
    iterative, O(nodes + edges), counting the sites below each node of the depth-first forest: a node cuts sites off
    when a child's subtree holding sites reaches nothing above it, the root of a tree when two of its children's
    subtrees hold sites. Each such subtree (numbered in depth-first order, an interval of numbers) is one side of
    the node; what is left of its part of the WAN (above it) another. Third: for the latter candidates, the sites
    on their other sides (the sites behind them)."""
    candidates = clouds_of.keys()
    start, numbers, other = graph.incident()
    n, n_sites = graph.n_nodes, graph.n_sites
    disc, low = [-1] * n, [0] * n
    below = [0] * n  # sites in the node's subtree, itself included, once it is done
    cut_off = [0] * n  # the node's children whose subtree holds sites and reaches nothing above the node
    sides: dict[int, list[tuple[int, int]]] = {}  # candidate -> its children's subtrees reaching nothing above it
    roots = []
    order: list[int] = []  # the nodes in depth-first order: a subtree's numbers are a slice of it
    part_end: dict[int, int] = {}  # a root's number -> the last number of its part of the WAN
    clock = 0
    for root in range(n):
        if disc[root] != -1:
            continue
        roots.append(root)
        disc[root] = low[root] = clock
        order.append(root)
        clock += 1
        stack = [(root, -1, start[root])]
        while stack:
            u, came_by, i = stack[-1]
            if i < start[u + 1]:
                stack[-1] = (u, came_by, i + 1)
                e, v = numbers[i], other[i]
                if e == came_by:
                    continue
                if disc[v] == -1:
                    disc[v] = low[v] = clock
                    order.append(v)
                    clock += 1
                    stack.append((v, e, start[v]))
                elif disc[v] < low[u]:
                    low[u] = disc[v]
                continue
            stack.pop()
            if u < n_sites:
                below[u] += 1
            if stack:
                p = stack[-1][0]
                low[p] = min(low[p], low[u])
                below[p] += below[u]
                if low[u] >= disc[p]:
                    cut_off[p] += below[u] > 0
                    if p in candidates:  # u's subtree: the numbers from disc[u] to the last given out
                        sides.setdefault(p, []).append((disc[u], clock - 1))
        part_end[disc[root]] = clock - 1
    is_root = set(roots)
    part_firsts = sorted(part_end)
    apart: set[int] = set()
    main: dict[int, frozenset[int]] = {}
    groups: dict[int, tuple[int, ...]] = {}
    for u in candidates:
        if cut_off[u] < (2 if u in is_root else 1):
            continue
        below_u = sides[u]  # in depth-first order: increasing, the intervals apart
        firsts = [first for first, _last in below_u]
        on = {_side(disc[c], firsts, below_u) for c in clouds_of[u]}
        if len(on) > 1:
            apart.add(u)
            continue
        (where,) = on
        main[u] = frozenset(v for v in other[start[u]:start[u + 1]] if _side(disc[v], firsts, below_u) == where)
        if where == -1:  # the clouds above: the subtrees cut off below it are behind it
            nodes = [v for first, last in below_u for v in order[first:last + 1]]
        else:  # the clouds in one subtree below it: the rest of its part of the WAN is behind it
            top = part_firsts[bisect_right(part_firsts, disc[u]) - 1]
            last = dict(below_u)[where]
            nodes = [*order[top:where], *order[last + 1:part_end[top] + 1]]
        groups[u] = tuple(v for v in nodes if v < n_sites and v != u)
    return apart, main, groups


def _side(number: int, firsts: list[int], intervals: list[tuple[int, int]]) -> int:
    """Which side of a node the node numbered `number` in depth-first order lies on: the first number of the
    subtree (`intervals`, their `firsts`) that holds it, or -1 (above the node)."""
    at = bisect_right(firsts, number) - 1
    return firsts[at] if at >= 0 and number <= intervals[at][1] else -1


def floor_access_links(design: Design, index: dict[str, int], load, access: dict[int, int],
                       wan_erlangs: list[float], site_signalling: list[float], hub: int | None,
                       hairpin_erlangs: float, relayed_kbps: float) -> frozenset[int]:
    """Raise each link of `access` in `load` (a `routing.LinkLoad`, its lists replaced) to its site's WAN traffic
    and signalling (a relaying hub's with twice the relayed calls and signalling, as the closed form counts them),
    or, for a site with sites behind it (`main_sides`), to what its links into the rest of the WAN carry together;
    the links whose site relays no call between other sites, which then carry their site's own calls alone and are
    bounded as the closed form's access links are. A site relays nothing when its links' routed figures add up to
    its own traffic: each of its own calls crosses one of its links, a relayed one two. A link its paths bring more
    keeps its figure; the links of a site that relays keep their own bound (never lower than the truth)."""
    own: dict[int, tuple[float, float]] = {}
    for s in set(access.values()):
        own[s] = ((wan_erlangs[s] + 2.0 * hairpin_erlangs, site_signalling[s] + 2.0 * relayed_kbps) if s == hub
                  else (wan_erlangs[s], site_signalling[s]))
    behind = main_sides(design, index)
    groups = behind_sites(design, index)
    graph = graph_of(design)
    start, numbers, other = graph.incident()  # per site its edges: parallel links, which each carry the pair's
    first = (lambda e: e) if graph.edges_are_links else (lambda e: graph.edges[e][3][0])  # whole load, once
    erl, sig = load.erlangs, load.signalling_kbps
    routed_at = {}  # what the paths put on each such site's links, before the floors
    crossing = {}  # for a site with sites behind it, what they put on its links into the rest of the WAN
    at_least: dict[int, float] = {}  # for such a site, the least it relays between other sites
    for s in own:  # a site is its node: sites are numbered first, in design order
        ks = [first(numbers[i]) for i in range(start[s], start[s + 1])]
        routed_at[s] = sum(map(erl.__getitem__, ks))
        side = behind.get(s)
        if side is not None:
            ks = [k for i, k in zip(range(start[s], start[s + 1]), ks, strict=True) if other[i] in side]
            through = sum(map(erl.__getitem__, ks))
            crossing[s] = _crossing(s, groups[s], through, sum(map(sig.__getitem__, ks)), own, wan_erlangs,
                                    site_signalling, hub, hairpin_erlangs, relayed_kbps)
            at_least[s] = _relayed_at_least(through, crossing[s][0])
    floors = {s: crossing.get(s, own[s]) for s in own}
    # copies: the routing's own lists stay as it summed them
    erlangs, signalling = load.erlangs, load.signalling_kbps = list(load.erlangs), list(load.signalling_kbps)
    hairpins = load.hairpin_erlangs = list(load.hairpin_erlangs)
    own_only = []
    for k, s in access.items():
        floor, floor_kbps = floors[s]
        if floor > erlangs[k]:
            erlangs[k] = floor
            if s == hub:
                hairpins[k] = hairpin_erlangs
        if floor_kbps > signalling[k]:
            signalling[k] = floor_kbps
        if routed_at[s] <= own[s][0] * _SAME:  # its site relays nothing: every call on the link holds a phone there
            own_only.append(k)
    # each of its own calls crosses one of its links, a relayed one two: (Erlangs, whether exactly that); a site
    # with sites behind it, what its links into the main side carry beyond all of their calls, at least
    relaying = {s: ((routed_at[s] - own[s][0]) / 2.0, True) for s in own
                if s not in behind and s != hub and routed_at[s] > own[s][0] * _SAME}
    relaying.update((s, (erl, False)) for s, erl in at_least.items() if erl > 0.0 and s != hub)
    load.relaying = relaying
    return frozenset(own_only)


def _crossing(s: int, group: tuple[int, ...], through_erl: float, through_kbps: float,
              own: dict[int, tuple[float, float]], wan_erlangs: list[float], site_signalling: list[float],
              hub: int | None, hairpin_erlangs: float, relayed_kbps: float) -> tuple[float, float]:
    """What site `s`'s links into the main side carry together by their paths (`through_erl`, `through_kbps`), as
    its floor: every call between that side and `s` with the sites behind it crosses one of them. A call between two
    sites of the main side whose path runs through `s` (in over one of its clouds, out over another) crosses two, and
    is none of those calls: the sum is capped by all the traffic of `s` and the sites behind it, each call of theirs counted at each of its ends
    (their WAN Erlangs and signalling; a relaying hub's own with its relayed calls), which those calls never
    exceed. C on two clouds relaying 1.5 E between A and B, with a site of no users behind it: 6 E on each of
    C's access links, where without that site its 3 E."""
    cap_erl, cap_sig = own[s]  # `group`: the sites behind it
    for t in group:
        cap_erl += wan_erlangs[t] + (2.0 * hairpin_erlangs if t == hub else 0.0)
        cap_sig += site_signalling[t] + (2.0 * relayed_kbps if t == hub else 0.0)
    return min(through_erl, cap_erl), min(through_kbps, cap_sig)


def _relayed_at_least(through: float, floor: float) -> float:
    """Of what a site's links into the main side carry (`through` Erlangs), what exceeds its capped floor, halved:
    calls between two other sites crossing it, each counted on two of those links; at least that much (the cap
    counts its own calls and those behind it at each end, so it may exceed what they put on those links)."""
    over = through - floor
    return over / 2.0 if over > floor * (_SAME - 1) else 0.0


_SAME = 1 + 1e-9  # relative: a routed figure this close to the floor is the same calls summed in another order


__all__ = ["access_links", "behind_sites", "floor_access_links", "main_sides", "separating"]
