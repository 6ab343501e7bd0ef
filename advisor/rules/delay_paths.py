"""Where the mouth-to-ear budget is worst: each calling site's farthest partner, by one-way network delay.

A link's weight is the delay one voice packet meets on it: half its round-trip time (propagation) plus the time to
serialize the voice frame onto it. The search keeps the cost of the old RTT-only check: one shortest-path tree when
every path runs through one node (an overlay hub, or the only cloud), three on other tree-shaped WANs (farthest-pair
sweeps), one per calling site on meshes up to `EXACT_PAIRS_MAX_SITES` (exact), the sweep estimate beyond.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

from advisor.model import Design
from advisor.rules._wan import Paths

if TYPE_CHECKING:
    from advisor.traffic import Sizing

EXACT_PAIRS_MAX_SITES = 200  # meshed WANs up to this many calling sites get one tree per site (exact)

Worst = dict[str, tuple[float, str]]  # site -> (one-way network delay to its farthest partner, that partner)


def serialization_ms(sizing: Sizing | None) -> dict[str, float]:
    """Link id -> ms to put one voice frame on the link (frame bits ÷ link kbps); empty without a sizing."""
    if sizing is None:
        return {}
    return {lr.id: lr.frame_bytes * 8.0 / lr.capacity_kbps for lr in sizing.links if lr.capacity_kbps > 0}


class DelayPaths(Paths):
    """`Paths` whose link weight is one-way delay (RTT / 2 + serialization) instead of RTT: `rtts_from` and
    `paths_from` then return one-way network delays in ms."""

    def __init__(self, design: Design, serialization: dict[str, float]):
        super().__init__(design)
        self.rtt = [ln.rtt_ms / 2 + serialization.get(ln.id, 0.0) for ln in design.links]

    def route(self, a: str, b: str, hub: str | None) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """(nodes from a to b, link ids in order) on the lowest-delay path, through `hub` when given; None when
        there is no path."""
        if hub is not None and hub not in (a, b):
            legs = self.paths_from(hub, (a, b))
            if a not in legs or b not in legs:
                return None
            links = (*reversed(legs[a][1]), *legs[b][1])
        else:
            got = self.path(a, b)
            if got is None:
                return None
            links = got[1]
        return self.nodes_along(a, links), links

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
    return [s.id for s in design.sites if s.phone_count > 0] if calling else []


def hauled_sites(design: Design, sizing: Sizing | None) -> tuple[str | None, list[str]]:
    """(the PSTN site, the sites with phones whose PSTN calls travel over the WAN to it)."""
    t = design.traffic
    central = t.central_pstn_site or (sizing.pstn_site if sizing is not None else None)
    if not central or t.pstn_share <= 0:
        return central, []
    return central, [s.id for s in design.sites if s.phone_count > 0 and s.id != central
                     and (t.central_pstn_site is not None or not s.pstn_gateway)]


def farthest_partners(design: Design, sizing: Sizing | None, paths: DelayPaths) -> tuple[Worst, bool]:
    """Each calling site's farthest partner (another calling site, or the PSTN site its calls are hauled to) by
    one-way network delay; and whether the result is an estimate (a large meshed WAN)."""
    terminals = calling_sites(design)
    hub = sizing.hub if sizing is not None else None
    worst: Worst = {}
    approximate = False
    d_hub = paths.rtts_from(hub) if hub is not None else None
    if len(terminals) >= 2:
        centre = hub if hub is not None else single_cloud(design)
        if centre is not None:  # every path runs through one node: one tree, exact
            via_hub(d_hub if d_hub is not None else paths.rtts_from(centre), centre, terminals, worst)
        else:
            approximate = underlay(paths, terminals, worst)
    central, hauled = hauled_sites(design, sizing)
    if hauled:
        if d_hub is not None:  # spoke -> hub -> PSTN site (d_hub[hub] is 0: the hub's own calls go direct)
            to_gw = d_hub.get(central)
            d = {s: d_hub[s] + to_gw for s in hauled if s in d_hub} if to_gw is not None else {}
        else:
            d = paths.rtts_from(central)
        for sid in hauled:
            if sid in d and d[sid] > worst.get(sid, (-1.0, ""))[0]:
                worst[sid] = (d[sid], central)
    return worst, approximate


def single_cloud(design: Design) -> str | None:
    """The cloud every link touches, if there is one: then every site-to-site path crosses it."""
    if not design.links:
        return None
    clouds = {c.id for c in design.clouds}
    first = design.links[0]
    for centre in (first.a, first.b):
        if centre in clouds and all(centre in (ln.a, ln.b) for ln in design.links):
            return centre
    return None


def via_hub(d: dict[str, float], hub: str, terminals: list[str], worst: Worst) -> None:
    """Every path through one node (an overlay hub, or the only cloud), `d` its tree: a call between two others
    costs d(a, hub) + d(hub, b), so each site's farthest partner is one of the two farthest sites; O(sites)."""
    top = heapq.nlargest(2, [(d[t], t) for t in terminals if t != hub and t in d])  # farthest first
    if not top:
        return
    far, second = top[0], (top[1] if len(top) > 1 else None)
    hub_calls = hub in terminals
    for t in terminals:
        dt = d.get(t)
        if dt is None:
            continue
        if t == hub:
            worst[t] = far
            continue
        other = far if far[1] != t else second  # the farthest spoke other than t itself
        best = (dt + other[0], other[1]) if other is not None else None
        if hub_calls and (best is None or (dt, hub) > best):
            best = (dt, hub)
        if best is not None:
            worst[t] = best


def underlay(paths: Paths, terminals: list[str], worst: Worst) -> bool:
    """Farthest partner per site on the drawn WAN. Trees: two sweeps are exact (the farthest terminal from any
    vertex is an end of the terminals' diameter). Meshes: exact with one tree per site up to a size, else the
    sweep estimate. Returns True when the result is an estimate."""
    forest = paths.is_forest()
    remaining = set(terminals)
    approximate = False
    for t0 in terminals:
        if t0 not in remaining:
            continue
        d0 = paths.rtts_from(t0)
        comp = [t for t in terminals if t in d0]
        remaining.difference_update(comp)
        if len(comp) < 2:
            continue
        if not forest and len(comp) <= EXACT_PAIRS_MAX_SITES:
            for t in comp:
                dt = paths.rtts_from(t)
                worst[t] = max((dt[o], o) for o in comp if o != t)
            continue
        approximate = approximate or not forest
        a = max(comp, key=lambda x: d0[x])
        da = paths.rtts_from(a)
        b = max(comp, key=lambda x: da[x])
        db = paths.rtts_from(b)
        for t in comp:
            worst[t] = max((da[t], a), (db[t], b)) if t not in (a, b) else ((db[t], b) if t == a else (da[t], a))
    return approximate
