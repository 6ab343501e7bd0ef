"""Per-call packet anatomy as plain data: one bar per technology, the chosen one first, each layer a segment.

Shared by the PDF (``advisor.report.anatomy`` draws it with reportlab) and the desktop app (the anatomy dock).
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.model import Design, Link
from advisor.packet_spec import Layer
from advisor.results import Results

TECHNOLOGIES = ("none", "mpls-isolation", "ipsec", "vti", "flexvpn", "gre-ipsec", "dmvpn", "getvpn")
TECH_LABEL = {"none": "Clear (no VPN)", "mpls-isolation": "MPLS isolation", "ipsec": "IPsec (crypto map)",
              "vti": "Static VTI", "flexvpn": "FlexVPN", "gre-ipsec": "GRE over IPsec", "dmvpn": "DMVPN",
              "getvpn": "GET VPN"}

# Cool tones for the call's own headers, green for the voice, warm tones for what the VPN adds, grey for layer 2.
KIND_COLOUR = {"payload": "#3f8f4f", "headers": "#2f77a8", "srtp": "#6b4fa0", "tunnel": "#d9772e",
               "esp": "#b5412c", "l2": "#8a949e", "core": "#c0c6cc"}
KIND_LABEL = {"payload": "voice payload", "headers": "RTP/UDP/IP headers", "srtp": "SRTP tag",
              "tunnel": "tunnel headers", "esp": "ESP (IPsec)", "l2": "layer 2"}


# A segment of a bar is one layer of the packet engine, as it is: name, bytes, overhead, note, kind.
Segment = Layer


@dataclass(frozen=True)
class AnatomyBar:
    technology: str
    chosen: bool
    encapsulation: str
    segments: tuple[Segment, ...]
    ip_packet_bytes: int
    frame_bytes: int
    kbps_ip: float
    kbps: float
    overhead_bytes: int
    max_overhead_bytes: int
    l2_convention: str
    formula: tuple[str, ...] = ()


def tech_label(technology: str) -> str:
    return TECH_LABEL.get(technology, technology)


def segment_colour(segment: Segment) -> str:
    """Hex colour of a segment by its kind; unknown kinds fall back on overhead blue or payload green."""
    return KIND_COLOUR.get(segment.kind, "#5d9cc8" if segment.overhead else KIND_COLOUR["payload"])


def reference_link(design: Design, results: Results) -> Link | None:
    """The link the anatomy is drawn for: the busiest one (most calls), first by id on ties."""
    if not design.links:
        return None
    calls = {r.id: r.calls for r in results.links}
    return min(design.links, key=lambda link: (-calls.get(link.id, 0), link.id))


def _nat_on_path(design: Design, technology: str, link: Link) -> bool:
    """NAT-T as the sizing applies it (``traffic.nat_links``): the bars agree with the link's own figures."""
    from advisor import traffic

    hub = traffic.hub_site(design) if traffic.overlay_is_hub(design, technology) else None
    return link.id in traffic.nat_links(design, technology, hub.id if hub is not None else None)


def _computed(spec):
    """`packet.compute(spec)`, or None where the engine refuses it."""
    from advisor import packet

    try:
        return packet.compute(spec)
    except ValueError:
        return None


def _as_sized(result, sized) -> bool:
    """Whether a computed packet is the one the link's sizing row was priced with."""
    return (result.ip_packet_bytes, result.frame_bytes) == (sized.ip_packet_bytes, sized.frame_bytes)


def anatomy_bars(design: Design, results: Results, link: Link | None = None) -> tuple[list[AnatomyBar], list[str]]:
    """One bar per technology (the chosen one first) and notes for alternatives that cannot apply here.

    Each bar is the packet one call uses on ``link`` (the busiest by default) with that technology, NAT-T included
    wherever a NAT sits on the call's path, so the chosen bar matches the link's ``LinkResult``."""
    from advisor import packet, traffic

    link = link if link is not None else reference_link(design, results)
    # A design without links (sites or clouds alone) is priced on a link's defaults (Ethernet), as its first link
    # would carry the call: given no link, every technology failed ("'NoneType' object has no attribute 'l2'")
    priced = link if link is not None else traffic.DEFAULT_LINK
    # On a hybrid WAN the link's own transport decides its technology.
    chosen = next((r.technology for r in results.links if link is not None and r.id == link.id and r.technology),
                  results.recommendation.chosen)
    ranked = [c.technology for c in results.recommendation.ranking]
    order = [chosen, *[t for t in (*ranked, *TECHNOLOGIES) if t != chosen]]
    bars: list[AnatomyBar] = []
    notes: list[str] = []
    seen_encaps: set[str] = set()
    nated = link is not None and any(ln.nat for ln in design.links)
    sized = next((r for r in results.links if link is not None and r.id == link.id), None)
    for tech in dict.fromkeys(order):
        try:
            nat = nated and _nat_on_path(design, tech, link)
            result = packet.compute(traffic.call_spec(design, tech, priced, nat_on_path=nat))
            if tech == chosen and nated and sized is not None and not _as_sized(result, sized):
                # The sizing counts NAT-T where any technology's calls on the design cross a NAT, through the one
                # hub it routes by (a hybrid WAN of DMVPN and IPsec); this bar's own rule looks at its technology
                # alone: the chosen bar is the packet the link's figures were priced with (280 B beside 288 B)
                other = _computed(traffic.call_spec(design, tech, priced, nat_on_path=not nat))
                result = other if other is not None and _as_sized(other, sized) else result
        except Exception as exc:  # noqa: BLE001 - an alternative that does not apply is reported, not fatal
            notes.append(f"{tech}: {exc}")
            continue
        # mpls-isolation and none share the clear packet; show it once.
        key = f"{result.encapsulation}|{result.frame_bytes}"
        if key in seen_encaps and tech != chosen:
            continue
        seen_encaps.add(key)
        bars.append(AnatomyBar(
            technology=tech, chosen=tech == chosen, encapsulation=str(result.encapsulation),
            segments=tuple(result.layers),
            ip_packet_bytes=int(result.ip_packet_bytes), frame_bytes=int(result.frame_bytes),
            kbps_ip=float(result.kbps_ip), kbps=float(result.kbps), overhead_bytes=int(result.overhead_bytes),
            max_overhead_bytes=int(result.max_overhead_bytes), l2_convention=str(result.l2_convention),
            formula=tuple(packet.formula_lines(result))))
    return bars, notes
