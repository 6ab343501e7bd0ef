"""Traffic model and per-link sizing (SPEC §3.2): busy-hour Erlangs per site, routed over the WAN as the overlay
carries them, concurrent calls by Erlang B, per-call kbps from the packet engine, signalling, utilization, MTU.

Assumptions (also in the PDF's conventions): users place the calls; a call between two sites loads both sites'
access links once; a site with several access links has each sized for all of its WAN traffic (either link can carry
the busy hour); signalling is counted per direction like media.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor import erlang, packet
from advisor.findings import trusted
from advisor.model import Design, Link, Site
from advisor.packet import CallSpec, PacketError, PacketResult
from advisor.results import LinkResult, MtuAdvice, SiteResult
from advisor.routing import Demand, LinkLoad, classify, load_links, path_rtt_ms, rtts_from

__all__ = ["Sizing", "SizingError", "size", "call_spec", "path_rtt_ms", "rtts_from", "TECHNOLOGY_VPN",
           "ENCRYPTING", "TUNNELS", "SERIAL_L2", "ETHERNET_L2", "hub_site", "pstn_site", "overlay_is_hub"]

TECHNOLOGY_VPN = {"none": "none", "mpls-isolation": "none", "ipsec": "ipsec", "gre-ipsec": "gre-ipsec",
                  "dmvpn": "dmvpn", "getvpn": "getvpn"}
ENCRYPTING = ("ipsec", "gre-ipsec", "dmvpn", "getvpn")
TUNNELS = ENCRYPTING  # technologies that wrap the packet and so shrink the path MTU
NAT_T_TECHNOLOGIES = ("ipsec", "gre-ipsec", "dmvpn")  # GET VPN preserves addresses: it does not survive NAT
SERIAL_L2 = ("ppp", "mlppp", "frf12", "frame-relay")  # where cRTP can work (hop by hop, serial links)
ETHERNET_L2 = ("ethernet", "dot1q", "ethernet-wire")
MPLS_CORE_LABELS = 2  # the usual VPN label + transport label inside the provider core
PATH_MTU_BYTES = 1500
DMVPN_IP_MTU, DMVPN_ADJUST_MSS = 1400, 1360  # Cisco DMVPN design guide practice
TCP_IP_HEADERS_BYTES = 40
_NOISE_ERLANGS = 1e-9  # differences of sums leave ~1e-16 where a site truly offers nothing


class SizingError(ValueError):
    """A design the sizing cannot price (e.g. an unknown layer 2): the message names the field path."""


@dataclass(frozen=True)
class Sizing:
    technology: str  # the effective technology (none|mpls-isolation|ipsec|gre-ipsec|dmvpn|getvpn)
    topology: str  # single-site | cloud | hub-and-spoke | mesh | mixed
    hub: str | None  # hub site id when the overlay is hub-and-spoke (gre-ipsec hub-and-spoke, dmvpn phase 1)
    sites: tuple[SiteResult, ...]  # in design order
    links: tuple[LinkResult, ...]  # in design order
    mtu: MtuAdvice | None  # None when there is no tunnel
    hairpin_erlangs: float  # spoke-to-spoke traffic relayed by the hub
    hairpin_kbps: float  # extra kbps per direction on the hub's access link because of it
    site_links: dict[str, tuple[str, ...]]  # site id -> ids of links touching it
    routing: str = ""  # how link loads were found: closed form (cloud | star) or shortest paths
    pstn_site: str | None = None  # where hauled PSTN traffic goes
    notes: tuple[str, ...] = ()  # assumptions applied to this design (normalised shares …)


def overlay_is_hub(design: Design, technology: str) -> bool:
    """GRE over IPsec hub-and-spoke and DMVPN phase 1 relay spoke-to-spoke calls through the hub."""
    return ((technology == "gre-ipsec" and design.vpn.gre_topology == "hub-and-spoke")
            or (technology == "dmvpn" and design.vpn.dmvpn_phase == 1))


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


def call_spec(design: Design, technology: str, link: Link, *, nat_on_path: bool | None = None) -> CallSpec:
    """The encapsulation one call uses on `link` with the design's voice and VPN settings.

    `nat_on_path`: whether calls on this link may cross a NAT elsewhere (see `nat_links`); by default only the
    link's own NAT counts.
    """
    vpn = _vpn(technology)
    p, v = design.vpn, design.voice
    encrypted = technology in ENCRYPTING
    crtp = v.crtp if (v.crtp and link.l2 in SERIAL_L2 and not encrypted) else 0
    return CallSpec(
        codec=v.codec, ptime_ms=v.ptime_ms, l2=link.l2, l2_bytes=link.l2_bytes, crtp=crtp, srtp=v.srtp,
        vpn=vpn, ipsec_mode=p.ipsec_mode if vpn != "getvpn" or p.ipsec_mode != "transport" else "tunnel",
        cipher=p.cipher, integrity=p.integrity, gre_key=p.gre_key,
        nat_t=bool((link.nat if nat_on_path is None else nat_on_path) and technology in NAT_T_TECHNOLOGIES),
        getvpn_metadata_bytes=p.getvpn_metadata_bytes if vpn == "getvpn" else 0,
        # Shown in the packet anatomy as core-only; never part of the access link's totals (SPEC §3.1.1).
        mpls_labels=MPLS_CORE_LABELS if any(c.kind == "mpls" and c.id in (link.a, link.b) for c in design.clouds)
        else 0,
    )


def nat_links(design: Design, technology: str, hub: str | None) -> set[str]:
    """Links whose calls may carry NAT-T (+8 B, UDP 4500): "whenever a NAT sits on the path" (SPEC §3.1.1).

    IPsec peers detect a NAT per security association, so a call pays NAT-T on every link between the two peers.
    A hub-and-spoke overlay (hub given) terminates every SA at the hub: the NATed spoke's own link and the hub's
    links carry NAT-T. A direct overlay builds SAs between the sites themselves: any site may call the NATed one,
    so every link carries NAT-T calls. Sized conservatively: the concurrent calls of Erlang B may all be NAT-T ones.
    """
    nated = {ln.id for ln in design.links if ln.nat}
    if not nated or technology not in NAT_T_TECHNOLOGIES:
        return set()
    if hub is None:
        return {ln.id for ln in design.links}
    return nated | {ln.id for ln in design.links if hub in (ln.a, ln.b)}


def _vpn(technology: str) -> str:
    try:
        return TECHNOLOGY_VPN[technology]
    except KeyError:
        raise SizingError(f"technology: '{technology}' is not one of {', '.join(TECHNOLOGY_VPN)} "
                          "(resolve 'recommend' first)") from None


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
    fixed_bps = t.signalling_bps_per_phone
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
        bps = fixed_bps if fixed_bps is not None else 53.0 + 21.0 * cpu
        add_a(a)
        add_intra(a * intra)
        add_on_net(a * on_net)
        add_pstn(a * pstn)
        add_kbps((s.users if s.phones is None else s.phones) * bps / 1000.0)  # Site.phone_count, inlined
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


def size(design: Design, technology: str) -> Sizing:
    """Per-site traffic and per-link sizing for the effective `technology` (SPEC §3.2).

    Every step is a pass over sites or links (SPEC §5: 10,000 sites within a second), so the loops below read each
    model attribute once and keep per-site figures in plain lists."""
    _vpn(technology)
    notes: list[str] = []
    sites = design.sites
    index = {s.id: i for i, s in enumerate(sites)}
    loads = _load_lists(design, notes)
    hub = hub_site(design) if overlay_is_hub(design, technology) else None
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
    signalling = []
    for i, (s, n, kbps) in enumerate(zip(sites, nodes, loads.phones_kbps, strict=True)):
        if n == 0 and kbps > 0:
            cp = cp_by_cluster.get(s.cluster_id, cp_fallback)
            if cp is not None:
                signalling.append((i, cp, kbps))
    demand = Demand(users, on_net, haul, signalling, hub_i)
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
        relayed_kbps = sum(k for s_i, c_i, k in signalling if hub_i not in (s_i, c_i))
        hairpin = max(hairpin, 0.0)

    topology = classify(design)
    load = load_links(design, demand, wan, hairpin, relayed_kbps, topology)
    site_results = _site_results(design, loads, pstn_erl, wan, pstn_i)
    link_results, hairpin_kbps, priced = _price_links(design, technology, load,
                                                      nat_links(design, technology, hub.id if hub else None))

    site_links: dict[str, list[str]] = {s.id: [] for s in sites}
    for ln in design.links:
        for end in (ln.a, ln.b):
            if end in site_links:
                site_links[end].append(ln.id)
    if design.links:
        for i, r in enumerate(site_results):
            if r.wan_erlangs > 0 and not site_links[r.id]:
                notes.append(f"sites[{i}] ({r.id}) has no WAN link: its {r.wan_erlangs:.2f} E between sites "
                             "load no link of its own")
    notes.extend(load.notes)
    return Sizing(
        technology=technology, topology=topology, hub=hub.id if hub is not None else None, sites=site_results,
        links=tuple(link_results), mtu=mtu_advice(design, technology, priced),
        hairpin_erlangs=hairpin, hairpin_kbps=hairpin_kbps,
        site_links={k: tuple(v) for k, v in site_links.items()}, routing=load.method,
        pstn_site=pstn.id if pstn is not None else None, notes=tuple(notes))


def _site_results(design: Design, loads: _SiteLoads, pstn_erl: list[float], wan: list[float],
                  pstn_i: int | None) -> tuple[SiteResult, ...]:
    """One SiteResult per site. Derived values of known types: built without re-validation (`trusted`)."""
    gos = design.traffic.gos
    trunks: dict[float, int] = {}  # Erlang B per load: thousands of sites share a few
    out = []
    append = out.append
    for i, (s, erl, intra, on_net, pstn, wan_i, kbps) in enumerate(zip(
            design.sites, loads.erlangs, loads.intra, loads.on_net, pstn_erl, wan, loads.phones_kbps,
            strict=True)):
        pstn_trunks = 0
        if s.pstn_gateway or i == pstn_i:
            a = 0.0 if pstn < _NOISE_ERLANGS else pstn  # _clean, inlined
            pstn_trunks = trunks.get(a)
            if pstn_trunks is None:
                pstn_trunks = trunks[a] = erlang.trunks(a, gos)
        append(trusted(SiteResult, {
            "id": s.id, "name": s.name, "users": s.users, "phones": s.users if s.phones is None else s.phones,
            "erlangs": erl, "intra_erlangs": intra, "on_net_erlangs": on_net, "pstn_erlangs": pstn,
            "pstn_trunks": pstn_trunks, "wan_erlangs": 0.0 if wan_i < _NOISE_ERLANGS else wan_i,
            "signalling_kbps": kbps}))
    return tuple(out)


def _price_links(design: Design, technology: str, load: LinkLoad, nat_t: set[str]
                 ) -> tuple[tuple[LinkResult, ...], float, list[PacketResult]]:
    """Erlang B on each link's offered traffic × the per-call kbps of its encapsulation, plus signalling."""
    gos, llq_share = design.traffic.gos, design.traffic.llq_share
    # Only a link's layer 2, NAT and MPLS core change its packet: price each combination once (SPEC §5 speed).
    mpls = {c.id for c in design.clouds if c.kind == "mpls"}
    cache: dict[tuple, PacketResult] = {}
    priced: dict[tuple, tuple] = {}  # the same key -> the packet figures every link result repeats
    trunks: dict[float, int] = {}  # Erlang B per offered load: thousands of links share a few loads
    link_results = []
    append = link_results.append
    hairpin_kbps = 0.0
    for k, (ln, erl, hp, sig) in enumerate(zip(design.links, load.erlangs, load.hairpin_erlangs,
                                               load.signalling_kbps, strict=True)):
        a, b = ln.a, ln.b
        nat = ln.id in nat_t
        key = (ln.l2, ln.l2_bytes, nat, a in mpls or b in mpls)
        figures = priced.get(key)
        if figures is None:
            try:
                res = cache[key] = packet.compute(call_spec(design, technology, ln, nat_on_path=nat))
            except PacketError as exc:
                raise SizingError(_packet_error_path(k, ln, exc)) from None
            figures = priced[key] = (res.kbps, res.encapsulation, res.l2_convention, res.ip_packet_bytes,
                                     res.frame_bytes)
        per_call, encapsulation, l2, ip_bytes, frame_bytes = figures
        if erl < _NOISE_ERLANGS:
            erl = 0.0
        calls = trunks.get(erl)
        if calls is None:
            calls = trunks[erl] = erlang.trunks(erl, gos)
        if hp > 0:
            hairpin_kbps = max(hairpin_kbps,
                               (calls - erlang.trunks(_clean(max(erl - 2 * hp, 0.0)), gos)) * per_call)
        voice = calls * per_call
        total = voice + sig
        capacity = ln.capacity_kbps
        util, llq = total / capacity, voice / capacity
        append(trusted(LinkResult, {
            "id": ln.id, "a": a, "b": b, "erlangs": erl, "calls": calls, "per_call_kbps": per_call,
            "voice_kbps": voice, "signalling_kbps": sig, "kbps": total, "capacity_kbps": capacity,
            "utilization": util, "llq_share": llq, "encapsulation": encapsulation, "l2": l2,
            "ip_packet_bytes": ip_bytes, "frame_bytes": frame_bytes, "hairpin_erlangs": hp,
            "status": "overload" if total > capacity else "llq" if llq > llq_share else "ok"}))

    return tuple(link_results), hairpin_kbps, list(cache.values())


def _clean(erlangs: float) -> float:
    return 0.0 if erlangs < _NOISE_ERLANGS else erlangs


def _packet_error_path(k: int, link: Link, exc: PacketError) -> str:
    field = getattr(exc, "field", "")
    where = {"l2": f"links[{k}].l2", "l2_bytes": f"links[{k}].l2_bytes", "codec": "voice.codec",
             "ptime_ms": "voice.ptime_ms", "srtp": "voice.srtp", "crtp": "voice.crtp"}.get(field, f"links[{k}]")
    return f"{where} (link '{link.id}'): {exc}"


def mtu_advice(design: Design, technology: str, results=()) -> MtuAdvice | None:
    """Tunnel `ip mtu` / `adjust-mss` from the worst-case overhead the engine reports (padding at its maximum)."""
    if technology not in TUNNELS:
        return None
    results = list(results)
    if not results:  # no links drawn yet: the design's settings on a plain Ethernet access
        results = [packet.compute(call_spec(design, technology, Link(id="probe", a="a", b="b")))]
    worst = max(r.max_overhead_bytes for r in results)
    floor8 = (PATH_MTU_BYTES - worst) // 8 * 8
    if technology in ("gre-ipsec", "dmvpn"):
        ip_mtu = min(DMVPN_IP_MTU, floor8)
        basis = f"DMVPN/GRE practice {DMVPN_IP_MTU}/{DMVPN_ADJUST_MSS}"
    else:
        ip_mtu = floor8
        basis = f"{PATH_MTU_BYTES} − {worst} rounded down to a multiple of 8"
    mss = ip_mtu - TCP_IP_HEADERS_BYTES
    fragmentation = PATH_MTU_BYTES + worst > PATH_MTU_BYTES
    text = (f"{technology} adds up to {worst} B per packet: a {PATH_MTU_BYTES}-byte packet becomes "
            f"{PATH_MTU_BYTES + worst} B and is fragmented. Set 'ip mtu {ip_mtu}' and 'ip tcp adjust-mss {mss}' on "
            f"the tunnel (or LAN-facing) interface ({basis}).")
    return MtuAdvice(tunnel_overhead_bytes=worst, ip_mtu=ip_mtu, tcp_adjust_mss=mss, fragmentation=fragmentation,
                     text=text)
