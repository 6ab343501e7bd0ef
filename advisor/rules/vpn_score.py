"""The rule families that score one VPN candidate, each adding points with the Reason behind them.

`advisor.rules.vpn._score` runs them in turn on the design's facts (`_Facts`): privacy (VPN-R1), dynamic
routing and multicast (VPN-R2), the transport (VPN-R3), the tunnels and key servers to run (VPN-R4),
spoke-to-spoke calls (VPN-R5), and the per-call overhead and the fit on the design's own links (VPN-R6,
VPN-R7). Each family calls `add(rule, points, text, sentence, source=seed.SEED, *, blocking=False)`; a
blocking reason puts the candidate in the last tier.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from advisor import traffic
from advisor.model import Design
from advisor.numbers import counted, typed
from advisor.packet import PacketResult, compute
from advisor.rules import seed
from advisor.rules._names import names_for
from advisor.rules._names import tech_label as label
from advisor.rules._wan import WanFacts
from advisor.rules.bandwidth import guideline_share as guideline  # the findings' own words for the share
from advisor.rules.vpn_fit import Fit
from advisor.tables import load_table

ENCRYPTING = traffic.ENCRYPTING
TUNNEL_INTERFACES = ("vti", "flexvpn")  # IPsec on a routed tunnel interface, no GRE header
# Points: the largest swings are for facts the seed states as absolutes (isolation is not privacy; no routing
# over crypto maps; GET VPN needs routable original addresses).
W_PRIVACY, W_NO_WAN_ISOLATION, W_ROUTING, W_MULTICAST = 60.0, 30.0, 40.0, 20.0
W_PUBLIC_GETVPN, W_PRIVATE_GETVPN, W_INTERNET_FIT = 60.0, 25.0, 10.0
W_SCALE, W_SPOKE, W_OVERHEAD, W_FIT = 30.0, 30.0, 20.0, 40.0


@dataclass(frozen=True)
class _Facts:
    wan: WanFacts
    n_sites: int
    hub: str | None
    spoke_share: float  # share of on-net Erlangs between two non-hub sites
    on_net_erlangs: float
    links: set[str] | None = None  # the links the candidate would run on (None: all of them)
    transport: str = ""  # on a hybrid WAN, the transport being ranked (its links only)


def _privacy(design: Design, f: _Facts, tech: str, add) -> None:
    v = design.voice
    srtp_tls = v.srtp != "none" and v.security_mode == "encrypted"
    if tech == "mpls-isolation":
        if not f.wan.mpls_links:
            add("VPN-R1", -W_NO_WAN_ISOLATION, "no link reaches an MPLS cloud, so there is no provider VPN to "
                "isolate the traffic", seed.ISOLATION_MPLS)
        if f.wan.public:
            add("VPN-R1", -W_PRIVACY, f"{counted(len(f.wan.public_links), 'link')} "
                f"{'crosses' if len(f.wan.public_links) == 1 else 'cross'} the Internet or a NAT, where "
                "isolation does not exist", seed.ANYONE_CAN_CAPTURE, blocking=True)
        if design.vpn.privacy_required:
            if srtp_tls:
                add("VPN-R1", -W_PRIVACY / 3, "privacy is required; SRTP with TLS already encrypts voice, but data "
                    "would still cross the provider in clear text", seed.ISOLATION_PLUS_ENCRYPTION)
            else:
                add("VPN-R1", -W_PRIVACY, "privacy is required and isolation alone leaves voice in clear text",
                    seed.ISOLATION_PLUS_ENCRYPTION, blocking=True)
        elif f.wan.private_only and f.wan.mpls_links:
            add("VPN-R1", W_PRIVACY / 2, "privacy is not required: the MPLS VPN isolates the customer with no "
                "encryption overhead and no tunnels or key servers to run", seed.ISOLATION_MPLS)
    elif design.vpn.privacy_required:
        add("VPN-R1", 10.0, "encrypts traffic between sites, which privacy requires", seed.ISOLATION_PLUS_ENCRYPTION)
    elif f.wan.private_only and f.wan.mpls_links:
        add("VPN-R1", -W_PRIVACY / 2, "privacy is not required on this private MPLS WAN: encryption would add bytes "
            "to every voice packet and devices to run for no stated need", seed.ISOLATION_MPLS)


def _routing(design: Design, f: _Facts, tech: str, add) -> None:
    p = design.vpn
    if tech == "ipsec":
        if p.dynamic_routing:
            add("VPN-R2", -W_ROUTING, "dynamic routing is needed and cannot run over a crypto-map IPsec tunnel",
                seed.IPSEC_NO_ROUTING, blocking=True)
        if p.multicast:
            add("VPN-R2", -W_MULTICAST, "multicast (music on hold, paging) is needed and a crypto map carries "
                "none; GRE exists to carry it", seed.GRE_FOR_ROUTING, blocking=True)
        if not p.dynamic_routing and not p.multicast:
            add("VPN-R2", 5.0, "no dynamic routing or multicast needed: static crypto maps suffice",
                seed.IPSEC_NO_ROUTING)
        add("VPN-R2", -5.0, "crypto maps are the legacy way to configure IPsec: tunnel interfaces (static VTI, "
            "FlexVPN) replace them", seed.VTI_ROUTING, seed.CISCO_VTI)
    elif tech in TUNNEL_INTERFACES:
        if p.dynamic_routing:
            add("VPN-R2", 10.0, "carries dynamic routing on a routed tunnel interface, without a GRE header",
                seed.VTI_ROUTING, seed.CISCO_VTI)
        if p.multicast:
            add("VPN-R2", 5.0, "carries multicast on the tunnel interface (replicated at the hub)",
                seed.VTI_ROUTING, seed.CISCO_VTI)
    elif tech in ("gre-ipsec", "dmvpn"):
        if p.dynamic_routing:
            add("VPN-R2", 10.0, "carries dynamic routing as overlay routing inside GRE", seed.GRE_FOR_ROUTING)
        if p.multicast:
            add("VPN-R2", 5.0, "carries multicast inside GRE (replicated at the hub)", seed.MULTICAST_REPLICATION,
                seed.CISCO_COMPARISON)
    elif tech == "getvpn" and f.wan.private_only:
        if p.dynamic_routing:
            add("VPN-R2", 10.0, "routes on the private WAN itself: no tunnels and no overlay routing",
                seed.GETVPN_NO_TUNNELS)
        if p.multicast:
            add("VPN-R2", 5.0, "multicast is replicated in the WAN core (the provider must support it)",
                seed.MULTICAST_REPLICATION, seed.CISCO_COMPARISON)


def _transport(f: _Facts, tech: str, add) -> None:
    if not f.wan.transport:
        return
    if f.wan.public:
        what = f"{counted(len(f.wan.internet_links), 'Internet link')}, {counted(len(f.wan.nat_links), 'link')} through NAT"
        if tech == "getvpn":
            add("VPN-R3", -W_PUBLIC_GETVPN, f"{what}: tunnel header preservation reuses the private addresses, "
                "which do not route on the Internet and which NAT rewrites", seed.GETVPN_HEADER, blocking=True)
        elif tech in ("gre-ipsec", "dmvpn"):
            add("VPN-R3", W_INTERNET_FIT, f"{what}: built for the public Internet (Table 1)", seed.TABLE1)
        elif tech in TUNNEL_INTERFACES:
            add("VPN-R3", W_INTERNET_FIT, f"{what}: IPsec tunnel interfaces run over the Internet, through NAT "
                "(NAT traversal)", seed.IPSEC_SITES)
        elif tech == "ipsec":
            add("VPN-R3", W_INTERNET_FIT / 2, f"{what}: IPsec protects traffic over the provider's network",
                seed.IPSEC_SITES)
    elif f.wan.private_only:
        what = f"private transport only ({f.wan.describe()})"
        if tech == "getvpn":
            add("VPN-R3", W_PRIVATE_GETVPN, f"{what}: the WAN GET VPN is recommended for", seed.GETVPN_PRIVATE)
        elif tech in ("gre-ipsec", "dmvpn", *TUNNEL_INTERFACES):
            add("VPN-R3", -5.0, f"{what}: overlay routing is not needed there", seed.GETVPN_PRIVATE)


def _scale(design: Design, f: _Facts, tech: str, count: int | None, add) -> None:
    if tech == "getvpn":
        ks = design.vpn.getvpn_key_servers
        if ks and f.n_sites >= 2:
            # Two cooperative key servers are boxes of their own: heavy for a few sites, negligible for many.
            add("VPN-R4", -min(35.0, 20.0 * ks / max(f.n_sites - 1, 1)),
                f"{counted(ks, 'cooperative key server')} to deploy and run for {f.n_sites:,} sites", seed.GETVPN_KEY_SERVER)
    if f.n_sites == 2 and tech in ("vti", "gre-ipsec"):
        add("VPN-R4", 5.0, "two sites: one point-to-point tunnel between them is all there is to configure",
            seed.GRE_OVERWHELMING)
    if count is None or f.n_sites < 3:
        return
    mesh_max = load_table("vpn").value("mesh_max_tunnels")
    if tech == "gre-ipsec":
        shape = "full mesh" if design.vpn.gre_topology == "full-mesh" else "hub-and-spoke"
        points = -min(W_SCALE, W_SCALE * count / mesh_max)
        add("VPN-R4", points, f"{counted(count, 'GRE over IPsec tunnel')} to configure by hand ({shape}, {f.n_sites:,} sites)",
            seed.GRE_OVERWHELMING)
    elif tech == "vti":
        add("VPN-R4", -min(W_SCALE, W_SCALE * count / mesh_max),
            f"{counted(count, 'static tunnel interface')} to configure by hand ({f.n_sites:,} sites)", seed.GRE_OVERWHELMING)
    elif tech == "ipsec":
        add("VPN-R4", -min(W_SCALE, W_SCALE * count / mesh_max) / 2,
            f"{counted(count, 'crypto-map peer')} to configure ({f.n_sites:,} sites)", seed.GRE_OVERWHELMING)
    elif tech == "dmvpn":
        add("VPN-R4", min(W_SCALE / 2, f.n_sites / 3), f"{counted(count, 'spoke-to-hub tunnel')} configured; spoke-to-spoke "
            "tunnels build themselves", seed.DMVPN_ON_DEMAND)
    elif tech == "flexvpn":
        add("VPN-R4", min(W_SCALE / 2, f.n_sites / 3) * 0.9, f"{counted(count, 'spoke')} configured against one virtual "
            "template at the hub; spoke-to-spoke shortcuts build themselves", seed.FLEXVPN, seed.CISCO_FLEXVPN)
    elif tech == "getvpn":
        add("VPN-R4", min(W_SCALE / 2, f.n_sites / 3), f"no tunnels to configure for {f.n_sites:,} sites: one group "
            "security association from the key server", seed.GETVPN_NO_TUNNELS)


def _spoke_to_spoke(design: Design, f: _Facts, tech: str, add) -> None:
    if f.n_sites < 3 or f.on_net_erlangs <= 0:
        return
    s = f.spoke_share
    part, whole = _part_of(s * f.on_net_erlangs, f.on_net_erlangs, s)
    pct = f"{_load(s)} of on-net calls ({part} of {whole} E) are between branches"
    if traffic.overlay_is_hub(design, tech):  # the sizing relays the same calls through the hub
        hub = names_for(design).quoted(f.hub)
        add("VPN-R5", -W_SPOKE * s, f"{pct}; they hairpin through hub {hub}, crossing its access link twice",
            seed.TABLE1)
    elif tech == "dmvpn":
        add("VPN-R5", W_SPOKE * s * 2 / 3, f"{pct}; DMVPN phase {design.vpn.dmvpn_phase} carries them on "
            "spoke-to-spoke tunnels built on demand", seed.DMVPN_ON_DEMAND)
    elif tech == "flexvpn":
        add("VPN-R5", W_SPOKE * s * 2 / 3, f"{pct}; FlexVPN carries them on spoke-to-spoke shortcuts (NHRP)",
            seed.FLEXVPN, seed.CISCO_FLEXVPN)
    elif tech == "getvpn":
        add("VPN-R5", W_SPOKE * s * 2 / 3, f"{pct}; GET VPN carries them directly, any to any",
            seed.GETVPN_LATENCY)
    elif tech == "mpls-isolation":
        add("VPN-R5", W_SPOKE * s / 3, f"{pct}; the MPLS VPN connects sites any to any", seed.MPLS_ANY)
    elif tech == "gre-ipsec":
        add("VPN-R5", W_SPOKE * s / 3, f"{pct}; the full mesh carries them on direct tunnels", seed.TABLE1)


def _overhead(design: Design, tech: str, placed: Fit | None, result: PacketResult | None, add) -> None:
    """The per-call cost on the design's own busiest link, and whether the candidate fits the links' capacity and
    priority queues (a link named, with its figures)."""
    if placed is None or placed.dominant is None:
        if placed is not None and placed.error:
            add("VPN-R6", 0.0, f"{label(tech)} {placed.error} with this codec and settings", seed.OVERHEAD_CRITICAL)
            return
        _overhead_ethernet(tech, result, add)
        return
    names = names_for(design)
    d = placed.dominant
    extra = d.per_call_kbps - d.clear_kbps
    ratio = extra / d.clear_kbps if d.clear_kbps else 0.0
    codec = result.codec.name if result is not None else design.voice.codec
    where = f"on {names.link(d.link)}"
    if extra <= 0:
        add("VPN-R6", 0.0, f"{codec}: no encryption overhead, {d.per_call_kbps:,.2f} kbps per call per direction "
            f"{where}", seed.OVERHEAD_CRITICAL)
    else:
        lost = (" (cRTP cannot compress inside the tunnel)" if design.voice.crtp and tech in ENCRYPTING
                and d.clear_kbps < _crtp_free(design, d) else "")
        add("VPN-R6", -min(W_OVERHEAD * 1.5, W_OVERHEAD * ratio),
            f"{codec}: {d.per_call_kbps:,.2f} kbps per call per direction {where} vs {d.clear_kbps:,.2f} kbps "
            f"clear (+{_load(ratio)}){lost}" + (f"; up to {result.max_overhead_bytes:,} B of overhead per packet"
                                              if result is not None and result.max_overhead_bytes else ""),
            seed.GRE_OVERHEAD + " " + seed.OVERHEAD_CRITICAL)
    llq = guideline(design.traffic.llq_share)  # as the bandwidth findings print it: 0.999 is '99.9 %', not '100 %'
    if placed.overloaded:
        w = placed.worst
        more = f" and {counted(len(placed.overloaded) - 1, 'more link')}" if len(placed.overloaded) > 1 else ""
        add("VPN-R7", -W_FIT, f"{label(tech)} would overload {names.link(w.link)}: {w.total_kbps:,.1f} kbps "
            f"needed of {typed(w.capacity_kbps)} kbps ({_load(w.utilization)}){more}", seed.OVERHEAD_CRITICAL)
    elif placed.above_pq:
        b = placed.busiest_pq
        more = f" and {counted(len(placed.above_pq) - 1, 'more link')}" if len(placed.above_pq) > 1 else ""
        add("VPN-R7", -W_FIT / 2, f"{label(tech)} would put {names.link(b.link)} at {_load(b.pq_load)} of its "
            f"priority queue ({b.voice_kbps:,.1f} of {b.llq_kbps:,.1f} kbps, the {llq} guideline){more}",
            seed.OVERHEAD_CRITICAL)
    elif placed.busiest_pq is not None and placed.busiest_pq.calls:
        b = placed.busiest_pq
        add("VPN-R7", 0.0, f"{label(tech)} would put {names.link(b.link)} at {_load(b.pq_load)} of its priority "
            f"queue ({b.voice_kbps:,.1f} of {b.llq_kbps:,.1f} kbps, the {llq} guideline): it fits",
            seed.OVERHEAD_CRITICAL)


def _load(share: float) -> str:
    """A load or a share as a percent, a space before the sign as every percentage of the tool: whole where that
    reads true, else with the decimals that tell it from 100 % (and from 0 %): a link at 100.4 % is over, one at
    99.6 % fits, and '100 %' would say neither; 99.9 % of the calls are not all of them. Thousands grouped as the
    kbps beside it ('198,998.0 kbps needed of 64 kbps (310,934 %)', not '(310934%)')."""
    text = f"{share:,.0%}"[:-1]
    if (text != "100" or share == 1.0) and (text != "0" or share == 0.0):
        return f"{text} %"
    for decimals in range(1, 5):
        text = f"{share:,.{decimals}%}"[:-1]
        if float(text.replace(",", "")) not in (0.0, 100.0):
            return f"{text} %"
    if text.startswith("0"):
        return "just over 0 %"
    return f"just {'under' if share < 1.0 else 'over'} 100 %"


def _part_of(part: float, whole: float, share: float) -> tuple[str, str]:
    """A part of a whole, both with two decimals, or with the decimals it takes for a part short of the whole not
    to read as all of it (nor a part above nothing as none): '21,694.217 of 21,694.222 E', not '21,694.22 of
    21,694.22'."""
    for decimals in range(2, 7):
        a, b = f"{part:,.{decimals}f}", f"{whole:,.{decimals}f}"
        if (a != b or share >= 1.0) and (float(a.replace(",", "")) != 0 or share <= 0.0):
            break
    return a, b


def _crtp_free(design: Design, d) -> float:
    """The clear per-call kbps the link would have without cRTP (to say when encryption costs cRTP's saving)."""
    link = next(ln for ln in design.links if ln.id == d.link)
    spec = dataclasses.replace(traffic.call_spec(design, "none", link), crtp=0)
    try:
        return compute(spec).kbps
    except ValueError:
        return d.clear_kbps


def _overhead_ethernet(tech: str, result: PacketResult | None, add) -> None:
    """No links drawn yet: the cost of one call on Ethernet."""
    if result is None:
        add("VPN-R6", 0.0, f"the per-call bandwidth with {label(tech)} cannot be computed for this codec and "
            "settings", seed.OVERHEAD_CRITICAL)
        return
    add("VPN-R6", 0.0, f"{result.codec.name}: {result.kbps:,.2f} kbps per call per direction on Ethernet "
        f"({result.ip_packet_bytes:,} B IP packet); draw the links to price it on them", seed.OVERHEAD_CRITICAL)
