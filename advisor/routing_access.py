"""A site's several access links on a WAN routed over lowest-RTT paths: each sized for all of its WAN calls.

Where every site meets through one cloud, the cloud's closed form sizes each access link of a site for all of
its WAN traffic: either link can carry the busy hour, so a site on two clouds (MPLS and the Internet) has both
sized for it (docs/sizing.md, Multi-homed sites). A drawing routed over paths instead (a leased line between
two data centres beside the clouds, or a cloud that does not reach every site) sends each call over one path:
the second cloud's access links carried only what their paths took, often nothing: three sites on an MPLS
cloud (10 ms access links) and a private WAN (20 ms) with a leased line between two of them had their
private-WAN links at 0 E, 6 E each without the line.

Here each access link of a site with several (links to clouds that reach another site: a cloud with the site
alone on it leads nowhere and carries nothing; and only where the site's loss would cut no other site off, so
that each of its clouds reaches all the others without it) carries at least that site's WAN traffic, the
figure the closed form gives it, with its signalling; a relaying hub's also twice the relayed calls, as in the
closed form. A link whose paths bring it more (calls it relays between other sites) keeps that figure. Where
the site relays no call between other sites (its links' routed figures add up to its own traffic), every call
on such a link holds one of its phones: those links are returned, so that the bound on their calls is that of
the closed form (at most the phones at the site, or across) and `advisor explain` can say how their figure was
found; a site that relays keeps its links' own bound, never lower than the truth.
"""

from __future__ import annotations

from collections import Counter

from advisor.model import Design
from advisor.routing_graph import graph_of, link_ends

_memo: tuple[Design, dict[int, int]] | None = None  # the last design's answer (the routing's and `explain`'s)


def access_links(design: Design, index: dict[str, int]) -> dict[int, int]:
    """{link position: its site's position} for every access link of a site with several, where the link's cloud
    reaches another site; empty when no site has two such links (one pass over the links, none when no cloud).
    Worked out once per design: `advisor explain` asks it of every link it explains."""
    global _memo
    memo = _memo  # one read: another thread may replace it meanwhile
    if memo is not None and memo[0] is design:
        return memo[1]
    found = _access_links(design, index)
    _memo = (design, found)
    return found


def _access_links(design: Design, index: dict[str, int]) -> dict[int, int]:
    if not design.clouds:
        return {}
    clouds = {c.id for c in design.clouds}
    a_ends, b_ends = link_ends(design)
    access: list[tuple[int, str, str]] = []  # (link, site, cloud)
    for k, (a, b) in enumerate(zip(a_ends, b_ends, strict=True)):
        if (a in clouds) != (b in clouds):
            access.append((k, b, a) if a in clouds else (k, a, b))
    per_site = Counter(site for _k, site, _c in access)
    if not per_site or max(per_site.values()) < 2:
        return {}
    sites_on = Counter(cloud for cloud, _site in {(c, s) for _k, s, c in access})
    found = {k: index[site] for k, site, cloud in access if per_site[site] > 1 and sites_on[cloud] > 1}
    if not found:
        return found
    # a site whose loss would cut other sites off (a site on two clouds that reach different sites, a data centre
    # with a branch hanging off it): through one of its clouds it does not reach them all, so no link of it can
    # carry all of its calls alone; its links keep what their paths bring them
    apart = separating(graph_of(design), set(found.values()))
    return {k: s for k, s in found.items() if s not in apart} if apart else found


def separating(graph, candidates: set[int]) -> set[int]:
    """The candidate nodes whose removal would leave sites in two or more parts of their part of the WAN (Tarjan's
    articulation points, iterative, O(nodes + edges), counting the sites below each node of the depth-first
    forest): a node cuts sites off when a child's subtree holding sites reaches nothing above it, the root of a
    tree when two of its children's subtrees hold sites."""
    start, numbers, other = graph.incident()
    n, n_sites = graph.n_nodes, graph.n_sites
    disc, low = [-1] * n, [0] * n
    below = [0] * n  # sites in the node's subtree, itself included, once it is done
    cut_off = [0] * n  # the node's children whose subtree holds sites and reaches nothing above the node
    roots = []
    clock = 0
    for root in range(n):
        if disc[root] != -1:
            continue
        roots.append(root)
        disc[root] = low[root] = clock
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
                if low[u] >= disc[p] and below[u]:
                    cut_off[p] += 1
    is_root = set(roots)
    return {u for u in candidates if cut_off[u] >= (2 if u in is_root else 1)}


def floor_access_links(design: Design, index: dict[str, int], load, access: dict[int, int],
                       wan_erlangs: list[float], site_signalling: list[float], hub: int | None,
                       hairpin_erlangs: float, relayed_kbps: float) -> frozenset[int]:
    """Raise each link of `access` in `load` (a `routing.LinkLoad`, its lists replaced) to its site's WAN traffic
    and signalling (a relaying hub's with twice the relayed calls and signalling, as the closed form counts them);
    the links whose site relays no call between other sites, which then carry their site's own calls alone and are
    bounded as the closed form's access links are. A site relays nothing when its links' routed figures add up to
    its own traffic: each of its own calls crosses one of its links, a relayed one two. A link its paths bring more
    keeps its figure; the links of a site that relays keep their own bound (never lower than the truth)."""
    floors: dict[int, tuple[float, float]] = {}
    for s in set(access.values()):
        floors[s] = ((wan_erlangs[s] + 2.0 * hairpin_erlangs, site_signalling[s] + 2.0 * relayed_kbps) if s == hub
                     else (wan_erlangs[s], site_signalling[s]))
    routed_at = dict.fromkeys(floors, 0.0)  # what the paths put on each such site's links, before the floors
    seen: set[tuple[int, str]] = set()  # parallel links each carry the pair's whole load: counted once
    for k, (a, b) in enumerate(zip(*link_ends(design), strict=True)):
        for end, other in ((a, b), (b, a)):
            s = index.get(end)
            if s in routed_at and (s, other) not in seen:
                seen.add((s, other))
                routed_at[s] += load.erlangs[k]
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
        if routed_at[s] <= floor * _SAME:  # its site relays nothing: every call on the link holds a phone there
            own_only.append(k)
    return frozenset(own_only)


_SAME = 1 + 1e-9  # relative: a routed figure this close to the floor is the same calls summed in another order


__all__ = ["access_links", "floor_access_links", "separating"]
