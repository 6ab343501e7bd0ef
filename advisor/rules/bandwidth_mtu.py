"""The tunnel MTU finding (BW-MTU): what a full-size packet becomes inside each tunnel technology the links use,
and the interface settings that keep it from fragmenting. Split from `advisor.rules.bandwidth`, which runs it with
the other bandwidth findings and re-exports its names."""

from __future__ import annotations

import dataclasses

from advisor import esp, packet, traffic
from advisor.findings import Finding, finding
from advisor.model import Design
from advisor.numbers import typed
from advisor.packet import Layer
from advisor.results import MtuAdvice
from advisor.rules._names import tech_label
from advisor.traffic import DEFAULT_LINK, PATH_MTU_BYTES, Sizing, call_spec

DESIGN = ("design",)
TUNNEL_INTERFACES = {"vti": "On every tunnel interface", "flexvpn": "On every tunnel interface and the hub's "
                     "virtual-template", "gre-ipsec": "On every tunnel interface", "dmvpn": "On every mGRE tunnel "
                     "interface"}
NO_TUNNEL_INTERFACE = {"ipsec": "A crypto map has no tunnel interface", "getvpn": "GET VPN has no tunnel interface "
                       "(it keeps the original IP header)"}
_LABELS = {"vti": "VTI (static IPsec tunnel interface)", "flexvpn": "FlexVPN"}  # until _names knows them
SOURCE_MTU = ("Cisco \"Resolve IP Fragmentation, MTU, MSS, and PMTUD Issues with GRE and IPsec\" (paraphrase): "
              "tunnel and ESP overhead on a 1,500-byte path shrinks the MTU left for the packets inside; Cisco DMVPN "
              "design guide: 'ip mtu 1400' and 'ip tcp adjust-mss 1360' on the tunnel interface")
SOURCE_MTU_NO_TUNNEL = ("Cisco \"Resolve IP Fragmentation, MTU, MSS, and PMTUD Issues with GRE and IPsec\" "
                        "(paraphrase): ESP overhead on a 1,500-byte path shrinks the MTU left for the packets inside; "
                        "Cisco \"Pre-Fragmentation for IPsec VPNs\" (paraphrase): fragmenting before encryption "
                        "spares the receiving router the reassembly of encrypted fragments")


def rate(kbps: float) -> str:
    """A capacity as users type it, grouped as every figure of 1,000 and more is: 1,039, 1,000,000, 1.5,
    1,500,000.5 (never '1e+06' nor '1.5e+06'); a command quoting it (shape average 1039000) writes its own."""
    return typed(kbps)


def label(tech: str) -> str:
    """A technology's display name ('getvpn' -> 'GET VPN')."""
    text = tech_label(tech)
    return _LABELS.get(tech, text) if text == tech else text


@dataclasses.dataclass(frozen=True)
class FullPacket:
    """A full-size packet through a tunnel: what it becomes with its own ESP padding and at the worst."""

    typical_bytes: int  # 1,500 B plus the overhead with this packet's own ESP padding
    worst_bytes: int  # the same with the padding at its maximum (block − 1)
    padding_bytes: int
    block_bytes: int | None


def full_packet(design: Design, technology: str, *, nat_t: bool = False) -> FullPacket:
    """A 1,500-byte IP packet (20 B header + 1,480 B) wrapped by the packet engine's encapsulation for
    `technology` with the design's cipher, integrity, mode and GRE key settings."""
    spec = call_spec(design, technology, DEFAULT_LINK, nat_on_path=nat_t)
    inner = [Layer("IPv4 header", esp.IPV4_BYTES, True, "the packet's own header", "headers"),
             Layer("rest of the packet", PATH_MTU_BYTES - esp.IPV4_BYTES, False, "", "payload")]
    enc = esp.encapsulate(spec, inner, esp.IPV4_BYTES)
    typical = sum(layer.bytes for layer in enc.layers)
    worst = typical if enc.block_bytes is None else typical - enc.padding_bytes + enc.block_bytes - 1
    return FullPacket(typical, worst, enc.padding_bytes, enc.block_bytes)


def _mtu(design: Design, sizing: Sizing, techs: dict[str, list[str]]) -> list[Finding]:
    """BW-MTU per tunnel technology the links use (`techs`, `voice_mtu.by_technology`): one, design-wide, unless
    the WAN is hybrid."""
    default = sizing.technology
    hybrid = len(techs) > 1
    out = []
    for tech, ids in techs.items():
        if tech not in TUNNEL_INTERFACES and tech not in NO_TUNNEL_INTERFACE:
            continue
        try:
            nat_t = bool(traffic.nat_links(design, tech, sizing.hub).intersection(ids))
            advice = sizing.mtu
            if advice is None or getattr(advice, "technology", default) != tech:
                # A hybrid WAN: the sizing advises on its largest tunnel; this one's from the same engine.
                probe = call_spec(design, tech, DEFAULT_LINK, nat_on_path=nat_t)
                advice = traffic.mtu_advice(design, tech, [packet.compute(probe)])
            full = full_packet(design, tech, nat_t=nat_t)
        except (traffic.SizingError, packet.PacketError, KeyError):
            continue  # a technology the engine cannot price yet: the sizing reports it
        if advice is None or not advice.fragmentation:
            continue
        out.append(_mtu_finding(tech, tuple(ids) if hybrid and ids else DESIGN, advice, full))
    return out


def _mtu_finding(tech: str, subjects: tuple[str, ...], m: MtuAdvice, full: FullPacket) -> Finding:
    name = label(tech)
    worst = max(full.worst_bytes, PATH_MTU_BYTES + m.tunnel_overhead_bytes)
    sizes = f"a {PATH_MTU_BYTES:,}-byte packet becomes {full.typical_bytes:,} B"
    if worst != full.typical_bytes:
        sizes += f" ({worst:,} B at most, with the ESP padding at its maximum)"
    padding = ("" if full.block_bytes is None else
               f" Typical: the 1,500-byte packet's own ESP padding ({full.padding_bytes} B, to a multiple of "
               f"{full.block_bytes} B); worst case: {full.block_bytes - 1} B of padding, from the packet engine.")
    pmtud = "allow ICMP 'fragmentation needed' for path MTU discovery."
    if tech in NO_TUNNEL_INTERFACE:
        message = (f"{name} adds {full.typical_bytes - PATH_MTU_BYTES} B to a full packet: {sizes} and fragments; "
                   f"use adjust-mss {m.tcp_adjust_mss} on the LAN-facing interface and fragment before encryption")
        remedy = (f"{NO_TUNNEL_INTERFACE[tech]}: set 'ip tcp adjust-mss {m.tcp_adjust_mss}' on the LAN-facing "
                  "interface of every " + ("group member" if tech == "getvpn" else "crypto peer")
                  + "; fragment before encryption ('crypto ipsec fragmentation before-encryption'), so the "
                  f"receiver reassembles clear packets rather than encrypted ones; {pmtud}")
    else:
        message = (f"{name} adds {full.typical_bytes - PATH_MTU_BYTES} B to a full packet: {sizes} and fragments; "
                   f"use ip mtu {m.ip_mtu} / adjust-mss {m.tcp_adjust_mss} on the tunnel interfaces")
        remedy = (f"{TUNNEL_INTERFACES[tech]}: 'ip mtu {m.ip_mtu}' and 'ip tcp adjust-mss {m.tcp_adjust_mss}'; "
                  f"{pmtud}")
    source = SOURCE_MTU_NO_TUNNEL if tech in NO_TUNNEL_INTERFACE else SOURCE_MTU
    return finding("BW-MTU", subjects, message, f"{source}.{padding}", remedy, rule="BW-R3", source=source)
