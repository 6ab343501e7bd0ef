"""Where the mouth-to-ear budget is worst: each calling site's farthest partner, by one-way network delay.

A link's weight is the delay one voice packet meets on it: half its round-trip time (propagation) plus the time to
serialize the voice frame onto it. The search keeps the cost of the old RTT-only check: one shortest-path tree when
every path runs through one node (an overlay hub, or the only cloud), three on other tree-shaped WANs (farthest-pair
sweeps), one per calling site on meshes up to `EXACT_PAIRS_MAX_SITES` (exact), the sweep estimate beyond.
"""

from __future__ import annotations

from itertools import compress, repeat
from operator import add, and_, attrgetter, eq, lt, mul, not_, or_, truediv
from typing import TYPE_CHECKING

from advisor.model import Design
from advisor.routing_graph import site_index
from advisor.rules._columns import link_columns, site_field
from advisor.rules._paths import Paths
from advisor.rules._wan import per_design, site_columns
from advisor.rules.delay_columns import hauled_worst, top_two
from advisor.rules.delay_forest import Distances, ForestRoutes
from advisor.rules.delay_underlay import EXACT_PAIRS_MAX_SITES as EXACT_PAIRS_MAX_SITES
from advisor.rules.delay_underlay import Worst, underlay
from advisor.rules.delay_underlay import forget as forget

if TYPE_CHECKING:
    from advisor.traffic import Sizing

_ID, _FRAME, _CAPACITY = attrgetter("id"), attrgetter("frame_bytes"), attrgetter("capacity_kbps")


def serialization_ms(sizing: Sizing | None) -> dict[str, float]:
    """Link id -> ms to put one voice frame on the link (frame bits ÷ link kbps); empty without a sizing."""
    if sizing is None:
        return {}
    return {lr.id: lr.frame_bytes * 8.0 / lr.capacity_kbps for lr in sizing.links if lr.capacity_kbps > 0}


def aligned(design: Design, sizing: Sizing | None) -> bool:
    """True when the sizing's link results are the design's links, in order (a sizing of this design)."""
    if sizing is None:
        return False
    memo = per_design(design)
    held = memo.get("aligned")
    if held is not None and held[0] is sizing:
        return held[1]
    got = len(sizing.links) == len(design.links) and all(map(eq, map(_ID, sizing.links), link_columns(design).ids))
    memo["aligned"] = (sizing, got)
    return got


class DelayPaths(ForestRoutes, Paths):
    """`Paths` whose link weight is one-way delay (RTT / 2 + serialization) instead of RTT: `rtts_from` and
    `paths_from` then return one-way network delays in ms."""

    def __init__(self, design: Design, serialization: dict[str, float], sizing: Sizing | None = None):
        """Weights from `serialization` (link id -> ms), or, given a sizing of this design, from its link results
        by position (the same figures, without the dict)."""
        super().__init__(design)
        # per link, given a sizing of this design: (propagation, serialization) ms, as the path's hops carry them
        self.parts: tuple[list[float], list[float]] | None = None
        self._forest_held = None  # `_sized_forest`, once asked
        self.sizing = sizing  # the sizing `parts` come from
        if sizing is not None and aligned(design, sizing):
            propagation = list(map(truediv, self.rtt, repeat(2)))  # the links' rtt_ms, read by `Paths`
            capacity = list(map(_CAPACITY, sizing.links))
            if all(map(lt, repeat(0), capacity)):  # frame bits ÷ rate, the same two operations, in one C-level pass
                serialization = list(map(truediv, map(mul, map(_FRAME, sizing.links), repeat(8.0)), capacity))
            else:
                serialization = [lr.frame_bytes * 8.0 / lr.capacity_kbps if lr.capacity_kbps > 0 else 0.0
                                 for lr in sizing.links]
            self.parts = propagation, serialization
            self.rtt = list(map(add, propagation, serialization))
        else:
            self.rtt = [ln.rtt_ms / 2 + serialization.get(ln.id, 0.0) for ln in design.links]

    def route(self, a: str, b: str, hub: str | None) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """(nodes from a to b, link ids in order) on the lowest-delay path, through `hub` when given; None when
        there is no path."""
        got = self.route_numbers(a, b, hub)
        if got is None:
            return None
        links = self.design.links
        return got[0], tuple(links[k].id for k in got[1])

    def route_numbers(self, a: str, b: str, hub: str | None) -> tuple[tuple[str, ...], list[int]] | None:
        """`route` with link numbers."""
        forest = self._sized_forest()
        if forest is not None:  # the one path, walked up the sizing's forest from both ends, with its nodes
            return self.forest_route(forest, a, b, hub)
        if (hub is None or hub in (a, b)) and self.star is None and not self.is_forest():
            return self._tree_route(a, b)
        if hub is not None and hub not in (a, b):
            legs = self.numbered_paths(hub, (a, b))
            if a not in legs or b not in legs:
                return None
            hops = [*reversed(legs[a][1]), *legs[b][1]]
        else:
            got = self._links_between(a, b)
            if got is None:
                return None
            hops = got
        nodes = [self.index[a]]
        for k in hops:
            u, v = self.ends[k]
            nodes.append(v if u == nodes[-1] else u)
        ids = self.ids
        return tuple(ids[n] for n in nodes), hops

    def _tree_route(self, a: str, b: str) -> tuple[tuple[str, ...], list[int]] | None:
        """`route_numbers` on a meshed WAN: a's lowest-delay tree walked back from b (`numbered_paths`' walk), its
        nodes taken in the same walk."""
        start, end = self.index[a], self.index[b]
        parent = self._tree(start)[2]
        if end != start and parent[end] < 0:
            return None
        ends, node = self.ends, end
        nodes, hops = [end], []
        while parent[node] >= 0:
            k = parent[node]
            hops.append(k)
            u, v = ends[k]
            node = u if v == node else v
            nodes.append(node)
        nodes.reverse()
        hops.reverse()
        return tuple(map(self.ids.__getitem__, nodes)), hops

    def _links_between(self, a: str, b: str) -> list[int] | None:
        """Link numbers from a to b on the lowest-delay path; None when there is none. On a forest the path is the
        only one, so a tree already searched from b serves as well as one from a (walked from a up to b)."""
        start, end = self.index[a], self.index[b]
        held = self._trees.get(end)
        if held is not None and start not in self._trees and self.star is None and self.is_forest():
            parent = held[2]
            return self._walk(parent, start) if start == end or parent[start] >= 0 else None
        got = self.numbered_paths(a, (b,)).get(b)
        return got[1] if got is not None else None

    def nodes_along(self, start: str, links: tuple[str, ...]) -> tuple[str, ...]:
        by_id = {ln.id: ln for ln in self.design.links} if links else {}
        nodes = [start]
        for lid in links:
            ln = by_id[lid]
            nodes.append(ln.b if ln.a == nodes[-1] else ln.a)
        return tuple(nodes)


def calling_sites(design: Design) -> list[str]:
    """Sites with phones, when any share of calls goes to other sites (else none call across the WAN)."""
    t = design.traffic
    calling = t.on_net_share > 0 or any(s.traffic and s.traffic.on_net_share for s in design.sites)
    if not calling:
        return []
    cols = site_columns(design)
    return list(compress(cols.ids, cols.phones))


def hauled_sites(design: Design, sizing: Sizing | None) -> tuple[str | None, list[str]]:
    """(the PSTN site, the sites with phones whose PSTN calls travel over the WAN to it)."""
    t = design.traffic
    central = t.central_pstn_site or (sizing.pstn_site if sizing is not None else None)
    if not central or t.pstn_share <= 0:
        return central, []
    cols = site_columns(design)
    # by column: the sites with phones (every one when the PSTN site is named, else those without a gateway)
    flags = list(map(lt, repeat(0), cols.phones))
    if t.central_pstn_site is None:
        flags = list(map(and_, flags, map(not_, site_field(design, "pstn_gateway"))))
    at = site_index(design).get(central)
    if at is not None:
        flags[at] = False  # the PSTN site itself
    return central, list(compress(cols.ids, flags))


def farthest_partners(design: Design, sizing: Sizing | None, paths: DelayPaths) -> tuple[Worst, bool]:
    """Each calling site's farthest partner (another calling site, or the PSTN site its calls are hauled to) by
    one-way network delay; and whether the result is an estimate (a large meshed WAN)."""
    terminals = calling_sites(design)
    hub = sizing.hub if sizing is not None else None
    worst: Worst = {}
    approximate = False
    d_hub = Distances(paths, hub) if hub is not None else None
    if len(terminals) >= 2:
        centre = hub if hub is not None else single_cloud(design)
        if centre is not None:  # every path runs through one node: one tree, exact
            via_hub(d_hub if d_hub is not None else Distances(paths, centre), centre, terminals, worst)
        else:
            approximate = underlay(paths, terminals, worst)
    central, hauled = hauled_sites(design, sizing)
    if hauled:
        if d_hub is not None:  # spoke -> hub -> PSTN site (d_hub[hub] is 0: the hub's own calls go direct)
            to_gw = d_hub.get(central)
            d = _plus(d_hub.many(hauled), to_gw) if to_gw is not None else None
        else:
            d = Distances(paths, central).many(hauled)
        if d is not None:
            hauled_worst(worst, hauled, d, central)
    return worst, approximate


def _plus(distances: list[float | None], more: float) -> list[float | None]:
    """Each distance + `more` (None stays None): in one C-level pass when every one is there."""
    if None in distances:
        return [x + more if x is not None else None for x in distances]
    return list(map(add, distances, repeat(more)))


def single_cloud(design: Design) -> str | None:
    """The cloud every link touches, if there is one: then every site-to-site path crosses it."""
    if not design.links:
        return None
    cols = link_columns(design)
    for centre in (cols.a[0], cols.b[0]):
        if centre in cols.clouds and all(map(or_, map(centre.__eq__, cols.a), map(centre.__eq__, cols.b))):
            return centre
    return None


def via_hub(d, hub: str, terminals: list[str], worst: Worst) -> None:
    """Every path through one node (an overlay hub, or the only cloud), `d` its tree (a mapping: site id ->
    distance, for the sites reached): a call between two others costs d(a, hub) + d(hub, b), so each site's
    farthest partner is one of the two farthest sites; O(sites)."""
    dist = d.many(terminals) if isinstance(d, Distances) else list(map(d.get, terminals))
    top = top_two(dist, terminals, hub)
    if not top:
        return
    far, second = top[0], (top[1] if len(top) > 1 else None)
    hub_calls = hub in terminals
    far_d, far_id = far
    if _via_hub_columns(dist, hub, terminals, far, second, hub_calls, worst):
        return
    for t, dt in zip(terminals, dist, strict=True):
        if dt is None:
            continue
        if t == hub:
            worst[t] = far
            continue
        if far_id != t:
            best = (dt + far_d, far_id)
        else:  # the farthest spoke other than t itself
            best = (dt + second[0], second[1]) if second is not None else None
        if hub_calls and (best is None or (dt, hub) > best):
            best = (dt, hub)
        if best is not None:
            worst[t] = best


def _via_hub_columns(dist: list[float | None], hub: str, terminals: list[str], far: tuple[float, str],
                     second: tuple[float, str] | None, hub_calls: bool, worst: Worst) -> bool:
    """`via_hub`'s loop in C-level passes, for the usual case: every terminal reached and the farthest one beyond
    the hub (far_d > 0). Then each site other than the farthest and the hub has (d(t) + far_d, farthest): the same
    sums, and (d(t), hub) never wins, since d(t) + far_d > d(t) (d(t) ≤ far_d, so far_d is never absorbed; only
    infinite distances, inf + inf = inf, could tie, and they are left to the loop). The farthest site and the hub
    get the loop's own answers, at their own places in the dict. False (nothing written) when the case does not
    hold."""
    far_d, far_id = far
    if not far_d > 0 or None in dist:
        return False
    sums = list(map(add, dist, repeat(far_d)))
    if any(map(eq, sums, dist)):  # inf + inf: (d(t), hub) could tie
        return False
    worst.update(zip(terminals, zip(sums, repeat(far_id)), strict=True))
    # the farthest site: the second farthest (and the hub itself, when it calls and is farther)
    dt = dist[terminals.index(far_id)]
    best = (dt + second[0], second[1]) if second is not None else None
    if hub_calls and (best is None or (dt, hub) > best):
        best = (dt, hub)
    if best is not None:
        worst[far_id] = best
    else:
        del worst[far_id]
    if hub_calls:
        worst[hub] = far
    return True
