"""Per-link sizing: the routed busy hour (`advisor.demand`) priced with each link's encapsulation and layer 2 from the
packet engine, plus signalling and intra-cluster traffic; utilization, priority-queue share, MTU.

Assumptions (also in the PDF's conventions): users place the calls; a call between two sites loads both sites'
access links once; a site with several access links has each sized for all of its WAN traffic (either link can carry
the busy hour); signalling is counted per direction like media.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import attrgetter, eq, gt, or_

from advisor import demand, erlang, packet, sizing_rows
from advisor.demand import _site_loads, hub_site, pstn_site  # noqa: F401  (re-exported: one home, in demand)
from advisor.demand_bounds import DesignBound
from advisor.findings import trusted_many
from advisor.hub_relay import routes_via_hub
from advisor.model import Design, Link
from advisor.packet import CallSpec, PacketError, PacketResult
from advisor.packet_spec import TUNNEL_ONLY_VPNS
from advisor.results import LinkResult, MtuAdvice, SiteResult
from advisor.routing import path_rtt_ms, rtts_from
from advisor.routing_graph import link_ends
from advisor.sizing_rows import LINK_ROW, fill, link_rows, served_phones
from advisor.sizing_rows import site_results as _site_results

__all__ = ["Sizing", "SizingError", "size", "call_spec", "path_rtt_ms", "rtts_from", "TECHNOLOGY_VPN",
           "ENCRYPTING", "TUNNELS", "SERIAL_L2", "ETHERNET_L2", "hub_site", "pstn_site", "overlay_is_hub",
           "PSTN_TRUNKS", "served_phones"]

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
# A link with every default (Ethernet, no NAT): where a call is priced without a link of the design (a design with no
# link yet, an MTU check per technology)
DEFAULT_LINK = Link(id="probe", a="a", b="b")
DMVPN_IP_MTU, DMVPN_ADJUST_MSS = 1400, 1360  # Cisco DMVPN design guide practice
TCP_IP_HEADERS_BYTES = 40
# How a gateway's PSTN trunks are found: the conventions (app, PDF, check --json) and the PDF's sites table read it.
PSTN_TRUNKS = ("Erlang B on the PSTN traffic at each gateway (its own site's and that of the sites hauling PSTN calls "
               "to it), at most the phones (or users, if more) of those sites: a PSTN call holds one phone, and a "
               "phone holds one call at a time")
_NOISE_ERLANGS = 1e-9  # differences of sums leave ~1e-16 where a site truly offers nothing
_ID, _A, _B = attrgetter("id"), attrgetter("a"), attrgetter("b")
_L2, _L2_BYTES, _CAPACITY = attrgetter("l2"), attrgetter("l2_bytes"), attrgetter("capacity_kbps")
_NAT = attrgetter("nat")


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
    # link id -> Erlang B's calls, for the cut links the phones on their smaller side bound lower
    bounded_calls: dict[str, int] = field(default_factory=dict)
    # of those, the relaying hub's own links: twice the calls its spokes can make to each other, beside its phones'
    relay_bounded: frozenset[str] = frozenset()
    # of those, the links the whole design's phones bound (any link, a cut or not), and that bound
    design_bounded: frozenset[str] = frozenset()
    design_bound: DesignBound | None = None
    # site id -> Erlang B's trunks, for the gateways whose served phones bound their PSTN trunks lower
    bounded_trunks: dict[str, int] = field(default_factory=dict)
    # (site id, Erlangs, exactly that (else at least)) of the sites whose lowest-RTT paths carry calls between other
    # sites across their access links (in from one link, out by another), the most first (`routing.LinkLoad.relaying`)
    relaying: tuple[tuple[str, float, bool], ...] = ()


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


def nat_links(design: Design, technology: str, hub: str | None,
              ends: tuple[list[str], list[str], list[str]] | None = None) -> set[str]:
    """Links whose calls may carry NAT-T (+8 B, UDP 4500): "whenever a NAT sits on the path" (SPEC §3.1.1).

    IPsec peers detect a NAT per security association, so a call pays NAT-T on every link between the two peers.
    A hub-and-spoke overlay (hub given) terminates every SA at the hub: the NATed spoke's own link and the hub's
    links carry NAT-T. A direct overlay builds SAs between the sites themselves: any site may call the NATed one,
    so every link carries NAT-T calls. Sized conservatively: the concurrent calls of Erlang B may all be NAT-T ones.
    `ends`: the links' ids, a ends and b ends, when the caller has read them (each set is then a C-level pass).
    """
    if technology not in NAT_T_TECHNOLOGIES:
        return set()
    links = design.links
    if ends is None:
        nated = {ln.id for ln in links if ln.nat}
        if not nated:
            return set()
        return {ln.id for ln in links} if hub is None else nated | {ln.id for ln in links if hub in (ln.a, ln.b)}
    ids, ends_a, ends_b = ends
    nated = set(compress(ids, map(_NAT, links)))
    if not nated:
        return set()
    if hub is None:
        return set(ids)
    return nated | set(compress(ids, map(or_, map(eq, ends_a, repeat(hub)), map(eq, ends_b, repeat(hub)))))


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

    When a link's technology relays branch-to-branch calls through a hub, the design is routed through the hub
    (the hub's link carries the relayed calls), unless a cloud with a direct overlay joins every site
    (`hub_relay.routes_via_hub`). `routes(hub_overlay)` may hand over the design already routed for that overlay
    shape (the VPN ranking routes it once)."""
    _vpn(technology)
    techs = link_tech if link_tech is not None else [technology] * len(design.links)
    for t in set(techs):
        _vpn(t)
    hub_overlay = routes_via_hub(design, techs, technology)
    routed = (routes or (lambda hub: demand.route_afresh(design, hub)))(hub_overlay)
    hub = routed.hub
    notes = list(routed.notes)
    bounded_trunks: dict[str, int] = {}
    site_results = _site_results(design, routed.loads, routed.pstn_erl, routed.wan, routed.pstn_i, routed.haul,
                                 bounded_trunks)
    site_ids = list(map(_ID, site_results))  # each site's id, read from the results just built
    links = design.links
    ends = link_ids, ends_a, ends_b = (list(map(_ID, links)), *link_ends(design))  # the ends as the routing read them
    nat_t = set().union(*(nat_links(design, t, hub.id if hub else None, ends) for t in set(techs))) if techs \
        else set()
    link_results, hairpin_kbps, priced = _price_links(design, techs, routed, nat_t, ends)
    site_links = sizing_rows.site_links(site_ids, link_ids, ends_a, ends_b)
    if links and not all(site_links.values()):  # some site has no link of its own
        for i, w in enumerate(routed.loads.on_net):
            if w >= _NOISE_ERLANGS and not site_links[site_ids[i]]:
                notes.append(f"sites[{i}] ({site_ids[i]}) has no WAN link: the sizing carries none of its "
                             f"{w:,.2f} E of on-net calls to other sites, nor theirs to it")
    # in a fixed order (the design's technology, then the catalogue's), not the links': which of two tunnels with
    # the same worst case the advice names must not depend on the order the links are listed in
    used = {*techs, technology}
    tunnel_techs = [t for t in dict.fromkeys((technology, *TUNNELS)) if t in TUNNELS and t in used]
    mtu = None
    for t in tunnel_techs:  # the tunnel with the largest worst-case overhead decides the MTU advice (at a tie,
        advice = mtu_advice(design, t, priced.get(t, ()))  # the lower ip mtu: the one that suits both)
        if advice is not None and (mtu is None or (advice.tunnel_overhead_bytes, -advice.ip_mtu)
                                   > (mtu.tunnel_overhead_bytes, -mtu.ip_mtu)):
            mtu = advice
    return Sizing(
        technology=technology, topology=routed.topology, hub=hub.id if hub is not None else None,
        sites=site_results, links=tuple(link_results), mtu=mtu,
        hairpin_erlangs=routed.hairpin, hairpin_kbps=hairpin_kbps,
        site_links=dict(zip(site_links, map(tuple, site_links.values()), strict=True)),
        routing=routed.load.method, pstn_site=routed.pstn.id if routed.pstn is not None else None,
        notes=tuple(notes), link_technology=dict(zip(link_ids, techs, strict=True)),
        cluster_pairs=tuple(routed.cluster_pairs),
        bounded_calls={link_ids[k]: n for k, n in routed.bounded.items()},
        relay_bounded=frozenset(link_ids[k] for k in routed.relayed),
        design_bounded=frozenset(link_ids[k] for k in routed.by_design), design_bound=routed.design_bound,
        bounded_trunks=bounded_trunks,
        relaying=tuple(sorted(((site_ids[i], erl, exact) for i, (erl, exact) in routed.load.relaying.items()),
                              key=lambda row: (-row[1], row[0]))))


def _price_links(design: Design, techs: list[str], routed: demand.Routed, nat_t: set[str],
                 ends: tuple[list[str], list[str], list[str]] | None = None
                 ) -> tuple[tuple[LinkResult, ...], float, dict[str, list[PacketResult]]]:
    """Erlang B on each link's offered traffic × the per-call kbps of its encapsulation, plus signalling and the
    intra-cluster traffic of clustering over the WAN.

    Each distinct packet (technology, layer 2, NAT-T, MPLS) is priced once, at its first link in design order (so a
    pricing error names the first link that cannot be priced). When most links carry different traffic (a chain, a
    mesh), every link's figures are worked out column by column (`sizing_rows.link_rows`); otherwise (clouds, trees: a few
    dozen distinct rows at 10,000 sites) each distinct row is worked out once, at its first link, and copied.
    `ends`: the links' ids, a ends and b ends, when the caller has read them already."""
    gos = design.traffic.gos
    mpls = {c.id for c in design.clouds if c.kind == "mpls"}
    links = design.links
    n = len(links)
    ids, ends_a, ends_b = ends or (list(map(_ID, links)), list(map(_A, links)), list(map(_B, links)))
    nats = list(map(nat_t.__contains__, ids)) if nat_t else [False] * n
    on_mpls = list(map(or_, map(mpls.__contains__, ends_a), map(mpls.__contains__, ends_b))) if mpls \
        else [False] * n
    parts = (techs, list(map(_L2, links)), list(map(_L2_BYTES, links)), nats, on_mpls)
    if n and all(part.count(part[0]) == n for part in parts):  # one packet everywhere (the usual WAN)
        first: dict[tuple, int] = {tuple(part[0] for part in parts): 0}
        kinds = None
    else:  # each link's packet named by its first link's position
        first = {}
        kinds = list(map(first.setdefault, zip(*parts, strict=True), count()))
    heads: dict[int, dict] = {}  # first link of a packet -> a row with its packet figures filled in
    cache: dict[tuple, PacketResult] = {}
    for key, k in first.items():  # each distinct packet at its first link, in design order
        tech, nat = key[0], key[3]
        try:
            res = cache[key] = packet.compute(call_spec(design, tech, links[k], nat_on_path=nat))
        except PacketError as exc:
            raise SizingError(_packet_error_path(k, links[k], exc)) from None
        heads[k] = {**LINK_ROW, "per_call_kbps": res.kbps, "encapsulation": res.encapsulation,
                    "l2": res.l2_convention, "ip_packet_bytes": res.ip_packet_bytes, "frame_bytes": res.frame_bytes,
                    "status": "ok", "technology": tech}
    load = routed.load
    columns = [load.erlangs, routed.calls, load.hairpin_erlangs, load.signalling_kbps, routed.cluster_kbps,
               list(map(_CAPACITY, links))]
    llq = design.traffic.llq_share
    if _mostly_distinct(load.erlangs):  # each link worked out
        rows = link_rows(heads, kinds, llq, *columns)
    else:  # each distinct row worked out at its first link; each link's row a copy of its first link's
        position: dict[tuple, int] = {}
        # a column whose every value is one object sets no two rows apart: the key leaves it out (the same firsts)
        keyed = [column for column in columns if not sizing_rows.one_value(column)]
        if kinds is not None:
            keyed.insert(0, kinds)
        keys = zip(*keyed, strict=True) if keyed else repeat((), n)
        first_of = list(map(position.setdefault, keys, count()))
        firsts = list(position.values())
        pick = firsts.__iter__
        own = link_rows(heads, None if kinds is None else list(map(kinds.__getitem__, pick())), llq,
                        *(list(map(column.__getitem__, pick())) for column in columns))
        rows = list(map(dict.copy, map(dict(zip(firsts, own, strict=True)).__getitem__, first_of)))
    fill(rows, (("id", ids), ("a", ends_a), ("b", ends_b)))
    hairpin_kbps = 0.0
    for k in compress(range(n), map(gt, load.hairpin_erlangs, repeat(0))):  # the hub's links
        row = rows[k]
        erl, calls = row["erlangs"], row["calls"]
        hairpin_kbps = max(hairpin_kbps, (calls - erlang.trunks(_clean(max(erl - 2 * row["hairpin_erlangs"], 0.0)),
                                                                gos)) * row["per_call_kbps"])
    by_tech: dict[str, list[PacketResult]] = {}
    for key, res in cache.items():
        by_tech.setdefault(key[0], []).append(res)
    return tuple(trusted_many(LinkResult, rows)), hairpin_kbps, by_tech


def _mostly_distinct(erlangs: list[float]) -> bool:
    """Whether most links are offered different traffic (a chain, a mesh), so that grouping equal rows would not
    pay for itself. Either way the rows are the same (tests/core/test_link_rows_columns.py)."""
    return len(set(erlangs)) * 4 > len(erlangs)


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
        results = [packet.compute(call_spec(design, technology, DEFAULT_LINK))]
    worst = max(r.max_overhead_bytes for r in results)
    floor8 = (PATH_MTU_BYTES - worst) // 8 * 8
    if technology in ("gre-ipsec", "dmvpn"):
        ip_mtu = min(DMVPN_IP_MTU, floor8)
        basis = f"DMVPN/GRE practice {DMVPN_IP_MTU}/{DMVPN_ADJUST_MSS}"
    else:
        ip_mtu = floor8
        basis = f"{PATH_MTU_BYTES:,} − {worst} rounded down to a multiple of 8"
    mss = ip_mtu - TCP_IP_HEADERS_BYTES
    fragmentation = PATH_MTU_BYTES + worst > PATH_MTU_BYTES
    from advisor.rules._names import tech_label  # as the findings name it ('FlexVPN (IKEv2)', not 'flexvpn')

    text = (f"{tech_label(technology)} adds up to {worst} B per packet: a {PATH_MTU_BYTES:,}-byte packet becomes "
            f"{PATH_MTU_BYTES + worst:,} B and is fragmented. Set 'ip mtu {ip_mtu}' and 'ip tcp adjust-mss {mss}' on "
            f"the tunnel (or LAN-facing) interface ({basis}).")
    return MtuAdvice(tunnel_overhead_bytes=worst, ip_mtu=ip_mtu, tcp_adjust_mss=mss, fragmentation=fragmentation,
                     text=text, technology=technology)
