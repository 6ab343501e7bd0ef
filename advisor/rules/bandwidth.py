"""Bandwidth findings from the per-link sizing (SPEC §3.2, §3.6): link overload, priority-queue share, tunnel MTU
and cRTP where it cannot work. Pure functions of the design and its `Sizing`."""

from __future__ import annotations

import dataclasses
import math

from advisor import packet
from advisor.findings import Finding, finding
from advisor.model import Design
from advisor.rules._names import names_for, tech_label
from advisor.traffic import ENCRYPTING, ETHERNET_L2, SERIAL_L2, Sizing, call_spec

DESIGN = ("design",)
SOURCE_SIZING = ("SPEC §3.2: a link must carry the busy-hour concurrent calls at the grade of service (Erlang B) × "
                 "per-call bandwidth for its encapsulation and layer 2, plus call signalling")
SOURCE_LLQ = ("Cisco QoS SRND: keep the priority queue (LLQ) for voice at or below 33 % of the link's capacity, so "
              "other traffic is not starved")
SOURCE_MTU = ("Cisco DMVPN design guide: 'ip mtu 1400' and 'ip tcp adjust-mss 1360' on the tunnel interface; "
              "SPEC §3.2: tunnel overhead on a 1,500-byte path shrinks the usable MTU")
SOURCE_CRTP = ("SPEC §3.1: cRTP works hop by hop on serial links only: it is not available on Ethernet, and it "
               "cannot compress headers that are already inside an encrypted tunnel")


def check(design: Design, sizing: Sizing) -> list[Finding]:
    """BW-* findings: per overloaded link, per link over its LLQ share, once for MTU, once for cRTP."""
    out: list[Finding] = []
    llq_share = design.traffic.llq_share
    links = {ln.id: ln for ln in design.links}
    cheaper = _g729_per_call_kbps(design, sizing)
    link_name = names_for(design).link
    limit = _limit(llq_share)
    limit_pct = float(limit[:-1])  # the limit as shown: a share must read above this
    for r in sizing.links:
        overload = r.kbps > r.capacity_kbps
        over_llq = r.voice_kbps > llq_share * r.capacity_kbps
        if not (overload or over_llq):
            continue  # most links of a large design: nothing to say, so nothing to format
        where = link_name(r.id)
        if overload:
            alt = cheaper.get((links[r.id].l2, links[r.id].l2_bytes, links[r.id].nat)) if r.id in links else None
            alt_text = (f", or use G.729 ({alt:.2f} kbps per call here: "
                        f"{r.calls * alt + r.signalling_kbps:.0f} kbps)" if alt is not None else "")
            out.append(finding(
                "BW-LINK-OVERLOAD", (r.id,),
                f"{where} needs {r.kbps:.2f} kbps per direction ({r.calls} calls × {r.per_call_kbps:.2f} kbps "
                f"+ {r.signalling_kbps:.2f} kbps signalling) but has {r.capacity_kbps:g} kbps "
                f"({_share(r.utilization, 100.0)} used)",
                f"BW-R1: {SOURCE_SIZING}. {r.erlangs:.2f} E offered at P{design.traffic.gos:g} need {r.calls} "
                f"concurrent calls; per call {r.per_call_kbps:.2f} kbps with {r.encapsulation}, {r.l2}.",
                f"Raise the capacity to at least {math.ceil(r.kbps):d} kbps (to keep voice within the "
                f"{limit} priority queue: {math.ceil(r.voice_kbps / llq_share):d} kbps){alt_text}; "
                "or move calls off this link.",
                rule="BW-R1", source=SOURCE_SIZING))
        if over_llq:
            out.append(finding(
                "BW-LLQ-SHARE", (r.id,),
                f"voice on {where} is {r.voice_kbps:.2f} kbps, {_share(r.llq_share, limit_pct)} of its "
                f"{r.capacity_kbps:g} kbps: above the {limit} priority-queue share "
                f"({llq_share * r.capacity_kbps:.2f} kbps)",
                f"BW-R2: {SOURCE_LLQ} (design setting {limit}). {r.calls} calls × "
                f"{r.per_call_kbps:.2f} kbps.",
                f"Raise the capacity to at least {math.ceil(r.voice_kbps / llq_share):d} kbps, use a lower-rate codec "
                "or longer packetization, or reduce the calls this link carries.",
                rule="BW-R2", source=SOURCE_LLQ))
    if sizing.mtu is not None and sizing.mtu.fragmentation:
        m = sizing.mtu
        out.append(finding(
            "BW-MTU", DESIGN,
            f"{tech_label(sizing.technology)} adds up to {m.tunnel_overhead_bytes} B per packet: 1500-byte packets "
            f"become {1500 + m.tunnel_overhead_bytes} B and fragment; use ip mtu {m.ip_mtu} / adjust-mss "
            f"{m.tcp_adjust_mss}",
            f"BW-R3: {SOURCE_MTU}. Worst case with ESP padding at its maximum, from the packet engine.",
            f"On every tunnel interface: 'ip mtu {m.ip_mtu}' and 'ip tcp adjust-mss {m.tcp_adjust_mss}' "
            "(for crypto-map IPsec and GET VPN, adjust-mss on the LAN-facing interface); allow ICMP "
            "'fragmentation needed' for path MTU discovery.",
            rule="BW-R3", source=SOURCE_MTU))
    crtp = design.voice.crtp
    if crtp:
        ethernet = [ln.id for ln in design.links if ln.l2 in ETHERNET_L2]
        encrypted = sizing.technology in ENCRYPTING
        if ethernet or encrypted:
            applied = [ln.id for ln in design.links if ln.l2 in SERIAL_L2] if not encrypted else []
            reasons = []
            if ethernet:
                reasons.append(f"{len(ethernet)} link(s) are Ethernet ({names_for(design).links(ethernet)})")
            if encrypted:
                reasons.append(f"{tech_label(sizing.technology)} encrypts before the serial link")
            out.append(finding(
                "BW-CRTP-INVALID", ethernet or DESIGN,
                f"cRTP ({crtp} B headers) is set but {' and '.join(reasons)}: sized without cRTP there "
                f"(applied on {len(applied)} serial link(s))",
                f"BW-R4: {SOURCE_CRTP}.",
                "Clear cRTP for these links (it cannot save bandwidth there); to cut per-call bandwidth use a "
                "lower-rate codec or longer packetization, or enable cRTP only on unencrypted PPP/MLPPP/Frame Relay "
                "links.",
                rule="BW-R4", source=SOURCE_CRTP))
    return out


def _g729_per_call_kbps(design: Design, sizing: Sizing) -> dict[tuple, float]:
    """Per-call kbps with G.729 for each overloaded link's encapsulation: a concrete alternative for the remedy."""
    if design.voice.codec == "g729":
        return {}
    out: dict[tuple, float] = {}
    overloaded = {r.id for r in sizing.links if r.kbps > r.capacity_kbps}
    for ln in design.links:
        key = (ln.l2, ln.l2_bytes, ln.nat)
        if ln.id in overloaded and key not in out:
            spec = dataclasses.replace(call_spec(design, sizing.technology, ln), codec="g729", ptime_ms=None)
            try:
                out[key] = packet.compute(spec).kbps
            except packet.PacketError:
                continue
    return out


def _limit(share: float) -> str:
    """A design's share setting as typed: 0.33 -> '33%', 0.335 -> '33.5%'."""
    return f"{share * 100:g}%"


def _share(value: float, shown_limit: float) -> str:
    """A share (0.3303) found above a limit as shown in percent (33), with one decimal, or as many more as it
    takes to read above the limit: 33.03 % against 33 % is '33.03%', never '33%' (a contradiction) nor '33.0%'."""
    percent = value * 100
    if percent >= shown_limit + 0.06:  # one decimal reads above the limit: the usual case, without a search
        return f"{percent:.1f}%"
    for decimals in range(1, 5):
        text = f"{percent:.{decimals}f}"
        if float(text) > shown_limit:
            break
    return f"{text}%"
