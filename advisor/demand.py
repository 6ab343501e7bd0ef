"""Busy-hour demand routed over the drawn WAN, before any encapsulation is priced: per-site Erlangs, PSTN hauling,
signalling towards call processing, spoke-to-spoke hairpinning through an overlay hub, the offered Erlangs and the
concurrent calls (Erlang B) of every link, and the intra-cluster traffic of clustering over the WAN.

The result depends only on whether the overlay relays branch-to-branch calls through a hub, so the VPN ranking
routes a design at most twice and prices every candidate technology on the same figures (`advisor.traffic`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from advisor import clustering, erlang, signalling
from advisor.model import Design, Site
from advisor.routing import Demand, LinkLoad, classify, load_links

_NOISE_ERLANGS = 1e-9  # differences of sums leave ~1e-16 where a site truly offers nothing


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



@dataclass
class _SiteLoads:
    """Per-site busy-hour figures, one list per quantity (in design order): the sizing walks them by position."""

    erlangs: list[float]
    intra: list[float]
    on_net: list[float]
    pstn_own: list[float]
    phones_kbps: list[float]


@dataclass
class _SiteLoad:
    """One site's figures from `_SiteLoads` (tests and tools read them per site)."""

    erlangs: float
    intra: float
    on_net: float
    pstn_own: float
    phones_kbps: float


def _site_loads(design: Design, notes: list[str]) -> list[_SiteLoad]:
    loads = _load_lists(design, notes)
    return [_SiteLoad(*row) for row in zip(loads.erlangs, loads.intra, loads.on_net, loads.pstn_own,
                                           loads.phones_kbps, strict=True)]


def _load_lists(design: Design, notes: list[str]) -> _SiteLoads:
    t = design.traffic
    default_shares = (t.intra_site_share, t.on_net_share, t.pstn_share)
    bps_per_phone = signalling.formula(design).bps_per_phone
    out = _SiteLoads([], [], [], [], [])
    add_a, add_intra, add_on_net = out.erlangs.append, out.intra.append, out.on_net.append
    add_pstn, add_kbps = out.pstn_own.append, out.phones_kbps.append
    for i, s in enumerate(design.sites):
        o = s.traffic
        if o is None:  # the usual case, kept lean: it runs once per site on every analysis
            cpu, hold = t.calls_per_user, t.holding_time_s
            intra, on_net, pstn = default_shares
        else:
            cpu = t.calls_per_user if o.calls_per_user is None else o.calls_per_user
            hold = t.holding_time_s if o.holding_time_s is None else o.holding_time_s
            shares = list(default_shares)
            for k, name in enumerate(("intra_site_share", "on_net_share", "pstn_share")):
                if getattr(o, name) is not None:
                    shares[k] = getattr(o, name)
            total = sum(shares)
            if total > 0 and abs(total - 1.0) > 1e-6:
                # A partial override cannot be refused at edit time; scale it and say so.
                notes.append(f"sites[{i}].traffic ({s.id}): shares add up to {total:g}; scaled to 100 %")
                shares = [x / total for x in shares]
            intra, on_net, pstn = shares
        a = s.users * cpu * hold / 3600.0
        phones = s.users if s.phones is None else s.phones  # Site.phone_count, inlined
        # The SRND's CH is calls per hour per phone: the site's calls spread over its phones.
        bps = bps_per_phone(cpu if phones == s.users or phones == 0 else cpu * s.users / phones)
        add_a(a)
        add_intra(a * intra)
        add_on_net(a * on_net)
        add_pstn(a * pstn)
        add_kbps(phones * bps / 1000.0)
    return out


def _call_processing_sites(design: Design, nodes: list[int]) -> tuple[dict[str, int], int | None]:
    """Per cluster, the site whose nodes serve remote phones (its publisher's, else its first); and a fallback.
    `nodes`: each site's call-processing node count."""
    by_cluster: dict[str, int] = {}
    fallback = None
    sites = design.sites
    for i, n in enumerate(nodes):
        if n == 0:
            continue
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


def route(design: Design, hub_overlay: bool) -> Routed:
    """Route the design's busy hour: directly between sites, or through the overlay hub when `hub_overlay`.

    Every step is a pass over sites or links (10,000 sites within a second), so the loops below read each model
    attribute once and keep per-site figures in plain lists."""
    notes: list[str] = []
    sites = design.sites
    index = {s.id: i for i, s in enumerate(sites)}
    loads = _load_lists(design, notes)
    hub = hub_site(design) if hub_overlay else None
    hub_i = index[hub.id] if hub is not None else None
    pstn = pstn_site(design, hub)
    pstn_i = index[pstn.id] if pstn is not None else None
    central = design.traffic.central_pstn_site is not None

    users = [float(s.users) for s in sites]
    total_users = sum(users)
    on_net, intra = loads.on_net, loads.intra
    for i, u in enumerate(users):
        if on_net[i] > 0 and total_users - u <= 0:
            # Nobody elsewhere to call: those calls stay in the building.
            notes.append(f"sites[{i}] ({sites[i].id}): no users at other sites; its on-net calls count as intra-site")
            intra[i], on_net[i] = intra[i] + on_net[i], 0.0
    haul: list[tuple[int, int, float]] = []
    pstn_erl = [0.0] * len(sites)
    for i, (s, own) in enumerate(zip(sites, loads.pstn_own, strict=True)):
        if pstn_i is not None and i != pstn_i and (central or not s.pstn_gateway):
            haul.append((i, pstn_i, own))
            pstn_erl[pstn_i] += own
        else:
            pstn_erl[i] += own  # local gateway (or nowhere to haul it: stays, with no trunks)
    nodes = [s.call_processing_nodes for s in sites]
    cp_by_cluster, cp_fallback = _call_processing_sites(design, nodes)
    signalling_flows = []
    for i, (s, n, kbps) in enumerate(zip(sites, nodes, loads.phones_kbps, strict=True)):
        if n == 0 and kbps > 0:
            cp = cp_by_cluster.get(s.cluster_id, cp_fallback)
            if cp is not None:
                signalling_flows.append((i, cp, kbps))
    demand = Demand(users, on_net, haul, signalling_flows, hub_i)
    terminated = demand.terminated()
    wan = [o + r for o, r in zip(on_net, terminated, strict=True)]
    for s_i, c_i, erl in haul:
        wan[s_i] += erl
        wan[c_i] += erl

    hairpin = 0.0
    relayed_kbps = 0.0
    if hub_i is not None:
        u_h = users[hub_i]
        for i, o in enumerate(on_net):
            if i != hub_i and total_users - users[i] > 0:
                hairpin += o * (1.0 - u_h / (total_users - users[i]))  # spoke-originated, not to the hub
        hairpin += sum(erl for s_i, c_i, erl in haul if hub_i not in (s_i, c_i))
        relayed_kbps = sum(k for s_i, c_i, k in signalling_flows if hub_i not in (s_i, c_i))
        hairpin = max(hairpin, 0.0)

    topology = classify(design)
    load = load_links(design, demand, wan, hairpin, relayed_kbps, topology)
    gos = design.traffic.gos
    trunks: dict[float, int] = {}  # Erlang B per offered load: thousands of links share a few loads
    calls = []
    for k, erl in enumerate(load.erlangs):
        if erl < _NOISE_ERLANGS:
            erl = load.erlangs[k] = 0.0
        n = trunks.get(erl)
        if n is None:
            n = trunks[erl] = erlang.trunks(erl, gos)
        calls.append(n)
    pairs = clustering.pairs(design)
    per_link = clustering.link_kbps(design, pairs) if pairs else {}
    cluster_kbps = [per_link.get(ln.id, 0.0) for ln in design.links] if per_link else [0.0] * len(design.links)
    notes.extend(load.notes)
    return Routed(hub, pstn, pstn_i, loads, pstn_erl, wan, hairpin, load, topology, calls, pairs, cluster_kbps, notes)
