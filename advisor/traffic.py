"""Per-link sizing: the routed busy hour (`advisor.demand`) priced with each link's encapsulation and layer 2 from the
packet engine, plus signalling and intra-cluster traffic; utilization, priority-queue share, MTU.

Assumptions (also in the PDF's conventions): users place the calls; a call between two sites loads both sites'
access links once; a site with several access links has each sized for all of its WAN traffic (either link can carry
the busy hour); signalling is counted per direction like media.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import attrgetter, gt

from advisor import demand, erlang, packet
from advisor.demand import _site_loads, hub_site, pstn_site  # noqa: F401  (re-exported: one home, in demand)
from advisor.findings import trusted_many
from advisor.model import Design, Link
from advisor.packet import CallSpec, PacketError, PacketResult
from advisor.packet_spec import TUNNEL_ONLY_VPNS
from advisor.results import LinkResult, MtuAdvice, SiteResult
from advisor.routing import path_rtt_ms, rtts_from

__all__ = ["Sizing", "SizingError", "size", "call_spec", "path_rtt_ms", "rtts_from", "TECHNOLOGY_VPN",
           "ENCRYPTING", "TUNNELS", "SERIAL_L2", "ETHERNET_L2", "hub_site", "pstn_site", "overlay_is_hub"]

TECHNOLOGY_VPN = {"none": "none", "mpls-isolation": "none", "ipsec": "ipsec", "vti": "vti", "flexvpn": "flexvpn",
                  "gre-ipsec": "gre-ipsec", "dmvpn": "dmvpn", "getvpn": "getvpn"}
ENCRYPTING = ("ipsec", "vti", "flexvpn", "gre-ipsec", "dmvpn", "getvpn")
TUNNELS = ENCRYPTING  # technologies that wrap the packet and so shrink the path MTU
NAT_T_TECHNOLOGIES = ("ipsec", "vti", "flexvpn", "gre-ipsec", "dmvpn")  # GET VPN keeps addresses: no NAT
HUB_OVERLAYS = ("ipsec", "vti")  # point-to-point tunnels to the hub; GRE and DMVPN depend on their settings
SERIAL_L2 = ("ppp", "mlppp", "frf12", "frame-relay")  # where cRTP can work (hop by hop, serial links)
ETHERNET_L2 = ("ethernet", "dot1q", "ethernet-wire")
MPLS_CORE_LABELS = 2  # the usual VPN label + transport label inside the provider core
PATH_MTU_BYTES = 1500
DMVPN_IP_MTU, DMVPN_ADJUST_MSS = 1400, 1360  # Cisco DMVPN design guide practice
TCP_IP_HEADERS_BYTES = 40
_NOISE_ERLANGS = 1e-9  # differences of sums leave ~1e-16 where a site truly offers nothing
_ID, _A, _B = attrgetter("id"), attrgetter("a"), attrgetter("b")
_L2, _L2_BYTES, _CAPACITY = attrgetter("l2"), attrgetter("l2_bytes"), attrgetter("capacity_kbps")


class SizingError(ValueError):
    """A design the sizing cannot price (e.g. an unknown layer 2): the message names the field path."""


@dataclass(frozen=True)
class Sizing:
    technology: str  # the effective technology (none|mpls-isolation|ipsec|vti|flexvpn|gre-ipsec|dmvpn|getvpn)
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
    link_technology: dict[str, str] = field(default_factory=dict)  # link id -> the technology its calls use
    cluster_pairs: tuple = ()  # advisor.clustering.ClusterPair: clustering over the WAN, per pair of server sites


def overlay_is_hub(design: Design, technology: str) -> bool:
    """Overlays that relay spoke-to-spoke calls through the hub: crypto-map IPsec and static VTI (point-to-point
    tunnels to the hub), GRE over IPsec hub-and-spoke and DMVPN phase 1. FlexVPN builds spoke-to-spoke shortcuts
    (NHRP), DMVPN phase 2/3 spoke-to-spoke tunnels; GET VPN and MPLS carry calls any to any."""
    return (technology in HUB_OVERLAYS
            or (technology == "gre-ipsec" and design.vpn.gre_topology == "hub-and-spoke")
            or (technology == "dmvpn" and design.vpn.dmvpn_phase == 1))


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
        # GET VPN, VTI and FlexVPN are tunnel mode by construction: a design-wide 'transport' means the others
        vpn=vpn, ipsec_mode=p.ipsec_mode if vpn not in TUNNEL_ONLY_VPNS or p.ipsec_mode != "transport" else "tunnel",
        cipher=p.cipher, integrity=p.integrity, gre_key=p.gre_key,
        nat_t=bool((link.nat if nat_on_path is None else nat_on_path) and technology in NAT_T_TECHNOLOGIES),
        getvpn_metadata_bytes=p.getvpn_metadata_bytes if vpn == "getvpn" else 0,
        # Shown in the packet anatomy as core-only; never part of the access link's totals.
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


def link_technologies(design: Design, technology: str, per_cloud: Mapping[str, str] | None = None) -> list[str]:
    """The technology each link's calls use: its cloud's own (`Cloud.technology`, or `per_cloud` for the clouds
    the advisor chose for), else `technology` (site-to-site links always use `technology`)."""
    own = {c.id: c.technology for c in design.clouds if c.technology not in (None, "recommend")}
    if per_cloud:
        own = {**per_cloud, **own}
    if not own:
        return [technology] * len(design.links)
    return [own.get(ln.a) or own.get(ln.b) or technology for ln in design.links]


def size(design: Design, technology: str, link_tech: list[str] | None = None,
         routes: Callable[[bool], demand.Routed] | None = None) -> Sizing:
    """Per-site traffic and per-link sizing: `technology` on every link, or `link_tech` per link (a hybrid WAN).

    When any link's technology relays branch-to-branch calls through a hub, the whole design is routed through the
    hub (sized conservatively: the hub's link carries the relayed calls). `routes(hub_overlay)` may hand over the
    design already routed for that overlay shape (the VPN ranking routes it once)."""
    _vpn(technology)
    techs = link_tech if link_tech is not None else [technology] * len(design.links)
    for t in set(techs):
        _vpn(t)
    hub_overlay = any(overlay_is_hub(design, t) for t in (set(techs) or {technology}))
    routed = (routes or (lambda hub: demand.route(design, hub)))(hub_overlay)
    hub = routed.hub
    notes = list(routed.notes)
    site_results = _site_results(design, routed.loads, routed.pstn_erl, routed.wan, routed.pstn_i)
    nat_t = set().union(*(nat_links(design, t, hub.id if hub else None) for t in set(techs))) if techs else set()
    link_results, hairpin_kbps, priced = _price_links(design, techs, routed, nat_t)

    links = design.links
    link_ids = list(map(_ID, links))
    site_ids = list(map(_ID, design.sites))
    site_links: dict[str, list[str]] = {sid: [] for sid in site_ids}
    get = site_links.get
    for lid, a, b in zip(link_ids, map(_A, links), map(_B, links), strict=True):
        ids = get(a)
        if ids is not None:
            ids.append(lid)
        ids = get(b)
        if ids is not None:
            ids.append(lid)
    if links:
        for i, w in enumerate(routed.wan):
            if w >= _NOISE_ERLANGS and not site_links[site_ids[i]]:  # SiteResult.wan_erlangs > 0
                notes.append(f"sites[{i}] ({site_ids[i]}) has no WAN link: its {w:.2f} E between sites "
                             "load no link of its own")
    tunnel_techs = [t for t in dict.fromkeys((*techs, technology)) if t in TUNNELS]
    mtu = None
    for t in tunnel_techs:  # the tunnel with the largest worst-case overhead decides the MTU advice
        advice = mtu_advice(design, t, priced.get(t, ()))
        if advice is not None and (mtu is None or advice.tunnel_overhead_bytes > mtu.tunnel_overhead_bytes):
            mtu = advice
    return Sizing(
        technology=technology, topology=routed.topology, hub=hub.id if hub is not None else None,
        sites=site_results, links=tuple(link_results), mtu=mtu,
        hairpin_erlangs=routed.hairpin, hairpin_kbps=hairpin_kbps,
        site_links=dict(zip(site_links, map(tuple, site_links.values()), strict=True)),
        routing=routed.load.method, pstn_site=routed.pstn.id if routed.pstn is not None else None,
        notes=tuple(notes), link_technology=dict(zip(link_ids, techs, strict=True)),
        cluster_pairs=tuple(routed.cluster_pairs))


def _site_results(design: Design, loads, pstn_erl: list[float], wan: list[float],
                  pstn_i: int | None) -> tuple[SiteResult, ...]:
    """One SiteResult per site. Derived values of known types: built without re-validation (`trusted_many`)."""
    gos = design.traffic.gos
    trunks: dict[float, int] = {}  # Erlang B per load: thousands of sites share a few
    rows = []
    append = rows.append
    for i, (s, erl, intra, on_net, pstn, wan_i, kbps) in enumerate(zip(
            design.sites, loads.erlangs, loads.intra, loads.on_net, pstn_erl, wan, loads.phones_kbps,
            strict=True)):
        pstn_trunks = 0
        if s.pstn_gateway or i == pstn_i:
            a = 0.0 if pstn < _NOISE_ERLANGS else pstn  # _clean, inlined
            pstn_trunks = trunks.get(a)
            if pstn_trunks is None:
                pstn_trunks = trunks[a] = erlang.trunks(a, gos)
        users, phones = s.users, s.phones
        append({
            "id": s.id, "name": s.name, "users": users, "phones": users if phones is None else phones,
            "erlangs": erl, "intra_erlangs": intra, "on_net_erlangs": on_net, "pstn_erlangs": pstn,
            "pstn_trunks": pstn_trunks, "wan_erlangs": 0.0 if wan_i < _NOISE_ERLANGS else wan_i,
            "signalling_kbps": kbps})
    return tuple(trusted_many(SiteResult, rows))


def _price_links(design: Design, techs: list[str], routed: demand.Routed, nat_t: set[str]
                 ) -> tuple[tuple[LinkResult, ...], float, dict[str, list[PacketResult]]]:
    """Erlang B on each link's offered traffic × the per-call kbps of its encapsulation, plus signalling and the
    intra-cluster traffic of clustering over the WAN. Links that share every figure share the arithmetic: at
    10,000 sites a few dozen distinct rows stand for all the links."""
    gos, llq_share = design.traffic.gos, design.traffic.llq_share
    mpls = {c.id for c in design.clouds if c.kind == "mpls"}
    links = design.links
    ends = list(zip(map(_A, links), map(_B, links), strict=True))
    n = len(links)
    nats = [lid in nat_t for lid in map(_ID, links)] if nat_t else repeat(False, n)
    on_mpls = [a in mpls or b in mpls for a, b in ends] if mpls else repeat(False, n)
    load = routed.load
    # What a link's result depends on besides its id and ends: links that share it share the arithmetic (at
    # 10,000 sites a few dozen distinct rows stand for all the links)
    keys = list(zip(techs, map(_L2, links), map(_L2_BYTES, links), nats, on_mpls, load.erlangs, routed.calls,
                    load.hairpin_erlangs, load.signalling_kbps, routed.cluster_kbps, map(_CAPACITY, links),
                    strict=True))
    cache: dict[tuple, PacketResult] = {}
    priced: dict[tuple, tuple] = {}  # the packet key -> the packet figures every link result repeats
    tails: dict[tuple, dict] = {}  # the same figures -> the result's values after id, a, b
    for k in sorted(dict(zip(reversed(keys), range(n - 1, -1, -1), strict=True)).values()):
        # each distinct row once, at its first link, in design order (a pricing error names the first link)
        tech, l2, l2_bytes, nat, in_mpls, erl, calls, hp, sig, cluster, capacity = keys[k]
        key = (tech, l2, l2_bytes, nat, in_mpls)
        figures = priced.get(key)
        if figures is None:
            try:
                res = cache[key] = packet.compute(call_spec(design, tech, links[k], nat_on_path=nat))
            except PacketError as exc:
                raise SizingError(_packet_error_path(k, links[k], exc)) from None
            figures = priced[key] = (res.kbps, res.encapsulation, res.l2_convention, res.ip_packet_bytes,
                                     res.frame_bytes)
        per_call_kbps, encapsulation, l2_text, ip_bytes, frame_bytes = figures
        voice = calls * per_call_kbps
        total = voice + sig + cluster
        util, llq = total / capacity, voice / capacity
        tails[keys[k]] = {
            "erlangs": erl, "calls": calls, "per_call_kbps": per_call_kbps, "voice_kbps": voice,
            "signalling_kbps": sig, "kbps": total, "capacity_kbps": capacity, "utilization": util,
            "llq_share": llq, "encapsulation": encapsulation, "l2": l2_text, "ip_packet_bytes": ip_bytes,
            "frame_bytes": frame_bytes, "hairpin_erlangs": hp,
            "status": "overload" if total > capacity else "llq" if llq > llq_share else "ok",
            "technology": tech, "cluster_kbps": cluster}
    hairpin_kbps = 0.0
    for k in compress(range(n), map(gt, load.hairpin_erlangs, repeat(0))):  # the hub's links
        tail = tails[keys[k]]
        erl, calls = tail["erlangs"], tail["calls"]
        hairpin_kbps = max(hairpin_kbps, (calls - erlang.trunks(_clean(max(erl - 2 * tail["hairpin_erlangs"], 0.0)),
                                                                gos)) * tail["per_call_kbps"])
    # Each link's row: a copy of its figures' row (id, a, b first, as declared), then its own id and ends (the
    # keys exist, so the order stays): a C-level copy instead of merging the figures into a new dict per link.
    heads = {key: {"id": "", "a": "", "b": "", **tail} for key, tail in tails.items()}
    rows = list(map(dict.copy, map(heads.__getitem__, keys)))
    for row, lid, (a, b) in zip(rows, map(_ID, links), ends, strict=True):
        row["id"] = lid
        row["a"] = a
        row["b"] = b
    by_tech: dict[str, list[PacketResult]] = {}
    for key, res in cache.items():
        by_tech.setdefault(key[0], []).append(res)
    return tuple(trusted_many(LinkResult, rows)), hairpin_kbps, by_tech


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
                     text=text, technology=technology)
