"""BW-MTU for the voice packets themselves: a packetization so long that one voice packet, with its headers and any
tunnel around it, is larger than the path MTU. Each such packet is fragmented in two on the way, while the sizing
prices one packet per packetization interval, so the per-call bandwidth it prints is short of a second set of
headers: said, per technology the links use, rather than left for the customer to find."""

from __future__ import annotations

from itertools import compress
from operator import attrgetter

from advisor import packet, traffic
from advisor.findings import Finding, finding
from advisor.model import Design
from advisor.numbers import setting
from advisor.rules._names import tech_label
from advisor.traffic import DEFAULT_LINK, PATH_MTU_BYTES, Sizing, call_spec

SOURCE = ("Cisco \"Resolve IP Fragmentation, MTU, MSS, and PMTUD Issues with GRE and IPsec\" (paraphrase): an IP "
          "packet larger than the MTU of the path is fragmented, and each fragment carries its own IP header (and "
          "its own tunnel headers when it is fragmented after encapsulation)")


def by_technology(sizing: Sizing) -> dict[str, list[str]]:
    """Technology -> the ids of the links whose calls use it (the sizing's own technology alone, with no link,
    when there are none): the MTU checks speak once per technology. Read by C-level passes (10,000 links: the loop
    took ~5 ms), in link order within each technology."""
    links = sizing.links
    if not links:
        return {sizing.technology: []}
    ids = list(map(attrgetter("id"), links))
    techs = [t or sizing.technology for t in map(attrgetter("technology"), links)]
    kinds = dict.fromkeys(techs)
    if len(kinds) == 1:  # one technology on every link (all but hybrid WANs)
        return {techs[0]: ids}
    return {kind: list(compress(ids, map(kind.__eq__, techs))) for kind in kinds}


def voice_mtu(design: Design, sizing: Sizing, designwide: tuple[str, ...],
              techs: dict[str, list[str]] | None = None) -> list[Finding]:
    """One BW-MTU warning per technology whose voice packet is larger than PATH_MTU_BYTES (subjects
    `designwide`, or that technology's links on a hybrid WAN); `techs`: `by_technology(sizing)` if already made."""
    techs = by_technology(sizing) if techs is None else techs
    out = []
    for tech, ids in techs.items():
        try:
            nat_t = bool(traffic.nat_links(design, tech, sizing.hub).intersection(ids))
            voice = packet.compute(call_spec(design, tech, DEFAULT_LINK, nat_on_path=nat_t))
        except (traffic.SizingError, packet.PacketError, KeyError):
            continue  # a technology the engine cannot price: the sizing reports it
        if voice.ip_packet_bytes <= PATH_MTU_BYTES:
            continue
        wrapped = "" if voice.overhead_bytes == 0 else \
            f" ({voice.clear_ip_bytes:,} B before {tech_label(tech)} adds {voice.overhead_bytes:,} B)"
        out.append(finding(
            "BW-MTU", tuple(ids) if len(techs) > 1 and ids else designwide,
            f"voice packets of {voice.codec.name} at {setting(voice.ptime_ms)} ms are {voice.ip_packet_bytes:,} B"
            f"{wrapped}, more than the {PATH_MTU_BYTES:,}-byte path MTU: each is fragmented in two, and the "
            "per-call bandwidth counts it as one packet, short of the second fragment's headers",
            f"{SOURCE}.", "Use a shorter packetization (20 or 30 ms, as usual), so that each voice packet fits the "
            "path MTU.", rule="BW-R3", source=SOURCE))
    return out
