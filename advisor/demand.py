"""Busy-hour demand routed over the drawn WAN, before any encapsulation is priced: per-site Erlangs, PSTN hauling,
signalling towards call processing, spoke-to-spoke hairpinning through an overlay hub, the offered Erlangs and the
concurrent calls (Erlang B) of every link, and the intra-cluster traffic of clustering over the WAN.

The result depends only on whether the overlay relays branch-to-branch calls through a hub, so the VPN ranking
routes a design at most twice and prices every candidate technology on the same figures (`advisor.traffic`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import add, and_, attrgetter, gt, is_not, itemgetter, not_

from advisor import clustering, demand_bounds, demand_hub, demand_loads, demand_shared, erlang_batch
from advisor.demand_hub import NOISE_ERLANGS as _NOISE_ERLANGS
from advisor.demand_hub import linked, other_shape, reached_flows, reaching, relayed, unlinked_sites
from advisor.demand_loads import SCALED_SHARES, _load_lists, _site_loads, _SiteLoad, _SiteLoads, scaled_shares  # noqa: F401 (re-exported)
from advisor.model import Design, Site
from advisor.routing import Demand, LinkLoad, classify, load_links
from advisor.routing_graph import arrays_ready, site_index

_USERS, _PUBLISHER, _SUBSCRIBERS = attrgetter("users"), attrgetter("cucm_publisher"), attrgetter("cucm_subscribers")
_GATEWAY = attrgetter("pstn_gateway")
_SRC, _DST, _KBPS = itemgetter(0), itemgetter(1), itemgetter(2)
_CLUSTER, _TRAFFIC, _PHONES = attrgetter("cluster_id"), attrgetter("traffic"), attrgetter("phones")


def hub_site(design: Design) -> Site | None:
    """The overlay hub: vpn.hub_site, else the HQ with call processing, else any call-processing site, else the
    first HQ, else the site with the most users (the same order as the VPN rules use)."""
    if not design.sites:
        return None
    if design.vpn.hub_site is not None:
        return next(s for s in design.sites if s.id == design.vpn.hub_site)
    for test in (lambda s: s.kind == "hq" and s.call_processing_nodes > 0, lambda s: s.call_processing_nodes > 0,
                 lambda s: s.kind == "hq"):
        found = next((s for s in design.sites if test(s)), None)
        if found is not None:
            return found
    return max(design.sites, key=lambda s: s.users)


def pstn_site(design: Design, hub: Site | None = None) -> Site | None:
    """Where PSTN calls are hauled when a site has no gateway (or all, with traffic.central_pstn_site)."""
    if design.traffic.central_pstn_site is not None:
        return next(s for s in design.sites if s.id == design.traffic.central_pstn_site)
    if hub is not None and hub.pstn_gateway:
        return hub
    for test in (lambda s: s.kind == "hq" and s.call_processing_nodes > 0, lambda s: s.kind == "hq",
                 lambda s: s.call_processing_nodes > 0):
        found = next((s for s in design.sites if s.pstn_gateway and test(s)), None)
        if found is not None:
            return found
    return None


def _signalling_flows(nodes: list[int], phones_kbps: list[float], cps) -> list[tuple[int, int, float]]:
    """(site, its call-processing site, kbps) for each site without call processing whose phones signal: on a
    large design picked with arrays (the same sites, the same figures, in site order)."""
    if not arrays_ready(len(nodes)):  # picked in C: no nodes, kbps > 0, a call-processing site
        cps = list(cps)
        keep = map(and_, map(not_, nodes), map(gt, phones_kbps, repeat(0)))
        keep = map(and_, keep, map(is_not, cps, repeat(None))) if None in cps else keep
        return list(compress(zip(range(len(nodes)), cps, phones_kbps, strict=True), keep))
    import numpy as np

    cps = list(cps)
    cp = np.array([-1 if c is None else c for c in cps] if None in cps else cps, dtype=np.int64)
    kbps = np.array(phones_kbps, dtype=np.float64)
    sites = np.flatnonzero((np.array(nodes) == 0) & (kbps > 0) & (cp >= 0))
    return list(zip(sites.tolist(), cp[sites].tolist(), kbps[sites].tolist(), strict=True))


def _call_processing_sites(design: Design, nodes: list[int]) -> tuple[dict[str, int], int | None]:
    """Per cluster, the site whose nodes serve remote phones (its publisher's, else its first); and a fallback.
    `nodes`: each site's call-processing node count."""
    by_cluster: dict[str, int] = {}
    fallback = None
    sites = design.sites
    for i in compress(range(len(nodes)), nodes):  # the sites with call processing
        s = sites[i]
        if s.cluster_id not in by_cluster or (s.cucm_publisher and not sites[by_cluster[s.cluster_id]]
                                              .cucm_publisher):
            by_cluster[s.cluster_id] = i
        if fallback is None or (s.cucm_publisher and not sites[fallback].cucm_publisher):
            fallback = i
    return by_cluster, fallback


@dataclass
class Routed:
    """One design's demand routed for one overlay shape (direct between sites, or relayed by `hub`)."""

    hub: Site | None
    pstn: Site | None
    pstn_i: int | None
    loads: _SiteLoads
    pstn_erl: list[float]  # per site: PSTN Erlangs at its gateway (hauled traffic included)
    wan: list[float]  # per site: Erlangs offered to its WAN access
    hairpin: float  # spoke-to-spoke Erlangs relayed by the hub
    load: LinkLoad
    topology: str
    calls: list[int]  # per link: concurrent calls at the grade of service (Erlang B on load.erlangs)
    cluster_pairs: list[clustering.ClusterPair]
    cluster_kbps: list[float]  # per link: intra-cluster kbps crossing it
    notes: list[str] = field(default_factory=list)
    haul: list[tuple[int, int, float]] = field(default_factory=list)  # (site, PSTN site, Erlangs) hauled
    hub_i: int | None = None  # the hub's position in design.sites
    bounded: dict[int, int] = field(default_factory=dict)  # link position -> Erlang B's calls, where phones bound it
    relayed: set[int] = field(default_factory=set)  # of those, the relaying hub's links its spokes' phones bound
    by_design: set[int] = field(default_factory=set)  # of those, the links the whole design's phones bound
    design_bound: demand_bounds.DesignBound | None = None  # that bound, where some link's calls reached half the phones


@dataclass
class Base:
    """What routing needs that does not depend on the overlay shape, worked out once per design and shared by both
    shapes (`route(..., base=)`): per-site loads, signalling flows, the drawn topology, clustering traffic."""

    design: Design
    index: dict[str, int]  # site id -> position
    loads: _SiteLoads
    notes: list[str]
    users: list[float]
    total_users: float
    signalling_flows: list[tuple[int, int, float]]
    terminated: list[float]  # on-net Erlangs each site receives (gravity closed form)
    topology: str
    cluster_pairs: list[clustering.ClusterPair]
    cluster_kbps: list[float]
    # positions of the sites no link reaches (none drawn: empty), and, per site, the on-net Erlangs it sends to and
    # receives from the other sites the WAN can reach: `on_net` and `terminated` less the flows with those sites
    unlinked: list[int] = field(default_factory=list)
    sent: list[float] = field(default_factory=list)
    received: list[float] = field(default_factory=list)
    part: list[int] | None = None  # per site its part of the WAN, when the linked sites lie in several (else None)

    @classmethod
    def of(cls, design: Design) -> Base:
        """The design's shape-independent figures, kept for the last design asked (by identity: a design is frozen,
        and nothing changes a Base): the analysis works them out, and the app's explanations of the same design read
        them again. They hold the paths between the sites of each cluster, a search over the whole WAN: the Explain
        tab searched again at every result (1 s at 10,000 sites)."""
        global _last_base
        last = _last_base  # one read: another thread may replace it meanwhile
        if last is not None and last.design is design:
            return last
        base = _last_base = cls._worked_out(design)
        return base

    @classmethod
    def _worked_out(cls, design: Design) -> Base:
        notes: list[str] = []
        sites = design.sites
        index = site_index(design)
        people = list(map(_USERS, sites))
        loads = _load_lists(design, notes, people)
        users = list(map(float, people))
        total_users = sum(users)
        on_net, intra = loads.on_net, loads.intra
        alone = users and total_users - max(users) <= 0  # some site holds every user: the others have none
        for i, u in enumerate(users if alone else ()):
            if on_net[i] > 0 and total_users - u <= 0:
                # Nobody elsewhere to call: those calls stay in the building.
                notes.append(f"sites[{i}] ({sites[i].id}): no users at other sites; its on-net calls count as "
                             "intra-site")
                intra[i], on_net[i] = intra[i] + on_net[i], 0.0
        nodes = list(map(add, map(_PUBLISHER, sites), map(_SUBSCRIBERS, sites)))  # Site.call_processing_nodes
        cp_by_cluster, cp_fallback = _call_processing_sites(design, nodes)
        one = set(cp_by_cluster.values()) <= {cp_fallback}  # one call-processing site serves every site
        cps = (repeat(cp_fallback, len(sites)) if one
               else map(cp_by_cluster.get, map(_CLUSTER, sites), repeat(cp_fallback)))
        signalling_flows = _signalling_flows(nodes, loads.phones_kbps, cps)
        terminated = Demand(users, on_net, [], signalling_flows, None).terminated()
        pairs = clustering.pairs(design) if len(cp_by_cluster) < len(nodes) - nodes.count(0) else []
        per_link = clustering.link_kbps(design, pairs) if pairs else {}
        cluster_kbps = [per_link.get(ln.id, 0.0) for ln in design.links] if per_link else [0.0] * len(design.links)
        unlinked = unlinked_sites(design)
        if unlinked:  # their phones register with nothing across the WAN either
            alone = set(unlinked)
            signalling_flows = [f for f in signalling_flows if f[0] not in alone and f[1] not in alone]
        topology = classify(design)
        part = demand_hub.split_parts(design, topology, unlinked)
        if part is not None:  # islands: a site's calls and signalling reach the sites of its own part only
            sent, received = demand_hub.part_flows(users, total_users, on_net, part)
            signalling_flows = [f for f in signalling_flows if part[f[0]] == part[f[1]]]
        else:
            sent, received = (reached_flows(users, total_users, on_net, terminated, unlinked) if unlinked
                              else (on_net, terminated))
        return cls(design, index, loads, notes, users, total_users, signalling_flows, terminated, topology,
                   pairs, cluster_kbps, unlinked, sent, received, part)


_last: tuple[Design, dict[bool, Routed]] | None = None  # the last design routed, per overlay shape
_last_base: Base | None = None  # the last design's `Base.of`


def forget() -> None:
    """Drop the last design's routing."""
    global _last, _last_base
    _last = None
    _last_base = None
    demand_hub.forget()
    demand_bounds.forget()
    demand_loads.forget()


def route(design: Design, hub_overlay: bool, *, base: Base | None = None, like: Routed | None = None) -> Routed:
    """`route_afresh`, kept for the last design routed (by identity: a design is frozen; nothing changes a `Routed`):
    the analysis, the PDF's worked examples and the app's explanations then route a design once per overlay shape.
    On a large meshed WAN, where routing costs one search per site, that is most of the time they take."""
    memo = _memo(design)
    got = known(design, hub_overlay, memo)
    if got is None:
        got = memo[hub_overlay] = route_afresh(design, hub_overlay, base=base, like=like)
        demand_shared.keep(design, hub_overlay, got)
    return got


def known(design: Design, hub_overlay: bool, memo: dict[bool, Routed] | None = None) -> Routed | None:
    """The design's routing for this overlay shape when it is routed already: this design (the last one routed),
    or, within a comparison, an option routed alike (`advisor.demand_shared`); else None."""
    if memo is None:
        memo = _memo(design)
    got = memo.get(hub_overlay)
    if got is None:
        got = demand_shared.found(design, hub_overlay)
        if got is not None:
            memo[hub_overlay] = got
    return got


def _memo(design: Design) -> dict[bool, Routed]:
    """The last design's routings per overlay shape (a fresh dict for another design)."""
    global _last
    last = _last  # one read: another thread may replace it meanwhile, and then this call keeps its own
    if last is None or last[0] is not design:
        last = _last = (design, {})
    return last[1]


def route_afresh(design: Design, hub_overlay: bool, *, base: Base | None = None, like: Routed | None = None) -> Routed:
    """Route the design's busy hour: directly between sites, or through the overlay hub when `hub_overlay`.

    `base`: the design's shape-independent figures (`Base.of`), shared when a design is routed for both shapes.
    `like`: the design already routed for the other shape; on a cloud sized in closed form with the same PSTN site,
    the two differ only on the hub's access links, so only those are worked out again (the same sums, in the same
    order, as `routing.load_links` makes them). Every step is a pass over sites or links (10,000 sites within a
    second), so the loops below read each model attribute once and keep per-site figures in plain lists."""
    if base is None or base.design is not design:
        base = Base.of(design)
    notes = list(base.notes)
    sites = design.sites
    index = base.index
    loads = base.loads
    hub = hub_site(design) if hub_overlay else None
    if hub is not None and design.links and not linked(design, hub.id):
        # No tunnel can end at a hub with no WAN link: the calls go directly between the sites, as the drawn WAN
        # carries them (the VPN checks say so), rather than towards a hub nothing reaches.
        notes.append(f"the VPN hub {hub.id} has no WAN link: calls are routed directly between the sites")
        hub = None
    hub_i = index[hub.id] if hub is not None else None
    pstn = pstn_site(design, hub)
    pstn_i = index[pstn.id] if pstn is not None else None
    central = design.traffic.central_pstn_site is not None

    users, total_users = base.users, base.total_users
    on_net = loads.on_net
    signalling_flows = base.signalling_flows
    if like is not None and like.pstn_i == pstn_i and like.topology == base.topology:
        haul, pstn_erl, wan = like.haul, like.pstn_erl, like.wan  # the same PSTN site: the same hauled calls
    else:
        haul = []
        pstn_erl = [0.0] * len(sites)
        hauls = pstn_i is not None and (central or not all(map(_GATEWAY, sites)))
        # only the sites the drawn WAN joins to the PSTN site haul to it (None: every site)
        reach = reaching(design, pstn_i, base.topology) if hauls else None
        for i, (s, own) in enumerate(zip(sites, loads.pstn_own, strict=True) if hauls else ()):
            if i != pstn_i and (central or not s.pstn_gateway) and (reach is None or reach[i]):
                haul.append((i, pstn_i, own))
                pstn_erl[pstn_i] += own
            else:
                pstn_erl[i] += own  # local gateway (or nowhere to haul it: stays, with no trunks)
        if not hauls:  # every site's PSTN calls stay at its own gateway (or nowhere to haul them)
            pstn_erl = list(map(add, repeat(0.0, len(sites)), loads.pstn_own))
        wan = list(map(add, base.sent, base.received))
        for s_i, c_i, erl in haul:
            wan[s_i] += erl
            wan[c_i] += erl
        like = None
    reduced = bool(base.unlinked) or base.part is not None  # some calls reach nobody: the hub relays only the rest
    demand = Demand(users, on_net, haul, signalling_flows, hub_i, base.received if reduced else base.terminated,
                    base.sent if reduced else None)

    hairpin = 0.0
    relayed_kbps = 0.0
    if hub_i is not None:
        hairpin, relayed_kbps = relayed(users, total_users, on_net, hub_i, signalling_flows)
        if reduced:  # only calls between spokes the WAN reaches are relayed
            hairpin = demand_hub.relayed_reached(users, total_users, on_net, base.sent, base.unlinked, hub_i,
                                                 base.part)
        hairpin += sum(erl for s_i, c_i, erl in haul if hub_i not in (s_i, c_i))
        hairpin = max(hairpin, 0.0)

    topology = base.topology
    gos = design.traffic.gos
    inherited: dict[int, int] = {}
    if like is not None and like.load.method == _CLOUD:
        load, calls = other_shape(design, like, hub_i, wan, signalling_flows, hairpin, relayed_kbps, gos)
        # the links it keeps from the other shape keep their calls, bounded there already
        inherited = {k: n for k, n in like.bounded.items() if calls[k] == like.calls[k]}
    else:
        load = load_links(design, demand, wan, hairpin, relayed_kbps, topology, index)
        erlangs = load.erlangs
        if erlangs and min(erlangs) < _NOISE_ERLANGS:
            for k, erl in enumerate(erlangs):
                if erl < _NOISE_ERLANGS:
                    erlangs[k] = 0.0
        # Erlang B once per distinct offered load: thousands of links share a few loads, and a chain's thousands of
        # distinct large loads are worked out together
        trunks = erlang_batch.trunks_many(erlangs, gos)
        calls = list(map(trunks.__getitem__, erlangs))
    # no more calls than phones (a cut's smaller side; on any link, the whole design's); in the cloud's closed form
    # each access link carries only its own site's calls
    offered = calls
    calls, bounded, hub_bound, by_design, whole = demand_bounds.capped(design, index, calls, haul, hub_i,
                                                                       load.method == _CLOUD)
    if load.raised:  # access links sized for their site's calls, as the closed form sizes them: bounded as there
        calls = _own_bounded(design, index, offered, haul, hub_i, load.raised, calls, bounded, hub_bound, by_design)
    if inherited:
        hub_bound |= like.relayed & inherited.keys()
        kept = {k for k in like.by_design & inherited.keys() if calls[k] == like.calls[k]}  # and not lowered here
        if kept:
            by_design, whole = by_design | kept, whole or like.design_bound
        bounded = {**inherited, **bounded}
    notes.extend(load.notes)
    return Routed(hub, pstn, pstn_i, loads, pstn_erl, wan, hairpin, load, topology, calls, base.cluster_pairs,
                  base.cluster_kbps, notes, haul, hub_i, bounded, hub_bound, by_design, whole)


_CLOUD = "closed form (cloud)"  # routing.load_links' method for clouds every site meets through


def _own_bounded(design: Design, index: dict[str, int], offered: list[int], haul: list, hub_i: int | None,
                 raised: frozenset[int], calls: list[int], bounded: dict[int, int], hub_bound: set[int],
                 by_design: set[int]) -> list[int]:
    """`calls` with each link of `raised` (an access link lifted to all of its site's WAN calls,
    `routing_access`) at most what the closed form's bound allows it (each access link carries its own site's
    calls: at most the phones there, or across), where that is lower; `bounded` gains its Erlang B figure, and the
    sets of the other bounds lose it (its message is the site's phones', or the relaying hub's)."""
    own, _bounded, own_relay, _design, _whole = demand_bounds.capped(design, index, offered, haul, hub_i, True)
    lower = [k for k in raised if own[k] < calls[k]]
    if not lower:
        return calls
    calls = list(calls)
    for k in lower:
        bounded.setdefault(k, offered[k])
        calls[k] = own[k]
    hub_bound.difference_update(lower)
    hub_bound.update(own_relay.intersection(lower))  # a relaying hub's link: its own bound's words
    by_design.difference_update(lower)
    return calls
